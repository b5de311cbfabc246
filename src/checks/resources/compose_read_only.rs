//! COMPOSE-016: compose service root filesystem is writable (CIS 5.13); the compose
//! mirror of RES-020, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, missing_evidence, setting_evidence};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-016",
    slug: "compose-root-filesystem-writable",
    title: "Compose service root filesystem is writable",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.13"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Root filesystem mounted read-only",
    needs: &[Need::Compose],
    rationale: "A writable root filesystem lets an intruder change binaries and configuration inside the container and persist until it is recreated. Same control as RES-020 (HostConfig.ReadonlyRootfs).",
    remediation: "Set `read_only: true` on the service and give it `tmpfs:` or volumes for the paths it must write (e.g. /tmp).",
    references: &["https://docs.docker.com/reference/compose-file/services/#read_only"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.read_only {
        Some(r) if r.value => Vec::new(),
        Some(r) => vec![finding(
            f,
            s,
            "root filesystem is writable (read_only: false)",
            setting_evidence(f, s, r, "false", "read_only: true"),
        )],
        None => vec![finding(
            f,
            s,
            "root filesystem is writable (no read_only: true)",
            missing_evidence(f, s, "read_only", "absent", "read_only: true"),
        )],
    })
}
