//! RES-012: containers sharing the host's UTS namespace (CIS 5.21).

use super::judge_all;
use crate::checks::runtime_rules::shares_host_namespace;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-012",
    slug: "host-uts-namespace",
    title: "Container shares the host's UTS namespace",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.21"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Network restricted: no host network/pid/ipc/uts namespace sharing",
    needs: &[Need::Containers],
    rationale: "In the host's UTS namespace the container shares the host's hostname and domain name \
        and, with enough privilege, can change them for the whole host. Judged on every \
        container, whatever its state: the setting applies at each start.",
    remediation: "Remove `--uts host` from `docker run` (compose: remove `uts: host`); the default gives the container its own namespace.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let mode = &c.host_config.uts_mode;
        if !shares_host_namespace(mode) {
            return vec![];
        }
        vec![Finding::new(
            container_subject(c),
            format!("shares the host's UTS namespace (HostConfig.UTSMode is {mode:?})"),
            Evidence::new(
                inspect_field("HostConfig.UTSMode"),
                mode.as_str(),
                "not \"host\"",
            ),
        )]
    })
}
