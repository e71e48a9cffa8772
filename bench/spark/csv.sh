#!/usr/bin/env bash
# A CSV file read by Spark's executors against the same file read by the driver: MNIST written as CSV (60,000
# rows of 784 pixels and a digit, 110 MB; the 10,000 test rows beside it), spark-train on local[2] with the
# tabular recipe at lr 0.001 for EPOCHS epochs (default 3), each way RUNS times (default 2), alternating. (At the
# recipe's lr 0.01 every way, train too, stops as diverged in epoch 1: standardised, a pixel that is rarely
# inked becomes a feature of hundreds.) Prints each run's
# wall time (Spark's start, reading, training, testing) and its result line. (train_seconds differ in scope: the
# executors' count their reading, as a Parquet run counts its input check; the driver's read comes before.)
#   [EPOCHS=3] [RUNS=2] bench/spark/csv.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mlp4j fetch mnist >/dev/null
./mlp4j spark-train --help >/dev/null   # builds mlp4j and fetches Spark's jars once
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" "${MLP4J_DATA:-$HOME/.cache/mlp4j/mnist}" <<'PY'
import gzip, os, struct, sys
out, src = sys.argv[1], sys.argv[2]
def read(name):
    for n in (name, name + ".gz"):
        p = os.path.join(src, n)
        if os.path.exists(p):
            return (gzip.open if n.endswith(".gz") else open)(p, "rb").read()
    sys.exit("no " + name + " in " + src)
for split, images, labels in (("train", "train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
                              ("test", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")):
    x, y = read(images), read(labels)
    n, rows, cols = struct.unpack(">III", x[4:16])
    p = rows * cols
    with open(os.path.join(out, split + ".csv"), "w") as f:
        f.write(",".join("p%d" % i for i in range(p)) + ",digit\n")
        for i in range(n):
            f.write(",".join(map(str, x[16 + i * p:16 + (i + 1) * p])) + ",%d\n" % y[8 + i])
PY
ls -l "$work"/*.csv | awk '{print $5, $9}'
run() {
  local how="$1" data="$2" test="$3"
  local t0 t1 out
  t0=$(date +%s.%N)
  out="$(./mlp4j spark-train --master 'local[2]' --dataset csv --data "$data" --test-data "$test" --label digit \
    --lr 0.001 --epochs "${EPOCHS:-3}" --runs "$work/runs" 2>&1)" || true   # a refusal is a result too
  t1=$(date +%s.%N)
  local result
  result="$(echo "$out" | grep '^result ' || echo "$out" | tail -n 1)"
  printf '%s wall=%.1f s %s\n' "$how" "$(echo "$t1 - $t0" | bc)" "$result"
}
for i in $(seq "${RUNS:-2}"); do
  run executors "file://$work/train.csv" "file://$work/test.csv"
  run driver "$work/train.csv" "$work/test.csv"
done
