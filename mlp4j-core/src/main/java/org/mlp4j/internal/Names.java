package org.mlp4j.internal;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mlp4j.InvalidInputException;

/** Looking up a named choice (an activation, an optimizer, …) by the name a user typed. */
public final class Names {
    private Names() {}

    /**
     * The choice whose name equals {@code name}, ignoring case and treating '_' as '-'; otherwise an
     * {@link InvalidInputException} starting with {@code field} and listing every name.
     */
    public static <E> E parse(E[] choices, Function<E, String> nameOf, String name, String field) {
        if (name != null) {
            String wanted = name.trim().replace('_', '-');
            for (E c : choices) {
                if (nameOf.apply(c).equalsIgnoreCase(wanted)) {
                    return c;
                }
            }
        }
        throw new InvalidInputException(
                field + ": expected one of " + list(choices, nameOf) + ", found '" + name + "'");
    }

    /** "a, b, c". */
    public static <E> String list(E[] choices, Function<E, String> nameOf) {
        return Arrays.stream(choices).map(nameOf).collect(Collectors.joining(", "));
    }
}
