#!/usr/bin/env bash
# The distribution as a user gets it: unpacks mlp4j-cli/target/mlp4j-VERSION.tar.gz (and checks the .zip
# holds the same files) into an empty folder, then, with a PATH that has no Maven on it, runs
# bin/mlp4j train --recipe fast-98 --save, predict on a PNG, and serve (its API answered over HTTP).
# Run after 'mvn package' (or install). MNIST comes from the cache the tests filled, or is fetched as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
tgz="$(ls mlp4j-cli/target/mlp4j-*.tar.gz 2>/dev/null | head -n 1)"
zip="${tgz%.tar.gz}.zip"
if [ -z "$tgz" ] || [ ! -f "$zip" ]; then
  echo "distribution: no mlp4j-cli/target/mlp4j-*.tar.gz and .zip; run 'mvn package' first" >&2
  exit 1
fi
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "distribution: $*" >&2; exit 1; }

mkdir "$work/tgz" "$work/zip"
tar -xzf "$tgz" -C "$work/tgz"
(cd "$work/zip" && unzip -q "$OLDPWD/$zip")
diff <(cd "$work/tgz" && find . -type f | sort) <(cd "$work/zip" && find . -type f | sort) >&2 \
  || fail "the .zip and the .tar.gz hold different files"
home="$(echo "$work"/tgz/mlp4j-*)"
for f in bin/mlp4j LICENSE NOTICE README.md lib/mlp4j-core-*.jar lib/mlp4j-cli-*.jar; do
  compgen -G "$home/$f" >/dev/null || fail "$f is missing from $(basename "$tgz")"
done
[ -x "$home/bin/mlp4j" ] || fail "bin/mlp4j is not executable"

# A PATH without Maven: every command of the current PATH but mvn, linked into one folder.
shim="$work/path"
mkdir "$shim"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  for f in "$d"/*; do
    name="$(basename "$f")"
    case "$name" in mvn | mvnDebug | mvnyjp) continue ;; esac
    [ -x "$f" ] && [ ! -e "$shim/$name" ] && ln -s "$f" "$shim/$name"
  done
done
export PATH="$shim"
! command -v mvn >/dev/null || fail "mvn is still on the PATH"

cd "$work"
out="$("$home/bin/mlp4j" train --recipe fast-98 --save model.safetensors --runs "$work/runs")" \
  || fail "train --recipe fast-98 failed"
echo "$out" | tail -n 2
acc="$(echo "$out" | sed -n 's/^result test_accuracy=\([0-9.]*\).*/\1/p')"
[ -n "$acc" ] || fail "train printed no result line"
awk -v a="$acc" 'BEGIN { exit !(a >= 0.97) }' || fail "fast-98 reached only $acc"

pred="$("$home/bin/mlp4j" predict model.safetensors "$OLDPWD/docs/examples/digit-7.png" --format csv)" \
  || fail "predict failed"
echo "$pred" | head -n 2
echo "$pred" | tail -n 1 | grep -q ',7,' || fail "predict did not call docs/examples/digit-7.png a 7: $pred"

"$home/bin/mlp4j" serve --model model.safetensors --port 0 >serve.log 2>&1 &
server=$!
url=""
for _ in $(seq 100); do
  url="$(sed -n 's/^serving .* on \(http[^ ]*\).*/\1/p' serve.log)"
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { cat serve.log >&2; fail "serve did not start"; }
url="${url%/}"
curl -sf "$url/api/model" | grep -q '"layers"' || fail "GET $url/api/model did not answer the model"
answer="$(curl -sf -H 'Content-Type: image/png' --data-binary "@$OLDPWD/docs/examples/digit-7.png" "$url/api/predict")" \
  || fail "POST $url/api/predict failed"
echo "$answer" | grep -q '"class": 7' || fail "serve did not call the digit a 7: $answer"
kill "$server"
wait "$server" 2>/dev/null || true
server=""
echo "distribution: $(basename "$tgz") (and .zip) ran train --recipe fast-98 ($acc), predict and serve without Maven"
