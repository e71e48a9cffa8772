package org.mlp4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.mlp4j.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mlp4j} command. */
@Command(
        name = "mlp4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Multilayer perceptrons trained with minibatch SGD and backpropagation, in pure Java.")
public final class Main implements java.util.concurrent.Callable<Integer> {
    /**
     * The commands, in the order {@code --help} lists them. Only the one the first argument names is built:
     * picocli reflects over a command's options when it is added, about 0.1 s for all of them. Anything else
     * first ({@code help}, {@code completion}, a flag, a misspelt command) gets every command.
     */
    static final List<Class<?>> COMMANDS = List.of(
            TrainCommand.class,
            SparkTrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            ExplainCommand.class,
            ReportCommand.class,
            ServeCommand.class,
            GradcheckCommand.class,
            FetchCommand.class,
            BenchCommand.class,
            CompletionCommand.class,
            LandscapeCommand.class,
            SaturationCommand.class,
            ShellCommand.class,
            CommandLine.HelpCommand.class);

    /** Exit status for a user's mistake (bad flag, bad file); picocli uses it for usage errors too. */
    public static final int USER_ERROR = 2;
    /** Exit status for a run that failed: the machine failed an operation (a full disk), or training diverged. */
    public static final int IO_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No command given: a usage error, so the usage goes to standard error with exit status 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("mlp4j: error: expected a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return USER_ERROR;
    }

    public static void main(String[] args) {
        PrintWriter out = CheckedOutput.over(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), java.nio.charset.Charset.defaultCharset());
        System.exit(run(args, out, new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status (for tests and main). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args.length == 0 ? null : args[0]);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidInputException) {
                commandLine.getErr().println("mlp4j: error: " + message((InvalidInputException) ex, commandLine));
                commandLine.getErr().flush();
                return USER_ERROR;
            }
            if (ex instanceof java.io.UncheckedIOException || ex instanceof org.mlp4j.train.TrainingDiverged) {
                // a run that failed, not a bug and not a malformed input: the machine's failure (a full disk, no
                // permission; the message says which file), or training that diverged (it says what to change)
                commandLine.getErr().println("mlp4j: error: " + ex.getMessage());
                commandLine.getErr().flush();
                return IO_ERROR;
            }
            throw ex;
        });
        int code = cl.execute(args);
        if (code == 0) {
            // a full disk or a closed pipe under standard output is a failed command, not exit 0
            try {
                CheckedOutput.check(out);
            } catch (java.io.UncheckedIOException e) {
                err.println("mlp4j: error: " + e.getMessage());
                code = IO_ERROR;
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command line with the command named {@code first}, or with every command when {@code first} names
     * none that can run alone ({@code help} and {@code completion} list the others).
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        Class<?> only = null;
        for (Class<?> c : COMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(first)) {
                only = c;
            }
        }
        if (only == CommandLine.HelpCommand.class || only == CompletionCommand.class) {
            only = null;
        }
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        for (String recipeRun : List.of("train", "spark-train")) {
            CommandLine sub = cl.getSubcommands().get(recipeRun);
            if (sub != null) {
                RunOptions.addRecipeOptions(sub);
            }
        }
        return cl;
    }

    /**
     * The error as the command line says it: a message that starts with the library's name for a setting
     * ({@code lr: …}) names the command's option instead ({@code --lr: …}).
     */
    static String message(InvalidInputException e, CommandLine command) {
        String m = e.getMessage();
        String f = e.field();
        if (f != null
                && (m.startsWith(f + ":") || m.startsWith(f + " "))
                && command.getCommandSpec().findOption("--" + f) != null) {
            return "--" + m;
        }
        return m;
    }

    /** Version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mlp4j " + (v == null ? "development build" : v)};
        }
    }
}
