//! RES-002: dangerous capabilities added with `--cap-add` (CIS 5.4).

use crate::checks::runtime_rules::{dangerous_caps, other_added_caps};
use crate::checks::support::container::{judge_specs, privileged_finding, spec_observations};
use crate::checks::{Ctx, Outcome, Severity};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let observations = spec_observations(ctx, |s| {
        let others = other_added_caps(&s.cap_add.strings());
        (!others.is_empty()).then(|| {
            (
                format!(
                    "adds non-default capabilities to confirm: {}",
                    others.join(", ")
                ),
                s.cap_add.from.source(),
            )
        })
    });
    judge_specs(ctx, |s| {
        // The engine grants a privileged container every capability,
        // whatever --cap-add says.
        let privileged = privileged_finding(s, "has every capability");
        let added = &s.cap_add;
        Ok(privileged
            .map(|f| f.with_severity(Severity::High))
            .into_iter()
            .chain(
                dangerous_caps(&added.strings())
                    .into_iter()
                    .map(|(cap, sev)| {
                        let from = added
                            .items
                            .iter()
                            .find(|v| crate::checks::runtime_rules::normalize_cap(&v.value) == cap)
                            .map_or(&added.from, |v| &v.from);
                        s.finding(
                            format!("adds capability {cap} ({} is {})", from.key, added.render()),
                            from.evidence(added.render(), "no dangerous capability added"),
                        )
                        .with_severity(sev)
                    }),
            )
            .collect())
    })
    .with_observations(observations)
}
