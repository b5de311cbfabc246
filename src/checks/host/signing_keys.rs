//! PROV-003: signing keys backed up, rotated and expired (manual).

use crate::checks::{Check, Ctx, Mode, Observation, Outcome, Section, Severity, Subject};

pub static CHECK: Check = Check {
    id: "PROV-003",
    slug: "signing-keys-not-managed",
    title: "Signing keys backup and rotation not confirmed",
    section: Section::Provenance,
    severity: Severity::Medium,
    mode: Mode::Manual,
    item: "Signing keys backed up, rotated, expired",
    rationale: "A lost root key locks a repository's trust data forever; a leaked one signs \
        anything. Keys need an offline backup, a rotation schedule and expiry.",
    remediation: "Back up root and repository keys offline (two locations), rotate repository \
        keys on schedule and after staff changes (`docker trust key rotate` / notary \
        `key rotate`), and set expiry on signing keys.",
    references: &["https://docs.docker.com/engine/security/trust/trust_key_mng/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let obs = ctx
        .facts
        .host
        .get()
        .and_then(|h| h.trust_keys.get())
        .map(|t| {
            t.keys
                .iter()
                .map(|k| Observation {
                    subject: Subject::file(&k.path),
                    message: format!(
                        "trust key {} (role {})",
                        k.path,
                        if k.role.is_empty() {
                            "unknown"
                        } else {
                            &k.role
                        }
                    ),
                    source: format!("host: {}", k.path),
                })
                .collect()
        })
        .unwrap_or_default();
    Outcome::manual(
        "Ask for the key management record: where the root and repository signing keys are \
         backed up (offline media, locations), the date of the last rotation of each repository \
         key, the rotation schedule, and the expiry dates of the trust metadata and keys.",
    )
    .with_observations(obs)
}
