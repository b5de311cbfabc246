//! Hostile inputs through the binary (issue 12): inputs that used to make
//! dockaudit pass what it did not check. Every input is generated here
//! (tar, JSON, YAML built in the test), never a committed blob; each test
//! asserts the exit code and the message or finding.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

#[path = "common/engine.rs"]
mod engine;

/// Runs the binary with no configuration file; (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .arg("--no-config")
        .args(args)
        .env_remove("DOCKER_HOST")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in the report"))
}

fn messages(c: &Value) -> Vec<String> {
    c["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["message"].as_str().unwrap_or("").to_string())
        .collect()
}

fn report(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn sha256(data: &[u8]) -> String {
    let d = Sha256::digest(data);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

// ---------------------------------------------------------------- tar

enum E<'a> {
    File(&'a str, &'a [u8]),
    Dir(&'a str),
    Sym(&'a str, &'a str),
}

fn header(name: &str, kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name.as_bytes());
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_size(size);
    h.set_mtime(0);
    h.set_cksum();
    h
}

fn layer(entries: &[E]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        match e {
            E::File(p, data) => {
                let h = header(p, tar::EntryType::Regular, 0o644, data.len() as u64);
                b.append(&h, *data).unwrap();
            }
            E::Dir(p) => {
                let h = header(p, tar::EntryType::Directory, 0o755, 0);
                b.append(&h, std::io::empty()).unwrap();
            }
            E::Sym(p, t) => {
                let mut h = header(p, tar::EntryType::Symlink, 0o777, 0);
                h.as_gnu_mut().unwrap().linkname[..t.len()].copy_from_slice(t.as_bytes());
                h.set_cksum();
                b.append(&h, std::io::empty()).unwrap();
            }
        }
    }
    b.into_inner().unwrap()
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// An outer tar of (path, bytes).
fn archive(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (p, d) in files {
        let h = header(p, tar::EntryType::Regular, 0o644, d.len() as u64);
        b.append(&h, d.as_slice()).unwrap();
    }
    b.into_inner().unwrap()
}

fn config(diff_ids: &[String], env: &[&str]) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "architecture": "amd64", "os": "linux", "created": "2026-11-01T00:00:00Z",
        "config": {"User": "app", "Env": env},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
    }))
    .unwrap()
}

/// A legacy `docker save` archive of plain layers, with correct diff_ids.
fn docker_save(layers: &[Vec<u8>]) -> Vec<u8> {
    let diff_ids: Vec<String> = layers
        .iter()
        .map(|l| format!("sha256:{}", sha256(l)))
        .collect();
    docker_save_with(layers, &diff_ids)
}

fn docker_save_with(layers: &[Vec<u8>], diff_ids: &[String]) -> Vec<u8> {
    let mut files = Vec::new();
    let mut names = Vec::new();
    for (i, l) in layers.iter().enumerate() {
        let name = format!("l{i}/layer.tar");
        files.push((name.clone(), l.clone()));
        names.push(name);
    }
    files.push(("cfg.json".into(), config(diff_ids, &["PATH=/bin"])));
    files.push((
        "manifest.json".into(),
        serde_json::to_vec(&json!([{
            "Config": "cfg.json", "RepoTags": ["hostile/test:1"], "Layers": names
        }]))
        .unwrap(),
    ));
    archive(&files)
}

/// An OCI layout directory: gzip layers, digests right unless `swap`
/// replaces a layer blob's content after the manifest was written.
fn oci_layout(dir: &Path, layers: &[Vec<u8>], swap: Option<(usize, Vec<u8>)>) {
    let blobs = dir.join("blobs/sha256");
    fs::create_dir_all(&blobs).unwrap();
    let put = |data: &[u8]| -> String {
        let h = sha256(data);
        fs::write(blobs.join(&h), data).unwrap();
        h
    };
    let mut descs = Vec::new();
    let mut diff_ids = Vec::new();
    for (i, l) in layers.iter().enumerate() {
        let blob = gz(l);
        let h = put(&blob);
        if let Some((j, other)) = &swap {
            if *j == i {
                fs::write(blobs.join(&h), gz(other)).unwrap();
            }
        }
        diff_ids.push(format!("sha256:{}", sha256(l)));
        descs.push(json!({
            "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
            "digest": format!("sha256:{h}"), "size": blob.len()
        }));
    }
    let cfg = config(&diff_ids, &["PATH=/bin"]);
    let ch = put(&cfg);
    let manifest = serde_json::to_vec(&json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": format!("sha256:{ch}"), "size": cfg.len()},
        "layers": descs,
    }))
    .unwrap();
    let mh = put(&manifest);
    fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    fs::write(
        dir.join("index.json"),
        serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "manifests": [{
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": format!("sha256:{mh}"), "size": manifest.len(),
                "annotations": {"org.opencontainers.image.ref.name": "hostile/oci:1"}
            }]
        }))
        .unwrap(),
    )
    .unwrap();
}

const PASSWD: &[u8] =
    b"root:x:0:0:root:/root:/bin/sh\ntoor::0:0::/:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n";

/// IMG-011 of an image audit: the findings' messages, the outcome.
fn uid0(args: &[&str]) -> (i32, Value, String) {
    let mut a = vec!["image"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--quiet", "--select", "IMG-011,IMG-012", "--format", "json"]);
    let (code, out, err) = run(&a);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    (code, report(&out), err)
}

fn assert_toor_found(args: &[&str]) {
    let (code, r, err) = uid0(args);
    let c = check(&r, "IMG-011");
    assert_eq!(code, 1, "{c}\n{err}");
    assert!(
        messages(c).contains(&"account toor has uid 0".to_string()),
        "{c}"
    );
    let c = check(&r, "IMG-012");
    assert!(
        messages(c)
            .iter()
            .any(|m| m.contains("account toor has an empty password field")),
        "{c}"
    );
}

// ---------------------------------------------------------------- tests

#[test]
fn compose_every_document_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("compose.yml");
    fs::write(
        &p,
        "services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  evil:\n    image: alpine:3.20\n    privileged: true\n",
    )
    .unwrap();
    let (code, out, err) = run(&[
        "compose",
        p.to_str().unwrap(),
        "--select",
        "RES-001",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let r = report(&out);
    let c = check(&r, "RES-001");
    let f = &c["findings"][0];
    assert!(
        f["subject"]["name"].as_str().unwrap().ends_with(":evil"),
        "{c}"
    );
    assert_eq!(f["evidence"]["location"]["line"], 8, "{c}");
}

#[test]
fn compose_document_not_understood_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("compose.yml");
    fs::write(
        &p,
        "services:\n  web:\n    image: nginx:1.27\n---\n- not\n- a mapping\n",
    )
    .unwrap();
    let (code, out, err) = run(&["compose", p.to_str().unwrap(), "--format", "json"]);
    assert!(code == 1 || code == 2, "{out}{err}");
    assert!(
        out.contains("document 2") || err.contains("document 2"),
        "{out}{err}"
    );
}

#[test]
fn k8s_every_document_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pods.yaml");
    fs::write(
        &p,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: evil}\nspec:\n  containers:\n  - name: b\n    image: alpine:3.20\n    securityContext: {privileged: true}\n",
    )
    .unwrap();
    let (code, out, err) = run(&[
        "k8s",
        p.to_str().unwrap(),
        "--select",
        "RES-001",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let c = check(&report(&out), "RES-001").clone();
    assert!(messages(&c).iter().any(|m| m.contains("privileged")), "{c}");
    assert!(c.to_string().contains("evil"), "{c}");
}

#[test]
fn passwd_behind_absolute_symlink_in_rootfs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("etc")).unwrap();
    fs::create_dir_all(root.join("usr/lib")).unwrap();
    fs::write(root.join("usr/lib/passwd"), PASSWD).unwrap();
    // Absolute: resolved inside the rootfs, never on the host.
    std::os::unix::fs::symlink("/usr/lib/passwd", root.join("etc/passwd")).unwrap();
    assert_toor_found(&[root.to_str().unwrap()]);
}

#[test]
fn passwd_behind_relative_symlink_across_layers_in_docker_save() {
    let l0 = layer(&[E::Dir("usr/lib/"), E::File("usr/lib/passwd", PASSWD)]);
    let l1 = layer(&[E::Dir("etc/"), E::Sym("etc/passwd", "../usr/lib/passwd")]);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("img.tar");
    fs::write(&p, docker_save(&[l0, l1])).unwrap();
    assert_toor_found(&[p.to_str().unwrap()]);
}

#[test]
fn passwd_behind_symlinked_directory_in_oci_layout() {
    // /etc -> usr/etc in the upper layer; the file is in the lower one.
    let l0 = layer(&[
        E::Dir("usr/"),
        E::Dir("usr/etc/"),
        E::File("usr/etc/passwd", PASSWD),
    ]);
    let l1 = layer(&[E::Sym("etc", "usr/etc")]);
    let dir = tempfile::tempdir().unwrap();
    oci_layout(dir.path(), &[l0, l1], None);
    assert_toor_found(&[dir.path().to_str().unwrap()]);
}

#[test]
fn passwd_over_the_content_bound_is_not_absent() {
    let mut big = PASSWD.to_vec();
    big.extend(std::iter::repeat_n(b'#', 8192));
    big.push(b'\n');
    let l0 = layer(&[E::Dir("etc/"), E::File("etc/passwd", &big)]);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("img.tar");
    fs::write(&p, docker_save(&[l0])).unwrap();
    let (_, r, _) = uid0(&[p.to_str().unwrap(), "--content-bytes", "4096"]);
    let c = check(&r, "IMG-011");
    assert_eq!(c["status"], "skipped", "{c}");
    let why = c.to_string();
    assert!(
        why.contains("/etc/passwd") && why.contains("4096") && !why.contains("no /etc/passwd"),
        "{c}"
    );
}

#[test]
fn sbom_with_package_database_over_its_bound_fails() {
    let status =
        b"Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\n\n"
            .repeat(64);
    let l0 = layer(&[
        E::Dir("var/lib/dpkg/"),
        E::File("var/lib/dpkg/status", &status),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("img.tar");
    fs::write(&p, docker_save(&[l0])).unwrap();
    let (code, out, err) = run(&["sbom", p.to_str().unwrap(), "--quiet", "--db-bytes", "1024"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("/var/lib/dpkg/status") && err.contains("1024"),
        "{err}"
    );
    // Accepted on request: written, marked incomplete, exit 0.
    let (code, out, err) = run(&[
        "sbom",
        p.to_str().unwrap(),
        "--quiet",
        "--db-bytes",
        "1024",
        "--allow-incomplete",
    ]);
    assert_eq!(code, 0, "{err}");
    let doc = report(&out);
    assert_eq!(doc["compositions"][0]["aggregate"], "incomplete", "{doc}");
    // Within the bound: the packages are listed, exit 0.
    let (code, out, err) = run(&["sbom", p.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("libc6"), "{out}");
}

/// Distroless images keep one dpkg stanza per file under
/// /var/lib/dpkg/status.d/ (no Status field, `.md5sums` beside them): read
/// through the one dpkg parser from a rootfs directory and from a docker
/// save archive, each file within the package database bound.
#[test]
fn sbom_reads_distroless_status_d() {
    const BASE: &[u8] = b"Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n";
    const LIBC: &[u8] =
        b"Package: libc6\nVersion: 2.36-9+deb12u4\nArchitecture: amd64\nSource: glibc\n";
    const OS: &[u8] = b"ID=debian\nVERSION_ID=\"12\"\n";
    let purls = |out: &str| -> Vec<String> {
        let mut p: Vec<String> = report(out)["components"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["purl"].as_str())
            .map(str::to_string)
            .collect();
        p.sort();
        p
    };
    let want = vec![
        "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12".to_string(),
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12".to_string(),
    ];

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("rootfs");
    let db = root.join("var/lib/dpkg/status.d");
    fs::create_dir_all(&db).unwrap();
    fs::create_dir_all(root.join("etc")).unwrap();
    fs::write(root.join("etc/os-release"), OS).unwrap();
    fs::write(db.join("base-files"), BASE).unwrap();
    fs::write(db.join("libc6"), LIBC).unwrap();
    fs::write(db.join("libc6.md5sums"), b"0123  lib/x\n").unwrap();
    let (code, out, err) = run(&["sbom", root.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(purls(&out), want, "{out}");

    let l0 = layer(&[
        E::Dir("etc/"),
        E::File("etc/os-release", OS),
        E::Dir("var/lib/dpkg/status.d/"),
        E::File("var/lib/dpkg/status.d/base-files", BASE),
        E::File("var/lib/dpkg/status.d/libc6", LIBC),
        E::File("var/lib/dpkg/status.d/libc6.md5sums", b"0123  lib/x\n"),
    ]);
    let p = dir.path().join("img.tar");
    fs::write(&p, docker_save(&[l0])).unwrap();
    let (code, out, err) = run(&["sbom", p.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(purls(&out), want, "{out}");

    // One file over the bound: not read, named, and the SBOM refused.
    let (code, out, err) = run(&[
        "sbom",
        root.to_str().unwrap(),
        "--quiet",
        "--db-bytes",
        "64",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("/var/lib/dpkg/status.d/libc6") && err.contains("64"),
        "{err}"
    );
}

#[test]
fn archive_without_images_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.tar");
    fs::write(&p, archive(&[("manifest.json".into(), b"[]".to_vec())])).unwrap();
    let (code, out, err) = run(&["image", p.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("no image"), "{err}");
}

#[test]
fn oci_index_with_wrong_types_exits_2() {
    for index in [
        json!({"schemaVersion": 2, "manifests": "nope"}),
        json!({"schemaVersion": 2, "manifests": [{"digest": 42}]}),
        json!({"schemaVersion": 2}),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("index.json"), index.to_string()).unwrap();
        let (code, out, err) = run(&["image", dir.path().to_str().unwrap(), "--quiet"]);
        assert_eq!(code, 2, "{index}: {out}{err}");
        assert!(err.contains("index.json"), "{index}: {err}");
    }
}

#[test]
fn bundle_without_facts_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bundle.json");
    fs::write(&p, r#"{"schema_version":1}"#).unwrap();
    let (code, out, err) = run(&["host", "--facts", p.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("no facts"), "{err}");
}

#[test]
fn swapped_oci_layer_is_a_digest_mismatch() {
    let good = layer(&[
        E::Dir("etc/"),
        E::File("etc/passwd", b"root:x:0:0::/:/bin/sh\n"),
    ]);
    let evil = layer(&[E::Dir("etc/"), E::File("etc/passwd", PASSWD)]);
    let dir = tempfile::tempdir().unwrap();
    oci_layout(dir.path(), &[good], Some((0, evil)));
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["image", d, "--quiet"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("digest mismatch") && err.contains("layer 0 blob"),
        "{err}"
    );
    // Audited anyway on request: IMG-016 names the blob.
    let (code, out, err) = run(&[
        "image",
        d,
        "--quiet",
        "--digest-mismatch",
        "finding",
        "--select",
        "IMG-016",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let c = check(&report(&out), "IMG-016").clone();
    assert!(
        messages(&c)
            .iter()
            .any(|m| m.starts_with("layer 0 blob blobs/sha256/") && m.contains("does not match")),
        "{c}"
    );
}

#[test]
fn docker_save_diff_id_mismatch() {
    let good = layer(&[
        E::Dir("etc/"),
        E::File("etc/passwd", b"root:x:0:0::/:/bin/sh\n"),
    ]);
    let evil = layer(&[E::Dir("etc/"), E::File("etc/passwd", PASSWD)]);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("img.tar");
    fs::write(
        &p,
        docker_save_with(&[evil], &[format!("sha256:{}", sha256(&good))]),
    )
    .unwrap();
    let (code, out, err) = run(&["image", p.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("diff_id"), "{err}");
}

/// The findings of the secret checks: (id, message, observed), sorted.
fn secret_findings(r: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for c in r["checks"].as_array().unwrap() {
        if c["section"] != "secrets" {
            continue;
        }
        for f in c["findings"].as_array().into_iter().flatten() {
            out.push((
                c["id"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
                f["evidence"]["observed"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn facts_out_is_redacted_private_and_audits_the_same() {
    const SECRETS: &[&str] = &["hunter2hunter2", "AKIAJT2MYNCZX7TUOUCI", "s3cr3tvalue42x"];
    let l0 = layer(&[E::Dir("etc/")]);
    let diff = vec![format!("sha256:{}", sha256(&l0))];
    let cfg = serde_json::to_vec(&json!({
        "architecture": "amd64", "os": "linux", "created": "2026-11-01T00:00:00Z",
        "config": {
            "User": "app",
            "Env": ["PATH=/bin", "DB_PASSWORD=hunter2hunter2", "AWS_ACCESS_KEY_ID=AKIAJT2MYNCZX7TUOUCI"],
            "Labels": {"api.token": "hunter2hunter2", "app": "web"}
        },
        "history": [
            {"created_by": "/bin/sh -c #(nop) ADD file:x in / "},
            {"created_by": "|1 NPM_TOKEN=s3cr3tvalue42x /bin/sh -c npm ci", "empty_layer": true}
        ],
        "rootfs": {"type": "layers", "diff_ids": diff},
    }))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("img.tar");
    fs::write(
        &p,
        archive(&[
            ("l0/layer.tar".into(), l0),
            ("cfg.json".into(), cfg),
            (
                "manifest.json".into(),
                serde_json::to_vec(&json!([{"Config": "cfg.json", "RepoTags": ["s:1"], "Layers": ["l0/layer.tar"]}])).unwrap(),
            ),
        ]),
    )
    .unwrap();
    let facts = dir.path().join("facts.json");
    let (code, out, err) = run(&[
        "image",
        p.to_str().unwrap(),
        "--quiet",
        "--format",
        "json",
        "--facts-out",
        facts.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}{err}");
    let direct = secret_findings(&report(&out));
    assert!(
        ["IMG-004", "IMG-005", "IMG-006"]
            .iter()
            .all(|id| direct.iter().any(|f| f.0 == *id)),
        "{direct:?}"
    );
    let text = fs::read_to_string(&facts).unwrap();
    for s in SECRETS {
        assert!(!text.contains(s), "{s} in {text}");
    }
    assert!(text.contains("[redacted-secret,"), "{text}");
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(&facts).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // The redacted file audits the same as the image did.
    let (code, out, err) = run(&[
        "host",
        "--facts",
        facts.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(secret_findings(&report(&out)), direct);
    // --raw keeps the values, says so, and still writes 0600 (over a file
    // that was world-readable).
    fs::write(&facts, "old").unwrap();
    fs::set_permissions(&facts, fs::Permissions::from_mode(0o644)).unwrap();
    let (_, _, err) = run(&[
        "image",
        p.to_str().unwrap(),
        "--quiet",
        "--facts-out",
        facts.to_str().unwrap(),
        "--raw",
    ]);
    assert!(err.contains("--raw") && err.contains("unredacted"), "{err}");
    let text = fs::read_to_string(&facts).unwrap();
    assert!(text.contains("hunter2hunter2"));
    let mode = fs::metadata(&facts).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// `collect` against the private engine (DOCKAUDIT_E2E_DOCKER_HOST): the
/// bundle, on stdout or in a file, holds no secret of a container's env,
/// labels or arguments; the file is 0600; the bundle audits the same
/// secret findings as the live engine.
#[test]
fn collected_bundle_is_redacted_private_and_audits_the_same() {
    let Some(host) = engine::host() else {
        eprintln!("skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    };
    const SECRETS: &[&str] = &["hunter2hunter2", "AKIAJT2MYNCZX7TUOUCI", "Zq9wPx7Lm2Kd8"];
    let name = format!("dockaudit-hostile-{}", std::process::id());
    let out = engine::docker(
        &host,
        &[
            "run",
            "-d",
            "--name",
            &name,
            "-e",
            "DB_PASSWORD=hunter2hunter2",
            "-e",
            "AWS_ACCESS_KEY_ID=AKIAJT2MYNCZX7TUOUCI",
            "--label",
            "api.token=hunter2hunter2",
            "dockaudit-test/busybox:1",
            "sleep",
            "300",
            "--password",
            "Zq9wPx7Lm2Kd8",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let collect = |args: &[&str]| {
        let mut a = vec!["collect", "--host", host.as_str()];
        a.extend_from_slice(args);
        run(&a)
    };
    let (code, stdout, err) = collect(&["-o", "-"]);
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle.json");
    let (code2, _, err2) = collect(&["-o", bundle.to_str().unwrap()]);
    let (code3, live, err3) = run(&[
        "host",
        "--host",
        &host,
        "--select",
        "section:secrets",
        "--format",
        "json",
    ]);
    let _ = engine::docker(&host, &["rm", "-f", &name]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(code2, 0, "{err2}");
    assert!(
        stdout.contains(&name) && stdout.contains("[redacted-secret,"),
        "{stdout}"
    );
    let text = fs::read_to_string(&bundle).unwrap();
    for s in SECRETS {
        assert!(
            !stdout.contains(s) && !text.contains(s),
            "{s} in the bundle"
        );
    }
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(&bundle).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(code3, 1, "{err3}");
    let (code, red, err) = run(&[
        "host",
        "--facts",
        bundle.to_str().unwrap(),
        "--select",
        "section:secrets",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{err}");
    let live = secret_findings(&report(&live));
    assert!(live.iter().any(|f| f.1.contains("DB_PASSWORD")), "{live:?}");
    assert_eq!(secret_findings(&report(&red)), live);
}
