package org.mlp4j.sgd;

import java.util.Locale;
import org.mlp4j.InvalidInputException;

/**
 * The learning rate as a function of training progress, measured in (fractional) epochs t ∈ [0, T):
 * step s of an epoch of B steps in epoch e (1-based) is at t = e − 1 + s / B.
 *
 * @param kind         the shape
 * @param warmupEpochs linear warm-up from 0 over this many epochs, before any shape (0: none); for
 *                     one-cycle, the length of its rising phase (0: 30% of the run)
 * @param stepEvery    for {@link Kind#STEP}: multiply by {@code gamma} every this many epochs
 * @param gamma        for {@link Kind#STEP}: the factor
 */
public record Schedule(Kind kind, double warmupEpochs, double stepEvery, double gamma) {

    /** The shapes. */
    public enum Kind {
        /** lr. */
        CONSTANT,
        /** lr · γ^⌊t / every⌋. */
        STEP,
        /** Cosine annealing to 0 over the run: lr · ½ (1 + cos(π t / T)). */
        COSINE,
        /**
         * One-cycle (Smith and Topin): linear from lr/25 up to lr over the rising phase, then cosine down
         * to lr/10⁴ at the end.
         */
        ONE_CYCLE;

        /**
         * The name used in recipes and on the command line.
         *
         * @return the name, such as {@code one-cycle}
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * Looks up a schedule by name, case-insensitively.
         *
         * @param name a name such as {@code cosine}
         * @param field names the value in messages
         * @return the schedule's kind
         */
        public static Kind parse(String name, String field) {
            return org.mlp4j.internal.Names.parse(values(), Kind::id, name, field);
        }
    }

    /** The same rate throughout (the article's). */
    public static final Schedule CONSTANT = new Schedule(Kind.CONSTANT, 0, 1, 1);

    /**
     * The same rate throughout.
     *
     * @return the schedule
     */
    public static Schedule constant() {
        return CONSTANT;
    }

    /**
     * One-cycle: rising linearly over {@code riseEpochs} (0: the first 30% of the run), then cosine down.
     *
     * @param riseEpochs the rise's length in epochs, or 0
     * @return the schedule
     */
    public static Schedule oneCycle(double riseEpochs) {
        return new Schedule(Kind.ONE_CYCLE, riseEpochs, 1, 1);
    }

    /**
     * Cosine annealing to 0 after {@code warmupEpochs} of linear warm-up.
     *
     * @param warmupEpochs the warm-up's length in epochs
     * @return the schedule
     */
    public static Schedule cosine(double warmupEpochs) {
        return new Schedule(Kind.COSINE, warmupEpochs, 1, 1);
    }

    /**
     * The rate times {@code gamma} every {@code everyEpochs}.
     *
     * @param everyEpochs epochs between drops
     * @param gamma the factor per drop
     * @return the schedule
     */
    public static Schedule step(double everyEpochs, double gamma) {
        return new Schedule(Kind.STEP, 0, everyEpochs, gamma);
    }

    /**
     * Checks every value's range; messages name the recipe key.
     *
     * @param kind the schedule
     * @param warmupEpochs epochs of warm-up (one-cycle: the rise)
     * @param stepEvery step: epochs between drops
     * @param gamma step: the factor per drop
     */
    public Schedule {
        if (kind == null) {
            throw new InvalidInputException("schedule", "schedule: missing");
        }
        if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) {
            throw new InvalidInputException(
                    "warmup", "warmup: expected a non-negative number of epochs, found " + warmupEpochs);
        }
        if (!(stepEvery > 0) || Double.isInfinite(stepEvery)) {
            throw new InvalidInputException(
                    "step-every", "step-every: expected a positive number of epochs, found " + stepEvery);
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new InvalidInputException("gamma", "gamma: expected a positive factor, found " + gamma);
        }
    }

    /**
     * The learning rate at progress t of a run of {@code total} epochs with base rate {@code base}.
     *
     * @param base the peak (or constant) learning rate
     * @param t the epochs done, fractional
     * @param total the run's epochs
     * @return the learning rate
     */
    public double rate(double base, double t, double total) {
        if (kind == Kind.ONE_CYCLE) {
            double rise = warmupEpochs > 0 ? Math.min(warmupEpochs, total) : 0.3 * total;
            double start = base / 25;
            double end = base / 1e4;
            if (t < rise) {
                return start + (base - start) * t / rise;
            }
            double f = (t - rise) / Math.max(total - rise, 1e-12);
            return end + (base - end) * 0.5 * (1 + StrictMath.cos(Math.PI * Math.min(f, 1)));
        }
        double warm = warmupEpochs > 0 && t < warmupEpochs ? t / warmupEpochs : 1.0;
        double shaped = switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * StrictMath.pow(gamma, Math.floor(t / stepEvery));
            case COSINE -> base * 0.5 * (1 + StrictMath.cos(Math.PI * Math.min(t / total, 1)));
            default -> throw new IllegalStateException(kind.toString());
        };
        return shaped * warm;
    }

    /**
     * A short description for logs, e.g. "cosine, 1 warm-up epoch".
     *
     * @return the description
     */
    public String describe() {
        String s = kind.id();
        if (kind == Kind.STEP) {
            s += " (x" + gamma + " every " + stepEvery + " epochs)";
        }
        return warmupEpochs > 0 ? s + ", warm-up " + warmupEpochs + " epochs" : s;
    }
}
