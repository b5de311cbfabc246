//! Images read straight from a registry (`registry:HOST/REPO:TAG`) against
//! Debian's docker-registry: the private engine's push audited like its
//! `docker save` archive, platform selection in an index, cosign
//! signatures made with openssl and verified with --key (PROV-102), and a
//! registry behind TLS (a test CA made by openssl) with htpasswd
//! authentication. The registry comes from scripts/registry.sh
//! (DOCKAUDIT_TEST_REGISTRY; these tests fail under CI without it), the
//! TLS one is started by its test.

use std::io::Write;
use std::process::{Command, Output, Stdio};

#[path = "common/engine.rs"]
mod engine;
#[path = "common/registry.rs"]
mod registry;
#[path = "common/report.rs"]
mod report;

use base64::Engine as _;
use registry::{push_image, Pusher};

fn dockaudit(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dockaudit"));
    c.args(args)
        .env("DOCKER_CONFIG", "/nonexistent-dockaudit-test")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c.spawn().unwrap();
    {
        let mut si = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            si.write_all(s.as_bytes()).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// The scanned image facts written by --facts-out.
fn facts(args: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("facts.json");
    let mut a = vec!["image", "--quiet", "--format", "json", "--facts-out"];
    let fs = f.to_str().unwrap().to_string();
    a.push(&fs);
    a.extend_from_slice(args);
    let out = dockaudit(&a, None, &[]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    v["scanned_images"]["present"][0].clone()
}

#[test]
fn pushed_image_reads_like_its_archive() {
    let (Some(host), Some(addr)) = (engine::host(), registry::addr()) else {
        eprintln!("engine or registry not set: skipping");
        return;
    };
    let name = format!("{addr}/e2e/busybox:1");
    let out = engine::docker(&host, &["tag", "dockaudit-test/busybox:1", &name]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = engine::docker(&host, &["push", &name]);
    assert!(out.status.success(), "push: {}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let tar = dir.path().join("busybox.tar");
    let out = engine::docker(&host, &["save", "-o", tar.to_str().unwrap(), &name]);
    assert!(out.status.success(), "{}", stderr(&out));
    let _ = engine::docker(&host, &["rmi", &name]);

    let from_reg = facts(&[&format!("registry:{name}")]);
    let from_tar = facts(&[tar.to_str().unwrap()]);
    assert_eq!(from_reg["source"], "registry");
    assert_eq!(from_reg["reference"], format!("registry:{name}"));
    assert!(from_reg["repo_digests"][0]
        .as_str()
        .unwrap()
        .starts_with(&format!("{addr}/e2e/busybox@sha256:")));
    // Every digest of the registry image was compared, none differed.
    assert_eq!(from_reg["digests"]["mismatches"], serde_json::json!([]));
    assert_eq!(from_reg["digests"]["compared"], 3);
    // The same image: config, files and accounts as the archive gives them.
    for k in [
        "id",
        "config",
        "history",
        "file_count",
        "total_bytes",
        "setuid_files",
        "world_writable",
        "passwd",
        "packages",
        "os",
        "architecture",
    ] {
        assert_eq!(from_reg[k], from_tar[k], "{k}");
    }
    assert_eq!(
        from_reg["layers"][0]["entries"],
        from_tar["layers"][0]["entries"]
    );
    assert_eq!(from_reg["layers"][0]["compression"], "gzip");

    // sbom and vulns take the same source.
    let out = dockaudit(&["sbom", "--quiet", &format!("registry:{name}")], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["bomFormat"], "CycloneDX");
    let out = dockaudit(
        &[
            "vulns",
            "--quiet",
            "--format",
            "json",
            &format!("registry:{name}"),
        ],
        None,
        &[],
    );
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let r = json(&out);
    assert_ne!(report::check(&r, "BASE-113")["status"], "error");

    // A tag that is not there: exit 2, the request and the registry's code named.
    let out = dockaudit(
        &[
            "image",
            "--quiet",
            &format!("registry:{addr}/e2e/busybox:nope"),
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains("/v2/e2e/busybox/manifests/nope")
            && e.contains("404")
            && e.contains("MANIFEST_UNKNOWN"),
        "{e}"
    );
}

#[test]
fn index_picks_the_platform() {
    let Some(addr) = registry::addr() else { return };
    let p = Pusher::plain(&addr);
    let repo = "e2e/multi";
    let (amd, amd_digest, amd_cfg) = push_image(
        &p,
        repo,
        "amd64-only",
        "amd64",
        &[("/etc/os-release", "ID=alpine\nVERSION_ID=3.20.0\n")],
    );
    let (arm, arm_digest, arm_cfg) = push_image(
        &p,
        repo,
        "arm64-only",
        "arm64",
        &[("/etc/os-release", "ID=debian\nVERSION_ID=12\n")],
    );
    let index = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": amd_digest,
             "size": amd.len(), "platform": {"os": "linux", "architecture": "amd64"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": arm_digest,
             "size": arm.len(), "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
            {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": amd_digest,
             "size": amd.len(), "platform": {"os": "unknown", "architecture": "unknown"},
             "annotations": {"vnd.docker.reference.type": "attestation-manifest"}}
        ]
    });
    p.manifest(
        repo,
        "1",
        "application/vnd.oci.image.index.v1+json",
        &serde_json::to_vec(&index).unwrap(),
    );
    let r = format!("registry:{addr}/{repo}:1");
    let arm_facts = facts(&["--platform", "linux/arm64", &r]);
    assert_eq!(arm_facts["id"], arm_cfg);
    // The choice is said, with the platform left out.
    let said = arm_facts["warnings"].to_string();
    assert!(
        said.contains("platform linux/arm64/v8 audited; not audited: linux/amd64"),
        "{said}"
    );
    assert_eq!(arm_facts["os_release"]["id"], "debian");
    assert_eq!(
        arm_facts["repo_digests"][0],
        format!("{addr}/{repo}@{arm_digest}")
    );
    if std::env::consts::ARCH == "x86_64" {
        let default = facts(&[&r]);
        assert_eq!(default["id"], amd_cfg, "the host's platform by default");
    }
    let out = dockaudit(&["image", "--platform", "linux/s390x", &r], None, &[]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains("offers no linux/s390x image") && e.contains("linux/amd64, linux/arm64/v8"),
        "{e}"
    );
    // --all: every platform of the index.
    let out = dockaudit(
        &["image", "--quiet", "--all", "--format", "json", &r],
        None,
        &[],
    );
    let rep = json(&out);
    let subjects: Vec<String> = report::findings(report::check(&rep, "IMG-016"))
        .iter()
        .map(|f| f["subject"]["name"].to_string())
        .collect();
    assert!(subjects.is_empty(), "no digest mismatch: {subjects:?}");
    assert_eq!(report::check(&rep, "IMG-016")["checked"], 2);
    // By digest: the manifest fetched by it.
    let by_digest = facts(&[&format!("registry:{addr}/{repo}@{arm_digest}")]);
    assert_eq!(by_digest["id"], arm_cfg);
}

/// An openssl key pair: (private key, public key PEM) paths.
fn openssl_key(dir: &std::path::Path, name: &str) -> (String, String) {
    let key = dir.join(format!("{name}.key"));
    let pubk = dir.join(format!("{name}.pub"));
    let ok = Command::new("openssl")
        .args([
            "ecparam",
            "-genkey",
            "-name",
            "prime256v1",
            "-noout",
            "-out",
        ])
        .arg(&key)
        .status()
        .unwrap()
        .success()
        && Command::new("openssl")
            .args(["pkey", "-pubout", "-in"])
            .arg(&key)
            .arg("-out")
            .arg(&pubk)
            .status()
            .unwrap()
            .success();
    assert!(ok, "openssl key generation");
    (
        key.to_str().unwrap().to_string(),
        pubk.to_str().unwrap().to_string(),
    )
}

fn openssl_sign(dir: &std::path::Path, key: &str, payload: &[u8]) -> String {
    let f = dir.join("payload");
    std::fs::write(&f, payload).unwrap();
    let out = Command::new("openssl")
        .args(["dgst", "-sha256", "-sign", key])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    base64::engine::general_purpose::STANDARD.encode(out.stdout)
}

/// Pushes a cosign signature manifest for `digest` under the
/// `sha256-<hex>.sig` tag: the simple-signing payload naming `signed`,
/// signed with `key`.
fn push_signature(
    p: &Pusher,
    repo: &str,
    digest: &str,
    signed: &str,
    key: &str,
    dir: &std::path::Path,
) {
    let payload = format!(
        r#"{{"critical":{{"identity":{{"docker-reference":"{repo}"}},"image":{{"docker-manifest-digest":"{signed}"}},"type":"cosign container image signature"}},"optional":null}}"#
    );
    let sig = openssl_sign(dir, key, payload.as_bytes());
    let payload_digest = p.blob(repo, payload.as_bytes());
    let config =
        br#"{"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"#;
    let config_digest = p.blob(repo, config);
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.dev.cosign.simplesigning.v1+json",
                    "digest": payload_digest, "size": payload.len(),
                    "annotations": {"dev.cosignproject.cosign/signature": sig}}]
    });
    p.manifest(
        repo,
        &format!("{}.sig", digest.replace(':', "-")),
        "application/vnd.oci.image.manifest.v1+json",
        &serde_json::to_vec(&manifest).unwrap(),
    );
}

fn prov102(args: &[&str]) -> serde_json::Value {
    let mut a = vec![
        "image", "--quiet", "--format", "json", "--select", "PROV-102",
    ];
    a.extend_from_slice(args);
    let out = dockaudit(&a, None, &[]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    report::check(&json(&out), "PROV-102").clone()
}

#[test]
fn cosign_signatures_are_verified() {
    let Some(addr) = registry::addr() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (key, pubk) = openssl_key(d, "signer");
    let (_, other_pub) = openssl_key(d, "other");
    let p = Pusher::plain(&addr);
    let repo = "e2e/signed";
    let (_, digest, _) = push_image(&p, repo, "1", "amd64", &[("/etc/motd", "signed\n")]);
    let (_, digest2, _) = push_image(&p, repo, "2", "amd64", &[("/etc/motd", "unsigned\n")]);
    let (_, digest3, _) = push_image(&p, repo, "3", "amd64", &[("/etc/motd", "stolen\n")]);
    push_signature(&p, repo, &digest, &digest, &key, d);
    // Image 3 carries a valid signature of image 1's digest: not its own.
    push_signature(&p, repo, &digest3, &digest, &key, d);
    let signed = format!("registry:{addr}/{repo}:1");

    let c = prov102(&["--key", &pubk, &signed]);
    assert_eq!(c["status"], "pass", "{c}");
    let c = prov102(&["--key", &other_pub, &signed]);
    assert_eq!(c["status"], "fail", "{c}");
    let f = &report::findings(&c)[0];
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains(&digest) && msg.contains("does not verify with any trusted key"),
        "{msg}"
    );
    // Two keys, one of them the signer's: signed.
    assert_eq!(
        prov102(&["--key", &other_pub, "--key", &pubk, &signed])["status"],
        "pass"
    );
    let c = prov102(&["--key", &pubk, &format!("registry:{addr}/{repo}:2")]);
    assert_eq!(c["status"], "fail");
    assert!(report::findings(&c)[0]["message"]
        .as_str()
        .unwrap()
        .contains(&format!("no cosign signature of {digest2}")));
    let c = prov102(&["--key", &pubk, &format!("registry:{addr}/{repo}:3")]);
    assert_eq!(c["status"], "fail");
    assert!(
        report::findings(&c)[0]["message"]
            .as_str()
            .unwrap()
            .contains(&format!(
                "the payload signs {digest}, not this image's {digest3}"
            )),
        "{c}"
    );
    // An index whose own digest is signed (cosign signs what the tag
    // names): its platform manifest is signed through it.
    let (m2, _, _) = push_image(&p, repo, "2b", "amd64", &[("/etc/motd", "unsigned\n")]);
    let index = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "digest": digest2, "size": m2.len(),
                       "platform": {"os": "linux", "architecture": "amd64"}}]
    });
    let index_digest = p.manifest(
        repo,
        "multi",
        "application/vnd.oci.image.index.v1+json",
        &serde_json::to_vec(&index).unwrap(),
    );
    let multi = format!("registry:{addr}/{repo}:multi");
    let c = prov102(&["--key", &pubk, "--platform", "linux/amd64", &multi]);
    assert_eq!(c["status"], "fail", "unsigned yet: {c}");
    push_signature(&p, repo, &index_digest, &index_digest, &key, d);
    let c = prov102(&["--key", &pubk, "--platform", "linux/amd64", &multi]);
    assert_eq!(c["status"], "pass", "{c}");
    let c = prov102(&[&signed]);
    assert_eq!(c["status"], "skipped");
    assert!(c["reason"].as_str().unwrap().contains("--key"), "{c}");
    // A key file that is no key: exit 2, the file named.
    let junk = d.join("junk.pub");
    std::fs::write(&junk, "hello").unwrap();
    let out = dockaudit(
        &["image", "--key", junk.to_str().unwrap(), &signed],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("junk.pub: not a PEM public key"),
        "{}",
        stderr(&out)
    );
}

/// A port free at the time of asking.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct StopRegistry(std::path::PathBuf);
impl Drop for StopRegistry {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .args(["scripts/registry.sh", "stop"])
            .arg(&self.0)
            .status();
    }
}

fn openssl(args: &[&str], dir: &std::path::Path) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "openssl {args:?}: {}", stderr(&out));
}

#[test]
fn tls_registry_with_htpasswd() {
    // Needs the registry package (the plain registry's variable says it is
    // there) and htpasswd.
    if registry::addr().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    openssl(
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=dockaudit test CA",
        ],
        d,
    );
    openssl(
        &[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "srv.key",
            "-out",
            "srv.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
        d,
    );
    std::fs::write(
        d.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        &[
            "x509",
            "-req",
            "-in",
            "srv.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "srv.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
        d,
    );
    let password = "Tr0ub4dor-and-3";
    let ht = Command::new("htpasswd")
        .args(["-Bbn", "auditor", password])
        .output()
        .expect("htpasswd (apache2-utils)");
    assert!(ht.status.success());
    std::fs::write(d.join("htpasswd"), &ht.stdout).unwrap();
    let port = free_port();
    let regdir = d.join("registry");
    let out = Command::new("bash")
        .args(["scripts/registry.sh", "start"])
        .arg(&regdir)
        .env("PORT", port.to_string())
        .env("TLS_CERT", d.join("srv.pem"))
        .env("TLS_KEY", d.join("srv.key"))
        .env("HTPASSWD", d.join("htpasswd"))
        .output()
        .unwrap();
    let _stop = StopRegistry(regdir.clone());
    assert!(out.status.success(), "registry.sh: {}", stderr(&out));
    let addr = format!("127.0.0.1:{port}");
    let ca = d.join("ca.pem");
    let p = Pusher {
        base: format!("https://{addr}"),
        extra: vec![
            "--cacert".into(),
            ca.to_str().unwrap().into(),
            "-u".into(),
            format!("auditor:{password}"),
        ],
    };
    let (_, _, cfg) = push_image(&p, "secure/app", "1", "amd64", &[("/etc/motd", "tls\n")]);
    let r = format!("registry:{addr}/secure/app:1");
    let ca_s = ca.to_str().unwrap();

    // The CA and the credentials: read.
    let out = dockaudit(
        &[
            "image",
            "--quiet",
            "--format",
            "json",
            "--registry-ca",
            ca_s,
            "--username",
            "auditor",
            "--password-stdin",
            "--select",
            "IMG-016",
            &r,
        ],
        Some(&format!("{password}\n")),
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(report::check(&json(&out), "IMG-016")["status"], "pass");

    // From the Docker config's auths.
    let cfgdir = d.join("docker-config");
    std::fs::create_dir_all(&cfgdir).unwrap();
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("auditor:{password}"));
    std::fs::write(
        cfgdir.join("config.json"),
        format!(r#"{{"auths":{{"{addr}":{{"auth":"{auth}"}}}}}}"#),
    )
    .unwrap();
    let f = d.join("facts.json");
    let out = dockaudit(
        &[
            "image",
            "--quiet",
            "--registry-ca",
            ca_s,
            "--facts-out",
            f.to_str().unwrap(),
            &r,
        ],
        None,
        &[("DOCKER_CONFIG", cfgdir.to_str().unwrap())],
    );
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    assert_eq!(v["scanned_images"]["present"][0]["id"], cfg);

    // A wrong password: refused, and never printed.
    let out = dockaudit(
        &[
            "image",
            "--registry-ca",
            ca_s,
            "--username",
            "auditor",
            "--password-stdin",
            &r,
        ],
        Some("wr0ng-Secret-77\n"),
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("401"), "{e}");
    assert!(
        !e.contains("wr0ng-Secret-77") && !e.contains(password),
        "{e}"
    );
    let basic = base64::engine::general_purpose::STANDARD.encode("auditor:wr0ng-Secret-77");
    assert!(!e.contains(&basic), "{e}");

    // No credentials: the registry asks for them.
    let out = dockaudit(&["image", "--registry-ca", ca_s, &r], None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("requires authentication"),
        "{}",
        stderr(&out)
    );

    // Without the CA: the certificate is not trusted, and plain HTTP is
    // tried (loopback) and fails too; both named.
    let out = dockaudit(
        &["image", "--username", "auditor", "--password-stdin", &r],
        Some(password),
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("TLS") && e.contains("UnknownIssuer"), "{e}");
    assert!(!e.contains(password), "{e}");
}

#[test]
fn registry_command_lists_and_audits() {
    let Some(addr) = registry::addr() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (key, pubk) = openssl_key(d, "lister");
    let p = Pusher::plain(&addr);
    let repo = "e2e/listed";
    let (_, signed, _) = push_image(&p, repo, "a", "amd64", &[("/etc/motd", "a\n")]);
    push_image(&p, repo, "b", "amd64", &[("/etc/motd", "b\n")]);
    push_image(&p, repo, "c", "amd64", &[("/etc/motd", "c\n")]);
    push_signature(&p, repo, &signed, &signed, &key, d);
    // One entry a page: the Link header is followed to the end.
    let out = dockaudit(
        &[
            "registry",
            &addr,
            "--repo",
            repo,
            "--page-size",
            "1",
            "--json",
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let tags: Vec<&str> = v["repositories"][0]["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let sig_tag = format!("{}.sig", signed.replace(':', "-"));
    assert_eq!(tags, vec!["a", "b", "c", sig_tag.as_str()]);
    // The catalog, paginated too, holds the repository.
    let out = dockaudit(&["registry", &addr, "--page-size", "1"], None, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.lines().any(|l| l == format!("{addr}/{repo}:b")),
        "{text}"
    );
    // --audit: the three images (the signature tag is no image), PROV-102
    // failing for the two unsigned ones.
    let out = dockaudit(
        &[
            "registry",
            &addr,
            "--repo",
            repo,
            "--audit",
            "--concurrency",
            "2",
            "--key",
            &pubk,
            "--format",
            "json",
            "--select",
            "PROV-102,IMG-016",
        ],
        None,
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(r["target"]["kind"], "registry");
    // The report's contract holds for this command too.
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("docs/report.schema.json").unwrap()).unwrap();
    let v = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = v.iter_errors(&r).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(report::check(&r, "IMG-016")["checked"], 3);
    let c = report::check(&r, "PROV-102");
    assert_eq!(c["status"], "fail");
    let mut names: Vec<String> = report::findings(c)
        .iter()
        .map(|f| f["subject"]["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![format!("{addr}/{repo}:b"), format!("{addr}/{repo}:c")]
    );
    // A repository that does not exist: exit 2, named.
    let out = dockaudit(&["registry", &addr, "--repo", "e2e/none"], None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/v2/e2e/none/tags/list"),
        "{}",
        stderr(&out)
    );
}

struct RemoveImages(String, Vec<String>);
impl Drop for RemoveImages {
    fn drop(&mut self) {
        let mut args = vec!["rmi", "-f"];
        args.extend(self.1.iter().map(String::as_str));
        let _ = engine::docker(&self.0, &args);
    }
}

#[test]
fn host_images_are_checked_through_their_registry_digests() {
    let (Some(host), Some(addr)) = (engine::host(), registry::addr()) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (key, pubk) = openssl_key(d, "host-signer");
    let signed = format!("{addr}/e2e/host-signed:1");
    let unsigned = format!("{addr}/e2e/host-unsigned:1");
    let local = "dockaudit-e2e/host-local:1".to_string();
    let _cleanup = RemoveImages(
        host.clone(),
        vec![signed.clone(), unsigned.clone(), local.clone()],
    );
    for (tag, label) in [
        (&signed, "signed"),
        (&unsigned, "unsigned"),
        (&local, "local"),
    ] {
        std::fs::write(
            d.join("Dockerfile"),
            format!("FROM dockaudit-test/busybox:1\nLABEL dockaudit.test.registry={label}\n"),
        )
        .unwrap();
        let out = engine::docker(&host, &["build", "-q", "-t", tag, d.to_str().unwrap()]);
        assert!(out.status.success(), "build {tag}: {}", stderr(&out));
        if tag != &local {
            let out = engine::docker(&host, &["push", tag]);
            assert!(out.status.success(), "push {tag}: {}", stderr(&out));
        }
    }
    let out = engine::docker(
        &host,
        &[
            "image",
            "inspect",
            "-f",
            "{{index .RepoDigests 0}}",
            &signed,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rd = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let digest = rd.split_once('@').unwrap().1.to_string();
    push_signature(
        &Pusher::plain(&addr),
        "e2e/host-signed",
        &digest,
        &digest,
        &key,
        d,
    );

    let out = dockaudit(
        &[
            "host", "--key", &pubk, "--select", "PROV-102", "--format", "json",
        ],
        None,
        &[("DOCKER_HOST", host.as_str())],
    );
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let r = json(&out);
    let c = report::check(&r, "PROV-102");
    let by_name = |n: &str| {
        report::findings(c)
            .into_iter()
            .find(|f| f["subject"]["name"] == n)
            .map(|f| f["message"].as_str().unwrap().to_string())
    };
    assert_eq!(by_name(&signed), None, "{c}");
    assert!(
        by_name(&unsigned).is_some_and(|m| m.starts_with("no cosign signature of sha256:")),
        "{c}"
    );
    assert!(
        by_name(&local).is_some_and(|m| m.contains("no registry digest")),
        "{c}"
    );
    // Without a key: skipped, never passed.
    let out = dockaudit(
        &["host", "--select", "PROV-102", "--format", "json"],
        None,
        &[("DOCKER_HOST", host.as_str())],
    );
    let r = json(&out);
    assert_eq!(report::check(&r, "PROV-102")["status"], "skipped");
}
