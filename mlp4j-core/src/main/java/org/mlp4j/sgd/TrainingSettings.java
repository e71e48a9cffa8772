package org.mlp4j.sgd;

import org.mlp4j.InvalidInputException;
import org.mlp4j.engine.Augmentation;
import org.mlp4j.sgd.optim.OptimizerSettings;

/**
 * The hyper-parameters of training. The first four are the article's {@code fit} (epochs, minibatch
 * size, learning rate) plus which gradient path computes the updates; with the defaults of the rest
 * (plain SGD, constant rate, no regularisation, the article's last-batch validation) training is
 * exactly the article's.
 *
 * @param optimizer      the update rule (plain SGD: the article's)
 * @param schedule       the learning rate over the run
 * @param regularization dropout and max-norm
 * @param validation     the article's last minibatch, or a held-out split
 * @param patience       early stopping: stop after this many epochs without a better validation
 *                       accuracy and restore the best weights (0: off; needs a held-out split)
 * @param augmentation   random distortions of training images (null: none)
 */
public record TrainingSettings(
        int epochs,
        int batchSize,
        double learningRate,
        GradientPath path,
        OptimizerSettings optimizer,
        Schedule schedule,
        Regularization regularization,
        Validation validation,
        int patience,
        Augmentation augmentation) {

    /**
     * Checks every value and that they fit together (the article's validation only with the article's algorithm); messages name the recipe key.
     *
     * @param epochs passes over the data
     * @param batchSize examples per minibatch
     * @param learningRate the (peak) learning rate η
     * @param path the batched engine or the per-example reference
     * @param optimizer the update rule
     * @param schedule the learning rate over time
     * @param regularization dropout and max-norm
     * @param validation the examples held out
     * @param patience epochs without improvement before stopping early (0: off)
     * @param augmentation image distortions, or null
     */
    public TrainingSettings {
        if (epochs <= 0) {
            throw new InvalidInputException("epochs", "epochs: expected a positive number of epochs, found " + epochs);
        }
        if (batchSize <= 0) {
            throw new InvalidInputException(
                    "batch-size", "batch-size: expected a positive batch size, found " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate) || (float) learningRate == Float.POSITIVE_INFINITY) {
            throw new InvalidInputException(
                    "lr", "lr: expected a positive, finite learning rate, found " + learningRate);
        }
        if (path == null) {
            path = GradientPath.BATCHED;
        }
        optimizer = optimizer == null ? OptimizerSettings.sgd() : optimizer;
        schedule = schedule == null ? Schedule.CONSTANT : schedule;
        regularization = regularization == null ? Regularization.NONE : regularization;
        validation = validation == null ? Validation.ARTICLE : validation;
        if (patience < 0) {
            throw new InvalidInputException(
                    "patience", "patience: expected 0 (off) or a positive number of epochs, found " + patience);
        }
        if (patience > 0 && validation.heldOut() <= 0) {
            throw new InvalidInputException(
                    "patience",
                    "patience: early stopping needs a held-out validation split" + " (validation-split), found "
                            + (validation.article() ? "the article's last-batch validation" : "none"));
        }
        boolean article = article(optimizer, schedule, regularization, validation, augmentation);
        if (validation.article() && !article) {
            throw new InvalidInputException(
                    "validation-split",
                    "validation-split: \"article\" (the last minibatch of each epoch) belongs to"
                            + " the article's algorithm (plain SGD, constant rate, no regularisation or augmentation);"
                            + " use a number of held-out examples");
        }
        if (path == GradientPath.REFERENCE && !article) {
            throw new InvalidInputException(
                    "gradient-path",
                    "gradient-path: reference: only the article's algorithm (plain SGD,"
                            + " no dropout, the article's validation) has a reference path; found a modern recipe");
        }
    }

    /**
     * The article's algorithm with a choice of gradient path.
     *
     * @param epochs passes over the data
     * @param batchSize examples per minibatch
     * @param learningRate η
     * @param path the batched engine or the per-example reference
     */
    public TrainingSettings(int epochs, int batchSize, double learningRate, GradientPath path) {
        this(epochs, batchSize, learningRate, path, null, null, null, null, 0, null);
    }

    /**
     * The article's algorithm: plain SGD, constant rate, the last minibatch of each epoch held out.
     *
     * @param epochs passes over the data
     * @param batchSize examples per minibatch
     * @param learningRate η
     */
    public TrainingSettings(int epochs, int batchSize, double learningRate) {
        this(epochs, batchSize, learningRate, GradientPath.BATCHED);
    }

    /**
     * A modern starting point for library users: plain SGD, constant rate, no regularisation, and the
     * last {@code heldOut} examples held out for validation; refine it with the {@code with…} methods.
     *
     * @param epochs passes over the data
     * @param batchSize examples per minibatch
     * @param learningRate η
     * @param heldOut examples held out at the end of the training set
     * @return the settings
     */
    public static TrainingSettings of(int epochs, int batchSize, double learningRate, int heldOut) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                GradientPath.BATCHED,
                null,
                null,
                null,
                Validation.heldOut(heldOut),
                0,
                null);
    }

    /*
     * The with-methods leave the article's algorithm when they add something modern; its last-minibatch
     * validation belongs to that algorithm alone, so it then becomes "no validation" (Validation.NONE)
     * unless a held-out split was chosen (withValidation or of). new TrainingSettings(30, 16, 0.01)
     * .withOptimizer(adam()) used to fail with a message about the article's validation.
     */

    /**
     * The same settings with another update rule.
     *
     * @param o the rule
     * @return new settings
     */
    public TrainingSettings withOptimizer(OptimizerSettings o) {
        return modern(o, schedule, regularization, validation, patience, augmentation);
    }

    /**
     * The same settings with another learning-rate schedule.
     *
     * @param s the schedule
     * @return new settings
     */
    public TrainingSettings withSchedule(Schedule s) {
        return modern(optimizer, s, regularization, validation, patience, augmentation);
    }

    /**
     * The same settings with dropout or max-norm.
     *
     * @param r the regularisation
     * @return new settings
     */
    public TrainingSettings withRegularization(Regularization r) {
        return modern(optimizer, schedule, r, validation, patience, augmentation);
    }

    /**
     * The same settings with early stopping.
     *
     * @param epochsWithoutImprovement epochs without a better validation accuracy before stopping (0: off)
     * @return new settings
     */
    public TrainingSettings withPatience(int epochsWithoutImprovement) {
        return modern(optimizer, schedule, regularization, validation, epochsWithoutImprovement, augmentation);
    }

    /**
     * The same settings with image distortions.
     *
     * @param a the distortions, or null for none
     * @return new settings
     */
    public TrainingSettings withAugmentation(Augmentation a) {
        return modern(optimizer, schedule, regularization, validation, patience, a);
    }

    /**
     * Holds the last {@code heldOut} examples out for validation every epoch (0: none).
     *
     * @param heldOut examples held out at the end of the training set
     * @return new settings
     */
    public TrainingSettings withValidation(int heldOut) {
        return new TrainingSettings(
                epochs,
                batchSize,
                learningRate,
                path,
                optimizer,
                schedule,
                regularization,
                Validation.heldOut(heldOut),
                patience,
                augmentation);
    }

    private TrainingSettings modern(
            OptimizerSettings o, Schedule s, Regularization r, Validation v, int p, Augmentation a) {
        Validation kept = v.article()
                        && !article(
                                o == null ? OptimizerSettings.sgd() : o,
                                s == null ? Schedule.CONSTANT : s,
                                r == null ? Regularization.NONE : r,
                                v,
                                a)
                ? Validation.NONE
                : v;
        return new TrainingSettings(epochs, batchSize, learningRate, path, o, s, r, kept, p, a);
    }

    /**
     * True when this is the article's algorithm exactly (the engine then fuses the SGD step).
     *
     * @return whether these are the article's settings
     */
    public boolean isArticle() {
        return article(optimizer, schedule, regularization, validation, augmentation);
    }

    private static boolean article(
            OptimizerSettings optimizer,
            Schedule schedule,
            Regularization regularization,
            Validation validation,
            Augmentation augmentation) {
        return optimizer.isPlainSgd()
                && schedule.kind() == Schedule.Kind.CONSTANT
                && schedule.warmupEpochs() == 0
                && regularization.equals(Regularization.NONE)
                && validation.article()
                && augmentation == null;
    }
}
