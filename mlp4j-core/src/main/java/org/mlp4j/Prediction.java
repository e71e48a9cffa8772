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
    /**
     * The prediction the outputs make: the largest output's class, and the outputs normalised to sum to 1.
     *
     * @param outputs the output layer's activations
     * @param classNames one name per output
     * @return the prediction
     */
    public static Prediction of(float[] outputs, java.util.List<String> classNames) {
        int c = org.mlp4j.eval.Evaluation.argmax(outputs, 0, outputs.length);
        double sum = 0;
        for (float v : outputs) {
            sum += v;
        }
        float[] probabilities = new float[outputs.length];
        for (int j = 0; j < outputs.length; j++) {
            probabilities[j] = sum > 0 ? (float) (outputs[j] / sum) : 1f / outputs.length;
        }
        return new Prediction(c, classNames.get(c), probabilities, outputs);
    }

    /**
     * The probability of the predicted class.
     *
     * @return the largest probability, from 0 to 1
     */
    public float confidence() {
        return probabilities[index];
    }
}
