#!/usr/bin/env bash
# Makes python/.venv: the real pyspark (the Spark version mlp4j-spark is built against), the numpy its ML
# package imports, pytest, and the setuptools that builds the wheel (build-wheel.sh), from PyPI, for
# python/run-tests.sh.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check "pyspark==4.2.0" "numpy==2.2.6" "pytest==8.3.5" "setuptools==80.9.0"
