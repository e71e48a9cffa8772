#!/usr/bin/env bash
# Side by side on Spark, in one run: Spark MLlib's MultilayerPerceptronClassifier (784-128-10, l-bfgs,
# 100 iterations, on netlib's native BLAS, OpenBLAS, when it is installed: it prints which it ran) and
# mlp4j-spark (fast-98 with MLPC's 784-128-10 and with its own 784-384-10; also the default recipe with
# BENCH_DEFAULT=1) on the same MNIST Parquet files (pixels / 255), local[2]; then mlp4j-spark on a 2-executor
# standalone cluster
# (a Master and a Worker started here on loopback, executors in JVMs of their own, 1 GiB heaps), and
# single-machine mlp4j for reference. Alternates the runs ROUNDS times (default 2) and prints every
# result line; docs/spark.md keeps the medians.
#   bench/spark/run.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-${TMPDIR:-/tmp}/mlp4j-spark-bench}"
rounds="${ROUNDS:-2}"
mkdir -p "$data"

./mlp4j spark-train --help >/dev/null   # builds mlp4j and fetches Spark's jars once
cp="$(cat mlp4j-spark/target/spark.classpath)"
read -r -a opts < mlp4j-spark/target/spark.jvm-options
jar="$PWD/mlp4j-cli/target/mlp4j.jar"
jvm=("${opts[@]}" --add-modules jdk.incubator.vector -Xmx4g -Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider
  -Dslf4j.internal.verbosity=WARN "-Dlog4j2.configurationFile=$PWD/mlp4j-spark/src/main/resources/mlp4j-spark-log4j2.properties"
  -cp "$jar:$cp")
sparkjava() { java "${jvm[@]}" "$@"; }

[ -d "$data/train.parquet" ] || sparkjava org.mlp4j.cli.bench.SparkBench parquet 'local[2]' "$data"

# a standalone cluster: SPARK_HOME/jars holds the runtime jars (and mlp4j's) the executors start with
home="$data/spark-home"
mkdir -p "$home/jars"
for j in $(echo "$cp" | tr ':' ' ') "$jar"; do ln -sf "$j" "$home/jars/"; done
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
port=$((20000 + RANDOM % 20000))
java "${jvm[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
  >"$data/master.log" 2>&1 &
master_pid=$!
sleep 5
java "${jvm[@]}" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" --host 127.0.0.1 --cores 2 \
  --memory 3g --work-dir "$data/work" --webui-port 0 >"$data/worker.log" 2>&1 &
worker_pid=$!
# the Worker's own children are its executors: only they, the Worker and the Master are stopped
trap 'pkill -P $worker_pid 2>/dev/null || true; kill $worker_pid $master_pid 2>/dev/null || true' EXIT
sleep 5

parquet=(--data "$data/train.parquet" --test-data "$data/test.parquet" --features features --label label)
for r in $(seq "$rounds"); do
  echo "== round $r"
  # MLlib's fastest BLAS here: netlib's native one on Debian's OpenBLAS (libopenblas0), with the machine's
  # OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset in this command only (they hold OpenBLAS to older kernels)
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE java "${jvm[@]}" org.mlp4j.cli.bench.SparkBench mlpc 'local[2]' \
    "$data" 784,128,10 100 | grep '^mllib'
  ./mlp4j spark-train --master 'local[2]' --recipe fast-98 --layers 784,128,10 "${parquet[@]}" \
    | sed -n 's/^result /mlp4j-spark local[2] fast-98 784-128-10 parquet: /p'
  ./mlp4j spark-train --master 'local[2]' --recipe fast-98 "${parquet[@]}" | sed -n 's/^result /mlp4j-spark local[2] fast-98 parquet: /p'
  ./mlp4j spark-train --master 'local[2]' --recipe fast-98 \
    | sed -n 's/^result /mlp4j-spark local[2] fast-98 mnist: /p'
  ./mlp4j spark-train --master 'local[2]' --recipe fast-98 --rounds-per-epoch 4 \
    | sed -n 's/^result /mlp4j-spark local[2] fast-98 mnist (4 rounds per epoch): /p'
  MLP4J_JAVA_OPTS="-Dspark.executor.memory=1g -Dspark.executor.cores=1" \
    ./mlp4j spark-train --master "spark://127.0.0.1:$port" --recipe fast-98 \
    | sed -n 's/^result /mlp4j-spark standalone 2 executors fast-98 mnist: /p'
  ./mlp4j train --recipe fast-98 | sed -n 's/^result /mlp4j one machine fast-98: /p'
  # Spark's own latency per job, with nothing of mlp4j's in it: the floor of a round's overhead
  sparkjava org.mlp4j.cli.bench.SparkBench latency 'local[2]' "$data" | grep '^spark-job'
  sparkjava -Dspark.executor.memory=1g -Dspark.executor.cores=1 -Dspark.scheduler.minRegisteredResourcesRatio=1.0 \
    org.mlp4j.cli.bench.SparkBench latency \
    "spark://127.0.0.1:$port" "$data" | grep '^spark-job'
  if [ -n "${BENCH_DEFAULT:-}" ]; then
    ./mlp4j spark-train --master 'local[2]' | sed -n 's/^result /mlp4j-spark local[2] default: /p'
  fi
done
