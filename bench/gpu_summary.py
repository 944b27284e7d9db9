#!/usr/bin/env python3
"""Summarise a scripts/gpu-check.sh results folder: the figures issue #4 asks for, each GPU
figure next to the CPU one measured in the same sitting, as Markdown on stdout and as
summary.json in the folder.

    python3 bench/gpu_summary.py OUT
"""
import json
import sys
from pathlib import Path


def load(out, name):
    path = out / f"{name}.json"
    if not path.exists():
        return None
    runs = json.loads(path.read_text())
    return runs if isinstance(runs, list) else [runs]


def first_run(out, name):
    return next(iter(load(out, name) or []), None)


def by_model(runs):
    return {r["model"]: r for r in runs or []}


def fmt(x, digits=3):
    return "—" if x is None else f"{x:.{digits}g}"


def main(out):
    summary = {"device": None, "models": {}, "brunel_scaling": [], "microcircuit": {}, "strategies": []}
    lines = []
    gpu, cpu = by_model(load(out, "bench-cuda")), by_model(load(out, "bench-cpu"))
    device = next(iter(gpu.values()), {}).get("device")
    summary["device"] = device
    lines += [f"Device: {device or 'no GPU run'}", "", "| model | GPU RTF | CPU RTF | CPU/GPU | GPU events/s |",
              "|---|---|---|---|---|"]
    for m in ("cuba", "cuba_stdp", "brunel_a"):
        g, c = gpu.get(m), cpu.get(m)
        ratio = c["real_time_factor"] / g["real_time_factor"] if g and c and g["real_time_factor"] else None
        summary["models"][m] = {"gpu_rtf": g and g["real_time_factor"], "cpu_rtf": c and c["real_time_factor"],
                                "cpu_over_gpu": ratio}
        lines.append(f"| {m} | {fmt(g and g['real_time_factor'])} | {fmt(c and c['real_time_factor'])} | "
                     f"{fmt(ratio)} | {fmt(g and g['synaptic_events_per_s'])} |")
    if gpu.get("cuba") and gpu.get("cuba_stdp") and cpu.get("cuba") and cpu.get("cuba_stdp"):
        summary["stdp_slowdown"] = {b: r["cuba_stdp"]["real_time_factor"] / r["cuba"]["real_time_factor"]
                                    for b, r in (("gpu", gpu), ("cpu", cpu))}
        lines += ["", "CUBA+STDP / static: GPU {gpu:.2f}x, CPU {cpu:.2f}x".format(**summary["stdp_slowdown"])]

    lines += ["", "| Brunel A neurons | GPU events/s | synapse-stream bandwidth fraction | construction s |",
              "|---|---|---|---|"]
    scaling = [gpu.get("brunel_a")] + [by_model(load(out, f"brunel-{n}-cuda")).get("brunel_a")
                                       for n in (125000, 1250000)]
    for r in scaling:
        if not r:
            continue
        summary["brunel_scaling"].append({k: r[k] for k in ("neurons", "synaptic_events_per_s",
                                                             "synapse_bandwidth_fraction", "construction_s")})
        lines.append(f"| {r['neurons']} | {fmt(r['synaptic_events_per_s'])} | "
                     f"{fmt(r['synapse_bandwidth_fraction'])} | {fmt(r['construction_s'])} |")

    mc = {name: first_run(out, f"microcircuit-{name}") for name in ("cuda", "cuda-profile", "cuda-norecord", "cpu")}
    if mc["cuda"]:
        m = {"gpu_rtf": mc["cuda"]["real_time_factor"], "construction_s": mc["cuda"]["construction_s"],
             "cpu_rtf": mc["cpu"] and mc["cpu"]["real_time_factor"]}
        if mc["cuda-norecord"]:
            m["recording_cost_fraction"] = 1 - mc["cuda-norecord"]["simulation_s"] / mc["cuda"]["simulation_s"]
        if mc["cuda-profile"]:
            phases = mc["cuda-profile"]["phases_s"]
            total = sum(phases.values()) or 1
            m["phase_fractions"] = {k: v / total for k, v in phases.items()}
        summary["microcircuit"] = m
        lines += ["", f"Microcircuit: GPU RTF {fmt(m['gpu_rtf'])} (CPU {fmt(m['cpu_rtf'])}), construction "
                      f"{fmt(m['construction_s'])} s, recording cost {fmt(m.get('recording_cost_fraction'))}",
                  "phases: " + ", ".join(f"{k} {v:.0%}" for k, v in m.get("phase_fractions", {}).items())]

    lines += ["", "| strategy | microcircuit RTF | Brunel 125k RTF |", "|---|---|---|"]
    for name in ("seg0", "seg64", "seg256", "seg1024", "nographs"):
        a = first_run(out, f"microcircuit-cuda-{name}")
        b = first_run(out, f"brunel-125000-cuda-{name}")
        if a or b:
            summary["strategies"].append({"strategy": name, "microcircuit_rtf": a and a["real_time_factor"],
                                          "brunel_125k_rtf": b and b["real_time_factor"]})
            lines.append(f"| {name} | {fmt(a and a['real_time_factor'])} | {fmt(b and b['real_time_factor'])} |")

    lines += ["", "Propagation phase, seconds per simulated second (source rate x row segment; CPU last):",
              "| rate Hz | seg0 | seg64 | seg256 | seg1024 | cpu |", "|---|---|---|---|---|---|"]
    summary["propagation"] = []
    for rate in (1, 10, 100, 1000):
        row = {"rate_Hz": rate}
        for name in ("seg0", "seg64", "seg256", "seg1024", "cpu"):
            r = first_run(out, f"propagation-{rate}-{'cpu' if name == 'cpu' else 'cuda-' + name}")
            row[name] = r and r["phases_s"].get("propagate", 0) / (r["simulated_ms"] * 1e-3)
        if any(row[k] is not None for k in row if k != "rate_Hz"):
            summary["propagation"].append(row)
            lines.append(f"| {rate} | " + " | ".join(fmt(row[k]) for k in ("seg0", "seg64", "seg256", "seg1024", "cpu"))
                         + " |")

    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
