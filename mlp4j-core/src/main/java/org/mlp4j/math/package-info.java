/**
 * Numerics: the seeded generator ({@link org.mlp4j.math.Rng}) behind every random draw, the compute
 * {@link org.mlp4j.math.Kernels} (Vector API, or plain loops when the module is absent: {@code
 * Kernels.best().name()} says which) and the {@link org.mlp4j.math.WorkerPool} whose results do not depend
 * on its thread count.
 */
package org.mlp4j.math;
