package org.mlp4j.spark;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * A Spark plugin for the cluster test: the executor that starts partition 1's task of the first training
 * round at or after stage {@value #STAGE} (its first attempt) dies there, in the middle of that running
 * task, as a crashed JVM does ({@code Runtime.halt}: no shutdown hooks, nothing returned). A marker file
 * ({@code spark.mlp4j.test.haltMarker}) makes it happen once in the whole cluster.
 */
public final class HaltInTaskPlugin implements SparkPlugin {
    static final int STAGE = 10;

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            private Path marker;

            @Override
            public void init(PluginContext ctx, Map<String, String> extraConf) {
                marker = Path.of(ctx.conf().get("spark.mlp4j.test.haltMarker"));
            }

            @Override
            public void onTaskStart() {
                TaskContext t = TaskContext.get();
                if (t.stageId() < STAGE || t.partitionId() != 1 || t.attemptNumber() != 0) {
                    return;
                }
                try {
                    Files.createFile(marker); // only the first such task anywhere
                } catch (FileAlreadyExistsException once) {
                    return;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                System.err.println("mlp4j test: halting this executor in stage " + t.stageId() + ", task "
                        + t.taskAttemptId() + " (partition 1), while it runs");
                System.err.flush();
                Runtime.getRuntime().halt(137);
            }
        };
    }
}
