//! RES-003: containers that keep the default capability set (CIS 5.4).

use crate::checks::runtime_rules::drops_all_caps;
use crate::checks::support::container::{judge_specs, privileged_finding};
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        // --cap-drop is ignored for a privileged container.
        let mut out: Vec<_> = privileged_finding(s, "keeps every capability")
            .into_iter()
            .collect();
        let d = &s.cap_drop;
        if drops_all_caps(&d.strings()) {
            return Ok(out);
        }
        let message = if d.is_empty() {
            format!(
                "keeps the default capability set ({} drops nothing)",
                d.from.key
            )
        } else {
            format!(
                "drops only some capabilities ({} is {})",
                d.from.key,
                d.render()
            )
        };
        out.push(s.finding(message, d.from.evidence(d.render(), "[\"ALL\"]")));
        Ok(out)
    })
}
