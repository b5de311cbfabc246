//! Image sources over generated archives: legacy and OCI `docker save`
//! layouts, an OCI layout directory, a rootfs directory, gzip and zstd
//! layers, whiteouts, a secret added then deleted, and hostile input
//! (`..`, absolute paths, truncated and corrupt layers, bombs, missing
//! blobs, hard links to nowhere, symlink loops). Nothing here needs an
//! engine.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use dockaudit::image::archive::{scan_path, scan_stream};
use dockaudit::image::{DigestPolicy, Limits, ScanOptions};

#[derive(Clone)]
enum E {
    File(&'static str, u32, Vec<u8>),
    Dir(&'static str, u32),
    Sym(&'static str, &'static str),
    Hard(&'static str, &'static str),
}

fn header(name: &str, kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    {
        let gnu = h.as_gnu_mut().unwrap();
        gnu.name[..name.len()].copy_from_slice(name.as_bytes());
    }
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_size(size);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(0);
    h.set_cksum();
    h
}

fn layer(entries: &[E]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for e in entries {
        match e {
            E::File(p, mode, data) => {
                let h = header(p, tar::EntryType::Regular, *mode, data.len() as u64);
                b.append(&h, data.as_slice()).unwrap();
            }
            E::Dir(p, mode) => {
                let h = header(p, tar::EntryType::Directory, *mode, 0);
                b.append(&h, std::io::empty()).unwrap();
            }
            E::Sym(p, t) | E::Hard(p, t) => {
                let kind = if matches!(e, E::Sym(..)) {
                    tar::EntryType::Symlink
                } else {
                    tar::EntryType::Link
                };
                let mut h = header(p, kind, 0o777, 0);
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

fn zst(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 1).unwrap()
}

/// An outer archive from (path, bytes) in the order given.
fn archive(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (p, d) in files {
        let h = header(p, tar::EntryType::Regular, 0o644, d.len() as u64);
        b.append(&h, d.as_slice()).unwrap();
    }
    b.into_inner().unwrap()
}

const AWS: &[u8] = b"[default]\naws_access_key_id = AKIAJT2MYNCZX7TUOUCI\naws_secret_access_key = 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\n";
const KEY: &[u8] = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";

fn base_layers() -> Vec<Vec<u8>> {
    let l0 = layer(&[
        E::Dir("etc/", 0o755),
        E::File("etc/passwd", 0o644, b"root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n".to_vec()),
        E::File("etc/shadow", 0o640, b"root:!:19000::::::\napp::19000::::::\n".to_vec()),
        E::File("etc/os-release", 0o644, b"ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n".to_vec()),
        E::Dir("bin/", 0o755),
        E::File("bin/su", 0o4755, b"\x7fELF-not-really".to_vec()),
        E::Hard("bin/su2", "bin/su"),
        E::Dir("usr/local/bin/", 0o777),
        E::File("var/lib/dpkg/status", 0o644, b"Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\nSource: glibc\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1\n\nPackage: bash\nStatus: install ok installed\nVersion: 5.2-2\n".to_vec()),
        E::File("var/lib/apt/lists/deb_dists_InRelease", 0o644, vec![b'x'; 100]),
        E::Dir("data/", 0o755),
        E::File("data/old", 0o644, b"old".to_vec()),
    ]);
    let l1 = layer(&[
        E::Dir("root/.aws/", 0o700),
        E::File("root/.aws/credentials", 0o600, AWS.to_vec()),
        E::File("root/.ssh/id_ed25519", 0o600, KEY.to_vec()),
        E::File(
            "app/node_modules/@scope/lib/package.json",
            0o644,
            br#"{"name":"@scope/lib","version":"1.2.3"}"#.to_vec(),
        ),
        E::File(
            "usr/lib/python3/site-packages/requests-2.31.0.dist-info/METADATA",
            0o644,
            b"Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n\n".to_vec(),
        ),
    ]);
    let l2 = layer(&[
        E::File("root/.aws/.wh.credentials", 0o644, vec![]),
        E::File("data/.wh..wh..opq", 0o644, vec![]),
        E::File("data/new", 0o644, b"new".to_vec()),
    ]);
    vec![l0, l1, l2]
}

fn config(user: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64", "os": "linux", "created": "2026-11-01T00:00:00Z",
        "config": {"User": user, "Env": ["PATH=/bin", "API_TOKEN=abcd1234efgh"], "Labels": null, "Volumes": null, "WorkingDir": null},
        "history": [
            {"created_by": "/bin/sh -c #(nop) ADD file:x in / "},
            {"created_by": "/bin/sh -c #(nop) ADD https://example.org/k /root/"},
            {"created_by": "/bin/sh -c apt-get update"},
            {"created_by": "|1 NPM_TOKEN=s3cr3tvalue42 /bin/sh -c npm ci"}
        ],
        "rootfs": {"type": "layers", "diff_ids": []}
    }))
    .unwrap()
}

/// Legacy layout with manifest.json after the layers (as docker save
/// writes it), layers gzip, zstd and plain.
fn legacy_archive() -> Vec<u8> {
    let ls = base_layers();
    let manifest = serde_json::json!([{
        "Config": "cfg.json", "RepoTags": ["test/legacy:1"],
        "Layers": ["l0/layer.tar", "l1/layer.tar", "l2/layer.tar"]
    }]);
    archive(&[
        ("l0/VERSION".into(), b"1.0".to_vec()),
        ("l0/layer.tar".into(), gz(&ls[0])),
        ("l1/layer.tar".into(), zst(&ls[1])),
        ("l2/layer.tar".into(), ls[2].clone()),
        ("cfg.json".into(), config("")),
        (
            "manifest.json".into(),
            serde_json::to_vec(&manifest).unwrap(),
        ),
    ])
}

fn hex(n: u8) -> String {
    format!("{:02x}", n).repeat(32)
}

/// OCI layout (Docker 25+): index.json, oci-layout, blobs; two images.
fn oci_files() -> Vec<(String, Vec<u8>)> {
    let ls = base_layers();
    let mut files = vec![
        (format!("blobs/sha256/{}", hex(1)), gz(&ls[0])),
        (format!("blobs/sha256/{}", hex(2)), zst(&ls[1])),
        (format!("blobs/sha256/{}", hex(3)), gz(&ls[2])),
        (format!("blobs/sha256/{}", hex(4)), config("app")),
        (format!("blobs/sha256/{}", hex(7)), config("0")),
    ];
    let manifest = |cfg: u8, layers: &[u8]| {
        serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": format!("sha256:{}", hex(cfg))},
            "layers": layers.iter().map(|l| serde_json::json!({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": format!("sha256:{}", hex(*l))})).collect::<Vec<_>>()
        }))
        .unwrap()
    };
    files.push((format!("blobs/sha256/{}", hex(5)), manifest(4, &[1, 2, 3])));
    files.push((format!("blobs/sha256/{}", hex(6)), manifest(7, &[1])));
    files.push((
        "oci-layout".into(),
        br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec(),
    ));
    files.push((
        "index.json".into(),
        serde_json::to_vec(&serde_json::json!({"schemaVersion": 2, "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": format!("sha256:{}", hex(5)), "annotations": {"io.containerd.image.name": "docker.io/test/app:2"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": format!("sha256:{}", hex(6)), "annotations": {"io.containerd.image.name": "docker.io/test/base:1"}}
        ]}))
        .unwrap(),
    ));
    files
}

/// The generated archives name blobs by made-up digests (hex(n)) and list
/// no diff_ids: their mismatches are findings here, not errors (digest
/// verification itself is tested in tests/hostile_inputs.rs).
fn opts() -> ScanOptions {
    ScanOptions {
        digest_mismatch: DigestPolicy::Finding,
        ..Default::default()
    }
}

fn check_full_image(img: &dockaudit::facts::ImageFacts) {
    // Final view: credentials deleted, opaque dir replaced its content.
    let cred = img
        .secret_files
        .iter()
        .find(|f| f.path == "/root/.aws/credentials")
        .expect("credentials reported");
    assert_eq!((cred.layer, cred.removed_in), (1, Some(2)), "{cred:?}");
    assert!(!cred.hits.is_empty());
    assert!(cred
        .hits
        .iter()
        .all(|h| !h.redacted.contains("LzOTsacjishfnDou8")));
    let key = img
        .secret_files
        .iter()
        .find(|f| f.path == "/root/.ssh/id_ed25519")
        .unwrap();
    assert_eq!(key.removed_in, None);
    assert!(img
        .setuid_files
        .iter()
        .any(|f| f.path == "/bin/su" && f.mode == "4755"));
    assert!(img
        .world_writable
        .iter()
        .any(|f| f.path == "/usr/local/bin"));
    assert_eq!(img.passwd.as_ref().unwrap().len(), 3);
    assert!(img
        .shadow
        .as_ref()
        .unwrap()
        .iter()
        .any(|s| s.name == "app" && s.password == "empty"));
    assert_eq!(img.os_release.as_ref().unwrap().version_id, "12");
    let kinds: Vec<(&str, &str)> = img
        .packages
        .iter()
        .map(|p| (p.kind.as_str(), p.name.as_str()))
        .collect();
    assert!(
        kinds.contains(&("deb", "libc6")) && kinds.contains(&("deb", "bash")),
        "{kinds:?}"
    );
    assert!(!kinds.contains(&("deb", "gone")));
    assert!(
        kinds.contains(&("npm", "lib")) && kinds.contains(&("pypi", "requests")),
        "{kinds:?}"
    );
    let libc = img.packages.iter().find(|p| p.name == "libc6").unwrap();
    assert_eq!(libc.source_name.as_deref(), Some("glibc"));
    assert_eq!(img.caches.len(), 1);
    assert_eq!(img.layers.len(), 3);
}

#[test]
fn legacy_archive_with_manifest_last() {
    let bytes = legacy_archive();
    let imgs = scan_ok(bytes, "legacy.tar", &opts());
    assert_eq!(imgs.len(), 1);
    let img = &imgs[0];
    assert_eq!(img.repo_tags, ["test/legacy:1"]);
    assert_eq!(img.layers[0].compression, "gzip");
    assert_eq!(img.layers[1].compression, "zstd");
    assert_eq!(img.layers[2].compression, "none");
    check_full_image(img);
}

#[test]
fn multi_platform_index_audits_the_platform_asked_for_and_says_so() {
    // index.json -> a nested multi-platform index listing arm64 first
    // (config "0": root), then amd64 (config "app"), then an attestation.
    let mut files: Vec<(String, Vec<u8>)> = oci_files()
        .into_iter()
        .filter(|(k, _)| k != "index.json")
        .collect();
    let entry = |d: u8, arch: &str| {
        serde_json::json!({"mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": format!("sha256:{}", hex(d)),
            "platform": {"os": "linux", "architecture": arch}})
    };
    // The nested index blob (hex 8): these platforms, then an attestation.
    let nested = |platforms: &[(u8, &str)]| {
        let mut list: Vec<serde_json::Value> =
            platforms.iter().map(|(d, arch)| entry(*d, arch)).collect();
        list.push(
            serde_json::json!({"mediaType": "application/vnd.oci.image.manifest.v1+json",
             "digest": format!("sha256:{}", hex(6)),
             "platform": {"os": "unknown", "architecture": "unknown"},
             "annotations": {"vnd.docker.reference.type": "attestation-manifest"}}),
        );
        let index = serde_json::json!({"schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": list});
        (
            format!("blobs/sha256/{}", hex(8)),
            serde_json::to_vec(&index).unwrap(),
        )
    };
    files.push(nested(&[(6, "arm64"), (5, "amd64")]));
    files.push((
        "index.json".into(),
        serde_json::to_vec(&serde_json::json!({"schemaVersion": 2, "manifests": [
            {"mediaType": "application/vnd.oci.image.index.v1+json", "digest": format!("sha256:{}", hex(8)),
             "annotations": {"io.containerd.image.name": "docker.io/test/multi:1"}}
        ]}))
        .unwrap(),
    ));
    let bytes = archive(&files);
    let platform =
        |p: Option<&str>| p.map(|p| dockaudit::collect::registry::Platform::parse(p).unwrap());
    let scan = |p: Option<&str>, all: bool| {
        scan_with(&bytes, "multi.tar", |o| {
            o.platform = platform(p);
            o.all = all;
        })
    };
    let user = |i: &dockaudit::facts::ImageFacts| i.config.as_ref().unwrap().user.clone();
    let amd = scan(Some("linux/amd64"), false).unwrap();
    assert_eq!(amd.len(), 1);
    assert_eq!(user(&amd[0]), "app");
    assert_eq!(amd[0].repo_tags, ["docker.io/test/multi:1"]);
    let said = amd[0].warnings.join("\n");
    assert!(
        said.contains("platform linux/amd64 audited; not audited: linux/arm64"),
        "{said}"
    );
    // The first listed platform is not taken by default any more.
    let arm = scan(Some("linux/arm64"), false).unwrap();
    assert_eq!(user(&arm[0]), "0");
    let all = scan(None, true).unwrap();
    assert_eq!(all.len(), 2);
    let err = scan(Some("linux/s390x"), false).unwrap_err().to_string();
    assert!(err.contains("offers no linux/s390x image"), "{err}");
    assert!(err.contains("linux/arm64, linux/amd64"), "{err}");

    // A cross-build with one platform (and its attestation): that image is
    // audited by default, saying so; asked for another, it is an error.
    let host = dockaudit::collect::registry::Platform::host().show();
    let other = if host == "linux/arm64" {
        "s390x"
    } else {
        "arm64"
    };
    let mut one = files.clone();
    one.retain(|(k, _)| k != &format!("blobs/sha256/{}", hex(8)));
    one.push(nested(&[(6, other)]));
    let bytes = archive(&one);
    let scan = |p: Option<&str>| scan_with(&bytes, "one.tar", |o| o.platform = platform(p));
    let imgs = scan(None).unwrap();
    assert_eq!(user(&imgs[0]), "0");
    let said = imgs[0].warnings.join("\n");
    assert!(
        said.contains(&format!("offers only platform linux/{other}")),
        "{said}"
    );
    let err = scan(Some(&host)).unwrap_err().to_string();
    assert!(err.contains(&format!("offers no {host} image")), "{err}");

    // index.json itself listing the platforms (no nested index): the
    // platform is chosen there too, and said.
    let mut flat = files.clone();
    flat.retain(|(k, _)| k != "index.json" && k != &format!("blobs/sha256/{}", hex(8)));
    flat.push((
        "index.json".into(),
        serde_json::to_vec(&serde_json::json!({"schemaVersion": 2,
            "manifests": [entry(6, "arm64"), entry(5, "amd64")]}))
        .unwrap(),
    ));
    let bytes = archive(&flat);
    let scan = |p: Option<&str>, all: bool| {
        scan_with(&bytes, "flat.tar", |o| {
            o.platform = platform(p);
            o.all = all;
        })
    };
    let amd = scan(Some("linux/amd64"), false).unwrap();
    assert_eq!(amd.len(), 1);
    assert_eq!(user(&amd[0]), "app");
    let said = amd[0].warnings.join("\n");
    assert!(said.contains("not audited: linux/arm64"), "{said}");
    assert_eq!(user(&scan(Some("linux/arm64"), false).unwrap()[0]), "0");
    assert_eq!(scan(None, true).unwrap().len(), 2);
    // Entries naming two images are two images, whatever their platforms.
    let named = |d: u8, arch: &str, name: &str| {
        let mut e = entry(d, arch);
        e["annotations"] = serde_json::json!({"org.opencontainers.image.ref.name": name});
        e
    };
    flat.retain(|(k, _)| k != "index.json");
    flat.push((
        "index.json".into(),
        serde_json::to_vec(&serde_json::json!({"schemaVersion": 2,
            "manifests": [named(6, "arm64", "tools:2"), named(5, "amd64", "app:1")]}))
        .unwrap(),
    ));
    let bytes = archive(&flat);
    let two = |o: &mut ScanOptions| o.all = true;
    assert_eq!(scan_with(&bytes, "two.tar", two).unwrap().len(), 2);
    let picked = scan_with(&bytes, "two.tar", |o| o.reference = Some("tools:2".into())).unwrap();
    assert_eq!(user(&picked[0]), "0");
}

#[test]
fn oci_archive_multi_image_by_ref_and_all() {
    let bytes = archive(&oci_files());
    let err = scan_stream(
        std::io::Cursor::new(bytes.clone()),
        "oci.tar",
        "docker-archive",
        &opts(),
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("--ref"), "{err}");
    let mut o = opts();
    o.reference = Some("test/app:2".into());
    let imgs = scan_ok(bytes.clone(), "oci.tar", &o);
    assert_eq!(imgs.len(), 1);
    assert_eq!(imgs[0].source, "oci-archive");
    assert_eq!(imgs[0].config.as_ref().unwrap().user, "app");
    check_full_image(&imgs[0]);
    let mut o = opts();
    o.all = true;
    let imgs = scan_ok(bytes.clone(), "oci.tar", &o);
    assert_eq!(imgs.len(), 2);
    assert_eq!(imgs[1].layers.len(), 1);
    // The base image never had layer 1: no credentials in it.
    assert!(imgs[1].secret_files.is_empty());
    // An id prefix picks one image; words that only occur in the config's
    // key (`sha256`, `json`) or a too short id pick none.
    let id = imgs[1].id.trim_start_matches("sha256:").to_string();
    let by_ref = |r: &str| scan_with(&bytes, "oci.tar", |o| o.reference = Some(r.into()));
    let one = by_ref(&id[..12]).unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].id, imgs[1].id);
    assert_eq!(
        by_ref(&format!("sha256:{}", &id[..8])).unwrap()[0].id,
        imgs[1].id
    );
    for r in ["sha256", "blobs", &id[..3]] {
        let err = by_ref(r).unwrap_err().to_string();
        assert!(err.contains("no image matches"), "{r}: {err}");
    }
}

#[test]
fn oci_layout_directory_and_rootfs() {
    let dir = tempfile::tempdir().unwrap();
    for (p, d) in oci_files() {
        let path = dir.path().join(&p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, d).unwrap();
    }
    let mut o = opts();
    o.reference = Some("docker.io/test/app:2".into());
    let imgs = scan_path(dir.path(), &o).unwrap();
    assert_eq!(imgs[0].source, "oci-layout");
    check_full_image(&imgs[0]);

    let root = tempfile::tempdir().unwrap();
    let r = root.path();
    std::fs::create_dir_all(r.join("etc")).unwrap();
    std::fs::write(r.join("etc/passwd"), "root:x:0:0::/root:/bin/sh\n").unwrap();
    std::fs::create_dir_all(r.join("app")).unwrap();
    std::fs::write(r.join("app/.env"), "DB_PASSWORD=hunter22\n").unwrap();
    std::os::unix::fs::symlink("/etc/loop2", r.join("etc/loop1")).unwrap();
    std::os::unix::fs::symlink("/etc/loop1", r.join("etc/loop2")).unwrap();
    let imgs = scan_path(r, &opts()).unwrap();
    assert_eq!(imgs[0].source, "rootfs");
    assert!(imgs[0].config.is_none());
    assert!(imgs[0]
        .secret_files
        .iter()
        .any(|f| f.path == "/app/.env" && !f.hits.is_empty()));
}

fn one_layer_archive(layer_blob: Vec<u8>) -> Vec<u8> {
    let manifest = serde_json::json!([{"Config": "c.json", "RepoTags": ["bad/img:1"], "Layers": ["l/layer.tar"]}]);
    archive(&[
        ("l/layer.tar".into(), layer_blob),
        ("c.json".into(), config("")),
        (
            "manifest.json".into(),
            serde_json::to_vec(&manifest).unwrap(),
        ),
    ])
}

/// The images of an archive read with `opts()` as `edit` changes them.
fn scan_with(
    bytes: &[u8],
    name: &str,
    edit: impl FnOnce(&mut ScanOptions),
) -> anyhow::Result<Vec<dockaudit::facts::ImageFacts>> {
    let mut o = opts();
    edit(&mut o);
    scan_stream(
        std::io::Cursor::new(bytes.to_vec()),
        name,
        "docker-archive",
        &o,
        None,
    )
}

/// The images of an archive that must read.
fn scan_ok(bytes: Vec<u8>, name: &str, o: &ScanOptions) -> Vec<dockaudit::facts::ImageFacts> {
    scan_stream(std::io::Cursor::new(bytes), name, "docker-archive", o, None)
        .unwrap_or_else(|e| panic!("{name}: {e:#}"))
}

fn scan_err(bytes: Vec<u8>, o: &ScanOptions) -> String {
    let r = std::panic::catch_unwind(|| {
        scan_stream(
            std::io::Cursor::new(bytes),
            "bad.tar",
            "docker-archive",
            o,
            None,
        )
    });
    match r {
        Ok(Ok(_)) => panic!("hostile archive accepted"),
        Ok(Err(e)) => format!("{e:#}"),
        Err(_) => panic!("scan panicked"),
    }
}

#[test]
fn hostile_entries_give_clear_errors() {
    let dotdot = layer(&[E::File("../etc/passwd", 0o644, b"x".to_vec())]);
    let e = scan_err(one_layer_archive(gz(&dotdot)), &opts());
    assert!(
        e.contains("bad/img:1") && e.contains("layer 0") && e.contains("../etc/passwd"),
        "{e}"
    );

    let abs = layer(&[E::File("/etc/passwd", 0o644, b"x".to_vec())]);
    let e = scan_err(one_layer_archive(abs), &opts());
    assert!(e.contains("absolute") && e.contains("/etc/passwd"), "{e}");

    let hard = layer(&[E::Hard("bin/x", "bin/missing")]);
    let e = scan_err(one_layer_archive(hard), &opts());
    assert!(e.contains("hard link to missing target"), "{e}");

    // Truncated layer: the gzip stream stops mid-file.
    let big = layer(&[E::File(
        "big",
        0o644,
        (0..200_000u32).map(|i| (i * 7919 % 251) as u8).collect(),
    )]);
    let g = gz(&big);
    let e = scan_err(one_layer_archive(g[..g.len() / 2].to_vec()), &opts());
    assert!(e.contains("layer 0"), "{e}");

    // Corrupt gzip.
    let mut g = gz(&big);
    for b in g.iter_mut().skip(40).take(64) {
        *b ^= 0x5a;
    }
    let e = scan_err(one_layer_archive(g), &opts());
    assert!(
        e.contains("gzip") || e.contains("corrupt") || e.contains("invalid"),
        "{e}"
    );

    // A decompression bomb bounded by --max-layer-bytes.
    let zeros = layer(&[E::File("zeros", 0o644, vec![0u8; 20 << 20])]);
    let bomb = zst(&zeros);
    assert!(bomb.len() < 100_000);
    let mut o = opts();
    o.limits = Limits {
        max_layer_bytes: 4 << 20,
        ..Limits::default()
    };
    let e = scan_err(one_layer_archive(bomb), &o);
    assert!(e.contains("bound") && e.contains("zeros"), "{e}");

    // Too many entries.
    let many: Vec<E> = (0..50).map(|_| E::Dir("d/", 0o755)).collect();
    let mut o = opts();
    o.limits.max_entries = 10;
    let e = scan_err(one_layer_archive(layer(&many)), &o);
    assert!(e.contains("entries"), "{e}");

    // A manifest naming a missing layer.
    let manifest = serde_json::json!([{"Config": "c.json", "RepoTags": ["bad/img:1"], "Layers": ["nope/layer.tar"]}]);
    let bytes = archive(&[
        ("c.json".into(), config("")),
        (
            "manifest.json".into(),
            serde_json::to_vec(&manifest).unwrap(),
        ),
    ]);
    let e = scan_err(bytes, &opts());
    assert!(e.contains("lacks") && e.contains("nope/layer.tar"), "{e}");

    // Truncated outer archive (manifest lost).
    let whole = legacy_archive();
    let e = scan_err(whole[..whole.len() / 2].to_vec(), &opts());
    assert!(!e.is_empty());

    // Not an archive at all.
    let e = scan_err(b"hello".to_vec(), &opts());
    assert!(!e.is_empty());
}

#[test]
fn symlink_loops_and_sparse_headers_do_not_hang() {
    let l = layer(&[
        E::Dir("etc/", 0o755),
        E::Sym("etc/passwd", "/etc/passwd2"),
        E::Sym("etc/passwd2", "passwd"),
    ]);
    let imgs = scan_ok(one_layer_archive(l), "loop.tar", &opts());
    assert!(imgs[0].passwd.is_none());
    // An entry whose header claims far more data than the layer holds.
    let mut h = header("huge", tar::EntryType::Regular, 0o644, 1 << 40);
    h.set_cksum();
    let mut raw = h.as_bytes().to_vec();
    raw.extend_from_slice(&[0u8; 1024]);
    let e = scan_err(one_layer_archive(raw), &opts());
    assert!(e.contains("layer 0"), "{e}");
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dockaudit")
}

#[test]
fn binary_audits_archive_and_writes_sboms() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("legacy.tar");
    std::fs::write(&path, legacy_archive()).unwrap();
    let out = Command::new(bin())
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .args([
            "image",
            path.to_str().unwrap(),
            "--digest-mismatch",
            "finding",
            "--format",
            "json",
            "--now",
            "2026-11-28T12:00:00Z",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = |id: &str| {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    for id in [
        "IMG-001", "IMG-002", "IMG-003", "IMG-004", "IMG-006", "IMG-007", "IMG-008", "IMG-009",
        "IMG-011", "IMG-012", "IMG-013", "IMG-014",
    ] {
        assert_eq!(status(id), "fail", "{id}");
    }
    assert_eq!(status("IMG-010"), "pass");
    // `dockaudit image` never skips its own checks for facts it did not
    // collect, and audits the image once per rule (no engine-side copies).
    // The vulnerability checks skip without an advisory database, saying
    // how to import one (HOME points at an empty folder here).
    let skipped: Vec<String> = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "skipped")
        .filter(|c| {
            !(c["id"].as_str().unwrap().starts_with("BASE-11")
                && c["reason"]
                    .as_str()
                    .unwrap()
                    .contains("dockaudit db import"))
        })
        .map(|c| format!("{}: {}", c["id"], c["reason"]))
        .collect();
    assert!(skipped.is_empty(), "{skipped:?}");
    for retired in ["USER-101", "BASE-100", "BASE-102", "SECRET-101"] {
        assert!(
            !v["checks"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["id"] == retired),
            "{retired}"
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("LzOTsacjishfnDou8")
            && !text.contains("abcd1234efgh")
            && !text.contains("s3cr3tvalue42")
    );

    for (fmt, key) in [("cyclonedx", "components"), ("spdx", "packages")] {
        let sb = dir.path().join(format!("sbom.{fmt}.json"));
        let out = Command::new(bin())
            .args([
                "sbom",
                path.to_str().unwrap(),
                "--digest-mismatch",
                "finding",
                "--format",
                fmt,
                "-o",
                sb.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&sb).unwrap()).unwrap();
        let purls: Vec<String> = serde_json::to_string(&v[key])
            .unwrap()
            .split("pkg:")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect();
        assert!(
            purls
                .iter()
                .any(|p| p.starts_with("deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12")),
            "{purls:?}"
        );
        assert!(
            purls.iter().any(|p| p == "npm/%40scope/lib@1.2.3"),
            "{purls:?}"
        );
        assert!(
            purls.iter().any(|p| p == "pypi/requests@2.31.0"),
            "{purls:?}"
        );
    }
    assert!(Path::new(bin()).exists());
}

/// The fuzz seed corpus, truncated and bit-flipped deterministically: the
/// reader and parsers return results or errors, never panic.
#[test]
fn fuzz_corpus_mutations_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut o = opts();
    o.all = true;
    o.limits.max_layer_bytes = 8 << 20;
    o.limits.max_entries = 10_000;
    for entry in std::fs::read_dir(root.join("archive")).unwrap().flatten() {
        let seed = std::fs::read(entry.path()).unwrap();
        let mut x: u64 = 0x9e3779b97f4a7c15;
        for i in 0..200 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut m = seed.clone();
            if i % 4 == 0 {
                m.truncate((x as usize) % m.len());
            } else {
                for k in 0..(1 + i % 8) {
                    let pos = ((x >> (k * 3)) as usize) % m.len();
                    m[pos] ^= (x >> 8) as u8 | 1;
                }
            }
            let r = std::panic::catch_unwind(|| {
                let _ = scan_stream(
                    std::io::Cursor::new(m),
                    "mut.tar",
                    "docker-archive",
                    &o,
                    None,
                );
            });
            assert!(
                r.is_ok(),
                "panic on mutation {i} of {}",
                entry.path().display()
            );
        }
    }
    for entry in std::fs::read_dir(root.join("packages")).unwrap().flatten() {
        let seed = std::fs::read(entry.path()).unwrap();
        for n in (0..seed.len()).step_by(7) {
            let t = String::from_utf8_lossy(&seed[..n]);
            let _ = dockaudit::image::packages::parse_dpkg(&t, "/var/lib/dpkg/status");
            let _ = dockaudit::image::packages::parse_apk(&t, "/lib/apk/db/installed");
            let _ = dockaudit::image::packages::parse_python_metadata(&t, "M");
            let _ = dockaudit::image::packages::parse_package_json(&t, "p");
            let _ = dockaudit::image::packages::parse_elf(&seed[..n], "e");
            let _ = dockaudit::image::packages::parse_jar(&seed[..n], "j");
        }
    }
}

/// An rpm header blob with string entries (tag, value).
fn rpm_blob(entries: &[(u32, &str)]) -> Vec<u8> {
    let (mut index, mut data) = (Vec::new(), Vec::new());
    for (tag, v) in entries {
        for x in [*tag, 6, data.len() as u32, 1] {
            index.extend_from_slice(&x.to_be_bytes());
        }
        data.extend_from_slice(v.as_bytes());
        data.push(0);
    }
    let mut b = (entries.len() as u32).to_be_bytes().to_vec();
    b.extend_from_slice(&(data.len() as u32).to_be_bytes());
    b.extend(index);
    b.extend(data);
    b
}

#[test]
fn rpm_sqlite_database_in_a_layer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rpmdb.sqlite");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute(
            "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)",
            [],
        )
        .unwrap();
        for (n, v) in [
            ("bash", "5.1.8"),
            ("glibc", "2.34"),
            ("gpg-pubkey", "fd431d51"),
        ] {
            let blob = rpm_blob(&[
                (1000, n),
                (1001, v),
                (1002, "6.el9"),
                (1022, "x86_64"),
                (1044, &format!("{n}-{v}-6.el9.src.rpm")),
            ]);
            c.execute("INSERT INTO Packages (blob) VALUES (?1)", [&blob])
                .unwrap();
        }
    }
    let l = layer(&[
        E::File(
            "etc/os-release",
            0o644,
            b"ID=\"rhel\"\nVERSION_ID=\"9.3\"\n".to_vec(),
        ),
        E::File(
            "var/lib/rpm/rpmdb.sqlite",
            0o644,
            std::fs::read(&db).unwrap(),
        ),
    ]);
    let imgs = scan_ok(one_layer_archive(gz(&l)), "rpm.tar", &opts());
    let rpms: Vec<_> = imgs[0]
        .packages
        .iter()
        .filter(|p| p.kind == "rpm")
        .collect();
    assert_eq!(rpms.len(), 2, "{rpms:?}");
    assert_eq!(rpms[0].name, "bash");
    assert_eq!(rpms[0].version, "5.1.8-6.el9");
    assert_eq!(rpms[0].source_name.as_deref(), Some("bash"));
    let purl = dockaudit::sbom::purl(rpms[0], &imgs[0]);
    assert_eq!(
        purl,
        "pkg:rpm/rhel/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9.3"
    );
}

#[test]
fn berkeley_db_rpm_database_is_unread_not_empty() {
    // CentOS 7 / Amazon Linux 2 keep the rpm database in Berkeley DB
    // (/var/lib/rpm/Packages); this version does not parse it, so the
    // image's packages are unknown, never "no packages". The bytes are
    // a Berkeley DB hash file's magic, the rest padding.
    let mut bdb = vec![0u8; 4096];
    bdb[12..16].copy_from_slice(&0x0006_1561u32.to_le_bytes());
    let l = layer(&[
        E::File(
            "etc/os-release",
            0o644,
            b"ID=\"centos\"\nVERSION_ID=\"7\"\n".to_vec(),
        ),
        E::File("var/lib/rpm/Packages", 0o644, bdb),
    ]);
    let imgs = scan_ok(one_layer_archive(gz(&l)), "centos.tar", &opts());
    let img = &imgs[0];
    assert!(img.packages.iter().all(|p| p.kind != "rpm"));
    let unread = img.unread_package_databases();
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert!(
        unread[0].starts_with("/var/lib/rpm/Packages: "),
        "{unread:?}"
    );
    assert!(unread[0].contains("Berkeley DB"), "{unread:?}");
    let inv = dockaudit::vuln::inventory::image(img);
    assert!(
        inv.not_covered
            .iter()
            .any(|n| n.contains("/var/lib/rpm/Packages")),
        "{:?}",
        inv.not_covered
    );
}

#[test]
fn files_over_the_content_bound_are_counted_as_checked_by_name_only() {
    let mut big = b"# settings\n".to_vec();
    big.resize(300 << 10, b'x');
    big.extend_from_slice(b"\naws_secret_access_key = Zk81mWq0pLx7Vb3nTcQ4rS9uV2wX5yZ8aB1cD3eF\n");
    let small = b"aws_secret_access_key = Zk81mWq0pLx7Vb3nTcQ4rS9uV2wX5yZ8aB1cD3eF\n".to_vec();
    let blob = layer(&[
        E::Dir("app/", 0o755),
        E::File("app/config.yml", 0o644, big),
        E::File("app/small.yml", 0o644, small),
    ]);
    let imgs = scan_ok(one_layer_archive(blob), "big.tar", &opts());
    let img = &imgs[0];
    // The small file is read and its secret found; the large one is
    // counted, never taken as clean in silence.
    assert_eq!(img.content_unscanned, 1);
    assert!(img.secret_files.iter().any(|f| f.path == "/app/small.yml"));
    assert!(!img.secret_files.iter().any(|f| f.path == "/app/config.yml"));
    // With a larger bound it is read.
    let o = ScanOptions {
        limits: dockaudit::collect::image::Limits {
            content_bytes: 1 << 20,
            ..Default::default()
        },
        ..opts()
    };
    let mut big = b"# settings\n".to_vec();
    big.resize(300 << 10, b'x');
    big.extend_from_slice(b"\naws_secret_access_key = Zk81mWq0pLx7Vb3nTcQ4rS9uV2wX5yZ8aB1cD3eF\n");
    let blob = layer(&[E::Dir("app/", 0o755), E::File("app/config.yml", 0o644, big)]);
    let imgs = scan_ok(one_layer_archive(blob), "big.tar", &o);
    assert_eq!(imgs[0].content_unscanned, 0);
    assert!(imgs[0]
        .secret_files
        .iter()
        .any(|f| f.path == "/app/config.yml"));
}

#[test]
fn a_later_unread_copy_of_passwd_in_one_layer_replaces_the_earlier_one() {
    let mut big = b"toor:x:0:0::/:/bin/sh\n".to_vec();
    big.resize(300 << 10, b'#');
    let blob = layer(&[
        E::Dir("etc/", 0o755),
        E::File(
            "etc/passwd",
            0o644,
            b"toor:x:1000:1000::/:/bin/sh\n".to_vec(),
        ),
        E::File("etc/passwd", 0o644, big),
    ]);
    let imgs = scan_ok(one_layer_archive(blob), "dup.tar", &opts());
    let img = &imgs[0];
    assert!(img.passwd.is_none(), "{:?}", img.passwd);
    assert!(
        img.unread.iter().any(|u| u.path == "/etc/passwd"),
        "{:?}",
        img.unread
    );
}

#[test]
fn passwd_as_a_hard_link_to_a_file_written_again_in_its_layer_is_unread() {
    // /etc/passwd links /tmp/p, written twice in the layer: first with a
    // uid-0 user, then without. Linked between the two writes, the link
    // keeps the first content, which the second must not stand for;
    // linked after both, it has the second.
    let root = E::File("tmp/p", 0o644, b"toor:x:0:0::/:/bin/sh\n".to_vec());
    let app = E::File("tmp/p", 0o644, b"app:x:1000:1000::/:/bin/sh\n".to_vec());
    let link = E::Hard("etc/passwd", "tmp/p");
    // From a file: the layer may be read again for the file a fact file
    // leads to.
    let dir = tempfile::tempdir().unwrap();
    let scan = |entries: [&E; 3]| {
        let mut all = vec![E::Dir("etc/", 0o755)];
        all.extend(entries.into_iter().cloned());
        let p = dir.path().join("img.tar");
        std::fs::write(&p, one_layer_archive(layer(&all))).unwrap();
        scan_path(&p, &opts()).unwrap().remove(0)
    };
    let img = scan([&root, &link, &app]);
    assert!(img.passwd.is_none(), "{:?}", img.passwd);
    assert!(
        img.unread
            .iter()
            .any(|u| u.path == "/etc/passwd" && u.reason.contains("wrote again after the link")),
        "{:?}",
        img.unread
    );
    let img = scan([&root, &app, &link]);
    let users: Vec<&str> = img
        .passwd
        .as_ref()
        .unwrap_or_else(|| panic!("passwd not read: {:?}", img.unread))
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(users, ["app"]);
}

/// A header named by raw bytes (names that are not UTF-8), of `kind`.
fn raw_header(name: &[u8], kind: tar::EntryType, mode: u32, size: u64) -> tar::Header {
    let mut h = tar::Header::new_gnu();
    h.as_gnu_mut().unwrap().name[..name.len()].copy_from_slice(name);
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_size(size);
    h.set_mtime(0);
    h.set_cksum();
    h
}

/// An archive of the given layer tars, in order (no diff_ids: digests are
/// compared as findings only).
fn layers_archive(layers: Vec<Vec<u8>>) -> Vec<u8> {
    let names: Vec<String> = (0..layers.len())
        .map(|i| format!("l{i}/layer.tar"))
        .collect();
    let manifest =
        serde_json::json!([{"Config": "c.json", "RepoTags": ["view/img:1"], "Layers": names}]);
    let mut files: Vec<(String, Vec<u8>)> = names.iter().cloned().zip(layers).collect();
    files.push(("c.json".into(), config("")));
    files.push((
        "manifest.json".into(),
        serde_json::to_vec(&manifest).unwrap(),
    ));
    archive(&files)
}

#[test]
fn the_final_view_follows_the_engine_on_odd_entries() {
    // Layer 0: setuid files, one named by bytes that are not UTF-8, one in
    // a folder no entry lists; a secret file with a hard link to it; a
    // secret file written twice in the layer, the second time empty.
    let mut b = tar::Builder::new(Vec::new());
    for (name, kind, mode, data) in [
        (&b"usr/bin/"[..], tar::EntryType::Directory, 0o755, &b""[..]),
        (
            b"usr/bin/sudo",
            tar::EntryType::Regular,
            0o4755,
            b"\x7fELF-x",
        ),
        (
            b"usr/sbin/\xff",
            tar::EntryType::Regular,
            0o4755,
            b"\x7fELF-y",
        ),
        (
            b"opt/tool/helper",
            tar::EntryType::Regular,
            0o4755,
            b"\x7fELF-z",
        ),
        (b"srv/app.env", tar::EntryType::Regular, 0o644, AWS),
        (b"app/.env", tar::EntryType::Regular, 0o644, AWS),
        (b"app/.env", tar::EntryType::Regular, 0o644, b""),
    ] {
        b.append(&raw_header(name, kind, mode, data.len() as u64), data)
            .unwrap();
    }
    // Hard links to a file, and to a symlink (the engine links any entry
    // but a folder); a file linked, then written again in the same layer:
    // the link keeps the first content.
    b.append(
        &raw_header(
            b"opt/k.env",
            tar::EntryType::Regular,
            0o644,
            AWS.len() as u64,
        ),
        AWS,
    )
    .unwrap();
    for (name, kind, target) in [
        ("srv/app-old.env", tar::EntryType::Link, "srv/app.env"),
        ("srv/current", tar::EntryType::Symlink, "app.env"),
        ("srv/current2", tar::EntryType::Link, "srv/current"),
        ("opt/k-kept.env", tar::EntryType::Link, "opt/k.env"),
    ] {
        let mut h = raw_header(name.as_bytes(), kind, 0o644, 0);
        h.set_link_name(target).unwrap();
        h.set_cksum();
        b.append(&h, std::io::empty()).unwrap();
    }
    b.append(
        &raw_header(b"opt/k.env", tar::EntryType::Regular, 0o644, 0),
        &b""[..],
    )
    .unwrap();
    let l0 = b.into_inner().unwrap();
    // Layer 1: `usr/bin/` as an old-style entry (type NUL, trailing slash:
    // a directory), a file where the unlisted folder was, the linked file
    // replaced, and a whiteout of another name that is not UTF-8.
    let mut b = tar::Builder::new(Vec::new());
    let mut old = raw_header(b"usr/bin/", tar::EntryType::Regular, 0o755, 0);
    old.as_old_mut().linkflag[0] = 0;
    old.set_cksum();
    b.append(&old, std::io::empty()).unwrap();
    for (name, data) in [
        (&b"opt/tool"[..], &b"plain"[..]),
        (b"srv/app.env", b"PORT=8080\n"),
        (b"usr/sbin/.wh.\xfe", b""),
    ] {
        b.append(
            &raw_header(name, tar::EntryType::Regular, 0o644, data.len() as u64),
            data,
        )
        .unwrap();
    }
    let l1 = b.into_inner().unwrap();
    let imgs = scan_ok(layers_archive(vec![l0, l1]), "view.tar", &opts());
    let img = &imgs[0];
    let setuid: Vec<&str> = img.setuid_files.iter().map(|f| f.path.as_str()).collect();
    assert!(setuid.contains(&"/usr/bin/sudo"), "{setuid:?}");
    assert!(setuid.contains(&"/usr/sbin/\u{FFFD}ff"), "{setuid:?}");
    assert!(
        !setuid.iter().any(|p| p.starts_with("/opt/tool/")),
        "{setuid:?}"
    );
    let present: Vec<&str> = img
        .secret_files
        .iter()
        .filter(|f| f.removed_in.is_none() && !f.hits.is_empty())
        .map(|f| f.path.as_str())
        .collect();
    // The hard link keeps the replaced file's secret in the view; the
    // copy written again empty in its own layer is gone from it.
    assert!(
        present.contains(&"/srv/app-old.env"),
        "{:?}",
        img.secret_files
    );
    assert!(!present.contains(&"/app/.env"), "{:?}", img.secret_files);
    assert!(
        present.contains(&"/opt/k-kept.env"),
        "{:?}",
        img.secret_files
    );
    assert!(!present.contains(&"/opt/k.env"), "{:?}", img.secret_files);
    assert!(
        img.secret_files
            .iter()
            .any(|f| f.path == "/app/.env" && f.removed_in == Some(0) && !f.hits.is_empty()),
        "{:?}",
        img.secret_files
    );
}
