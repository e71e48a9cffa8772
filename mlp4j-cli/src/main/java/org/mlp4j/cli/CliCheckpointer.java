package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Network;
import org.mlp4j.train.Checkpointer;

/**
 * Writes checkpoints to a file (when one is named) and turns Ctrl-C into a clean stop: a shutdown
 * hook asks training to stop, and waits until the position has been saved.
 */
final class CliCheckpointer implements Checkpointer {
    private final Path file;
    private final Network net;
    private final Map<String, String> meta;
    /** The model's own tensors (standardisation, target scaling): a checkpoint is a loadable model too. */
    private final Map<String, float[]> tensors;

    private final double secondsBefore;
    private final long t0;
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    private final Thread hook;
    private volatile boolean stop;

    CliCheckpointer(
            Path file,
            Network net,
            Map<String, String> meta,
            Map<String, float[]> tensors,
            double secondsBefore,
            long t0) {
        this.file = file;
        this.tensors = tensors;
        this.net = net;
        this.meta = meta;
        this.secondsBefore = secondsBefore;
        this.t0 = t0;
        if (file == null) {
            hook = null;
            return;
        }
        hook = new Thread(
                () -> {
                    stop = true;
                    try {
                        done.await(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "mlp4j-checkpoint-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void save(Position position) {
        if (file == null) {
            return;
        }
        Map<String, String> m = new LinkedHashMap<>(meta);
        m.put("train_seconds", Double.toString(secondsBefore + (System.nanoTime() - t0) / 1e9));
        ModelFile.saveCheckpoint(file, net, position, m, tensors);
    }

    @Override
    public boolean stopRequested() {
        return stop;
    }

    /** Training is over (finished or stopped): release the hook. */
    void finished() {
        done.countDown();
        if (hook != null && !stop) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook returns at once since done is counted down
            }
        }
    }
}
