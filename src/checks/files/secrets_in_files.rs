//! SECRET-110: a secret in a file: a known token format, a private key, a
//! credential in a credential-bearing file format, or a secret-looking name
//! assigned a real value. Files that could not be read, or only in part,
//! are reported as not scanned (never as clean).

use crate::checks::{Ctx, Evidence, Finding, Location, Observation, Outcome, Severity, Subject};
use crate::model::SecretRef;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let Some(scan) = ctx.facts.secret_scan.get() else {
        return Outcome::Skipped("no files were scanned".into());
    };
    let mut findings = Vec::new();
    for f in &scan.files {
        for s in &f.secrets {
            let severity = if s.confidence == "high" {
                Severity::High
            } else {
                Severity::Medium
            };
            let mut finding = Finding::new(
                Subject::file(&f.path),
                format!("{} ({}): {}", s.description, s.rule, s.preview),
                Evidence::new(
                    format!("file {} line {}", f.path, s.line),
                    s.preview.clone(),
                    "no secret value in the file",
                )
                .at(Location {
                    path: f.path.clone(),
                    line: Some(s.line),
                    column: Some(s.column),
                    end_line: None,
                    end_column: Some(s.end_column),
                }),
            )
            .with_severity(severity);
            finding.secret = Some(Box::new(SecretRef {
                rule: s.rule.clone(),
                confidence: s.confidence.clone(),
                fingerprint: s.fingerprint.clone(),
                detail: s.detail.clone(),
            }));
            findings.push(finding);
        }
    }
    // A file that could not be read is not known clean: low, so the
    // default --fail-on (low) does not pass it. A device, FIFO or socket
    // keeps nothing at rest, and a file read up to the size bound was
    // scanned as far as it goes: info.
    let not_read = scan.unread.iter().map(|why| {
        let sev = if why.ends_with(crate::collect::secrets::NOT_REGULAR) {
            Severity::Info
        } else {
            Severity::Low
        };
        (why, sev, "not scanned")
    });
    let part_read = scan
        .partial
        .iter()
        .map(|why| (why, Severity::Info, "partly scanned"));
    for (why, severity, said) in not_read.chain(part_read) {
        let path = why.split(": ").next().unwrap_or(why);
        findings.push(
            Finding::new(
                Subject::file(path),
                format!("{said}: {why}"),
                Evidence::new(format!("file {path}"), why.clone(), "every file read whole"),
            )
            .with_severity(severity),
        );
    }
    let mut obs = vec![Observation {
        subject: Subject::new("files", scan.roots.join(", ")),
        message: format!(
            "{} files scanned ({} bytes), {} binary files skipped",
            scan.files_scanned, scan.bytes_scanned, scan.binary_skipped
        ),
        source: "dockaudit secrets".into(),
    }];
    if let Some(b) = &scan.baseline {
        obs.push(Observation {
            subject: Subject::file(&b.file),
            message: format!(
                "{} findings accepted by the baseline; {} baseline entries no longer match",
                b.accepted,
                b.stale.len()
            ),
            source: format!("--baseline {}", b.file),
        });
        for s in &b.stale {
            obs.push(Observation {
                subject: Subject::file(&b.file),
                message: format!("baseline entry no longer matches: {s}"),
                source: format!("--baseline {}", b.file),
            });
        }
    }
    Outcome::from_findings(scan.files_scanned, findings, "no file was scanned")
        .with_observations(obs)
}
