#!/usr/bin/env python3
"""Writes tests/fuzz/seeds/: experiments that use what the examples (examples/experiments/) do
not, one with the .npy files it names appended in the fuzz target's input format
(tests/fuzz/read_experiment_bytes.hpp: each "\\n#file\\n" starts the next file, 1.npy, 2.npy,
...), so that fuzzing starts from every kind of file the reader takes. Needs no NumPy."""
import pathlib
import struct

MARKER = b"\n#file\n"


def npy(descr, shape, data):
    """A .npy file, format 1.0, as NumPy writes it."""
    header = "{'descr': %s, 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data


ARRAYS = """[simulation]
dt_ms = 0.1
duration_ms = 20

[[population]]
name = "S"
model = "spike_source"
size = 3
spikes_file = "3.npy"

[[population]]
name = "T"
model = "spike_source"
size = 2
spikes_file = "6.npy"

[[population]]
name = "A"
model = "lif_exp"
size = 4

[[projection]]
pre = "S"
post = "A"
rule = "from_arrays"
pre_file = "1.npy"
post_file = "2.npy"
weight_file = "4.npy"
delay_file = "5.npy"

[[projection]]
pre = "T"
post = "A"
rule = "from_arrays"
pre_file = "7.npy"
post_file = "8.npy"
weight = { dist = "normal", mean = 100.0, sd = 10.0, min = 0.0 }
delay_ms = 1.5
plasticity = { rule = "stdp", tau_plus_ms = 20.0, a_plus = 0.01, w_max = 200.0 }

[recording]
spikes = ["A", "S"]
[[recording.weights]]
projection = "T->A"
every_ms = 5
"""

files = [
    npy("'<i8'", "(4,)", struct.pack("<4q", 0, 1, 2, 2)),  # 1: pre
    npy("'<u4'", "(4,)", struct.pack("<4I", 0, 1, 2, 3)),  # 2: post
    npy("[('time_ms', '<f8'), ('neuron', '<u4')]", "(3,)",  # 3: records, as axon run writes them
        b"".join(struct.pack("<dI", t, n) for t, n in [(1.0, 0), (2.5, 2), (4.0, 1)])),
    npy("'<f4'", "(4,)", struct.pack("<4f", 50.0, 60.0, 70.0, 80.0)),  # 4: weights
    npy("'<f8'", "(4,)", struct.pack("<4d", 0.1, 0.5, 1.0, 2.0)),  # 5: delays in ms
    npy("'<f8'", "(2, 2)", struct.pack("<4d", 1.0, 0.0, 3.0, 1.0)),  # 6: N x 2 (time_ms, neuron)
    npy("'|u1'", "(2,)", bytes([0, 1])),  # 7: pre
    npy("'<i2'", "(2,)", struct.pack("<2h", 3, 0)),  # 8: post
]

# What the examples do not use: the other models, rules, distributions and plasticity rules,
# initial values per neuron, samplers, step currents and Poisson inputs with a delay.
MODELS_AND_RULES = """[simulation]
dt_ms = 0.05
duration_ms = 50
seed = 7
backend = "auto"
threads = 2

[[population]]
name = "P"
model = "poisson"
size = 3
rate_Hz = 20.0

[[population]]
name = "X"
model = "adex"
size = 3
initial_v_values_mV = [-70.0, -65.0, -60.0]
initial_w_pA = { dist = "normal", mean = 10.0, sd = 2.0, min = 0.0, max = 20.0 }

[[population]]
name = "R"
model = "rate_sigmoid"
size = 2

[[population]]
name = "D"
model = "lif_delta"
size = 6
delta_theta_mV = 1.0
initial_theta_mV = 0.5

[[poisson_input]]
name = "drive"
target = "X"
rate_Hz = 1000.0
weight = 50.0
receptor = "inhibitory"
delay_ms = 0.5

[[projection]]
pre = "P"
post = "X"
rule = "one_to_one"
weight = { dist = "constant", value = 30.0 }
plasticity = { rule = "hebbian", tau_pre_ms = 10.0, tau_post_ms = 10.0, eta = 0.1, lambda = 0.01, w_max = 40.0 }

[[projection]]
name = "PD"
pre = "P"
post = "D"
rule = "fixed_outdegree"
outdegree = 2
multapses = false
autapses = false
weight = { dist = "uniform", low = 0.1, high = 0.2 }
delay_ms = { dist = "uniform", low = 0.1, high = 1.0 }

[[projection]]
pre = "D"
post = "R"
rule = "fixed_total_number"
n = 4
weight = 0.5

[[current_steps]]
population = "X"
every_ms = 10
values = [100.0, [0.0, 50.0, 100.0]]
repeat = true

[recording]
spikes = "all"
csv = true

[[recording.sample]]
population = "X"
neurons = [0, 2]
vars = ["v", "w"]
every_ms = 1.0

[[recording.weights]]
projection = "P->X"
"""

out = pathlib.Path(__file__).parent / "seeds"
out.mkdir(exist_ok=True)
(out / "models_and_rules.toml").write_text(MODELS_AND_RULES)
(out / "arrays_and_spike_sources").write_bytes(ARRAYS.encode() + b"".join(MARKER + f for f in files))
