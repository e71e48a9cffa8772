package org.mlp4j.eval;

import org.mlp4j.data.Dataset;
import org.mlp4j.engine.Batch;
import org.mlp4j.engine.Inference;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Network;

/** A dataset through the network in large batches, each batch's outputs handed on with its targets. */
final class ForwardPasses {
    /** Takes one batch and the network's outputs for it (row-major, a row per example). */
    interface Sink {
        void accept(Batch batch, float[] outputs);
    }

    private ForwardPasses() {}

    static void run(Network net, Dataset data, Kernels kernels, WorkerPool pool, Sink sink) {
        int bs = Math.min(Evaluation.EVAL_BATCH, data.size());
        Batch batch = new Batch(bs, data.features(), data.classes());
        Inference engine = new Inference(net, bs, kernels, pool);
        for (int from = 0; from < data.size(); from += bs) {
            batch.assign(data, null, from, Math.min(data.size(), from + bs));
            engine.forward(batch);
            sink.accept(batch, engine.outputs());
        }
    }
}
