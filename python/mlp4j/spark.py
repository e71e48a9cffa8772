"""mlp4j's Spark estimators from PySpark: ``from mlp4j.spark import MlpClassifier, MlpRegressor``.

The classes live in ``org.mlp4j.spark`` (the JVM package's name, which Spark's persistence looks up when
it loads a saved pipeline); this module is their everyday name. ``jars()`` names the JVM side the wheel
carries, for ``spark.jars``.
"""

import os

from org.mlp4j.spark import MlpClassificationModel, MlpClassifier, MlpRegressionModel, MlpRegressor

__all__ = ["MlpClassifier", "MlpClassificationModel", "MlpRegressor", "MlpRegressionModel", "jars"]


def jars():
    """The jars this package carries (the cluster jar: mlp4j-spark and mlp4j-core in one), as absolute paths.

    Give them to Spark before the session starts:
    ``SparkSession.builder.config("spark.jars", ",".join(jars()))``.
    A package installed from a source tree carries none: then this raises, saying where the jar comes from.
    """
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jars")
    found = sorted(
        os.path.join(folder, name) for name in (os.listdir(folder) if os.path.isdir(folder) else []) if name.endswith(".jar")
    )
    if not found:
        raise FileNotFoundError(
            "mlp4j.spark.jars(): expected the cluster jar in %s, found none; this package was not installed "
            "from the wheel (python/build-wheel.sh makes one), so give spark.jars the jars yourself "
            "(mlp4j-spark/target/mlp4j-spark-VERSION-cluster.jar)" % folder
        )
    return found
