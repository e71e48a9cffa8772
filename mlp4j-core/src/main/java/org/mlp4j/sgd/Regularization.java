package org.mlp4j.sgd;

import org.mlp4j.InvalidInputException;

/**
 * Regularisation applied by the training engine.
 *
 * @param inputDropout  probability of zeroing each input unit during training (inverted dropout: kept
 *                      units are scaled by 1 / (1 − p), so inference uses the network unchanged)
 * @param hiddenDropout the same for every hidden unit
 * @param maxNorm       if positive, after every step each unit's incoming weight vector is scaled down
 *                      to this L2 norm when longer (Srivastava et al. 2014)
 */
public record Regularization(double inputDropout, double hiddenDropout, double maxNorm) {
    /** No dropout and no max-norm. */
    public static final Regularization NONE = new Regularization(0, 0, 0);

    /**
     * Checks every value's range; messages name the recipe key.
     *
     * @param inputDropout the probability of dropping an input unit
     * @param hiddenDropout the probability of dropping a hidden unit
     * @param maxNorm the largest norm of a unit's incoming weights (0: off)
     */
    public Regularization {
        checkRate("input-dropout", inputDropout);
        checkRate("dropout", hiddenDropout);
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new InvalidInputException(
                    "max-norm", "max-norm: expected 0 (off) or a positive, finite norm, found " + maxNorm);
        }
    }

    private static void checkRate(String key, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new InvalidInputException(key, key + ": expected a probability in [0, 1), found " + p);
        }
    }

    /**
     * Inverted dropout of input units with probability {@code input} and of hidden units with {@code hidden}.
     *
     * @param input the probability of dropping an input unit, in [0, 1)
     * @param hidden the probability of dropping a hidden unit, in [0, 1)
     * @return the regularisation
     */
    public static Regularization dropout(double input, double hidden) {
        return new Regularization(input, hidden, 0);
    }

    /**
     * The same, with every unit's incoming weight vector clipped to an L2 norm of at most {@code norm}.
     *
     * @param norm the largest norm, positive (0: off)
     * @return new regularisation
     */
    public Regularization withMaxNorm(double norm) {
        return new Regularization(inputDropout, hiddenDropout, norm);
    }

    /**
     * Whether any unit is dropped.
     *
     * @return true when a dropout probability is positive
     */
    public boolean dropsUnits() {
        return inputDropout > 0 || hiddenDropout > 0;
    }
}
