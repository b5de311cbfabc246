//! RES-206: the devicemapper base device size is changed (CIS 2.11).

use crate::checks::support::daemon::{podman_na, setting, setting_source};
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Severity, Subject};
use crate::facts::daemon::Setting;

pub static CHECK: Check = Check {
    id: "RES-206",
    slug: "base-device-size-changed",
    title: "Storage base device size is changed",
    cis: &["2.11"],
    severity: Severity::Low,
    item: "Limit container resources: storage per container",
    needs: &[Need::Daemon],
    rationale: "A larger base device size (dm.basesize) lets every container's filesystem grow \
        further, and once raised it cannot be lowered: a container can fill the storage pool.",
    remediation: "Remove `dm.basesize` from --storage-opt / \"storage-opts\" unless a workload \
        needs it.",
    references: &["https://docs.docker.com/reference/cli/dockerd/#storage-driver-options"],
    aliases: &["docker-bench 2.11"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(na) = podman_na(ctx, "storage-opt") {
        return na;
    }
    let s = setting(ctx, "storage-opt");
    match &s {
        Setting::Unknown(r) => {
            Outcome::Skipped(format!("the daemon's storage-opts are unknown: {r}"))
        }
        Setting::Default { .. } => Outcome::pass(1),
        Setting::Set { values, .. } => {
            let findings: Vec<Finding> = values
                .iter()
                .filter(|v| v.trim_start().starts_with("dm.basesize"))
                .map(|v| {
                    Finding::new(
                        Subject::daemon(),
                        format!("the base device size is set: {v}"),
                        Evidence::new(setting_source(&s), v.clone(), "dm.basesize not set"),
                    )
                })
                .collect();
            Outcome::from_findings(1, findings, "")
        }
    }
}
