package org.mlp4j.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;

/** Scores rows on the executors: the model file's bytes travel, the model is decoded once per JVM. */
final class ModelScorer implements Serializable {
    private static final long serialVersionUID = 1L;
    final byte[] bytes;
    private final String name;
    private transient volatile Model model;

    ModelScorer(byte[] bytes, String name) {
        this.bytes = bytes;
        this.name = name;
    }

    Model model() {
        Model m = model;
        if (m == null) {
            m = Model.fromBytes(bytes, "model " + name);
            model = m;
        }
        return m;
    }

    Vector outputs(Object features) {
        float[] x;
        if (features instanceof Vector v) {
            double[] a = v.toArray();
            x = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                x[i] = (float) a[i];
            }
        } else if (features instanceof scala.collection.Seq<?> seq) {
            List<?> list = scala.jdk.javaapi.CollectionConverters.asJava(seq);
            x = new float[list.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = ((Number) list.get(i)).floatValue();
            }
        } else {
            throw new InvalidInputException(
                    "featuresCol",
                    "features: expected a vector or an array, found "
                            + (features == null ? "null" : features.getClass().getSimpleName()));
        }
        float[] out = model().outputs(x);
        double[] d = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            d[i] = out[i];
        }
        return Vectors.dense(d);
    }

    static Vector normalised(Vector raw) {
        double[] a = raw.toArray();
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        double[] p = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = sum > 0 ? a[i] / sum : 1.0 / a.length;
        }
        return Vectors.dense(p);
    }
}
