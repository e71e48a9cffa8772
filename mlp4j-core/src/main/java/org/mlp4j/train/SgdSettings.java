package org.mlp4j.train;

import org.mlp4j.InvalidInputException;

/**
 * The hyper-parameters of the article's {@code fit}: epochs, minibatch size and learning rate, plus
 * which gradient path computes the updates.
 */
public record SgdSettings(int epochs, int batchSize, double learningRate, GradientPath path) {

    public SgdSettings {
        if (epochs <= 0) {
            throw new InvalidInputException("--epochs: expected a positive number of epochs, found " + epochs);
        }
        if (batchSize <= 0) {
            throw new InvalidInputException("--batch-size: expected a positive batch size, found " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate) || (float) learningRate == Float.POSITIVE_INFINITY) {
            throw new InvalidInputException("--lr: expected a positive, finite learning rate, found " + learningRate);
        }
        if (path == null) {
            path = GradientPath.BATCHED;
        }
    }

    public SgdSettings(int epochs, int batchSize, double learningRate) {
        this(epochs, batchSize, learningRate, GradientPath.BATCHED);
    }
}
