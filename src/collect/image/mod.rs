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
    CacheDir, DigestCheck, DigestMismatch, FileRecord, ImageConfig, ImageFacts, ImageHistory,
    LayerSummary, SecretFile, UnreadFile,
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

/// What a blob whose content does not match its digest does to the audit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DigestPolicy {
    /// The image is not audited (exit 2): its layers are not the image's.
    #[default]
    Error,
    /// The image is audited; IMG-016 reports each mismatch.
    Finding,
}

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
    /// A layer, config or manifest that does not match its digest.
    pub digest_mismatch: DigestPolicy,
    /// The platform to read from a multi-platform index (archives, OCI
    /// layouts and registries); None: linux and this machine's
    /// architecture.
    pub platform: Option<crate::collect::registry::Platform>,
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
            digest_mismatch: DigestPolicy::Error,
            platform: None,
        }
    }
}

/// One image as a manifest names it: config blob and layer blobs in order.
#[derive(Clone, Debug, Default)]
pub struct ManifestImage {
    pub tags: Vec<String>,
    pub config_key: String,
    pub layer_keys: Vec<String>,
    /// Blobs read on the way to this image (its manifest) that do not
    /// match their digests.
    pub mismatches: Vec<DigestMismatch>,
    /// What the reader chose on the way (the platform of a multi-platform
    /// index, and the ones left out): the image's warnings.
    pub notes: Vec<String>,
}

/// Reads files of one layer again, for the facts behind symlinks: the
/// layer's key and `(path in the layer, path it stands for)` pairs; gives
/// what `layer::analyze` made of each, by the path it stands for, or why
/// the layer cannot be read again.
pub type Refetch<'a> =
    dyn FnMut(&str, &[(String, String)]) -> Result<Vec<(Box<str>, Captured)>, String> + 'a;

/// The digest a blob key names ("blobs/sha256/<hex>", "<hex>.json"), hex
/// only; None when the key names no sha256 digest.
pub fn key_digest(key: &str) -> Option<&str> {
    let hex = key
        .strip_prefix("blobs/sha256/")
        .or_else(|| key.strip_suffix(".json").filter(|k| !k.contains('/')))?;
    (hex.len() == 64
        && hex
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
    .then_some(hex)
}

/// Compares a JSON blob (config, manifest) with the digest its key names.
pub fn check_blob(what: &str, key: &str, bytes: &[u8]) -> Option<DigestMismatch> {
    use sha2::{Digest, Sha256};
    let want = key_digest(key)?;
    let got = layer::hex(&Sha256::digest(bytes));
    (got != want).then(|| DigestMismatch {
        what: what.to_string(),
        key: key.to_string(),
        expected: format!("sha256:{want}"),
        actual: format!("sha256:{got}"),
    })
}

/// The hex digest a manifest's config key names (`<hex>.json` in a legacy
/// archive, `blobs/sha256/<hex>` in an OCI layout).
fn config_hex(key: &str) -> &str {
    let name = key.rsplit('/').next().unwrap_or(key);
    name.strip_suffix(".json").unwrap_or(name)
}

/// Picks the images to audit from the manifests.
pub fn select(
    images: Vec<ManifestImage>,
    opts: &ScanOptions,
    what: &str,
) -> Result<Vec<ManifestImage>> {
    // An archive that names no image has nothing to audit: that is an
    // error (exit 2), never an empty, passing audit.
    if images.is_empty() {
        bail!("{what}: the archive's manifests name no image: nothing to audit");
    }
    if opts.all {
        return Ok(images);
    }
    if let Some(r) = &opts.reference {
        let want = normalize_ref(r);
        // An id is matched by a prefix of its hex digest, as the engine
        // matches short ids (at least 4 digits: `--ref 3` is no id).
        let id_prefix = r.trim().trim_start_matches("sha256:").to_ascii_lowercase();
        let by_id = id_prefix.len() >= 4 && id_prefix.bytes().all(|b| b.is_ascii_hexdigit());
        // A tag wins over an id prefix that looks the same, as the engine
        // resolves them.
        let by_tag: Vec<ManifestImage> = images
            .iter()
            .filter(|m| m.tags.iter().any(|t| normalize_ref(t) == want))
            .cloned()
            .collect();
        let hits: Vec<ManifestImage> = if !by_tag.is_empty() || !by_id {
            by_tag
        } else {
            images
                .iter()
                .filter(|m| config_hex(&m.config_key).starts_with(&id_prefix))
                .cloned()
                .collect()
        };
        let ids: std::collections::BTreeSet<&str> =
            hits.iter().map(|m| config_hex(&m.config_key)).collect();
        if ids.len() > 1 {
            bail!(
                "{what}: --ref {r} matches {} images ({}): give more of the id, or a tag",
                ids.len(),
                ids.iter()
                    .map(|h| h.chars().take(12).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
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
    opts: &ScanOptions,
    refetch: &mut Refetch,
) -> Result<ImageFacts> {
    let limits = &opts.limits;
    let mut facts = ImageFacts {
        reference: reference.to_string(),
        repo_tags: m.tags.clone(),
        source: source.to_string(),
        warnings: m.notes.clone(),
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
    if config.is_some() {
        let check = verify_digests(m, config, &layers);
        if !check.mismatches.is_empty() && opts.digest_mismatch == DigestPolicy::Error {
            let list: Vec<String> = check
                .mismatches
                .iter()
                .map(|d| {
                    format!(
                        "{} ({}): expected {}, found {}",
                        d.what, d.key, d.expected, d.actual
                    )
                })
                .collect();
            bail!(
                "image {reference}: digest mismatch: {}: these blobs are not the image's; not audited (--digest-mismatch=finding audits it and reports the mismatch)",
                list.join("; ")
            );
        }
        // A layer not read to its end is not audited whatever the policy:
        // --digest-mismatch=finding accepts blobs that are not the image's,
        // not an image read in part.
        if let Some(d) = check
            .mismatches
            .iter()
            .find(|d| d.actual == NOT_READ_IN_FULL)
        {
            bail!(
                "image {reference}: {} ({}) was not read to its end: not audited",
                d.what,
                d.key
            );
        }
        facts.digests = Some(check);
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
    summarize(&mut facts, &idx, &layers, &m.layer_keys, refetch);
    Ok(facts)
}

/// Two fact files of the same kind (/etc/os-release and
/// /usr/lib/os-release, the two rpm database paths): a link from one to
/// the other needs no second read, the other was read as itself.
fn same_fact(a: &str, b: &str) -> bool {
    layer::FACT_FILES.contains(&b)
        && [
            "/os-release",
            "/rpmdb.sqlite",
            "/rpm/Packages",
            "/rpm/Packages.db",
        ]
        .iter()
        .any(|s| a.ends_with(s) && b.ends_with(s))
}

/// What a digest check says of a layer the reader did not finish.
const NOT_READ_IN_FULL: &str = "not read in full";

/// Compares each layer with the digests naming it: the blob's sha256 with
/// the digest in its key (OCI blobs), the tar's sha256 with the config's
/// `rootfs.diff_ids`; and the config with the digest its key names.
fn verify_digests(m: &ManifestImage, config: Option<&[u8]>, layers: &[&LayerScan]) -> DigestCheck {
    let mut check = DigestCheck {
        compared: 0,
        mismatches: m.mismatches.clone(),
    };
    if let Some(cfg) = config {
        if key_digest(&m.config_key).is_some() {
            check.compared += 1;
            check
                .mismatches
                .extend(check_blob("config", &m.config_key, cfg));
        }
    }
    let diff_ids: Vec<String> = config
        .and_then(|c| serde_json::from_slice::<serde_json::Value>(c).ok())
        .and_then(|v| {
            v["rootfs"]["diff_ids"].as_array().map(|a| {
                a.iter()
                    .map(|d| d.as_str().unwrap_or("").to_string())
                    .collect()
            })
        })
        .unwrap_or_default();
    if diff_ids.len() != layers.len() {
        check.mismatches.push(DigestMismatch {
            what: "config rootfs.diff_ids".to_string(),
            key: m.config_key.clone(),
            expected: format!("{} diff_ids, one per layer", layers.len()),
            actual: format!("{} diff_ids", diff_ids.len()),
        });
    }
    for (i, (key, l)) in m.layer_keys.iter().zip(layers).enumerate() {
        let Some(d) = &l.digests else {
            check.mismatches.push(DigestMismatch {
                what: format!("layer {i}"),
                key: key.clone(),
                expected: "a layer read to its end".to_string(),
                actual: NOT_READ_IN_FULL.to_string(),
            });
            continue;
        };
        if let Some(want) = key_digest(key) {
            check.compared += 1;
            if d.blob != want {
                check.mismatches.push(DigestMismatch {
                    what: format!("layer {i} blob"),
                    key: key.clone(),
                    expected: format!("sha256:{want}"),
                    actual: format!("sha256:{}", d.blob),
                });
            }
        }
        if let Some(want) = diff_ids.get(i) {
            check.compared += 1;
            let got = format!("sha256:{}", d.diff);
            if *want != got {
                check.mismatches.push(DigestMismatch {
                    what: format!("layer {i} diff_id"),
                    key: key.clone(),
                    expected: want.clone(),
                    actual: got,
                });
            }
        }
    }
    check.mismatches.sort();
    check.mismatches.dedup();
    check
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

fn summarize(
    facts: &mut ImageFacts,
    idx: &FileIndex,
    layers: &[&LayerScan],
    keys: &[String],
    refetch: &mut Refetch,
) {
    let mut caches: BTreeMap<(String, &'static str), (u64, u64)> = BTreeMap::new();
    for (path, n) in &idx.nodes {
        facts.file_count += 1;
        if n.kind == Kind::File {
            facts.total_bytes += n.size;
        }
        if matches!(n.kind, Kind::File | Kind::Hardlink) && n.mode & 0o6000 != 0 {
            facts.setuid_files.push(record(path, n));
        }
        // The sticky bit keeps others' files from being removed, not new
        // ones from being added: it excuses a shared data folder
        // (/var/lib/php/sessions), never one of programs or configuration
        // (a file added to /usr/local/bin or /etc/profile.d runs).
        let shared_data = path.starts_with("/var/lib/");
        let ww = n.mode & 0o002 != 0
            && !matches!(n.kind, Kind::Symlink | Kind::Char | Kind::Block)
            && !(n.kind == Kind::Dir && n.mode & 0o1000 != 0 && shared_data);
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
    // Hard links of the final view to a version a later layer replaced or
    // removed: the link keeps that content, so what it gave stands, at the
    // link's path. (target, layer) to the first such link.
    let mut kept_by_link: HashMap<(&str, usize), &str> = HashMap::new();
    for (path, n) in &idx.nodes {
        if let (Kind::Hardlink, Some(target)) = (n.kind, n.link.as_deref()) {
            if !live(target, n.layer) {
                kept_by_link.entry((target, n.layer)).or_insert(path);
            }
        }
    }
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
            // An earlier copy the same layer wrote again is not in the view.
            let (cap, overwritten) = match cap {
                Captured::Overwritten(c) => (&**c, true),
                c => (c, false),
            };
            let here = !overwritten && live(path, li);
            // A secret or a binary's packages kept by a hard link are in the
            // view at the link's path; the facts of a named file (passwd,
            // os-release) are only ever read at their own path.
            let link = (!overwritten && !here)
                .then(|| kept_by_link.get(&(&**path, li)).copied())
                .flatten();
            let kept = here || link.is_some();
            let path: &str = link.unwrap_or(path);
            match cap {
                Captured::Secret { kind, hits } => {
                    let removed_in = if kept {
                        None
                    } else if overwritten {
                        Some(li)
                    } else {
                        Some(idx.removed_in(&lookup, path, li).unwrap_or(li))
                    };
                    secret_files.push(SecretFile {
                        path: path.to_string(),
                        layer: li,
                        removed_in,
                        kind: kind.map(str::to_string),
                        hits: hits.clone(),
                        size: sizes.get(path).copied().unwrap_or(0),
                    });
                }
                Captured::Warning(w) => facts.warnings.push(format!("layer {li}: {w}")),
                // Counted in every layer: a file deleted later is still in
                // its layer's blob.
                Captured::NameOnly => facts.content_unscanned += 1,
                Captured::Packages(p) if kept => {
                    facts.packages.extend(p.iter().cloned().map(|mut p| {
                        p.layer = li;
                        p
                    }))
                }
                Captured::Overwritten(_) | Captured::Superseded => {}
                _ if !here => {}
                Captured::Unread(why) => {
                    // A later entry of the same path in one layer replaces
                    // an earlier one: what the earlier one said is gone.
                    match path {
                        "/etc/passwd" => facts.passwd = None,
                        "/etc/shadow" => facts.shadow = None,
                        _ => {}
                    }
                    facts.unread.push(UnreadFile {
                        path: path.to_string(),
                        reason: format!("{why} (layer {li})"),
                    })
                }
                Captured::Passwd(t) => facts.passwd = Some(packages::parse_passwd(t)),
                Captured::Shadow(t) => facts.shadow = Some(packages::parse_shadow(t)),
                Captured::Group(_) => {}
                Captured::OsRelease(o) => {
                    if path == "/etc/os-release" {
                        facts.os_release = Some(o.clone());
                    } else {
                        os_release_usr = Some(o.clone());
                    }
                }
                Captured::Packages(_) => {}
            }
        }
    }
    // A fact file may be a symlink, or lie under a symlinked directory:
    // it is resolved inside the image (never on the host) and the file it
    // leads to is read again from its layer, as the path it stands for.
    let mut wanted: BTreeMap<usize, Vec<(String, String)>> = BTreeMap::new();
    for f in layer::FACT_FILES {
        match idx.resolve_path(f) {
            Ok(None) => {}
            Ok(Some((real, _))) if real == *f || same_fact(f, &real) => {}
            Ok(Some((real, n))) if matches!(n.kind, Kind::File) => {
                wanted
                    .entry(n.layer)
                    .or_default()
                    .push((real, f.to_string()));
            }
            Ok(Some((real, n))) => facts.unread.push(UnreadFile {
                path: f.to_string(),
                reason: format!(
                    "it leads to {real}, a {} (layer {})",
                    n.kind.as_str(),
                    n.layer
                ),
            }),
            Err(e) => facts.unread.push(UnreadFile {
                path: f.to_string(),
                reason: e,
            }),
        }
    }
    for (li, want) in wanted {
        let key = keys.get(li).map(String::as_str).unwrap_or("");
        match refetch(key, &want) {
            Ok(caps) => {
                for (path, cap) in caps {
                    let real = want
                        .iter()
                        .find(|(_, f)| **f == *path)
                        .map(|(r, _)| r.as_str())
                        .unwrap_or("");
                    match cap {
                        Captured::Passwd(t) => facts.passwd = Some(packages::parse_passwd(&t)),
                        Captured::Shadow(t) => facts.shadow = Some(packages::parse_shadow(&t)),
                        Captured::OsRelease(mut o) => {
                            o.path = real.to_string();
                            if &*path == "/etc/os-release" || facts.os_release.is_none() {
                                facts.os_release = Some(o);
                            }
                        }
                        Captured::Packages(p) => {
                            facts.packages.extend(p.into_iter().map(|mut p| {
                                p.layer = li;
                                p.location = real.to_string();
                                p
                            }))
                        }
                        Captured::Unread(why) => facts.unread.push(UnreadFile {
                            path: path.to_string(),
                            reason: format!("it leads to {real} (layer {li}): {why}"),
                        }),
                        _ => {}
                    }
                }
            }
            Err(e) => {
                for (real, f) in &want {
                    facts.unread.push(UnreadFile {
                        path: f.clone(),
                        reason: format!("it leads to {real} (layer {li}), which was not read: {e}"),
                    });
                }
            }
        }
    }
    if facts.os_release.is_none() {
        facts.os_release = os_release_usr;
    }
    facts.unread.sort();
    facts.unread.dedup();
    secret_files.sort();
    secret_files.dedup();
    facts.secret_files = secret_files;
    facts.packages.sort();
    facts.packages.dedup();
    facts.setuid_files.sort();
    facts.world_writable.sort();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref_prefers_a_tag_and_names_ambiguous_ids_without_panicking() {
        let img = |tag: Option<&str>, cfg: &str| ManifestImage {
            tags: tag.map(|t| vec![t.to_string()]).unwrap_or_default(),
            config_key: format!("blobs/sha256/{cfg}"),
            ..Default::default()
        };
        let images = vec![
            img(Some("cafe:latest"), "1111aaaa"),
            img(None, "cafe2222"),
            img(None, "cafe333\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"),
        ];
        let by = |r: &str| {
            let o = ScanOptions {
                reference: Some(r.into()),
                ..Default::default()
            };
            select(images.clone(), &o, "x.tar")
        };
        // The tag wins over two ids starting with the same letters.
        let hits = by("cafe").unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].tags, ["cafe:latest"]);
        assert_eq!(by("cafe2").unwrap()[0].config_key, "blobs/sha256/cafe2222");
        // Two ids under one prefix (one not ASCII past 8 bytes): an error
        // naming them, never a panic.
        let e = by("sha256:cafe").unwrap_err().to_string();
        assert!(e.contains("matches 2 images"), "{e}");
    }
}
