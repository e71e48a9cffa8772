package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlp4j serve --model M}: a page to draw a digit on and watch the network answer, and a JSON API
 * ({@link PredictionServer}; its limits are described there and in docs/security.md).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a page with a drawing canvas that shows the preprocessed 28x28 input and the model's ten"
                    + " outputs live, and a JSON API.",
            "  POST /api/predict  {\"pixels\": [784 grey levels 0..255]}, a PNG body (Content-Type: image/png), or a table model's {\"rows\": [{feature: value}]}",
            "  GET  /api/model    the model's metadata",
            "Limits (docs/security.md): bodies up to 1 MiB, images up to 10000 pixels a side, idle connections closed"
                    + " after 10 s; on loopback only requests addressed to localhost are answered."
        })
final class ServeCommand implements Callable<Integer> {
    static final int MAX_BODY = PredictionServer.MAX_BODY;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "A model file written by 'mlp4j train --save'.")
    Path modelFile;

    @Option(
            names = "--port",
            description = "Port, 0 to 65535 (default: ${DEFAULT-VALUE}; 0 picks a free one).",
            defaultValue = "8080")
    int port;

    @Option(
            names = "--host",
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0"
                    + " makes the server reachable from the network).",
            defaultValue = "127.0.0.1")
    String host;

    /** Counted down when the server is up; tests start the command on a thread and wait on it. */
    final CountDownLatch started = new CountDownLatch(1);

    volatile PredictionServer server;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("--port: expected a port number from 0 to 65535, found " + port);
        }
        Model model = Model.load(modelFile);
        boolean table = model.inputScaling().equals("standardize");
        if (!table && !model.inputScaling().equals("pixel/255")) {
            // features its caller prepared (a Spark pipeline's): the page's pixels would be a guess
            throw new InvalidInputException(
                    modelFile + ": expected an image model (input_scaling pixel/255) or a"
                            + " table model (standardize), found input_scaling " + model.inputScaling()
                            + ": its inputs are whatever the pipeline that trained it made; classify them with the Spark model");
        }
        if (!table && model.inputSize() != ServeApi.PIXELS) {
            throw new InvalidInputException(
                    modelFile + ": the page draws 28x28 digits; expected a model with 784 inputs," + " found "
                            + model.inputSize());
        }
        PredictionServer s = new PredictionServer(model, host, port);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!s.loopbackOnly()) {
            err.println(
                    "mlp4j: warning: --host " + host + " makes this server reachable from the network, by anyone who"
                            + " can reach this machine; see docs/security.md (a reverse proxy with TLS and access control)");
            err.flush();
        }
        s.start();
        server = s;
        out.println("serving " + modelFile + " on " + url(s.loopbackOnly() ? "localhost" : host, s.port())
                + (table
                        ? " (a table model: its JSON API only, POST {\"rows\": [{feature: value, …}]} to /api/predict)"
                        : "")
                + " (Ctrl-C stops)");
        out.flush();
        started.countDown();
        try {
            Thread.currentThread().join(); // until the JVM is stopped, or the thread interrupted (tests)
        } catch (InterruptedException e) {
            s.close();
        }
        return 0;
    }

    /** The page's address: an IPv6 literal goes in brackets ({@code --host ::} printed http://:::8080/). */
    static String url(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port + "/";
    }
}
