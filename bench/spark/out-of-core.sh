#!/usr/bin/env bash
# Shards larger than the storage memory, side by side in one run (local[2], the MNIST Parquet files of
# bench/spark/run.sh, fast-98 with 784-128-10), alternated ROUNDS times (default 3):
#   heap      the default settings: the shards fit in Spark's storage memory
#   spilled   spark.memory.fraction 0.005 with spark.mlp4j.shardStorage=memory: Spark spills the shards and
#             every round reads and deserialises them again (what every build before DiskRows did)
#   mapped    spark.memory.fraction 0.005 with the default shardStorage (auto): the shards go to local
#             files read through memory maps
# prints every result line and the mean round's terms.
#   bench/spark/out-of-core.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-${TMPDIR:-/tmp}/mlp4j-spark-bench}"
rounds="${ROUNDS:-3}"
./mlp4j spark-train --help >/dev/null   # builds mlp4j and fetches Spark's jars once
if [ ! -d "$data/train.parquet" ]; then
  mkdir -p "$data"
  cp="$(cat mlp4j-spark/target/spark.classpath)"
  read -r -a opts < mlp4j-spark/target/spark.jvm-options
  java "${opts[@]}" --add-modules jdk.incubator.vector -Xmx4g -cp "$PWD/mlp4j-cli/target/mlp4j.jar:$cp" \
    org.mlp4j.cli.bench.SparkBench parquet 'local[2]' "$data"
fi
declare -A settings=(
  [heap]=""
  [spilled]="-Dspark.memory.fraction=0.005 -Dspark.mlp4j.shardStorage=memory"
  [mapped]="-Dspark.memory.fraction=0.005"
)
for r in $(seq "$rounds"); do
  for name in heap spilled mapped; do
    MLP4J_JAVA_OPTS="-Xmx4g ${settings[$name]}" ./mlp4j spark-train --master 'local[2]' --recipe fast-98 \
      --layers 784,128,10 --data "$data/train.parquet" --test-data "$data/test.parquet" --features features \
      --label label 2>&1 | sed -n "s/^result /$name round $r: /p; s/^mlp4j: \(a round .*\)/$name round $r: \1/p"
  done
done
