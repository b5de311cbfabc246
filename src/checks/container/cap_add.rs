//! RES-002: dangerous capabilities added with `--cap-add` (CIS 5.4).

use crate::checks::runtime_rules::{dangerous_caps, other_added_caps};
use crate::checks::support::container::{judge_specs, spec_observations};
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-002",
    slug: "dangerous-capability-added",
    title: "Container adds a dangerous capability",
    cis: &["5.4"],
    severity: Severity::High,
    item: "Kernel calls and capabilities limited: capabilities dropped",
    rationale: "Capabilities such as ALL, SYS_ADMIN, SYS_MODULE, SYS_RAWIO (critical), \
        SYS_PTRACE, DAC_READ_SEARCH, NET_ADMIN, BPF, PERFMON, SYS_TIME, MAC_ADMIN (high) give \
        root in the container known paths to the host: mounting, loading kernel modules, \
        reading host files by handle, tracing other processes, rewriting the network. Names \
        are compared without the CAP_ prefix and case. Other non-default capabilities are \
        listed as observations to confirm. Judged on every container, whatever its state.",
    remediation: "Remove the `--cap-add` flag (compose: the entry under `cap_add:`); start \
        from `--cap-drop ALL` and add back only what the process needs, e.g. `--cap-add \
        NET_BIND_SERVICE`. \
        Kubernetes: remove the capability from `securityContext.capabilities.add`.",
    references: &[
        "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
    ],
    aliases: &["COMPOSE-002"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let observations = spec_observations(ctx, |s| {
        let others = other_added_caps(&s.cap_add.strings());
        (!others.is_empty()).then(|| {
            (
                format!(
                    "adds non-default capabilities to confirm: {}",
                    others.join(", ")
                ),
                s.cap_add.from.source(),
            )
        })
    });
    judge_specs(ctx, |s| {
        let added = &s.cap_add;
        Ok(dangerous_caps(&added.strings())
            .into_iter()
            .map(|(cap, sev)| {
                let from = added
                    .items
                    .iter()
                    .find(|v| crate::checks::runtime_rules::normalize_cap(&v.value) == cap)
                    .map_or(&added.from, |v| &v.from);
                s.finding(
                    format!("adds capability {cap} ({} is {})", from.key, added.render()),
                    from.evidence(added.render(), "no dangerous capability added"),
                )
                .with_severity(sev)
            })
            .collect())
    })
    .with_observations(observations)
}
