#!/usr/bin/env bash
# Vulnerability matcher benchmark: imports ../shared/vulndata plus a
# generated zip of 300,000 OSV records (scripts/gen-osv-bench.py) into a
# fresh database with `dockaudit db import` (release build, seconds and
# record count from its own output, peak RSS from /usr/bin/time -v),
# compares the database file with the zip, re-imports the same data
# (idempotent: every record unchanged), then times matching an inventory
# of 5,000 packages with examples/vuln_bench.rs.
# Usage: scripts/bench-vulns.sh [OUT_DIR]   (N= records, RUNS= match runs)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/dockaudit-bench-vulns}
N=${N:-300000}
RUNS=${RUNS:-20}
VULNDATA=../shared/vulndata
if [ ! -f "$OUT/osv-bench.zip" ] || [ ! -f "$OUT/inventory.json" ]; then
  python3 scripts/gen-osv-bench.py "$OUT" "$N"
fi
# BIN= benchmarks another build (e.g. an earlier commit) in the same run;
# EXAMPLE= likewise for the matching program.
if [ -z "${BIN:-}" ] || [ -z "${EXAMPLE:-}" ]; then
  cargo build --release -q --bin dockaudit --examples
fi
BIN=${BIN:-target/release/dockaudit}
EXAMPLE=${EXAMPLE:-target/release/examples/vuln_bench}

zip_bytes=$(stat -c %s "$OUT/osv-bench.zip")
json_bytes=$(python3 -c 'import sys, zipfile; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$OUT/osv-bench.zip")
vulndata_bytes=$(du -sb "$VULNDATA" | cut -f1)
mib() { echo "scale=1; $1 / 1048576" | bc; }

# Warm the page cache so the import reads from memory.
cat "$OUT/osv-bench.zip" > /dev/null
rm -rf "$OUT/db"
/usr/bin/time -v "$BIN" db import --db "$OUT/db" "$VULNDATA" "$OUT/osv-bench.zip" \
  > "$OUT/import.txt" 2> "$OUT/import-time.txt" || {
  echo "import failed:"; cat "$OUT/import.txt" "$OUT/import-time.txt"; exit 1; }
line=$(grep '^imported ' "$OUT/import.txt")
records=$(echo "$line" | sed -E 's/^imported ([0-9]+) advisories.*/\1/')
secs=$(echo "$line" | sed -E 's/.* in ([0-9.]+) s:.*/\1/')
rss_kb=$(grep 'Maximum resident set size' "$OUT/import-time.txt" | awk '{print $NF}')
wall=$(grep 'Elapsed (wall clock)' "$OUT/import-time.txt" | awk '{print $NF}')
rate=$(echo "$records / $secs" | bc)
db_bytes=$(stat -c %s "$OUT/db/advisories.sqlite")
ratio=$(echo "scale=2; $db_bytes / $zip_bytes" | bc)
echo "$line"
echo "import: $records records in ${secs} s (process wall ${wall}): $rate records/s, peak RSS $((rss_kb / 1024)) MiB"
echo "data: zip $(mib "$zip_bytes") MiB, its JSON $(mib "$json_bytes") MiB; vulndata $(mib "$vulndata_bytes") MiB (uncompressed)"
echo "database: $(mib "$db_bytes") MiB = ${ratio}x the zip, $(echo "scale=2; $db_bytes / $json_bytes" | bc)x the JSON"

/usr/bin/time -v "$BIN" db import --db "$OUT/db" "$VULNDATA" "$OUT/osv-bench.zip" \
  > "$OUT/reimport.txt" 2> "$OUT/reimport-time.txt"
line2=$(grep '^imported ' "$OUT/reimport.txt")
secs2=$(echo "$line2" | sed -E 's/.* in ([0-9.]+) s:.*/\1/')
rss2_kb=$(grep 'Maximum resident set size' "$OUT/reimport-time.txt" | awk '{print $NF}')
echo "re-import: $line2"
echo "re-import: ${secs2} s, $(echo "$records / $secs2" | bc) records/s, peak RSS $((rss2_kb / 1024)) MiB"

"$EXAMPLE" "$OUT/db" "$OUT/inventory.json" "$RUNS" | tee "$OUT/match.txt"
cold=$(grep '^match, cold' "$OUT/match.txt" | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
warm=$(grep '^match, warm' "$OUT/match.txt" | sed -E 's/.*median ([0-9.]+) ms.*/\1/')
match_rss=$(grep '^peak RSS' "$OUT/match.txt" | sed -E 's/.*: ([0-9.]+) MiB/\1/')

verdict() { if [ "$1" = 1 ]; then echo PASS; else echo MISS; fi; }
rss_mb=$(echo "scale=1; $rss_kb * 1024 / 1000000" | bc)
echo
echo "== summary (2 cores; other builds may share the machine) =="
printf '%-44s %-28s %-10s %s\n' "target" "measured" "limit" "verdict"
printf '%-44s %-28s %-10s %s\n' "match 5,000 packages, cold store (median)" "${cold} ms" "< 100 ms" \
  "$(verdict "$(echo "$cold < 100" | bc)")"
printf '%-44s %-28s %-10s %s\n' "match 5,000 packages, warm store (median)" "${warm} ms" "< 100 ms" \
  "$(verdict "$(echo "$warm < 100" | bc)")"
printf '%-44s %-28s %-10s %s\n' "import rate ($records records)" "$rate records/s" "> 50,000" \
  "$(verdict "$(echo "$rate > 50000" | bc)")"
printf '%-44s %-28s %-10s %s\n' "peak RSS, import" "${rss_mb} MB" "< 200 MB" \
  "$(verdict "$(echo "$rss_mb < 200" | bc)")"
printf '%-44s %-28s %-10s %s\n' "peak RSS, matching (VmHWM)" "${match_rss} MiB" "< 200 MB" \
  "$(verdict "$(echo "$match_rss * 1.048576 < 200" | bc)")"
printf '%-44s %-28s %-10s %s\n' "database size / zip size" "${ratio}x" "< 2x" \
  "$(verdict "$(echo "$ratio < 2" | bc)")"
printf '%-44s %-28s %-10s %s\n' "re-import (idempotent)" "${secs2} s" "-" "-"
