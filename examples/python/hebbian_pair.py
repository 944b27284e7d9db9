"""The seed's first exercise, "fire together, wire together": inputs A and B relay the same
Poisson train (a red square seen), C fires independently at the same rate; all three reach a
target through Hebbian synapses (dw = eta x_pre y_post - lambda w). The target fires when A and
B arrive together, so their synapses strengthen while C's decay. Exits non-zero otherwise."""
import sys

import axon

net = axon.Network(dt_ms=0.1, seed=21)
relay = {"e_l_mV": 0.0, "v_reset_mV": 0.0, "v_th_mV": 1.0, "t_ref_ms": 0.0, "tau_m_ms": 1.0}  # a spike in, a spike out
red_square = net.add_population("red_square", 20, "poisson", params={"rate_Hz": 10.0})
other = net.add_population("other", 20, "poisson", params={"rate_Hz": 10.0})
inputs = [net.add_population(name, 20, "lif_delta", params=relay) for name in ("A", "B", "C")]
for source, relay_population in zip((red_square, red_square, other), inputs):
    net.connect(source, relay_population, axon.one_to_one(), weight=5.0)
target = net.add_population("target", 20, "lif_delta")  # 15 mV to threshold: one 8 mV input is not enough, two are
hebb = axon.Hebbian(tau_pre_ms=10.0, tau_post_ms=10.0, eta=0.5, lambda_=0.02, w_min=0.0, w_max=12.0)
synapses = [net.connect(source, target, axon.one_to_one(), weight=8.0, plasticity=hebb) for source in inputs]
sim = axon.Simulator(net)

print("   t (s)   w(A->target)  w(B->target)  w(C->target)")
for second in range(1, 6):
    sim.run(1000.0)
    a, b, c = (sim.weights(p).mean() for p in synapses)
    print(f"{second:8d} {a:13.2f} {b:13.2f} {c:13.2f}")
wired = a > 2 * c and b > 2 * c
print("A and B, which fire together, wired together; C did not." if wired else "unexpected: C kept up")
sys.exit(0 if wired else 1)
