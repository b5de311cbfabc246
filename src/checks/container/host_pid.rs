//! RES-010: containers sharing the host's PID namespace (CIS 5.16).

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-010",
    slug: "host-pid-namespace",
    title: "Container shares the host's process namespace",
    cis: &["5.16"],
    severity: Severity::High,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    rationale: "In the host's PID namespace the container sees every host process with its command \
        line and environment, and root in it can signal or ptrace them. Judged on every \
        container, whatever its state: the setting applies at each start.",
    remediation: "Remove `--pid host` from `docker run` (compose: remove `pid: host`); the default gives the container its own namespace. \
        Kubernetes: remove `hostPID: true`.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &["COMPOSE-008"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, "PID", |s| &s.pid_mode)
}
