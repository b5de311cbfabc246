//! deploy/: the DaemonSet passes dockaudit's own `k8s` audit except for the
//! findings deploy/README.md documents (the engine socket and the host root,
//! both read-only, which watch needs), and the systemd unit runs `watch`
//! with a PostgreSQL store.

use std::process::Command;

#[test]
fn the_daemonset_fails_only_what_is_documented() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_dockaudit"))
        .current_dir(root)
        .args(["--no-config", "k8s", "deploy/", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<(String, String)> = Vec::new();
    for c in report["checks"].as_array().unwrap() {
        assert_ne!(c["status"], "error", "{c}");
        for f in c["findings"].as_array().unwrap() {
            found.push((
                c["id"].as_str().unwrap().to_string(),
                f["evidence"]["observed"].as_str().unwrap().to_string(),
            ));
        }
    }
    found.sort();
    let expected = [
        ("RES-004", "/:/host (read-only)"),
        (
            "RES-004",
            "/var/run/docker.sock:/var/run/docker.sock (read-only)",
        ),
        ("RES-029", "/:/host (read-only)"),
        (
            "RES-029",
            "/var/run/docker.sock:/var/run/docker.sock (read-only)",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(found, expected);
    let readme = std::fs::read_to_string(format!("{root}/deploy/README.md")).unwrap();
    for (id, _) in &expected {
        assert!(
            readme.contains(id.as_str()),
            "deploy/README.md documents {id}"
        );
    }
    let unit = std::fs::read_to_string(format!("{root}/deploy/dockaudit-watch.service")).unwrap();
    assert!(unit.contains("watch -H unix:///var/run/docker.sock --store ${DOCKAUDIT_STORE}"));
    assert!(unit.contains("postgres://"));
}
