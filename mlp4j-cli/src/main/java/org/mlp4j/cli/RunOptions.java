package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.io.AtomicFile;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Hyperparameter;
import org.mlp4j.recipe.Recipe;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code train} and {@code spark-train} share, as a mixin: the recipe and every recipe key as a flag
 * (added from {@link Hyperparameter}'s table when the command is built), the data, where results go, and
 * the end of a run (metadata, {@code --save}, the run record, the result line).
 */
final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--recipe",
            description = "A named recipe (default, article, fast-98, fast-99, best, fashion, tabular) or a JSON/YAML"
                    + " recipe file (default: default).")
    String recipe;

    @Option(
            names = "--preset",
            description = "Same as --recipe (kept for 'mlp4j train --preset article').",
            hidden = true)
    String preset;

    @Option(names = "--threads", description = Options.THREADS_HELP)
    Integer threads;

    @Option(
            names = "--data",
            description = "MNIST/Fashion-MNIST: directory holding the dataset's files (raw or .gz); else"
                    + " MLP4J_DATA, the cache, Debian's dataset package, mirrors, npm. csv: the training CSV file.")
    Path data;

    @Option(names = "--save", description = "Write the trained model to this safetensors file (atomically).")
    Path save;

    /** Where --save goes instead when it is not a file of this machine (spark-train's URIs), or null. */
    private String saveElsewhere;

    private java.util.function.Consumer<byte[]> elsewhere;

    /**
     * Sends --save to {@code location} through {@code writer} instead of this machine's file system.
     *
     * @param location what the user typed
     * @param writer writes the model file's bytes there
     */
    void saveElsewhere(String location, java.util.function.Consumer<byte[]> writer) {
        save = null;
        saveElsewhere = location;
        elsewhere = writer;
    }

    @Option(
            names = "--runs",
            description = "Folder for run records (default: runs). Each run writes <runs>/<name>/ with"
                    + " recipe.json, metrics.jsonl, model.safetensors and summary.json. spark-train also takes a"
                    + " URI (hdfs://, s3a://, file://…): the record is made here, then copied there at the end.")
    String runs;

    /** Where spark-train copies run records to, when --runs is a URI; null otherwise. */
    private java.util.function.BiConsumer<String, byte[]> runsWriter;
    /** The temporary folder the record is made in then, removed once copied. */
    private Path localRuns;

    @Option(names = "--run-name", description = "Name of this run's folder (default: date, time and recipe).")
    String runName;

    @Option(names = "--no-header", description = "CSV: the first row is data, not a header (--header no).")
    boolean noHeader;

    /** Adds one option per hyper-parameter (--layers, --lr, --dropout, …) to a command, and the recipes' list. */
    static void addRecipeOptions(CommandLine command) {
        CommandSpec s = command.getCommandSpec();
        // the list of recipes comes from the recipes' own descriptions, so it cannot go stale
        java.util.List<String> footer = new java.util.ArrayList<>(java.util.List.of(
                "", "Recipes (JSON files in recipes/ of the repository; measured results in docs/recipes.md):"));
        for (String name : Recipe.names()) {
            String label = String.format(Locale.ROOT, "  %-8s ", name);
            StringBuilder line = new StringBuilder(label);
            for (String word : Recipe.description(name).replace("%", "%%").split(" ")) {
                if (line.length() + word.length() > 79 && line.length() > label.length()) { // picocli wraps at 80
                    footer.add(line.toString().stripTrailing());
                    line = new StringBuilder(" ".repeat(label.length()));
                }
                line.append(word).append(' ');
            }
            footer.add(line.toString().stripTrailing());
        }
        s.usageMessage().footer(footer.toArray(String[]::new));
        // picocli formats descriptions with String.format: a literal % must be doubled
        for (Hyperparameter<?> h : Hyperparameter.all()) {
            String builtIn = h.defaultText().isEmpty() ? "none" : h.defaultText();
            String allowed = h.allowed().isEmpty() ? "" : "; " + h.allowed();
            s.addOption(OptionSpec.builder("--" + h.name())
                    .type(String.class)
                    .paramLabel("<" + h.name() + ">")
                    .description((h.description() + allowed + " (built-in: " + builtIn + ")").replace("%", "%%"))
                    .build());
        }
    }

    /** The hyper-parameters given as flags, as typed; the table reads each into its type. */
    Map<String, Object> flags() {
        Map<String, Object> given = new LinkedHashMap<>();
        for (String key : Hyperparameter.names()) {
            OptionSpec o = spec.findOption("--" + key);
            if (o != null && o.getValue() != null) {
                given.put(key, o.getValue());
            }
        }
        if (noHeader) {
            Object header = given.get("header");
            if (header != null && !String.valueOf(header).equalsIgnoreCase("no")) {
                throw new InvalidInputException("--no-header: says the opposite of --header " + header + "; give one");
            }
            given.put("header", "no");
        }
        return given;
    }

    /** Whether --recipe (or its old name --preset) or any hyper-parameter flag was given. */
    boolean setsRecipe() {
        return recipe != null || preset != null || !flags().isEmpty();
    }

    /** The named recipe or file with the flags on top, what the user did not say settled (see below). */
    Recipe recipe(PrintWriter err) {
        if (recipe != null && preset != null) {
            throw new InvalidInputException("--preset is another name for --recipe; give one of them");
        }
        return settle(Recipe.nameOrFile(recipeName()).mergeOptions(flags(), "--"), err);
    }

    /**
     * A recipe's values the user left to it, settled: a named recipe's early stopping without the held-out
     * rows it watches, and image augmentation the user did not set, for tabular data, turned off (said, and
     * so recorded with the run as it trains).
     */
    static Recipe settle(Recipe r, PrintWriter err) {
        r = r.settled(line -> err.println("mlp4j: " + line));
        if (isCsv(r)) {
            Recipe tabular = r.forTables();
            if (tabular != r) {
                err.println("mlp4j: image augmentation (" + r.source("augment-shift")
                        + " and the like) does not apply to tabular data: turned off");
                r = tabular;
            }
        }
        return r;
    }

    /** The recipe's name: as given, or {@code tabular} for a CSV file ({@code --dataset csv}), else default. */
    String recipeName() {
        if (recipe != null || preset != null) {
            return recipe != null ? recipe : preset;
        }
        Object dataset = flags().get("dataset");
        return dataset != null && String.valueOf(dataset).trim().equalsIgnoreCase("csv") ? "tabular" : "default";
    }

    static boolean isCsv(Recipe r) {
        return r.get(Hyperparameter.DATASET).equals("csv");
    }

    /** The threads to train with (--threads, checked, or the machine's). */
    int threadCount() {
        return Options.threads(threads);
    }

    /** Checks that --save and the runs folder can be written; returns the runs folder. */
    Path checkOutputs() {
        if (save != null) {
            AtomicFile.checkWritable(save, "--save");
        }
        if (runs != null && SparkTrainCommand.hasScheme(runs.trim())) {
            if (runsWriter == null) {
                throw new InvalidInputException("--runs " + runs + ": expected a local folder for run records;"
                        + " only spark-train copies them to a URI");
            }
            try {
                localRuns = Files.createTempDirectory("mlp4j-runs"); // made here, copied to --runs by finish
                return localRuns;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not make a temporary folder for the run record", e);
            }
        }
        Path runsRoot = runs != null ? Path.of(runs) : Path.of(System.getProperty("mlp4j.runs", "runs"));
        RunRecord.checkRoot(runsRoot);
        return runsRoot;
    }

    /**
     * Run records to a URI (spark-train): {@code writer} writes one file's bytes at a location, through Spark's
     * file systems; {@link #checkOutputs} then hands out a local folder, and {@link #finish} copies the record.
     *
     * @param writer writes bytes to a location
     * @return the URI, or null when --runs is a local folder
     */
    String runsElsewhere(java.util.function.BiConsumer<String, byte[]> writer) {
        if (runs == null || !SparkTrainCommand.hasScheme(runs.trim())) {
            return null;
        }
        runsWriter = writer;
        return runs.trim();
    }

    /** Copies a finished record's files to --runs (a URI), under the run's own folder name. */
    private void copyRecord(PrintWriter err, RunRecord record) {
        String root = runs.trim().replaceAll("/+$", "");
        String to = root + "/" + record.dir().getFileName();
        try (var files = Files.list(record.dir())) {
            for (Path f : files.sorted().toList()) {
                runsWriter.accept(to + "/" + f.getFileName(), Files.readAllBytes(f));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(record.dir() + ": could not read the run record", e);
        }
        err.println("mlp4j: run record copied to " + to);
        try (var all = Files.walk(localRuns)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            err.println("mlp4j: warning: could not remove the temporary copy " + localRuns + ": " + e.getMessage());
        }
    }

    /**
     * The end of a run: its figures into the metadata, --save, the run record finished, and the result line
     * for scripts ({@code extra} after the epochs: spark-train's workers).
     */
    void finish(
            PrintWriter out,
            PrintWriter err,
            RunRecord record,
            Network net,
            Map<String, String> meta,
            Map<String, float[]> tensors,
            TestScore test,
            double trainSeconds,
            int epochs,
            String extra) {
        test.into(meta);
        meta.put("train_seconds", String.format(Locale.ROOT, "%.2f", trainSeconds));
        // --save first: the file the user asked for must not depend on the run record's disk
        if (elsewhere != null) {
            elsewhere.accept(ModelFile.encode(net, meta, tensors));
            err.println("mlp4j: saved " + saveElsewhere);
        } else if (save != null) {
            ModelFile.save(save, net, meta, tensors);
            err.println("mlp4j: saved " + save);
        }
        RuntimeException recordFailed = null;
        try {
            record.finish(net, meta, tensors, test, trainSeconds);
        } catch (java.io.UncheckedIOException | InvalidInputException e) {
            recordFailed = e; // said after the result line: the model itself is safe
        }
        out.printf(
                Locale.ROOT,
                "result %s train_seconds=%.2f epochs=%d%s%n",
                test.resultFields(),
                trainSeconds,
                record.lastEpoch() > 0 ? record.lastEpoch() : epochs, // early stopping ends before the last
                extra);
        out.flush();
        if (recordFailed != null) {
            throw recordFailed;
        }
        if (runsWriter != null) {
            copyRecord(err, record);
        }
    }
}
