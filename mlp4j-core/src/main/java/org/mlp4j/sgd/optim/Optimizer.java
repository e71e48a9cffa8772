package org.mlp4j.sgd.optim;

import org.mlp4j.engine.UpdateRule;
import org.mlp4j.model.Network;
import org.mlp4j.sgd.optim.OptimizerSettings.Kind;

/**
 * The state of an update rule for one network, and the update itself. Parameters are addressed as
 * tensors: tensor 2l is layer l's weights, 2l + 1 its biases, in {@link Network}'s layout. The state
 * (velocity, or Adam's two moments) has the same layout, so a checkpoint can save it as it is.
 *
 * <p>{@link #update} works on any slice [from, to) of one tensor: the training engine calls it from
 * several threads on disjoint slices, right after computing those gradients while they are still in
 * cache. It depends only on the elements of the slice, so results do not depend on how work is split.
 * The rule (plain SGD, momentum or Nesterov, Adam or AdamW) is chosen once, when the optimizer is made.
 */
public final class Optimizer implements UpdateRule {
    private final OptimizerSettings s;
    private final Rule rule;
    private final float[][] first;
    private final float[][] second;
    private long steps;
    // per-step constants, set by beginStep
    private float lr = Float.NaN; // none until learningRate: a step at a forgotten rate would silently not train
    private float gradScale = 1f;
    private float adamStep;
    private float adamCorrection2;

    /**
     * An optimizer for a network, with zeroed state.
     *
     * @param settings the rule and its constants
     * @param net the network it updates
     */
    public Optimizer(OptimizerSettings settings, Network net) {
        this.s = settings;
        int tensors = 2 * net.layerCount();
        boolean velocity = settings.kind() != Kind.SGD;
        boolean adam = settings.kind() == Kind.ADAM || settings.kind() == Kind.ADAMW;
        first = velocity ? new float[tensors][] : null;
        second = adam ? new float[tensors][] : null;
        for (int t = 0; t < tensors; t++) {
            int len = t % 2 == 0 ? net.weights(t / 2).length : net.biases(t / 2).length;
            if (first != null) {
                first[t] = new float[len];
            }
            if (second != null) {
                second[t] = new float[len];
            }
        }
        rule = switch (settings.kind()) {
            case SGD -> new Sgd();
            case MOMENTUM -> new Momentum(0f);
            case NESTEROV -> new Momentum(1f);
            case ADAM, ADAMW -> new Adam();
        };
    }

    /**
     * True when gradient clipping is on: the step needs the whole gradient's norm before any update.
     *
     * @return whether {@link #beginStep} needs the gradient's norm
     */
    @Override
    public boolean needsGradientNorm() {
        return s.clipNorm() != 0;
    }

    /**
     * The rule and its constants.
     *
     * @return the settings
     */
    public OptimizerSettings settings() {
        return s;
    }

    /**
     * Steps taken so far (Adam's t).
     *
     * @return the count
     */
    public long steps() {
        return steps;
    }

    /**
     * The learning rate of the following steps, as the trainer's schedule gives it. The updates run in
     * float32, so it is rounded to a float here, once.
     *
     * @param learningRate the learning rate
     */
    public void learningRate(double learningRate) {
        lr = (float) learningRate;
    }

    /**
     * Starts step t + 1 at the {@linkplain #learningRate(double) learning rate set}; {@code gradNorm} is the
     * global L2 norm of the gradient, used when clipping is on (pass 0 when it is off).
     *
     * @param gradNorm the gradient's global norm, or 0
     */
    @Override
    public void beginStep(double gradNorm) {
        if (Float.isNaN(lr)) {
            throw new IllegalStateException("Optimizer: learningRate(…) must be set before the first step");
        }
        steps++;
        gradScale = s.clipNorm() > 0 && gradNorm > s.clipNorm() ? (float) (s.clipNorm() / gradNorm) : 1f;
        if (second != null) {
            // θ −= lr · m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁^t), v̂ = v / (1 − β₂^t)
            // StrictMath: fdlibm's pow, the same bits on every JDK (Math.pow may differ by an ulp)
            adamStep = (float) (lr / (1 - StrictMath.pow(s.beta1(), steps)));
            adamCorrection2 = (float) (1 / Math.sqrt(1 - StrictMath.pow(s.beta2(), steps)));
        }
    }

    /**
     * Updates p[from, to) of tensor {@code tensor} with its gradient g[from, to).
     *
     * @param tensor which tensor: 2l for layer l's weights, 2l + 1 for its biases
     * @param p the parameters
     * @param g their gradient
     * @param from the first index
     * @param to the end index (exclusive)
     */
    @Override
    public void update(int tensor, float[] p, float[] g, int from, int to) {
        boolean weights = tensor % 2 == 0;
        float l2 = weights ? (float) s.l2() : 0f;
        float keep = weights ? (float) (1 - (double) lr * s.weightDecay()) : 1f; // decoupled decay
        rule.update(tensor, p, g, from, to, l2, keep);
    }

    /** One update rule's arithmetic over a slice; l2 and keep (decoupled decay) are the tensor's. */
    private interface Rule {
        void update(int tensor, float[] p, float[] g, int from, int to, float l2, float keep);
    }

    /** θ −= lr · g: the article's rule (with L2 and decoupled decay when set). */
    private final class Sgd implements Rule {
        @Override
        public void update(int tensor, float[] p, float[] g, int from, int to, float l2, float keep) {
            float scale = gradScale;
            for (int i = from; i < to; i++) {
                float gi = g[i] * scale + l2 * p[i];
                p[i] = p[i] * keep - lr * gi;
            }
        }
    }

    /** v = μv + g; heavy ball steps along v, Nesterov along g + μv (lookAhead 1). */
    private final class Momentum implements Rule {
        /** 1 for Nesterov's look-ahead, 0 for the heavy ball: one expression, the same bits as before. */
        private final float lookAhead;

        Momentum(float lookAhead) {
            this.lookAhead = lookAhead;
        }

        @Override
        public void update(int tensor, float[] p, float[] g, int from, int to, float l2, float keep) {
            float scale = gradScale;
            float mu = (float) s.momentum();
            float[] v = first[tensor];
            for (int i = from; i < to; i++) {
                float gi = g[i] * scale + l2 * p[i];
                float vi = mu * v[i] + gi;
                v[i] = vi;
                p[i] = p[i] * keep - lr * (lookAhead * (gi + mu * vi) + (1 - lookAhead) * vi);
            }
        }
    }

    /** Adam (and AdamW, whose decay is the keep factor) with bias correction. */
    private final class Adam implements Rule {
        @Override
        public void update(int tensor, float[] p, float[] g, int from, int to, float l2, float keep) {
            float scale = gradScale;
            float[] m = first[tensor];
            float[] v = second[tensor];
            float b1 = (float) s.beta1();
            float b2 = (float) s.beta2();
            // 1 − β computed in double, then rounded: (1 − (float) β) would round β first (issue 12)
            float oneMinusB1 = (float) (1 - s.beta1());
            float oneMinusB2 = (float) (1 - s.beta2());
            float eps = (float) s.epsilon();
            float step = adamStep;
            float c2 = adamCorrection2;
            for (int i = from; i < to; i++) {
                float gi = g[i] * scale + l2 * p[i];
                float mi = b1 * m[i] + oneMinusB1 * gi;
                float vi = b2 * v[i] + oneMinusB2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p[i] = p[i] * keep - step * mi / ((float) Math.sqrt(vi) * c2 + eps);
            }
        }
    }

    /**
     * The state tensors by name, for checkpoints: "first.T" and "second.T" (absent for plain SGD).
     *
     * @return the optimizer's own arrays, not copies: the next step changes them, so write or copy them first
     */
    public java.util.Map<String, float[]> state() {
        java.util.Map<String, float[]> m = new java.util.LinkedHashMap<>();
        for (int t = 0; first != null && t < first.length; t++) {
            m.put("first." + t, first[t]);
        }
        for (int t = 0; second != null && t < second.length; t++) {
            m.put("second." + t, second[t]);
        }
        return m;
    }

    /**
     * Restores state saved by {@link #state()} and the step count.
     *
     * @param state tensors {@link #state()} returned
     * @param stepCount the steps taken
     */
    public void restore(java.util.Map<String, float[]> state, long stepCount) {
        for (var e : state().entrySet()) {
            float[] saved = state.get(e.getKey());
            if (saved == null || saved.length != e.getValue().length) {
                throw new org.mlp4j.InvalidInputException("checkpoint: optimizer state '" + e.getKey()
                        + "' expected " + e.getValue().length + " values, found "
                        + (saved == null ? "none" : saved.length));
            }
            System.arraycopy(saved, 0, e.getValue(), 0, saved.length);
        }
        this.steps = stepCount;
    }
}
