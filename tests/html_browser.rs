//! The HTML report in a real browser: headless chromium renders the fixed
//! report (tests/golden/report.json), runs its script, and dumps the DOM.
//! The score table must show the JSON summary's numbers, a filter given in
//! the URL fragment must hide what it excludes, and the page must log no
//! script error. A screenshot is kept under target/ as an artefact.
//!
//! Without chromium the test is skipped with a message, except under CI
//! (CI set), where it fails. DOCKAUDIT_CHROMIUM names another binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dockaudit::report::{self, Report};
use regex::Regex;

fn golden() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn fixed_report() -> Report {
    let text = fs::read_to_string(golden().join("report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn chromium() -> Option<PathBuf> {
    let p = std::env::var_os("DOCKAUDIT_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} not found: CI must have chromium (apt-get install -y chromium)",
            p.display()
        );
    }
    eprintln!(
        "skipped: {} not found (apt-get install -y chromium)",
        p.display()
    );
    None
}

struct Run {
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs headless chromium on `url` with `extra` flags; a fresh profile
/// each time, nothing fetched in the background.
fn run(bin: &Path, url: &str, extra: &[String]) -> Run {
    let profile = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on threads, so a full pipe never blocks the browser.
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut so, &mut s).ok();
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut se, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("chromium did not finish within 90 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let elapsed = start.elapsed();
    Run {
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
        elapsed,
    }
}

fn dump_dom(bin: &Path, url: &str) -> Run {
    let r = run(bin, url, &["--dump-dom".to_string()]);
    assert!(
        r.stdout.contains("</html>"),
        "no DOM dumped for {url}; stderr:\n{}",
        r.stderr
    );
    r
}

/// Script errors and console messages of the page (chromium logs them as
/// `CONSOLE(line)` lines, uncaught exceptions as "Uncaught ...").
fn page_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains("Uncaught") || l.contains(":CONSOLE") || l.contains("console error"))
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let re = Regex::new(&format!(r#"\s{name}="([^"]*)""#)).unwrap();
    re.captures(tag).map(|c| c.get(1).unwrap().as_str())
}

fn has_attr(tag: &str, name: &str) -> bool {
    Regex::new(&format!(r#"\s{name}(=|\s|>|$)"#))
        .unwrap()
        .is_match(tag)
}

/// (id, status, hidden) of each check article in the DOM.
fn articles(dom: &str) -> Vec<(String, String, bool)> {
    Regex::new(r"<article\s[^>]*>")
        .unwrap()
        .find_iter(dom)
        .map(|m| {
            let t = m.as_str();
            (
                attr(t, "id").unwrap().to_string(),
                attr(t, "data-status").unwrap().to_string(),
                has_attr(t, "hidden"),
            )
        })
        .collect()
}

fn shown(dom: &str) -> String {
    Regex::new(r#"<span id="shown"[^>]*>([^<]*)</span>"#)
        .unwrap()
        .captures(dom)
        .map(|c| c[1].to_string())
        .unwrap_or_default()
}

#[test]
fn renders_scores_filters_and_no_errors() {
    let Some(bin) = chromium() else {
        return;
    };
    let rep = fixed_report();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let mut html = Vec::new();
    report::html::write(&rep, &mut html).unwrap();
    fs::write(&page, &html).unwrap();
    let url = format!("file://{}", page.display());

    // The self-check: an error in a page does show in stderr, so the
    // absence below means something.
    let bad = dir.path().join("bad.html");
    fs::write(
        &bad,
        "<!DOCTYPE html><html><body><script>nosuchfunction();</script></body></html>",
    )
    .unwrap();
    let r = dump_dom(&bin, &format!("file://{}", bad.display()));
    assert!(
        !page_errors(&r.stderr).is_empty(),
        "chromium logged no error for a failing script; stderr:\n{}",
        r.stderr
    );

    // Unfiltered: the script ran (the filters are shown), every check is
    // visible, no error.
    let r = dump_dom(&bin, &url);
    eprintln!("render and dump: {:?}", r.elapsed);
    let dom = &r.stdout;
    assert!(page_errors(&r.stderr).is_empty(), "{}", r.stderr);
    let form = Regex::new(r#"<form id="filters"[^>]*>"#)
        .unwrap()
        .find(dom)
        .unwrap()
        .as_str();
    assert!(!has_attr(form, "hidden"), "the script shows the filters");
    let arts = articles(dom);
    assert_eq!(arts.len(), rep.checks.len());
    assert!(arts.iter().all(|a| !a.2), "{arts:?}");
    assert_eq!(
        shown(dom),
        format!("{0} of {0} checks shown", rep.checks.len())
    );

    // The score table shows the JSON summary's numbers.
    let summary = serde_json::to_value(&rep.summary).unwrap();
    let mut want: Vec<&serde_json::Value> = summary["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            [
                "pass",
                "fail",
                "manual",
                "skipped",
                "not_applicable",
                "error",
            ]
            .iter()
            .any(|k| s[k].as_u64().unwrap() > 0)
        })
        .collect();
    want.push(&summary["total"]);
    let row_re = Regex::new(r#"(?s)<tr data-section="([^"]+)">(.*?)</tr>"#).unwrap();
    let cell_re = Regex::new(r#"<td data-n="([a-z_]+)">([^<]*)</td>"#).unwrap();
    let rows: Vec<(String, String)> = row_re
        .captures_iter(dom)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    assert_eq!(rows.len(), want.len(), "{rows:?}");
    for ((section, cells), w) in rows.iter().zip(&want) {
        assert_eq!(section, w["section"].as_str().unwrap());
        let cells: Vec<(String, String)> = cell_re
            .captures_iter(cells)
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect();
        assert_eq!(cells.len(), 7, "{section}: {cells:?}");
        for (k, v) in &cells {
            let expected = if k == "percent" {
                w[k].as_f64()
                    .map(|p| format!("{p:.1}%"))
                    .unwrap_or_else(|| "-".into())
            } else {
                w[k].as_u64().unwrap().to_string()
            };
            assert_eq!(v, &expected, "{section} {k}");
        }
    }
    let total_fail = summary["total"]["fail"].as_u64().unwrap();
    assert_eq!(total_fail, 2, "the fixed report has two failing checks");

    // #status=fail: only the failing checks stay visible.
    let r = dump_dom(&bin, &format!("{url}#status=fail"));
    assert!(page_errors(&r.stderr).is_empty(), "{}", r.stderr);
    let arts = articles(&r.stdout);
    assert_eq!(arts.len(), rep.checks.len());
    for (id, status, hidden) in &arts {
        assert_eq!(*hidden, status != "fail", "{id} {status}");
    }
    assert!(arts.iter().any(|a| a.1 == "pass" && a.2));
    assert_eq!(
        shown(&r.stdout),
        format!("{total_fail} of {} checks shown", rep.checks.len())
    );
    // A section left without a visible check is hidden too.
    let host = Regex::new(r#"<section class="sec" data-section="host"[^>]*>"#)
        .unwrap()
        .find(&r.stdout)
        .unwrap()
        .as_str();
    assert!(has_attr(host, "hidden"), "{host}");

    // A query string, severity and free text combine.
    let r = dump_dom(&bin, &format!("{url}?severity=critical&q=privileged"));
    assert!(page_errors(&r.stderr).is_empty(), "{}", r.stderr);
    let visible: Vec<String> = articles(&r.stdout)
        .into_iter()
        .filter(|a| !a.2)
        .map(|a| a.0)
        .collect();
    assert_eq!(visible, vec!["c-RES-001".to_string()]);

    // The artefact: a screenshot of the unfiltered page under target/.
    let shot_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html_browser");
    fs::create_dir_all(&shot_dir).unwrap();
    fs::copy(&page, shot_dir.join("report.html")).unwrap();
    let shot = shot_dir.join("report.png");
    let _ = fs::remove_file(&shot);
    let r = run(
        &bin,
        &url,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".to_string(),
        ],
    );
    assert!(page_errors(&r.stderr).is_empty(), "{}", r.stderr);
    let png = fs::read(&shot).unwrap_or_else(|e| panic!("{}: {e}\n{}", shot.display(), r.stderr));
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
    eprintln!("screenshot: {}", shot.display());
}

/// 10,000 findings: the page loads, filters on load and logs no error.
/// Prints the size and the time to render and dump.
#[test]
fn large_report_renders() {
    use dockaudit::checks::{Evidence, Finding, Outcome, Subject};
    use dockaudit::report::CheckResult;
    let Some(bin) = chromium() else {
        return;
    };
    let mut rep = fixed_report();
    let findings: Vec<Finding> = (0..10_000)
        .map(|i| {
            let mut s = Subject::new("container", format!("service-{i:05}"));
            s.role = Some(format!("compose:project/service-{}", i % 50));
            Finding::new(
                s,
                format!("runs privileged #{i}"),
                Evidence::new(
                    "engine: container inspect HostConfig.Privileged",
                    "true",
                    "false",
                ),
            )
        })
        .collect();
    rep.checks.push(CheckResult::from_outcome(
        &dockaudit::checks::container::privileged::CHECK,
        Outcome::Fail {
            findings,
            observations: vec![],
        },
    ));
    rep.summary = report::summarize(&rep.checks);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("large.html");
    let mut html = Vec::new();
    report::html::write(&rep, &mut html).unwrap();
    fs::write(&page, &html).unwrap();
    let r = dump_dom(&bin, &format!("file://{}#status=fail", page.display()));
    eprintln!(
        "10,000 findings: {} bytes, render and dump with a filter: {:?}",
        html.len(),
        r.elapsed
    );
    assert!(page_errors(&r.stderr).is_empty(), "{}", r.stderr);
    assert_eq!(r.stdout.matches("<li class=\"f\"").count(), 10_002);
    assert_eq!(
        shown(&r.stdout),
        format!("3 of {} checks shown", rep.checks.len())
    );
}
