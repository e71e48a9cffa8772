package org.mlp4j.model;

import java.util.Arrays;
import org.mlp4j.InvalidInputException;

/** The checks behind {@link Network}'s layer sizes and architecture, each mistake one clear message. */
final class LayerChecks {
    private LayerChecks() {}

    static void architecture(Activation activation, Activation outputActivation, Cost cost) {
        if (!activation.elementwise()) {
            throw new InvalidInputException(
                    "activation",
                    "activation: " + activation.id() + " mixes the units of a layer and is only"
                            + " valid as the output activation (output-activation)");
        }
        boolean probabilities =
                outputActivation == StandardActivation.SOFTMAX || outputActivation == StandardActivation.SIGMOID;
        if ((cost == StandardCost.CROSS_ENTROPY || cost == StandardCost.BINARY_CROSS_ENTROPY) && !probabilities) {
            throw new InvalidInputException(
                    "cost",
                    "cost: " + cost.id() + " needs outputs in (0, 1): expected output activation"
                            + " softmax or sigmoid (output-activation), found " + outputActivation.id());
        }
    }

    static int[] parseSizes(String text, String field) {
        if (text == null) {
            throw new InvalidInputException(field + ": missing");
        }
        String[] parts = text.split(",");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field
                        + ": expected comma-separated positive integers such as 784,512,10," + " found '" + text + "'");
            }
            if (sizes[i] <= 0 || sizes[i] > Network.MAX_SIZE) {
                throw new InvalidInputException(field + ": expected sizes from 1 to " + Network.MAX_SIZE + ", found "
                        + sizes[i] + " in '" + text + "'");
            }
        }
        if (sizes.length < 2) {
            throw new InvalidInputException(
                    field + ": expected at least two sizes (input and output), found '" + text + "'");
        }
        checkLayerProducts(sizes, field);
        return sizes;
    }

    /** Each layer's fan_in × fan_out, computed in long arithmetic, must fit one Java array. */
    private static void checkLayerProducts(int[] sizes, String field) {
        for (int l = 0; l + 1 < sizes.length; l++) {
            long n = (long) sizes[l] * sizes[l + 1];
            if (n > Network.MAX_WEIGHTS) {
                throw new InvalidInputException(field + ": layer " + (l + 1) + " (" + sizes[l] + " x " + sizes[l + 1]
                        + ") has " + n + " weights; one layer may have at most " + Network.MAX_WEIGHTS);
            }
        }
    }

    static int[] checkSizes(int[] sizes) {
        if (sizes == null || sizes.length < 2) {
            throw new InvalidInputException(
                    "layers",
                    "layers: expected at least two sizes (input and output), found "
                            + (sizes == null ? "none" : Arrays.toString(sizes)));
        }
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] <= 0) {
                throw new InvalidInputException(
                        "layers",
                        "layers: expected positive sizes, found " + sizes[i] + " at position " + (i + 1) + " of "
                                + Arrays.toString(sizes));
            }
        }
        checkLayerProducts(sizes, "layers");
        return sizes.clone();
    }
}
