#!/usr/bin/env bash
# Makes a venv with the real pyspark from PyPI, the numpy its ML package imports, pytest, and the setuptools
# that builds the wheel (build-wheel.sh), for python/run-tests.sh:
#   python/setup-venv.sh       python/.venv:     pyspark 4.2.0, the Spark mlp4j-spark is built against
#   python/setup-venv.sh 3.5   python/.venv-3.5: pyspark 3.5.9, for mlp4j-spark-3.5_2.12 (PyPI's pyspark 3.5
#                              carries Spark's Scala 2.12 build); numpy 1.x, as Spark 3.5 predates numpy 2
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-4}" in
  4) venv=.venv; pins=("pyspark==4.2.0" "numpy==2.2.6") ;;
  3.5) venv=.venv-3.5; pins=("pyspark==3.5.9" "numpy==1.26.4") ;;
  *) echo "python/setup-venv.sh: expected no argument (pyspark 4) or 3.5, found '$1'" >&2; exit 2 ;;
esac
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "${pins[@]}" "pytest==8.3.5" "setuptools==80.9.0"
