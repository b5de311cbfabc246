//! RES-021: host devices exposed to containers (CIS 5.18).

use crate::checks::runtime_rules::device_permissions_writable;
use crate::checks::support::container::{engine_observations, judge_specs, privileged_finding};
use crate::checks::{Ctx, Outcome, Severity};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    // Device requests (--gpus) are engine facts only.
    let observations = engine_observations(ctx, "HostConfig.DeviceRequests", |c| {
        let n = c.host_config.device_requests.as_ref().map_or(0, Vec::len);
        (n > 0).then(|| format!("requests {n} device(s) through a device driver (e.g. --gpus)"))
    });
    judge_specs(ctx, |s| {
        // A privileged container sees every host device.
        let privileged = privileged_finding(s, "has every host device");
        let privileged = privileged.map(|f| f.with_severity(Severity::High));
        Ok(privileged
            .into_iter()
            .chain(s.devices.items.iter().map(|v| {
                let d = &v.value;
                let perms = if d.permissions.is_empty() {
                    "rwm"
                } else {
                    d.permissions.as_str()
                };
                let sev = if device_permissions_writable(perms) {
                    Severity::High
                } else {
                    Severity::Medium
                };
                let f = if d.cgroup_rule {
                    s.finding(
                        format!("has device cgroup rule {:?}", d.host),
                        v.from.evidence(d.host.clone(), "no device cgroup rules"),
                    )
                } else {
                    s.finding(
                        format!(
                            "has host device {} at {} with permissions {perms}",
                            d.host, d.container
                        ),
                        v.from.evidence(
                            format!("{}:{}:{perms}", d.host, d.container),
                            "no host devices",
                        ),
                    )
                };
                f.with_severity(sev)
            }))
            .collect())
    })
    .with_observations(observations)
}
