//! PROV-002: Docker content trust root keys stored on the audited host's
//! disk (checklist "root signing key stored offline", automated hint).

use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let t = crate::checks::support::host_source!(ctx, trust_keys, "trust key folders unreadable");
    let findings: Vec<Finding> = t
        .keys
        .iter()
        .filter(|k| k.role == "root")
        .map(|k| {
            Finding::new(
                Subject::file(&k.path),
                format!("content trust root key {} is on the host", k.path),
                Evidence::new(
                    format!("file: {} header role", k.path),
                    "role: root",
                    "root keys kept offline",
                ),
            )
        })
        .collect();
    if findings.is_empty() && !t.errors.is_empty() {
        return Outcome::Skipped(format!("could not list: {}", t.errors.join("; ")));
    }
    if t.searched.is_empty() {
        return Outcome::NotApplicable("no home folder to search".into());
    }
    Outcome::from_findings(t.searched.len(), findings, "")
}
