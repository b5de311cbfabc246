//! RES-011: containers sharing the host's IPC namespace (CIS 5.17).

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-011",
    slug: "host-ipc-namespace",
    title: "Container shares the host's IPC namespace",
    cis: &["5.17"],
    severity: Severity::High,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    rationale: "In the host's IPC namespace the container can read and write the host's shared \
        memory segments, semaphores and message queues, which other processes use to \
        exchange data. Judged on every container, whatever its state: the setting applies at \
        each start.",
    remediation: "Remove `--ipc host` from `docker run` (compose: remove `ipc: host`); the default gives the container its own namespace. \
        Kubernetes: remove `hostIPC: true`.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &["COMPOSE-009"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, "IPC", |s| &s.ipc_mode)
}
