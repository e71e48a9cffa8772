package org.mlp4j.spark;

import java.io.Serializable;
import org.mlp4j.data.Dataset;

/**
 * One partition's training examples in compact arrays, converted once from its rows and cached: bytes
 * when every feature is a whole number from 0 to 255 (pixels: a quarter of the memory), floats
 * otherwise. Training never walks {@code Row}s again.
 */
final class Shard implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int features;
    final int size;
    /** n × features, when every value is a whole number in [0, 255]; else null. */
    final byte[] bytes;
    /** n × features, when {@link #bytes} is null. */
    final float[] values;

    final int[] labels;
    /** A regression's target a row, in its units (null for classes). */
    final float[] targets;
    /** Each row's weight (the weight column's), or null when the rows are not weighted. */
    final float[] weights;
    /** The features kept sparse, when {@link #bytes} and {@link #values} are both null. */
    final SparseRows sparse;
    /** The features in a local file, when the other three are null: a shard too large for the heap. */
    final DiskRows disk;

    Shard(int partition, int features, int size, byte[] bytes, float[] values, int[] labels) {
        this(partition, features, size, bytes, values, labels, null);
    }

    Shard(int partition, int features, int size, byte[] bytes, float[] values, int[] labels, float[] targets) {
        this(partition, features, size, bytes, values, labels, targets, null);
    }

    Shard(
            int partition,
            int features,
            int size,
            byte[] bytes,
            float[] values,
            int[] labels,
            float[] targets,
            float[] weights) {
        this(partition, features, size, bytes, values, null, null, labels, targets, weights);
    }

    /** A shard whose features are kept sparse. */
    Shard(int partition, int features, int size, SparseRows sparse, int[] labels, float[] targets, float[] weights) {
        this(partition, features, size, null, null, sparse, null, labels, targets, weights);
    }

    /** A shard whose features are kept in a local file. */
    Shard(int partition, int features, int size, DiskRows disk, int[] labels, float[] targets, float[] weights) {
        this(partition, features, size, null, null, null, disk, labels, targets, weights);
    }

    private Shard(
            int partition,
            int features,
            int size,
            byte[] bytes,
            float[] values,
            SparseRows sparse,
            DiskRows disk,
            int[] labels,
            float[] targets,
            float[] weights) {
        this.sparse = sparse;
        this.disk = disk;
        this.weights = weights;
        this.partition = partition;
        this.features = features;
        this.size = size;
        this.bytes = bytes;
        this.values = values;
        this.labels = labels;
        this.targets = targets;
    }

    /**
     * A hash of the shard's rows (features, labels, targets): what tells a checkpoint's data from other data
     * of the same size, so that a resumed fit never continues on rows it did not start on.
     *
     * @return the hash
     */
    long fingerprint() {
        // the same rows hash alike wherever they are kept (heap or disk), so a run resumes either way
        DiskRows.Layout onDisk = disk == null ? null : disk.layout();
        long h = size;
        h = 31 * h + (onDisk == DiskRows.Layout.BYTES ? disk.fingerprint() : java.util.Arrays.hashCode(bytes));
        h = 31 * h + (onDisk == DiskRows.Layout.FLOATS ? disk.fingerprint() : java.util.Arrays.hashCode(values));
        h = 31 * h + java.util.Arrays.hashCode(labels);
        h = 31 * h + java.util.Arrays.hashCode(weights);
        long sparseHash =
                onDisk == DiskRows.Layout.SPARSE ? disk.fingerprint() : sparse == null ? 0 : sparse.fingerprint();
        h = 31 * h + sparseHash;
        return 31 * h + java.util.Arrays.hashCode(targets);
    }

    /**
     * A whole in-memory dataset as one shard: grey levels as bytes when {@code pixelScale} (an image
     * dataset's raw pixels), else its features as floats.
     */
    static Shard of(Dataset data, boolean pixelScale) {
        int n = data.size();
        int f = data.features();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = data.label(i);
        }
        if (pixelScale && data instanceof org.mlp4j.data.ImageDataset img) {
            byte[] b = new byte[n * f];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < f; p++) {
                    b[i * f + p] = (byte) img.pixel(i, p);
                }
            }
            return new Shard(0, f, n, b, null, labels);
        }
        if (pixelScale) {
            throw new IllegalArgumentException("pixel scaling needs an image dataset, found " + data.description());
        }
        float[] v = new float[n * f];
        for (int i = 0; i < n; i++) {
            data.copyFeatures(i, v, i * f);
        }
        return new Shard(0, f, n, null, v, labels, targets(data));
    }

    /** Rows [from, to) as partition {@code partition}'s shard. */
    /** A regression dataset's single target a row, in its units (the dataset hands it out standardised). */
    private static float[] targets(Dataset data) {
        org.mlp4j.data.Standardizer s = data.targetScaling();
        if (s == null) {
            return null;
        }
        if (data.classes() != 1) {
            throw new org.mlp4j.InvalidInputException(
                    "label",
                    "label: expected one target column for a regression on Spark, found " + data.classes() + " ("
                            + data.description() + ")");
        }
        float[] t = new float[data.size()];
        float[] z = new float[1];
        for (int i = 0; i < t.length; i++) {
            data.copyTarget(i, z, 0);
            t[i] = (float) s.unscale(0, z[0]);
        }
        return t;
    }

    Shard slice(int partition, int from, int to) {
        if (sparse != null || disk != null) {
            throw new IllegalStateException("a sparse or disk shard is built from its partition's rows, never sliced");
        }
        int[] l = java.util.Arrays.copyOfRange(labels, from, to);
        float[] t = targets == null ? null : java.util.Arrays.copyOfRange(targets, from, to);
        float[] w = weights == null ? null : java.util.Arrays.copyOfRange(weights, from, to);
        return new Shard(
                partition,
                features,
                to - from,
                bytes == null ? null : java.util.Arrays.copyOfRange(bytes, from * features, to * features),
                values == null ? null : java.util.Arrays.copyOfRange(values, from * features, to * features),
                l,
                t,
                w);
    }

    /**
     * The examples as an mlp4j dataset.
     *
     * @param classes    the number of classes (the last layer)
     * @param pixelScale divide by 255, as mlp4j does for MNIST's grey levels (the same float division)
     */
    Dataset dataset(int classes, boolean pixelScale) {
        return dataset(classes, pixelScale, null);
    }

    /** The shard as a dataset; a regression's targets standardised by {@code targetScaling}. */
    Dataset dataset(int classes, boolean pixelScale, org.mlp4j.data.Standardizer targetScaling) {
        return new ShardDataset(this, classes, pixelScale, targetScaling);
    }

    private static final class ShardDataset implements Dataset {
        /** v / 255f for every byte v: the very values ImageDataset gives, so one worker matches mlp4j. */
        private static final float[] PIXEL = new float[256];

        static {
            for (int v = 0; v < 256; v++) {
                PIXEL[v] = v / 255f;
            }
        }

        private final Shard s;
        private final int classes;
        private final boolean pixelScale;
        private final org.mlp4j.data.Standardizer targetScaling;

        ShardDataset(Shard s, int classes, boolean pixelScale, org.mlp4j.data.Standardizer targetScaling) {
            this.s = s;
            this.classes = classes;
            this.pixelScale = pixelScale;
            this.targetScaling = targetScaling;
        }

        @Override
        public org.mlp4j.data.Standardizer targetScaling() {
            return targetScaling;
        }

        @Override
        public boolean weighted() {
            return s.weights != null;
        }

        @Override
        public float weight(int i) {
            return s.weights == null ? 1f : s.weights[i];
        }

        @Override
        public void copyTarget(int i, float[] dst, int off) {
            if (targetScaling == null) {
                Dataset.super.copyTarget(i, dst, off);
            } else {
                dst[off] =
                        (s.targets[i] - targetScaling.mean()[0]) / targetScaling.std()[0];
            }
        }

        @Override
        public int size() {
            return s.size;
        }

        @Override
        public int features() {
            return s.features;
        }

        @Override
        public int classes() {
            return classes;
        }

        @Override
        public int label(int i) {
            return s.labels[i];
        }

        @Override
        public void copyFeatures(int i, float[] dst, int off) {
            int f = s.features;
            int src = i * f;
            if (s.disk != null) {
                s.disk.copyRow(i, dst, off, pixelScale);
            } else if (s.sparse != null) {
                s.sparse.copyRow(i, dst, off, f, pixelScale);
            } else if (s.bytes != null) {
                for (int k = 0; k < f; k++) {
                    int v = s.bytes[src + k] & 0xff;
                    dst[off + k] = pixelScale ? PIXEL[v] : v;
                }
            } else if (pixelScale) {
                for (int k = 0; k < f; k++) {
                    dst[off + k] = s.values[src + k] / 255f;
                }
            } else {
                System.arraycopy(s.values, src, dst, off, f);
            }
        }

        @Override
        public String description() {
            return "partition " + s.partition + " (" + s.size + " rows)";
        }
    }
}
