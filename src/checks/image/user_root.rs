//! IMG-001: the image's configured user is root or missing (CIS 4.1), for
//! engine images and scanned images alike. A named user is resolved through
//! the image's own /etc/passwd when the layers were read.

use crate::checks::support::image::{over_subjects, ImageSubject, NO_CONFIG};
use crate::checks::support::{Identity, UserSpec};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_subjects(ctx, judge)
}

fn judge(img: &ImageSubject, observations: &mut Vec<Observation>) -> Result<Vec<Finding>, String> {
    let cfg = img.config.as_ref().ok_or(NO_CONFIG)?;
    let user = &cfg.user.value;
    let spec = UserSpec::parse(user);
    let shown = if user.trim().is_empty() {
        "\"\" (no USER: root)".to_string()
    } else {
        format!("{user:?}")
    };
    let why = match spec.identity() {
        Identity::NonRootUid(_) => return Ok(vec![]),
        Identity::Root if user.trim().is_empty() => {
            "no USER is configured, so it runs as root".to_string()
        }
        Identity::Root => format!("user {user:?} is root"),
        Identity::Named => {
            // A scan that set out to read the layers and failed leaves the
            // uid unknown: not judged.
            if img.layers.is_none() {
                if let Some(why) = &img.layers_unread {
                    return Err(format!("user {user:?} is a name and {why}"));
                }
            }
            // A passwd that exists but was not read leaves the uid unknown:
            // not judged, never taken as non-root.
            if let Some(l) = img.layers {
                if l.passwd.is_none() && l.unread.iter().any(|u| u.path == "/etc/passwd") {
                    return Err(format!(
                        "user {user:?} is a name and {}",
                        l.missing_file("/etc/passwd")
                    ));
                }
            }
            let passwd = img.layers.and_then(|l| l.passwd.as_ref());
            let entry = passwd.and_then(|p| p.iter().find(|e| e.name == spec.user));
            if entry.is_some_and(|e| e.uid == Some(0)) {
                format!("user {user:?} maps to uid 0 in the image's /etc/passwd")
            } else if entry.is_some_and(|e| e.uid.is_none()) {
                // The runtime reads a uid that is missing or not a number
                // as 0.
                format!(
                    "user {user:?} has a uid in the image's /etc/passwd that is missing or not a number, which the runtime reads as 0"
                )
            } else {
                if img.layers.is_none() {
                    observations.push(Observation {
                        subject: img.subject.clone(),
                        message: format!(
                            "image user {user:?} is a name: its uid comes from the image's \
                             /etc/passwd, not read (layers not read: run with --scan-images), \
                             and was taken as non-root"
                        ),
                        source: cfg.user.source.clone(),
                    });
                }
                return Ok(vec![]);
            }
        }
    };
    Ok(vec![Finding::new(
        img.subject.clone(),
        format!("image runs as root: {why}"),
        Evidence::new(
            cfg.user.source.clone(),
            shown,
            "a non-root user (uid other than 0), e.g. \"10001:10001\"",
        ),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::image::{ImageConfig, ImageFacts, PasswdEntry};
    use crate::facts::{Facts, Image, Source};

    fn scanned(user: &str) -> Facts {
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
        f
    }

    fn engine(user: &str) -> Facts {
        let mut i = Image {
            id: "sha256:0123456789abcdef".into(),
            repo_tags: vec!["x:1".into()],
            ..Default::default()
        };
        i.config.user = user.into();
        let mut f = Facts::new();
        f.images = Source::Present(vec![i]);
        f
    }

    fn run(f: &Facts) -> Outcome {
        let cfg = AuditConfig::default();
        evaluate(&Ctx::new(f, &cfg))
    }

    #[test]
    fn spellings_on_both_sources() {
        for u in ["", "root", "0", "00", "0:0", "root:x"] {
            assert!(matches!(run(&scanned(u)), Outcome::Fail { .. }), "{u:?}");
            assert!(matches!(run(&engine(u)), Outcome::Fail { .. }), "{u:?}");
        }
        for u in ["1000", "app", "nobody:nogroup", "1000:0"] {
            assert!(matches!(run(&scanned(u)), Outcome::Pass { .. }), "{u:?}");
            assert!(matches!(run(&engine(u)), Outcome::Pass { .. }), "{u:?}");
        }
    }

    #[test]
    fn named_uid0_needs_the_layers() {
        // Scanned: /etc/passwd maps toor to uid 0.
        assert!(matches!(run(&scanned("toor")), Outcome::Fail { .. }));
        assert!(matches!(run(&scanned("toor:1000")), Outcome::Fail { .. }));
        // Engine only: the name is taken as non-root, and said so.
        match run(&engine("toor")) {
            Outcome::Pass { observations, .. } => {
                assert!(observations[0].message.contains("--scan-images"))
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn evidence_names_the_source_field() {
        let Outcome::Fail { findings, .. } = run(&engine("")) else {
            panic!()
        };
        assert_eq!(
            findings[0].evidence.source,
            "engine: image inspect Config.User"
        );
        let Outcome::Fail { findings, .. } = run(&scanned("")) else {
            panic!()
        };
        assert_eq!(findings[0].evidence.source, "image config: config.User");
    }
}
