//! RES-205: the daemon's default cgroup parent is changed (CIS 2.10).

use crate::checks::support::daemon::{podman_na, setting, setting_source};
use crate::checks::{Check, Ctx, Evidence, Finding, Need, Outcome, Severity, Subject};
use crate::facts::daemon::Setting;

pub static CHECK: Check = Check {
    id: "RES-205",
    slug: "cgroup-parent-changed",
    title: "Daemon default cgroup parent is changed",
    cis: &["2.10"],
    severity: Severity::Low,
    item: "Memory, CPU, pids limits set: containers in the engine's cgroup",
    needs: &[Need::Daemon],
    rationale: "Containers are placed under the engine's default cgroup unless --cgroup-parent \
        moves them; a changed parent moves every container's resource accounting and limits \
        under a slice that must be confirmed to be intended.",
    remediation: "Remove `--cgroup-parent` / \"cgroup-parent\" unless the slice it names is \
        intended and limited; record the reason if it is kept.",
    references: &["https://docs.docker.com/reference/cli/dockerd/#default-cgroup-parent"],
    aliases: &["docker-bench 2.10"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(na) = podman_na(ctx, "cgroup-parent") {
        return na;
    }
    let s = setting(ctx, "cgroup-parent");
    match &s {
        Setting::Unknown(r) => {
            Outcome::Skipped(format!("the daemon's cgroup-parent is unknown: {r}"))
        }
        Setting::Default { .. } => Outcome::pass(1),
        Setting::Set { values, .. } => Outcome::Fail {
            findings: vec![Finding::new(
                Subject::daemon(),
                format!(
                    "the default cgroup parent is changed to {}",
                    values.join(",")
                ),
                Evidence::new(
                    setting_source(&s),
                    values.join(","),
                    "not set (the engine default)",
                ),
            )],
            observations: vec![],
        },
    }
}
