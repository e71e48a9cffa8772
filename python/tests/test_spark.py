"""The PySpark package against the real pyspark: fit, transform, CrossValidator, pipelines, save and load.

Run by python/run-tests.sh (which mvn verify calls when a Python with pyspark is there): on the source
tree, MLP4J_JARS names the jars that Spark's JVM loads; on the installed wheel (MLP4J_INSTALLED names where
it was installed), the jar the wheel carries.
"""
import math
import os
import random

import pytest
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.classification import OneVsRest
from pyspark.ml.evaluation import MulticlassClassificationEvaluator, RegressionEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.tuning import CrossValidator, CrossValidatorModel, ParamGridBuilder
from pyspark.sql import SparkSession

from mlp4j.spark import MlpClassificationModel, MlpClassifier, MlpRegressionModel, MlpRegressor, jars


def spark_jars():
    """The jars named by MLP4J_JARS (tests on the source tree), else the ones the installed wheel carries."""
    if "MLP4J_JARS" in os.environ:
        return os.environ["MLP4J_JARS"].replace(os.pathsep, ",")
    return ",".join(jars())


@pytest.fixture(scope="module")
def spark():
    jars = spark_jars()
    s = (SparkSession.builder.master("local[2]")
         .appName("mlp4j-pyspark-test")
         .config("spark.jars", jars)
         .config("spark.ui.enabled", "false")
         .config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.driver.host", "127.0.0.1")
         .config("spark.driver.extraJavaOptions", "--add-modules=jdk.incubator.vector")
         .getOrCreate())
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def blobs(spark, n, seed):
    """Three classes around different centres in columns a, b and a label 0..2."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        c = i % 3
        rows.append((3.0 * c + rng.gauss(0, 1), -2.0 * c + rng.gauss(0, 1), float(c)))
    df = spark.createDataFrame(rows, ["a", "b", "label"]).repartition(2)
    return VectorAssembler(inputCols=["a", "b"], outputCol="features").transform(df)


def prices(spark, n, seed):
    """price = 3 a - 2 b + 5000, with a little noise; features a and b of deviation 1 (a StandardScaler's)."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        a, b = rng.gauss(0, 1), rng.gauss(0, 1)
        rows.append((a, b, 300 * a - 200 * b + 5000 + rng.gauss(0, 1)))
    df = spark.createDataFrame(rows, ["a", "b", "price"]).repartition(2)
    return VectorAssembler(inputCols=["a", "b"], outputCol="features").transform(df)


def small():
    return MlpClassifier(recipe="tabular", layers=[2, 16, 3], epochs=20, numWorkers=2, seed=1)


def test_every_jvm_param_is_a_typed_python_param(spark):
    mlp = MlpClassifier()
    names = {p.name for p in mlp.params}
    assert {"featuresCol", "labelCol", "probabilityCol", "recipe", "lr", "epochs", "batchSize", "layers",
            "numWorkers", "lrScaling"} <= names
    assert mlp.getOrDefault("recipe") == "default"
    assert mlp.getOrDefault(mlp.lr) == pytest.approx(0.1)
    mlp.setParams(lr=1, epochs=3)  # an int for a DoubleParam is converted before it crosses
    assert mlp.getOrDefault(mlp.lr) == 1.0 and isinstance(mlp.getOrDefault(mlp.lr), float)
    mlp.setRecipeValue("batch-size", 64)
    assert mlp.getOrDefault("batchSize") == 64
    with pytest.raises(ValueError, match="param dropuot: unknown parameter of MlpClassifier"):
        mlp.setParams(dropuot=0.5)
    regressor = MlpRegressor()
    assert "probabilityCol" not in {p.name for p in regressor.params}
    assert regressor.getOrDefault("cost") == "quadratic"


def test_a_classifier_fits_transforms_and_is_scored_by_mllib(spark):
    model = small().fit(blobs(spark, 600, 1))
    assert isinstance(model, MlpClassificationModel)
    assert model.numClasses == 3 and model.numFeatures == 2
    scored = model.transform(blobs(spark, 300, 2))
    assert {"rawPrediction", "probability", "prediction"} <= set(scored.columns)
    accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(scored)
    assert accuracy > 0.85  # blobs that one-against-the-rest separates well; a class per binary MLP
    assert model.getOrDefault("epochs") == 20  # the model carries the estimator's params
    assert model.modelFileBytes()[8:9] == b"{"  # a safetensors file: its header follows 8 bytes of length


def test_cross_validation_over_a_grid_picks_a_model(spark):
    mlp = small()
    grid = ParamGridBuilder().addGrid(mlp.lr, [0.003, 0.03]).build()
    cv = CrossValidator(estimator=mlp, estimatorParamMaps=grid, numFolds=2, seed=3,
                        evaluator=MulticlassClassificationEvaluator(metricName="accuracy"))
    fitted = cv.fit(blobs(spark, 450, 4))
    assert len(fitted.avgMetrics) == 2 and all(0 <= m <= 1 for m in fitted.avgMetrics)
    assert isinstance(fitted.bestModel, MlpClassificationModel)


def test_pipelines_and_models_save_and_load_from_python(spark, tmp_path):
    train, test = blobs(spark, 600, 5), blobs(spark, 200, 6)
    df = train.drop("features")
    pipeline = Pipeline(stages=[VectorAssembler(inputCols=["a", "b"], outputCol="features"), small()])
    fitted = pipeline.fit(df)
    before = [r.prediction for r in fitted.transform(test.drop("features")).select("prediction").collect()]
    fitted.write().overwrite().save(str(tmp_path / "pipeline"))
    again = PipelineModel.load(str(tmp_path / "pipeline"))
    assert isinstance(again.stages[1], MlpClassificationModel)
    after = [r.prediction for r in again.transform(test.drop("features")).select("prediction").collect()]
    assert after == before
    estimator = small().setLr(0.02)
    estimator.write().overwrite().save(str(tmp_path / "estimator"))
    loaded = MlpClassifier.load(str(tmp_path / "estimator"))
    assert loaded.getOrDefault("lr") == pytest.approx(0.02)
    model = small().fit(train)
    model.write().overwrite().save(str(tmp_path / "model"))
    assert MlpClassificationModel.load(str(tmp_path / "model")).numClasses == 3


def test_the_regressor_mllib_lacks(spark, tmp_path):
    mlp = MlpRegressor(recipe="tabular", layers=[2, 16, 1], epochs=30, labelCol="price", numWorkers=2, seed=1)
    model = mlp.fit(prices(spark, 800, 1))
    assert isinstance(model, MlpRegressionModel)
    scored = model.transform(prices(spark, 200, 2))
    r2 = RegressionEvaluator(labelCol="price", metricName="r2").evaluate(scored)
    assert r2 > 0.98
    mean = scored.groupBy().avg("prediction").first()[0]
    assert 4900 < mean < 5100  # in the label's units
    model.write().overwrite().save(str(tmp_path / "regression"))
    again = MlpRegressionModel.load(str(tmp_path / "regression"))
    assert [r.prediction for r in again.transform(prices(spark, 5, 3)).collect()] == \
        [r.prediction for r in model.transform(prices(spark, 5, 3)).collect()]


def test_a_mistake_is_one_clear_error(spark):
    bad = MlpRegressor(labelCol="price", numWorkers=1, outputActivation="softmax")
    with pytest.raises(Exception, match="expected an output for real values with task regression"):
        bad.fit(prices(spark, 50, 7))


def test_one_vs_rest_and_thresholds_work_as_with_mllibs_classifiers(spark):
    train, test = blobs(spark, 240, 7), blobs(spark, 120, 8)
    binary = MlpClassifier(recipe="tabular", layers=[2, 16, 2], epochs=60, numWorkers=2, seed=1)
    ovr = OneVsRest(classifier=binary).fit(train)
    assert len(ovr.models) == 3
    assert all(isinstance(m, MlpClassificationModel) and m.numClasses == 2 for m in ovr.models)
    accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(ovr.transform(test))
    assert accuracy > 0.85  # blobs that one-against-the-rest separates well; a class per binary MLP

    model = small().fit(train)
    assert model.getRawPredictionCol() == "rawPrediction"
    row = model.transform(test).select("features", "rawPrediction", "probability").first()
    assert list(model.predictRaw(row.features)) == list(row.rawPrediction)
    # the tabular recipe's output is a softmax: the probability is the softmax of the margins
    z = list(row.rawPrediction)
    total = sum(math.exp(v) for v in z)
    assert all(abs(p - math.exp(v) / total) < 1e-9 for p, v in zip(row.probability, z))
    model.setThresholds([1.0, 1.0, 0.0])  # MLlib: a threshold of 0 wins over any other
    assert {r.prediction for r in model.transform(test).select("prediction").collect()} == {2.0}


@pytest.mark.skipif("MLP4J_INSTALLED" not in os.environ, reason="runs on the installed wheel only")
def test_the_installed_wheel_answers_with_the_jar_it_carries():
    import mlp4j.spark
    import org.mlp4j.spark

    site = os.path.realpath(os.environ["MLP4J_INSTALLED"])
    for module in (mlp4j.spark, org.mlp4j.spark):
        assert os.path.realpath(module.__file__).startswith(site + os.sep), module.__file__
    import pyspark

    carried = jars()
    expected = "mlp4j-spark-3.5_2.12-cluster.jar" if pyspark.__version__.startswith("3.5.") else "mlp4j-spark-cluster.jar"
    assert [os.path.basename(j) for j in carried] == [expected]
    assert os.path.realpath(carried[0]).startswith(site + os.sep)
    # a wheel run by tests carries one jar: the other Spark line's is named as missing, and an unknown line refused
    other = "3.5.6" if expected == "mlp4j-spark-cluster.jar" else "4.2.0"
    with pytest.raises(FileNotFoundError, match="for Spark " + other):
        jars(other)
    with pytest.raises(ValueError, match="expected Spark 3.5 or 4.x, found Spark 3.4.4"):
        jars("3.4.4")


def test_every_param_has_a_getter_as_mllibs_do(spark):
    mlp = MlpClassifier(recipe="tabular", lr=0.05, batchSize=32, numWorkers=3)
    assert mlp.getLr() == 0.05
    assert mlp.getBatchSize() == 32
    assert mlp.getNumWorkers() == 3
    assert mlp.getRecipe() == "tabular"
    assert mlp.getFeaturesCol() == "features"
    mlp.setThresholds([0.5, 0.2, 0.3])  # MLlib's own setter and getter, from _JavaProbabilisticClassifier
    assert mlp.getThresholds() == [0.5, 0.2, 0.3]
    assert MlpRegressor().getOutputActivation() == "identity"
    with pytest.raises(AttributeError, match="getNoSuchParam"):
        mlp.getNoSuchParam()


def test_weights_reach_the_jvm_and_one_vs_rest_passes_them_on(spark):
    import warnings

    from pyspark.sql import functions as F

    train = blobs(spark, 240, 9).withColumn("w", F.when(F.col("label") == 2, 3.0).otherwise(1.0))
    binary = MlpClassifier(recipe="tabular", layers=[2, 8, 2], epochs=5, numWorkers=2, seed=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ovr = OneVsRest(classifier=binary, weightCol="w").fit(train)
    assert not [w for w in caught if "weightCol is ignored" in str(w.message)]
    assert len(ovr.models) == 3
    bad = train.withColumn("w", F.lit(-1.0))
    with pytest.raises(Exception, match="column w: expected a weight, a finite number 0 or more"):
        small().setWeightCol("w").fit(bad)
