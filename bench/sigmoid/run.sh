#!/usr/bin/env bash
# The hidden layer's sigmoid alone over one epoch of the article's network, one thread (round 0 is the JIT's).
#   bench/sigmoid/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$root/mlp4j" --version >/dev/null   # builds first when the sources changed
classes="$root/mlp4j-core/target/classes"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac --add-modules jdk.incubator.vector -nowarn -cp "$classes" -d "$out" "$here/SigmoidAlone.java" 2>/dev/null
java --add-modules jdk.incubator.vector -cp "$out:$classes" SigmoidAlone 2>/dev/null
