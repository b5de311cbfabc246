#!/usr/bin/env bash
# Benchmark of `dockaudit watch` on the private engine (release build):
# - idle: CPU (utime+stime from /proc) and RSS of a watch that follows an
#   engine with no events for IDLE seconds (default 30);
# - latency: create-event-to-recorded of N containers (default 200), made
#   one at a time with `docker create` (the container's create event, no
#   start contending for the engine), then N more created and started
#   (`docker run --network none ... true`), read from the --jsonl lines'
#   latency_ms (and read_ms: event to the container read, from the engine's
#   data root or its inspect answer); prints p50, p99 and max for each, and
#   how many create audits each source (the lines' `source`) answered.
# DATA_ROOT=DIR passes `--data-root DIR` to watch: `DATA_ROOT=none` reads
# every container through inspect (the behaviour before the data root was
# read); unset, watch reads the engine's DockerRootDir (the engine runs as
# root, so does this script).
# Usage: [N=200] [IDLE=30] [DATA_ROOT=none|DIR] scripts/bench-watch.sh [STORE]
#   (STORE default: a SQLite file in a temp dir)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200}
IDLE=${IDLE:-30}
dir=${DOCKAUDIT_ENGINE_DIR:-/tmp/dockaudit-engine}
eval "$(bash scripts/engine.sh start "$dir")"
BIN=${BIN:-target/release/dockaudit}
[ -x "$BIN" ] || cargo build --release -q
tmp=$(mktemp -d)
store=${1:-$tmp/history.sqlite}
extra=()
[ -n "${DATA_ROOT:-}" ] && extra=(--data-root "$DATA_ROOT")
"$BIN" --no-config watch --store "$store" --jsonl "${extra[@]}" >"$tmp/out.jsonl" 2>"$tmp/err.log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; docker rm -f $(docker ps -aq --filter name=benchwatch-) >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
until grep -q "watching" "$tmp/err.log" 2>/dev/null; do sleep 0.1; done
grep "create audits" "$tmp/err.log" || true
ticks() { awk '{print $14 + $15}' /proc/$pid/stat; }
hz=$(getconf CLK_TCK)
t0=$(ticks); sleep "$IDLE"; t1=$(ticks)
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
echo "idle ${IDLE} s: CPU $(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$IDLE" 'BEGIN {printf "%.2f", 100 * (b - a) / hz / s}') % of a core, RSS $((rss / 1024)) MB (peak $((hwm / 1024)) MB)"
stats() { # $1 label, stdin: latencies
  sort -n | awk -v label="$1" '{a[NR]=$1} END {
    if (NR == 0) { print label ": no samples"; exit }
    p50 = a[int((NR - 1) * 0.50) + 1]; p99 = a[int((NR - 1) * 0.99) + 1];
    printf "%s: %d containers, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", label, NR, p50, p99, a[NR] }'
}
field() { # $1 name prefix, $2 event, $3 field: the values of the --jsonl lines
  grep "\"event\":\"$2\"" "$tmp/out.jsonl" | grep "\"name\":\"$1" |
    sed -n "s/.*\"$3\":\\([0-9][0-9.]*\\).*/\\1/p" || true
}
sources() { # $1 name prefix: how many create audits each source answered
  grep '"event":"create"' "$tmp/out.jsonl" | grep "\"name\":\"$1" |
    sed -n 's/.*"source":"\([a-z-]*\)".*/\1/p' | sort | uniq -c |
    awk '{printf "%s%s %s", (NR > 1 ? ", " : "  create audits read by: "), $2, $1} END {print ""}'
}
for i in $(seq 1 "$N"); do docker create --network none --name "benchwatch-c$i" dockaudit-test/busybox:1 true >/dev/null; done
sleep 2
field benchwatch-c create latency_ms | stats "docker create, event to recorded"
field benchwatch-c create read_ms | stats "  of which the read (event to container read)"
sources benchwatch-c
for i in $(seq 1 "$N"); do docker run --network none --name "benchwatch-r$i" dockaudit-test/busybox:1 true >/dev/null; done
sleep 2
field benchwatch-r create latency_ms | stats "docker run (create + start + exit), create audit, event to recorded"
field benchwatch-r create read_ms | stats "  of which the read (event to container read)"
sources benchwatch-r
field benchwatch-r start latency_ms | stats "docker run, start audit, event to recorded"
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
echo "after the containers: RSS $((rss / 1024)) MB"
kill -TERM $pid; wait $pid || true
tail -n 1 "$tmp/err.log"
echo "recorded: $(grep -c . "$tmp/out.jsonl") subjects"
