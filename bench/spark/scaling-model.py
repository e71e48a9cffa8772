#!/usr/bin/env python3
"""The scaling model of docs/spark.md, fitted to bench/spark/scaling.sh's lines (stdin or a file).

Per N (workers), medians over the runs: the rounds of the one epoch, and the mean round's terms: the
slowest worker's training, its ratio to the mean worker's, Spark's fixed cost, the driver's averaging. Fits
Spark's cost as a + b*N and the driver's as c + d*N (least squares; first taking out of Spark's share the time a task waited for one of local[2]'s cores
while the others trained: (ceil(N / 2) - 1) x the mean worker's training), takes the work to share from N = 2 (each
worker on its own core of local[2]: 2 x rounds x the mean worker's training; a single worker uses both
cores, so N = 1 is no one-core figure), and the straggler ratio at N = 2, and prints, for a cluster where each of N workers has its own core, the predicted round and epoch:
    epoch(N) = R(N) * (straggler * work / (N * R(N)) + a + b*N + c + d*N)
with R(N) the rounds an epoch takes at N (as measured, else the rule's 8 * max(1, N / 4)).
    bench/spark/scaling.sh > scaling.txt; bench/spark/scaling-model.py scaling.txt
"""
import math
import re
import statistics
import sys

CORES = 2  # local[2]
LINE = re.compile(r"workers=(\d+) exit=0 \d+ workers, (\d+) rounds; a round ([\d.]+) ms: the slowest worker's "
                  r"training ([\d.]+) ms \(([\d.]+)x the mean worker's\), Spark ([\d.]+) ms, the driver's averaging "
                  r"([\d.]+) ms")


def fit_line(xs, ys):
    """Least squares y = a + b x."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def main():
    text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
    runs = {}
    for m in LINE.finditer(text):
        n = int(m.group(1))
        runs.setdefault(n, []).append([float(g) for g in m.groups()[1:]])
    if 1 not in runs or 2 not in runs:
        sys.exit("scaling-model: expected runs at 1 and 2 workers at least, found " + str(sorted(runs)))
    med = {n: [statistics.median(col) for col in zip(*rs)] for n, rs in sorted(runs.items())}
    print("measured on local[2] (medians of %s runs a point):" % min(len(r) for r in runs.values()))
    print("  N  rounds  round_ms  slowest_ms  straggler  spark_ms  (waiting for a core)  driver_ms")
    for n, (rounds, rnd, slow, ratio, spark, driver) in med.items():
        wait = (math.ceil(n / CORES) - 1) * slow / ratio
        print("%3d  %6d  %8.1f  %10.1f  %9.2f  %8.1f  (%6.1f)  %9.2f" % (n, rounds, rnd, slow, ratio, spark, wait, driver))
    ns = sorted(med)
    # on local[2] the tasks beyond 2 wait for a core: while they wait the others train, which the round counts
    # as Spark's time; a cluster with a core a worker has no such wait, so it is taken out before the fit
    waits = {n: (math.ceil(n / CORES) - 1) * med[n][2] / med[n][3] for n in ns}
    a, b = fit_line(ns, [med[n][4] - waits[n] for n in ns])
    c, d = fit_line(ns, [med[n][5] for n in ns])
    rounds2, slow2, straggler = med[2][0], med[2][2], med[2][3]
    work = 2 * rounds2 * slow2 / straggler  # the epoch's training on one core, ms
    print("fitted: Spark a round %.1f ms + %.2f ms a worker; the driver's averaging %.1f ms + %.3f ms a worker;"
          % (a, b, c, d))
    print("        the epoch's training on one core %.0f ms; straggler ratio at 2 workers %.2f" % (work, straggler))
    print("predicted, a cluster with one core a worker:")
    print("  N  rounds  round_ms  epoch_s  speed-up  share_outside_training")
    base = None
    for n in (1, 2, 4, 8, 16, 32, 64):
        r = med[n][0] if n in med else 8 * max(1, n / 4)
        train = (straggler if n > 1 else 1.0) * work / (n * r)
        rnd = train + a + b * n + c + d * n
        epoch = r * rnd / 1000
        base = base or epoch
        print("%3d  %6d  %8.1f  %7.2f  %8.2f  %5.0f%%" % (n, r, rnd, epoch, base / epoch, 100 * (rnd - train) / rnd))


if __name__ == "__main__":
    main()
