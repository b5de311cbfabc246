//! HOST-030: containerd socket not owned by root:root or open beyond root (CIS 3.23, 3.24).

use crate::checks::support_daemon::{judge_files, Owner};
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "HOST-030",
    slug: "containerd-socket-perms",
    title: "containerd socket not owned by root:root or open beyond root",
    section: Section::Host,
    scope: Scope::Host,
    cis: &["3.23", "3.24"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "CIS host items: the engine's files are protected",
    needs: &[Need::Host],
    rationale: "The containerd socket steers or exposes the Docker engine, which runs with root \
        privileges: whoever can change (or, for keys, read) it can change how the engine \
        runs or impersonate it. CIS expects root:root and mode 0660 or more restrictive \
        (no permission bit beyond 0660).",
    remediation: "chown root:root /run/containerd/containerd.sock; chmod 660 /run/containerd/containerd.sock (containerd sets these itself: find what changed them)",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_files(
        ctx,
        &["containerd-sock"],
        Owner::RootRoot,
        0o660,
        "containerd socket",
        "no containerd socket found",
    )
}
