//! BASE-108: images scanned and rebuilt to include security patches (CIS
//! 4.4). Manual, with the ages of the engine's images as hints (IMG-010
//! judges the age automatically).

use crate::adapt::image::{created, day};
use crate::checks::support::image_subject;
use crate::checks::{Ctx, Observation, Outcome};

crate::checks::meta!();

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
