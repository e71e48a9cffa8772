package org.mlp4j;

/**
 * One classified example: the class index, its label (the model's class name), and the outputs as
 * probabilities that sum to 1. With a softmax output (every recipe but the article's) the probabilities
 * are the network's outputs; with sigmoid outputs they are the outputs normalised to sum to 1, which are
 * scores rather than calibrated probabilities.
 *
 * @param index         the class with the largest output
 * @param label         that class's name
 * @param probabilities one value per class, summing to 1
 * @param outputs       the network's raw output activations
 */
public record Prediction(int index, String label, float[] probabilities, float[] outputs) {
    /** The probability of the predicted class. */
    public float confidence() {
        return probabilities[index];
    }
}
