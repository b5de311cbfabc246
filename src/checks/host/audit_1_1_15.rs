//! HOST-052: no audit rule watches the containerd-shim binary (CIS 1.1.15).

use crate::checks::support_daemon::judge_audit;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-052",
    slug: "audit-usr-bin-containerd-shim",
    title: "No audit rule watches the containerd-shim binary",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["1.1.15"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: auditd rules for the engine's files and directories",
    needs: &[Need::Host],
    rationale: "The engine runs as root: changes to the containerd-shim binary (and, for binaries, their \
        execution) are security events. Without an audit rule there is no trail of who \
        changed or ran it. A path absent from this host is not judged.",
    remediation: "Add `-w /usr/bin/containerd-shim -k docker` to /etc/audit/rules.d/docker.rules (use the path named in the \
        finding), then load the rules with `augenrules --load`.",
    references: &["https://docs.docker.com/engine/security/"],
    aliases: &["docker-bench 1.1.15"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_audit(ctx, &["1.1.15"])
}
