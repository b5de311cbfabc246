//! The text report: one status per check grouped by checklist section, the
//! findings indented under it, and a per-section score table.

use std::io::{self, Write};

use super::{CheckResult, Report, Status};
use crate::checks::{Section, Severity};

#[derive(Clone, Copy, Debug)]
pub struct TextOptions {
    pub color: bool,
    /// Show only failing checks and errors (the score table still counts all).
    pub failures_only: bool,
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// The label shown for a check: PASS/FAIL/WARN/INFO/MANUAL/SKIP/N/A/ERROR.
pub fn label(c: &CheckResult) -> &'static str {
    match c.status {
        Status::Pass if !c.observations.is_empty() && c.severity == Severity::Info => "INFO",
        Status::Pass => "PASS",
        Status::Fail => match c.max_severity().unwrap_or(c.severity) {
            Severity::Info => "INFO",
            Severity::Low => "WARN",
            _ => "FAIL",
        },
        Status::Manual => "MANUAL",
        Status::Skipped => "SKIP",
        Status::NotApplicable => "N/A",
        Status::Error => "ERROR",
    }
}

/// "container web (a1b2c3d4e5f6)", "host", "file /etc/docker/daemon.json".
pub fn subject_label(s: &crate::checks::Subject) -> String {
    let mut out = if s.kind == s.name {
        s.kind.clone()
    } else {
        format!("{} {}", s.kind, s.name)
    };
    if let Some(id) = &s.id {
        if id != &s.name {
            out.push_str(&format!(" ({id})"));
        }
    }
    out
}

fn color_of(label: &str) -> &'static str {
    match label {
        "PASS" => "32",
        "FAIL" => "1;31",
        "WARN" => "33",
        "INFO" => "36",
        "MANUAL" => "34",
        "ERROR" => "1;35",
        _ => "2",
    }
}

pub fn write(report: &Report, opts: TextOptions, out: &mut dyn Write) -> io::Result<()> {
    let p = Paint { on: opts.color };
    writeln!(
        out,
        "{} {} {} audit of {} at {}",
        p.wrap("1", "dockaudit"),
        report.tool.version,
        report.target.kind,
        report.target.name,
        report.generated_at
    )?;
    let missing: Vec<&super::SourceStatus> =
        report.sources.iter().filter(|s| !s.available).collect();
    if !missing.is_empty() {
        writeln!(out, "Facts unavailable (their checks are skipped):")?;
        for s in missing {
            writeln!(
                out,
                "  {}: {}",
                s.name,
                s.reason.as_deref().unwrap_or("unknown")
            )?;
        }
    }
    for w in &report.warnings {
        writeln!(out, "{} {}", p.wrap("33", "warning:"), w)?;
    }
    for section in Section::ALL {
        let rows = report.checks_in(section);
        if rows.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            p.wrap("1", &format!("[{}] {}", section.number(), section.title()))
        )?;
        for c in rows {
            let l = label(c);
            if opts.failures_only && !matches!(c.status, Status::Fail | Status::Error) {
                continue;
            }
            let cis = if c.cis.is_empty() {
                String::new()
            } else {
                format!(" (CIS {})", c.cis.join(", "))
            };
            let not_judged = c.not_judged().count();
            let judged = match (c.status, c.checked, not_judged) {
                (Status::Pass, Some(n), 0) => format!(" [{n} judged]"),
                (Status::Pass, Some(n), k) => format!(" [{n} judged, {k} not judged]"),
                _ => String::new(),
            };
            // The peer codes the findings stand for, after the check id.
            // In the check's order, each once.
            let mut codes: Vec<&str> = Vec::new();
            for a in c.findings.iter().flat_map(|f| f.aliases.iter()) {
                if !codes.contains(&a.as_str()) {
                    codes.push(a);
                }
            }
            let id = if codes.is_empty() {
                c.id.clone()
            } else {
                format!("{} [{}]", c.id, codes.join(", "))
            };
            // Per finding only when the findings stand for different codes.
            let per_finding = c
                .findings
                .iter()
                .any(|f| f.aliases != c.findings[0].aliases);
            writeln!(
                out,
                "{} {} {}{}",
                p.wrap(color_of(l), &format!("[{l:<6}]")),
                id,
                c.title,
                p.wrap("2", &format!("{cis}{judged}"))
            )?;
            if let Some(r) = &c.reason {
                if c.status != Status::Pass {
                    writeln!(out, "         {}", r)?;
                }
            }
            for f in &c.findings {
                let sev = f.severity.unwrap_or(c.severity);
                let codes = if per_finding && !f.aliases.is_empty() {
                    format!(" ({})", f.aliases.join(", "))
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "         - {}: {} [{}]{}",
                    subject_label(&f.subject),
                    f.message,
                    sev,
                    codes
                )?;
                let e = &f.evidence;
                let loc = e
                    .location
                    .as_ref()
                    .map(|l| match l.line {
                        Some(n) => format!(" at {}:{}", l.path, n),
                        None => format!(" at {}", l.path),
                    })
                    .unwrap_or_default();
                writeln!(
                    out,
                    "           {}",
                    p.wrap(
                        "2",
                        &format!(
                            "observed {} from {}{}; expected {}",
                            e.observed, e.source, loc, e.expected
                        )
                    )
                )?;
            }
            for o in &c.observations {
                writeln!(
                    out,
                    "         * {}: {}",
                    subject_label(&o.subject),
                    o.message
                )?;
            }
        }
    }
    if let Some(roles) = &report.roles {
        writeln!(out)?;
        writeln!(out, "{}", p.wrap("1", "Findings by role"))?;
        for g in roles {
            writeln!(out, "  {} ({})", g.role, g.subjects.join(", "))?;
            for (id, fs) in &g.checks {
                let title = report
                    .checks
                    .iter()
                    .find(|c| &c.id == id)
                    .map(|c| c.title.as_str())
                    .unwrap_or("");
                writeln!(out, "    {id} {title}: {} finding(s)", fs.len())?;
            }
        }
    }
    writeln!(out)?;
    write_score_table(report, &p, out)
}

fn write_score_table(report: &Report, p: &Paint, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        p.wrap(
            "1",
            &format!(
                "{:<32} {:>5} {:>5} {:>7} {:>8} {:>5} {:>6} {:>7}",
                "Section", "pass", "fail", "manual", "skipped", "n/a", "error", "score"
            )
        )
    )?;
    let rows = report.summary.table_rows();
    for s in rows {
        let pct = s.percent_text();
        writeln!(
            out,
            "{:<32} {:>5} {:>5} {:>7} {:>8} {:>5} {:>6} {:>7}",
            s.title, s.pass, s.fail, s.manual, s.skipped, s.not_applicable, s.error, pct
        )?;
    }
    if !report.summary.findings.is_empty() {
        let parts: Vec<String> = ["critical", "high", "medium", "low", "info"]
            .iter()
            .filter_map(|k| report.summary.findings.get(*k).map(|n| format!("{n} {k}")))
            .collect();
        writeln!(out, "Findings: {}", parts.join(", "))?;
    }
    if report.summary.suppressed > 0 {
        writeln!(
            out,
            "Suppressed: {} finding(s) accepted with a reason (see the JSON report)",
            report.summary.suppressed
        )?;
    }
    Ok(())
}
