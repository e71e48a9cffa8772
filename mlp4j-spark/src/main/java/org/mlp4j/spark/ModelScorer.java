package org.mlp4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.Metadata;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;

/**
 * The model file inside a Spark model, and its scoring on the executors: the file's bytes travel, the
 * model is decoded once per JVM.
 */
final class ModelScorer implements Serializable {
    private static final long serialVersionUID = 1L;
    final byte[] bytes;
    private final String name;
    private transient volatile Model model;

    private ModelScorer(byte[] bytes, String name) {
        this.bytes = bytes;
        this.name = name;
    }

    /**
     * The scorer of a model file, decoded and checked now, on the driver, rather than on an executor: a
     * classifier's file for a classification model, a regression's for a regression model.
     */
    static ModelScorer of(byte[] modelFile, String uid, boolean regression) {
        ModelScorer s = new ModelScorer(modelFile, uid);
        Model m = s.model();
        if (m.isRegression() != regression) {
            throw new InvalidInputException("model " + uid + ": expected a "
                    + (regression ? "regression" : "classification") + " model, found a "
                    + (m.isRegression() ? "regression of " + String.join(", ", m.targetNames()) : "classifier")
                    + " (" + (m.isRegression() ? "MlpRegressionModel" : "MlpClassificationModel") + " takes it)");
        }
        return s;
    }

    /** A local model file's bytes; a missing file is named. */
    static byte[] readModelFile(java.nio.file.Path modelFile) {
        try {
            return Files.readAllBytes(modelFile);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(modelFile + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(modelFile + ": cannot read", e);
        }
    }

    Model model() {
        Model m = model;
        if (m == null) {
            m = Model.fromBytes(bytes, "model " + name);
            model = m;
        }
        return m;
    }

    /**
     * The prediction column's metadata: a classifier's classes (by name); nothing for a regression, nor when
     * there is no prediction column (OneVsRest scores its models so).
     */
    Metadata predictionMetadata(String predictionCol) {
        Model m = model();
        if (m.isRegression() || predictionCol.isEmpty()) {
            return Metadata.empty();
        }
        return NominalAttribute.defaultAttr()
                .withName(predictionCol)
                .withValues(m.classNames().toArray(String[]::new))
                .toMetadata();
    }

    /** The output layer's values for one row's features (a vector or an array), as doubles. */
    Vector outputs(Object features) {
        return Vectors.dense(doubles(model().outputs(floats(features))));
    }

    /** The margins (the output layer's weighted inputs) for one row's features. */
    Vector margins(Object features) {
        return Vectors.dense(doubles(model().margins(floats(features))));
    }

    private static float[] floats(Object features) {
        float[] x;
        if (features instanceof Vector v) {
            double[] a = v.toArray();
            x = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                x[i] = (float) a[i];
            }
        } else if (features instanceof scala.collection.Seq<?> seq) {
            // walked by its iterator (a Scala List's apply(i) walks from the head); Scala 2.12 and 2.13 have no
            // Java converter in common
            x = new float[seq.length()];
            scala.collection.Iterator<?> it = seq.iterator();
            for (int i = 0; i < x.length; i++) {
                x[i] = ((Number) it.next()).floatValue();
            }
        } else {
            throw new InvalidInputException(
                    "featuresCol",
                    "features: expected a vector or an array, found "
                            + (features == null ? "null" : features.getClass().getSimpleName()));
        }
        return x;
    }

    private static double[] doubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    /** Outputs divided by their sum (a softmax's already sum to 1), or all equal when the sum is not positive. */
    static double[] normalised(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        double[] p = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            p[i] = sum > 0 ? a[i] / sum : 1.0 / a.length;
        }
        return p;
    }
}
