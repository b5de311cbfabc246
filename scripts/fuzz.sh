#!/usr/bin/env bash
# Runs the fuzz targets one after another, one libFuzzer process at a time,
# and prints one summary line per target (executions, seconds, coverage,
# corpus size, findings).
#
#   scripts/fuzz.sh SECONDS [TARGET...]   fuzz each target SECONDS seconds
#                                         (all targets when none is named)
#   scripts/fuzz.sh smoke [TARGET...]     CI: replay the committed corpus and
#                                         fuzz a few seconds per target
#                                         (DOCKAUDIT_FUZZ_SMOKE_SECONDS, 5)
#
# cargo fuzz needs nightly features: a nightly toolchain is used when one is
# installed (DOCKAUDIT_FUZZ_TOOLCHAIN picks another), else the stable one
# with RUSTC_BOOTSTRAP=1. Long runs use the address sanitizer
# (DOCKAUDIT_FUZZ_SANITIZER overrides it: `none` where its runtime is
# missing). New corpus entries go to a scratch folder (or to
# DOCKAUDIT_FUZZ_OUT/<target>, kept for `cargo fuzz cmin`), never into the
# committed corpus; crash, timeout and out-of-memory inputs go to
# fuzz/artifacts/<target>/.
# Exit status: 1 when any target found something, else 0.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

mode=${1:?usage: scripts/fuzz.sh SECONDS|smoke [TARGET...]}
shift
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

toolchain=${DOCKAUDIT_FUZZ_TOOLCHAIN:-}
if [ -z "$toolchain" ] && rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=nightly
fi
# Harmless on nightly; what lets a stable toolchain build the targets.
export RUSTC_BOOTSTRAP=1
fuzz=(cargo ${toolchain:+"+$toolchain"} fuzz)
if [ "$mode" = smoke ]; then
  # A smoke test: an unoptimised build without the sanitizer (the quickest
  # to build), every committed corpus entry replayed, then a few seconds of
  # fuzzing per target.
  seconds=${DOCKAUDIT_FUZZ_SMOKE_SECONDS:-5}
  san=(--dev -s "${DOCKAUDIT_FUZZ_SANITIZER:-none}")
  export CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}
else
  seconds=$mode
  san=(-s "${DOCKAUDIT_FUZZ_SANITIZER:-address}")
fi
# One process (no -jobs/-workers), bounded memory and time per input.
flags=(-rss_limit_mb=2048 -timeout=10 -max_total_time="$seconds" -print_final_stats=1)

"${fuzz[@]}" build "${san[@]}"

logs=${DOCKAUDIT_FUZZ_LOGS:-$(mktemp -d)}
mkdir -p "$logs"
status=0
printf '%-16s %10s %7s %7s %7s %7s %s\n' target execs seconds cov ft corpus findings
for t in "${targets[@]}"; do
  if [ -n "${DOCKAUDIT_FUZZ_OUT:-}" ]; then
    scratch=$DOCKAUDIT_FUZZ_OUT/$t
    mkdir -p "$scratch"
  else
    scratch=$(mktemp -d)
  fi
  mkdir -p "corpus/$t" "artifacts/$t"
  before=$(ls "artifacts/$t" | wc -l)
  log="$logs/$t.log"
  rc=0
  # The first folder receives new entries (scratch); the committed corpus
  # is only read.
  # (cargo fuzz sends artifacts to fuzz/artifacts/<target>/ itself.)
  start=$(date +%s)
  "${fuzz[@]}" run "${san[@]}" "$t" "$scratch" "corpus/$t" -- "${flags[@]}" >"$log" 2>&1 || rc=$?
  secs=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  final=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$final")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$final")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$final")
  after=$(ls "artifacts/$t" | wc -l)
  found=$((after - before))
  what=none
  if [ "$rc" != 0 ] || [ "$found" != 0 ]; then
    status=1
    what="exit $rc, $found new artifact(s) in fuzz/artifacts/$t, log $log"
  fi
  printf '%-16s %10s %7s %7s %7s %7s %s\n' "$t" "${execs:-?}" "${secs:-?}" "${cov:-?}" \
    "${ft:-?}" "${corp:-?}" "$what"
  [ -n "${DOCKAUDIT_FUZZ_OUT:-}" ] || rm -rf "$scratch"
done
exit "$status"
