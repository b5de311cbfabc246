//! SECRET-101: secrets in an image's configuration: Config.Env and
//! Config.Labels (CIS 4.10). Every container of the image inherits them.

use crate::checks::support::{image_field, image_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};
use crate::secrets::{scan_env, scan_kv};

pub static CHECK: Check = Check {
    id: "SECRET-101",
    slug: "image-config-secret",
    title: "Secret in an image's environment or labels",
    section: Section::Secrets,
    scope: Scope::Image,
    cis: &["4.10"],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "No secrets in environment variables (image config env, container env); no \
        secrets in Dockerfiles or image layers",
    needs: &[Need::Images],
    rationale: "An `ENV` or `LABEL` value is part of the image configuration: anyone who can \
        pull the image reads it with `docker image inspect`, every container started from it \
        inherits the environment, and it cannot be removed without rebuilding. CIS 4.10 asks \
        that no secrets be stored in Dockerfiles.",
    remediation: "Remove the `ENV`/`LABEL` from the Dockerfile and rebuild; pass the secret \
        at run time as a file (`docker secret`, compose `secrets:`), or at build time with \
        `RUN --mount=type=secret,id=...`. Rotate the exposed secret: it stays in every copy \
        of the old image.",
    references: &[
        "https://docs.docker.com/build/building/secrets/",
        "https://docs.docker.com/reference/dockerfile/#env",
    ],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let images = ctx.facts.images();
    let mut findings = Vec::new();
    for i in images {
        for entry in i.config.env.iter().flatten() {
            if let Some((name, hit)) = scan_env(entry) {
                findings.push(Finding::new(
                    image_subject(i),
                    format!(
                        "image environment variable {name} holds {} ({})",
                        super::what(&hit),
                        hit.redacted
                    ),
                    Evidence::new(
                        image_field("Config.Env"),
                        format!("{name}={}", hit.redacted),
                        "no secret values in the image configuration",
                    ),
                ));
            }
        }
        for (key, value) in &i.config.labels {
            if let Some(hit) = scan_kv(key, value) {
                findings.push(Finding::new(
                    image_subject(i),
                    format!(
                        "image label {key} holds {} ({})",
                        super::what(&hit),
                        hit.redacted
                    ),
                    Evidence::new(
                        image_field("Config.Labels"),
                        format!("{key}={}", hit.redacted),
                        "no secret values in the image configuration",
                    ),
                ));
            }
        }
    }
    Outcome::from_findings(images.len(), findings, "no images on this engine")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::{Facts, Image, Source};

    #[test]
    fn env_and_labels() {
        let mut i = Image {
            id: "sha256:abc".into(),
            ..Default::default()
        };
        i.config.env = Some(vec![
            "DB_PASSWORD=hunter22".into(),
            "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D".into(),
        ]);
        i.config.labels.insert(
            "api_token".into(),
            "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8".into(),
        );
        i.config
            .labels
            .insert("org.opencontainers.image.version".into(), "1.2.3".into());
        let mut facts = Facts::new();
        facts.images = Source::Present(vec![i]);
        let cfg = AuditConfig::default();
        match evaluate(&Ctx {
            facts: &facts,
            config: &cfg,
        }) {
            Outcome::Fail { findings, .. } => {
                assert_eq!(findings.len(), 2, "{findings:?}");
                let text = format!("{findings:?}");
                assert!(!text.contains("hunter22") && !text.contains("a1B2c3D4e5F6"));
            }
            o => panic!("{o:?}"),
        }
    }
}
