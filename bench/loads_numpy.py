#!/usr/bin/python3
"""The two-span load-case grid (bench/beam-loads-grid.json) with numpy, for bench_design.py.

The computation of loads_numba.py (see there and bench/README.md: a rolled I beam
continuous over two spans, G uniform with self-weight, Q uniform and a Q point load in
the first span, pattern loading, EN 1990 6.10 with 1.35 G, 1.35 G + 1.5 Q and
1.0 G + 1.5 Q, SLS G + Q and Q alone, the EN 1993-1-1 checks without LTB), written the
way a numpy user would: each quantity is an array broadcast over the grid axes
(sections x span 1 x span 2 x imposed loads), every load arrangement is a handful of
whole-array expressions, and the grid is processed in blocks (boxes of the grid: whole
trailing axes, the next one cut) so that the temporaries stay within memory; no Python
loop runs per configuration. Combination 1.35 G has no imposed load, so its three
patterns are one state: 7 ULS states, 6 SLS ones.

The largest deflection of each span: the slope is monotonic between the roots of the
moment (its derivative), which are known in closed form (the moment is quadratic in x
on each side of the point load), so each span is cut at 0, the roots of M, the load
point and L (a missing root repeats the previous breakpoint: an empty interval). In
every interval where the slope changes sign, the root is found by safeguarded Newton
(x + w'/M from the midpoint, the bracket kept, bisection where a step leaves it) on
the compressed array of those intervals, until every step is below 1e-13 L; |EI w| is
taken there and at every breakpoint, as loads_numba.py does.

numpy's element-wise operations run on one thread: --threads is accepted (so that
bench_design.py calls every script alike) and reported, and keeps any threaded library
numpy loads to that number. Memory: the block's temporaries are estimated at
BYTES_PER_CONFIG per configuration; the block is shrunk to fit --max-memory-fraction of
MemAvailable, and the script prints a "skipped" record if even one line of the grid
(one value of every axis but the last) would not fit. Prints the one JSON line of
loads_numba.py; --check RESULTS.csv evaluates the rows of an engine run (the same
function, broadcast over the rows instead of the grid) and prints the agreement.
"""

import argparse
import os
import sys
import time

# Before numpy is imported: keep any threaded library numpy might load to --threads.
_threads = "1"
for _i, _a in enumerate(sys.argv):
    if _a == "--threads" and _i + 1 < len(sys.argv):
        _threads = sys.argv[_i + 1]
    elif _a.startswith("--threads="):
        _threads = _a.split("=", 1)[1]
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = _threads

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import beam_grid  # noqa: E402
import design_common as dc  # noqa: E402
from loads_numba import CHECKS, OUTPUTS, args_of, load_study, row_inputs  # noqa: E402

# Peak bytes allocated by evaluate() per configuration of a block (measured with
# tracemalloc on blocks of 10^4 and 10^5 configurations: about 510), with a margin.
BYTES_PER_CONFIG = 768
NEWTON_TOL = 1e-13
NEWTON_MAX = 100


def roots(w, B, C0, lo, hi):
    """The roots of -w/2 x^2 + B x + C0 in (lo, hi), as two arrays in increasing order;
    a missing one is @lo (the first) or the first (the second)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        d = B * B + 2.0 * w * C0
        quad = (w > 0.0) & (d >= 0.0)
        s = np.sqrt(np.maximum(d, 0.0))
        x1 = (B - s) / w
        x2 = (B + s) / w
        xl = -C0 / B
    lin = (w == 0.0) & (B != 0.0)
    x1 = np.where(quad, x1, xl)
    v1 = (quad | lin) & (lo < x1) & (x1 < hi)
    v2 = quad & (lo < x2) & (x2 < hi)
    r1 = np.where(v1, x1, np.where(v2, x2, lo))
    r2 = np.where(v2, x2, r1)
    return r1, r2


class Span:
    """A span under M(x) = M0 + V0 x - w x^2/2 - P <x - a>, pinned at 0 and L:
    EI w'(x) = C - (M0 x + V0 x^2/2 - w x^3/6 - P <x - a>^2/2) and
    EI w(x) = C x - (M0 x^2/2 + V0 x^3/6 - w x^4/24 - P <x - a>^3/6), w(L) = 0.
    Each argument is a contiguous array of the grid's shape or a scalar (P = 0: no
    point load)."""

    def __init__(self, M0, V0, w, P, a, L):
        self.M0, self.V0, self.w, self.P, self.a, self.L = M0, V0, w, P, a, L
        self.point = not (np.isscalar(P) and P == 0.0)
        self.C = (M0 * L * L / 2.0 + V0 * L**3 / 6.0 - w * L**4 / 24.0) / L
        if self.point:
            self.C -= P * (L - a)**3 / 6.0 / L

    def take(self, idx):
        """The span of the flat indices @idx."""
        s = Span.__new__(Span)
        for k in ("M0", "V0", "w", "P", "a", "L", "C"):
            v = getattr(self, k)
            setattr(s, k, v if np.isscalar(v) else v.reshape(-1)[idx])
        s.point = self.point
        return s

    def slope(self, x):
        f = self.C - x * (self.M0 + x * (self.V0 / 2.0 - x * self.w / 6.0))
        if self.point:
            t = np.maximum(x - self.a, 0.0)
            f += self.P * t * t / 2.0
        return f

    def moment(self, x):
        m = self.M0 + x * (self.V0 - x * self.w / 2.0)
        if self.point:
            m -= self.P * np.maximum(x - self.a, 0.0)
        return m

    def defl(self, x):
        x2 = x * x
        v = self.C * x - x2 * (self.M0 / 2.0 + x * (self.V0 / 6.0 - x * self.w / 24.0))
        if self.point:
            t = np.maximum(x - self.a, 0.0)
            v += self.P * t * t * t / 6.0
        return v

    def wmax(self, breakpoints):
        """The largest |EI w| at @breakpoints (increasing, 0 to L, with the roots of M
        among them) and at the roots of the slope between them; w = 0 at 0 and L, so
        those two are not evaluated."""
        best = np.zeros(np.shape(self.C))
        f = [self.slope(x) for x in breakpoints]
        last = len(breakpoints) - 2
        for i, (lo, hi, flo, fhi) in enumerate(zip(breakpoints, breakpoints[1:], f, f[1:])):
            if i < last:
                np.maximum(best, np.abs(self.defl(hi)), out=best)
            idx = np.flatnonzero((flo < 0.0) != (fhi < 0.0))
            if idx.size == 0:
                continue
            s = self.take(idx)
            lo = lo.reshape(-1)[idx]
            hi = hi.reshape(-1)[idx]
            neg = flo.reshape(-1)[idx] < 0.0
            tol = NEWTON_TOL * s.L
            x = 0.5 * (lo + hi)
            for _ in range(NEWTON_MAX):
                fx = s.slope(x)
                below = (fx < 0.0) == neg
                lo = np.where(below, x, lo)
                hi = np.where(below, hi, x)
                m = s.moment(x)
                with np.errstate(divide="ignore", invalid="ignore"):
                    xn = x + fx / m
                # A step that stays on the bracket's end it came from (a root to the
                # last bit) is kept: bisecting it would throw the root away.
                xn = np.where((lo <= xn) & (xn <= hi), xn, 0.5 * (lo + hi))
                done = (np.abs(xn - x) <= tol) | (hi - lo <= tol)
                x = xn
                if done.all():
                    break
            flat = best.reshape(-1)
            flat[idx] = np.maximum(flat[idx], np.abs(s.defl(x)))
        return best


def forces(w1, w2, P, a, L1, L2):
    """Support moment M_B by the three-moment equation (Clapeyron; loads_numba.py),
    left reaction R_A and the shear to the right of B, by statics of each span."""
    MB = -(w1 * L1**3 / 4.0 + w2 * L2**3 / 4.0 + P * a * (L1 * L1 - a * a) / L1) \
        / (2.0 * (L1 + L2))
    RA = w1 * L1 / 2.0 + P * (L1 - a) / L1 + MB / L1
    V0 = w2 * L2 / 2.0 - MB / L2
    return MB, RA, V0


def uls_forces(w1, w2, P, a, L1, L2):
    """(M_sag, M_hog, V, V at the largest |M|, M at the largest |V|) as loads_numba.py's
    forces(); w1 and w2 are positive in every ULS state (they hold G)."""
    MB, RA, V0 = forces(w1, w2, P, a, L1, L2)
    VBl = RA - w1 * L1 - P
    RC = w2 * L2 / 2.0 + MB / L2
    Va_l = RA - w1 * a
    Va_r = Va_l - P
    x = RA / w1
    Msag = np.where((0.0 < x) & (x < a), RA * x - w1 * x * x / 2.0, 0.0)
    Vsag = np.zeros_like(Msag)
    x = (RA - P) / w1
    m = RA * x - w1 * x * x / 2.0 - P * (x - a)
    c = (a < x) & (x < L1) & (m > Msag)
    Msag = np.where(c, m, Msag)
    Vsag = np.where(c, 0.0, Vsag)
    m = RA * a - w1 * a * a / 2.0
    c = m > Msag
    Msag = np.where(c, m, Msag)
    Vsag = np.where(c, np.maximum(np.abs(Va_l), np.abs(Va_r)), Vsag)
    x = V0 / w2
    m = MB + V0 * x - w2 * x * x / 2.0
    c = (0.0 < x) & (x < L2) & (m > Msag)
    Msag = np.where(c, m, Msag)
    Vsag = np.where(c, 0.0, Vsag)
    Mhog = np.where(MB < 0.0, -MB, 0.0)
    VB = np.maximum(np.abs(VBl), np.abs(V0))
    V = np.maximum(np.maximum(np.abs(RA), VB), np.abs(RC))
    MatV = np.where(VB >= V, Mhog, 0.0)
    VatM = np.where(Mhog >= Msag, VB, Vsag)
    return Msag, Mhog, V, VatM, MatV


def evaluate(E, rho, fy, h, b, tw, tf, r, A, I, Wel, Wpl, Avz, L1, L2, g, q, P, a,
             lim_total, lim_var):
    """Every argument broadcast against the others (the grid's axes, or one axis of
    rows): (status, M_sag, M_hog, V, u_bending, u_shear, u_interaction, u_deflection,
    u_deflection_variable, w_total, w_variable), NaN where a check does not apply,
    status 0 pass, 1 fail, 2 refused (class 4, or a web that buckles in shear)."""
    shape = np.broadcast_shapes(*(np.shape(x) for x in (h, L1, L2, q)))
    G = g + rho * A * dc.GRAVITY
    assert (G > 0.0).all()
    # Class, EN 1993-1-1 Table 5.2, and the resistances (6.2.5, 6.2.6).
    e = np.sqrt(235e6 / fy)
    cf = (b - tw - 2.0 * r) / 2.0 / tf
    cw = (h - 2.0 * tf - 2.0 * r) / tw
    kf = np.select([cf <= 9.0 * e, cf <= 10.0 * e, cf <= 14.0 * e], [1, 2, 3], 4)
    kw = np.select([cw <= 72.0 * e, cw <= 83.0 * e, cw <= 124.0 * e], [1, 2, 3], 4)
    cls = np.maximum(kf, kw)
    W = np.where(cls <= 2, Wpl, Wel)
    McRd = W * fy
    hw = h - 2.0 * tf
    Vpl = np.maximum(Avz, hw * tw) * fy / np.sqrt(3.0)
    Aw = hw * tw
    # ULS states: (gamma_G, gamma_Q, pattern); 1.35 G alone needs one pattern only.
    Msag = Mhog = Vmax = 0.0
    u2 = np.full(shape, np.nan)
    for gG, gQ, pat in [(1.35, 0.0, 3)] + [(gG, 1.5, p) for gG in (1.35, 1.0) for p in (1, 2, 3)]:
        q1 = gQ * q if pat & 1 else 0.0
        q2 = gQ * q if pat & 2 else 0.0
        p1 = gQ * P if pat & 1 else 0.0
        ms, mh, v, vm, mv = uls_forces(gG * G + q1, gG * G + q2, p1, a, L1, L2)
        Msag = np.maximum(Msag, ms)
        Mhog = np.maximum(Mhog, mh)
        Vmax = np.maximum(Vmax, v)
        m = np.maximum(ms, mh)
        # EN 1993-1-1 6.2.8: bending and shear where V_Ed > V_pl,Rd / 2; (6.29) for
        # rho, (6.30) for class 1 and 2 I sections, (1 - rho) M_c,Rd otherwise.
        for vs, mm in ((vm, m), (v, mv)):
            c = vs > 0.5 * Vpl
            if not c.any():
                continue
            rr = np.minimum((2.0 * vs / Vpl - 1.0)**2, 1.0)
            red = np.where(cls <= 2, np.minimum((Wpl - rr * Aw * Aw / (4.0 * tw)) * fy, McRd),
                           (1.0 - rr) * McRd)
            with np.errstate(divide="ignore", invalid="ignore"):
                u = np.where(red > 0.0, mm / red, np.inf)
            u2 = np.where(c & ~(u <= u2), u, u2)
    u0 = np.maximum(Msag, Mhog) / McRd
    u1 = Vmax / Vpl
    # SLS: G + Q (characteristic) and Q alone, per span, over the patterns.
    EI = E * I
    L1f = np.ascontiguousarray(np.broadcast_to(L1, shape))
    L2f = np.ascontiguousarray(np.broadcast_to(L2, shape))
    zero = np.zeros(shape)
    af = np.full(shape, a)
    w1t = w2t = w1v = w2v = zero
    for pat in (1, 2, 3):
        for var in (False, True):
            gg = 0.0 if var else G
            w1 = np.ascontiguousarray(np.broadcast_to(gg + (q if pat & 1 else 0.0), shape))
            w2 = np.ascontiguousarray(np.broadcast_to(gg + (q if pat & 2 else 0.0), shape))
            p1 = P if pat & 1 else 0.0
            MB, RA, V0 = forces(w1, w2, p1, a, L1f, L2f)
            span1 = Span(0.0, RA, w1, p1, a, L1f)
            r0, _ = roots(w1, RA, 0.0, 0.0, a)
            r1, r2 = roots(w1, RA - p1, p1 * a, a, L1f)
            d1 = span1.wmax([zero, r0, af, r1, r2, L1f]) / EI
            span2 = Span(MB, V0, w2, 0.0, 0.0, L2f)
            r1, r2 = roots(w2, V0, MB, 0.0, L2f)
            d2 = span2.wmax([zero, r1, r2, L2f]) / EI
            if var:
                w1v, w2v = np.maximum(w1v, d1), np.maximum(w2v, d2)
            else:
                w1t, w2t = np.maximum(w1t, d1), np.maximum(w2t, d2)
    u3 = np.maximum(w1t / (L1 / lim_total), w2t / (L2 / lim_total))
    u4 = np.maximum(w1v / (L1 / lim_var), w2v / (L2 / lim_var))
    # The deflections reported are those of the span that governs each check.
    wt = np.where(w1t / L1 >= w2t / L2, w1t, w2t)
    wv = np.where(w1v / L1 >= w2v / L2, w1v, w2v)
    um = np.maximum(np.maximum(u0, u1), np.maximum(u3, u4))
    um = np.where(u2 > um, u2, um)
    status = np.where(um <= 1.0, 0, 1)
    # Refused: class 4 (nothing computed), or hw/tw > 72 eps (6.2.6(6): only u_bending).
    c4 = np.broadcast_to(cls == 4, shape)
    web = np.broadcast_to(~(hw / tw <= 72.0 * e), shape) & ~c4
    out = [status, Msag, Mhog, Vmax, u0, u1, u2, u3, u4, wt, wv]
    out = [np.broadcast_to(x, shape).astype(np.float64) for x in out]
    for k, x in enumerate(out):
        if k == 0:
            x[c4 | web] = 2
        else:
            x[c4] = np.nan
            if k >= 5:
                x[web] = np.nan
    return out


def blocks(shape, limit):
    """Boxes of the grid of @shape (tuples of slices) of at most @limit configurations:
    the trailing axes whole while they fit, the next one cut in chunks, the ones before
    it one index at a time (main() keeps @limit at one whole last axis or more)."""
    d, inner = len(shape), 1
    while d > 1 and inner * shape[d - 1] <= limit:
        inner *= shape[d - 1]
        d -= 1
    k = max(1, limit // inner)
    for idx in np.ndindex(*shape[:d - 1]):
        for s in range(0, shape[d - 1], k):
            yield (tuple(slice(i, i + 1) for i in idx) + (slice(s, s + k),)
                   + (slice(None),) * (len(shape) - d))


def sweep(st, a, block):
    """The counts of the whole grid: (passing, refused, failing of each check)."""
    E, rho, fy = a[:3]
    secs = a[3:]
    L1, L2, q = st["L1"], st["L2"], st["q"]
    shape = (secs[0].size, L1.size, L2.size, q.size)
    counts = np.zeros(2 + len(CHECKS), dtype=np.int64)
    for im in range(E.size):
        for box in blocks(shape, block):
            ss, s1, s2, sq = box
            res = evaluate(E[im], rho[im], fy[im], *(x[ss, None, None, None] for x in secs),
                           L1[None, s1, None, None], L2[None, None, s2, None],
                           st["g"], q[None, None, None, sq], st["P"], st["a"],
                           st["lim_total"], st["lim_var"])
            counts[0] += np.count_nonzero(res[0] == 0)
            counts[1] += np.count_nonzero(res[0] == 2)
            for c in range(len(CHECKS)):
                counts[2 + c] += np.count_nonzero(res[4 + c] > 1.0)
    return counts


def check_rows(st, path):
    a = args_of(st)
    rows = dc.read_rows(path)
    im, js, L1, L2, q = row_inputs(st, rows)
    res = evaluate(*(x[im] for x in a[:3]), *(x[js] for x in a[3:]), L1, L2, st["g"], q,
                   st["P"], st["a"], st["lim_total"], st["lim_var"])
    dc.compare_rows("numpy", rows, dict(zip(OUTPUTS, res[1:])), res[0] == 0)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("study", nargs="?",
                   default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                        "beam-loads-grid.json"))
    p.add_argument("--threads", type=int, default=1,
                   help="accepted and reported; numpy's element-wise work is single-threaded")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--check", metavar="RESULTS_CSV")
    p.add_argument("--block", type=int, default=1 << 15,
                   help="configurations per block at most (default %(default)s)")
    p.add_argument("--max-memory-fraction", type=float, default=0.7,
                   help="the blocks' estimated memory stays below this fraction of "
                   "MemAvailable (default %(default)s)")
    o = p.parse_args()
    st = load_study(o.study)
    if o.check:
        check_rows(st, o.check)
        return 0
    a = args_of(st)
    n = len(st["mats"]) * len(st["secs"]) * st["L1"].size * st["L2"].size * st["q"].size
    record = {"impl": "numpy", "threads": o.threads, "threads_used": 1,
              "numpy": np.__version__, "configurations": n}
    avail = beam_grid.mem_available()
    block = o.block
    if avail is not None:
        block = min(block, int(o.max_memory_fraction * avail / BYTES_PER_CONFIG))
    line = st["q"].size
    if block < line:
        need = line * BYTES_PER_CONFIG
        record["memory_estimate_bytes"] = need
        record["skipped"] = (f"one block of {line} configurations needs about "
                             f"{need / 2**20:.3g} MiB, more than {100 * o.max_memory_fraction:g} "
                             f"% of the {avail / 2**20:.0f} MiB available (MemAvailable)")
        print(record["skipped"], file=sys.stderr)
        dc.print_record(record)
        return 0
    record["block_configurations"] = block
    record["memory_estimate_bytes"] = block * BYTES_PER_CONFIG
    t0 = time.perf_counter()
    times, res = dc.time_runs(lambda: sweep(st, a, block), o.repeats)
    record["warmup_s"] = time.perf_counter() - t0 - sum(times)
    dc.report(record.pop("impl"), record.pop("threads"), record.pop("configurations"), times,
              res, CHECKS, **record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
