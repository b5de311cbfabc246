//! USER-100: containers whose processes run as root (CIS 4.1, as Docker
//! Bench audits it on containers). Judges Config.User and, when known, the
//! real uid of the container's processes as the host sees them.

use crate::checks::support::container::judge_specs;
use crate::checks::support::{container_subject, inspect_field, Identity, UserSpec};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Severity};
use crate::facts::engine::ProcessInfo;
use crate::facts::Container;
use crate::subject::ContainerSpec;

crate::checks::meta!();

/// The uid a process runs as on the host: real or effective uid 0 counts as
/// root; a host user name from the top endpoint is only known for "root" or
/// a number.
fn process_uid(p: &ProcessInfo) -> Option<u32> {
    if p.uid == Some(0) || p.euid == Some(0) {
        return Some(0);
    }
    if let Some(u) = p.uid.or(p.euid) {
        return Some(u);
    }
    match p.user.trim() {
        "root" => Some(0),
        u if !u.is_empty() && u.bytes().all(|b| b.is_ascii_digit()) => u.parse().ok(),
        _ => None,
    }
}

fn describe(p: &ProcessInfo) -> String {
    let cmd = p.command.split_whitespace().next().unwrap_or("?");
    let src = if p.source.is_empty() {
        "host"
    } else {
        &p.source
    };
    format!("pid {} `{cmd}` ({src})", p.pid)
}

/// Whether the daemon remaps user namespaces and this container takes part.
fn userns(ctx: &Ctx, c: &Container) -> Option<bool> {
    let engine = ctx.facts.engine.get()?;
    let daemon_remap = engine
        .info
        .security_options
        .iter()
        .any(|o| o.split(',').any(|kv| kv == "name=userns"));
    Some(daemon_remap && c.host_config.userns_mode != "host")
}

fn configured(user: &str) -> String {
    if user.trim().is_empty() {
        "\"\" (unset: the image default, root)".to_string()
    } else {
        format!("{user:?}")
    }
}

/// An engine container: its configured user, and the real uid of its
/// processes when they could be read (they override the configuration).
fn judge_engine(ctx: &Ctx, c: &Container) -> (Vec<Finding>, Vec<Observation>) {
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    let spec = UserSpec::parse(&c.config.user);
    let identity = spec.identity();
    let known: Vec<(&ProcessInfo, u32)> = c
        .processes
        .iter()
        .flatten()
        .filter_map(|p| process_uid(p).map(|u| (p, u)))
        .collect();
    let remap = userns(ctx, c);
    let subject = container_subject(c);
    if let Some((p, _)) = known.iter().find(|(_, u)| *u == 0) {
        let msg = if identity == Identity::Root {
            format!(
                "runs as root: configured user {} and {} runs as host uid 0",
                configured(&c.config.user),
                describe(p)
            )
        } else {
            format!(
                "runs as root on the host although the configured user is {}: {} runs as uid 0",
                configured(&c.config.user),
                describe(p)
            )
        };
        findings.push(Finding::new(
            subject,
            msg,
            Evidence::new(
                format!(
                    "engine: container processes ({}) real/effective uid; {}",
                    if p.source.is_empty() {
                        "host"
                    } else {
                        &p.source
                    },
                    inspect_field("Config.User")
                ),
                format!(
                    "uid 0 ({}); Config.User {}",
                    describe(p),
                    configured(&c.config.user)
                ),
                "every process of the container runs as a non-zero host uid",
            ),
        ));
        return (findings, observations);
    }
    if identity == Identity::Root {
        let host_uid = known.first().map(|(_, u)| *u);
        if host_uid.is_some() || remap == Some(true) {
            let msg = match (remap, host_uid) {
                (Some(true), Some(uid)) => format!(
                    "runs as root inside the container (configured user {}); the daemon \
                         remaps user namespaces and its processes run as host uid {uid}",
                    configured(&c.config.user)
                ),
                (Some(true), None) => format!(
                    "runs as root inside the container (configured user {}); the daemon \
                         remaps user namespaces (Info.SecurityOptions name=userns), so root \
                         maps to an unprivileged host uid",
                    configured(&c.config.user)
                ),
                (_, uid) => format!(
                    "starts as root (configured user {}) but its processes run as host uid \
                         {} (privileges dropped after start, or a rootless engine)",
                    configured(&c.config.user),
                    uid.unwrap_or_default()
                ),
            };
            findings.push(
                Finding::new(
                    subject,
                    msg,
                    Evidence::new(
                        format!(
                            "{}; engine: info SecurityOptions; {}",
                            inspect_field("Config.User"),
                            inspect_field("HostConfig.UsernsMode")
                        ),
                        format!(
                            "Config.User {}; UsernsMode {:?}; {}",
                            configured(&c.config.user),
                            c.host_config.userns_mode,
                            match host_uid {
                                Some(u) => format!("processes at host uid {u}"),
                                None => "userns-remap enabled".to_string(),
                            }
                        ),
                        "a non-root user inside the container as well",
                    ),
                )
                .with_severity(Severity::Low),
            );
        } else {
            let remap_note = match remap {
                Some(false) => "no user-namespace remapping",
                _ => "user-namespace remapping unknown (engine facts unavailable)",
            };
            findings.push(Finding::new(
                subject,
                format!(
                    "runs as root: configured user {} ({remap_note})",
                    configured(&c.config.user)
                ),
                Evidence::new(
                    inspect_field("Config.User"),
                    format!("{}; {remap_note}", configured(&c.config.user)),
                    "a non-root user, e.g. \"1000:1000\"",
                ),
            ));
        }
        return (findings, observations);
    }
    if identity == Identity::Named && known.is_empty() {
        observations.push(Observation {
            subject,
            message: format!(
                "configured user {:?} is a name: its uid comes from the image's /etc/passwd \
                     and was taken as non-root",
                c.config.user
            ),
            source: inspect_field("Config.User"),
        });
    }
    (findings, observations)
}

/// A compose service or workload container: the user it is configured to
/// run as (a Kubernetes runAsNonRoot makes the kubelet refuse root).
fn judge_config(s: &ContainerSpec) -> Vec<Finding> {
    let u = &s.user;
    match u.value.as_deref() {
        Some(v) if UserSpec::parse(v).identity() == Identity::Root => vec![s.finding(
            format!("runs as root ({} is {v:?})", u.from.key),
            u.from.evidence(v, "a non-root user"),
        )],
        Some(_) => Vec::new(),
        None if s.run_as_non_root.value == Some(true) => Vec::new(),
        None => vec![s
            .finding(
                format!(
                    "sets no user ({} absent): the image's USER decides (root unless the image \
                     sets another)",
                    u.from.key
                ),
                u.from.evidence("absent", "a non-root uid"),
            )
            .with_severity(Severity::Low)],
    }
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let notes = std::cell::RefCell::new(Vec::new());
    let outcome = judge_specs(ctx, |s| {
        Ok(match s.container {
            Some(c) => {
                let (f, o) = judge_engine(ctx, c);
                notes.borrow_mut().extend(o);
                f
            }
            None => judge_config(s),
        })
    });
    outcome.with_observations(notes.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::{EngineFacts, Facts, Source};

    fn container(user: &str, procs: Option<Vec<ProcessInfo>>) -> Container {
        let mut c = Container {
            id: "abcdef0123456789".into(),
            name: "/c".into(),
            ..Default::default()
        };
        c.config.user = user.into();
        c.processes = procs;
        c
    }

    fn run(cs: Vec<Container>, userns: bool) -> Outcome {
        let mut facts = Facts::new();
        facts.containers = Source::Present(cs);
        let mut engine = EngineFacts::default();
        if userns {
            engine.info.security_options =
                vec!["name=seccomp,profile=default".into(), "name=userns".into()];
        }
        facts.engine = Source::Present(engine);
        let cfg = AuditConfig::default();
        evaluate(&Ctx::new(&facts, &cfg))
    }

    fn proc(uid: u32) -> ProcessInfo {
        ProcessInfo {
            pid: 42,
            uid: Some(uid),
            euid: Some(uid),
            command: "nginx: master".into(),
            source: "procfs".into(),
            ..Default::default()
        }
    }

    fn findings(o: &Outcome) -> Vec<Finding> {
        match o {
            Outcome::Fail { findings, .. } => findings.clone(),
            _ => vec![],
        }
    }

    #[test]
    fn root_spellings_fail() {
        for u in ["", "root", "0", "00", "0:0", "root:x"] {
            let o = run(vec![container(u, None)], false);
            let f = findings(&o);
            assert_eq!(f.len(), 1, "{u:?}: {o:?}");
            assert_eq!(f[0].severity, None);
        }
    }

    #[test]
    fn non_root_passes_and_named_is_observed() {
        let o = run(vec![container("1000:1000", None)], false);
        assert!(matches!(o, Outcome::Pass { checked: 1, .. }));
        let o = run(vec![container("app", None)], false);
        match o {
            Outcome::Pass { observations, .. } => {
                assert!(observations[0].message.contains("\"app\""))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn real_uid_overrides_configuration() {
        // Configured as a name, running as host uid 0.
        let o = run(
            vec![container("app", Some(vec![proc(1000), proc(0)]))],
            false,
        );
        let f = findings(&o);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("uid 0"), "{}", f[0].message);
        // Configured numeric non-root but a setuid process is euid 0.
        let mut p = proc(1000);
        p.euid = Some(0);
        assert_eq!(
            findings(&run(vec![container("1000", Some(vec![p]))], false)).len(),
            1
        );
        // Top endpoint names: "root" is uid 0, other names unknown.
        let p = ProcessInfo {
            user: "root".into(),
            ..Default::default()
        };
        assert_eq!(
            findings(&run(vec![container("1000", Some(vec![p]))], false)).len(),
            1
        );
        let p = ProcessInfo {
            user: "cloudsdk".into(),
            ..Default::default()
        };
        assert!(matches!(
            run(vec![container("1000", Some(vec![p]))], false),
            Outcome::Pass { .. }
        ));
    }

    #[test]
    fn userns_remap_lowers_severity_but_still_reports() {
        let o = run(vec![container("", None)], true);
        let f = findings(&o);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Some(Severity::Low));
        assert!(f[0].message.contains("remaps"), "{}", f[0].message);
        // Root with processes at a mapped host uid.
        let o = run(vec![container("root", Some(vec![proc(100000)]))], true);
        let f = findings(&o);
        assert_eq!(f[0].severity, Some(Severity::Low));
        assert!(f[0].message.contains("100000"));
        // No remapping, root configured, processes at 999: privileges dropped.
        let f = findings(&run(vec![container("", Some(vec![proc(999)]))], false));
        assert_eq!(f[0].severity, Some(Severity::Low));
        assert!(f[0].message.contains("dropped"), "{}", f[0].message);
        // Opting out of remapping (--userns=host) is full root.
        let mut c = container("0", None);
        c.host_config.userns_mode = "host".into();
        assert_eq!(findings(&run(vec![c], true))[0].severity, None);
    }
}
