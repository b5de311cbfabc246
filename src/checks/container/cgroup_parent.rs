//! RES-019: containers placed under a non-default cgroup parent (CIS 5.25).

use crate::checks::runtime_rules::cgroup_parent_nondefault;
use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Need, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "RES-019",
    slug: "cgroup-parent-custom",
    title: "Container runs under a non-default cgroup parent",
    scope: Scope::Container,
    cis: &["5.25"],
    severity: Severity::Low,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::ContainerSpecs],
    rationale: "`--cgroup-parent` moves a container out of the engine's cgroup tree, so the \
        limits and accounting set there no longer apply to it. CIS 5.25 asks that such a \
        placement be confirmed: each finding is a container (or compose service) to \
        confirm, not proof of a fault. The engine default (empty, /docker, system.slice) passes. Judged on every \
        container, whatever its state.",
    remediation: "Remove `--cgroup-parent` (compose: `cgroup_parent:`) unless the parent is \
        a deliberate, documented part of the host's resource plan.",
    references: &["https://docs.docker.com/reference/cli/docker/container/run/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let p = &s.cgroup_parent;
        let Some(parent) = p.value.as_deref().filter(|v| cgroup_parent_nondefault(v)) else {
            return Ok(vec![]);
        };
        Ok(vec![s.finding(
            format!("runs under cgroup parent {parent:?}: confirm it is intended"),
            p.from.evidence(parent, "the engine default (empty)"),
        )])
    })
}
