#!/usr/bin/env bash
# The learning-rate rule for N workers, measured: fast-98 on local[2] with 1, 2, 4, 8 and 16 workers under
# each rule (RULES, default: auto linear sqrt), one seed; prints one line per run with the test accuracy, or
# the divergence.
# Accuracy does not depend on the machine's load (the same bits for the same seed and workers); seconds do.
#   [RULES="auto"] [SEED=1] bench/spark/lr-rule.sh [WORKERS...]     (default: 1 2 4 8 16; seed: the recipe's)
set -uo pipefail
cd "$(dirname "$0")/../.."
./mlp4j spark-train --help >/dev/null || exit 1   # builds mlp4j and fetches Spark's jars once
workers=("$@")
[ ${#workers[@]} -eq 0 ] && workers=(1 2 4 8 16)
for rule in ${RULES:-auto linear sqrt}; do
  for n in "${workers[@]}"; do
    out="$(./mlp4j spark-train --master 'local[2]' --recipe fast-98 --workers "$n" --lr-scaling "$rule" ${SEED:+--seed "$SEED"} \
      --runs "${TMPDIR:-/tmp}/mlp4j-lr-rule" 2>&1)"
    status=$?
    result="$(echo "$out" | grep '^result ' || echo "$out" | grep 'error:' | tail -n 1)"
    echo "rule=$rule workers=$n seed=${SEED:-recipe} exit=$status $result"
  done
done
