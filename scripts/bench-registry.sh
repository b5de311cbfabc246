#!/usr/bin/env bash
# Registry benchmark: the same image read from a loopback registry
# (`dockaudit image registry:127.0.0.1:PORT/bench/large:1`) and from its
# docker-save archive (`dockaudit image ARCHIVE`), both release builds,
# timed alternately run by run with /usr/bin/time (wall time, peak RSS);
# prints the medians and the ratio of the two. The registry holds the archive's own gzip layer blobs
# (pushed over the distribution API), so both runs decompress and parse the
# same bytes and differ only in how they arrive.
# Usage: scripts/bench-registry.sh [OUT_DIR] [LAYERS] [LAYER_MB]
# (generated with scripts/gen-bench-image.py; PORT default 55060).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/dockaudit-bench-registry}
LAYERS=${2:-4}
LAYER_MB=${3:-100}
PORT=${PORT:-55060}
RUNS=${RUNS:-7}
if [ ! -f "$OUT/image.tar" ]; then
  python3 scripts/gen-bench-image.py "$OUT" "$LAYERS" "$LAYER_MB"
fi
if [ -z "${BIN:-}" ]; then cargo build --release -q; fi
BIN=${BIN:-target/release/dockaudit}
trap 'bash scripts/registry.sh stop "$OUT/registry" || true' EXIT
rm -rf "$OUT/registry"
addr=$(PORT=$PORT bash scripts/registry.sh start "$OUT/registry" | tail -1)
# Push the archive's config and layer blobs as they are, then an OCI manifest.
python3 - "$OUT" "$addr" <<'PY'
import hashlib, http.client, json, os, sys, tarfile
out, addr = sys.argv[1], sys.argv[2]
host, port = addr.split(":")
repo = "bench/large"
def conn():
    return http.client.HTTPConnection(host, int(port), timeout=600)
def blob(path=None, data=None):
    h = hashlib.sha256()
    size = 0
    if data is None:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk); size += len(chunk)
    else:
        h.update(data); size = len(data)
    digest = "sha256:" + h.hexdigest()
    c = conn(); c.request("POST", f"/v2/{repo}/blobs/uploads/"); r = c.getresponse(); r.read()
    loc = r.getheader("Location")
    if loc.startswith("http"):
        loc = "/" + loc.split("/", 3)[3]
    sep = "&" if "?" in loc else "?"
    c = conn()
    body = data if data is not None else open(path, "rb")
    c.request("PUT", f"{loc}{sep}digest={digest}", body=body,
              headers={"Content-Type": "application/octet-stream", "Content-Length": str(size)})
    r = c.getresponse(); r.read()
    assert r.status == 201, (r.status, digest)
    return digest, size
with tarfile.open(os.path.join(out, "image.tar")) as tf:
    m = json.load(tf.extractfile("manifest.json"))[0]
    config = tf.extractfile(m["Config"]).read()
cfg = blob(data=config)
layers = []
for i in range(len(m["Layers"])):
    layers.append(blob(path=os.path.join(out, "layers", f"{i}.tar.gz")))
manifest = json.dumps({
    "schemaVersion": 2,
    "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cfg[0], "size": cfg[1]},
    "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": s} for d, s in layers],
}).encode()
c = conn()
c.request("PUT", f"/v2/{repo}/manifests/1", body=manifest,
          headers={"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
r = c.getresponse(); r.read()
assert r.status == 201, r.status
PY
ref="registry:$addr/bench/large:1"
echo "archive: $(du -m "$OUT/image.tar" | cut -f1) MiB in $(ls "$OUT"/layers/*.tar.gz | wc -l) gzip layers; registry image $ref"
# Warm the page cache (the archive, and the registry's copy of the blobs).
cat "$OUT/image.tar" > /dev/null
find "$OUT/registry/storage" -type f -exec cat {} + > /dev/null
# Both runs must read the image (exit 0 or 1: findings), never fail.
for src in "$OUT/image.tar" "$ref"; do
  set +e
  "$BIN" image "$src" --quiet --digest-mismatch finding --format json -o /dev/null >/dev/null 2>"$OUT/check.err"
  rc=$?
  set -e
  if [ "$rc" -gt 1 ]; then echo "dockaudit image $src failed:"; cat "$OUT/check.err"; exit 1; fi
done
# The generator writes no rootfs.diff_ids: both reads report that (IMG-016)
# instead of refusing the image. The two reads alternate run by run, so a
# change of load on the machine weighs on both alike; each run's wall time
# and peak RSS come from /usr/bin/time.
: > "$OUT/runs.txt"
for i in $(seq 1 "$RUNS"); do
  for name in archive registry; do
    src="$OUT/image.tar"; [ "$name" = registry ] && src=$ref
    /usr/bin/time -f "$name %e %M" -a -o "$OUT/runs.txt" "$BIN" image "$src" --quiet \
      --digest-mismatch finding --format json -o /dev/null --fail-on critical >/dev/null 2>&1 || true
  done
done
python3 - "$OUT/runs.txt" <<'PY'
import statistics, sys
runs = {"archive": [], "registry": []}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 3 and p[0] in runs:
        runs[p[0]].append((float(p[1]), int(p[2])))
for name, r in runs.items():
    t = [x[0] for x in r]
    print(f"{name:9} median {statistics.median(t):.2f}s, min {min(t):.2f}s, max {max(t):.2f}s over {len(t)} runs; peak RSS max {max(x[1] for x in r) // 1024} MiB")
a = statistics.median(x[0] for x in runs["archive"])
g = statistics.median(x[0] for x in runs["registry"])
pairs = [g_ / a_ for (a_, _), (g_, _) in zip(runs["archive"], runs["registry"])]
print(f"ratio registry/archive: median of runs {g / a:.2f}; per alternating pair {min(pairs):.2f}-{max(pairs):.2f} (target <= 1.2)")
PY
