//! RES-207: containers may gain new privileges by default (CIS 2.14).

use crate::checks::support::daemon::judge_bool;
use crate::checks::{Check, Ctx, Need, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-207",
    slug: "daemon-no-new-privileges-off",
    title: "Containers may acquire new privileges by default",
    cis: &["2.14"],
    severity: Severity::Medium,
    item: "Kernel calls and capabilities limited: no-new-privileges set",
    needs: &[Need::Daemon],
    rationale: "Without no-new-privileges a process in a container can gain privileges through \
        setuid/setgid binaries or file capabilities. The daemon default applies it to every \
        container that does not opt out.",
    remediation: "Set `\"no-new-privileges\": true` in /etc/docker/daemon.json (or \
        `--no-new-privileges`) and restart the engine.",
    references: &["https://docs.docker.com/reference/cli/dockerd/"],
    aliases: &["docker-bench 2.14"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_bool(
        ctx,
        "no-new-privileges",
        false,
        true,
        "containers may gain new privileges by default",
    )
}
