"""What the Python versions of the design benchmarks share (see bench_design.py).

The data readers (sections, materials and steel grades from data/, the load and limit
values of a study), the timing loop and its one-line JSON record, and the row check:
the comparison of an implementation's outputs with the rows of an engine run's
results.csv (the largest relative difference of every output and the number of pass
flags that differ). design_numba.py, loads_numba.py, loads_numba_tuned.py and
loads_numpy.py import it.
"""

import csv
import json
import os
import statistics
import time

import numpy as np

import beam_grid

GRAVITY = 9.80665
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")


def read_csv(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as f:
        rows = [r for r in f if not r.startswith("#")]
    return list(csv.DictReader(rows))


def sections(names):
    """Section properties in SI, one array per property, in the order of @names."""
    table = {r["designation"]: r for r in read_csv("sections.csv")}
    cols = {"h": ("h_mm", 1e-3), "b": ("b_mm", 1e-3), "tw": ("tw_mm", 1e-3),
            "tf": ("tf_mm", 1e-3), "r": ("r_mm", 1e-3), "A": ("A_cm2", 1e-4),
            "I": ("Iy_cm4", 1e-8), "Wel": ("Wely_cm3", 1e-6), "Wpl": ("Wply_cm3", 1e-6),
            "Iz": ("Iz_cm4", 1e-8), "It": ("It_cm4", 1e-8), "Iw": ("Iw_cm6", 1e-12),
            "Avz": ("Avz_cm2", 1e-4)}
    out = {}
    for key, (col, scale) in cols.items():
        out[key] = np.array([float(table[n][col]) * scale for n in names])
    return out


def materials(names):
    """E and density from materials.csv; f_y (t <= t1) and G from steel-grades.csv."""
    mats = {r["name"]: r for r in read_csv("materials.csv")}
    grades = {r["name"]: r for r in read_csv("steel-grades.csv")}
    E = np.array([float(mats[n]["E_GPa"]) * 1e9 for n in names])
    rho = np.array([float(mats[n]["density_kg_m3"]) for n in names])
    fy = np.array([float(grades[n]["fy1"]) * 1e6 for n in names])
    t1 = np.array([float(grades[n]["t1_mm"]) * 1e-3 for n in names])
    G = np.array([float(grades[n]["G"]) * 1e6 for n in names])
    return E, rho, fy, t1, G


def per_length(node):
    """beam_grid.values() of a load per length ("8.5 kN/m"): N/m."""
    def strip(v):
        return v[:-2] if isinstance(v, str) and v.endswith("/m") else v
    if isinstance(node, dict):
        node = dict(node, **{k: strip(node[k]) for k in ("from", "to") if k in node})
    elif isinstance(node, list):
        node = [strip(v) for v in node]
    else:
        node = strip(node)
    return beam_grid.values(node)


def limit_ratio(text):
    assert text.startswith("L/")
    return float(text[2:])


def read_rows(path):
    """The rows of an engine run's results.csv, as dicts."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def snap(values, grid):
    """Each of @values (read from results.csv, 10 significant digits) replaced by the
    nearest value of the study's @grid, so that the check computes with the engine's
    inputs: the rounding of the inputs alone moves a deflection (q L^4) by up to about
    5e-10 relative, as much as the rounding of the outputs."""
    values = np.asarray(values, dtype=np.float64)
    order = np.argsort(grid)
    g = np.asarray(grid, dtype=np.float64)[order]
    k = np.clip(np.searchsorted(g, values), 1, max(1, g.size - 1))
    if g.size == 1:
        return np.full(values.shape, g[0])
    k -= np.abs(values - g[k - 1]) <= np.abs(g[k] - values)
    return g[k]


def compare_rows(impl, rows, mine, passes):
    """Prints the agreement record of @impl with the engine's @rows: @mine maps each
    output (a results.csv column) to one value per row, NaN where the implementation
    has none; @passes holds its pass flag per row."""
    worst = {}
    for k, values in mine.items():
        v = np.asarray(values, dtype=np.float64)
        text = [row.get(k, "") for row in rows]
        empty = np.array([t == "" for t in text], dtype=bool)
        ref = np.array([np.nan if t == "" else float(t) for t in text])
        nan = np.isnan(v)
        if (empty != nan).any():
            worst[k] = float("inf")
            continue
        both = ~empty & ~nan
        if not both.any():
            continue
        # A utilisation of about 1e-15 (the rounding of a zero moment) compares as 0.
        floor = 1e-6 if k.startswith("u_") else 1e-300
        d = np.abs(v[both] - ref[both]) / np.maximum(np.abs(ref[both]), floor)
        worst[k] = float(d.max())
    engine = np.array([row["pass"] in ("true", "1", "yes") for row in rows], dtype=bool)
    flips = int(np.count_nonzero(engine != np.asarray(passes, dtype=bool)))
    print(json.dumps({"impl": impl, "check_rows": len(rows), "pass_flags_differ": flips,
                      "max_rel_diff": worst}))


def time_runs(sweep, repeats):
    """Runs @sweep once as a warm-up (the page faults of the first large allocations,
    numba's first call of a size), then @repeats times; returns (times, last result)."""
    sweep()
    times = []
    res = None
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        res = sweep()
        times.append(time.perf_counter() - t0)
    return times, res


def print_record(rec):
    print(json.dumps(rec), flush=True)


def report(impl, threads, n, times, counts, checks, **extra):
    """Prints the one JSON line that bench_design.py reads: @counts is (passing,
    refused, failing of each of @checks)."""
    best = min(times)
    rec = {"impl": impl, "threads": threads, "configurations": n}
    rec.update(extra)
    rec.update({"times_s": times, "best_s": best, "median_s": statistics.median(times),
                "configs_per_s": n / best, "passing": int(counts[0]),
                "refused": int(counts[1]),
                "failing_by_check": dict(zip(checks, map(int, counts[2:])))})
    print_record(rec)
