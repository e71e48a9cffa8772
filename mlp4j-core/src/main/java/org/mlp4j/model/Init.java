package org.mlp4j.model;

import java.util.Locale;
import org.mlp4j.math.Rng;

/**
 * How a layer's weights and biases are first drawn. Each keeps the variance of the signal roughly
 * constant from layer to layer for the activation it was derived for.
 */
public enum Init {
    /** The article's: W ~ N(0, 1) / √fan_in, b ~ N(0, 1). */
    ARTICLE,
    /** He et al. (2015), for ReLU-like units: W ~ N(0, 2 / fan_in), b = 0. */
    HE,
    /** Glorot and Bengio (2010), for tanh and sigmoid: W ~ U(−r, r), r = √(6 / (fan_in + fan_out)), b = 0. */
    GLOROT;

    /**
     * The name used in recipes and on the command line.
     *
     * @return the name, such as {@code he}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    /** Draws one weight for a layer with these fan-in and fan-out. */
    double weight(Rng rng, int fanIn, int fanOut) {
        return switch (this) {
            case ARTICLE -> rng.nextGaussian() / Math.sqrt(fanIn);
            case HE -> rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
            case GLOROT -> (2 * rng.nextDouble() - 1) * Math.sqrt(6.0 / (fanIn + fanOut));
        };
    }

    /** Draws one bias. */
    double bias(Rng rng) {
        return this == ARTICLE ? rng.nextGaussian() : 0.0;
    }

    /**
     * Looks up an initialisation by name, case-insensitively.
     *
     * @param name a name such as {@code he}
     * @param field names the value in messages
     * @return the initialisation
     */
    public static Init parse(String name, String field) {
        return org.mlp4j.internal.Names.parse(values(), Init::id, name, field);
    }
}
