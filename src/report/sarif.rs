//! The SARIF 2.1.0 writer: the report's checks are the rule table, every
//! finding a result with a file/line region when it has a location (a
//! logical location naming the subject otherwise), suppressed findings as
//! results with a suppression and its justification.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{CheckResult, Report};
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
    let enc: String = p
        .chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '%' => "%25".to_string(),
            '#' => "%23".to_string(),
            '?' => "%3F".to_string(),
            c => c.to_string(),
        })
        .collect();
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

fn result(c: &CheckResult, index: usize, f: &Finding, suppression: Option<(&str, &str)>) -> Value {
    let sev = f.severity.unwrap_or(c.severity);
    let e = &f.evidence;
    let text = format!(
        "{}: {} (observed {}; expected {})",
        f.subject.name, f.message, e.observed, e.expected
    );
    let mut r = json!({
        "ruleId": c.id,
        "ruleIndex": index,
        "level": level(sev),
        "message": {"text": text},
        "properties": {
            "subject": {"kind": f.subject.kind, "name": f.subject.name},
            "evidenceSource": e.source,
            "severity": sev.as_str(),
        }
    });
    let location = match &e.location {
        Some(l) => {
            let mut region = serde_json::Map::new();
            if let Some(n) = l.line {
                region.insert("startLine".into(), json!(n.max(1)));
                if let Some(end) = l.end_line {
                    region.insert("endLine".into(), json!(end.max(n.max(1))));
                }
                if let Some(col) = l.column {
                    region.insert("startColumn".into(), json!(col.max(1)));
                }
            }
            let mut phys = json!({"artifactLocation": {"uri": artifact_uri(&l.path)}});
            if !region.is_empty() {
                phys["region"] = Value::Object(region);
            }
            json!({"physicalLocation": phys})
        }
        None => json!({
            "logicalLocations": [{"name": f.subject.name, "kind": f.subject.kind}]
        }),
    };
    r["locations"] = json!([location]);
    // A stable identity across runs for the same subject and check.
    r["partialFingerprints"] = json!({
        "dockaudit/v1": format!("{}|{}|{}", c.id, f.subject.kind, f.subject.name)
    });
    if !f.aliases.is_empty() {
        // The peer codes this finding stands for (hadolint, Trivy, Checkov).
        r["properties"]["aliases"] = json!(f.aliases);
    }
    if let Some((kind, why)) = suppression {
        r["suppressions"] = json!([{"kind": kind, "justification": why}]);
    }
    r
}

/// The SARIF log as a JSON value.
pub fn to_value(report: &Report) -> Value {
    let rules: Vec<Value> = report.checks.iter().map(rule).collect();
    let mut results = Vec::new();
    for (i, c) in report.checks.iter().enumerate() {
        for f in &c.findings {
            results.push(result(c, i, f, None));
        }
        for s in &c.suppressed {
            let kind = if s.by.contains(" comment at ") {
                "inSource"
            } else {
                "external"
            };
            results.push(result(c, i, &s.finding, Some((kind, &s.reason))));
        }
    }
    json!({
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "rules": rules,
            }},
            "automationDetails": {"id": format!("dockaudit/{}/", report.target.kind)},
            "invocations": [{
                "executionSuccessful": true,
                "endTimeUtc": report.generated_at,
            }],
            "results": results,
            "properties": {"target": {"kind": report.target.kind, "name": report.target.name}},
        }]
    })
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_value(report)).map_err(super::json::io_error)?;
    writeln!(out)
}
