"""Shared helpers for the Brian 2 (C++ standalone) reference benchmarks.

Used by the scripts in this directory.  Run the scripts with the
system interpreter that has Brian 2 installed (Debian python3-brian):

    /usr/bin/python3 bench/brian2/cuba.py --threads 1

Timing model (all wall-clock seconds):

  python_setup_s    Python-side network description (object creation,
                    numpy index arrays); nothing is simulated here.
  codegen_s         Brian code generation + writing the C++ project
                    (device.build total minus make and minus running 'main').
  compile_s         'make' of the generated project (C++ compilation + link).
  binary_wall_s     wall time of the whole 'main' process (Brian's own
                    device.timers['run_binary']).
  construction_s    inside 'main': from before brian_start() (array
                    allocation, loading static arrays from disk) up to the
                    call to run(): state initialisation and synapse creation
                    (connect) happen here.  Measured with clock_gettime()
                    code that we inject into main.cpp.
  run_call_s        inside 'main': the whole run() call, i.e. before_run
                    preparation (spike-queue initialisation etc.) + the
                    time-step loop + after_run.
  sim_loop_s        Brian's own _last_run_time: only the time-step loop of
                    Network::run (omp_get_wtime() when OpenMP is on, i.e.
                    threads >= 1; std::clock() CPU time / threads when
                    threads == 0).  This is THE simulation time.
  run_setup_s       run_call_s - sim_loop_s.
  results_write_s   inside 'main': brian_end() (writing monitors/state to
                    disk).
  real_time_factor  sim_loop_s / simulated seconds.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np

T_SCRIPT_START = time.perf_counter()

TIMING_FILE = os.path.join('results', 'axon_bench_timing.txt')


def make_parser(description, default_build_prefix):
    p = argparse.ArgumentParser(description=description)
    p.add_argument('--threads', type=int, default=1,
                   help='prefs.devices.cpp_standalone.openmp_threads '
                        '(default 1; 0 = generate code without OpenMP)')
    p.add_argument('--duration-ms', type=float, default=1000.0,
                   help='simulated time in ms (default 1000)')
    p.add_argument('--json', default=None,
                   help='also write the JSON result object to this path')
    p.add_argument('--build-dir', default=None,
                   help='C++ project directory (default: fresh temp dir under '
                        '/tmp, deleted afterwards unless --keep-build). An '
                        'existing --build-dir is reused (incremental make).')
    p.add_argument('--keep-build', action='store_true',
                   help='do not delete the temporary build directory')
    p.add_argument('--make-jobs', type=int, default=2,
                   help='parallel make jobs for compilation (default 2; '
                        "Brian's own default is unlimited '-j')")
    p.add_argument('--seed', type=int, default=12345,
                   help='random seed (default 12345)')
    p.add_argument('--march', default=None,
                   help="-march for Brian's C++ instead of its default native "
                        "(x86-64-v3: what an AVX2-only machine gets)")
    p.add_argument('--profile', action='store_true',
                   help="run(profile=True) and report Brian's per-code-object "
                        'profile (adds some overhead to the loop)')
    p.set_defaults(_build_prefix=default_build_prefix)
    return p


def setup_device(args):
    """set_device('cpp_standalone', ...) and prefs; returns (build_dir, is_temp)."""
    from brian2 import set_device, prefs, device

    if args.build_dir:
        build_dir = os.path.abspath(args.build_dir)
        is_temp = False
    else:
        build_dir = tempfile.mkdtemp(prefix=args._build_prefix, dir='/tmp')
        is_temp = True
    set_device('cpp_standalone', directory=build_dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = args.threads
    prefs.devices.cpp_standalone.extra_make_args_unix = [f'-j{args.make_jobs}']
    # Brian's defaults are kept: -w -O3 -ffast-math -fno-finite-math-only
    # -march=native -std=c++11 (--march replaces the last).
    if args.march:
        prefs.codegen.cpp.extra_compile_args_gcc = [
            f'-march={args.march}' if flag == '-march=native' else flag
            for flag in prefs.codegen.cpp.extra_compile_args_gcc]

    # Wall-clock timers injected into main.cpp (<time.h> is already included
    # by Brian's main.cpp template).  before_start runs before brian_start(),
    # i.e. before array allocation and static-array loading.
    device.insert_code('before_start',
                       'struct timespec _axb_t0, _axb_t1, _axb_t2, _axb_t3;\n'
                       'clock_gettime(CLOCK_MONOTONIC, &_axb_t0);')
    return build_dir, is_temp


def mark_before_run():
    from brian2 import device
    device.insert_code('main', 'clock_gettime(CLOCK_MONOTONIC, &_axb_t1);')


def mark_after_run():
    from brian2 import device
    device.insert_code('main', 'clock_gettime(CLOCK_MONOTONIC, &_axb_t2);')
    device.insert_code(
        'after_end',
        'clock_gettime(CLOCK_MONOTONIC, &_axb_t3);\n'
        '{\n'
        '  #define _AXB_S(a, b) ((double)((b).tv_sec - (a).tv_sec) + 1e-9*(double)((b).tv_nsec - (a).tv_nsec))\n'
        f'  std::ofstream _axb_f("{TIMING_FILE}");\n'
        '  _axb_f.precision(9);\n'
        '  _axb_f << "construction_s " << _AXB_S(_axb_t0, _axb_t1) << "\\n";\n'
        '  _axb_f << "run_call_s " << _AXB_S(_axb_t1, _axb_t2) << "\\n";\n'
        '  _axb_f << "results_write_s " << _AXB_S(_axb_t2, _axb_t3) << "\\n";\n'
        '  _axb_f.close();\n'
        '}')


def build_and_run(build_dir, t_python_setup_start):
    """device.build(compile=True, run=True); returns dict of timings."""
    from brian2 import device
    t_setup_end = time.perf_counter()
    device.build(directory=build_dir, compile=True, run=True,
                 with_output=False, clean=False)
    t_build_end = time.perf_counter()
    build_total = t_build_end - t_setup_end
    make_s = device.timers['compile']['make'] or 0.0
    clean_s = device.timers['compile']['clean'] or 0.0
    binary_s = device.timers['run_binary'] or 0.0
    inner = {}
    with open(os.path.join(build_dir, TIMING_FILE)) as f:
        for line in f:
            k, v = line.split()
            inner[k] = float(v)
    sim_loop = float(device._last_run_time)
    return {
        'python_setup_s': t_setup_end - t_python_setup_start,
        'codegen_s': build_total - make_s - clean_s - binary_s,
        'compile_s': make_s + clean_s,
        'build_total_s': build_total,
        'binary_wall_s': binary_s,
        'construction_s': inner['construction_s'],
        'run_call_s': inner['run_call_s'],
        'sim_loop_s': sim_loop,
        'run_setup_s': inner['run_call_s'] - sim_loop,
        'results_write_s': inner['results_write_s'],
        'completed_fraction': float(device._last_run_completed_fraction),
    }


def spike_stats(i, t, n_neurons, populations, duration_s):
    """Per-population mean rate (Hz) and mean CV of ISI.

    populations: dict name -> (start, stop) neuron index range.
    CV = std(ISI)/mean(ISI) (population std, ddof=0) per neuron with >= 3
    spikes, averaged over those neurons.
    """
    i = np.asarray(i, dtype=np.int64)
    t = np.asarray(t, dtype=np.float64)
    order = np.lexsort((t, i))
    i = i[order]
    t = t[order]
    counts = np.bincount(i, minlength=n_neurons)
    cv = np.full(n_neurons, np.nan)
    if len(i) > 1:
        same = i[1:] == i[:-1]
        isi = np.diff(t)[same]
        isi_owner = i[1:][same]
        n_isi = np.bincount(isi_owner, minlength=n_neurons)
        s1 = np.bincount(isi_owner, weights=isi, minlength=n_neurons)
        s2 = np.bincount(isi_owner, weights=isi * isi, minlength=n_neurons)
        ok = counts >= 3
        mean = s1[ok] / n_isi[ok]
        var = np.maximum(s2[ok] / n_isi[ok] - mean * mean, 0.0)
        cv[ok] = np.sqrt(var) / mean
    out = {}
    for name, (a, b) in populations.items():
        n = b - a
        c = cv[a:b]
        good = ~np.isnan(c)
        out[name] = {
            'n_neurons': int(n),
            'n_spikes': int(counts[a:b].sum()),
            'rate_hz': float(counts[a:b].sum() / (n * duration_s)),
            'cv_isi': float(c[good].mean()) if good.any() else None,
            'n_neurons_cv': int(good.sum()),
        }
    return out


def finish(args, result, build_dir, is_temp):
    line = json.dumps(result, sort_keys=False)
    if args.json:
        with open(args.json, 'w') as f:
            f.write(json.dumps(result, indent=2) + '\n')
    if is_temp and not args.keep_build:
        shutil.rmtree(build_dir, ignore_errors=True)
    elif is_temp:
        print(f'# build dir kept: {build_dir}', file=sys.stderr)
    sys.stdout.flush()
    print(line)
    sys.stdout.flush()


def common_result(model, args, brian2_version, n_neurons, n_synapses, dt_ms,
                  duration_ms, timings, populations_stats, extra=None):
    from brian2 import prefs
    sim_s = duration_ms / 1000.0
    res = {
        'model': model,
        'simulator': 'brian2-cpp-standalone',
        'brian2_version': brian2_version,
        'threads': args.threads,
        'n_neurons': int(n_neurons),
        'n_synapses': int(n_synapses),
        'dt_ms': dt_ms,
        'simulated_ms': duration_ms,
        'seed': args.seed,
        # headline figures
        'compile_wall_s': round(timings['compile_s'], 4),
        'sim_wall_s': round(timings['sim_loop_s'], 4),
        'real_time_factor': round(timings['sim_loop_s'] / sim_s, 5),
        # full breakdown (see _bench_common.py docstring)
        'timings_s': {k: round(v, 5) for k, v in timings.items()},
        'populations': populations_stats,
        'compiler_flags': list(prefs.codegen.cpp.extra_compile_args_gcc),
    }
    if extra:
        res.update(extra)
    return res


def start(args):
    """Brian's standalone device, seed and dt (0.1 ms); returns the setup's start time, the time
    the import of brian2 took, the build directory and whether it is temporary."""
    from brian2 import defaultclock, seed, ms
    t_setup0 = time.perf_counter()
    import_s = t_setup0 - T_SCRIPT_START
    build_dir, is_temp = setup_device(args)
    seed(args.seed)
    defaultclock.dt = 0.1 * ms
    return t_setup0, import_s, build_dir, is_temp


# Additive pair STDP with all-to-all pairing, as Brian's own STDP examples write it (traces
# per synapse, event-driven) and as Axon's models::cuba(stdp) sets it: tau 20 ms both ways,
# weights in [0, 2 we], A+ = 0.01 w_max, A- = -1.05 A+, depression at the presynaptic spike
# from the postsynaptic trace, potentiation at the postsynaptic spike from the presynaptic one.
STDP_MODEL = """w : volt
dapre/dt = -apre / taupre : 1 (event-driven)
dapost/dt = -apost / taupost : 1 (event-driven)"""
STDP_ON_PRE = """ge += w
apre += 1
w = clip(w + Aminus * apost, 0 * volt, wmax)"""
STDP_ON_POST = """apost += 1
w = clip(w + Aplus * apre, 0 * volt, wmax)"""


def run_vogels_abbott(model, args, build_dir, P, ns, n, n_exc, t_setup0, import_s, stdp=False):
    """The part CUBA and COBA share: E->all and I->all synapses (p = 80 / n: 0.02 at 4,000
    neurons, 80 expected inputs at any size as in Axon's models::cuba; no autapses, on_pre ge +=
    we and gi += wi), the run, its build, and the result with spike statistics. With `stdp`,
    E->E synapses learn (STDP_MODEL; benchmark model 4) and E->I stay static."""
    import brian2
    from brian2 import Synapses, SpikeMonitor, run, ms, second
    Ci = Synapses(P, P, on_pre='gi += wi', namespace=ns, name='Ci')
    if stdp:
        wmax = 2 * ns['we']
        ns = dict(ns, taupre=20 * ms, taupost=20 * ms, wmax=wmax, Aplus=0.01 * wmax, Aminus=-1.05 * 0.01 * wmax)
        Cee = Synapses(P, P, model=STDP_MODEL, on_pre=STDP_ON_PRE, on_post=STDP_ON_POST, namespace=ns, name='Cee')
        Cei = Synapses(P, P, on_pre='ge += we', namespace=ns, name='Cei')
        Cee.connect(f'i<{n_exc} and j<{n_exc} and i!=j', p=80.0 / n)
        Cee.w = 'we'
        Cei.connect(f'i<{n_exc} and j>={n_exc} and i!=j', p=80.0 / n)
        excitatory = [Cee, Cei]
    else:
        Ce = Synapses(P, P, on_pre='ge += we', namespace=ns, name='Ce')
        Ce.connect(f'i<{n_exc} and i!=j', p=80.0 / n)
        excitatory = [Ce]
    Ci.connect(f'i>={n_exc} and i!=j', p=80.0 / n)
    mon = SpikeMonitor(P, name='spikes')

    mark_before_run()
    run(args.duration_ms * ms, profile=args.profile, namespace=ns)
    mark_after_run()
    timings = build_and_run(build_dir, t_setup0)

    pops = spike_stats(mon.i[:], mon.t[:] / second, n, {'exc': (0, n_exc), 'inh': (n_exc, n)},
                       args.duration_ms / 1000.0)
    extra = {'import_brian2_s': round(import_s, 3),
             'n_synapses_exc': sum(int(len(c)) for c in excitatory), 'n_synapses_inh': int(len(Ci)),
             'rate_hz_all': sum(p['n_spikes'] for p in pops.values()) / (n * args.duration_ms / 1000.0)}
    if args.profile:
        from brian2.core.magic import magic_network
        extra['profile_s'] = {k: float(v / second) for k, v in magic_network.profiling_info}
    if stdp:
        w = Cee.w[:] / brian2.mV
        extra['mean_plastic_weight_mV'] = float(w.mean()) if len(w) else None
    return common_result(model, args, brian2.__version__, n, extra['n_synapses_exc'] + len(Ci), 0.1, args.duration_ms, timings,
                         pops, extra)
