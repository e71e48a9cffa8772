#!/usr/bin/python3
"""mlp4j's default for tables (the `tabular` recipe) against scikit-learn on the CSV data sets Debian's
python3-sklearn ships: iris, wine, breast_cancer. One fixed stratified 80/20 split per data set (seed 0),
written as CSV files with a header; mlp4j trains on them from the command line with no per-data-set
settings, scikit-learn's MLPClassifier (defaults) and LogisticRegression see the same rows, standardised.

Usage (from the repository root; installs nothing, needs python3-sklearn):
    /usr/bin/python3 bench/tabular/run.py   # Debian's python, where python3-sklearn is [--seeds 0,1,2] [--mlp4j ./mlp4j] [--out DIR]
Prints a Markdown table: test accuracy (median over the seeds) and seconds of training, and for mlp4j the
whole command's wall time.
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

from sklearn.datasets import load_breast_cancer, load_iris, load_wine
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATASETS = {"iris": load_iris, "wine": load_wine, "breast_cancer": load_breast_cancer}


def write_csv(path, x, y, names, classes):
    with open(path, "w") as f:
        f.write(",".join(names + ["label"]) + "\n")
        for row, label in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + classes[label] + "\n")


def mlp4j(cmd, train, test, seed, runs):
    t0 = time.perf_counter()
    p = subprocess.run(
        [cmd, "train", "--dataset", "csv", "--data", train, "--test-data", test, "--seed", str(seed), "--runs", runs],
        capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("mlp4j failed:\n" + p.stderr)
    m = re.search(r"result test_accuracy=([0-9.]+) train_seconds=([0-9.]+) epochs=(\d+)", p.stdout)
    notes = [line for line in p.stderr.splitlines() if "from the data" in line]
    return float(m.group(1)), float(m.group(2)), wall, int(m.group(3)), notes


def timed(model, xtr, ytr, xte, yte):
    t0 = time.perf_counter()
    model.fit(xtr, ytr)
    return model.score(xte, yte), time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--mlp4j", default="./mlp4j")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    out = a.out or tempfile.mkdtemp(prefix="mlp4j-tabular-")
    os.makedirs(out, exist_ok=True)
    warnings.simplefilter("ignore", ConvergenceWarning)
    print("| data set | rows, features, classes | mlp4j `tabular` | s training | s whole command | epochs |"
          " MLPClassifier | s | LogisticRegression | s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, load in DATASETS.items():
        d = load()
        classes = [str(c) for c in d.target_names]
        names = [re.sub(r"[^A-Za-z0-9_]", "_", str(n)) for n in d.feature_names]
        xtr, xte, ytr, yte = train_test_split(d.data, d.target, test_size=0.2, stratify=d.target, random_state=0)
        train, test = os.path.join(out, name + "-train.csv"), os.path.join(out, name + "-test.csv")
        write_csv(train, xtr, ytr, names, classes)
        write_csv(test, xte, yte, names, classes)
        ours, sk, lr = [], [], []
        for s in seeds:
            ours.append(mlp4j(a.mlp4j, train, test, s, os.path.join(out, "runs")))
            sk.append(timed(make_pipeline(StandardScaler(), MLPClassifier(random_state=s)), xtr, ytr, xte, yte))
            lr.append(timed(make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)), xtr, ytr, xte, yte))
        med = statistics.median
        print(f"| {name} | {len(d.data)}, {d.data.shape[1]}, {len(classes)} "
              f"| {med(o[0] for o in ours):.4f} ({', '.join(f'{o[0]:.4f}' for o in ours)}) "
              f"| {med(o[1] for o in ours):.2f} | {med(o[2] for o in ours):.2f} | {med(o[3] for o in ours)} "
              f"| {med(x[0] for x in sk):.4f} ({', '.join(f'{x[0]:.4f}' for x in sk)}) | {med(x[1] for x in sk):.2f} "
              f"| {med(x[0] for x in lr):.4f} | {med(x[1] for x in lr):.2f} |")
        print(f"<!-- {name}: {ours[0][4]} -->")


if __name__ == "__main__":
    main()
