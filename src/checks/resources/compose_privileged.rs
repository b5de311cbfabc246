//! COMPOSE-001: compose service runs privileged (CIS 5.5); the compose
//! mirror of RES-001, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-001",
    slug: "compose-privileged",
    title: "Compose service runs privileged",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.5"],
    severity: Severity::Critical,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: not privileged",
    needs: &[Need::Compose],
    rationale: "A privileged service gets every capability, all host devices and no seccomp or AppArmor confinement: root in it is root on the host. Same rule as RES-001 on running containers.",
    remediation: "Remove `privileged: true` from the service; add only the capabilities it needs with `cap_add:`.",
    references: &["https://docs.docker.com/reference/compose-file/services/#privileged"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.privileged {
        Some(p) if p.value => vec![finding(
            f,
            s,
            "runs privileged (privileged: true)",
            setting_evidence(f, s, p, "true", "false or absent"),
        )],
        _ => Vec::new(),
    })
}
