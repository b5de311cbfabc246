//! RES-011: containers sharing the host's IPC namespace (CIS 5.17).

use super::judge_all;
use crate::checks::runtime_rules::shares_host_namespace;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-011",
    slug: "host-ipc-namespace",
    title: "Container shares the host's IPC namespace",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.17"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Containers],
    rationale: "In the host's IPC namespace the container can read and write the host's shared \
        memory segments, semaphores and message queues, which other processes use to \
        exchange data. Judged on every container, whatever its state: the setting applies at \
        each start.",
    remediation: "Remove `--ipc host` from `docker run` (compose: remove `ipc: host`); the default gives the container its own namespace.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let mode = &c.host_config.ipc_mode;
        if !shares_host_namespace(mode) {
            return vec![];
        }
        vec![Finding::new(
            container_subject(c),
            format!("shares the host's IPC namespace (HostConfig.IpcMode is {mode:?})"),
            Evidence::new(
                inspect_field("HostConfig.IpcMode"),
                mode.as_str(),
                "not \"host\"",
            ),
        )]
    })
}
