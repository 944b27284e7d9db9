#!/usr/bin/env bash
# The installed-wheel test: build a wheel of this checkout (pip wheel through scikit-build-core,
# CPU-only to keep it short: the CUDA parts are the same CMake project), install it into a fresh
# virtual environment and run a small network there, from a folder outside the checkout.
#   check_wheel.sh REPO WORK_DIR PYTHON
# PYTHON is an interpreter with the build requirements (.venv); the fresh environment borrows its
# numpy through a .pth file, so nothing is downloaded. Prints "axon VERSION: N spikes".
set -euo pipefail
repo=$1 work=$2 python=$3
rm -rf "$work"
mkdir -p "$work"
"$python" -m pip wheel -q --no-build-isolation --no-deps --disable-pip-version-check -w "$work/dist" \
  -C cmake.define.AXON_CUDA=OFF -C build-dir="$work/build" "$repo"
"$python" -m venv --without-pip "$work/env"
fresh_site=$("$work/env/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
"$python" -c 'import numpy, os; print(os.path.dirname(os.path.dirname(numpy.__file__)))' > "$fresh_site/build-env.pth"
"$python" -m pip install -q --no-index --no-deps --disable-pip-version-check --target "$fresh_site" "$work"/dist/*.whl
cd "$work"
"$work/env/bin/python" - <<'PY'
import axon
assert "site-packages" in axon.__file__, axon.__file__
net = axon.Network(seed=1)
pop = net.add_population("N", 100, "lif_exp")
net.add_poisson_input(pop, rate_Hz=20000.0, weight=87.8)
net.record_all_spikes()
sim = axon.Simulator(net)
sim.run(50.0)
times, neurons = sim.spikes(pop)
assert len(times) > 0 and str(neurons.dtype) == "uint32"
print(f"axon {axon.__version__}: {len(times)} spikes")
PY
