//! Helpers shared by the host and daemon checks: effective daemon options
//! (command line and daemon.json, with /info preferred where the engine
//! reports the value), rootless detection, file ownership and mode
//! judgements, version comparison. Pure functions of the facts.

use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Subject};
use crate::facts::daemon::Setting;
use crate::facts::host::FileStat;
use crate::facts::Source;

/// The effective value of a dockerd option (see `DaemonFacts::setting`);
/// Unknown with the reason when the daemon facts are unavailable.
pub fn setting(ctx: &Ctx, name: &str) -> Setting {
    match &ctx.facts.daemon {
        Source::Present(d) => d.setting(name),
        Source::Unavailable(r) => Setting::Unknown(format!("daemon facts unavailable: {r}")),
    }
}

/// The daemon falls short: one finding on the daemon subject.
pub fn daemon_fail(message: impl Into<String>, evidence: Evidence) -> Outcome {
    Outcome::fail(vec![Finding::new(Subject::daemon(), message, evidence)])
}

/// Evidence source text for a setting.
pub fn setting_source(s: &Setting) -> String {
    match s {
        Setting::Set { origin, .. } if origin.starts_with("file:") => origin.clone(),
        Setting::Set { origin, .. } => format!("process: {origin}"),
        Setting::Default { origin } => format!("process and file: {origin}"),
        Setting::Unknown(r) => format!("unknown: {r}"),
    }
}

/// Renders a setting's value for evidence ("<not set: default X>").
pub fn setting_observed(s: &Setting, default: &str) -> String {
    match s {
        Setting::Set { values, .. } => values
            .iter()
            .map(|v| redact_value(v))
            .collect::<Vec<_>>()
            .join(", "),
        Setting::Default { .. } => format!("not set (engine default: {default})"),
        Setting::Unknown(_) => "unknown".to_string(),
    }
}

/// The engine's /info SecurityOptions, when the engine was read.
pub fn security_options<'a>(ctx: &Ctx<'a>) -> Option<&'a [String]> {
    ctx.facts
        .engine
        .get()
        .map(|e| e.info.security_options.as_slice())
}

pub fn has_security_option(opts: &[String], name: &str) -> bool {
    opts.iter().any(|o| {
        o.split(',')
            .any(|kv| kv == format!("name={name}") || kv == name)
    })
}

/// The daemon runs rootless: from /info SecurityOptions (name=rootless),
/// else from the daemon process uid or --rootless. None when unknown.
pub fn rootless(ctx: &Ctx) -> Option<bool> {
    if let Some(opts) = security_options(ctx) {
        return Some(has_security_option(opts, "rootless"));
    }
    let d = ctx.facts.daemon.get()?;
    if d.setting("rootless").bool_or(false) == Some(true) {
        return Some(true);
    }
    d.process.get().and_then(|p| p.uid).map(|u| u != 0)
}

/// The engine is Podman (its Version.Components name it).
pub fn is_podman(ctx: &Ctx) -> bool {
    ctx.facts.engine.get().is_some_and(|e| {
        e.version
            .components
            .iter()
            .any(|c| c.name.to_ascii_lowercase().contains("podman"))
            || e.version
                .platform
                .as_ref()
                .is_some_and(|p| p.name.to_ascii_lowercase().contains("podman"))
    })
}

/// Mode `mode` is `max` or more restrictive: no bit outside `max`.
pub fn mode_within(mode: u32, max: u32) -> bool {
    mode & 0o7777 & !max == 0
}

pub fn fmt_mode(mode: u32) -> String {
    format!("{:04o}", mode & 0o7777)
}

/// The owner of a file as "user:group" (names from the host's passwd and
/// group files, numbers when unknown).
pub fn owner_text(ctx: &Ctx, f: &FileStat) -> String {
    use crate::facts::host::HostFacts;
    let host = ctx.facts.host.get();
    // A name when the host's files give one, else the number; "?" unknown.
    let named = |id: Option<u32>, name: fn(&HostFacts, u32) -> Option<&str>| {
        id.map_or_else(
            || "?".to_string(),
            |n| {
                host.and_then(|h| name(h, n))
                    .map_or_else(|| n.to_string(), str::to_string)
            },
        )
    };
    let user = named(f.uid, HostFacts::user_name);
    let group = named(f.gid, HostFacts::group_name);
    format!("{user}:{group}")
}

/// Expected ownership of an engine file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Owner {
    /// root:root (uid 0, gid 0).
    RootRoot,
    /// root:docker (the docker group's gid from the host's /etc/group);
    /// root:root is accepted too (no group access at all).
    RootDocker,
}

/// Judges ownership and mode of every file of `role`. Rootless daemons:
/// files owned by the daemon's user are accepted in place of root. A role
/// with no existing file is not applicable, naming the paths looked at.
pub fn judge_files(
    ctx: &Ctx,
    roles: &[&str],
    owner: Owner,
    max_mode: u32,
    what: &str,
    none_reason: &str,
) -> Outcome {
    let host = crate::checks::support::or_skip!(ctx.facts.host.get(), "host facts unavailable");
    let files: Vec<&FileStat> = roles.iter().flat_map(|r| host.files_with_role(r)).collect();
    let daemon_uid = ctx
        .facts
        .daemon
        .get()
        .and_then(|d| d.process.get())
        .and_then(|p| p.uid);
    let rootless = rootless(ctx) == Some(true);
    let mut findings = Vec::new();
    let mut checked = 0;
    let mut unknown = Vec::new();
    let mut observations = Vec::new();
    for f in &files {
        match f.exists {
            Some(true) => {}
            Some(false) => continue,
            None => {
                unknown.push(f.error.clone().unwrap_or_else(|| f.path.clone()));
                continue;
            }
        }
        let (Some(uid), Some(gid), Some(mode)) = (f.uid, f.gid, f.mode) else {
            unknown.push(format!("{}: no owner or mode recorded", f.path));
            continue;
        };
        checked += 1;
        let subject = Subject::file(&f.path);
        let src = format!("host: stat {}", f.path);
        let owner_uid_ok = uid == 0 || (rootless && Some(uid) == daemon_uid);
        let (gid_ok, expected_owner) = match owner {
            Owner::RootRoot => (
                gid == 0 || (rootless && Some(uid) == daemon_uid),
                "root:root".to_string(),
            ),
            Owner::RootDocker => match host.group("docker") {
                Some(g) => (
                    gid == g.gid || gid == 0 || (rootless && Some(uid) == daemon_uid),
                    format!("root:docker (docker gid {})", g.gid),
                ),
                None if host.groups.is_present() => (
                    gid == 0 || (rootless && Some(uid) == daemon_uid),
                    "root:docker (no docker group on this host: root:root)".to_string(),
                ),
                None => {
                    unknown.push(format!(
                        "{}: the docker group's gid is unknown (/etc/group unavailable)",
                        f.path
                    ));
                    continue;
                }
            },
        };
        if !owner_uid_ok || !gid_ok {
            findings.push(Finding::new(
                subject.clone(),
                format!(
                    "{what} {} is owned by {} (uid {uid}, gid {gid})",
                    f.path,
                    owner_text(ctx, f)
                ),
                Evidence::new(
                    format!("{src} owner"),
                    format!("{} ({uid}:{gid})", owner_text(ctx, f)),
                    expected_owner,
                ),
            ));
        }
        // A folder needs its search bit where it may be read (0644 for a
        // unit file is 0755 for its drop-in folder).
        let max_mode = if f.kind == "dir" {
            max_mode | ((max_mode & 0o444) >> 2)
        } else {
            max_mode
        };
        if !mode_within(mode, max_mode) {
            findings.push(Finding::new(
                subject,
                format!(
                    "{what}{} {} has mode {} (bits {} beyond {})",
                    // A unit's drop-in folder, judged with the unit.
                    if f.kind == "dir" && f.role.starts_with("docker.") {
                        " drop-in folder"
                    } else {
                        ""
                    },
                    f.path,
                    fmt_mode(mode),
                    fmt_mode(mode & !max_mode),
                    fmt_mode(max_mode)
                ),
                Evidence::new(
                    format!("{src} mode"),
                    fmt_mode(mode),
                    format!("{} or more restrictive", fmt_mode(max_mode)),
                ),
            ));
        }
    }
    if rootless {
        observations.push(Observation {
            subject: Subject::daemon(),
            message:
                "rootless daemon: files owned by the daemon's user are accepted in place of root"
                    .into(),
            source: "engine: /info SecurityOptions name=rootless (or the dockerd uid)".into(),
        });
    }
    if !unknown.is_empty() && findings.is_empty() {
        return Outcome::Skipped(format!(
            "could not read the state of: {}",
            unknown.join("; ")
        ));
    }
    if checked == 0 && findings.is_empty() {
        let looked: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let mut reason = none_reason.to_string();
        if !looked.is_empty() {
            reason = format!("{reason} (looked at: {})", looked.join(", "));
        }
        if rootless {
            reason.push_str("; rootless daemon: system paths are not used");
        }
        return Outcome::NotApplicable(reason);
    }
    Outcome::from_findings(checked, findings, none_reason).with_observations(observations)
}

/// A version like "20.10.24+dfsg1", "v1.1.5", "1.6.20~ds1" as numbers.
pub fn parse_version(v: &str) -> Option<Vec<u64>> {
    let v = v.trim().trim_start_matches('v');
    let core: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let parts: Vec<u64> = core
        .split('.')
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u64>>>()?;
    (!parts.is_empty()).then_some(parts)
}

pub fn version_lt(a: &[u64], b: &[u64]) -> bool {
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        if x != y {
            return x < y;
        }
    }
    false
}

/// Judges a boolean dockerd option: Pass when its effective value (or the
/// engine default when both command line and daemon.json were read and
/// neither sets it) equals `want`; Skipped when unknown.
pub fn judge_bool(ctx: &Ctx, name: &str, default: bool, want: bool, bad_state: &str) -> Outcome {
    if let Some(na) = podman_na(ctx, name) {
        return na;
    }
    let s = setting(ctx, name);
    let Some(v) = s.bool_or(default) else {
        return Outcome::Skipped(format!(
            "the daemon's {name} setting is unknown: {}",
            s.origin()
        ));
    };
    if v == want {
        return Outcome::pass(1);
    }
    Outcome::fail(vec![Finding::new(
        Subject::daemon(),
        format!(
            "{bad_state} ({name} is {v}{})",
            if matches!(s, Setting::Default { .. }) {
                ", the engine default"
            } else {
                ""
            }
        ),
        Evidence::new(
            setting_source(&s),
            setting_observed(&s, &default.to_string()),
            want.to_string(),
        ),
    )])
}

/// A daemon option value safe to print: `key=value` entries whose value
/// is a secret (e.g. `--log-opt splunk-token=...`) and known token formats
/// are redacted.
pub fn redact_value(value: &str) -> String {
    if let Some((k, v)) = value.split_once('=') {
        if let Some(hit) = crate::secrets::scan_kv(k, v) {
            return format!("{k}={}", hit.redacted);
        }
    }
    match crate::secrets::scan_text(value).into_iter().next() {
        Some(hit) => hit.redacted,
        None => value.to_string(),
    }
}

/// A dockerd command line safe to print (see `redact_value`).
pub fn redact_args(args: &[String]) -> String {
    args.iter()
        .map(|a| redact_value(a))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Judges a dockerd option that passes when left at the engine default:
/// not applicable on Podman, skipped when the daemon's settings could not
/// be read; `set` judges the values it was given (and `s`, where).
pub fn judge_option(
    ctx: &Ctx,
    name: &str,
    set: impl FnOnce(&[String], &Setting) -> Outcome,
) -> Outcome {
    if let Some(na) = podman_na(ctx, name) {
        return na;
    }
    let s = setting(ctx, name);
    match &s {
        Setting::Unknown(r) => {
            Outcome::Skipped(format!("the daemon's {name} setting is unknown: {r}"))
        }
        Setting::Default { .. } => Outcome::pass(1),
        Setting::Set { values, .. } => set(values, &s),
    }
}

/// Not applicable on Podman: it has no dockerd and no such option.
pub fn podman_na(ctx: &Ctx, option: &str) -> Option<Outcome> {
    is_podman(ctx).then(|| {
        Outcome::NotApplicable(format!(
            "the engine is Podman: the dockerd option {option} does not exist there"
        ))
    })
}

/// CIS 1.1.x: the control auditing each engine component the host
/// collector records as an `audit-target` (by its neutral key).
const AUDIT_CONTROLS: &[(&str, &str)] = &[
    ("1.1.3", "/usr/bin/dockerd"),
    ("1.1.4", "/run/containerd"),
    ("1.1.5", "/var/lib/docker"),
    ("1.1.6", "/etc/docker"),
    ("1.1.7", "docker.service"),
    ("1.1.8", "containerd.sock"),
    ("1.1.9", "docker.socket"),
    ("1.1.10", "/etc/default/docker"),
    ("1.1.11", "/etc/docker/daemon.json"),
    ("1.1.12", "/etc/containerd/config.toml"),
    ("1.1.13", "/etc/sysconfig/docker"),
    ("1.1.14", "/usr/bin/containerd"),
    ("1.1.15", "/usr/bin/containerd-shim"),
    ("1.1.16", "/usr/bin/containerd-shim-runc-v1"),
    ("1.1.17", "/usr/bin/containerd-shim-runc-v2"),
    ("1.1.18", "/usr/bin/runc"),
];

/// The CIS control an audit-target file serves; older bundles carry it in
/// the role itself (`audit:<control>`).
fn audit_control(f: &FileStat) -> Option<&str> {
    if let Some(c) = f.role.strip_prefix("audit:") {
        return Some(c);
    }
    let key = f.target.as_deref().filter(|_| f.role == "audit-target")?;
    AUDIT_CONTROLS
        .iter()
        .find(|(_, k)| *k == key)
        .map(|(c, _)| *c)
}

/// An audit rule records changes to `path`: it adds a rule (not `-d`, `-D`
/// or `-W`) whose action is not `never`; its permission filter, when it
/// has one, includes writes (`-p a` alone logs chmod and chown, not a
/// rewritten file); and it names the path
/// itself, or a folder above it by `-w` or `-F dir=` (a `-F path=` rule
/// matches that one inode only).
pub fn audit_rule_covers(r: &crate::facts::host::AuditRule, path: &str) -> bool {
    let Some(w) = r.watch.as_deref() else {
        return false;
    };
    let toks: Vec<&str> = r.text.split_whitespace().collect();
    let adds = match toks.first() {
        Some(&"-w") => true,
        Some(&"-a") | Some(&"-A") => toks
            .get(1)
            .is_some_and(|l| !l.split(',').any(|x| x.trim() == "never")),
        _ => false,
    };
    let records_changes = r.permissions.as_deref().is_none_or(|p| p.contains('w'));
    let w = w.trim_end_matches('/');
    let w = if w.is_empty() { "/" } else { w };
    let exact_only = toks
        .windows(2)
        .any(|t| t[0] == "-F" && t[1].starts_with("path="));
    let under = !exact_only && (w == "/" || path.starts_with(&format!("{w}/")));
    adds && records_changes && (path == w || under)
}

/// Judges the CIS 1.1.x audit rules for the engine paths of `controls`
/// (host files with role `audit:<control>`): each existing path needs a
/// watch on itself or on a folder above it; absent paths are not judged.
pub fn judge_audit(ctx: &Ctx, controls: &[&str]) -> Outcome {
    let mut absent: Vec<String> = Vec::new();
    let host = crate::checks::support::or_skip!(ctx.facts.host.get(), "host facts unavailable");
    let Some(rules) = host.audit_rules.get() else {
        return Outcome::Skipped(format!(
            "audit rules unreadable: {}",
            host.audit_rules.reason().unwrap_or_default()
        ));
    };
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    let mut checked = 0;
    let mut unknown = Vec::new();
    for f in host
        .files
        .iter()
        .filter(|f| audit_control(f).is_some_and(|c| controls.contains(&c)))
    {
        let ctl = audit_control(f).unwrap_or_default();
        match f.exists {
            Some(true) => {}
            Some(false) => {
                absent.push(f.path.clone());
                observations.push(Observation {
                    subject: Subject::file(&f.path),
                    message: format!(
                        "CIS {ctl}: {} does not exist on this host: not judged",
                        f.path
                    ),
                    source: format!("host: stat {}", f.path),
                });
                continue;
            }
            None => {
                unknown.push(f.error.clone().unwrap_or_else(|| f.path.clone()));
                continue;
            }
        }
        checked += 1;
        let covered = rules.iter().find(|r| audit_rule_covers(r, &f.path));
        match covered {
            Some(r) => observations.push(Observation {
                subject: Subject::file(&f.path),
                message: format!("CIS {ctl}: {} is watched by `{}`", f.path, r.text),
                source: format!("file: {}", r.location),
            }),
            None => findings.push(Finding::new(
                Subject::file(&f.path),
                format!("no audit rule watches {} (CIS {ctl})", f.path),
                Evidence::new(
                    "file: /etc/audit/audit.rules, /etc/audit/rules.d/*.rules",
                    format!("{} rules, none for {}", rules.len(), f.path),
                    format!("-w {} -k docker", f.path),
                ),
            )),
        }
    }
    // A path whose state is unknown is not passed.
    if findings.is_empty() && !unknown.is_empty() {
        return Outcome::Skipped(format!("could not stat: {}", unknown.join("; ")));
    }
    observations.push(Observation {
        subject: Subject::host(),
        message: "rules files were read, not the kernel's loaded rules (`auditctl -l`): confirm they are loaded".into(),
        source: "file: /etc/audit".into(),
    });
    Outcome::from_findings(
        checked,
        findings,
        &format!(
            "the path CIS {} names does not exist on this host ({})",
            controls.join(", "),
            absent.join(", ")
        ),
    )
    .with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert!(mode_within(0o644, 0o644));
        assert!(mode_within(0o600, 0o644));
        assert!(mode_within(0o400, 0o444));
        assert!(!mode_within(0o664, 0o644));
        assert!(!mode_within(0o4644, 0o644));
        assert!(!mode_within(0o700, 0o644)); // x bit is extra
        assert!(!mode_within(0o1755, 0o755));
    }

    #[test]
    fn redacts_secret_option_values() {
        let r = redact_value("splunk-token=3f2a9c1d-77aa-4c1e-9b1a-0d9e8f7a6b5c");
        assert!(
            r.starts_with("splunk-token=") && r.contains("redacted"),
            "{r}"
        );
        assert_eq!(redact_value("max-size=10m"), "max-size=10m");
        let r = redact_value("http://user:hunter2secret@proxy:3128");
        assert!(!r.contains("hunter2secret"), "{r}");
    }

    fn facts_with(
        file: FileStat,
        groups: Option<Vec<crate::facts::host::GroupEntry>>,
    ) -> crate::facts::Facts {
        let mut f = crate::facts::Facts::new();
        f.host = Source::Present(crate::facts::host::HostFacts {
            files: vec![file],
            groups: match groups {
                Some(g) => Source::Present(g),
                None => Source::unavailable("cannot read /etc/group: permission denied"),
            },
            ..Default::default()
        });
        f
    }

    fn sock(mode: u32, gid: u32) -> FileStat {
        FileStat {
            path: "/run/docker.sock".into(),
            role: "docker-sock".into(),
            exists: Some(true),
            uid: Some(0),
            gid: Some(gid),
            mode: Some(mode),
            kind: "socket".into(),
            error: None,
            target: None,
        }
    }

    #[test]
    fn judge_files_edge_cases() {
        let cfg = crate::checks::AuditConfig::default();
        let docker = vec![crate::facts::host::GroupEntry {
            name: "docker".into(),
            gid: 999,
            members: vec![],
        }];
        let judge = |f: &crate::facts::Facts| {
            judge_files(
                &Ctx::new(f, &cfg),
                &["docker-sock"],
                Owner::RootDocker,
                0o660,
                "socket",
                "none",
            )
        };
        assert!(matches!(
            judge(&facts_with(sock(0o660, 999), Some(docker.clone()))),
            Outcome::Pass { .. }
        ));
        // A setgid bit is beyond 0660.
        assert!(matches!(
            judge(&facts_with(sock(0o2660, 999), Some(docker.clone()))),
            Outcome::Fail { .. }
        ));
        // Owned by another group than docker's gid.
        assert!(matches!(
            judge(&facts_with(sock(0o660, 1000), Some(docker))),
            Outcome::Fail { .. }
        ));
        // The docker gid is unknown without /etc/group: not judged.
        assert!(matches!(
            judge(&facts_with(sock(0o660, 999), None)),
            Outcome::Skipped(_)
        ));
        // A stat error is not a pass.
        let mut unreadable = sock(0o660, 999);
        unreadable.exists = None;
        unreadable.error = Some("cannot stat /run/docker.sock: permission denied".into());
        assert!(matches!(
            judge(&facts_with(unreadable, Some(vec![]))),
            Outcome::Skipped(_)
        ));
    }

    #[test]
    fn versions() {
        assert_eq!(parse_version("20.10.24+dfsg1"), Some(vec![20, 10, 24]));
        assert_eq!(parse_version("v1.1.5"), Some(vec![1, 1, 5]));
        assert_eq!(parse_version("1.6.20~ds1"), Some(vec![1, 6, 20]));
        assert_eq!(parse_version("dev"), None);
        assert!(version_lt(&[20, 10, 24], &[25, 0]));
        assert!(!version_lt(&[27, 1, 1], &[27, 1, 1]));
        assert!(version_lt(&[1, 7], &[1, 7, 29]));
    }
    #[test]
    fn folder_watch_covers_files_below_it_only() {
        let mut f = crate::facts::Facts::new();
        f.host = Source::Present(crate::facts::host::HostFacts {
            audit_rules: Source::Present(vec![crate::facts::host::AuditRule {
                watch: Some("/etc/docker/".into()),
                text: "-w /etc/docker/ -k docker".into(),
                ..Default::default()
            }]),
            files: vec![
                FileStat {
                    path: "/etc/docker/daemon.json".into(),
                    role: "audit:1.1.11".into(),
                    exists: Some(true),
                    ..Default::default()
                },
                FileStat {
                    path: "/etc/dockerx".into(),
                    role: "audit:1.1.6".into(),
                    exists: Some(true),
                    ..Default::default()
                },
                FileStat {
                    path: "/usr/bin/runc".into(),
                    role: "audit:1.1.18".into(),
                    exists: Some(false),
                    ..Default::default()
                },
            ],
            ..Default::default()
        });
        let cfg = crate::checks::AuditConfig::default();
        let ctx = Ctx::new(&f, &cfg);
        match judge_audit(&ctx, &["1.1.6", "1.1.11", "1.1.18"]) {
            Outcome::Fail { findings, .. } => {
                assert_eq!(findings.len(), 1);
                assert_eq!(findings[0].subject.name, "/etc/dockerx");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[cfg(test)]
mod audit_tests {
    use super::audit_rule_covers;

    fn rule(text: &str) -> crate::facts::host::AuditRule {
        crate::collect::host::parse_audit_rules("/etc/audit/rules.d/d.rules", text)
            .pop()
            .unwrap()
    }

    #[test]
    fn only_rules_that_record_changes_to_the_path_cover_it() {
        let sock = "/run/containerd/containerd.sock";
        for (text, path, want) in [
            ("-w /usr/bin/dockerd -k docker", "/usr/bin/dockerd", true),
            (
                "-w /etc/docker -p wa -k docker",
                "/etc/docker/daemon.json",
                true,
            ),
            ("-w /etc/docker/ -k docker", "/etc/docker/daemon.json", true),
            (
                "-a always,exit -F dir=/run/containerd -F perm=wa",
                sock,
                true,
            ),
            (
                "-a exit,always -F path=/usr/bin/dockerd -F perm=wa",
                "/usr/bin/dockerd",
                true,
            ),
            // path= matches one inode, not what is below it.
            (
                "-a always,exit -F path=/run/containerd -F perm=war",
                sock,
                false,
            ),
            (
                "-a always,exit -F path=/etc/docker -F perm=wa",
                "/etc/docker/daemon.json",
                false,
            ),
            // Rules that record nothing, or not changes.
            (
                "-a never,exit -F dir=/etc/docker",
                "/etc/docker/daemon.json",
                false,
            ),
            (
                "-d always,exit -F path=/usr/bin/dockerd",
                "/usr/bin/dockerd",
                false,
            ),
            ("-w /usr/bin/dockerd -p r", "/usr/bin/dockerd", false),
            // Attribute changes only: a rewritten binary is not logged.
            ("-w /usr/bin/dockerd -p a", "/usr/bin/dockerd", false),
            (
                "-a always,exit -F path=/usr/bin/dockerd -F perm=ra",
                "/usr/bin/dockerd",
                false,
            ),
            (
                "-w /usr/bin/dockerd -p x -k docker",
                "/usr/bin/dockerd",
                false,
            ),
            // A prefix of the name is not a folder above it.
            ("-w /usr/bin/docker -k docker", "/usr/bin/dockerd", false),
        ] {
            assert_eq!(
                audit_rule_covers(&rule(text), path),
                want,
                "{text} / {path}"
            );
        }
    }
}
