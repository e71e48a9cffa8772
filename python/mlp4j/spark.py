"""mlp4j's Spark estimators from PySpark: ``from mlp4j.spark import MlpClassifier, MlpRegressor``.

The classes live in ``org.mlp4j.spark`` (the JVM package's name, which Spark's persistence looks up when
it loads a saved pipeline); this module is their everyday name. ``jars()`` names the JVM side the wheel
carries, for ``spark.jars``.
"""

import os

from org.mlp4j.spark import MlpClassificationModel, MlpClassifier, MlpRegressionModel, MlpRegressor

__all__ = ["MlpClassifier", "MlpClassificationModel", "MlpRegressor", "MlpRegressionModel", "jars"]


# the cluster jar for each Spark line, by the name build-wheel.sh gives it in the wheel: PyPI's pyspark 3.5
# runs Spark's Scala 2.12 build, pyspark 4 its Scala 2.13 build
_JAR_FOR_SPARK = {"3.5": "mlp4j-spark-3.5_2.12-cluster.jar", "4": "mlp4j-spark-cluster.jar"}


def jars(spark_version=None):
    """The jar this package carries for the running pyspark (the cluster jar: mlp4j-spark and mlp4j-core in
    one), as a list of absolute paths.

    Give them to Spark before the session starts:
    ``SparkSession.builder.config("spark.jars", ",".join(jars()))``.
    ``spark_version`` (say "3.5.6") picks the jar for another Spark than the installed pyspark's, for a
    cluster of that version. A package installed from a source tree carries none: then this raises, saying
    where the jar comes from; so does a Spark line mlp4j has no jar for.
    """
    if spark_version is None:
        import pyspark

        spark_version = pyspark.__version__
    parts = spark_version.split(".")
    line = parts[0] if parts[0] != "3" else ".".join(parts[:2])
    if line not in _JAR_FOR_SPARK:
        raise ValueError(
            "mlp4j.spark.jars(): expected Spark 3.5 or 4.x, found Spark %s; mlp4j has no jar for it" % spark_version
        )
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jars")
    carried = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    name = _JAR_FOR_SPARK[line]
    if name not in carried:
        raise FileNotFoundError(
            "mlp4j.spark.jars(): expected %s (for Spark %s) in %s, found %s; a wheel made by python/build-wheel.sh "
            "carries the jars it was given, and a package installed from a source tree carries none: then give "
            "spark.jars the cluster jar yourself (mlp4j-spark/target/mlp4j-spark-VERSION-cluster.jar, or "
            "mlp4j-spark-3.5_2.12's for Spark 3.5)" % (name, spark_version, folder, ", ".join(carried) or "none")
        )
    return [os.path.join(folder, name)]
