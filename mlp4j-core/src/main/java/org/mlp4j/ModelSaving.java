package org.mlp4j;

import java.util.List;
import org.mlp4j.model.Network;

/**
 * What {@link MultilayerPerceptron#save} writes besides the parameters: the input scaling of the data the
 * network was trained on (or its standardiser), a regression's target scaling and names or a classifier's
 * class names, and the recipe; every inconsistency is a clear error before anything is written.
 */
final class ModelSaving {
    private ModelSaving() {}

    /**
     * Writes the model file.
     *
     * @param file where to write (atomically)
     * @param net the parameters
     * @param classNames one name per output, or null
     * @param inputs the standardiser the training data went through, or null
     * @param trainedInputScaling the input scaling the last fit saw, or null when never fitted
     * @param trainedTargets a regression's target standardiser, or null for a classifier
     * @param trainedTargetNames a regression's target names, or null
     * @param recipe the recipe the network was planned from, or null
     */
    static void save(
            java.nio.file.Path file,
            Network net,
            List<String> classNames,
            org.mlp4j.data.Standardizer inputs,
            String trainedInputScaling,
            org.mlp4j.data.Standardizer trainedTargets,
            List<String> trainedTargetNames,
            org.mlp4j.recipe.Recipe recipe) {
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        java.util.Map<String, float[]> tensors = new java.util.LinkedHashMap<>();
        inputScaling(net, inputs, trainedInputScaling, meta, tensors);
        if (trainedTargets != null) {
            targets(net, classNames, trainedTargets, trainedTargetNames, meta, tensors);
        } else if (classNames != null) {
            meta.put("class_names", String.join(",", checkedClassNames(net, classNames)));
        }
        if (recipe != null) {
            meta.put("recipe", recipe.toJson());
        }
        org.mlp4j.io.ModelFile.save(file, net, meta, tensors);
    }

    /** The input scaling (and a standardiser's tensors) the loaded model applies to raw examples. */
    private static void inputScaling(
            Network net,
            org.mlp4j.data.Standardizer inputs,
            String trainedInputScaling,
            java.util.Map<String, String> meta,
            java.util.Map<String, float[]> tensors) {
        if (inputs != null) {
            if (inputs.mean().length != net.inputSize() || inputs.std().length != net.inputSize()) {
                throw new InvalidInputException(
                        "inputs",
                        "inputs: expected a standardiser of " + net.inputSize() + " features, found "
                                + inputs.mean().length);
            }
            meta.put("input_scaling", "standardize");
            tensors.put("input.mean", inputs.mean());
            tensors.put("input.std", inputs.std());
        } else {
            if ("standardize".equals(trainedInputScaling)) {
                // without the standardiser the loaded model would take standardised values, not raw ones
                throw new InvalidInputException(
                        "inputs",
                        "inputs: the network was trained on standardised rows; expected their Standardizer"
                                + " (save(file, classNames, standardizer)), found none");
            }
            meta.put("input_scaling", trainedInputScaling != null ? trainedInputScaling : "pixel/255");
        }
    }

    /** A regression's task, target names and target scaling: the model answers in the targets' units. */
    private static void targets(
            Network net,
            List<String> classNames,
            org.mlp4j.data.Standardizer trainedTargets,
            List<String> trainedTargetNames,
            java.util.Map<String, String> meta,
            java.util.Map<String, float[]> tensors) {
        if (classNames != null) {
            throw new InvalidInputException(
                    "classNames",
                    "classNames: the network was trained as a regression; expected null, found " + classNames);
        }
        meta.put("task", org.mlp4j.io.ModelFile.REGRESSION);
        List<String> names = trainedTargetNames != null
                ? trainedTargetNames
                : java.util.stream.IntStream.range(0, net.outputSize())
                        .mapToObj(k -> "y" + k)
                        .toList();
        meta.put("target_names", String.join(",", names));
        tensors.put("target.mean", trainedTargets.mean());
        tensors.put("target.std", trainedTargets.std());
    }

    /** One non-empty name without commas per output. */
    private static List<String> checkedClassNames(Network net, List<String> classNames) {
        if (classNames.size() != net.outputSize()) {
            throw new InvalidInputException(
                    "classNames", "classNames: expected " + net.outputSize() + " names, found " + classNames.size());
        }
        for (String name : classNames) {
            if (name == null || name.isEmpty() || name.contains(",")) {
                throw new InvalidInputException(
                        "classNames", "classNames: expected non-empty names without commas, found '" + name + "'");
            }
        }
        return classNames;
    }
}
