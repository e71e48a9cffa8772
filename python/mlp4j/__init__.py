"""mlp4j for Python: the PySpark wrappers of mlp4j's Spark estimators (``mlp4j.spark``)."""
