//! Types shared by the facts model and the checks, owned by neither: the
//! facts model must not import the checks, and checks must not import a
//! collector. Nothing here does I/O.

use serde::{Deserialize, Serialize};

/// The fact sources a check reads. A check whose source is unavailable is
/// skipped with the source's reason, never passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Container specs: engine containers, compose services or workload
    /// manifests, whichever the audit read.
    ContainerSpecs,
    Engine,
    Daemon,
    Containers,
    Images,
    Networks,
    Volumes,
    Swarm,
    Host,
    /// An image's config and history, from the engine's image list or a
    /// scanned image (either satisfies it). Rules that read layer contents
    /// need it too and skip, image by image, those whose layers were not read.
    ImageConfig,
    Compose,
    Dockerfiles,
}

impl Need {
    pub fn all() -> &'static [Need] {
        &[
            Need::ContainerSpecs,
            Need::Engine,
            Need::Daemon,
            Need::Containers,
            Need::Images,
            Need::Networks,
            Need::Volumes,
            Need::Swarm,
            Need::Host,
            Need::ImageConfig,
            Need::Compose,
            Need::Dockerfiles,
        ]
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Need::ContainerSpecs => "container_specs",
            Need::Engine => "engine",
            Need::Daemon => "daemon",
            Need::Containers => "containers",
            Need::Images => "images",
            Need::Networks => "networks",
            Need::Volumes => "volumes",
            Need::Swarm => "swarm",
            Need::Host => "host",
            Need::ImageConfig => "image_config",
            Need::Compose => "compose",
            Need::Dockerfiles => "dockerfiles",
        }
    }
}
