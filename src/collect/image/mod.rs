//! Image collector: reads an image's config and layers from a `docker save`
//! archive (legacy or OCI layout), an OCI layout directory, a plain rootfs
//! directory or the engine's image export stream, in one streaming pass,
//! and turns them into `ImageFacts`. This is collector code (I/O lives
//! here); it never writes to disk and never runs the docker CLI.

pub mod archive;
pub mod index;
pub mod layer;
/// The package parsers live with the other parsers (no I/O there).
pub use crate::parse::packages;

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use anyhow::{anyhow, bail, Result};

use crate::facts::image::{
    CacheDir, FileRecord, ImageConfig, ImageFacts, ImageHistory, LayerSummary, SecretFile,
};
use index::FileIndex;
use layer::{Captured, Kind, LayerScan};

/// Bounds on what one scan reads (decompression bombs, enormous entries).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Uncompressed bytes of one layer.
    pub max_layer_bytes: u64,
    /// Uncompressed bytes of all layers of an archive.
    pub max_total_bytes: u64,
    /// Entries of one layer (and of the final view).
    pub max_entries: u64,
    /// Text files up to this size are read for secrets and metadata.
    pub content_bytes: u64,
    /// Package databases up to this size are parsed.
    pub db_bytes: u64,
    /// Bytes read of each ELF binary for Go / Rust build data.
    pub binary_bytes: u64,
    /// Java archives up to this size are opened.
    pub jar_bytes: u64,
    /// JSON documents (manifests, configs) up to this size are read.
    pub json_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_layer_bytes: 64 << 30,
            max_total_bytes: 256 << 30,
            max_entries: 5_000_000,
            content_bytes: 256 << 10,
            db_bytes: 64 << 20,
            binary_bytes: 32 << 20,
            jar_bytes: 32 << 20,
            json_bytes: 8 << 20,
        }
    }
}

/// Default bound on a whole engine image export.
pub const DEFAULT_EXPORT_TIMEOUT: Duration = Duration::from_secs(3600);
/// Default bound on engine silence during an image export.
pub const DEFAULT_EXPORT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Clone, Debug)]
pub struct ScanOptions {
    pub limits: Limits,
    /// Pick this image of a multi-image archive (tag, name or id prefix).
    pub reference: Option<String>,
    /// Audit every image of the archive.
    pub all: bool,
    /// Show a progress bar (only when stderr is a terminal).
    pub progress: bool,
    /// Engine image export: the whole export, reading included.
    pub export_timeout: Duration,
    /// Engine image export: the engine sends nothing for this long.
    pub export_idle_timeout: Duration,
    /// Every other engine request (version negotiation, the image list).
    pub request_timeout: Duration,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            limits: Limits::default(),
            reference: None,
            all: false,
            progress: false,
            export_timeout: DEFAULT_EXPORT_TIMEOUT,
            export_idle_timeout: DEFAULT_EXPORT_IDLE_TIMEOUT,
            request_timeout: Duration::from_secs(10),
        }
    }
}

/// One image as a manifest names it: config blob and layer blobs in order.
#[derive(Clone, Debug)]
pub struct ManifestImage {
    pub tags: Vec<String>,
    pub config_key: String,
    pub layer_keys: Vec<String>,
}

/// Picks the images to audit from the manifests.
pub fn select(
    images: Vec<ManifestImage>,
    opts: &ScanOptions,
    what: &str,
) -> Result<Vec<ManifestImage>> {
    if opts.all {
        return Ok(images);
    }
    if let Some(r) = &opts.reference {
        let want = normalize_ref(r);
        let hits: Vec<ManifestImage> = images
            .iter()
            .filter(|m| {
                m.tags.iter().any(|t| normalize_ref(t) == want)
                    || m.config_key.contains(r.trim_start_matches("sha256:"))
            })
            .cloned()
            .collect();
        if hits.is_empty() {
            let tags: Vec<String> = images.iter().flat_map(|m| m.tags.clone()).collect();
            bail!(
                "{what}: no image matches --ref {r} (tags: {})",
                tags.join(", ")
            );
        }
        return Ok(hits);
    }
    if images.len() > 1 {
        let tags: Vec<String> = images
            .iter()
            .map(|m| {
                m.tags
                    .first()
                    .cloned()
                    .unwrap_or_else(|| m.config_key.clone())
            })
            .collect();
        bail!(
            "{what} holds {} images ({}): choose one with --ref or audit all with --all",
            images.len(),
            tags.join(", ")
        );
    }
    Ok(images)
}

/// "busybox" == "busybox:latest" == "docker.io/library/busybox:latest".
fn normalize_ref(r: &str) -> String {
    let mut s = r.trim().to_string();
    for p in [
        "docker.io/library/",
        "docker.io/",
        "index.docker.io/library/",
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            s = rest.to_string();
        }
    }
    let last = s.rsplit('/').next().unwrap_or(&s);
    if !last.contains(':') && !s.contains('@') {
        s.push_str(":latest");
    }
    s
}

/// Builds the facts of one image from its config JSON and scanned layers.
pub fn assemble(
    reference: &str,
    source: &str,
    m: &ManifestImage,
    config: Option<&[u8]>,
    scans: &HashMap<String, LayerScan>,
    limits: &Limits,
) -> Result<ImageFacts> {
    let mut facts = ImageFacts {
        reference: reference.to_string(),
        repo_tags: m.tags.clone(),
        source: source.to_string(),
        ..Default::default()
    };
    let mut layers: Vec<&LayerScan> = Vec::new();
    for key in &m.layer_keys {
        let s = scans.get(key).ok_or_else(|| {
            anyhow!("image {reference}: the manifest names layer {key}, which the archive lacks")
        })?;
        layers.push(s);
    }
    if let Some(cfg) = config {
        let v: serde_json::Value = serde_json::from_slice(cfg).map_err(|e| {
            anyhow!(
                "image {reference}: config {} is not JSON: {e}",
                m.config_key
            )
        })?;
        facts.id = m
            .config_key
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".json")
            .to_string();
        if !facts.id.is_empty() && !facts.id.starts_with("sha256:") {
            facts.id = format!("sha256:{}", facts.id);
        }
        facts.created = v["created"].as_str().unwrap_or("").to_string();
        facts.architecture = v["architecture"].as_str().unwrap_or("").to_string();
        facts.os = v["os"].as_str().unwrap_or("").to_string();
        // A config that does not parse is left unknown (its checks skip),
        // never read as empty.
        match &v["config"] {
            serde_json::Value::Null => facts.config = Some(ImageConfig::default()),
            c => match serde_json::from_value::<ImageConfig>(c.clone()) {
                Ok(c) => facts.config = Some(c),
                Err(e) => facts.warnings.push(format!(
                    "image config {}: unreadable config object: {e}",
                    m.config_key
                )),
            },
        }
        if let Some(h) = v["history"].as_array() {
            for e in h {
                facts.history.push(ImageHistory {
                    created: e["created"].as_str().unwrap_or("").to_string(),
                    created_by: e["created_by"].as_str().unwrap_or("").to_string(),
                    comment: e["comment"].as_str().unwrap_or("").to_string(),
                    empty_layer: e["empty_layer"].as_bool().unwrap_or(false),
                });
            }
        }
    }
    let layer_cmds: Vec<String> = facts
        .history
        .iter()
        .filter(|h| !h.empty_layer)
        .map(|h| h.created_by.clone())
        .collect();
    for (i, (key, l)) in m.layer_keys.iter().zip(&layers).enumerate() {
        facts.layers.push(LayerSummary {
            index: i,
            digest: key.clone(),
            compression: l.compression.to_string(),
            uncompressed_bytes: l.uncompressed,
            entries: l.entries.len() as u64,
            created_by: layer_cmds.get(i).cloned().unwrap_or_default(),
        });
    }
    let idx = FileIndex::build(layers.iter().copied());
    if idx.nodes.len() as u64 > limits.max_entries {
        bail!(
            "image {reference}: {} files exceed the bound of {} entries (--max-entries)",
            idx.nodes.len(),
            limits.max_entries
        );
    }
    summarize(&mut facts, &idx, &layers);
    Ok(facts)
}

const SYSTEM_PREFIXES: &[&str] = &[
    "/bin", "/sbin", "/usr", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/boot", "/opt",
    "/var/lib", "/root",
];

fn in_system_path(p: &str) -> bool {
    SYSTEM_PREFIXES
        .iter()
        .any(|s| p == *s || (p.starts_with(s) && p.as_bytes().get(s.len()) == Some(&b'/')))
}

/// Which package-manager cache a path lies in: (kind, cache root).
fn cache_of(p: &str) -> Option<(&'static str, String)> {
    if let Some(rest) = p.strip_prefix("/var/lib/apt/lists/") {
        if rest == "lock" || rest.starts_with("partial") || rest.starts_with("auxfiles") {
            return None;
        }
        return Some(("apt-lists", "/var/lib/apt/lists".into()));
    }
    if p.starts_with("/var/cache/apt/") && (p.ends_with(".deb") || p.ends_with(".bin")) {
        return Some(("apt-cache", "/var/cache/apt".into()));
    }
    if p.starts_with("/var/cache/apk/") {
        return Some(("apk", "/var/cache/apk".into()));
    }
    for (kind, root) in [
        ("yum", "/var/cache/yum/"),
        ("dnf", "/var/cache/dnf/"),
        ("yarn", "/usr/local/share/.cache/yarn/"),
    ] {
        if p.starts_with(root) {
            return Some((kind, root.trim_end_matches('/').into()));
        }
    }
    for (kind, marker) in [
        ("pip", "/.cache/pip/"),
        ("npm", "/.npm/_cacache/"),
        ("yarn", "/.cache/yarn/"),
    ] {
        if let Some(i) = p.find(marker) {
            let home = &p[..i];
            if home == "/root" || (home.starts_with("/home/") && home[6..].find('/').is_none()) {
                return Some((kind, format!("{home}{}", marker.trim_end_matches('/'))));
            }
        }
    }
    None
}

fn record(path: &str, n: &index::Node) -> FileRecord {
    FileRecord {
        path: path.to_string(),
        mode: format!("{:04o}", n.mode & 0o7777),
        uid: n.uid,
        gid: n.gid,
        kind: n.kind.as_str().to_string(),
        layer: n.layer,
    }
}

fn summarize(facts: &mut ImageFacts, idx: &FileIndex, layers: &[&LayerScan]) {
    let mut caches: BTreeMap<(String, &'static str), (u64, u64)> = BTreeMap::new();
    for (path, n) in &idx.nodes {
        facts.file_count += 1;
        if n.kind == Kind::File {
            facts.total_bytes += n.size;
        }
        if matches!(n.kind, Kind::File | Kind::Hardlink) && n.mode & 0o6000 != 0 {
            facts.setuid_files.push(record(path, n));
        }
        let ww = n.mode & 0o002 != 0
            && !matches!(n.kind, Kind::Symlink | Kind::Char | Kind::Block)
            && !(n.kind == Kind::Dir && n.mode & 0o1000 != 0);
        if ww && in_system_path(path) {
            facts.world_writable.push(record(path, n));
        }
        if matches!(n.kind, Kind::File | Kind::Hardlink) {
            if let Some((kind, root)) = cache_of(path) {
                let e = caches.entry((root, kind)).or_default();
                e.0 += 1;
                e.1 += n.size;
            }
        }
    }
    facts.caches = caches
        .into_iter()
        .map(|((path, kind), (files, bytes))| CacheDir {
            path,
            kind: kind.to_string(),
            files,
            bytes,
        })
        .collect();
    let lookup = idx.removal_lookup();
    // The version of a path in the final view: same path, same layer.
    let live = |path: &str, layer: usize| idx.nodes.get(path).is_some_and(|n| n.layer == layer);
    let mut secret_files: Vec<SecretFile> = Vec::new();
    let mut os_release_usr = None;
    for (li, l) in layers.iter().enumerate() {
        let sizes: HashMap<&str, u64> = l
            .entries
            .iter()
            .filter(|e| e.whiteout.is_none())
            .map(|e| (&*e.path, e.size))
            .collect();
        for (path, cap) in &l.captures {
            let is_live = live(path, li);
            match cap {
                Captured::Secret { kind, hits } => {
                    let removed_in = if is_live {
                        None
                    } else {
                        Some(idx.removed_in(&lookup, path, li).unwrap_or(li))
                    };
                    secret_files.push(SecretFile {
                        path: path.to_string(),
                        layer: li,
                        removed_in,
                        kind: kind.map(str::to_string),
                        hits: hits.clone(),
                        size: sizes.get(&**path).copied().unwrap_or(0),
                    });
                }
                Captured::Warning(w) => facts.warnings.push(format!("layer {li}: {w}")),
                _ if !is_live => {}
                Captured::Passwd(t) => facts.passwd = Some(packages::parse_passwd(t)),
                Captured::Shadow(t) => facts.shadow = Some(packages::parse_shadow(t)),
                Captured::Group(_) => {}
                Captured::OsRelease(o) => {
                    if &**path == "/etc/os-release" {
                        facts.os_release = Some(o.clone());
                    } else {
                        os_release_usr = Some(o.clone());
                    }
                }
                Captured::Packages(p) => facts.packages.extend(p.iter().cloned().map(|mut p| {
                    p.layer = li;
                    p
                })),
            }
        }
    }
    if facts.os_release.is_none() {
        facts.os_release = os_release_usr;
    }
    // /etc/passwd may be a symlink inside the image: follow it in the index.
    if facts.passwd.is_none() {
        if let Some((real, n)) = idx.resolve("/etc/passwd") {
            if real != "/etc/passwd" {
                let li = n.layer;
                if let Some((_, Captured::Passwd(t))) =
                    layers[li].captures.iter().rev().find(|(p, _)| **p == *real)
                {
                    facts.passwd = Some(packages::parse_passwd(t));
                }
            }
        }
    }
    secret_files.sort();
    secret_files.dedup();
    facts.secret_files = secret_files;
    facts.packages.sort();
    facts.packages.dedup();
    facts.setuid_files.sort();
    facts.world_writable.sort();
}
