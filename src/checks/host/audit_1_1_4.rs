//! HOST-041: no audit rule watches /run/containerd (CIS 1.1.4).

use crate::checks::support_daemon::judge_audit;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-041",
    slug: "audit-run-containerd",
    title: "No audit rule watches /run/containerd",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["1.1.4"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: auditd rules for the engine's files and directories",
    needs: &[Need::Host],
    rationale: "The engine runs as root: changes to /run/containerd (and, for binaries, their \
        execution) are security events. Without an audit rule there is no trail of who \
        changed or ran it. A path absent from this host is not judged.",
    remediation: "Add `-a exit,always -F path=/run/containerd -F perm=war -k docker` to /etc/audit/rules.d/docker.rules (use the path named in the \
        finding), then load the rules with `augenrules --load`.",
    references: &["https://docs.docker.com/engine/security/"],
    aliases: &["docker-bench 1.1.4"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_audit(ctx, &["1.1.4"])
}
