#!/usr/bin/python3
"""The load-strength Monte Carlo with numba, the way an engineer would write it.

load ~ N(1000 kN, 100 kN), strength ~ N(1500 kN, 150 kN), failure when
strength - load <= 0. One @njit(parallel=True) function draws both variables with
np.random.normal inside a prange loop and counts the failures (a prange reduction).
--threads sets numba.set_num_threads. The JIT compile and a first call are a warm-up,
timed on their own and left out of the figures.

numba gives each thread its own generator state, so the count depends on the thread
count and on how prange splits the loop: it is a statistical check, not a bitwise one.

Prints one JSON line, which bench-reliability reads: samples per second (best and
median of the repeats), the failures and Pf of the best run.
"""

import argparse
import json
import statistics
import sys
import time

import numba
import numpy as np
from numba import njit, prange

LOAD_MEAN, LOAD_SD = 1000e3, 100e3  # N
STRENGTH_MEAN, STRENGTH_SD = 1500e3, 150e3  # N


@njit(parallel=True)
def count_failures(n, load_mean, load_sd, strength_mean, strength_sd):
    failures = 0
    for i in prange(n):
        load = np.random.normal(load_mean, load_sd)
        strength = np.random.normal(strength_mean, strength_sd)
        if strength - load <= 0.0:
            failures += 1
    return failures


@njit
def seed(s):
    # Seeds the generator of the calling thread only; the other threads keep theirs.
    np.random.seed(s)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10**9)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    numba.set_num_threads(args.threads)
    seed(args.seed)

    t0 = time.perf_counter()
    count_failures(1000, LOAD_MEAN, LOAD_SD, STRENGTH_MEAN, STRENGTH_SD)
    compile_s = time.perf_counter() - t0
    # A second short call starts the thread pool at this thread count.
    count_failures(10**6, LOAD_MEAN, LOAD_SD, STRENGTH_MEAN, STRENGTH_SD)

    times, cpu_times, counts = [], [], []
    for _ in range(args.repeats):
        c0 = time.process_time()
        t0 = time.perf_counter()
        f = count_failures(args.samples, LOAD_MEAN, LOAD_SD, STRENGTH_MEAN, STRENGTH_SD)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
        counts.append(int(f))

    best = min(range(len(times)), key=times.__getitem__)
    median = statistics.median(times)
    print(json.dumps({
        "impl": "numba",
        "numba": numba.__version__,
        "numpy": np.__version__,
        "threading_layer": numba.threading_layer(),
        "threads": numba.get_num_threads(),
        "samples": args.samples,
        "repeats": args.repeats,
        "compile_seconds": compile_s,
        "times": times,
        "cpu_times": cpu_times,
        "best_seconds": times[best],
        "median_seconds": median,
        "best_samples_per_second": args.samples / times[best],
        "median_samples_per_second": args.samples / median,
        "cpu_seconds": cpu_times[best],
        "failures": counts[best],
        "pf": counts[best] / args.samples,
        "failures_all": counts,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
