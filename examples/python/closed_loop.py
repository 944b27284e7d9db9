"""Closed-loop control from Python: a callback every 10 ms reads the last window's spikes and sets
the input current of a population so that its rate settles at a target (a proportional-integral
controller around a simulated population). Exits non-zero if it does not settle."""
import sys

import axon

target_Hz, window_ms, size = 20.0, 10.0, 200
net = axon.Network(dt_ms=0.1, seed=7)
pop = net.add_population("controlled", size, "lif_exp", v_mV=axon.uniform(-65.0, -50.0))
net.add_poisson_input(pop, rate_Hz=2000.0, weight=20.0)  # noise: 2 kHz of 20 pA kicks
net.record_spikes(pop)
sim = axon.Simulator(net)

state = {"integral": 0.0, "current_pA": 0.0}


def controller(s):
    times, _ = s.take_spikes(pop)  # this window's spikes; the simulator keeps none
    rate_Hz = len(times) / (size * window_ms * 1e-3)
    error = target_Hz - rate_Hz
    state["integral"] += error
    state["current_pA"] = 2.0 * error + 0.5 * state["integral"]
    state.setdefault("rates", []).append(rate_Hz)
    s.set_input_current(pop, state["current_pA"])


sim.every(int(window_ms / 0.1), controller)
for k in range(10):
    sim.run(100.0)
    recent = state["rates"][-10:]
    print(f"t = {sim.time_ms:5.0f} ms: rate {sum(recent) / len(recent):5.1f} Hz over the last 100 ms, "
          f"input current {state['current_pA']:6.1f} pA")
last = state["rates"][-20:]
settled = abs(sum(last) / len(last) - target_Hz) < 3.0
print(f"rate over the last 200 ms: {sum(last) / len(last):.1f} Hz (target {target_Hz:.1f} Hz)")
sys.exit(0 if settled else 1)
