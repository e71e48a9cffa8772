/**
 * Training: {@link org.mlp4j.train.MinibatchSgd} and its settings ({@link
 * org.mlp4j.train.TrainingSettings}: epochs, minibatch, {@link org.mlp4j.train.Schedule}, {@link
 * org.mlp4j.train.Regularization}, {@link org.mlp4j.train.Validation}), listeners that see each epoch and
 * can stop training, and checkpoints that resume a run bit for bit; {@link org.mlp4j.train.EpochTimer} times
 * the engine's epochs alone, for benchmarks.
 */
package org.mlp4j.train;
