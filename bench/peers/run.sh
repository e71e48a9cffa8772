#!/usr/bin/env bash
# Runs, in one invocation on this machine, mlp4j and its peers on the same job, the article's algorithm
# on 784-512-10 (sigmoid, quadratic cost, batch 128, every minibatch updating), at 1 and at 2 threads,
# alternating the implementations ROUNDS times (these VMs swing a lot between minutes), and prints the
# median seconds per epoch of each, its range, and the ratio to mlp4j's median; then the dense product
# (128x784)(784x512) in GFLOPS.
#   bench/peers/run.sh [EPOCHS]          ROUNDS=3 THREADS="1 2" by default
# Peers: NumPy float32 (vectorised) twice, Debian's (/usr/bin/python3, NumPy 1.24 on Debian's OpenBLAS
# 0.3.21) and the newest from PyPI (bench/peers/requirements.txt, NumPy 2.x with its own OpenBLAS, in a
# virtual environment of this script's: MLP4J_PEERS_VENV, default $TMPDIR/mlp4j-peers-venv); and PyTorch CPU
# from Debian's packages, and with TORCH_PYPI=1 the newest PyTorch from PyPI too (bench/peers/requirements-torch.txt,
# in a second virtual environment, MLP4J_PEERS_TORCH_VENV: PyPI's only Linux wheel is the CUDA build, which
# runs on the CPU once its NVIDIA libraries are installed, 5.4 GB in all, hence opt-in). Debian's
# OpenBLAS is installed when missing: without libopenblas0 Debian's NumPy falls back to the reference BLAS,
# about 30 times slower, which would flatter mlp4j.
# The peers run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, in their own commands only: some
# machines of this kind set them (CORETYPE=Haswell, for older OpenBLAS builds), which keeps a current
# OpenBLAS off its AVX-512 kernels. The kernel each NumPy ran is printed (blas_kernel.py).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
epochs="${1:-5}"
rounds="${ROUNDS:-3}"
thread_counts="${THREADS:-1 2}"
py=/usr/bin/python3
venv="${MLP4J_PEERS_VENV:-${TMPDIR:-/tmp}/mlp4j-peers-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import numpy" 2>/dev/null; then
  echo "installing NumPy from PyPI into $venv..." >&2
  python3 -m venv "$venv" >&2 && "$venv/bin/pip" install -q -r "$here/requirements.txt" >&2
fi
fast_py="$venv/bin/python"
torch_py=""
if [ "${TORCH_PYPI:-0}" = 1 ]; then
  torch_venv="${MLP4J_PEERS_TORCH_VENV:-${TMPDIR:-/tmp}/mlp4j-peers-torch-venv}"
  if [ ! -x "$torch_venv/bin/python" ] || ! "$torch_venv/bin/python" -c "import torch, numpy" 2>/dev/null; then
    echo "installing PyTorch from PyPI into $torch_venv (about 5 GB with its CUDA libraries)..." >&2
    python3 -m venv "$torch_venv" >&2 && "$torch_venv/bin/pip" install -q -r "$here/requirements-torch.txt" >&2
  fi
  torch_py="$torch_venv/bin/python"
fi
# the peers' own commands run without the variables that pin OpenBLAS to older kernels
native() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"; }

if ! "$py" -c "import numpy, torch" 2>/dev/null || ! ls /usr/lib/x86_64-linux-gnu/libopenblas.so.0 >/dev/null 2>&1; then
  echo "installing Debian's python3-numpy, python3-torch and libopenblas0-pthread..." >&2
  apt-get update -q >&2 && apt-get install -y -q python3-numpy python3-torch libopenblas0-pthread >&2
fi

mnist="$("$root/mlp4j" fetch mnist 2>/dev/null | sed -n 's/^verified \(.*\)\/train-images-idx3-ubyte$/\1/p')"
[ -n "$mnist" ] || { echo "could not fetch MNIST" >&2; exit 1; }
value() { sed -n "s/^$1=//p"; }

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
numpy_version() { "$1" -c "import numpy; print(numpy.__version__)"; }
torch_version() { "$1" -c "import torch; print(torch.__version__.split('+')[0])" 2>/dev/null; }
debian_numpy="NumPy $(numpy_version "$py") float32 (Debian)"
fast_numpy="${fast_py:+NumPy $(numpy_version "$fast_py") float32 (PyPI)}"
for t in $thread_counts; do
  for r in $(seq "$rounds"); do
    echo "threads $t, round $r of $rounds..." >&2
    "$root/mlp4j" bench --epochs "$epochs" --threads "$t" 2>/dev/null | value median_epoch_seconds >>"$out/$t-mlp4j"
    "$root/mlp4j" bench --dense --epochs "$epochs" --threads "$t" 2>/dev/null | value median_epoch_seconds \
      >>"$out/$t-mlp4j-dense"
    numpy_out=$(cd "$here" && OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" native "$py" numpy_mlp.py "$mnist" "$epochs")
    echo "$numpy_out" | value numpy_epoch_seconds >>"$out/$t-numpy"
    echo "$numpy_out" | value numpy_gemm_gflops >>"$out/$t-numpy-gemm"
    if [ -n "$fast_py" ]; then
      fast_out=$(cd "$here" && OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" native "$fast_py" numpy_mlp.py "$mnist" \
        "$epochs")
      echo "$fast_out" | value numpy_epoch_seconds >>"$out/$t-numpy-fast"
      echo "$fast_out" | value numpy_gemm_gflops >>"$out/$t-numpy-fast-gemm"
    fi
    (cd "$here" && OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" \
      native "$py" torch_mlp.py "$mnist" "$epochs" "$t" 2>/dev/null | value torch_epoch_seconds >>"$out/$t-torch")
    if [ -n "$torch_py" ]; then
      (cd "$here" && OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" MKL_NUM_THREADS="$t" \
        native "$torch_py" torch_mlp.py "$mnist" "$epochs" "$t" 2>/dev/null | value torch_epoch_seconds \
        >>"$out/$t-torch-pypi")
    fi
  done
done
median() { sort -g "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
range() { sort -g "$1" | awk 'NR == 1 {lo=$1} {hi=$1} END {printf "%s-%s", lo, hi}'; }

echo "running the JMH dense product..." >&2
jmh_txt=$(mktemp)
java --add-modules jdk.incubator.vector -jar "$root/mlp4j-bench/target/benchmarks.jar" 'KernelBenchmark.denseForward' \
  -p kernels=vector -p threads=2 -wi 3 -i 5 -rf text -rff "$jmh_txt" >/dev/null 2>&1
mlp4j_us=$(awk '/denseForward/ {print $(NF-3)}' "$jmh_txt")
rm -f "$jmh_txt"
mlp4j_gemm=$(awk -v us="$mlp4j_us" 'BEGIN {printf "%.1f", 2*128*784*512/(us*1e3)}')

echo
echo "$(date -u +%F), $epochs timed epochs per run, $rounds alternating runs per implementation (median, range)"
echo "OpenBLAS kernels: $debian_numpy $(native "$py" "$here/blas_kernel.py");" \
  "$fast_numpy $(native "$fast_py" "$here/blas_kernel.py")"
for t in $thread_counts; do
  printf '\n%s thread(s)\n%-40s %10s %16s %10s\n' "$t" "implementation" "s/epoch" "range" "vs mlp4j"
  base=$(median "$out/$t-mlp4j")
  for row in "mlp4j (zeros skipped):mlp4j" "mlp4j --dense:mlp4j-dense" "$debian_numpy:numpy" \
      ${fast_py:+"$fast_numpy:numpy-fast"} "PyTorch $(torch_version "$py") CPU (Debian):torch" \
      ${torch_py:+"PyTorch $(torch_version "$torch_py") (PyPI, on the CPU):torch-pypi"}; do
    name="${row%:*}"; key="${row##*:}"
    m=$(median "$out/$t-$key")
    printf '%-40s %10s %16s %9sx\n' "$name" "$m" "$(range "$out/$t-$key")" \
      "$(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.2f", a/b}')"
  done
done
echo
printf '%-40s %10s\n' "dense (128x784)(784x512), 2 threads" "GFLOPS"
printf '%-40s %10s\n' "mlp4j (JMH, vector kernels)" "$mlp4j_gemm"
last="${thread_counts##* }"
printf '%-40s %10s\n' "$debian_numpy / OpenBLAS" "$(median "$out/$last-numpy-gemm")"
if [ -n "$fast_py" ]; then
  printf '%-40s %10s\n' "$fast_numpy / OpenBLAS" "$(median "$out/$last-numpy-fast-gemm")"
fi
