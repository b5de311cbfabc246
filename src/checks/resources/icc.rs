//! RES-200: inter-container communication on the default bridge is not
//! restricted (CIS 2.2).

use crate::checks::support_daemon::{judge_bool, podman_na, setting};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "RES-200",
    slug: "icc-enabled",
    title: "Inter-container communication on the default bridge is enabled",
    section: Section::Resources,
    scope: Scope::Host,
    cis: &["2.2"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Network restricted: inter-container communication off in the daemon",
    needs: &[Need::Daemon],
    rationale: "With icc enabled every container on the default bridge can reach every other \
        one on any port; a compromised container attacks its neighbours. With icc off only \
        explicit links or user-defined networks connect containers.",
    remediation: "Set `\"icc\": false` in /etc/docker/daemon.json (or `--icc=false`) and \
        restart the engine; connect containers that must talk through user-defined networks.",
    references: &["https://docs.docker.com/engine/network/drivers/bridge/"],
    aliases: &["docker-bench 2.2"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    if let Some(na) = podman_na(ctx, "icc") {
        return na;
    }
    let bridge = setting(ctx, "bridge");
    if bridge.value() == Some("none") {
        return Outcome::NotApplicable(format!(
            "the daemon runs with bridge none ({}): there is no default bridge, so icc has nothing to restrict",
            bridge.origin()
        ));
    }
    judge_bool(
        ctx,
        "icc",
        true,
        false,
        "containers on the default bridge may talk to each other",
    )
}
