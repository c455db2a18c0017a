#!/usr/bin/python3
"""bench-design: the beam design path (issues 15 and 16) against numpy/numba versions.

Runs a design study with `parastudy-cli run --rows none` on the serial backend and on
threads with 1 and 2 workers, --repeats times each in turns (one run of each per round,
so that a busy spell of the shared machine does not land on one configuration only),
and reads the wall and CPU time of each run from its summary.json (the run itself, not
the loading of the study). Then it runs the Python versions given with --script (each
prints one JSON line; see design_common.py) at 1 and 2 threads, and checks that they
agree with the engine: the same study with --sample-steps steps per range is run with
every row written, and each script's --check mode evaluates those rows by itself.

Prints, per configuration, the best and median wall time, configurations per second,
the CPU/wall ratio of the best run and the share of the machine that other processes
used during the runs (from /proc/stat, less this benchmark's children); then the
efficiency of 2 workers, the engine / Python ratio at the same thread count, and the
agreement. --json FILE writes every number.

    /usr/bin/python3 bench/bench_design.py --study bench/beam-design-grid.json \
        --script bench/design_numba.py
"""

import argparse
import copy
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def proc_stat():
    """(busy, total) jiffies of the whole machine."""
    with open("/proc/stat", encoding="ascii") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return sum(v) - idle, sum(v)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class LoadMeter:
    """Share of the machine's CPU time used by processes other than our children."""

    def __enter__(self):
        self.b0, self.t0 = proc_stat()
        self.c0 = children_cpu()
        return self

    def __exit__(self, *a):
        b1, t1 = proc_stat()
        hz = os.sysconf("SC_CLK_TCK")
        ours = (children_cpu() - self.c0) * hz
        self.other = max(0.0, (b1 - self.b0 - ours)) / max(1, t1 - self.t0)


def run_engine(cli, study, backend, workers, out, rows="none"):
    cmd = [cli, "run", study, "--backend", backend, "--workers", str(workers), "--rows", rows,
           "--out", out, "--no-history"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        return json.load(f)


def find(d, *names):
    for n in names:
        if n in d:
            return d[n]
    for v in d.values():
        if isinstance(v, dict):
            r = find(v, *names)
            if r is not None:
                return r
    return None


def sample_study(study, steps):
    """The study with every range cut to @steps steps (the same from/to)."""
    def walk(node):
        if isinstance(node, dict):
            if "from" in node and "to" in node and "steps" in node:
                node["steps"] = min(node["steps"], steps)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    st = copy.deepcopy(study)
    walk(st)
    st.pop("group_by", None)
    return st


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--study", required=True)
    p.add_argument("--cli", default=os.path.join(HERE, "..", "build", "app", "parastudy-cli"))
    p.add_argument("--script", action="append", default=[],
                   help="a Python version of the study (repeatable)")
    p.add_argument("--python", default="/usr/bin/python3")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--python-repeats", type=int, default=3)
    p.add_argument("--sample-steps", type=int, default=7)
    p.add_argument("--no-engine", action="store_true")
    p.add_argument("--json")
    o = p.parse_args()

    with open(o.study, encoding="utf-8") as f:
        study = json.load(f)
    tmp = tempfile.mkdtemp(prefix="bench-design-")
    record = {"study": o.study, "repeats": o.repeats, "engine": {}, "python": [],
              "agreement": [], "nproc": os.cpu_count()}
    configs = [("serial", 1), ("threads", 1), ("threads", 2)]
    times = {c: [] for c in configs}
    cpus = {c: [] for c in configs}
    items = None
    passing = set()
    if not o.no_engine:
        with LoadMeter() as lm:
            for rep in range(o.repeats + 1):  # the first round is a warm-up
                for c in configs:
                    s = run_engine(o.cli, o.study, c[0], c[1], os.path.join(tmp, "run"))
                    run = s.get("run", s)
                    wall = find(run, "wall_seconds")
                    cpu = find(run, "cpu_seconds")
                    items = find(run, "items") or items
                    passing.add(json.dumps(find(s, "passing")))
                    if rep > 0:
                        times[c].append(wall)
                        cpus[c].append(cpu)
                    print(f"  {c[0]} x{c[1]} round {rep}: {wall:.4f} s", file=sys.stderr)
        print(f"Engine, {o.study}: {items} configurations, other processes "
              f"{100 * lm.other:.0f} % of the machine during the runs, "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'run':<12} {'best s':>9} {'median s':>9} {'Mconf/s':>9} {'CPU/wall':>9} "
              f"{'Mconf/CPU-s':>12}")
        for c in configs:
            t = times[c]
            best = min(t)
            k = t.index(best)
            rec = {"times_s": t, "cpu_s": cpus[c], "best_s": best, "median_s": statistics.median(t),
                   "configs_per_s": items / best, "cpu_over_wall": cpus[c][k] / best,
                   "configs_per_cpu_s": items / min(cpus[c])}
            record["engine"][f"{c[0]}x{c[1]}"] = rec
            print(f"{c[0] + ' x' + str(c[1]):<12} {best:9.4f} {rec['median_s']:9.4f} "
                  f"{items / best / 1e6:9.3g} {rec['cpu_over_wall']:9.2f} "
                  f"{rec['configs_per_cpu_s'] / 1e6:12.3g}")
        e = record["engine"]
        eff = e["threadsx1"]["best_s"] / e["threadsx2"]["best_s"] / 2
        eff_serial = e["serialx1"]["best_s"] / e["threadsx2"]["best_s"] / 2
        eff_med = e["threadsx1"]["median_s"] / e["threadsx2"]["median_s"] / 2
        record["efficiency_2"] = eff
        record["efficiency_2_vs_serial"] = eff_serial
        record["efficiency_2_median"] = eff_med
        record["other_load"] = lm.other
        record["passing_all_runs"] = sorted(passing)
        print(f"efficiency of 2 workers: {100 * eff:.0f} % against threads x1 (median "
              f"{100 * eff_med:.0f} %), {100 * eff_serial:.0f} % against serial")
        print(f"passing counts over all runs: {', '.join(sorted(passing))}")

    for script in o.script:
        for threads in (1, 2):
            with LoadMeter() as lm:
                r = subprocess.run([o.python, script, o.study, "--threads", str(threads),
                                    "--repeats", str(o.python_repeats)],
                                   check=True, capture_output=True, text=True)
            rec = json.loads(r.stdout.strip().splitlines()[-1])
            rec["script"] = os.path.basename(script)
            rec["other_load"] = lm.other
            record["python"].append(rec)
            if "skipped" in rec:
                print(f"{rec['script']} {threads} thread(s): skipped, {rec['skipped']}")
                continue
            line = (f"{rec['script']} {threads} thread(s): best {rec['best_s']:.4f} s, median "
                    f"{rec['median_s']:.4f} s, {rec['configs_per_s'] / 1e6:.2f} Mconf/s, "
                    f"passing {rec['passing']}, other processes {100 * lm.other:.0f} %")
            if not o.no_engine:
                eng = record["engine"][f"threadsx{threads}"]["best_s"]
                rec["engine_ratio"] = rec["best_s"] / eng
                line += (f"; engine threads x{threads} speed / this one's: "
                         f"{rec['engine_ratio']:.3g} (Python time / engine time)")
            print(line)

    if o.script:
        path = os.path.join(tmp, "sample.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(sample_study(study, o.sample_steps), f)
        run_engine(o.cli, path, "threads", 2, os.path.join(tmp, "sample"), rows="all")
        csv_path = os.path.join(tmp, "sample", "results.csv")
        for script in o.script:
            r = subprocess.run([o.python, script, path, "--check", csv_path], check=True,
                               capture_output=True, text=True)
            rec = json.loads(r.stdout.strip().splitlines()[-1])
            rec["script"] = os.path.basename(script)
            record["agreement"].append(rec)
            print(f"agreement of {rec['script']} on {rec['check_rows']} sampled rows: "
                  f"{rec['pass_flags_differ']} pass flags differ; largest relative differences "
                  + ", ".join(f"{k} {v:.1e}" for k, v in rec["max_rel_diff"].items()))
    if o.json:
        with open(o.json, "w", encoding="utf-8") as f:
            json.dump(record, f, indent=1)


if __name__ == "__main__":
    main()
