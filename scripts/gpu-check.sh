#!/usr/bin/env bash
# The GPU check, in two halves. The GPU machine has the CUDA toolkit, CMake, ninja and
# Python, but none of our Debian packages and no network, so:
#   scripts/gpu-check.sh build [BUNDLE]    here: build a self-contained CUDA bundle
#                                          (binaries in BUNDLE/bin, their shared libraries in
#                                          BUNDLE/lib, found through an $ORIGIN rpath)
#   scripts/gpu-check.sh run BUNDLE OUT    on the GPU machine, from the repository root: GPU
#                                          tests, compute-sanitizer memcheck, benchmarks; every
#                                          log and JSON result goes to OUT (about 6 minutes)
# AXON_CUDA_ARCH picks the architecture (default 90: H100/H200).
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
binaries=(axon axon_cross_backend_test axon_models_test axon_engine_test axon_cli_test axon-bench)

build() {
  local bundle=${1:-gpu-bundle} dir=build/gpu-bundle
  set -e
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAXON_CUDA=ON \
        -DCMAKE_CUDA_ARCHITECTURES="${AXON_CUDA_ARCH:-90}" '-DCMAKE_BUILD_RPATH=$ORIGIN/../lib'
  cmake --build "$dir" --target "${binaries[@]}"
  rm -rf "$bundle" && mkdir -p "$bundle/bin" "$bundle/lib"
  for b in "${binaries[@]}"; do
    cp "$dir/bin/$b" "$bundle/bin/"
    # Every shared library but the C library's own (those must come from the machine).
    ldd "$dir/bin/$b" | awk '/=> \// {print $3}' |
      grep -Ev '/(libc|libm|libdl|librt|libpthread|ld-linux[^/]*)\.so' |
      while read -r lib; do cp -Ln "$lib" "$bundle/lib/" 2>/dev/null || true; done
  done
  strip --strip-unneeded "$bundle"/bin/* "$bundle"/lib/* 2>/dev/null || true
  du -sh "$bundle"
}

run() {
  local bundle=${1:?bundle folder} out=${2:?output folder} status=0
  mkdir -p "$out"
  export AXON_EXAMPLES=$PWD/examples/experiments AXON_CLI=$bundle/bin/axon
  { date -u; nvidia-smi || true; "$bundle/bin/axon" info; } > "$out/device.txt" 2>&1
  # Tests: the cross-backend comparison first (it is what the GPU is for).
  for t in axon_cross_backend_test axon_models_test axon_engine_test axon_cli_test; do
    timeout 240 "$bundle/bin/$t" --gtest_output="xml:$out/$t.xml" > "$out/$t.log" 2>&1 || { status=1; echo "FAILED: $t"; }
  done
  # Out-of-bounds and misaligned accesses in the kernels (memcheck), on a small network with plasticity.
  local sanitizer
  sanitizer=$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)
  if nvidia-smi > /dev/null 2>&1; then
    timeout 180 "$sanitizer" --tool memcheck --error-exitcode 9 "$bundle/bin/axon" run examples/experiments/stdp_cuba.toml \
      --backend cuda --duration 20 --quiet --out "$out/memcheck-run" > "$out/memcheck.log" 2>&1 || { status=1; echo "FAILED: memcheck"; }
  else
    echo "no GPU: memcheck not run" > "$out/memcheck.log"
  fi
  # Benchmarks: each model on the GPU and, in the same sitting, on the CPU.
  for backend in cuda cpu; do
    timeout 150 "$bundle/bin/axon-bench" --backend "$backend" --model all --out "$out/bench-$backend.json" \
      > "$out/bench-$backend.log" 2>&1 || { status=1; echo "FAILED: axon-bench $backend"; }
  done
  for n in 125000 1250000; do
    timeout 120 "$bundle/bin/axon-bench" --backend cuda --model brunel_a --neurons "$n" --duration 200 \
      --out "$out/bench-brunel-$n-cuda.json" > "$out/bench-brunel-$n-cuda.log" 2>&1 || echo "brunel $n: see log"
  done
  timeout 150 "$bundle/bin/axon" run examples/experiments/microcircuit.toml --backend cuda --duration 1000 --quiet \
    --out "$out/microcircuit-cuda" > "$out/microcircuit-cuda.txt" 2>&1 || echo "microcircuit: see log"
  echo "gpu-check: status $status, results in $out"
  return $status
}

case "$mode" in
  build) shift; build "$@" ;;
  run) shift; run "$@" ;;
  *) echo "usage: scripts/gpu-check.sh build [BUNDLE] | run BUNDLE OUT" >&2; exit 2 ;;
esac
