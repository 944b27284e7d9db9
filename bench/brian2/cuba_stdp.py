#!/usr/bin/python3
"""Brian 2 C++-standalone reference: CUBA with STDP on its excitatory-to-excitatory synapses
(benchmark model 4), as Axon's models::cuba with stdp (axon-bench --model cuba_stdp).

    /usr/bin/python3 bench/brian2/cuba_stdp.py --threads 1 [--duration-ms 1000] [--neurons 40000] [--json out.json]

The network is cuba.py's; E->E synapses (initial weight we = 1.62 mV) learn by additive pair
STDP with all-to-all pairing, written as Brian's STDP examples write it (traces per synapse,
event-driven; _bench_common.STDP_MODEL): tau+ = tau- = 20 ms, w in [0, 2 we], A+ = 0.01 w_max,
A- = -1.05 A+. E->I and I->all synapses stay static.
The last line of stdout is a JSON object with timings, spike statistics and the mean plastic weight.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cuba  # noqa: E402

if __name__ == '__main__':
    cuba.main(stdp=True)
