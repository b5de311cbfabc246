//! Image sources: a `docker save` tar read as one sequential stream (file,
//! gzip-compressed file or the engine's export stream), an OCI layout or
//! extracted archive directory, and a plain rootfs directory. Small JSON
//! entries are spooled in memory; layer blobs are scanned as they stream by,
//! keyed by their path, and ordered once the manifests are known.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use futures_util::StreamExt;

use super::layer::{self, Entry, Kind, LayerScan, Pipeline};
use super::{assemble, select, Limits, ManifestImage, ScanOptions};
use crate::collect::endpoint::{error_chain, human, Endpoint};
use crate::collect::registry::{choose_platforms, Platform};
use crate::facts::image::ImageFacts;

fn progress_bar(opts: &ScanOptions, len: Option<u64>) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !opts.progress || !io::stderr().is_terminal() {
        return None;
    }
    let pb = match len {
        Some(n) => indicatif::ProgressBar::new(n).with_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} reading layers {bytes}/{total_bytes} ({bytes_per_sec}, {eta}) {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} reading layers {bytes} ({bytes_per_sec}) {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    Some(pb)
}

/// Audits a path: an archive file, an OCI layout or extracted archive
/// directory, or a rootfs directory.
pub fn scan_path(path: &Path, opts: &ScanOptions) -> Result<Vec<ImageFacts>> {
    let what = path.display().to_string();
    let meta = fs::metadata(path).with_context(|| format!("reading {what}"))?;
    if meta.is_dir() {
        if path.join("index.json").is_file() || path.join("manifest.json").is_file() {
            return scan_layout_dir(path, opts);
        }
        return Ok(vec![scan_rootfs(path, opts)?]);
    }
    let pb = progress_bar(opts, Some(meta.len()));
    let open = || -> Result<Box<dyn Read>> {
        // A regular file only, opened without blocking: a FIFO or device
        // named as an archive would never end or never answer.
        let file = crate::collect::files::open_regular(path).map_err(|e| anyhow!("{what} {e}"))?;
        let mut input = BufReader::with_capacity(1 << 20, file);
        let head = input
            .fill_buf()
            .with_context(|| format!("reading {what}"))?
            .to_vec();
        Ok(match layer::sniff(&head) {
            "gzip" => Box::new(flate2::read::MultiGzDecoder::new(input)),
            "zstd" => {
                Box::new(zstd::stream::read::Decoder::with_buffer(input).context("zstd archive")?)
            }
            _ => Box::new(input),
        })
    };
    // The archive can be read again for a file behind a symlink.
    let res = scan_stream_with(
        open()?,
        &what,
        "docker-archive",
        opts,
        pb.clone(),
        Some(&open),
    );
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    res
}

fn is_json(head: &[u8]) -> bool {
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[')
}

fn clean_key(p: &str) -> String {
    crate::parse::path_segments(p).join("/")
}

/// Reads a `docker save` tar (legacy or OCI layout) as one stream. Files
/// behind symlinks that facts come from cannot be read again from a
/// stream: they are reported unread.
pub fn scan_stream(
    reader: impl Read,
    what: &str,
    source: &str,
    opts: &ScanOptions,
    pb: Option<indicatif::ProgressBar>,
) -> Result<Vec<ImageFacts>> {
    scan_stream_with(reader, what, source, opts, pb, None)
}

/// One layer blob of a `docker save` tar read again from the start.
fn reread_layer(
    reader: impl Read,
    key: &str,
    links: &HashMap<String, String>,
    want: &[(String, String)],
    limits: &Limits,
) -> Result<Vec<(Box<str>, layer::Captured)>, String> {
    let mut ar = tar::Archive::new(reader);
    for entry in ar.entries().map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = clean_key(&String::from_utf8_lossy(&entry.path_bytes()));
        let path = links.get(&path).cloned().unwrap_or(path);
        if path == key && entry.header().entry_type().is_file() {
            return layer::read_files(entry, want, limits);
        }
    }
    Err(format!(
        "layer {key} not found when the archive was read again"
    ))
}

/// `scan_stream`, with a way to open the archive again for the files
/// behind symlinks.
pub fn scan_stream_with(
    reader: impl Read,
    what: &str,
    source: &str,
    opts: &ScanOptions,
    pb: Option<indicatif::ProgressBar>,
    reopen: Option<&dyn Fn() -> Result<Box<dyn Read>>>,
) -> Result<Vec<ImageFacts>> {
    let limits = &opts.limits;
    let mut ar = tar::Archive::new(reader);
    let mut json: HashMap<String, Vec<u8>> = HashMap::new();
    // JSON entries over the bound: named as too large, not as missing.
    let mut oversized: HashMap<String, u64> = HashMap::new();
    let mut links: HashMap<String, String> = HashMap::new();
    let mut pipeline = Pipeline::new(limits.clone());
    pipeline.progress = pb.clone();
    let mut layer_count = 0usize;
    let mut outer_err: Option<anyhow::Error> = None;
    let entries = ar
        .entries()
        .with_context(|| format!("{what}: not a tar archive"))?;
    let mut last = String::from("(start)");
    for entry in entries {
        let mut entry = match entry {
            Ok(e) => e,
            Err(e) => {
                outer_err = Some(anyhow!("{what}: archive entry after {last}: {e}"));
                break;
            }
        };
        let path = clean_key(&String::from_utf8_lossy(&entry.path_bytes()));
        last = path.clone();
        let et = entry.header().entry_type();
        if et.is_symlink() {
            if let Ok(Some(t)) = entry.link_name() {
                let dir = path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                links.insert(path.clone(), clean_key(&format!("{dir}/{}", t.display())));
            }
            continue;
        }
        if !matches!(et, tar::EntryType::Regular | tar::EntryType::Continuous) {
            continue;
        }
        let size = entry.size();
        let mut head = Vec::with_capacity(512);
        if let Err(e) = (&mut entry).take(512).read_to_end(&mut head) {
            outer_err = Some(anyhow!("{what}: reading archive entry {path}: {e}"));
            break;
        }
        if is_json(&head) && size <= limits.json_bytes {
            let mut rest = head;
            if let Err(e) = entry.read_to_end(&mut rest) {
                outer_err = Some(anyhow!("{what}: reading archive entry {path}: {e}"));
                break;
            }
            json.insert(path, rest);
            continue;
        }
        if is_json(&head) {
            oversized.insert(path.clone(), size);
        }
        let layer_like = path.ends_with("layer.tar") || path.starts_with("blobs/");
        if !layer_like {
            continue;
        }
        layer_count += 1;
        if let Some(pb) = &pb {
            pb.set_message(format!("{layer_count} layer(s) started"));
        }
        pipeline.feed(&path, io::Cursor::new(head).chain(&mut entry));
    }
    let scans = pipeline.finish();
    if let Some(pb) = &pb {
        pb.set_message(format!("{layer_count} layer(s) read"));
    }
    let mut ok: HashMap<String, LayerScan> = HashMap::new();
    let mut failed: HashMap<String, String> = HashMap::new();
    for (k, r) in scans {
        match r {
            Ok(s) => {
                ok.insert(k, s);
            }
            Err(e) => {
                failed.insert(k, e);
            }
        }
    }
    let get = |k: &str| -> Option<Vec<u8>> {
        let k = clean_key(k);
        let k = links.get(&k).cloned().unwrap_or(k);
        json.get(&k).cloned()
    };
    let absent = |k: &str| -> String {
        let c = clean_key(k);
        let c = links.get(&c).cloned().unwrap_or(c);
        match oversized.get(&c) {
            Some(size) => too_large(size, limits),
            None => "which the archive lacks".to_string(),
        }
    };
    let manifests = match read_manifests(&get, &absent, what, opts) {
        Ok(m) => m,
        Err(e) => {
            // A truncated archive loses its manifest: say so first.
            if let Some(o) = outer_err {
                return Err(o);
            }
            return Err(e);
        }
    };
    let chosen = select(manifests, opts, what)?;
    let mut out = Vec::new();
    for mut m in chosen {
        for k in &mut m.layer_keys {
            let c = clean_key(k);
            *k = links.get(&c).cloned().unwrap_or(c);
        }
        let name = m.tags.first().cloned().unwrap_or_else(|| what.to_string());
        for (i, k) in m.layer_keys.iter().enumerate() {
            if let Some(e) = failed.get(k) {
                bail!("image {name}: layer {i} ({k}): {e}");
            }
            if !ok.contains_key(k) {
                if let Some(o) = &outer_err {
                    bail!("image {name}: layer {i} ({k}) unreadable: {o}");
                }
                bail!("image {name}: the manifest names layer {i} ({k}), which the archive lacks");
            }
        }
        let cfg = config_blob(&m, &name, &get, &absent)?;
        let src = if json.contains_key("index.json") {
            "oci-archive"
        } else {
            source
        };
        let mut refetch = |key: &str, want: &[(String, String)]| match reopen {
            None => Err("the image was read once, as a stream".to_string()),
            Some(open) => {
                let r = open().map_err(|e| format!("{e:#}"))?;
                reread_layer(r, key, &links, want, limits)
            }
        };
        out.push(assemble(
            &name,
            src,
            &m,
            Some(&cfg),
            &ok,
            opts,
            &mut refetch,
        )?);
    }
    if let Some(o) = outer_err {
        bail!("{o}");
    }
    Ok(out)
}

/// A reason from `files::open_regular` (or [`too_large`]) as a clause
/// following a file's name: "which is not a regular file ...".
fn which(e: String) -> String {
    if e.starts_with("which ") {
        return e;
    }
    match e.strip_prefix("cannot read: ") {
        Some(rest) => format!("which cannot be read: {rest}"),
        None => format!("which {e}"),
    }
}

/// Why a JSON document of `size` bytes was not read.
fn too_large(size: &u64, limits: &Limits) -> String {
    format!(
        "which is too large: {size} bytes, over the {} bytes an image JSON document may have: not read",
        limits.json_bytes
    )
}

fn blob_key(digest: &str) -> String {
    let (alg, hex) = digest.split_once(':').unwrap_or(("sha256", digest));
    format!("blobs/{alg}/{hex}")
}

/// The images named by manifest.json (docker save, both layouts) or, when
/// absent, by index.json (OCI layout).
/// `absent(key)` says why a document `get` did not give is not there.
/// The config blob an image's manifest names, or an error naming the image
/// and why the blob cannot be had (missing, over the bound).
fn config_blob(
    m: &ManifestImage,
    name: &str,
    get: &dyn Fn(&str) -> Option<Vec<u8>>,
    absent: &dyn Fn(&str) -> String,
) -> Result<Vec<u8>> {
    get(&m.config_key).ok_or_else(|| {
        anyhow!(
            "image {name}: the manifest names config {}, {}",
            m.config_key,
            absent(&m.config_key)
        )
    })
}

pub fn read_manifests(
    get: &dyn Fn(&str) -> Option<Vec<u8>>,
    absent: &dyn Fn(&str) -> String,
    what: &str,
    opts: &ScanOptions,
) -> Result<Vec<ManifestImage>> {
    for k in ["manifest.json", "index.json"] {
        let why = absent(k);
        if why.contains("too large") {
            bail!("{what}: {k}, {why}");
        }
    }
    if let Some(mj) = get("manifest.json") {
        let v: serde_json::Value = serde_json::from_slice(&mj)
            .with_context(|| format!("{what}: manifest.json is not JSON"))?;
        let arr = v
            .as_array()
            .ok_or_else(|| anyhow!("{what}: manifest.json is not a list"))?;
        let mut out = Vec::new();
        for (i, m) in arr.iter().enumerate() {
            let config = m["Config"]
                .as_str()
                .ok_or_else(|| anyhow!("{what}: manifest.json entry {i} without Config"))?;
            // A layer list of the wrong type would leave the image with no
            // layers, audited as empty: refused instead.
            let layer_keys = strings(&m["Layers"]).ok_or_else(|| {
                anyhow!("{what}: manifest.json entry {i}: `Layers` is not a list of paths")
            })?;
            out.push(ManifestImage {
                tags: m["RepoTags"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|t| t.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                config_key: config.to_string(),
                layer_keys,
                ..Default::default()
            });
        }
        return Ok(out);
    }
    let Some(ij) = get("index.json") else {
        bail!("{what}: not an image archive (neither manifest.json nor index.json)");
    };
    let index: serde_json::Value =
        serde_json::from_slice(&ij).with_context(|| format!("{what}: index.json is not JSON"))?;
    let mut out = Vec::new();
    let want = opts.platform.clone().unwrap_or_else(Platform::host);
    let ix = Index {
        get,
        absent,
        what,
        want: &want,
        asked: opts.platform.is_some(),
        all: opts.all,
    };
    follow_index(&ix, &index, 0, &mut out)?;
    Ok(out)
}

/// Every item of a JSON list as a string; None when the value is not a
/// list or an item is not a string.
fn strings(v: &serde_json::Value) -> Option<Vec<String>> {
    v.as_array()?
        .iter()
        .map(|t| t.as_str().map(str::to_string))
        .collect()
}

/// How an OCI index is read: blobs by key, why one is absent, the archive
/// named in errors, and the platform to keep of a multi-platform index
/// (every one with `all`).
struct Index<'a> {
    get: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    absent: &'a dyn Fn(&str) -> String,
    what: &'a str,
    want: &'a Platform,
    /// `want` was given (--platform), not this machine's default.
    asked: bool,
    all: bool,
}

/// Follows the platform `ix` asks for of a multi-platform `index` (every
/// one with `all`), saying the choice in each image's notes; `each` adds
/// what the caller knows to each image read.
fn follow_platform(
    ix: &Index,
    index: &serde_json::Value,
    name: &str,
    depth: usize,
    out: &mut Vec<ManifestImage>,
    each: impl Fn(&mut ManifestImage),
) -> Result<()> {
    let chosen = choose_platforms(index, ix.want, ix.all, !ix.asked, name)
        .map_err(|e| anyhow!("{}: {e}", ix.what))?;
    let keep: Vec<&str> = chosen.iter().map(|(d, _)| d.as_str()).collect();
    let mut only = index.clone();
    if let Some(list) = only["manifests"].as_array_mut() {
        list.retain(|d| d["digest"].as_str().is_some_and(|x| keep.contains(&x)));
    }
    let before = out.len();
    follow_index(ix, &only, depth + 1, out)?;
    for (k, m) in out[before..].iter_mut().enumerate() {
        each(m);
        // In index order, as `chosen`.
        if let Some((_, Some(note))) = chosen.get(k) {
            m.notes.push(note.clone());
        }
    }
    Ok(())
}

fn follow_index(
    ix: &Index,
    index: &serde_json::Value,
    depth: usize,
    out: &mut Vec<ManifestImage>,
) -> Result<()> {
    let (get, absent, what) = (ix.get, ix.absent, ix.what);
    if depth > 4 {
        bail!("{what}: image indexes nested too deep");
    }
    let name = if depth == 0 {
        "index.json"
    } else {
        "nested image index"
    };
    let Some(list) = index["manifests"].as_array() else {
        bail!("{what}: {name}: `manifests` is missing or not a list");
    };
    // index.json itself listing the platforms of one image (an OCI layout
    // written by other tools): the platform is chosen there, as in a
    // nested index, and the choice said.
    let images: Vec<&serde_json::Value> = list
        .iter()
        .filter(|d| {
            d["annotations"]["vnd.docker.reference.type"].as_str() != Some("attestation-manifest")
                && d["platform"]["architecture"].as_str() != Some("unknown")
        })
        .collect();
    let platforms: std::collections::BTreeSet<String> = images
        .iter()
        .filter_map(|d| {
            Some(format!(
                "{}/{}/{}",
                d["platform"]["os"].as_str()?,
                d["platform"]["architecture"].as_str()?,
                d["platform"]["variant"].as_str().unwrap_or("")
            ))
        })
        .collect();
    // ... of one image: entries naming different images are images.
    let names: std::collections::BTreeSet<&str> = images
        .iter()
        .filter_map(|d| {
            let a = &d["annotations"];
            a["io.containerd.image.name"]
                .as_str()
                .or_else(|| a["org.opencontainers.image.ref.name"].as_str())
        })
        .collect();
    if depth == 0
        && platforms.len() > 1
        && names.len() <= 1
        && images.iter().all(|d| d["platform"].is_object())
    {
        return follow_platform(ix, index, "index.json", depth, out, |_| {});
    }
    for d in list {
        let ann = &d["annotations"];
        if ann["vnd.docker.reference.type"].as_str() == Some("attestation-manifest") {
            continue;
        }
        if d["platform"]["architecture"].as_str() == Some("unknown") {
            continue;
        }
        let digest = d["digest"]
            .as_str()
            .ok_or_else(|| anyhow!("{what}: {name}: an entry without a digest string"))?;
        let key = blob_key(digest);
        let blob = get(&key).ok_or_else(|| {
            anyhow!(
                "{what}: the index names blob {digest}, {}",
                absent(&key).replace("which the archive lacks", "which is missing")
            )
        })?;
        let v: serde_json::Value = serde_json::from_slice(&blob)
            .with_context(|| format!("{what}: blob {digest} is not JSON"))?;
        let mismatch = super::check_blob(
            if v["manifests"].is_array() {
                "image index"
            } else {
                "manifest"
            },
            &key,
            &blob,
        );
        if v["manifests"].is_array() {
            // A multi-platform index: the platform asked for (linux and
            // this machine's architecture unless --platform says), or
            // every one with --all; the choice is said in the image's
            // warnings, never made in silence.
            follow_platform(ix, &v, &format!("image index {digest}"), depth, out, |m| {
                m.mismatches.extend(mismatch.clone());
                if let Some(name) = ann["io.containerd.image.name"].as_str() {
                    m.tags.push(name.to_string());
                }
            })?;
            continue;
        }
        let config = v["config"]["digest"]
            .as_str()
            .ok_or_else(|| anyhow!("{what}: manifest {digest} without config"))?;
        let mut tags = Vec::new();
        if let Some(name) = ann["io.containerd.image.name"].as_str() {
            tags.push(name.to_string());
        } else if let Some(r) = ann["org.opencontainers.image.ref.name"].as_str() {
            tags.push(r.to_string());
        }
        let layers = v["layers"]
            .as_array()
            .and_then(|a| {
                a.iter()
                    .map(|l| l["digest"].as_str().map(str::to_string))
                    .collect::<Option<Vec<String>>>()
            })
            .ok_or_else(|| {
                anyhow!(
                    "{what}: manifest {digest}: `layers` is not a list of descriptors with digests"
                )
            })?;
        out.push(ManifestImage {
            tags,
            config_key: blob_key(config),
            layer_keys: layers.iter().map(|d| blob_key(d)).collect(),
            mismatches: mismatch.into_iter().collect(),
            notes: Vec::new(),
        });
    }
    Ok(())
}

/// An OCI layout directory or an extracted `docker save` directory.
pub fn scan_layout_dir(dir: &Path, opts: &ScanOptions) -> Result<Vec<ImageFacts>> {
    let what = dir.display().to_string();
    let limits = &opts.limits;
    // Regular files within the JSON bound, read through the bound (a size
    // is not trusted); what is not read says why.
    let read = |k: &str| -> Result<Vec<u8>, String> {
        let p = dir.join(clean_key(k));
        let f = crate::collect::files::open_regular(&p)?;
        let mut buf = Vec::new();
        f.take(limits.json_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read: {e}"))?;
        if buf.len() as u64 > limits.json_bytes {
            let size = fs::metadata(&p).map_or(buf.len() as u64, |m| m.len());
            return Err(too_large(&size, limits));
        }
        Ok(buf)
    };
    let get = |k: &str| read(k).ok();
    let absent = |k: &str| match read(k) {
        Err(e) if e.starts_with("cannot read: No such file") => "which is missing".to_string(),
        Err(e) => which(e),
        Ok(_) => "which is missing".to_string(),
    };
    let manifests = read_manifests(&get, &absent, &what, opts)?;
    let chosen = select(manifests, opts, &what)?;
    let total: u64 = chosen
        .iter()
        .flat_map(|m| m.layer_keys.iter())
        .filter_map(|k| fs::metadata(dir.join(clean_key(k))).ok())
        .map(|m| m.len())
        .sum();
    let pb = progress_bar(opts, Some(total));
    let mut pipeline = Pipeline::new(limits.clone());
    pipeline.progress = pb.clone();
    let mut fed = std::collections::HashSet::new();
    for m in &chosen {
        for k in &m.layer_keys {
            let key = clean_key(k);
            if !fed.insert(key.clone()) {
                continue;
            }
            let p = dir.join(&key);
            // A FIFO or device named as a layer blob is refused, not waited on.
            match crate::collect::files::open_regular(&p) {
                Ok(f) => pipeline.feed(&key, f),
                Err(e) => bail!("{what}: the manifest names layer {key}, {}", which(e)),
            }
        }
    }
    let mut ok = HashMap::new();
    for (k, r) in pipeline.finish() {
        match r {
            Ok(s) => {
                ok.insert(k, s);
            }
            Err(e) => bail!("{what}: layer {k}: {e}"),
        }
    }
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    let source = if dir.join("index.json").is_file() {
        "oci-layout"
    } else {
        "docker-archive"
    };
    let mut out = Vec::new();
    for mut m in chosen {
        m.layer_keys = m.layer_keys.iter().map(|k| clean_key(k)).collect();
        let name = m.tags.first().cloned().unwrap_or_else(|| what.clone());
        let cfg = config_blob(&m, &name, &get, &absent)?;
        let mut refetch = |key: &str, want: &[(String, String)]| {
            let p = dir.join(clean_key(key));
            let f = crate::collect::files::open_regular(&p)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            layer::read_files(f, want, limits)
        };
        out.push(assemble(
            &name,
            source,
            &m,
            Some(&cfg),
            &ok,
            opts,
            &mut refetch,
        )?);
    }
    Ok(out)
}

/// A plain root filesystem directory: one layer, no config. Symlinks are
/// recorded, never followed.
pub fn scan_rootfs(root: &Path, opts: &ScanOptions) -> Result<ImageFacts> {
    let what = root.display().to_string();
    let scan =
        scan_dir_as_layer(root, &opts.limits).with_context(|| format!("reading rootfs {what}"))?;
    let m = ManifestImage {
        layer_keys: vec!["rootfs".to_string()],
        ..Default::default()
    };
    let mut scans = HashMap::new();
    scans.insert("rootfs".to_string(), scan);
    let mut refetch =
        |_: &str, want: &[(String, String)]| read_rootfs_files(root, want, &opts.limits);
    assemble(&what, "rootfs", &m, None, &scans, opts, &mut refetch)
}

/// Files of a rootfs directory, by their resolved path in the rootfs:
/// every component is checked to be no symlink on the disk (the path was
/// resolved inside the rootfs already), and only regular files are read.
fn read_rootfs_files(
    root: &Path,
    want: &[(String, String)],
    limits: &Limits,
) -> Result<Vec<(Box<str>, layer::Captured)>, String> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for (real, stands_for) in want {
        let mut p = root.to_path_buf();
        for c in real.split('/').filter(|c| !c.is_empty()) {
            p.push(c);
            let meta = fs::symlink_metadata(&p).map_err(|e| format!("{real}: {e}"))?;
            if meta.file_type().is_symlink() {
                return Err(format!("{real}: a symlink on the disk"));
            }
        }
        let meta = fs::symlink_metadata(&p).map_err(|e| format!("{real}: {e}"))?;
        if !meta.is_file() {
            return Err(format!("{real}: not a regular file"));
        }
        let f = crate::collect::files::open_regular_no_follow(&p)
            .map_err(|e| format!("{real}: {e}"))?;
        let len = f.metadata().map_err(|e| format!("{real}: {e}"))?.len();
        let mut caps = Vec::new();
        layer::analyze(
            stands_for,
            len,
            &mut f.take(len),
            &mut buf,
            limits,
            &mut caps,
        )
        .map_err(|e| format!("{real}: {e}"))?;
        out.extend(caps);
    }
    Ok(out)
}

fn scan_dir_as_layer(root: &Path, limits: &Limits) -> Result<LayerScan> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let mut scan = LayerScan {
        compression: "none",
        ..Default::default()
    };
    let mut buf = Vec::new();
    let root_dev = fs::metadata(root)
        .with_context(|| format!("reading {}", root.display()))?
        .dev();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        // An entry that cannot be read stops the audit, as a folder that
        // cannot be listed does: never a file left out in silence.
        let mut names: Vec<_> = fs::read_dir(&dir)
            .with_context(|| format!("listing {}", dir.display()))?
            .collect::<std::io::Result<_>>()
            .with_context(|| format!("listing {}", dir.display()))?;
        names.sort_by_key(|e| e.file_name());
        for e in names {
            let name = layer::path_text(std::os::unix::ffi::OsStrExt::as_bytes(
                e.file_name().as_os_str(),
            ));
            let path = format!("{rel}/{name}");
            let meta = fs::symlink_metadata(e.path())?;
            let ft = meta.file_type();
            if scan.entries.len() as u64 >= limits.max_entries {
                bail!(
                    "{path}: more than {} entries (--max-entries)",
                    limits.max_entries
                );
            }
            let kind = if ft.is_dir() {
                Kind::Dir
            } else if ft.is_symlink() {
                Kind::Symlink
            } else if ft.is_file() {
                Kind::File
            } else if ft.is_char_device() {
                Kind::Char
            } else if ft.is_block_device() {
                Kind::Block
            } else {
                Kind::Fifo
            };
            let link = if kind == Kind::Symlink {
                fs::read_link(e.path()).ok().map(|l| {
                    layer::path_text(std::os::unix::ffi::OsStrExt::as_bytes(l.as_os_str()))
                        .into_boxed_str()
                })
            } else {
                None
            };
            if kind == Kind::File {
                // Read no further than the size listed (a file that grows
                // while it is read, or one of a pseudo filesystem).
                match crate::collect::files::open_regular_no_follow(&e.path()) {
                    Ok(f) => layer::analyze(
                        &path,
                        meta.len(),
                        &mut f.take(meta.len()),
                        &mut buf,
                        limits,
                        &mut scan.captures,
                    )
                    .with_context(|| format!("reading {path}"))?,
                    Err(err) => layer::not_opened(&path, &err, &mut scan.captures),
                }
            }
            scan.entries.push(Entry {
                path: path.clone().into_boxed_str(),
                kind,
                mode: meta.mode() & 0o7777,
                uid: meta.uid() as u64,
                gid: meta.gid() as u64,
                size: if kind == Kind::File { meta.len() } else { 0 },
                link,
                whiteout: None,
            });
            if kind == Kind::Dir {
                // Another filesystem mounted in the folder (/proc, /sys
                // when the folder is a host's root) is not the image's.
                if meta.dev() != root_dev {
                    scan.captures.push((
                        path.clone().into_boxed_str(),
                        layer::Captured::Warning(format!(
                            "{path}: another filesystem is mounted here: its files are not read"
                        )),
                    ));
                } else {
                    stack.push((e.path(), path));
                }
            }
        }
    }
    Ok(scan)
}

/// Audits an image on the engine: GET /images/{name}/get streamed through
/// the layer pipeline, never written to disk. The engine is reached through
/// the one engine connection (`collect::endpoint`: --host / DOCKER_HOST,
/// TLS, version negotiation); the export is bounded by
/// `opts.export_idle_timeout` (the engine sends nothing for that long) and
/// `opts.export_timeout` (the whole export, reading included).
pub fn scan_engine(
    reference: &str,
    docker_host: Option<&str>,
    opts: &ScanOptions,
) -> Result<Vec<ImageFacts>> {
    let ep = Endpoint::resolve(docker_host);
    let (reader, fetcher) = export(&ep, reference, opts);
    // A fact file behind a symlink (/etc/os-release -> ../usr/lib/os-release)
    // may lie in a layer already streamed by: the image is exported again
    // for it, within the same bounds. That export's own failure reaches
    // the reader as an error and the file is reported unread with it.
    let reopen = || -> Result<Box<dyn Read>> {
        let (again, _fetcher) = export(&ep, reference, opts);
        Ok(Box::new(again))
    };
    let pb = progress_bar(opts, None);
    let mut o = opts.clone();
    if o.reference.is_none() && !o.all {
        o.all = true; // the export holds only the named image
    }
    let what = format!("engine image {reference}");
    let res = scan_stream_with(reader, &what, "engine", &o, pb.clone(), Some(&reopen));
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    if let Ok(Some(e)) = fetcher.join() {
        return Err(anyhow!(e));
    }
    let mut res = res?;
    for f in &mut res {
        f.source = "engine".to_string();
        if f.reference.is_empty() || f.repo_tags.is_empty() {
            f.reference = reference.to_string();
        }
    }
    Ok(res)
}

/// One export of `reference` (GET /images/{name}/get), fetched on a thread
/// of its own: the stream to read, and the fetcher, whose own error
/// (engine unreachable, stalled, failed) wins over whatever the tar reader
/// made of the truncated stream. A reader dropped early ends the fetcher.
fn export(
    ep: &Endpoint,
    reference: &str,
    opts: &ScanOptions,
) -> (
    bytes_chunk::ChunkReader,
    std::thread::JoinHandle<Option<String>>,
) {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<bytes_chunk::Chunk, String>>(16);
    let name = reference.to_string();
    let (idle, total) = (opts.export_idle_timeout, opts.export_timeout);
    let request_timeout = opts.request_timeout;
    let fetch_ep = ep.clone();
    let fetcher = std::thread::spawn(move || -> Option<String> {
        let fail = |tx: &std::sync::mpsc::SyncSender<_>, msg: String| {
            let _ = tx.send(Err(msg.clone()));
            Some(msg)
        };
        let rt = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => return fail(&tx, format!("starting the async runtime: {e}")),
        };
        rt.block_on(async move {
            let docker = match fetch_ep.connect_negotiated(request_timeout).await {
                Ok(d) => d,
                Err(cause) => return fail(&tx, fetch_ep.unreachable(cause).to_string()),
            };
            let what = format!("engine export of image {name} from {}", fetch_ep.redacted);
            let deadline = tokio::time::Instant::now() + total;
            let mut stream = std::pin::pin!(docker.export_image(&name));
            loop {
                let left = deadline.saturating_duration_since(tokio::time::Instant::now());
                let wait = idle.min(left);
                let item = match tokio::time::timeout(wait, stream.next()).await {
                    Ok(item) => item,
                    Err(_) if wait < idle => {
                        return fail(
                            &tx,
                            format!(
                                "{what}: not finished after {} (--export-timeout)",
                                human(total)
                            ),
                        )
                    }
                    Err(_) => {
                        return fail(
                            &tx,
                            format!(
                                "{what}: the engine sent nothing for {} (--export-idle-timeout)",
                                human(idle)
                            ),
                        )
                    }
                };
                match item {
                    None => return None,
                    Some(Err(e)) => return fail(&tx, format!("{what}: {}", error_chain(&e))),
                    Some(Ok(b)) => {
                        if tx.send(Ok(b.to_vec())).is_err() {
                            return None; // the reader stopped: its error is reported
                        }
                    }
                }
            }
        })
    });
    (bytes_chunk::ChunkReader::new(rx), fetcher)
}

/// What a scan of the engine's images gave: the images read, and the ones
/// that could not be read (image id -> why).
pub type EngineScan = (
    crate::facts::Source<Vec<ImageFacts>>,
    std::collections::BTreeMap<String, String>,
);

/// Reads every image on the engine (one export each). An image that cannot
/// be read is listed with why (its layer rules are then not judged); the
/// engine unreachable makes the source unavailable.
pub fn scan_engine_images(docker_host: Option<&str>, opts: &ScanOptions) -> EngineScan {
    use crate::facts::Source;
    let ep = Endpoint::resolve(docker_host);
    let timeout = opts.request_timeout;
    let listed = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the async runtime: {e}"))
        .and_then(|rt| {
            rt.block_on(async {
                let d = ep
                    .connect_negotiated(timeout)
                    .await
                    .map_err(|c| ep.unreachable(c).to_string())?;
                let list = d.list_images(None::<bollard::query_parameters::ListImagesOptions>);
                match tokio::time::timeout(timeout, list).await {
                    Err(_) => Err(format!(
                        "GET /images/json: timed out after {}",
                        human(timeout)
                    )),
                    Ok(r) => r.map_err(|e| format!("GET /images/json: {}", error_chain(&e))),
                }
            })
        });
    let list = match listed {
        Ok(l) => l,
        Err(e) => {
            return (
                Source::unavailable(format!("listing engine images: {e}")),
                Default::default(),
            )
        }
    };
    let mut out = Vec::new();
    let mut failed = std::collections::BTreeMap::new();
    for img in list {
        let name = img
            .repo_tags
            .iter()
            .find(|t| *t != "<none>:<none>")
            .cloned()
            .unwrap_or_else(|| img.id.clone());
        match scan_engine(&name, docker_host, opts) {
            Ok(mut v) => {
                for f in &mut v {
                    if f.repo_tags.is_empty() {
                        f.repo_tags = img.repo_tags.clone();
                    }
                }
                out.extend(v)
            }
            Err(e) => {
                failed.insert(img.id.clone(), format!("image {name}: not read: {e:#}"));
            }
        }
    }
    (Source::Present(out), failed)
}

mod bytes_chunk {
    use std::io::{self, Read};
    use std::sync::mpsc::Receiver;

    pub type Chunk = Vec<u8>;

    /// Read over chunks of the export stream.
    pub struct ChunkReader {
        rx: Receiver<Result<Chunk, String>>,
        cur: Chunk,
        pos: usize,
    }

    impl ChunkReader {
        pub fn new(rx: Receiver<Result<Chunk, String>>) -> Self {
            ChunkReader {
                rx,
                cur: Vec::new(),
                pos: 0,
            }
        }
    }

    impl Read for ChunkReader {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            while self.pos >= self.cur.len() {
                match self.rx.recv() {
                    Ok(Ok(c)) => {
                        self.cur = c;
                        self.pos = 0;
                    }
                    Ok(Err(e)) => return Err(io::Error::other(format!("engine export: {e}"))),
                    Err(_) => return Ok(0),
                }
            }
            let n = buf.len().min(self.cur.len() - self.pos);
            buf[..n].copy_from_slice(&self.cur[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::net::UnixListener;
    use std::time::{Duration, Instant};

    /// An engine stand-in on a unix socket: answers /version, then answers
    /// the image export with a few bytes and `then` (stalls or trickles).
    fn fake_engine(sock: &Path, trickle: bool) {
        let l = UnixListener::bind(sock).unwrap();
        std::thread::spawn(move || {
            for conn in l.incoming() {
                let Ok(mut s) = conn else { return };
                std::thread::spawn(move || loop {
                    let mut buf = Vec::new();
                    let mut b = [0u8; 1];
                    while !buf.ends_with(b"\r\n\r\n") {
                        match s.read(&mut b) {
                            Ok(1) => buf.push(b[0]),
                            _ => return,
                        }
                    }
                    let req = String::from_utf8_lossy(&buf).to_string();
                    let path = req.split_whitespace().nth(1).unwrap_or("").to_string();
                    if path.ends_with("/version") {
                        let body =
                            r#"{"Version":"20.10.24","ApiVersion":"1.41","MinAPIVersion":"1.12"}"#;
                        let _ = write!(
                            s,
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                            body.len()
                        );
                        continue;
                    }
                    assert!(path.ends_with("/images/alpine:stall/get"), "{path}");
                    let _ = write!(
                        s,
                        "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{}\r\n",
                        "x".repeat(16)
                    );
                    let _ = s.flush();
                    // Never more than a tar header's worth: the reader waits.
                    for _ in 0..400 {
                        std::thread::sleep(Duration::from_millis(100));
                        if trickle && s.write_all(b"1\r\ny\r\n").is_err() {
                            return;
                        }
                    }
                    return;
                });
            }
        });
    }

    /// Exports from a fake engine on a fresh socket (`trickle`: see
    /// `fake_engine`); the error and the time it took.
    fn stalled_export(trickle: bool, idle_ms: u64, total_ms: u64) -> (String, Duration) {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("engine.sock");
        fake_engine(&sock, trickle);
        let (err, took) = export(&sock, idle_ms, total_ms);
        assert!(took < Duration::from_secs(5), "took {took:?}");
        (err, took)
    }

    fn export(sock: &Path, idle_ms: u64, total_ms: u64) -> (String, Duration) {
        let opts = ScanOptions {
            export_idle_timeout: Duration::from_millis(idle_ms),
            export_timeout: Duration::from_millis(total_ms),
            ..Default::default()
        };
        let host = format!("unix://{}", sock.display());
        let start = Instant::now();
        let err = scan_engine("alpine:stall", Some(&host), &opts).unwrap_err();
        (format!("{err:#}"), start.elapsed())
    }

    #[test]
    fn stalled_export_ends_at_the_idle_bound() {
        let (err, _) = stalled_export(false, 300, 60_000);
        assert!(
            err.contains("engine export of image alpine:stall from unix://")
                && err.contains("engine.sock")
                && err.contains("the engine sent nothing for 300ms (--export-idle-timeout)"),
            "{err}"
        );
    }

    #[test]
    fn trickling_export_ends_at_the_total_bound() {
        let (err, _) = stalled_export(true, 2_000, 600);
        assert!(
            err.contains("image alpine:stall")
                && err.contains("not finished after 600ms (--export-timeout)"),
            "{err}"
        );
    }

    #[test]
    fn unreachable_engine_names_the_endpoint() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("none.sock");
        let (err, _) = export(&sock, 300, 1_000);
        assert!(
            err.contains("cannot reach the Docker engine at unix://") && err.contains("none.sock"),
            "{err}"
        );
    }
}
