package org.mlp4j.model;

/**
 * A cost C(a, y) summed over the output units of one example, and its derivative ∂C/∂a, the
 * {@code d_cost} of the article that starts backpropagation in equation (1).
 */
public interface Cost {

    /**
     * Lower-case name used on the command line and in model files.
     *
     * @return the name, such as {@code cross-entropy}
     */
    String id();

    /**
     * The contribution of one output unit: C = Σ_j value(a_j, y_j).
     *
     * @param a the unit's activation
     * @param y its target
     * @return the unit's share of C
     */
    double value(double a, double y);

    /**
     * ∂C/∂a_j for one output unit.
     *
     * @param a the unit's activation
     * @param y its target
     * @return ∂C/∂a_j
     */
    double derivative(double a, double y);

    /**
     * Looks up a built-in cost by name, case-insensitively.
     *
     * @param name a name such as {@code quadratic}
     * @return the cost
     * @throws org.mlp4j.InvalidInputException for an unknown name
     */
    static Cost byName(String name) {
        return StandardCost.parse(name);
    }
}
