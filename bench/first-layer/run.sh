#!/usr/bin/env bash
# Issue 25's first-layer measurement (FirstLayer.java): mlp4j's forward kernel for MNIST's first layer
# against a per-image sparse kernel at each alignment of W. Builds mlp4j when needed, fetches MNIST.
#   bench/first-layer/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mnist="$("$root/mlp4j" fetch mnist 2>/dev/null | sed -n 's/^verified \(.*\)\/train-images-idx3-ubyte$/\1/p')"
[ -n "$mnist" ] || { echo "could not fetch MNIST" >&2; exit 1; }
classes="$root/mlp4j-core/target/classes"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
javac --add-modules jdk.incubator.vector -nowarn -cp "$classes" -d "$out" "$here/FirstLayer.java" 2>/dev/null
java -XX:ObjectAlignmentInBytes=64 --add-modules jdk.incubator.vector -cp "$out:$classes" FirstLayer "$mnist" \
  2>/dev/null
