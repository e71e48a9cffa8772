#!/usr/bin/env bash
# Builds the PySpark package's wheel with cluster jars inside: python/build-wheel.sh OUT_DIR CLUSTER_JAR...
# The jars are what `mvn package` makes: mlp4j-spark/target/mlp4j-spark-VERSION-cluster.jar (Spark 4) and
# mlp4j-spark-3.5_2.12/target/mlp4j-spark-3.5_2.12-VERSION-cluster.jar (Spark 3.5, as PyPI's pyspark 3.5
# runs it); a release gives both. The wheel is OUT_DIR/mlp4j_spark-*.whl; `mlp4j.spark.jars()` names the jar
# it carries for the running pyspark, for spark.jars.
set -euo pipefail
[ "$#" -ge 2 ] || { echo "usage: python/build-wheel.sh OUT_DIR CLUSTER_JAR..." >&2; exit 2; }
mkdir -p "$1"
out="$(cd "$1" && pwd)"
shift
python="${MLP4J_PYTHON:-python3}"
src="$(cd "$(dirname "$0")" && pwd)"
# built from a copy: the source tree never holds a jar, and setuptools' build folders stay out of it
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$src/pyproject.toml" "$src/README.md" "$src/mlp4j" "$src/org" "$work/"
mkdir -p "$work/mlp4j/jars"
for jar in "$@"; do
  [ -f "$jar" ] || { echo "python/build-wheel.sh: expected a cluster jar at $jar, found none" >&2; exit 2; }
  # the name without the version: mlp4j-spark-cluster.jar, mlp4j-spark-3.5_2.12-cluster.jar
  name="$(basename "$jar" | sed -E 's/-[0-9][^-]*(-SNAPSHOT)?-cluster\.jar$/-cluster.jar/')"
  case "$name" in
    mlp4j-spark-cluster.jar|mlp4j-spark-3.5_2.12-cluster.jar) cp "$jar" "$work/mlp4j/jars/$name" ;;
    *) echo "python/build-wheel.sh: expected mlp4j-spark's or mlp4j-spark-3.5_2.12's cluster jar, found $(basename "$jar")" >&2; exit 2 ;;
  esac
done
"$python" -m pip wheel -q --disable-pip-version-check --no-deps --no-build-isolation -w "$out" "$work"
echo "built $(ls "$out"/*.whl) with $(ls "$work/mlp4j/jars" | tr '\n' ' ')"
