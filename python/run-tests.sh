#!/usr/bin/env bash
# Runs the PySpark package's tests against the real pyspark, either
#   python/run-tests.sh JAR...               the package from this source tree, the JVM classes from the jars
#   python/run-tests.sh --wheel CLUSTER_JAR  the wheel built with the cluster jar inside (build-wheel.sh),
#                                            installed apart from the source tree: what `pip install` gives
# The Python is $MLP4J_PYTHON, else python/${MLP4J_VENV:-.venv}/bin/python (.ci/run makes the venvs with
# pyspark and pytest from PyPI: python/setup-venv.sh; .venv-3.5 has pyspark 3.5, for the 3.5 jar). Without
# such a Python the tests are skipped, and this says so.
set -euo pipefail
# the jars' paths as given, from where this was called
args=()
for a in "$@"; do
  if [ "$a" = "--wheel" ]; then args+=("$a"); else args+=("$(realpath -m "$a")"); fi
done
set -- ${args[@]+"${args[@]}"}
cd "$(dirname "$0")"
python="${MLP4J_PYTHON:-$PWD/${MLP4J_VENV:-.venv}/bin/python}"
if [ ! -x "$python" ] || ! "$python" -c 'import pyspark, pytest' 2>/dev/null; then
  echo "PySpark package tests skipped: no Python with pyspark and pytest at $python (python/setup-venv.sh makes one)"
  exit 0
fi
wheel=false
if [ "${1:-}" = "--wheel" ]; then
  wheel=true
  shift
  [ "$#" -eq 1 ] || { echo "python/run-tests.sh: --wheel takes one cluster jar, found $# arguments" >&2; exit 2; }
fi
for jar in "$@"; do
  [ -f "$jar" ] || { echo "python/run-tests.sh: expected a jar at $jar, found none" >&2; exit 2; }
done
# Spark's Python workers run the tests' Python too (pyspark 3.5 would start the system's python3), and the
# venv's pyspark runs its own Spark, whatever SPARK_HOME says (bench/spark/run.sh sets one)
export PYSPARK_PYTHON="$python"
unset SPARK_HOME
echo "PySpark package tests: $("$python" -c 'import pyspark; print("pyspark", pyspark.__version__)')"
if ! $wheel; then
  MLP4J_JARS="$(IFS=:; echo "$*")" PYTHONPATH="$PWD" exec "$python" -m pytest -q -p no:cacheprovider tests
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
MLP4J_PYTHON="$python" ./build-wheel.sh "$work/dist" "$1"
"$python" -m pip install -q --disable-pip-version-check --no-deps --target "$work/site" "$work"/dist/*.whl
# the tests run from a copy, so nothing of the source tree is on the path: the installed wheel answers,
# with the jar it carries (MLP4J_INSTALLED tells the tests to check that)
cp -r tests "$work/tests"
cd "$work"
MLP4J_INSTALLED="$work/site" PYTHONPATH="$work/site" exec "$python" -m pytest -q -p no:cacheprovider tests
