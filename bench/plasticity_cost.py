#!/usr/bin/env python3
"""The cost of plasticity (benchmark model 4): CUBA with and without STDP on E->E, run
interleaved by axon-bench in one sitting, medians of --reps runs, and their ratio.

    python3 bench/plasticity_cost.py --out bench/results/cpu-plasticity-cost.json
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess

from result_file import write_result

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", default=os.path.join(HERE, "..", "build", "release", "bin", "axon-bench"))
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--backend", default="cpu")
    p.add_argument("--out", default=None)
    args = p.parse_args()
    runs = {"cuba": [], "cuba_stdp": []}
    for _ in range(args.reps):
        for model in runs:
            out = subprocess.run([args.bench, "--model", model, "--threads", str(args.threads), "--backend", args.backend],
                                 check=True, capture_output=True, text=True).stdout
            runs[model].append(json.loads(out.strip().splitlines()[-1]))
    median = {m: statistics.median(r["real_time_factor"] for r in v) for m, v in runs.items()}
    result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "device": runs["cuba"][0]["device"], "backend": args.backend, "threads": args.threads, "reps": args.reps,
              "static_rtf_median": median["cuba"], "stdp_rtf_median": median["cuba_stdp"],
              "slowdown_stdp_over_static": median["cuba_stdp"] / median["cuba"], "runs": runs}
    print(f"CUBA static RTF {median['cuba']:.4f}, with STDP {median['cuba_stdp']:.4f}: "
          f"plasticity costs {result['slowdown_stdp_over_static']:.2f}x ({args.backend}, {args.threads} thread(s))")
    if args.out:
        write_result(args.out, result)


if __name__ == "__main__":
    main()
