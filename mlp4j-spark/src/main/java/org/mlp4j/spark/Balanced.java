package org.mlp4j.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * The input spread over the workers so that every partition holds the same number of rows, give or take
 * one. The workers step in lockstep, each through as many rows as the smallest partition holds, so rows
 * beyond that were never trained on: skewed files (50,054 and 9,946 rows) trained on about 20,000 of
 * 60,000 rows an epoch. Row i of the input (in its partitions' order) goes to partition i mod N, in order,
 * so the shards are the same on every run and one worker sees the input's own order.
 */
final class Balanced {
    private Balanced() {}

    /** Balanced rows, and how many each partition holds (known on the driver before any shard is built). */
    record Spread(JavaRDD<Row> rows, long[] sizes) {}

    /**
     * The rows in {@code workers} partitions of equal size (±1): the input itself when it already is.
     *
     * @param rows the input
     * @param workers the partitions wanted
     * @return balanced partitions, each in the input's order
     */
    static JavaRDD<Row> rows(JavaRDD<Row> rows, int workers) {
        return spread(rows, workers).rows();
    }

    /** As {@link #rows}, with each partition's row count. */
    static Spread spread(JavaRDD<Row> rows, int workers) {
        List<Long> counts = DistributedTrainer.unwrap(
                () -> rows.mapPartitions(Balanced::count).collect());
        return spread(rows, counts.stream().mapToLong(Long::longValue).toArray(), workers);
    }

    /**
     * As {@link #spread(JavaRDD, int)}, with each input partition's rows already counted (by the input check's
     * pass over these same rows: {@link InputCheck.Summary#partitionRows}).
     */
    static Spread spread(JavaRDD<Row> rows, long[] counts, int workers) {
        if (counts.length != rows.getNumPartitions()) {
            throw new IllegalArgumentException(
                    counts.length + " partitions counted, the rows have " + rows.getNumPartitions());
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        long total = 0;
        for (long c : counts) {
            min = Math.min(min, c);
            max = Math.max(max, c);
            total += c;
        }
        if (counts.length == workers && max - min <= 1) {
            return new Spread(rows, counts.clone());
        }
        // each partition's first global index, from the counts taken (zipWithIndex would count again)
        long[] first = new long[counts.length];
        for (int p = 1; p < first.length; p++) {
            first[p] = first[p - 1] + counts[p - 1];
        }
        JavaRDD<Row> balanced = rows.mapPartitionsWithIndex(
                        (Integer p, Iterator<Row> it) -> numbered(first[p], it), true)
                .mapToPair(t -> t)
                .repartitionAndSortWithinPartitions(new Modulo(workers))
                .values();
        // row i to partition i mod N: the first total mod N partitions hold one more
        long[] sizes = new long[workers];
        for (int p = 0; p < workers; p++) {
            sizes[p] = total / workers + (p < total % workers ? 1 : 0);
        }
        return new Spread(balanced, sizes);
    }

    /** The rows of one partition with their global indexes, from {@code from} on. */
    private static Iterator<Tuple2<Long, Row>> numbered(long from, Iterator<Row> it) {
        return new Iterator<>() {
            long next = from;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Tuple2<Long, Row> next() {
                return new Tuple2<>(next++, it.next());
            }
        };
    }

    private static Iterator<Long> count(Iterator<Row> it) {
        long n = 0;
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return List.of(n).iterator();
    }

    /** Row index i to partition i mod n. */
    static final class Modulo extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int n;

        Modulo(int n) {
            this.n = n;
        }

        @Override
        public int numPartitions() {
            return n;
        }

        @Override
        public int getPartition(Object key) {
            return (int) Math.floorMod((Long) key, (long) n);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Modulo m && m.n == n;
        }

        @Override
        public int hashCode() {
            return n;
        }
    }
}
