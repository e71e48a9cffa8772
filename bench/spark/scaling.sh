#!/usr/bin/env bash
# The scaling model's terms, measured: fast-98 (one epoch, MNIST read by mlp4j) on local[2] with N workers,
# N = 1 2 4 8 16 32 64 by default, ROUNDS times alternated; prints each run's rounds and its mean round split
# into the slowest worker's training (and its ratio to the mean worker's), Spark's fixed cost and the
# driver's averaging (RoundCosts, as spark-train reports it). docs/spark.md fits the model to these lines.
#   [ROUNDS=2] bench/spark/scaling.sh [WORKERS...]
set -uo pipefail
cd "$(dirname "$0")/../.."
./mlp4j spark-train --help >/dev/null || exit 1   # builds mlp4j and fetches Spark's jars once
workers=("$@")
[ ${#workers[@]} -eq 0 ] && workers=(1 2 4 8 16 32 64)
for r in $(seq "${ROUNDS:-2}"); do
  for n in "${workers[@]}"; do
    out="$(./mlp4j spark-train --master 'local[2]' --recipe fast-98 --epochs 1 --workers "$n" \
      --runs "${TMPDIR:-/tmp}/mlp4j-scaling" 2>&1)"
    status=$?
    rounds="$(echo "$out" | sed -n 's/^mlp4j: \([0-9]* workers, [0-9]* rounds\).*/\1/p')"
    costs="$(echo "$out" | sed -n 's/^mlp4j: \(a round .*\)/\1/p')"
    result="$(echo "$out" | sed -n 's/^result \(test_accuracy=[0-9.]*\).*/\1/p')"
    echo "round=$r workers=$n exit=$status $rounds; $costs; $result"
  done
done
