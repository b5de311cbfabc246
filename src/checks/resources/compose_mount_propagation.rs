//! COMPOSE-028: compose service mount propagation is shared (CIS 5.20); the compose
//! mirror of RES-022, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-028",
    slug: "compose-mount-propagation-shared",
    title: "Compose service mount propagation is shared",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.20"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited",
    needs: &[Need::Compose],
    rationale: "With shared propagation, mounts made inside the container appear on the host and the other way round. Same rule as RES-022 (runtime_rules::is_shared_propagation).",
    remediation: "Remove `:shared`/`:rshared` (long syntax `bind: {propagation: rshared}`) from the volume; the default rprivate keeps mounts apart.",
    references: &["https://docs.docker.com/reference/compose-file/services/#volumes"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        s.volumes
            .iter()
            .filter(|v| runtime_rules::is_shared_propagation(&v.value.propagation))
            .map(|v| {
                finding(
                    f,
                    s,
                    format!(
                        "mounts {} at {} with {} propagation",
                        v.value.source, v.value.target, v.value.propagation
                    ),
                    setting_evidence(f, s, v, v.value.propagation.clone(), "private or rprivate"),
                )
            })
            .collect()
    })
}
