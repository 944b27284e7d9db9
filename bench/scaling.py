#!/usr/bin/env python3
"""Strong and weak scaling of distributed runs (docs/scaling.md): Brunel 2000 model A at a given
size, run by `mpirun -np R axon run` with one thread per rank, interleaved, medians of --reps runs.
Each run's summary.json gives every rank's construction, compute and communication time.

    python3 bench/scaling.py --out bench/results/cpu-scaling.json

Strong scaling: the same network (--strong-neurons) on 1 and 2 ranks, and on one process with
2 threads (the same cores without MPI). Weak scaling: --weak-neurons per rank on 1 and 2 ranks.
In-degrees stay those of the model (C_E = 1000, C_I = 250) at every size.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile

from result_file import write_result

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
MPI_ENV = {"OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
           "OMPI_MCA_rmaps_base_oversubscribe": "1"}


def brunel_file(folder, neurons):
    """brunel_a.toml with E = 0.8 N and I = 0.2 N neurons."""
    with open(os.path.join(ROOT, "examples", "experiments", "brunel_a.toml")) as f:
        text = f.read()
    text = re.sub(r"size = 10000", f"size = {neurons * 4 // 5}", text)
    text = re.sub(r"size = 2500", f"size = {neurons - neurons * 4 // 5}", text)
    path = os.path.join(folder, f"brunel_{neurons}.toml")
    with open(path, "w") as f:
        f.write(text)
    return path


def run(axon, experiment, ranks, threads, duration, folder):
    out = os.path.join(folder, "out")
    shutil.rmtree(out, ignore_errors=True)
    command = [axon, "run", experiment, "--duration", str(duration), "--threads", str(threads), "--quiet", "--out", out]
    if ranks > 0:
        command = ["mpirun", "-np", str(ranks)] + command
    subprocess.run(command, check=True, capture_output=True, text=True, env={**os.environ, **MPI_ENV})
    with open(os.path.join(out, "summary.json")) as f:
        s = json.load(f)
    ranks_figures = s["ranks"] or [{"construction_s": s["construction_s"], "compute_s": s["simulation_s"],
                                     "communication_s": 0.0, "exchanges": 0}]
    return {"real_time_factor": s["real_time_factor"], "construction_s": s["construction_s"],
            "simulation_s": s["simulation_s"], "synapses": s["synapses"], "spikes": sum(p["spikes"] for p in s["populations"]),
            "ranks": ranks_figures, "cpu": s["cpu"]}


def median_of(runs, key):
    return statistics.median(r[key] for r in runs)


def communication_share(runs):
    """The median over runs of the largest rank's share of simulation time spent exchanging."""
    return statistics.median(max(f["communication_s"] / max(f["compute_s"] + f["communication_s"], 1e-12)
                                 for f in r["ranks"]) for r in runs)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--axon", default=os.path.join(ROOT, "build", "release", "bin", "axon"))
    p.add_argument("--strong-neurons", type=int, default=125000)
    p.add_argument("--weak-neurons", type=int, default=50000)
    p.add_argument("--duration", type=float, default=200.0)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--out", default=None)
    args = p.parse_args()
    version = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    # (label, neurons, ranks (0: no mpirun), threads per rank)
    configs = [("strong 1 rank", args.strong_neurons, 1, 1), ("strong 2 ranks", args.strong_neurons, 2, 1),
               ("strong 1 process, 2 threads", args.strong_neurons, 0, 2),
               ("weak 1 rank", args.weak_neurons, 1, 1), ("weak 2 ranks", 2 * args.weak_neurons, 2, 1)]
    runs = {c[0]: [] for c in configs}
    with tempfile.TemporaryDirectory() as folder:
        files = {n: brunel_file(folder, n) for n in {c[1] for c in configs}}
        for rep in range(args.reps):
            for label, neurons, ranks, threads in configs:
                runs[label].append(run(args.axon, files[neurons], ranks, threads, args.duration, folder))
                print(f"rep {rep + 1}: {label}: real-time factor {runs[label][-1]['real_time_factor']:.3f}", flush=True)
    summary = {label: {"real_time_factor": median_of(r, "real_time_factor"), "construction_s": median_of(r, "construction_s"),
                       "communication_share": communication_share(r), "synapses": r[0]["synapses"]}
               for label, r in runs.items()}
    strong = summary["strong 1 rank"]["real_time_factor"] / summary["strong 2 ranks"]["real_time_factor"]
    weak = summary["weak 1 rank"]["real_time_factor"] / summary["weak 2 ranks"]["real_time_factor"]
    result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "code_version": version, "cpu": runs["strong 1 rank"][0]["cpu"], "duration_ms": args.duration,
              "reps": args.reps, "strong_speedup_2_ranks": strong, "strong_efficiency_2_ranks": strong / 2,
              "weak_efficiency_2_ranks": weak, "summary": summary, "runs": runs}
    for label, s in summary.items():
        print(f"{label}: RTF {s['real_time_factor']:.3f}, construction {s['construction_s']:.2f} s, "
              f"communication {100 * s['communication_share']:.1f} % of the slowest rank's simulation")
    print(f"strong scaling 1 -> 2 ranks: {strong:.2f}x (efficiency {100 * strong / 2:.0f} %); "
          f"weak scaling efficiency 1 -> 2 ranks: {100 * weak:.0f} %")
    if args.out:
        write_result(args.out, result)


if __name__ == "__main__":
    main()
