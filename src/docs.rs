//! The check reference, generated from the registry: one page per check and
//! an index with the coverage matrix per checklist section and CIS control.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::checks::{self, cis, Check, Mode, Section};

/// One check's page (also what `dockaudit explain` prints).
pub fn check_page(c: &Check) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} {}\n", c.id, c.title);
    let _ = writeln!(s, "- slug: `{}`", c.slug);
    let _ = writeln!(s, "- section: {}", c.section);
    let _ = writeln!(s, "- checklist item: {}", c.item);
    let cis_list = if c.cis.is_empty() {
        "none".to_string()
    } else {
        c.cis
            .iter()
            .map(|id| match cis::find(id) {
                Some(ctl) => format!("{id} ({})", ctl.title),
                None => id.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let _ = writeln!(s, "- CIS Docker Benchmark v1.6.0: {cis_list}");
    let _ = writeln!(s, "- severity: {}", c.severity);
    let _ = writeln!(
        s,
        "- mode: {}",
        match c.mode {
            Mode::Automated => "automated",
            Mode::Manual => "manual",
        }
    );
    let _ = writeln!(
        s,
        "- judged by: {}",
        match c.scope {
            crate::checks::Scope::Container => {
                "`dockaudit host` (engine containers), `dockaudit compose` (services), \
                 `dockaudit k8s` (workload containers)"
            }
            crate::checks::Scope::Host => "`dockaudit host`",
            crate::checks::Scope::Image => "`dockaudit image`, `dockaudit host` (engine images)",
            crate::checks::Scope::Dockerfile => "`dockaudit dockerfile`",
            crate::checks::Scope::Compose => "`dockaudit compose`, `dockaudit k8s`",
            crate::checks::Scope::Files => "`dockaudit secrets`",
        }
    );
    if !c.needs.is_empty() {
        let needs: Vec<&str> = c.needs.iter().map(|n| n.as_str()).collect();
        let _ = writeln!(s, "- facts: {}", needs.join(", "));
    }
    if !c.aliases.is_empty() {
        let _ = writeln!(s, "- aliases: {}", c.aliases.join(", "));
    }
    let _ = writeln!(s, "\n## Rationale\n\n{}\n", collapse(c.rationale));
    let _ = writeln!(s, "## Remediation\n\n{}", collapse(c.remediation));
    if !c.references.is_empty() {
        let _ = writeln!(s, "\n## References\n");
        for r in c.references {
            let _ = writeln!(s, "- {r}");
        }
    }
    s
}

/// Folds the whitespace of multi-line string literals.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The index page: every check, then coverage by section and by control.
pub fn index_page() -> String {
    let all = checks::in_section_order();
    let mut s = String::new();
    let _ = writeln!(s, "# dockaudit check reference\n");
    let _ = writeln!(
        s,
        "Generated from the check registry by `dockaudit docs`; do not edit by hand.\n"
    );
    let automated = all.iter().filter(|c| c.mode == Mode::Automated).count();
    let _ = writeln!(
        s,
        "{} checks: {} automated, {} manual.\n",
        all.len(),
        automated,
        all.len() - automated
    );
    let _ = writeln!(s, "## Checks by checklist section\n");
    for sec in Section::ALL {
        let rows: Vec<&&Check> = all.iter().filter(|c| c.section == sec).collect();
        let auto = rows.iter().filter(|c| c.mode == Mode::Automated).count();
        let _ = writeln!(
            s,
            "### {sec} ({} automated, {} manual)\n",
            auto,
            rows.len() - auto
        );
        if rows.is_empty() {
            let _ = writeln!(s, "No checks yet.\n");
            continue;
        }
        let _ = writeln!(s, "| id | title | checklist item | CIS | severity | mode |");
        let _ = writeln!(s, "|---|---|---|---|---|---|");
        for c in rows {
            let _ = writeln!(
                s,
                "| [{id}]({id}.md) | {} | {} | {} | {} | {} |",
                c.title,
                c.item,
                c.cis.join(", "),
                c.severity,
                match c.mode {
                    Mode::Automated => "automated",
                    Mode::Manual => "manual",
                },
                id = c.id
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "## CIS Docker Benchmark v1.6.0 coverage\n");
    let mut by_control: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in &all {
        for id in c.cis {
            by_control.entry(id).or_default().push(c.id);
        }
    }
    let covered = cis::CONTROLS
        .iter()
        .filter(|ctl| by_control.contains_key(ctl.id))
        .count();
    let _ = writeln!(
        s,
        "{covered} of {} controls covered.\n",
        cis::CONTROLS.len()
    );
    let _ = writeln!(s, "| control | title | checks |");
    let _ = writeln!(s, "|---|---|---|");
    for ctl in cis::CONTROLS {
        let checks = by_control
            .get(ctl.id)
            .map(|v| {
                v.iter()
                    .map(|id| format!("[{id}]({id}.md)"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_else(|| "not covered".to_string());
        let _ = writeln!(s, "| {} | {} | {} |", ctl.id, ctl.title, checks);
    }
    s
}

/// All generated files: name -> content.
pub fn generate() -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    files.insert("README.md".to_string(), index_page());
    for c in checks::registry() {
        files.insert(format!("{}.md", c.id), check_page(c));
    }
    files
}

/// Writes the docs into `out`, or with `check` compares them and returns 1
/// when they are stale.
pub fn run(out: &Path, check: bool) -> Result<i32> {
    let files = generate();
    if check {
        let mut stale = Vec::new();
        for (name, content) in &files {
            let path = out.join(name);
            if fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        if let Ok(entries) = fs::read_dir(out) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if name.ends_with(".md") && !files.contains_key(&name) {
                    stale.push(format!("{} (no longer generated)", e.path().display()));
                }
            }
        }
        if stale.is_empty() {
            return Ok(0);
        }
        eprintln!(
            "dockaudit: check docs are stale; run `dockaudit docs --out {}`:",
            out.display()
        );
        for p in stale {
            eprintln!("  {p}");
        }
        return Ok(1);
    }
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    if let Ok(entries) = fs::read_dir(out) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if name.ends_with(".md") && !files.contains_key(&name) {
                fs::remove_file(e.path())
                    .with_context(|| format!("removing {}", e.path().display()))?;
            }
        }
    }
    for (name, content) in files {
        let path = out.join(&name);
        fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(0)
}
