//! HOST-046: no audit rule watches the docker.socket unit file (CIS 1.1.9).

use crate::checks::support_daemon::judge_audit;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-046",
    slug: "audit-docker-socket",
    title: "No audit rule watches the docker.socket unit file",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["1.1.9"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: auditd rules for the engine's files and directories",
    needs: &[Need::Host],
    rationale: "The engine runs as root: changes to the docker.socket unit file (and, for binaries, their \
        execution) are security events. Without an audit rule there is no trail of who \
        changed or ran it. A path absent from this host is not judged.",
    remediation: "Add `-w /lib/systemd/system/docker.socket -k docker` to /etc/audit/rules.d/docker.rules (use the path named in the \
        finding), then load the rules with `augenrules --load`.",
    references: &["https://docs.docker.com/engine/security/"],
    aliases: &["docker-bench 1.1.9"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_audit(ctx, &["1.1.9"])
}
