//! Snapshot tests over the Dockerfiles written for this project
//! (tests/corpus/dockerfiles): the parsed outline (instruction spans,
//! stages, parse errors) and every finding of the Dockerfile checks, with
//! inline suppressions applied. Review changes with `cargo insta review`
//! (or INSTA_UPDATE=always and git diff).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use dockaudit::checks::{AuditConfig, Ctx, Scope};
use dockaudit::facts::{Facts, Source};
use dockaudit::report::{self, suppress, Selection, Target};

fn render(name: &str, bytes: &[u8]) -> String {
    let path = format!("tests/corpus/dockerfiles/{name}");
    let df = dockaudit::dockerfile::parse(&path, bytes);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "escape {:?} syntax {:?} lines {}",
        df.escape, df.syntax, df.lines
    );
    for st in &df.stages {
        let _ = writeln!(
            s,
            "stage {} name={:?} base={:?} image={:?} from_stage={:?} lines {}-{}",
            st.index, st.name, st.base, st.image, st.from_stage, st.line, st.end_line
        );
    }
    for i in &df.instructions {
        let mut extra = String::new();
        if i.exec.is_some() {
            extra.push_str(" exec");
        }
        if !i.flags.is_empty() {
            let f: Vec<String> = i.flags.iter().map(|f| format!("--{}", f.name)).collect();
            let _ = write!(extra, " flags[{}]", f.join(" "));
        }
        for h in &i.heredocs {
            let _ = write!(
                extra,
                " heredoc<<{}({}-{})",
                h.delimiter, h.line, h.end_line
            );
        }
        if let Some(t) = &i.onbuild {
            let _ = write!(extra, " trigger={}", t.keyword);
        }
        if i.shell.is_some() {
            extra.push_str(" non-default-shell");
        }
        let _ = writeln!(
            s,
            "  {}-{} {} stage={:?}{extra}",
            i.line, i.end_line, i.keyword, i.stage
        );
    }
    for e in &df.errors {
        let _ = writeln!(s, "  error line {}: {}", e.line, e.message);
    }
    let mut facts = Facts::new();
    facts.dockerfiles = Source::Present(vec![df]);
    let cfg = AuditConfig::default();
    let ctx = Ctx::new(&facts, &cfg);
    let mut r = report::build(
        Target {
            kind: "dockerfile".into(),
            name: path.clone(),
        },
        &[Scope::Dockerfile],
        &ctx,
        &Selection::default(),
        false,
        "2026-11-28T12:00:00Z".into(),
    );
    suppress::apply(&mut r, facts.dockerfiles(), &suppress::Ignores::default());
    let _ = writeln!(s, "findings:");
    for c in &r.checks {
        for f in &c.findings {
            let l = f.evidence.location.as_ref();
            // The peer codes the finding stands for, after the check id.
            let codes = if f.aliases.is_empty() {
                String::new()
            } else {
                format!(" [{}]", f.aliases.join(","))
            };
            let _ = writeln!(
                s,
                "  {}{codes} {}-{} [{}] {}",
                c.id,
                l.and_then(|l| l.line).unwrap_or(0),
                l.and_then(|l| l.end_line).unwrap_or(0),
                f.severity.unwrap_or(c.severity),
                f.message
            );
        }
        for x in &c.suppressed {
            let _ = writeln!(
                s,
                "  {} suppressed: {} ({})",
                c.id, x.finding.message, x.reason
            );
        }
    }
    s
}

#[test]
fn corpus_findings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/dockerfiles");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert!(names.len() >= 10);
    for name in names {
        let bytes = fs::read(dir.join(&name)).unwrap();
        let snap = name.trim_end_matches(".Dockerfile").to_string();
        insta::assert_snapshot!(snap, render(&name, &bytes));
    }
}
