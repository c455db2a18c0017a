#!/usr/bin/python3
"""The regression benchmark as an engineer would write it in Python.

Same workload as bench-regression: N specimens x M points, linear-elastic to the yield
strain then linear hardening (1 % of E), E ~ N(200 GPa, 10 GPa), fy ~ N(355 MPa,
20 MPa), 1 MPa of noise, strain 0 to 2 %. Per specimen: E and sigma0 by least squares
over the points from the first with stress >= 10 % of the maximum to the last before
it exceeds 40 % (before the maximum), the 0.2 % offset yield (first crossing below
E (eps - 0.002) + sigma0, linearly interpolated), the ultimate strength and its strain.

  joblib   joblib.Parallel(n_jobs=k)(delayed(fit_one)(x[i], y[i]) ...), np.polyfit
           on the window: the way the seed user wrote it;
  numba    one @njit(parallel=True) function, prange over the specimens.

The data are generated with numpy (not timed). Prints one JSON object.
"""
import argparse
import json
import os
import sys
import time

import numpy as np


def generate(n, m, seed):
    rng = np.random.default_rng(seed)
    E = rng.normal(200e9, 10e9, n)
    fy = rng.normal(355e6, 20e6, n)
    eps = np.linspace(0.0, 0.02, m)
    x = np.broadcast_to(eps, (n, m)).copy()
    ey = (fy / E)[:, None]
    y = np.where(x <= ey, E[:, None] * x, fy[:, None] + 0.01 * E[:, None] * (x - ey))
    y += rng.normal(0.0, 1e6, (n, m))
    return x, y


def fit_one(x, y):
    """np.polyfit on the 10 %-40 % window, then the offset yield with numpy."""
    imax = int(np.argmax(y))
    ymax = y[imax]
    pre = y[: imax + 1]
    i0 = int(np.argmax(pre >= 0.1 * ymax))
    above = np.nonzero(pre[i0:] > 0.4 * ymax)[0]
    i1 = i0 + (int(above[0]) if above.size else pre.size - i0)
    E, s0 = np.polyfit(x[i0:i1], y[i0:i1], 1)
    f = y[i0:] - (E * (x[i0:] - 0.002) + s0)
    cross = np.nonzero((f[1:] <= 0) & (f[:-1] > 0))[0]
    if cross.size:
        j = i0 + int(cross[0])
        t = f[j - i0] / (f[j - i0] - f[j + 1 - i0])
        fy = y[j] + t * (y[j + 1] - y[j])
    else:
        fy = np.nan
    return E, s0, fy, ymax, x[imax]


def run_joblib(x, y, jobs):
    from joblib import Parallel, delayed

    t0 = time.perf_counter()
    out = Parallel(n_jobs=jobs)(delayed(fit_one)(x[i], y[i]) for i in range(x.shape[0]))
    return time.perf_counter() - t0, np.array(out)


def make_numba():
    import numba

    @numba.njit(parallel=True, fastmath=False)
    def fit_all(x, y, out):
        n, m = x.shape
        for i in numba.prange(n):
            xi = x[i]
            yi = y[i]
            imax = 0
            ymax = yi[0]
            for j in range(m):
                if yi[j] > ymax:
                    ymax = yi[j]
                    imax = j
            lo = 0.1 * ymax
            hi = 0.4 * ymax
            i0 = 0
            while i0 <= imax and yi[i0] < lo:
                i0 += 1
            # Welford co-moments over the window.
            cnt = 0.0
            mx = 0.0
            my = 0.0
            sxx = 0.0
            sxy = 0.0
            j = i0
            while j <= imax and yi[j] <= hi:
                cnt += 1.0
                dx = xi[j] - mx
                dy = yi[j] - my
                mx += dx / cnt
                my += dy / cnt
                sxx += dx * (xi[j] - mx)
                sxy += dx * (yi[j] - my)
                j += 1
            E = sxy / sxx
            s0 = my - E * mx
            fy = np.nan
            fprev = yi[i0] - (E * (xi[i0] - 0.002) + s0)
            for k in range(i0 + 1, m):
                f = yi[k] - (E * (xi[k] - 0.002) + s0)
                if f <= 0.0 and fprev > 0.0:
                    t = fprev / (fprev - f)
                    fy = yi[k - 1] + t * (yi[k] - yi[k - 1])
                    break
                fprev = f
            out[i, 0] = E
            out[i, 1] = s0
            out[i, 2] = fy
            out[i, 3] = ymax
            out[i, 4] = xi[imax]

    return numba, fit_all


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--specimens", type=int, default=10000)
    ap.add_argument("--points", type=int, default=1000)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-joblib", action="store_true")
    ap.add_argument("--no-numba", action="store_true")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    x, y = generate(a.specimens, a.points, a.seed)
    res = {"specimens": a.specimens, "points": a.points, "numpy": np.__version__,
           "joblib": {}, "numba": {}}
    ref = None
    if not a.no_joblib:
        import joblib

        res["joblib_version"] = joblib.__version__
        for k in a.threads:
            times = []
            for _ in range(a.repeats):
                t, out = run_joblib(x, y, k)
                times.append(t)
            ref = out
            res["joblib"][str(k)] = {"best": min(times), "median": sorted(times)[len(times) // 2],
                                     "mean_E": float(np.mean(out[:, 0]))}
    if not a.no_numba:
        numba, fit_all = make_numba()
        res["numba_version"] = numba.__version__
        out = np.empty((a.specimens, 5))
        t0 = time.perf_counter()
        fit_all(x[:2], y[:2], out[:2])  # compile
        res["numba_compile_seconds"] = time.perf_counter() - t0
        for k in a.threads:
            numba.set_num_threads(k)
            fit_all(x, y, out)  # warm-up
            times = []
            for _ in range(a.repeats):
                t0 = time.perf_counter()
                fit_all(x, y, out)
                times.append(time.perf_counter() - t0)
            res["numba"][str(k)] = {"best": min(times), "median": sorted(times)[len(times) // 2],
                                    "mean_E": float(np.mean(out[:, 0]))}
        res["numba_threading_layer"] = numba.threading_layer()
        if ref is not None:
            res["numba_vs_joblib_max_rel_E"] = float(np.max(np.abs(out[:, 0] / ref[:, 0] - 1)))
    json.dump(res, sys.stdout)
    print()


if __name__ == "__main__":
    main()
