package org.mlp4j.recipe;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.mlp4j.InvalidInputException;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Init;
import org.mlp4j.sgd.GradientPath;
import org.mlp4j.sgd.Schedule;
import org.mlp4j.sgd.optim.OptimizerSettings;

/**
 * One hyper-parameter, declared once: its recipe key, Java type, built-in value, allowed values,
 * description and where it applies. The constants below are the whole table, in a stable order. Every
 * entry point takes its knowledge from here: recipe files and {@link Recipe} (which read a value into
 * its type the moment it is given, so a bad value is refused where it was written), the command line's
 * flags and their help, the Spark estimator's typed params, and the recipe recorded with every run and
 * model file.
 *
 * <p>The built-in values are the {@code default} recipe's (what {@code mlp4j train} runs); the other
 * named recipes set what they change.
 *
 * @param <T> the value's type
 */
public final class Hyperparameter<T> {
    /** Where a hyper-parameter applies. */
    public enum Scope {
        /** The network and its training: every entry point (recipes, the command line, Java, Spark). */
        TRAINING,
        /** Reading the data from files (recipes and the command line); Spark's estimator takes a DataFrame. */
        FILES
    }

    /** Reads a value given as text, a number, a boolean or a list into the type; errors start with {@code where}. */
    interface Reader<T> {
        T read(Object raw, String where);
    }

    private static final Map<String, Hyperparameter<?>> TABLE = new LinkedHashMap<>();

    /** The data set: {@code mnist}, {@code fashion-mnist} or {@code csv}. */
    public static final Hyperparameter<String> DATASET = ValueReader.choice(
            "dataset", "mnist", Scope.FILES, "mnist, fashion-mnist or csv", "mnist", "fashion-mnist", "csv");
    /** Layer sizes, input first, or {@code auto} (from the data). */
    public static final Hyperparameter<LayerSizes> LAYERS = new Hyperparameter<>(
            "layers",
            LayerSizes.class,
            LayerSizes.parse("784,1024,10", "layers"),
            "layer sizes, input first (or auto: from the data)",
            "",
            Scope.TRAINING,
            LayerSizes::read,
            LayerSizes::toString);
    /** The hidden layers' activation. */
    public static final Hyperparameter<Activation> ACTIVATION = ValueReader.named(
            "activation",
            Activation.class,
            Activation.byName("relu"),
            "hidden layers: sigmoid, tanh, relu, leaky-relu, gelu, identity",
            Activation::byName,
            Activation::id);
    /** The output layer's activation. */
    public static final Hyperparameter<Activation> OUTPUT_ACTIVATION = ValueReader.named(
            "output-activation",
            Activation.class,
            Activation.byName("softmax"),
            "output layer: softmax, sigmoid, or any hidden activation",
            Activation::byName,
            Activation::id);
    /** The cost (loss). */
    public static final Hyperparameter<Cost> COST = ValueReader.named(
            "cost",
            Cost.class,
            Cost.byName("cross-entropy"),
            "cross-entropy, binary-cross-entropy, quadratic or huber",
            Cost::byName,
            Cost::id);
    /** The initialisation of weights and biases. */
    public static final Hyperparameter<Init> INIT =
            ValueReader.lookedUp("init", Init.class, Init.HE, "he, glorot or article", Init::parse, Init::id);
    /** Passes over the training set. */
    public static final Hyperparameter<Integer> EPOCHS = ValueReader.integer("epochs", 12, 1, "number of epochs");
    /** Examples per minibatch. */
    public static final Hyperparameter<Integer> BATCH_SIZE =
            ValueReader.integer("batch-size", 128, 1, "minibatch size");
    /** The (peak) learning rate η. */
    public static final Hyperparameter<Double> LR =
            ValueReader.real("lr", 0.1, ValueReader.Range.POSITIVE, "(peak) learning rate");
    /** The update rule. */
    public static final Hyperparameter<String> OPTIMIZER = ValueReader.choice(
            "optimizer",
            OptimizerSettings.Kind.NESTEROV.id(),
            Scope.TRAINING,
            "sgd, momentum, nesterov, adam or adamw",
            ids(OptimizerSettings.Kind.values(), OptimizerSettings.Kind::id));
    /** μ of momentum and Nesterov. */
    public static final Hyperparameter<Double> MOMENTUM =
            ValueReader.real("momentum", 0.9, ValueReader.Range.UNIT_OPEN, "μ of momentum and nesterov");
    /** Adam's β₁. */
    public static final Hyperparameter<Double> BETA1 =
            ValueReader.real("beta1", 0.9, ValueReader.Range.UNIT_OPEN, "Adam's β₁");
    /** Adam's β₂. */
    public static final Hyperparameter<Double> BETA2 =
            ValueReader.real("beta2", 0.999, ValueReader.Range.UNIT_OPEN, "Adam's β₂");
    /** Adam's ε. */
    public static final Hyperparameter<Double> EPSILON =
            ValueReader.real("epsilon", 1e-8, ValueReader.Range.POSITIVE, "Adam's ε");
    /** The L2 penalty λ. */
    public static final Hyperparameter<Double> L2 =
            ValueReader.real("l2", 0.0, ValueReader.Range.NON_NEGATIVE, "L2 penalty λ (added to the gradient as λW)");
    /** Decoupled weight decay; its built-in value depends on the optimizer (see {@link TrainingPlan}). */
    public static final Hyperparameter<Double> WEIGHT_DECAY = ValueReader.real(
            "weight-decay",
            0.0,
            ValueReader.Range.NON_NEGATIVE,
            "decoupled weight decay (W −= lr·wd·W); adamw's default is 0.01");
    /** The largest global gradient norm (0: off). */
    public static final Hyperparameter<Double> CLIP_NORM = ValueReader.real(
            "clip-norm", 0.0, ValueReader.Range.NON_NEGATIVE, "clip the gradient's global L2 norm to this (0: off)");
    /** The learning rate over the run. */
    public static final Hyperparameter<String> SCHEDULE = ValueReader.choice(
            "schedule",
            Schedule.Kind.ONE_CYCLE.id(),
            Scope.TRAINING,
            "constant, step, cosine or one-cycle",
            ids(Schedule.Kind.values(), Schedule.Kind::id));
    /** Linear warm-up epochs (one-cycle: the length of the rise). */
    public static final Hyperparameter<Double> WARMUP = ValueReader.real(
            "warmup", 0.0, ValueReader.Range.NON_NEGATIVE, "linear warm-up epochs (one-cycle: length of the rise)");
    /** The step schedule's epochs between drops. */
    public static final Hyperparameter<Double> STEP_EVERY =
            ValueReader.real("step-every", 1.0, ValueReader.Range.POSITIVE, "step schedule: epochs between drops");
    /** The step schedule's factor per drop. */
    public static final Hyperparameter<Double> GAMMA =
            ValueReader.real("gamma", 0.1, ValueReader.Range.POSITIVE, "step schedule: factor per drop");
    /** Dropout probability of hidden units. */
    public static final Hyperparameter<Double> DROPOUT =
            ValueReader.real("dropout", 0.3, ValueReader.Range.UNIT_OPEN, "dropout probability of hidden units");
    /** Dropout probability of input units. */
    public static final Hyperparameter<Double> INPUT_DROPOUT =
            ValueReader.real("input-dropout", 0.1, ValueReader.Range.UNIT_OPEN, "dropout probability of input units");
    /** Max-norm of each unit's incoming weights (0: off). */
    public static final Hyperparameter<Double> MAX_NORM = ValueReader.real(
            "max-norm", 0.0, ValueReader.Range.NON_NEGATIVE, "max-norm of each unit's incoming weights (0: off)");
    /** Examples held out for validation: a count, a fraction, or the article's last minibatch. */
    public static final Hyperparameter<ValidationSplit> VALIDATION_SPLIT = new Hyperparameter<>(
            "validation-split",
            ValidationSplit.class,
            ValidationSplit.examples(10_000),
            "examples held out from the end of the training set, a fraction in (0, 1), or \"article\"",
            "",
            Scope.TRAINING,
            ValidationSplit::read,
            ValidationSplit::toString);
    /** Early stopping after this many epochs without improvement (0: off). */
    public static final Hyperparameter<Integer> PATIENCE =
            ValueReader.integer("patience", 0, 0, "early stopping after this many epochs without improvement (0: off)");
    /** Random shifts of up to this many pixels. */
    public static final Hyperparameter<Double> AUGMENT_SHIFT =
            ValueReader.real("augment-shift", 1.0, ValueReader.Range.NON_NEGATIVE, "random shift in pixels, up to");
    /** Random rotations of up to this many degrees. */
    public static final Hyperparameter<Double> AUGMENT_ROTATE = ValueReader.real(
            "augment-rotate", 0.0, new ValueReader.Range(0, 180, true, true), "random rotation in degrees, up to");
    /** Random relative scale changes of up to this much. */
    public static final Hyperparameter<Double> AUGMENT_SCALE = ValueReader.real(
            "augment-scale", 0.0, new ValueReader.Range(0, 0.9, true, true), "random relative scale change, up to");
    /** The elastic distortion's strength α in pixels. */
    public static final Hyperparameter<Double> AUGMENT_ELASTIC = ValueReader.real(
            "augment-elastic", 0.0, ValueReader.Range.NON_NEGATIVE, "elastic distortion strength α in pixels");
    /** Mirror images left-right at random. */
    public static final Hyperparameter<Boolean> AUGMENT_FLIP = new Hyperparameter<>(
            "augment-flip",
            Boolean.class,
            false,
            "mirror images left-right at random (true/false; for clothes, not digits)",
            "true or false",
            Scope.TRAINING,
            ValueReader::readBoolean,
            String::valueOf);
    /**
     * What the network learns: {@code classification} (classes, from a label column) or {@code regression}
     * (real values: identity output, quadratic or Huber cost, targets standardised). Chosen, never guessed
     * from the label column. Spark's estimators are one per task ({@code MlpClassifier}, {@code MlpRegressor}).
     */
    public static final Hyperparameter<String> TASK = ValueReader.choice(
            "task", "classification", Scope.FILES, "classification or regression", "classification", "regression");
    /** A CSV file's label column. */
    public static final Hyperparameter<String> LABEL = ValueReader.text(
            "label", "label", "csv: the label column: its name, or its position counted from 1 (-1: the last)");
    /** A CSV file's field delimiter. */
    public static final Hyperparameter<String> DELIMITER =
            ValueReader.text("delimiter", ",", "csv: the field delimiter, one character (or tab)");
    /** Whether a CSV file's first row names its columns. */
    public static final Hyperparameter<String> HEADER = ValueReader.choice(
            "header",
            "auto",
            Scope.FILES,
            "csv: whether the first row names the columns: auto, yes or no",
            "auto",
            "yes",
            "no");
    /** A CSV file of test examples. */
    public static final Hyperparameter<String> TEST_DATA =
            ValueReader.text("test-data", "", "csv: file of test examples (default: the last 20% of --data)");
    /** The random seed. */
    public static final Hyperparameter<Long> SEED = new Hyperparameter<>(
            "seed",
            Long.class,
            0L,
            "random seed",
            "a whole number",
            Scope.TRAINING,
            ValueReader::readLong,
            String::valueOf);
    /** Which implementation computes the updates. */
    public static final Hyperparameter<String> GRADIENT_PATH = ValueReader.choice(
            "gradient-path",
            pathName(GradientPath.BATCHED),
            Scope.TRAINING,
            "batched, or reference (the article's algorithm only)",
            ids(GradientPath.values(), Hyperparameter::pathName));

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String description;
    private final String allowed;
    private final Scope scope;
    private final Reader<T> reader;
    private final Function<T, String> text;

    Hyperparameter(
            String name,
            Class<T> type,
            T defaultValue,
            String description,
            String allowed,
            Scope scope,
            Reader<T> reader,
            Function<T, String> text) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.allowed = allowed;
        this.scope = scope;
        this.reader = reader;
        this.text = text;
        TABLE.put(name, this);
    }

    /**
     * Every hyper-parameter, in the table's order.
     *
     * @return them, unmodifiable
     */
    public static Collection<Hyperparameter<?>> all() {
        return Collections.unmodifiableCollection(TABLE.values());
    }

    /**
     * The hyper-parameter of a recipe key.
     *
     * @param key a recipe key such as {@code batch-size}
     * @return it, or null for an unknown key
     */
    public static Hyperparameter<?> byName(String key) {
        return TABLE.get(key);
    }

    /**
     * The hyper-parameter a misspelt key most likely meant: the closest name by edit distance, when it is
     * close (at most 2 edits, or a third of the key's length).
     *
     * @param key a key that is not a hyper-parameter's name ({@code dropuot})
     * @return the closest hyper-parameter ({@link #DROPOUT}), or null when none is close
     */
    public static Hyperparameter<?> closest(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        Hyperparameter<?> best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Hyperparameter<?> h : TABLE.values()) {
            int d = ValueReader.distance(k, h.name);
            if (d < bestDistance) {
                bestDistance = d;
                best = h;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    /**
     * The names of every hyper-parameter, in the table's order.
     *
     * @return the recipe keys
     */
    public static List<String> names() {
        return List.copyOf(TABLE.keySet());
    }

    /**
     * The recipe key, which is also the command line's flag without its dashes.
     *
     * @return the name, such as {@code batch-size}
     */
    public String name() {
        return name;
    }

    /**
     * The Java type of the value.
     *
     * @return the type
     */
    public Class<T> type() {
        return type;
    }

    /**
     * The built-in value: the {@code default} recipe's.
     *
     * @return the value
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * The built-in value as a recipe file writes it.
     *
     * @return the text ("" for an empty text value)
     */
    public String defaultText() {
        return text.apply(defaultValue);
    }

    /**
     * What it sets, in a few words.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The values allowed, in words ({@code "in (0, ∞)"}, {@code "a whole number ≥ 1"}), or "" when the
     * description says it.
     *
     * @return the allowed values
     */
    public String allowed() {
        return allowed;
    }

    /**
     * Where it applies.
     *
     * @return the scope
     */
    public Scope scope() {
        return scope;
    }

    /**
     * A value given as text (a flag), a number, a boolean, a list of sizes or the type itself, read into
     * the type and checked against the allowed values.
     *
     * @param raw   the value
     * @param where names it in messages ("--lr", "'lr' (from recipe.json)")
     * @return the value
     * @throws InvalidInputException naming {@code where}, what was expected and what was found
     */
    public T read(Object raw, String where) {
        if (raw == null) {
            throw new InvalidInputException(name, where + ": has no value");
        }
        if (type.isInstance(raw)) {
            return reader.read(text.apply(type.cast(raw)), where); // checked again: a Double may be out of range
        }
        return reader.read(raw, where);
    }

    /**
     * A value as a recipe file writes it.
     *
     * @param value a value of this type
     * @return its text ({@code 784,512,10}, {@code nesterov}, {@code 0.1})
     */
    public String text(T value) {
        return text.apply(value);
    }

    /**
     * A value as a JSON recipe records it: a number, a boolean or text.
     *
     * @param value a value of this type
     * @return a Long, Double, Boolean or String
     */
    Object json(Object value) {
        if (value instanceof Integer i) {
            return (long) i;
        }
        if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        return text.apply(type.cast(value));
    }

    @Override
    public String toString() {
        return name;
    }

    static String pathName(GradientPath g) {
        return g.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The names of a choice whose values are the training engine's own types (not part of the API): the key
     * takes and returns the name, and the plan looks the value up.
     */
    private static <E> String[] ids(E[] values, Function<E, String> id) {
        return java.util.Arrays.stream(values).map(id).toArray(String[]::new);
    }
}
