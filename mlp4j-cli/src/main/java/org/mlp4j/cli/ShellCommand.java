package org.mlp4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mlp4j shell}: JShell with mlp4j on the class path, running in this JVM (so with the Vector API
 * module the launcher enabled), MNIST loaded and the article's network built, for typing the article's
 * steps one by one: {@code mlp.feedforward(x)}, {@code mlp.backprop(x, y)}, {@code mlp.fit(...)}.
 */
@Command(
        name = "shell",
        mixinStandardHelpOptions = true,
        description = {
            "Start JShell with mlp4j loaded: MNIST as 'mnist' (train and test), X and Y (the first 1000 training"
                    + " images and their one-hot labels), and the article's 784-512-10 network as 'mlp'. Try:",
            "  mlp.feedforward(new float[][] {X[0]})       the article's feedforward",
            "  mlp.backprop(X[0], Y[0])                    equations (1)-(3) for one example",
            "  mlp.fit(X, Y, 3, 128, 0.5)                   the article's fit",
            "Type /exit to leave."
        })
final class ShellCommand implements Callable<Integer> {
    static final String STARTUP = String.join(
            "\n",
            "import org.mlp4j.*;",
            "import org.mlp4j.data.*;",
            "import org.mlp4j.datasets.*;",
            "import org.mlp4j.model.*;",
            "import org.mlp4j.train.*;",
            "import org.mlp4j.eval.*;",
            "var mnist = Datasets.load(DatasetSpec.MNIST, FetchOptions.fromEnvironment(null, line -> { }));",
            "float[][] X = new float[1000][]; float[][] Y = new float[1000][];",
            "for (int i = 0; i < 1000; i++) { X[i] = mnist.train().features(i); Y[i] = mnist.train().oneHot(i); }",
            "var mlp = new MultilayerPerceptron(784, 512, 10);",
            "System.out.println(\"mlp4j shell: mnist, X, Y (1000 examples) and mlp (784-512-10, the article's) are ready;"
                    + " try mlp.feedforward(new float[][] {X[0]}) or mlp.backprop(X[0], Y[0])\");",
            "");

    @Option(names = "--no-startup", description = "Start JShell without loading MNIST and the network.")
    boolean noStartup;

    @Override
    public Integer call() throws Exception {
        if (stdinClosed()) {
            throw new org.mlp4j.InvalidInputException("standard input: expected what you type (a terminal) or a script,"
                    + " found it closed; run 'mlp4j shell' from a terminal, or with '< script.jsh'");
        }
        Path startup = Files.createTempFile("mlp4j-shell-", ".jsh");
        try {
            Files.writeString(startup, STARTUP, StandardCharsets.UTF_8);
            String[] args = noStartup
                    ? new String[] {"--class-path", System.getProperty("java.class.path"), "--execution", "local"}
                    : new String[] {
                        "--class-path",
                        System.getProperty("java.class.path"),
                        "--execution",
                        "local",
                        "--startup",
                        "DEFAULT",
                        "--startup",
                        startup.toString()
                    };
            return JavaShellToolBuilder.builder().start(args) == 0 ? 0 : 1;
        } finally {
            try {
                Files.deleteIfExists(startup);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Whether the JVM started with standard input closed ({@code <&-}): descriptor 0 is then the first file
     * the JVM opened, its own {@code lib/modules}, and JShell read that as input at full speed (2 GB, 19 MB
     * of errors in 30 s). Linux shows what descriptor 0 is in /proc; elsewhere nothing is assumed.
     */
    static boolean stdinClosed() {
        try {
            Path fd0 = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
            return fd0.isAbsolute() && fd0.normalize().startsWith(javaHome);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
