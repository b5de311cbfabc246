#!/usr/bin/env bash
# What writing each report format costs beside the audit itself: audits
# run once with every format at once (--format ...,... -o DIR --timings),
# best of RUNS; prints the audit's time (process start to report built)
# and each format's writing time as a share of it, and the files' sizes.
# Inputs: the shared corpus of real Dockerfiles (a real audit's mix), a
# generated compose file of 2,000 services (22,000 findings from an audit
# that itself takes a few tens of milliseconds: the worst case for the
# writers' share), ROOTFS= (a folder, e.g. the one scripts/clean-rootfs.sh
# builds) audited as an image when given, and HOST=1 (below).
# MEASURE=instructions counts instructions instead (valgrind's callgrind:
# the same count on a busy machine as on a quiet one): each format is
# written alone, and its cost is its run's count less the markdown run's
# (the cheapest writer, under 0.1% of any audit), as a share of the latter.
# Usage: scripts/bench-report.sh [OUT_DIR]   (RUNS=3, MEASURE=time|instructions)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/dockaudit-bench-report}
RUNS=${RUNS:-3}
mkdir -p "$OUT"
if [ -z "${BIN:-}" ]; then cargo build --release -q --bin dockaudit; fi
BIN=${BIN:-target/release/dockaudit}
FORMATS=text,json,sarif,html,junit,csv,markdown
python3 - "$OUT/compose.yml" <<'PY'
import sys
open(sys.argv[1], "w").write("services:\n" + "".join(
    f"  s{i}:\n    image: busybox\n    privileged: true\n    cap_add: [SYS_ADMIN]\n" for i in range(2000)))
PY
bench() { # name, args...
  local name=$1; shift
  local best="" log
  for _ in $(seq "$RUNS"); do
    rm -rf "$OUT/$name"
    log=$("$BIN" "$@" --format "$FORMATS" -o "$OUT/$name" --timings 2>&1 >/dev/null | grep '^timings:' || true)
    audit=$(echo "$log" | sed -nE 's/^timings: audit ([0-9.]+) ms.*/\1/p')
    if [ -z "$best" ] || awk -v a="$audit" -v b="$best" 'BEGIN {exit !(a < b)}'; then
      best=$audit; best_log=$log
    fi
  done
  echo "== $name: $(echo "$best_log" | head -1 | sed 's/^timings: //')"
  echo "$best_log" | tail -n +2 | while read -r _ _ fmt ms _ pct _; do
    pct=${pct#(}
    case $fmt in junit) file=report.xml ;; markdown) file=report.md ;; text) file=report.txt ;; *) file=report.$fmt ;; esac
    printf '  %-9s %9s ms %8s %12s bytes\n' "$fmt" "$ms" "$pct" "$(stat -c %s "$OUT/$name/$file" 2>/dev/null || echo -)"
  done
}
instructions() { # name, args...: instructions of one run
  valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" "$BIN" "$@" 2>&1 >/dev/null |
    sed -nE 's/.*I +refs: +([0-9,]+).*/\1/p' | tr -d , || true # exit 1: findings
}
bench_instructions() { # name, args...
  local name=$1; shift
  local base
  base=$(instructions "$@" --format markdown -o "$OUT/$name.md")
  echo "== $name: audit $base instructions (with the markdown writer)"
  for fmt in ${FORMATS//,/ }; do
    [ "$fmt" = markdown ] && continue
    n=$(instructions "$@" --format "$fmt" -o "$OUT/$name.$fmt")
    awk -v f="$fmt" -v n="$n" -v b="$base" 'BEGIN { printf "  %-9s %13d instructions %6.1f%%\n", f, n - b, 100 * (n - b) / b }'
  done
}
if [ "${MEASURE:-time}" = instructions ]; then bench=bench_instructions; else bench=bench; fi
$bench dockerfile-corpus dockerfile ../shared/corpus/dockerfiles
$bench compose-2000 compose "$OUT/compose.yml"
if [ -n "${ROOTFS:-}" ]; then $bench image-rootfs image "$ROOTFS"; fi
# HOST=1: a live host audit of the engine at DOCKER_HOST (scripts/bench-host.sh
# KEEP=1 leaves its 200 containers there).
if [ -n "${HOST:-}" ]; then $bench host host; fi
