//! Adapters: turn each input format into the subject model the checks
//! judge, so a rule is written once over the subject and a new input format
//! is a new adapter, never a copy of the rules. Pure functions of the facts:
//! no I/O, no verdicts.

pub mod compose;
pub mod engine;
pub mod history;
pub mod image;
pub mod k8s;

use crate::facts::Facts;
use crate::subject::ContainerSpec;
/// Every container spec the facts hold: engine containers, compose
/// services, Kubernetes workload containers, in that order.
pub fn container_specs(facts: &Facts) -> Vec<ContainerSpec<'_>> {
    let mut out: Vec<ContainerSpec<'_>> = facts.containers().iter().map(engine::spec).collect();
    for f in facts.compose_files() {
        out.extend(f.services.iter().map(|s| compose::spec(f, s)));
    }
    for m in facts.manifests() {
        for w in &m.workloads {
            out.extend(w.pod.containers.iter().map(|c| k8s::spec(m, w, c)));
        }
    }
    out
}
