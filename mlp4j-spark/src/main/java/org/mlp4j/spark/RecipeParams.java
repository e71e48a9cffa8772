package org.mlp4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlp4j.recipe.Hyperparameter;
import org.mlp4j.recipe.LayerSizes;
import org.mlp4j.recipe.Recipe;

/**
 * One Spark parameter per {@link Hyperparameter}, of the type the table declares ({@code lr} a DoubleParam,
 * {@code epochs} an IntParam, {@code layers} an IntArrayParam, …) and named in Spark's camel case ({@code
 * batch-size} is {@code batchSize}), so a {@code ParamGridBuilder} can search any of them. A parameter
 * that is set goes on top of the named recipe or recipe file of {@code recipe}; one that is not set keeps
 * the recipe's value. The keys that read data from files ({@link Hyperparameter.Scope#FILES}) have no
 * parameter: the DataFrame is the data.
 */
final class RecipeParams implements Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> recipe;
    /** Recipe key → its parameter, in the recipe's order. */
    final Map<String, Param<?>> byKey = new LinkedHashMap<>();

    RecipeParams(Params parent) {
        recipe = new Param<>(
                parent,
                "recipe",
                "a named recipe (" + String.join(", ", Recipe.names())
                        + ") or a JSON/YAML recipe file; the parameters that are set go on top of it");
        parent.setDefault(recipe, "default");
        for (Hyperparameter<?> h : Hyperparameter.all()) {
            if (h.scope() == Hyperparameter.Scope.FILES) {
                continue;
            }
            Param<?> p = param(parent, h);
            Object d = sparkDefault(h);
            if (d != null) {
                // explainParams shows the table's built-in value (the default recipe's); a recipe named by
                // `recipe` still supplies what it sets, since only a param that is set goes on top of it
                setDefault(parent, p, d);
            }
            byKey.put(h.name(), p);
        }
    }

    @SuppressWarnings("unchecked")
    private static void setDefault(Params parent, Param<?> p, Object value) {
        parent.setDefault((Param<Object>) p, value);
    }

    private static <T> Object sparkDefault(Hyperparameter<T> h) {
        return sparkValue(h, h.defaultValue());
    }

    /** A hyper-parameter's value as its Spark param holds it (text for a choice), or null for none. */
    private static <T> Object sparkValue(Hyperparameter<T> h, T value) {
        if (value instanceof LayerSizes) {
            // no default: the sizes' ends follow the data, and Spark prints an int[] default as [I@…
            return null;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return h.text(value);
    }

    /** The Spark param of the type the table declares: a DoubleParam for a Double, an IntArrayParam for sizes. */
    private static Param<?> param(Params parent, Hyperparameter<?> h) {
        String name = camel(h.name());
        String doc =
                h.description() + (h.allowed().isEmpty() ? "" : "; " + h.allowed()) + " (recipe key " + h.name() + ")";
        Class<?> t = h.type();
        if (t == Double.class) {
            return new DoubleParam(parent, name, doc);
        }
        if (t == Integer.class) {
            return new IntParam(parent, name, doc);
        }
        if (t == Long.class) {
            return new LongParam(parent, name, doc);
        }
        if (t == Boolean.class) {
            return new BooleanParam(parent, name, doc);
        }
        if (t == LayerSizes.class) {
            return new IntArrayParam(parent, name, doc);
        }
        return new Param<String>(parent, name, doc); // a choice, or a split that may be "article"
    }

    /** "batch-size" → "batchSize". */
    static String camel(String key) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** "batchSize" → "batch-size". */
    static String kebab(String camel) {
        StringBuilder b = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The error for a parameter name the estimator does not have: Spark's own says only "Param dropuot does
     * not exist."; this one names the closest hyper-parameter as the recipe and the command line do.
     */
    static IllegalArgumentException unknown(String name, Param<?>[] known, String owner) {
        Hyperparameter<?> h = Hyperparameter.closest(kebab(name));
        String names =
                java.util.Arrays.stream(known).map(Param::name).collect(java.util.stream.Collectors.joining(", "));
        return new IllegalArgumentException("param " + name + ": unknown parameter of " + owner
                + (h != null ? " (did you mean '" + camel(h.name()) + "'?)" : "") + "; known parameters: " + names);
    }

    List<Param<?>> all() {
        List<Param<?>> all = new java.util.ArrayList<>();
        all.add(recipe);
        all.addAll(byKey.values());
        return all;
    }

    /** The recipe the parameters make: {@code recipe}, with every parameter that is set on top. */
    Recipe resolve(Params p) {
        Recipe base = Recipe.nameOrFile(p.getOrDefault(recipe));
        Map<String, Object> set = new LinkedHashMap<>();
        for (Map.Entry<String, Param<?>> e : byKey.entrySet()) {
            if (p.isSet(e.getValue())) {
                set.put(e.getKey(), p.getOrDefault(e.getValue())); // the table reads each type
            }
        }
        return base.mergeOptions(set, key -> "param " + camel(key));
    }

    /** What explainParams shows on a regression's estimator and model: its output and cost unless set. */
    void regressionDefaults(Params parent) {
        setDefault(parent, byKey.get("output-activation"), "identity");
        setDefault(parent, byKey.get("cost"), "quadratic");
    }
}
