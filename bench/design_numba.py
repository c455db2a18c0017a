#!/usr/bin/python3
"""The EN 1993-1-1 design grid (bench/beam-design-grid.json) with numba, for bench-design.

The same computation as the engine, written the way a Python user would: a simply
supported rolled I beam under permanent (with self-weight) and imposed uniform loads,
EN 1990 6.10 (1.35 G + 1.5 Q, and 1.0 G + 1.5 Q for a favourable G, which never governs
a simply supported span), the characteristic SLS combination for the deflections, and
the checks of EN 1993-1-1:2005: class (Table 5.2), bending (6.2.5), shear (6.2.6 with
A_v from the table), bending and shear (6.2.8), lateral-torsional buckling between the
end restraints (6.3.2.3 with f, k_c = 1/sqrt(C1); M_cr from NCCI SN003b with C1 = 1.127,
C2 = 0.454 for a UDL and the load on the top flange, z_g = h/2), and the deflection
limits. One @njit(parallel=True) kernel walks the flattened configurations with prange
and reduces the pass and fail counts; --threads sets numba.set_num_threads. The JIT
compile is timed on its own and left out; a full-size call comes first as a warm-up.

Prints one JSON line (configurations per second, best and median of the repeats, and the
counts). With --check RESULTS.csv it instead evaluates the rows of an engine run of the
same study (any sub-grid of it) and prints the largest relative differences of M_Ed,
V_Ed, the deflections, the utilisations and the number of pass flags that differ.
"""

import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import beam_grid  # noqa: E402
from design_common import (GRAVITY, compare_rows, limit_ratio, materials,  # noqa: E402
                           per_length, read_rows, report, sections, snap,
                           time_runs)

CHECKS = ["bending", "shear", "interaction", "ltb", "deflection", "deflection_variable"]


def load_study(path):
    with open(path, encoding="utf-8") as f:
        st = json.load(f)
    beam = st["beam"]
    design = st["design"]
    if (beam["support"] != "simply-supported" or design.get("code") != "EN"
            or design.get("lateral_restraint") != "ends"
            or design.get("load_level") != "top-flange" or not beam.get("self_weight")):
        raise SystemExit("design_numba.py: only the simply supported design grid is supported")
    loads = beam["loads"]
    assert [l["case"] for l in loads] == ["G", "Q"] and all(l["type"] == "uniform" for l in loads)
    mats = beam["material"] if isinstance(beam["material"], list) else [beam["material"]]
    secs = beam["section"]["designation"]
    return dict(
        mats=mats, secs=secs,
        span=beam_grid.values(beam["span"]),
        g=per_length(loads[0]["value"]),
        q=per_length(loads[1]["value"]),
        lim_total=limit_ratio(design["deflection"]["total"]),
        lim_var=limit_ratio(design["deflection"]["variable"]))


def make_kernels():
    from numba import njit, prange

    @njit(inline="always")
    def check(E, rho, fy, G, h, b, tw, tf, r, A, I, Wel, Wpl, Iz, It, Iw, Avz,
              L, g, q, lim_total, lim_var):
        """(status, u_bending, u_shear, u_interaction, u_ltb, u_deflection,
        u_deflection_variable), NaN where a check does not apply; status 0 pass, 1 fail,
        2 refused."""
        nan = np.nan
        sw = rho * A * GRAVITY
        EI = E * I
        # ULS 6.10, the unfavourable G (the favourable one gives less everywhere).
        qd = 1.35 * (g + sw) + 1.5 * q
        M = qd * L * L / 8.0
        V = qd * L / 2.0
        # Class, Table 5.2.
        e = np.sqrt(235e6 / fy)
        cf = (b - tw - 2.0 * r) / 2.0 / tf
        cw = (h - 2.0 * tf - 2.0 * r) / tw
        kf = 1 if cf <= 9.0 * e else 2 if cf <= 10.0 * e else 3 if cf <= 14.0 * e else 4
        kw = 1 if cw <= 72.0 * e else 2 if cw <= 83.0 * e else 3 if cw <= 124.0 * e else 4
        cls = max(kf, kw)
        if cls == 4:
            return 2, nan, nan, nan, nan, nan, nan
        W = Wpl if cls <= 2 else Wel
        McRd = W * fy
        u0 = M / McRd
        hw = h - 2.0 * tf
        Av = max(Avz, hw * tw)
        if not hw / tw <= 72.0 * e:
            return 2, u0, nan, nan, nan, nan, nan
        Vpl = Av * fy / np.sqrt(3.0)
        u1 = V / Vpl
        # 6.2.8 at the support (largest V, M = 0); at midspan V = 0.
        u2 = nan
        if V > 0.5 * Vpl:
            rr = min((2.0 * V / Vpl - 1.0) ** 2, 1.0)
            mv = (Wpl - rr * (hw * tw) ** 2 / (4.0 * tw)) * fy if cls <= 2 else (1.0 - rr) * McRd
            mv = min(mv, McRd)
            u2 = 0.0 / mv if mv > 0.0 else np.inf
        # 6.3.2: the whole span between fork supports, UDL on the top flange.
        C1, C2, zg = 1.127, 0.454, h / 2.0
        m0 = np.pi * np.pi * E * Iz / (L * L)
        c2z = C2 * zg
        Mcr = C1 * m0 * (np.sqrt(Iw / Iz + L * L * G * It / (np.pi * np.pi * E * Iz)
                                 + c2z * c2z) - c2z)
        lam = np.sqrt(W * fy / Mcr)
        alpha = 0.34 if h / b <= 2.0 else 0.49
        phi = 0.5 * (1.0 + alpha * (lam - 0.4) + 0.75 * lam * lam)
        chi = 1.0 / (phi + np.sqrt(phi * phi - 0.75 * lam * lam))
        chi = min(chi, 1.0, 1.0 / (lam * lam))
        t = lam - 0.8
        f = min(1.0 - 0.5 * (1.0 - 1.0 / np.sqrt(C1)) * (1.0 - 2.0 * t * t), 1.0)
        chi = min(chi / f, 1.0)
        u3 = M / (chi * W * fy)
        # SLS characteristic: G + Q; the variable part Q alone.
        k = 5.0 * L ** 4 / (384.0 * EI)
        u4 = k * (g + sw + q) / (L / lim_total)
        u5 = k * q / (L / lim_var)
        um = max(u0, u1, u3, u4, u5)
        if u2 > um:
            um = u2
        return (0 if um <= 1.0 else 1), u0, u1, u2, u3, u4, u5

    @njit(parallel=True)
    def sweep(E, rho, fy, G, h, b, tw, tf, r, A, I, Wel, Wpl, Iz, It, Iw, Avz,
              span, g, q, lim_total, lim_var):
        nm, ns, nL, nq = E.size, h.size, span.size, q.size
        n = nm * ns * nL * nq
        passing = 0
        refused = 0
        f0 = 0
        f1 = 0
        f2 = 0
        f3 = 0
        f4 = 0
        f5 = 0
        for i in prange(n):
            iq = i % nq
            t = i // nq
            iL = t % nL
            t //= nL
            js = t % ns
            im = t // ns
            st, u0, u1, u2, u3, u4, u5 = check(
                E[im], rho[im], fy[im], G[im], h[js], b[js], tw[js], tf[js], r[js], A[js], I[js],
                Wel[js], Wpl[js], Iz[js], It[js], Iw[js], Avz[js], span[iL], g, q[iq], lim_total,
                lim_var)
            if st == 0:
                passing += 1
            elif st == 2:
                refused += 1
            if u0 > 1.0:
                f0 += 1
            if u1 > 1.0:
                f1 += 1
            if u2 > 1.0:
                f2 += 1
            if u3 > 1.0:
                f3 += 1
            if u4 > 1.0:
                f4 += 1
            if u5 > 1.0:
                f5 += 1
        return passing, refused, f0, f1, f2, f3, f4, f5

    @njit
    def one(E, rho, fy, G, h, b, tw, tf, r, A, I, Wel, Wpl, Iz, It, Iw, Avz,
            L, g, q, lim_total, lim_var):
        return check(E, rho, fy, G, h, b, tw, tf, r, A, I, Wel, Wpl, Iz, It, Iw, Avz,
                     L, g, q, lim_total, lim_var)

    return sweep, one


def args_of(st):
    s = sections(st["secs"])
    E, rho, fy, t1, G = materials(st["mats"])
    assert (s["tf"] <= t1.min()).all(), "every flange in the first thickness range"
    return (E, rho, fy, G, s["h"], s["b"], s["tw"], s["tf"], s["r"], s["A"], s["I"], s["Wel"],
            s["Wpl"], s["Iz"], s["It"], s["Iw"], s["Avz"])


def check_rows(st, one, path):
    """Compares with an engine run's results.csv."""
    mats, secs = st["mats"], st["secs"]
    a = args_of(st)
    rows = read_rows(path)
    mine = {k: [] for k in ["M_Ed_Nm", "V_Ed_N", "deflection_m", "deflection_variable_m"]
            + ["u_" + c for c in CHECKS]}
    passes = []
    spans = snap([float(row["span_m"]) for row in rows], st["span"])
    loads = snap([float(row["loads[1].value_N_per_m"]) for row in rows], st["q"])
    for row, L, q in zip(rows, spans, loads):
        im = mats.index(row["material"])
        js = secs.index(row["section"])
        g = float(st["g"][0])
        pm = [x[im] for x in a[:4]]
        ps = [x[js] for x in a[4:]]
        res = one(*pm, *ps, L, g, q, st["lim_total"], st["lim_var"])
        status, u = res[0], res[1:]
        sw = a[1][im] * a[9][js] * GRAVITY
        qd = 1.35 * (g + sw) + 1.5 * q
        mine["M_Ed_Nm"].append(qd * L * L / 8)
        mine["V_Ed_N"].append(qd * L / 2)
        mine["deflection_m"].append(u[4] * L / st["lim_total"])
        mine["deflection_variable_m"].append(u[5] * L / st["lim_var"])
        for c, name in enumerate(CHECKS):
            mine["u_" + name].append(u[c])
        passes.append(status == 0)
    compare_rows("numba", rows, mine, passes)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("study", nargs="?",
                   default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                        "beam-design-grid.json"))
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--check", metavar="RESULTS_CSV")
    o = p.parse_args()
    import numba
    numba.set_num_threads(o.threads)
    st = load_study(o.study)
    t0 = time.perf_counter()
    sweep, one = make_kernels()
    if o.check:
        check_rows(st, one, o.check)
        return
    a = args_of(st)
    small = tuple(x[:1] for x in a)
    sweep(*small, st["span"][:1], st["g"][0], st["q"][:1], st["lim_total"], st["lim_var"])
    compile_s = time.perf_counter() - t0
    full = a + (st["span"], float(st["g"][0]), st["q"], st["lim_total"], st["lim_var"])
    n = len(st["mats"]) * len(st["secs"]) * st["span"].size * st["q"].size
    times, res = time_runs(lambda: sweep(*full), o.repeats)
    report("numba", o.threads, n, times, res, CHECKS, compile_s=compile_s)


if __name__ == "__main__":
    main()
