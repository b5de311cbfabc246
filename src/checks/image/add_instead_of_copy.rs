//! IMG-008: ADD used where COPY would do (CIS 4.9), read from the image
//! history of engine images and scanned images alike. A remote URL source
//! is worse (the build fetches unverified content): those findings are
//! medium. The base image's root filesystem import (the oldest ADD to /) is
//! left out: every distribution image starts that way.

use crate::checks::support::image::{clip_command, over_subjects};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Severity};

crate::checks::meta!();

fn is_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("git@")
}

fn evaluate(ctx: &Ctx) -> Outcome {
    over_subjects(ctx, |img, observations| {
        let mut findings = Vec::new();
        for (step, ins) in img.steps_of("ADD") {
            let words: Vec<&str> = ins
                .args
                .split_whitespace()
                .filter(|w| !w.starts_with("--"))
                .collect();
            let dest = words.last().copied().unwrap_or("");
            // The oldest entry adding a rootfs to / is the base image import.
            if step.entry == 1 && (dest == "/" || ins.args.ends_with(" in /")) {
                observations.push(Observation {
                    subject: img.subject.clone(),
                    message: "base root filesystem imported with ADD (entry 1): not judged"
                        .to_string(),
                    source: step.source.clone(),
                });
                continue;
            }
            // ADD --checksum verifies a remote source: only the COPY advice stays.
            let remote = words.iter().any(|w| is_url(w)) && !ins.args.contains("--checksum=");
            let f = Finding::new(
                img.subject.clone(),
                if remote {
                    "build step ADDs a remote URL (fetched without verification)".to_string()
                } else {
                    "build step uses ADD where COPY would do".to_string()
                },
                Evidence::new(
                    step.source.clone(),
                    format!("ADD {}", clip_command(&ins.args)),
                    "COPY (or a checksum-verified download)",
                ),
            );
            findings.push(if remote {
                f.with_severity(Severity::Medium)
            } else {
                f
            });
        }
        Ok(findings)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;

    use crate::facts::image::{ImageFacts, ImageHistory};
    use crate::facts::{Facts, Source};

    fn severities(history: &[&str]) -> Vec<Option<Severity>> {
        let i = crate::checks::support::image::with_history(history);
        let mut facts = Facts::new();
        facts.images = Source::Present(vec![i]);
        let cfg = AuditConfig::default();
        match evaluate(&Ctx::new(&facts, &cfg)) {
            Outcome::Fail { findings, .. } => findings.iter().map(|f| f.severity).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn scanned_history_is_oldest_first() {
        let s = ImageFacts {
            reference: "x".into(),
            history: vec![
                ImageHistory {
                    created_by: "ADD rootfs.tar / # buildkit".into(),
                    ..Default::default()
                },
                ImageHistory {
                    created_by: "ADD https://example.com/x.tgz /opt/ # buildkit".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let mut facts = Facts::new();
        facts.scanned_images = Source::Present(vec![s]);
        let cfg = AuditConfig::default();
        let Outcome::Fail { findings, .. } = evaluate(&Ctx::new(&facts, &cfg)) else {
            panic!()
        };
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Some(Severity::Medium));
        assert_eq!(
            findings[0].evidence.source,
            "image config: history[1].created_by (entry 2 of 2, oldest first)"
        );
    }

    #[test]
    fn forms() {
        // Base rootfs import (oldest entry, to /) is not judged.
        assert!(severities(&["/bin/sh -c #(nop) ADD file:3b1a in / "]).is_empty());
        assert!(severities(&["ADD alpine-minirootfs.tar.gz / # buildkit"]).is_empty());
        assert_eq!(
            severities(&[
                "ADD --chown=app app.tar /srv/ # buildkit",
                "ADD rootfs.tar / # buildkit"
            ]),
            vec![None]
        );
        assert_eq!(
            severities(&["ADD https://example.com/x.tgz /opt/ # buildkit"]),
            vec![Some(Severity::Medium)]
        );
        assert_eq!(
            severities(&[
                "ADD --checksum=sha256:24454f83 https://example.com/x.tgz /opt/ # buildkit"
            ]),
            vec![None]
        );
        assert!(severities(&["COPY app /srv/ # buildkit"]).is_empty());
        // The classic builder's remote form.
        assert_eq!(
            severities(&[
                "/bin/sh -c #(nop) ADD https://example.org/x.tgz /opt/",
                "/bin/sh -c #(nop) ADD file:abc in / "
            ]),
            vec![Some(Severity::Medium)]
        );
    }
}
