#!/usr/bin/env bash
# Regenerates docs/report-screenshot.png and docs/serve-screenshot.png from a model trained with the default
# recipe, in Debian's headless Chromium (apt-get install chromium chromium-driver). About two minutes.
#   docs/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
./mlp4j train --save "$tmp/default.safetensors" --runs "$tmp/runs" --run-name default
./mlp4j report "$tmp/runs/default"
chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
  --window-size=1100,1500 --screenshot="$PWD/docs/report-screenshot.png" "file://$tmp/runs/default/report.html"
# The page with a digit drawn on it: the browser test draws it, with this model and this output file.
mvn -B -q -DskipTests install
mvn -B -q -pl mlp4j-cli surefire:test -Dtest='ServeTest#drawingOnThePageShowsAPrediction' \
  -Dmlp4j.screenshot.model="$tmp/default.safetensors" -Dmlp4j.screenshot="$PWD/docs/serve-screenshot.png"
echo "wrote docs/report-screenshot.png and docs/serve-screenshot.png"
