#!/usr/bin/env bash
# `mpirun -np 3 axon run FILE` against `axon run FILE`: every output file but summary.json equal
# byte for byte, the summary with a line per rank; a bad file stops every rank with exit code 1.
# Usage: cli_run.sh MPIEXEC AXON EXAMPLES_DIR WORK_DIR
set -euo pipefail
mpiexec=$1 axon=$2 examples=$3 work=$4
rm -rf "$work" && mkdir -p "$work"

for experiment in stdp_cuba brunel_a; do
  "$axon" run "$examples/$experiment.toml" --duration 100 --threads 1 --quiet --out "$work/$experiment.one" >/dev/null
  "$mpiexec" -np 3 "$axon" run "$examples/$experiment.toml" --duration 100 --threads 1 --quiet \
    --out "$work/$experiment.three" >"$work/$experiment.log"
  files=0
  for f in "$work/$experiment.one"/*; do
    name=$(basename "$f")
    [[ $name == summary.json ]] && continue
    cmp "$f" "$work/$experiment.three/$name" || { echo "$experiment: $name differs over 3 ranks"; exit 1; }
    files=$((files + 1))
  done
  ranks=$(grep -c '"exchanges"' "$work/$experiment.three/summary.json")
  [[ $ranks == 3 ]] || { echo "$experiment: summary.json lists $ranks ranks, not 3"; exit 1; }
  grep -q '^2 ' "$work/$experiment.log" || { echo "$experiment: no line for rank 2 in the summary"; exit 1; }
  echo "$experiment: $files files equal over 3 ranks"
done

# Every rank reads the file; one that cannot stops all, with the file named and exit code 1.
status=0
"$mpiexec" -np 2 "$axon" run "$work/missing.toml" --quiet >"$work/missing.log" 2>&1 || status=$?
[[ $status == 1 ]] || { echo "a missing file: exit code $status, not 1"; cat "$work/missing.log"; exit 1; }
grep -q "missing.toml" "$work/missing.log" || { echo "a missing file: not named"; cat "$work/missing.log"; exit 1; }
echo "a missing file: every rank stopped with exit code 1"
