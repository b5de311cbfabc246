#!/usr/bin/env bash
# Secrets scanner benchmark: throughput of `dockaudit secrets` on real
# source trees nobody here wrote (this machine's Rust crate sources and
# Python standard library), one thread (per-core figure) and all cores,
# with peak RSS; then the labelled set's precision and recall.
# Usage: scripts/bench-secrets.sh [TREE...]   (BIN= benchmarks another build)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then cargo build --release -q; fi
BIN=${BIN:-target/release/dockaudit}
if [ $# -eq 0 ]; then
  set -- "$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ | head -1)" \
    "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
fi
for tree in "$@"; do
  mb=$(du -sm --apparent-size "$tree" | cut -f1)
  files=$(find "$tree" -type f | wc -l)
  cat $(find "$tree" -type f -size -16M | head -200000) > /dev/null 2>&1 || true
  for threads in 1 0; do
    label=$([ "$threads" = 1 ] && echo "1 thread " || echo "all cores")
    out=$( { /usr/bin/time -v env RAYON_NUM_THREADS=$threads "$BIN" --no-config secrets "$tree" \
      --format json -o /tmp/dockaudit-bench-secrets.json --fail-on critical; } 2>&1 >/dev/null || true)
    secs=$(echo "$out" | awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' | awk -F: '{ if (NF==2) print $1*60+$2; else print $1*3600+$2*60+$3 }')
    rss=$(echo "$out" | awk -F': ' '/Maximum resident set size/ {print int($2/1024)}')
    findings=$(python3 -c 'import json,sys; r=json.load(open("/tmp/dockaudit-bench-secrets.json")); print(sum(len(c.get("findings",[])) for c in r["checks"]))')
    printf '%s: %s MiB, %s files, %s: %.2f s, %.0f MB/s, peak RSS %s MiB, %s findings\n' \
      "$tree" "$mb" "$files" "$label" "$secs" "$(echo "$mb / $secs" | bc -l)" "$rss" "$findings"
  done
done
cargo test -q --release --test secrets_labelled -- --nocapture 2>/dev/null | grep -E '^(all|tokens|generic|files) '
