//! Collectors: the only code that does I/O. They fill the facts model from
//! the engine API and the host's files, and never change the engine's state.

pub mod daemon;
pub mod data_root;
pub mod dockerfile;
pub mod endpoint;
pub mod engine;
pub mod files;
pub mod host;
pub mod image;
pub mod manifests;
pub mod registry;
pub mod secrets;

use std::path::PathBuf;
use std::time::Duration;

use crate::facts::{Facts, Source};

#[derive(Clone, Debug)]
pub struct CollectOptions {
    /// Engine endpoint (--host); None: DOCKER_HOST, else the local socket.
    pub docker_host: Option<String>,
    /// Host files are read under this folder.
    pub host_root: PathBuf,
    /// --host-root was given explicitly (host files are then trusted to be
    /// the engine host's even when the engine is remote).
    pub host_root_explicit: bool,
    /// Per-request timeout for the engine API.
    pub timeout: Duration,
    /// Concurrent inspect requests.
    pub concurrency: usize,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            docker_host: None,
            host_root: PathBuf::from("/"),
            host_root_explicit: false,
            timeout: Duration::from_secs(10),
            concurrency: 16,
        }
    }
}

/// The engine could not be reached at all, or what answered did not speak
/// the Engine API.
#[derive(Debug)]
pub struct EngineUnreachable {
    /// The endpoint, credentials removed.
    pub endpoint: String,
    /// Where the endpoint came from: --host, DOCKER_HOST or the default.
    pub origin: String,
    /// One line.
    pub cause: String,
    /// Something answered, with a reply that is not the Engine API's (a
    /// malformed `/version`, not HTTP, an error status).
    pub answered: bool,
}

impl std::fmt::Display for EngineUnreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (endpoint, origin, cause) = (&self.endpoint, &self.origin, &self.cause);
        if self.answered {
            write!(
                f,
                "the Docker engine at {endpoint} ({origin}) answered, but not as the Engine API does: {cause}"
            )
        } else {
            write!(
                f,
                "cannot reach the Docker engine at {endpoint} ({origin}): {cause}"
            )
        }
    }
}

impl std::error::Error for EngineUnreachable {}

/// Collects every fact source. An unreachable engine is returned as an
/// error together with the facts that could still be collected, so the
/// caller decides whether a partial audit is allowed.
pub async fn collect(opts: &CollectOptions) -> (Facts, Option<EngineUnreachable>) {
    let mut facts = Facts::new();
    facts.collected_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    facts.collector.tool = "dockaudit".to_string();
    facts.collector.version = env!("CARGO_PKG_VERSION").to_string();
    facts.collector.host_root = opts.host_root.display().to_string();
    let unreachable = engine::collect(opts, &mut facts).await;
    // The daemon first: the host collector stats the files its command line
    // and daemon.json name (sockets, TLS files, config path).
    daemon::collect(opts, &mut facts);
    host::collect(opts, &mut facts);
    if let Some(e) = &unreachable {
        let reason = e.to_string();
        for src in [
            &mut facts.containers as &mut dyn SetUnavailable,
            &mut facts.images,
            &mut facts.networks,
            &mut facts.volumes,
            &mut facts.swarm,
            &mut facts.engine,
        ] {
            src.set_unavailable(&reason);
        }
    }
    (facts, unreachable)
}

trait SetUnavailable {
    fn set_unavailable(&mut self, reason: &str);
}

impl<T> SetUnavailable for Source<T> {
    fn set_unavailable(&mut self, reason: &str) {
        if !self.is_present() {
            *self = Source::Unavailable(reason.to_string());
        }
    }
}
