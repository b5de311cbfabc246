//! COMPOSE-008: compose service shares the host PID namespace (CIS 5.16); the compose
//! mirror of RES-010, judged with the same rule functions.

use crate::checks::compose_support::{finding, judge_services, setting_evidence};
use crate::checks::runtime_rules;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "COMPOSE-008",
    slug: "compose-pid-host",
    title: "Compose service shares the host PID namespace",
    section: Section::Resources,
    scope: Scope::Compose,
    cis: &["5.16"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Compose],
    rationale: "`pid: host` makes the service share the host's process (PID) namespace, the same as the `--pid=host` flag the runtime check RES-010 reports on running containers: the isolation the namespace gives is gone.",
    remediation: "Remove `pid: host` from the service (use the default, or `service:<name>` / `container:<name>` to share with one container only).",
    references: &["https://docs.docker.com/reference/compose-file/services/#pid"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_services(ctx, |f, s| match &s.pid {
        Some(m) if runtime_rules::shares_host_namespace(&m.value) => vec![finding(
            f,
            s,
            "shares the host's process (PID) namespace (pid: host)",
            setting_evidence(f, s, m, m.value.clone(), "not host"),
        )],
        _ => Vec::new(),
    })
}
