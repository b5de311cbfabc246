//! The registry source: images read over the OCI distribution API
//! (`registry:HOST[:PORT]/REPO[:TAG|@DIGEST]`), manifest lists and indexes
//! resolved to one platform, layers streamed through the same one-pass
//! layer pipeline as archives (never written to disk), every digest
//! verified; repository and tag listing; cosign signature verification.
//! Collector code: the only I/O of registries lives here.

pub mod auth;
pub mod client;
pub mod cosign;
pub mod list;
pub mod reference;

use std::collections::HashMap;

use anyhow::{anyhow, bail, Result};
use sha2::{Digest, Sha256};

use crate::collect::image::layer::{self, Pipeline};
use crate::collect::image::{assemble, ManifestImage, ScanOptions};
use crate::facts::image::{DigestMismatch, ImageFacts};
use client::{Client, Document};
use reference::Reference;

/// What the registry source needs besides the scan options.
#[derive(Clone, Debug, Default)]
pub struct RegistryOptions {
    pub client: client::Options,
    /// Public keys whose cosign signatures are trusted; empty: signatures
    /// are not verified (the signature check is skipped, saying so).
    pub keys: Vec<cosign::TrustedKey>,
}

/// A platform of a multi-platform image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    pub variant: Option<String>,
}

impl Platform {
    /// `os/arch[/variant]`.
    pub fn parse(s: &str) -> Result<Platform, String> {
        let parts: Vec<&str> = s.split('/').collect();
        let ok = |p: &str| {
            !p.is_empty()
                && p.len() <= 32
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        };
        if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| ok(p)) {
            return Err(format!(
                "--platform {s:?}: expected os/arch[/variant], e.g. linux/arm64"
            ));
        }
        Ok(Platform {
            os: parts[0].to_string(),
            architecture: parts[1].to_string(),
            variant: parts.get(2).map(|v| v.to_string()),
        })
    }

    /// linux and the architecture this program runs on (Go's names).
    pub fn host() -> Platform {
        let architecture = match std::env::consts::ARCH {
            "x86_64" => "amd64",
            "aarch64" => "arm64",
            "x86" => "386",
            "powerpc64" => "ppc64le",
            "arm" => "arm",
            "s390x" => "s390x",
            "riscv64" => "riscv64",
            a => a,
        };
        Platform {
            os: "linux".into(),
            architecture: architecture.into(),
            variant: None,
        }
    }

    pub fn show(&self) -> String {
        match &self.variant {
            Some(v) => format!("{}/{}/{v}", self.os, self.architecture),
            None => format!("{}/{}", self.os, self.architecture),
        }
    }
}

/// sha256 of `bytes` as `sha256:<hex>`.
pub fn sha256_digest(bytes: &[u8]) -> String {
    format!("sha256:{}", layer::hex(&Sha256::digest(bytes)))
}

fn blob_key(digest: &str) -> String {
    format!("blobs/sha256/{}", digest.trim_start_matches("sha256:"))
}

/// A manifest fetched and checked against the digest that names it.
pub struct Fetched {
    pub json: serde_json::Value,
    pub media_type: String,
    /// The digest of the bytes received.
    pub digest: String,
    pub mismatches: Vec<DigestMismatch>,
}

/// GET a manifest or index by tag or digest (within the manifest bound),
/// its bytes compared with the digest asked for and with the
/// Docker-Content-Digest the registry sent.
pub fn fetch_manifest(c: &Client, repo: &str, target: &str, cap: u64) -> Result<Fetched, String> {
    let path = format!("/v2/{repo}/manifests/{target}");
    let doc: Document = c.document(
        &path,
        Some(client::MANIFEST_ACCEPT),
        &format!("repository:{repo}:pull"),
        cap,
    )?;
    let digest = sha256_digest(&doc.bytes);
    let key = format!("{}/{repo}@{target}", c.host);
    let mut mismatches = Vec::new();
    let named = if target.starts_with("sha256:") {
        Some(target.to_string())
    } else {
        doc.digest_header
            .clone()
            .filter(|d| d.starts_with("sha256:"))
    };
    if let Some(want) = named {
        if want != digest {
            mismatches.push(DigestMismatch {
                what: "manifest".into(),
                key,
                expected: want,
                actual: digest.clone(),
            });
        }
    }
    let json: serde_json::Value = serde_json::from_slice(&doc.bytes)
        .map_err(|e| format!("manifest {repo}@{target} from {}: not JSON: {e}", c.host))?;
    let ct = doc.content_type.split(';').next().unwrap_or("").trim();
    let media_type = match json["mediaType"].as_str() {
        Some(m) => m.to_string(),
        None if !ct.is_empty() && ct != "application/json" => ct.to_string(),
        None if json["manifests"].is_array() => client::OCI_INDEX.to_string(),
        None => client::OCI_MANIFEST.to_string(),
    };
    Ok(Fetched {
        json,
        media_type,
        digest,
        mismatches,
    })
}

fn is_index(mt: &str) -> bool {
    mt == client::OCI_INDEX || mt == client::DOCKER_LIST
}

/// The descriptors of an index matching `want` (attestations left out),
/// and the platforms the index offers.
fn pick_platform(
    index: &serde_json::Value,
    want: &Platform,
    all: bool,
) -> (Vec<(String, Platform)>, Vec<String>) {
    let mut chosen = Vec::new();
    let mut offered = Vec::new();
    for d in index["manifests"].as_array().into_iter().flatten() {
        let p = &d["platform"];
        let plat = Platform {
            os: p["os"].as_str().unwrap_or("").to_string(),
            architecture: p["architecture"].as_str().unwrap_or("").to_string(),
            variant: p["variant"].as_str().map(str::to_string),
        };
        if plat.architecture == "unknown"
            || d["annotations"]["vnd.docker.reference.type"].as_str()
                == Some("attestation-manifest")
        {
            continue;
        }
        let Some(digest) = d["digest"].as_str() else {
            continue;
        };
        offered.push(plat.show());
        let matches = plat.os == want.os
            && plat.architecture == want.architecture
            && (want.variant.is_none() || want.variant == plat.variant);
        if all || (matches && chosen.is_empty()) {
            chosen.push((digest.to_string(), plat));
        }
    }
    (chosen, offered)
}

/// The manifests of an image index to audit, each with the note that says
/// which platform it is and which were left out (never a choice made in
/// silence): the platform `want`, every one with `all`, or, with
/// `only_one` and an index that offers a single platform, that one. Err
/// names the platforms offered. `index` names the index in notes and
/// errors (`image index sha256:...`).
pub(crate) fn choose_platforms(
    v: &serde_json::Value,
    want: &Platform,
    all: bool,
    only_one: bool,
    index: &str,
) -> Result<Vec<(String, Option<String>)>, String> {
    let (mut chosen, offered) = pick_platform(v, want, all);
    let fell_back = chosen.is_empty() && only_one && offered.len() == 1;
    if fell_back {
        // A cross-build for another machine: that is the image.
        chosen = pick_platform(v, want, true).0;
    }
    if chosen.is_empty() {
        return Err(format!(
            "the {index} offers no {} image (it offers: {}); choose one with --platform",
            want.show(),
            if offered.is_empty() {
                "none".to_string()
            } else {
                offered.join(", ")
            }
        ));
    }
    let shown: Vec<String> = chosen.iter().map(|(_, p)| p.show()).collect();
    let left: Vec<&str> = offered
        .iter()
        .filter(|o| !shown.contains(o))
        .map(String::as_str)
        .collect();
    Ok(chosen
        .into_iter()
        .map(|(digest, plat)| {
            let p = plat.show();
            let note = if fell_back {
                Some(format!(
                    "{index} offers only platform {p}, not {}: that one is audited",
                    want.show()
                ))
            } else if offered.len() < 2 {
                None
            } else if left.is_empty() {
                Some(format!(
                    "multi-platform {index}: platform {p} audited (one of {})",
                    offered.join(", ")
                ))
            } else {
                Some(format!(
                    "multi-platform {index}: platform {p} audited; not audited: {} (--platform chooses, --all audits every one)",
                    left.join(", ")
                ))
            };
            (digest, note)
        })
        .collect())
}

/// Audits the image a registry reference names (every platform of an
/// index with `opts.all`).
pub fn scan(reference: &str, opts: &ScanOptions, ro: &RegistryOptions) -> Result<Vec<ImageFacts>> {
    let r = reference::parse(reference).map_err(anyhow::Error::msg)?;
    let c = Client::connect(&r.host, &ro.client).map_err(anyhow::Error::msg)?;
    scan_with(&c, &r, opts, ro)
}

/// `scan` over an existing client.
pub fn scan_with(
    c: &Client,
    r: &Reference,
    opts: &ScanOptions,
    ro: &RegistryOptions,
) -> Result<Vec<ImageFacts>> {
    let cap = opts.limits.json_bytes;
    let top = fetch_manifest(c, &r.repo, r.target(), cap).map_err(anyhow::Error::msg)?;
    let mut images: Vec<(Fetched, Vec<DigestMismatch>, Option<String>)> = Vec::new();
    // A signature of the index (cosign signs what the tag names) binds the
    // platform manifests it lists, when the index matched its digest.
    let index_digest =
        (is_index(&top.media_type) && top.mismatches.is_empty()).then(|| top.digest.clone());
    if is_index(&top.media_type) {
        let want = opts.platform.clone().unwrap_or_else(Platform::host);
        let chosen = choose_platforms(&top.json, &want, opts.all, false, "image index")
            .map_err(|e| anyhow!("{r}: {e}"))?;
        for (digest, note) in chosen {
            reference::check_digest(&digest).map_err(|e| anyhow!("{r}: the index names {e}"))?;
            let m = fetch_manifest(c, &r.repo, &digest, cap).map_err(anyhow::Error::msg)?;
            if is_index(&m.media_type) {
                bail!("{r}: the index names another index ({digest}): nested indexes are not followed");
            }
            let mut mm = top.mismatches.clone();
            mm.extend(m.mismatches.iter().cloned());
            images.push((m, mm, note));
        }
    } else {
        let mm = top.mismatches.clone();
        images.push((top, mm, None));
    }
    let mut out = Vec::new();
    for (m, mismatches, note) in images {
        let mut img = scan_manifest(c, r, &m, mismatches, opts, ro, index_digest.as_deref())?;
        img.warnings.extend(note);
        out.push(img);
    }
    Ok(out)
}

/// A descriptor's digest and size.
fn descriptor(d: &serde_json::Value, what: &str) -> Result<(String, u64), String> {
    let digest = d["digest"]
        .as_str()
        .ok_or_else(|| format!("{what}: a descriptor without a digest"))?;
    reference::check_digest(digest).map_err(|e| format!("{what}: {e}"))?;
    let size = d["size"]
        .as_u64()
        .ok_or_else(|| format!("{what}: a descriptor without a size"))?;
    Ok((digest.to_string(), size))
}

fn scan_manifest(
    c: &Client,
    r: &Reference,
    m: &Fetched,
    mismatches: Vec<DigestMismatch>,
    opts: &ScanOptions,
    ro: &RegistryOptions,
    index_digest: Option<&str>,
) -> Result<ImageFacts> {
    let limits = &opts.limits;
    let name = format!("{r}");
    if m.media_type.contains("distribution.manifest.v1") {
        bail!("{name}: Docker schema 1 manifests are not supported (push the image again with a current client)");
    }
    if m.media_type != client::OCI_MANIFEST && m.media_type != client::DOCKER_MANIFEST {
        bail!(
            "{name}: manifest media type {:?} is not an image manifest",
            m.media_type
        );
    }
    let (config_digest, config_size) =
        descriptor(&m.json["config"], &format!("{name}: config")).map_err(anyhow::Error::msg)?;
    let layers = m.json["layers"]
        .as_array()
        .ok_or_else(|| anyhow!("{name}: the manifest's `layers` is not a list"))?;
    let mut descs = Vec::new();
    for (i, l) in layers.iter().enumerate() {
        let what = format!("{name}: layer {i}");
        let (d, size) = descriptor(l, &what).map_err(anyhow::Error::msg)?;
        let mt = l["mediaType"].as_str().unwrap_or("");
        if mt.contains("nondistributable") || mt.contains("foreign") {
            bail!(
                "{what} ({d}) is a non-distributable layer ({mt}): its blob is not in the registry"
            );
        }
        if !mt.is_empty() && !mt.contains(".tar") && !mt.contains("rootfs.diff") {
            bail!("{what} ({d}): media type {mt:?} is not an image layer");
        }
        if size > limits.max_layer_bytes {
            bail!(
                "{what} ({d}): {size} bytes, over the bound of {} bytes of a layer (--max-layer-bytes)",
                limits.max_layer_bytes
            );
        }
        descs.push((d, size));
    }
    let config = c
        .blob_bytes(
            &r.repo,
            &config_digest,
            Some(config_size),
            limits.json_bytes,
        )
        .map_err(anyhow::Error::msg)?;
    let mut pipeline = Pipeline::new(limits.clone());
    let mut fed = std::collections::HashSet::new();
    let mut fetch_err: Option<String> = None;
    for (d, size) in &descs {
        if !fed.insert(d.clone()) {
            continue;
        }
        match c.blob(&r.repo, d, *size) {
            Ok(reader) => pipeline.feed(&blob_key(d), reader),
            Err(e) => {
                fetch_err = Some(e);
                break;
            }
        }
    }
    let scans = pipeline.finish();
    if let Some(e) = fetch_err {
        bail!("{name}: {e}");
    }
    let mut ok = HashMap::new();
    for (k, res) in scans {
        match res {
            Ok(s) => {
                ok.insert(k, s);
            }
            Err(e) => bail!("{name}: layer {k}: {e}"),
        }
    }
    let mi = ManifestImage {
        tags: r.tagged().into_iter().collect(),
        config_key: blob_key(&config_digest),
        layer_keys: descs.iter().map(|(d, _)| blob_key(d)).collect(),
        mismatches,
        notes: Vec::new(),
    };
    let sizes: HashMap<String, u64> = descs.iter().cloned().collect();
    // A second fetch of a layer (a fact file behind a symlink) is checked
    // against its digest as the first was: the registry may serve other
    // bytes the second time.
    let mut refetch = |key: &str, want: &[(String, String)]| {
        let d = format!("sha256:{}", key.trim_start_matches("blobs/sha256/"));
        let size = sizes.get(&d).copied().unwrap_or(0);
        let mut reader = layer::HashingReader {
            inner: c.blob(&r.repo, &d, size)?,
            hash: Sha256::new(),
        };
        let caps = layer::read_files(&mut reader, want, limits)?;
        std::io::copy(
            &mut std::io::Read::take(&mut reader, size),
            &mut std::io::sink(),
        )
        .map_err(|e| format!("layer {d} read again: {e}"))?;
        let got = format!("sha256:{}", layer::hex(&reader.hash.finalize()));
        if got != d {
            return Err(format!(
                "layer {d} read again does not match its digest (got {got}): its files are not used"
            ));
        }
        Ok(caps)
    };
    let mut facts = assemble(
        &name,
        "registry",
        &mi,
        Some(&config),
        &ok,
        opts,
        &mut refetch,
    )?;
    facts.repo_digests = vec![r.with_digest(&m.digest)];
    if !ro.keys.is_empty() {
        let mut sig = cosign::verify_image(c, r, &m.digest, &ro.keys, limits.json_bytes);
        // Only a platform manifest that matched its digest is bound by the
        // index's signature (the index names it by that digest).
        let bound = index_digest.filter(|_| m.mismatches.is_empty());
        if let Some(ix) = bound.filter(|_| sig.verified.is_empty()) {
            let of_index = cosign::verify_image(c, r, ix, &ro.keys, limits.json_bytes);
            if of_index.verified.is_empty() {
                sig.rejected.extend(
                    of_index
                        .rejected
                        .into_iter()
                        .map(|why| format!("index {ix}: {why}")),
                );
            } else {
                sig.unavailable = None;
                sig.verified = of_index
                    .verified
                    .into_iter()
                    .map(|mut v| {
                        v.source =
                            format!("{} of the index {ix}, which lists {}", v.source, m.digest);
                        v
                    })
                    .collect();
            }
        }
        facts.signatures = Some(sig);
    }
    Ok(facts)
}

/// Checks the cosign signatures of every engine image through its registry
/// digests (`HOST[:PORT]/REPO@sha256:...`): verified when one of them is
/// signed by a trusted key. An image without a registry digest was built
/// or loaded locally and is signed by no one; a digest of the default
/// registry (no host in its name) is not looked up. Returns warnings.
pub fn verify_engine_images(
    images: &mut [crate::facts::engine::Image],
    ro: &RegistryOptions,
    cap: u64,
) -> Vec<String> {
    use crate::facts::image::SignatureCheck;
    let keys: Vec<String> = ro.keys.iter().map(cosign::TrustedKey::describe).collect();
    let mut clients: HashMap<String, Result<Client, String>> = HashMap::new();
    let mut warnings = Vec::new();
    for img in images.iter_mut() {
        let mut check = SignatureCheck {
            keys: keys.clone(),
            ..Default::default()
        };
        if img.repo_digests.is_empty() {
            check.rejected.push(
                "no registry digest: built or loaded on this host, so no signature can name it"
                    .into(),
            );
            img.signatures = Some(check);
            continue;
        }
        let mut unavailable = Vec::new();
        // Whether any registry answered (signatures found or not): then the
        // image is judged on what it said, the others are warnings.
        let mut answered = false;
        for rd in &img.repo_digests {
            let Some((name, digest)) = rd.split_once('@') else {
                unavailable.push(format!("{rd}: not NAME@DIGEST"));
                continue;
            };
            let first = name.split('/').next().unwrap_or("");
            let has_host = name.contains('/')
                && (first.contains('.') || first.contains(':') || first == "localhost");
            if !has_host {
                unavailable.push(format!(
                    "{rd}: the default registry (no host in the name) is not contacted"
                ));
                continue;
            }
            let r = match reference::parse(rd) {
                Ok(r) => r,
                Err(e) => {
                    unavailable.push(e);
                    continue;
                }
            };
            let client = clients
                .entry(r.host.clone())
                .or_insert_with(|| Client::connect(&r.host, &ro.client));
            let c = match client {
                Ok(c) => c,
                Err(e) => {
                    unavailable.push(format!("{rd}: {e}"));
                    continue;
                }
            };
            let one = cosign::verify_image(c, &r, digest, &ro.keys, cap);
            if check.digest.is_empty() || !one.verified.is_empty() {
                check.digest = one.digest.clone();
            }
            match one.unavailable {
                Some(u) => unavailable.push(format!("{rd}: {u}")),
                None => {
                    answered = true;
                    check.verified.extend(one.verified);
                    check.rejected.extend(one.rejected);
                }
            }
        }
        if !answered && !unavailable.is_empty() {
            check.unavailable = Some(unavailable.join("; "));
        } else if !unavailable.is_empty() {
            warnings.push(format!(
                "image {}: signatures not looked for: {}",
                img.display_name(),
                unavailable.join("; ")
            ));
        }
        img.signatures = Some(check);
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms() {
        assert_eq!(
            Platform::parse("linux/arm64/v8").unwrap(),
            Platform {
                os: "linux".into(),
                architecture: "arm64".into(),
                variant: Some("v8".into())
            }
        );
        assert!(Platform::parse("linux").unwrap_err().contains("os/arch"));
        assert!(Platform::parse("linux/AMD64").is_err());
        let index = serde_json::json!({"manifests": [
            {"digest": "sha256:a", "platform": {"os": "linux", "architecture": "amd64"}},
            {"digest": "sha256:b", "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}},
            {"digest": "sha256:c", "platform": {"os": "unknown", "architecture": "unknown"},
             "annotations": {"vnd.docker.reference.type": "attestation-manifest"}}
        ]});
        let arm = Platform::parse("linux/arm64").unwrap();
        let (c, offered) = pick_platform(&index, &arm, false);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].0, "sha256:b");
        assert_eq!(offered, vec!["linux/amd64", "linux/arm64/v8"]);
        let (c, _) = pick_platform(&index, &Platform::parse("linux/arm64/v7").unwrap(), false);
        assert!(c.is_empty());
        let (c, _) = pick_platform(&index, &arm, true);
        assert_eq!(c.len(), 2, "--all: every platform but the attestation");
        // The note names the platform audited and the ones left out.
        let c = choose_platforms(&index, &arm, false, false, "image index").unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(
            c[0].1.as_deref(),
            Some("multi-platform image index: platform linux/arm64/v8 audited; not audited: linux/amd64 (--platform chooses, --all audits every one)")
        );
        // A single platform matching the one asked for (by its variant)
        // is no fallback, so no note; another one is the fallback only
        // when allowed.
        let one = serde_json::json!({"manifests": [
            {"digest": "sha256:b", "platform": {"os": "linux", "architecture": "arm64", "variant": "v8"}}
        ]});
        let c = choose_platforms(&one, &arm, false, true, "image index").unwrap();
        assert_eq!(c, vec![("sha256:b".to_string(), None)]);
        let amd = Platform::parse("linux/amd64").unwrap();
        let e = choose_platforms(&one, &amd, false, false, "image index").unwrap_err();
        assert!(
            e.contains("offers no linux/amd64 image (it offers: linux/arm64/v8)"),
            "{e}"
        );
        let c = choose_platforms(&one, &amd, false, true, "image index").unwrap();
        assert_eq!(
            c[0].1.as_deref(),
            Some("image index offers only platform linux/arm64/v8, not linux/amd64: that one is audited")
        );
    }
}

/// A registry stand-in on loopback for what the real registry of the
/// tests does not do: the Bearer token flow, 503 and 429 answers,
/// redirects to another host, a blob that is not its digest, a blob that
/// stalls.
#[cfg(test)]
mod fake {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    use base64::Engine as _;

    #[derive(Default)]
    struct Seen {
        hits: HashMap<String, usize>,
        /// (path, Authorization) of every request.
        auth: Vec<(String, String)>,
        /// More documents by path: (Content-Type, body).
        docs: HashMap<String, (String, Vec<u8>)>,
        /// The `Link` header of a document of `docs`, by path.
        links: HashMap<String, String>,
    }

    struct Image {
        manifest: Vec<u8>,
        config: (String, Vec<u8>),
        layer: (String, Vec<u8>),
    }

    fn image(content: &str) -> Image {
        let mut tar = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(content.len() as u64);
        h.set_mode(0o644);
        h.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut h, "etc/passwd", content.as_bytes())
            .unwrap();
        // Uncompressed: two layers of same-length files have one size.
        let raw = tar.into_inner().unwrap();
        let layer = raw.clone();
        let config = serde_json::to_vec(&serde_json::json!({
            "architecture": "amd64", "os": "linux", "config": {"User": "1"},
            "rootfs": {"type": "layers", "diff_ids": [sha256_digest(&raw)]}
        }))
        .unwrap();
        let manifest = serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "mediaType": client::DOCKER_MANIFEST,
            "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                       "digest": sha256_digest(&config), "size": config.len()},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar",
                        "digest": sha256_digest(&layer), "size": layer.len()}]
        }))
        .unwrap();
        Image {
            manifest,
            config: (sha256_digest(&config), config),
            layer: (sha256_digest(&layer), layer),
        }
    }

    fn respond(s: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
        let mut head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(body);
    }

    fn read_request(s: &mut TcpStream) -> Option<(String, HashMap<String, String>)> {
        let mut buf = Vec::new();
        let mut b = [0u8; 1];
        while !buf.ends_with(b"\r\n\r\n") {
            match s.read(&mut b) {
                // A TLS handshake (the client tries HTTPS first): closed.
                Ok(1) if buf.is_empty() && b[0] == 0x16 => return None,
                Ok(1) => buf.push(b[0]),
                _ => return None,
            }
        }
        let text = String::from_utf8_lossy(&buf).to_string();
        let mut lines = text.lines();
        let path = lines.next()?.split_whitespace().nth(1)?.to_string();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Some((path, headers))
    }

    /// Serves blobs for redirects; records the Authorization it got.
    fn storage(seen: Arc<Mutex<Seen>>, blobs: HashMap<String, Vec<u8>>) -> u16 {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for conn in l.incoming() {
                let Ok(mut s) = conn else { return };
                let Some((path, h)) = read_request(&mut s) else {
                    continue;
                };
                seen.lock().unwrap().auth.push((
                    format!("storage{path}"),
                    h.get("authorization").cloned().unwrap_or_default(),
                ));
                let d = path.trim_start_matches("/storage/");
                match blobs.get(d) {
                    Some(b) => respond(&mut s, "200 OK", &[], b),
                    None => respond(&mut s, "404 Not Found", &[], b""),
                }
            }
        });
        port
    }

    /// The registry: user `u`, password `p4ss-word`, token `tok-123`.
    fn registry(seen: Arc<Mutex<Seen>>) -> (u16, Image) {
        let good = image("root:x:0:0::/root:/bin/sh\n");
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let mut blobs = HashMap::new();
        blobs.insert(good.layer.0.clone(), good.layer.1.clone());
        let store = storage(seen.clone(), blobs);
        // "bad": a layer whose bytes are another layer's, same size.
        let other = image("root:x:0:0::/root:/bin/zz\n");
        let bad_layer = other.layer.1.clone();
        assert_eq!(bad_layer.len(), good.layer.1.len());
        let img = Image {
            manifest: good.manifest.clone(),
            config: good.config.clone(),
            layer: good.layer.clone(),
        };
        let good = Arc::new(good);
        let bad_layer = Arc::new(bad_layer);
        std::thread::spawn(move || {
            for conn in l.incoming() {
                let Ok(s) = conn else { return };
                let (seen, good, bad_layer) = (seen.clone(), good.clone(), bad_layer.clone());
                // One thread a connection: a stalled blob holds no other.
                std::thread::spawn(move || serve(s, port, store, &seen, &good, &bad_layer));
            }
        });
        (port, img)
    }

    fn serve(
        mut s: TcpStream,
        port: u16,
        store: u16,
        seen: &Mutex<Seen>,
        good: &Image,
        bad_layer: &[u8],
    ) {
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("u:p4ss-word")
        );
        let challenge = format!("Bearer realm=\"http://127.0.0.1:{port}/token\",service=\"fake\"");
        let Some((path, h)) = read_request(&mut s) else {
            return;
        };
        let authz = h.get("authorization").cloned().unwrap_or_default();
        let n = {
            let mut st = seen.lock().unwrap();
            st.auth.push((path.clone(), authz.clone()));
            let e = st.hits.entry(path.clone()).or_default();
            *e += 1;
            *e
        };
        if path.starts_with("/token") {
            if authz == basic && path.contains("scope=repository%3Aapp%3Apull") {
                respond(&mut s, "200 OK", &[], br#"{"token":"tok-123"}"#);
            } else {
                respond(&mut s, "401 Unauthorized", &[], b"");
            }
            return;
        }
        if authz != "Bearer tok-123" {
            respond(
                &mut s,
                "401 Unauthorized",
                &[("WWW-Authenticate", challenge.clone())],
                b"",
            );
            return;
        }
        let manifest_digest = sha256_digest(&good.manifest);
        let (doc, link) = {
            let st = seen.lock().unwrap();
            (st.docs.get(&path).cloned(), st.links.get(&path).cloned())
        };
        if let Some((ct, body)) = doc {
            let mut h = vec![("Content-Type", ct)];
            h.extend(link.map(|l| ("Link", l)));
            respond(&mut s, "200 OK", &h, &body);
            return;
        }
        match path.as_str() {
            "/v2/" => respond(&mut s, "200 OK", &[], b"{}"),
            // The first answer is a 503: retried.
            "/v2/app/manifests/1" if n == 1 => respond(&mut s, "503 Service Unavailable", &[], b""),
            "/v2/app/manifests/1" | "/v2/app/manifests/bad" | "/v2/app/manifests/stall" => respond(
                &mut s,
                "200 OK",
                &[
                    ("Content-Type", client::DOCKER_MANIFEST.to_string()),
                    ("Docker-Content-Digest", manifest_digest.clone()),
                ],
                &good.manifest,
            ),
            p if p == format!("/v2/app/blobs/{}", good.config.0) => {
                respond(&mut s, "200 OK", &[], &good.config.1)
            }
            p if p == format!("/v2/app/blobs/{}", good.layer.0) => {
                let mode = seen.lock().unwrap().hits.get("mode").copied().unwrap_or(0);
                match (mode, n) {
                    // 429 first, then a redirect to the storage host.
                    (0, 1) => respond(
                        &mut s,
                        "429 Too Many Requests",
                        &[("Retry-After", "0".into())],
                        b"",
                    ),
                    (0, _) => respond(
                        &mut s,
                        "307 Temporary Redirect",
                        &[(
                            "Location",
                            format!("http://127.0.0.1:{store}/storage/{}", good.layer.0),
                        )],
                        b"",
                    ),
                    (1, _) => respond(&mut s, "200 OK", &[], bad_layer),
                    _ => {
                        let head = format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n",
                            good.layer.1.len()
                        );
                        let _ = s.write_all(head.as_bytes());
                        let _ = s.write_all(&good.layer.1[..10]);
                        std::thread::sleep(Duration::from_secs(20));
                    }
                }
            }
            _ => respond(
                &mut s,
                "404 Not Found",
                &[],
                br#"{"errors":[{"code":"NOT_FOUND","message":"nope"}]}"#,
            ),
        }
    }

    fn options(password: &str) -> RegistryOptions {
        RegistryOptions {
            client: client::Options {
                credentials: Some(auth::Credentials {
                    username: "u".into(),
                    secret: password.into(),
                    origin: "test".into(),
                }),
                docker_config: false,
                backoff: Duration::from_millis(5),
                request_timeout: Duration::from_secs(5),
                blob_idle_timeout: Duration::from_millis(400),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn bearer_retries_redirects_and_digests() {
        let seen = Arc::new(Mutex::new(Seen::default()));
        let (port, img) = registry(seen.clone());
        let opts = ScanOptions::default();
        let r = format!("registry:127.0.0.1:{port}/app:1");
        let facts = scan(&r, &opts, &options("p4ss-word")).unwrap();
        assert_eq!(facts.len(), 1);
        let f = &facts[0];
        assert_eq!(f.id, img.config.0);
        assert_eq!(f.passwd.as_ref().map(|p| p.len()), Some(1));
        assert_eq!(f.digests.as_ref().unwrap().mismatches, vec![]);
        assert_eq!(
            f.repo_digests,
            vec![format!(
                "127.0.0.1:{port}/app@{}",
                sha256_digest(&img.manifest)
            )]
        );
        {
            let st = seen.lock().unwrap();
            // The 503 and the 429 were retried.
            assert_eq!(st.hits["/v2/app/manifests/1"], 2);
            assert_eq!(st.hits[&format!("/v2/app/blobs/{}", img.layer.0)], 2);
            // The token was asked for with the credentials, once per scope.
            assert_eq!(
                st.hits
                    .iter()
                    .filter(|(k, _)| k.starts_with("/token"))
                    .map(|(_, v)| *v)
                    .sum::<usize>(),
                1
            );
            // The storage host got no credentials.
            let to_storage: Vec<_> = st
                .auth
                .iter()
                .filter(|(p, _)| p.starts_with("storage"))
                .collect();
            assert_eq!(to_storage.len(), 1);
            assert_eq!(to_storage[0].1, "");
        }

        // A layer whose bytes are not its digest: refused, named.
        seen.lock().unwrap().hits.insert("mode".into(), 1);
        let e = format!(
            "{:#}",
            scan(
                &format!("registry:127.0.0.1:{port}/app:bad"),
                &opts,
                &options("p4ss-word")
            )
            .unwrap_err()
        );
        assert!(
            e.contains("digest mismatch") && e.contains("layer 0 blob"),
            "{e}"
        );

        // A blob that stalls: the idle bound ends it.
        seen.lock().unwrap().hits.insert("mode".into(), 2);
        let start = Instant::now();
        let e = format!(
            "{:#}",
            scan(
                &format!("registry:127.0.0.1:{port}/app:stall"),
                &opts,
                &options("p4ss-word")
            )
            .unwrap_err()
        );
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?} {e}",
            start.elapsed()
        );
        assert!(e.contains("sent nothing for 400ms"), "{e}");

        // A wrong password: the token service refuses; the secret is never shown.
        let e = format!("{:#}", scan(&r, &opts, &options("wr0ng-pass")).unwrap_err());
        assert!(e.contains("token service") && e.contains("401"), "{e}");
        let basic = base64::engine::general_purpose::STANDARD.encode("u:wr0ng-pass");
        assert!(!e.contains("wr0ng-pass") && !e.contains(&basic), "{e}");
    }

    #[test]
    fn signatures_found_through_referrers() {
        let dir = tempfile::tempdir().unwrap();
        let Some((key, pubk)) = cosign::tests::openssl_key(dir.path(), "ref", false) else {
            assert!(std::env::var_os("CI").is_none(), "openssl is needed");
            return;
        };
        let seen = Arc::new(Mutex::new(Seen::default()));
        let (port, img) = registry(seen.clone());
        let digest = sha256_digest(&img.manifest);
        let payload = format!(
            r#"{{"critical":{{"identity":{{"docker-reference":"app"}},"image":{{"docker-manifest-digest":"{digest}"}},"type":"cosign container image signature"}},"optional":null}}"#
        );
        let sig = cosign::tests::sign(dir.path(), &key, payload.as_bytes());
        let payload_digest = sha256_digest(payload.as_bytes());
        let sig_manifest = serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "mediaType": client::OCI_MANIFEST,
            "artifactType": cosign::PAYLOAD_MEDIA_TYPE,
            "config": {"mediaType": "application/vnd.oci.empty.v1+json",
                       "digest": sha256_digest(b"{}"), "size": 2},
            "layers": [{"mediaType": cosign::PAYLOAD_MEDIA_TYPE, "digest": payload_digest,
                        "size": payload.len(),
                        "annotations": {cosign::SIGNATURE_ANNOTATION: sig}}],
            "subject": {"mediaType": client::DOCKER_MANIFEST, "digest": digest,
                        "size": img.manifest.len()}
        }))
        .unwrap();
        let sig_digest = sha256_digest(&sig_manifest);
        // An SBOM referrer (no signature in it), then the signature.
        let sbom_manifest = serde_json::to_vec(&serde_json::json!({
            "schemaVersion": 2,
            "mediaType": client::OCI_MANIFEST,
            "artifactType": "application/spdx+json",
            "config": {"mediaType": "application/vnd.oci.empty.v1+json",
                       "digest": sha256_digest(b"{}"), "size": 2},
            "layers": [{"mediaType": "application/spdx+json",
                        "digest": sha256_digest(b"{}"), "size": 2}],
            "subject": {"mediaType": client::DOCKER_MANIFEST, "digest": digest,
                        "size": img.manifest.len()}
        }))
        .unwrap();
        let sbom_digest = sha256_digest(&sbom_manifest);
        let page = |digest: &str, size: usize, kind: &str| {
            serde_json::to_vec(&serde_json::json!({
                "schemaVersion": 2,
                "mediaType": client::OCI_INDEX,
                "manifests": [{"mediaType": client::OCI_MANIFEST, "digest": digest,
                               "size": size, "artifactType": kind}]
            }))
            .unwrap()
        };
        {
            let mut st = seen.lock().unwrap();
            // The registry pages the list: the signature is on page 2.
            let first = format!("/v2/app/referrers/{digest}");
            let second = format!("{first}?n=1&last={sbom_digest}");
            st.links
                .insert(first.clone(), format!("<{second}>; rel=\"next\""));
            st.docs.insert(
                first,
                (
                    client::OCI_INDEX.into(),
                    page(&sbom_digest, sbom_manifest.len(), "application/spdx+json"),
                ),
            );
            st.docs.insert(
                second,
                (
                    client::OCI_INDEX.into(),
                    page(&sig_digest, sig_manifest.len(), cosign::PAYLOAD_MEDIA_TYPE),
                ),
            );
            st.docs.insert(
                format!("/v2/app/manifests/{sbom_digest}"),
                (client::OCI_MANIFEST.into(), sbom_manifest),
            );
            st.docs.insert(
                format!("/v2/app/manifests/{sig_digest}"),
                (client::OCI_MANIFEST.into(), sig_manifest),
            );
            st.docs.insert(
                format!("/v2/app/blobs/{payload_digest}"),
                ("application/octet-stream".into(), payload.into_bytes()),
            );
        }
        let mut ro = options("p4ss-word");
        ro.keys = vec![cosign::load_key(&pubk).unwrap()];
        let facts = scan(
            &format!("registry:127.0.0.1:{port}/app:1"),
            &ScanOptions::default(),
            &ro,
        )
        .unwrap();
        let sig = facts[0].signatures.as_ref().unwrap();
        assert_eq!(sig.digest, digest);
        assert_eq!(sig.unavailable, None);
        assert_eq!(sig.verified.len(), 1, "{sig:?}");
        assert_eq!(sig.verified[0].source, format!("referrer {sig_digest}"));
        assert_eq!(sig.verified[0].key, ro.keys[0].describe());
        // The tag was looked for too (404 here): nothing rejected.
        assert_eq!(sig.rejected, Vec::<String>::new());
    }
}
