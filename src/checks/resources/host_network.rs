//! RES-009: containers sharing the host's network namespace (CIS 5.10).

use super::judge_all;
use crate::checks::runtime_rules::shares_host_namespace;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-009",
    slug: "host-network-namespace",
    title: "Container shares the host's network namespace",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.10"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Containers],
    rationale: "In the host's network namespace the container sees and can bind every host \
        interface, reach services listening on the host's localhost and sniff traffic with \
        NET_RAW; port publishing and network isolation no longer apply. Judged on every \
        container, whatever its state: the setting applies at each start.",
    remediation: "Remove `--network host` from `docker run` (compose: remove `network_mode: host`); the default gives the container its own namespace.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let mode = &c.host_config.network_mode;
        if !shares_host_namespace(mode) {
            return vec![];
        }
        vec![Finding::new(
            container_subject(c),
            format!("shares the host's network namespace (HostConfig.NetworkMode is {mode:?})"),
            Evidence::new(
                inspect_field("HostConfig.NetworkMode"),
                mode.as_str(),
                "not \"host\"",
            ),
        )]
    })
}
