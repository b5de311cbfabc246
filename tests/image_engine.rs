//! Real images on the private engine: an image built FROM the busybox test
//! image with planted files (setuid binary, private key, credentials added
//! then deleted in a later layer, this machine's dpkg status database,
//! Python packages installed with pip), audited from `docker save` output
//! and straight from the engine's export API. Runs only when
//! DOCKAUDIT_E2E_DOCKER_HOST is set; removes the image it builds.

use std::path::Path;
use std::process::Command;

#[path = "common/engine.rs"]
mod engine;
use engine::{docker, host};

const TAG: &str = "image-e2e/planted:1";

struct Cleanup(String, &'static str);
impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = docker(&self.0, &["rmi", "-f", self.1]);
    }
}

fn dockaudit(args: &[&str], host: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .env("DOCKER_HOST", host)
        .args(args)
        .output()
        .unwrap()
}

fn statuses(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn status(report: &serde_json::Value, id: &str) -> String {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .map(|c| c["status"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Installed packages of a dpkg status file, counted independently.
fn dpkg_installed(text: &str) -> usize {
    text.split("\n\n")
        .filter(|st| {
            st.lines().any(|l| l.starts_with("Package:"))
                && st
                    .lines()
                    .any(|l| l.trim() == "Status: install ok installed")
        })
        .count()
}

/// Builds `tag` from the Dockerfile in `dir` (removed when the guard
/// drops), saves it to `dir/image.tar`, and audits it from that file and
/// from the engine's export: (guard, the file, the two JSON reports).
fn build_save_audit(
    host: &str,
    dir: &Path,
    tag: &'static str,
) -> (
    Cleanup,
    std::path::PathBuf,
    serde_json::Value,
    serde_json::Value,
) {
    let cleanup = Cleanup(host.to_string(), tag);
    let b = docker(host, &["build", "-q", "-t", tag, dir.to_str().unwrap()]);
    assert!(
        b.status.success(),
        "docker build: {}",
        String::from_utf8_lossy(&b.stderr)
    );
    let tar = dir.join("image.tar");
    let s = docker(host, &["save", "-o", tar.to_str().unwrap(), tag]);
    assert!(
        s.status.success(),
        "docker save: {}",
        String::from_utf8_lossy(&s.stderr)
    );
    let from_save = statuses(&dockaudit(
        &["image", tar.to_str().unwrap(), "--format", "json"],
        host,
    ));
    let from_engine = statuses(&dockaudit(
        &["image", tag, "--engine", "-H", host, "--format", "json"],
        host,
    ));
    (cleanup, tar, from_save, from_engine)
}

#[test]
fn planted_image_from_save_and_from_engine() {
    let Some(host) = host() else {
        eprintln!("DOCKAUDIT_E2E_DOCKER_HOST not set: skipping the engine test");
        return;
    };
    let ctx = tempfile::tempdir().unwrap();
    let c = ctx.path();
    let status_db = std::fs::read_to_string("/var/lib/dpkg/status").unwrap_or_else(|_| {
        "Package: stub\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n\n"
            .to_string()
    });
    std::fs::write(c.join("status"), &status_db).unwrap();
    std::fs::write(
        c.join("id_rsa"),
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAplanted\n-----END RSA PRIVATE KEY-----\n",
    )
    .unwrap();
    std::fs::write(
        c.join("credentials"),
        "[default]\naws_access_key_id = AKIAJT2MYNCZX7TUOUCI\naws_secret_access_key = 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\n",
    )
    .unwrap();
    // Python packages installed with pip into a folder; fall back to a
    // hand-written dist-info when the package index is unreachable.
    let site = c.join("site-packages");
    let pip = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--no-deps", "--target"])
        .arg(&site)
        .args(["six", "idna"])
        .output();
    if !pip.map(|o| o.status.success()).unwrap_or(false) {
        let d = site.join("six-1.17.0.dist-info");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("METADATA"),
            "Metadata-Version: 2.1\nName: six\nVersion: 1.17.0\n\n",
        )
        .unwrap();
    }
    let dist_infos = std::fs::read_dir(&site)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".dist-info"))
        .count();
    std::fs::write(
        c.join("Dockerfile"),
        "FROM dockaudit-test/busybox:1\n\
         RUN cp /bin/busybox /bin/planted-suid && chmod 4755 /bin/planted-suid\n\
         COPY id_rsa /root/.ssh/id_rsa\n\
         COPY credentials /root/.aws/credentials\n\
         COPY status /var/lib/dpkg/status\n\
         COPY site-packages /usr/lib/python3.11/site-packages/\n\
         RUN rm /root/.aws/credentials\n\
         USER app\n",
    )
    .unwrap();
    let (_cleanup, tar, from_save, from_engine) = build_save_audit(&host, c, TAG);
    for r in [&from_save, &from_engine] {
        assert_eq!(status(r, "IMG-001"), "pass"); // USER app (uid 1000)
        assert_eq!(status(r, "IMG-003"), "fail");
        assert_eq!(status(r, "IMG-007"), "fail");
        let s = serde_json::to_string(r).unwrap();
        assert!(s.contains("/bin/planted-suid"));
        assert!(s.contains("/root/.ssh/id_rsa"));
        assert!(
            s.contains("/root/.aws/credentials") && s.contains("deleted in layer"),
            "{s}"
        );
        assert!(!s.contains("LzOTsacjishfnDou8"));
    }
    assert_eq!(from_save["checks"], from_engine["checks"]);

    // The host audit: without --scan-images the layer checks skip the
    // engine's images (their layers were not read) while the config checks
    // judge them; with it, each image is audited once, in its scanned form.
    let findings_on = |r: &serde_json::Value, id: &str| -> usize {
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["id"] == id)
            .flat_map(|c| c["findings"].as_array().cloned().unwrap_or_default())
            .filter(|f| f["subject"]["name"] == TAG)
            .count()
    };
    let host_args = |scan: bool| {
        let mut a = vec![
            "host",
            "-H",
            host.as_str(),
            "--select",
            "IMG-002",
            "--select",
            "IMG-003",
            "--select",
            "USER-101",
            "--format",
            "json",
        ];
        if scan {
            a.push("--scan-images");
        }
        a.iter().map(|s| s.to_string()).collect::<Vec<String>>()
    };
    let args = host_args(false);
    let plain = statuses(&dockaudit(
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        &host,
    ));
    // USER-101 (retired) selects IMG-001; USER app is a name, taken as
    // non-root from the engine's config alone.
    assert!(
        !status(&plain, "IMG-001").is_empty(),
        "USER-101 selects IMG-001"
    );
    assert_eq!(findings_on(&plain, "IMG-001"), 0);
    assert_eq!(status(&plain, "IMG-002"), "fail");
    assert_eq!(findings_on(&plain, "IMG-002"), 1);
    assert_eq!(status(&plain, "IMG-003"), "skipped");
    let args = host_args(true);
    let scanned = statuses(&dockaudit(
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        &host,
    ));
    assert_eq!(status(&scanned, "IMG-003"), "fail");
    assert_eq!(findings_on(&scanned, "IMG-003"), 1);
    assert_eq!(findings_on(&scanned, "IMG-002"), 1, "audited once");

    // SBOM counts against an independent count of the same database.
    let out = dockaudit(
        &[
            "sbom",
            TAG,
            "--engine",
            "-H",
            &host,
            "--format",
            "cyclonedx",
        ],
        &host,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bom: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let purls: Vec<&str> = bom["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["purl"].as_str())
        .collect();
    let debs = purls.iter().filter(|p| p.starts_with("pkg:deb/")).count();
    let pypi = purls.iter().filter(|p| p.starts_with("pkg:pypi/")).count();
    assert_eq!(debs, dpkg_installed(&status_db), "deb packages");
    assert_eq!(pypi, dist_infos, "python packages");
    let out = dockaudit(&["sbom", tar.to_str().unwrap(), "--format", "spdx"], &host);
    let spdx: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(spdx["spdxVersion"], "SPDX-2.3");
    assert!(Path::new(&tar).exists());
}

/// Fact files that are symlinks into a layer streamed by earlier
/// (/etc/passwd -> ../usr/lib/db/passwd, /etc/os-release ->
/// ../usr/lib/os-release, as distributions that keep them under /usr do)
/// are read through the link from the engine's export as from `docker
/// save` output: the export is asked for again, never reported unread.
#[test]
fn symlinked_fact_files_read_from_the_engine_export() {
    let Some(host) = host() else {
        eprintln!("DOCKAUDIT_E2E_DOCKER_HOST not set: skipping the engine test");
        return;
    };
    const LINKED: &str = "image-e2e/symlinked:1";
    let ctx = tempfile::tempdir().unwrap();
    let c = ctx.path();
    std::fs::write(
        c.join("os-release"),
        "NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"12\"\n",
    )
    .unwrap();
    std::fs::write(
        c.join("Dockerfile"),
        "FROM dockaudit-test/busybox:1\n\
         COPY os-release /usr/lib/os-release\n\
         RUN mkdir -p /usr/lib/db && cp /etc/passwd /usr/lib/db/passwd \
             && echo 'twin:x:0:0:root twin:/root:/bin/sh' >> /usr/lib/db/passwd\n\
         RUN rm -f /etc/os-release /etc/passwd \
             && ln -s ../usr/lib/os-release /etc/os-release \
             && ln -s ../usr/lib/db/passwd /etc/passwd\n",
    )
    .unwrap();
    let (_cleanup, _, from_save, from_engine) = build_save_audit(&host, c, LINKED);
    for r in [&from_save, &from_engine] {
        let text = serde_json::to_string(r).unwrap();
        assert!(!text.contains("not read"), "{text}");
        // The second uid 0 account, read through the link.
        assert_eq!(status(r, "IMG-011"), "fail", "{text}");
        assert!(text.contains("twin has uid 0"), "{text}");
        assert!(text.contains("debian 12"), "{text}");
    }
    assert_eq!(from_save["checks"], from_engine["checks"]);
}
