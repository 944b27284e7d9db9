#!/usr/bin/env python3
"""Summarise a scripts/gpu-check.sh work folder: the figures issue #4 asks for, each GPU figure
next to the CPU one measured in the same sitting, and the cuda step variants side by side, as
Markdown on stdout and as summary.json in the folder.

    python3 bench/gpu_summary.py WORK

Any run may be missing (skipped for time, failed, or not run yet): its cells then say what
verdicts.tsv (written by gpu-check.sh) says about it, or "—". A table with no run at all is
reduced to one line.
"""
import json
import sys
from pathlib import Path


def load(out, name):
    try:
        runs = json.loads((out / f"{name}.json").read_text())
    except (OSError, ValueError):
        return None
    return runs if isinstance(runs, list) else [runs]


def first_run(out, name):
    return next(iter(load(out, name) or []), None)


def by_model(runs):
    return {r.get("model"): r for r in runs or [] if isinstance(r, dict)}


def fmt(x, digits=3):
    return "—" if not isinstance(x, (int, float)) else f"{x:.{digits}g}"


def load_verdicts(out):
    verdicts = {}
    try:
        for line in (out / "verdicts.tsv").read_text().splitlines():
            name, verdict, *_ = line.split("\t") + [""]
            verdicts[name] = verdict
    except OSError:
        pass
    return verdicts


class Cells:
    """Table cells: a figure, or why the run that was to give it gave none."""

    def __init__(self, verdicts):
        self.verdicts = verdicts

    def __call__(self, run_name, value, digits=3):
        if isinstance(value, (int, float)):
            return fmt(value, digits)
        verdict = self.verdicts.get(run_name, "")
        if verdict.startswith("skipped"):
            return verdict
        if verdict.startswith(("FAILED", "killed")):
            return "failed"
        return "—"


def table(lines, header, rows, empty):
    """Appends a Markdown table, or one line where no row has a figure."""
    if not any(has for has, _ in rows):
        lines += ["", empty]
        return
    lines += ["", header, "|" + "---|" * (header.count("|") - 1)]
    lines += [row for _, row in rows]


def get(run, key):
    return run.get(key) if isinstance(run, dict) else None


def main(out):
    cell = Cells(load_verdicts(out))
    summary = {"device": None, "models": {}, "brunel_scaling": [], "microcircuit": {}, "step_variants": [],
               "strategies": [], "propagation": []}
    lines = []
    gpu, cpu = by_model(load(out, "bench-cuda")), by_model(load(out, "bench-cpu"))
    mc_main = first_run(out, "microcircuit-cuda")
    device = next((get(r, "device") for r in list(gpu.values()) + [mc_main] if get(r, "device")), None)
    summary["device"] = device
    lines.append(f"Device: {device or 'no GPU run'}")

    rows = []
    for m in ("cuba", "cuba_stdp", "brunel_a"):
        g, c = gpu.get(m), cpu.get(m)
        g_rtf, c_rtf = get(g, "real_time_factor"), get(c, "real_time_factor")
        ratio = c_rtf / g_rtf if g_rtf and c_rtf else None
        summary["models"][m] = {"gpu_rtf": g_rtf, "cpu_rtf": c_rtf, "cpu_over_gpu": ratio}
        rows.append((g or c, f"| {m} | {cell('bench-cuda', g_rtf)} | {cell('bench-cpu', c_rtf)} | {fmt(ratio)} | "
                             f"{cell('bench-cuda', get(g, 'synaptic_events_per_s'))} |"))
    table(lines, "| model | GPU RTF | CPU RTF | CPU/GPU | GPU events/s |", rows,
          f"Standard models: no run (bench-cuda {cell('bench-cuda', None)}, bench-cpu {cell('bench-cpu', None)}).")
    rtf = {b: {m: get(r.get(m), "real_time_factor") for m in ("cuba", "cuba_stdp")} for b, r in (("gpu", gpu), ("cpu", cpu))}
    if all(v["cuba"] and v["cuba_stdp"] for v in rtf.values()):
        summary["stdp_slowdown"] = {b: v["cuba_stdp"] / v["cuba"] for b, v in rtf.items()}
        lines += ["", "CUBA+STDP / static: GPU {gpu:.2f}x, CPU {cpu:.2f}x".format(**summary["stdp_slowdown"])]

    rows = []
    scaling = [("bench-cuda", gpu.get("brunel_a"), 12500)] + [
        (f"brunel-{n}-cuda", by_model(load(out, f"brunel-{n}-cuda")).get("brunel_a"), n) for n in (125000, 1250000)]
    for name, r, n in scaling:
        if r:
            summary["brunel_scaling"].append({k: r.get(k) for k in ("neurons", "synaptic_events_per_s",
                                                                     "synapse_bandwidth_fraction", "construction_s")})
        rows.append((r, f"| {get(r, 'neurons') or n} | {cell(name, get(r, 'synaptic_events_per_s'))} | "
                        f"{cell(name, get(r, 'synapse_bandwidth_fraction'))} | {cell(name, get(r, 'construction_s'))} |"))
    table(lines, "| Brunel A neurons | GPU events/s | synapse-stream bandwidth fraction | construction s |", rows,
          "Brunel A scaling: no run.")

    mc = {name: first_run(out, f"microcircuit-{name}") for name in ("cuda", "cuda-profile", "cuda-norecord", "cpu")}
    if mc["cuda"]:
        m = {"gpu_rtf": get(mc["cuda"], "real_time_factor"), "construction_s": get(mc["cuda"], "construction_s"),
             "cpu_rtf": get(mc["cpu"], "real_time_factor")}
        sim, sim_norecord = get(mc["cuda"], "simulation_s"), get(mc["cuda-norecord"], "simulation_s")
        if sim and sim_norecord:
            m["recording_cost_fraction"] = 1 - sim_norecord / sim
        phases = get(mc["cuda-profile"], "phases_s") or {}
        if phases:
            total = sum(phases.values()) or 1
            m["phase_fractions"] = {k: v / total for k, v in phases.items()}
        summary["microcircuit"] = m
        lines += ["", f"Microcircuit: GPU RTF {fmt(m['gpu_rtf'])} (CPU {cell('microcircuit-cpu', m['cpu_rtf'])}), "
                      f"construction {fmt(m['construction_s'])} s, recording cost "
                      f"{cell('microcircuit-cuda-norecord', m.get('recording_cost_fraction'))}",
                  "phases: " + (", ".join(f"{k} {v:.0%}" for k, v in m.get("phase_fractions", {}).items())
                                or cell("microcircuit-cuda-profile", None))]
    else:
        lines += ["", f"Microcircuit: no run ({cell('microcircuit-cuda', None)})."]

    # The cuda step variants: kernels per step, launches and synchronisations from the host.
    rows = []
    for v in ("merged", "fused", "persistent", "merged-nographs"):
        a_name, b_name = f"microcircuit-cuda-step-{v}", f"brunel-125000-cuda-step-{v}"
        a, b = first_run(out, a_name), first_run(out, b_name)
        kernels = sorted({k for k in (get(a, "kernels_per_step"), get(b, "kernels_per_step")) if k is not None})
        steps = (get(a, "simulated_ms") or 0) / (get(a, "dt_ms") or 1)
        launches = get(a, "host_launches")
        per_step = launches / steps if isinstance(launches, (int, float)) and steps else None
        summary["step_variants"].append({"variant": v, "kernels_per_step": kernels or None,
                                         "microcircuit_rtf": get(a, "real_time_factor"),
                                         "brunel_125k_rtf": get(b, "real_time_factor"),
                                         "microcircuit_host_launches": launches,
                                         "microcircuit_host_syncs": get(a, "host_syncs")})
        rows.append((a or b, f"| {v} | {' / '.join(fmt(k) for k in kernels) or '—'} | "
                             f"{cell(a_name, get(a, 'real_time_factor'))} | {cell(b_name, get(b, 'real_time_factor'))} | "
                             f"{fmt(per_step)} | {cell(a_name, get(a, 'host_syncs'))} |"))
    table(lines, "| cuda step | kernels/step | microcircuit RTF | Brunel 125k RTF | host launches/step (mc) | "
                 "host syncs (mc) |", rows, "Step variants: no run.")

    rows = []
    for name in ("seg0", "seg64", "seg256", "seg1024"):
        a_name, b_name = f"microcircuit-cuda-{name}", f"brunel-125000-cuda-{name}"
        a, b = first_run(out, a_name), first_run(out, b_name)
        if a or b:
            summary["strategies"].append({"strategy": name, "microcircuit_rtf": get(a, "real_time_factor"),
                                          "brunel_125k_rtf": get(b, "real_time_factor")})
        rows.append((a or b, f"| {name} | {cell(a_name, get(a, 'real_time_factor'))} | "
                             f"{cell(b_name, get(b, 'real_time_factor'))} |"))
    table(lines, "| row segment | microcircuit RTF | Brunel 125k RTF |", rows, "Row segments: no run.")

    rows = []
    cols = ("seg0", "seg64", "seg256", "seg1024", "cpu")
    for rate in (1, 10, 100, 1000):
        row, cells = {"rate_Hz": rate}, []
        for name in cols:
            run_name = f"propagation-{rate}-{'cpu' if name == 'cpu' else 'cuda-' + name}"
            r = first_run(out, run_name)
            propagate, simulated = (get(r, "phases_s") or {}).get("propagate"), get(r, "simulated_ms")
            row[name] = propagate / (simulated * 1e-3) if propagate is not None and simulated else None
            cells.append(cell(run_name, row[name]))
        has = any(row[k] is not None for k in cols)
        if has:
            summary["propagation"].append(row)
        rows.append((has, f"| {rate} | " + " | ".join(cells) + " |"))
    lines += ["", "Propagation phase, seconds per simulated second (source rate x row segment; CPU last):"]
    table(lines, "| rate Hz | seg0 | seg64 | seg256 | seg1024 | cpu |", rows, "(no run)")

    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
