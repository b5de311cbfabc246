//! HOST-051: no audit rule watches the containerd binary (CIS 1.1.14).

use crate::checks::support_daemon::judge_audit;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-051",
    slug: "audit-usr-bin-containerd",
    title: "No audit rule watches the containerd binary",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["1.1.14"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: auditd rules for the engine's files and directories",
    needs: &[Need::Host],
    rationale: "The engine runs as root: changes to the containerd binary (and, for binaries, their \
        execution) are security events. Without an audit rule there is no trail of who \
        changed or ran it. A path absent from this host is not judged.",
    remediation: "Add `-w /usr/bin/containerd -k docker` to /etc/audit/rules.d/docker.rules (use the path named in the \
        finding), then load the rules with `augenrules --load`.",
    references: &["https://docs.docker.com/engine/security/"],
    aliases: &["docker-bench 1.1.14"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_audit(ctx, &["1.1.14"])
}
