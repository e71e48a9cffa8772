package org.mlp4j.datasets;

/** How a failed download or npm run is said in the attempts list: one short reason, never a trace. */
final class FetchErrors {
    private FetchErrors() {}

    /** The innermost message that says something, lower-cased ("connection refused" for a bare refusal). */
    static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null
                && t.getCause() != t
                && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        if (e instanceof java.net.ConnectException
                && (t.getMessage() == null || t.getMessage().isBlank())) {
            return "connection refused";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.toLowerCase(java.util.Locale.ROOT);
    }

    /** The exception's kind and message. */
    static String describe(Exception e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null ? kind : kind + ": " + m;
    }
}
