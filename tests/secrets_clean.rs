//! No secret finding on clean, real files nobody here wrote: a Debian 12
//! rootfs made by `debootstrap --variant=minbase` from Debian's packages
//! plus pip-installed libraries (scripts/clean-rootfs.sh), scanned as a
//! folder by `dockaudit secrets`, audited as a rootfs image, and, with the
//! private engine, as an imported image. Builds the rootfs under CI (root
//! and the package registries); elsewhere uses DOCKAUDIT_CLEAN_ROOTFS or
//! skips, saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn rootfs() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DOCKAUDIT_CLEAN_ROOTFS") {
        return Some(PathBuf::from(p));
    }
    if std::env::var_os("CI").is_none() {
        eprintln!("skipped: set DOCKAUDIT_CLEAN_ROOTFS (scripts/clean-rootfs.sh DIR) or CI");
        return None;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/clean-rootfs");
    let out = Command::new("bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/clean-rootfs.sh"))
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "building the clean rootfs: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(dir)
}

fn report(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .arg("--no-config")
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn secret_findings(r: &Value, id: &str) -> Vec<String> {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == id)
        .flat_map(|c| c["findings"].as_array().cloned().unwrap_or_default())
        .filter(|f| f["severity"] != "info")
        .map(|f| f["message"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn clean_debian_rootfs_has_no_secret() {
    let Some(root) = rootfs() else { return };
    let root_s = root.to_str().unwrap();
    let r = report(&["secrets", root_s, "--format", "json"]);
    let found = secret_findings(&r, "SECRET-110");
    assert!(found.is_empty(), "secrets on a clean rootfs: {found:#?}");
    let scanned = serde_json::to_string(&r["checks"][0]["observations"]).unwrap();
    assert!(scanned.contains("files scanned"), "{scanned}");

    let r = report(&["image", root_s, "--select", "IMG-007", "--format", "json"]);
    assert_eq!(r["checks"][0]["status"], "pass", "{}", r["checks"][0]);

    // As an imported image on the private engine.
    let Some(host) = std::env::var("DOCKAUDIT_E2E_DOCKER_HOST")
        .ok()
        .filter(|h| !h.is_empty())
    else {
        return;
    };
    let tag = "secrets-clean/debian:12";
    let mut tar = Command::new("tar")
        .args(["-C", root_s, "-c", "."])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let import = Command::new("/usr/bin/docker")
        .env("DOCKER_HOST", &host)
        .args(["import", "-", tag])
        .stdin(tar.stdout.take().unwrap())
        .output()
        .unwrap();
    assert!(tar.wait().unwrap().success(), "tar of the rootfs failed");
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let r = report(&[
        "image", tag, "--engine", "-H", &host, "--select", "IMG-007", "--format", "json",
    ]);
    let _ = Command::new("/usr/bin/docker")
        .env("DOCKER_HOST", &host)
        .args(["rmi", "-f", tag])
        .output();
    assert_eq!(r["checks"][0]["status"], "pass", "{}", r["checks"][0]);
}
