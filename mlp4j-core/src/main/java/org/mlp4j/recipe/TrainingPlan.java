package org.mlp4j.recipe;

import java.util.Locale;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Augmentation;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.train.GradientPath;
import org.mlp4j.train.MemoryEstimate;
import org.mlp4j.train.Regularization;
import org.mlp4j.train.Schedule;
import org.mlp4j.train.TrainingSettings;
import org.mlp4j.train.Validation;
import org.mlp4j.train.optim.OptimizerSettings;

/**
 * A {@link Recipe} turned into the objects training needs: the architecture and the training settings.
 * Every value is checked here or by the object it builds, and errors name the key (and the file or
 * option it came from) as their {@link InvalidInputException#field() field}.
 *
 * @param sizes    layer sizes, input first
 * @param hidden   the hidden layers' activation
 * @param output   the output layer's activation
 * @param cost     the cost (loss)
 * @param init     the initialisation
 * @param settings epochs, minibatch, optimizer, schedule, regularisation, validation and augmentation
 * @param seed     the random seed: initial weights, shuffles, dropout and augmentation
 * @param dataset  the recipe's dataset (mnist, fashion-mnist or csv)
 * @param recipe   the recipe the plan was made from (recorded in saved models)
 */
public record TrainingPlan(
        int[] sizes,
        Activation hidden,
        Activation output,
        Cost cost,
        Init init,
        TrainingSettings settings,
        long seed,
        String dataset,
        Recipe recipe) {

    /**
     * Builds the plan for a training set of {@code trainSize} examples of square images of side
     * {@code imageSide} (0 for tabular data, which cannot be augmented).
     */
    static TrainingPlan of(Recipe r, int trainSize, int imageSide) {
        int[] sizes;
        if (DataDefaults.auto(r.string("layers").trim())) {
            if (trainSize != Integer.MAX_VALUE) {
                throw new InvalidInputException(
                        "layers",
                        r.source("layers") + ": 'auto' takes its sizes from the data; fit the recipe to it first"
                                + " (Recipe.fitTo)");
            }
            sizes = new int[] {1, 1}; // checking the rest of the recipe before the data is read
        } else {
            sizes = Network.parseSizes(r.string("layers"), r.source("layers"));
        }
        Activation hidden = named(r, "activation", () -> Activation.byName(r.string("activation")));
        Activation output = named(r, "output-activation", () -> Activation.byName(r.string("output-activation")));
        Cost cost = named(r, "cost", () -> Cost.byName(r.string("cost")));
        named(r, null, () -> {
            Network.checkArchitecture(hidden, output, cost);
            return null;
        });
        Init init = Init.parse(r.string("init"), r.source("init"));
        OptimizerSettings.Kind kind = OptimizerSettings.Kind.parse(r.string("optimizer"), r.source("optimizer"));
        double weightDecay =
                kind == OptimizerSettings.Kind.ADAMW && !r.isSet("weight-decay") ? 0.01 : r.number("weight-decay");
        OptimizerSettings optimizer = named(
                r,
                null,
                () -> new OptimizerSettings(
                        kind,
                        r.number("momentum"),
                        r.number("beta1"),
                        r.number("beta2"),
                        r.number("epsilon"),
                        r.number("l2"),
                        weightDecay,
                        r.number("clip-norm")));
        Schedule schedule = named(
                r,
                null,
                () -> new Schedule(
                        Schedule.Kind.parse(r.string("schedule"), r.source("schedule")),
                        r.number("warmup"),
                        r.number("step-every"),
                        r.number("gamma")));
        Regularization reg = named(
                r,
                null,
                () -> new Regularization(r.number("input-dropout"), r.number("dropout"), r.number("max-norm")));
        Validation validation = validation(r, trainSize);
        Augmentation augmentation = null;
        double shift = r.number("augment-shift");
        double rotate = r.number("augment-rotate");
        double scale = r.number("augment-scale");
        double elastic = r.number("augment-elastic");
        boolean flip = r.bool("augment-flip");
        if (shift != 0 || rotate != 0 || scale != 0 || elastic != 0 || flip) {
            if (imageSide == 0) {
                throw new InvalidInputException(
                        "augment-shift",
                        r.source("augment-shift") + ": augmentation needs image data;"
                                + " the dataset is tabular (csv)");
            }
            augmentation = named(r, null, () -> new Augmentation(imageSide, shift, rotate, scale, elastic, flip));
        }
        GradientPath path = parsePath(r);
        Augmentation distort = augmentation;
        TrainingSettings settings = named(
                r,
                null,
                () -> new TrainingSettings(
                        r.integer("epochs"),
                        r.integer("batch-size"),
                        r.number("lr"),
                        path,
                        optimizer,
                        schedule,
                        reg,
                        validation,
                        r.integer("patience"),
                        distort));
        checkFits(r, sizes, settings, trainSize);
        return new TrainingPlan(
                sizes, hidden, output, cost, init, settings, r.longValue("seed"), r.string("dataset"), r);
    }

    /**
     * A minibatch no larger than the training set, and a run that fits the heap. Before the data is read
     * ({@code trainSize} unknown) only the parameters are counted, so a network too large fails at once.
     */
    private static void checkFits(Recipe r, int[] sizes, TrainingSettings settings, int trainSize) {
        int copies = switch (settings.optimizer().kind()) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV -> 1;
            default -> 2;
        };
        if (trainSize == Integer.MAX_VALUE) {
            MemoryEstimate.check(sizes, 0, copies, r.source("layers"));
            return;
        }
        int examples = trainSize - Math.max(0, settings.validation().heldOut());
        if (settings.batchSize() > examples) {
            throw new InvalidInputException(
                    "batch-size",
                    r.source("batch-size") + ": expected at most the " + examples + " training examples, found "
                            + settings.batchSize());
        }
        MemoryEstimate.check(
                sizes,
                settings.batchSize(),
                copies,
                r.source("layers") + " with " + r.source("batch-size") + " " + settings.batchSize());
    }

    /**
     * The recipe's validation split for a training set of {@code trainSize} examples.
     *
     * @param r         the recipe
     * @param trainSize examples in the training set
     * @return the examples held out for validation
     */
    public static Validation validation(Recipe r, int trainSize) {
        String v = r.string("validation-split").trim().toLowerCase(Locale.ROOT);
        if (v.equals("article")) {
            return Validation.ARTICLE;
        }
        double d = r.number("validation-split");
        if (d > 0 && d < 1) {
            return Validation.heldOut((int) Math.round(d * trainSize));
        }
        if (d < 0 || d != Math.rint(d)) {
            throw new InvalidInputException(
                    "validation-split",
                    r.source("validation-split") + ": expected a number of examples, a fraction"
                            + " in (0, 1), or \"article\", found '" + v + "'");
        }
        if (d >= trainSize && trainSize != Integer.MAX_VALUE) {
            throw new InvalidInputException(
                    "validation-split",
                    r.source("validation-split") + ": expected fewer than the " + trainSize
                            + " training examples, found " + (long) d);
        }
        return Validation.heldOut((int) d);
    }

    private static GradientPath parsePath(Recipe r) {
        for (GradientPath g : GradientPath.values()) {
            if (g.name().equalsIgnoreCase(r.string("gradient-path"))) {
                return g;
            }
        }
        throw new InvalidInputException(
                "gradient-path",
                r.source("gradient-path") + ": expected batched or reference, found '" + r.string("gradient-path")
                        + "'");
    }

    /**
     * Runs {@code make}; an error about one of the recipe's keys (its {@link InvalidInputException#field()
     * field}, {@code key} when given) is said again with where that key's value came from.
     */
    private static <T> T named(Recipe r, String key, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidInputException e) {
            String k = key != null ? key : e.field();
            if (k == null || !Recipe.keys().containsKey(k)) {
                throw e;
            }
            String message = e.getMessage();
            if (message.startsWith(r.source(k) + ":")) {
                throw e; // already says where the value came from ("'epochs' (from X): 'epochs' (from X): …")
            }
            String detail = e.field() != null && message.startsWith(e.field() + ":")
                    ? message.substring(e.field().length() + 1)
                    : " " + message;
            throw new InvalidInputException(k, r.source(k) + ":" + detail);
        }
    }

    /**
     * A fresh network for this plan.
     *
     * @param rng draws the initial parameters
     * @return the network
     */
    public Network network(org.mlp4j.math.Rng rng) {
        return Network.init(sizes, hidden, output, cost, init, rng);
    }
}
