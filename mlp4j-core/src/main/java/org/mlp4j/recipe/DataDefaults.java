package org.mlp4j.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The recipe values that follow the data when the user did not set them (a named recipe's values and the
 * built-in ones are made for MNIST: a 150-row table failed on each of them in turn). The rule of the
 * command line and the Java API ({@link Recipe#fitTo}); Spark's estimator still sizes its layers its own
 * way, and does not apply the rest yet:
 * <ul>
 *   <li><b>layers</b>: the first size is the number of features and the last the number of classes; the
 *       hidden sizes are the recipe's, or with {@code layers: auto} one hidden layer of
 *       {@link #hiddenWidth} units;
 *   <li><b>batch-size</b>: at most the training rows;
 *   <li><b>validation-split</b> for tabular data: a tenth of the training rows when that is at least
 *       {@value #MIN_HELD_OUT} rows, otherwise none.
 * </ul>
 * Each change is said in one line.
 */
final class DataDefaults {
    /** Rows a validation split must hold to say anything: fewer give accuracies in steps of 5%. */
    static final int MIN_HELD_OUT = 20;
    /** The share of tabular training rows held out for validation when there are enough. */
    static final double TABULAR_SPLIT = 0.1;

    private DataDefaults() {}

    /**
     * The hidden width of {@code layers: auto}: twice the inputs and outputs together, rounded up to a
     * power of two, from 16 to 256 (iris 16, wine 32, breast_cancer 64, MNIST 256).
     *
     * @param features inputs
     * @param classes  outputs
     * @return the width
     */
    static int hiddenWidth(int features, int classes) {
        long want = 2L * (features + classes);
        int w = 16;
        while (w < want && w < 256) {
            w *= 2;
        }
        return w;
    }

    /**
     * {@code r} with the values the user did not set made to fit the data.
     *
     * @param r         the recipe
     * @param features  the data's features
     * @param classes   the data's classes
     * @param trainRows the training rows (before any validation split)
     * @param tabular   whether the data is a table (its validation split is a fraction)
     * @param notes     receives one line per value changed
     * @return the fitted recipe (or {@code r} when nothing changed)
     */
    static Recipe fit(Recipe r, int features, int classes, int trainRows, boolean tabular, Consumer<String> notes) {
        Map<String, Object> changes = new LinkedHashMap<>();
        List<String> said = new ArrayList<>();
        LayerSizes layers = r.get(Hyperparameter.LAYERS);
        if (layers.auto() || !r.setByUser("layers")) { // 'auto', wherever it was written, asks for the data's sizes
            LayerSizes sizes = layers.auto()
                    ? LayerSizes.of(features, hiddenWidth(features, classes), classes)
                    : withEnds(layers.sizes(), features, classes);
            if (!sizes.equals(layers)) {
                changes.put("layers", sizes);
                said.add("layers " + sizes + " (" + features + " features, " + classes
                        + (r.regression() ? (classes == 1 ? " target" : " targets") : " classes")
                        + (layers.auto() ? ", hidden width by the rule of layers: auto" : "") + ")");
            }
        }
        Recipe split = fitSplit(r, trainRows, tabular);
        ValidationSplit held = split.get(Hyperparameter.VALIDATION_SPLIT);
        if (split != r) {
            changes.put("validation-split", held);
            int tenth = (int) Math.round(TABULAR_SPLIT * trainRows);
            said.add(
                    held.amount() > 0
                            ? "validation-split " + TABULAR_SPLIT + " (" + tenth + " of the " + trainRows + " rows)"
                            : "no validation split (a tenth of the " + trainRows + " training rows would be " + tenth
                                    + ", fewer than " + MIN_HELD_OUT + ")");
        }
        if (holdsNothing(held) && r.get(Hyperparameter.PATIENCE) > 0 && !r.setByUser("patience")) {
            changes.put("patience", 0); // early stopping needs the held-out rows there are too few of
            said.add("no early stopping");
        }
        int heldOut = held.article()
                ? 0
                : Math.max(0, held.of(trainRows, r.source("validation-split")).heldOut());
        if (!r.setByUser("batch-size")) {
            int rows = Math.max(1, trainRows - heldOut);
            if (r.get(Hyperparameter.BATCH_SIZE) > rows) {
                changes.put("batch-size", rows);
                said.add("batch-size " + rows + " (every training row, fewer than the recipe's "
                        + r.get(Hyperparameter.BATCH_SIZE) + ")");
            }
        }
        if (changes.isEmpty()) {
            return r;
        }
        notes.accept("from the data: " + String.join("; ", said));
        return r.merge(changes, Recipe.FITTED);
    }

    /** A split of 0 examples: nothing held out, not the article's last minibatch. */
    private static boolean holdsNothing(ValidationSplit s) {
        return !s.article() && s.amount() == 0;
    }

    /**
     * {@code r} with only the validation split fitted to the data (a tenth of tabular rows when that is at
     * least {@value #MIN_HELD_OUT}, else none), for readers that need it before the whole data is known.
     *
     * @param r         the recipe
     * @param trainRows the training rows
     * @param tabular   whether the data is a table
     * @return the recipe, or {@code r} when the split needs no change
     */
    static Recipe fitSplit(Recipe r, int trainRows, boolean tabular) {
        if (!tabular || r.setByUser("validation-split")) {
            return r;
        }
        int tenth = (int) Math.round(TABULAR_SPLIT * trainRows);
        ValidationSplit split =
                tenth >= MIN_HELD_OUT ? ValidationSplit.fraction(TABULAR_SPLIT) : ValidationSplit.examples(0);
        if (split.equals(r.get(Hyperparameter.VALIDATION_SPLIT))) {
            return r;
        }
        return r.merge(Map.of("validation-split", split), Recipe.FITTED);
    }

    /**
     * {@code r} without a named recipe's early stopping when the user's own validation split is 0: the
     * patience was the recipe's, the split the user's choice, and early stopping has nothing to watch.
     *
     * @param r     the recipe
     * @param notes receives one line when the patience is dropped
     * @return the recipe, or {@code r} when nothing changed
     */
    static Recipe settle(Recipe r, Consumer<String> notes) {
        if (r.setByUser("validation-split")
                && holdsNothing(r.get(Hyperparameter.VALIDATION_SPLIT))
                && r.get(Hyperparameter.PATIENCE) > 0
                && !r.setByUser("patience")) {
            notes.accept("no early stopping: " + r.source("validation-split") + " 0 holds nothing out to watch");
            return r.merge(Map.of("patience", 0), Recipe.FITTED);
        }
        return r;
    }

    /** {@link Recipe#forRegression()}: an output and a cost for real values, or a refusal naming the key. */
    static Recipe forRegression(Recipe r) {
        Map<String, Object> set = new LinkedHashMap<>();
        org.mlp4j.model.Activation out = r.get(Hyperparameter.OUTPUT_ACTIVATION);
        if (!r.setByUser("output-activation")) {
            if (out != org.mlp4j.model.StandardActivation.IDENTITY) {
                set.put("output-activation", org.mlp4j.model.StandardActivation.IDENTITY);
            }
        } else if (out == org.mlp4j.model.StandardActivation.SOFTMAX
                || out == org.mlp4j.model.StandardActivation.SIGMOID) {
            throw new org.mlp4j.InvalidInputException(
                    "output-activation",
                    r.source("output-activation") + ": expected an output for real values with task regression"
                            + " (identity, or any hidden activation), found " + out.id());
        }
        org.mlp4j.model.Cost cost = r.get(Hyperparameter.COST);
        boolean forValues =
                cost == org.mlp4j.model.StandardCost.QUADRATIC || cost == org.mlp4j.model.StandardCost.HUBER;
        if (!r.setByUser("cost")) {
            if (!forValues) {
                set.put("cost", org.mlp4j.model.StandardCost.QUADRATIC);
            }
        } else if (!forValues) {
            throw new org.mlp4j.InvalidInputException(
                    "cost",
                    r.source("cost") + ": expected quadratic or huber with task regression, found " + cost.id());
        }
        return set.isEmpty() ? r : r.merge(set, "task regression");
    }

    private static LayerSizes withEnds(int[] sizes, int features, int classes) {
        sizes[0] = features;
        sizes[sizes.length - 1] = classes;
        return LayerSizes.of(sizes);
    }
}
