#!/usr/bin/env bash
# Issue 25, item 3: the whole `mlp4j train --recipe fast-98` command (JVM start to exit, data in the cache)
# under the JDK's own start-up aids, timed by hyperfine, the configurations alternated ROUNDS times (2 runs
# each per round), medians of the per-round means:
#   JDK 17 as the launcher runs it; JDK 17 with an AppCDS archive of the classes a first run loaded
#   (-XX:ArchiveClassesAtExit, then -XX:SharedArchiveFile); and, when a JDK 25 is present (JDK25_HOME, else
#   the first /usr/lib/jvm/*25*), JDK 25 alone and with an AOT cache recorded by a first run
#   (-XX:AOTCacheOutput, then -XX:AOTCache: classes loaded and linked ahead, and method profiles, JEP 483/515).
# Then C2's timeline in one run (-XX:+PrintCompilation): when the kernels reach C2, against epoch 1's end.
#   bench/warmup.sh [ROUNDS]     (default 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
rounds="${1:-3}"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
"$root/mlp4j" fetch mnist >/dev/null 2>&1
"$root/mlp4j" --version >/dev/null   # builds first when the sources changed
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
train="$root/mlp4j train --recipe fast-98 --runs $tmp/runs"
jdk25="${JDK25_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}"

MLP4J_JAVA_OPTS="-XX:ArchiveClassesAtExit=$tmp/app.jsa" $train >/dev/null 2>&1
names=("JDK 17" "JDK 17 + AppCDS archive")
cmds=("$train" "env MLP4J_JAVA_OPTS=-XX:SharedArchiveFile=$tmp/app.jsa $train")
if [ -n "$jdk25" ]; then
  JAVA_HOME="$jdk25" MLP4J_JAVA_OPTS="-XX:AOTCacheOutput=$tmp/app.aot" $train >/dev/null 2>&1
  names+=("JDK 25 ($(basename "$jdk25"))" "JDK 25 + AOT cache")
  cmds+=("env JAVA_HOME=$jdk25 $train" "env JAVA_HOME=$jdk25 MLP4J_JAVA_OPTS=-XX:AOTCache=$tmp/app.aot $train")
fi
for r in $(seq "$rounds"); do
  for i in "${!cmds[@]}"; do
    echo "round $r of $rounds: ${names[$i]}..." >&2
    hyperfine -N -w 0 -r 2 --export-json "$tmp/h.json" "${cmds[$i]}" >/dev/null 2>&1
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$tmp/h.json" >>"$tmp/t$i"
  done
done
median() { sort -g "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "$(date -u +%F) $(date -u +%H:%M) UTC, fast-98 whole command, $rounds alternating rounds of 2 runs (median, rounds)"
for i in "${!cmds[@]}"; do
  printf '%-32s %7.3f s   %s\n' "${names[$i]}" "$(median "$tmp/t$i")" "$(sort -g "$tmp/t$i" | xargs printf '%.3f ')"
done
echo
echo "C2 timeline of one JDK 17 run (milliseconds from JVM start):"
MLP4J_JAVA_OPTS="-XX:+PrintCompilation" $train 2>&1 \
  | grep -E '^ *[0-9]+ +[0-9]+ +%? +4 +org\.mlp4j\.kernels\.(VectorBlocks::block4x4|VectorKernels::(affineRows|rankUpdateRows|dotRows)) |^Epoch|^result' \
  | sed -E 's/^ *([0-9]+) +[0-9]+ +(%?) +4 +org\.mlp4j\.math\.([A-Za-z:0-9]+).*/  \1 ms: \3 compiled by C2\2/'
