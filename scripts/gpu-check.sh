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
  rm -rf "$bundle" && mkdir -p "$bundle/bin" "$bundle/lib/glibc"
  for b in "${binaries[@]}"; do
    cp "$dir/bin/$b" "$bundle/bin/"
    # Every shared library in lib/ (found through the rpath), but the C library's own, which
    # go to lib/glibc/ with their loader: used only where the machine's C library is older
    # than this one (run() tries the machine's first).
    ldd "$dir/bin/$b" | awk '/=> \// {print $3} /ld-linux/ {print $1}' | while read -r lib; do
      case "$lib" in
        */libc.so*|*/libm.so*|*/libdl.so*|*/librt.so*|*/libpthread.so*|*/ld-linux*) cp -Ln "$lib" "$bundle/lib/glibc/" 2>/dev/null || true ;;
        *) cp -Ln "$lib" "$bundle/lib/" 2>/dev/null || true ;;
      esac
    done
  done
  strip --strip-unneeded "$bundle"/bin/* "$bundle"/lib/*.so* 2>/dev/null || true
  du -sh "$bundle"
}

run() {
  local bundle=${1:?bundle folder} out=${2:?output folder} status=0
  # bench NAME SECONDS ARGS...: one axon-bench run, its JSON and log in OUT.
  bench() {
    local name=$1 limit=$2
    shift 2
    timeout "$limit" $run_with "$bundle/bin/axon-bench" "$@" --out "$out/$name.json" > "$out/$name.log" 2>&1 ||
      { echo "FAILED: axon-bench $name (see $name.log)"; return 1; }
  }
  mkdir -p "$out"
  bundle=$(cd "$bundle" && pwd)
  # The binaries run as they are where the machine's C library is as new as the build's;
  # otherwise through the bundled loader and C library (AXON_BUNDLE_LOADER=1 forces that).
  local run_with=""
  if [[ ${AXON_BUNDLE_LOADER:-0} == 1 ]] || ! "$bundle/bin/axon" --version > /dev/null 2>&1; then
    # (the machine's own library path stays last: the CUDA driver library comes from there)
    run_with="$(ls "$bundle"/lib/glibc/ld-linux*.so* | head -1) --library-path $bundle/lib/glibc:$bundle/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "running the bundle through its own C library: $run_with"
  fi
  export AXON_EXAMPLES=$PWD/examples/experiments AXON_CLI="${run_with:+$run_with }$bundle/bin/axon"
  { date -u; nvidia-smi || true; $run_with "$bundle/bin/axon" info; } > "$out/device.txt" 2>&1
  # A smoke run first: if the cuda backend cannot run a small network at all on a GPU, the
  # benchmarks are skipped, so that a broken build costs the GPU machine minutes, not eight.
  local smoke=ok
  timeout 60 $run_with "$bundle/bin/axon" run examples/experiments/cuba.toml --backend cuda --duration 20 \
    --out "$out/smoke-run" > "$out/smoke.log" 2>&1 || { smoke=failed; status=1; echo "FAILED: cuda smoke run (see smoke.log)"; }
  # Tests: the cross-backend comparison first (it is what the GPU is for).
  for t in axon_cross_backend_test axon_models_test axon_engine_test axon_cli_test; do
    timeout 180 $run_with "$bundle/bin/$t" --gtest_output="xml:$out/$t.xml" > "$out/$t.log" 2>&1 || { status=1; echo "FAILED: $t"; }
  done
  # Out-of-bounds and misaligned accesses in the kernels (memcheck), on a small network with plasticity.
  local sanitizer
  sanitizer=$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)
  if nvidia-smi > /dev/null 2>&1; then
    timeout 180 "$sanitizer" --tool memcheck --error-exitcode 9 $run_with "$bundle/bin/axon" run examples/experiments/stdp_cuba.toml \
      --backend cuda --duration 20 --quiet --out "$out/memcheck-run" > "$out/memcheck.log" 2>&1 || { status=1; echo "FAILED: memcheck"; }
  else
    echo "no GPU: memcheck not run" > "$out/memcheck.log"
  fi
  # (Without a GPU, as in a rehearsal, everything still runs: the cuda steps fail at once.)
  if [[ $smoke != ok ]] && nvidia-smi > /dev/null 2>&1; then
    echo "gpu-check: the cuda backend failed its smoke run; benchmarks skipped, results in $out"
    return 1
  fi
  # Benchmarks: each model on the GPU and, in the same sitting, on the CPU.
  for backend in cuda cpu; do
    bench "bench-$backend" 150 --backend "$backend" --model all || status=1
  done
  # Brunel A scaling series (12,500 is in bench-cuda): synaptic events per second.
  for n in 125000 1250000; do
    bench "brunel-$n-cuda" 120 --backend cuda --model brunel_a --neurons "$n" --duration 200
  done
  # Full-scale microcircuit: the real-time factor, its per-phase breakdown, the cost of
  # recording (the run without it), and the CPU in the same sitting.
  local mc=examples/experiments/microcircuit.toml
  bench microcircuit-cuda 120 --backend cuda --experiment "$mc" --duration 1000 || status=1
  bench microcircuit-cuda-profile 120 --backend cuda --experiment "$mc" --duration 300 --profile
  bench microcircuit-cuda-norecord 120 --backend cuda --experiment "$mc" --duration 1000 --no-record
  bench microcircuit-cpu 150 --backend cpu --experiment "$mc" --duration 100
  # Launch strategies: graphs or launches one by one; row segments (0: a warp per whole row).
  for seg in 0 64 256 1024; do
    bench "microcircuit-cuda-seg$seg" 90 --backend cuda --experiment "$mc" --duration 500 --row-segment "$seg"
    bench "brunel-125000-cuda-seg$seg" 90 --backend cuda --model brunel_a --neurons 125000 --duration 200 --row-segment "$seg"
  done
  # Propagation alone from sparse to dense activity (source 1 to 1000 Hz, 1000 targets each),
  # timed by phase, for each row segment; the CPU at each rate in the same sitting.
  for rate in 1 10 100 1000; do
    for seg in 0 64 256 1024; do
      bench "propagation-$rate-cuda-seg$seg" 60 --backend cuda --model propagation --rate "$rate" --duration 100 \
        --profile --row-segment "$seg"
    done
    bench "propagation-$rate-cpu" 60 --backend cpu --model propagation --rate "$rate" --duration 20 --profile
  done
  bench microcircuit-cuda-nographs 90 --backend cuda --experiment "$mc" --duration 500 --no-graphs
  bench brunel-125000-cuda-nographs 90 --backend cuda --model brunel_a --neurons 125000 --duration 200 --no-graphs
  timeout 150 $run_with "$bundle/bin/axon" run "$mc" --backend cuda --duration 1000 --quiet \
    --out "$out/microcircuit-run" > "$out/microcircuit-run.txt" 2>&1 || echo "axon run microcircuit: see log"
  python3 bench/gpu_summary.py "$out" > "$out/summary.md" 2> "$out/summary.log" || echo "summary: see summary.log"
  echo "gpu-check: status $status, results in $out"
  return $status
}

case "$mode" in
  build) shift; build "$@" ;;
  run) shift; run "$@" ;;
  *) echo "usage: scripts/gpu-check.sh build [BUNDLE] | run BUNDLE OUT" >&2; exit 2 ;;
esac
