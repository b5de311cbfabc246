//! RES-010: containers sharing the host's PID namespace (CIS 5.16).

use super::judge_all;
use crate::checks::runtime_rules::shares_host_namespace;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-010",
    slug: "host-pid-namespace",
    title: "Container shares the host's process namespace",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.16"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Containers],
    rationale: "In the host's PID namespace the container sees every host process with its command \
        line and environment, and root in it can signal or ptrace them. Judged on every \
        container, whatever its state: the setting applies at each start.",
    remediation: "Remove `--pid host` from `docker run` (compose: remove `pid: host`); the default gives the container its own namespace.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let mode = &c.host_config.pid_mode;
        if !shares_host_namespace(mode) {
            return vec![];
        }
        vec![Finding::new(
            container_subject(c),
            format!("shares the host's PID namespace (HostConfig.PidMode is {mode:?})"),
            Evidence::new(
                inspect_field("HostConfig.PidMode"),
                mode.as_str(),
                "not \"host\"",
            ),
        )]
    })
}
