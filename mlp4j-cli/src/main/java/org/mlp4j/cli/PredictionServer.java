package org.mlp4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;
import org.mlp4j.Prediction;
import org.mlp4j.io.Json;

/**
 * The HTTP side of {@code mlp4j serve}: a drawing page and a JSON API over one thread-safe {@link Model}.
 *
 * <p>Built on Jetty because a server that reads requests with blocking threads can be starved by a few
 * clients that open connections and send nothing: Jetty parses headers and buffers bodies without
 * holding a thread, so a slow client costs a socket and at most {@value #MAX_BODY} bytes, never a worker.
 * The limits, each named in its error:
 * <ul>
 *   <li>a connection idle for {@value #IDLE_TIMEOUT_MS} ms is closed (headers or body that stall), and a
 *       body must arrive whole within {@value #BODY_DEADLINE_MS} ms (408);
 *   <li>bodies need a Content-Length (411) of at most {@value #MAX_BODY} bytes (413), and all bodies being
 *       received at once share {@value #MAX_BUFFERED} bytes (503 when full);
 *   <li>at most {@value #MAX_CONNECTIONS} connections; predictions (JSON parsing, PNG decoding, the network)
 *       run at most as many at a time as there are processors, the others wait up to
 *       {@value #BUSY_WAIT_MS} ms (then 503), so no mix of allowed requests can exhaust memory;
 *   <li>exact routes (404, 405), only {@code application/json} or {@code image/png} bodies (415, so a web
 *       page elsewhere cannot post a "simple" cross-site request), and on loopback only requests whose
 *       Host is a loopback name (421: DNS rebinding).
 * </ul>
 * The page's script and style are their own resources and every answer carries a Content-Security-Policy
 * that allows no inline script, so model metadata shown on the page can never run as code.
 */
final class PredictionServer implements AutoCloseable {
    static final int MAX_BODY = 1 << 20;
    static final long MAX_BUFFERED = 64L << 20;
    /** One client address's share of {@link #MAX_BUFFERED}: an eighth, so one client cannot hold it all. */
    static final long CLIENT_SHARE = MAX_BUFFERED / 8;

    static final int MAX_CONNECTIONS = 1000;
    static final long IDLE_TIMEOUT_MS = 10_000;
    static final long BODY_DEADLINE_MS = 30_000;
    static final long BUSY_WAIT_MS = 5_000;
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"web/app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"web/app.css", "text/css; charset=utf-8"});

    private final Model model;
    /** Whether the model takes table rows (by {@link #features}) rather than drawn images. */
    private final boolean table;

    private final java.util.List<String> features;
    private final String modelJson;
    private final Map<String, byte[]> assets = new TreeMap<>();
    private final Server server;
    private final ServerConnector connector;
    private final boolean loopbackOnly;
    private final Semaphore predictions =
            new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    /** What the bodies being received hold, in all and per client. */
    private final BodyReader.Budget budget = new BodyReader.Budget(MAX_BODY, MAX_BUFFERED, CLIENT_SHARE);

    PredictionServer(Model model, String host, int port) {
        this.model = model;
        this.table = model.inputScaling().equals("standardize");
        String names = model.metadata().getOrDefault("feature_names", "");
        this.features = names.isEmpty() ? java.util.List.of() : java.util.List.of(names.split(",", -1));
        if (model.isRegression() && !table) {
            // the drawing page classifies digits: a regression is served only as rows by feature name
            throw new org.mlp4j.InvalidInputException("serve: a regression model is served by its feature names, and"
                    + " this one keeps none (a model trained on Spark); use mlp4j predict, or train it with mlp4j"
                    + " train --task regression");
        }
        this.modelJson = modelJson(model);
        for (Map.Entry<String, String[]> e : STATIC.entrySet()) {
            try (InputStream in = PredictionServer.class.getResourceAsStream(e.getValue()[0])) {
                assets.put(e.getKey(), in.readAllBytes());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new InvalidInputException("--host: expected an address or a name of this machine, found '" + host
                    + "' (" + e.getClass().getSimpleName() + ")");
        }
        loopbackOnly = address.isLoopbackAddress();
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("mlp4j-serve");
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setRequestHeaderSize(8 * 1024);
        connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setErrorHandler(new JsonErrors());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                route(request, response, callback);
                return true;
            }
        });
    }

    /** Starts listening; a port in use or an address not of this machine is the user's mistake. */
    void start() {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new InvalidInputException("--port/--host: could not listen on " + connector.getHost() + ":"
                    + connector.getPort() + ": " + e.getMessage());
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    boolean loopbackOnly() {
        return loopbackOnly;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping a server that failed to start; nothing to release beyond what stop did
        }
    }

    /** The headers every answer carries, Jetty's own error answers included. */
    static void securityHeaders(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", CSP);
        headers.put("Referrer-Policy", "no-referrer");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    /**
     * Errors Jetty answers itself, before a request reaches {@link #route} (a 9 KiB header: 431; HTTP/0.9:
     * 505; an ambiguous path such as {@code %2e%2e}: 400): JSON like every other error, with the same
     * security headers, instead of Jetty's HTML page without them.
     */
    static final class JsonErrors extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            securityHeaders(fields);
            fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            return ByteBuffer.wrap(errorJson(status, reason).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = request.getAttribute(ERROR_STATUS) instanceof Integer i ? i : response.getStatus();
            Object message = request.getAttribute(ERROR_MESSAGE);
            securityHeaders(response.getHeaders());
            sendJson(response, callback, status, errorJson(status, message == null ? null : message.toString()));
            return true;
        }

        private static String errorJson(int status, String reason) {
            String what = org.eclipse.jetty.http.HttpStatus.getMessage(status);
            return "{\"error\": "
                    + Json.quote(status + " " + what
                            + (reason == null || reason.isBlank() || reason.equals(what) ? "" : ": " + reason))
                    + "}";
        }
    }

    private void route(Request request, Response response, Callback callback) {
        securityHeaders(response.getHeaders());
        if (loopbackOnly && !loopbackHost(request.getHeaders().get(HttpHeader.HOST))) {
            error(
                    response,
                    callback,
                    421,
                    "this server answers only requests addressed to localhost, found Host '"
                            + request.getHeaders().get(HttpHeader.HOST) + "'");
            return;
        }
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (STATIC.containsKey(path) && table) {
            error(
                    response,
                    callback,
                    404,
                    "not found: " + path + " (the drawing page is for image models; this model takes table rows:"
                            + " POST {\"rows\": [{\"feature\": value, …}]} to /api/predict)");
        } else if (STATIC.containsKey(path)) {
            if (allowed(method, "GET", response, callback)) {
                send(response, callback, 200, STATIC.get(path)[1], assets.get(path));
            }
        } else if (path.equals("/api/model")) {
            if (allowed(method, "GET", response, callback)) {
                sendJson(response, callback, 200, modelJson);
            }
        } else if (path.equals("/api/predict")) {
            if (allowed(method, "POST", response, callback)) {
                predict(request, response, callback);
            }
        } else {
            error(response, callback, 404, "not found: " + path + " (the routes: /, /api/model, /api/predict)");
        }
    }

    private static boolean allowed(String method, String expected, Response response, Callback callback) {
        if (method.equals(expected) || (expected.equals("GET") && method.equals("HEAD"))) {
            return true;
        }
        response.getHeaders().put(HttpHeader.ALLOW, expected.equals("GET") ? "GET, HEAD" : expected);
        error(response, callback, 405, "method " + method + " not allowed here; use " + expected);
        return false;
    }

    /** localhost, 127.x.x.x or [::1], with or without a port. */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1") && (end == h.length() - 1 || h.charAt(end + 1) == ':');
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private void predict(Request request, Response response, Callback callback) {
        String type = String.valueOf(request.getHeaders().get(HttpHeader.CONTENT_TYPE))
                .toLowerCase(Locale.ROOT);
        String mime = type.split(";", 2)[0].trim();
        if (!headersAccepted(request, response, callback, type, mime)) {
            return;
        }
        String client = Request.getRemoteAddr(request);
        BodyReader reader = new BodyReader(request, client, budget);
        reader.done.orTimeout(BODY_DEADLINE_MS, TimeUnit.MILLISECONDS).whenComplete((bytes, failure) -> {
            reader.release();
            if (failure != null) {
                bodyFailed(request, failure, response, callback);
                return;
            }
            answer(bytes, mime, response, callback);
        });
        reader.run();
    }

    /**
     * Whether the body's type and length are ones to read; if not, the error is answered here (415 for a
     * type, 411 for no length, 413 for too long).
     */
    private boolean headersAccepted(Request request, Response response, Callback callback, String type, String mime) {
        if (table && mime.equals("image/png")) {
            error(
                    response,
                    callback,
                    415,
                    "Content-Type: this model takes table rows as application/json, found"
                            + " image/png (images are for image models)");
            return false;
        }
        if (!mime.equals("application/json") && !mime.equals("image/png")) {
            error(
                    response,
                    callback,
                    415,
                    "Content-Type: expected application/json or image/png, found "
                            + (type.equals("null") ? "none" : "'" + type + "'"));
            return false;
        }
        long length = request.getLength();
        if (length < 0) {
            error(response, callback, 411, "Content-Length: required (a body of at most " + MAX_BODY + " bytes)");
            return false;
        }
        if (length > MAX_BODY) {
            error(response, callback, 413, "request body: expected at most " + MAX_BODY + " bytes, found " + length);
            return false;
        }
        return true;
    }

    /** A body that did not arrive: refused by the budget, too slow, stalled, or the client gone. */
    private void bodyFailed(Request request, Throwable failure, Response response, Callback callback) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof BodyReader.Refused refused) {
            request.fail(cause);
            error(response, callback, refused.status, refused.getMessage());
        } else if (cause instanceof TimeoutException) {
            request.fail(cause);
            error(response, callback, 408, "request body: not received whole within " + BODY_DEADLINE_MS + " ms");
        } else if (cause instanceof BodyReader.Stalled) {
            error(
                    response,
                    callback,
                    408,
                    "request body: nothing received for " + IDLE_TIMEOUT_MS + " ms; the connection is closed");
        } else {
            callback.failed(cause); // the client went away or sent a broken body: nothing to answer
        }
    }

    private void answer(byte[] body, String mime, Response response, Callback callback) {
        boolean acquired;
        try {
            acquired = predictions.tryAcquire(BUSY_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            error(
                    response,
                    callback,
                    503,
                    "busy: every prediction slot stayed taken for " + BUSY_WAIT_MS + " ms; try again");
            return;
        }
        String json;
        try {
            if (table) {
                // a table model's rows by feature name, raw as in its CSV files: the model standardises them
                float[][] rows = ServeApi.rows(body, features);
                json = model.isRegression()
                        ? ServeApi.answerValues(model.predictBatch(rows), model.targetNames())
                        : ServeApi.answerRows(model.classifyAll(rows));
            } else {
                // raw grey levels 0..255 either way: the model divides them by 255, as every entry point does
                float[] raw = mime.equals("image/png") ? Images.read(body, "body") : ServeApi.pixels(body);
                json = ServeApi.answer(raw, Prediction.of(model.predict(raw), model.classNames()));
            }
        } catch (InvalidInputException e) {
            error(response, callback, 400, e.getMessage());
            return;
        } catch (RuntimeException | OutOfMemoryError e) {
            error(response, callback, 500, "internal error: " + e);
            return;
        } finally {
            predictions.release();
        }
        sendJson(response, callback, 200, json);
    }

    private static String modelJson(Model model) {
        StringBuilder json = new StringBuilder("{");
        int i = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(model.metadata()).entrySet()) {
            json.append(i++ == 0 ? "" : ", ")
                    .append(Json.quote(e.getKey()))
                    .append(": ")
                    .append(Json.quote(e.getValue()));
        }
        return json.append('}').toString();
    }

    private static void error(Response response, Callback callback, int status, String message) {
        sendJson(response, callback, status, "{\"error\": " + Json.quote(message) + "}");
    }

    private static void sendJson(Response response, Callback callback, int status, String json) {
        send(response, callback, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(new HttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length)));
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
