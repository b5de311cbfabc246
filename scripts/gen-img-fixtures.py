#!/usr/bin/env python3
"""Writes the IMG-* check fixtures (Facts JSON documents) from one clean
image and one change per failing case. Run from the repository root."""
import copy, json, os

clean = {
    "reference": "example/app:1",
    "id": "sha256:" + "ab" * 32,
    "repo_tags": ["example/app:1"],
    "source": "docker-archive",
    "created": "2026-11-01T00:00:00Z",
    "architecture": "amd64",
    "os": "linux",
    "config": {
        "User": "app",
        "Env": ["PATH=/usr/local/bin:/usr/bin:/bin", "DB_PASSWORD_FILE=/run/secrets/db"],
        "Labels": {"org.opencontainers.image.source": "https://example.org/app"},
        "Healthcheck": {"Test": ["CMD", "/app/health"]},
    },
    "history": [
        {"created": "2026-11-01T00:00:00Z", "created_by": "/bin/sh -c #(nop) ADD file:abc in / "},
        {"created": "2026-11-01T00:00:00Z", "created_by": "RUN /bin/sh -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* # buildkit"},
        {"created": "2026-11-01T00:00:00Z", "created_by": "USER app", "empty_layer": True},
    ],
    "layers": [{"index": 0, "digest": "sha256:" + "cd" * 32, "compression": "gzip", "uncompressed_bytes": 1024, "entries": 3}],
    "file_count": 3,
    "total_bytes": 100,
    "passwd": [
        {"name": "root", "uid": 0, "gid": 0, "home": "/root", "shell": "/bin/sh"},
        {"name": "app", "uid": 1000, "gid": 1000, "home": "/home/app", "shell": "/bin/sh"},
    ],
    "shadow": [{"name": "root", "password": "locked"}, {"name": "app", "password": "locked"}],
    "os_release": {"id": "debian", "version_id": "12", "name": "Debian GNU/Linux"},
    "packages": [{"kind": "deb", "name": "libc6", "version": "2.36-9", "location": "/var/lib/dpkg/status", "layer": 0}],
}

def facts(img):
    return {"schema_version": 1, "scanned_images": {"present": [img]}}

def variant(f):
    img = copy.deepcopy(clean)
    f(img)
    return img

cases = {
    "IMG-001": [("fail.json", lambda i: i["config"].update(User="")),
                ("fail-named-uid0.json", lambda i: (i["config"].update(User="toor"), i["passwd"].append({"name": "toor", "uid": 0, "gid": 0}))),
                ("skip-rootfs.json", lambda i: i.update(config=None))],
    "IMG-002": [("fail.json", lambda i: i["config"].pop("Healthcheck")),
                ("fail-none.json", lambda i: i["config"].update(Healthcheck={"Test": ["NONE"]}))],
    "IMG-003": [("fail.json", lambda i: i.update(setuid_files=[{"path": "/usr/bin/passwd", "mode": "4755", "uid": 0, "gid": 0, "kind": "file", "layer": 0}]))],
    "IMG-004": [("fail.json", lambda i: i["config"]["Env"].append("DB_PASSWORD=hunter22"))],
    "IMG-005": [("fail.json", lambda i: i["config"]["Labels"].update({"deploy.token": "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}))],
    "IMG-006": [("fail.json", lambda i: i["history"].append({"created_by": "RUN |1 NPM_TOKEN=s3cr3tvalue42 /bin/sh -c npm ci # buildkit"}))],
    "IMG-007": [("fail.json", lambda i: i.update(secret_files=[{"path": "/root/.aws/credentials", "layer": 1, "removed_in": 2, "kind": "AWS credentials", "hits": [{"rule": "ini-credential", "description": "credential in configuration file", "redacted": "[redacted, 40 chars]"}], "size": 116}]))],
    "IMG-008": [("fail.json", lambda i: i["history"].append({"created_by": "/bin/sh -c #(nop) ADD https://example.org/tool.tgz /opt/"}))],
    "IMG-009": [("fail.json", lambda i: i["history"].append({"created_by": "/bin/sh -c apt-get update"}))],
    "IMG-010": [("fail.json", lambda i: i.update(created="2025-01-01T00:00:00Z")),
                ("skip-no-created.json", lambda i: i.update(created=""))],
    "IMG-011": [("fail.json", lambda i: i["passwd"].append({"name": "toor", "uid": 0, "gid": 0}))],
    "IMG-012": [("fail.json", lambda i: i["shadow"].append({"name": "guest", "password": "empty"}))],
    "IMG-013": [("fail.json", lambda i: i.update(world_writable=[{"path": "/usr/local/bin/run.sh", "mode": "0777", "uid": 0, "gid": 0, "kind": "file", "layer": 0}]))],
    "IMG-014": [("fail.json", lambda i: i.update(caches=[{"path": "/var/lib/apt/lists", "kind": "apt-lists", "files": 12, "bytes": 40000000}]))],
    "IMG-015": [("fail.json", lambda i: i.update(packages=[]))],
}
root = "tests/fixtures/checks"
for cid, fails in cases.items():
    d = os.path.join(root, cid)
    os.makedirs(d, exist_ok=True)
    for name, f in fails:
        json.dump(facts(variant(f)), open(os.path.join(d, name), "w"), indent=1)
    json.dump(facts(clean), open(os.path.join(d, "pass.json"), "w"), indent=1)
    json.dump({"schema_version": 1, "scanned_images": {"present": []}}, open(os.path.join(d, "na.json"), "w"), indent=1)
