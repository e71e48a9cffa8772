package org.mlp4j.recipe;

import org.mlp4j.InvalidInputException;
import org.mlp4j.engine.Augmentation;
import org.mlp4j.engine.MemoryEstimate;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Network;
import org.mlp4j.sgd.GradientPath;
import org.mlp4j.sgd.Regularization;
import org.mlp4j.sgd.Schedule;
import org.mlp4j.sgd.TrainingSettings;
import org.mlp4j.sgd.Validation;
import org.mlp4j.sgd.optim.OptimizerSettings;

/**
 * How a {@link Recipe} becomes a {@link TrainingPlan}: every value read, checked (errors name the key and
 * where its value came from) and turned into the engine's settings, and the run checked against the heap
 * before any data is read.
 */
final class Planner {
    private Planner() {}

    /** AdamW's decoupled weight decay when the recipe does not set one (PyTorch's AdamW default). */
    static final double ADAMW_WEIGHT_DECAY = 0.01;

    /**
     * Builds the plan for a training set of {@code trainSize} examples of square images of side
     * {@code imageSide} (0 for tabular data, which cannot be augmented).
     */
    static TrainingPlan plan(Recipe recipe, int trainSize, int imageSide) {
        // rows of a table are not images: distortions the user did not ask for are off
        Recipe tables = imageSide == 0 ? recipe.forTables() : recipe;
        // a regression's output layer and cost are those for real values
        Recipe r = tables.regression() ? tables.forRegression() : tables;
        int[] sizes = sizes(r, trainSize);
        Activation hidden = r.get(Hyperparameter.ACTIVATION);
        Activation output = r.get(Hyperparameter.OUTPUT_ACTIVATION);
        Cost cost = r.get(Hyperparameter.COST);
        named(r, null, () -> {
            Network.checkArchitecture(hidden, output, cost);
            return null;
        });
        OptimizerSettings optimizer = optimizer(r);
        Schedule schedule = named(
                r,
                null,
                () -> new Schedule(
                        Schedule.Kind.parse(r.get(Hyperparameter.SCHEDULE), "schedule"),
                        r.get(Hyperparameter.WARMUP),
                        r.get(Hyperparameter.STEP_EVERY),
                        r.get(Hyperparameter.GAMMA)));
        Regularization reg = named(
                r,
                null,
                () -> new Regularization(
                        r.get(Hyperparameter.INPUT_DROPOUT),
                        r.get(Hyperparameter.DROPOUT),
                        r.get(Hyperparameter.MAX_NORM)));
        Validation validation = validation(r, trainSize);
        Augmentation distort = augmentation(r, imageSide);
        GradientPath path = org.mlp4j.internal.Names.parse(
                GradientPath.values(), Hyperparameter::pathName, r.get(Hyperparameter.GRADIENT_PATH), "gradient-path");
        TrainingSettings settings = named(
                r,
                null,
                () -> new TrainingSettings(
                        r.get(Hyperparameter.EPOCHS),
                        r.get(Hyperparameter.BATCH_SIZE),
                        r.get(Hyperparameter.LR),
                        path,
                        optimizer,
                        schedule,
                        reg,
                        validation,
                        r.get(Hyperparameter.PATIENCE),
                        distort));
        checkFits(r, sizes, settings, trainSize);
        return new TrainingPlan(
                sizes,
                hidden,
                output,
                cost,
                r.get(Hyperparameter.INIT),
                settings,
                r.get(Hyperparameter.SEED),
                r.get(Hyperparameter.DATASET),
                r);
    }

    /** The layer sizes; for {@code auto}, placeholders while the recipe is checked before the data is read. */
    private static int[] sizes(Recipe r, int trainSize) {
        LayerSizes layers = r.get(Hyperparameter.LAYERS);
        if (!layers.auto()) {
            return layers.sizes();
        }
        if (trainSize != Integer.MAX_VALUE) {
            throw new InvalidInputException(
                    "layers",
                    r.source("layers") + ": 'auto' takes its sizes from the data; fit the recipe to it first"
                            + " (Recipe.fitTo)");
        }
        return new int[] {1, 1}; // checking the rest of the recipe before the data is read
    }

    /** The optimizer's settings; AdamW without a weight decay of the user's takes {@link #ADAMW_WEIGHT_DECAY}. */
    private static OptimizerSettings optimizer(Recipe r) {
        OptimizerSettings.Kind kind = OptimizerSettings.Kind.parse(r.get(Hyperparameter.OPTIMIZER), "optimizer");
        double weightDecay = kind == OptimizerSettings.Kind.ADAMW && !r.isSet("weight-decay")
                ? ADAMW_WEIGHT_DECAY
                : r.get(Hyperparameter.WEIGHT_DECAY);
        return named(
                r,
                null,
                () -> new OptimizerSettings(
                        kind,
                        r.get(Hyperparameter.MOMENTUM),
                        r.get(Hyperparameter.BETA1),
                        r.get(Hyperparameter.BETA2),
                        r.get(Hyperparameter.EPSILON),
                        r.get(Hyperparameter.L2),
                        weightDecay,
                        r.get(Hyperparameter.CLIP_NORM)));
    }

    /** The image distortions, or null when none is on; refused for a table (imageSide 0). */
    private static Augmentation augmentation(Recipe r, int imageSide) {
        double shift = r.get(Hyperparameter.AUGMENT_SHIFT);
        double rotate = r.get(Hyperparameter.AUGMENT_ROTATE);
        double scale = r.get(Hyperparameter.AUGMENT_SCALE);
        double elastic = r.get(Hyperparameter.AUGMENT_ELASTIC);
        boolean flip = r.get(Hyperparameter.AUGMENT_FLIP);
        if (shift == 0 && rotate == 0 && scale == 0 && elastic == 0 && !flip) {
            return null;
        }
        if (imageSide == 0) {
            throw new InvalidInputException(
                    "augment-shift",
                    r.source("augment-shift") + ": augmentation needs image data; the dataset is tabular (csv)");
        }
        return named(r, null, () -> new Augmentation(imageSide, shift, rotate, scale, elastic, flip));
    }

    /**
     * A minibatch no larger than the training set, and a run that fits the heap. Before the data is read
     * ({@code trainSize} unknown) only the parameters are counted, so a network too large fails at once.
     */
    private static void checkFits(Recipe r, int[] sizes, TrainingSettings settings, int trainSize) {
        int copies = copies(settings);
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
    static Validation validation(Recipe r, int trainSize) {
        return r.get(Hyperparameter.VALIDATION_SPLIT).of(trainSize, r.source("validation-split"));
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
            if (k == null || Hyperparameter.byName(k) == null) {
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

    static int copies(TrainingSettings settings) {
        return switch (settings.optimizer().kind()) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV -> 1;
            default -> 2;
        };
    }
}
