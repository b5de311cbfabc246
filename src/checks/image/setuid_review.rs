//! BASE-105: setuid/setgid binaries removed from images (CIS 4.8). Manual in
//! the host audit: it needs the image's files, which the engine facts do not
//! hold.

use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "BASE-105",
    slug: "setuid-binaries-in-image",
    title: "setuid/setgid binaries left in images",
    scope: Scope::Host,
    cis: &["4.8"],
    severity: Severity::Medium,
    mode: Mode::Manual,
    item: "setuid/setgid binaries removed from images",
    needs: &[Need::Images],
    rationale: "A setuid-root binary in an image lets any process in the container gain root \
        in it (su, passwd, mount, ping on older images), which undoes running as a non-root \
        user. CIS 4.8 asks that setuid and setgid permissions be removed from images that do \
        not need them. The host audit reads image configuration, not image files.",
    remediation: "Strip the bits at build time: `RUN find / -xdev -perm /6000 -type f -exec \
        chmod a-s {} + || true`, and run containers with `--security-opt \
        no-new-privileges` so remaining ones cannot raise privileges.",
    references: &["https://docs.docker.com/engine/security/#linux-kernel-capabilities"],
    evaluate,
    ..super::RULE
};

fn evaluate(_ctx: &Ctx) -> Outcome {
    Outcome::manual(
        "For each image in use, list setuid/setgid files: `docker run --rm --entrypoint \
         find <image> / -xdev -perm /6000 -type f` (or the image audit of dockaudit on the \
         image archive), and ask the image owner to justify each one left.",
    )
}
