package org.mlp4j.sgd.optim;

import java.util.Locale;
import org.mlp4j.InvalidInputException;

/**
 * Which update rule turns a gradient into a parameter step, and its hyper-parameters. The loss only
 * produces the gradient g = ∂C/∂θ (averaged over the minibatch); everything here acts on g.
 *
 * @param kind        the rule
 * @param momentum    μ for {@link Kind#MOMENTUM} and {@link Kind#NESTEROV}
 * @param beta1       β₁ for Adam/AdamW
 * @param beta2       β₂ for Adam/AdamW
 * @param epsilon     ε for Adam/AdamW
 * @param l2          λ of an L2 penalty ½λ‖W‖², added to the gradient as λW (weights only, not biases)
 * @param weightDecay decoupled weight decay (Loshchilov and Hutter): W −= lr · wd · W, outside the
 *                    gradient (weights only)
 * @param clipNorm    if positive, the whole gradient is scaled down to this global L2 norm when longer
 */
public record OptimizerSettings(
        Kind kind,
        double momentum,
        double beta1,
        double beta2,
        double epsilon,
        double l2,
        double weightDecay,
        double clipNorm) {

    /** The update rules. */
    public enum Kind {
        /** θ −= lr · g: the article's rule. */
        SGD,
        /** v = μ v + g; θ −= lr · v (heavy ball, as PyTorch writes it). */
        MOMENTUM,
        /** v = μ v + g; θ −= lr · (g + μ v) (Nesterov's look-ahead, in Sutskever's form). */
        NESTEROV,
        /** Adam (Kingma and Ba) with bias correction. */
        ADAM,
        /** Adam with decoupled weight decay (Loshchilov and Hutter). */
        ADAMW;

        /**
         * The name used in recipes and on the command line.
         *
         * @return the name, such as {@code nesterov}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Looks up a rule by name, case-insensitively.
         *
         * @param name a name such as {@code adamw}
         * @param field names the value in messages
         * @return the rule
         */
        public static Kind parse(String name, String field) {
            return org.mlp4j.internal.Names.parse(values(), Kind::id, name, field);
        }
    }

    /**
     * Checks every value's range; messages name the recipe key.
     *
     * @param kind the rule
     * @param momentum μ of momentum and Nesterov
     * @param beta1 Adam's β₁
     * @param beta2 Adam's β₂
     * @param epsilon Adam's ε
     * @param l2 the L2 penalty λ
     * @param weightDecay decoupled weight decay
     * @param clipNorm the largest global gradient norm (0: off)
     */
    public OptimizerSettings {
        if (kind == null) {
            throw new InvalidInputException("optimizer", "optimizer: missing");
        }
        check("momentum", momentum, 0, 1, false);
        check("beta1", beta1, 0, 1, false);
        check("beta2", beta2, 0, 1, false);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new InvalidInputException("epsilon", "epsilon: expected a positive number, found " + epsilon);
        }
        check("l2", l2, 0, Double.MAX_VALUE, true);
        check("weight-decay", weightDecay, 0, Double.MAX_VALUE, true);
        check("clip-norm", clipNorm, 0, Double.MAX_VALUE, true);
    }

    private static void check(String key, double v, double lo, double hi, boolean hiIncluded) {
        if (!(v >= lo) || (hiIncluded ? v > hi : v >= hi) || Double.isNaN(v)) {
            throw new InvalidInputException(
                    key,
                    key + ": expected a number in [" + fmt(lo) + ", " + fmt(hi) + (hiIncluded ? "]" : ")") + ", found "
                            + v);
        }
    }

    private static String fmt(double v) {
        return v == Double.MAX_VALUE ? "∞" : (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
    }

    /**
     * Plain SGD, the article's rule, with nothing added.
     *
     * @return the settings
     */
    public static OptimizerSettings sgd() {
        return new OptimizerSettings(Kind.SGD, 0, 0.9, 0.999, 1e-8, 0, 0, 0);
    }

    /**
     * Momentum μ (heavy ball or Nesterov) with the usual defaults for the rest.
     *
     * @param mu the momentum μ, in [0, 1)
     * @param nesterov Nesterov's look-ahead rather than heavy-ball momentum
     * @return the settings
     */
    public static OptimizerSettings momentum(double mu, boolean nesterov) {
        return new OptimizerSettings(nesterov ? Kind.NESTEROV : Kind.MOMENTUM, mu, 0.9, 0.999, 1e-8, 0, 0, 0);
    }

    /**
     * Adam (weightDecay 0) or AdamW (decoupled weightDecay &gt; 0) with β₁ 0.9, β₂ 0.999, ε 1e-8.
     *
     * @param weightDecay decoupled weight decay, 0 for plain Adam
     * @return the settings
     */
    public static OptimizerSettings adam(double weightDecay) {
        return new OptimizerSettings(weightDecay > 0 ? Kind.ADAMW : Kind.ADAM, 0, 0.9, 0.999, 1e-8, 0, weightDecay, 0);
    }

    /**
     * Adam with β₁ 0.9, β₂ 0.999, ε 1e-8.
     *
     * @return the settings
     */
    public static OptimizerSettings adam() {
        return adam(0);
    }

    /**
     * AdamW: Adam with decoupled weight decay.
     *
     * @param weightDecay decoupled weight decay per step, times the learning rate
     * @return the settings
     */
    public static OptimizerSettings adamW(double weightDecay) {
        return new OptimizerSettings(Kind.ADAMW, 0, 0.9, 0.999, 1e-8, 0, weightDecay, 0);
    }

    /**
     * Nesterov momentum μ.
     *
     * @param mu the momentum μ, in [0, 1)
     * @return the settings
     */
    public static OptimizerSettings nesterov(double mu) {
        return momentum(mu, true);
    }

    /**
     * The same rule with an L2 penalty λW added to the gradient.
     *
     * @param lambda the penalty λ
     * @return new settings
     */
    public OptimizerSettings withL2(double lambda) {
        return new OptimizerSettings(kind, momentum, beta1, beta2, epsilon, lambda, weightDecay, clipNorm);
    }

    /**
     * The same rule with the gradient's global L2 norm clipped to {@code norm}.
     *
     * @param norm the largest global norm, positive
     * @return new settings
     */
    public OptimizerSettings withClipNorm(double norm) {
        return new OptimizerSettings(kind, momentum, beta1, beta2, epsilon, l2, weightDecay, norm);
    }

    /**
     * True for the article's rule: plain SGD without decay or clipping (the engine fuses it).
     *
     * @return whether the engine may fuse the update
     */
    public boolean isPlainSgd() {
        return kind == Kind.SGD && l2 == 0 && weightDecay == 0 && clipNorm == 0;
    }
}
