//! RES-015: containers without CPU shares or a CPU quota (CIS 5.12).

use crate::checks::runtime_rules::cpu_unlimited;
use crate::checks::support::container::judge_specs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

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
