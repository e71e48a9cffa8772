/**
 * Minibatch stochastic gradient descent: the article's {@code fit} and the modern loop ({@link
 * org.mlp4j.sgd.MinibatchSgd}), its settings ({@link org.mlp4j.sgd.TrainingSettings}: epochs, minibatch,
 * {@link org.mlp4j.sgd.Schedule}, {@link org.mlp4j.sgd.Regularization}, {@link org.mlp4j.sgd.Validation},
 * early stopping) and, in {@code optim}, the update rules. Not exported by the module: a recipe is the one
 * place training is configured, and {@link org.mlp4j.recipe.TrainingPlan} turns it into these settings
 * and trains by them. It sits above {@code train} (the listener and checkpoint contracts it honours) and
 * the engine it drives.
 */
package org.mlp4j.sgd;
