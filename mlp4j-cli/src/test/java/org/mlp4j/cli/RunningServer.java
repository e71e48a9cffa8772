package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** {@code mlp4j serve} started in-process on a free port, for the tests; {@link #stop()} ends it. */
record RunningServer(ServeCommand command, Thread thread, StringWriter err) {
    static RunningServer start(Path model, String... more) throws InterruptedException {
        ServeCommand serve = new ServeCommand();
        CommandLine cl = new CommandLine(serve);
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("--model", model.toString(), "--port", "0"));
        args.addAll(List.of(more));
        Thread t = new Thread(() -> cl.execute(args.toArray(String[]::new)));
        t.start();
        assertThat(serve.started.await(30, TimeUnit.SECONDS))
                .as("server started; " + err)
                .isTrue();
        return new RunningServer(serve, t, err);
    }

    int port() {
        return command.server.port();
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
