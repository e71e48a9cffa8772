#!/usr/bin/env bash
# Runs the PySpark package's tests against the real pyspark: python/run-tests.sh JAR...
# The Python is $MLP4J_PYTHON, else python/.venv/bin/python (.ci/run makes that venv with pyspark and
# pytest from PyPI: python/setup-venv.sh); the jars are mlp4j-core's and mlp4j-spark's, which Spark's JVM
# loads. Without such a Python the tests are skipped, and this says so.
set -euo pipefail
cd "$(dirname "$0")"
python="${MLP4J_PYTHON:-$PWD/.venv/bin/python}"
if [ ! -x "$python" ] || ! "$python" -c 'import pyspark, pytest' 2>/dev/null; then
  echo "PySpark package tests skipped: no Python with pyspark and pytest at $python (python/setup-venv.sh makes one)"
  exit 0
fi
for jar in "$@"; do
  [ -f "$jar" ] || { echo "python/run-tests.sh: expected a jar at $jar, found none" >&2; exit 2; }
done
echo "PySpark package tests: $("$python" -c 'import pyspark; print("pyspark", pyspark.__version__)')"
MLP4J_JARS="$(IFS=:; echo "$*")" PYTHONPATH="$PWD" exec "$python" -m pytest -q -p no:cacheprovider tests
