package org.mlp4j.cli;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.io.Json;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Every hyper-parameter of a training run, by name: the keys are the {@code train} flags without their
 * dashes. A run's recipe is layered: the built-in defaults, then a named recipe or a recipe file (JSON
 * or YAML), then the flags given on the command line. The resolved recipe, every key included, is
 * recorded with the run ({@code recipe.json}, the model file, checkpoints), so it can be run again with
 * {@code mlp4j train --recipe runs/NAME/recipe.json}.
 */
final class Recipe {
    /** The named recipes shipped with mlp4j (files under recipes/ in the repository). */
    static final List<String> NAMED = List.of("default", "article", "fast-98", "best", "fashion");

    /** Every key with its default and a description (the defaults are a modern baseline). */
    static final Map<String, Object[]> KEYS = new LinkedHashMap<>();
    /** A recipe is a few dozen lines; a file over this is not one. */
    static final int MAX_BYTES = 1 << 20;
    /** Nesting allowed in a recipe file (a recipe itself needs 2: the object and a list of layers). */
    static final int MAX_DEPTH = 16;

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
        key("label", "label", "csv: name of the label column");
        key("test-data", "", "csv: file of test examples (default: the last 20% of --data)");
        key("seed", 0L, "random seed");
        key("gradient-path", "batched", "batched, or reference (the article's algorithm only)");
    }

    private static void key(String name, Object dflt, String description) {
        KEYS.put(name, new Object[] {dflt, description});
    }

    private final Map<String, Object> values;
    private final Map<String, String> origin;

    private Recipe(Map<String, Object> values, Map<String, String> origin) {
        this.values = values;
        this.origin = origin;
    }

    /** The built-in defaults alone. */
    static Recipe defaults() {
        Map<String, Object> v = new LinkedHashMap<>();
        Map<String, String> o = new LinkedHashMap<>();
        KEYS.forEach((k, d) -> {
            v.put(k, d[0]);
            o.put(k, "the defaults");
        });
        return new Recipe(v, o);
    }

    /** The "description" a named recipe's file gives of itself (for help texts). */
    static String description(String name) {
        Object root = Json.parse(namedText(name));
        return root instanceof Map<?, ?> m && m.get("description") instanceof String d ? d : "";
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

    /** A named recipe, or a file when {@code nameOrFile} is not a name. */
    static Recipe load(String nameOrFile) {
        String lower = nameOrFile.toLowerCase(Locale.ROOT);
        if (NAMED.contains(lower)) {
            return defaults().merge(parse(namedText(lower), false, "recipe " + lower), "recipe " + lower);
        }
        Path file = Path.of(nameOrFile);
        String text;
        try {
            text = readText(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--recipe: expected a recipe name (" + String.join(", ", NAMED)
                    + ") or a JSON/YAML file, found '" + nameOrFile + "' (no such file)");
        } catch (IOException e) {
            throw new InvalidInputException("--recipe " + file + ": cannot read: " + e.getMessage());
        }
        return fromText(text, lower.endsWith(".yaml") || lower.endsWith(".yml"), file.toString());
    }

    private static Map<String, Object> parse(String text, boolean yaml, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte-order mark, as some Windows editors write
        }
        Object root;
        if (yaml) {
            root = parseYaml(text, source);
        } else {
            try {
                root = Json.parse(text);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + ": not valid JSON: " + e.getMessage());
            }
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidInputException(source + ": expected an object of recipe keys (key: value lines), found "
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
                if (list.stream().anyMatch(x -> x instanceof List || x instanceof Map)) {
                    throw new InvalidInputException(source + ": key '" + k + "': expected a value or a list of values, found"
                            + " nested lists or objects");
                }
                v = String.join(",", list.stream().map(String::valueOf).toList());
            } else if (v instanceof Map) {
                throw new InvalidInputException(source + ": key '" + k + "': expected a value, found an object");
            }
            out.put(k, v);
        }
        return out;
    }

    /**
     * YAML with the same limits as JSON: nesting checked on the event stream first (composing a 5,000-deep
     * document recurses past the stack), duplicate keys refused, and errors with their line and column.
     */
    private static Object parseYaml(String text, String source) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(50).setCodePointLimit(MAX_BYTES).build();
        try {
            int depth = 0;
            for (Event e : new Parse(settings).parseString(text)) {
                if (e instanceof CollectionStartEvent) {
                    if (++depth > MAX_DEPTH) {
                        throw new InvalidInputException(source + where(e.getStartMark()) + ": YAML nested deeper than "
                                + MAX_DEPTH + " levels (a recipe needs 2)");
                    }
                } else if (e instanceof CollectionEndEvent) {
                    depth--;
                }
            }
            return new Load(settings).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            throw new InvalidInputException(source + where(e.getProblemMark()) + ": not valid YAML: "
                    + (e.getProblem() == null ? e.getMessage().lines().findFirst().orElse("") : e.getProblem()));
        } catch (YamlEngineException e) {
            throw new InvalidInputException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String where(java.util.Optional<Mark> mark) {
        return mark.map(m -> " line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
    }


    /** The recipe file's text: at most {@value #MAX_BYTES} bytes of UTF-8. */
    private static String readText(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new InvalidInputException("--recipe " + file + ": expected a recipe of at most " + MAX_BYTES
                    + " bytes, found " + Files.size(file));
        }
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("--recipe " + file + ": expected a JSON or YAML text file (UTF-8), found binary"
                    + " data");
        }
    }

    /** A copy with {@code more}'s keys on top; every key must be known. */
    Recipe merge(Map<String, Object> more, String source) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        Map<String, String> o = new LinkedHashMap<>(origin);
        for (Map.Entry<String, Object> e : more.entrySet()) {
            if (!KEYS.containsKey(e.getKey())) {
                throw new InvalidInputException(source + ": unknown key '" + e.getKey() + "'" + suggestion(e.getKey())
                        + "; known keys: " + String.join(", ", KEYS.keySet()));
            }
            if (e.getValue() == null) {
                throw new InvalidInputException(source + ": key '" + e.getKey() + "' has no value");
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

    /** Where key's value came from, for messages: "--dropout", "recipe best", a file name. */
    String source(String key) {
        String o = origin.get(key);
        return o.equals("the command line") ? "--" + key : "'" + key + "' (from " + o + ")";
    }

    /** Whether key's value comes from one of the named recipes shipped with mlp4j. */
    boolean fromNamedRecipe(String key) {
        return origin.get(key).startsWith("recipe ");
    }

    boolean isSet(String key) {
        return !origin.get(key).equals("the defaults");
    }

    String string(String key) {
        return String.valueOf(values.get(key));
    }

    boolean bool(String key) {
        String v = string(key).trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new InvalidInputException(source(key) + ": expected true or false, found '" + string(key) + "'");
    }

    double number(String key) {
        Object v = values.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source(key) + ": expected a number, found '" + v + "'");
        }
    }

    int integer(String key) {
        double d = number(key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new InvalidInputException(source(key) + ": expected a whole number, found '" + values.get(key) + "'");
        }
        return (int) d;
    }

    long longValue(String key) {
        Object v = values.get(key);
        if (v instanceof Long l) {
            return l;
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source(key) + ": expected a whole number, found '" + v + "'");
        }
    }

    /** The resolved recipe as a JSON object, every key, in a stable order. */
    String toJson() {
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

    /** A recipe from the text of a file (JSON, or YAML when {@code yaml}); {@code source} names it in messages. */
    static Recipe fromText(String text, boolean yaml, String source) {
        return defaults().merge(parse(text, yaml, source), source);
    }

    /** The recipe from a recorded JSON (a model file's or a checkpoint's metadata). */
    static Recipe fromJson(String json, String source) {
        return defaults().merge(parse(json, false, source), source);
    }
}
