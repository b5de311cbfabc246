//! HOST-001: the engine's data root is not on its own partition (CIS 1.1.1).

use crate::checks::support::daemon::setting;
use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};
use crate::facts::daemon::Setting;

crate::checks::meta!();

/// The data root and where its value came from.
pub fn data_root(ctx: &Ctx) -> Result<(String, String), String> {
    if let Some(e) = ctx.facts.engine.get() {
        if !e.info.docker_root_dir.is_empty() {
            return Ok((
                e.info.docker_root_dir.clone(),
                "engine: /info DockerRootDir".into(),
            ));
        }
    }
    match setting(ctx, "data-root") {
        Setting::Set { values, origin, .. } => {
            Ok((values.last().cloned().unwrap_or_default(), origin))
        }
        Setting::Default { origin } => {
            Ok(("/var/lib/docker".into(), format!("default ({origin})")))
        }
        Setting::Unknown(r) => Err(r),
    }
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let mounts = crate::checks::support::host_source!(ctx, mounts, "mount table unavailable");
    let (root, origin) = match data_root(ctx) {
        Ok(v) => v,
        Err(r) => return Outcome::Skipped(format!("the data root is unknown: {r}")),
    };
    let covering = mounts
        .iter()
        .filter(|m| {
            let mp = m.mount_point.trim_end_matches('/');
            mp.is_empty() || root == mp || root.starts_with(&format!("{mp}/"))
        })
        .max_by_key(|m| m.mount_point.len());
    let Some(m) = covering else {
        return Outcome::Skipped(format!("no mount in the mount table covers {root}"));
    };
    let observed = format!(
        "{} is on {} ({} {})",
        root, m.mount_point, m.device, m.fs_type
    );
    // A bind mount of the root filesystem (dockerd bind-mounts its own data
    // root on some setups) shows the root's device: not a separate partition.
    let root_dev = mounts
        .iter()
        .rev()
        .find(|r| r.mount_point == "/")
        .map(|r| r.device.as_str());
    let same_device =
        m.mount_point != "/" && root_dev == Some(m.device.as_str()) && m.device.starts_with('/');
    if m.mount_point == "/" || same_device {
        Outcome::fail(vec![Finding::new(
            Subject::file(&root),
            if same_device {
                format!(
                        "the data root {root} is a mount of the root filesystem's device {} (a bind mount, not a separate partition)",
                        m.device
                    )
            } else {
                format!(
                    "the data root {root} is on the root filesystem (device {})",
                    m.device
                )
            },
            Evidence::new(
                format!("host: /proc mounts; data root from {origin}"),
                observed,
                format!("a separate mount at {root} or a parent other than /"),
            ),
        )])
    } else {
        Outcome::pass(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::host::{HostFacts, Mount};
    use crate::facts::{Facts, Source};

    fn facts(mounts: &[&str], root: &str) -> Facts {
        let mut f = Facts::new();
        f.host = Source::Present(HostFacts {
            mounts: Source::Present(
                mounts
                    .iter()
                    .map(|m| {
                        let (mp, dev) = m.split_once('=').unwrap_or((m, "/dev/x"));
                        Mount {
                            mount_point: mp.to_string(),
                            device: if mp == "/" {
                                "/dev/root".into()
                            } else {
                                dev.to_string()
                            },
                            ..Default::default()
                        }
                    })
                    .collect(),
            ),
            ..Default::default()
        });
        let mut e = crate::facts::EngineFacts::default();
        e.info.docker_root_dir = root.into();
        f.engine = Source::Present(e);
        f
    }

    #[test]
    fn prefix_is_path_aware() {
        let cfg = AuditConfig::default();
        // /var/lib/docker-other is not /var/lib/docker.
        let f = facts(&["/", "/var/lib/docker-other"], "/var/lib/docker");
        assert!(matches!(
            evaluate(&Ctx::new(&f, &cfg)),
            Outcome::Fail { .. }
        ));
        let f = facts(&["/", "/var/lib"], "/var/lib/docker");
        assert!(matches!(
            evaluate(&Ctx::new(&f, &cfg)),
            Outcome::Pass { .. }
        ));
        // A bind mount of the root device at the data root is no partition.
        let f = facts(&["/", "/var/lib/docker=/dev/root"], "/var/lib/docker");
        assert!(matches!(
            evaluate(&Ctx::new(&f, &cfg)),
            Outcome::Fail { .. }
        ));
    }
}
