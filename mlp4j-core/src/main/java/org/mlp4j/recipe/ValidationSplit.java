package org.mlp4j.recipe;

import java.util.Locale;
import org.mlp4j.InvalidInputException;
import org.mlp4j.sgd.Validation;

/**
 * The value of the {@code validation-split} hyper-parameter: a number of examples held out from the end
 * of the training set, a fraction of it in (0, 1), or {@code article} (each epoch's last minibatch, the
 * article's validation).
 *
 * @param amount  examples (a whole number) or a fraction in (0, 1); 0 for the article's
 * @param article the article's last-minibatch validation
 */
public record ValidationSplit(double amount, boolean article) {
    /** The article's validation: each epoch's last shuffled minibatch. */
    public static final ValidationSplit ARTICLE = new ValidationSplit(0, true);

    /**
     * Checks the amount.
     *
     * @param amount  examples or a fraction
     * @param article the article's validation
     */
    public ValidationSplit {
        boolean fraction = amount > 0 && amount < 1;
        if (!(amount >= 0) || (!fraction && (amount != Math.rint(amount) || amount > Integer.MAX_VALUE))) {
            throw new InvalidInputException(
                    "validation-split",
                    "validation-split: expected a number of examples, a fraction in (0, 1), or \"article\", found "
                            + amount);
        }
    }

    /**
     * A number of examples held out.
     *
     * @param n examples, 0 for none
     * @return the split
     */
    public static ValidationSplit examples(int n) {
        return new ValidationSplit(n, false);
    }

    /**
     * A fraction of the training set held out.
     *
     * @param f in (0, 1)
     * @return the split
     */
    public static ValidationSplit fraction(double f) {
        return new ValidationSplit(f, false);
    }

    static ValidationSplit read(Object raw, String where) {
        String t = String.valueOf(raw).trim();
        if (t.toLowerCase(Locale.ROOT).equals("article")) {
            return ARTICLE;
        }
        try {
            return new ValidationSplit(ValueReader.readNumber(raw, where, "validation-split", "a number"), false);
        } catch (InvalidInputException e) {
            // said below, with every form the value may take
        }
        throw new InvalidInputException(
                "validation-split",
                where + ": expected a number of examples, a fraction in (0, 1), or \"article\", found '" + raw + "'");
    }

    /** Whether the amount is a fraction of the training set. */
    boolean isFraction() {
        return amount > 0 && amount < 1;
    }

    /**
     * The examples held out of a training set of {@code trainSize}.
     *
     * @param trainSize examples in the training set ({@code Integer.MAX_VALUE} when not known yet)
     * @param where names the value in messages
     * @return the validation
     */
    Validation of(int trainSize, String where) {
        if (article) {
            return Validation.ARTICLE;
        }
        if (isFraction()) {
            return Validation.heldOut((int) Math.round(amount * trainSize));
        }
        if (amount >= trainSize && trainSize != Integer.MAX_VALUE) {
            throw new InvalidInputException(
                    "validation-split",
                    where + ": expected fewer than the " + trainSize + " training examples, found " + (long) amount);
        }
        return Validation.heldOut((int) amount);
    }

    /** {@code 10000}, {@code 0.1} or {@code article}, as a recipe writes it. */
    @Override
    public String toString() {
        if (article) {
            return "article";
        }
        return isFraction() ? Double.toString(amount) : Long.toString((long) amount);
    }
}
