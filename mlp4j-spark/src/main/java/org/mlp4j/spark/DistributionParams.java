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
                "averagings per epoch; each round takes" + " 1/roundsPerEpoch of an epoch's minibatch steps");
        lrScaling = new Param<>(
                parent,
                "lrScaling",
                "linear: the learning rate times the workers (see Distribution);" + " none: as the recipe says");
        threadsPerWorker = new IntParam(parent, "threadsPerWorker", "threads each task trains with");
        inputScaling = new Param<>(
                parent,
                "inputScaling",
                "none: features as they are; pixel/255: grey levels 0 to"
                        + " 255, divided by 255 as mlp4j does for MNIST (saved with the model)");
        parent.setDefault(numWorkers, d.workers());
        parent.setDefault(roundsPerEpoch, d.roundsPerEpoch());
        parent.setDefault(lrScaling, "linear");
        parent.setDefault(threadsPerWorker, d.threadsPerWorker());
        parent.setDefault(inputScaling, "none");
    }

    List<Param<?>> all() {
        return List.of(numWorkers, roundsPerEpoch, lrScaling, threadsPerWorker, inputScaling);
    }

    Distribution distribution(Params p) {
        return new Distribution(
                (Integer) p.getOrDefault(numWorkers),
                (Integer) p.getOrDefault(roundsPerEpoch),
                Distribution.LrScaling.parse(p.getOrDefault(lrScaling), "lrScaling"),
                (Integer) p.getOrDefault(threadsPerWorker));
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
