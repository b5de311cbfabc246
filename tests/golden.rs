//! Every output format, golden-tested from one fixed report. Set
//! UPDATE_GOLDEN=1 to rewrite the expected files after an intended change.

use std::fs;
use std::path::{Path, PathBuf};

use dockaudit::report::{self, text::TextOptions, Report};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn fixed_report() -> Report {
    let text = fs::read_to_string(dir().join("report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn compare(name: &str, got: &[u8]) {
    let path = dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, got).unwrap();
        return;
    }
    let want = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        want == got,
        "{} differs from the writer's output:\n{}",
        path.display(),
        String::from_utf8_lossy(got)
    );
}

#[test]
fn text_plain() {
    let mut out = Vec::new();
    let opts = TextOptions {
        color: false,
        failures_only: false,
    };
    report::text::write(&fixed_report(), opts, &mut out).unwrap();
    compare("report.txt", &out);
    assert!(!out.contains(&0x1b), "no escape codes without colour");
}

#[test]
fn text_color() {
    let mut out = Vec::new();
    let opts = TextOptions {
        color: true,
        failures_only: false,
    };
    report::text::write(&fixed_report(), opts, &mut out).unwrap();
    compare("report.color.txt", &out);
}

#[test]
fn text_failures_only() {
    let mut out = Vec::new();
    let opts = TextOptions {
        color: false,
        failures_only: true,
    };
    report::text::write(&fixed_report(), opts, &mut out).unwrap();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("RES-001") && !s.contains("RES-002 ") && !s.contains("HOST-010"));
}

#[test]
fn json_round_trip_is_stable() {
    let mut out = Vec::new();
    report::json::write(&fixed_report(), &mut out).unwrap();
    compare("report.out.json", &out);
    // Reading our own output and writing it again gives the same bytes.
    let again: Report = serde_json::from_slice(&out).unwrap();
    let mut out2 = Vec::new();
    report::json::write(&again, &mut out2).unwrap();
    assert_eq!(out, out2);
}

#[test]
fn html() {
    let mut out = Vec::new();
    report::html::write(&fixed_report(), &mut out).unwrap();
    compare("report.html", &out);
}
