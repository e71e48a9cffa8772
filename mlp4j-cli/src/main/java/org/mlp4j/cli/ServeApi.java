package org.mlp4j.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Prediction;
import org.mlp4j.io.Json;

/**
 * The JSON of {@code POST /api/predict}: the request's pixels in, the answer out. Kept apart from the
 * server so the request bodies can be fuzzed in-process; every bad body is an {@link InvalidInputException}.
 */
final class ServeApi {
    static final int PIXELS = 784;

    private ServeApi() {}

    /**
     * {@code {"pixels": [784 grey levels 0..255]}} to a raw example, as {@code Model.predict} takes it (and
     * as MNIST's files hold it): the model divides by 255.
     */
    static float[] pixels(byte[] body) {
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    "body: expected JSON {\"pixels\": [784 grey levels 0..255]} or a PNG, found invalid JSON ("
                            + e.getMessage()
                            + ")");
        }
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("pixels") instanceof List<?> pixels)) {
            throw new InvalidInputException("body: expected a JSON object with a \"pixels\" array");
        }
        if (pixels.size() != PIXELS) {
            throw new InvalidInputException("pixels: expected " + PIXELS + " numbers, found " + pixels.size());
        }
        float[] x = new float[PIXELS];
        for (int k = 0; k < PIXELS; k++) {
            Object v = pixels.get(k);
            if (!(v instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 255)) {
                throw new InvalidInputException(
                        "pixels[" + k + "]: expected a grey level in 0..255, found " + describe(v));
            }
            x[k] = n.floatValue();
        }
        return x;
    }

    /**
     * {@code {"rows": [{"feature": value, …}, …]}} to raw table rows in the model's feature order: each
     * row names every feature the model was trained on (other names are ignored, as extra CSV columns are).
     */
    static float[][] rows(byte[] body, List<String> features) {
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("body: expected JSON {\"rows\": [{\"feature\": value, …}]}, found invalid"
                    + " JSON (" + e.getMessage() + ")");
        }
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("rows") instanceof List<?> rows)) {
            throw new InvalidInputException(
                    "body: expected a JSON object with a \"rows\" array of objects" + " (feature name: value)");
        }
        if (rows.isEmpty() || rows.size() > MAX_ROWS) {
            throw new InvalidInputException("rows: expected 1 to " + MAX_ROWS + " rows, found " + rows.size());
        }
        float[][] x = new float[rows.size()][features.size()];
        for (int i = 0; i < x.length; i++) {
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                throw new InvalidInputException(
                        "rows[" + i + "]: expected an object of feature values, found " + describe(rows.get(i)));
            }
            for (int k = 0; k < features.size(); k++) {
                String name = features.get(k);
                Object v = row.get(name);
                if (v == null) {
                    throw new InvalidInputException("rows[" + i + "]: expected a value for the feature "
                            + Json.quote(name) + " (the model's features: " + String.join(", ", features)
                            + "), found none");
                }
                if (!(v instanceof Number n) || !Float.isFinite(n.floatValue())) {
                    throw new InvalidInputException("rows[" + i + "]." + name + ": expected a finite float32 number,"
                            + " found " + describe(v));
                }
                x[i][k] = n.floatValue();
            }
        }
        return x;
    }

    /** Rows one request may hold: a 1 MiB body is a few thousand rows anyway. */
    static final int MAX_ROWS = 10_000;

    /** The answer for table rows: per row, the class, its name, the probabilities and the outputs. */
    static String answerRows(Prediction[] predictions) {
        StringBuilder json = new StringBuilder("{\"predictions\": [");
        for (int i = 0; i < predictions.length; i++) {
            Prediction p = predictions[i];
            json.append(i == 0 ? "" : ", ")
                    .append("{\"class\": ")
                    .append(p.index())
                    .append(", \"label\": ")
                    .append(Json.quote(p.label()))
                    .append(", \"probabilities\": [");
            for (int j = 0; j < p.outputs().length; j++) {
                json.append(j == 0 ? "" : ", ").append(number(p.probabilities()[j]));
            }
            json.append("], \"outputs\": [");
            for (int j = 0; j < p.outputs().length; j++) {
                json.append(j == 0 ? "" : ", ").append(number(p.outputs()[j]));
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    /**
     * The answer of a regression model for table rows: per row, its values by target name (in the
     * targets' units) and the same values as a list.
     */
    static String answerValues(float[][] values, java.util.List<String> targets) {
        StringBuilder json = new StringBuilder("{\"predictions\": [");
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"values\": {");
            for (int j = 0; j < values[i].length; j++) {
                json.append(j == 0 ? "" : ", ")
                        .append(Json.quote(targets.get(j)))
                        .append(": ")
                        .append(value(values[i][j]));
            }
            json.append("}, \"outputs\": [");
            for (int j = 0; j < values[i].length; j++) {
                json.append(j == 0 ? "" : ", ").append(value(values[i][j]));
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    /** A value in a target's units, at full float precision (its scale is the user's, not [0, 1]). */
    private static String value(float v) {
        return Float.isFinite(v) ? Float.toString(v) : "null";
    }

    /** A JSON value as it was written: strings in quotes, so "0.5" and 0.5 read differently. */
    private static String describe(Object v) {
        if (v instanceof String s) {
            return "the string " + Json.quote(s.length() > 40 ? s.substring(0, 40) + "…" : s);
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Map) {
            return "an object";
        }
        return String.valueOf(v);
    }

    /**
     * The answer: class, outputs normalised to sum to 1, raw outputs, and the input as the network saw it
     * ({@code raw} grey levels divided by 255, in 0..1, for the page to draw).
     */
    static String answer(float[] raw, Prediction p) {
        float[] out = p.outputs();
        StringBuilder json = new StringBuilder("{\"class\": ").append(p.index()).append(", \"probabilities\": [");
        for (int j = 0; j < out.length; j++) {
            json.append(j == 0 ? "" : ", ").append(number(p.probabilities()[j]));
        }
        json.append("], \"outputs\": [");
        for (int j = 0; j < out.length; j++) {
            json.append(j == 0 ? "" : ", ").append(number(out[j]));
        }
        json.append("], \"input\": [");
        for (int k = 0; k < raw.length; k++) {
            // three decimals by hand: String.format for 784 values took most of a request's time
            int milli = Math.round(Math.max(0, Math.min(1, raw[k] / 255f)) * 1000);
            json.append(k == 0 ? "" : ",").append(milli / 1000).append('.');
            int frac = milli % 1000;
            json.append((char) ('0' + frac / 100))
                    .append((char) ('0' + frac / 10 % 10))
                    .append((char) ('0' + frac % 10));
        }
        return json.append("]}").toString();
    }

    /** Six decimals; JSON has no NaN or infinity, so a non-finite output is null. */
    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "null";
    }
}
