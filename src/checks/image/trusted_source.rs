//! BASE-106: containers use only trusted base images (CIS 4.2). Manual, with
//! the registries and repositories of the engine's images as hints.

use std::collections::BTreeMap;

use crate::checks::{Ctx, Observation, Outcome, Subject};
use crate::facts::engine::image_repository;

crate::checks::meta!();

/// The registry part of a reference ("docker.io" when none is named).
pub fn registry_of(reference: &str) -> String {
    let repo = image_repository(reference);
    match repo.split_once('/') {
        Some((first, _)) if first.contains('.') || first.contains(':') || first == "localhost" => {
            first.to_string()
        }
        _ => "docker.io".to_string(),
    }
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut by_registry: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for i in ctx.facts.images() {
        for t in i.repo_tags.iter().filter(|t| *t != "<none>:<none>") {
            // Without a registry digest the image was built or loaded here:
            // its name does not say where it came from.
            let origin = if i.repo_digests.is_empty() {
                "local (no registry digest)".to_string()
            } else {
                registry_of(t)
            };
            let repos = by_registry.entry(origin).or_default();
            let r = image_repository(t);
            if !repos.contains(&r) {
                repos.push(r);
            }
        }
    }
    let observations = by_registry
        .into_iter()
        .map(|(reg, repos)| Observation {
            subject: Subject::new("registry", &reg),
            message: format!("repositories from {reg}: {}", repos.join(", ")),
            source: "engine: image inspect RepoTags, RepoDigests".to_string(),
        })
        .collect();
    Outcome::manual(
        "Ask for the approved list of registries and base images, and compare it with the \
         repositories below (and with the FROM lines of the Dockerfiles).",
    )
    .with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::registry_of;

    #[test]
    fn registries() {
        assert_eq!(registry_of("nginx:1"), "docker.io");
        assert_eq!(registry_of("library/nginx"), "docker.io");
        assert_eq!(registry_of("ghcr.io/org/app:2"), "ghcr.io");
        assert_eq!(registry_of("reg:5000/app"), "reg:5000");
        assert_eq!(registry_of("localhost/app"), "localhost");
    }
}
