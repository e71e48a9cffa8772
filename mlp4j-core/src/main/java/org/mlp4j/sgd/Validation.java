package org.mlp4j.sgd;

import org.mlp4j.InvalidInputException;

/**
 * Where each epoch's validation figures come from.
 *
 * @param heldOut the number of examples at the end of the training set held out, never trained on, and
 *                evaluated after every epoch; {@link #ARTICLE} (−1) instead keeps the article's leaky
 *                scheme (each epoch's last shuffled minibatch, trained on in other epochs); 0: none
 */
public record Validation(int heldOut) {
    /** The article's scheme: the last minibatch of every shuffled epoch. */
    public static final Validation ARTICLE = new Validation(-1);
    /** No validation. */
    public static final Validation NONE = new Validation(0);

    /**
     * Checks the count: non-negative, or −1 for the article's scheme.
     *
     * @param heldOut examples held out at the end of the training set, or −1 for the article's scheme
     */
    public Validation {
        if (heldOut < -1) {
            throw new InvalidInputException(
                    "validation-split",
                    "validation-split: expected a number of examples (0 for none), found " + heldOut);
        }
    }

    /**
     * The last {@code examples} of the training set held out (0: none).
     *
     * @param examples how many
     * @return the validation
     */
    public static Validation heldOut(int examples) {
        return new Validation(examples);
    }

    /**
     * Whether this is the article's scheme: each epoch's last minibatch held out.
     *
     * @return true for the article's scheme
     */
    public boolean article() {
        return heldOut == -1;
    }
}
