#!/usr/bin/env python3
"""Axon's CPU backend against Brian 2's C++ standalone mode, same models, same machine,
same sitting. Runs each simulator `--reps` times per model and thread count, takes the
median real-time factor (RTF = simulation wall time / simulated time, lower is better), and
writes every run plus the ratios to one JSON file.

    scripts/setup.sh --brian && cmake --build --preset release
    /usr/bin/python3 bench/compare_brian2.py --out bench/results/cpu-vs-brian2.json

Needs Debian's python3-brian (system interpreter). Timings on a shared VM vary by 10-30 %
from run to run: compare medians, and only within one run of this script.

`--isa avx2` on an AVX-512 machine stands in for an AVX2-only one: Axon's loops forced to their
AVX2 version (AXON_CPU_ISA=avx2) and Brian's C++ built with -march=x86-64-v3 instead of native.
The caches, clock and memory stay this machine's: a real AVX2 machine remains the reference.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = ("cuba", "coba", "brunel_a", "cuba_stdp")
SIZED = ("cuba", "cuba_stdp", "brunel_a")  # the models --neurons applies to
BRUNEL_NEURONS = 12500  # Brian's brunel_a.py takes --scale: multiples of this size


def run_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


# --isa: Axon's AXON_CPU_ISA and Brian's -march.
ISAS = {"native": (None, None), "avx2": ("avx2", "x86-64-v3")}


def axon_run(bench, model, threads, duration_ms, isa, neurons):
    if ISAS[isa][0]:
        os.environ["AXON_CPU_ISA"] = ISAS[isa][0]
    size = ["--neurons", str(neurons)] if neurons else []
    return run_json([bench, "--model", model, "--threads", str(threads), "--duration", str(duration_ms)] + size)


def brian_run(model, threads, duration_ms, isa, neurons):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "result.json")
        march = ["--march", ISAS[isa][1]] if ISAS[isa][1] else []
        size = ["--neurons", str(neurons)] if neurons else []
        if neurons and model == "brunel_a":
            size = ["--scale", str(neurons / BRUNEL_NEURONS)]
        subprocess.run([sys.executable, os.path.join(HERE, "brian2", model + ".py"), "--threads", str(threads),
                        "--duration-ms", str(duration_ms), "--json", path] + march + size, check=True,
                       capture_output=True)
        with open(path) as f:
            return json.load(f)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", default=os.path.join(HERE, "..", "build", "release", "bin", "axon-bench"))
    p.add_argument("--models", nargs="+", default=list(MODELS), choices=MODELS)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--duration-ms", type=float, default=1000.0)
    p.add_argument("--isa", default="native", choices=sorted(ISAS),
                   help="native, or avx2: both simulators' code as on an AVX2-only machine")
    p.add_argument("--neurons", type=int, default=None,
                   help="cuba, cuba_stdp and brunel_a only: network size (0.8 N excitatory; cuba: 80 expected "
                        "inputs, default 4,000; brunel_a: a multiple of 12,500, in-degrees fixed)")
    p.add_argument("--out", default=None)
    args = p.parse_args()
    if args.neurons and not set(args.models) <= set(SIZED):
        p.error("--neurons is for --models cuba, cuba_stdp and brunel_a only")
    if args.neurons and "brunel_a" in args.models and args.neurons % BRUNEL_NEURONS:
        p.error(f"--neurons for brunel_a must be a multiple of {BRUNEL_NEURONS} (Brian's script scales that network)")

    runs, summary = [], []
    for threads in args.threads:
        for model in args.models:
            axon_rtf, brian_rtf = [], []
            for rep in range(args.reps):  # interleaved, so that drifts in machine load hit both
                a = axon_run(args.bench, model, threads, args.duration_ms, args.isa, args.neurons)
                b = brian_run(model, threads, args.duration_ms, args.isa, args.neurons)
                axon_rtf.append(a["real_time_factor"])
                brian_rtf.append(b["real_time_factor"])
                runs += [{"simulator": "axon", **a}, {"simulator": "brian2", **b}]
                print(f"{model:9s} threads {threads} rep {rep}: axon RTF {a['real_time_factor']:.3f}, "
                      f"brian2 RTF {b['real_time_factor']:.3f}", file=sys.stderr)
            row = {"model": model, "threads": threads, "axon_rtf_median": statistics.median(axon_rtf),
                   "brian2_rtf_median": statistics.median(brian_rtf)}
            row["speedup_axon_over_brian2"] = row["brian2_rtf_median"] / row["axon_rtf_median"]
            summary.append(row)

    result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "device": runs[0]["device"], "isa": args.isa, "reps": args.reps, "duration_ms": args.duration_ms,
              "summary": summary, "runs": runs}
    print("| model | threads | Axon RTF | Brian 2 RTF | Axon speed-up |")
    print("|---|---|---|---|---|")
    for r in summary:
        print(f"| {r['model']} | {r['threads']} | {r['axon_rtf_median']:.3f} | {r['brian2_rtf_median']:.3f} "
              f"| {r['speedup_axon_over_brian2']:.1f}x |")
    if args.out:
        tmp = args.out + ".tmp"
        with open(tmp, "w") as f:
            json.dump(result, f, indent=2)
        os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
