//! `dockaudit fleet` over one history that three hosts write at once
//! (three `host --facts ... --store` processes with their own host names,
//! concurrently), on SQLite and PostgreSQL: per host and per role scores,
//! the worst findings, stale hosts, and the JSON shape.

#[path = "common/stores.rs"]
mod stores;

use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_dockaudit");
const BUNDLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/checks/RES-023/fail_engine.json"
);

fn fleet(store: &str, extra: &[&str]) -> Output {
    Command::new(BIN)
        .args(["--no-config", "fleet", "--store", store])
        .args(extra)
        .output()
        .unwrap()
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

#[test]
fn three_hosts_at_once_in_one_fleet() {
    for s in stores::all() {
        let b = s.backend;
        let children: Vec<_> = ["node-a", "node-b", "node-c"]
            .iter()
            .map(|h| {
                Command::new(BIN)
                    .args(["--no-config", "host", "--facts", BUNDLE, "--store", &s.spec])
                    .args(["--host-name", h, "--format", "json", "-o", "/dev/null"])
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            let st = c.wait().unwrap();
            assert_eq!(st.code(), Some(1), "{b}: findings, recorded");
        }
        let out = fleet(&s.spec, &["--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{b}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let f: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            keys(&f),
            [
                "generated_at",
                "hosts",
                "roles",
                "stale_after_hours",
                "stale_hosts",
                "worst_findings"
            ],
            "{b}"
        );
        let hosts: Vec<&str> = f["hosts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["host"].as_str().unwrap())
            .collect();
        assert_eq!(hosts, ["node-a", "node-b", "node-c"], "{b}");
        let h = &f["hosts"][0];
        assert_eq!(
            keys(h),
            [
                "containers",
                "failing_containers",
                "gone_containers",
                "host",
                "images",
                "last_seen",
                "runs",
                "sections",
                "stale",
                "total"
            ],
            "{b}"
        );
        assert_eq!(h["runs"], 1, "{b}");
        assert_eq!(h["stale"], false, "{b}");
        assert!(h["containers"].as_u64().unwrap() >= 1, "{b}");
        let pct = h["total"]["percent"].as_f64().unwrap();
        assert!(pct > 0.0 && pct < 100.0, "{b}: {pct}");
        assert!(h["sections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["section"] == "resources"));
        // Every host has the same containers: each role spans the three.
        for r in f["roles"].as_array().unwrap() {
            assert_eq!(
                r["hosts"],
                serde_json::json!(["node-a", "node-b", "node-c"]),
                "{b}: {r}"
            );
        }
        let worst = f["worst_findings"].as_array().unwrap();
        assert!(!worst.is_empty(), "{b}");
        assert_eq!(worst[0]["hosts"].as_array().unwrap().len(), 3, "{b}");
        let ranks: Vec<u8> = worst
            .iter()
            .map(|w| match w["severity"].as_str().unwrap() {
                "critical" => 4,
                "high" => 3,
                "medium" => 2,
                "low" => 1,
                _ => 0,
            })
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] >= w[1]),
            "{b}: worst first: {ranks:?}"
        );
        assert!(f["stale_hosts"].as_array().unwrap().is_empty(), "{b}");
        // Not heard from within a second: all three are stale.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let out = fleet(&s.spec, &["--stale", "1s"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("not heard from within "), "{b}: {text}");
        assert!(text.contains(" h: node-a, node-b, node-c\n"), "{b}: {text}");
        assert_eq!(text.matches("(STALE)").count(), 3, "{b}: {text}");
        let bad = fleet(&s.spec, &["--stale", "soon"]);
        assert_eq!(bad.status.code(), Some(2));
    }
}
