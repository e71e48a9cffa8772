"""How much work blocks of rows waste on MNIST's zero pixels (docs/benchmarks.md, issue 13).

The multi-row kernels multiply, for a block of examples, every input that is non-zero in ANY of them
(forward pass), and for a block of pixels, every example in which ANY of them is non-zero (weight
gradient). This prints that union's size relative to the work each row really needs, for random
minibatches of 128 as training draws them, and what reordering the rows of a minibatch could save.

    python3 bench/kernels/block_waste.py ~/.cache/mlp4j/mnist
"""
import sys

import numpy as np

folder = sys.argv[1] if len(sys.argv) > 1 else "."
images = np.fromfile(f"{folder}/train-images-idx3-ubyte", dtype=np.uint8, offset=16).reshape(-1, 784)
labels = np.fromfile(f"{folder}/train-labels-idx1-ubyte", dtype=np.uint8, offset=8)
order = np.random.default_rng(0).permutation(len(images))
BATCH = 128


def batches(count=None):
    n = len(images) // BATCH if count is None else count
    return [order[b * BATCH:(b + 1) * BATCH] for b in range(n)]


def forward_waste(nz, rows=4, arrange=lambda idx: idx, window=BATCH, count=None):
    """Union of non-zero inputs over blocks of `rows` examples, times rows, over their own non-zeros."""
    union = own = 0
    for idx in batches(count):
        for w in range(0, BATCH, window):
            m = nz[arrange(idx[w:w + window])]
            for s in range(0, len(m), rows):
                union += m[s:s + rows].any(0).sum() * len(m[s:s + rows])
                own += m[s:s + rows].sum()
    return union / own


def gradient_waste(nz, groups):
    """Union of non-zero examples over groups of pixels, times the group size, over their own."""
    union = own = 0
    for idx in batches():
        m = nz[idx]
        for g in groups:
            union += m[:, g].any(1).sum() * len(g)
            own += m[:, g].sum()
    return union / own


def greedy_chain(idx, nz):
    """Each next row the most similar (Jaccard) to the last one taken."""
    m = nz[idx].astype(np.float32)
    inter = m @ m.T
    count = m.sum(1)
    sim = inter / np.maximum(count[:, None] + count[None, :] - inter, 1)
    left, out, cur = set(range(len(idx))), [], 0
    while left:
        left.discard(cur)
        out.append(cur)
        if left:
            cand = list(left)
            cur = cand[int(np.argmax(sim[cur, cand]))]
    return idx[out]


nz = images != 0
print(f"non-zero pixels: {nz.sum()} of {nz.size} ({nz.mean():.4f})")
rows4 = [list(range(k, k + 4)) for k in range(0, 784, 4)]
rows2 = [list(range(k, k + 2)) for k in range(0, 784, 2)]
squares = [[r * 28 + c, r * 28 + c + 1, (r + 1) * 28 + c, (r + 1) * 28 + c + 1]
           for r in range(0, 28, 2) for c in range(0, 28, 2)]
for name, mask in [("plain", nz), ("input dropout 0.2", nz & (np.random.default_rng(1).random(nz.shape) > 0.2))]:
    print(f"{name}: forward, blocks of 4 examples {forward_waste(mask):.3f}, of 2 {forward_waste(mask, 2):.3f};"
          f" gradient, 4 adjacent pixels {gradient_waste(mask, rows4):.3f}, 2 {gradient_waste(mask, rows2):.3f},"
          f" 2x2 squares {gradient_waste(mask, squares):.3f}")
for window in (8, 32, 128):
    print(f"forward, blocks of 4, rows reordered within {window} (150 batches): random"
          f" {forward_waste(nz, window=window, count=150):.3f},"
          f" by label {forward_waste(nz, arrange=lambda i: i[np.argsort(labels[i], kind='stable')], window=window, count=150):.3f},"
          f" greedy chain {forward_waste(nz, arrange=lambda i: greedy_chain(i, nz), window=window, count=150):.3f}")
