//! HOST-040 .. HOST-055: no audit rule watches one of the engine's files or
//! directories (CIS 1.1.3 - 1.1.18). One table: each row is a check with its
//! own id, the path's CIS control and the rule that fixes it; all judge the
//! same way (`judge_audit` over the facts of that control's path).

use crate::checks::support::daemon::judge_audit;
use crate::checks::{Check, Mode, Need, Scope, Section, Severity};

/// One row of the table: a check judging the audit rules of the path CIS
/// `cis` names. `what` names the path in the rationale; `rule` is the line
/// the remediation adds.
macro_rules! audit_rule {
    ($name:ident {
        id: $id:literal,
        slug: $slug:literal,
        cis: $ctl:literal,
        title: $title:literal,
        what: $what:literal,
        rule: $rule:literal $(,)?
    }) => {
        pub static $name: Check = Check {
            id: $id,
            slug: $slug,
            title: $title,
            section: Section::Host,
            scope: Scope::Host,
            cis: &[$ctl],
            severity: Severity::Medium,
            mode: Mode::Automated,
            item: "CIS host items: auditd rules for the engine's files and directories",
            needs: &[Need::Host],
            rationale: concat!(
                "The engine runs as root: changes to ",
                $what,
                " (and, for binaries, their execution) are security events. Without an audit \
                 rule there is no trail of who changed or ran it. A path absent from this host \
                 is not judged."
            ),
            remediation: concat!(
                "Add `",
                $rule,
                "` to /etc/audit/rules.d/docker.rules (use the path named in the finding), then \
                 load the rules with `augenrules --load`."
            ),
            references: &["https://docs.docker.com/engine/security/"],
            aliases: &[concat!("docker-bench ", $ctl)],
            evaluate: |ctx| judge_audit(ctx, &[$ctl]),
        };
    };
}

audit_rule!(DOCKERD {
    id: "HOST-040",
    slug: "audit-usr-bin-dockerd",
    cis: "1.1.3",
    title: "No audit rule watches the dockerd binary",
    what: "the dockerd binary",
    rule: "-w /usr/bin/dockerd -k docker",
});

audit_rule!(RUN_CONTAINERD {
    id: "HOST-041",
    slug: "audit-run-containerd",
    cis: "1.1.4",
    title: "No audit rule watches /run/containerd",
    what: "/run/containerd",
    rule: "-a exit,always -F path=/run/containerd -F perm=war -k docker",
});

audit_rule!(DATA_ROOT {
    id: "HOST-042",
    slug: "audit-var-lib-docker",
    cis: "1.1.5",
    title: "No audit rule watches the engine's data root (/var/lib/docker or --data-root)",
    what: "the engine's data root (/var/lib/docker or --data-root)",
    rule: "-a exit,always -F path=/var/lib/docker -F perm=war -k docker",
});

audit_rule!(ETC_DOCKER {
    id: "HOST-043",
    slug: "audit-etc-docker",
    cis: "1.1.6",
    title: "No audit rule watches /etc/docker",
    what: "/etc/docker",
    rule: "-w /etc/docker -k docker",
});

audit_rule!(DOCKER_SERVICE {
    id: "HOST-044",
    slug: "audit-docker-service",
    cis: "1.1.7",
    title: "No audit rule watches the docker.service unit file",
    what: "the docker.service unit file",
    rule: "-w /lib/systemd/system/docker.service -k docker",
});

audit_rule!(CONTAINERD_SOCK {
    id: "HOST-045",
    slug: "audit-containerd-sock",
    cis: "1.1.8",
    title: "No audit rule watches the containerd socket",
    what: "the containerd socket",
    rule: "-w /run/containerd/containerd.sock -k docker",
});

audit_rule!(DOCKER_SOCKET {
    id: "HOST-046",
    slug: "audit-docker-socket",
    cis: "1.1.9",
    title: "No audit rule watches the docker.socket unit file",
    what: "the docker.socket unit file",
    rule: "-w /lib/systemd/system/docker.socket -k docker",
});

audit_rule!(ETC_DEFAULT_DOCKER {
    id: "HOST-047",
    slug: "audit-etc-default-docker",
    cis: "1.1.10",
    title: "No audit rule watches /etc/default/docker",
    what: "/etc/default/docker",
    rule: "-w /etc/default/docker -k docker",
});

audit_rule!(DAEMON_JSON {
    id: "HOST-048",
    slug: "audit-etc-docker-daemon-json",
    cis: "1.1.11",
    title: "No audit rule watches daemon.json",
    what: "daemon.json",
    rule: "-w /etc/docker/daemon.json -k docker",
});

audit_rule!(CONTAINERD_CONFIG {
    id: "HOST-049",
    slug: "audit-etc-containerd-config-toml",
    cis: "1.1.12",
    title: "No audit rule watches /etc/containerd/config.toml",
    what: "/etc/containerd/config.toml",
    rule: "-w /etc/containerd/config.toml -k docker",
});

audit_rule!(ETC_SYSCONFIG_DOCKER {
    id: "HOST-050",
    slug: "audit-etc-sysconfig-docker",
    cis: "1.1.13",
    title: "No audit rule watches /etc/sysconfig/docker",
    what: "/etc/sysconfig/docker",
    rule: "-w /etc/sysconfig/docker -k docker",
});

audit_rule!(CONTAINERD {
    id: "HOST-051",
    slug: "audit-usr-bin-containerd",
    cis: "1.1.14",
    title: "No audit rule watches the containerd binary",
    what: "the containerd binary",
    rule: "-w /usr/bin/containerd -k docker",
});

audit_rule!(CONTAINERD_SHIM {
    id: "HOST-052",
    slug: "audit-usr-bin-containerd-shim",
    cis: "1.1.15",
    title: "No audit rule watches the containerd-shim binary",
    what: "the containerd-shim binary",
    rule: "-w /usr/bin/containerd-shim -k docker",
});

audit_rule!(SHIM_RUNC_V1 {
    id: "HOST-053",
    slug: "audit-usr-bin-containerd-shim-runc-v1",
    cis: "1.1.16",
    title: "No audit rule watches the containerd-shim-runc-v1 binary",
    what: "the containerd-shim-runc-v1 binary",
    rule: "-w /usr/bin/containerd-shim-runc-v1 -k docker",
});

audit_rule!(SHIM_RUNC_V2 {
    id: "HOST-054",
    slug: "audit-usr-bin-containerd-shim-runc-v2",
    cis: "1.1.17",
    title: "No audit rule watches the containerd-shim-runc-v2 binary",
    what: "the containerd-shim-runc-v2 binary",
    rule: "-w /usr/bin/containerd-shim-runc-v2 -k docker",
});

audit_rule!(RUNC {
    id: "HOST-055",
    slug: "audit-usr-bin-runc",
    cis: "1.1.18",
    title: "No audit rule watches the runc binary",
    what: "the runc binary",
    rule: "-w /usr/bin/runc -k docker",
});
