//! IMG-004: secrets in the image config's environment (CIS 4.10), for
//! engine images and scanned images alike. Every container of the image
//! inherits them.

use crate::checks::support::image::{config_secret_finding, over_subjects, NO_CONFIG};
use crate::checks::{Check, Ctx, Outcome, Section, Severity};
use crate::secrets::scan_env;

pub static CHECK: Check = Check {
    id: "IMG-004",
    slug: "image-env-secrets",
    title: "Image environment holds secrets",
    section: Section::Secrets,
    cis: &["4.10"],
    severity: Severity::High,
    item: "No secrets in environment variables (image config env, container env); no \
        secrets in Dockerfiles or image layers",
    rationale: "An `ENV` value is part of the image configuration: anyone who can pull the \
        image reads it with `docker image inspect`, every container started from it \
        inherits it, and it cannot be removed without rebuilding. CIS 4.10 asks that no \
        secrets be stored in Dockerfiles.",
    remediation: "Remove the `ENV` from the Dockerfile and rebuild; pass the secret at run \
        time as a file (`docker secret`, compose `secrets:`), or at build time with `RUN \
        --mount=type=secret,id=...`. Rotate the exposed secret: it stays in every copy of \
        the old image.",
    references: &[
        "https://docs.docker.com/build/building/secrets/",
        "https://docs.docker.com/reference/dockerfile/#env",
    ],
    // SECRET-101 judged environment and labels: IMG-005 holds the labels.
    aliases: &["SECRET-101", "image-config-secret", "DS031"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_subjects(ctx, |img, _| {
        let cfg = img.config.as_ref().ok_or(NO_CONFIG)?;
        Ok(cfg
            .env
            .value
            .iter()
            .filter_map(|e| scan_env(e))
            .map(|(name, hit)| {
                config_secret_finding(
                    &img.subject,
                    "image environment variable",
                    &name,
                    &hit,
                    &cfg.env.source,
                )
            })
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::image::{ImageConfig, ImageFacts};
    use crate::facts::{Facts, Image, Source};

    const ENV: [&str; 3] = [
        "DB_PASSWORD=hunter22",
        "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
        "DB_PASSWORD_FILE=/run/secrets/db",
    ];

    #[test]
    fn engine_and_scanned_alike() {
        let env: Vec<String> = ENV.iter().map(|s| s.to_string()).collect();
        let mut e = Image {
            id: "sha256:abc".into(),
            ..Default::default()
        };
        e.config.env = Some(env.clone());
        let mut fe = Facts::new();
        fe.images = Source::Present(vec![e]);
        let mut fs = Facts::new();
        fs.scanned_images = Source::Present(vec![ImageFacts {
            reference: "x".into(),
            config: Some(ImageConfig {
                env,
                ..Default::default()
            }),
            ..Default::default()
        }]);
        let cfg = AuditConfig::default();
        for f in [fe, fs] {
            match evaluate(&Ctx::new(&f, &cfg)) {
                Outcome::Fail { findings, .. } => {
                    assert_eq!(findings.len(), 1, "{findings:?}");
                    assert!(!format!("{findings:?}").contains("hunter22"));
                }
                o => panic!("{o:?}"),
            }
        }
    }
}
