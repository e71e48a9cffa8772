package org.mlp4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.mlp4j.InvalidInputException;

/**
 * How an mlp4j Spark model is saved and loaded: its parameters as Spark saves them, and the model itself
 * as an mlp4j model file ({@value #MODEL_FILE}) beside them, which {@code mlp4j predict}, {@code serve}
 * and {@code export} read as they are.
 */
final class ModelFileIo {
    /** The model file's name in a saved model's folder. */
    static final String MODEL_FILE = "model.safetensors";

    private ModelFileIo() {}

    /** Writes a model's parameters and its model file. */
    static final class Writer extends MLWriter {
        private final Params model;
        private final byte[] bytes;

        Writer(Params model, byte[] bytes) {
            this.model = model;
            this.bytes = bytes;
        }

        @Override
        public void saveImpl(String path) {
            // the SparkContext forms: the ones Spark 3.5 and 4.x both have, so one source builds for each
            DefaultParamsWriter$ writer = DefaultParamsWriter$.MODULE$;
            writer.saveMetadata(model, path, sc(), writer.saveMetadata$default$4(), writer.saveMetadata$default$5());
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": could not write", e);
            }
        }
    }

    /**
     * Reads a saved model: its model file, then the parameters onto the model {@code make} builds from
     * the uid and the file's bytes.
     *
     * @param <M> the model's class
     */
    static final class Reader<M extends Params> extends MLReader<M> {
        private final Class<M> type;
        private final BiFunction<String, byte[], M> make;

        Reader(Class<M> type, BiFunction<String, byte[], M> make) {
            this.type = type;
            this.make = make;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata meta = DefaultParamsReader$.MODULE$.loadMetadata(path, sc(), type.getName());
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, MODEL_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    bytes = in.readAllBytes();
                }
            } catch (java.io.FileNotFoundException e) {
                throw new InvalidInputException(file + ": no such file (expected the model file of a saved model)");
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read", e);
            }
            M model = make.apply(meta.uid(), bytes);
            meta.getAndSetParams(model, meta.getAndSetParams$default$2());
            return model;
        }
    }
}
