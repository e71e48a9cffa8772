/**
 * What a training run tells its caller and how the caller steers it: {@link org.mlp4j.train.EpochListener}
 * (every epoch's {@link org.mlp4j.train.EpochStats}; it can stop training), {@link
 * org.mlp4j.train.Checkpointer} (positions that resume a run bit for bit), the run's ends ({@link
 * org.mlp4j.train.TrainingStopped}, {@link org.mlp4j.train.TrainingDiverged}, whose {@code check} is the
 * divergence rule every training loop runs). How to train is a recipe's ({@link org.mlp4j.recipe.TrainingPlan});
 * the loop that does it is in the unexported {@code org.mlp4j.sgd}.
 */
package org.mlp4j.train;
