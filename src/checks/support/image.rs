//! Helpers for the image checks: the verdict over every image subject
//! (`adapt::image::subjects`, engine images and scanned images, each once),
//! where some subjects may lack a fact a rule needs, and the evidence
//! sources of layer files. Pure functions only.

use std::collections::BTreeMap;

pub use crate::adapt::image::{
    scanned_subject, subjects, ImageSubject, Origin, LAYERS_NOT_READ, NO_CONFIG,
};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome};
use crate::facts::ImageFacts;

/// Evidence source naming a file of the image's layers.
pub fn layer_file(path: &str, layer: usize) -> String {
    format!("image layer {layer}: {path}")
}

/// Runs `judge` over every image subject. `judge` returns the findings of a
/// subject it could judge (and may add observations), or the reason it
/// could not (a fact missing for that subject: no config, layers not read).
/// A subject not judged is an observation naming the reason; no subject
/// judged while some exist is Skipped with the reasons, never a pass.
pub fn over_subjects(
    ctx: &Ctx,
    mut judge: impl FnMut(&ImageSubject, &mut Vec<Observation>) -> Result<Vec<Finding>, String>,
) -> Outcome {
    let all = subjects(ctx.facts);
    if all.is_empty() {
        return Outcome::NotApplicable("no image to audit".to_string());
    }
    let mut checked = 0;
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    let mut skipped: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in &all {
        match judge(s, &mut observations) {
            Ok(f) => {
                checked += 1;
                findings.extend(f);
            }
            Err(reason) => {
                skipped
                    .entry(reason.clone())
                    .or_default()
                    .push(s.subject.name.clone());
                observations.push(Observation::not_judged(
                    s.subject.clone(),
                    &reason,
                    match s.origin {
                        Origin::Engine => "engine: image inspect".to_string(),
                        Origin::Scanned => "image config".to_string(),
                    },
                ));
            }
        }
    }
    if checked == 0 {
        let reasons: Vec<String> = skipped
            .into_iter()
            .map(|(r, names)| format!("{r} ({})", names.join(", ")))
            .collect();
        return Outcome::Skipped(reasons.join("; "));
    }
    Outcome::from_findings(checked, findings, "no image to audit").with_observations(observations)
}

/// `over_subjects` for the rules that read layer contents: an image whose
/// layers were not read is not judged ("layers not read"); `judge` returns
/// None when the scanned image lacks what it needs, with `unknown` as the
/// reason.
pub fn over_images(
    ctx: &Ctx,
    unknown: &str,
    mut judge: impl FnMut(&ImageFacts) -> Option<Vec<Finding>>,
) -> Outcome {
    over_subjects(ctx, |s, _| {
        let layers = s.layers_or_why()?;
        judge(layers).ok_or_else(|| unknown.to_string())
    })
}

/// `over_images` for the rules that report one finding per entry of a list
/// the layer scan made (caches, setuid files, world-writable files, secret
/// files): `entries` picks the list, `judge` words each entry's message and
/// evidence. An image with an empty list passes.
pub fn finding_per_entry<T>(
    ctx: &Ctx,
    entries: impl Fn(&ImageFacts) -> &[T],
    judge: impl Fn(&T) -> (String, Evidence),
) -> Outcome {
    over_images(ctx, "", |img| {
        let subject = scanned_subject(img);
        Some(
            entries(img)
                .iter()
                .map(|e| {
                    let (message, evidence) = judge(e);
                    Finding::new(subject.clone(), message, evidence)
                })
                .collect(),
        )
    })
}

/// `over_images` where the reason an image cannot be judged depends on
/// the image (a file not read, with why).
pub fn over_image_files(
    ctx: &Ctx,
    mut judge: impl FnMut(&ImageFacts) -> Result<Vec<Finding>, String>,
) -> Outcome {
    over_subjects(ctx, |s, _| {
        let layers = s.layers_or_why()?;
        judge(layers)
    })
}

/// A build command shortened for evidence; withheld when it holds a token
/// (IMG-006 reports those), so no secret reaches another check's finding.
pub fn clip_command(s: &str) -> String {
    if !crate::secrets::scan_text(s).is_empty() {
        return "[command withheld: it holds a secret, see IMG-006]".to_string();
    }
    let short: String = s.chars().take(120).collect();
    if short.len() < s.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// A secret in an image's configuration (an environment variable or a
/// label): `what` names the place ("image label"), `key` the entry; the
/// value is shown redacted only.
pub fn config_secret_finding(
    subject: &crate::checks::Subject,
    what: &str,
    key: &str,
    hit: &crate::secrets::SecretHit,
    source: &str,
) -> Finding {
    Finding::new(
        subject.clone(),
        format!(
            "{what} {key} holds {} ({})",
            crate::checks::support::secret_what(hit),
            hit.redacted
        ),
        crate::checks::Evidence::new(
            source.to_string(),
            format!("{key}={}", hit.redacted),
            "no secret values in the image configuration",
        ),
    )
}

/// Tests: `evaluate` over facts whose one scanned image is `img`.
#[cfg(test)]
pub fn on_scanned(evaluate: fn(&Ctx) -> Outcome, img: ImageFacts) -> Outcome {
    let mut facts = crate::facts::Facts::new();
    facts.scanned_images = crate::facts::Source::Present(vec![img]);
    evaluate(&Ctx::new(&facts, &crate::checks::AuditConfig::default()))
}

/// Tests: an engine image whose history has one entry per build command.
#[cfg(test)]
pub fn with_history(history: &[&str]) -> crate::facts::Image {
    crate::facts::Image {
        id: "sha256:abc".into(),
        history: history
            .iter()
            .map(|h| crate::facts::engine::HistoryEntry {
                created_by: h.to_string(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// Tests: one image config as an engine image (`engine` sets its fields)
/// and as a scanned image (`scanned`): the facts of each, for the rules
/// that must judge both alike.
#[cfg(test)]
pub fn engine_and_scanned(
    engine: impl FnOnce(&mut crate::facts::engine::ContainerConfig),
    scanned: crate::facts::image::ImageConfig,
) -> [crate::facts::Facts; 2] {
    use crate::facts::{Facts, Source};
    let mut e = crate::facts::Image {
        id: "sha256:abc".into(),
        ..Default::default()
    };
    engine(&mut e.config);
    let mut fe = Facts::new();
    fe.images = Source::Present(vec![e]);
    let mut fs = Facts::new();
    fs.scanned_images = Source::Present(vec![ImageFacts {
        reference: "x".into(),
        config: Some(scanned),
        ..Default::default()
    }]);
    [fe, fs]
}
