//! RES-006: host ports below 1024 published (CIS 5.8).

use crate::checks::runtime_rules::is_privileged_host_port;
use crate::checks::support::container::judge_specs;
use crate::checks::support::container::port_finding;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        Ok(port_finding(
            s,
            |p| is_privileged_host_port(&p.host_port),
            "publishes privileged host port(s)",
            "host ports from 1024 up",
        ))
    })
}
