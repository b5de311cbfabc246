//! RES-015: containers without CPU shares or a CPU quota (CIS 5.12).

use crate::checks::runtime_rules::cpu_unlimited;
use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-015",
    slug: "cpu-unlimited",
    title: "Container has no CPU priority or limit",
    cis: &["5.12"],
    severity: Severity::Medium,
    item: "Memory, CPU, pids and ulimit limits set; restart policy bounded",
    rationale: "With CPU shares at the default (0 or 1024) and no CPU quota, every \
        container competes equally for the host's CPUs and a busy one can starve the \
        others. A relative weight (CpuShares other than 1024) or a hard limit (NanoCpus or \
        CpuQuota) satisfies the control; a cpuset alone does not. Judged on every \
        container, whatever its state.",
    remediation: "Set a weight or a limit: `docker run --cpu-shares 512` or `--cpus 1.5` \
        (compose: `cpu_shares: 512`, `cpus: 1.5` or `deploy.resources.limits.cpus: \
        '1.5'`). \
        Kubernetes: `resources.limits.cpu`.",
    references: &["https://docs.docker.com/engine/containers/resource_constraints/#cpu"],
    aliases: &["COMPOSE-013"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        if !cpu_unlimited(s.cpu_shares.value, s.nano_cpus.value, s.cpu_quota.value) {
            return Ok(vec![]);
        }
        let show = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_else(|| "absent".into());
        let observed = format!(
            "{}={} {}={} {}={}",
            s.cpu_shares.from.key,
            show(s.cpu_shares.value),
            s.nano_cpus.from.key,
            show(s.nano_cpus.value),
            s.cpu_quota.from.key,
            show(s.cpu_quota.value)
        );
        Ok(vec![s.finding(
            format!("has neither CPU shares nor a CPU limit ({observed})"),
            s.nano_cpus
                .from
                .evidence(observed, "CPU shares other than 0/1024, or a CPU limit > 0"),
        )])
    })
}
