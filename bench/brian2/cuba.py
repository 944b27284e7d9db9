#!/usr/bin/python3
"""Brian 2 C++-standalone reference: Vogels & Abbott (2005) CUBA network
(Brette et al. 2007, benchmark 2), following Brian's own examples/CUBA.py.

    /usr/bin/python3 bench/brian2/cuba.py --threads 1 [--duration-ms 1000] [--json out.json]

Model
  4000 LIF neurons: 0..3199 excitatory, 3200..3999 inhibitory
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


def main():
    args = bc.make_parser(__doc__.split('\n')[0], 'axon_brian2_cuba_').parse_args()
    import brian2
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, defaultclock,
                        run, seed, ms, mV, second)

    t_setup0 = bc.time.perf_counter()
    import_s = t_setup0 - bc.T_SCRIPT_START
    build_dir, is_temp = bc.setup_device(args)
    seed(args.seed)
    defaultclock.dt = 0.1 * ms

    N, N_E = 4000, 3200
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

    Ce = Synapses(P, P, on_pre='ge += we', namespace=ns, name='Ce')
    Ci = Synapses(P, P, on_pre='gi += wi', namespace=ns, name='Ci')
    Ce.connect(f'i<{N_E} and i!=j', p=0.02)
    Ci.connect(f'i>={N_E} and i!=j', p=0.02)

    mon = SpikeMonitor(P, name='spikes')

    bc.mark_before_run()
    run(args.duration_ms * ms, profile=args.profile, namespace=ns)
    bc.mark_after_run()

    timings = bc.build_and_run(build_dir, t_setup0)

    n_syn = len(Ce) + len(Ci)
    pops = bc.spike_stats(mon.i[:], mon.t[:] / second, N,
                          {'exc': (0, N_E), 'inh': (N_E, N)},
                          args.duration_ms / 1000.0)
    extra = {'import_brian2_s': round(import_s, 3),
             'n_synapses_exc': int(len(Ce)), 'n_synapses_inh': int(len(Ci)),
             'rate_hz_all': sum(p['n_spikes'] for p in pops.values())
                            / (N * args.duration_ms / 1000.0)}
    if args.profile:
        from brian2.core.magic import magic_network
        extra['profile_s'] = {k: float(v / second)
                              for k, v in magic_network.profiling_info}
    res = bc.common_result('cuba', args, brian2.__version__, N, n_syn, 0.1,
                           args.duration_ms, timings, pops, extra)
    bc.finish(args, res, build_dir, is_temp)


if __name__ == '__main__':
    main()
