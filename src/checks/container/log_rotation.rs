//! MON-101: containers logging with json-file without rotation
//! (LogConfig.Config has no max-size): the log file grows until the disk is
//! full. The `local` driver rotates by default unless told otherwise.

use crate::checks::support::container::log_driver;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

pub(crate) fn evaluate(ctx: &Ctx) -> Outcome {
    let containers = ctx.facts.containers();
    let mut findings = Vec::new();
    let mut checked = 0;
    for c in containers {
        let Some(d) = log_driver(c) else {
            continue;
        };
        checked += 1;
        if d != "json-file" && d != "local" {
            continue;
        }
        let opts = c
            .host_config
            .log_config
            .as_ref()
            .and_then(|l| l.config.as_ref());
        let max_size = opts.and_then(|o| o.get("max-size")).map(|s| s.trim());
        let unrotated = matches!(
            (d, max_size),
            ("json-file", None) | ("json-file", Some("")) | (_, Some("-1"))
        );
        if unrotated {
            let observed = match max_size {
                Some(v) => format!("Type {d}, max-size {v:?}"),
                None => format!("Type {d}, no max-size"),
            };
            findings.push(Finding::new(
                container_subject(c),
                format!("logs with {d} without rotation ({observed})"),
                Evidence::new(
                    inspect_field("HostConfig.LogConfig.Config"),
                    observed,
                    "max-size set (e.g. 10m) or a central log driver",
                ),
            ));
        }
    }
    if checked == 0 && !containers.is_empty() {
        return Outcome::Skipped("no container reported its log driver".to_string());
    }
    Outcome::from_findings(checked, findings, "no containers on this engine")
}
