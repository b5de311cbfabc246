//! HOST-020 .. HOST-030 and USER-003: one of the engine's files, directories
//! or sockets is not owned as CIS expects or has permission bits beyond the
//! expected mode (CIS 3.1 - 3.24). One table: each row is a check with its own
//! id; all judge the same way (`judge_files` over the files of given roles).

use crate::checks::support::daemon::{judge_files, Owner};
use crate::checks::{Check, Mode, Need, Scope, Section, Severity};

/// The owner as the rationale writes it.
macro_rules! owner_text {
    (RootRoot) => {
        "root:root"
    };
    (RootDocker) => {
        "root:docker"
    };
}

/// One row of the table: the files of `roles` must be owned by `owner` and
/// have no permission bit beyond `mode` (`mode_text` is the same mode as the
/// rationale writes it). `what` names the file in rationale and findings;
/// `none` is the reason when the host has no such file.
macro_rules! file_permission {
    ($name:ident {
        id: $id:literal,
        slug: $slug:literal,
        title: $title:literal,
        section: $section:ident,
        cis: [$($ctl:literal),*],
        severity: $severity:ident,
        item: $item:literal,
        roles: [$($role:literal),*],
        owner: $owner:ident,
        mode: $mode:literal = $mode_text:literal,
        what: $what:literal,
        none: $none:literal,
        remediation: $remediation:literal $(,)?
    }) => {
        pub static $name: Check = Check {
            id: $id,
            slug: $slug,
            title: $title,
            section: Section::$section,
            scope: Scope::Host,
            cis: &[$($ctl),*],
            severity: Severity::$severity,
            mode: Mode::Automated,
            item: $item,
            needs: &[Need::Host],
            rationale: concat!(
                "The ",
                $what,
                " steers or exposes the Docker engine, which runs with root privileges: whoever \
                 can change (or, for keys, read) it can change how the engine runs or impersonate \
                 it. CIS expects ",
                owner_text!($owner),
                " and mode ",
                $mode_text,
                " or more restrictive (no permission bit beyond ",
                $mode_text,
                ")."
            ),
            remediation: $remediation,
            references: &["https://docs.docker.com/engine/security/protect-access/"],
            aliases: &[],
            evaluate: |ctx| judge_files(ctx, &[$($role),*], Owner::$owner, $mode, $what, $none),
        };
    };
}

file_permission!(DOCKER_SERVICE {
    id: "HOST-020",
    slug: "docker-service-file-perms",
    title: "docker.service file not owned by root:root or writable by others",
    section: Host,
    cis: ["3.1", "3.2"],
    severity: High,
    item: "CIS host items: the engine's files are protected",
    roles: ["docker.service"],
    owner: RootRoot,
    mode: 0o644 = "0644",
    what: "docker.service unit file",
    none: "no docker.service unit file on this host",
    remediation: "chown root:root <path>; chmod 644 <path> (the path in the finding, e.g. /lib/systemd/system/docker.service or a drop-in such as /etc/systemd/system/docker.service.d/override.conf; a drop-in folder: chmod 755 <path>)",
});

file_permission!(DOCKER_SOCKET_UNIT {
    id: "HOST-021",
    slug: "docker-socket-unit-perms",
    title: "docker.socket unit file not owned by root:root or writable by others",
    section: Host,
    cis: ["3.3", "3.4"],
    severity: High,
    item: "CIS host items: the engine's files are protected",
    roles: ["docker.socket"],
    owner: RootRoot,
    mode: 0o644 = "0644",
    what: "docker.socket unit file",
    none: "no docker.socket unit file on this host",
    remediation: "chown root:root <path>; chmod 644 <path> (e.g. /lib/systemd/system/docker.socket or a drop-in in /etc/systemd/system/docker.socket.d; a drop-in folder: chmod 755 <path>)",
});

file_permission!(ETC_DOCKER {
    id: "HOST-022",
    slug: "etc-docker-dir-perms",
    title: "/etc/docker not owned by root:root or writable by others",
    section: Host,
    cis: ["3.5", "3.6"],
    severity: High,
    item: "CIS host items: the engine's files are protected",
    roles: ["etc-docker"],
    owner: RootRoot,
    mode: 0o755 = "0755",
    what: "directory",
    none: "/etc/docker does not exist",
    remediation: "chown root:root /etc/docker; chmod 755 /etc/docker",
});

file_permission!(REGISTRY_CERTS {
    id: "HOST-023",
    slug: "registry-cert-perms",
    title: "Registry certificate not owned by root:root or not read-only",
    section: Host,
    cis: ["3.7", "3.8"],
    severity: Medium,
    item: "CIS host items: the engine's files are protected",
    roles: ["registry-cert"],
    owner: RootRoot,
    mode: 0o444 = "0444",
    what: "registry certificate file",
    none: "no registry certificates under /etc/docker/certs.d",
    remediation: "chown root:root /etc/docker/certs.d/<registry>/*; chmod 444 /etc/docker/certs.d/<registry>/*",
});

file_permission!(TLS_CA {
    id: "HOST-024",
    slug: "tls-ca-cert-perms",
    title: "TLS CA certificate not owned by root:root or not read-only",
    section: Host,
    cis: ["3.9", "3.10"],
    severity: Medium,
    item: "CIS host items: the engine's files are protected",
    roles: ["tls-ca"],
    owner: RootRoot,
    mode: 0o444 = "0444",
    what: "TLS CA certificate",
    none: "the daemon names no TLS CA certificate (--tlscacert / \"tlscacert\")",
    remediation: "chown root:root <tlscacert path>; chmod 444 <tlscacert path>",
});

file_permission!(TLS_CERT {
    id: "HOST-025",
    slug: "tls-server-cert-perms",
    title: "Daemon TLS server certificate not owned by root:root or not read-only",
    section: Host,
    cis: ["3.11", "3.12"],
    severity: Medium,
    item: "CIS host items: the engine's files are protected",
    roles: ["tls-cert"],
    owner: RootRoot,
    mode: 0o444 = "0444",
    what: "TLS server certificate",
    none: "the daemon names no TLS server certificate (--tlscert / \"tlscert\")",
    remediation: "chown root:root <tlscert path>; chmod 444 <tlscert path>",
});

file_permission!(TLS_KEY {
    id: "HOST-026",
    slug: "tls-server-key-perms",
    title: "Daemon TLS key not owned by root:root or readable beyond its owner",
    section: Host,
    cis: ["3.13", "3.14"],
    severity: High,
    item: "CIS host items: the engine's files are protected",
    roles: ["tls-key"],
    owner: RootRoot,
    mode: 0o400 = "0400",
    what: "TLS server key",
    none: "the daemon names no TLS key (--tlskey / \"tlskey\")",
    remediation: "chown root:root <tlskey path>; chmod 400 <tlskey path>",
});

file_permission!(DAEMON_JSON {
    id: "HOST-027",
    slug: "daemon-json-perms",
    title: "daemon.json not owned by root:root or writable by others",
    section: Host,
    cis: ["3.17", "3.18"],
    severity: High,
    item: "CIS host items: the engine's files are protected",
    roles: ["daemon.json"],
    owner: RootRoot,
    mode: 0o644 = "0644",
    what: "daemon configuration file",
    none: "the daemon configuration file does not exist",
    remediation: "chown root:root /etc/docker/daemon.json; chmod 644 /etc/docker/daemon.json (or the --config-file path in the finding)",
});

file_permission!(ETC_DEFAULT_DOCKER {
    id: "HOST-028",
    slug: "etc-default-docker-perms",
    title: "/etc/default/docker not owned by root:root or writable by others",
    section: Host,
    cis: ["3.19", "3.20"],
    severity: Medium,
    item: "CIS host items: the engine's files are protected",
    roles: ["etc-default-docker"],
    owner: RootRoot,
    mode: 0o644 = "0644",
    what: "file",
    none: "/etc/default/docker does not exist",
    remediation: "chown root:root /etc/default/docker; chmod 644 /etc/default/docker",
});

file_permission!(ETC_SYSCONFIG_DOCKER {
    id: "HOST-029",
    slug: "etc-sysconfig-docker-perms",
    title: "/etc/sysconfig/docker not owned by root:root or writable by others",
    section: Host,
    cis: ["3.21", "3.22"],
    severity: Medium,
    item: "CIS host items: the engine's files are protected",
    roles: ["etc-sysconfig-docker"],
    owner: RootRoot,
    mode: 0o644 = "0644",
    what: "file",
    none: "/etc/sysconfig/docker does not exist",
    remediation: "chown root:root /etc/sysconfig/docker; chmod 644 /etc/sysconfig/docker",
});

file_permission!(CONTAINERD_SOCKET {
    id: "HOST-030",
    slug: "containerd-socket-perms",
    title: "containerd socket not owned by root:root or open beyond root",
    section: Host,
    cis: ["3.23", "3.24"],
    severity: High,
    item: "CIS host items: the engine's files are protected",
    roles: ["containerd-sock"],
    owner: RootRoot,
    mode: 0o660 = "0660",
    what: "containerd socket",
    none: "no containerd socket found",
    remediation: "chown root:root /run/containerd/containerd.sock; chmod 660 /run/containerd/containerd.sock (containerd sets these itself: find what changed them)",
});

file_permission!(DOCKER_SOCKET {
    id: "USER-003",
    slug: "docker-socket-perms",
    title: "Docker socket not owned by root:docker or open beyond the docker group",
    section: NonRoot,
    cis: ["3.15", "3.16"],
    severity: Critical,
    item: "Access to the engine is limited: socket ownership and mode",
    roles: ["docker-sock"],
    owner: RootDocker,
    mode: 0o660 = "0660",
    what: "Docker socket",
    none: "no Docker unix socket found",
    remediation: "chown root:docker /var/run/docker.sock; chmod 660 /var/run/docker.sock (or the socket path in the finding; with socket activation set SocketMode=0660 and SocketGroup=docker in docker.socket)",
});
