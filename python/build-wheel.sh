#!/usr/bin/env bash
# Builds the PySpark package's wheel with the cluster jar inside: python/build-wheel.sh CLUSTER_JAR OUT_DIR
# (the jar is mlp4j-spark/target/mlp4j-spark-VERSION-cluster.jar, which `mvn package` makes). The wheel is
# OUT_DIR/mlp4j_spark-*.whl; `mlp4j.spark.jars()` names the jar it carries, for spark.jars.
set -euo pipefail
[ "$#" -eq 2 ] || { echo "usage: python/build-wheel.sh CLUSTER_JAR OUT_DIR" >&2; exit 2; }
jar="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -f "$jar" ] || { echo "python/build-wheel.sh: expected the cluster jar at $1, found none" >&2; exit 2; }
mkdir -p "$2"
out="$(cd "$2" && pwd)"
python="${MLP4J_PYTHON:-python3}"
src="$(cd "$(dirname "$0")" && pwd)"
# built from a copy: the source tree never holds a jar, and setuptools' build folders stay out of it
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$src/pyproject.toml" "$src/README.md" "$src/mlp4j" "$src/org" "$work/"
mkdir -p "$work/mlp4j/jars"
cp "$jar" "$work/mlp4j/jars/mlp4j-spark-cluster.jar"
"$python" -m pip wheel -q --disable-pip-version-check --no-deps --no-build-isolation -w "$out" "$work"
echo "built $(ls "$out"/*.whl) with $(basename "$jar")"
