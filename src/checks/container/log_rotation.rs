//! MON-101: containers logging with json-file without rotation
//! (LogConfig.Config has no max-size): the log file grows until the disk is
//! full. The `local` driver rotates by default unless told otherwise.

use crate::checks::support::container::judge_log_drivers;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_log_drivers(ctx, |c, d, findings, _| {
        if d != "json-file" && d != "local" {
            return;
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
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::container::testing::outcome_on_containers;
    use crate::checks::Outcome;

    #[test]
    fn a_container_without_a_driver_is_not_judged_not_passed() {
        let out = outcome_on_containers(
            &super::CHECK,
            serde_json::json!([
                {"Id": "a1a1a1a1a1a1", "Name": "/rotated", "HostConfig":
                    {"LogConfig": {"Type": "json-file", "Config": {"max-size": "10m"}}}},
                {"Id": "b2b2b2b2b2b2", "Name": "/unknown", "HostConfig": {}}
            ]),
        );
        let Outcome::Pass { observations, .. } = &out else {
            panic!("{out:?}");
        };
        let unjudged: Vec<_> = observations
            .iter()
            .filter(|o| o.not_judged_reason().is_some())
            .map(|o| o.subject.name.as_str())
            .collect();
        assert_eq!(unjudged, ["unknown"], "{out:?}");
    }
}
