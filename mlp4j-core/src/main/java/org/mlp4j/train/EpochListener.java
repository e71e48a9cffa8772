package org.mlp4j.train;

/** Told about each finished epoch of {@link MinibatchSgd#fit}. */
@FunctionalInterface
public interface EpochListener {

    void onEpoch(EpochStats stats);
}
