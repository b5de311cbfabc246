//! COMPOSE-026: compose service image is not pinned by digest (no CIS control); the compose
//! mirror of PROV-100, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::provenance::digest_pinning::pinned;
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-026",
    slug: "compose-image-not-pinned",
    title: "Compose service image is not pinned by digest",
    section: Section::Provenance,
    scope: Scope::Compose,
    cis: &[],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Image digest checked at deployment",
    needs: &[Need::Compose],
    rationale: "A tag is mutable: `image: app:1.4` may pull different content tomorrow. Pinning by `@sha256:` makes the deployment reproducible and an attacker who pushes to the tag cannot change it. Same rule as PROV-100 (provenance::digest_pinning::pinned). Services built locally (`build:` without `image:`) are not judged.",
    remediation: "Pin the reference: `image: registry/app:1.4@sha256:<digest>`; tools such as a dependency bot keep digests current.",
    references: &["https://docs.docker.com/reference/compose-file/services/#image"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.image {
        Some(i) if !pinned(&i.value, "") => {
            let latest = runtime_rules::mutable_latest_reference(&i.value)
                .map(|w| format!(", {w}"))
                .unwrap_or_default();
            vec![finding(
                f,
                s,
                format!("uses the mutable image reference {}{latest}", i.value),
                setting_evidence(
                    f,
                    s,
                    i,
                    i.value.clone(),
                    "a reference pinned by digest (name@sha256:...)",
                ),
            )]
        }
        _ => Vec::new(),
    })
}
