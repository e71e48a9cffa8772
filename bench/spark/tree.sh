#!/usr/bin/env bash
# Issue 23, tree averaging: what a round costs when the executors sum groups of partitions first
# (spark.mlp4j.treeFanIn=k) against every state collected at the driver (=1, flat). fast-98 on MNIST, local[2],
# 8 workers (auto rule: 24 rounds); the fan-ins alternate ROUNDS times (default 3). Prints each run's result
# line (accuracy, train_seconds) and the medians. The bits are expected equal (TreeAveragingTest): the
# accuracies show it.
#   bench/spark/tree.sh [FAN_IN...]        (default: 1 2 8)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${ROUNDS:-3}"
fanins=("$@")
[ "${#fanins[@]}" -gt 0 ] || fanins=(1 2 8)
./mlp4j spark-train --help >/dev/null   # builds mlp4j and fetches Spark's jars once
declare -A times
for r in $(seq "$rounds"); do
  for k in "${fanins[@]}"; do
    line="$(MLP4J_JAVA_OPTS="-Dspark.mlp4j.treeFanIn=$k" ./mlp4j spark-train --master 'local[2]' --recipe fast-98 \
      --workers 8 2>/dev/null | grep '^result')"
    echo "round $r fan-in $k: $line"
    times[$k]+="$(sed -n 's/.*train_seconds=\([0-9.]*\).*/\1/p' <<<"$line") "
  done
done
for k in "${fanins[@]}"; do
  echo "fan-in $k: median train_seconds $(tr ' ' '\n' <<<"${times[$k]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
