//! Facts read from an image's own content: its config JSON and a summary of
//! the file index built over its layers (setuid files, secret files in any
//! layer, passwd/shadow, caches, packages). Plain data; the image collector
//! (crate::image) fills it, the IMG checks read it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::engine::HealthConfig;
use super::null_default;

/// One image whose layers were read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageFacts {
    /// The reference audited (tag, archive path or directory).
    pub reference: String,
    /// Config digest (sha256:...) when known.
    pub id: String,
    /// Tags the archive or engine names for this image.
    pub repo_tags: Vec<String>,
    /// Where the image was read from: "engine", "docker-archive",
    /// "oci-archive", "oci-layout", "rootfs".
    pub source: String,
    /// RFC 3339 creation time from the config ("" when unknown).
    pub created: String,
    pub architecture: String,
    pub os: String,
    /// The image config (None for a plain rootfs: no config exists).
    pub config: Option<ImageConfig>,
    pub history: Vec<ImageHistory>,
    pub layers: Vec<LayerSummary>,
    /// Regular files, directories and links in the final filesystem view.
    pub file_count: u64,
    /// Bytes of regular files in the final view.
    pub total_bytes: u64,
    /// Files with the setuid or setgid bit in the final view.
    pub setuid_files: Vec<FileRecord>,
    /// World-writable files and directories in system paths (a sticky
    /// folder only outside /var/lib).
    pub world_writable: Vec<FileRecord>,
    /// Secret-bearing files found in any layer, deleted later or not.
    pub secret_files: Vec<SecretFile>,
    /// /etc/passwd entries (None: no /etc/passwd in the image).
    pub passwd: Option<Vec<PasswdEntry>>,
    /// /etc/shadow entries, hashes never kept (None: no /etc/shadow).
    pub shadow: Option<Vec<ShadowEntry>>,
    /// Package-manager caches left in the final view.
    pub caches: Vec<CacheDir>,
    /// os-release of the final view.
    pub os_release: Option<OsRelease>,
    /// OS and language packages found in the final view.
    pub packages: Vec<Package>,
    /// Problems met while reading (unreadable package database, binary too
    /// large to inspect, ...).
    pub warnings: Vec<String>,
    /// Files of the final view that facts come from (/etc/passwd, package
    /// databases, ...) which exist but could not be read: over a bound, a
    /// symlink that leads nowhere in the image, a layer that cannot be read
    /// again. Their facts are unknown, never absent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<UnreadFile>,
    /// Files of any layer over the content bound (`--content-bytes`), not
    /// ELF binaries: checked for secrets by their names only.
    #[serde(skip_serializing_if = "crate::facts::is_zero")]
    pub content_unscanned: u64,
    /// The layers and config compared with the digests the manifest and
    /// config name (None: not compared, e.g. a rootfs directory).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digests: Option<DigestCheck>,
    /// `host/repo@sha256:...`: the manifest digest of an image read from a
    /// registry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repo_digests: Vec<String>,
    /// The image's cosign signatures checked against the trusted keys
    /// (None: not checked, no key given or not read from a registry).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatures: Option<SignatureCheck>,
}

/// The cosign signatures of an image's manifest digest, verified with the
/// trusted keys (`--key`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignatureCheck {
    /// The manifest digest the signatures must sign.
    pub digest: String,
    /// The trusted keys: file and fingerprint.
    pub keys: Vec<String>,
    /// Signatures that verified with a trusted key.
    pub verified: Vec<VerifiedSignature>,
    /// Signatures found that did not verify, each with why.
    pub rejected: Vec<String>,
    /// Why signatures could not be looked for at all (the check is then
    /// skipped, never passed or failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<String>,
}

/// One signature that verified.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct VerifiedSignature {
    /// The key that verified it.
    pub key: String,
    /// Where it was found ("tag sha256-<hex>.sig", "referrer sha256:...").
    pub source: String,
}

/// A file facts depend on that exists but was not read.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct UnreadFile {
    /// The path the facts are read from, e.g. "/etc/passwd".
    pub path: String,
    /// Why it was not read, naming the bound or the link.
    pub reason: String,
}

/// The outcome of comparing an image's blobs with their digests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DigestCheck {
    /// Digests compared (blob digests and config diff_ids).
    pub compared: u64,
    pub mismatches: Vec<DigestMismatch>,
}

/// A blob whose content does not have the digest it is named by.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct DigestMismatch {
    /// What was compared: "layer 0 blob", "layer 0 diff_id", "config",
    /// "manifest".
    pub what: String,
    /// The archive path or blob of it.
    pub key: String,
    /// The digest the manifest, index or config names.
    pub expected: String,
    /// The digest of the content read.
    pub actual: String,
}

impl ImageFacts {
    /// Why a file facts come from is not known: it exists but was not read
    /// (with the reason), else it is not in the image.
    pub fn missing_file(&self, path: &str) -> String {
        match self.unread.iter().find(|u| u.path == path) {
            Some(u) => format!("{path} not read: {}", u.reason),
            None => format!("no {path} in the image"),
        }
    }

    /// The package databases of the final view that were not read, one
    /// line each ("/var/lib/dpkg/status: <reason>"): the inventory lacks
    /// their packages.
    /// Everything whose packages were not listed: the package databases
    /// not read and the Java archives not read (over the bound, not a
    /// zip, nested ones too), `path: why` each.
    pub fn unread_packages(&self) -> Vec<String> {
        let mut out = self.unread_package_databases();
        out.extend(
            self.unread
                .iter()
                .filter(|u| {
                    let l = u.path.to_ascii_lowercase();
                    [".jar", ".war", ".ear"].iter().any(|x| l.ends_with(x))
                })
                .map(|u| format!("{}: {}", u.path, u.reason)),
        );
        out
    }

    pub fn unread_package_databases(&self) -> Vec<String> {
        const DBS: &[&str] = &[
            "/status",
            "/installed",
            "/rpmdb.sqlite",
            "/rpm/Packages",
            "/rpm/Packages.db",
        ];
        self.unread
            .iter()
            // A distroless status.d file holds its package's only record.
            .filter(|u| {
                DBS.iter().any(|d| u.path.ends_with(d))
                    || crate::parse::osdb::dpkg_status_optional(&u.path)
            })
            .map(|u| format!("{}: {}", u.path, u.reason))
            .collect()
    }

    pub fn display_name(&self) -> &str {
        if let Some(t) = self.repo_tags.first() {
            return t;
        }
        &self.reference
    }
}

/// The `config` object of the image config JSON (OCI / Docker names).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ImageConfig {
    #[serde(deserialize_with = "null_default")]
    pub user: String,
    #[serde(deserialize_with = "null_default")]
    pub env: Vec<String>,
    pub entrypoint: Option<Vec<String>>,
    pub cmd: Option<Vec<String>>,
    #[serde(deserialize_with = "null_default")]
    pub working_dir: String,
    #[serde(deserialize_with = "null_default")]
    pub labels: BTreeMap<String, String>,
    #[serde(deserialize_with = "null_default")]
    pub exposed_ports: BTreeMap<String, serde_json::Value>,
    pub healthcheck: Option<HealthConfig>,
    #[serde(deserialize_with = "null_default")]
    pub stop_signal: String,
}

/// One entry of the config's history, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ImageHistory {
    pub created: String,
    pub created_by: String,
    pub comment: String,
    pub empty_layer: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LayerSummary {
    /// 0-based, bottom layer first.
    pub index: usize,
    /// Blob digest or archive path of the layer.
    pub digest: String,
    /// "none", "gzip" or "zstd", from the magic bytes.
    pub compression: String,
    /// Bytes of the layer tar after decompression.
    pub uncompressed_bytes: u64,
    pub entries: u64,
    /// The history command that made this layer, when known.
    pub created_by: String,
}

/// A file of the final view.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct FileRecord {
    pub path: String,
    /// Octal permission bits, e.g. "4755".
    pub mode: String,
    pub uid: u64,
    pub gid: u64,
    /// file, dir, symlink, hardlink, char, block, fifo
    pub kind: String,
    /// The layer that last wrote it.
    pub layer: usize,
}

/// A secret-bearing file in some layer.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct SecretFile {
    pub path: String,
    /// The layer that added this version of the file.
    pub layer: usize,
    /// The layer that deleted or replaced it (None: still in the final view).
    pub removed_in: Option<usize>,
    /// What the file name says (e.g. "SSH private key"), if anything.
    pub kind: Option<String>,
    /// Secrets found in the content (redacted).
    pub hits: Vec<SecretFinding>,
    pub size: u64,
}

impl SecretFile {
    pub fn deleted(&self) -> bool {
        self.removed_in.is_some()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct SecretFinding {
    pub rule: String,
    pub description: String,
    pub redacted: String,
    /// The line the secret is on (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// A keyed hash of the value (stable when lines move).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswdEntry {
    pub name: String,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub home: String,
    pub shell: String,
    /// The passwd password field is empty (no password at all, unless
    /// shadowed).
    pub empty_password_field: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShadowEntry {
    pub name: String,
    /// "empty" (login without password), "locked" (!, *, !!), "hash".
    pub password: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct CacheDir {
    pub path: String,
    /// apt-lists, apt-archives, apk, pip, npm, yarn, yum, dnf
    pub kind: String,
    pub files: u64,
    pub bytes: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OsRelease {
    pub id: String,
    pub version_id: String,
    pub name: String,
    pub pretty_name: String,
    pub id_like: String,
    pub version_codename: String,
    /// The file it came from.
    pub path: String,
}

/// One package of the inventory.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(default)]
pub struct Package {
    /// deb, apk, rpm, pypi, npm, golang, cargo, maven
    pub kind: String,
    pub name: String,
    pub version: String,
    /// maven group id, npm scope
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arch: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The file the package was read from.
    pub location: String,
    pub layer: usize,
}
