#!/usr/bin/env bash
# Benchmark: `dockaudit host --format json` against the private engine with
# 200 containers (RUNNING of them running busybox `sleep`, the rest created
# and never started). Prints wall time over RUNS runs (hyperfine when
# installable, else a bash loop) and peak RSS (/usr/bin/time -v). Removes the
# containers at the end and stops the engine when this script started it
# (KEEP=1 leaves both).
# Targets: < 1 s wall and < 60 MB peak RSS on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

TOTAL=${TOTAL:-200}
RUNNING=${RUNNING:-100}
RUNS=${RUNS:-10}
dir=${DOCKAUDIT_ENGINE_DIR:-/tmp/dockaudit-engine}
export DOCKER_HOST="unix://$dir/docker.sock"
docker_cli() { if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi; }
export -f docker_cli
started_here=0
if ! { [ -S "$dir/docker.sock" ] && docker_cli version >/dev/null 2>&1; }; then started_here=1; fi
prefix=dockaudit-bench-
cleanup() {
  # KEEP=1 leaves the containers and the engine for other benchmarks
  # (scripts/bench-report.sh HOST=1); remove them with a run without it.
  if [ -n "${KEEP:-}" ]; then return; fi
  docker_cli ps -aq --filter "name=^/$prefix" | xargs -r -n 50 /bin/sh -c \
    'if [ -x /usr/bin/docker ]; then d=/usr/bin/docker; else d=docker; fi; $d rm -f "$@" >/dev/null' sh || true
  if [ "$started_here" = 1 ]; then bash scripts/engine.sh stop "$dir" || true; fi
}
trap cleanup EXIT
bash scripts/engine.sh start "$dir" >/dev/null
if ! command -v hyperfine >/dev/null 2>&1 || [ ! -x /usr/bin/time ]; then
  (apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine time >/dev/null 2>&1) \
    || echo "bench: hyperfine/time not installable; falling back to a bash loop" >&2
fi

echo "bench: building the release binary"
# BIN= benchmarks another build (e.g. an earlier commit) in the same run.
if [ -z "${BIN:-}" ]; then cargo build --release -q; fi
bin=${BIN:-$PWD/target/release/dockaudit}

before=$(docker_cli ps -aq | wc -l)
echo "bench: creating $TOTAL containers ($RUNNING running busybox sleep, $((TOTAL - RUNNING)) created) on $DOCKER_HOST"
t0=$(date +%s)
seq -w 1 "$TOTAL" | xargs -P 4 -I{} bash -c \
  'docker_cli create --name '"$prefix"'{} --network none dockaudit-test/busybox:1 sleep 86400 >/dev/null'
seq -w 1 "$RUNNING" | sed "s/^/$prefix/" | xargs -P 4 -n 10 bash -c 'docker_cli start "$@" >/dev/null' sh
echo "bench: set up in $(( $(date +%s) - t0 )) s; engine now has $(docker_cli ps -aq | wc -l) containers ($before before), $(docker_cli ps -q | wc -l) running"

cmd="$bin host --format json >/dev/null; [ \$? -le 1 ]"
echo "bench: wall time of '$bin host --format json' ($RUNS runs)"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 2 --runs "$RUNS" --shell=bash "$cmd"
else
  total=0
  for i in $(seq 1 "$RUNS"); do
    s=$(date +%s.%N); bash -c "$cmd"; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l); total=$(echo "$total + $t" | bc -l)
    printf 'run %2d: %.3f s\n' "$i" "$t"
  done
  printf 'mean: %.3f s\n' "$(echo "$total / $RUNS" | bc -l)"
fi

echo "bench: peak memory"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$bin" host --format json 2>/tmp/dockaudit-bench-time.txt >/dev/null || true
  grep -E "Maximum resident|Elapsed \(wall" /tmp/dockaudit-bench-time.txt
  kb=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' /tmp/dockaudit-bench-time.txt)
  echo "bench: peak RSS $((kb / 1024)) MB"
fi
"$bin" host --format json 2>/dev/null | python3 -c 'import json,sys; r=json.load(sys.stdin); print("bench: audited", next(s for s in r["sources"] if s["name"]=="containers")["available"], "containers source;", len(r["checks"]), "checks")' || true
