//! RES-004: sensitive host directories mounted into containers (CIS 5.6).

use crate::checks::runtime_rules::is_sensitive_host_path;
use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Severity};
use crate::subject::spelling::normalize_host_path;

pub static CHECK: Check = Check {
    id: "RES-004",
    slug: "sensitive-host-path-mounted",
    title: "Container mounts a sensitive host directory",
    cis: &["5.6"],
    severity: Severity::High,
    item: "Kernel calls and capabilities limited: not privileged, no host devices",
    rationale: "A bind mount of /, /boot, /dev, /etc, /lib, /proc, /sys, /usr, /bin, /sbin, \
        /root, /run, /var/run or the engine's data directories (or a path under them, or a \
        parent such as /var) hands the container the host's configuration, binaries, \
        devices or engine socket; read-write it can change them. Read-write mounts are high \
        severity, read-only medium. Paths are compared after lexical normalisation (`//etc/`, \
        `/etc/../etc`); symbolic links on the host are not resolved. Bind mounts are read \
        from Mounts, HostConfig.Binds and HostConfig.Mounts; named volumes are not judged. \
        Judged on every container, whatever its state.",
    remediation: "Remove the `-v /host/path:...` or `--mount type=bind,source=/host/path,...` \
        flag (compose: the entry under `volumes:`); mount only the application's own \
        directory, read-only where possible (`:ro`, compose `read_only: true` in the long \
        syntax). \
        Kubernetes: replace the `hostPath` volume with a ConfigMap, Secret or PersistentVolume.",
    references: &["https://docs.docker.com/engine/storage/bind-mounts/"],
    aliases: &["COMPOSE-004"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        Ok(s.mounts
            .items
            .iter()
            .filter(|m| m.value.kind == "bind")
            .filter_map(|v| {
                let m = &v.value;
                let dir = is_sensitive_host_path(&m.source)?;
                let src = normalize_host_path(&m.source);
                let how = if src == dir {
                    String::new()
                } else if src.starts_with(dir) || dir == "/" {
                    format!(", under {dir}")
                } else {
                    format!(", which contains {dir}")
                };
                let sev = if m.read_only {
                    Severity::Medium
                } else {
                    Severity::High
                };
                Some(
                    s.finding(
                        format!(
                            "mounts host path {} at {} {}{how}",
                            m.source,
                            m.destination,
                            m.access()
                        ),
                        v.from.evidence(
                            format!("{}:{} ({})", m.source, m.destination, m.access()),
                            "no bind mount of a sensitive host directory",
                        ),
                    )
                    .with_severity(sev),
                )
            })
            .collect())
    })
}
