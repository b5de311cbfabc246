//! The exact findings of every check's failing fixtures, snapshotted: a
//! check that starts reporting more (or other) subjects than before fails
//! here, not only one that stops failing.

mod common;

use std::fs;
use std::path::Path;

use dockaudit::checks::{self, Ctx, Mode, Outcome};

#[test]
fn failing_fixtures_give_exactly_their_findings() {
    let cfg = common::config();
    // Relative (tests run in the package root), so that subject names do
    // not depend on where the checkout is.
    let root = Path::new("tests/fixtures/checks");
    for c in checks::registry()
        .iter()
        .filter(|c| c.mode == Mode::Automated)
    {
        let mut entries: Vec<_> = fs::read_dir(root.join(c.id))
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        let mut text = String::new();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if !name.starts_with("fail") {
                continue;
            }
            let Some(facts) = common::load_fixture(&path) else {
                continue;
            };
            let out = checks::run(c, &Ctx::new(&facts, &cfg));
            text.push_str(&format!("## {name}\n"));
            match out {
                Outcome::Fail { mut findings, .. } => {
                    findings.sort();
                    for f in findings {
                        let at = f
                            .evidence
                            .location
                            .as_ref()
                            .and_then(|l| l.line)
                            .map(|l| format!(" (line {l})"))
                            .unwrap_or_default();
                        let sev = f.severity.map(|s| format!(" [{s}]")).unwrap_or_default();
                        text.push_str(&format!(
                            "{} {}{sev}{at}: {}\n",
                            f.subject.kind, f.subject.name, f.message
                        ));
                    }
                }
                other => text.push_str(&format!("not a failure: {other:?}\n")),
            }
        }
        if !text.is_empty() {
            insta::assert_snapshot!(c.id, text);
        }
    }
}
