package org.mlp4j.sgd;

import org.mlp4j.engine.BatchedBackprop;

/** Which implementation computes the minibatch update. Both compute the same mathematics. */
public enum GradientPath {
    /** Whole minibatch as float32 matrices ({@link BatchedBackprop}): the default, fast. */
    BATCHED,
    /** One example at a time in double precision ({@link org.mlp4j.model.ReferenceNetwork}): plain, slow. */
    REFERENCE
}
