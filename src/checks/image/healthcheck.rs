//! IMG-002: the image defines no HEALTHCHECK, or disables the one it
//! inherits (CIS 4.6), for engine images and scanned images alike.

use crate::checks::support::image::{over_subjects, NO_CONFIG};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_subjects(ctx, |img, _| {
        let cfg = img.config.as_ref().ok_or(NO_CONFIG)?;
        let test = cfg.healthcheck.value.as_ref().and_then(|h| h.test.clone());
        let observed = match test.as_deref() {
            None | Some([]) => "no Healthcheck".to_string(),
            Some([first, ..]) if first.eq_ignore_ascii_case("NONE") => {
                "Healthcheck.Test [\"NONE\"] (disabled)".to_string()
            }
            Some(_) => return Ok(vec![]),
        };
        Ok(vec![Finding::new(
            img.subject.clone(),
            format!("image defines no health check ({observed})"),
            Evidence::new(
                cfg.healthcheck.source.clone(),
                observed,
                "a HEALTHCHECK CMD instruction",
            ),
        )])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::support::image::engine_and_scanned;
    use crate::checks::AuditConfig;
    use crate::facts::engine::HealthConfig;
    use crate::facts::image::ImageConfig;
    use crate::facts::Facts;

    fn both(test: Option<Vec<&str>>) -> [Facts; 2] {
        let hc = test.map(|t| HealthConfig {
            test: Some(t.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        });
        engine_and_scanned(
            |c| c.healthcheck = hc.clone(),
            ImageConfig {
                healthcheck: hc.clone(),
                ..Default::default()
            },
        )
    }

    #[test]
    fn missing_disabled_or_set() {
        let cfg = AuditConfig::default();
        for (test, fails) in [
            (None, true),
            (Some(vec![]), true),
            (Some(vec!["NONE"]), true),
            (Some(vec!["CMD", "/health"]), false),
            (Some(vec!["CMD-SHELL", "curl -f localhost"]), false),
        ] {
            for f in both(test.clone()) {
                let out = evaluate(&Ctx::new(&f, &cfg));
                assert_eq!(matches!(out, Outcome::Fail { .. }), fails, "{test:?}");
            }
        }
    }
}
