package org.mlp4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/** How training is spread over the workers, and how features are scaled: params an estimator and its model share. */
final class DistributionParams implements Serializable {
    private static final long serialVersionUID = 1L;

    final IntParam numWorkers;
    final IntParam roundsPerEpoch;
    final Param<String> lrScaling;
    final IntParam threadsPerWorker;
    final Param<String> inputScaling;
    final Param<String> checkpointPath;
    final IntParam checkpointInterval;

    DistributionParams(Params parent) {
        Distribution d = Distribution.defaults();
        numWorkers = new IntParam(
                parent,
                "numWorkers",
                "partitions that train, one task each per round (0: Spark's default parallelism, the"
                        + " executors' task slots); the rows are spread evenly over them");
        roundsPerEpoch = new IntParam(
                parent,
                "roundsPerEpoch",
                "averagings per epoch; each round takes 1/roundsPerEpoch of an epoch's minibatch steps (0: auto,"
                        + " 8, or for a table whose epoch is under 32 steps a worker, one every few epochs)");
        lrScaling = new Param<>(
                parent,
                "lrScaling",
                "auto: the learning rate times the workers up to 4; beyond 4, smaller minibatches and more"
                        + " averagings per epoch (the measured rule, see Distribution); linear: times the workers;"
                        + " sqrt: times their square root; none: as the recipe says");
        threadsPerWorker = new IntParam(parent, "threadsPerWorker", "threads each task trains with");
        inputScaling = new Param<>(
                parent,
                "inputScaling",
                "none: features as they are; pixel/255: grey levels 0 to"
                        + " 255, divided by 255 as mlp4j does for MNIST (saved with the model)");
        checkpointPath = new Param<>(
                parent,
                "checkpointPath",
                "where the driver writes its checkpoint (a path or any Hadoop URI; empty: none); a fit that"
                        + " finds a checkpoint of the same job there continues from it");
        checkpointInterval = new IntParam(parent, "checkpointInterval", "rounds (Spark jobs) between two checkpoints");
        parent.setDefault(checkpointPath, Checkpointing.NONE.location());
        parent.setDefault(checkpointInterval, Checkpointing.NONE.everyRounds());
        parent.setDefault(numWorkers, d.workers());
        parent.setDefault(roundsPerEpoch, d.roundsPerEpoch());
        parent.setDefault(lrScaling, d.lrScaling().name().toLowerCase(java.util.Locale.ROOT));
        parent.setDefault(threadsPerWorker, d.threadsPerWorker());
        parent.setDefault(inputScaling, "none");
    }

    List<Param<?>> all() {
        return List.of(
                numWorkers,
                roundsPerEpoch,
                lrScaling,
                threadsPerWorker,
                inputScaling,
                checkpointPath,
                checkpointInterval);
    }

    Distribution distribution(Params p) {
        return new Distribution(
                (Integer) p.getOrDefault(numWorkers),
                (Integer) p.getOrDefault(roundsPerEpoch),
                Distribution.LrScaling.parse(p.getOrDefault(lrScaling), "lrScaling"),
                (Integer) p.getOrDefault(threadsPerWorker));
    }

    Checkpointing checkpointing(Params p) {
        return Checkpointing.at(p.getOrDefault(checkpointPath), (Integer) p.getOrDefault(checkpointInterval));
    }

    boolean pixelScale(Params p) {
        String s = p.getOrDefault(inputScaling).trim().toLowerCase(java.util.Locale.ROOT);
        if (!s.equals("none") && !s.equals("pixel/255")) {
            throw new org.mlp4j.InvalidInputException(
                    "inputScaling", "inputScaling: expected none or pixel/255, found '" + s + "'");
        }
        return s.equals("pixel/255");
    }
}
