//! Facts read from the host's files (under --host-root): kernel, security
//! modules, mounts, users and groups, the engine's files, audit rules.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostFacts {
    /// The folder host files were read under ("/" on the host itself).
    pub root: String,
}
