#!/usr/bin/env bash
# spark-train on a CSV file given as a URI: Spark's executors read it where it lies (docs/spark.md, "A CSV file
# read by the executors"). The model it saves works with the other commands on the same file read locally,
# and a malformed file ends in one clear line and exit status 2, before training.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# three classes of Gaussian blobs in six columns (one with a mean of 100, one ten times wider), a header whose
# label is not the last column, 3,000 rows
python3 - "$work/blobs.csv" <<'PY'
import random, sys
random.seed(1)
with open(sys.argv[1], "w") as f:
    f.write("a,b,species,c,d,e,f\n")
    for i in range(3000):
        k = i % 3
        x = [random.gauss(2.0 if j % 3 == k else -0.5, 1.0) * (10 if j == 1 else 1) + (100 if j == 2 else 0)
             for j in range(6)]
        cells = ["%.4f" % v for v in x]
        cells.insert(2, ["setosa", "versicolor", "virginica"][k])
        f.write(",".join(cells) + "\n")
PY

out="$(./mlp4j spark-train --master 'local[2]' --dataset csv --data "file://$work/blobs.csv" --label species \
  --epochs 5 --save "$work/model.safetensors" --runs "$work/runs" 2>&1)"
echo "$out" | grep -E 'read by the executors|^result'
acc="$(echo "$out" | sed -n 's/^result test_accuracy=\([0-9.]*\).*/\1/p')"
awk -v a="$acc" 'BEGIN { exit !(a >= 0.95) }' || { echo "spark-train on a CSV URI: accuracy '$acc', expected 0.95 or more"; exit 1; }

# the model standardises its inputs and knows its columns by name: evaluate reads the same file on this machine
eval="$(./mlp4j evaluate "$work/model.safetensors" --data "$work/blobs.csv")"
echo "$eval" | head -n 2
echo "$eval" | grep -q '^accuracy 0\.9[5-9]' || { echo "evaluate on the executors' model: $eval"; exit 1; }

# a quoted line break cannot be split between machines: refused in one line, exit 2, no trace
printf 'x,note,label\n1,"two\nlines",a\n2,ok,b\n' > "$work/quoted.csv"
set +e
bad="$(./mlp4j spark-train --master 'local[2]' --dataset csv --data "file://$work/quoted.csv" --label label \
  --epochs 1 --runs "$work/runs" 2>&1)"
status=$?
set -e
[ "$status" -eq 2 ] || { echo "a quoted line break: exit $status, expected 2"; echo "$bad"; exit 1; }
echo "$bad" | grep -q 'quoted.csv, the part from byte 13: line 1: a quoted field runs past the end of its line' \
  || { echo "a quoted line break: unexpected message"; echo "$bad"; exit 1; }
if echo "$bad" | grep -qE '^\s+at [a-z]'; then echo "a quoted line break printed a stack trace"; echo "$bad"; exit 1; fi
echo "spark-train on a CSV URI: passed"
