#!/usr/bin/python3
"""mlp4j's regression (`--task regression`, the `tabular` recipe, no per-data-set settings) against
scikit-learn on the same split: MLPRegressor (its defaults, and with max_iter=2000 so it converges) and
LinearRegression, each on standardised features. Two tables: diabetes (442 rows, 10 features, the noisy
real table Debian's python3-sklearn ships) and Friedman #1 (2,000 rows, 10 features of which 5 matter,
non-linear: y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + noise, scikit-learn's make_friedman1).
One fixed 80/20 split per table (random_state 0), written as CSV files with a header.

Usage (from the repository root; installs nothing, needs python3-sklearn):
    /usr/bin/python3 bench/tabular/regression.py [--seeds 0,1,2] [--mlp4j ./mlp4j] [--out DIR]
Prints a Markdown table: test R^2 and RMSE (medians over the seeds), seconds of training, and for mlp4j
the whole command's wall time.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

from sklearn.datasets import load_diabetes, make_friedman1
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def diabetes():
    d = load_diabetes(scaled=False)
    return d.data, d.target, list(d.feature_names)


def friedman1():
    x, y = make_friedman1(n_samples=2000, n_features=10, noise=1.0, random_state=0)
    return x, y, [f"x{k}" for k in range(10)]


DATASETS = {"diabetes": diabetes, "friedman1": friedman1}


def write_csv(path, x, y, names):
    with open(path, "w") as f:
        f.write(",".join(names + ["target"]) + "\n")
        for row, t in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(float(t)) + "\n")


def mlp4j(cmd, train, test, seed, runs):
    t0 = time.perf_counter()
    p = subprocess.run(
        [cmd, "train", "--dataset", "csv", "--task", "regression", "--label", "target", "--data", train,
         "--test-data", test, "--seed", str(seed), "--runs", runs],
        capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("mlp4j failed:\n" + p.stderr)
    m = re.search(r"result test_rmse=(\S+) test_mae=(\S+) test_r2=(\S+) train_seconds=([0-9.]+) epochs=(\d+)", p.stdout)
    return float(m.group(3)), float(m.group(1)), float(m.group(4)), wall, int(m.group(5))


def timed(model, xtr, ytr, xte, yte):
    t0 = time.perf_counter()
    model.fit(xtr, ytr)
    seconds = time.perf_counter() - t0
    p = model.predict(xte)
    return r2_score(yte, p), mean_squared_error(yte, p) ** 0.5, seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--mlp4j", default="./mlp4j")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    out = a.out or tempfile.mkdtemp(prefix="mlp4j-regression-")
    os.makedirs(out, exist_ok=True)
    warnings.simplefilter("ignore", ConvergenceWarning)
    med = statistics.median
    print("| data set | rows, features | mlp4j R² (seeds) | RMSE | s training | s whole command | epochs |"
          " MLPRegressor R² | RMSE | s | MLPRegressor(max_iter=2000) R² | RMSE | s | LinearRegression R² | RMSE | s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, load in DATASETS.items():
        x, y, names = load()
        xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, random_state=0)
        train, test = os.path.join(out, name + "-train.csv"), os.path.join(out, name + "-test.csv")
        write_csv(train, xtr, ytr, names)
        write_csv(test, xte, yte, names)
        ours, sk, sk2, lin = [], [], [], []
        for s in seeds:
            ours.append(mlp4j(a.mlp4j, train, test, s, os.path.join(out, "runs")))
            sk.append(timed(make_pipeline(StandardScaler(), MLPRegressor(random_state=s)), xtr, ytr, xte, yte))
            sk2.append(timed(make_pipeline(StandardScaler(), MLPRegressor(random_state=s, max_iter=2000)),
                             xtr, ytr, xte, yte))
            lin.append(timed(make_pipeline(StandardScaler(), LinearRegression()), xtr, ytr, xte, yte))
        print(f"| {name} | {len(x)}, {x.shape[1]} "
              f"| {med(o[0] for o in ours):.4f} ({', '.join(f'{o[0]:.4f}' for o in ours)}) "
              f"| {med(o[1] for o in ours):.4g} | {med(o[2] for o in ours):.2f} | {med(o[3] for o in ours):.2f} "
              f"| {med(o[4] for o in ours)} "
              + " ".join(f"| {med(r[0] for r in rs):.4f} | {med(r[1] for r in rs):.4g} | {med(r[2] for r in rs):.2f}"
                         for rs in (sk, sk2, lin))
              + " |")


if __name__ == "__main__":
    main()
