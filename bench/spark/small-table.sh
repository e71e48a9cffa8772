#!/usr/bin/env bash
# Issue 23, small tables on Spark: a 100-epoch fit of breast_cancer (scikit-learn's copy from Debian's
# python3-sklearn: 569 rows, 30 features, 2 classes; one stratified 80/20 split, seed 0, as bench/tabular
# writes it) on local[2]: mlp4j-spark with the table defaults (the tabular recipe: 30-64-2, Adam, 100 epochs,
# 2 workers, rounds per epoch auto) against MLlib's MultilayerPerceptronClassifier (the same 30-64-2, 100
# l-bfgs iterations, standardised features, label indexing; the pipeline's fit is timed). Alternated ROUNDS
# times (default 3); prints every result line, then the medians.
#   bench/spark/small-table.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${ROUNDS:-3}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 - "$dir" <<'PY'
import sys
sys.path.insert(0, "bench/tabular")
from run import write_csv  # noqa: E402
from sklearn.datasets import load_breast_cancer  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

d = load_breast_cancer()
names = [n.replace(" ", "_") for n in d.feature_names]
xtr, xte, ytr, yte = train_test_split(d.data, d.target, test_size=0.2, stratify=d.target, random_state=0)
write_csv(sys.argv[1] + "/train.csv", xtr, ytr, names, list(d.target_names))
write_csv(sys.argv[1] + "/test.csv", xte, yte, names, list(d.target_names))
PY

./mlp4j spark-train --help >/dev/null   # builds mlp4j and fetches Spark's jars once
cp="$(cat mlp4j-spark/target/spark.classpath)"
read -r -a opts < mlp4j-spark/target/spark.jvm-options
jvm=("${opts[@]}" --add-modules jdk.incubator.vector -Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider
  -Dslf4j.internal.verbosity=WARN "-Dlog4j2.configurationFile=$PWD/mlp4j-spark/src/main/resources/mlp4j-spark-log4j2.properties"
  -cp "$PWD/mlp4j-cli/target/mlp4j.jar:$cp")

for r in $(seq "$rounds"); do
  echo "round $r of $rounds..." >&2
  line="$(./mlp4j spark-train --master 'local[2]' --dataset csv --data "$dir/train.csv" --test-data "$dir/test.csv" \
    --workers 2 --seed 0 --runs "$dir/runs" 2>"$dir/err" | grep '^result')" || { cat "$dir/err" >&2; exit 1; }
  echo "mlp4j-spark $line" | tee -a "$dir/mlp4j"
  java "${jvm[@]}" org.mlp4j.cli.bench.SparkBench mlpc-csv 'local[2]' "$dir" 30,64,2 100 2>/dev/null \
    | grep '^mllib' | tee -a "$dir/mlpc"
done
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo
echo "$(date -u +%F) breast_cancer, 100 epochs, local[2], $rounds alternating rounds (medians)"
echo "mlp4j-spark  train_seconds $(sed -n 's/.*train_seconds=\([0-9.]*\).*/\1/p' "$dir/mlp4j" | median)" \
  "test_accuracy $(sed -n 's/.*test_accuracy=\([0-9.]*\).*/\1/p' "$dir/mlp4j" | median)"
echo "MLlib MLPC   fit_seconds $(sed -n 's/.*fit_seconds=\([0-9.]*\).*/\1/p' "$dir/mlpc" | median)" \
  "test_accuracy $(sed -n 's/.*test_accuracy=\([0-9.]*\).*/\1/p' "$dir/mlpc" | median)"
