#!/usr/bin/env python3
"""What calling Axon from Python costs: CUBA 4,000 for 1 s run from C++ (axon-bench) and from
Python (the same network, wall time of Simulator.run), interleaved in one sitting, medians of
--reps runs and their ratio; and the cost of a Python callback every 10 steps, per call (a run
with a no-op callback against one without).

    PYTHONPATH=build/release/python .venv/bin/python bench/python_overhead.py --out bench/results/python-overhead.json
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import time

import axon

from result_file import write_result

HERE = os.path.dirname(os.path.abspath(__file__))


def python_run(threads, callback_every=None):
    sim = axon.Simulator(axon.models.cuba(neurons=4000, seed=1), threads=threads)
    calls = [0]
    if callback_every:
        def callback(s):
            calls[0] += 1
        sim.every(callback_every, callback)
    start = time.perf_counter()
    sim.run(1000.0)
    return time.perf_counter() - start, calls[0], len(sim.spikes("E")[0])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--bench", default=os.path.join(HERE, "..", "build", "release", "bin", "axon-bench"))
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out", default=None)
    args = p.parse_args()
    cpp, py, py_callback, calls, device = [], [], [], 0, None
    for _ in range(args.reps):
        out = subprocess.run([args.bench, "--model", "cuba", "--duration", "1000", "--threads", str(args.threads)],
                             check=True, capture_output=True, text=True).stdout
        figures = json.loads(out.strip().splitlines()[-1])
        cpp.append(figures["simulation_s"])
        device = figures["device"]
        seconds, _, spikes = python_run(args.threads)
        py.append(seconds)
        seconds, calls, callback_spikes = python_run(args.threads, callback_every=10)
        py_callback.append(seconds)
        assert spikes == callback_spikes == round(figures["populations"]["E"]["mean_rate_Hz"] * 3200), "different runs"
    median = {"cpp_s": statistics.median(cpp), "python_s": statistics.median(py),
              "python_callback_every_10_steps_s": statistics.median(py_callback)}
    result = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "device": device, "axon_version": axon.__version__,
              "commit": subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True,
                                       text=True).stdout.strip(),
              "model": "cuba 4000, 1 s", "threads": args.threads, "reps": args.reps, **median,
              "python_over_cpp": median["python_s"] / median["cpp_s"],
              "callbacks": calls,
              "callback_cost_us": 1e6 * (median["python_callback_every_10_steps_s"] - median["python_s"]) / calls,
              "runs": {"cpp_s": cpp, "python_s": py, "python_callback_s": py_callback}}
    print(f"CUBA 4000, 1 s, {args.threads} thread(s) on {device}: C++ {median['cpp_s']:.4f} s, Python "
          f"{median['python_s']:.4f} s ({result['python_over_cpp']:.3f}x); a Python callback every 10 steps costs "
          f"{result['callback_cost_us']:.1f} us per call")
    if args.out:
        write_result(args.out, result)


if __name__ == "__main__":
    main()
