#!/usr/bin/env python3
"""Generates a large `docker save`-style archive (legacy layout) for the
image benchmark: LAYERS gzip layers of about LAYER_MB uncompressed each,
tens of thousands of files (text and binary), a few whiteouts.

usage: gen-bench-image.py OUT_DIR [LAYERS] [LAYER_MB]
Writes OUT_DIR/layers/N.tar.gz and OUT_DIR/image.tar."""
import gzip, hashlib, io, json, os, random, sys, tarfile

out = sys.argv[1]
layers = int(sys.argv[2]) if len(sys.argv) > 2 else 4
layer_mb = int(sys.argv[3]) if len(sys.argv) > 3 else 270
os.makedirs(os.path.join(out, "layers"), exist_ok=True)
rnd = random.Random(42)
words = [
    "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 10)))
    for _ in range(5000)
]
text = " ".join(rnd.choice(words) + ("\n" if rnd.random() < 0.1 else "") for _ in range(1_200_000)).encode()
# Binary content: random blocks mixed with repeated ones (compresses about
# 2:1 like typical executables and libraries).
binary = b"".join(
    rnd.randbytes(4096) if rnd.random() < 0.5 else bytes([rnd.randrange(256)]) * 2048 + rnd.randbytes(2048)
    for _ in range(2048)
)


def content(size, kind):
    src = text if kind == "text" else binary
    off = rnd.randint(0, len(src) - size - 1)
    return src[off : off + size]


def add(tf, name, data, mode=0o644):
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    ti.mode = mode
    ti.mtime = 0
    tf.addfile(ti, io.BytesIO(data))


def add_dir(tf, name):
    ti = tarfile.TarInfo(name)
    ti.type = tarfile.DIRTYPE
    ti.mode = 0o755
    tf.addfile(ti)


total = 0
files = 0
layer_paths = []
diff_ids = []
for li in range(layers):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tf:
        budget = layer_mb << 20
        used = 0
        d = 0
        while used < budget:
            dname = f"usr/share/bench{li}/d{d:04d}"
            add_dir(tf, dname + "/")
            for f in range(40):
                r = rnd.random()
                if r < 0.75:
                    size, kind = rnd.randint(200, 24_000), "text"
                elif r < 0.99:
                    size, kind = rnd.randint(1_000, 60_000), "bin"
                else:
                    size, kind = rnd.randint(100_000, 1_000_000), "bin"
                add(tf, f"{dname}/f{f:03d}.{'txt' if kind == 'text' else 'bin'}", content(size, kind))
                used += size
                files += 1
            d += 1
        if li > 0:
            # whiteouts over the previous layer
            add(tf, f"usr/share/bench{li-1}/d0000/.wh.f000.txt", b"")
            add(tf, f"usr/share/bench{li-1}/d0001/.wh..wh..opq", b"")
        total += used
    raw = buf.getvalue()
    diff_ids.append("sha256:" + hashlib.sha256(raw).hexdigest())
    path = os.path.join(out, "layers", f"{li}.tar.gz")
    with open(path, "wb") as fh:
        fh.write(gzip.compress(raw, compresslevel=6, mtime=0))
    layer_paths.append(path)
    print(f"layer {li}: {len(raw) >> 20} MiB uncompressed, {os.path.getsize(path) >> 20} MiB gzip", file=sys.stderr)

config = json.dumps({
    "architecture": "amd64", "os": "linux", "created": "2026-11-01T00:00:00Z",
    "config": {"User": "1000", "Env": ["PATH=/usr/bin"]},
    "history": [{"created_by": f"layer {i}"} for i in range(layers)],
    # The uncompressed layers' digests: an archive whose config names none
    # is refused (its blobs are not known to be the image's).
    "rootfs": {"type": "layers", "diff_ids": diff_ids},
}).encode()
cfg_name = hashlib.sha256(config).hexdigest() + ".json"
with tarfile.open(os.path.join(out, "image.tar"), "w", format=tarfile.GNU_FORMAT) as tf:
    names = []
    for i, p in enumerate(layer_paths):
        name = f"{i:064x}/layer.tar"
        tf.add(p, arcname=name)
        names.append(name)
    add(tf, cfg_name, config)
    add(tf, "manifest.json", json.dumps([{"Config": cfg_name, "RepoTags": ["bench/large:1"], "Layers": names}]).encode())
print(f"{files} files, {total >> 20} MiB of file data in {layers} layers", file=sys.stderr)
