//! IMG-005: secrets in the image's labels (CIS 4.10), for engine images and
//! scanned images alike.

use crate::checks::support::image::{config_secret_finding, over_subjects, NO_CONFIG};
use crate::checks::{Ctx, Outcome};
use crate::secrets::scan_kv;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_subjects(ctx, |img, _| {
        let cfg = img.config.as_ref().ok_or(NO_CONFIG)?;
        Ok(cfg
            .labels
            .value
            .iter()
            .filter_map(|(k, v)| scan_kv(k, v).map(|h| (k, h)))
            .map(|(k, hit)| {
                config_secret_finding(&img.subject, "image label", k, &hit, &cfg.labels.source)
            })
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::{Facts, Image, Source};

    #[test]
    fn token_label_fails_version_label_passes() {
        let mut i = Image {
            id: "sha256:abc".into(),
            ..Default::default()
        };
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
        match evaluate(&Ctx::new(&facts, &cfg)) {
            Outcome::Fail { findings, .. } => {
                assert_eq!(findings.len(), 1, "{findings:?}");
                assert!(!format!("{findings:?}").contains("a1B2c3D4e5F6"));
            }
            o => panic!("{o:?}"),
        }
    }
}
