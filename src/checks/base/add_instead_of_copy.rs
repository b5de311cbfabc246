//! BASE-104: ADD used where COPY would do (CIS 4.9), read from the image
//! history. Remote URL sources are worse: the build fetches unverified
//! content. The base image's root filesystem import (the oldest ADD to /)
//! is left out: every distribution image starts that way.

use crate::checks::base::history;
use crate::checks::base::update_alone::clip;
use crate::checks::support::image_subject;
use crate::checks::{
    Check, Ctx, Evidence, Finding, Mode, Need, Observation, Outcome, Scope, Section, Severity,
};

pub static CHECK: Check = Check {
    id: "BASE-104",
    slug: "add-instead-of-copy",
    title: "ADD used instead of COPY",
    section: Section::BaseImages,
    scope: Scope::Image,
    cis: &["4.9"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "Base image security: image contents understood",
    needs: &[Need::Images],
    rationale: "ADD does more than copy: it fetches URLs and unpacks local archives, so what \
        lands in the image is less obvious than with COPY, and a remote URL is fetched \
        without verification at every build (a compromised or changed server changes the \
        image). CIS 4.9 asks for COPY. The classic builder records local ADD sources as \
        content hashes (`ADD file:<hash> in /dest`), so only BuildKit history shows a URL.",
    remediation: "Use `COPY src dest` for local files; for remote files use `RUN curl -fsSLo \
        file URL && echo \"<sha256>  file\" | sha256sum -c -` or `ADD --checksum=sha256:<hex> \
        URL dest`; unpack archives explicitly with `RUN tar -xf`.",
    references: &["https://docs.docker.com/reference/dockerfile/#add"],
    aliases: &["DL3020"],
    evaluate,
};

fn is_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("git@")
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let images = ctx.facts.images();
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    for i in images {
        let total = i.history.len();
        for (pos, h) in i.history.iter().enumerate() {
            let Some(ins) = history::parse(&h.created_by) else {
                continue;
            };
            if ins.keyword != "ADD" {
                continue;
            }
            let entry = total - pos;
            let words: Vec<&str> = ins
                .args
                .split_whitespace()
                .filter(|w| !w.starts_with("--"))
                .collect();
            let dest = words.last().copied().unwrap_or("");
            // The oldest entry adding a rootfs to / is the base image import.
            if entry == 1 && (dest == "/" || ins.args.ends_with(" in /")) {
                observations.push(Observation {
                    subject: image_subject(i),
                    message: "base root filesystem imported with ADD (entry 1): not judged"
                        .to_string(),
                    source: "engine: image history CreatedBy".to_string(),
                });
                continue;
            }
            // ADD --checksum verifies a remote source: only the COPY advice stays.
            let remote = words.iter().any(|w| is_url(w)) && !ins.args.contains("--checksum=");
            let f = Finding::new(
                image_subject(i),
                if remote {
                    "build step ADDs a remote URL (fetched without verification)".to_string()
                } else {
                    "build step uses ADD where COPY would do".to_string()
                },
                Evidence::new(
                    format!(
                        "engine: image history CreatedBy (entry {entry} of {total}, oldest first)"
                    ),
                    format!("ADD {}", clip(&ins.args)),
                    "COPY (or a checksum-verified download)",
                ),
            );
            findings.push(if remote {
                f.with_severity(Severity::Medium)
            } else {
                f
            });
        }
    }
    Outcome::from_findings(images.len(), findings, "no images on this engine")
        .with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::engine::HistoryEntry;
    use crate::facts::{Facts, Image, Source};

    fn severities(history: &[&str]) -> Vec<Option<Severity>> {
        let i = Image {
            id: "sha256:abc".into(),
            history: history
                .iter()
                .map(|h| HistoryEntry {
                    created_by: h.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        let mut facts = Facts::new();
        facts.images = Source::Present(vec![i]);
        let cfg = AuditConfig::default();
        match evaluate(&Ctx {
            facts: &facts,
            config: &cfg,
        }) {
            Outcome::Fail { findings, .. } => findings.iter().map(|f| f.severity).collect(),
            _ => vec![],
        }
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
    }
}
