//! What `dockaudit secrets` read: the files scanned, the secrets found in
//! each (redacted preview, line and column, fingerprint: never the value),
//! and the files that could not be scanned, each with its reason.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecretScan {
    /// The paths named (files, folders, `-` for standard input).
    pub roots: Vec<String>,
    /// Files whose content was scanned.
    pub files_scanned: usize,
    pub bytes_scanned: u64,
    /// Files recognised as binary by their content and not scanned.
    pub binary_skipped: usize,
    /// Files with secrets, sorted by path.
    pub files: Vec<FileSecrets>,
    /// Files and folders that could not be read (`path: reason`).
    pub unread: Vec<String>,
    /// Files read only in part, up to the size bound (`path: reason`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub partial: Vec<String>,
    /// Findings accepted by `--baseline`, and baseline entries that no
    /// longer match (`path: rule (fingerprint)`).
    pub baseline: Option<BaselineUse>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BaselineUse {
    pub file: String,
    pub accepted: usize,
    pub stale: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileSecrets {
    pub path: String,
    pub secrets: Vec<FileSecret>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileSecret {
    pub rule: String,
    pub description: String,
    /// high (a known token format, a key, a credential file entry) or
    /// medium (a secret-looking name with a value that looks like one).
    pub confidence: String,
    pub line: u32,
    pub column: u32,
    pub end_column: u32,
    /// The line with the value redacted.
    pub preview: String,
    /// A keyed hash of the value (see `dockaudit secrets --baseline`).
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}
