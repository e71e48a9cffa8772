package org.mlp4j.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mlp4j.InvalidInputException;

/** The built-in costs. */
public enum StandardCost implements Cost {
    /** The article's quadratic cost C = ½ Σ_j (a_j − y_j)², with ∂C/∂a = a − y ({@code d_cost}). */
    QUADRATIC {
        @Override
        public double value(double a, double y) {
            double d = a - y;
            return 0.5 * d * d;
        }

        @Override
        public double derivative(double a, double y) {
            return a - y;
        }
    };

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }

    static StandardCost parse(String name) {
        if (name != null) {
            for (StandardCost c : values()) {
                if (c.toString().equalsIgnoreCase(name.trim())) {
                    return c;
                }
            }
        }
        String known = Arrays.stream(values()).map(StandardCost::toString).collect(Collectors.joining(", "));
        throw new InvalidInputException("cost: expected one of " + known + ", found '" + name + "'");
    }
}
