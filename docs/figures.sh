#!/usr/bin/env bash
# Regenerates the learners' figures in docs/ (about a minute on 2 cores):
#   docs/landscape.png, docs/landscape.svg  batch gradient descent against minibatch SGD on a real cost surface
#   docs/saturation.png                     the sigmoid against ReLU, and saturation in the article's network
set -euo pipefail
cd "$(dirname "$0")/.."
./mlp4j landscape --out docs/landscape.png
./mlp4j saturation --out docs/saturation.png
