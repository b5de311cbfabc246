//! IMG-016: a layer, config or manifest of a scanned image whose content
//! does not match the digest naming it (OCI blob digest, config diff_id).

use crate::checks::support::image::{over_image_files, scanned_subject};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_image_files(ctx, |img| {
        let Some(check) = &img.digests else {
            return Err(if img.source == "rootfs" {
                "a rootfs directory has no digests".to_string()
            } else {
                "digests not compared (facts collected without them)".to_string()
            });
        };
        if check.compared == 0 && check.mismatches.is_empty() {
            // Nothing compared (digests of an algorithm not computed, no
            // diff_ids): no pass on that.
            return Err("no digest of its layers or config could be compared".to_string());
        }
        Ok(check
            .mismatches
            .iter()
            .map(|d| {
                Finding::new(
                    scanned_subject(img),
                    format!(
                        "{} {} does not match: expected {}, found {}",
                        d.what, d.key, d.expected, d.actual
                    ),
                    Evidence::new(
                        format!("image archive: {}", d.key),
                        d.actual.clone(),
                        d.expected.clone(),
                    ),
                )
            })
            .collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::image::{DigestCheck, DigestMismatch};
    use crate::facts::ImageFacts;

    fn run(img: ImageFacts) -> Outcome {
        crate::checks::support::image::on_scanned(evaluate, img)
    }

    #[test]
    fn mismatch_fails_match_passes_unverified_skips() {
        let mut img = ImageFacts {
            reference: "x:1".into(),
            source: "oci-layout".into(),
            digests: Some(DigestCheck {
                compared: 3,
                mismatches: vec![DigestMismatch {
                    what: "layer 0 blob".into(),
                    key: "blobs/sha256/aa".into(),
                    expected: "sha256:aa".into(),
                    actual: "sha256:bb".into(),
                }],
            }),
            ..Default::default()
        };
        assert!(matches!(run(img.clone()), Outcome::Fail { .. }));
        img.digests.as_mut().unwrap().mismatches.clear();
        assert!(matches!(run(img.clone()), Outcome::Pass { .. }));
        // Nothing compared: not a pass.
        img.digests.as_mut().unwrap().compared = 0;
        assert!(matches!(run(img.clone()), Outcome::Skipped(_)));
        img.digests = None;
        assert!(matches!(run(img), Outcome::Skipped(_)));
    }
}
