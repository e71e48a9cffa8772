package org.mlp4j.data;

import org.mlp4j.InvalidInputException;

/** A contiguous range of another dataset's examples. */
final class DatasetSlice implements Dataset {
    private final Dataset parent;
    private final int from;
    private final int size;

    DatasetSlice(Dataset parent, int from, int to) {
        if (from < 0 || to > parent.size() || from > to) {
            throw new InvalidInputException("slice of " + parent.description() + ": expected a range within [0, "
                    + parent.size() + "], found [" + from + ", " + to + ")");
        }
        this.parent = parent;
        this.from = from;
        this.size = to - from;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int features() {
        return parent.features();
    }

    @Override
    public int classes() {
        return parent.classes();
    }

    @Override
    public int label(int i) {
        return parent.label(from + i);
    }

    @Override
    public void copyFeatures(int i, float[] dst, int off) {
        parent.copyFeatures(from + i, dst, off);
    }

    @Override
    public String description() {
        return parent.description() + "[" + from + ".." + (from + size) + ")";
    }

    @Override
    public boolean weighted() {
        return parent.weighted();
    }

    @Override
    public float weight(int i) {
        return parent.weight(from + i);
    }

    @Override
    public String inputScaling() {
        return parent.inputScaling();
    }

    @Override
    public Standardizer targetScaling() {
        return parent.targetScaling();
    }

    @Override
    public java.util.List<String> targetNames() {
        return parent.targetNames();
    }

    @Override
    public void copyTarget(int i, float[] dst, int off) {
        parent.copyTarget(from + i, dst, off);
    }
}
