package org.mlp4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.InvalidInputException;

/**
 * A small, strict JSON reader and writer, for text that may come from anyone: objects, arrays, strings,
 * numbers, true/false/null. mlp4j reads recipes, safetensors headers and its server's request bodies with
 * it; an application may use it for the same kind of small documents. Parsing reports the first problem
 * with its position and limits nesting, so hostile input cannot exhaust the stack.
 *
 * <p>Objects parse to {@code LinkedHashMap<String, Object>}, arrays to {@code List<Object>}, integers to
 * {@code Long} and other numbers to {@code Double} (a safetensors header, whose numbers must be integers,
 * rejects a {@code Double} where it expects one).
 */
public final class Json {
    private static final int MAX_DEPTH = 16;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value filling the whole text.
     *
     * @param text the JSON text
     * @return a {@code Map}, {@code List}, {@code String}, {@code Long}, {@code Double}, {@code Boolean} or null
     * @throws InvalidInputException naming the first problem and its position (what a caller adds the file to)
     */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    private InvalidInputException error(String what) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new InvalidInputException(what + " at line " + line + ", column " + column);
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH);
        }
        if (pos >= text.length()) {
            throw error("unexpected end of JSON");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error(c == '\uFEFF' ? "unexpected byte-order mark" : "unexpected character '" + c + "'");
        }
    }

    private Object literal(String word, Object v) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
        return v;
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("expected a quoted key");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth + 1);
            if (m.containsKey(key)) {
                throw error("duplicate key \"" + key + "\"");
            }
            m.put(key, v);
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                continue;
            }
            expect('}');
            return m;
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                continue;
            }
            expect(']');
            return list;
        }
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = hexDigit(text.charAt(pos + i));
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    sb.append((char) code);
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    /**
     * A number exactly as RFC 8259 writes one: ASCII digits only (Java's parsers also take other scripts'
     * digits, so {@code 1١} read as 11), no leading zeros ({@code 0001}), and digits after a point or an
     * exponent ({@code 1.} and {@code 1e} are refused).
     */
    private Object number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        int intStart = pos;
        int intDigits = digits();
        if (intDigits == 0) {
            throw error(
                    "bad number '" + text.substring(start, Math.min(text.length(), pos + 1)) + "': expected a digit");
        }
        if (intDigits > 1 && text.charAt(intStart) == '0') {
            throw error("bad number '" + text.substring(start, pos) + "': leading zeros");
        }
        boolean integer = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            integer = false;
            pos++;
            if (digits() == 0) {
                throw error("bad number '" + text.substring(start, pos) + "': expected digits after the point");
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integer = false;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw error("bad number '" + text.substring(start, pos) + "': expected digits in the exponent");
            }
        }
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            throw error("bad number: '" + text.charAt(pos) + "' is not an ASCII digit");
        }
        String digits = text.substring(start, pos);
        try {
            if (integer) {
                if (digits.length() > 19) {
                    throw error("integer out of range '" + digits + "'");
                }
                return Long.parseLong(digits);
            }
            double d = Double.parseDouble(digits);
            if (!Double.isFinite(d)) {
                throw error("number out of range '" + digits + "'");
            }
            return d;
        } catch (NumberFormatException e) {
            throw error("integer out of range '" + digits + "'");
        }
    }

    /** An ASCII hexadecimal digit's value, or -1 ({@code Integer.parseInt} also takes '+' and other scripts). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** Skips ASCII digits and says how many there were. */
    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - start;
    }

    /**
     * What kind of value a parsed one is, in words for messages.
     *
     * @param v a value {@link #parse} returned
     * @return "an object", "an array", "a string", "a number", "a boolean" or "null"
     */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v.getClass().getSimpleName();
    }

    /**
     * A JSON string literal.
     *
     * @param s the text
     * @return s in quotes, with quotes, backslashes and control characters escaped
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Reads a JSON Lines file (one JSON document a line) line by line, in constant memory: UTF-8, a line of
     * at most a million characters, line breaks LF, CRLF or CR.
     *
     * @param file the file
     * @param sink receives every line in order, blank ones included (parse each with {@link #parse})
     * @return the number of lines
     * @throws InvalidInputException naming the file when it cannot be read, is not UTF-8 text or has a line
     *                               too long
     */
    public static long forEachLine(java.nio.file.Path file, java.util.function.Consumer<String> sink) {
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            return org.mlp4j.internal.CsvLines.forEachLine(r, file.toString(), sink);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(
                    file + ": expected UTF-8 text, found " + org.mlp4j.internal.IoErrors.notUtf8(file));
        } catch (java.io.IOException e) {
            throw new InvalidInputException(file + ": could not read: " + org.mlp4j.internal.IoErrors.describe(e));
        }
    }
}
