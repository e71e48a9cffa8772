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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.IoErrors;
import org.mlp4j.io.Json;

/**
 * A recipe file's text: read within its size limit as strict UTF-8, parsed as JSON or YAML, into keys and
 * plain values (numbers, text, booleans, lists of them) that {@link Hyperparameter}s then read.
 */
final class RecipeText {
    private RecipeText() {}

    static Map<String, Object> parse(String text, boolean yaml, String source) {
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
                v = List.copyOf(list);
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
            return YamlRecipe.parse(text, source, Recipe.MAX_BYTES, Recipe.MAX_DEPTH);
        } catch (NoClassDefFoundError e) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe " + source + ": YAML recipes need org.snakeyaml:snakeyaml-engine on the"
                            + " class path, found it missing; add it, or write the recipe as JSON");
        }
    }

    /** The recipe file's text: at most {@value #Recipe.MAX_BYTES} bytes of UTF-8. */
    static String read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("recipe", "recipe " + file + ": expected a recipe file, found a folder");
        }
        byte[] bytes;
        // at most one byte past the limit is read: the size stat reports is 0 for a device or a pipe
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(Recipe.MAX_BYTES + 1);
        }
        if (bytes.length > Recipe.MAX_BYTES) {
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            throw new InvalidInputException(
                    "recipe",
                    "recipe " + file + ": expected a recipe of at most " + Recipe.MAX_BYTES + " bytes, found "
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

    /** A recipe name as the jar knows it (lower case), or a clear error listing the names. */
    static String checkName(String name, List<String> names) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!names.contains(lower)) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe: expected a recipe name (" + String.join(", ", names) + "), found '" + name + "'");
        }
        return lower;
    }

    /** The JSON text of a named recipe, from the jar. */
    static String named(String name) {
        try (InputStream in = Recipe.class.getResourceAsStream("recipes/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("recipe " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A recipe file's text ({@link #read}), every failure a clear error naming the file. */
    static String readFile(Path file) {
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(
                    "recipe", "recipe " + file + ": expected a JSON or YAML recipe file, found no such file");
        } catch (IOException e) {
            throw new InvalidInputException("recipe", "recipe " + file + ": cannot read: " + IoErrors.describe(e));
        }
    }

    /** The file a recipe argument that is not a recipe name names, or a clear error listing the names. */
    static Path existingFile(String nameOrFile, List<String> names) {
        if (!Files.exists(Path.of(nameOrFile))) {
            throw new InvalidInputException(
                    "recipe",
                    "recipe: expected a recipe name (" + String.join(", ", names) + ") or a JSON/YAML file, found '"
                            + nameOrFile + "' (no such file)");
        }
        return Path.of(nameOrFile);
    }
}
