package org.mlp4j.cli;

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
import org.mlp4j.train.SgdSettings;
import org.mlp4j.train.Validation;
import org.mlp4j.train.optim.OptimizerSettings;

/**
 * A {@link Recipe} turned into the objects training needs: the architecture and the training settings.
 * Every value is checked here or by the object it builds, and errors name the key (and the file or
 * flag it came from).
 */
record TrainPlan(int[] sizes, Activation hidden, Activation output, Cost cost, Init init, SgdSettings settings,
        long seed, String dataset) {

    /**
     * Builds the plan for a training set of {@code trainSize} examples of square images of side
     * {@code imageSide} (0 for tabular data, which cannot be augmented).
     */
    static TrainPlan of(Recipe r, int trainSize, int imageSide) {
        int[] sizes = Network.parseSizes(r.string("layers"), r.source("layers"));
        Activation hidden = named(r, "activation", () -> Activation.byName(r.string("activation")));
        Activation output = named(r, "output-activation", () -> Activation.byName(r.string("output-activation")));
        Cost cost = named(r, "cost", () -> Cost.byName(r.string("cost")));
        named(r, null, () -> {
            Network.checkArchitecture(hidden, output, cost);
            return null;
        });
        Init init = Init.parse(r.string("init"), r.source("init"));
        OptimizerSettings.Kind kind = OptimizerSettings.Kind.parse(r.string("optimizer"), r.source("optimizer"));
        double weightDecay = kind == OptimizerSettings.Kind.ADAMW && !r.isSet("weight-decay") ? 0.01 : r.number("weight-decay");
        OptimizerSettings optimizer = named(r, null, () -> new OptimizerSettings(kind, r.number("momentum"),
                r.number("beta1"), r.number("beta2"), r.number("epsilon"), r.number("l2"), weightDecay,
                r.number("clip-norm")));
        Schedule schedule = named(r, null, () -> new Schedule(Schedule.Kind.parse(r.string("schedule"), r.source("schedule")),
                r.number("warmup"), r.number("step-every"), r.number("gamma")));
        Regularization reg = named(r, null, () -> new Regularization(r.number("input-dropout"), r.number("dropout"),
                r.number("max-norm")));
        Validation validation = validation(r, trainSize);
        Augmentation augmentation = null;
        double shift = r.number("augment-shift");
        double rotate = r.number("augment-rotate");
        double scale = r.number("augment-scale");
        double elastic = r.number("augment-elastic");
        boolean flip = r.bool("augment-flip");
        if (shift != 0 || rotate != 0 || scale != 0 || elastic != 0 || flip) {
            if (imageSide == 0) {
                throw new InvalidInputException(r.source("augment-shift") + ": augmentation needs image data;"
                        + " the dataset is tabular (csv)");
            }
            augmentation = named(r, null, () -> new Augmentation(imageSide, shift, rotate, scale, elastic, flip));
        }
        GradientPath path = parsePath(r);
        Augmentation distort = augmentation;
        SgdSettings settings = named(r, null, () -> new SgdSettings(r.integer("epochs"), r.integer("batch-size"),
                r.number("lr"), path, optimizer, schedule, reg, validation, r.integer("patience"), distort));
        checkFits(r, sizes, settings, trainSize);
        return new TrainPlan(sizes, hidden, output, cost, init, settings, r.longValue("seed"), r.string("dataset"));
    }

    /**
     * A minibatch no larger than the training set, and a run that fits the heap. Before the data is read
     * ({@code trainSize} unknown) only the parameters are counted, so a network too large fails at once.
     */
    private static void checkFits(Recipe r, int[] sizes, SgdSettings settings, int trainSize) {
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
            throw new InvalidInputException(r.source("batch-size") + ": expected at most the " + examples
                    + " training examples, found " + settings.batchSize());
        }
        MemoryEstimate.check(sizes, settings.batchSize(), copies,
                r.source("layers") + " with " + r.source("batch-size") + " " + settings.batchSize());
    }

    /** The recipe's validation split for a training set of {@code trainSize} examples. */
    static Validation validation(Recipe r, int trainSize) {
        String v = r.string("validation-split").trim().toLowerCase(Locale.ROOT);
        if (v.equals("article")) {
            return Validation.ARTICLE;
        }
        double d = r.number("validation-split");
        if (d > 0 && d < 1) {
            return Validation.heldOut((int) Math.round(d * trainSize));
        }
        if (d < 0 || d != Math.rint(d)) {
            throw new InvalidInputException(r.source("validation-split") + ": expected a number of examples, a fraction"
                    + " in (0, 1), or \"article\", found '" + v + "'");
        }
        if (d >= trainSize && trainSize != Integer.MAX_VALUE) {
            throw new InvalidInputException(r.source("validation-split") + ": expected fewer than the " + trainSize
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
        throw new InvalidInputException(r.source("gradient-path") + ": expected batched or reference, found '"
                + r.string("gradient-path") + "'");
    }

    /** Runs {@code make}, prefixing its error with where the key came from when it is not already named. */
    private static <T> T named(Recipe r, String key, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidInputException e) {
            if (key == null) {
                String k = e.getMessage().split(":", 2)[0];
                if (Recipe.KEYS.containsKey(k)) {
                    throw new InvalidInputException(r.source(k) + ":" + e.getMessage().split(":", 2)[1]);
                }
                throw e;
            }
            throw new InvalidInputException(r.source(key) + ":" + e.getMessage().split(":", 2)[1]);
        }
    }

    /** A fresh network for this plan. */
    Network network(org.mlp4j.math.Rng rng) {
        return Network.init(sizes, hidden, output, cost, init, rng);
    }
}
