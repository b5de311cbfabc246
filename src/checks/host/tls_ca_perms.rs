//! HOST-024: TLS CA certificate not owned by root:root or not read-only (CIS 3.9, 3.10).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-024",
    slug: "tls-ca-cert-perms",
    title: "TLS CA certificate not owned by root:root or not read-only",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.9", "3.10"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The TLS CA certificate steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0444 or more restrictive \
        (no permission bit beyond 0444).",
    remediation: "chown root:root <tlscacert path>; chmod 444 <tlscacert path>",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["tls-ca"],
        Owner::RootRoot,
        0o444,
        "TLS CA certificate",
        "the daemon names no TLS CA certificate (--tlscacert / \"tlscacert\")",
    )
}
