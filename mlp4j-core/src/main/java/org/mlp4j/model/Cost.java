package org.mlp4j.model;

/**
 * A cost C(a, y) summed over the output units of one example, and its derivative ∂C/∂a, the
 * {@code d_cost} of the article that starts backpropagation in equation (1).
 */
public interface Cost {

    /** Lower-case name used on the command line and in model files. */
    String id();

    /** The contribution of one output unit: C = Σ_j value(a_j, y_j). */
    double value(double a, double y);

    /** ∂C/∂a_j for one output unit. */
    double derivative(double a, double y);

    /** Looks up a built-in cost by name, case-insensitively. */
    static Cost byName(String name) {
        return StandardCost.parse(name);
    }
}
