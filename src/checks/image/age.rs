//! IMG-010: images built longer ago than the age policy
//! (AuditConfig.max_image_age_days), judged from the recorded build time
//! against the audit clock (CIS 4.4), for engine images and scanned images
//! alike. A build time before 1980 is a reproducible-build placeholder, not
//! a date: that image's age is unknown and it is not judged.

use crate::adapt::image::{build_date, day, BuildDate};
use crate::checks::support::image::over_subjects;
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let now = ctx.config.now();
    let max = ctx.config.max_image_age_days;
    over_subjects(ctx, |img, _| {
        let recorded = &img.created.value;
        let t = match build_date(recorded) {
            BuildDate::Known(t) => t,
            BuildDate::Placeholder => {
                return Err(format!(
                    "cannot judge age: build date {recorded} is a SOURCE_DATE_EPOCH-style \
                     placeholder"
                ))
            }
            BuildDate::Unreadable => {
                return Err(format!(
                    "cannot judge age: no readable build date ({recorded:?})"
                ))
            }
        };
        // A build date ahead of the audit clock (past a day of skew) is
        // no more a build time than a placeholder: the age is unknown.
        if t > now + chrono::Duration::days(1) {
            return Err(format!(
                "cannot judge age: build date {recorded} is after the audit clock ({})",
                day(now)
            ));
        }
        let age = (now - t).num_days();
        Ok(if age > max {
            vec![Finding::new(
                img.subject.clone(),
                format!(
                    "image was built {age} days ago ({}); policy is {max} days",
                    day(t)
                ),
                Evidence::new(
                    img.created.source.clone(),
                    recorded.clone(),
                    format!("built within the last {max} days"),
                ),
            )]
        } else {
            vec![]
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{AuditConfig, Observation};
    use crate::facts::{Facts, Image, ImageFacts, Source};

    fn run(engine: &[&str], scanned: &[&str]) -> Outcome {
        let mut f = Facts::new();
        f.images = Source::Present(
            engine
                .iter()
                .enumerate()
                .map(|(k, c)| Image {
                    id: format!("sha256:e{k}"),
                    created: c.to_string(),
                    ..Default::default()
                })
                .collect(),
        );
        f.scanned_images = Source::Present(
            scanned
                .iter()
                .enumerate()
                .map(|(k, c)| ImageFacts {
                    reference: format!("s{k}.tar"),
                    id: format!("sha256:s{k}"),
                    created: c.to_string(),
                    ..Default::default()
                })
                .collect(),
        );
        let cfg = AuditConfig {
            now: Some("2026-11-28T12:00:00Z".into()),
            ..Default::default()
        };
        evaluate(&Ctx::new(&f, &cfg))
    }

    #[test]
    fn a_build_date_after_the_audit_clock_is_unknown_age() {
        match run(&["2099-01-01T00:00:00Z"], &[]) {
            Outcome::Skipped(reason) => {
                assert!(reason.contains("after the audit clock"), "{reason}")
            }
            o => panic!("{o:?}"),
        }
        // A few hours of clock skew is a build date.
        assert!(matches!(
            run(&["2026-11-28T18:00:00Z"], &[]),
            Outcome::Pass { .. }
        ));
    }

    #[test]
    fn reproducible_epoch_is_unknown_age_on_both_sources() {
        for (e, s) in [
            (vec!["1970-01-01T00:00:00Z"], vec![]),
            (vec![], vec!["1970-01-01T00:00:00Z"]),
        ] {
            match run(&e, &s) {
                Outcome::Skipped(reason) => {
                    assert!(reason.contains("SOURCE_DATE_EPOCH"), "{reason}")
                }
                o => panic!("{o:?}"),
            }
        }
        // Beside a judged image: a pass that says which image was not judged.
        match run(&["2026-11-01T00:00:00Z"], &["0001-01-01T00:00:00Z"]) {
            Outcome::Pass {
                checked,
                observations,
            } => {
                assert_eq!(checked, 1);
                let o: &Observation = &observations[0];
                assert_eq!(o.subject.name, "s0.tar");
                assert!(o.message.starts_with("not judged: cannot judge age"));
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn old_images_fail_on_both_sources() {
        let Outcome::Fail { findings, .. } = run(
            &["2025-01-01T00:00:00Z"],
            &["2025-06-01T00:00:00Z", "2026-11-20T00:00:00Z"],
        ) else {
            panic!()
        };
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[0].evidence.source, "engine: image inspect Created");
        assert_eq!(findings[1].evidence.source, "image config: created");
    }
}
