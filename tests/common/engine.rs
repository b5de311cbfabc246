//! The private engine for the end-to-end tests: its address, and the docker
//! CLI pointed at it. Included by the engine test files with `#[path]`.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The engine's address; None (the tests skip) only outside CI.
pub fn host() -> Option<String> {
    let h = std::env::var("DOCKAUDIT_E2E_DOCKER_HOST")
        .ok()
        .filter(|s| !s.is_empty());
    // In CI the engine is part of the test run: its absence is a failure.
    assert!(
        h.is_some() || std::env::var_os("CI").is_none(),
        "CI is set but DOCKAUDIT_E2E_DOCKER_HOST is not: the engine tests must run"
    );
    h
}

/// `docker ARGS` against the engine at `host` (the classic builder).
pub fn docker(host: &str, args: &[&str]) -> Output {
    Command::new("/usr/bin/docker")
        .env("DOCKER_HOST", host)
        .env("DOCKER_BUILDKIT", "0")
        .args(args)
        .output()
        .expect("running /usr/bin/docker")
}

/// `docker ARGS` against the engine at `host`, which must succeed; its
/// standard output, trimmed.
pub fn docker_ok(host: &str, args: &[&str]) -> String {
    let out = docker(host, args);
    assert!(
        out.status.success(),
        "docker {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A private engine of one test (scripts/engine.sh in its own folder: its
/// socket, data root, exec root and pidfile), stopped and its folder
/// removed when dropped, also when the test fails.
pub struct OwnEngine {
    pub dir: PathBuf,
}

impl OwnEngine {
    /// The engine of `dir` (not started yet).
    pub fn new(dir: &str) -> OwnEngine {
        OwnEngine {
            dir: PathBuf::from(dir),
        }
    }

    /// `scripts/engine.sh CMD DIR`, which must succeed.
    pub fn script(&self, cmd: &str) {
        let out = Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/engine.sh"))
            .arg(cmd)
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "engine.sh {cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn host(&self) -> String {
        format!("unix://{}/docker.sock", self.dir.display())
    }
}

impl Drop for OwnEngine {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/engine.sh"))
            .arg("stop")
            .arg(&self.dir)
            .output();
        // dockerd mounts its data root on itself; one that failed to start
        // may leave that mount behind.
        let data = self.dir.join("data");
        let mounts = std::fs::read_to_string("/proc/mounts").unwrap_or_default();
        if mounts.contains(&format!(" {} ", data.display())) {
            let _ = Command::new("umount").arg("-l").arg(&data).status();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
