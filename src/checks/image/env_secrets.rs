//! IMG-004: secrets in the image config's environment (CIS 4.10), for
//! engine images and scanned images alike. Every container of the image
//! inherits them.

use crate::checks::support::image::{config_secret_finding, over_subjects, NO_CONFIG};
use crate::checks::{Ctx, Outcome};
use crate::secrets::scan_env;

crate::checks::meta!();

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
    use crate::checks::support::image::engine_and_scanned;
    use crate::checks::AuditConfig;
    use crate::facts::image::ImageConfig;

    const ENV: [&str; 3] = [
        "DB_PASSWORD=hunter22",
        "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
        "DB_PASSWORD_FILE=/run/secrets/db",
    ];

    #[test]
    fn engine_and_scanned_alike() {
        let env: Vec<String> = ENV.iter().map(|s| s.to_string()).collect();
        let both = engine_and_scanned(
            |c| c.env = Some(env.clone()),
            ImageConfig {
                env: env.clone(),
                ..Default::default()
            },
        );
        let cfg = AuditConfig::default();
        for f in both {
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
