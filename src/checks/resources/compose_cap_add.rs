//! COMPOSE-002: compose service adds a dangerous capability (CIS 5.4); the compose
//! mirror of RES-002, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-002",
    slug: "compose-cap-add-dangerous",
    title: "Compose service adds a dangerous capability",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.4"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: capabilities dropped",
    needs: &[Need::Compose],
    rationale: "Capabilities such as SYS_ADMIN, SYS_MODULE, NET_ADMIN or ALL give the container ways out to the host or into other containers. The list and severities are those of RES-002 (runtime_rules::dangerous_caps).",
    remediation: "Remove the capability from `cap_add:`; if the process needs one privilege, grant the narrowest capability and drop the rest with `cap_drop: [ALL]`.",
    references: &["https://docs.docker.com/reference/compose-file/services/#cap_add"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| {
        s.cap_add
            .iter()
            .filter_map(|c| {
                let (cap, sev) = runtime_rules::dangerous_caps(std::slice::from_ref(&c.value))
                    .into_iter()
                    .next()?;
                Some(
                    finding(
                        f,
                        s,
                        format!("adds capability {cap} (cap_add: {})", c.value),
                        setting_evidence(f, s, c, c.value.clone(), "no dangerous capability added"),
                    )
                    .with_severity(sev),
                )
            })
            .collect()
    })
}
