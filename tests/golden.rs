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
fn junit() {
    let mut out = Vec::new();
    report::junit::write(&fixed_report(), &mut out).unwrap();
    compare("report.junit.xml", &out);
    let s = String::from_utf8(out).unwrap();
    // One testcase per (check, subject); a failure carries the evidence.
    assert!(s.contains(r#"<testcase classname="RES-001" name="container web (aaaaaaaaaaaa)">"#));
    assert!(s.contains("observed: true\nexpected: false"));
    assert!(s.contains(
        r#"<testcase classname="RES-002" name="Container shares the host network namespace"/>"#
    ));
}

/// Runs `xmllint --schema` on `xml`; None when xmllint is missing outside
/// CI (under CI, with the CI variable set, a missing xmllint fails).
fn xmllint(xml: &[u8]) -> Option<(bool, String)> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let child = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(dir().join("junit.xsd"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("skipping the JUnit schema validation: xmllint not runnable ({e}); install libxml2-utils");
            return None;
        }
        Err(e) => panic!("xmllint is needed under CI (libxml2-utils): {e}"),
    };
    child.stdin.take().unwrap().write_all(xml).unwrap();
    let out = child.wait_with_output().unwrap();
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

#[test]
fn junit_validates_against_the_schema() {
    let mut rep = fixed_report();
    // Markup, quotes and characters XML 1.0 does not allow, in every
    // place a value from the audited system lands.
    let nasty = "a<b>&\"c\" 'd' \u{0}\u{1b}[31m ]]> \u{FFFE} \n\ttab";
    rep.target.name = nasty.to_string();
    rep.checks[0].findings[0].message = nasty.to_string();
    rep.checks[0].findings[0].subject.name = nasty.to_string();
    rep.checks[0].findings[0].evidence.observed = nasty.to_string();
    rep.checks[3].reason = Some(nasty.to_string());
    rep.checks[5].status = report::Status::Error;
    rep.checks[5].reason = Some(nasty.to_string());
    for r in [fixed_report(), rep] {
        let mut out = Vec::new();
        report::junit::write(&r, &mut out).unwrap();
        let s = String::from_utf8(out.clone()).unwrap();
        assert!(
            !s.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')),
            "{s}"
        );
        if let Some((ok, err)) = xmllint(&out) {
            assert!(ok, "xmllint rejects the JUnit output: {err}\n{s}");
        }
    }
}

#[test]
fn csv() {
    let mut out = Vec::new();
    report::csv::write(&fixed_report(), &mut out).unwrap();
    compare("report.csv", &out);
    let s = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = s.split_terminator("\r\n").collect();
    assert_eq!(
        rows.len(),
        5,
        "header, one row per finding, one per skipped or manual check"
    );
    assert!(
        rows[3].starts_with("HOST-001,") && rows[3].contains(",skipped,,,host facts unavailable")
    );
    assert!(rows[4].contains(",manual,,,Ask for"));
    assert_eq!(
        rows[0],
        "check_id,title,section,severity,status,subject_kind,subject_name,message,source,observed,expected,path,line"
    );
    assert!(!s.replace("\r\n", "").contains('\n'));
}

#[test]
fn markdown() {
    let mut out = Vec::new();
    report::markdown::write(&fixed_report(), &mut out).unwrap();
    compare("report.md", &out);
    let s = String::from_utf8(out).unwrap();
    // The same numbers as the text report's table.
    assert!(
        s.contains("| 7. Limit container resources | 1 | 2 | 0 | 0 | 0 | 0 | 33.3% |"),
        "{s}"
    );
    assert!(
        s.contains("| **Total** | 1 | 2 | 1 | 1 | 1 | 0 | 33.3% |"),
        "{s}"
    );
}

#[test]
fn markdown_stops_at_the_size_limit() {
    let mut rep = fixed_report();
    let f = rep.checks[0].findings[0].clone();
    rep.checks[0].findings = (0..5000)
        .map(|i| {
            let mut f = f.clone();
            f.subject.name = format!("web-{i}");
            f
        })
        .collect();
    let mut out = Vec::new();
    report::markdown::write(&rep, &mut out).unwrap();
    let s = String::from_utf8(out).unwrap();
    assert!(
        s.chars().count() <= report::markdown::DEFAULT_LIMIT,
        "{}",
        s.len()
    );
    let note = s.lines().last().unwrap();
    assert!(
        note.contains("finding(s) left out") && note.contains("of 5001"),
        "{note}"
    );
    // The gravest check comes first; the one cut out whole is counted.
    assert!(
        note.contains("(1 of 2 failing or erred check(s) not shown at all)"),
        "{note}"
    );
    let shown = s.matches("\n- **").count();
    let left: usize = note
        .trim_start_matches('_')
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(shown + left, 5001);
    // A check in error is never the one cut out.
    let last = rep.checks.len() - 1;
    rep.checks[last].status = report::Status::Error;
    rep.checks[last].reason = Some("check failed internally: boom".into());
    rep.checks[last].findings.clear();
    let mut out = Vec::new();
    report::markdown::write(&rep, &mut out).unwrap();
    let s = String::from_utf8(out).unwrap();
    assert!(s.contains("- error: check failed internally: boom"));
    // Below the limit, nothing is left out.
    let mut small = Vec::new();
    report::markdown::write(&fixed_report(), &mut small).unwrap();
    assert!(!String::from_utf8(small).unwrap().contains("left out"));
}

#[test]
fn html() {
    let mut out = Vec::new();
    report::html::write(&fixed_report(), &mut out).unwrap();
    compare("report.html", &out);
}
