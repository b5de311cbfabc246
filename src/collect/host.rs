//! Host collector: reads host files under --host-root (kernel, security
//! modules, mounts, users, engine files, audit rules, packages, sockets,
//! content trust, trust keys, log forwarding). Read-only: it opens, stats
//! and lists files; symlinks are resolved inside the host root so a mounted
//! host's absolute links do not escape to the collector's own files.

use std::collections::{BTreeMap, HashMap};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Component, Path, PathBuf};

use super::daemon::{host_files_refused, socket_path};
use super::CollectOptions;
use crate::facts::daemon::Setting;
use crate::facts::host::*;
use crate::facts::{DaemonFacts, Facts, HostFacts, Source};
use crate::parse::osdb;

/// The result of reading a host file.
#[derive(Debug, PartialEq)]
pub enum Read {
    Text(String),
    /// Known absent (ENOENT / ENOTDIR).
    Absent,
    /// Exists or may exist but could not be read: path and cause.
    Error(String),
}

/// `path` (absolute, as the host sees it) under `root`, with symlinks
/// resolved inside `root`.
pub fn host_path(root: &Path, path: &str) -> PathBuf {
    if root == Path::new("/") {
        return PathBuf::from(path);
    }
    let mut cur = root.to_path_buf();
    let mut pending: Vec<String> = Path::new(path)
        .components()
        .rev()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().to_string()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    let mut hops = 0;
    while let Some(part) = pending.pop() {
        if part == ".." {
            if cur != root {
                cur.pop();
            }
            continue;
        }
        let next = cur.join(&part);
        match std::fs::symlink_metadata(&next) {
            Ok(m) if m.file_type().is_symlink() && hops < 40 => {
                hops += 1;
                if let Ok(target) = std::fs::read_link(&next) {
                    if target.is_absolute() {
                        cur = root.to_path_buf();
                    }
                    for c in target.components().rev() {
                        match c {
                            Component::Normal(s) => pending.push(s.to_string_lossy().to_string()),
                            Component::ParentDir => pending.push("..".to_string()),
                            _ => {}
                        }
                    }
                    continue;
                }
                cur = next;
            }
            _ => cur = next,
        }
    }
    cur
}

pub fn read_text(root: &Path, path: &str) -> Read {
    let p = host_path(root, path);
    // Bounded, regular files only: a daemon.json that is a FIFO or runs to
    // gigabytes is an error saying so, never taken for absent.
    match super::files::read_host_file(&p) {
        Ok(b) => Read::Text(String::from_utf8_lossy(&b).to_string()),
        Err(e) if is_absent(&e) => Read::Absent,
        Err(e) => Read::Error(format!("cannot read {path}: {e}")),
    }
}

fn is_absent(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::NotFound || e.raw_os_error() == Some(20)
}

fn text_source(root: &Path, path: &str) -> Source<String> {
    match read_text(root, path) {
        Read::Text(t) => Source::Present(t.trim_end().to_string()),
        Read::Absent => Source::unavailable(format!("{path} is absent")),
        Read::Error(e) => Source::unavailable(e),
    }
}

/// Sorted entries of a host folder: Ok(None) when it is absent, Err with
/// the path and cause when it exists but cannot be listed.
pub(crate) fn list_dir_checked(root: &Path, dir: &str) -> Result<Option<Vec<String>>, String> {
    match std::fs::read_dir(host_path(root, dir)) {
        Ok(rd) => {
            let mut v: Vec<String> = rd
                .flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect();
            v.sort();
            Ok(Some(v))
        }
        Err(e) if is_absent(&e) => Ok(None),
        Err(e) => Err(format!("cannot list {dir}: {e}")),
    }
}

/// `main`, then the files of each drop-in folder in `dirs` whose names end
/// in `suffix`, sorted; a folder that exists but cannot be listed is noted
/// in `unread`.
pub(crate) fn with_dropins(
    root: &Path,
    main: &str,
    dirs: &[&str],
    suffix: &str,
    unread: &mut Vec<String>,
) -> Vec<String> {
    let mut files = vec![main.to_string()];
    for d in dirs {
        match list_dir_checked(root, d) {
            Ok(names) => files.extend(
                names
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|n| n.ends_with(suffix))
                    .map(|n| format!("{d}/{n}")),
            ),
            Err(e) => unread.push(e),
        }
    }
    files
}

/// The text of a configuration file, None when it is absent; one that
/// exists but cannot be read is noted in `unread`, never taken as absent.
pub(crate) fn read_conf(root: &Path, path: &str, unread: &mut Vec<String>) -> Option<String> {
    match read_text(root, path) {
        Read::Text(t) => Some(t),
        Read::Absent => None,
        Read::Error(e) => {
            unread.push(e);
            None
        }
    }
}

/// Sorted entries of a host folder; None when it cannot be listed.
fn list_dir(root: &Path, dir: &str) -> Option<Vec<String>> {
    let rd = std::fs::read_dir(host_path(root, dir)).ok()?;
    let mut v: Vec<String> = rd
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    Some(v)
}

/// A unit file or drop-in that is a link to /dev/null: masked, so systemd
/// does not read it.
pub(crate) fn masked_link(root: &Path, path: &str) -> bool {
    // The folder resolved in the root; the entry itself not followed.
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    std::fs::read_link(host_path(root, dir).join(name)).is_ok_and(|t| t == Path::new("/dev/null"))
}

pub fn stat(root: &Path, path: &str, role: &str) -> FileStat {
    let mut f = FileStat {
        path: path.to_string(),
        role: role.to_string(),
        ..Default::default()
    };
    match std::fs::metadata(host_path(root, path)) {
        Ok(m) => {
            f.exists = Some(true);
            f.uid = Some(m.uid());
            f.gid = Some(m.gid());
            f.mode = Some(m.mode() & 0o7777);
            let t = m.file_type();
            f.kind = if t.is_dir() {
                "dir"
            } else if t.is_socket() {
                "socket"
            } else if t.is_file() {
                "file"
            } else {
                "other"
            }
            .to_string();
        }
        Err(e) if is_absent(&e) => f.exists = Some(false),
        Err(e) => f.error = Some(format!("cannot stat {path}: {e}")),
    }
    f
}

pub const SYSCTLS: &[&str] = &[
    "kernel.kptr_restrict",
    "kernel.dmesg_restrict",
    "kernel.unprivileged_bpf_disabled",
    "kernel.yama.ptrace_scope",
    "kernel.randomize_va_space",
    "fs.protected_symlinks",
    "fs.protected_hardlinks",
    "fs.protected_fifos",
    "fs.protected_regular",
    "kernel.unprivileged_userns_clone",
    "user.max_user_namespaces",
    "net.ipv4.ip_forward",
];

/// The engine components whose paths an audit rule should watch, as the
/// neutral keys recorded in `FileStat::target` (role `audit-target`).
/// docker.service, docker.socket and containerd.sock paths are resolved from
/// the host; which control each key serves is decided by the checks.
pub const AUDIT_TARGETS: &[&str] = &[
    "/usr/bin/dockerd",
    "/run/containerd",
    "/var/lib/docker",
    "/etc/docker",
    "docker.service",
    "containerd.sock",
    "docker.socket",
    "/etc/default/docker",
    "/etc/docker/daemon.json",
    "/etc/containerd/config.toml",
    "/etc/sysconfig/docker",
    "/usr/bin/containerd",
    "/usr/bin/containerd-shim",
    "/usr/bin/containerd-shim-runc-v1",
    "/usr/bin/containerd-shim-runc-v2",
    "/usr/bin/runc",
];

/// Where the system manager finds units and their drop-ins, in its order
/// of precedence (`systemd.unit(5)`): control and transient units,
/// administrators' units, runtime and generated units, attached portable
/// units, local and vendor units.
pub(crate) const UNIT_DIRS: &[&str] = &[
    "/etc/systemd/system.control",
    "/run/systemd/system.control",
    "/run/systemd/transient",
    "/run/systemd/generator.early",
    "/etc/systemd/system",
    "/etc/systemd/system.attached",
    "/run/systemd/system",
    "/run/systemd/system.attached",
    "/run/systemd/generator",
    "/usr/local/lib/systemd/system",
    "/lib/systemd/system",
    "/usr/lib/systemd/system",
    "/run/systemd/generator.late",
];

/// The drop-in folders that apply to `unit` (`docker.service`) in a unit
/// folder: its own, and those of its type (`service.d`, read by systemd
/// 246 and later for every service).
pub(crate) fn dropin_dirs(dir: &str, unit: &str) -> [String; 2] {
    let kind = unit.rsplit('.').next().unwrap_or(unit);
    [format!("{dir}/{unit}.d"), format!("{dir}/{kind}.d")]
}

pub fn collect(opts: &CollectOptions, facts: &mut Facts) {
    if let Some(reason) = host_files_refused(opts, facts) {
        facts.host = Source::unavailable(reason);
        return;
    }
    let root = opts.host_root.as_path();
    let daemon = facts.daemon.get().cloned().unwrap_or_default();
    // The data root: as the engine reports it, else the daemon's
    // --data-root / "data-root", else the default.
    let data_root = facts
        .engine
        .get()
        .map(|e| e.info.docker_root_dir.clone())
        .filter(|d| !d.is_empty())
        .or_else(|| daemon.setting("data-root").value().map(str::to_string));
    let mut h = HostFacts {
        root: root.display().to_string(),
        ..Default::default()
    };
    h.kernel = match (
        read_text(root, "/proc/sys/kernel/osrelease"),
        read_text(root, "/proc/version"),
    ) {
        (Read::Text(r), v) => Source::Present(Kernel {
            release: r.trim().to_string(),
            version: match v {
                Read::Text(v) => v.trim().to_string(),
                _ => String::new(),
            },
        }),
        (Read::Absent, _) => Source::unavailable("/proc/sys/kernel/osrelease is absent"),
        (Read::Error(e), _) => Source::unavailable(e),
    };
    h.lockdown = text_source(root, "/sys/kernel/security/lockdown");
    h.grsecurity = Source::Present(grsec_markers(root, h.kernel.get()));
    for name in SYSCTLS {
        let path = format!("/proc/sys/{}", name.replace('.', "/"));
        h.sysctls.insert(name.to_string(), text_source(root, &path));
    }
    h.lsm = Source::Present(read_lsm(root));
    h.mounts = read_mounts(root);
    h.passwd = read_passwd(root);
    h.groups = read_groups(root);
    h.files = engine_files(
        root,
        &daemon,
        &facts.collector.endpoint,
        data_root.as_deref(),
    );
    h.audit_rules = read_audit_rules(root);
    h.os_release = read_os_release(root);
    h.packages = read_packages(root);
    h.listeners = read_listeners(root);
    h.content_trust = Source::Present(content_trust(
        root,
        &daemon,
        opts,
        &mut h.content_trust_unread,
    ));
    h.trust_keys = Source::Present(trust_keys(root));
    h.logging = Source::Present(host_logging(root));
    facts.host = Source::Present(h);
}

fn grsec_markers(root: &Path, kernel: Option<&Kernel>) -> Vec<String> {
    let mut out = Vec::new();
    for p in [
        "/proc/sys/kernel/grsecurity",
        "/proc/sys/kernel/pax",
        "/dev/grsec",
    ] {
        if std::fs::symlink_metadata(host_path(root, p)).is_ok() {
            out.push(format!("{p} exists"));
        }
    }
    if let Some(k) = kernel {
        let all = format!("{} {}", k.release, k.version).to_ascii_lowercase();
        if all.contains("grsec") || all.contains("-pax") {
            out.push(format!(
                "kernel version names grsecurity/PaX: {}",
                k.release
            ));
        }
    }
    out
}

fn read_lsm(root: &Path) -> Lsm {
    let mut l = Lsm::default();
    match read_text(root, "/sys/kernel/security/lsm") {
        Read::Text(t) => {
            l.active = Some(
                t.trim()
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            );
            l.notes
                .push(format!("/sys/kernel/security/lsm: {}", t.trim()));
        }
        Read::Absent => l.notes.push("/sys/kernel/security/lsm is absent".into()),
        Read::Error(e) => l.notes.push(e),
    }
    match read_text(root, "/sys/module/apparmor/parameters/enabled") {
        Read::Text(t) => {
            l.apparmor_enabled = Some(t.trim().eq_ignore_ascii_case("y"));
            l.notes.push(format!(
                "/sys/module/apparmor/parameters/enabled: {}",
                t.trim()
            ));
        }
        Read::Absent => {
            l.apparmor_enabled = Some(false);
            l.notes
                .push("/sys/module/apparmor/parameters/enabled is absent (no AppArmor)".into());
        }
        Read::Error(e) => l.notes.push(e),
    }
    match read_text(root, "/sys/fs/selinux/enforce") {
        Read::Text(t) => {
            l.selinux_enforce = t.trim().parse().ok();
            l.notes
                .push(format!("/sys/fs/selinux/enforce: {}", t.trim()));
        }
        Read::Absent => l
            .notes
            .push("/sys/fs/selinux/enforce is absent (SELinux not enabled)".into()),
        Read::Error(e) => l.notes.push(e),
    }
    l
}

fn read_mounts(root: &Path) -> Source<Vec<Mount>> {
    let mut why = Vec::new();
    for p in ["/proc/1/mounts", "/proc/self/mounts"] {
        match read_text(root, p) {
            Read::Text(t) => {
                return Source::Present(
                    t.lines()
                        .filter_map(|l| {
                            let f: Vec<&str> = l.split_whitespace().collect();
                            (f.len() >= 4).then(|| Mount {
                                device: f[0].to_string(),
                                mount_point: unescape_mount(f[1]),
                                fs_type: f[2].to_string(),
                                options: f[3].to_string(),
                            })
                        })
                        .collect(),
                )
            }
            Read::Absent => why.push(format!("{p} is absent")),
            Read::Error(e) => why.push(e),
        }
    }
    Source::unavailable(why.join("; "))
}

fn unescape_mount(s: &str) -> String {
    s.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
}

fn read_passwd(root: &Path) -> Source<Vec<PasswdEntry>> {
    text_source(root, "/etc/passwd").map(|t| {
        osdb::passwd(&t)
            .into_iter()
            .map(|r| PasswdEntry {
                name: r.name,
                // An id that is not a number matches no one.
                uid: r.uid.unwrap_or(u32::MAX),
                gid: r.gid.unwrap_or(u32::MAX),
                home: r.home,
                shell: r.shell,
            })
            .collect()
    })
}

fn read_groups(root: &Path) -> Source<Vec<GroupEntry>> {
    text_source(root, "/etc/group").map(|t| {
        osdb::group(&t)
            .into_iter()
            .map(|r| GroupEntry {
                name: r.name,
                gid: r.gid.unwrap_or(u32::MAX),
                members: r.members,
            })
            .collect()
    })
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Unix socket paths the daemon listens on (-H / hosts), plus the endpoint
/// used and the defaults for fd:// (socket activation) or no -H at all.
fn docker_sockets(daemon: &DaemonFacts, endpoint: &str) -> Vec<String> {
    let mut out = Vec::new();
    let hosts = daemon.hosts();
    for h in hosts.values() {
        if let Some(p) = socket_path(h) {
            push_unique(&mut out, p);
        }
        if h.starts_with("fd://") {
            push_unique(&mut out, "/run/docker.sock".into());
        }
    }
    if matches!(hosts, Setting::Default { .. }) {
        push_unique(&mut out, "/run/docker.sock".into());
    }
    if let Some(p) = socket_path(endpoint) {
        push_unique(&mut out, p);
    }
    if out.is_empty() {
        out.push("/run/docker.sock".into());
    }
    // /var/run is a link to /run on current systems: keep one spelling.
    out.iter()
        .map(|p| match p.strip_prefix("/var/run/") {
            Some(rest) => format!("/run/{rest}"),
            None => p.clone(),
        })
        .fold(Vec::new(), |mut acc, p| {
            push_unique(&mut acc, p);
            acc
        })
}

fn containerd_sockets(daemon: &DaemonFacts) -> Vec<String> {
    let mut out = vec!["/run/containerd/containerd.sock".to_string()];
    match daemon.setting("containerd") {
        Setting::Set { values, .. } => {
            for v in values {
                push_unique(&mut out, v.trim_start_matches("unix://").to_string());
            }
        }
        _ => {
            // dockerd starts its own containerd under the exec root.
            let exec_root = daemon
                .setting("exec-root")
                .value()
                .map(str::to_string)
                .unwrap_or_else(|| "/run/docker".to_string());
            push_unique(
                &mut out,
                format!(
                    "{}/containerd/containerd.sock",
                    exec_root.trim_end_matches('/')
                ),
            );
        }
    }
    out
}

fn engine_files(
    root: &Path,
    daemon: &DaemonFacts,
    endpoint: &str,
    data_root: Option<&str>,
) -> Vec<FileStat> {
    let mut files = Vec::new();
    let mut service_paths = Vec::new();
    let mut socket_unit_paths = Vec::new();
    let mut seen_units: Vec<PathBuf> = Vec::new();
    for dir in UNIT_DIRS {
        for (unit, list) in [
            ("docker.service", &mut service_paths),
            ("docker.socket", &mut socket_unit_paths),
        ] {
            let p = format!("{dir}/{unit}");
            // /lib is a link to /usr/lib on merged-/usr systems: one file.
            let real = real_path(root, &p);
            if seen_units.contains(&real) {
                continue;
            }
            seen_units.push(real);
            // A unit linked to /dev/null is masked: not a file of the
            // unit (its mode is the device's), so not judged as one.
            if masked_link(root, &p) {
                continue;
            }
            let st = stat(root, &p, unit);
            if st.exists != Some(false) {
                list.push(p);
            }
            files.push(st);
        }
    }
    let unlistable = |path: String, role: &str, e: String| FileStat {
        path,
        role: role.into(),
        exists: None,
        error: Some(e),
        ..Default::default()
    };
    // A unit's drop-ins change it as much as its file does (ExecStart,
    // Environment): each, and the folder that holds them (whoever may add
    // a file there may add a drop-in), is judged as the unit. A drop-in
    // linked to /dev/null is masked: it is not read.
    let mut seen_dirs: Vec<PathBuf> = Vec::new();
    for dir in UNIT_DIRS {
        for (unit, found) in [
            ("docker.service", &service_paths),
            ("docker.socket", &socket_unit_paths),
        ] {
            // Type-level folders (service.d) exist without the engine (a
            // distribution ships one): judged only with the unit.
            if found.is_empty() {
                continue;
            }
            for d in dropin_dirs(dir, unit) {
                let real = real_path(root, &d);
                if seen_dirs.contains(&real) {
                    continue;
                }
                seen_dirs.push(real);
                match list_dir_checked(root, &d) {
                    Ok(None) => {}
                    Ok(Some(names)) => {
                        files.push(stat(root, &d, unit));
                        for n in names.iter().filter(|n| n.ends_with(".conf")) {
                            let p = format!("{d}/{n}");
                            if !masked_link(root, &p) {
                                files.push(stat(root, &p, unit));
                            }
                        }
                    }
                    Err(e) => files.push(unlistable(d, unit, e)),
                }
            }
        }
    }
    files.push(stat(root, "/etc/docker", "etc-docker"));
    match list_dir_checked(root, "/etc/docker/certs.d") {
        Ok(Some(hosts)) => {
            for h in hosts {
                let dir = format!("/etc/docker/certs.d/{h}");
                match list_dir_checked(root, &dir) {
                    Ok(entries) => {
                        for f in entries.unwrap_or_default() {
                            files.push(stat(root, &format!("{dir}/{f}"), "registry-cert"));
                        }
                    }
                    Err(e) => files.push(unlistable(dir, "registry-cert", e)),
                }
            }
        }
        Ok(None) => {}
        Err(e) => files.push(unlistable("/etc/docker/certs.d".into(), "registry-cert", e)),
    }
    let tls = daemon.setting("tls").bool_or(false) == Some(true)
        || daemon.setting("tlsverify").bool_or(false) == Some(true);
    for (opt, role, default) in [
        ("tlscacert", "tls-ca", "/root/.docker/ca.pem"),
        ("tlscert", "tls-cert", "/root/.docker/cert.pem"),
        ("tlskey", "tls-key", "/root/.docker/key.pem"),
    ] {
        match daemon.setting(opt) {
            Setting::Set { values, .. } => files.push(stat(
                root,
                values.last().map(String::as_str).unwrap_or(default),
                role,
            )),
            Setting::Unknown(r) => files.push(FileStat {
                path: format!("<{opt}>"),
                role: role.to_string(),
                exists: None,
                error: Some(format!("the daemon's {opt} setting is unknown: {r}")),
                ..Default::default()
            }),
            Setting::Default { .. } if tls => files.push(stat(root, default, role)),
            Setting::Default { .. } => {}
        }
    }
    let sockets = docker_sockets(daemon, endpoint);
    for s in &sockets {
        files.push(stat(root, s, "docker-sock"));
    }
    let config_path = daemon
        .config_file
        .get()
        .map(|c| c.path.clone())
        .unwrap_or_else(|| "/etc/docker/daemon.json".into());
    files.push(stat(root, &config_path, "daemon.json"));
    files.push(stat(root, "/etc/default/docker", "etc-default-docker"));
    files.push(stat(root, "/etc/sysconfig/docker", "etc-sysconfig-docker"));
    let csocks = containerd_sockets(daemon);
    for s in &csocks {
        files.push(stat(root, s, "containerd-sock"));
    }
    // Audit targets, resolved to this host's paths.
    for target in AUDIT_TARGETS {
        let paths: Vec<String> = match *target {
            "docker.service" => {
                first_or_default(&service_paths, "/lib/systemd/system/docker.service")
            }
            "docker.socket" => {
                first_or_default(&socket_unit_paths, "/lib/systemd/system/docker.socket")
            }
            "containerd.sock" => csocks.clone(),
            "/var/lib/docker" => vec![data_root.unwrap_or("/var/lib/docker").to_string()],
            "/etc/docker/daemon.json" => vec![config_path.clone()],
            "/usr/bin/dockerd" => {
                let mut c: Vec<String> = daemon
                    .process
                    .get()
                    .and_then(|p| p.exe.clone())
                    .into_iter()
                    .collect();
                if c.is_empty() {
                    for p in [
                        "/usr/bin/dockerd",
                        "/usr/sbin/dockerd",
                        "/usr/local/bin/dockerd",
                    ] {
                        if std::fs::metadata(host_path(root, p)).is_ok() {
                            c.push(p.to_string());
                        }
                    }
                }
                first_or_default(&c, "/usr/bin/dockerd")
            }
            p => vec![p.to_string()],
        };
        for p in paths {
            let mut f = stat(root, &p, "audit-target");
            f.target = Some(target.to_string());
            files.push(f);
        }
    }
    files
}

/// The path with every link resolved (for telling two spellings of one
/// file apart).
fn real_path(root: &Path, path: &str) -> PathBuf {
    let p = host_path(root, path);
    std::fs::canonicalize(&p).unwrap_or(p)
}

fn first_or_default(found: &[String], default: &str) -> Vec<String> {
    if found.is_empty() {
        vec![default.to_string()]
    } else {
        found.to_vec()
    }
}

/// Parses audit rules text (auditctl syntax) into rules with file:line.
pub fn parse_audit_rules(path: &str, text: &str) -> Vec<AuditRule> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let toks: Vec<&str> = l.split_whitespace().collect();
        let mut rule = AuditRule {
            location: format!("{path}:{}", i + 1),
            text: l.to_string(),
            ..Default::default()
        };
        let mut j = 0;
        while j < toks.len() {
            let t = toks[j];
            let next = toks.get(j + 1).map(|s| s.to_string());
            match t {
                "-w" => {
                    rule.watch = next;
                    j += 1;
                }
                "-p" => {
                    rule.permissions = next;
                    j += 1;
                }
                "-k" => {
                    rule.key = next;
                    j += 1;
                }
                "-F" => {
                    if let Some(n) = &next {
                        if let Some(v) = n.strip_prefix("path=").or_else(|| n.strip_prefix("dir="))
                        {
                            rule.watch = Some(v.to_string());
                        } else if let Some(v) = n.strip_prefix("perm=") {
                            rule.permissions = Some(v.to_string());
                        } else if let Some(v) = n.strip_prefix("key=") {
                            rule.key = Some(v.to_string());
                        }
                    }
                    j += 1;
                }
                _ => {}
            }
            j += 1;
        }
        // Control lines (-D, -b, -e, -f) carry no watch: kept for context
        // only when they are rules (-a / -w).
        if rule.watch.is_some() || toks.first().is_some_and(|t| *t == "-a" || *t == "-A") {
            out.push(rule);
        }
    }
    out
}

fn read_audit_rules(root: &Path) -> Source<Vec<AuditRule>> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    let paths = with_dropins(
        root,
        "/etc/audit/audit.rules",
        &["/etc/audit/rules.d"],
        ".rules",
        &mut errors,
    );
    for p in &paths {
        match read_text(root, p) {
            Read::Text(t) => {
                rules.extend(parse_audit_rules(p, &t));
            }
            Read::Absent => {}
            Read::Error(e) => errors.push(e),
        }
    }
    // Rules that could not be read may be the ones that matter: the whole
    // source is unknown then.
    if !errors.is_empty() {
        return Source::unavailable(errors.join("; "));
    }
    // No rules files at all is a known state: no rules (auditd absent).
    Source::Present(rules)
}

fn read_os_release(root: &Path) -> Source<BTreeMap<String, String>> {
    let mut why = Vec::new();
    for p in ["/etc/os-release", "/usr/lib/os-release"] {
        match read_text(root, p) {
            Read::Text(t) => return Source::Present(osdb::os_release(&t)),
            Read::Absent => why.push(format!("{p} is absent")),
            Read::Error(e) => why.push(e),
        }
    }
    Source::unavailable(why.join("; "))
}

fn read_packages(root: &Path) -> Source<Packages> {
    let mut errors = Vec::new();
    for (manager, db) in [
        ("dpkg", "/var/lib/dpkg/status"),
        ("apk", "/lib/apk/db/installed"),
    ] {
        match read_text(root, db) {
            Read::Text(t) => {
                // The parsers the image inventory uses.
                let installed = if manager == "dpkg" {
                    crate::parse::packages::parse_dpkg(&t, db)
                } else {
                    crate::parse::packages::parse_apk(&t, db)
                };
                return Source::Present(Packages {
                    manager: manager.into(),
                    database: db.into(),
                    installed: Some(installed),
                });
            }
            Read::Absent => {}
            Read::Error(e) => errors.push(e),
        }
    }
    for db in [
        "/var/lib/rpm/rpmdb.sqlite",
        "/usr/lib/sysimage/rpm/rpmdb.sqlite",
        "/var/lib/rpm/Packages",
    ] {
        if std::fs::metadata(host_path(root, db)).is_ok() {
            return Source::Present(Packages {
                manager: "rpm".into(),
                database: db.into(),
                installed: None,
            });
        }
    }
    if errors.is_empty() {
        Source::unavailable(
            "no package database found (/var/lib/dpkg/status, /lib/apk/db/installed, rpmdb)",
        )
    } else {
        Source::unavailable(errors.join("; "))
    }
}

fn parse_addr(hex: &str) -> Option<(String, u16)> {
    let (a, p) = hex.split_once(':')?;
    let port = u16::from_str_radix(p, 16).ok()?;
    let addr = if a.len() == 8 {
        let n = u32::from_str_radix(a, 16).ok()?;
        std::net::Ipv4Addr::from(n.swap_bytes()).to_string()
    } else if a.len() == 32 {
        let mut bytes = [0u8; 16];
        for i in 0..4 {
            let w = u32::from_str_radix(&a[i * 8..i * 8 + 8], 16).ok()?;
            bytes[i * 4..i * 4 + 4].copy_from_slice(&w.swap_bytes().to_be_bytes());
        }
        let v6 = std::net::Ipv6Addr::from(bytes);
        match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => v6.to_string(),
        }
    } else {
        return None;
    };
    Some((addr, port))
}

/// Listening sockets of one /proc/net table (tcp: state LISTEN; udp:
/// unconnected bound sockets).
pub fn parse_proc_net(proto: &str, text: &str) -> Vec<Listener> {
    let mut out = Vec::new();
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.len() < 10 {
            continue;
        }
        let listening = if proto.starts_with("tcp") {
            f[3] == "0A"
        } else {
            f[3] == "07" && f[2].trim_start_matches('0').starts_with(':')
        };
        if !listening {
            continue;
        }
        if let Some((address, port)) = parse_addr(f[1]) {
            out.push(Listener {
                proto: proto.into(),
                address,
                port,
                inode: f[9].parse().unwrap_or(0),
                pid: None,
                process: None,
            });
        }
    }
    out
}

fn read_listeners(root: &Path) -> Source<Vec<Listener>> {
    let mut out = Vec::new();
    let mut read_any = false;
    let mut errors = Vec::new();
    for proto in ["tcp", "tcp6", "udp", "udp6"] {
        let mut got = false;
        for p in [format!("/proc/1/net/{proto}"), format!("/proc/net/{proto}")] {
            match read_text(root, &p) {
                Read::Text(t) => {
                    out.extend(parse_proc_net(proto, &t));
                    read_any = true;
                    got = true;
                    break;
                }
                Read::Absent => {}
                Read::Error(e) => errors.push(e),
            }
        }
        let _ = got;
    }
    if !read_any {
        return Source::unavailable(if errors.is_empty() {
            "/proc/net/{tcp,tcp6,udp,udp6} are absent".to_string()
        } else {
            errors.join("; ")
        });
    }
    // Owning processes, where /proc/*/fd is readable.
    let wanted: std::collections::HashSet<u64> = out.iter().map(|l| l.inode).collect();
    let mut owners: HashMap<u64, (i64, String)> = HashMap::new();
    for pid in list_dir(root, "/proc").unwrap_or_default() {
        let Ok(n) = pid.parse::<i64>() else { continue };
        let fd_dir = host_path(root, &format!("/proc/{pid}/fd"));
        let Ok(rd) = std::fs::read_dir(&fd_dir) else {
            continue;
        };
        for e in rd.flatten() {
            let Ok(t) = std::fs::read_link(e.path()) else {
                continue;
            };
            let t = t.to_string_lossy();
            if let Some(ino) = t
                .strip_prefix("socket:[")
                .and_then(|s| s.strip_suffix(']'))
                .and_then(|s| s.parse::<u64>().ok())
            {
                if wanted.contains(&ino) && !owners.contains_key(&ino) {
                    let comm = match read_text(root, &format!("/proc/{pid}/comm")) {
                        Read::Text(c) => c.trim().to_string(),
                        _ => String::new(),
                    };
                    owners.insert(ino, (n, comm));
                }
            }
        }
    }
    for l in &mut out {
        if let Some((pid, comm)) = owners.get(&l.inode) {
            l.pid = Some(*pid);
            l.process = Some(comm.clone());
        }
    }
    out.sort_by(|a, b| (&a.proto, a.port, &a.address).cmp(&(&b.proto, b.port, &b.address)));
    out.dedup_by(|a, b| a.proto == b.proto && a.port == b.port && a.address == b.address);
    Source::Present(out)
}

/// The value of DOCKER_CONTENT_TRUST assigned on a line, if any.
pub fn trust_assignment(line: &str) -> Option<String> {
    let l = line.trim();
    if l.starts_with('#') {
        return None;
    }
    let i = l.find("DOCKER_CONTENT_TRUST=")?;
    if i > 0 {
        let prev = l.as_bytes()[i - 1];
        if prev.is_ascii_alphanumeric() || prev == b'_' {
            return None;
        }
    }
    let rest = &l[i + "DOCKER_CONTENT_TRUST=".len()..];
    let v: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '\'' && *c != ';')
        .collect();
    Some(v)
}

fn content_trust(
    root: &Path,
    daemon: &DaemonFacts,
    opts: &CollectOptions,
    unread: &mut Vec<String>,
) -> Vec<EnvSetting> {
    let mut out = Vec::new();
    let mut files: Vec<(String, bool)> = vec![
        ("/etc/environment".into(), true),
        ("/etc/profile".into(), true),
        ("/etc/bash.bashrc".into(), true),
    ];
    // /etc/profile sources only `*.sh` there (and RHEL's `sh.local`): a
    // `trust.sh.disabled` sets nothing.
    match list_dir_checked(root, "/etc/profile.d") {
        Ok(names) => {
            for n in names.unwrap_or_default() {
                if n.ends_with(".sh") || n == "sh.local" {
                    files.push((format!("/etc/profile.d/{n}"), true));
                }
            }
        }
        Err(e) => unread.push(e),
    }
    files.push(("/etc/default/docker".into(), false));
    files.push(("/etc/sysconfig/docker".into(), false));
    for (p, system_wide) in files {
        if let Some(t) = read_conf(root, &p, unread) {
            for (i, l) in t.lines().enumerate() {
                if let Some(v) = trust_assignment(l) {
                    out.push(EnvSetting {
                        location: format!("{p}:{}", i + 1),
                        name: "DOCKER_CONTENT_TRUST".into(),
                        value: v,
                        system_wide,
                    });
                }
            }
        }
    }
    if let Some(units) = daemon.units.get() {
        for u in units {
            for e in &u.environment {
                if let Some(v) = trust_assignment(e) {
                    out.push(EnvSetting {
                        location: format!("{} Environment=", u.path),
                        name: "DOCKER_CONTENT_TRUST".into(),
                        value: v,
                        system_wide: false,
                    });
                }
            }
        }
    }
    if let Some(p) = daemon.process.get() {
        for e in p.trust_env.iter().flatten() {
            if let Some(v) = trust_assignment(e) {
                out.push(EnvSetting {
                    location: format!("dockerd process environment (pid {})", p.pid),
                    name: "DOCKER_CONTENT_TRUST".into(),
                    value: v,
                    system_wide: false,
                });
            }
        }
    }
    // The auditor's own environment says something about this host only
    // when dockaudit runs on it.
    if !opts.host_root_explicit {
        if let Ok(v) = std::env::var("DOCKER_CONTENT_TRUST") {
            out.push(EnvSetting {
                location: "dockaudit's own process environment".into(),
                name: "DOCKER_CONTENT_TRUST".into(),
                value: v,
                system_wide: false,
            });
        }
    }
    out
}

fn trust_keys(root: &Path) -> TrustKeys {
    let mut t = TrustKeys::default();
    let mut homes = vec!["/root".to_string()];
    for h in list_dir(root, "/home").unwrap_or_default() {
        homes.push(format!("/home/{h}"));
    }
    for home in homes {
        let dir = format!("{home}/.docker/trust/private");
        t.searched.push(dir.clone());
        let hp = host_path(root, &dir);
        let entries = match std::fs::read_dir(&hp) {
            Ok(rd) => rd,
            Err(e) if is_absent(&e) => continue,
            Err(e) => {
                t.errors.push(format!("cannot list {dir}: {e}"));
                continue;
            }
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        // Older clients kept root keys in private/root_keys/.
        for n in names {
            let p = format!("{dir}/{n}");
            if n.ends_with(".key") {
                t.keys.push(TrustKey {
                    role: key_role(root, &p, ""),
                    path: p,
                });
            } else if n == "root_keys" || n == "tuf_keys" {
                for k in list_dir(root, &p).unwrap_or_default() {
                    if k.ends_with(".key") {
                        let kp = format!("{p}/{k}");
                        let guess = if n == "root_keys" { "root" } else { "" };
                        t.keys.push(TrustKey {
                            role: key_role(root, &kp, guess),
                            path: kp,
                        });
                    }
                }
            }
        }
    }
    t
}

/// The `role:` header of a trust key file. Only header lines before the
/// key body are looked at; the key itself is never kept.
fn key_role(root: &Path, path: &str, guess: &str) -> String {
    if let Read::Text(t) = read_text(root, path) {
        for l in t.lines().take(8) {
            if let Some(r) = l.trim().strip_prefix("role:") {
                return r.trim().to_string();
            }
        }
    }
    guess.to_string()
}

/// Network drivers inside `destination` blocks of a syslog-ng config
/// (sources use the same drivers to receive: they are not forwarding).
pub fn syslog_ng_destinations(path: &str, text: &str, ng: &regex::Regex) -> Vec<LogForward> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    let mut in_dest = false;
    for (i, line) in text.lines().enumerate() {
        let l = line.split('#').next().unwrap_or("").trim();
        if depth == 0 {
            in_dest = l.starts_with("destination");
        }
        if in_dest && ng.is_match(l) {
            out.push(LogForward {
                kind: "syslog-ng".into(),
                location: format!("{path}:{}", i + 1),
                rule: l.to_string(),
            });
        }
        depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
        if depth <= 0 {
            depth = 0;
        }
    }
    out
}

fn host_logging(root: &Path) -> HostLogging {
    let mut lg = HostLogging::default();
    let journald = with_dropins(
        root,
        "/etc/systemd/journald.conf",
        &[
            "/usr/lib/systemd/journald.conf.d",
            "/etc/systemd/journald.conf.d",
        ],
        ".conf",
        &mut lg.unread,
    );
    for p in journald {
        if let Some(t) = read_conf(root, &p, &mut lg.unread) {
            lg.files_read.push(p.clone());
            for (i, l) in t.lines().enumerate() {
                let l = l.trim();
                if let Some(v) = l.strip_prefix("Storage=") {
                    lg.journald_storage = Some(format!("{} ({p}:{})", v.trim(), i + 1));
                }
                if let Some(v) = l.strip_prefix("ForwardToSyslog=") {
                    lg.journald_forward_to_syslog = Some(format!("{} ({p}:{})", v.trim(), i + 1));
                }
            }
        }
    }
    let fwd = regex::Regex::new(r"(^|\s)@@?(\(o\))?[\[A-Za-z0-9]|omfwd").unwrap();
    for p in with_dropins(
        root,
        "/etc/rsyslog.conf",
        &["/etc/rsyslog.d"],
        ".conf",
        &mut lg.unread,
    ) {
        if let Some(t) = read_conf(root, &p, &mut lg.unread) {
            lg.files_read.push(p.clone());
            for (i, l) in t.lines().enumerate() {
                let l = l.trim();
                if l.starts_with('#') || l.starts_with("$") && !l.contains("omfwd") {
                    continue;
                }
                if fwd.is_match(l) {
                    lg.forwarding.push(LogForward {
                        kind: "rsyslog".into(),
                        location: format!("{p}:{}", i + 1),
                        rule: l.to_string(),
                    });
                }
            }
        }
    }
    let ng = regex::Regex::new(r"\b(network|tcp|udp|tcp6|udp6|syslog)\s*\(").unwrap();
    let syslog_ng = with_dropins(
        root,
        "/etc/syslog-ng/syslog-ng.conf",
        &["/etc/syslog-ng/conf.d"],
        ".conf",
        &mut lg.unread,
    );
    for p in syslog_ng {
        if let Some(t) = read_conf(root, &p, &mut lg.unread) {
            lg.files_read.push(p.clone());
            lg.forwarding.extend(syslog_ng_destinations(&p, &t, &ng));
        }
    }
    if let Some(t) = read_conf(root, "/etc/systemd/journal-upload.conf", &mut lg.unread) {
        lg.files_read
            .push("/etc/systemd/journal-upload.conf".into());
        for (i, l) in t.lines().enumerate() {
            let l = l.trim();
            if let Some(u) = l.strip_prefix("URL=") {
                if !u.trim().is_empty() {
                    lg.forwarding.push(LogForward {
                        kind: "journal-upload".into(),
                        location: format!("/etc/systemd/journal-upload.conf:{}", i + 1),
                        rule: l.to_string(),
                    });
                }
            }
        }
    }
    for p in [
        "/etc/fluent-bit",
        "/etc/td-agent-bit",
        "/etc/td-agent",
        "/etc/fluent",
        "/etc/vector",
        "/etc/filebeat",
        "/etc/otelcol",
        "/etc/otelcol-contrib",
        "/etc/datadog-agent",
        "/opt/splunkforwarder",
        "/usr/bin/fluent-bit",
        "/usr/bin/vector",
        "/usr/bin/filebeat",
        "/usr/bin/promtail",
        "/etc/systemd/system/multi-user.target.wants/systemd-journal-upload.service",
    ] {
        if std::fs::symlink_metadata(host_path(root, p)).is_ok() {
            lg.agents.push(p.to_string());
        }
    }
    lg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_net_addresses() {
        let tcp = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0 100 0 0 10 0\n   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2222 1\n   2: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 3333 1\n";
        let l = parse_proc_net("tcp", tcp);
        assert_eq!(l.len(), 2);
        assert_eq!((l[0].address.as_str(), l[0].port), ("127.0.0.1", 8080));
        assert!(l[0].is_loopback());
        assert_eq!((l[1].address.as_str(), l[1].port), ("0.0.0.0", 22));
        let tcp6 = "h\n   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1\n";
        let l = parse_proc_net("tcp6", tcp6);
        assert_eq!(l[0].address, "::1");
    }

    #[test]
    fn parses_audit_rules_and_trust_lines() {
        let r = parse_audit_rules(
            "/etc/audit/rules.d/docker.rules",
            "# c\n-w /usr/bin/dockerd -p rwxa -k docker\n-a always,exit -F path=/usr/bin/runc -F perm=x -k runc\n-D\n",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].watch.as_deref(), Some("/usr/bin/dockerd"));
        assert_eq!(r[0].location, "/etc/audit/rules.d/docker.rules:2");
        assert_eq!(r[1].watch.as_deref(), Some("/usr/bin/runc"));
        assert_eq!(
            trust_assignment("export DOCKER_CONTENT_TRUST=1").as_deref(),
            Some("1")
        );
        assert_eq!(
            trust_assignment("DOCKER_CONTENT_TRUST=\"0\"").as_deref(),
            Some("0")
        );
        assert_eq!(trust_assignment("# DOCKER_CONTENT_TRUST=1"), None);
        assert_eq!(trust_assignment("MY_DOCKER_CONTENT_TRUST=1"), None);
        assert_eq!(trust_assignment("DOCKER_CONTENT_TRUST_SERVER=x"), None);
    }

    #[test]
    fn syslog_ng_sources_are_not_forwarding() {
        let ng = regex::Regex::new(r"\b(network|tcp|udp|tcp6|udp6|syslog)\s*\(").unwrap();
        let conf = "source s_net {\n  network(ip(\"0.0.0.0\") port(514));\n};\ndestination d_remote {\n  network(\"10.0.0.9\" port(514));\n};\nlog { source(s_net); destination(d_remote); };\n";
        let f = syslog_ng_destinations("/etc/syslog-ng/syslog-ng.conf", conf, &ng);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location, "/etc/syslog-ng/syslog-ng.conf:5");
    }
}
