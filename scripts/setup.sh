#!/usr/bin/env bash
# Installs the Debian packages Axon's build needs (idempotent; run as root or with sudo).
# Nothing is downloaded from anywhere but Debian's archive. The CUDA toolkit is optional and
# not installed here: with nvcc on the PATH the build adds the CUDA parts.
#   scripts/setup.sh           build, test, fuzzing and benchmark dependencies
#   scripts/setup.sh --brian   also Brian 2 (python3-brian), for bench/compare_brian2.py
set -euo pipefail

# clang-14 with its sanitizer and libFuzzer runtimes and OpenMP: the fuzz preset (scripts/fuzz.sh).
packages=(build-essential cmake ninja-build ccache pkg-config
          libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
          librandom123-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
          clang-14 libclang-rt-14-dev libomp-14-dev)
if [[ "${1:-}" == "--brian" ]]; then
  packages+=(python3-brian python3-numpy)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: run as root (missing: ${missing[*]})" >&2; exit 1; }
  sudo="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
