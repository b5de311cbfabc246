//! The private engine for the end-to-end tests: its address, and the docker
//! CLI pointed at it. Included by the engine test files with `#[path]`.

#![allow(dead_code)]

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
