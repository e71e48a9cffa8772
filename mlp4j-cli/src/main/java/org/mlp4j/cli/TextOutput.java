package org.mlp4j.cli;

/**
 * Text from files (class names stored in a model, file names, CSV cells) made safe to print. A class name
 * is whatever a CSV's label column held: {@code ESC]0;…BEL} retitled the user's terminal and
 * {@code ESC[2J} cleared it, and {@code =HYPERLINK(…)} became a live formula when the CSV output was opened
 * in a spreadsheet.
 */
final class TextOutput {
    private TextOutput() {}

    /**
     * {@code s} with every control character (C0, DEL, C1) and every bidirectional override shown as a
     * {@code \}{@code uXXXX} escape, so nothing printed can steer a terminal or reorder what it shows.
     */
    static String safe(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e') // embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069') // isolates
                || c == '\u200e'
                || c == '\u200f'
                || c == '\u061c';
    }

    /**
     * One quoted CSV cell. A cell that a spreadsheet would run as a formula (it starts with {@code =},
     * {@code +}, {@code -}, {@code @}, a tab or a carriage return, and is not a plain number) gets a leading
     * apostrophe, as OWASP advises; control characters are escaped as by {@link #safe}.
     */
    static String csvCell(String s) {
        String v = safe(s);
        if (!v.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !plainNumber(s)) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static boolean plainNumber(String s) {
        return s.matches("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    }
}
