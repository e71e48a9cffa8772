package org.mlp4j.recipe;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.mlp4j.InvalidInputException;
import org.mlp4j.model.Network;

/**
 * The value of the {@code layers} hyper-parameter: layer sizes, input first, or {@code auto} (sizes from
 * the data: its features, a hidden width by {@link DataDefaults}' rule, its classes).
 */
public final class LayerSizes {
    /** {@code auto}: the sizes follow the data. */
    public static final LayerSizes AUTO = new LayerSizes(null);

    private final int[] sizes;

    private LayerSizes(int[] sizes) {
        this.sizes = sizes;
    }

    /**
     * Given sizes, checked as a network's.
     *
     * @param sizes layer sizes, input first
     * @return the value
     */
    public static LayerSizes of(int... sizes) {
        return parse(Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(",")), "layers");
    }

    /**
     * {@code 784,512,10} or {@code auto}.
     *
     * @param text  the text
     * @param where names it in messages
     * @return the value
     */
    public static LayerSizes parse(String text, String where) {
        String t = text.trim();
        return t.equalsIgnoreCase("auto") ? AUTO : new LayerSizes(Network.parseSizes(t, where));
    }

    /** Text, a list of sizes (as a recipe file writes {@code [784, 512, 10]}) or an int array. */
    static LayerSizes read(Object raw, String where) {
        if (raw instanceof String s) {
            return parse(s, where);
        }
        if (raw instanceof int[] a) {
            return parse(Arrays.stream(a).mapToObj(Integer::toString).collect(Collectors.joining(",")), where);
        }
        if (raw instanceof Collection<?> list) {
            return parse(list.stream().map(String::valueOf).collect(Collectors.joining(",")), where);
        }
        throw new InvalidInputException(
                "layers", where + ": expected layer sizes such as 784,512,10 or auto, found '" + raw + "'");
    }

    /**
     * Whether the sizes follow the data.
     *
     * @return true for {@code auto}
     */
    public boolean auto() {
        return sizes == null;
    }

    /**
     * The sizes, input first.
     *
     * @return a copy
     * @throws IllegalStateException for {@code auto}, which has none until fitted to data
     */
    public int[] sizes() {
        if (sizes == null) {
            throw new IllegalStateException("layers auto: fit the recipe to the data first (Recipe.fitTo)");
        }
        return sizes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSizes l && Arrays.equals(sizes, l.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    /** {@code 784,512,10} or {@code auto}, as a recipe writes it. */
    @Override
    public String toString() {
        return sizes == null
                ? "auto"
                : Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
