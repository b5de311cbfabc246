//! RES-012: containers sharing the host's UTS namespace (CIS 5.21).

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-012",
    slug: "host-uts-namespace",
    title: "Container shares the host's UTS namespace",
    cis: &["5.21"],
    severity: Severity::Medium,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    rationale: "In the host's UTS namespace the container shares the host's hostname and domain name \
        and, with enough privilege, can change them for the whole host. Judged on every \
        container, whatever its state: the setting applies at each start.",
    remediation: "Remove `--uts host` from `docker run` (compose: remove `uts: host`); the default gives the container its own namespace. \
        Kubernetes: remove `hostNetwork: true` (it shares the UTS namespace too).",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &["COMPOSE-010"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, "UTS", |s| &s.uts_mode)
}
