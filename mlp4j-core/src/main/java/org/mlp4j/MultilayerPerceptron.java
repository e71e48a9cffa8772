package org.mlp4j;

import java.util.List;
import org.mlp4j.data.Dataset;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.engine.Inference;
import org.mlp4j.eval.Evaluation;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Gradients;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.sgd.MinibatchSgd;
import org.mlp4j.sgd.TrainingSettings;
import org.mlp4j.train.EpochListener;

/**
 * The article's {@code MultilayerPerceptron}, method for method: built from a list of layer sizes,
 * trained with {@link #fit} (minibatch SGD), queried with {@link #feedforward} / {@link #predict} and
 * scored with {@link #accuracy}; {@link #backprop} and {@link #updateParams} are the article's
 * per-example reference path.
 *
 * <pre>{@code
 * var mlp = new MultilayerPerceptron(new int[] {784, 512, 10}, StandardActivation.SIGMOID,
 *         StandardCost.QUADRATIC, 42);
 * mlp.fit(xTrain, yTrain, 10, 128, 0.5);
 * double acc = MultilayerPerceptron.accuracy(yTest, mlp.predict(xTest));
 * }</pre>
 *
 * <p>One random generator, seeded once, draws the initial parameters and then every epoch's shuffle,
 * as numpy's global generator does in the article: the same seed gives the same run, bit for bit.
 * An instance is not meant to be trained from two threads at once. It owns a pool of worker threads:
 * {@link #close()} it (try-with-resources) when done.
 */
public final class MultilayerPerceptron implements AutoCloseable {
    private final Network net;
    private final Rng rng;
    private final Kernels kernels;
    private final WorkerPool pool;
    /** The recipe this network was planned from (saved with it), or null. */
    private final org.mlp4j.recipe.Recipe recipe;
    /**
     * How the data of the last {@code fit} was made from raw examples, so that {@link #save} records what a
     * loaded {@link Model} must do to a raw example (a network trained on plain arrays must not be told to
     * divide by 255). Null before any fit: an untrained network is saved as an image model, as it always was.
     */
    private volatile String trainedInputScaling;
    /** The target scaling of the regression the last {@code fit} trained, else null. */
    private volatile org.mlp4j.data.Standardizer trainedTargets;

    private volatile List<String> trainedTargetNames;

    /**
     * The article's network: sigmoid activations, quadratic cost, seed 0, all processors.
     *
     * @param layers layer sizes, input first, such as 784, 512, 10
     */
    public MultilayerPerceptron(int... layers) {
        this(layers, StandardActivation.SIGMOID, StandardCost.QUADRATIC, 0L);
    }

    /**
     * The article's network with its own activation and cost, on all processors.
     *
     * @param layers layer sizes, input first
     * @param activation σ of every layer
     * @param cost the cost
     * @param seed draws the parameters and every shuffle
     */
    public MultilayerPerceptron(int[] layers, Activation activation, Cost cost, long seed) {
        this(layers, activation, cost, seed, WorkerPool.defaultThreads());
    }

    /**
     * The article's network with its own activation and cost, and a thread count.
     *
     * @param layers layer sizes, input first
     * @param activation σ of every layer
     * @param cost the cost
     * @param seed draws the parameters and every shuffle
     * @param threads threads for training and batched inference; the results do not depend on it
     */
    public MultilayerPerceptron(int[] layers, Activation activation, Cost cost, long seed, int threads) {
        this(new Rng(seed), rng -> Network.articleInit(layers, activation, cost, rng), threads, null);
    }

    /**
     * A modern network: its own output activation (softmax) and cost (cross-entropy), an initialisation
     * such as He's, and a thread count (the results do not depend on it); train it by a recipe's plan
     * ({@link #fit(Dataset, TrainingPlan, EpochListener)}). {@link #builder} names each setting instead.
     *
     * @param layers layer sizes, input first
     * @param hidden the hidden layers' activation
     * @param output the output layer's activation
     * @param cost the cost
     * @param init how the weights are drawn
     * @param seed draws the parameters, shuffles, dropout and augmentation
     * @param threads threads for training and batched inference
     */
    public MultilayerPerceptron(
            int[] layers,
            Activation hidden,
            Activation output,
            Cost cost,
            org.mlp4j.model.Init init,
            long seed,
            int threads) {
        this(new Rng(seed), rng -> Network.init(layers, hidden, output, cost, init, rng), threads, null);
    }

    /**
     * The network a recipe plans ({@link org.mlp4j.recipe.Recipe#plan}): its layers, activations, cost,
     * initialisation and seed. Train it with {@code fit(data, plan, listener)}; {@link #save}
     * records the recipe in the model file.
     *
     * @param plan    the plan
     * @param threads threads for training and batched inference; the results do not depend on it
     */
    public MultilayerPerceptron(TrainingPlan plan, int threads) {
        this(new Rng(plan.seed()), plan::network, threads, plan.recipe());
    }

    /**
     * A builder, from the article's network (sigmoid everywhere, quadratic cost, the article's
     * initialisation, seed 0, all processors) to any other, one named setting at a time:
     *
     * <pre>{@code
     * MultilayerPerceptron mlp = MultilayerPerceptron.builder(784, 128, 10)
     *         .activation(StandardActivation.RELU).output(StandardActivation.SOFTMAX)
     *         .cost(StandardCost.CROSS_ENTROPY).init(Init.HE).seed(7).threads(2).build();
     * }</pre>
     *
     * @param layers layer sizes, input first
     * @return the builder
     */
    public static Builder builder(int... layers) {
        return new Builder(layers.clone());
    }

    /** Names each setting of a new network; what is not named is the article's (see {@link #builder}). */
    public static final class Builder {
        private final int[] layers;
        private Activation hidden = StandardActivation.SIGMOID;
        private Activation output;
        private Cost cost = StandardCost.QUADRATIC;
        private org.mlp4j.model.Init init = org.mlp4j.model.Init.ARTICLE;
        private long seed;
        private int threads = WorkerPool.defaultThreads();

        private Builder(int[] layers) {
            this.layers = layers;
        }

        /**
         * @param a the hidden layers' activation (and the output's, unless {@link #output} names another)
         * @return this builder
         */
        public Builder activation(Activation a) {
            this.hidden = a;
            return this;
        }

        /**
         * @param a the output layer's activation
         * @return this builder
         */
        public Builder output(Activation a) {
            this.output = a;
            return this;
        }

        /**
         * @param c the cost
         * @return this builder
         */
        public Builder cost(Cost c) {
            this.cost = c;
            return this;
        }

        /**
         * @param i how the weights are drawn
         * @return this builder
         */
        public Builder init(org.mlp4j.model.Init i) {
            this.init = i;
            return this;
        }

        /**
         * @param s draws the parameters, the shuffles, dropout and augmentation
         * @return this builder
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param n threads for training and batched inference; the results do not depend on it
         * @return this builder
         */
        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /**
         * The network, its parameters drawn from the seed.
         *
         * @return the network
         * @throws InvalidInputException when the sizes, activations and cost do not fit together
         */
        public MultilayerPerceptron build() {
            Activation out = output != null ? output : hidden;
            return new MultilayerPerceptron(
                    new Rng(seed), rng -> Network.init(layers, hidden, out, cost, init, rng), threads, null);
        }
    }

    private MultilayerPerceptron(
            Rng rng, java.util.function.Function<Rng, Network> init, int threads, org.mlp4j.recipe.Recipe recipe) {
        this.rng = rng;
        this.net = init.apply(rng);
        this.kernels = Kernels.best();
        this.pool = new WorkerPool(threads);
        this.recipe = recipe;
    }

    /**
     * A perceptron around a network you already have (a model file's, {@link
     * org.mlp4j.io.ModelFile.Loaded#network()}; a checkpoint's; one built by {@link Network}): not a copy, so
     * its {@code feedforward}, {@code predict}, {@code evaluate} and {@code fit} use and change that network.
     * Its generator, for the shuffles of a {@code fit}, starts from seed 0.
     *
     * @param net     the network
     * @param threads threads for training and batched inference; the results do not depend on it
     * @return the perceptron (close it to stop its threads)
     */
    public static MultilayerPerceptron of(Network net, int threads) {
        return new MultilayerPerceptron(new Rng(0), rng -> net, threads, null);
    }

    /**
     * Which kernels do the arithmetic in this JVM: the Vector API's (with their vector width) when the
     * {@code jdk.incubator.vector} module is present, else plain loops. The results are the same bits either
     * way; only the speed differs.
     *
     * @return the kernels' name, as the command line prints it
     */
    public static String kernels() {
        return Kernels.best().name();
    }

    /**
     * Saves the network as a model file that {@link Model#load} reads ({@code mlp4j predict} and
     * {@code evaluate} too), written atomically. {@code classNames} (one per output, or null for "0", "1",
     * …) go into the file, so {@link Model#classify} answers with labels. The file records the input scaling
     * of the data the last {@code fit} trained on ({@link Dataset#inputScaling}: "pixel/255" for images, "none"
     * for arrays of raw values; "pixel/255" when it was never fitted), so the loaded model takes the same raw
     * examples. A network trained on standardised rows ({@link org.mlp4j.data.TabularDataset#standardized})
     * needs their standardiser: {@link #save(java.nio.file.Path, List, org.mlp4j.data.Standardizer)}.
     *
     * @param file where to write (a temporary file beside it is renamed over it)
     * @param classNames one name per output, or null
     */
    public void save(java.nio.file.Path file, List<String> classNames) {
        save(file, classNames, null);
    }

    /**
     * {@link #save(java.nio.file.Path, List)} for a network trained on standardised tabular data: the
     * standardiser is stored too, so {@link Model#classify} (and {@code mlp4j predict}) take raw values.
     *
     * @param file where to write (a temporary file beside it is renamed over it)
     * @param classNames one name per output, or null
     * @param inputs the standardiser the training data went through, or null
     */
    public void save(java.nio.file.Path file, List<String> classNames, org.mlp4j.data.Standardizer inputs) {
        ModelSaving.save(
                file, net, classNames, inputs, trainedInputScaling, trainedTargets, trainedTargetNames, recipe);
    }

    /** Stops the worker threads; the instance cannot train or predict afterwards. */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * The parameters, live.
     *
     * @return the network itself: training changes it
     */
    public Network network() {
        return net;
    }

    /**
     * The article's {@code feedforward}: the output layer's activations for each row of X.
     *
     * @param x one input per row
     * @return one output row per input
     */
    public float[][] feedforward(float[][] x) {
        return Inference.outputs(net, x, kernels, pool);
    }

    /**
     * The article's {@code predict}: the same as {@link #feedforward}.
     *
     * @param x one input per row
     * @return one output row per input
     */
    public float[][] predict(float[][] x) {
        return feedforward(x);
    }

    /**
     * The predicted class of one example: the argmax of its output.
     *
     * @param x one input
     * @return the index of the largest output
     */
    public int predictClass(float[] x) {
        float[] out = feedforward(new float[][] {x})[0];
        return Evaluation.argmax(out, 0, out.length);
    }

    /**
     * The article's {@code accuracy}: share of rows whose argmax of y and of pred agree.
     *
     * @param y targets, one-hot, one row per example
     * @param pred outputs, one row per example
     * @return the accuracy, from 0 to 1
     */
    public static double accuracy(float[][] y, float[][] pred) {
        return Evaluation.accuracy(y, pred);
    }

    /**
     * The article's {@code fit}: {@code epochs} epochs of minibatch SGD on (X, y), y one-hot. Returns the
     * validation accuracy of each epoch (on each epoch's held-out last minibatch).
     *
     * @param x training inputs, one per row
     * @param y their one-hot targets
     * @param epochs passes over the data
     * @param batchSize examples per minibatch
     * @param lr the learning rate η
     * @return the validation accuracy after each epoch
     */
    public List<Double> fit(float[][] x, float[][] y, int epochs, int batchSize, double lr) {
        return fit(TabularDataset.of(x, y), epochs, batchSize, lr, null);
    }

    /**
     * The article's {@code fit} on any dataset, with a listener per epoch (which can end training after any
     * epoch: {@link EpochListener#stopRequested}).
     *
     * @throws org.mlp4j.train.TrainingStopped when the calling thread is interrupted (after the current
     *         minibatch; the interrupt flag stays set)
     * @param data the training set
     * @param epochs passes over the data
     * @param batchSize examples per minibatch
     * @param lr the learning rate η
     * @param listener told after each epoch, or null
     * @return the validation accuracy after each epoch (on each epoch's held-out last minibatch)
     */
    public List<Double> fit(Dataset data, int epochs, int batchSize, double lr, EpochListener listener) {
        return fit(data, new TrainingSettings(epochs, batchSize, lr), listener);
    }

    /**
     * Trains on any dataset by a recipe's plan: its epochs, minibatch, learning rate, optimizer, schedule,
     * regularisation, validation and augmentation. The network and the generator (initial weights, shuffles,
     * dropout) are this perceptron's; build it from the same plan ({@link #MultilayerPerceptron(TrainingPlan,
     * int)}) to train the plan's architecture with the plan's seed. The listener hears every epoch and can
     * end training after any of them ({@link EpochListener#stopRequested}).
     *
     * @throws org.mlp4j.train.TrainingStopped when the calling thread is interrupted (after the current
     *         minibatch; the interrupt flag stays set)
     * @throws org.mlp4j.train.TrainingDiverged when the parameters stop being finite (the rate is too high)
     * @param data the training set; the plan's held-out examples are its last ones
     * @param plan how to train: {@code Recipe.plan(data.size(), imageSide)}
     * @param listener told after each epoch, or null
     * @return the validation score (accuracy, or a regression's R²) after each epoch
     */
    public List<Double> fit(Dataset data, TrainingPlan plan, EpochListener listener) {
        remember(data);
        return plan.fit(net, data, pool.threads(), rng, listener);
    }

    private List<Double> fit(Dataset data, TrainingSettings settings, EpochListener listener) {
        remember(data);
        return new MinibatchSgd(kernels, pool).fit(net, data, settings, rng, listener);
    }

    /** What {@link #save} writes of the data trained on: its scaling and target names. */
    private void remember(Dataset data) {
        trainedInputScaling = data.inputScaling();
        trainedTargets = data.targetScaling();
        trainedTargetNames = data.targetNames(); // a weighted or sliced view answers with its dataset's names
    }

    /**
     * Accuracy, per-class precision, recall and F1, and the confusion matrix on a labelled dataset.
     *
     * @param data a labelled dataset, scaled as the network was trained
     * @return the confusion matrix and the figures drawn from it
     */
    public org.mlp4j.eval.ConfusionMatrix evaluate(Dataset data) {
        return org.mlp4j.eval.ConfusionMatrix.of(net, data, pool.threads());
    }

    /**
     * The article's {@code backprop} for one example: ∂C/∂W and ∂C/∂b by equations (1)–(3).
     *
     * @param x one input
     * @param y its target
     * @return the gradients in double precision
     */
    public Gradients backprop(float[] x, float[] y) {
        return ReferenceNetwork.of(net).backprop(ReferenceNetwork.asDouble(x), ReferenceNetwork.asDouble(y));
    }

    /**
     * The article's {@code update_params}: one SGD step on a minibatch, by the per-example path.
     *
     * @param xBatch the minibatch's inputs
     * @param yBatch their targets
     * @param lr the learning rate η
     */
    public void updateParams(float[][] xBatch, float[][] yBatch, double lr) {
        ReferenceNetwork.updateParams(net, xBatch, yBatch, lr);
    }
}
