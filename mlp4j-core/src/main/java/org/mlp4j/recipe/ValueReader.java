package org.mlp4j.recipe;

import java.util.Locale;
import java.util.function.Function;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.Names;

/**
 * The kinds of values a {@link Hyperparameter} takes (a real number in a range, a whole number, a choice,
 * text) and how each reads a value given as text (a flag), a number or a boolean (JSON, YAML, a Spark
 * param) and checks it; errors start with where the value came from.
 */
final class ValueReader {
    private ValueReader() {}

    /** An interval of real numbers, and its words for messages and help. */
    record Range(double lo, double hi, boolean loIncluded, boolean hiIncluded) {
        static final Range POSITIVE = new Range(0, Double.POSITIVE_INFINITY, false, false);
        static final Range NON_NEGATIVE = new Range(0, Double.POSITIVE_INFINITY, true, false);
        static final Range UNIT_OPEN = new Range(0, 1, true, false);

        boolean contains(double v) {
            return (loIncluded ? v >= lo : v > lo) && (hiIncluded ? v <= hi : v < hi);
        }

        @Override
        public String toString() {
            return "a number in " + (loIncluded ? "[" : "(") + fmt(lo) + ", " + (Double.isInfinite(hi) ? "∞" : fmt(hi))
                    + (hiIncluded ? "]" : ")");
        }

        static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    static double readNumber(Object raw, String where, String name, String expected) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            String t = s.trim();
            // JSON's number grammar plus a leading '+' as people type it; Java's parser also takes hex and "1d"
            if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return Double.parseDouble(t);
            }
        }
        throw new InvalidInputException(name, where + ": expected " + expected + ", found " + shown(raw));
    }

    static String readText(Object raw, String where, String name) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return String.valueOf(raw);
        }
        throw new InvalidInputException(name, where + ": expected text, found " + shown(raw));
    }

    /** A boolean's text (a Boolean itself arrives as its text: see {@link Hyperparameter#read}). */
    static Boolean readBoolean(Object raw, String where) {
        String v = raw instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : "";
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw new InvalidInputException("augment-flip", where + ": expected true or false, found " + shown(raw));
    }

    static Long readLong(Object raw, String where) {
        if (raw instanceof Long || raw instanceof Integer) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String s && s.trim().matches("[+-]?\\d{1,19}")) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException tooLarge) {
                // said below
            }
        }
        throw new InvalidInputException("seed", where + ": expected a whole number, found " + shown(raw));
    }

    /** A value as messages quote it. */
    static String shown(Object raw) {
        return "'" + raw + "'";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
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

    static Hyperparameter<Double> real(String name, double dflt, Range range, String description) {
        return new Hyperparameter<>(
                name,
                Double.class,
                dflt,
                description,
                range.toString(),
                Hyperparameter.Scope.TRAINING,
                (raw, where) -> {
                    double v = readNumber(raw, where, name, range.toString());
                    if (!range.contains(v) || !Double.isFinite(v)) {
                        throw new InvalidInputException(name, where + ": expected " + range + ", found " + shown(raw));
                    }
                    return v;
                },
                v -> Double.toString(v));
    }

    static Hyperparameter<Integer> integer(String name, int dflt, int min, String description) {
        String expected = "a whole number ≥ " + min;
        return new Hyperparameter<>(
                name,
                Integer.class,
                dflt,
                description,
                expected,
                Hyperparameter.Scope.TRAINING,
                (raw, where) -> {
                    double v = readNumber(raw, where, name, expected);
                    if (v != Math.rint(v) || v < min || v > Integer.MAX_VALUE) {
                        throw new InvalidInputException(
                                name, where + ": expected " + expected + ", found " + shown(raw));
                    }
                    return (int) v;
                },
                String::valueOf);
    }

    static Hyperparameter<String> text(String name, String dflt, String description) {
        return new Hyperparameter<>(
                name,
                String.class,
                dflt,
                description,
                "",
                Hyperparameter.Scope.FILES,
                (raw, where) -> readText(raw, where, name),
                s -> s);
    }

    static Hyperparameter<String> choice(
            String name, String dflt, Hyperparameter.Scope scope, String description, String... choices) {
        return new Hyperparameter<>(
                name,
                String.class,
                dflt,
                description,
                "",
                scope,
                (raw, where) -> Names.parse(choices, c -> c, readText(raw, where, name), where),
                s -> s);
    }

    /** A choice looked up by the type's own parser, which names {@code where} in its errors. */
    static <T> Hyperparameter<T> lookedUp(
            String name,
            Class<T> type,
            T dflt,
            String description,
            java.util.function.BiFunction<String, String, T> parse,
            Function<T, String> id) {
        return new Hyperparameter<>(
                name,
                type,
                dflt,
                description,
                "",
                Hyperparameter.Scope.TRAINING,
                (raw, where) -> parse.apply(readText(raw, where, name), where),
                id);
    }

    /**
     * A choice looked up by a function that names its own field in errors ({@code Activation.byName} says
     * "activation: …"): its message is said again after {@code where}.
     */
    static <T> Hyperparameter<T> named(
            String name,
            Class<T> type,
            T dflt,
            String description,
            Function<String, T> lookUp,
            Function<T, String> id) {
        return lookedUp(
                name,
                type,
                dflt,
                description,
                (text, where) -> {
                    try {
                        return lookUp.apply(text);
                    } catch (InvalidInputException e) {
                        String m = e.getMessage();
                        int colon = m.indexOf(": ");
                        throw new InvalidInputException(name, where + ": " + (colon >= 0 ? m.substring(colon + 2) : m));
                    }
                },
                id);
    }
}
