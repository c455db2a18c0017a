"""The beam grid of a Parastudy study file, for the Python comparison benchmarks.

Reads the subset of the study format that the benchmark grids use: a simply supported
rectangular beam with a point load at midspan, ranges or single values with SI-prefixed
units, built-in materials from data/materials.csv. Anything else is refused rather than
computed differently from the engine.

The range values are computed with the engine's formula, from + (to - from) * (k / (n - 1))
with the last value set to `to`. np.linspace computes start + k * ((to - from) / (n - 1))
instead, which differs in the last bit for some values; with the engine's values the pass
counts of both sides can be compared exactly (--linspace switches to np.linspace).
"""

import csv
import json
import os
import re

import numpy as np

_BASE = {"m": 1.0, "N": 1.0, "Pa": 1.0}
_PREFIX = {"G": 1e9, "M": 1e6, "k": 1e3, "c": 1e-2, "m": 1e-3}


def _unit_scale(unit):
    if unit in _BASE:
        return _BASE[unit]
    if len(unit) > 1 and unit[0] in _PREFIX and unit[1:] in _BASE:
        return _PREFIX[unit[0]] * _BASE[unit[1:]]
    raise ValueError(f"unit {unit!r} is not supported by the benchmark's reader")


def quantity(v):
    """A number (SI) or a string such as "300 mm" or "10 kN", in SI units."""
    if isinstance(v, (int, float)):
        return float(v)
    m = re.fullmatch(r"\s*([-+0-9.eE]+)\s*([A-Za-z]+)?\s*", v)
    if not m:
        raise ValueError(f"cannot read the quantity {v!r}")
    number = float(m.group(1))
    return number * _unit_scale(m.group(2)) if m.group(2) else number


def values(node, linspace=False):
    """The values of a parameter: a single quantity, a list or a {from, to, steps} range."""
    if isinstance(node, list):
        return np.array([quantity(v) for v in node], dtype=np.float64)
    if isinstance(node, dict):
        if node.get("scale", "linear") != "linear":
            raise ValueError("only linear ranges are supported by the benchmark's reader")
        a, b, n = quantity(node["from"]), quantity(node["to"]), int(node["steps"])
        if linspace:
            return np.linspace(a, b, n)
        out = np.empty(n, dtype=np.float64)
        for k in range(n):
            t = 0.0 if n == 1 else k / (n - 1)
            out[k] = a + (b - a) * t
        if n > 1:
            out[-1] = b
        return out
    return np.array([quantity(node)], dtype=np.float64)


def load_materials(path):
    """name -> (E [Pa], f_d [Pa], density [kg/m3]) from data/materials.csv."""
    out = {}
    with open(path, newline="") as f:
        rows = [line for line in f if line.strip() and not line.startswith("#")]
    for r in csv.DictReader(rows):
        E = float(r["E_GPa"]) * 1e9
        f_k = float(r["f_k_MPa"]) * 1e6
        f_d = float(r["k_mod"]) * f_k / float(r["gamma_M"])
        out[r["name"]] = (E, f_d, float(r["density_kg_m3"]))
    return out


class Grid:
    """Axes of the 4-D grid materials x h x span x load, slowest first (the engine's order)."""

    def __init__(self, study_path, materials_path, linspace=False):
        with open(study_path) as f:
            study = json.load(f)
        beam = study["beam"]
        if beam.get("support") != "simply-supported":
            raise ValueError("the benchmark's Python versions handle simply-supported beams only")
        load = beam["load"]
        if load.get("type") != "point" or load.get("position", "midspan") != "midspan":
            raise ValueError("the benchmark's Python versions handle a point load at midspan only")
        if beam.get("self_weight", False):
            raise ValueError("the benchmark's Python versions handle self_weight = false only")
        sec = beam["section"]
        if not isinstance(sec, dict) or sec.get("shape") != "rectangular":
            raise ValueError("the benchmark's Python versions handle one rectangular section entry")
        b = values(sec["b"], linspace)
        if b.size != 1:
            raise ValueError("the benchmark's Python versions sweep h only, not b")
        mats = beam["material"]
        if isinstance(mats, str):
            mats = [mats]
        table = load_materials(materials_path)
        checks = study.get("checks", {})
        lim = checks.get("deflection_limit", "L/250")
        if not (isinstance(lim, str) and lim[:2] in ("L/", "l/")):
            raise ValueError("the benchmark's Python versions handle an L/N deflection limit only")

        self.materials = list(mats)
        self.E = np.array([table[m][0] for m in mats])
        self.f_d = np.array([table[m][1] for m in mats])
        self.density = np.array([table[m][2] for m in mats])
        self.b = float(b[0])
        self.h = values(sec["h"], linspace)
        self.span = values(beam["span"], linspace)
        self.load = values(load["value"], linspace)
        self.limit_ratio = float(lim[2:])
        self.safety_factor = float(checks.get("safety_factor", 1.0))
        self.shape = (len(mats), self.h.size, self.span.size, self.load.size)
        self.n = int(np.prod(self.shape, dtype=np.int64))


def mem_available():
    """Bytes of memory available now (MemAvailable), or None."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def default_paths():
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(os.path.dirname(here), "data")
    return os.path.join(data, "examples", "beam-grid.json"), os.path.join(data, "materials.csv")


def skip_if_too_big(record, need, fraction):
    """Prints @record as skipped and returns True when @need bytes exceed @fraction of
    the memory available; the benchmark then reports the skip instead of swapping."""
    avail = mem_available()
    record["memory_estimate_bytes"] = need
    if avail is not None and need > fraction * avail:
        record["skipped"] = (f"needs about {need / 2**30:.1f} GiB, more than "
                             f"{fraction:.0%} of the {avail / 2**30:.1f} GiB available")
        print(json.dumps(record), flush=True)
        return True
    return False
