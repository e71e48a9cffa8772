"""mlp4j's Spark estimators from PySpark: ``from mlp4j.spark import MlpClassifier, MlpRegressor``.

The classes live in ``org.mlp4j.spark`` (the JVM package's name, which Spark's persistence looks up when
it loads a saved pipeline); this module is their everyday name.
"""

from org.mlp4j.spark import MlpClassificationModel, MlpClassifier, MlpRegressionModel, MlpRegressor

__all__ = ["MlpClassifier", "MlpClassificationModel", "MlpRegressor", "MlpRegressionModel"]
