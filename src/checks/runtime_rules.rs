//! The judgements behind the container runtime checks (CIS section 5), as
//! small pure functions over plain values, so that the live-host checks and
//! the compose checks apply the same rules. Also the views that turn a
//! container inspect document into those plain values. No I/O, no facts
//! sources, no findings here: the check files own the wording.

use std::net::IpAddr;

use crate::checks::Severity;
use crate::subject::spelling::{normalize_host_path, parse_port_range};

// ---------------------------------------------------------------------------
// Capabilities (CIS 5.4)

/// The capabilities the engine grants by default (moby's default set).
/// Adding one of these changes nothing.
pub const DEFAULT_CAPS: &[&str] = &[
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "NET_RAW",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// Capabilities that open a path to the host or to other containers, with
/// the severity of adding them.
const DANGEROUS_CAPS: &[(&str, Severity)] = &[
    ("ALL", Severity::Critical),
    ("SYS_ADMIN", Severity::Critical),
    ("SYS_MODULE", Severity::Critical),
    ("SYS_RAWIO", Severity::Critical),
    ("DAC_READ_SEARCH", Severity::High),
    ("SYS_PTRACE", Severity::High),
    ("NET_ADMIN", Severity::High),
    ("BPF", Severity::High),
    ("PERFMON", Severity::High),
    ("SYS_BOOT", Severity::High),
    ("SYS_TIME", Severity::High),
    ("MAC_ADMIN", Severity::High),
    ("MAC_OVERRIDE", Severity::High),
    ("AUDIT_CONTROL", Severity::High),
    ("SYSLOG", Severity::High),
    ("LINUX_IMMUTABLE", Severity::High),
    ("CHECKPOINT_RESTORE", Severity::High),
    ("SYS_RESOURCE", Severity::Medium),
    ("IPC_OWNER", Severity::Medium),
    ("SYS_TTY_CONFIG", Severity::Medium),
];

/// The canonical spelling of a capability name: upper case, no `CAP_`
/// prefix ("cap_sys_admin", "CAP_SYS_ADMIN", " sys_admin " -> "SYS_ADMIN").
pub fn normalize_cap(name: &str) -> String {
    let up = name.trim().to_ascii_uppercase();
    match up.strip_prefix("CAP_") {
        Some(rest) => rest.to_string(),
        None => up,
    }
}

/// The severity of adding a capability, when it is a dangerous one.
pub fn cap_risk(name: &str) -> Option<Severity> {
    let n = normalize_cap(name);
    DANGEROUS_CAPS
        .iter()
        .find(|(c, _)| *c == n)
        .map(|(_, s)| *s)
}

/// The dangerous capabilities among `cap_add`, canonical names with their
/// severity, sorted and without duplicates.
pub fn dangerous_caps(cap_add: &[String]) -> Vec<(String, Severity)> {
    let mut out: Vec<(String, Severity)> = cap_add
        .iter()
        .filter_map(|c| cap_risk(c).map(|s| (normalize_cap(c), s)))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Added capabilities that are neither in the default set nor dangerous:
/// worth confirming, not a finding by themselves.
pub fn other_added_caps(cap_add: &[String]) -> Vec<String> {
    let mut out: Vec<String> = cap_add
        .iter()
        .map(|c| normalize_cap(c))
        .filter(|c| !c.is_empty() && cap_risk(c).is_none() && !DEFAULT_CAPS.contains(&c.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// CapDrop removes every capability ("ALL" in any spelling).
pub fn drops_all_caps(cap_drop: &[String]) -> bool {
    cap_drop.iter().any(|c| normalize_cap(c) == "ALL")
}

// ---------------------------------------------------------------------------
// Host paths (CIS 5.6, 5.32)

/// Host directories whose mount gives a container control over, or secrets
/// of, the host (CIS 5.6 list plus the binary, library, root-home, runtime
/// and engine-data directories).
pub const SENSITIVE_HOST_DIRS: &[&str] = &[
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/sys",
    "/usr",
    "/var/lib/containerd",
    "/var/lib/docker",
    "/var/run",
];

fn is_under(path: &str, dir: &str) -> bool {
    dir == "/" || path == dir || path.starts_with(&format!("{dir}/"))
}

/// The sensitive directory a host path is, lies under, or contains (a mount
/// of `/var` exposes `/var/run` and `/var/lib/docker`). None for other
/// paths and for relative paths (named volumes).
pub fn is_sensitive_host_path(p: &str) -> Option<&'static str> {
    let n = normalize_host_path(p);
    if !n.starts_with('/') {
        return None;
    }
    if n == "/" {
        return Some("/");
    }
    // The deepest sensitive directory the path lies in.
    if let Some(dir) = SENSITIVE_HOST_DIRS
        .iter()
        .filter(|d| **d != "/" && is_under(&n, d))
        .max_by_key(|d| d.len())
    {
        return Some(dir);
    }
    // A parent of a sensitive directory (e.g. /var, /var/lib).
    SENSITIVE_HOST_DIRS
        .iter()
        .find(|d| **d != "/" && is_under(d, &n))
        .copied()
}

/// Well-known engine API sockets.
const ENGINE_SOCKETS: &[&str] = &[
    "/run/docker.sock",
    "/var/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/var/run/containerd/containerd.sock",
    "/run/podman/podman.sock",
    "/var/run/podman/podman.sock",
    "/run/crio/crio.sock",
    "/var/run/crio/crio.sock",
    "/run/cri-dockerd.sock",
    "/var/run/cri-dockerd.sock",
];

/// File names of container engine sockets wherever they live (rootless
/// engines keep them under $XDG_RUNTIME_DIR).
const ENGINE_SOCKET_NAMES: &[&str] = &[
    "docker.sock",
    "containerd.sock",
    "podman.sock",
    "crio.sock",
    "cri-dockerd.sock",
];

/// Whether a path (host source or container destination) is a container
/// engine socket: a well-known socket path or a file named like one.
pub fn is_engine_socket_path(p: &str) -> bool {
    // The Windows engine's named pipe (`-v \\.\pipe\docker_engine:...`).
    let pipe = p.to_ascii_lowercase().replace('/', "\\");
    if pipe
        .trim_end_matches('\\')
        .ends_with("\\pipe\\docker_engine")
    {
        return true;
    }
    let n = normalize_host_path(p);
    if ENGINE_SOCKETS.contains(&n.as_str()) {
        return true;
    }
    let base = n.rsplit('/').next().unwrap_or("");
    ENGINE_SOCKET_NAMES.contains(&base)
}

/// The well-known engine socket a mounted host directory exposes ("/",
/// "/var/run", "/run/containerd" ...), if any.
pub fn exposed_engine_socket(host_dir: &str) -> Option<&'static str> {
    let n = normalize_host_path(host_dir);
    if !n.starts_with('/') {
        return None;
    }
    ENGINE_SOCKETS
        .iter()
        .find(|s| n != **s && is_under(s, &n))
        .copied()
}

/// Mount propagation that lets mounts made in the container reach the host
/// (CIS 5.20).
pub fn is_shared_propagation(p: &str) -> bool {
    matches!(p.trim().to_ascii_lowercase().as_str(), "shared" | "rshared")
}

// ---------------------------------------------------------------------------
// Ports (CIS 5.8, 5.9, 5.14)

/// A host port (or range) below 1024 (CIS 5.8). Empty or 0 is an ephemeral
/// port, not privileged.
pub fn is_privileged_host_port(host_port: &str) -> bool {
    matches!(parse_port_range(host_port), Some((lo, _)) if lo < 1024)
}

/// A HostIp that listens on every interface: "", "0.0.0.0", "::", "[::]"
/// and other spellings of the unspecified address (CIS 5.14).
pub fn is_all_interfaces(host_ip: &str) -> bool {
    let ip = host_ip.trim();
    let ip = ip
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(ip);
    if ip.is_empty() {
        return true;
    }
    match ip.parse::<IpAddr>() {
        Ok(addr) => addr.is_unspecified(),
        Err(_) => false,
    }
}

// ---------------------------------------------------------------------------
// Namespaces (CIS 5.10, 5.16, 5.17, 5.21, 5.31)

/// A namespace mode that joins the host's namespace ("host").
pub fn shares_host_namespace(mode: &str) -> bool {
    mode.trim().eq_ignore_ascii_case("host")
}

/// The container is on the engine's default bridge network (CIS 5.30):
/// network mode "default" or "bridge", or attached to the network named
/// "bridge".
pub fn uses_default_bridge<'a>(
    network_mode: &str,
    networks: impl IntoIterator<Item = &'a str>,
) -> bool {
    let m = network_mode.trim();
    m == "default" || m == "bridge" || networks.into_iter().any(|n| n == "bridge")
}

// ---------------------------------------------------------------------------
// Resource limits (CIS 5.11, 5.12, 5.15, 5.25, 5.29)

/// Memory 0 or absent is unlimited.
pub fn memory_unlimited(memory: Option<i64>) -> bool {
    memory.unwrap_or(0) <= 0
}

/// No CPU control: shares at the default (0 or 1024), no NanoCpus, no
/// CpuQuota.
pub fn cpu_unlimited(
    cpu_shares: Option<i64>,
    nano_cpus: Option<i64>,
    cpu_quota: Option<i64>,
) -> bool {
    let shares_default = matches!(cpu_shares.unwrap_or(0), 0 | 1024);
    shares_default && nano_cpus.unwrap_or(0) <= 0 && cpu_quota.unwrap_or(0) <= 0
}

/// PidsLimit absent, 0 or negative is unlimited.
pub fn pids_unlimited(pids_limit: Option<i64>) -> bool {
    pids_limit.unwrap_or(0) <= 0
}

/// The highest number of on-failure restarts CIS 5.15 accepts.
pub const MAX_RESTART_RETRIES: i64 = 5;

/// What is wrong with a restart policy, if anything: on-failure without a
/// bound or above 5 retries, always / unless-stopped (unbounded).
pub fn restart_policy_problem(name: &str, max_retry: Option<i64>) -> Option<String> {
    let name = name.trim().to_ascii_lowercase();
    match name.as_str() {
        "" | "no" => None,
        "on-failure" => match max_retry.unwrap_or(0) {
            n if n <= 0 => Some("on-failure without a retry limit restarts forever".to_string()),
            n if n > MAX_RESTART_RETRIES => Some(format!(
                "on-failure:{n} allows more than {MAX_RESTART_RETRIES} restarts"
            )),
            _ => None,
        },
        "always" | "unless-stopped" => Some(format!("{name} restarts without a bound")),
        other => Some(format!("unknown restart policy {other:?}")),
    }
}

/// A cgroup parent other than the engine's default ("", "/docker",
/// "system.slice") (CIS 5.25).
pub fn cgroup_parent_nondefault(parent: &str) -> bool {
    !matches!(
        parent.trim().trim_end_matches('/'),
        "" | "/docker" | "system.slice" | "/system.slice"
    )
}

// ---------------------------------------------------------------------------
// Security options (CIS 5.2, 5.3, 5.22, 5.26)

/// The value of a security option `key=value` or the legacy `key:value`
/// (the last one: the engine applies each in turn, so a later seccomp or
/// apparmor option replaces an earlier one), e.g.
/// `security_opt_value(opts, "seccomp")`.
pub fn security_opt_value<'a>(opts: &'a [String], key: &str) -> Option<&'a str> {
    opts.iter().rev().find_map(|o| {
        let o = o.trim();
        let rest = o.strip_prefix(key)?;
        rest.strip_prefix('=').or_else(|| rest.strip_prefix(':'))
    })
}

/// A seccomp profile kept inline (the engine stores a profile given by file
/// as its JSON) that filters nothing: its default action allows every call
/// (SCMP_ACT_ALLOW, or SCMP_ACT_LOG which only logs) and no rule acts
/// otherwise. None when it is not a JSON profile.
pub fn seccomp_profile_allows_all(profile: &str) -> Option<bool> {
    let v: serde_json::Value = serde_json::from_str(profile.trim()).ok()?;
    let allowing = |a: Option<&serde_json::Value>| {
        a.and_then(|a| a.as_str())
            .is_some_and(|a| matches!(a, "SCMP_ACT_ALLOW" | "SCMP_ACT_LOG"))
    };
    let rules = v.get("syscalls").and_then(|s| s.as_array());
    Some(
        allowing(v.get("defaultAction"))
            && rules
                .into_iter()
                .flatten()
                .all(|r| allowing(r.get("action"))),
    )
}

/// seccomp=unconfined / seccomp:unconfined.
pub fn seccomp_unconfined(opts: &[String]) -> bool {
    security_opt_value(opts, "seccomp").is_some_and(|v| v.trim().eq_ignore_ascii_case("unconfined"))
}

/// An option that lifts the runtime's masking of /proc and /sys:
/// `systempaths=unconfined` (Docker), or `unmask=ALL` / `unmask=<paths>`
/// (Podman keeps its masking in these options, not in MaskedPaths).
pub fn unmasks_system_paths(opts: &[String]) -> bool {
    security_opt_value(opts, "systempaths")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("unconfined"))
        || security_opt_value(opts, "unmask").is_some_and(|v| !v.trim().is_empty())
}

/// The /proc and /sys paths masked by default on every engine that
/// reports the lists in HostConfig (18.06 and later; newer ones add
/// /proc/acpi, /proc/keys, /proc/asound, /proc/interrupts and
/// /sys/devices/virtual/powercap: a list without those is an older
/// engine's default, not a weakened one).
pub const MASKED_PATHS: &[&str] = &[
    "/proc/kcore",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
];

/// The /proc paths mounted read-only by default on every engine that
/// reports the lists.
pub const READONLY_PATHS: &[&str] = &[
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// apparmor=unconfined / apparmor:unconfined.
pub fn apparmor_unconfined(opts: &[String]) -> bool {
    security_opt_value(opts, "apparmor").is_some_and(|v| v.trim() == "unconfined")
}

/// label=disable / label:disable (SELinux labelling turned off), or a
/// label of the unconfined types `label=type:spc_t` / `type:unconfined_t`
/// (what `label=disable` runs a container as).
pub fn selinux_label_disabled(opts: &[String]) -> bool {
    opts.iter()
        .filter_map(|o| {
            let o = o.trim();
            o.strip_prefix("label")
                .and_then(|r| r.strip_prefix('=').or_else(|| r.strip_prefix(':')))
        })
        .any(|v| {
            let v = v.trim();
            let unconfined_type = v
                .strip_prefix("type")
                .and_then(|t| t.strip_prefix(':').or_else(|| t.strip_prefix('=')))
                .is_some_and(|t| matches!(t.trim(), "spc_t" | "unconfined_t"));
            v == "disable" || unconfined_type
        })
}

/// The no-new-privileges option: Some(true) when set ("no-new-privileges",
/// "no-new-privileges:true", "no-new-privileges=true"), Some(false) when
/// explicitly turned off, None when absent. The last spelling wins, as in
/// the engine.
pub fn no_new_privileges(opts: &[String]) -> Option<bool> {
    let mut v = None;
    for o in opts {
        let o = o.trim();
        if let Some(rest) = o.strip_prefix("no-new-privileges") {
            if rest.is_empty() {
                v = Some(true);
            } else if let Some(val) = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':')) {
                v = Some(matches!(
                    val.trim().to_ascii_lowercase().as_str(),
                    "true" | "1" | "yes"
                ));
            }
        }
    }
    v
}

/// The names an engine's Info.SecurityOptions lists: "name=apparmor",
/// "name=seccomp,profile=default" (and the bare "apparmor" of old engines).
pub fn engine_security_names(security_options: &[String]) -> Vec<String> {
    security_options
        .iter()
        .filter_map(|o| {
            let first = o.split(',').next()?.trim();
            let name = first.strip_prefix("name=").unwrap_or(first);
            (!name.is_empty()).then(|| name.to_ascii_lowercase())
        })
        .collect()
}

/// The engine's default seccomp profile from Info.SecurityOptions:
/// Some("default"), Some("unconfined"), Some(path) or None when seccomp is
/// not listed.
pub fn engine_seccomp_profile(security_options: &[String]) -> Option<String> {
    security_options.iter().find_map(|o| {
        let mut parts = o.split(',').map(str::trim);
        let first = parts.next()?;
        if first != "name=seccomp" && first != "seccomp" {
            return None;
        }
        Some(
            parts
                .find_map(|p| p.strip_prefix("profile="))
                .unwrap_or("default")
                .to_string(),
        )
    })
}

// ---------------------------------------------------------------------------
// Health, devices, processes, images (CIS 5.7, 5.18, 5.27, 5.28)

/// What a Healthcheck.Test says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HealthcheckState {
    /// No test at all (absent or empty: nothing inherited).
    Missing,
    /// ["NONE"]: explicitly disabled.
    Disabled,
    Defined,
}

pub fn healthcheck_state(test: Option<&[String]>) -> HealthcheckState {
    match test {
        None | Some([]) => HealthcheckState::Missing,
        Some([first, ..]) if first.trim().eq_ignore_ascii_case("NONE") => {
            HealthcheckState::Disabled
        }
        Some(_) => HealthcheckState::Defined,
    }
}

/// Device cgroup permissions that allow writing or creating device nodes
/// ("rwm", "w", "m"); "r" alone reads only.
pub fn device_permissions_writable(perms: &str) -> bool {
    let p = perms.trim();
    // The engine's default for --device is "rwm".
    p.is_empty() || p.contains('w') || p.contains('m')
}

/// An SSH server by the command of a process: "sshd", "/usr/sbin/sshd -D",
/// "sshd: /usr/sbin/sshd -D [listener] ...", "dropbear -F".
pub fn is_ssh_server(command: &str) -> bool {
    let first = command.split_whitespace().next().unwrap_or("");
    let base = first.rsplit('/').next().unwrap_or(first);
    let base = base.trim_end_matches(':');
    matches!(base, "sshd" | "dropbear")
}

/// Why an image reference is a mutable "latest" (CIS 5.28 hint): no tag
/// and no digest, or the tag "latest". None for a digest or another tag.
pub fn mutable_latest_reference(reference: &str) -> Option<&'static str> {
    let r = reference.trim();
    if r.is_empty() || r.starts_with("sha256:") || r.contains('@') {
        return None;
    }
    let slash = r.rfind('/').map(|i| i + 1).unwrap_or(0);
    match r[slash..].rfind(':') {
        Some(colon) if &r[slash + colon + 1..] == "latest" => Some("tagged latest"),
        Some(_) => None,
        None => Some("untagged (means latest)"),
    }
}

/// A log driver that discards the container's output (MON-100): `none`.
pub fn log_driver_discards(driver: &str) -> bool {
    driver.trim().eq_ignore_ascii_case("none")
}

/// A short rendering of a value that may be long (a seccomp profile JSON
/// in SecurityOpt): the first 80 characters.
pub fn shorten(s: &str) -> String {
    super::evidence::excerpt(s, 80)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_windows_engine_pipe_is_the_engine_socket() {
        assert!(is_engine_socket_path(r"\\.\pipe\docker_engine"));
        assert!(is_engine_socket_path("//./pipe/docker_engine"));
        assert!(!is_engine_socket_path(r"\\.\pipe\other"));
    }

    #[test]
    fn the_last_security_option_of_a_kind_stands() {
        let opts = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let o = opts(&[
            "seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\"}",
            "seccomp:unconfined",
        ]);
        assert_eq!(security_opt_value(&o, "seccomp"), Some("unconfined"));
        assert!(seccomp_unconfined(&o));
        let o = opts(&["apparmor=unconfined", "apparmor=docker-default"]);
        assert!(!apparmor_unconfined(&o));
        let o = opts(&["apparmor=docker-default", "apparmor:unconfined"]);
        assert!(apparmor_unconfined(&o));
    }

    #[test]
    fn cap_spellings_normalise() {
        for s in [
            "SYS_ADMIN",
            "sys_admin",
            "CAP_SYS_ADMIN",
            "cap_sys_admin",
            " Cap_Sys_Admin ",
        ] {
            assert_eq!(normalize_cap(s), "SYS_ADMIN", "{s:?}");
            assert_eq!(cap_risk(s), Some(Severity::Critical), "{s:?}");
        }
        assert_eq!(normalize_cap("all"), "ALL");
        assert_eq!(cap_risk("CAP_ALL"), Some(Severity::Critical));
        assert_eq!(cap_risk("NET_BIND_SERVICE"), None);
        assert_eq!(cap_risk("CHOWN"), None);
    }

    #[test]
    fn dangerous_caps_found_once_each() {
        let got = dangerous_caps(&v(&[
            "net_admin",
            "CAP_NET_ADMIN",
            "CHOWN",
            "sys_ptrace",
            "all",
        ]));
        assert_eq!(
            got,
            vec![
                ("ALL".to_string(), Severity::Critical),
                ("NET_ADMIN".to_string(), Severity::High),
                ("SYS_PTRACE".to_string(), Severity::High),
            ]
        );
        assert!(dangerous_caps(&v(&["NET_BIND_SERVICE", "CHOWN"])).is_empty());
        assert_eq!(
            other_added_caps(&v(&["wake_alarm", "CHOWN", "SYS_ADMIN"])),
            vec!["WAKE_ALARM"]
        );
    }

    #[test]
    fn drop_all_spellings() {
        assert!(drops_all_caps(&v(&["ALL"])));
        assert!(drops_all_caps(&v(&["all"])));
        assert!(drops_all_caps(&v(&["NET_RAW", "CAP_ALL"])));
        assert!(!drops_all_caps(&v(&["NET_RAW", "MKNOD"])));
        assert!(!drops_all_caps(&[]));
    }

    #[test]
    fn sensitive_paths() {
        for (p, dir) in [
            ("/", "/"),
            ("//", "/"),
            ("/etc", "/etc"),
            ("//etc/", "/etc"),
            ("/etc/../etc", "/etc"),
            ("/etc/ssl/certs", "/etc"),
            ("/home/../etc/shadow", "/etc"),
            ("/proc/1/ns", "/proc"),
            ("/sys/fs/cgroup", "/sys"),
            ("/var/run/docker.sock", "/var/run"),
            ("/var/lib/docker/volumes", "/var/lib/docker"),
            ("/var", "/var/lib/containerd"),
            ("/usr/local/bin", "/usr"),
            ("/boot/", "/boot"),
            ("/dev/kmsg", "/dev"),
        ] {
            assert_eq!(is_sensitive_host_path(p), Some(dir), "{p:?}");
        }
        // A parent of a sensitive dir is sensitive.
        assert!(is_sensitive_host_path("/var/lib").is_some());
        for p in [
            "/srv/data",
            "/home/app",
            "/etcetera",
            "/opt/app/etc",
            "data",
            "/tmp",
            "/var/log/app",
            "/usrdata",
        ] {
            assert_eq!(is_sensitive_host_path(p), None, "{p:?}");
        }
    }

    #[test]
    fn engine_sockets() {
        for p in [
            "/var/run/docker.sock",
            "/run/docker.sock",
            "//var/run//docker.sock",
            "/run/user/1000/docker.sock",
            "/run/containerd/containerd.sock",
            "/run/podman/podman.sock",
            "/run/user/1000/podman/podman.sock",
            "/tmp/docker.sock",
        ] {
            assert!(is_engine_socket_path(p), "{p:?}");
        }
        for p in ["/var/run", "/tmp/docker.sock.bak", "/etc", "docker"] {
            assert!(!is_engine_socket_path(p), "{p:?}");
        }
        assert_eq!(
            exposed_engine_socket("/var/run/"),
            Some("/var/run/docker.sock")
        );
        assert_eq!(exposed_engine_socket("/run"), Some("/run/docker.sock"));
        assert_eq!(exposed_engine_socket("/"), Some("/run/docker.sock"));
        assert!(exposed_engine_socket("/run/containerd").is_some());
        assert_eq!(exposed_engine_socket("/var/run/docker.sock"), None);
        assert_eq!(exposed_engine_socket("/srv"), None);
    }

    #[test]
    fn all_interfaces() {
        for ip in ["", " ", "0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "::0"] {
            assert!(is_all_interfaces(ip), "{ip:?}");
        }
        for ip in [
            "127.0.0.1",
            "::1",
            "[::1]",
            "10.0.0.5",
            "fe80::1",
            "localhost",
        ] {
            assert!(!is_all_interfaces(ip), "{ip:?}");
        }
    }

    #[test]
    fn restart_policies() {
        assert_eq!(restart_policy_problem("", None), None);
        assert_eq!(restart_policy_problem("no", Some(0)), None);
        assert_eq!(restart_policy_problem("on-failure", Some(3)), None);
        assert_eq!(restart_policy_problem("on-failure", Some(5)), None);
        assert!(restart_policy_problem("on-failure", Some(6)).is_some());
        assert!(restart_policy_problem("on-failure", Some(0)).is_some());
        assert!(restart_policy_problem("on-failure", None).is_some());
        assert!(restart_policy_problem("always", Some(0)).is_some());
        assert!(restart_policy_problem("unless-stopped", None).is_some());
    }

    #[test]
    fn limits() {
        assert!(memory_unlimited(None));
        assert!(memory_unlimited(Some(0)));
        assert!(!memory_unlimited(Some(64 << 20)));
        assert!(cpu_unlimited(None, None, None));
        assert!(cpu_unlimited(Some(1024), Some(0), Some(0)));
        assert!(cpu_unlimited(Some(0), None, Some(-1)));
        assert!(!cpu_unlimited(Some(512), None, None));
        assert!(!cpu_unlimited(Some(0), Some(500_000_000), None));
        assert!(!cpu_unlimited(None, None, Some(50_000)));
        assert!(pids_unlimited(None));
        assert!(pids_unlimited(Some(0)));
        assert!(pids_unlimited(Some(-1)));
        assert!(!pids_unlimited(Some(50)));
        assert!(!cgroup_parent_nondefault(""));
        assert!(!cgroup_parent_nondefault("/docker/"));
        assert!(cgroup_parent_nondefault("/runtime-test"));
    }

    #[test]
    fn security_options() {
        assert!(seccomp_unconfined(&v(&["seccomp=unconfined"])));
        assert!(seccomp_unconfined(&v(&["seccomp:unconfined"])));
        assert!(seccomp_unconfined(&v(&[
            "label=disable",
            "seccomp=Unconfined"
        ])));
        assert!(!seccomp_unconfined(&v(&[
            "seccomp={\"defaultAction\":\"SCMP_ACT_ERRNO\"}"
        ])));
        assert!(unmasks_system_paths(&v(&["systempaths=unconfined"])));
        assert!(unmasks_system_paths(&v(&["unmask=ALL"])));
        assert!(unmasks_system_paths(&v(&["mask=/a", "unmask:/proc/kcore"])));
        assert!(!unmasks_system_paths(&v(&["mask=/proc/foo", "unmask="])));
        assert!(!unmasks_system_paths(&v(&["systempaths=default"])));
        assert!(apparmor_unconfined(&v(&["apparmor=unconfined"])));
        assert!(apparmor_unconfined(&v(&["apparmor:unconfined"])));
        assert!(!apparmor_unconfined(&v(&["apparmor=docker-default"])));
        assert!(selinux_label_disabled(&v(&["label=disable"])));
        assert!(selinux_label_disabled(&v(&["label:disable"])));
        assert!(!selinux_label_disabled(&v(&["label=level:s0:c100,c200"])));
        assert!(selinux_label_disabled(&v(&["label=type:spc_t"])));
        let allow_all = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["ptrace"],"action":"SCMP_ACT_LOG"}]}"#;
        assert_eq!(seccomp_profile_allows_all(allow_all), Some(true));
        let deny_some = r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["ptrace"],"action":"SCMP_ACT_ERRNO"}]}"#;
        assert_eq!(seccomp_profile_allows_all(deny_some), Some(false));
        let default_deny = r#"{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]}"#;
        assert_eq!(seccomp_profile_allows_all(default_deny), Some(false));
        assert_eq!(seccomp_profile_allows_all("/etc/docker/profile.json"), None);
        assert!(selinux_label_disabled(&v(&["label:type:unconfined_t"])));
        assert!(!selinux_label_disabled(&v(&["label=type:container_t"])));
        assert!(!selinux_label_disabled(&v(&["label=type:svirt_apache_t"])));
        assert_eq!(no_new_privileges(&v(&["no-new-privileges"])), Some(true));
        assert_eq!(
            no_new_privileges(&v(&["no-new-privileges:true"])),
            Some(true)
        );
        assert_eq!(
            no_new_privileges(&v(&["no-new-privileges=true"])),
            Some(true)
        );
        assert_eq!(
            no_new_privileges(&v(&["no-new-privileges=false"])),
            Some(false)
        );
        assert_eq!(no_new_privileges(&v(&["seccomp=unconfined"])), None);
        assert_eq!(
            engine_security_names(&v(&[
                "name=apparmor",
                "name=seccomp,profile=default",
                "selinux"
            ])),
            vec!["apparmor", "seccomp", "selinux"]
        );
        assert_eq!(
            engine_seccomp_profile(&v(&["name=seccomp,profile=unconfined"])).as_deref(),
            Some("unconfined")
        );
        assert_eq!(engine_seccomp_profile(&v(&["name=apparmor"])), None);
    }

    #[test]
    fn misc_rules() {
        assert_eq!(healthcheck_state(None), HealthcheckState::Missing);
        assert_eq!(healthcheck_state(Some(&[])), HealthcheckState::Missing);
        assert_eq!(
            healthcheck_state(Some(&v(&["NONE"]))),
            HealthcheckState::Disabled
        );
        assert_eq!(
            healthcheck_state(Some(&v(&["CMD-SHELL", "true"]))),
            HealthcheckState::Defined
        );
        assert!(is_ssh_server("sshd"));
        assert!(is_ssh_server("/usr/sbin/sshd -D"));
        assert!(is_ssh_server(
            "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"
        ));
        assert!(is_ssh_server("dropbear -F -E"));
        assert!(!is_ssh_server("ssh-agent"));
        assert!(!is_ssh_server("sleep 600"));
        assert!(!is_ssh_server("/bin/sh -c echo sshd"));
        assert_eq!(
            mutable_latest_reference("nginx"),
            Some("untagged (means latest)")
        );
        assert_eq!(
            mutable_latest_reference("nginx:latest"),
            Some("tagged latest")
        );
        assert_eq!(
            mutable_latest_reference("reg.example:5000/app"),
            Some("untagged (means latest)")
        );
        assert_eq!(mutable_latest_reference("reg.example:5000/app:1.2"), None);
        assert_eq!(mutable_latest_reference("nginx@sha256:abc"), None);
        assert!(uses_default_bridge("default", []));
        assert!(uses_default_bridge("bridge", []));
        assert!(uses_default_bridge("", ["bridge"]));
        assert!(!uses_default_bridge("appnet", ["appnet"]));
        assert!(device_permissions_writable("rwm"));
        assert!(device_permissions_writable(""));
        assert!(!device_permissions_writable("r"));
        assert!(is_shared_propagation("rshared"));
        assert!(!is_shared_propagation("rprivate"));
        assert!(shares_host_namespace("host"));
        assert!(!shares_host_namespace("container:abc"));
    }

    #[test]
    fn privileged_host_ports() {
        assert!(is_privileged_host_port("80"));
        assert!(is_privileged_host_port(" 443 "));
        assert!(is_privileged_host_port("1000-1100"));
        assert!(!is_privileged_host_port("1024"));
        assert!(!is_privileged_host_port("8080"));
        assert!(!is_privileged_host_port(""));
        assert!(!is_privileged_host_port("0"));
        assert!(!is_privileged_host_port("http"));
    }

    #[test]
    fn published_port_rules() {
        let v = crate::subject::spelling::parse_publish("80:80", "ports").unwrap();
        assert!(is_privileged_host_port(&v.host_port) && is_all_interfaces(&v.host_ip));
    }
}
