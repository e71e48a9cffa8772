#!/usr/bin/env bash
# Times `mlp4j bench ARGS` with several builds of mlp4j, alternating them ROUNDS times in one invocation
# (these VMs swing between minutes: only figures from the same run compare), and prints each build's
# median seconds per epoch with the values of every round.
#   bench/compare-builds.sh ROUNDS "BENCH ARGS" NAME=JAR [NAME=JAR ...]
# e.g. bench/compare-builds.sh 3 "--epochs 3 --threads 1" before=/tmp/old.jar after=mlp4j-cli/target/mlp4j.jar
set -euo pipefail
rounds="$1"; args="$2"; shift 2
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for r in $(seq "$rounds"); do
  for build in "$@"; do
    name="${build%%=*}"; jar="${build#*=}"
    # shellcheck disable=SC2086
    java --add-modules jdk.incubator.vector -XX:+UseParallelGC -jar "$jar" bench $args 2>/dev/null \
      | sed -n 's/^median_epoch_seconds=//p' >>"$out/$name"
  done
done
echo "$(date -u +%F) bench $args, $rounds alternating rounds"
for build in "$@"; do
  name="${build%%=*}"
  printf '%-12s median %s s/epoch   rounds: %s\n' "$name" \
    "$(sort -g "$out/$name" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')" \
    "$(tr '\n' ' ' <"$out/$name")"
done
