//! HOST-150: containers of different data-sensitivity levels on one host,
//! from the configurable sensitivity label (AuditConfig.sensitivity_label)
//! on containers or their images.

use std::collections::BTreeMap;

use crate::checks::support::{container_subject, inspect_field};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome};
use crate::facts::Container;

crate::checks::meta!();

/// The sensitivity level of a container and where it was read.
fn level<'a>(ctx: &'a Ctx, c: &'a Container) -> Option<(String, &'static str)> {
    let key = ctx.config.sensitivity_label.as_str();
    if let Some(v) = c.config.labels.get(key).filter(|v| !v.trim().is_empty()) {
        return Some((v.trim().to_ascii_lowercase(), "container label"));
    }
    let img = ctx.facts.image_by_id(&c.image)?;
    img.config
        .labels
        .get(key)
        .filter(|v| !v.trim().is_empty())
        .map(|v| (v.trim().to_ascii_lowercase(), "image label"))
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let containers = ctx.facts.containers();
    if containers.is_empty() {
        return Outcome::NotApplicable("no containers on this engine".to_string());
    }
    let key = &ctx.config.sensitivity_label;
    let mut levels: BTreeMap<String, Vec<&Container>> = BTreeMap::new();
    let mut unlabeled = Vec::new();
    for c in containers {
        match level(ctx, c) {
            Some((l, _)) => levels.entry(l).or_default().push(c),
            None => unlabeled.push(c),
        }
    }
    let unlabeled_obs: Vec<Observation> = unlabeled
        .iter()
        .map(|c| Observation {
            subject: container_subject(c),
            message: format!("no {key} label on the container or its image: level unknown"),
            source: inspect_field(&format!("Config.Labels[{key:?}]")),
        })
        .collect();
    if levels.len() >= 2 {
        let summary: Vec<String> = levels
            .iter()
            .map(|(l, cs)| {
                let names: Vec<&str> = cs.iter().map(|c| c.display_name()).collect();
                format!("{l} ({})", names.join(", "))
            })
            .collect();
        let summary = summary.join("; ");
        let mut findings = Vec::new();
        for (l, cs) in &levels {
            for c in cs {
                let (_, from) = level(ctx, c).unwrap_or_default();
                findings.push(Finding::new(
                    container_subject(c),
                    format!(
                        "sensitivity {l} shares this host with {} other level(s): {summary}",
                        levels.len() - 1
                    ),
                    Evidence::new(
                        format!("engine: {from} {key:?}"),
                        format!("{key}={l}; levels on this host: {summary}"),
                        "one sensitivity level per host",
                    ),
                ));
            }
        }
        return Outcome::Fail {
            findings,
            observations: unlabeled_obs,
        };
    }
    if levels.is_empty() {
        return Outcome::Manual {
            request: format!(
                "No container or image carries the {key} label: ask for the data \
                 classification of each workload on this host and confirm that workloads of \
                 different classifications run on separate hosts (or label them with {key} \
                 and audit again)."
            ),
            observations: Vec::new(),
        };
    }
    if !unlabeled.is_empty() {
        let only = levels.keys().next().cloned().unwrap_or_default();
        return Outcome::Manual {
            request: format!(
                "Labelled containers are all at level {only}, but {} container(s) carry no {key} \
                 label: confirm their data classification is {only} too, or label them.",
                unlabeled.len()
            ),
            observations: unlabeled_obs,
        };
    }
    let only = levels.keys().next().cloned().unwrap_or_default();
    Outcome::pass(containers.len()).with_observations(vec![Observation {
        subject: crate::checks::Subject::host(),
        message: format!("every container is at sensitivity level {only}"),
        source: format!("engine: container and image labels {key:?}"),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::{Facts, Image, Source};

    fn c(name: &str, label: Option<&str>) -> Container {
        let mut c = Container {
            id: format!("{name}0000000000000"),
            name: format!("/{name}"),
            image: "sha256:img".into(),
            ..Default::default()
        };
        if let Some(l) = label {
            c.config
                .labels
                .insert("dockaudit.sensitivity".into(), l.into());
        }
        c
    }

    fn run(cs: Vec<Container>, image_label: Option<&str>) -> Outcome {
        let mut facts = Facts::new();
        facts.containers = Source::Present(cs);
        let mut i = Image {
            id: "sha256:img".into(),
            ..Default::default()
        };
        if let Some(l) = image_label {
            i.config
                .labels
                .insert("dockaudit.sensitivity".into(), l.into());
        }
        facts.images = Source::Present(vec![i]);
        let cfg = AuditConfig::default();
        evaluate(&Ctx::new(&facts, &cfg))
    }

    #[test]
    fn outcomes() {
        assert!(matches!(
            run(vec![c("a", None)], None),
            Outcome::Manual { .. }
        ));
        assert!(matches!(
            run(vec![c("a", Some("public")), c("b", None)], None),
            Outcome::Manual { .. }
        ));
        assert!(matches!(
            run(vec![c("a", Some("Public")), c("b", Some("public "))], None),
            Outcome::Pass { .. }
        ));
        // Image label fills in for an unlabeled container.
        assert!(matches!(
            run(vec![c("a", Some("public")), c("b", None)], Some("public")),
            Outcome::Pass { .. }
        ));
        match run(
            vec![
                c("a", Some("public")),
                c("b", Some("confidential")),
                c("u", None),
            ],
            None,
        ) {
            Outcome::Fail {
                findings,
                observations,
            } => {
                assert_eq!(findings.len(), 2);
                assert_eq!(observations.len(), 1);
            }
            o => panic!("{o:?}"),
        }
    }
}
