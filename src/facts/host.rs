//! Facts read from the host's files (under --host-root): kernel, security
//! modules, mounts, users and groups, the engine's files, audit rules,
//! packages, listening sockets, content trust settings, trust keys, log
//! forwarding. Plain data: no I/O here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Source;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostFacts {
    /// The folder host files were read under ("/" on the host itself).
    pub root: String,
    pub kernel: Source<Kernel>,
    /// /sys/kernel/security/lockdown, e.g. "[none] integrity confidentiality".
    pub lockdown: Source<String>,
    /// grsecurity / PaX markers found (path and what), empty when none.
    pub grsecurity: Source<Vec<String>>,
    /// sysctl name (dotted) -> value; a missing key is Unavailable with the
    /// path and cause ("absent" for a kernel without it).
    pub sysctls: BTreeMap<String, Source<String>>,
    pub lsm: Source<Lsm>,
    pub mounts: Source<Vec<Mount>>,
    pub passwd: Source<Vec<PasswdEntry>>,
    pub groups: Source<Vec<GroupEntry>>,
    /// Every engine file CIS section 3 and section 1.1 name, stat'ed.
    pub files: Vec<FileStat>,
    pub audit_rules: Source<Vec<AuditRule>>,
    pub os_release: Source<BTreeMap<String, String>>,
    pub packages: Source<Packages>,
    pub listeners: Source<Vec<Listener>>,
    /// DOCKER_CONTENT_TRUST settings found, with where.
    pub content_trust: Source<Vec<EnvSetting>>,
    /// Files content trust may be set in that exist but could not be read
    /// (or a folder of them that could not be listed), each with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub content_trust_unread: Vec<String>,
    pub trust_keys: Source<TrustKeys>,
    pub logging: Source<HostLogging>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Kernel {
    /// /proc/sys/kernel/osrelease, e.g. "6.1.0-18-amd64".
    pub release: String,
    /// /proc/version.
    pub version: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lsm {
    /// /sys/kernel/security/lsm, None when unreadable or absent.
    pub active: Option<Vec<String>>,
    /// /sys/module/apparmor/parameters/enabled is "Y".
    pub apparmor_enabled: Option<bool>,
    /// /sys/fs/selinux/enforce: 1 enforcing, 0 permissive; None: no selinuxfs.
    pub selinux_enforce: Option<i32>,
    /// What was read, path by path, for evidence.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mount {
    pub device: String,
    pub mount_point: String,
    pub fs_type: String,
    pub options: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswdEntry {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub home: String,
    pub shell: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupEntry {
    pub name: String,
    pub gid: u32,
    pub members: Vec<String>,
}

/// A file the checks judge. `exists: None` when its state could not be
/// read (`error` says why); `Some(false)` when known absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileStat {
    pub path: String,
    /// What the file is to the engine: docker.service, docker.socket,
    /// etc-docker, registry-cert, tls-ca, tls-cert, tls-key, docker-sock,
    /// daemon.json, etc-default-docker, etc-sysconfig-docker,
    /// containerd-sock, audit-target. Bundles written before 0.1 spelled
    /// audit targets `audit:<CIS control>`; checks still read that form.
    pub role: String,
    /// For role `audit-target`: which engine component the path is, as a
    /// neutral key (`/usr/bin/dockerd`, `docker.service`, `containerd.sock`,
    /// ...; see `collect::host::AUDIT_TARGETS`). Which control audits it is
    /// the checks' business.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    pub exists: Option<bool>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// Permission bits (mode & 0o7777).
    pub mode: Option<u32>,
    /// file, dir, socket, symlink, other
    pub kind: String,
    pub error: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditRule {
    /// file:line
    pub location: String,
    pub text: String,
    /// -w path, or -F path=/dir= of a syscall rule.
    pub watch: Option<String>,
    pub permissions: Option<String>,
    pub key: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Packages {
    /// dpkg, apk, rpm
    pub manager: String,
    pub database: String,
    /// None when the database was found but not parsed (rpm). The same
    /// package model as an image's inventory (`location` the database).
    pub installed: Option<Vec<crate::facts::image::Package>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Listener {
    /// tcp, tcp6, udp, udp6
    pub proto: String,
    pub address: String,
    pub port: u16,
    pub inode: u64,
    /// Owning process (pid and command), when /proc/*/fd was readable.
    pub pid: Option<i64>,
    pub process: Option<String>,
}

impl Listener {
    pub fn is_loopback(&self) -> bool {
        self.address.starts_with("127.") || self.address == "::1"
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvSetting {
    /// e.g. "/etc/environment:3", "dockerd process environment (pid 7)",
    /// "unit /lib/systemd/system/docker.service Environment=".
    pub location: String,
    pub name: String,
    pub value: String,
    /// Applies to every login user (/etc/environment, /etc/profile.d).
    pub system_wide: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrustKeys {
    /// ~/.docker/trust/private folders looked at (exists or not).
    pub searched: Vec<String>,
    pub keys: Vec<TrustKey>,
    /// Folders that could not be read, with the cause.
    pub errors: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrustKey {
    pub path: String,
    /// From the key's PEM header `role:` (root, targets, ...); "" unknown.
    pub role: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostLogging {
    /// journald Storage= (last value seen) and where.
    pub journald_storage: Option<String>,
    pub journald_forward_to_syslog: Option<String>,
    /// Remote forwarding rules found (rsyslog @host/@@host/omfwd,
    /// syslog-ng network destinations, journal-upload URL).
    pub forwarding: Vec<LogForward>,
    /// Log shipping agents present (fluent-bit, vector, filebeat, ...), with
    /// the path that shows it.
    pub agents: Vec<String>,
    /// Config files read.
    pub files_read: Vec<String>,
    /// Config files and drop-in folders that exist but could not be read
    /// (path and cause): what they say is unknown, never absent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogForward {
    /// rsyslog, syslog-ng, journal-upload
    pub kind: String,
    /// file:line
    pub location: String,
    pub rule: String,
}

impl HostFacts {
    /// Files of one role.
    pub fn files_with_role(&self, role: &str) -> Vec<&FileStat> {
        self.files.iter().filter(|f| f.role == role).collect()
    }

    pub fn group(&self, name: &str) -> Option<&GroupEntry> {
        self.groups.get()?.iter().find(|g| g.name == name)
    }

    pub fn group_name(&self, gid: u32) -> Option<&str> {
        self.groups
            .get()?
            .iter()
            .find(|g| g.gid == gid)
            .map(|g| g.name.as_str())
    }

    pub fn user_name(&self, uid: u32) -> Option<&str> {
        self.passwd
            .get()?
            .iter()
            .find(|u| u.uid == uid)
            .map(|u| u.name.as_str())
    }

    pub fn sysctl(&self, name: &str) -> Option<&str> {
        self.sysctls
            .get(name)
            .and_then(|s| s.get())
            .map(|s| s.trim())
    }
}
