#!/usr/bin/env python3
"""The CPU loops of each ISA (AXON_CPU_ISA) on one model, run interleaved by axon-bench in one
sitting: medians of --reps runs and their speedups over the baseline.

    python3 bench/isa_speedup.py --reps 21 --out bench/results/cpu-isa-cuba.json

On a shared machine, --max-busy 1.1 counts a rep (one run per ISA) only when the whole machine
was busy for at most 1.1 CPUs through it (from /proc/stat), and repeats it otherwise.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import time

from result_file import write_result

HERE = os.path.dirname(os.path.abspath(__file__))


def busy_cpu_seconds():
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", default=os.path.join(HERE, "..", "build", "release", "bin", "axon-bench"))
    p.add_argument("--model", default="cuba")
    p.add_argument("--isas", default="baseline,avx2,avx512")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--max-busy", type=float, default=None, help="CPUs; repeat a rep when the machine was busier")
    p.add_argument("--out", default=None)
    args = p.parse_args()
    isas = args.isas.split(",")
    runs = {isa: [] for isa in isas}
    repeated = 0
    while len(runs[isas[0]]) < args.reps:
        busy0, wall0 = busy_cpu_seconds(), time.monotonic()
        rep = {}
        for isa in isas:
            out = subprocess.run([args.bench, "--model", args.model, "--threads", str(args.threads)], check=True,
                                 capture_output=True, text=True, env=dict(os.environ, AXON_CPU_ISA=isa)).stdout
            rep[isa] = json.loads(out.strip().splitlines()[-1])
        if args.max_busy and (busy_cpu_seconds() - busy0) / (time.monotonic() - wall0) > args.max_busy:
            repeated += 1
            time.sleep(2)
            continue
        for isa in isas:
            runs[isa].append(rep[isa])
    median = {isa: statistics.median(r["real_time_factor"] for r in v) for isa, v in runs.items()}
    result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "device": runs[isas[0]][0]["device"], "model": args.model, "threads": args.threads, "reps": args.reps,
              "reps_repeated_when_busy": repeated, "rtf_median": median,
              "speedup_over_baseline": {isa: median["baseline"] / m for isa, m in median.items()} if "baseline" in median
              else {}, "runs": runs}
    for isa in isas:
        rtf = sorted(r["real_time_factor"] for r in runs[isa])
        print(f"{args.model} {isa:9s} RTF median {median[isa]:.4f} (min {rtf[0]:.4f}, max {rtf[-1]:.4f})"
              + (f", {result['speedup_over_baseline'][isa]:.2f}x the baseline" if result["speedup_over_baseline"] else ""))
    if repeated:
        print(f"{repeated} reps repeated: the machine was busy")
    if args.out:
        write_result(args.out, result)


if __name__ == "__main__":
    main()
