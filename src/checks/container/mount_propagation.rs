//! RES-022: mounts with shared propagation (CIS 5.20).

use crate::checks::runtime_rules::is_shared_propagation;
use crate::checks::support::container::judge_mounts;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

/// What an inherited mount that is not known may be.
const WHAT: &str = "a mount with shared propagation";

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_mounts(ctx, WHAT, false, |s, v| {
        let m = &v.value;
        if !is_shared_propagation(&m.propagation) {
            return None;
        }
        // What the input wrote (Kubernetes: Bidirectional), else the
        // engine's option name.
        let how = v
            .from
            .written
            .clone()
            .unwrap_or_else(|| m.propagation.clone());
        Some(s.finding(
            format!(
                "mounts {} at {} with {how} propagation",
                m.source, m.destination
            ),
            v.from.evidence(
                format!("{}:{} propagation={how}", m.source, m.destination),
                "private, rprivate, slave or rslave",
            ),
        ))
    })
}
