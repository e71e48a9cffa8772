package org.mlp4j.data;

import org.mlp4j.InvalidInputException;

/** A dataset's examples with a weight each ({@link Dataset#withWeights}); everything else is the dataset's. */
final class WeightedDataset implements Dataset {
    private final Dataset data;
    private final float[] weights;

    WeightedDataset(Dataset data, float[] weights) {
        if (weights == null || weights.length != data.size()) {
            throw new InvalidInputException(
                    "weights",
                    "weights: expected one per example (" + data.size() + "), found "
                            + (weights == null ? "none" : weights.length));
        }
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
                throw new InvalidInputException(
                        "weights", "weights[" + i + "]: expected a finite number, 0 or more, found " + weights[i]);
            }
            sum += weights[i];
        }
        if (sum == 0) {
            throw new InvalidInputException(
                    "weights", "weights: expected some above 0, found all " + weights.length + " 0");
        }
        this.data = data;
        this.weights = weights.clone();
    }

    @Override
    public boolean weighted() {
        return true;
    }

    @Override
    public float weight(int i) {
        return weights[i];
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public int features() {
        return data.features();
    }

    @Override
    public int classes() {
        return data.classes();
    }

    @Override
    public int label(int i) {
        return data.label(i);
    }

    @Override
    public void copyFeatures(int i, float[] dst, int off) {
        data.copyFeatures(i, dst, off);
    }

    @Override
    public String description() {
        return data.description() + " (weighted)";
    }

    @Override
    public String inputScaling() {
        return data.inputScaling();
    }

    @Override
    public Standardizer targetScaling() {
        return data.targetScaling();
    }

    @Override
    public boolean regression() {
        return data.regression();
    }

    @Override
    public java.util.List<String> targetNames() {
        return data.targetNames();
    }

    @Override
    public void copyTarget(int i, float[] dst, int off) {
        data.copyTarget(i, dst, off);
    }
}
