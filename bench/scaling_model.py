#!/usr/bin/env python3
"""The cost model of docs/scaling.md: one step of a distributed run predicted from the compute
cost measured by bench/scaling.py and the costs of a delivered spike and of the collective, for
Brunel A weak scaling (--neurons-per-rank) and the microcircuit's strong scaling, up to 1,000 ranks.

    python3 bench/scaling_model.py [--measured bench/results/cpu-scaling.json] [--spike-ns 50]

Per rank and step, with n neurons per rank, R ranks, rate nu, step dt and D steps per exchange:
  compute   kappa * n                  (update and delivery of the rank's own synaptic events,
                                        kappa measured on one rank: ns per neuron-step)
  arrivals  b * R * n * nu * dt         (every rank looks at every spike of the network: row
                                        offsets, a cache miss or two per spike)
  exchange  (alpha * ceil(log2 R) + beta * R * m) / D,  m = 4 B * (n * nu * dt * D + P * D)
  memory    16 B * N_total per projection on every rank (row offsets) + the rank's synapses
"""
import argparse
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def step_time(n, ranks, rate_Hz, dt_ms, interval, populations, kappa_ns, spike_ns, alpha_us, beta_ns_per_byte):
    spikes_per_rank = n * rate_Hz * dt_ms * 1e-3  # per step
    compute = kappa_ns * n * 1e-9
    arrivals = spike_ns * ranks * spikes_per_rank * 1e-9
    message = 4.0 * (spikes_per_rank * interval + populations * interval)  # bytes per rank per exchange
    exchange = 0.0 if ranks == 1 else (alpha_us * 1e-6 * math.ceil(math.log2(ranks)) + beta_ns_per_byte * 1e-9 * ranks * message) / interval
    return compute, arrivals, exchange


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--measured", default=os.path.join(HERE, "results", "cpu-scaling.json"))
    p.add_argument("--spike-ns", type=float, default=50.0, help="b: cost of one arriving spike on a rank (ns)")
    p.add_argument("--alpha-us", type=float, default=2.0, help="latency per collective stage (us; InfiniBand class)")
    p.add_argument("--beta-ns-per-byte", type=float, default=0.1, help="inverse bandwidth (ns/B; 0.1 = 10 GB/s)")
    p.add_argument("--neurons-per-rank", type=int, default=50000)
    args = p.parse_args()
    with open(args.measured) as f:
        measured = json.load(f)
    one = measured["runs"]["strong 1 rank"]
    neurons = 125000  # bench/scaling.py's strong-scaling network
    steps = measured["duration_ms"] / 0.1
    kappa_ns = min(r["ranks"][0]["compute_s"] for r in one) / steps / neurons * 1e9
    print(f"kappa (Brunel A, measured, {measured['cpu']}, {measured['code_version']}): {kappa_ns:.1f} ns per neuron-step")
    print(f"assumed: b = {args.spike_ns} ns per arriving spike, alpha = {args.alpha_us} us, "
          f"beta = {args.beta_ns_per_byte} ns/B\n")

    print(f"Brunel A weak scaling, {args.neurons_per_rank} neurons per rank (37 Hz, D = 15 steps, 4 projections)")
    print(f"{'ranks':>6} {'compute ms':>11} {'arrivals ms':>12} {'exchange ms':>12} {'efficiency':>10} {'row offsets GiB':>16}")
    base = sum(step_time(args.neurons_per_rank, 1, 37.0, 0.1, 15, 2, kappa_ns, args.spike_ns, args.alpha_us,
                         args.beta_ns_per_byte))
    for ranks in (1, 2, 4, 16, 64, 256, 1000):
        c, a, e = step_time(args.neurons_per_rank, ranks, 37.0, 0.1, 15, 2, kappa_ns, args.spike_ns, args.alpha_us,
                            args.beta_ns_per_byte)
        offsets = 16.0 * args.neurons_per_rank * ranks * 4 / 2**30
        print(f"{ranks:>6} {1e3 * c:>11.3f} {1e3 * a:>12.3f} {1e3 * e:>12.3f} {100 * base / (c + a + e):>9.0f}% {offsets:>16.2f}")

    # The microcircuit: 77,169 neurons, about 3 Hz on average, delays down to one step, 8 populations.
    print("\nMicrocircuit strong scaling (77,169 neurons, 3 Hz mean, D = 1 step, 8 populations; "
          "kappa scaled by its 3,900 synapses per neuron against Brunel's 1,250 and its lower rate)")
    kappa_mc = kappa_ns * (3900 * 3.0) / (1250 * 37.0)
    print(f"{'ranks':>6} {'step ms':>8} {'real-time factor':>17} {'speedup':>8}")
    t1 = sum(step_time(77169, 1, 3.0, 0.1, 1, 8, kappa_mc, args.spike_ns, args.alpha_us, args.beta_ns_per_byte))
    for ranks in (1, 2, 4, 16, 64, 256, 1000):
        t = sum(step_time(77169 / ranks, ranks, 3.0, 0.1, 1, 8, kappa_mc, args.spike_ns, args.alpha_us,
                          args.beta_ns_per_byte))
        print(f"{ranks:>6} {1e3 * t:>8.4f} {t / 1e-4:>17.3f} {t1 / t:>8.1f}")


if __name__ == "__main__":
    main()
