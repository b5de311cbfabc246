//! PROV-003: signing keys backed up, rotated and expired (manual).

use crate::checks::{Ctx, Observation, Outcome, Subject};

crate::checks::meta!();

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
