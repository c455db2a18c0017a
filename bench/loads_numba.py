#!/usr/bin/python3
"""The two-span load-case grid (bench/beam-loads-grid.json) with numba, for bench_design.py.

The same computation as the engine, written the way a Python user would: a rolled I beam
continuous over two spans on pinned supports, G uniform (with self-weight) on both spans,
Q uniform and a Q point load at `position` in the first span, arranged span by span
(pattern loading: Q on span 1, on span 2, on both). EN 1990 6.10 combinations
1.35 G, 1.35 G + 1.5 Q, 1.0 G + 1.5 Q for the moments and shears; the characteristic
SLS combination G + Q for the total deflection and Q alone for the variable one. The
support moment from the three-moment equation (Clapeyron):
  2 M_B (L1 + L2) = -(w1 L1^3/4 + w2 L2^3/4 + P a (L1^2 - a^2)/L1);
the span moments at the zero-shear points and the load point, the shears at the
supports, the deflection of each span at the roots of the slope (bisection between the
roots of the moment, where the slope is monotonic). Checks of EN 1993-1-1:2005 with the
compression flange restrained (no LTB): class (Table 5.2), bending (6.2.5), shear
(6.2.6), bending and shear (6.2.8, at the section of the largest moment and at that of
the largest shear), deflections against L/250 and L/360 of each span.

One @njit(parallel=True) kernel walks the flattened configurations with prange and
reduces the counts; --threads sets numba.set_num_threads. Compile and a full-size
warm-up call are left out of the figures. Prints one JSON line; --check RESULTS.csv
compares with the rows of an engine run (see design_common.py).
"""

import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import beam_grid  # noqa: E402
import design_common as dc  # noqa: E402

CHECKS = ["bending", "shear", "interaction", "deflection", "deflection_variable"]


def load_study(path):
    with open(path, encoding="utf-8") as f:
        st = json.load(f)
    beam, design = st["beam"], st["design"]
    loads = beam["loads"]
    if (beam["support"] != "continuous" or len(beam["spans"]) != 2
            or design.get("lateral_restraint") != "continuous" or not beam.get("self_weight")
            or [(l["case"], l["type"]) for l in loads]
            != [("G", "uniform"), ("Q", "uniform"), ("Q", "point")]):
        raise SystemExit("loads_numba.py: only the two-span load-case grid is supported")
    mats = beam["material"] if isinstance(beam["material"], list) else [beam["material"]]
    return dict(
        mats=mats, secs=beam["section"]["designation"],
        L1=beam_grid.values(beam["spans"][0]), L2=beam_grid.values(beam["spans"][1]),
        g=float(dc.per_length(loads[0]["value"])[0]), q=dc.per_length(loads[1]["value"]),
        P=float(beam_grid.values(loads[2]["value"])[0]),
        a=float(beam_grid.values(loads[2]["position"])[0]),
        lim_total=dc.limit_ratio(design["deflection"]["total"]),
        lim_var=dc.limit_ratio(design["deflection"]["variable"]))


def make_kernels(wmax=None):
    """(sweep, one); @wmax, when given, makes the two deflection searches instead of
    the ones below: wmax(njit) -> (span1_wmax, span2_wmax), same arguments and results
    (loads_numba_tuned.py)."""
    from numba import njit, prange

    @njit(inline="always")
    def slope1(RA, w, P, a, C, x):
        t = x - a if x > a else 0.0
        return -(RA * x * x / 2.0 - w * x ** 3 / 6.0 - P * t * t / 2.0) + C

    @njit(inline="always")
    def defl1(RA, w, P, a, C, x):
        t = x - a if x > a else 0.0
        return -(RA * x ** 3 / 6.0 - w * x ** 4 / 24.0 - P * t ** 3 / 6.0) + C * x

    @njit
    def span1_wmax(RA, w, P, a, L):
        """max |EI w| over span 1: M(x) = RA x - w x^2/2 - P <x - a>."""
        b = L - a
        C = (RA * L ** 3 / 6.0 - w * L ** 4 / 24.0 - P * b ** 3 / 6.0) / L
        pts = np.empty(8)
        n = 0
        pts[n] = 0.0
        n += 1
        # roots of M in [0, a): RA x - w x^2/2 = 0 -> x = 2 RA / w
        if w > 0.0:
            x = 2.0 * RA / w
            if 0.0 < x < a:
                pts[n] = x
                n += 1
        pts[n] = a
        n += 1
        # roots of M in (a, L): -w/2 x^2 + (RA - P) x + P a = 0
        if w > 0.0:
            A2, B2, C2 = -w / 2.0, RA - P, P * a
            d = B2 * B2 - 4.0 * A2 * C2
            if d >= 0.0:
                s = np.sqrt(d)
                for x in ((-B2 + s) / (2.0 * A2), (-B2 - s) / (2.0 * A2)):
                    if a < x < L:
                        pts[n] = x
                        n += 1
        pts[n] = L
        n += 1
        pts[:n].sort()
        best = 0.0
        for i in range(n - 1):
            lo, hi = pts[i], pts[i + 1]
            flo = slope1(RA, w, P, a, C, lo)
            fhi = slope1(RA, w, P, a, C, hi)
            for x in (lo, hi):
                v = abs(defl1(RA, w, P, a, C, x))
                if v > best:
                    best = v
            if (flo < 0.0) != (fhi < 0.0):
                for _ in range(60):
                    mid = 0.5 * (lo + hi)
                    fm = slope1(RA, w, P, a, C, mid)
                    if (fm < 0.0) == (flo < 0.0):
                        lo, flo = mid, fm
                    else:
                        hi = mid
                v = abs(defl1(RA, w, P, a, C, 0.5 * (lo + hi)))
                if v > best:
                    best = v
        return best

    @njit
    def span2_wmax(MB, V0, w, L):
        """max |EI w| over span 2 (x from B): M(x) = MB + V0 x - w x^2/2."""
        C = (MB * L * L / 2.0 + V0 * L ** 3 / 6.0 - w * L ** 4 / 24.0) / L
        pts = np.empty(4)
        n = 0
        pts[n] = 0.0
        n += 1
        if w > 0.0:
            A2, B2, C2 = -w / 2.0, V0, MB
            d = B2 * B2 - 4.0 * A2 * C2
            if d >= 0.0:
                s = np.sqrt(d)
                for x in ((-B2 + s) / (2.0 * A2), (-B2 - s) / (2.0 * A2)):
                    if 0.0 < x < L:
                        pts[n] = x
                        n += 1
        pts[n] = L
        n += 1
        pts[:n].sort()
        best = 0.0
        for i in range(n - 1):
            lo, hi = pts[i], pts[i + 1]
            flo = -(MB * lo + V0 * lo * lo / 2.0 - w * lo ** 3 / 6.0) + C
            fhi = -(MB * hi + V0 * hi * hi / 2.0 - w * hi ** 3 / 6.0) + C
            if (flo < 0.0) != (fhi < 0.0):
                for _ in range(60):
                    mid = 0.5 * (lo + hi)
                    fm = -(MB * mid + V0 * mid * mid / 2.0 - w * mid ** 3 / 6.0) + C
                    if (fm < 0.0) == (flo < 0.0):
                        lo, flo = mid, fm
                    else:
                        hi = mid
                x = 0.5 * (lo + hi)
                v = abs(-(MB * x * x / 2.0 + V0 * x ** 3 / 6.0 - w * x ** 4 / 24.0) + C * x)
                if v > best:
                    best = v
        return best

    span1_wmax, span2_wmax = (span1_wmax, span2_wmax) if wmax is None else wmax(njit)

    @njit(inline="always")
    def forces(w1, w2, P, a, L1, L2):
        """(M_sag, M_hog, V, V at the largest |M|, M at the largest |V|, MB, RA, V0)."""
        MB = -(w1 * L1 ** 3 / 4.0 + w2 * L2 ** 3 / 4.0 + P * a * (L1 * L1 - a * a) / L1) \
            / (2.0 * (L1 + L2))
        b = L1 - a
        RA = w1 * L1 / 2.0 + P * b / L1 + MB / L1
        VBl = RA - w1 * L1 - P
        V0 = w2 * L2 / 2.0 - MB / L2
        RC = w2 * L2 / 2.0 + MB / L2
        Va_l = RA - w1 * a
        Va_r = Va_l - P
        Msag = 0.0
        Vsag = 0.0
        if w1 > 0.0:
            x = RA / w1
            if 0.0 < x < a:
                Msag = RA * x - w1 * x * x / 2.0
            x = (RA - P) / w1
            if a < x < L1:
                m = RA * x - w1 * x * x / 2.0 - P * (x - a)
                if m > Msag:
                    Msag, Vsag = m, 0.0
        m = RA * a - w1 * a * a / 2.0
        if m > Msag:
            Msag, Vsag = m, max(abs(Va_l), abs(Va_r))
        if w2 > 0.0:
            x = V0 / w2
            if 0.0 < x < L2:
                m = MB + V0 * x - w2 * x * x / 2.0
                if m > Msag:
                    Msag, Vsag = m, 0.0
        Mhog = -MB if MB < 0.0 else 0.0
        VB = max(abs(VBl), abs(V0))
        V = max(abs(RA), VB, abs(RC))
        MatV = Mhog if VB >= V else 0.0
        VatM = VB if Mhog >= Msag else Vsag
        return Msag, Mhog, V, VatM, MatV, MB, RA, V0

    @njit(inline="always")
    def check(E, rho, fy, h, b, tw, tf, r, A, I, Wel, Wpl, Avz,
              L1, L2, g, q, P, a, lim_total, lim_var):
        nan = np.nan
        sw = rho * A * dc.GRAVITY
        G = g + sw
        # Class, Table 5.2, and the resistances.
        e = np.sqrt(235e6 / fy)
        cf = (b - tw - 2.0 * r) / 2.0 / tf
        cw = (h - 2.0 * tf - 2.0 * r) / tw
        kf = 1 if cf <= 9.0 * e else 2 if cf <= 10.0 * e else 3 if cf <= 14.0 * e else 4
        kw = 1 if cw <= 72.0 * e else 2 if cw <= 83.0 * e else 3 if cw <= 124.0 * e else 4
        cls = max(kf, kw)
        if cls == 4:
            return 2, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan
        W = Wpl if cls <= 2 else Wel
        McRd = W * fy
        hw = h - 2.0 * tf
        Vpl = max(Avz, hw * tw) * fy / np.sqrt(3.0)
        Aw = hw * tw
        Msag = 0.0
        Mhog = 0.0
        Vmax = 0.0
        u2 = nan
        for k in range(3):
            gG = 1.0 if k == 2 else 1.35
            gQ = 0.0 if k == 0 else 1.5
            for pat in range(1, 4):
                q1 = gQ * q if pat & 1 else 0.0
                q2 = gQ * q if pat & 2 else 0.0
                p1 = gQ * P if pat & 1 else 0.0
                ms, mh, v, vm, mv, _, _, _ = forces(gG * G + q1, gG * G + q2, p1, a, L1, L2)
                Msag = max(Msag, ms)
                Mhog = max(Mhog, mh)
                Vmax = max(Vmax, v)
                m = max(ms, mh)
                for vs, mm in ((vm, m), (v, mv)):
                    if vs > 0.5 * Vpl:
                        rr = min((2.0 * vs / Vpl - 1.0) ** 2, 1.0)
                        if cls <= 2:
                            red = min((Wpl - rr * Aw * Aw / (4.0 * tw)) * fy, McRd)
                        else:
                            red = (1.0 - rr) * McRd
                        u = mm / red if red > 0.0 else np.inf
                        if not u <= u2:
                            u2 = u
        u0 = max(Msag, Mhog) / McRd
        u1 = Vmax / Vpl
        if not hw / tw <= 72.0 * e:
            return 2, Msag, Mhog, Vmax, u0, nan, nan, nan, nan, nan, nan
        # SLS: G + Q (characteristic) and Q alone, per span, over the patterns.
        EI = E * I
        w1t = 0.0
        w2t = 0.0
        w1v = 0.0
        w2v = 0.0
        for pat in range(1, 4):
            q1 = q if pat & 1 else 0.0
            q2 = q if pat & 2 else 0.0
            p1 = P if pat & 1 else 0.0
            for var in range(2):
                gg = 0.0 if var else G
                _, _, _, _, _, MB, RA, V0 = forces(gg + q1, gg + q2, p1, a, L1, L2)
                d1 = span1_wmax(RA, gg + q1, p1, a, L1) / EI
                d2 = span2_wmax(MB, V0, gg + q2, L2) / EI
                if var:
                    w1v, w2v = max(w1v, d1), max(w2v, d2)
                else:
                    w1t, w2t = max(w1t, d1), max(w2t, d2)
        u3 = max(w1t / (L1 / lim_total), w2t / (L2 / lim_total))
        u4 = max(w1v / (L1 / lim_var), w2v / (L2 / lim_var))
        # The deflections reported are those of the span that governs each check.
        wt = w1t if w1t / L1 >= w2t / L2 else w2t
        wv = w1v if w1v / L1 >= w2v / L2 else w2v
        um = max(u0, u1, u3, u4)
        if u2 > um:
            um = u2
        return (0 if um <= 1.0 else 1), Msag, Mhog, Vmax, u0, u1, u2, u3, u4, wt, wv

    @njit(parallel=True)
    def sweep(E, rho, fy, h, b, tw, tf, r, A, I, Wel, Wpl, Avz, L1, L2, g, q, P, a,
              lim_total, lim_var):
        nm, ns, n1, n2, nq = E.size, h.size, L1.size, L2.size, q.size
        n = nm * ns * n1 * n2 * nq
        passing = 0
        refused = 0
        f0 = 0
        f1 = 0
        f2 = 0
        f3 = 0
        f4 = 0
        for i in prange(n):
            iq = i % nq
            t = i // nq
            i2 = t % n2
            t //= n2
            i1 = t % n1
            t //= n1
            js = t % ns
            im = t // ns
            res = check(E[im], rho[im], fy[im], h[js], b[js], tw[js], tf[js], r[js], A[js], I[js],
                        Wel[js], Wpl[js], Avz[js], L1[i1], L2[i2], g, q[iq], P, a, lim_total,
                        lim_var)
            if res[0] == 0:
                passing += 1
            elif res[0] == 2:
                refused += 1
            if res[4] > 1.0:
                f0 += 1
            if res[5] > 1.0:
                f1 += 1
            if res[6] > 1.0:
                f2 += 1
            if res[7] > 1.0:
                f3 += 1
            if res[8] > 1.0:
                f4 += 1
        return passing, refused, f0, f1, f2, f3, f4

    @njit
    def one(E, rho, fy, h, b, tw, tf, r, A, I, Wel, Wpl, Avz, L1, L2, g, q, P, a,
            lim_total, lim_var):
        return check(E, rho, fy, h, b, tw, tf, r, A, I, Wel, Wpl, Avz, L1, L2, g, q, P, a,
                     lim_total, lim_var)

    return sweep, one


def args_of(st):
    s = dc.sections(st["secs"])
    E, rho, fy, t1, G = dc.materials(st["mats"])
    assert (s["tf"] <= t1.min()).all(), "every flange in the first thickness range"
    return (E, rho, fy, s["h"], s["b"], s["tw"], s["tf"], s["r"], s["A"], s["I"], s["Wel"],
            s["Wpl"], s["Avz"])


OUTPUTS = ["M_Ed_Nm", "M_Ed_hogging_Nm", "V_Ed_N"] + ["u_" + c for c in CHECKS] \
    + ["deflection_m", "deflection_variable_m"]


def row_inputs(st, rows):
    """Per row of an engine run: the material and section index, L1, L2, q (the
    study's values nearest to the rounded ones of results.csv)."""
    im = np.array([st["mats"].index(r["material"]) for r in rows], dtype=np.intp)
    js = np.array([st["secs"].index(r["section"]) for r in rows], dtype=np.intp)
    def col(k, grid):
        return dc.snap([float(r[k]) for r in rows], grid)
    return (im, js, col("spans[0]_m", st["L1"]), col("spans[1]_m", st["L2"]),
            col("loads[1].value_N_per_m", st["q"]))


def check_rows(impl, st, one, path):
    a = args_of(st)
    rows = dc.read_rows(path)
    im, js, L1, L2, q = row_inputs(st, rows)
    mine = {k: [] for k in OUTPUTS}
    passes = []
    for i in range(len(rows)):
        pm = [x[im[i]] for x in a[:3]]
        ps = [x[js[i]] for x in a[3:]]
        res = one(*pm, *ps, L1[i], L2[i], st["g"], q[i], st["P"], st["a"], st["lim_total"],
                  st["lim_var"])
        for k, v in zip(OUTPUTS, res[1:]):
            mine[k].append(v)
        passes.append(res[0] == 0)
    dc.compare_rows(impl, rows, mine, passes)


def main(impl="numba", wmax=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("study", nargs="?",
                   default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                        "beam-loads-grid.json"))
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--check", metavar="RESULTS_CSV")
    o = p.parse_args()
    import numba
    numba.set_num_threads(o.threads)
    st = load_study(o.study)
    t0 = time.perf_counter()
    sweep, one = make_kernels(wmax)
    if o.check:
        check_rows(impl, st, one, o.check)
        return
    a = args_of(st)
    tail = (st["g"], st["q"], st["P"], st["a"], st["lim_total"], st["lim_var"])
    sweep(*(x[:1] for x in a), st["L1"][:1], st["L2"][:1], st["g"], st["q"][:1], st["P"],
          st["a"], st["lim_total"], st["lim_var"])
    compile_s = time.perf_counter() - t0
    full = a + (st["L1"], st["L2"]) + tail
    n = len(st["mats"]) * len(st["secs"]) * st["L1"].size * st["L2"].size * st["q"].size
    times, res = dc.time_runs(lambda: sweep(*full), o.repeats)
    dc.report(impl, o.threads, n, times, res, CHECKS, compile_s=compile_s)


if __name__ == "__main__":
    main()
