package org.mlp4j.recipe;

import java.util.List;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Dataset;
import org.mlp4j.engine.Augmentation;
import org.mlp4j.engine.MemoryEstimate;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.sgd.GradientPath;
import org.mlp4j.sgd.MinibatchSgd;
import org.mlp4j.sgd.Regularization;
import org.mlp4j.sgd.Schedule;
import org.mlp4j.sgd.TrainingSettings;
import org.mlp4j.sgd.Validation;
import org.mlp4j.sgd.optim.OptimizerSettings;
import org.mlp4j.train.Checkpointer;
import org.mlp4j.train.EpochListener;

/**
 * A {@link Recipe} checked against the data and turned into what training needs: the architecture
 * ({@link #sizes()}, the activations, the cost, the initialisation, {@link #network}) and how to train it,
 * which {@link #fit} does. Every value is checked here or by the object it builds, and errors name the key
 * (and the file or option it came from) as their {@link InvalidInputException#field() field}. The training
 * settings themselves are the engine's, not part of the API: the recipe is the one place they are set, and
 * the plan answers what a caller needs to know of them ({@link #epochs()}, {@link #batchSize()},
 * {@link #learningRateAt}, …).
 */
public final class TrainingPlan {
    private final int[] sizes;
    private final Activation hidden;
    private final Activation output;
    private final Cost cost;
    private final Init init;
    private final TrainingSettings settings;
    private final long seed;
    private final String dataset;
    private final Recipe recipe;

    private TrainingPlan(
            int[] sizes,
            Activation hidden,
            Activation output,
            Cost cost,
            Init init,
            TrainingSettings settings,
            long seed,
            String dataset,
            Recipe recipe) {
        this.sizes = sizes;
        this.hidden = hidden;
        this.output = output;
        this.cost = cost;
        this.init = init;
        this.settings = settings;
        this.seed = seed;
        this.dataset = dataset;
        this.recipe = recipe;
    }

    /**
     * The layer sizes, input first.
     *
     * @return a copy
     */
    public int[] sizes() {
        return sizes.clone();
    }

    /**
     * The hidden layers' activation.
     *
     * @return the activation
     */
    public Activation hidden() {
        return hidden;
    }

    /**
     * The output layer's activation.
     *
     * @return the activation
     */
    public Activation output() {
        return output;
    }

    /**
     * The cost (loss).
     *
     * @return the cost
     */
    public Cost cost() {
        return cost;
    }

    /**
     * The initialisation.
     *
     * @return the initialisation
     */
    public Init init() {
        return init;
    }

    /**
     * The random seed: initial weights, shuffles, dropout and augmentation.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The recipe's dataset.
     *
     * @return mnist, fashion-mnist or csv
     */
    public String dataset() {
        return dataset;
    }

    /**
     * The recipe the plan was made from, as the data left it (recorded in saved models).
     *
     * @return the recipe
     */
    public Recipe recipe() {
        return recipe;
    }

    /** The engine's settings: for this package and its tests, never part of the API. */
    TrainingSettings settings() {
        return settings;
    }

    /**
     * Epochs to train.
     *
     * @return the number of epochs
     */
    public int epochs() {
        return settings.epochs();
    }

    /**
     * Examples per minibatch.
     *
     * @return the minibatch size
     */
    public int batchSize() {
        return settings.batchSize();
    }

    /**
     * The learning rate as the recipe gives it (the schedule's peak).
     *
     * @return the rate
     */
    public double learningRate() {
        return settings.learningRate();
    }

    /**
     * The learning rate the schedule gives after {@code epochsDone} epochs of training (a fraction for a
     * point within an epoch): what a step there uses.
     *
     * @param epochsDone epochs trained so far, from 0
     * @return the rate
     */
    public double learningRateAt(double epochsDone) {
        return settings.schedule().rate(settings.learningRate(), epochsDone, settings.epochs());
    }

    /**
     * Whether this is the article's algorithm: plain SGD, constant rate, and as validation the last minibatch
     * of each epoch.
     *
     * @return true for the article's scheme
     */
    public boolean isArticle() {
        return settings.isArticle();
    }

    /**
     * The training examples held out for validation: the last ones of the training set (0 for none, and for
     * the article's scheme, which holds none out).
     *
     * @return the number held out
     */
    public int heldOut() {
        return Math.max(0, settings.validation().heldOut());
    }

    /**
     * Early stopping's patience.
     *
     * @return epochs without improvement before training stops; 0 for none
     */
    public int patience() {
        return settings.patience();
    }

    /**
     * Whether the images are distorted while training.
     *
     * @return true when an augmentation is on
     */
    public boolean augmented() {
        return settings.augmentation() != null;
    }

    /**
     * The update rule's name.
     *
     * @return sgd, momentum, nesterov, adam or adamw
     */
    public String optimizerName() {
        return settings.optimizer().kind().id();
    }

    /**
     * The schedule in words, as the banner prints it.
     *
     * @return for example "one-cycle, warm-up 1.0 epochs"
     */
    public String scheduleDescription() {
        return settings.schedule().describe();
    }

    /**
     * Values the update rule keeps per parameter beyond the parameter itself.
     *
     * @return 0 for plain SGD, 1 for momentum and Nesterov, 2 for Adam and AdamW
     */
    public int updateRuleCopies() {
        return copies(settings);
    }

    private static int copies(TrainingSettings settings) {
        return switch (settings.optimizer().kind()) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV -> 1;
            default -> 2;
        };
    }

    /**
     * Minibatch steps in one epoch on {@code examples} training examples: the article's scheme trains on
     * every minibatch but the last.
     *
     * @param examples the examples trained on (held-out ones left out)
     * @return steps per epoch
     */
    public int stepsPerEpoch(int examples) {
        int bs = settings.batchSize();
        int batches = (examples + bs - 1) / bs;
        return settings.validation().article() ? batches - 1 : batches;
    }

    /**
     * This plan for one of several workers training on parts of the data: its learning rate times
     * {@code lrFactor}, and {@code heldOut} of its examples held out for validation (the article's scheme
     * stays as it is). The seed is the caller's, through {@link #fit}'s generator.
     *
     * @param lrFactor multiplies the learning rate
     * @param heldOut  the worker's validation examples
     * @return the worker's plan
     */
    public TrainingPlan forWorker(double lrFactor, int heldOut) {
        TrainingSettings s = settings;
        Validation validation = s.validation().article() ? s.validation() : Validation.heldOut(heldOut);
        TrainingSettings w = new TrainingSettings(
                s.epochs(),
                s.batchSize(),
                s.learningRate() * lrFactor,
                s.path(),
                s.optimizer(),
                s.schedule(),
                s.regularization(),
                validation,
                s.patience(),
                s.augmentation());
        return new TrainingPlan(sizes, hidden, output, cost, init, w, seed, dataset, recipe);
    }

    /**
     * Trains {@code net} in place by this plan, from the start.
     *
     * @param net      the network (its sizes must fit the data)
     * @param data     the training set; the plan's held-out examples are its last ones
     * @param threads  the threads to use; the result does not depend on it
     * @param rng      drives the shuffles; the same seed gives the same run, bit for bit
     * @param listener told after each epoch, or null
     * @return the validation score (accuracy, or a regression's R²) of every epoch
     * @throws org.mlp4j.train.TrainingDiverged when the parameters stop being finite
     */
    public List<Double> fit(Network net, Dataset data, int threads, Rng rng, EpochListener listener) {
        return fit(net, data, threads, rng, listener, Checkpointer.NONE, Checkpointer.Position.start(rng));
    }

    /**
     * Trains {@code net} in place by this plan from {@code from} (a fresh run, or a checkpoint's position with
     * the checkpoint's parameters in {@code net}), saving positions through {@code checkpointer}.
     *
     * @param net          the network
     * @param data         the training set
     * @param threads      the threads to use; the result does not depend on it
     * @param rng          drives the shuffles (a checkpoint's position restores its state)
     * @param listener     told after each epoch, or null
     * @param checkpointer saves positions and may ask to stop
     * @param from         where to start
     * @return the validation score of every epoch
     * @throws org.mlp4j.train.TrainingStopped when the checkpointer asked to stop (its position was saved first)
     * @throws org.mlp4j.train.TrainingDiverged when the parameters stop being finite
     */
    public List<Double> fit(
            Network net,
            Dataset data,
            int threads,
            Rng rng,
            EpochListener listener,
            Checkpointer checkpointer,
            Checkpointer.Position from) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            return new MinibatchSgd(Kernels.best(), pool).fit(net, data, settings, rng, listener, checkpointer, from);
        }
    }

    /** AdamW's decoupled weight decay when the recipe does not set one (PyTorch's AdamW default). */
    static final double ADAMW_WEIGHT_DECAY = 0.01;

    /**
     * Builds the plan for a training set of {@code trainSize} examples of square images of side
     * {@code imageSide} (0 for tabular data, which cannot be augmented).
     */
    static TrainingPlan of(Recipe recipe, int trainSize, int imageSide) {
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

    /**
     * A fresh network for this plan.
     *
     * @param rng draws the initial parameters
     * @return the network
     */
    public Network network(Rng rng) {
        return Network.init(sizes, hidden, output, cost, init, rng);
    }
}
