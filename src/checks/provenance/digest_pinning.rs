//! PROV-100: containers created from a mutable reference (a tag) rather
//! than one pinned by digest (`@sha256:`) or by image id.

use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "PROV-100",
    slug: "image-not-pinned-by-digest",
    title: "Container created from an image tag, not a digest",
    section: Section::Provenance,
    scope: Scope::Host,
    cis: &[],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Image digest checked at deployment: containers created from a reference pinned by \
        `@sha256:` rather than a mutable tag",
    needs: &[Need::Containers],
    rationale: "A tag is a movable pointer: whoever can push to the repository (or tamper \
        with the registry path) decides what `app:1.4` means at the next pull, and two \
        hosts deploying the same tag can run different code. A digest names exactly the \
        content that was reviewed and scanned. A container created from an image id is \
        pinned as well (the id is the content hash of the configuration).",
    remediation: "Deploy by digest: `docker run registry/app:1.4@sha256:<digest>` (compose \
        `image: registry/app:1.4@sha256:<digest>`); look the digest up with `docker \
        buildx imagetools inspect registry/app:1.4` or from the CI pipeline that pushed it.",
    references: &["https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier"],
    aliases: &[],
    evaluate,
};

/// Whether a Config.Image reference is pinned: a digest, or an image id.
pub fn pinned(reference: &str, image_id: &str) -> bool {
    let r = reference.trim();
    if r.contains("@sha256:") {
        return true;
    }
    let hex = r.strip_prefix("sha256:").unwrap_or(r);
    let id = image_id.strip_prefix("sha256:").unwrap_or(image_id);
    hex.len() >= 12
        && hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && (id.starts_with(hex) || r.starts_with("sha256:"))
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let containers = ctx.facts.containers();
    let mut findings = Vec::new();
    let mut checked = 0;
    for c in containers {
        if c.config.image.trim().is_empty() {
            continue;
        }
        checked += 1;
        if !pinned(&c.config.image, &c.image) {
            findings.push(Finding::new(
                container_subject(c),
                format!("created from the mutable reference {}", c.config.image),
                Evidence::new(
                    inspect_field("Config.Image"),
                    c.config.image.clone(),
                    "a reference pinned by digest (name@sha256:...)",
                ),
            ));
        }
    }
    if checked == 0 && !containers.is_empty() {
        return Outcome::Skipped(
            "no container reported its image reference (Config.Image)".to_string(),
        );
    }
    Outcome::from_findings(checked, findings, "no containers on this engine")
}

#[cfg(test)]
mod tests {
    use super::pinned;

    #[test]
    fn references() {
        let id = "sha256:c555af76c33ab49e59403972b0eb4bc8440b37ae8c40ea56ad0c86bb1d16a926";
        assert!(pinned("nginx@sha256:0123456789abcdef", id));
        assert!(pinned("nginx:1.25@sha256:0123456789abcdef", id));
        assert!(pinned(id, id));
        assert!(pinned("c555af76c33a", id));
        assert!(!pinned("nginx:1.25", id));
        assert!(!pinned("nginx", id));
        assert!(!pinned("deadbeefcafe", id));
        assert!(!pinned("reg:5000/app:2", id));
    }
}
