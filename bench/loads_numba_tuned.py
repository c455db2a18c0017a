#!/usr/bin/python3
"""The two-span load-case grid (bench/beam-loads-grid.json) with tuned numba kernels.

The second, stronger numba peer of bench_design.py: the computation, the kernel and
the output of loads_numba.py, whose deflection search allocates two small arrays per
call (the breakpoints, then sorted) and runs 60 bisection steps per root. Here the
search allocates nothing and finds each root by safeguarded Newton.

Each span carries M(x) = M0 + V0 x - w x^2/2 - P <x - a> (span 1: M0 = 0, V0 = R_A;
span 2, x from the middle support: M0 = M_B, V0 = the shear to the right of B, P = 0),
so EI w'(x) = C - (M0 x + V0 x^2/2 - w x^3/6 - P <x - a>^2/2) and
EI w(x) = C x - (M0 x^2/2 + V0 x^3/6 - w x^4/24 - P <x - a>^3/6), with C such that
w(L) = 0 (pinned supports, w(0) = 0). The slope is monotonic between consecutive roots
of its derivative -M, taken in order without sorting: 0, the root of M before the load
point (if any), a, the roots of M after it (in increasing order), L; a missing root
repeats the previous breakpoint (an empty interval). In each interval where the slope
changes sign, Newton steps x - w'/w'' = x + w'/M from the midpoint, bracket kept and
bisection taken where a step leaves it, until the step is below 1e-13 L; |EI w| is
taken at the root and at every breakpoint, as loads_numba.py does.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import loads_numba  # noqa: E402


def wmax(njit):
    """The tuned (span1_wmax, span2_wmax) for loads_numba.make_kernels()."""

    @njit
    def slope(M0, V0, w, P, a, C, x):
        t = x - a if x > a else 0.0
        return C - (M0 * x + V0 * x * x / 2.0 - w * x * x * x / 6.0 - P * t * t / 2.0)

    @njit
    def defl(M0, V0, w, P, a, C, x):
        t = x - a if x > a else 0.0
        x2 = x * x
        return C * x - (M0 * x2 / 2.0 + V0 * x2 * x / 6.0 - w * x2 * x2 / 24.0
                        - P * t * t * t / 6.0)

    @njit
    def moment(M0, V0, w, P, a, x):
        t = x - a if x > a else 0.0
        return M0 + V0 * x - w * x * x / 2.0 - P * t

    @njit
    def interval(M0, V0, w, P, a, C, lo, hi, tol, best):
        """@best raised to the largest |EI w| at @lo, @hi and the slope's root between."""
        v = abs(defl(M0, V0, w, P, a, C, hi))
        if v > best:
            best = v
        if not hi > lo:
            return best
        flo = slope(M0, V0, w, P, a, C, lo)
        fhi = slope(M0, V0, w, P, a, C, hi)
        if (flo < 0.0) == (fhi < 0.0):
            return best
        neg = flo < 0.0
        x = 0.5 * (lo + hi)
        for _ in range(100):
            f = slope(M0, V0, w, P, a, C, x)
            if f == 0.0:
                break
            if (f < 0.0) == neg:
                lo = x
            else:
                hi = x
            m = moment(M0, V0, w, P, a, x)
            xn = x + f / m if m != 0.0 else 0.5 * (lo + hi)
            # A step that stays on the bracket's end it came from (a root to the last
            # bit) is kept: bisecting it would throw the root away.
            if not lo <= xn <= hi:
                xn = 0.5 * (lo + hi)
            step = abs(xn - x)
            x = xn
            if step <= tol or hi - lo <= tol:
                break
        v = abs(defl(M0, V0, w, P, a, C, x))
        return v if v > best else best

    @njit
    def roots(w, B, C0, lo, hi):
        """The roots of -w/2 x^2 + B x + C0 in (lo, hi), in increasing order; a missing
        one is @lo (the first) or the first (the second)."""
        r1 = lo
        r2 = lo
        if w > 0.0:
            d = B * B + 2.0 * w * C0
            if d >= 0.0:
                s = d ** 0.5
                x1 = (B - s) / w
                x2 = (B + s) / w
                if lo < x1 < hi:
                    r1 = x1
                if lo < x2 < hi:
                    r2 = x2
                if r1 == lo:
                    r1 = r2
                elif r2 == lo:
                    r2 = r1
        elif w == 0.0 and B != 0.0:
            x1 = -C0 / B
            if lo < x1 < hi:
                r1 = x1
                r2 = x1
        return r1, r2

    @njit
    def span1_wmax(RA, w, P, a, L):
        b = L - a
        C = (RA * L ** 3 / 6.0 - w * L ** 4 / 24.0 - P * b ** 3 / 6.0) / L
        tol = 1e-13 * L
        # Before the load: RA x - w x^2/2 = 0; after it: -w/2 x^2 + (RA - P) x + P a = 0.
        r0, _ = roots(w, RA, 0.0, 0.0, a)
        r1, r2 = roots(w, RA - P, P * a, a, L)
        best = abs(defl(0.0, RA, w, P, a, C, 0.0))
        best = interval(0.0, RA, w, P, a, C, 0.0, r0, tol, best)
        best = interval(0.0, RA, w, P, a, C, r0, a, tol, best)
        best = interval(0.0, RA, w, P, a, C, a, r1, tol, best)
        best = interval(0.0, RA, w, P, a, C, r1, r2, tol, best)
        return interval(0.0, RA, w, P, a, C, r2, L, tol, best)

    @njit
    def span2_wmax(MB, V0, w, L):
        C = (MB * L * L / 2.0 + V0 * L ** 3 / 6.0 - w * L ** 4 / 24.0) / L
        tol = 1e-13 * L
        r1, r2 = roots(w, V0, MB, 0.0, L)
        best = interval(MB, V0, w, 0.0, 0.0, C, 0.0, r1, tol, 0.0)
        best = interval(MB, V0, w, 0.0, 0.0, C, r1, r2, tol, best)
        return interval(MB, V0, w, 0.0, 0.0, C, r2, L, tol, best)

    return span1_wmax, span2_wmax


if __name__ == "__main__":
    loads_numba.main("numba-tuned", wmax)
