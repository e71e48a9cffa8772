package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;
import org.mlp4j.Model;
import org.mlp4j.math.Rng;

/**
 * Issue 22, item 5: the regressor MLlib lacks, as Spark users work with regressors: a pipeline, MLlib's
 * own evaluator, saving and loading, and its predictions in the label's units everywhere.
 */
class MlpRegressorTest {
    @TempDir
    Path dir;

    /** price = 3 a − 2 b + 5000 (plus a little noise), in columns a, b and price. */
    static Dataset<Row> prices(int n, long seed) {
        Rng rng = new Rng(seed);
        StructType schema = new StructType()
                .add("a", DataTypes.DoubleType, false)
                .add("b", DataTypes.DoubleType, false)
                .add("price", DataTypes.DoubleType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double a = 100 * rng.nextGaussian();
            double b = 100 * rng.nextGaussian();
            rows.add(RowFactory.create(a, b, 3 * a - 2 * b + 5000 + rng.nextGaussian()));
        }
        return SparkTests.spark().createDataFrame(SparkTests.jsc().parallelize(rows, 2), schema);
    }

    static MlpRegressor small() {
        return new MlpRegressor()
                .setRecipe("tabular")
                .setLayers(2, 16, 1)
                .setEpochs(30)
                .setLabelCol("price")
                .setNumWorkers(2)
                .setSeed(1);
    }

    @Test
    void inAPipelineItPredictsInTheLabelsUnitsAndMllibScoresIt() throws Exception {
        VectorAssembler assembler =
                new VectorAssembler().setInputCols(new String[] {"a", "b"}).setOutputCol("raw");
        StandardScaler scaler =
                new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, scaler, small()});
        PipelineModel fitted = pipeline.fit(prices(800, 1));
        Dataset<Row> scored = fitted.transform(prices(200, 2));
        double r2 = new RegressionEvaluator()
                .setLabelCol("price")
                .setMetricName("r2")
                .evaluate(scored);
        assertThat(r2).as("MLlib's R² of the predictions").isGreaterThan(0.98);
        double mean = scored.selectExpr("avg(prediction)").first().getDouble(0);
        assertThat(mean).as("predictions in the label's units, around 5000").isBetween(4900.0, 5100.0);

        MlpRegressionModel model = (MlpRegressionModel) fitted.stages()[2];
        assertThat(model.getOrDefault(model.getParam("epochs")))
                .as("the model carries the estimator's params")
                .isEqualTo(30);
        assertThat(model.getOrDefault(model.getParam("labelCol"))).isEqualTo("price");
        assertThat(model.explainParam(model.getParam("cost"))).contains("default: quadratic");
        Model lib = model.model();
        assertThat(lib.isRegression()).isTrue();
        assertThat(lib.targetNames()).containsExactly("price");
        Row first = scored.select("features", "prediction").first();
        double[] f = ((org.apache.spark.ml.linalg.Vector) first.get(0)).toArray();
        float[] x = new float[f.length];
        for (int k = 0; k < f.length; k++) {
            x[k] = (float) f[k];
        }
        assertThat((double) lib.predict(x)[0])
                .as("the library answers as Spark does")
                .isEqualTo(first.getDouble(1));

        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        Dataset<Row> again = PipelineModel.load(path).transform(prices(200, 2));
        assertThat(again.select("prediction").collectAsList())
                .isEqualTo(scored.select("prediction").collectAsList());
        java.nio.file.Path file = dir.resolve("pipeline/stages")
                .toFile()
                .listFiles((d, n) -> n.startsWith("2_"))[0]
                .toPath()
                .resolve(ModelFileIo.MODEL_FILE);
        assertThat(MlpRegressionModel.fromModelFile(file).model().metadata()).containsEntry("task", "regression");
    }

    @Test
    void aRegressorHasARegressorsColumnsAndDefaults() {
        MlpRegressor r = new MlpRegressor();
        List<String> names = new ArrayList<>();
        for (var p : r.params()) {
            names.add(p.name());
        }
        assertThat(names).contains("featuresCol", "labelCol", "predictionCol", "lr", "cost");
        assertThat(names).doesNotContain("probabilityCol", "rawPredictionCol", "task");
        assertThat(r.explainParam(r.getParam("outputActivation"))).contains("default: identity");
        assertThat(r.explainParam(r.getParam("cost"))).contains("default: quadratic");
        Dataset<Row> assembled = new VectorAssembler()
                .setInputCols(new String[] {"a", "b"})
                .setOutputCol("features")
                .transform(prices(100, 3));
        assertThatThrownBy(() ->
                        small().setRecipeValue("output-activation", "softmax").fit(assembled))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("param outputActivation")
                .hasMessageContaining("found softmax");
    }

    @Test
    void aTargetThatIsNotFiniteIsRefusedBeforeTraining() {
        StructType schema = new StructType()
                .add("features", SparkTests.VECTOR_SCHEMA.apply("features").dataType(), false)
                .add("label", DataTypes.DoubleType, true);
        List<Row> rows = List.of(
                RowFactory.create(Vectors.dense(1, 2), 1.0),
                RowFactory.create(Vectors.dense(2, 1), Double.POSITIVE_INFINITY));
        Dataset<Row> df = SparkTests.spark().createDataFrame(rows, schema);
        assertThatThrownBy(() -> new MlpRegressor().setNumWorkers(1).fit(df))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column label: expected finite targets");
        Dataset<Row> words = df.withColumn("label", org.apache.spark.sql.functions.lit("cheap"));
        assertThatThrownBy(() -> new MlpRegressor().setNumWorkers(1).fit(words))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("column label: expected numbers (the regression's target), found string");
    }
}
