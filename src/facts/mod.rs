//! The facts model: plain serde data holding what was observed and nothing
//! else. Collectors fill it; checks read it; an evidence bundle is this model
//! written as JSON. Every source is present or unavailable with a reason.

pub mod compose;
pub mod daemon;
pub mod engine;
pub mod host;
pub mod image;
pub mod k8s;
pub mod redact;
pub mod secrets;
pub mod vulns;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::Need;

/// Tests: a facts value from JSON as the engine or a fixture spells it.
#[cfg(test)]
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).expect("test JSON")
}

/// For `#[serde(skip_serializing_if = "is_zero")]` on counts.
pub fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Engines and the JSON they write (inspect documents, image configs, OSV
/// records) send `null` for empty lists, maps and strings (DriverStatus,
/// Warnings, Labels, ...): read it as the default. For
/// `#[serde(deserialize_with = "null_default")]`.
pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

pub use compose::ComposeFile;
pub use daemon::DaemonFacts;
pub use engine::{Container, EngineFacts, Image, Network, SwarmFacts, Volume};
pub use host::HostFacts;
pub use image::ImageFacts;

/// Version of the facts bundle layout. Bumped on incompatible changes.
pub const FACTS_SCHEMA_VERSION: u32 = 1;

/// A fact source: what was observed, or why it could not be.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source<T> {
    Present(T),
    Unavailable(String),
}

impl<T> Default for Source<T> {
    fn default() -> Self {
        Source::Unavailable("not collected".to_string())
    }
}

impl<T> Source<T> {
    pub fn get(&self) -> Option<&T> {
        match self {
            Source::Present(v) => Some(v),
            Source::Unavailable(_) => None,
        }
    }
    pub fn reason(&self) -> Option<&str> {
        match self {
            Source::Present(_) => None,
            Source::Unavailable(r) => Some(r),
        }
    }
    pub fn is_present(&self) -> bool {
        matches!(self, Source::Present(_))
    }
    /// The fact made from the one read, or the same reason it was not.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Source<U> {
        match self {
            Source::Present(v) => Source::Present(f(v)),
            Source::Unavailable(r) => Source::Unavailable(r),
        }
    }
    pub fn unavailable(reason: impl Into<String>) -> Self {
        Source::Unavailable(reason.into())
    }
}

/// Everything collected for a host audit.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Facts {
    pub schema_version: u32,
    /// RFC 3339 time of collection.
    pub collected_at: String,
    pub collector: CollectorInfo,
    pub engine: Source<EngineFacts>,
    pub daemon: Source<DaemonFacts>,
    pub containers: Source<Vec<Container>>,
    pub images: Source<Vec<Image>>,
    pub networks: Source<Vec<Network>>,
    pub volumes: Source<Vec<Volume>>,
    pub swarm: Source<SwarmFacts>,
    pub host: Source<HostFacts>,
    /// Images whose layers were read (dockaudit image, or the host audit's
    /// engine images when scanned).
    pub scanned_images: Source<Vec<ImageFacts>>,
    /// Engine images whose layers a scan set out to read and could not
    /// (`host --scan-images`): image id -> why. Their layer rules are not
    /// judged, with this reason, never passed.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub image_scan_errors: BTreeMap<String, String>,
    /// Compose files read by `dockaudit compose`.
    pub compose: Source<Vec<ComposeFile>>,
    /// Kubernetes workload manifests read by `dockaudit k8s`.
    pub manifests: Source<Vec<k8s::ManifestFile>>,
    /// Parsed Dockerfiles (`dockaudit dockerfile`).
    pub dockerfiles: Source<Vec<crate::dockerfile::Dockerfile>>,
    /// Advisory matches of the inventoried images, host and engine (when an
    /// advisory database was given).
    pub vulns: Source<vulns::VulnFacts>,
    /// Files scanned by `dockaudit secrets`.
    pub secret_scan: Source<secrets::SecretScan>,
    /// Non-fatal problems met while collecting (one line each, naming what
    /// and where).
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CollectorInfo {
    pub tool: String,
    pub version: String,
    /// The engine endpoint used (DOCKER_HOST or --host), credentials removed.
    pub endpoint: String,
    /// The folder host files were read under.
    pub host_root: String,
    /// Hostname of the machine that collected.
    pub hostname: String,
    /// The engine runs on this machine (unix socket, or TCP to loopback):
    /// host files under `host_root` are the engine host's.
    pub engine_local: bool,
}

impl Facts {
    pub fn new() -> Self {
        Facts {
            schema_version: FACTS_SCHEMA_VERSION,
            ..Default::default()
        }
    }

    /// No source holds anything observed: every one is unavailable (a
    /// bundle of `{"schema_version":1}`, a collection that reached
    /// nothing). Nothing can be audited from such facts.
    pub fn nothing_collected(&self) -> bool {
        [
            self.engine.is_present(),
            self.daemon.is_present(),
            self.containers.is_present(),
            self.images.is_present(),
            self.networks.is_present(),
            self.volumes.is_present(),
            self.swarm.is_present(),
            self.host.is_present(),
            self.scanned_images.is_present(),
            self.compose.is_present(),
            self.manifests.is_present(),
            self.dockerfiles.is_present(),
            self.secret_scan.is_present(),
            self.vulns.is_present(),
        ]
        .iter()
        .all(|present| !present)
    }

    /// The reason a source is unavailable, or None when present.
    pub fn unavailable(&self, need: Need) -> Option<&str> {
        match need {
            Need::ContainerSpecs => self.container_specs_unavailable(),
            Need::Engine => self.engine.reason(),
            Need::Daemon => self.daemon.reason(),
            Need::Containers => self.containers.reason(),
            Need::Images => self.images.reason(),
            Need::Networks => self.networks.reason(),
            Need::Volumes => self.volumes.reason(),
            Need::Swarm => self.swarm.reason(),
            Need::Host => self.host.reason(),
            Need::ImageConfig => self.image_config_unavailable(),
            Need::Compose => self.compose.reason(),
            Need::Dockerfiles => self.dockerfiles.reason(),
            Need::Vulns => self.vulns.reason(),
            Need::Files => self.secret_scan.reason(),
        }
    }

    /// Container specs are available when any source of them was read;
    /// else the reason of the first that was asked for and failed.
    fn container_specs_unavailable(&self) -> Option<&str> {
        let sources = [
            self.containers.reason(),
            self.compose.reason(),
            self.manifests.reason(),
        ];
        if sources.iter().any(Option::is_none) {
            return None;
        }
        let not_collected = Source::<()>::default();
        let default = not_collected.reason();
        sources
            .into_iter()
            .flatten()
            .find(|r| Some(*r) != default)
            .or(self.containers.reason())
    }

    /// Image config comes from the engine's image list or from scanned
    /// images: unavailable only when neither was collected.
    fn image_config_unavailable(&self) -> Option<&str> {
        match (self.images.reason(), self.scanned_images.reason()) {
            (Some(engine), Some(_)) => Some(engine),
            _ => None,
        }
    }

    pub fn containers(&self) -> &[Container] {
        self.containers.get().map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn images(&self) -> &[Image] {
        self.images.get().map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn networks(&self) -> &[Network] {
        self.networks.get().map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn scanned_images(&self) -> &[ImageFacts] {
        self.scanned_images.get().map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn manifests(&self) -> &[k8s::ManifestFile] {
        self.manifests.get().map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn compose_files(&self) -> &[ComposeFile] {
        self.compose.get().map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn dockerfiles(&self) -> &[crate::dockerfile::Dockerfile] {
        self.dockerfiles.get().map(Vec::as_slice).unwrap_or(&[])
    }
    pub fn image_by_id(&self, id: &str) -> Option<&Image> {
        self.images().iter().find(|i| i.id == id)
    }
}
