#!/usr/bin/env bash
# Fuzzes the experiment reader: builds the fuzz preset (clang, libFuzzer, ASan, UBSan) and runs
# its target for SECONDS (default 60; CI runs 60). More libFuzzer flags may follow.
#   scripts/fuzz.sh [SECONDS] [LIBFUZZER_FLAGS...]
# Exits 0 when nothing was found; on a crash, a sanitizer report, an exception other than
# axon::Error, a hang (-timeout) or an input that takes too much memory (-rss_limit_mb), it
# exits non-zero and prints the reproducer's path. What to do with one: docs/testing.md.
# The corpus grows in build/fuzz/corpus and is kept between runs; the seeds are read in place.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

out=build/fuzz
# The target writes the files an input carries to a folder of its own under TMPDIR (left
# behind by a crash).
rm -rf "$out/artifacts" "$out/tmp"
mkdir -p "$out/corpus" "$out/artifacts" "$out/tmp"
status=0
TMPDIR="$PWD/$out/tmp" "$out/bin/experiment_reader_fuzz" "$out/corpus" examples/experiments tests/fuzz/seeds \
  tests/fuzz/regressions -dict=tests/fuzz/experiment.dict -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/" -print_final_stats=1 "$@" || status=$?

found=$(find "$out/artifacts" -type f | sort)
if [[ $status -ne 0 || -n $found ]]; then
  echo "fuzz: FINDING (exit $status). Reproduce with: $out/bin/experiment_reader_fuzz FILE" >&2
  for f in $found; do echo "fuzz: reproducer $f" >&2; done
  exit $((status != 0 ? status : 1))
fi
echo "fuzz: nothing found in ${seconds} s"
