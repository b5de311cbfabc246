//! RES-008: published ports listening on every host interface (CIS 5.14).

use crate::checks::runtime_rules::is_all_interfaces;
use crate::checks::support::container::judge_specs;
use crate::checks::support::container::port_finding;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        Ok(port_finding(
            s,
            |p| is_all_interfaces(&p.host_ip),
            "publishes on all host interfaces",
            "a specific host address such as 127.0.0.1",
        ))
    })
}
