//! RES-009: containers sharing the host's network namespace (CIS 5.10).

use crate::checks::support::container::judge_host_namespace;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-009",
    slug: "host-network-namespace",
    title: "Container shares the host's network namespace",
    cis: &["5.10"],
    severity: Severity::High,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    rationale: "In the host's network namespace the container sees and can bind every host \
        interface, reach services listening on the host's localhost and sniff traffic with \
        NET_RAW; port publishing and network isolation no longer apply. Judged on every \
        container, whatever its state: the setting applies at each start.",
    remediation: "Remove `--network host` from `docker run` (compose: remove `network_mode: host`); the default gives the container its own namespace. \
        Kubernetes: remove `hostNetwork: true`.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &["COMPOSE-007"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_host_namespace(ctx, "network", |s| &s.network_mode)
}
