//! PROV-102: an image (read from a registry, or on a live host) without a
//! cosign signature by a trusted key for its manifest digest.

use crate::checks::support::image::{over_subjects, subjects, ImageSubject, Origin};
use crate::checks::{Evidence, Finding, Outcome};

crate::checks::meta!();

/// Why images read from archives, layouts, folders or engine exports are
/// not judged (the same words whatever the source, so two reads of one
/// image give one report).
const OFFLINE: &str = "signatures are verified for images read from a registry \
     (registry:HOST/REPO:TAG) or on a live host (host --key), not for images read from \
     an archive, a layout, a folder or an engine export";

/// The source of a scanned image that is not a registry (whose signatures
/// are in no registry dockaudit was asked to read).
fn offline_source<'a>(s: &'a ImageSubject) -> Option<&'a str> {
    match (s.origin, s.layers) {
        (Origin::Scanned, Some(l)) if l.source != "registry" && s.signatures.is_none() => {
            Some(&l.source)
        }
        _ => None,
    }
}

fn evaluate(ctx: &crate::checks::Ctx) -> Outcome {
    // Archives, layouts and rootfs folders carry no signatures: the rule
    // does not apply to an audit of only those (`image ARCHIVE`).
    let all = subjects(ctx.facts);
    if !all.is_empty() && all.iter().all(|s| offline_source(s).is_some()) {
        return Outcome::NotApplicable(OFFLINE.to_string());
    }
    over_subjects(ctx, |img, _| {
        let Some(sig) = img.signatures else {
            return Err(if offline_source(img).is_some() {
                OFFLINE.to_string()
            } else {
                "no trusted key given (--key FILE): signatures not verified".to_string()
            });
        };
        if let Some(why) = &sig.unavailable {
            return Err(format!("signatures could not be looked for: {why}"));
        }
        if !sig.verified.is_empty() {
            return Ok(Vec::new());
        }
        let of = if sig.digest.is_empty() {
            "this image".to_string()
        } else {
            sig.digest.clone()
        };
        let message = if sig.rejected.is_empty() {
            format!("no cosign signature of {of}")
        } else {
            format!(
                "no signature of {of} by a trusted key ({} rejected: {})",
                sig.rejected.len(),
                sig.rejected.join("; ")
            )
        };
        Ok(vec![Finding::new(
            img.subject.clone(),
            message,
            Evidence::new(
                format!("registry: signatures of {of}"),
                if sig.rejected.is_empty() {
                    "none found".to_string()
                } else {
                    format!("{} that did not verify", sig.rejected.len())
                },
                format!("a signature by one of: {}", sig.keys.join(", ")),
            ),
        )])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::image::{SignatureCheck, VerifiedSignature};
    use crate::facts::ImageFacts;

    fn run(img: ImageFacts) -> Outcome {
        crate::checks::support::image::on_scanned(evaluate, img)
    }

    #[test]
    fn signed_passes_unsigned_fails_unknown_skips() {
        let mut img = ImageFacts {
            reference: "registry:h/app:1".into(),
            source: "registry".into(),
            signatures: Some(SignatureCheck {
                digest: "sha256:aa".into(),
                keys: vec!["k.pub (ecdsa-p256 sha256:bb)".into()],
                verified: vec![VerifiedSignature {
                    key: "k.pub (ecdsa-p256 sha256:bb)".into(),
                    source: "tag sha256-aa.sig".into(),
                }],
                ..Default::default()
            }),
            ..Default::default()
        };
        assert!(matches!(run(img.clone()), Outcome::Pass { .. }));
        let sig = img.signatures.as_mut().unwrap();
        sig.verified.clear();
        sig.rejected = vec!["tag sha256-aa.sig: the signature does not verify".into()];
        assert!(matches!(run(img.clone()), Outcome::Fail { .. }));
        img.signatures.as_mut().unwrap().unavailable = Some("GET ...: 500".into());
        match run(img.clone()) {
            Outcome::Skipped(why) => assert!(why.contains("500"), "{why}"),
            o => panic!("{o:?}"),
        }
        img.signatures = None;
        match run(img.clone()) {
            Outcome::Skipped(why) => assert!(why.contains("--key"), "{why}"),
            o => panic!("{o:?}"),
        }
        img.source = "docker-archive".into();
        match run(img) {
            Outcome::NotApplicable(why) => {
                assert!(why.contains("not for images read from an archive"), "{why}")
            }
            o => panic!("{o:?}"),
        }
    }
}
