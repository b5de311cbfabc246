//! Shared by the fixture tests: how a check fixture file becomes facts.
//! `*.json`: a facts document; `*-k8s.yaml`: a Kubernetes manifest read as
//! `dockaudit k8s` reads it; other `*.yml`/`*.yaml`: a compose file read as
//! `dockaudit compose` reads it; `*.Dockerfile`: one parsed Dockerfile.

#![allow(dead_code)]

use std::fs;
use std::path::Path;

use dockaudit::checks::AuditConfig;
use dockaudit::facts::{Facts, Source};

/// The fixed clock fixtures are judged against.
pub fn config() -> AuditConfig {
    AuditConfig {
        now: Some("2026-11-28T12:00:00Z".to_string()),
        ..AuditConfig::default()
    }
}

/// The facts a fixture file stands for; None for files that are not
/// fixtures (README, notes).
pub fn load_fixture(path: &Path) -> Option<Facts> {
    let name = path.file_name()?.to_str()?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut facts = Facts::new();
    if name.contains("-k8s.") {
        let f = dockaudit::collect::manifests::read(path);
        assert!(f.error.is_none(), "{}: {:?}", path.display(), f.error);
        facts.manifests = Source::Present(vec![f]);
    } else if matches!(ext, "yml" | "yaml") {
        let f = dockaudit::compose::load_file(path, &dockaudit::compose::LoadOptions::default());
        facts.compose = Source::Present(vec![f]);
    } else if name.ends_with(".Dockerfile") {
        let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        facts.dockerfiles = Source::Present(vec![dockaudit::dockerfile::parse(name, &bytes)]);
    } else if ext == "json" {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        facts = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    } else {
        return None;
    }
    Some(facts)
}
