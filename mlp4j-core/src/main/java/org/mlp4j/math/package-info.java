/**
 * The seeded generator ({@link org.mlp4j.math.Rng}) behind every random draw: initial weights, shuffles,
 * dropout masks and distortions; its state is saved in checkpoints, so a resumed run draws what the
 * uninterrupted one would have.
 */
package org.mlp4j.math;
