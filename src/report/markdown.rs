//! The Markdown report, sized for a pull-request comment: the per-section
//! score table (the numbers of the text report's table), then the failing
//! checks and checks in error with their findings. Past a size limit it
//! stops and says how many findings were left out.

use std::io::{self, Write};

use super::{Report, Status};

/// Comment services cap a comment near 65,536 characters; stay below.
pub const DEFAULT_LIMIT: usize = 60_000;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_with_limit(report, DEFAULT_LIMIT, out)
}

/// As `write`, stopping before `limit` characters (the header and table
/// are always written).
pub fn write_with_limit(report: &Report, limit: usize, out: &mut dyn Write) -> io::Result<()> {
    let mut s = String::new();
    s.push_str(&format!(
        "## {} {} audit of {}\n\n",
        esc(&report.tool.name),
        esc(&report.target.kind),
        esc(&report.target.name)
    ));
    s.push_str(&format!(
        "{} {}, {}\n\n",
        esc(&report.tool.name),
        esc(&report.tool.version),
        esc(&report.generated_at)
    ));
    s.push_str("| Section | pass | fail | manual | skipped | n/a | error | score |\n");
    s.push_str("|---|--:|--:|--:|--:|--:|--:|--:|\n");
    let rows = report.summary.table_rows();
    for r in rows {
        let pct = r.percent_text();
        let title = if r.section == "total" {
            format!("**{}**", esc(&r.title))
        } else {
            esc(&r.title)
        };
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            title, r.pass, r.fail, r.manual, r.skipped, r.not_applicable, r.error, pct
        ));
    }
    if !report.summary.findings.is_empty() {
        let parts: Vec<String> = ["critical", "high", "medium", "low", "info"]
            .iter()
            .filter_map(|k| report.summary.findings.get(*k).map(|n| format!("{n} {k}")))
            .collect();
        s.push_str(&format!("\nFindings: {}\n", parts.join(", ")));
    }
    if report.summary.suppressed > 0 {
        s.push_str(&format!(
            "\nSuppressed: {} finding(s) accepted with a reason (see the JSON report)\n",
            report.summary.suppressed
        ));
    }

    // Checks in error first, then the gravest findings: what a cut leaves
    // out is the least severe.
    let mut shown: Vec<&super::CheckResult> = report
        .checks
        .iter()
        .filter(|c| matches!(c.status, Status::Fail | Status::Error))
        .collect();
    shown.sort_by_key(|c| {
        (
            c.status != Status::Error,
            std::cmp::Reverse(c.max_severity()),
        )
    });
    let checks_total = shown.len();
    let mut checks_written = 0usize;
    let total: usize = shown.iter().map(|c| c.findings.len()).sum();
    // Room kept for the closing note.
    let budget = limit.saturating_sub(200);
    let mut written = 0usize;
    let mut len = s.chars().count();
    let mut cut = false;
    if !shown.is_empty() {
        s.push_str("\n### Failing checks\n");
    }
    'checks: for c in shown {
        let cis = if c.cis.is_empty() {
            String::new()
        } else {
            format!(" (CIS {})", esc(&c.cis.join(", ")))
        };
        let head = format!(
            "\n#### {} {}{} [{}]\n\n",
            esc(&c.id),
            esc(&c.title),
            cis,
            super::text::label(c)
        );
        let n = head.chars().count();
        if len + n > budget {
            cut = true;
            break;
        }
        len += n;
        s.push_str(&head);
        checks_written += 1;
        if c.status == Status::Error {
            let line = format!(
                "- error: {}\n",
                esc(c.reason.as_deref().unwrap_or("not evaluated"))
            );
            len += line.chars().count();
            s.push_str(&line);
        }
        // Gravest first within the check as well (the order of subjects
        // kept among equals): a cut leaves out the least severe.
        let mut findings: Vec<&crate::checks::Finding> = c.findings.iter().collect();
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity.unwrap_or(c.severity)));
        for f in findings {
            let e = &f.evidence;
            let loc = e
                .location
                .as_ref()
                .map(|l| match l.line {
                    Some(n) => format!(" at {}:{}", esc(&l.path), n),
                    None => format!(" at {}", esc(&l.path)),
                })
                .unwrap_or_default();
            let line = format!(
                "- **{}**: {} [{}]\n  observed {} from {}{}; expected {}\n",
                esc(&super::text::subject_label(&f.subject)),
                esc(&f.message),
                f.severity.unwrap_or(c.severity),
                esc(&e.observed),
                esc(&e.source),
                loc,
                esc(&e.expected)
            );
            let n = line.chars().count();
            if len + n > budget {
                cut = true;
                break 'checks;
            }
            len += n;
            s.push_str(&line);
            written += 1;
        }
    }
    if cut {
        s.push_str(&format!(
            "\n_{} of {} finding(s) left out to keep this comment short, the least severe ({} of {} failing or erred check(s) not shown at all); see the full report._\n",
            total - written,
            total,
            checks_total - checks_written,
            checks_total
        ));
    }
    out.write_all(s.as_bytes())
}

/// Escapes the characters Markdown (and the HTML it may embed) would
/// interpret, and keeps a value on one line (a table cell or list item).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn the_gravest_findings_of_a_check_come_first() {
        use crate::checks::{Evidence, Finding, Outcome, Severity, Subject};
        let f = |name: &str, sev: Severity| {
            Finding::new(
                Subject::new("container", name),
                "m",
                Evidence::new("s", "o", "e"),
            )
            .with_severity(sev)
        };
        let c = super::super::CheckResult::from_outcome(
            &crate::checks::container::cap_add::CHECK,
            Outcome::fail(vec![f("a-low", Severity::Low), f("b-high", Severity::High)]),
        );
        let rep = super::super::fixed_report("host", "h", vec![c]);
        let mut md = Vec::new();
        super::write_with_limit(&rep, 60_000, &mut md).unwrap();
        let md = String::from_utf8(md).unwrap();
        let (high, low) = (md.find("b-high").unwrap(), md.find("a-low").unwrap());
        assert!(high < low, "{md}");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("a|b <script> *x*\nnext"), r"a\|b \<script\> \*x\* next");
    }
}
