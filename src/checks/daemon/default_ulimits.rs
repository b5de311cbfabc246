//! RES-204: the daemon's default ulimits are appropriate (CIS 2.8; manual,
//! the effective setting is reported).

use crate::checks::support::daemon::{setting, setting_observed};
use crate::checks::{Check, Ctx, Mode, Need, Observation, Outcome, Severity, Subject};

pub static CHECK: Check = Check {
    id: "RES-204",
    slug: "default-ulimits",
    title: "Daemon default ulimits not confirmed appropriate",
    cis: &["2.8"],
    severity: Severity::Low,
    mode: Mode::Manual,
    item: "Memory, CPU, pids and ulimit limits set",
    needs: &[Need::Daemon],
    rationale: "Default ulimits (open files, processes) bound what one container can take from \
        the host when its own run flags set none; without them containers inherit the daemon's \
        limits, which are usually very high.",
    remediation: "Set defaults suited to the workloads in /etc/docker/daemon.json, e.g. \
        `\"default-ulimits\": {\"nofile\": {\"Name\": \"nofile\", \"Soft\": 1024, \"Hard\": 4096}, \
        \"nproc\": {\"Name\": \"nproc\", \"Soft\": 1024, \"Hard\": 2048}}`.",
    references: &["https://docs.docker.com/reference/cli/dockerd/#default-ulimit-settings"],
    aliases: &["docker-bench 2.8"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let s = setting(ctx, "default-ulimit");
    Outcome::manual(
        "Ask which default ulimits the workloads need (nofile, nproc) and compare with the \
         daemon's default-ulimits below; unset means containers inherit the daemon's limits.",
    )
    .with_observations(vec![Observation {
        subject: Subject::daemon(),
        message: format!(
            "default-ulimits: {}",
            setting_observed(&s, "none: the daemon's own limits")
        ),
        source: s.origin(),
    }])
}
