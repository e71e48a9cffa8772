package org.mlp4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.mlp4j.recipe.Recipe;

/**
 * One Spark parameter per recipe key, typed as the key's values are ({@code lr} a DoubleParam, {@code
 * epochs} an IntParam, {@code layers} an IntArrayParam, …) and named in Spark's camel case ({@code
 * batch-size} is {@code batchSize}), so a {@code ParamGridBuilder} can search any of them. A parameter
 * that is set goes on top of the named recipe or recipe file of {@code recipe}; one that is not set keeps
 * the recipe's value. The keys that choose the data ({@code dataset}, {@code label}, {@code test-data},
 * {@code delimiter}, {@code header}) have no parameter: the DataFrame is the data.
 */
final class RecipeParams implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Set<String> DATA_KEYS = Set.of("dataset", "label", "test-data", "delimiter", "header");

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
        for (Recipe.Key k : Recipe.keys().values()) {
            if (DATA_KEYS.contains(k.name())) {
                continue;
            }
            String name = camel(k.name());
            String doc = k.description() + " (recipe key " + k.name() + ")";
            Object d = k.defaultValue();
            Param<?> p;
            if (k.name().equals("validation-split")) {
                p = new Param<String>(parent, name, doc); // a count, a fraction, or "article"
            } else if (k.name().equals("layers")) {
                p = new IntArrayParam(parent, name, doc);
            } else if (k.name().equals("seed")) {
                p = new LongParam(parent, name, doc);
            } else if (k.name().equals("augment-flip")) {
                p = new BooleanParam(parent, name, doc);
            } else if (d instanceof Long) {
                p = new IntParam(parent, name, doc);
            } else if (d instanceof Double) {
                p = new DoubleParam(parent, name, doc);
            } else {
                p = new Param<String>(parent, name, doc);
            }
            byKey.put(k.name(), p);
        }
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
                Object v = p.getOrDefault(e.getValue());
                if (v instanceof int[] sizes) {
                    v = String.join(
                            ",",
                            java.util.Arrays.stream(sizes)
                                    .mapToObj(Integer::toString)
                                    .toList());
                } else if (v instanceof Integer i) {
                    v = (long) i;
                } else if (v instanceof Boolean b) {
                    v = b.toString();
                }
                set.put(e.getKey(), v);
            }
        }
        return base.mergeOptions(set, key -> "param " + camel(key));
    }
}
