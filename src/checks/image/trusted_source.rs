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
        // Where an image came from is the registry its digest was pulled
        // from (a tag can be renamed to anything, and an image pulled by
        // digest has none); without a registry digest it was built or
        // loaded here, under whatever names its tags give.
        let names: Vec<(String, &str)> = if i.repo_digests.is_empty() {
            i.repo_tags
                .iter()
                .filter(|t| *t != "<none>:<none>")
                .map(|t| ("local (no registry digest)".to_string(), t.as_str()))
                .collect()
        } else {
            i.repo_digests
                .iter()
                .map(|d| d.split('@').next().unwrap_or(d))
                .map(|n| (registry_of(n), n))
                .collect()
        };
        for (origin, name) in names {
            let repos = by_registry.entry(origin).or_default();
            let r = image_repository(name);
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
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::{Facts, Source};

    #[test]
    fn registries_come_from_digests_not_tags() {
        let image = |v: serde_json::Value| -> crate::facts::engine::Image {
            serde_json::from_value(v).unwrap()
        };
        let mut facts = Facts::new();
        facts.images = Source::Present(vec![
            // Renamed after the pull: the tag says docker.io, the digest
            // says where it came from.
            image(
                serde_json::json!({"Id": "sha256:1", "RepoTags": ["nginx:1"],
                "RepoDigests": ["evil.example/nginx@sha256:aa"]}),
            ),
            // Pulled by digest: no tag at all.
            image(serde_json::json!({"Id": "sha256:2", "RepoTags": [],
                "RepoDigests": ["ghcr.io/org/tool@sha256:bb"]})),
            image(
                serde_json::json!({"Id": "sha256:3", "RepoTags": ["app:dev"],
                "RepoDigests": []}),
            ),
        ]);
        let cfg = AuditConfig::default();
        let Outcome::Manual { observations, .. } = evaluate(&Ctx::new(&facts, &cfg)) else {
            panic!("manual expected");
        };
        let said: Vec<&str> = observations.iter().map(|o| o.message.as_str()).collect();
        let has = |s: &str| said.iter().any(|m| m.contains(s));
        for want in [
            "repositories from evil.example: evil.example/nginx",
            "repositories from ghcr.io: ghcr.io/org/tool",
            "local (no registry digest): app",
        ] {
            assert!(has(want), "{want}: {said:?}");
        }
        assert!(!has("repositories from docker.io"), "{said:?}");
    }

    #[test]
    fn registries() {
        for (reference, registry) in [
            ("nginx:1", "docker.io"),
            ("library/nginx", "docker.io"),
            ("ghcr.io/org/app:2", "ghcr.io"),
            ("reg:5000/app", "reg:5000"),
            ("localhost/app", "localhost"),
        ] {
            assert_eq!(registry_of(reference), registry, "{reference}");
        }
    }
}
