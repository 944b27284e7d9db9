#!/usr/bin/python3
"""Brian 2 C++-standalone reference: Vogels & Abbott (2005) COBA network
(Brette et al. 2007, benchmark 1), as the benchmark's reference Brian script.

    /usr/bin/python3 bench/brian2/coba.py --threads 1 [--duration-ms 1000] [--json out.json]

Model (axon::models::coba, examples/experiments/coba.toml)
  4000 LIF neurons: 0..3199 excitatory, 3200..3999 inhibitory
  dv/dt  = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v)) / C : volt (unless refractory)
  dge/dt = -ge / taue : siemens
  dgi/dt = -gi / taui : siemens
  C 200 pF, gl 10 nS (taum 20 ms), El = Vr = -60 mV, Vt -50 mV, refractory 5 ms,
  Ee 0 mV, Ei -80 mV, taue 5 ms, taui 10 ms; method 'euler' (Brian's choice for
  these equations; Axon takes two RK4 substeps per step, the costlier integration).
  Synapses: random, p = 0.02, no autapses; exc: ge += 6 nS, inh: gi += 67 nS.
  Initial v ~ N(-65, 5) mV, ge ~ N(40, 15) nS, gi ~ N(200, 120) nS (the
  benchmark's reference script); no external drive. dt = 0.1 ms.
The last line of stdout is a JSON object with timings and spike statistics.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bench_common as bc  # noqa: E402  (records script start time)


def main():
    args = bc.make_parser(__doc__.split('\n')[0], 'axon_brian2_coba_').parse_args()
    from brian2 import NeuronGroup, ms, mV, nS, pF

    t_setup0, import_s, build_dir, is_temp = bc.start(args)

    N, N_E = 4000, 3200
    ns = dict(C=200 * pF, gl=10 * nS, El=-60 * mV, Vt=-50 * mV, Vr=-60 * mV,
              Ee=0 * mV, Ei=-80 * mV, taue=5 * ms, taui=10 * ms,
              we=6 * nS, wi=67 * nS)
    eqs = '''
    dv/dt  = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v))/C : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    '''
    P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr',
                    refractory=5 * ms, method='euler', namespace=ns, name='P')
    P.v = '-65*mV + 5*mV*randn()'
    P.ge = '40*nS + 15*nS*randn()'
    P.gi = '200*nS + 120*nS*randn()'

    res = bc.run_vogels_abbott('coba', args, build_dir, P, ns, N, N_E, t_setup0, import_s)
    bc.finish(args, res, build_dir, is_temp)


if __name__ == '__main__':
    main()
