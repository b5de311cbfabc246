//! IMG-001: the image's configured user is root or missing (CIS 4.1).
//! Named users are resolved through the image's own /etc/passwd.

use crate::checks::image_support::{config_field, over_images, scanned_subject};
use crate::checks::support::{Identity, UserSpec};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-001",
    slug: "scanned-image-user-root",
    title: "Image runs as root",
    section: Section::NonRoot,
    scope: Scope::Image,
    cis: &["4.1"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "Container processes run as a non-privileged user (configured user)",
    needs: &[Need::ImageContents],
    rationale: "An image without a USER, or with a user that is root by name, uid 0 or a \
        name the image's /etc/passwd maps to uid 0, starts every container as root unless \
        the operator overrides it; a breakout then starts from root.",
    remediation: "Create an unprivileged user in the Dockerfile and switch to it: \
        `RUN useradd --uid 10001 app` then `USER 10001:10001`.",
    references: &["https://docs.docker.com/reference/dockerfile/#user"],
    aliases: &["DS002", "CIS-DI-0001"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(
        ctx,
        "no image config (a rootfs directory has none)",
        |img| {
            let cfg = img.config.as_ref()?;
            let spec = UserSpec::parse(&cfg.user);
            let shown = if cfg.user.is_empty() {
                "(none)"
            } else {
                cfg.user.as_str()
            };
            let root = match spec.identity() {
                Identity::Root => true,
                Identity::NonRootUid(_) => false,
                Identity::Named => img
                    .passwd
                    .as_ref()
                    .and_then(|p| p.iter().find(|e| e.name == spec.user))
                    .is_some_and(|e| e.uid == Some(0)),
            };
            let mut out = Vec::new();
            if root {
                let why = match spec.identity() {
                    Identity::Named => {
                        format!("user {shown} maps to uid 0 in the image's /etc/passwd")
                    }
                    _ if cfg.user.is_empty() => {
                        "no user is configured, so it runs as root".to_string()
                    }
                    _ => format!("user {shown} is root"),
                };
                out.push(Finding::new(
                    scanned_subject(img),
                    format!("image runs as root: {why}"),
                    Evidence::new(
                        config_field("config.User"),
                        shown,
                        "a non-root user (uid other than 0)",
                    ),
                ));
            }
            Some(out)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::image::{ImageConfig, ImageFacts, PasswdEntry};
    use crate::facts::{Facts, Source};

    fn run(user: &str) -> Outcome {
        let mut f = Facts::new();
        f.scanned_images = Source::Present(vec![ImageFacts {
            reference: "x".into(),
            config: Some(ImageConfig {
                user: user.into(),
                ..Default::default()
            }),
            passwd: Some(vec![PasswdEntry {
                name: "toor".into(),
                uid: Some(0),
                ..Default::default()
            }]),
            ..Default::default()
        }]);
        let cfg = AuditConfig::default();
        evaluate(&Ctx {
            facts: &f,
            config: &cfg,
        })
    }

    #[test]
    fn spellings() {
        for u in ["", "root", "0", "00", "0:0", "toor", "toor:1000"] {
            assert!(matches!(run(u), Outcome::Fail { .. }), "{u:?}");
        }
        for u in ["1000", "app", "nobody:nogroup"] {
            assert!(matches!(run(u), Outcome::Pass { .. }), "{u:?}");
        }
    }
}
