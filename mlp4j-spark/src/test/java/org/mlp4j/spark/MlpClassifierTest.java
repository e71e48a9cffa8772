package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;
import org.mlp4j.Prediction;
import org.mlp4j.recipe.Recipe;

/** The estimator as Spark users work: pipelines, tuning, evaluation, saving, and their mistakes. */
class MlpClassifierTest {
    @TempDir
    Path dir;

    /** Blobs as plain numeric columns c0 … c5 and a label, as tables usually hold them. */
    private static Dataset<Row> table(int n, long seed) {
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 6, 3, seed, y);
        StructType schema = new StructType();
        for (int k = 0; k < 6; k++) {
            schema = schema.add("c" + k, DataTypes.DoubleType, false);
        }
        schema = schema.add("label", DataTypes.DoubleType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object[] v = new Object[7];
            for (int k = 0; k < 6; k++) {
                v[k] = (double) x[i][k] * 100 + 50; // a scale a StandardScaler has something to do with
            }
            v[6] = (double) y[i];
            rows.add(RowFactory.create(v));
        }
        return SparkTests.spark().createDataFrame(SparkTests.jsc().parallelize(rows, 2), schema);
    }

    private static MlpClassifier small() {
        return new MlpClassifier()
                .setRecipe("default")
                .setLayers(6, 16, 3)
                .setEpochs(4)
                .setRecipeValue("batch-size", 16)
                .setRecipeValue("validation-split", "0")
                .setSeed(1);
    }

    @Test
    void inAPipelineUnderCrossValidationItIsEvaluatedLikeAnyClassifier() {
        Dataset<Row> train = table(600, 1);
        Dataset<Row> test = table(300, 2);
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(new String[] {"c0", "c1", "c2", "c3", "c4", "c5"})
                .setOutputCol("raw");
        StandardScaler scaler =
                new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true);
        MlpClassifier mlp = small();
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, mlp});
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid((DoubleParam) mlp.recipeParam("lr"), new double[] {0.01, 0.1})
                .build();
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        CrossValidator cv = new CrossValidator()
                .setEstimator(pipeline)
                .setEstimatorParamMaps(grid)
                .setEvaluator(accuracy)
                .setNumFolds(2)
                .setSeed(3);
        CrossValidatorModel best = cv.fit(train);
        assertThat(best.avgMetrics()).hasSize(2);
        Dataset<Row> scored = best.transform(test);
        assertThat(scored.columns()).contains("prediction", "probability", "rawPrediction");
        assertThat(accuracy.evaluate(scored)).isGreaterThan(0.9);
        Row first = scored.select("probability").first();
        double sum = 0;
        for (double p : ((Vector) first.get(0)).toArray()) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aSavedModelLoadsInSparkAndInPlainJava() throws Exception {
        Dataset<Row> train = SparkTests.frame(SparkTests.blobs(300, 6, 3, 4, new int[300]), labels(300, 3), 2);
        MlpClassificationModel model = small().fit(train);
        String path = dir.resolve("model").toString();
        model.write().overwrite().save(path);
        MlpClassificationModel again = MlpClassificationModel.load(path);
        List<Row> a = model.transform(train).select("rawPrediction").collectAsList();
        List<Row> b = again.transform(train).select("rawPrediction").collectAsList();
        assertThat(b).isEqualTo(a);
        // the folder holds an ordinary mlp4j model file
        Model plain = Model.load(dir.resolve("model").resolve(MlpClassificationModel.MODEL_FILE));
        Vector v = (Vector) train.select("features").first().get(0);
        float[] f = new float[v.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v.apply(i);
        }
        Prediction p = plain.classify(f);
        Row r = model.transform(train.limit(1)).select("prediction").first();
        assertThat((double) p.index()).isEqualTo(r.getDouble(0));
        // and a model trained anywhere wraps into Spark
        java.nio.file.Path file = dir.resolve("plain.safetensors");
        java.nio.file.Files.write(file, model.modelFileBytes());
        MlpClassificationModel wrapped = MlpClassificationModel.fromModelFile(file);
        assertThat(wrapped.transform(train).select("rawPrediction").collectAsList())
                .isEqualTo(a);
        // estimators and pipelines save and load too
        MlpClassifier est = small();
        est.write().overwrite().save(dir.resolve("est").toString());
        MlpClassifier loaded = MlpClassifier.load(dir.resolve("est").toString());
        assertThat(loaded.getOrDefault(loaded.epochs())).isEqualTo(4);
        assertThat((int[]) loaded.getOrDefault(loaded.layers())).containsExactly(6, 16, 3);
        PipelineModel pm =
                new Pipeline().setStages(new PipelineStage[] {small()}).fit(train);
        pm.write().overwrite().save(dir.resolve("pipeline").toString());
        PipelineModel pm2 = PipelineModel.load(dir.resolve("pipeline").toString());
        assertThat(pm2.transform(train).select("rawPrediction").collectAsList())
                .isEqualTo(pm.transform(train).select("rawPrediction").collectAsList());
    }

    private static int[] labels(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return y;
    }

    private static Dataset<Row> rows(StructType schema, Object[]... values) {
        List<Row> rows = new ArrayList<>();
        for (Object[] v : values) {
            rows.add(RowFactory.create(v));
        }
        return SparkTests.spark().createDataFrame(rows, schema);
    }

    /** A fold that lacks the last class still gets an output for it when the label column says how many there are. */
    @Test
    void classesComeFromTheLabelColumnsMetadata() {
        Dataset<Row> train = SparkTests.frame(SparkTests.blobs(120, 6, 3, 4, new int[120]), labels(120, 3), 2);
        Dataset<Row> withoutClass2 = train.filter("label < 2");
        org.apache.spark.sql.types.Metadata fourClasses = org.apache.spark.ml.attribute.NominalAttribute.defaultAttr()
                .withName("label")
                .withNumValues(4)
                .toMetadata();
        Dataset<Row> labelled = withoutClass2.withColumn("label", withoutClass2.col("label"), fourClasses);
        MlpClassifier mlp = new MlpClassifier()
                .setEpochs(1)
                .setRecipeValue("batch-size", 8)
                .setRecipeValue("lr", 0.01)
                .setRecipeValue("validation-split", "0");
        assertThat(mlp.fit(labelled).numClasses()).isEqualTo(4);
        assertThat(mlp.fit(withoutClass2).numClasses()).isEqualTo(2); // no metadata: the largest label + 1
    }

    /** A learning rate far too high for the workers stops the fit with the reason, not with a useless model. */
    @Test
    void divergingTrainingFailsNamingTheWorkersAndWhatToChange() {
        Dataset<Row> train = SparkTests.frame(SparkTests.blobs(300, 6, 3, 4, new int[300]), labels(300, 3), 2);
        MlpClassifier mlp =
                small().setRecipeValue("lr", 1000.0).setNumWorkers(2).setLrScaling("sqrt");
        assertThatThrownBy(() -> mlp.fit(train))
                .isInstanceOf(org.mlp4j.train.TrainingDiverged.class)
                .hasMessageStartingWith("training diverged in epoch 1: weights became NaN or infinite on a worker, with"
                        + " learning rate 1000.0 x 1.414 (lrScaling sqrt, 2 workers)")
                // the advice is a gentler rule than the one in use
                .hasMessageEndingWith("; try lrScaling none (--lr-scaling), fewer workers (numWorkers, --workers) or a"
                        + " lower learning rate (lr)");
    }

    @Test
    void badInputFailsBeforeTrainingNamingTheColumnAndTheValue() {
        MlpClassifier mlp = new MlpClassifier()
                .setLayers(3, 4, 2)
                .setEpochs(1)
                .setRecipeValue("batch-size", 1)
                .setRecipeValue("validation-split", "0");
        StructType s = SparkTests.VECTOR_SCHEMA;
        assertThatThrownBy(() -> mlp.fit(rows(s, new Object[] {Vectors.dense(1, 2, 3), 0.0})
                        .withColumnRenamed("label", "y")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("column label: not in the data; found columns features, y");
        assertThatThrownBy(() -> mlp.fit(
                        rows(s, new Object[] {Vectors.dense(1, 2, 3), 0.0}, new Object[] {Vectors.dense(1, 2), 1.0})))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("column features: expected vectors of one size, found sizes from 2 to 3");
        assertThatThrownBy(() -> mlp.fit(
                        rows(s, new Object[] {Vectors.dense(1, 2), 0.0}, new Object[] {Vectors.dense(1, 2), 1.0})))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("column features: expected vectors of 3 values (the first layer, param layers), found 2");
        assertThatThrownBy(() -> mlp.fit(rows(s, new Object[] {Vectors.dense(1, Double.NaN, 3), 0.0}, new Object[] {
                    Vectors.dense(1, 2, 3), 1.0
                })))
                .hasMessage("column features: expected finite values, found NaN at index 1 (1 row)");
        StructType nullable = new StructType()
                .add("features", new org.apache.spark.ml.linalg.VectorUDT(), true)
                .add("label", DataTypes.DoubleType, true);
        assertThatThrownBy(() ->
                        mlp.fit(rows(nullable, new Object[] {null, 0.0}, new Object[] {Vectors.dense(1, 2, 3), 1.0})))
                .hasMessage("column features: expected a vector in every row, found 1 rows without one (null)");
        assertThatThrownBy(() -> mlp.fit(rows(
                        nullable, new Object[] {Vectors.dense(1, 2, 3), null}, new Object[] {Vectors.dense(1, 2, 3), 1.0
                        })))
                .hasMessage("column label: expected a class index in every row, found 1 rows without one (null)");
        assertThatThrownBy(() -> mlp.fit(rows(
                        s, new Object[] {Vectors.dense(1, 2, 3), 1.0}, new Object[] {Vectors.dense(1, 1e39, 3), 0.0})))
                .hasMessage("column features: expected finite values, found 1.0E39 at index 1 (1 row)");
        assertThatThrownBy(() -> mlp.fit(rows(
                        s, new Object[] {Vectors.dense(1, 2, 3), 1.0}, new Object[] {Vectors.dense(4, 5, 6), 1.0})))
                .hasMessage("column label: expected at least two classes, found only class 1 in 2 rows");
        assertThatThrownBy(() -> mlp.fit(rows(
                        s, new Object[] {Vectors.dense(1, 2, 3), 0.0}, new Object[] {Vectors.dense(1, 2, 3), 2.0})))
                .hasMessageStartingWith("column label: expected class indexes below 2 (the last layer");
        assertThatThrownBy(() -> mlp.fit(rows(s, new Object[] {Vectors.dense(1, 2, 3), 0.5})))
                .hasMessage("column label: expected class indexes 0 .. k − 1, found values from 0.5 to 0.5");
        assertThatThrownBy(() -> mlp.fit(rows(s)))
                .hasMessage("column label: expected rows with labels, found an empty dataset");
        StructType text = new StructType()
                .add("features", new org.apache.spark.ml.linalg.VectorUDT(), false)
                .add("label", DataTypes.StringType, false);
        assertThatThrownBy(() -> mlp.fit(rows(text, new Object[] {Vectors.dense(1, 2, 3), "cat"})))
                .hasMessageStartingWith("column label: expected class indexes 0 .. k − 1 (StringIndexer makes them");
        assertThatThrownBy(() -> new MlpClassifier()
                        .setRecipeValue("dropout", 1.5)
                        .setLayers(3, 4, 2)
                        .fit(rows(
                                s, new Object[] {Vectors.dense(1, 2, 3), 0.0}, new Object[] {Vectors.dense(1, 2, 3), 1.0
                                })))
                .hasMessage("param dropout: expected a number in [0, 1), found '1.5'");
    }

    @Test
    void arraysOfFloatsWorkAsFeaturesToo() {
        int n = 120;
        int[] y = labels(n, 3);
        float[][] x = SparkTests.blobs(n, 6, 3, 7, new int[n]);
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add("label", DataTypes.IntegerType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Float[] f = new Float[6];
            for (int k = 0; k < 6; k++) {
                f[k] = x[i][k];
            }
            rows.add(RowFactory.create(java.util.Arrays.asList(f), y[i]));
        }
        Dataset<Row> frame = SparkTests.spark().createDataFrame(rows, schema);
        MlpClassificationModel m = small().setEpochs(1).fit(frame);
        Row first = m.transform(frame).select("features", "prediction").first();
        float[] raw = new float[6];
        for (int k = 0; k < 6; k++) {
            raw[k] = x[0][k];
        }
        assertThat(first.getDouble(1))
                .isEqualTo((double) m.model().classify(raw).index());
    }

    @Test
    void layersFollowTheDataUnlessSet() {
        Dataset<Row> train = table(90, 5);
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(new String[] {"c0", "c1", "c2", "c3", "c4", "c5"})
                .setOutputCol("features");
        // (features of size 50-150, unscaled: at the default recipe's rate this diverged, unseen until the
        // divergence check; a smaller rate trains)
        MlpClassificationModel m = new MlpClassifier()
                .setEpochs(1)
                .setNumWorkers(2)
                .setRecipeValue("lr", 0.001)
                .fit(assembler.transform(train));
        assertThat(m.numFeatures()).isEqualTo(6);
        assertThat(m.numClasses()).isEqualTo(3);
        assertThat(m.model().metadata().get("layers")).isEqualTo("6,1024,3"); // the default recipe's hidden layer
        // the MNIST-sized defaults fit 90 rows as the command line fits them (no 10,000-row validation split,
        // a tenth would be 9 rows: none), and the minibatch fits the smallest of the 2 partitions
        Recipe used = Recipe.fromJson(m.model().metadata().get("recipe"), "the model");
        assertThat(used.text("validation-split")).isEqualTo("0");
        assertThat(used.get(org.mlp4j.recipe.Hyperparameter.BATCH_SIZE)).isEqualTo(45);
        // a size the user set is kept, and refused when it does not fit
        assertThatThrownBy(() -> new MlpClassifier()
                        .setEpochs(1)
                        .setNumWorkers(2)
                        .setRecipeValue("batch-size", 64)
                        .fit(assembler.transform(train)))
                .hasMessageContaining(
                        "param batchSize: expected at most the 45 training rows of the smallest partition");
    }

    @Test
    void everyTrainingHyperparameterIsAParamOfItsDeclaredType() {
        MlpClassifier mlp = new MlpClassifier();
        for (org.mlp4j.recipe.Hyperparameter<?> h : org.mlp4j.recipe.Hyperparameter.all()) {
            if (h.scope() == org.mlp4j.recipe.Hyperparameter.Scope.FILES) {
                assertThat(mlp.hasParam(RecipeParams.camel(h.name())))
                        .as(h.name())
                        .isFalse();
                continue;
            }
            Class<?> expected = switch (h.type().getSimpleName()) {
                case "Double" -> DoubleParam.class;
                case "Integer" -> org.apache.spark.ml.param.IntParam.class;
                case "Long" -> org.apache.spark.ml.param.LongParam.class;
                case "Boolean" -> org.apache.spark.ml.param.BooleanParam.class;
                case "LayerSizes" -> org.apache.spark.ml.param.IntArrayParam.class;
                default -> org.apache.spark.ml.param.Param.class;
            };
            assertThat(mlp.getParam(RecipeParams.camel(h.name()))).as(h.name()).isExactlyInstanceOf(expected);
        }
        // a value of the param's type reaches the recipe as the table reads it
        org.mlp4j.recipe.Recipe r = mlp.setRecipeValue("batchSize", 64)
                .setRecipeValue("augmentFlip", true)
                .setLayers(4, 8, 3)
                .setRecipeValue("validationSplit", "0.2")
                .recipe();
        assertThat(r.get(org.mlp4j.recipe.Hyperparameter.BATCH_SIZE)).isEqualTo(64);
        assertThat(r.get(org.mlp4j.recipe.Hyperparameter.AUGMENT_FLIP)).isTrue();
        assertThat(r.text("layers")).isEqualTo("4,8,3");
        assertThat(r.source("batch-size")).isEqualTo("param batchSize");
        // the params' defaults are the table's built-in values, and a named recipe still sets what it sets
        MlpClassifier plain = new MlpClassifier();
        assertThat(plain.explainParam(plain.lr())).contains("default: 0.1");
        assertThat(plain.explainParam(plain.layers())).contains("undefined"); // its ends follow the data
        assertThat(plain.getOrDefault(plain.epochs())).isEqualTo(12);
        assertThat(plain.setRecipe("fast-98").recipe().get(org.mlp4j.recipe.Hyperparameter.LR))
                .isEqualTo(0.2);
    }

    @Test
    void aMisspeltParamIsRefusedWithTheClosestName() {
        MlpClassifier mlp = new MlpClassifier();
        assertThatThrownBy(() -> mlp.getParam("dropuot"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("param dropuot: unknown parameter of MlpClassifier (did you mean 'dropout'?)")
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> mlp.getParam("batchSzie")).hasMessageContaining("(did you mean 'batchSize'?)");
        assertThatThrownBy(() -> mlp.setRecipeValue("lr", -1.0).recipe())
                .hasMessage("param lr: expected a number in (0, ∞), found '-1.0'");
    }

    /** Spark's transform gives what the library gives for the same raw rows (the input contract, issue 22). */
    @Test
    void aSparkModelAnswersAsTheLibraryDoes() {
        int n = 60;
        int[] y = new int[n];
        float[][] x = SparkTests.blobs(n, 3, 2, 9, y);
        MlpClassificationModel m =
                new MlpClassifier().setEpochs(2).setRecipeValue("lr", 0.05).fit(SparkTests.frame(x, y, 2));
        List<Row> scored = m.transform(SparkTests.frame(x, y, 2))
                .select("features", "rawPrediction", "probability", "prediction")
                .collectAsList();
        assertThat(scored).hasSize(n);
        for (Row r : scored) {
            org.apache.spark.ml.linalg.Vector v = (org.apache.spark.ml.linalg.Vector) r.get(0);
            double[] features = v.toArray();
            float[] raw = new float[features.length];
            for (int k = 0; k < raw.length; k++) {
                raw[k] = (float) features[k];
            }
            // MLlib's raw prediction is the margins (a softmax's logits), not the outputs
            float[] margins = m.model().margins(raw);
            double[] got = ((org.apache.spark.ml.linalg.Vector) r.get(1)).toArray();
            float[] outputs = m.model().predict(raw);
            double sum = 0;
            for (float o : outputs) {
                sum += o;
            }
            double[] probability = ((org.apache.spark.ml.linalg.Vector) r.get(2)).toArray();
            for (int j = 0; j < margins.length; j++) {
                assertThat(got[j]).isEqualTo(margins[j]);
                assertThat(probability[j]).isCloseTo(outputs[j] / sum, org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(r.getDouble(3))
                    .isEqualTo((double) m.model().classify(raw).index());
            assertThat(m.predictRaw(v).toArray()).isEqualTo(got);
            assertThat(m.predictProbability(v).toArray()).isEqualTo(probability);
            assertThat(m.predict(v)).isEqualTo(r.getDouble(3));
        }
    }

    /**
     * Issue 23, MLlib conventions: StringIndexer's label names go into the model file, the prediction column
     * carries the classes as metadata, and transformSchema says what transform makes.
     */
    @Test
    void labelNamesTravelAndTheSchemaIsWhatTransformMakes() {
        Dataset<Row> numbers = table(300, 7);
        Dataset<Row> named = numbers.withColumn(
                "species",
                org.apache
                        .spark
                        .sql
                        .functions
                        .when(org.apache.spark.sql.functions.col("label").equalTo(0), "setosa")
                        .when(org.apache.spark.sql.functions.col("label").equalTo(1), "versicolor")
                        .otherwise("virginica"));
        Dataset<Row> indexed = new org.apache.spark.ml.feature.StringIndexer()
                .setInputCol("species")
                .setOutputCol("indexed")
                .setStringOrderType("alphabetAsc")
                .fit(named)
                .transform(named);
        Dataset<Row> assembled = new VectorAssembler()
                .setInputCols(new String[] {"c0", "c1", "c2", "c3", "c4", "c5"})
                .setOutputCol("raw")
                .transform(indexed);
        Dataset<Row> ready = new StandardScaler()
                .setInputCol("raw")
                .setOutputCol("features")
                .setWithMean(true)
                .fit(assembled)
                .transform(assembled);
        MlpClassificationModel model = small().setLabelCol("indexed").fit(ready);
        assertThat(model.model().classNames()).containsExactly("setosa", "versicolor", "virginica");
        Dataset<Row> out = model.transform(ready);
        assertThat(model.transformSchema(ready.schema())).isEqualTo(out.schema());
        org.apache.spark.ml.attribute.Attribute a = org.apache.spark.ml.attribute.Attribute.fromStructField(
                out.schema().apply("prediction"));
        assertThat(a).isInstanceOf(org.apache.spark.ml.attribute.NominalAttribute.class);
        assertThat(((org.apache.spark.ml.attribute.NominalAttribute) a).values().get())
                .containsExactly("setosa", "versicolor", "virginica");
        Row first = out.select("features", "prediction").first();
        double[] f = ((Vector) first.get(0)).toArray();
        float[] x = new float[f.length];
        for (int k = 0; k < f.length; k++) {
            x[k] = (float) f[k];
        }
        assertThat(model.model().classify(x).label())
                .isEqualTo(new String[] {"setosa", "versicolor", "virginica"}[(int) first.getDouble(1)]);
    }
}
