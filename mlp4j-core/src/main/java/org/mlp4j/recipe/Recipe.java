package org.mlp4j.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.IoErrors;
import org.mlp4j.internal.Json;

/**
 * Every hyper-parameter of a training run, by name: a recipe. The keys are those of {@link #keys()}
 * (the command line's {@code train} flags without their dashes). A recipe is layered: the built-in
 * defaults, then a named recipe ({@link #named}) or a recipe file ({@link #load}, JSON or YAML), then
 * any values on top ({@link #with}, {@link #merge}). {@link #plan} turns it into the objects training
 * needs. The resolved recipe, every key included, is recorded with a run ({@link #toJson()}), so the run
 * can be repeated from it.
 *
 * <pre>{@code
 * TrainingPlan plan = Recipe.named("fast-98").with("epochs", 3).plan(60_000, 28);
 * try (var mlp = new MultilayerPerceptron(plan, 2)) {
 *     mlp.fit(mnist.train(), plan.settings(), null);
 * }
 * }</pre>
 *
 * <p>Errors are {@link InvalidInputException}s whose {@link InvalidInputException#field() field} is the
 * key, and whose message says where the value came from (a named recipe, a file, the caller's options).
 * A recipe is immutable.
 */
public final class Recipe {
    /** One key of a recipe: its name, its built-in value and what it sets. */
    public record Key(String name, Object defaultValue, String description) {}

    private static final List<String> NAMED =
            List.of("default", "article", "fast-98", "fast-99", "best", "fashion", "tabular");
    private static final Map<String, Key> KEYS = new LinkedHashMap<>();
    /** A recipe is a few dozen lines; a file over this is not one. */
    static final int MAX_BYTES = 1 << 20;
    /** Nesting allowed in a recipe file (a recipe itself needs 2: the object and a list of layers). */
    static final int MAX_DEPTH = 16;

    private static final String DEFAULTS = "the defaults";

    static {
        key("dataset", "mnist", "mnist, fashion-mnist or csv");
        key("layers", "784,512,10", "layer sizes, input first");
        key("activation", "relu", "hidden layers: sigmoid, tanh, relu, leaky-relu, gelu, identity");
        key("output-activation", "softmax", "output layer: softmax, sigmoid, or any hidden activation");
        key("cost", "cross-entropy", "cross-entropy, binary-cross-entropy or quadratic");
        key("init", "he", "he, glorot or article");
        key("epochs", 10L, "number of epochs");
        key("batch-size", 128L, "minibatch size");
        key("lr", 0.1, "(peak) learning rate");
        key("optimizer", "momentum", "sgd, momentum, nesterov, adam or adamw");
        key("momentum", 0.9, "μ of momentum and nesterov");
        key("beta1", 0.9, "Adam's β₁");
        key("beta2", 0.999, "Adam's β₂");
        key("epsilon", 1e-8, "Adam's ε");
        key("l2", 0.0, "L2 penalty λ (added to the gradient as λW)");
        key("weight-decay", 0.0, "decoupled weight decay (W −= lr·wd·W); adamw's default is 0.01");
        key("clip-norm", 0.0, "clip the gradient's global L2 norm to this (0: off)");
        key("schedule", "constant", "constant, step, cosine or one-cycle");
        key("warmup", 0.0, "linear warm-up epochs (one-cycle: length of the rise)");
        key("step-every", 1.0, "step schedule: epochs between drops");
        key("gamma", 0.1, "step schedule: factor per drop");
        key("dropout", 0.0, "dropout probability of hidden units");
        key("input-dropout", 0.0, "dropout probability of input units");
        key("max-norm", 0.0, "max-norm of each unit's incoming weights (0: off)");
        key("validation-split", 10000L, "examples held out from the end of the training set, or \"article\"");
        key("patience", 0L, "early stopping after this many epochs without improvement (0: off)");
        key("augment-shift", 0.0, "random shift in pixels, up to");
        key("augment-rotate", 0.0, "random rotation in degrees, up to");
        key("augment-scale", 0.0, "random relative scale change, up to");
        key("augment-elastic", 0.0, "elastic distortion strength α in pixels");
        key("augment-flip", "false", "mirror images left-right at random (true/false; for clothes, not digits)");
        key("label", "label", "csv: the label column: its name, or its position counted from 1 (-1: the last)");
        key("delimiter", ",", "csv: the field delimiter, one character (or tab)");
        key("header", "auto", "csv: whether the first row names the columns: auto, yes or no");
        key("test-data", "", "csv: file of test examples (default: the last 20% of --data)");
        key("seed", 0L, "random seed");
        key("gradient-path", "batched", "batched, or reference (the article's algorithm only)");
    }

    private static void key(String name, Object dflt, String description) {
        KEYS.put(name, new Key(name, dflt, description));
    }

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
     * Every key with its built-in value and description, in a stable order.
     *
     * @return the keys, unmodifiable
     */
    public static Map<String, Key> keys() {
        return Collections.unmodifiableMap(KEYS);
    }

    /**
     * The built-in defaults alone (a modern baseline: 784-512-10, ReLU, softmax, momentum).
     *
     * @return the recipe
     */
    public static Recipe defaults() {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, Origin> o = new LinkedHashMap<>();
        KEYS.forEach((k, d) -> {
            v.put(k, d.defaultValue());
            o.put(k, new Origin(DEFAULTS, null));
        });
        return new Recipe(v, o);
    }

    /**
     * The "description" a named recipe's file gives of itself (for help texts).
     *
     * @param name one of {@link #names()}
     * @return the description, or "" when the recipe has none
     */
    public static String description(String name) {
        Object root = Json.parse(namedText(checkName(name)));
        return root instanceof Map<?, ?> m && m.get("description") instanceof String d ? d : "";
    }

    private static String checkName(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMED.contains(lower)) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe: expected a recipe name (" + String.join(", ", NAMED) + "), found '" + name + "'");
        }
        return lower;
    }

    /** The JSON text of a named recipe, from the jar. */
    private static String namedText(String name) {
        try (InputStream in = Recipe.class.getResourceAsStream("recipes/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("recipe " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A recipe shipped with mlp4j, on top of the defaults.
     *
     * @param name one of {@link #names()} (case does not matter)
     * @return the recipe
     */
    public static Recipe named(String name) {
        String lower = checkName(name);
        return defaults().merge(parse(namedText(lower), false, "recipe " + lower), "recipe " + lower);
    }

    /**
     * A recipe file on top of the defaults: JSON, or YAML when its name ends in .yaml or .yml (YAML needs
     * {@code org.snakeyaml:snakeyaml-engine} on the class path; the command line has it).
     *
     * @param file the recipe file, at most 1 MiB of UTF-8
     * @return the recipe
     */
    public static Recipe load(Path file) {
        String text;
        try {
            text = readText(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(
                    "recipe", "recipe " + file + ": expected a JSON or YAML recipe file, found no such file");
        } catch (IOException e) {
            throw new InvalidInputException("recipe", "recipe " + file + ": cannot read: " + IoErrors.describe(e));
        }
        String lower = file.toString().toLowerCase(Locale.ROOT);
        return fromText(text, lower.endsWith(".yaml") || lower.endsWith(".yml"), file.toString());
    }

    /**
     * A named recipe when {@code nameOrFile} is one of {@link #names()}, else the recipe file it names.
     *
     * @param nameOrFile a recipe name or a file path
     * @return the recipe
     */
    public static Recipe nameOrFile(String nameOrFile) {
        String lower = nameOrFile.trim().toLowerCase(Locale.ROOT);
        if (NAMED.contains(lower)) {
            return named(lower);
        }
        if (!Files.exists(Path.of(nameOrFile))) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe: expected a recipe name (" + String.join(", ", NAMED) + ") or a JSON/YAML file, found '"
                            + nameOrFile + "' (no such file)");
        }
        return load(Path.of(nameOrFile));
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
        return defaults().merge(parse(text, yaml, source), source);
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

    private static Map<String, Object> parse(String text, boolean yaml, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte-order mark, as some Windows editors write
        }
        Object root;
        if (yaml) {
            root = yaml(text, source);
        } else {
            try {
                root = Json.parse(text);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("recipe", "recipe " + source + ": not valid JSON: " + e.getMessage());
            }
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe " + source + ": expected an object of recipe keys (key: value lines)," + " found "
                            + (root == null ? "nothing" : Json.describe(root)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (k.equals("description") || k.equals("measured")) {
                continue; // notes for people
            }
            Object v = e.getValue();
            if (v instanceof Integer i) {
                v = (long) i;
            } else if (v instanceof List<?> list) {
                if (list.stream().anyMatch(x -> !plainValue(x))) {
                    throw new InvalidInputException(
                            k,
                            source + ": key '" + k + "': expected a value or a list of values,"
                                    + " found nested lists or objects");
                }
                v = String.join(",", list.stream().map(String::valueOf).toList());
            } else if (v instanceof Map) {
                throw new InvalidInputException(k, source + ": key '" + k + "': expected a value, found an object");
            } else if (v != null && !plainValue(v)) {
                // YAML's tags make other types (!!binary is a byte[], printed as '[B@2d127a61')
                throw new InvalidInputException(
                        k,
                        source + ": key '" + k + "': expected a number, text or true/false," + " found " + yamlKind(v));
            }
            out.put(k, v);
        }
        return out;
    }

    /** A recipe value: a number, text or a boolean (what JSON and plain YAML scalars give). */
    private static boolean plainValue(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    private static String yamlKind(Object v) {
        if (v instanceof byte[]) {
            return "binary data (!!binary)";
        }
        if (v instanceof List || v instanceof java.util.Set) {
            return "a list or set";
        }
        return "a YAML " + v.getClass().getSimpleName() + " value";
    }

    /** YAML through snakeyaml-engine, an optional dependency: loaded only when a YAML recipe is read. */
    private static Object yaml(String text, String source) {
        try {
            return YamlRecipe.parse(text, source, MAX_BYTES, MAX_DEPTH);
        } catch (NoClassDefFoundError e) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe " + source + ": YAML recipes need org.snakeyaml:snakeyaml-engine on the"
                            + " class path, found it missing; add it, or write the recipe as JSON");
        }
    }

    /** The recipe file's text: at most {@value #MAX_BYTES} bytes of UTF-8. */
    private static String readText(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("recipe", "recipe " + file + ": expected a recipe file, found a folder");
        }
        byte[] bytes;
        // at most one byte past the limit is read: the size stat reports is 0 for a device or a pipe
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            throw new InvalidInputException(
                    "recipe",
                    "recipe " + file + ": expected a recipe of at most " + MAX_BYTES + " bytes, found "
                            + (size >= 0 ? Long.toString(size) : "more"));
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe " + file + ": expected a JSON or YAML text file (UTF-8), found " + IoErrors.notUtf8(bytes));
        }
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
     * This recipe with what the user did not set made to fit the data (see {@link DataDefaults}): the first
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
     * A copy with one key set, as code sets it: {@code with("epochs", 3)}.
     *
     * @param key   a key of {@link #keys()}
     * @param value its value
     * @return the new recipe
     */
    public Recipe with(String key, Object value) {
        Object v = value instanceof Integer i ? (Object) (long) i : value;
        if (value instanceof java.util.Collection<?> list) {
            // with("layers", List.of(4, 32, 3)) as a recipe file writes it ([4, 32, 3]): it failed at plan()
            v = String.join(",", list.stream().map(String::valueOf).toList());
        } else if (value instanceof int[] sizes) {
            v = String.join(
                    ",",
                    java.util.Arrays.stream(sizes).mapToObj(Integer::toString).toList());
        }
        return merge(Map.of(key, v), "the code");
    }

    private Recipe merge(Map<String, ?> more, Origin source) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        Map<String, Origin> o = new LinkedHashMap<>(origin);
        for (Map.Entry<String, ?> e : more.entrySet()) {
            String where = source.optionName() != null ? source.name(e.getKey()) : source.source();
            if (!KEYS.containsKey(e.getKey())) {
                throw new InvalidInputException(
                        e.getKey(),
                        where + ": unknown key '" + e.getKey() + "'" + suggestion(e.getKey()) + "; known keys: "
                                + String.join(", ", KEYS.keySet()));
            }
            if (e.getValue() == null) {
                throw new InvalidInputException(e.getKey(), where + ": key '" + e.getKey() + "' has no value");
            }
            v.put(e.getKey(), e.getValue());
            o.put(e.getKey(), source);
        }
        return new Recipe(v, o);
    }

    /** " (did you mean 'x'?)" for the closest known key, when one is close. */
    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KEYS.keySet()) {
            int d = distance(key.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * This recipe without the image distortions a named recipe set, for data that is not images (a table):
     * a named recipe's {@code augment-*} keys go back to their defaults; those set by anything else stay,
     * and planning then refuses them.
     *
     * @return the recipe, or this one when no named recipe set a distortion
     */
    public Recipe withoutNamedAugmentation() {
        Map<String, Object> off = new LinkedHashMap<>();
        for (String k : KEYS.keySet()) {
            if (k.startsWith("augment-") && fromNamedRecipe(k)) {
                off.put(k, KEYS.get(k).defaultValue());
            }
        }
        return off.isEmpty() ? this : merge(off, "tabular data");
    }

    /**
     * Where a key's value came from, for messages: "--dropout" (an option), "'dropout' (from recipe best)".
     *
     * @param key a key of {@link #keys()}
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
     * @param key a key of {@link #keys()}
     * @return true for a value a named recipe set
     */
    public boolean fromNamedRecipe(String key) {
        return origin(key).optionName() == null && origin(key).source().startsWith("recipe ");
    }

    /**
     * Whether a key was set by anything above the defaults.
     *
     * @param key a key of {@link #keys()}
     * @return false for a built-in value
     */
    public boolean isSet(String key) {
        return origin(key).optionName() != null || !origin(key).source().equals(DEFAULTS);
    }

    /**
     * A key's value as text.
     *
     * @param key a key of {@link #keys()}
     * @return the value as written
     */
    public String string(String key) {
        origin(key);
        return String.valueOf(values.get(key));
    }

    /**
     * A key's value as true or false.
     *
     * @param key a key of {@link #keys()}
     * @return the value
     */
    public boolean bool(String key) {
        String v = string(key).trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new InvalidInputException(key, source(key) + ": expected true or false, found '" + string(key) + "'");
    }

    /**
     * A key's value as a number.
     *
     * @param key a key of {@link #keys()}
     * @return the value
     */
    public double number(String key) {
        Object v = values.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(string(key).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, source(key) + ": expected a number, found '" + v + "'");
        }
    }

    /**
     * A key's value as a whole number that fits an int.
     *
     * @param key a key of {@link #keys()}
     * @return the value
     */
    public int integer(String key) {
        double d = number(key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InvalidInputException(
                    key, source(key) + ": expected a whole number, found '" + values.get(key) + "'");
        }
        return (int) d;
    }

    /**
     * A key's value as a whole number (the seed).
     *
     * @param key a key of {@link #keys()}
     * @return the value
     */
    public long longValue(String key) {
        Object v = values.get(key);
        if (v instanceof Long l) {
            return l;
        }
        try {
            return Long.parseLong(string(key).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key, source(key) + ": expected a whole number, found '" + v + "'");
        }
    }

    /**
     * The objects training needs, every value checked: the architecture and the training settings.
     *
     * @param trainSize examples in the training set ({@code Integer.MAX_VALUE} when not known yet)
     * @param imageSide side of square images, or 0 for tabular data (which cannot be augmented)
     * @return the plan
     */
    public TrainingPlan plan(int trainSize, int imageSide) {
        return TrainingPlan.of(this, trainSize, imageSide);
    }

    /**
     * The resolved recipe as a JSON object, every key, in a stable order.
     *
     * @return the JSON text
     */
    public String toJson() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Number ? numberText((Number) v) : Json.quote(String.valueOf(v));
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
