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

With --iso, the numba function instead does what the engine's ISO 6892-1 analysis
does per specimen (ps-iso6892-math.h, the same rules and defaults): the same window
fit, toe compensation, Rp0.2 (first crossing below the offset line through the toe
origin), Rt0.5, Rm, Agt and Ag, the upper yield point (a fall of 0.5 % held over
0.05 % strain), ReL and the end of Ae (the yield range's extremes with a 0.5 %
hysteresis, the horizontal through the last minimum against the hardening line),
the fracture (a fall of 80 % of the highest of the 5 points before), At and A, and
Hollomon's n and K (ISO 10275: ln true stress on ln true plastic strain over the
uniform plastic range).

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


def make_numba_iso():
    import numba

    @numba.njit(inline="always")
    def line(x, y, i0, i1):
        cnt = 0.0
        mx = 0.0
        my = 0.0
        sxx = 0.0
        sxy = 0.0
        for j in range(i0, i1):
            cnt += 1.0
            dx = x[j] - mx
            dy = y[j] - my
            mx += dx / cnt
            my += dy / cnt
            sxx += dx * (x[j] - mx)
            sxy += dx * (y[j] - my)
        if cnt < 2.0 or not sxx > 0.0:
            return cnt, np.nan, np.nan
        b = sxy / sxx
        return cnt, b, my - b * mx

    @numba.njit(parallel=True, fastmath=False)
    def iso_all(x, y, out):
        n, m = x.shape
        drop = 0.005
        hold = 0.0005
        for i in numba.prange(n):
            xi = x[i]
            yi = y[i]
            imax = 0
            ymax = yi[0]
            for j in range(m):
                if yi[j] > ymax:
                    ymax = yi[j]
                    imax = j
            # The window fit, as the plain benchmark's.
            i0 = 0
            while i0 <= imax and yi[i0] < 0.1 * ymax:
                i0 += 1
            i1 = i0
            while i1 <= imax and yi[i1] <= 0.4 * ymax:
                i1 += 1
            cnt, E, s0 = line(xi, yi, i0, i1)
            e0 = -s0 / E
            elast = i1 - 1
            # Rp0.2: the offset line through the toe origin.
            rp = np.nan
            fprev = yi[i0] - (E * (xi[i0] - 0.002) + s0)
            for k in range(i0 + 1, m):
                f = yi[k] - (E * (xi[k] - 0.002) + s0)
                if f <= 0.0 and fprev > 0.0:
                    t = fprev / (fprev - f)
                    rp = yi[k - 1] + t * (yi[k] - yi[k - 1])
                    break
                fprev = f
            # Rt0.5.
            rt = np.nan
            k = 0
            while k < m and xi[k] < 0.005 + e0:
                k += 1
            if k < m and k > 0:
                t = (0.005 + e0 - xi[k - 1]) / (xi[k] - xi[k - 1])
                rt = yi[k - 1] + t * (yi[k] - yi[k - 1])
            # Rm, Agt, Ag.
            agt = xi[imax] - e0
            ag = agt - ymax / E
            # The upper yield point.
            h = -1
            hh = elast
            failed = -1
            for j in range(elast + 1, imax):
                if yi[j] > yi[hh]:
                    hh = j
                    continue
                if hh != failed and yi[j] <= yi[hh] * (1 - drop):
                    q = hh + 1
                    held = True
                    while q <= imax and xi[q] <= xi[hh] + hold:
                        if yi[q] > yi[hh]:
                            held = False
                            break
                        q += 1
                    if held and q <= imax and yi[q] <= yi[hh]:
                        h = hh
                        break
                    failed = hh
            reh = np.nan
            rel = np.nan
            ae = np.nan
            ae_end = np.nan
            if h >= 0:
                reh = yi[h]
                band = drop * yi[h]
                run = h
                falling = True
                minima = 0
                first_min = -1
                first_max_after = -1
                last_min = -1
                for j in range(h + 1, imax + 1):
                    if falling:
                        if yi[j] < yi[run]:
                            run = j
                        elif yi[j] >= yi[run] + band:
                            minima += 1
                            if minima == 1:
                                first_min = run
                            last_min = run
                            falling = False
                            run = j
                    else:
                        if yi[j] > yi[run]:
                            run = j
                        elif yi[j] <= yi[run] - band:
                            if first_max_after == -1:
                                first_max_after = run
                            falling = True
                            run = j
                if minima > 0:
                    lo = first_min if minima == 1 else first_max_after
                    at = lo
                    for j in range(lo, last_min + 1):
                        if yi[j] < yi[at]:
                            at = j
                    rel = yi[at]
                    level = yi[last_min]
                    k = last_min + 1
                    while k <= imax and yi[k] <= level + band:
                        k += 1
                    k1 = k
                    while k1 <= imax and yi[k1] <= level + 5 * band:
                        k1 += 1
                    c2, b2, a2 = line(xi, yi, k, k1)
                    if c2 >= 2 and b2 > 0:
                        ae_end = (level - a2) / b2
                    else:
                        ae_end = xi[min(k, imax)]
                    ae = ae_end - xi[h]
            # Fracture: a fall of 80 % of the highest of the 5 points before.
            a_pct = np.nan
            at_pct = np.nan
            for j in range(imax + 1, m):
                j0 = max(j - 5, imax)
                top = j0
                for q in range(j0, j):
                    if yi[q] >= yi[top]:
                        top = q
                if yi[top] > 0 and yi[top] - yi[j] >= 0.8 * yi[top]:
                    fr = top
                    for q in range(top + 1, j + 1):
                        if yi[q - 1] - yi[q] > yi[fr] - yi[fr + 1]:
                            fr = q - 1
                    at_pct = xi[fr] - e0
                    a_pct = at_pct - yi[fr] / E
                    break
            # Hollomon over the uniform plastic range.
            pfrom = 0.002
            if h >= 0 and not np.isnan(ae_end):
                pfrom = max(pfrom, ae_end - rel / E)
            hc = 0.0
            hmx = 0.0
            hmy = 0.0
            hsxx = 0.0
            hsxy = 0.0
            for j in range(imax + 1):
                e = xi[j] - e0
                ep = e - yi[j] / E
                if ep >= pfrom and ep <= ag and ep > 0 and yi[j] > 0:
                    u = np.log(np.log1p(ep))
                    v = np.log(yi[j] * (1 + e))
                    hc += 1.0
                    du = u - hmx
                    dv = v - hmy
                    hmx += du / hc
                    hmy += dv / hc
                    hsxx += du * (u - hmx)
                    hsxy += du * (v - hmy)
            hn = np.nan
            hk = np.nan
            if hc >= 3 and hsxx > 0:
                hn = hsxy / hsxx
                hk = np.exp(hmy - hn * hmx)
            out[i, 0] = E
            out[i, 1] = rp
            out[i, 2] = rt
            out[i, 3] = reh
            out[i, 4] = rel
            out[i, 5] = ae
            out[i, 6] = ymax
            out[i, 7] = ag
            out[i, 8] = a_pct
            out[i, 9] = hn
            out[i, 10] = hk

    return numba, iso_all


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--specimens", type=int, default=10000)
    ap.add_argument("--points", type=int, default=1000)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-joblib", action="store_true")
    ap.add_argument("--no-numba", action="store_true")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--iso", action="store_true",
                    help="numba only: the ISO 6892-1 quantities, not the plain fit")
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
    if a.iso:
        a.no_numba = True
        numba, iso_all = make_numba_iso()
        res["numba_version"] = numba.__version__
        res["iso"] = {}
        out = np.empty((a.specimens, 11))
        t0 = time.perf_counter()
        iso_all(x[:2], y[:2], out[:2])  # compile
        res["numba_compile_seconds"] = time.perf_counter() - t0
        for k in a.threads:
            numba.set_num_threads(k)
            iso_all(x, y, out)  # warm-up
            times = []
            for _ in range(a.repeats):
                t0 = time.perf_counter()
                iso_all(x, y, out)
                times.append(time.perf_counter() - t0)
            res["iso"][str(k)] = {"best": min(times), "median": sorted(times)[len(times) // 2]}
        res["numba_threading_layer"] = numba.threading_layer()
        names = ["E", "Rp0.2", "Rt0.5", "ReH", "ReL", "Ae", "Rm", "Ag", "A", "n", "K"]
        res["iso_means"] = {nm: float(np.nanmean(out[:, c])) if np.any(~np.isnan(out[:, c]))
                            else None for c, nm in enumerate(names)}
        res["iso_counts"] = {nm: int(np.sum(~np.isnan(out[:, c]))) for c, nm in enumerate(names)}
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
