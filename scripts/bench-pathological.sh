#!/usr/bin/env bash
# Pathological inputs beside normal ones: Dockerfiles, compose files and
# Kubernetes manifests generated at three sizes (N, 2N, 4N), each audited by
# the release binary; prints seconds, peak RSS and the time ratio from one
# size to the next (about 2 when parsing and judging are linear, 4 when
# quadratic). The normal inputs are the shared corpus of real Dockerfiles
# and the compose files and Kubernetes manifests of tests/corpus. Each run is stopped after 120 s.
# With the default N, the 4N rows of `compose services` and `k8s pods` are
# a compose file of 20,000 privileged services and a manifest of 20,000 pods:
# their peak_MB is the memory figure of large valid inputs (under 300 MB).
# Usage: scripts/bench-pathological.sh [OUT_DIR]   (N=5000 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/dockaudit-bench-patho}
N=${N:-5000}
mkdir -p "$OUT"
if [ -z "${BIN:-}" ]; then cargo build --release -q --bin dockaudit; fi
BIN=${BIN:-target/release/dockaudit}
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null

python3 - "$OUT" "$N" <<'PY'
import sys
out, n0 = sys.argv[1], int(sys.argv[2])
def w(name, text):
    open(f"{out}/{name}", "w").write(text)
for n in (n0, 2 * n0, 4 * n0):
    w(f"heredocs-{n}.Dockerfile", "FROM busybox\nRUN " + " ".join(f"<<E{i}" for i in range(n)) + "\n"
      + "".join(f"echo {i}\nE{i}\n" for i in range(n)))
    w(f"continued-{n}.Dockerfile", "FROM busybox\nRUN echo a \\\n" + "".join(f"  && echo {i} \\\n" for i in range(n)) + "  && true\n")
    w(f"stages-{n}.Dockerfile", "FROM busybox AS s0\n" + "".join(f"FROM busybox AS s{i}\nCOPY --from=s{i-1} /a /a\n" for i in range(1, n)))
    w(f"chain-{n}.Dockerfile", "FROM busybox AS s0\n" + "".join(f"FROM s{i-1} AS s{i}\nRUN echo {i}\n" for i in range(1, n)))
    w(f"pipes-{n}.Dockerfile", "FROM busybox\nRUN " + " | ".join(f"cat f{i}" for i in range(n)) + "\n")
    w(f"nested-{n}.Dockerfile", "FROM busybox\nARG A=" + "${X:-" * n + "x" + "}" * n + "\nRUN echo $A\n")
    w(f"services-{n}.yml", "services:\n" + "".join(f"  s{i}:\n    image: busybox\n    privileged: true\n" for i in range(n)))
    w(f"documents-{n}.yml", "".join(f"---\nservices:\n  s{i}:\n    image: busybox\n" for i in range(n)))
    w(f"anchors-{n}.yml", "x-base: &b\n  image: busybox\n  privileged: true\nservices:\n" + "".join(f"  s{i}:\n    <<: *b\n" for i in range(n)))
    w(f"pods-{n}.yaml", "".join(f"---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  containers:\n  - name: c\n    image: busybox\n" for i in range(n)))
    w(f"list-{n}.yaml", "apiVersion: v1\nkind: List\nitems:\n" + "".join(f"- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p{i}\n  spec:\n    containers:\n    - name: c\n      image: busybox\n" for i in range(n)))
PY

run() { # command, file -> "seconds rss_kb exit"
  local t
  t=$(mktemp)
  timeout 120 /usr/bin/time -f "%e %M %x" -o "$t" "$BIN" "$1" --format json -o /dev/null "$2" >/dev/null 2>&1 || true
  tail -1 "$t"
  rm -f "$t"
}
printf '%-22s %10s %10s %10s %8s %10s %6s\n' input N s_N s_2N s_4N ratio peak_MB
for spec in dockerfile:heredocs:Dockerfile dockerfile:continued:Dockerfile dockerfile:stages:Dockerfile \
            dockerfile:chain:Dockerfile dockerfile:pipes:Dockerfile dockerfile:nested:Dockerfile \
            compose:services:yml compose:documents:yml compose:anchors:yml k8s:pods:yaml k8s:list:yaml; do
  IFS=: read -r cmd name ext <<<"$spec"
  secs=(); peak=0
  for n in $N $((2 * N)) $((4 * N)); do
    read -r s rss _ <<<"$(run "$cmd" "$OUT/$name-$n.$ext")"
    secs+=("$s"); [ "$rss" -gt "$peak" ] && peak=$rss
  done
  ratio=$(awk -v a="${secs[1]}" -v b="${secs[2]}" 'BEGIN { printf "%.1f", (a > 0.05 ? b / a : 0) }')
  printf '%-22s %10s %10s %10s %8s %10s %6d\n' "$cmd $name" "$N" "${secs[0]}" "${secs[1]}" "${secs[2]}" "$ratio" $((peak / 1024))
done
echo "(ratio: time at 4N / time at 2N, shown when the 2N run took over 0.05 s)"
echo "== normal inputs"
for spec in "dockerfile:../shared/corpus/dockerfiles" "compose:tests/corpus/compose" "k8s:tests/corpus/k8s"; do
  IFS=: read -r cmd dir <<<"$spec"
  [ -d "$dir" ] || continue
  read -r s rss _ <<<"$(run "$cmd" "$dir")"
  printf '%-22s %4d files %8s s %6d MB\n' "$cmd" "$(find "$dir" -type f | wc -l)" "$s" $((rss / 1024))
done
