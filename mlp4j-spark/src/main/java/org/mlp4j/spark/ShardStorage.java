package org.mlp4j.spark;

import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.mlp4j.InvalidInputException;

/**
 * Where an executor keeps a shard: in its heap (Spark's storage memory), or in a local file read through
 * the page cache ({@link DiskRows}) when the shard would not fit. Spark's own answer to a block that does
 * not fit, spilling it serialised, costs a read and a deserialisation of the whole shard every round.
 *
 * <p>Set by {@code spark.mlp4j.shardStorage} (a Spark setting, or a local property of the fitting thread): {@code memory}, {@code disk}, or {@code auto} (the default),
 * which each executor decides for itself: disk when the shard takes more than its task slot's share of the
 * storage memory Spark guarantees, (heap − 300 MB) × {@code spark.memory.fraction} ×
 * {@code spark.memory.storageFraction} (Spark's unified memory; about 0.3 of the heap with the defaults).
 *
 * @param mode       memory, disk or auto
 * @param localSlots in local mode, the tasks the one JVM runs at once; 0 on a cluster, where an executor's
 *                   slots are {@code spark.executor.cores} / {@code spark.task.cpus}
 */
record ShardStorage(Mode mode, int localSlots) implements Serializable {
    static final String KEY = "spark.mlp4j.shardStorage";

    /** Spark's reserved heap, which its unified memory leaves out. */
    static final long RESERVED = 300L << 20;

    enum Mode {
        AUTO,
        MEMORY,
        DISK
    }

    /** Heap shards always: what a dataset in the driver's memory, cut into broadcast slices, uses. */
    static final ShardStorage MEMORY = new ShardStorage(Mode.MEMORY, 0);

    /** The setting (the job's local property, else the application's), read on the driver. */
    static ShardStorage of(SparkContext sc) {
        String v = sc.getLocalProperty(KEY);
        if (v == null) {
            v = sc.getConf().get(KEY, "auto");
        }
        Mode mode;
        try {
            mode = Mode.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(KEY, KEY + ": expected auto, memory or disk, found '" + v + "'");
        }
        return new ShardStorage(mode, sc.isLocal() ? sc.defaultParallelism() : 0);
    }

    /**
     * Whether this executor keeps a shard of {@code shardBytes} on disk (run on the executor: its heap and
     * its configuration decide).
     */
    boolean onDisk(long shardBytes) {
        return switch (mode) {
            case MEMORY -> false;
            case DISK -> true;
            case AUTO -> {
                org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
                SparkConf conf = env == null ? new SparkConf(false) : env.conf();
                int slots = localSlots > 0
                        ? localSlots
                        : Math.max(
                                1,
                                conf.getInt("spark.executor.cores", 1)
                                        / Math.max(1, conf.getInt("spark.task.cpus", 1)));
                yield tooLarge(
                        shardBytes,
                        Runtime.getRuntime().maxMemory(),
                        conf.getDouble("spark.memory.fraction", 0.6),
                        conf.getDouble("spark.memory.storageFraction", 0.5),
                        slots);
            }
        };
    }

    /**
     * The rule: a shard is too large for the heap when it takes more than a slot's share of the guaranteed
     * storage memory.
     *
     * @param shardBytes      the shard's size in memory
     * @param heap            the executor's largest heap
     * @param memoryFraction  {@code spark.memory.fraction}
     * @param storageFraction {@code spark.memory.storageFraction}
     * @param slots           tasks the executor runs at once
     */
    static boolean tooLarge(long shardBytes, long heap, double memoryFraction, double storageFraction, int slots) {
        double guaranteed = Math.max(0, heap - RESERVED) * memoryFraction * storageFraction;
        return shardBytes > guaranteed / slots;
    }
}
