#!/usr/bin/env python3
"""OpenTURNS as an independent oracle for the reliability methods of issue 17.

Random problems: 3 to 6 variables of mixed distributions, a random normal copula, a
random quadratic limit state in the standardised variables, shifted so that beta lies
between 1.5 and 3.5. A problem is kept only where OpenTURNS's FORM, started from the
mean and from three random points, finds one design point. For each kept problem:

  FORM beta and the design point (physical units)  Parastudy vs OpenTURNS, 1e-6 relative
  SORM Breitung                                    1e-3 relative
  Monte Carlo Pf (200,000 samples each)            within 4 combined standard errors

Usage: test-openturns.py PS-REL-ORACLE. Exits 77 (skip) when OpenTURNS is missing
(Debian: python3-openturns, in tools/deps.sh).
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile

try:
    import openturns as ot
except ImportError:
    # A Python of its own (pyenv, a venv) does not see Debian's dist-packages.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath(
        "/usr/bin/python3"
    ) and not os.environ.get("PS_OT_REEXEC"):
        os.environ["PS_OT_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    print("SKIP: OpenTURNS is not installed (Debian: python3-openturns)")
    sys.exit(77)

ORACLE = sys.argv[1]
N_PROBLEMS = int(os.environ.get("PS_OT_PROBLEMS", "14"))
MC_SAMPLES = 200000
rng = random.Random(20261207)
ot.RandomGenerator.SetSeed(20261207)
ot.Log.Show(ot.Log.NONE)


def marginal(rng):
    """A random marginal: (Parastudy's variable object, OpenTURNS distribution)."""
    kind = rng.choice(["normal", "lognormal", "gumbel", "uniform", "weibull", "gamma", "beta",
                       "triangular", "lognormal3", "frechet"])
    m = rng.uniform(5.0, 50.0)
    cov = rng.uniform(0.05, 0.3)
    s = m * cov
    if kind == "normal":
        return {"distribution": "normal", "mean": m, "sd": s}, ot.Normal(m, s)
    if kind == "lognormal":
        return ({"distribution": "lognormal", "mean": m, "sd": s},
                ot.LogNormalMuSigma(m, s, 0.0).getDistribution())
    if kind == "lognormal3":
        lo = m * 0.5
        return ({"distribution": "lognormal", "mean": m, "sd": s, "lower": lo},
                ot.LogNormalMuSigma(m, s, lo).getDistribution())
    if kind == "gumbel":
        return ({"distribution": "gumbel", "mean": m, "sd": s},
                ot.GumbelMuSigma(m, s).getDistribution())
    if kind == "uniform":
        return ({"distribution": "uniform", "lower": m - s * math.sqrt(3), "upper": m + s * math.sqrt(3)},
                ot.Uniform(m - s * math.sqrt(3), m + s * math.sqrt(3)))
    if kind == "weibull":
        k, lam = rng.uniform(2.0, 8.0), m
        return {"distribution": "weibull", "shape": k, "scale": lam}, ot.WeibullMin(lam, k, 0.0)
    if kind == "gamma":
        k, theta = rng.uniform(3.0, 30.0), rng.uniform(0.5, 3.0)
        return ({"distribution": "gamma", "shape": k, "scale": theta},
                ot.Gamma(k, 1.0 / theta, 0.0))
    if kind == "beta":
        a, b = rng.uniform(1.5, 5.0), rng.uniform(1.5, 5.0)
        lo, hi = m - 2 * s, m + 2 * s
        return ({"distribution": "beta", "alpha": a, "beta": b, "lower": lo, "upper": hi},
                ot.Beta(a, b, lo, hi))
    if kind == "frechet":
        alpha, sc = rng.uniform(6.0, 15.0), m
        return ({"distribution": "frechet", "shape": alpha, "scale": sc},
                ot.Frechet(sc, alpha, 0.0))
    lo, hi = m - 2 * s, m + 2.5 * s
    mode = rng.uniform(lo + 0.2 * (hi - lo), hi - 0.2 * (hi - lo))
    return ({"distribution": "triangular", "lower": lo, "mode": mode, "upper": hi},
            ot.Triangular(lo, mode, hi))


def fmt(v):
    return repr(float(v))


def problem(rng):
    n = rng.randint(3, 6)
    names = ["x%d" % i for i in range(n)]
    margs = [marginal(rng) for _ in range(n)]
    # a random normal copula: a few pairs, kept positive definite
    pairs = []
    R = ot.CorrelationMatrix(n)
    for _ in range(rng.randint(0, n)):
        i, j = rng.sample(range(n), 2)
        if any({i, j} == {a, b} for a, b, _ in pairs):
            continue
        rho = rng.uniform(-0.5, 0.5)
        R2 = ot.CorrelationMatrix(R)
        R2[i, j] = rho
        if R2.isPositiveDefinite():
            R = R2
            pairs.append((i, j, rho))
    dist = ot.ComposedDistribution([d for _, d in margs], ot.NormalCopula(R))
    # g = c0 + sum a_i t_i + sum b_ij t_i t_j, t_i = (x_i - m_i)/s_i
    ms = [d.getMean()[0] for _, d in margs]
    ss = [d.getStandardDeviation()[0] for _, d in margs]
    terms = []
    for i in range(n):
        a = rng.choice([-1, 1]) * rng.uniform(0.3, 1.0)
        terms.append("%s * ((%s - %s) / %s)" % (fmt(a), names[i], fmt(ms[i]), fmt(ss[i])))
    for _ in range(rng.randint(1, 3)):
        i, j = rng.randrange(n), rng.randrange(n)
        b = rng.uniform(-0.08, 0.08)
        terms.append("%s * ((%s - %s) / %s) * ((%s - %s) / %s)" % (
            fmt(b), names[i], fmt(ms[i]), fmt(ss[i]), names[j], fmt(ms[j]), fmt(ss[j])))
    c0 = rng.uniform(1.5, 3.5)
    expr = fmt(c0) + " + " + " + ".join(terms)
    return names, margs, pairs, dist, expr


def ot_form(names, dist, expr, start):
    """OpenTURNS's FORM (Abdo-Rackwitz) in OpenTURNS's own standard space: G(u) =
    g(T^-1(u)) with T OpenTURNS's iso-probabilistic transformation of the composed
    distribution. The problem is posed in u directly so that G's gradient can be a
    centred difference of step 1e-5 (error about 1e-10): the gradient of T^-1 that
    OpenTURNS 1.20 uses by default is accurate to about 1e-6 only, which leaves its
    design point off the exact one by a few 1e-6 (checked by hand), above the 1e-6
    this test asks for."""
    n = len(names)
    Ti = dist.getInverseIsoProbabilisticTransformation()
    G = ot.Function(ot.ComposedFunction(ot.SymbolicFunction(names, [expr]), Ti))
    G.setGradient(ot.CenteredFiniteDifferenceGradient(1e-5, G.getEvaluation()))
    G.setHessian(ot.CenteredFiniteDifferenceHessian(1e-4, G.getEvaluation()))
    event = ot.ThresholdEvent(ot.CompositeRandomVector(G, ot.RandomVector(ot.Normal(n))),
                              ot.LessOrEqual(), 0.0)
    start = dist.getIsoProbabilisticTransformation()(start)
    solver = ot.AbdoRackwitz()
    solver.setMaximumIterationNumber(1000)
    solver.setMaximumAbsoluteError(1e-13)
    solver.setMaximumRelativeError(1e-13)
    solver.setMaximumResidualError(1e-13)
    solver.setMaximumConstraintError(1e-13)
    algo = ot.FORM(solver, event, start)
    algo.run()
    return algo.getResult(), event, solver


def run_oracle(names, margs, pairs, expr, method):
    study = {
        "parastudy": 1, "kind": "reliability", "name": "OpenTURNS comparison",
        "variables": {nm: v for nm, (v, _) in zip(names, margs)},
        "correlation": [{"between": [names[i], names[j]], "rho": r, "type": "normal-copula"}
                        for i, j, r in pairs],
        "limit_state": expr,
        "method": method,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(study, fh)
        path = fh.name
    try:
        out = subprocess.run([ORACLE, path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    if out.returncode == 2:
        raise RuntimeError("bad study: " + out.stderr)
    return json.loads(out.stdout)


def close(a, b, rtol, scale=None):
    ref = abs(b) if scale is None else scale
    return abs(a - b) <= rtol * ref


failures = []
kept = 0
tried = 0
while kept < N_PROBLEMS and tried < 6 * N_PROBLEMS:
    tried += 1
    names, margs, pairs, dist, expr = problem(rng)
    # multi-start: the mean and three random points
    starts = [dist.getMean()] + [dist.getRealization() for _ in range(3)]
    results = []
    for st in starts:
        try:
            res, event, _ = ot_form(names, dist, expr, st)
        except Exception:
            results = None
            break
        x = dist.getInverseIsoProbabilisticTransformation()(res.getStandardSpaceDesignPoint())
        g = ot.SymbolicFunction(names, [expr])(x)[0]
        if not (abs(g) < 1e-8 and math.isfinite(res.getHasoferReliabilityIndex())):
            results = None
            break
        results.append(res)
    if not results:
        continue
    betas = [r.getGeneralisedReliabilityIndex() for r in results]
    if max(betas) - min(betas) > 1e-6 * abs(betas[0]) or not (1.0 < betas[0] < 4.0):
        continue
    # one design point: the starts agree on it too, not only on beta (where the distance
    # is nearly flat along the surface, beta is found but the point is ill-determined)
    pts = [r.getStandardSpaceDesignPoint() for r in results]
    if max(abs(p[i] - pts[0][i]) for p in pts for i in range(len(names))) > 1e-7:
        continue
    res = results[0]
    label = "problem %d (%d variables, %d correlations): g = %s" % (tried, len(names), len(pairs), expr)

    ours = run_oracle(names, margs, pairs, expr, {"name": "sorm", "tolerance": 1e-8,
                                                   "max_iterations": 5000})
    if not ours.get("converged"):
        failures.append("%s: Parastudy's FORM did not converge: %s" % (label, ours.get("reason")))
        continue
    kept += 1
    beta_ot = res.getGeneralisedReliabilityIndex()
    x_ot = dist.getInverseIsoProbabilisticTransformation()(res.getStandardSpaceDesignPoint())
    sds = [d.getStandardDeviation()[0] for _, d in margs]
    if not close(ours["beta"], beta_ot, 1e-6):
        failures.append("%s: beta %.12g, OpenTURNS %.12g" % (label, ours["beta"], beta_ot))
    for i, nm in enumerate(names):
        xv = ours["design_point"]["x"][nm]
        # relative to the value, or to the sd where the value is near 0
        if not close(xv, x_ot[i], 1e-6, max(abs(x_ot[i]), sds[i])):
            failures.append("%s: design point %s = %.12g, OpenTURNS %.12g" % (label, nm, xv, x_ot[i]))

    solver = ot.AbdoRackwitz()
    solver.setMaximumAbsoluteError(1e-13)
    solver.setMaximumRelativeError(1e-13)
    solver.setMaximumResidualError(1e-13)
    solver.setMaximumConstraintError(1e-13)
    sorm = ot.SORM(solver, event, res.getStandardSpaceDesignPoint())
    sorm.run()
    breitung_ot = sorm.getResult().getEventProbabilityBreitung()
    breitung = ours["sorm"]["breitung"]
    if breitung is not None and math.isfinite(breitung_ot):
        if not close(breitung, breitung_ot, 1e-3):
            failures.append("%s: SORM Breitung %.8g, OpenTURNS %.8g" % (label, breitung, breitung_ot))

    mc = run_oracle(names, margs, pairs, expr, {"name": "monte-carlo", "samples": MC_SAMPLES,
                                                 "seed": tried})
    sample = dist.getSample(MC_SAMPLES)
    gv = ot.SymbolicFunction(names, [expr])(sample)
    pf_ot = sum(1 for v in gv.asPoint() if v <= 0.0) / MC_SAMPLES
    se = math.sqrt(pf_ot * (1 - pf_ot) / MC_SAMPLES + mc["pf"] * (1 - mc["pf"]) / MC_SAMPLES)
    if abs(mc["pf"] - pf_ot) > 4 * se:
        failures.append("%s: Monte Carlo Pf %.6g, OpenTURNS %.6g (%.1f standard errors)" % (
            label, mc["pf"], pf_ot, abs(mc["pf"] - pf_ot) / se))
    print("ok %d: beta %.9f (OpenTURNS %.9f), Breitung %.6g (%.6g), MC %.5g (%.5g)" % (
        kept, ours["beta"], beta_ot, breitung if breitung else float("nan"), breitung_ot,
        mc["pf"], pf_ot))

if kept < N_PROBLEMS:
    failures.append("only %d of %d problems had a single design point in %d tries" % (kept, N_PROBLEMS, tried))
for f in failures:
    print("FAIL:", f)
print("%d passed, %d failed" % (kept, len(failures)))
sys.exit(1 if failures else 0)
