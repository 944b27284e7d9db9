# Experiment files from Python give the spikes `axon run` writes for the same file and seed.
import subprocess

import numpy as np

import axon


def test_run_experiment_equals_the_command_line(axon_cli, experiments, tmp_path):
    path = experiments / "cuba.toml"
    sim = axon.run_experiment(str(path), seed=7)
    subprocess.run([str(axon_cli), "run", str(path), "--seed", "7", "--out", str(tmp_path / "out")], check=True,
                   capture_output=True)
    experiment = axon.load_experiment(str(path), seed=7)
    compared = 0
    for name in experiment.network.population_names:
        written = np.load(tmp_path / "out" / f"{name}_spikes.npy")
        times, neurons = sim.spikes(name)
        np.testing.assert_array_equal(written["time_ms"], times)
        np.testing.assert_array_equal(written["neuron"], neurons)
        compared += len(times)
    assert compared > 1000


def test_default_experiment():
    experiment = axon.default_experiment()
    assert experiment.name == "default" and experiment.network.neuron_count == 12500
    assert experiment.duration_ms == 1000.0
