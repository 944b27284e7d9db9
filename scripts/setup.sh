#!/usr/bin/env bash
# Installs the Debian packages Axon's build needs (idempotent; run as root or with sudo), then
# the Python module's build and test requirements (nanobind, scikit-build-core, numpy, pytest)
# from PyPI into a virtual environment at .venv, which the build uses (cmake/AxonPython.cmake).
# Nothing is downloaded from anywhere else. The CUDA toolkit is optional and not installed
# here: with nvcc on the PATH the build adds the CUDA parts.
#   scripts/setup.sh           build, test, fuzzing and benchmark dependencies
#   scripts/setup.sh --brian   also Brian 2 (python3-brian), for bench/compare_brian2.py
set -euo pipefail

# clang-14 with its sanitizer and libFuzzer runtimes and OpenMP: the fuzz preset (scripts/fuzz.sh).
# OpenMPI's headers and mpirun: distributed runs (AXON_MPI, docs/scaling.md) and their tests.
packages=(build-essential cmake ninja-build ccache pkg-config
          libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
          librandom123-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
          clang-14 libclang-rt-14-dev libomp-14-dev
          libopenmpi-dev openmpi-bin
          python3-dev python3-venv)
if [[ "${1:-}" == "--brian" ]]; then
  packages+=(python3-brian python3-numpy)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#packages[@]} packages present"
else
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: run as root (missing: ${missing[*]})" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Python environment (scripts/python-requirements.txt).
cd "$(dirname "$0")/.."
if ! .venv/bin/python3 -c "import nanobind, scikit_build_core, numpy, pytest" 2>/dev/null; then
  echo "setup: making .venv with $(tr '\n' ' ' < scripts/python-requirements.txt)"
  python3 -m venv .venv
  .venv/bin/python3 -m pip install -q --disable-pip-version-check -r scripts/python-requirements.txt
else
  echo "setup: .venv has the Python requirements"
fi
