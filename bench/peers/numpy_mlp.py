"""The article's algorithm (sigmoid, quadratic cost, minibatch SGD) vectorised in NumPy float32.

Times full training epochs of 784-512-10 (batch 128, every minibatch updating, as `mlp4j bench`
does) and one dense product (128x784)(784x512). Prints `key=value` lines for run.sh.
Usage: python3 numpy_mlp.py MNIST_DIR [EPOCHS]
"""
import statistics
import sys
import time

import numpy as np


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def main():
    mnist = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    x = read_idx(f"{mnist}/train-images-idx3-ubyte").reshape(60000, 784).astype(np.float32) / 255.0
    labels = read_idx(f"{mnist}/train-labels-idx1-ubyte")
    y = np.eye(10, dtype=np.float32)[labels]
    rng = np.random.default_rng(1)
    sizes = [784, 512, 10]
    w = [(rng.standard_normal((i, o)) / np.sqrt(i)).astype(np.float32) for i, o in zip(sizes[:-1], sizes[1:])]
    b = [rng.standard_normal(o).astype(np.float32) for o in sizes[1:]]
    lr = np.float32(0.5)
    bs = 128
    times = []
    for e in range(epochs + 1):
        order = rng.permutation(60000)
        t0 = time.perf_counter()
        for start in range(0, 60000, bs):
            idx = order[start:start + bs]
            a0 = x[idx]
            z1 = a0 @ w[0] + b[0]
            a1 = sigmoid(z1)
            z2 = a1 @ w[1] + b[1]
            a2 = sigmoid(z2)
            d2 = (a2 - y[idx]) * a2 * (1 - a2)            # equation (1)
            d1 = (d2 @ w[1].T) * a1 * (1 - a1)            # equation (2)
            s = lr / len(idx)
            w[1] -= s * (a1.T @ d2)                       # equation (3)
            b[1] -= s * d2.sum(axis=0)
            w[0] -= s * (a0.T @ d1)
            b[0] -= s * d1.sum(axis=0)
        if e > 0:
            times.append(time.perf_counter() - t0)
    print(f"numpy_epoch_seconds={statistics.median(times):.4f}")

    a = rng.standard_normal((128, 784)).astype(np.float32)
    m = rng.standard_normal((784, 512)).astype(np.float32)
    for _ in range(50):
        a @ m
    reps = 2000
    t0 = time.perf_counter()
    for _ in range(reps):
        a @ m
    dt = (time.perf_counter() - t0) / reps
    print(f"numpy_gemm_gflops={2 * 128 * 784 * 512 / dt / 1e9:.1f}")


if __name__ == "__main__":
    main()
