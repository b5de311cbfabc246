//! RES-002: dangerous capabilities added with `--cap-add` (CIS 5.4).

use super::judge_all;
use crate::checks::runtime_rules::{dangerous_caps, other_added_caps};
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{
    Check, Ctx, Evidence, Finding, Mode, Need, Observation, Outcome, Scope, Section, Severity,
};

pub static CHECK: Check = Check {
    id: "RES-002",
    slug: "dangerous-capability-added",
    title: "Container adds a dangerous capability",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.4"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Kernel calls and capabilities limited: capabilities dropped",
    needs: &[Need::Containers],
    rationale: "Capabilities such as ALL, SYS_ADMIN, SYS_MODULE, SYS_RAWIO (critical), \
        SYS_PTRACE, DAC_READ_SEARCH, NET_ADMIN, BPF, PERFMON, SYS_TIME, MAC_ADMIN (high) give \
        root in the container known paths to the host: mounting, loading kernel modules, \
        reading host files by handle, tracing other processes, rewriting the network. Names \
        are compared without the CAP_ prefix and case. Other non-default capabilities are \
        listed as observations to confirm. Judged on every container, whatever its state.",
    remediation: "Remove the `--cap-add` flag (compose: the entry under `cap_add:`); start \
        from `--cap-drop ALL` and add back only what the process needs, e.g. `--cap-add \
        NET_BIND_SERVICE`.",
    references: &[
        "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
    ],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut observations = Vec::new();
    for c in ctx.facts.containers() {
        let added = c.host_config.cap_add.as_deref().unwrap_or(&[]);
        let others = other_added_caps(added);
        if !others.is_empty() {
            observations.push(Observation {
                subject: container_subject(c),
                message: format!(
                    "adds non-default capabilities to confirm: {}",
                    others.join(", ")
                ),
                source: inspect_field("HostConfig.CapAdd"),
            });
        }
    }
    judge_all(ctx, |c| {
        let added = c.host_config.cap_add.as_deref().unwrap_or(&[]);
        dangerous_caps(added)
            .into_iter()
            .map(|(cap, sev)| {
                Finding::new(
                    container_subject(c),
                    format!("adds capability {cap} (HostConfig.CapAdd is {added:?})"),
                    Evidence::new(
                        inspect_field("HostConfig.CapAdd"),
                        format!("{added:?}"),
                        "no dangerous capability added",
                    ),
                )
                .with_severity(sev)
            })
            .collect()
    })
    .with_observations(observations)
}
