//! The JUnit XML report: one `<testsuite>` per checklist section, one
//! `<testcase>` per (check, subject). CI services read it as test results:
//! a failing finding is a `<failure>`, a check that was skipped, not
//! applicable or left to a manual review is `<skipped>`, a check that could
//! not be evaluated is an `<error>`. The shape follows the schema CI tools
//! validate against (testsuite: name, tests, failures, errors required;
//! testcase: name required).

use std::io::{self, Write};

use super::{CheckResult, Report, Status};
use crate::checks::{Finding, Section};

enum Outcome {
    Pass,
    Failure {
        message: String,
        kind: String,
        text: String,
    },
    Skipped {
        message: String,
        text: String,
    },
    Error {
        message: String,
    },
}

struct Case {
    classname: String,
    name: String,
    outcome: Outcome,
}

/// The testcases of one check: per subject of its findings when it failed,
/// else one named after the check; and a skipped one per subject the check
/// did not judge (a pass of the others is not a pass of it).
fn cases(c: &CheckResult) -> Vec<Case> {
    let mut out = judged_cases(c);
    out.extend(c.not_judged().map(|(o, why)| Case {
        classname: c.id.clone(),
        name: super::text::subject_label(&o.subject),
        outcome: Outcome::Skipped {
            message: format!("not judged: {why}"),
            text: String::new(),
        },
    }));
    out
}

fn judged_cases(c: &CheckResult) -> Vec<Case> {
    let one = |outcome| {
        vec![Case {
            classname: c.id.clone(),
            name: c.title.clone(),
            outcome,
        }]
    };
    let reason = || {
        c.reason
            .clone()
            .unwrap_or_else(|| c.status.as_str().to_string())
    };
    match c.status {
        Status::Fail if !c.findings.is_empty() => {
            // Findings are sorted by subject; keep the first-seen order,
            // grouped in one pass (a check with 20,000 findings).
            let mut groups: Vec<Vec<&Finding>> = Vec::new();
            let mut at: std::collections::BTreeMap<&crate::checks::Subject, usize> =
                Default::default();
            for f in &c.findings {
                let i = *at.entry(&f.subject).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[i].push(f);
            }
            groups
                .into_iter()
                .map(|fs| {
                    let s = &fs[0].subject;
                    let severity = fs
                        .iter()
                        .map(|f| f.severity.unwrap_or(c.severity))
                        .max()
                        .unwrap_or(c.severity);
                    let message = fs
                        .iter()
                        .map(|f| f.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; ");
                    let text = fs.iter().map(|f| evidence_text(c, f)).collect::<String>();
                    Case {
                        classname: c.id.clone(),
                        name: super::text::subject_label(s),
                        outcome: Outcome::Failure {
                            message,
                            kind: severity.as_str().to_string(),
                            text,
                        },
                    }
                })
                .collect()
        }
        Status::Pass | Status::Fail => one(Outcome::Pass),
        Status::Skipped | Status::NotApplicable | Status::Manual => {
            let mut text = String::new();
            for o in &c.observations {
                text.push_str(&format!(
                    "{}: {}\n",
                    super::text::subject_label(&o.subject),
                    o.message
                ));
            }
            one(Outcome::Skipped {
                message: format!("{}: {}", c.status.as_str(), reason()),
                text,
            })
        }
        Status::Error => one(Outcome::Error { message: reason() }),
    }
}

fn evidence_text(c: &CheckResult, f: &Finding) -> String {
    let e = &f.evidence;
    let mut s = format!(
        "{} [{}]\nsource: {}\nobserved: {}\nexpected: {}\n",
        f.message,
        f.severity.unwrap_or(c.severity),
        e.source,
        e.observed,
        e.expected
    );
    if let Some(l) = &e.location {
        match l.line {
            Some(n) => s.push_str(&format!("location: {}:{}\n", l.path, n)),
            None => s.push_str(&format!("location: {}\n", l.path)),
        }
    }
    if !f.aliases.is_empty() {
        s.push_str(&format!("codes: {}\n", f.aliases.join(", ")));
    }
    s
}

#[derive(Default)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Counts {
    fn of(cases: &[Case]) -> Counts {
        let mut n = Counts {
            tests: cases.len(),
            ..Default::default()
        };
        for c in cases {
            match c.outcome {
                Outcome::Pass => {}
                Outcome::Failure { .. } => n.failures += 1,
                Outcome::Skipped { .. } => n.skipped += 1,
                Outcome::Error { .. } => n.errors += 1,
            }
        }
        n
    }
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    write_suites(report, &mut out)?;
    out.flush()
}

fn write_suites(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let suites: Vec<(Section, Vec<Case>)> = Section::ALL
        .iter()
        .map(|s| {
            let cases: Vec<Case> = report.checks_in(*s).into_iter().flat_map(cases).collect();
            (*s, cases)
        })
        .filter(|(_, cases)| !cases.is_empty())
        .collect();
    let all: Vec<Counts> = suites.iter().map(|(_, c)| Counts::of(c)).collect();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="{}" tests="{}" failures="{}" errors="{}">"#,
        attr(&format!(
            "{} {} audit of {}",
            report.tool.name, report.target.kind, report.target.name
        )),
        all.iter().map(|n| n.tests).sum::<usize>(),
        all.iter().map(|n| n.failures).sum::<usize>(),
        all.iter().map(|n| n.errors).sum::<usize>(),
    )?;
    for ((section, cases), n) in suites.iter().zip(&all) {
        writeln!(
            out,
            r#"  <testsuite name="{}" package="{}" tests="{}" failures="{}" errors="{}" skipped="{}" timestamp="{}">"#,
            attr(&section.to_string()),
            attr(section.slug()),
            n.tests,
            n.failures,
            n.errors,
            n.skipped,
            attr(&report.generated_at),
        )?;
        for c in cases {
            let open = format_args!(
                r#"    <testcase classname="{}" name="{}""#,
                attr(&c.classname),
                attr(&c.name)
            );
            match &c.outcome {
                Outcome::Pass => writeln!(out, "{open}/>")?,
                Outcome::Failure {
                    message,
                    kind,
                    text: body,
                } => {
                    writeln!(out, "{open}>")?;
                    writeln!(
                        out,
                        r#"      <failure message="{}" type="{}">{}</failure>"#,
                        attr(message),
                        attr(kind),
                        text(body)
                    )?;
                    writeln!(out, "    </testcase>")?;
                }
                Outcome::Skipped {
                    message,
                    text: body,
                } => {
                    writeln!(out, "{open}>")?;
                    if body.is_empty() {
                        writeln!(out, r#"      <skipped message="{}"/>"#, attr(message))?;
                    } else {
                        writeln!(
                            out,
                            r#"      <skipped message="{}">{}</skipped>"#,
                            attr(message),
                            text(body)
                        )?;
                    }
                    writeln!(out, "    </testcase>")?;
                }
                Outcome::Error { message } => {
                    writeln!(out, "{open}>")?;
                    writeln!(out, r#"      <error message="{}"/>"#, attr(message))?;
                    writeln!(out, "    </testcase>")?;
                }
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// A character XML 1.0 allows (`Char` production): tab, newline, carriage
/// return, and everything from U+0020 but U+FFFE and U+FFFF (Rust `char`s
/// are never surrogates). The escaper below judges bytes; the tests hold it
/// to this definition.
#[cfg(test)]
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Text escaped for XML, written straight to the output: runs that need no
/// escaping are copied whole (no string built per value).
struct Escaped<'a> {
    s: &'a str,
    in_attr: bool,
}

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Byte by byte: every character replaced is ASCII but U+FFFE and
        // U+FFFF (EF BF BE, EF BF BF), so runs of anything else are copied
        // without decoding them.
        let (s, bytes) = (self.s, self.s.as_bytes());
        let (mut run, mut i) = (0, 0);
        while i < bytes.len() {
            let (with, len) = match bytes[i] {
                b'&' => ("&amp;", 1),
                b'<' => ("&lt;", 1),
                b'>' => ("&gt;", 1),
                b'"' if self.in_attr => ("&quot;", 1),
                b'\'' if self.in_attr => ("&apos;", 1),
                // Attribute values are whitespace-normalised by parsers:
                // keep line breaks and tabs as character references.
                b'\n' if self.in_attr => ("&#10;", 1),
                b'\r' => ("&#13;", 1),
                b'\t' if self.in_attr => ("&#9;", 1),
                b'\n' | b'\t' => {
                    i += 1;
                    continue;
                }
                // Not allowed in an XML 1.0 document, not even as a reference.
                0..=0x1f => ("\u{FFFD}", 1),
                0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => {
                    ("\u{FFFD}", 3)
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            f.write_str(&s[run..i])?;
            f.write_str(with)?;
            i += len;
            run = i;
        }
        f.write_str(&s[run..])
    }
}

fn attr(s: &str) -> Escaped<'_> {
    Escaped { s, in_attr: true }
}

fn text(s: &str) -> Escaped<'_> {
    Escaped { s, in_attr: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character of the planes that matter, alone and between
    /// others, against a character-by-character reference.
    #[test]
    fn byte_escaper_agrees_with_the_xml_char_production() {
        let reference = |s: &str, in_attr: bool| {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' if in_attr => out.push_str("&quot;"),
                    '\'' if in_attr => out.push_str("&apos;"),
                    '\n' if in_attr => out.push_str("&#10;"),
                    '\r' => out.push_str("&#13;"),
                    '\t' if in_attr => out.push_str("&#9;"),
                    c if !xml_char(c) => out.push('\u{FFFD}'),
                    c => out.push(c),
                }
            }
            out
        };
        let chars = (0u32..0x800)
            .chain(0xD700..0xD800)
            .chain(0xE000..0x10010)
            .filter_map(char::from_u32);
        for c in chars {
            let s = format!("a{c}b{c}");
            assert_eq!(attr(&s).to_string(), reference(&s, true), "{:#x}", c as u32);
            assert_eq!(
                text(&s).to_string(),
                reference(&s, false),
                "{:#x}",
                c as u32
            );
        }
    }

    #[test]
    fn escapes_markup_and_drops_invalid_characters() {
        assert_eq!(
            attr("a<b>&\"c'\n\t\r").to_string(),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10;&#9;&#13;"
        );
        assert_eq!(
            text("x\u{0}y\u{1b}z\u{FFFE}\n").to_string(),
            "x\u{FFFD}y\u{FFFD}z\u{FFFD}\n"
        );
        assert_eq!(text("\u{1F600} é ]]>").to_string(), "\u{1F600} é ]]&gt;");
        assert_eq!(text("plain").to_string(), "plain");
        assert_eq!(
            text("\u{FFFF}\u{FFFD}\u{EFFF}").to_string(),
            "\u{FFFD}\u{FFFD}\u{EFFF}"
        );
        assert_eq!(attr("").to_string(), "");
    }
}
