#!/usr/bin/python3
"""bench-mpi: the MPI backend against the threads backend on this machine.

1. Strong scaling of the Monte Carlo example (load-strength, no target CoV) and of the
   beam sweep (the crane girder's moving point load at 200,000 positions: 2.4 million
   configurations, each evaluated on its own; the uniform-load grids are summed in
   closed form per run of loads and cost next to nothing without rows) over 1-N ranks, one OpenMP thread per
   rank, from `mpirun -n N parastudy-cli scale STUDY --backend mpi --workers 1,...,N`:
   the ranks start once and each point is a run on the first p of them, so mpirun's
   start-up (about 0.2 s here) is not in the figures. Next to it the threads backend at
   1-cores workers and the hybrid 1 rank x cores threads, so that each core count has
   its MPI, threads and hybrid figures: efficiency = T(threads, p) / T(mpi, p).
2. MPI overhead per chunk: an "empty" study (items that cost nothing), one item per
   chunk, on 2 ranks with rank 0 only coordinating (PARASTUDY_MPI_RANK0_COMPUTES=0),
   so that every chunk is a request, a reply and a commit: wall time / chunks, next to
   the serial and threads backends' figures for the same study.

Each figure is the median of R timed runs after one warm-up (the scale command's own
median). The machine's load from other processes is measured from /proc/stat around
each part and printed with it.

Usage: bench_mpi.py [--cli build/app/parastudy-cli] [--ranks 4] [--repeats 3]
                    [--samples 400000000] [--beam-positions 200000] [--chunks 20000]
                    [--json FILE]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


def cpu_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    tck = os.sysconf("SC_CLK_TCK")
    return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / tck


class Load:
    """CPU seconds of the machine and of our children around a measurement."""

    def __enter__(self):
        self.t0, self.b0 = time.monotonic(), cpu_busy()
        self.c0 = os.times()
        return self

    def __exit__(self, *exc):
        wall = time.monotonic() - self.t0
        busy = cpu_busy() - self.b0
        c1 = os.times()
        own = (c1.children_user + c1.children_system) - (self.c0.children_user + self.c0.children_system)
        self.other = max(0.0, min(1.0, (busy - own) / (wall * os.cpu_count()))) if wall > 0.5 else float("nan")
        self.wall = wall


def env_for(threads):
    env = dict(os.environ)
    env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMP_NUM_THREADS=str(threads), ASAN_OPTIONS="detect_leaks=0")
    return env


def scale(cli, study, backend, workers, repeats, ranks=0, threads=1, extra_env=None, tmp="."):
    out = tempfile.mkdtemp(dir=tmp)
    cmd = []
    if ranks:
        cmd = ["mpirun", "--oversubscribe", "--bind-to", "none", "-n", str(ranks)]
    cmd += [cli, "scale", study, "--backend", backend, "--workers", ",".join(map(str, workers)),
            "--repeats", str(repeats), "--warmup", "1", "--out", out, "--no-history"]
    env = env_for(threads)
    env.update(extra_env or {})
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr))
    with open(os.path.join(out, "scaling.json")) as f:
        doc = json.load(f)
    shutil.rmtree(out)
    return {p["workers"]: p for p in doc["series"][0]["points"]}


def write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap.add_argument("--cli", default=os.path.join(root, "build", "app", "parastudy-cli"))
    ap.add_argument("--ranks", type=int, default=4)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--samples", type=int, default=400_000_000)
    ap.add_argument("--beam-positions", type=int, default=200000,
                    help="load positions of the crane girder (23 as written)")
    ap.add_argument("--chunks", type=int, default=20000)
    ap.add_argument("--json")
    a = ap.parse_args()
    cores = os.cpu_count()
    tmp = tempfile.mkdtemp(prefix="bench-mpi-")
    examples = os.path.join(root, "data", "examples")
    figures = {"cores": cores, "ranks": a.ranks, "repeats": a.repeats}

    with open(os.path.join(examples, "reliability-load-strength.json")) as f:
        mc = json.load(f)
    mc["method"].pop("target_cov", None)
    mc["method"]["samples"] = a.samples
    with open(os.path.join(examples, "beam-crane-girder.json")) as f:
        beam = json.load(f)
    beam["beam"]["load"]["position"]["steps"] = a.beam_positions
    studies = {
        "monte-carlo": write(os.path.join(tmp, "mc.json"), mc),
        "beam": write(os.path.join(tmp, "beam.json"), beam),
    }

    print("# MPI backend: %d cores, up to %d ranks, median of %d runs" % (cores, a.ranks, a.repeats))
    for name, study in studies.items():
        with Load() as load:
            mpi = scale(a.cli, study, "mpi", range(1, a.ranks + 1), a.repeats, ranks=a.ranks, tmp=tmp)
            thr = scale(a.cli, study, "threads", range(1, cores + 1), a.repeats, tmp=tmp)
            hyb = scale(a.cli, study, "mpi", [1], a.repeats, ranks=1, threads=cores, tmp=tmp)
        t1 = mpi[1]["wall_median"]
        print("\n## %s (%s items), other load %.0f %%\n" % (name, mpi[1]["size"], 100 * load.other))
        print("| run | wall s | speedup vs mpi 1 | efficiency | threads backend s | mpi / threads |")
        print("|---|---:|---:|---:|---:|---:|")
        rows = []
        for p in range(1, a.ranks + 1):
            w = mpi[p]["wall_median"]
            t = thr.get(p, {}).get("wall_median")
            over = " (oversubscribed)" if p > cores else ""
            print("| mpi %d rank%s x 1 thread%s | %.3f | %.2f | %.0f %% | %s | %s |" % (
                p, "" if p == 1 else "s", over, w, t1 / w, 100 * t1 / w / p,
                "%.3f" % t if t else "", "%.2f" % (t / w) if t else ""))
            rows.append({"ranks": p, "threads": 1, "wall": w, "threads_backend_wall": t})
        h = hyb[1]["wall_median"]
        t = thr[cores]["wall_median"]
        print("| mpi 1 rank x %d threads | %.3f | %.2f | %.0f %% | %.3f | %.2f |" % (
            cores, h, t1 / h, 100 * t1 / h / cores, t, t / h))
        rows.append({"ranks": 1, "threads": cores, "wall": h, "threads_backend_wall": t})
        figures[name] = {"items": mpi[1]["size"], "other_load": load.other, "rows": rows}

    empty = write(os.path.join(tmp, "empty.json"),
                  {"parastudy": 1, "kind": "empty", "name": "Dispatch", "items": a.chunks, "chunk_items": 1})
    with Load() as load:
        coord = scale(a.cli, empty, "mpi", [2], a.repeats, ranks=2,
                      extra_env={"PARASTUDY_MPI_RANK0_COMPUTES": "0"}, tmp=tmp)
        both = scale(a.cli, empty, "mpi", [1, 2], a.repeats, ranks=2, tmp=tmp)
        ser = scale(a.cli, empty, "serial", [1], a.repeats, tmp=tmp)
        thr = scale(a.cli, empty, "threads", [1, 2], a.repeats, tmp=tmp)
    us = lambda p: 1e6 * p["wall_median"] / a.chunks
    print("\n## Cost per chunk (empty items, one per chunk, %d chunks), other load %.0f %%\n" % (a.chunks, 100 * load.other))
    print("| run | µs per chunk |")
    print("|---|---:|")
    lines = [("serial", us(ser[1])), ("threads 1", us(thr[1])), ("threads 2", us(thr[2])),
             ("mpi 1 rank (rank 0 alone)", us(both[1])),
             ("mpi 2 ranks, rank 0 computes too", us(both[2])),
             ("mpi 2 ranks, rank 0 only coordinates (every chunk a message each way)", us(coord[2]))]
    for label, v in lines:
        print("| %s | %.2f |" % (label, v))
    figures["per_chunk_us"] = dict(lines)
    if a.json:
        write(a.json, figures)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
