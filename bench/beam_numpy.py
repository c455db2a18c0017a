#!/usr/bin/python3
"""The beam grid with numpy broadcasting, the way a Python user would write it.

The whole 4-D grid (materials x h x span x load) is computed at once with broadcasting,
then summarised. numpy's element-wise operations run on one thread whatever --threads
says (BLAS threads play no part here); --threads is accepted so that bench-beam can call
both scripts alike, and is reported.

Prints one JSON line: configurations per second (best and median of the repeats) and the
summary, which bench-beam compares with the engine's.
"""

import argparse
import json
import os
import statistics
import sys
import time

# Before numpy is imported: keep any threaded library numpy might load to --threads.
_threads = "1"
for i, a in enumerate(sys.argv):
    if a == "--threads" and i + 1 < len(sys.argv):
        _threads = sys.argv[i + 1]
    elif a.startswith("--threads="):
        _threads = a.split("=", 1)[1]
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = _threads

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import beam_grid  # noqa: E402

# Full-size float64/bool arrays alive at the peak of compute(), per configuration, with
# room for numpy's temporaries: deflection, utilisation, ratio, the masked mass (8 bytes
# each, with one temporary) and three boolean arrays.
BYTES_PER_CONFIG = 5 * 8 + 3


def compute(g):
    E = g.E[:, None, None, None]
    f_d = g.f_d[:, None, None, None]
    rho = g.density[:, None, None, None]
    h = g.h[None, :, None, None]
    L = g.span[None, None, :, None]
    P = g.load[None, None, None, :]
    b = g.b

    I = b * h**3 / 12.0
    W = b * h**2 / 6.0
    deflection = P * L**3 / (48.0 * E * I)
    moment = P * L / 4.0
    shear = P / 2.0
    stress = moment / W
    utilisation = g.safety_factor * stress / f_d
    ratio = L / deflection
    pass_deflection = deflection <= L / g.limit_ratio
    pass_strength = utilisation <= 1.0
    passing = pass_deflection & pass_strength
    mass = rho * b * h

    n_pass = int(np.count_nonzero(passing))
    lightest = float(np.where(passing, mass, np.inf).min())
    return {
        "configurations": int(deflection.size),
        "passing": n_pass,
        "failing_deflection": int(deflection.size - np.count_nonzero(pass_deflection)),
        "failing_strength": int(utilisation.size - np.count_nonzero(pass_strength)),
        "min_deflection": float(deflection.min()),
        "max_deflection": float(deflection.max()),
        "min_stress": float(stress.min()),
        "max_stress": float(stress.max()),
        "max_shear": float(shear.max()),
        "min_ratio": float(ratio.min()),
        "lightest_passing_mass": lightest if n_pass else None,
    }


def main():
    study, materials = beam_grid.default_paths()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--study", default=study)
    ap.add_argument("--materials", default=materials)
    ap.add_argument("--threads", type=int, default=1,
                    help="accepted and reported; numpy's element-wise work is single-threaded")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--linspace", action="store_true",
                    help="build the ranges with np.linspace instead of the engine's formula")
    ap.add_argument("--max-memory-fraction", type=float, default=0.7,
                    help="skip when the estimate exceeds this fraction of MemAvailable")
    args = ap.parse_args()

    g = beam_grid.Grid(args.study, args.materials, args.linspace)
    record = {
        "impl": "numpy",
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "threads_requested": args.threads,
        "threads_used": 1,
        "note": "numpy element-wise operations are single-threaded",
        "configurations": g.n,
        "shape": list(g.shape),
        "linspace": args.linspace,
    }
    if beam_grid.skip_if_too_big(record, g.n * BYTES_PER_CONFIG, args.max_memory_fraction):
        return 0

    t0 = time.perf_counter()
    summary = compute(g)  # warm-up: page faults of the first large allocations
    record["warmup_s"] = time.perf_counter() - t0
    times = []
    for _ in range(max(1, args.repeats)):
        t0 = time.perf_counter()
        summary = compute(g)
        times.append(time.perf_counter() - t0)
    times.sort()
    record["times_s"] = times
    record["best_s"] = times[0]
    record["median_s"] = statistics.median(times)
    record["configs_per_s_best"] = g.n / times[0]
    record["configs_per_s_median"] = g.n / record["median_s"]
    record["summary"] = summary
    print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
