//! Write benchmark of the history store: `history_bench STORE [FINDINGS]
//! [RUNS]` records RUNS (default 5) runs of FINDINGS (default 10000)
//! findings each, every run one transaction, into STORE (a file path or a
//! `postgres://` URL), and prints the median, minimum and maximum
//! milliseconds per run and the findings per second.
//!
//! `cargo run --release --example history_bench /tmp/h.sqlite`
//! `cargo run --release --example history_bench "$DOCKAUDIT_TEST_POSTGRES_URL"`

use std::time::Instant;

use dockaudit::store::{self, FindingRecord, Retention, RunInfo};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(spec) = args.next() else {
        eprintln!("usage: history_bench STORE [FINDINGS] [RUNS]");
        std::process::exit(2);
    };
    let n: usize = args.next().map_or(10_000, |s| s.parse().expect("FINDINGS"));
    let runs: usize = args.next().map_or(5, |s| s.parse().expect("RUNS"));
    let mut st = store::open(&spec).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let findings: Vec<FindingRecord> = (0..n)
        .map(|i| FindingRecord {
            fingerprint: format!("{i:032x}"),
            check_id: format!("RES-{:03}", i % 40),
            section: "resources".into(),
            subject_kind: "container".into(),
            subject: format!("bench-{}", i / 20),
            subject_id: Some(format!("{:012x}", i / 20)),
            role: format!("image:bench/app{}", i % 7),
            severity: "high".into(),
            status: "fail".into(),
            message: format!("container bench-{} has no memory limit (Memory 0)", i / 20),
            evidence_key: "engine: container inspect HostConfig.Memory".into(),
        })
        .collect();
    let mut ms = Vec::new();
    for r in 0..runs {
        let t = Instant::now();
        st.record_run(
            &RunInfo {
                command: "bench".into(),
                target_kind: "host".into(),
                target: format!("bench {r}"),
                host: "bench".into(),
                started_at: store::now_text(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            &store::now_text(),
            &serde_json::json!({}),
            &findings,
            &[],
            Retention::default(),
        )
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1);
        });
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let mut sorted = ms.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    println!(
        "{}: {n} findings per run, {runs} runs: median {median:.1} ms, min {:.1} ms, max {:.1} ms ({:.0} findings/s)",
        st.describe(),
        sorted[0],
        sorted[sorted.len() - 1],
        n as f64 / (median / 1000.0)
    );
}
