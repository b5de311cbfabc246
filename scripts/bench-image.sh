#!/usr/bin/env bash
# Image benchmark: generates a docker-save archive of >= 1 GB uncompressed
# (tens of thousands of files, several gzip layers), then in the same run
# times `gzip -dc` of each layer to /dev/null (the floor) and
# `dockaudit image ARCHIVE` (release build), with peak RSS from
# /usr/bin/time -v. Usage: scripts/bench-image.sh [OUT_DIR] [LAYERS] [LAYER_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/dockaudit-bench-image}
LAYERS=${2:-4}
LAYER_MB=${3:-270}
if [ ! -f "$OUT/image.tar" ]; then
  python3 scripts/gen-bench-image.py "$OUT" "$LAYERS" "$LAYER_MB"
fi
# BIN= benchmarks another build (e.g. an earlier commit) in the same run.
if [ -z "${BIN:-}" ]; then cargo build --release -q; fi
BIN=${BIN:-target/release/dockaudit}
uncompressed=0
for f in "$OUT"/layers/*.tar.gz; do
  n=$(gzip -l "$f" | awk 'NR==2 {print $2}')
  uncompressed=$((uncompressed + n))
done
echo "archive: $(du -m "$OUT/image.tar" | cut -f1) MiB, layers uncompressed: $((uncompressed >> 20)) MiB"
# Warm the page cache so both runs read from memory.
cat "$OUT/image.tar" > /dev/null
t0=$(date +%s.%N)
for f in "$OUT"/layers/*.tar.gz; do gzip -dc "$f" > /dev/null; done
t1=$(date +%s.%N)
floor=$(echo "$t1 - $t0" | bc)
# Exit 1 is findings; anything else (2: the image was refused or could not
# be read) is not a measurement of an audit.
rc=0
/usr/bin/time -v "$BIN" image "$OUT/image.tar" --quiet --format json -o /dev/null --fail-on critical \
  2> "$OUT/time.txt" || rc=$?
if [ "$rc" -gt 1 ]; then
  grep -v '^\s' "$OUT/time.txt" >&2
  echo "bench: dockaudit image exited $rc: no figure" >&2
  exit 1
fi
wall=$(grep 'Elapsed (wall clock)' "$OUT/time.txt" | awk '{print $NF}')
rss=$(grep 'Maximum resident set size' "$OUT/time.txt" | awk '{print $NF}')
cpu=$(grep 'Percent of CPU' "$OUT/time.txt" | awk '{print $NF}')
secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
echo "gzip -dc floor (sequential, one core): ${floor}s"
echo "dockaudit image: ${secs}s wall, CPU ${cpu}, peak RSS $((rss / 1024)) MiB"
echo "ratio: $(echo "scale=2; $secs / $floor" | bc)x the floor"
