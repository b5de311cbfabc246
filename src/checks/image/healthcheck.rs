//! IMG-002: the image defines no HEALTHCHECK, or disables the one it
//! inherits (CIS 4.6), for engine images and scanned images alike.

use crate::checks::support::image::{over_subjects, NO_CONFIG};
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-002",
    slug: "image-no-healthcheck",
    title: "Image has no HEALTHCHECK",
    section: Section::Monitoring,
    cis: &["4.6"],
    severity: Severity::Low,
    item: "Container logs captured / role-based monitoring: the engine can tell a healthy \
        container from a hung one",
    rationale: "Without a health check the engine and orchestrators only know whether the \
        main process is alive, not whether it serves: a hung or half-broken container keeps \
        running, keeps receiving traffic and is never restarted or reported. CIS 4.6 asks \
        for a HEALTHCHECK instruction in every image. `HEALTHCHECK NONE` disables an \
        inherited check and counts as missing.",
    remediation: "Add a health check to the Dockerfile, e.g. `HEALTHCHECK --interval=30s \
        --timeout=3s CMD wget -qO- http://127.0.0.1:8080/health || exit 1`, or set it at \
        run time with `--health-cmd` (compose: `healthcheck:`).",
    references: &["https://docs.docker.com/reference/dockerfile/#healthcheck"],
    aliases: &[
        "BASE-102",
        "image-without-healthcheck",
        "DS026",
        "CIS-DI-0006",
    ],
    evaluate,
    ..super::RULE
};

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
    use crate::checks::AuditConfig;
    use crate::facts::engine::HealthConfig;
    use crate::facts::image::{ImageConfig, ImageFacts};
    use crate::facts::{Facts, Image, Source};

    fn both(test: Option<Vec<&str>>) -> [Facts; 2] {
        let hc = test.map(|t| HealthConfig {
            test: Some(t.iter().map(|s| s.to_string()).collect()),
            ..Default::default()
        });
        let mut e = Image {
            id: "sha256:abc".into(),
            ..Default::default()
        };
        e.config.healthcheck = hc.clone();
        let mut fe = Facts::new();
        fe.images = Source::Present(vec![e]);
        let mut fs = Facts::new();
        fs.scanned_images = Source::Present(vec![ImageFacts {
            reference: "x".into(),
            config: Some(ImageConfig {
                healthcheck: hc,
                ..Default::default()
            }),
            ..Default::default()
        }]);
        [fe, fs]
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
