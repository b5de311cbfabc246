//! Engine collector: reads the engine through the Docker Engine API
//! (bollard), never through the docker CLI, and never changes its state.

use super::{CollectOptions, EngineUnreachable};
use crate::facts::Facts;

pub async fn collect(opts: &CollectOptions, facts: &mut Facts) -> Option<EngineUnreachable> {
    let endpoint = opts
        .docker_host
        .clone()
        .or_else(|| std::env::var("DOCKER_HOST").ok())
        .unwrap_or_else(|| "unix:///var/run/docker.sock".to_string());
    facts.collector.endpoint = endpoint.clone();
    Some(EngineUnreachable {
        endpoint,
        cause: "engine collector not implemented yet".to_string(),
    })
}
