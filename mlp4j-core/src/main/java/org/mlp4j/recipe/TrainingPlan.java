package org.mlp4j.recipe;

import java.util.List;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Dataset;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Init;
import org.mlp4j.model.Network;
import org.mlp4j.sgd.MinibatchSgd;
import org.mlp4j.sgd.TrainingSettings;
import org.mlp4j.sgd.Validation;
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

    TrainingPlan(
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
        return Planner.copies(settings);
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
