//! COMPOSE-009: compose service shares the host IPC namespace (CIS 5.17); the compose
//! mirror of RES-011, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-009",
    slug: "compose-ipc-host",
    title: "Compose service shares the host IPC namespace",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.17"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Compose],
    rationale: "`ipc: host` makes the service share the host's IPC namespace, the same as the `--ipc=host` flag the runtime check RES-011 reports on running containers: the isolation the namespace gives is gone.",
    remediation: "Remove `ipc: host` from the service (use the default, or `service:<name>` / `container:<name>` to share with one container only).",
    references: &["https://docs.docker.com/reference/compose-file/services/#ipc"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.ipc {
        Some(m) if runtime_rules::shares_host_namespace(&m.value) => vec![finding(
            f,
            s,
            "shares the host's IPC namespace (ipc: host)",
            setting_evidence(f, s, m, m.value.clone(), "not host"),
        )],
        _ => Vec::new(),
    })
}
