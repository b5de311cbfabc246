//! RES-028: containers on the default bridge network docker0 (CIS 5.30).

use crate::checks::runtime_rules::uses_default_bridge;
use crate::checks::support::container::judge_all;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_all(ctx, |c| {
        let mode = c.host_config.network_mode.as_str();
        let names: Vec<&str> = c
            .network_settings
            .networks
            .iter()
            .flatten()
            .map(|(k, _)| k.as_str())
            .collect();
        if !uses_default_bridge(mode, names.iter().copied()) {
            return vec![];
        }
        let observed = format!("NetworkMode={mode:?} Networks={names:?}");
        vec![Finding::new(
            container_subject(c),
            format!("is on the default bridge network ({observed})"),
            Evidence::new(
                inspect_field("HostConfig.NetworkMode, NetworkSettings.Networks"),
                observed,
                "a user-defined network",
            ),
        )]
    })
}
