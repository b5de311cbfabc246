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
    /// `os/arch[/variant]`; None: linux and this machine's architecture.
    pub platform: Option<Platform>,
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

    fn show(&self) -> String {
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
    let mut images: Vec<(Fetched, Vec<DigestMismatch>)> = Vec::new();
    if is_index(&top.media_type) {
        let want = ro.platform.clone().unwrap_or_else(Platform::host);
        let (chosen, offered) = pick_platform(&top.json, &want, opts.all);
        if chosen.is_empty() {
            bail!(
                "{r}: the image index offers no {} image (it offers: {}); choose one with --platform",
                want.show(),
                if offered.is_empty() {
                    "none".to_string()
                } else {
                    offered.join(", ")
                }
            );
        }
        for (digest, _) in chosen {
            reference::check_digest(&digest).map_err(|e| anyhow!("{r}: the index names {e}"))?;
            let m = fetch_manifest(c, &r.repo, &digest, cap).map_err(anyhow::Error::msg)?;
            if is_index(&m.media_type) {
                bail!("{r}: the index names another index ({digest}): nested indexes are not followed");
            }
            let mut mm = top.mismatches.clone();
            mm.extend(m.mismatches.iter().cloned());
            images.push((m, mm));
        }
    } else {
        let mm = top.mismatches.clone();
        images.push((top, mm));
    }
    let mut out = Vec::new();
    for (m, mismatches) in images {
        out.push(scan_manifest(c, r, &m, mismatches, opts, ro)?);
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
    };
    let sizes: HashMap<String, u64> = descs.iter().cloned().collect();
    let mut refetch = |key: &str, want: &[(String, String)]| {
        let d = format!("sha256:{}", key.trim_start_matches("blobs/sha256/"));
        let size = sizes.get(&d).copied().unwrap_or(0);
        let reader = c.blob(&r.repo, &d, size)?;
        layer::read_files(reader, want, limits)
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
        facts.signatures = Some(cosign::verify_image(
            c,
            r,
            &m.digest,
            &ro.keys,
            limits.json_bytes,
        ));
    }
    Ok(facts)
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
    }
}
