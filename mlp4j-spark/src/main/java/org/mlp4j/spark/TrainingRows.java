package org.mlp4j.spark;

import org.mlp4j.data.Dataset;

/**
 * A shard as one partition trains on it: its first {@code train} rows (the same number on every
 * partition, so all step in lockstep) followed by its last {@code heldOut} rows, which {@code fit} holds
 * out for validation. With one partition and nothing dropped it is the shard itself.
 */
final class TrainingRows {
    private TrainingRows() {}

    static Dataset of(Dataset shard, int train, int heldOut) {
        if (train + heldOut == shard.size()) {
            return shard;
        }
        Dataset head = shard.slice(0, train);
        Dataset tail = shard.slice(shard.size() - heldOut, shard.size());
        return new Dataset() {
            @Override
            public int size() {
                return train + heldOut;
            }

            @Override
            public int features() {
                return shard.features();
            }

            @Override
            public int classes() {
                return shard.classes();
            }

            @Override
            public int label(int i) {
                return i < train ? head.label(i) : tail.label(i - train);
            }

            @Override
            public void copyFeatures(int i, float[] dst, int off) {
                if (i < train) {
                    head.copyFeatures(i, dst, off);
                } else {
                    tail.copyFeatures(i - train, dst, off);
                }
            }

            @Override
            public String description() {
                return shard.description();
            }

            @Override
            public org.mlp4j.data.Standardizer targetScaling() {
                return shard.targetScaling();
            }

            @Override
            public void copyTarget(int i, float[] dst, int off) {
                if (i < train) {
                    head.copyTarget(i, dst, off);
                } else {
                    tail.copyTarget(i - train, dst, off);
                }
            }
        };
    }
}
