//! RES-015: containers without CPU shares or a CPU quota (CIS 5.12).

use super::judge_all;
use crate::checks::runtime_rules::cpu_unlimited;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-015",
    slug: "cpu-unlimited",
    title: "Container has no CPU priority or limit",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["5.12"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    needs: &[Need::Containers],
    rationale: "With CPU shares at the default (0 or 1024) and no CPU quota, every \
        container competes equally for the host's CPUs and a busy one can starve the \
        others. A relative weight (CpuShares other than 1024) or a hard limit (NanoCpus or \
        CpuQuota) satisfies the control; a cpuset alone does not. Judged on every \
        container, whatever its state.",
    remediation: "Set a weight or a limit: `docker run --cpu-shares 512` or `--cpus 1.5` \
        (compose: `cpu_shares: 512`, `cpus: 1.5` or `deploy.resources.limits.cpus: \
        '1.5'`).",
    references: &["https://docs.docker.com/engine/containers/resource_constraints/#cpu"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let h = &c.host_config;
        if !cpu_unlimited(h.cpu_shares, h.nano_cpus, h.cpu_quota) {
            return vec![];
        }
        let show = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_else(|| "absent".into());
        let observed = format!(
            "CpuShares={} NanoCpus={} CpuQuota={}",
            show(h.cpu_shares),
            show(h.nano_cpus),
            show(h.cpu_quota)
        );
        vec![Finding::new(
            container_subject(c),
            format!("has neither CPU shares nor a CPU limit ({observed})"),
            Evidence::new(
                inspect_field("HostConfig.CpuShares, HostConfig.NanoCpus, HostConfig.CpuQuota"),
                observed,
                "CpuShares other than 0/1024, or NanoCpus > 0, or CpuQuota > 0",
            ),
        )]
    })
}
