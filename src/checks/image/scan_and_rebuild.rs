//! BASE-108: images scanned and rebuilt to include security patches (CIS
//! 4.4). Manual, with the ages of the engine's images as hints (IMG-010
//! judges the age automatically).

use crate::adapt::image::{created, day};
use crate::checks::support::image_subject;
use crate::checks::{Check, Ctx, Mode, Need, Observation, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "BASE-108",
    slug: "images-not-scanned-rebuilt",
    title: "Images not scanned and rebuilt for security patches",
    scope: Scope::Host,
    cis: &["4.4"],
    severity: Severity::Medium,
    mode: Mode::Manual,
    item: "Images scanned for known vulnerabilities; base images updated regularly",
    needs: &[Need::Images],
    rationale: "Vulnerabilities are found in packages after an image is built; only a scan \
        against current advisories and a rebuild from patched bases fix them. CIS 4.4 asks \
        for a scan-and-rebuild process, whose records (scanner reports, rebuild schedule) \
        are evidence outside the engine.",
    remediation: "Scan every image in CI and on a schedule against current advisories, \
        rebuild from updated bases (`docker build --pull`) when fixes appear, and redeploy.",
    references: &["https://docs.docker.com/build/building/best-practices/#rebuild-your-images"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let now = ctx.config.now();
    let mut dated: Vec<_> = ctx
        .facts
        .images()
        .iter()
        .filter_map(|i| created(i).map(|t| (i, t)))
        .collect();
    dated.sort_by_key(|(_, t)| *t);
    let observations = dated
        .into_iter()
        .map(|(i, t)| Observation {
            subject: image_subject(i),
            message: format!("built {} ({} days ago)", day(t), (now - t).num_days()),
            source: "engine: image inspect Created".to_string(),
        })
        .collect();
    Outcome::manual(
        "Ask for the vulnerability scan reports of the images in use (tool, advisory date, \
         open findings) and the rebuild schedule; the build dates of the images on this \
         engine are listed below, oldest first.",
    )
    .with_observations(observations)
}
