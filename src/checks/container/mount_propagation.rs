//! RES-022: mounts with shared propagation (CIS 5.20).

use crate::checks::runtime_rules::is_shared_propagation;
use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-022",
    slug: "shared-mount-propagation",
    title: "Container mount uses shared propagation",
    cis: &["5.20"],
    severity: Severity::Medium,
    item: "Kernel calls and capabilities limited: not privileged, no host devices",
    rationale: "With shared or rshared propagation, mounts made inside the container appear \
        on the host and mounts on the host appear in the container: a container with \
        mount rights can change what the host sees under that path. Read from Mounts, \
        HostConfig.Binds and HostConfig.Mounts. Judged on every container, whatever its \
        state.",
    remediation: "Drop the `shared`/`rshared` option: `-v /src:/dst` or `--mount \
        type=bind,source=/src,target=/dst,bind-propagation=rprivate` (compose long syntax: \
        `bind: {propagation: rprivate}`). \
        Kubernetes: remove `mountPropagation: Bidirectional`.",
    references: &["https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation"],
    aliases: &["COMPOSE-028"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        Ok(s.mounts
            .items
            .iter()
            .filter(|v| is_shared_propagation(&v.value.propagation))
            .map(|v| {
                let m = &v.value;
                // What the input wrote (Kubernetes: Bidirectional), else the
                // engine's option name.
                let how = v
                    .from
                    .written
                    .clone()
                    .unwrap_or_else(|| m.propagation.clone());
                s.finding(
                    format!(
                        "mounts {} at {} with {how} propagation",
                        m.source, m.destination
                    ),
                    v.from.evidence(
                        format!("{}:{} propagation={how}", m.source, m.destination),
                        "private, rprivate, slave or rslave",
                    ),
                )
            })
            .collect())
    })
}
