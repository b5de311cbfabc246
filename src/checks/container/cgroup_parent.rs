//! RES-019: containers placed under a non-default cgroup parent (CIS 5.25).

use crate::checks::runtime_rules::cgroup_parent_nondefault;
use crate::checks::support::container::judge_all;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "RES-019",
    slug: "cgroup-parent-custom",
    title: "Container runs under a non-default cgroup parent",
    scope: Scope::Host,
    cis: &["5.25"],
    severity: Severity::Low,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::Containers],
    rationale: "`--cgroup-parent` moves a container out of the engine's cgroup tree, so the \
        limits and accounting set there no longer apply to it. CIS 5.25 asks that such a \
        placement be confirmed: each finding is a container to confirm, not proof of a \
        fault. The engine default (empty, /docker, system.slice) passes. Judged on every \
        container, whatever its state.",
    remediation: "Remove `--cgroup-parent` (compose: `cgroup_parent:`) unless the parent is \
        a deliberate, documented part of the host's resource plan.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let parent = &c.host_config.cgroup_parent;
        if !cgroup_parent_nondefault(parent) {
            return vec![];
        }
        vec![Finding::new(
            container_subject(c),
            format!("runs under cgroup parent {parent:?}: confirm it is intended"),
            Evidence::new(
                inspect_field("HostConfig.CgroupParent"),
                parent.as_str(),
                "the engine default (empty)",
            ),
        )]
    })
}
