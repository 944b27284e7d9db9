#!/usr/bin/python3
"""Brian 2 C++-standalone reference: Vogels & Abbott (2005) CUBA network
(Brette et al. 2007, benchmark 2), following Brian's own examples/CUBA.py.

    /usr/bin/python3 bench/brian2/cuba.py --threads 1 [--duration-ms 1000] [--neurons 4000] [--json out.json]

Model
  4000 LIF neurons (--neurons N: 0.8 N excitatory, p = 80 / N): 0..3199 excitatory, 3200..3999 inhibitory
  dv/dt  = (ge + gi - (v - El)) / taum : volt (unless refractory)
  dge/dt = -ge / taue : volt
  dgi/dt = -gi / taui : volt
  taum 20 ms, taue 5 ms, taui 10 ms, Vt -50 mV, Vr -60 mV, El -49 mV,
  refractory 5 ms, threshold v > Vt, reset v = Vr, method 'exact'
  Synapses: random, p = 0.02, no autapses (i != j; Brian's example allows
  them); exc: ge += we, we = 60*0.27/10 mV = 1.62 mV;
  inh: gi += wi, wi = -20*4.5/10 mV = -9 mV; no extra delay (Brian default:
  spike delivered in the same step's 'synapses' slot, i.e. visible to the
  next state update).
  Initial v = Vr + rand()*(Vt - Vr); ge = gi = 0.
  dt = 0.1 ms.
The last line of stdout is a JSON object with timings and spike statistics.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bench_common as bc  # noqa: E402  (records script start time)


def main(stdp=False):
    """CUBA; with `stdp`, E->E synapses learn (cuba_stdp.py, benchmark model 4)."""
    model = 'cuba_stdp' if stdp else 'cuba'
    parser = bc.make_parser(__doc__.split('\n')[0], f'axon_brian2_{model}_')
    parser.add_argument('--neurons', type=int, default=4000, help='network size (default 4000)')
    args = parser.parse_args()
    from brian2 import NeuronGroup, ms, mV

    t_setup0, import_s, build_dir, is_temp = bc.start(args)

    N = args.neurons
    N_E = N - N // 5
    ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms, Vt=-50 * mV,
              Vr=-60 * mV, El=-49 * mV,
              we=(60 * 0.27 / 10) * mV, wi=(-20 * 4.5 / 10) * mV)
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    P = NeuronGroup(N, eqs, threshold='v>Vt', reset='v = Vr',
                    refractory=5 * ms, method='exact', namespace=ns, name='P')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV

    res = bc.run_vogels_abbott(model, args, build_dir, P, ns, N, N_E, t_setup0, import_s, stdp=stdp)
    bc.finish(args, res, build_dir, is_temp)


if __name__ == '__main__':
    main()
