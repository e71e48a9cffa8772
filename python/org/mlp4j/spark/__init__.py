"""PySpark wrappers of mlp4j's Spark estimators and models (the JVM classes org.mlp4j.spark.*).

They are MLlib's own Python kinds (a probabilistic classifier and its model, a regressor and its model:
``thresholds``, ``getRawPredictionCol``, ``OneVsRest``), each wrapping its JVM object; every other parameter
of the JVM class is a ``Param`` here (declared from the JVM class, with the type converter of its JVM type), and fitting,
transforming, pipelines, ``CrossValidator`` and saving and loading go through the JVM. Import them as
``from mlp4j.spark import MlpClassifier``; the jars of mlp4j-core and mlp4j-spark must be on Spark's class
path (``spark.jars``; ``mlp4j.spark.jars()`` names the ones this package carries, when it carries them).
"""

from pyspark import keyword_only
from pyspark.ml.param import Param, TypeConverters
from pyspark.ml.param.shared import HasWeightCol
from pyspark.ml.util import JavaMLReadable, JavaMLWritable
from pyspark.ml.classification import _JavaProbabilisticClassificationModel, _JavaProbabilisticClassifier
from pyspark.ml.regression import _JavaRegressionModel, _JavaRegressor
from pyspark.ml.common import _java2py

__all__ = ["MlpClassifier", "MlpClassificationModel", "MlpRegressor", "MlpRegressionModel"]

# The converter for each JVM param class: a Python value is converted to the JVM param's type before it
# crosses (an int for a DoubleParam, a tuple for an IntArrayParam).
_CONVERTERS = {
    "DoubleParam": TypeConverters.toFloat,
    "FloatParam": TypeConverters.toFloat,
    "IntParam": TypeConverters.toInt,
    "LongParam": TypeConverters.toInt,
    "BooleanParam": TypeConverters.toBoolean,
    "IntArrayParam": TypeConverters.toListInt,
    "DoubleArrayParam": TypeConverters.toListFloat,
    "StringArrayParam": TypeConverters.toListString,
}


class _JvmParams:
    """Declares, on a wrapper, every param of its JVM object, with the JVM's defaults."""

    def _declare_jvm_params(self):
        from pyspark import SparkContext

        sc = SparkContext._active_spark_context
        for jp in self._java_obj.params():
            name = jp.name()
            if isinstance(getattr(self, name, None), Param):
                continue
            kind = jp.getClass().getSimpleName()
            converter = _CONVERTERS.get(kind, TypeConverters.toString if kind == "Param" else TypeConverters.identity)
            setattr(self, name, Param(self, name, jp.doc(), typeConverter=converter))
            self._params = None  # self.params is found again with the new ones
            if self._java_obj.hasDefault(jp):
                value = _java2py(sc, self._java_obj.getDefault(jp).get())
                if converter.__name__.startswith("toList"):
                    value = list(value)
                self._setDefault(**{name: value})

    def __getattr__(self, name):
        # a getter for each JVM param, as MLlib's Python classes have one per param: getLr(), getBatchSize()
        # (called only when ordinary lookup fails, so MLlib's own getters come first)
        if name.startswith("get") and len(name) > 3:
            param = name[3].lower() + name[4:]
            if isinstance(self.__dict__.get(param), Param):
                return lambda: self.getOrDefault(param)
        raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))

    def _set_params(self, values):
        for name, value in values.items():
            if not isinstance(getattr(self, name, None), Param):
                raise ValueError(
                    "param %s: unknown parameter of %s (it has %s)"
                    % (name, type(self).__name__, ", ".join(sorted(p.name for p in self.params)))
                )
            self._set(**{name: value})
        return self


class _MlpEstimator(_JvmParams, JavaMLReadable, JavaMLWritable):
    """What both estimators add to MLlib's Python kinds (mixed in before them)."""

    _java_class = None

    def __init__(self, **kwargs):
        super().__init__()
        self._java_obj = self._new_java_obj(self._java_class, self.uid)
        self._declare_jvm_params()
        self._set_params(kwargs)

    def setParams(self, **kwargs):
        """Sets parameters by name: ``setParams(recipe="fast-98", lr=0.05, numWorkers=4)``."""
        return self._set_params(kwargs)

    def setRecipeValue(self, key, value):
        """Sets a recipe key by its recipe name (``"batch-size"``) or its param name (``"batchSize"``)."""
        return self._set_params({self._java_obj.recipeParam(key).name(): value})

    def setRecipe(self, value):
        return self._set(recipe=value)

    def setLayers(self, *sizes):
        return self._set(layers=list(sizes[0]) if len(sizes) == 1 and not isinstance(sizes[0], int) else list(sizes))

    def setEpochs(self, value):
        return self._set(epochs=value)

    def setLr(self, value):
        return self._set(lr=value)

    def setSeed(self, value):
        return self._set(seed=value)

    def setNumWorkers(self, value):
        return self._set(numWorkers=value)

    def setWeightCol(self, value):
        """Each row's weight in the cost (a finite number, 0 or more), as MLlib's ``weightCol``."""
        return self._set(weightCol=value)


class _MlpModel(_JvmParams, JavaMLReadable, JavaMLWritable):
    """What both models add to MLlib's Python kinds (mixed in before them)."""

    def __init__(self, java_model=None):
        super().__init__(java_model)
        if java_model is not None:
            self._declare_jvm_params()
            self._transfer_params_from_java()

    def modelFileBytes(self):
        """The mlp4j model file inside (what ``mlp4j predict`` and ``org.mlp4j.Model`` read)."""
        return bytes(self._java_obj.modelFileBytes())


class MlpClassificationModel(_MlpModel, _JavaProbabilisticClassificationModel):
    """A trained mlp4j classifier: ``transform`` adds rawPrediction (the margins: the output layer's weighted
    inputs), probability and prediction (``thresholds`` apply as in MLlib); ``predictRaw`` and
    ``predictProbability`` score one vector."""


class MlpClassifier(_MlpEstimator, _JavaProbabilisticClassifier, HasWeightCol):
    """mlp4j's multilayer-perceptron classifier on Spark (``org.mlp4j.spark.MlpClassifier``).

    Every mlp4j recipe key is a param (``lr``, ``epochs``, ``layers``, ``batchSize``, …), besides the
    columns and ``recipe``, ``numWorkers``, ``roundsPerEpoch``, ``lrScaling``, ``threadsPerWorker`` and
    ``inputScaling``: ``MlpClassifier(recipe="fast-98", numWorkers=4)``.
    """

    _java_class = "org.mlp4j.spark.MlpClassifier"

    def _create_model(self, java_model):
        return MlpClassificationModel(java_model)


class MlpRegressionModel(_MlpModel, _JavaRegressionModel):
    """A trained mlp4j regression: ``transform`` adds the prediction, in the label's units."""


class MlpRegressor(_MlpEstimator, _JavaRegressor, HasWeightCol):
    """mlp4j's multilayer-perceptron regressor on Spark (``org.mlp4j.spark.MlpRegressor``), which MLlib
    does not have: the label column is the target, any finite number."""

    _java_class = "org.mlp4j.spark.MlpRegressor"

    def _create_model(self, java_model):
        return MlpRegressionModel(java_model)
