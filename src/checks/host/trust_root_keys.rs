//! PROV-002: Docker content trust root keys stored on the audited host's
//! disk (checklist "root signing key stored offline", automated hint).

use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Section, Severity, Subject};

pub static CHECK: Check = Check {
    id: "PROV-002",
    slug: "trust-root-key-on-host",
    title: "Content trust root signing key is stored on the host",
    section: Section::Provenance,
    severity: Severity::High,
    item: "Root signing key stored offline (trust root keys on the audited host's disk)",
    rationale: "The root key of a trust repository can re-sign every tag of it. Kept on a \
        server it is stolen with the server; it belongs offline (hardware token or offline \
        vault), with only delegation keys online.",
    remediation: "Move the root key offline: `docker trust key` export it to an offline medium \
        or hardware token, then delete ~/.docker/trust/private/<id>.key from the host.",
    references: &["https://docs.docker.com/engine/security/trust/trust_key_mng/"],
    evaluate,
    ..super::RULE
};

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
