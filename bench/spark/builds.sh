#!/usr/bin/env bash
# spark-train on the MNIST Parquet files of bench/spark/run.sh, with several builds of mlp4j, alternated
# ROUNDS times in one invocation (only figures from one run compare here); prints every result line, the
# build's name first, and the mean round's terms (builds that report them). The Parquet files must exist (bench/spark/run.sh writes them).
#   bench/spark/builds.sh ROUNDS "SPARK-TRAIN ARGS" NAME=JAR [NAME=JAR ...]
# e.g. bench/spark/builds.sh 3 "--recipe fast-98 --layers 784,128,10" before=/tmp/old/mlp4j.jar \
#        after=mlp4j-cli/target/mlp4j.jar
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="$1"; args="$2"; shift 2
data="${DATA_DIR:-${TMPDIR:-/tmp}/mlp4j-spark-bench}"
[ -d "$data/train.parquet" ] || { echo "bench/spark/builds.sh: expected $data/train.parquet (bench/spark/run.sh writes it), found none" >&2; exit 2; }
./mlp4j spark-train --help >/dev/null   # builds mlp4j and fetches Spark's jars once
SPARK_CLASSPATH="$(cat mlp4j-spark/target/spark.classpath)"
export SPARK_CLASSPATH
for r in $(seq "$rounds"); do
  for build in "$@"; do
    name="${build%%=*}"; jar="${build#*=}"
    # shellcheck disable=SC2086
    MLP4J_JAR="$jar" ./mlp4j spark-train --master 'local[2]' $args --data "$data/train.parquet" \
      --test-data "$data/test.parquet" --features features --label label 2>&1 \
      | sed -n "s/^result /$name round $r: /p; s/^mlp4j: \(a round .*\)/$name round $r: \1/p"
  done
done
