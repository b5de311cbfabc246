//! Adapters: turn each input format into the subject model the checks
//! judge, so a rule is written once over the subject and a new input format
//! is a new adapter, never a copy of the rules. Pure functions of the facts:
//! no I/O, no verdicts.

pub mod compose;
pub mod data_root;
pub mod engine;
pub mod history;
pub mod image;
pub mod joins;
pub mod k8s;

use std::rc::Rc;

use crate::facts::Facts;
use crate::subject::ContainerSpec;
/// Every container spec the facts hold: engine containers, compose
/// services, Kubernetes workload containers, in that order. Made as they
/// are read: the caller decides whether to hold them all (a spec is a few
/// dozen values, each with its origin: a few kilobytes; see
/// `checks::Ctx::for_each_spec`).
/// References between containers (`container:x` namespace modes, compose
/// `service:x` and `volumes_from`) are resolved among the facts' engine
/// containers and, for a compose service, its own file.
pub fn container_specs(facts: &Facts) -> impl Iterator<Item = ContainerSpec<'_>> {
    let engine_ix = Rc::new(joins::EngineIndex::new(facts.containers()));
    let ix = Rc::clone(&engine_ix);
    let engine = facts.containers().iter().enumerate().map(move |(i, c)| {
        let refs = joins::Refs {
            engine: &ix,
            file: None,
        };
        engine::spec(c, i, &refs)
    });
    let compose = facts.compose_files().iter().flat_map(move |f| {
        let file = joins::FileIndex::new(f);
        let ix = Rc::clone(&engine_ix);
        f.services.iter().enumerate().map(move |(i, s)| {
            let refs = joins::Refs {
                engine: &ix,
                file: Some(&file),
            };
            compose::spec(f, s, i, &refs)
        })
    });
    let k8s = facts.manifests().iter().flat_map(|m| {
        m.workloads
            .iter()
            .flat_map(move |w| w.pod.containers.iter().map(move |c| k8s::spec(m, w, c)))
    });
    engine.chain(compose).chain(k8s)
}

/// How many specs `container_specs` makes, without making them.
pub fn container_spec_count(facts: &Facts) -> usize {
    facts.containers().len()
        + facts
            .compose_files()
            .iter()
            .map(|f| f.services.len())
            .sum::<usize>()
        + facts
            .manifests()
            .iter()
            .flat_map(|m| &m.workloads)
            .map(|w| w.pod.containers.len())
            .sum::<usize>()
}
