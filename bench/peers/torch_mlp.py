"""The article's algorithm in PyTorch on the CPU, the way a PyTorch user writes it (autograd, SGD).

784-512-10, sigmoid, quadratic cost (0.5 * sum of squares, averaged over the minibatch), batch 128,
lr 0.5, every minibatch updating. Prints `torch_epoch_seconds=<median>`.
Usage: python3 torch_mlp.py MNIST_DIR [EPOCHS] [THREADS]
"""
import statistics
import sys
import time

import numpy as np
import torch

from numpy_mlp import read_idx


def main():
    mnist = sys.argv[1]
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = torch.from_numpy(read_idx(f"{mnist}/train-images-idx3-ubyte").reshape(60000, 784).astype(np.float32) / 255.0)
    labels = torch.from_numpy(read_idx(f"{mnist}/train-labels-idx1-ubyte").astype(np.int64))
    y = torch.nn.functional.one_hot(labels, 10).float()
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.Sigmoid(), torch.nn.Linear(512, 10), torch.nn.Sigmoid())
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    bs = 128
    times = []
    for e in range(epochs + 1):
        order = torch.randperm(60000)
        t0 = time.perf_counter()
        for start in range(0, 60000, bs):
            idx = order[start:start + bs]
            out = model(x[idx])
            loss = 0.5 * ((out - y[idx]) ** 2).sum(dim=1).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        if e > 0:
            times.append(time.perf_counter() - t0)
    print(f"torch_epoch_seconds={statistics.median(times):.4f}")


if __name__ == "__main__":
    main()
