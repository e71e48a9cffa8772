package org.mlp4j.recipe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.io.Json;

/**
 * Every hyper-parameter of a training run, by name: a recipe. The keys are those of {@link Hyperparameter}
 * (the command line's {@code train} flags without their dashes). A recipe is layered: the built-in
 * defaults, then a named recipe ({@link #named}) or a recipe file ({@link #load}, JSON or YAML), then
 * any values on top ({@link #with}, {@link #merge}). {@link #plan} turns it into the objects training
 * needs. The resolved recipe, every key included, is recorded with a run ({@link #toJson()}), so the run
 * can be repeated from it.
 *
 * <pre>{@code
 * TrainingPlan plan = Recipe.named("fast-98").with("epochs", 3).plan(60_000, 28);
 * try (var mlp = new MultilayerPerceptron(plan, 2)) {
 *     mlp.fit(mnist.train(), plan, null);
 * }
 * }</pre>
 *
 * <p>Errors are {@link InvalidInputException}s whose {@link InvalidInputException#field() field} is the
 * key, and whose message says where the value came from (a named recipe, a file, the caller's options).
 * A recipe is immutable.
 */
public final class Recipe {
    private static final List<String> NAMED =
            List.of("default", "article", "fast-98", "fast-99", "best", "fashion", "tabular");
    /** A recipe is a few dozen lines; a file over this is not one. */
    static final int MAX_BYTES = 1 << 20;
    /** Nesting allowed in a recipe file (a recipe itself needs 2: the object and a list of layers). */
    static final int MAX_DEPTH = 16;

    private static final String DEFAULTS = "the defaults";
    /** The source of values {@link DataDefaults} fitted to the data. */
    static final String FITTED = "the data";

    /** Where a key's value came from: a source named in messages, or the caller's options (prefix + key). */
    private record Origin(String source, java.util.function.UnaryOperator<String> optionName) {
        String name(String key) {
            return optionName != null ? optionName.apply(key) : "'" + key + "' (from " + source + ")";
        }
    }

    private final Map<String, Object> values;
    private final Map<String, Origin> origin;

    private Recipe(Map<String, Object> values, Map<String, Origin> origin) {
        this.values = values;
        this.origin = origin;
    }

    /**
     * The names of the recipes shipped with mlp4j: default, article, fast-98, fast-99, best, fashion, tabular.
     *
     * @return the names
     */
    public static List<String> names() {
        return NAMED;
    }

    /**
     * The built-in values of every {@link Hyperparameter}: the {@code default} recipe, what {@code mlp4j
     * train} runs (784-1024-10 ReLU, softmax, Nesterov momentum on a one-cycle schedule, dropout, shifts).
     *
     * @return the recipe
     */
    public static Recipe defaults() {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, Origin> o = new LinkedHashMap<>();
        for (Hyperparameter<?> h : Hyperparameter.all()) {
            v.put(h.name(), h.defaultValue());
            o.put(h.name(), new Origin(DEFAULTS, null));
        }
        return new Recipe(v, o);
    }

    /**
     * The "description" a named recipe's file gives of itself (for help texts).
     *
     * @param name one of {@link #names()}
     * @return the description, or "" when the recipe has none
     */
    public static String description(String name) {
        Object root = Json.parse(RecipeText.named(RecipeText.checkName(name, NAMED)));
        return root instanceof Map<?, ?> m && m.get("description") instanceof String d ? d : "";
    }

    /**
     * A recipe shipped with mlp4j, on top of the defaults.
     *
     * @param name one of {@link #names()} (case does not matter)
     * @return the recipe
     */
    public static Recipe named(String name) {
        String lower = RecipeText.checkName(name, NAMED);
        return defaults().merge(RecipeText.parse(RecipeText.named(lower), false, "recipe " + lower), "recipe " + lower);
    }

    /**
     * A recipe file on top of the defaults: JSON, or YAML when its name ends in .yaml or .yml (YAML needs
     * {@code org.snakeyaml:snakeyaml-engine} on the class path; the command line has it).
     *
     * @param file the recipe file, at most 1 MiB of UTF-8
     * @return the recipe
     */
    public static Recipe load(Path file) {
        String lower = file.toString().toLowerCase(Locale.ROOT);
        return fromText(RecipeText.readFile(file), lower.endsWith(".yaml") || lower.endsWith(".yml"), file.toString());
    }

    /**
     * A named recipe when {@code nameOrFile} is one of {@link #names()}, else the recipe file it names.
     *
     * @param nameOrFile a recipe name or a file path
     * @return the recipe
     */
    public static Recipe nameOrFile(String nameOrFile) {
        String lower = nameOrFile.trim().toLowerCase(Locale.ROOT);
        return NAMED.contains(lower) ? named(lower) : load(RecipeText.existingFile(nameOrFile, NAMED));
    }

    /**
     * A recipe from the text of a file, on top of the defaults.
     *
     * @param text   the file's text
     * @param yaml   YAML rather than JSON
     * @param source names the text in messages (a file name)
     * @return the recipe
     */
    public static Recipe fromText(String text, boolean yaml, String source) {
        return defaults().merge(RecipeText.parse(text, yaml, source), source);
    }

    /**
     * The recipe recorded as JSON with a run (a model file's or a checkpoint's {@code recipe}).
     *
     * @param json   the recorded JSON object
     * @param source names it in messages
     * @return the recipe
     */
    public static Recipe fromJson(String json, String source) {
        return fromText(json, false, source);
    }

    /**
     * A copy with {@code more}'s keys on top; every key must be known and have a value.
     *
     * @param more   keys and values (numbers, text, booleans)
     * @param source names where they came from in messages ("recipe.json", "the grid search")
     * @return the new recipe
     */
    public Recipe merge(Map<String, ?> more, String source) {
        return merge(more, new Origin(source, null));
    }

    /**
     * {@link #merge} for values given as an interface's options: messages name a key as
     * {@code optionPrefix + key} (the command line passes "--", so an error names "--lr").
     *
     * @param more         keys and values
     * @param optionPrefix what goes before a key's name in messages
     * @return the new recipe
     */
    public Recipe mergeOptions(Map<String, ?> more, String optionPrefix) {
        return mergeOptions(more, key -> optionPrefix + key);
    }

    /**
     * {@link #merge} for values given as an interface's options that it names its own way (Spark's
     * estimator says "param batchSize" for the key {@code batch-size}).
     *
     * @param more       keys and values
     * @param optionName the option's name for a key, as messages should say it
     * @return the new recipe
     */
    public Recipe mergeOptions(Map<String, ?> more, java.util.function.UnaryOperator<String> optionName) {
        return merge(more, new Origin("options", optionName));
    }

    /**
     * This recipe with what the user did not set made to fit the data: the first
     * and last layer sizes, {@code layers: auto}'s hidden width, the batch size, a table's validation split.
     *
     * @param features  the data's features
     * @param classes   the data's classes
     * @param trainRows the training rows
     * @param tabular   whether the data is a table
     * @param notes     receives one line saying what changed, if anything did
     * @return the fitted recipe
     */
    public Recipe fitTo(
            int features, int classes, int trainRows, boolean tabular, java.util.function.Consumer<String> notes) {
        return DataDefaults.fit(this, features, classes, trainRows, tabular, notes);
    }

    /**
     * The training examples this recipe's validation split will hold out of {@code trainRows}, once fitted to
     * the data (a table's default is a tenth of its rows when that is at least 20, else none): what a reader
     * needs to know before the whole data is, so that standardisers never see the held-out rows.
     *
     * @param trainRows the training rows
     * @param tabular   whether the data is a table
     * @return the rows held out (0 for none, and for the article's scheme)
     */
    public int heldOut(int trainRows, boolean tabular) {
        return Math.max(
                0,
                Planner.validation(DataDefaults.fitSplit(this, trainRows, tabular), trainRows)
                        .heldOut());
    }

    /**
     * This recipe without a named recipe's early stopping when the user's own validation split is 0: the
     * patience was the recipe's, the split the user's choice, and early stopping has nothing to watch.
     *
     * @param notes receives one line when the patience is dropped
     * @return the recipe, or this one when nothing changed
     */
    public Recipe settled(java.util.function.Consumer<String> notes) {
        return DataDefaults.settle(this, notes);
    }

    /**
     * A copy with one key set, as code sets it: {@code with("epochs", 3)}, {@code with("layers", List.of(4,
     * 32, 3))}.
     *
     * @param key   a {@link Hyperparameter}'s name
     * @param value its value: the hyper-parameter's type, a number, text, a boolean or a list of sizes
     * @return the new recipe
     */
    public Recipe with(String key, Object value) {
        return merge(java.util.Collections.singletonMap(key, value), "the code");
    }

    /**
     * A copy with one hyper-parameter set: {@code with(Hyperparameter.LR, 0.05)}.
     *
     * @param <T>   its type
     * @param key   the hyper-parameter
     * @param value its value
     * @return the new recipe
     */
    public <T> Recipe with(Hyperparameter<T> key, T value) {
        return with(key.name(), value);
    }

    private Recipe merge(Map<String, ?> more, Origin source) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        Map<String, Origin> o = new LinkedHashMap<>(origin);
        for (Map.Entry<String, ?> e : more.entrySet()) {
            Hyperparameter<?> h = Hyperparameter.byName(e.getKey());
            if (h == null) {
                String where = source.optionName() != null ? source.name(e.getKey()) : source.source();
                throw new InvalidInputException(
                        e.getKey(),
                        where + ": unknown key '" + e.getKey() + "'" + suggestion(e.getKey()) + "; known keys: "
                                + String.join(", ", Hyperparameter.names()));
            }
            if (e.getValue() == null) {
                String where = source.optionName() != null ? source.name(e.getKey()) : source.source();
                throw new InvalidInputException(e.getKey(), where + ": key '" + e.getKey() + "' has no value");
            }
            v.put(h.name(), h.read(e.getValue(), source.name(h.name())));
            o.put(h.name(), source);
        }
        return new Recipe(v, o);
    }

    /** " (did you mean 'x'?)" for the closest known key, when one is close. */
    private static String suggestion(String key) {
        Hyperparameter<?> h = Hyperparameter.closest(key);
        return h != null ? " (did you mean '" + h.name() + "'?)" : "";
    }

    /**
     * This recipe for data that is not images (a table): the image distortions the user did not set (a
     * named recipe's or the built-in values) are off; those the user set stay, and planning then refuses
     * them. {@link #plan} applies it to data without an image side, so every entry point does.
     *
     * @return the recipe, or this one when no distortion was on
     */
    public Recipe forTables() {
        Map<String, Object> off = new LinkedHashMap<>();
        for (Hyperparameter<?> h : List.of(
                Hyperparameter.AUGMENT_SHIFT,
                Hyperparameter.AUGMENT_ROTATE,
                Hyperparameter.AUGMENT_SCALE,
                Hyperparameter.AUGMENT_ELASTIC,
                Hyperparameter.AUGMENT_FLIP)) {
            Object none = h == Hyperparameter.AUGMENT_FLIP ? (Object) false : (Object) 0.0;
            if (!setByUser(h.name()) && !values.get(h.name()).equals(none)) {
                off.put(h.name(), none);
            }
        }
        return off.isEmpty() ? this : merge(off, "tabular data");
    }

    /**
     * Whether the recipe asks for a regression ({@link Hyperparameter#TASK}).
     *
     * @return true for {@code task: regression}
     */
    public boolean regression() {
        return get(Hyperparameter.TASK).equals("regression");
    }

    /**
     * The recipe for a regression: an identity output layer and the quadratic cost unless the user chose
     * them (Huber's cost is the other choice); an output or a cost made for probabilities is refused,
     * naming where it was set.
     *
     * @return the recipe as a regression trains it
     * @throws org.mlp4j.InvalidInputException for a softmax or sigmoid output or a cross-entropy cost the
     *     user set
     */
    public Recipe forRegression() {
        return DataDefaults.forRegression(this);
    }

    /**
     * Where a key's value came from, for messages: "--dropout" (an option), "'dropout' (from recipe best)".
     *
     * @param key a key of {@link Hyperparameter}
     * @return its description
     */
    public String source(String key) {
        return origin(key).name(key);
    }

    private Origin origin(String key) {
        Origin o = origin.get(key);
        if (o == null) {
            throw new IllegalArgumentException("unknown recipe key '" + key + "'");
        }
        return o;
    }

    /**
     * Whether a key's value comes from one of the recipes shipped with mlp4j.
     *
     * @param key a key of {@link Hyperparameter}
     * @return true for a value a named recipe set
     */
    public boolean fromNamedRecipe(String key) {
        return origin(key).optionName() == null && origin(key).source().startsWith("recipe ");
    }

    /**
     * Whether a key was set by anything above the defaults.
     *
     * @param key a key of {@link Hyperparameter}
     * @return false for a built-in value
     */
    public boolean isSet(String key) {
        return origin(key).optionName() != null || !origin(key).source().equals(DEFAULTS);
    }

    /**
     * Whether the user chose a key's value: on the command line, in a recipe file or from code; not a named
     * recipe, the defaults, or a value fitted to the data.
     *
     * @param key a {@link Hyperparameter}'s name
     * @return true for a value the user gave
     */
    public boolean setByUser(String key) {
        return isSet(key) && !fromNamedRecipe(key) && !origin(key).source().equals(FITTED);
    }

    /**
     * A hyper-parameter's value.
     *
     * @param <T> its type
     * @param key the hyper-parameter
     * @return its value in this recipe
     */
    public <T> T get(Hyperparameter<T> key) {
        return key.type().cast(values.get(key.name()));
    }

    /**
     * A hyper-parameter's value as a recipe file writes it ({@code 784,512,10}, {@code nesterov}).
     *
     * @param key a {@link Hyperparameter}'s name
     * @return the text
     */
    public String text(String key) {
        return text(known(key));
    }

    private <T> String text(Hyperparameter<T> h) {
        return h.text(get(h));
    }

    private static Hyperparameter<?> known(String key) {
        Hyperparameter<?> h = Hyperparameter.byName(key);
        if (h == null) {
            throw new IllegalArgumentException("unknown recipe key '" + key + "'");
        }
        return h;
    }

    /**
     * The objects training needs, every value checked: the architecture and the training settings.
     *
     * @param trainSize examples in the training set ({@code Integer.MAX_VALUE} when not known yet)
     * @param imageSide side of square images, or 0 for tabular data (which cannot be augmented)
     * @return the plan
     */
    public TrainingPlan plan(int trainSize, int imageSide) {
        return Planner.plan(this, trainSize, imageSide);
    }

    /**
     * The resolved recipe as a JSON object, every key, in a stable order.
     *
     * @return the JSON text
     */
    public String toJson() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = known(e.getKey()).json(e.getValue());
            String text = v instanceof Number || v instanceof Boolean
                    ? (v instanceof Number n ? numberText(n) : v.toString())
                    : Json.quote(String.valueOf(v));
            lines.add("  " + Json.quote(e.getKey()) + ": " + text);
        }
        return "{\n" + String.join(",\n", lines) + "\n}\n";
    }

    private static String numberText(Number n) {
        if (n instanceof Long || n instanceof Integer) {
            return n.toString();
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? Double.toString(d) : Json.quote(Double.toString(d));
    }

    @Override
    public String toString() {
        return toJson();
    }
}
