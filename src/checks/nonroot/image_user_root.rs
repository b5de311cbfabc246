//! USER-101: images whose configured user is root (CIS 4.1), for every
//! image on the engine and for a single image audit.

use crate::checks::support::{image_field, image_subject, Identity, UserSpec};
use crate::checks::{
    Check, Ctx, Evidence, Finding, Mode, Need, Observation, Outcome, Scope, Section, Severity,
};

pub static CHECK: Check = Check {
    id: "USER-101",
    slug: "image-user-root",
    title: "Image runs as root by default",
    section: Section::NonRoot,
    scope: Scope::Image,
    cis: &["4.1"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "Container processes run as a non-privileged user",
    needs: &[Need::Images],
    rationale: "An image without a USER instruction (or with USER root / 0) starts every \
        container as root unless each `docker run` remembers `--user`. CIS 4.1 asks for a \
        dedicated user created in the image. A named user is taken as non-root: its uid \
        comes from the image's /etc/passwd.",
    remediation: "Create a user in the Dockerfile and switch to it before the final \
        instructions: `RUN addgroup -S app && adduser -S -G app app` then `USER app` (or a \
        numeric `USER 1000:1000`).",
    references: &["https://docs.docker.com/reference/dockerfile/#user"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let images = ctx.facts.images();
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    for i in images {
        let user = &i.config.user;
        match UserSpec::parse(user).identity() {
            Identity::Root => {
                let shown = if user.trim().is_empty() {
                    "\"\" (no USER: root)".to_string()
                } else {
                    format!("{user:?}")
                };
                findings.push(Finding::new(
                    image_subject(i),
                    format!("image user is root (Config.User {shown})"),
                    Evidence::new(
                        image_field("Config.User"),
                        shown,
                        "a non-root user, e.g. \"1000:1000\" or a named user",
                    ),
                ));
            }
            Identity::Named => observations.push(Observation {
                subject: image_subject(i),
                message: format!(
                    "image user {user:?} is a name: its uid comes from the image's /etc/passwd \
                     and was taken as non-root"
                ),
                source: image_field("Config.User"),
            }),
            Identity::NonRootUid(_) => {}
        }
    }
    Outcome::from_findings(images.len(), findings, "no images on this engine")
        .with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::{Facts, Image, Source};

    #[test]
    fn spellings() {
        let cfg = AuditConfig::default();
        for (user, root) in [
            ("", true),
            ("root", true),
            ("0", true),
            ("00", true),
            ("0:0", true),
            ("root:x", true),
            ("1000", false),
            ("app", false),
            ("1000:0", false),
        ] {
            let mut i = Image {
                id: "sha256:0123456789abcdef".into(),
                repo_tags: vec!["x:1".into()],
                ..Default::default()
            };
            i.config.user = user.into();
            let mut facts = Facts::new();
            facts.images = Source::Present(vec![i]);
            let out = evaluate(&Ctx {
                facts: &facts,
                config: &cfg,
            });
            assert_eq!(
                matches!(out, Outcome::Fail { .. }),
                root,
                "{user:?}: {out:?}"
            );
        }
    }
}
