//! The CSV report: one row per finding, and one per check that erred, was
//! skipped or is manual (its reason as the message, no subject), so that a
//! sheet of findings never reads a check nobody judged as clean. RFC 4180
//! (CRLF line endings, a field holding a comma, quote or line break is
//! quoted and its quotes doubled), with a header row.

use std::io::{self, Write};

use super::{Report, Status};

pub const HEADER: [&str; 13] = [
    "check_id",
    "title",
    "section",
    "severity",
    "status",
    "subject_kind",
    "subject_name",
    "message",
    "source",
    "observed",
    "expected",
    "path",
    "line",
];

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    write_row(out, HEADER.iter().map(|s| s.to_string()))?;
    for c in &report.checks {
        if matches!(c.status, Status::Error | Status::Skipped | Status::Manual) {
            let reason = c.reason.clone().unwrap_or_default();
            unjudged_row(out, c, c.status.as_str(), None, &reason, "")?;
        }
        for f in &c.findings {
            let e = &f.evidence;
            let loc = e.location.as_ref();
            write_row(
                out,
                [
                    c.id.clone(),
                    c.title.clone(),
                    c.section.clone(),
                    f.severity.unwrap_or(c.severity).as_str().to_string(),
                    c.status.as_str().to_string(),
                    f.subject.kind.clone(),
                    f.subject.name.clone(),
                    f.message.clone(),
                    e.source.clone(),
                    e.observed.clone(),
                    e.expected.clone(),
                    loc.map(|l| l.path.clone()).unwrap_or_default(),
                    loc.and_then(|l| l.line)
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                ],
            )?;
        }
        // A subject the check did not judge: a row of its own (status
        // not_judged), never left out as if it had passed.
        for (o, why) in c.not_judged() {
            unjudged_row(out, c, "not_judged", Some(&o.subject), why, &o.source)?;
        }
    }
    Ok(())
}

/// A row of a check (or of one of its subjects) that judged nothing: its
/// status, the subject when there is one, why, and from where.
fn unjudged_row(
    out: &mut dyn Write,
    c: &super::CheckResult,
    status: &str,
    subject: Option<&crate::checks::Subject>,
    why: &str,
    source: &str,
) -> io::Result<()> {
    write_row(
        out,
        [
            c.id.clone(),
            c.title.clone(),
            c.section.clone(),
            c.severity.as_str().to_string(),
            status.to_string(),
            subject.map(|s| s.kind.clone()).unwrap_or_default(),
            subject.map(|s| s.name.clone()).unwrap_or_default(),
            why.to_string(),
            source.to_string(),
        ]
        .into_iter()
        .chain(std::iter::repeat_n(String::new(), HEADER.len() - 9)),
    )
}

fn write_row(out: &mut dyn Write, fields: impl IntoIterator<Item = String>) -> io::Result<()> {
    let row: Vec<String> = fields.into_iter().map(|f| field(&f)).collect();
    write!(out, "{}\r\n", row.join(","))
}

/// One field, quoted when RFC 4180 requires it.
///
/// Formula injection: spreadsheets run a cell starting with `=`, `+`, `-`
/// or `@` (and some a leading tab or carriage return) as a formula, and the
/// values here come from the audited system (image labels, file contents,
/// container names), so such a field gets a leading apostrophe, which
/// spreadsheets show as text. A negative number in `observed` reads
/// `'-1` as a result; a reader parsing the file strips the apostrophe.
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_and_guards_fields() {
        for (raw, written) in [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "'+1"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("", ""),
        ] {
            assert_eq!(field(raw), written, "{raw:?}");
        }
    }
}
