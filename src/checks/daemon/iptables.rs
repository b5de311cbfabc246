//! RES-201: the engine may not manage iptables (CIS 2.4).

use crate::checks::support::daemon::judge_bool;
use crate::checks::{Check, Ctx, Need, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-201",
    slug: "iptables-disabled",
    title: "Engine is not allowed to manage iptables",
    cis: &["2.4"],
    severity: Severity::Medium,
    item: "Network restricted: the engine keeps its network isolation rules",
    needs: &[Need::Daemon],
    rationale: "With --iptables=false the engine installs none of its isolation and NAT rules: \
        published ports, icc=false and network isolation then depend on hand-written rules \
        that drift from the engine's state.",
    remediation: "Remove `--iptables=false` from the dockerd command line and `\"iptables\": \
        false` from daemon.json (the default is true), then restart the engine.",
    references: &["https://docs.docker.com/engine/network/packet-filtering-firewalls/"],
    aliases: &["docker-bench 2.4"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_bool(
        ctx,
        "iptables",
        true,
        true,
        "the engine does not manage iptables rules",
    )
}
