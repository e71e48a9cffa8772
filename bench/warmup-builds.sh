#!/usr/bin/env bash
# Issue 25, item 3: the whole `mlp4j train --recipe fast-98` command (JVM start to exit, data in the cache) with
# several builds of mlp4j, timed by hyperfine, the builds alternated ROUNDS times (2 runs each per round); prints
# each build's median of the per-round means, and the medians of the runs' own figures: seconds of training
# (the `result` line) and of the first epoch.
#   bench/warmup-builds.sh ROUNDS NAME=JAR [NAME=JAR ...]      (extra train flags in TRAIN_ARGS)
# e.g. bench/warmup-builds.sh 5 before=/tmp/before.jar after=mlp4j-cli/target/mlp4j.jar
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds="$1"; shift
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
"$root/mlp4j" fetch mnist >/dev/null 2>&1
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for r in $(seq "$rounds"); do
  for build in "$@"; do
    name="${build%%=*}"; jar="${build#*=}"
    echo "round $r of $rounds: $name..." >&2
    # shellcheck disable=SC2086
    hyperfine -N -w 0 -r 2 --show-output --export-json "$tmp/h.json" \
      "env MLP4J_JAR=$jar $root/mlp4j train --recipe fast-98 --runs $tmp/runs ${TRAIN_ARGS:-}" >"$tmp/out" 2>&1
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$tmp/h.json" >>"$tmp/$name.whole"
    sed -n 's/^result .*train_seconds=\([0-9.]*\).*/\1/p' "$tmp/out" >>"$tmp/$name.train"
    sed -n 's/^mlp4j: epoch 1\/[0-9]* *\([0-9.]*\) s.*/\1/p' "$tmp/out" >>"$tmp/$name.first"
  done
done
median() { sort -g "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "$(date -u +%F) $(date -u +%H:%M) UTC, fast-98 ${TRAIN_ARGS:-}, $rounds alternating rounds of 2 runs (medians)"
printf '%-10s %12s %12s %12s   %s\n' build "whole (s)" "training (s)" "epoch 1 (s)" "whole, each round"
for build in "$@"; do
  name="${build%%=*}"
  printf '%-10s %12.3f %12.2f %12.2f   %s\n' "$name" "$(median "$tmp/$name.whole")" "$(median "$tmp/$name.train")" \
    "$(median "$tmp/$name.first")" "$(sort -g "$tmp/$name.whole" | xargs printf '%.3f ')"
done
