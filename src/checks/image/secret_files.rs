//! IMG-007: secret-bearing files in any layer of the image, deleted later or
//! not (CIS 4.10).

use crate::adapt::image::subjects;
use crate::checks::support::image::{finding_per_entry, layer_file};
use crate::checks::{Ctx, Evidence, Observation, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let outcome = finding_per_entry(
        ctx,
        |img| &img.secret_files,
        |f| {
            let what = f
                .kind
                .clone()
                .or_else(|| f.hits.first().map(|h| h.description.clone()))
                .unwrap_or_else(|| "secret".to_string());
            let state = match f.removed_in {
                Some(r) if r == f.layer => format!(
                    "added in layer {} and overwritten in the same layer (still in its blob)",
                    f.layer
                ),
                Some(r) => format!(
                    "added in layer {} and deleted in layer {r} (still in layer {}'s blob)",
                    f.layer, f.layer
                ),
                None => format!("added in layer {}, present in the image", f.layer),
            };
            let observed = if f.hits.is_empty() {
                format!("{what} ({} bytes)", f.size)
            } else {
                f.hits
                    .iter()
                    .map(|h| match h.line {
                        Some(l) => {
                            format!("line {l}: {} ({}): {}", h.description, h.rule, h.redacted)
                        }
                        None => format!("{}: {}", h.description, h.redacted),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let line = f.hits.iter().find_map(|h| h.line);
            let mut evidence = Evidence::new(
                layer_file(&f.path, f.layer),
                observed,
                "no secret-bearing file in any layer",
            );
            if line.is_some() {
                evidence = evidence.at(crate::checks::Location {
                    path: f.path.clone(),
                    line,
                    column: None,
                    end_line: None,
                    end_column: None,
                });
            }
            (format!("{} ({what}) {state}", f.path), evidence)
        },
    );
    // Files over the content bound were judged by their names only: said,
    // so that a pass is read with its limit.
    let unscanned: Vec<Observation> = subjects(ctx.facts)
        .iter()
        .filter_map(|s| {
            let n = s.layers?.content_unscanned;
            (n > 0).then(|| Observation {
                subject: s.subject.clone(),
                message: format!(
                    "{n} files over the content bound were checked for secrets by their names only (raise --content-bytes to read them)"
                ),
                source: "image layers".to_string(),
            })
        })
        .collect();
    outcome.with_observations(unscanned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_says_how_many_files_were_checked_by_name_only() {
        let img = crate::facts::ImageFacts {
            reference: "x:1".into(),
            content_unscanned: 3,
            ..Default::default()
        };
        match crate::checks::support::image::on_scanned(evaluate, img) {
            Outcome::Pass { observations, .. } => assert!(
                observations
                    .iter()
                    .any(|o| o.message.starts_with("3 files over the content bound")),
                "{observations:?}"
            ),
            other => panic!("{other:?}"),
        }
    }
}
