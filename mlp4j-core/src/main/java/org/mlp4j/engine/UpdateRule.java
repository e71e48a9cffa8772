package org.mlp4j.engine;

/**
 * What the engine needs of an optimizer: how one step changes the parameters once their gradient is
 * known. The engine defines it and the update rules (plain SGD, momentum, Nesterov, Adam, AdamW, in
 * {@code org.mlp4j.sgd.optim}) implement it, so the engine depends on no rule and the rule is chosen once
 * per run, not per update. Parameters are addressed as tensors: 2l is layer l's weights, 2l + 1 its biases.
 */
public interface UpdateRule {
    /**
     * Whether an update needs the whole gradient's global norm first (gradient clipping). Then the engine
     * computes every gradient before any update; otherwise it updates each block of parameters right after
     * computing its gradient, while it is still in cache.
     *
     * @return true when {@link #beginStep} needs the gradient's norm
     */
    boolean needsGradientNorm();

    /**
     * Starts a step, at the learning rate the trainer gave the rule (the engine never sees it: the rate goes
     * from the recipe through the trainer's schedule to the rule).
     *
     * @param gradNorm the gradient's global L2 norm when {@link #needsGradientNorm()}, else 0
     */
    void beginStep(double gradNorm);

    /**
     * Updates p[from, to) of one tensor with its gradient g[from, to). Called from several threads on
     * disjoint slices; the result depends only on the slice's elements.
     *
     * @param tensor 2l for layer l's weights, 2l + 1 for its biases
     * @param p      the parameters
     * @param g      their gradient
     * @param from   the first index
     * @param to     the end index (exclusive)
     */
    void update(int tensor, float[] p, float[] g, int from, int to);
}
