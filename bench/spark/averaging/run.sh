#!/usr/bin/env bash
# The driver's averaging, before and after (AveragingBench.java), on the machine's processors.
#   bench/spark/averaging/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
(cd "$root" && mvn -B -q -o compile -pl mlp4j-core,mlp4j-spark -Dspotless.check.skip=true >/dev/null)
classes="$root/mlp4j-spark/target/classes:$root/mlp4j-core/target/classes"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac -nowarn -cp "$classes" -d "$out" "$here/AveragingBench.java"
java -Xmx3g -cp "$out:$classes" org.mlp4j.spark.AveragingBench
