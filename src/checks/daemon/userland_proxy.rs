//! RES-209: the userland proxy is enabled (CIS 2.16).

use crate::checks::support::daemon::judge_bool;
use crate::checks::{Check, Ctx, Need, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-209",
    slug: "userland-proxy-enabled",
    title: "Userland proxy is enabled",
    cis: &["2.16"],
    severity: Severity::Low,
    item: "Network restricted: published ports handled by the kernel",
    needs: &[Need::Daemon],
    rationale: "The userland proxy (docker-proxy) runs a process per published port and hides \
        the client's address from the container; hairpin NAT in the kernel does the same job \
        with less attack surface.",
    remediation: "Set `\"userland-proxy\": false` in /etc/docker/daemon.json (or \
        `--userland-proxy=false`) and restart the engine.",
    references: &["https://docs.docker.com/engine/network/packet-filtering-firewalls/"],
    aliases: &["docker-bench 2.16"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_bool(
        ctx,
        "userland-proxy",
        true,
        false,
        "the userland proxy is enabled",
    )
}
