#!/usr/bin/env bash
# Runs, in one invocation on this machine, mlp4j and its peers on the same job, the article's algorithm
# on 784-512-10 (sigmoid, quadratic cost, batch 128, every minibatch updating), and prints one table of
# seconds per epoch with ratios against mlp4j; then the dense product (128x784)(784x512) in GFLOPS.
#   bench/peers/run.sh [EPOCHS] [THREADS]
# Peers: NumPy float32 (vectorised) and PyTorch CPU, both from Debian's packages for /usr/bin/python3,
# with Debian's OpenBLAS (installed here when missing: without libopenblas0 Debian's NumPy falls back to
# the reference BLAS, about 30 times slower, which would flatter mlp4j).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
epochs="${1:-5}"
threads="${2:-2}"
py=/usr/bin/python3

if ! "$py" -c "import numpy, torch" 2>/dev/null || ! ls /usr/lib/x86_64-linux-gnu/libopenblas.so.0 >/dev/null 2>&1; then
  echo "installing Debian's python3-numpy, python3-torch and libopenblas0-pthread..." >&2
  apt-get update -q >&2 && apt-get install -y -q python3-numpy python3-torch libopenblas0-pthread >&2
fi

mnist="$("$root/mlp4j" fetch mnist 2>/dev/null | sed -n 's/^verified \(.*\)\/train-images-idx3-ubyte$/\1/p')"
[ -n "$mnist" ] || { echo "could not fetch MNIST" >&2; exit 1; }

value() { sed -n "s/^$1=//p"; }

echo "running mlp4j (skipping zeros)..." >&2
mlp4j=$("$root/mlp4j" bench --epochs "$epochs" --threads "$threads" 2>/dev/null | value median_epoch_seconds)
echo "running mlp4j --dense..." >&2
mlp4j_dense=$("$root/mlp4j" bench --dense --epochs "$epochs" --threads "$threads" 2>/dev/null | value median_epoch_seconds)
echo "running NumPy..." >&2
numpy_out=$(cd "$here" && OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" "$py" numpy_mlp.py "$mnist" "$epochs")
numpy=$(echo "$numpy_out" | value numpy_epoch_seconds)
numpy_gemm=$(echo "$numpy_out" | value numpy_gemm_gflops)
echo "running PyTorch..." >&2
torch=$(cd "$here" && OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" \
  "$py" torch_mlp.py "$mnist" "$epochs" "$threads" 2>/dev/null | value torch_epoch_seconds)
echo "running the JMH dense product..." >&2
jmh_txt=$(mktemp)
java --add-modules jdk.incubator.vector -jar "$root/mlp4j-bench/target/benchmarks.jar" 'KernelBenchmark.denseForward' \
  -p kernels=vector -p threads="$threads" -wi 3 -i 5 -rf text -rff "$jmh_txt" >/dev/null 2>&1
mlp4j_us=$(awk '/denseForward/ {print $(NF-3)}' "$jmh_txt")
rm -f "$jmh_txt"
mlp4j_gemm=$(awk -v us="$mlp4j_us" 'BEGIN {printf "%.1f", 2*128*784*512/(us*1e3)}')

echo
echo "$(date -u +%F), $threads threads, $epochs timed epochs each (median)"
printf '%-34s %10s %14s\n' "implementation" "s/epoch" "vs mlp4j"
for row in "mlp4j (zeros skipped):$mlp4j" "mlp4j --dense:$mlp4j_dense" "NumPy float32:$numpy" "PyTorch CPU:$torch"; do
  name="${row%%:*}"; t="${row##*:}"
  printf '%-34s %10s %13sx\n' "$name" "$t" "$(awk -v a="$t" -v b="$mlp4j" 'BEGIN {printf "%.2f", a/b}')"
done
echo
printf '%-34s %10s\n' "dense (128x784)(784x512)" "GFLOPS"
printf '%-34s %10s\n' "mlp4j (JMH, vector kernels)" "$mlp4j_gemm"
printf '%-34s %10s\n' "NumPy / OpenBLAS" "$numpy_gemm"
printf '%-34s %10s\n' "mlp4j / OpenBLAS" "$(awk -v a="$mlp4j_gemm" -v b="$numpy_gemm" 'BEGIN {printf "%.2f", a/b}')"
