#!/usr/bin/env bash
# Recipe candidates on MNIST, one run at a time: `mlp4j train --recipe FILE --seed S` for each seed, and the
# result line's test accuracy and training seconds. How the recipes in recipes/ were chosen
# (docs/recipes.md#how-the-recipes-were-chosen); run it with nothing else on the machine.
#   bench/recipes/search.sh "0 1 2" recipe.json [recipe.json ...]     (a recipe: a file, or a name)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seeds="$1"
shift
"$root/mlp4j" fetch mnist >/dev/null 2>&1
"$root/mlp4j" --version >/dev/null   # builds first when the sources changed
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%s\t%s\t%s\t%s\n' recipe seed test_accuracy train_seconds
for recipe in "$@"; do
  for seed in $seeds; do
    line="$("$root/mlp4j" train --recipe "$recipe" --seed "$seed" --runs "$tmp/runs" 2>&1 | grep '^result ' || true)"
    acc="$(sed -n 's/.*test_accuracy=\([0-9.]*\).*/\1/p' <<<"$line")"
    secs="$(sed -n 's/.*train_seconds=\([0-9.]*\).*/\1/p' <<<"$line")"
    printf '%s\t%s\t%s\t%s\n' "$(basename "$recipe")" "$seed" "${acc:-failed}" "${secs:-}"
  done
done
