//! HOST-049: no audit rule watches /etc/containerd/config.toml (CIS 1.1.12).

use crate::checks::support_daemon::judge_audit;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-049",
    slug: "audit-etc-containerd-config-toml",
    title: "No audit rule watches /etc/containerd/config.toml",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["1.1.12"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: auditd rules for the engine's files and directories",
    needs: &[Need::Host],
    rationale: "The engine runs as root: changes to /etc/containerd/config.toml (and, for binaries, their \
        execution) are security events. Without an audit rule there is no trail of who \
        changed or ran it. A path absent from this host is not judged.",
    remediation: "Add `-w /etc/containerd/config.toml -k docker` to /etc/audit/rules.d/docker.rules (use the path named in the \
        finding), then load the rules with `augenrules --load`.",
    references: &["https://docs.docker.com/engine/security/"],
    aliases: &["docker-bench 1.1.12"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_audit(ctx, &["1.1.12"])
}
