#!/usr/bin/python3
"""The beam grid with numba, the way a Python user would write it.

A @njit(parallel=True) kernel walks the flattened configurations with prange and writes
preallocated output arrays (deflection, moment, stress, utilisation and the two pass
flags); the summary is then taken with numpy. --threads sets numba.set_num_threads.
The JIT compile is timed on its own and left out of the figures; the first full-size call
is a warm-up (it also touches the output arrays' pages).

Prints one JSON line: configurations per second (best and median of the repeats) and the
summary, which bench-beam compares with the engine's.
"""

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import beam_grid  # noqa: E402

# The output arrays per configuration (4 float64, 2 bool) and the summary's temporary
# (the combined pass flag).
BYTES_PER_CONFIG = 4 * 8 + 2 + 1


def make_kernel():
    import numba
    from numba import njit, prange

    @njit(parallel=True)
    def kernel(E, f_d, h, span, load, b, limit_ratio, safety_factor,
               deflection, moment, stress, utilisation, pass_deflection, pass_strength):
        nm, nh, nL, nP = E.size, h.size, span.size, load.size
        n = nm * nh * nL * nP
        for i in prange(n):
            iP = i % nP
            t = i // nP
            iL = t % nL
            t //= nL
            ih = t % nh
            im = t // nh
            hh = h[ih]
            L = span[iL]
            P = load[iP]
            I = b * hh**3 / 12.0
            W = b * hh**2 / 6.0
            d = P * L**3 / (48.0 * E[im] * I)
            M = P * L / 4.0
            s = M / W
            u = safety_factor * s / f_d[im]
            deflection[i] = d
            moment[i] = M
            stress[i] = s
            utilisation[i] = u
            pass_deflection[i] = d <= L / limit_ratio
            pass_strength[i] = u <= 1.0

    return numba, kernel


def summarise(g, out):
    deflection, moment, stress, utilisation, pd, ps = out
    passing = pd & ps
    n_pass = int(np.count_nonzero(passing))
    mass = g.density[:, None] * g.b * g.h[None, :]
    any_pass = passing.reshape(g.shape[0], g.shape[1], -1).any(axis=2)
    return {
        "configurations": int(deflection.size),
        "passing": n_pass,
        "failing_deflection": int(pd.size - np.count_nonzero(pd)),
        "failing_strength": int(ps.size - np.count_nonzero(ps)),
        "min_deflection": float(deflection.min()),
        "max_deflection": float(deflection.max()),
        "min_stress": float(stress.min()),
        "max_stress": float(stress.max()),
        "max_moment": float(moment.max()),
        "max_utilisation": float(utilisation.max()),
        "lightest_passing_mass": float(mass[any_pass].min()) if n_pass else None,
    }


def main():
    study, materials = beam_grid.default_paths()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--study", default=study)
    ap.add_argument("--materials", default=materials)
    ap.add_argument("--threads", type=int, default=1, help="numba.set_num_threads")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--linspace", action="store_true",
                    help="build the ranges with np.linspace instead of the engine's formula")
    ap.add_argument("--max-memory-fraction", type=float, default=0.7,
                    help="skip when the output arrays exceed this fraction of MemAvailable")
    args = ap.parse_args()

    g = beam_grid.Grid(args.study, args.materials, args.linspace)
    record = {
        "impl": "numba",
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "threads_requested": args.threads,
        "configurations": g.n,
        "shape": list(g.shape),
        "linspace": args.linspace,
    }
    if beam_grid.skip_if_too_big(record, g.n * BYTES_PER_CONFIG, args.max_memory_fraction):
        return 0

    t0 = time.perf_counter()
    numba, kernel = make_kernel()
    numba.set_num_threads(args.threads)
    record["numba"] = numba.__version__
    record["threads_used"] = numba.get_num_threads()
    record["threading_layer_requested"] = numba.config.THREADING_LAYER

    def outputs(n):
        return (np.empty(n), np.empty(n), np.empty(n), np.empty(n),
                np.empty(n, dtype=np.bool_), np.empty(n, dtype=np.bool_))

    def run(out):
        kernel(g.E, g.f_d, g.h, g.span, g.load, g.b, g.limit_ratio, g.safety_factor, *out)

    # Compile on a one-configuration grid with the same argument types.
    kernel(g.E[:1], g.f_d[:1], g.h[:1], g.span[:1], g.load[:1], g.b, g.limit_ratio,
           g.safety_factor, *outputs(1))
    record["compile_s"] = time.perf_counter() - t0
    try:
        record["threading_layer"] = numba.threading_layer()
    except ValueError:
        record["threading_layer"] = None

    out = outputs(g.n)
    t0 = time.perf_counter()
    run(out)
    summary = summarise(g, out)
    record["warmup_s"] = time.perf_counter() - t0

    times, kernel_times = [], []
    for _ in range(max(1, args.repeats)):
        t0 = time.perf_counter()
        run(out)
        t1 = time.perf_counter()
        summary = summarise(g, out)
        t2 = time.perf_counter()
        times.append(t2 - t0)
        kernel_times.append(t1 - t0)
    record["times_s"] = sorted(times)
    record["best_s"] = min(times)
    record["median_s"] = statistics.median(times)
    record["kernel_best_s"] = min(kernel_times)
    record["kernel_median_s"] = statistics.median(kernel_times)
    record["configs_per_s_best"] = g.n / record["best_s"]
    record["configs_per_s_median"] = g.n / record["median_s"]
    record["kernel_configs_per_s_best"] = g.n / record["kernel_best_s"]
    record["summary"] = summary
    print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
