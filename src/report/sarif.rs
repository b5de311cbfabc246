//! The SARIF 2.1.0 writer: the report's checks are the rule table, every
//! finding a result with a file/line region when it has a location (a
//! logical location naming the subject otherwise), suppressed findings as
//! results with a suppression and its justification.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Value};

use super::{CheckResult, Report, Status};
use crate::checks::{self, Finding, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// The numeric severity code scanning services sort by.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

/// A relative path stays relative (code scanning resolves it against the
/// repository); an absolute one becomes a file URI.
pub fn artifact_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p).to_string();
    let mut enc = String::with_capacity(p.len() + 8);
    for c in p.chars() {
        match c {
            ' ' => enc.push_str("%20"),
            '%' => enc.push_str("%25"),
            '#' => enc.push_str("%23"),
            '?' => enc.push_str("%3F"),
            c => enc.push(c),
        }
    }
    if p.starts_with('/') {
        format!("file://{enc}")
    } else {
        enc
    }
}

fn rule(c: &CheckResult) -> Value {
    let meta = checks::find(&c.id);
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut tags = vec![
        format!("section-{}", c.section_number),
        c.section.clone(),
        "security".to_string(),
    ];
    tags.extend(c.cis.iter().map(|id| format!("CIS-{id}")));
    let mut r = json!({
        "id": c.id,
        "name": c.slug,
        "shortDescription": {"text": c.title},
        "defaultConfiguration": {"level": level(c.severity)},
        "properties": {
            "tags": tags,
            "security-severity": security_severity(c.severity),
            "cis": c.cis,
            "aliases": c.aliases,
        }
    });
    if let Some(m) = meta {
        r["fullDescription"] = json!({"text": collapse(m.rationale)});
        r["help"] = json!({
            "text": format!("{}\n\nRemediation: {}", collapse(m.rationale), collapse(m.remediation)),
            "markdown": format!("{}\n\n**Remediation:** {}", collapse(m.rationale), collapse(m.remediation)),
        });
        if let Some(u) = m.references.first() {
            r["helpUri"] = json!(u);
        }
    }
    r
}

/// One SARIF result, serialised as it is made: a report of 200,000
/// findings is streamed, never held as a JSON tree (which cost about 9 KB
/// per finding). Field order is the order SARIF consumers and the golden
/// files see.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Message<'a>,
    properties: ResultProperties<'a>,
    locations: [Loc<'a>; 1],
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression<'a>; 1]>,
}

#[derive(Serialize)]
struct Message<'a> {
    text: Shown<MessageText<'a>>,
}

/// A value written through its `Display`, straight into the document
/// (no string built per result).
struct Shown<T>(T);

impl<T: std::fmt::Display> Serialize for Shown<T> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.collect_str(&self.0)
    }
}

struct MessageText<'a>(&'a Finding);

impl std::fmt::Display for MessageText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (x, e) = (self.0, &self.0.evidence);
        write!(
            f,
            "{}: {} (observed {}; expected {})",
            x.subject.name, x.message, e.observed, e.expected
        )
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    subject: SubjectRef<'a>,
    evidence_source: &'a str,
    severity: &'static str,
    /// The peer codes this finding stands for (hadolint, Trivy, Checkov).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
}

#[derive(Serialize)]
struct SubjectRef<'a> {
    kind: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Loc<'a> {
    Physical {
        #[serde(rename = "physicalLocation")]
        physical: Physical,
    },
    Logical {
        #[serde(rename = "logicalLocations")]
        logical: [SubjectRef<'a>; 1],
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
}

#[derive(Serialize)]
struct Fingerprints {
    /// A stable identity across runs of the same finding: the history
    /// store's fingerprint (check, subject, evidence source; findings that
    /// share those told apart by what was observed), so that code scanning
    /// keeps one alert per finding.
    #[serde(rename = "dockaudit/v2")]
    v2: String,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    justification: &'a str,
}

fn result<'a>(
    c: &'a CheckResult,
    index: usize,
    f: &'a Finding,
    suppression: Option<(&'static str, &'a str)>,
    fingerprint: String,
) -> SarifResult<'a> {
    let sev = f.severity.unwrap_or(c.severity);
    let e = &f.evidence;
    let subject = || SubjectRef {
        kind: &f.subject.kind,
        name: &f.subject.name,
    };
    let location = match &e.location {
        Some(l) => Loc::Physical {
            physical: Physical {
                artifact_location: Artifact {
                    uri: artifact_uri(&l.path),
                },
                region: l.line.map(|n| Region {
                    start_line: n.max(1),
                    end_line: l.end_line.map(|end| end.max(n.max(1))),
                    start_column: l.column.map(|col| col.max(1)),
                }),
            },
        },
        None => Loc::Logical {
            logical: [subject()],
        },
    };
    SarifResult {
        rule_id: &c.id,
        rule_index: index,
        level: level(sev),
        message: Message {
            text: Shown(MessageText(f)),
        },
        properties: ResultProperties {
            subject: subject(),
            evidence_source: &e.source,
            severity: sev.as_str(),
            aliases: &f.aliases,
        },
        locations: [location],
        partial_fingerprints: Fingerprints { v2: fingerprint },
        suppressions: suppression.map(|(kind, why)| {
            [Suppression {
                kind,
                justification: why,
            }]
        }),
    }
}

/// Every finding of the report as a result, suppressed ones with their
/// suppression, made one at a time as the serialiser asks for them.
struct Results<'a>(&'a Report);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        // The same order as the fingerprints: each check's findings, then
        // its suppressed ones.
        let mut fps = crate::store::unique_fingerprints(self.0).into_iter();
        let rows = self.0.checks.iter().enumerate().flat_map(|(i, c)| {
            let found = c.findings.iter().map(move |f| (c, i, f, None));
            let suppressed = c.suppressed.iter().map(move |s| {
                let kind = if s.by.contains(" comment at ") {
                    "inSource"
                } else {
                    "external"
                };
                (c, i, &s.finding, Some((kind, s.reason.as_str())))
            });
            found.chain(suppressed)
        });
        ser.collect_seq(
            rows.map(|(c, i, f, sup)| result(c, i, f, sup, fps.next().unwrap_or_default())),
        )
    }
}

#[derive(Serialize)]
struct Log<'a> {
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    automation_details: Value,
    invocations: Value,
    results: Results<'a>,
    properties: Value,
}

fn log(report: &Report) -> Log<'_> {
    let rules: Vec<Value> = report.checks.iter().map(rule).collect();
    Log {
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "rules": rules,
            }}),
            automation_details: json!({"id": format!("dockaudit/{}/", report.target.kind)}),
            invocations: json!([{
                // A check that could not be evaluated makes the run
                // incomplete; it and every skipped check are notifications,
                // so a scan that judged nothing does not read as clean.
                "executionSuccessful": !report.checks.iter().any(|c| c.status == Status::Error),
                "endTimeUtc": report.generated_at,
                "toolExecutionNotifications": notifications(report),
            }]),
            results: Results(report),
            properties: json!({"target": {"kind": report.target.kind, "name": report.target.name}}),
        }],
    }
}

/// One notification per check that erred (level error) or was skipped
/// (level warning), with its reason.
fn notifications(report: &Report) -> Vec<Value> {
    report
        .checks
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let level = match c.status {
                Status::Error => "error",
                Status::Skipped => "warning",
                // Subjects a passing or failing check did not judge.
                Status::Pass | Status::Fail => {
                    let not_judged: Vec<String> = c
                        .not_judged()
                        .map(|(o, why)| {
                            format!("{}: {why}", super::text::subject_label(&o.subject))
                        })
                        .collect();
                    if not_judged.is_empty() {
                        return None;
                    }
                    return Some(json!({
                        "level": "warning",
                        "message": {"text": format!(
                            "{} did not judge {} subject(s): {}",
                            c.id,
                            not_judged.len(),
                            not_judged.join("; ")
                        )},
                        "associatedRule": {"id": c.id, "index": i},
                    }));
                }
                _ => return None,
            };
            Some(json!({
                "level": level,
                "message": {"text": format!(
                    "{} {}: {}",
                    c.id,
                    c.status.as_str(),
                    c.reason.as_deref().unwrap_or("no reason given")
                )},
                "associatedRule": {"id": c.id, "index": i},
            }))
        })
        .collect()
}

/// The SARIF log as a JSON value (tests inspect it; `write` streams).
pub fn to_value(report: &Report) -> Value {
    serde_json::to_value(log(report)).expect("a SARIF log serialises")
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    super::json::write_pretty(out, &log(report))?;
    writeln!(out)
}
