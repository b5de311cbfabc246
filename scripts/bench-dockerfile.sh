#!/usr/bin/env bash
# Benchmark of `dockaudit dockerfile`: release build, all checks, every file
# of the shared corpus (../shared/corpus/dockerfiles) in one process.
# Prints files per second and peak resident memory (GNU time).
# Usage: scripts/bench-dockerfile.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/dockerfiles}"
runs="${2:-5}"
if [ ! -d "$corpus" ]; then
  echo "corpus folder $corpus not found" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  apt-get install -y -qq time >/dev/null
fi
# BIN= benchmarks another build (e.g. an earlier commit) in the same run.
if [ -z "${BIN:-}" ]; then cargo build --release -q; fi
bin=${BIN:-target/release/dockaudit}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
n=$(find "$corpus" -type f | wc -l)
best=""
for _ in $(seq "$runs"); do
  # Exit 1 (findings) is expected.
  # The folder is searched (the corpus' flattened names end in Dockerfile).
  /usr/bin/time -v -o "$tmp" "$bin" dockerfile --format json -o /dev/null "$corpus" || true
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = 0; for (i = 1; i <= length(t); i++) s = s * 60 + t[i]; print s}' "$tmp")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp")
  echo "run: ${secs}s, peak RSS ${rss} KiB"
  if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN {exit !(a < b)}'; then
    best=$secs
    best_rss=$rss
  fi
done
awk -v n="$n" -v s="$best" -v r="$best_rss" 'BEGIN {
  printf "%d files in %.3f s (best of runs): %.0f files/s, peak RSS %.1f MB\n", n, s, (s > 0 ? n / s : 0), r / 1024
}'
