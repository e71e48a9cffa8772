# The Python side of org.mlp4j.spark lives under the Java package's own name, so that Spark's persistence,
# which maps a saved stage's Java class to a Python class of the same dotted name, finds it.
