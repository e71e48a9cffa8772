package org.mlp4j.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;
import org.mlp4j.eval.Accuracy;
import org.mlp4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mlp4j serve --model M}: a page to draw a digit on and watch the network answer, and a JSON API.
 *
 * <p>Built on the JDK's own HTTP server: the page is one static file and the API two endpoints, so a web
 * framework would add dependencies and start-up time without adding anything used here. Requests are
 * bounded ({@value #MAX_BODY} bytes), every error is a JSON body with a 4xx status, and the model is
 * thread-safe, so requests run in parallel on a fixed pool.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a page with a drawing canvas that shows the preprocessed 28x28 input and the model's ten"
                + " outputs live, and a JSON API:",
                "  POST /api/predict  {\"pixels\": [784 numbers in 0..1]} or a PNG body (Content-Type: image/png)",
                "  GET  /api/model    the model's metadata"})
final class ServeCommand implements Callable<Integer> {
    static final int MAX_BODY = 1 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A model file written by 'mlp4j train --save'.")
    Path modelFile;

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).",
            defaultValue = "127.0.0.1")
    String host;

    /** Counted down when the server is up; tests start the command on a thread and wait on it. */
    final CountDownLatch started = new CountDownLatch(1);
    volatile HttpServer server;

    @Override
    public Integer call() throws IOException {
        Model model = Model.load(modelFile);
        if (model.inputSize() != 784) {
            throw new InvalidInputException(modelFile + ": the page draws 28x28 digits; expected a model with 784 inputs,"
                    + " found " + model.inputSize());
        }
        byte[] page;
        try (InputStream in = ServeCommand.class.getResourceAsStream("web/index.html")) {
            page = in.readAllBytes();
        }
        // Without TCP_NODELAY a response's headers and body leave as two small segments and the second waits
        // for the client's delayed ACK: about 40 ms per request. Read once, when the server first starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(host, port), 128);
        } catch (IOException e) {
            throw new InvalidInputException("--port: could not listen on " + host + ":" + port + ": " + e.getMessage());
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        s.setExecutor(workers);
        s.createContext("/", ex -> handle(ex, () -> {
            if (!ex.getRequestURI().getPath().equals("/")) {
                error(ex, 404, "not found: " + ex.getRequestURI().getPath());
                return;
            }
            send(ex, 200, "text/html; charset=utf-8", page);
        }));
        s.createContext("/api/model", ex -> handle(ex, () -> sendJson(ex, 200, modelJson(model))));
        s.createContext("/api/predict", ex -> handle(ex, () -> predict(ex, model)));
        s.start();
        server = s;
        PrintWriter out = spec.commandLine().getOut();
        out.println("serving " + modelFile + " on http://" + host + ":" + s.getAddress().getPort() + "/ (Ctrl-C stops)");
        out.flush();
        started.countDown();
        try {
            Thread.currentThread().join(); // until the JVM is stopped, or the thread interrupted (tests)
        } catch (InterruptedException e) {
            s.stop(0);
            workers.shutdownNow();
        }
        return 0;
    }

    private interface Handler {
        void run() throws IOException;
    }

    /** Runs a handler; any failure becomes a JSON error, never a dropped connection or a dead server. */
    private static void handle(HttpExchange ex, Handler h) {
        try {
            h.run();
        } catch (InvalidInputException e) {
            quietly(() -> error(ex, 400, e.getMessage()));
        } catch (RuntimeException | IOException e) {
            quietly(() -> error(ex, 500, "internal error: " + e));
        } finally {
            ex.close();
        }
    }

    private static void quietly(Handler h) {
        try {
            h.run();
        } catch (IOException | RuntimeException ignored) {
            // the client went away; nothing left to tell it
        }
    }

    private static void predict(HttpExchange ex, Model model) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            ex.getResponseHeaders().add("Allow", "POST");
            error(ex, 405, "use POST");
            return;
        }
        byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            error(ex, 413, "request body larger than " + MAX_BODY + " bytes");
            return;
        }
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        float[] x = type.startsWith("image/png") ? fromPng(body) : fromJson(body);
        float[] out = model.predict(x);
        int c = Accuracy.argmax(out, 0, out.length);
        double sum = 0;
        for (float v : out) {
            sum += v;
        }
        StringBuilder json = new StringBuilder("{\"class\": ").append(c).append(", \"probabilities\": [");
        for (int j = 0; j < out.length; j++) {
            json.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", sum > 0 ? out[j] / sum : 0));
        }
        json.append("], \"outputs\": [");
        for (int j = 0; j < out.length; j++) {
            json.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", out[j]));
        }
        json.append("], \"input\": [");
        for (int k = 0; k < x.length; k++) {
            // three decimals by hand: String.format for 784 values took most of a request's time
            int milli = Math.round(x[k] * 1000);
            json.append(k == 0 ? "" : ",").append(milli / 1000).append('.');
            int frac = milli % 1000;
            json.append((char) ('0' + frac / 100)).append((char) ('0' + frac / 10 % 10)).append((char) ('0' + frac % 10));
        }
        sendJson(ex, 200, json.append("]}").toString());
    }

    private static float[] fromJson(byte[] body) {
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("body: expected JSON {\"pixels\": [784 numbers]} or a PNG, found invalid JSON ("
                    + e.getMessage() + ")");
        }
        if (!(parsed instanceof Map) || !(((Map<?, ?>) parsed).get("pixels") instanceof List)) {
            throw new InvalidInputException("body: expected a JSON object with a \"pixels\" array");
        }
        List<?> pixels = (List<?>) ((Map<?, ?>) parsed).get("pixels");
        if (pixels.size() != 784) {
            throw new InvalidInputException("pixels: expected 784 numbers, found " + pixels.size());
        }
        float[] x = new float[784];
        for (int k = 0; k < 784; k++) {
            Object v = pixels.get(k);
            if (!(v instanceof Number) || !(((Number) v).doubleValue() >= 0 && ((Number) v).doubleValue() <= 1)) {
                throw new InvalidInputException("pixels[" + k + "]: expected a number in 0..1, found " + v);
            }
            x[k] = ((Number) v).floatValue();
        }
        return x;
    }

    private static float[] fromPng(byte[] body) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(body));
        } catch (IOException | RuntimeException e) {
            img = null;
        }
        if (img == null || img.getWidth() > 4096 || img.getHeight() > 4096) {
            throw new InvalidInputException("body: expected a PNG image of at most 4096x4096 pixels");
        }
        return Images.toMnist(img, "body");
    }

    private static String modelJson(Model model) {
        StringBuilder json = new StringBuilder("{");
        int i = 0;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(model.metadata()).entrySet()) {
            json.append(i++ == 0 ? "" : ", ").append(Json.quote(e.getKey())).append(": ").append(Json.quote(e.getValue()));
        }
        return json.append('}').toString();
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        sendJson(ex, status, "{\"error\": " + Json.quote(message) + "}");
    }

    private static void sendJson(HttpExchange ex, int status, String json) throws IOException {
        send(ex, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
