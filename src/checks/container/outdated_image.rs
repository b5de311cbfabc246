//! BASE-101: containers running an image older than the newest local image
//! of the same repository (CIS 5.28 context): the tag moved on (a newer
//! pull or build) but the container still runs the old image.

use crate::adapt::image::created;
use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Evidence, Finding, Outcome, Severity};
use crate::facts::engine::image_repository;
use crate::facts::Image;

crate::checks::meta!();

fn is_id(reference: &str) -> bool {
    let r = reference.strip_prefix("sha256:").unwrap_or(reference);
    r.len() >= 12
        && r.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn short(id: &str) -> &str {
    let id = id.strip_prefix("sha256:").unwrap_or(id);
    &id[..id.len().min(12)]
}

/// `repo:tag` with the default tag filled in; None for digest references.
fn tag_of(reference: &str) -> Option<String> {
    if reference.contains('@') {
        return None;
    }
    let repo = image_repository(reference);
    if repo.len() == reference.len() {
        Some(format!("{reference}:latest"))
    } else {
        Some(reference.to_string())
    }
}

fn minute(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let containers = ctx.facts.containers();
    let images = ctx.facts.images();
    let mut findings = Vec::new();
    let mut checked = 0;
    for c in containers {
        let Some(own) = ctx.facts.image_by_id(&c.image) else {
            continue;
        };
        let Some(own_time) = created(own) else {
            continue;
        };
        // The repositories this container's image belongs to.
        let mut repos: Vec<String> = Vec::new();
        if !is_id(&c.config.image) && !c.config.image.is_empty() {
            repos.push(image_repository(&c.config.image));
        }
        for t in own.repo_tags.iter().filter(|t| *t != "<none>:<none>") {
            let r = image_repository(t);
            if !repos.contains(&r) {
                repos.push(r);
            }
        }
        if repos.is_empty() {
            continue;
        }
        checked += 1;
        let own_tag = tag_of(&c.config.image);
        let newer: Option<(&Image, chrono::DateTime<chrono::Utc>, String)> = images
            .iter()
            .filter(|i| i.id != own.id)
            .filter_map(|i| {
                let t = created(i)?;
                let tag = i
                    .repo_tags
                    .iter()
                    .find(|tag| repos.contains(&image_repository(tag)))?;
                (t > own_time).then(|| (i, t, tag.clone()))
            })
            .max_by_key(|(_, t, _)| *t);
        let Some((img, t, tag)) = newer else {
            continue;
        };
        // Prefer the image that now carries the container's own tag.
        let same_tag = images.iter().find(|i| {
            i.id != own.id
                && own_tag.as_ref().is_some_and(|ot| i.repo_tags.contains(ot))
                && created(i).is_some_and(|ti| ti > own_time)
        });
        let (img, t, tag, moved) = match same_tag {
            Some(i) => (
                i,
                created(i).unwrap_or(t),
                own_tag.clone().unwrap_or(tag),
                true,
            ),
            None => (img, t, tag, false),
        };
        let msg = format!(
            "runs image {} built {} while {} ({}, built {}) is newer{}",
            short(&own.id),
            minute(own_time),
            tag,
            short(&img.id),
            minute(t),
            if moved {
                ": its own tag moved to the newer image"
            } else {
                " (another tag of the same repository)"
            }
        );
        let f = Finding::new(
            container_subject(c),
            msg,
            Evidence::new(
                format!(
                    "{} and Config.Image; engine: image inspect Created, RepoTags",
                    inspect_field("Image")
                ),
                format!(
                    "Config.Image {:?}; running {} created {}; {} is {} created {}",
                    c.config.image,
                    short(&own.id),
                    own.created,
                    tag,
                    short(&img.id),
                    img.created
                ),
                "the container runs the newest local image of its repository",
            ),
        );
        findings.push(if moved {
            f
        } else {
            f.with_severity(Severity::Low)
        });
    }
    Outcome::from_findings(
        checked,
        findings,
        "no container runs a tagged image with a readable build date",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert!(is_id(
            "sha256:c555af76c33ab49e59403972b0eb4bc8440b37ae8c40ea56ad0c86bb1d16a926"
        ));
        assert!(is_id("c555af76c33a"));
        assert!(!is_id("nginx:1.25"));
        assert_eq!(tag_of("nginx").as_deref(), Some("nginx:latest"));
        assert_eq!(
            tag_of("reg:5000/app").as_deref(),
            Some("reg:5000/app:latest")
        );
        assert_eq!(tag_of("reg:5000/app:2").as_deref(), Some("reg:5000/app:2"));
        assert_eq!(tag_of("nginx@sha256:abcd"), None);
    }
}
