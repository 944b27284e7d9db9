#!/usr/bin/python3
"""Brian 2 C++-standalone reference: Brunel (2000) model A (sparse LIF network
with delta synapses, g = 5, nu_ext/nu_thr = 2), as in the NEST brunel_delta
benchmark.

    /usr/bin/python3 bench/brian2/brunel_a.py --threads 1 [--scale 1] [--duration-ms 1000] [--json out.json]

Model
  N_E = 10000*scale excitatory (indices 0..N_E-1), N_I = 2500*scale
  inhibitory (indices N_E..N-1) LIF neurons.
  dv/dt = -v/tau_m : volt (unless refractory)      (E_L = 0)
  tau_m 20 ms, threshold v > 20 mV, reset v = 10 mV, refractory 2 ms,
  method 'exact'.
  Recurrent delta synapses, fixed in-degree (independent of --scale): every
  neuron receives exactly C_E = 1000 inputs from excitatory neurons and
  C_I = 250 from inhibitory ones; presynaptic indices drawn uniformly with
  replacement (multapses and autapses allowed), numpy generator seeded with
  --seed, passed as S.connect(i=..., j=...).
  on_pre: v_post += J*int(not_refractory_post), J_E = 0.1 mV, J_I = -g*J_E =
  -0.5 mV (g = 5); homogeneous delay 1.5 ms on all recurrent synapses.
  Input arriving while the target is refractory is discarded (this includes
  the step in which the target spikes: Brian's thresholder clears
  not_refractory before the 'synapses' slot).
  External drive: PoissonInput(P, 'v', N=C_E=1000, rate=20 Hz,
  weight='J*int(not_refractory)'), i.e. a binomial(1000, 20 Hz*dt) number of
  J = 0.1 mV kicks per neuron and step (20 kHz total; nu_thr = theta/(J C_E
  tau_m) = 10 Hz so nu_ext/nu_thr = 2).  It also respects refractoriness
  (the weight expression is 0 while refractory).
  Initial v uniform in [0, 20) mV (v = 20 mV*rand(), Brian's RNG seeded).
  dt = 0.1 ms.
The last line of stdout is a JSON object with timings and spike statistics.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _bench_common as bc  # noqa: E402  (records script start time)

import numpy as np  # noqa: E402


def main():
    parser = bc.make_parser(__doc__.split('\n')[0], 'axon_brian2_brunel_a_')
    parser.add_argument('--scale', type=float, default=1.0,
                        help='multiplies N_E and N_I (in-degrees stay fixed)')
    args = parser.parse_args()
    import brian2
    from brian2 import (NeuronGroup, Synapses, SpikeMonitor, PoissonInput,
                        run, ms, mV, Hz, second)

    t_setup0, import_s, build_dir, is_temp = bc.start(args)

    N_E = int(round(10000 * args.scale))
    N_I = int(round(2500 * args.scale))
    N = N_E + N_I
    C_E, C_I = 1000, 250
    J = 0.1 * mV
    g = 5.0
    ns = dict(tau_m=20 * ms, theta=20 * mV, V_r=10 * mV,
              J=J, J_E=J, J_I=-g * J)

    P = NeuronGroup(N, 'dv/dt = -v/tau_m : volt (unless refractory)',
                    threshold='v > theta', reset='v = V_r',
                    refractory=2 * ms, method='exact', namespace=ns, name='P')
    P.v = '20*mV*rand()'

    # fixed in-degree connectivity (multapses / autapses allowed)
    rng = np.random.default_rng(args.seed)
    post_E = np.repeat(np.arange(N, dtype=np.int32), C_E)
    pre_E = rng.integers(0, N_E, size=N * C_E, dtype=np.int32)
    post_I = np.repeat(np.arange(N, dtype=np.int32), C_I)
    pre_I = rng.integers(N_E, N, size=N * C_I, dtype=np.int32)

    SE = Synapses(P, P, on_pre='v_post += J_E*int(not_refractory_post)',
                  delay=1.5 * ms, namespace=ns, name='SE')
    SI = Synapses(P, P, on_pre='v_post += J_I*int(not_refractory_post)',
                  delay=1.5 * ms, namespace=ns, name='SI')
    SE.connect(i=pre_E, j=post_E)
    SI.connect(i=pre_I, j=post_I)
    del pre_E, post_E, pre_I, post_I

    ext = PoissonInput(P, 'v', N=C_E, rate=20 * Hz,  # noqa: F841 (kept alive)
                       weight='J*int(not_refractory)')

    mon = SpikeMonitor(P, name='spikes')

    bc.mark_before_run()
    run(args.duration_ms * ms, profile=args.profile, namespace=ns)
    bc.mark_after_run()

    timings = bc.build_and_run(build_dir, t_setup0)

    n_syn_E, n_syn_I = int(len(SE)), int(len(SI))
    assert n_syn_E == N * C_E and n_syn_I == N * C_I, (n_syn_E, n_syn_I)

    pops = bc.spike_stats(mon.i[:], mon.t[:] / second, N,
                          {'exc': (0, N_E), 'inh': (N_E, N)},
                          args.duration_ms / 1000.0)
    extra = {'import_brian2_s': round(import_s, 3),
             'scale': args.scale,
             'n_synapses_exc': n_syn_E, 'n_synapses_inh': n_syn_I,
             'rate_hz_all': sum(p['n_spikes'] for p in pops.values())
                            / (N * args.duration_ms / 1000.0)}
    if args.profile:
        from brian2.core.magic import magic_network
        extra['profile_s'] = {k: float(v / second)
                              for k, v in magic_network.profiling_info}
    res = bc.common_result('brunel_a', args, brian2.__version__, N,
                           n_syn_E + n_syn_I, 0.1, args.duration_ms, timings,
                           pops, extra)
    bc.finish(args, res, build_dir, is_temp)


if __name__ == '__main__':
    main()
