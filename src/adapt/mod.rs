//! Adapters: each input format turned into the normalised subjects of
//! `crate::subject`, so that a rule is written once and judged on every
//! source. Pure functions of the facts: no I/O, no verdicts.

pub mod compose;
pub mod engine;

use crate::facts::Facts;
use crate::subject::ContainerSpec;

/// Every container spec the facts hold: engine containers, compose
/// services, Kubernetes workload containers, in that order.
pub fn container_specs(facts: &Facts) -> Vec<ContainerSpec<'_>> {
    let mut out: Vec<ContainerSpec<'_>> = facts.containers().iter().map(engine::spec).collect();
    for f in facts.compose_files() {
        out.extend(f.services.iter().map(|s| compose::spec(f, s)));
    }
    out
}
