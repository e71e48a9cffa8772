package org.mlp4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML page from a resource with placeholders: {@code {{name}}} takes text, escaped here, and {@code
 * {{{name}}}} takes a fragment of HTML that the caller built with its own values escaped. Every
 * placeholder must be filled and every value must have its placeholder, so the page and the code cannot
 * drift apart unnoticed.
 */
final class PageTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-z-]+)}}(}?)");

    private final String resource;
    private final String text;
    private final Map<String, String> values = new LinkedHashMap<>();

    private PageTemplate(String resource, String text) {
        this.resource = resource;
        this.text = text;
    }

    /** The template in a resource beside this class ({@code report/report.html}). */
    static PageTemplate of(String resource) {
        try (InputStream in = PageTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new PageTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text for {@code {{name}}}, escaped. */
    PageTemplate text(String name, String value) {
        values.put(name, escape(value));
        return this;
    }

    /** A fragment of HTML for {@code {{{name}}}}, whose values the caller escaped. */
    PageTemplate html(String name, String fragment) {
        values.put("{" + name, fragment);
        return this;
    }

    /** The page; fails on a placeholder without a value or a value without its placeholder. */
    String render() {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        java.util.Set<String> used = new java.util.HashSet<>();
        while (m.find()) {
            String key = (m.group(1).isEmpty() ? "" : "{") + m.group(2);
            String v = values.get(key);
            if (v == null || m.group(1).length() != m.group(3).length()) {
                throw new IllegalStateException(resource + ": no value for " + m.group());
            }
            used.add(key);
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        if (!used.containsAll(values.keySet())) {
            throw new IllegalStateException(resource + ": values without a placeholder: " + values.keySet());
        }
        return out.toString();
    }

    /** Text as HTML: the characters that could open a tag, an entity or close an attribute. */
    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
