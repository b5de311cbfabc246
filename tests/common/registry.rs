//! The private registry of the tests (scripts/registry.sh, Debian's
//! docker-registry) and a small pusher that uploads blobs and manifests
//! with curl over the distribution API, so tests can craft images, indexes
//! and signature manifests. Included with `#[path]`.

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

/// The registry's address (127.0.0.1:PORT); None (the tests skip) only
/// outside CI.
pub fn addr() -> Option<String> {
    let a = std::env::var("DOCKAUDIT_TEST_REGISTRY")
        .ok()
        .filter(|s| !s.is_empty());
    assert!(
        a.is_some() || std::env::var_os("CI").is_none(),
        "CI is set but DOCKAUDIT_TEST_REGISTRY is not: the registry tests must run"
    );
    a
}

pub fn sha256(b: &[u8]) -> String {
    let h = Sha256::digest(b);
    format!(
        "sha256:{}",
        h.iter().map(|x| format!("{x:02x}")).collect::<String>()
    )
}

/// Uploads to one registry with curl.
pub struct Pusher {
    /// `http://127.0.0.1:PORT` or `https://...`.
    pub base: String,
    /// Extra curl arguments (--cacert, -u).
    pub extra: Vec<String>,
}

fn run(mut c: Command) -> Output {
    let out = c.output().expect("running curl");
    assert!(
        out.status.success(),
        "curl failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

impl Pusher {
    pub fn plain(addr: &str) -> Pusher {
        Pusher {
            base: format!("http://{addr}"),
            extra: Vec::new(),
        }
    }

    fn curl(&self) -> Command {
        let mut c = Command::new("curl");
        c.args(["-sS", "--max-time", "30"]).args(&self.extra);
        c
    }

    /// Uploads a blob (POST then PUT with the digest); its digest.
    pub fn blob(&self, repo: &str, bytes: &[u8]) -> String {
        let digest = sha256(bytes);
        let mut c = self.curl();
        c.args(["-D", "-", "-o", "/dev/null", "-X", "POST"])
            .arg(format!("{}/v2/{repo}/blobs/uploads/", self.base));
        let head = String::from_utf8_lossy(&run(c).stdout).to_string();
        let loc = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("location")
                    .then(|| v.trim().to_string())
            })
            .unwrap_or_else(|| panic!("no Location in {head}"));
        let loc = if loc.starts_with('/') {
            format!("{}{loc}", self.base)
        } else {
            loc
        };
        let sep = if loc.contains('?') { '&' } else { '?' };
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("blob");
        std::fs::write(&f, bytes).unwrap();
        let mut c = self.curl();
        c.args(["-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT"])
            .args(["-H", "Content-Type: application/octet-stream"])
            .arg("--data-binary")
            .arg(format!("@{}", f.display()))
            .arg(format!("{loc}{sep}digest={digest}"));
        let code = String::from_utf8_lossy(&run(c).stdout).to_string();
        assert_eq!(code, "201", "blob upload of {digest}");
        digest
    }

    /// Puts a manifest under `reference` (a tag or its digest); its digest.
    pub fn manifest(&self, repo: &str, reference: &str, media_type: &str, bytes: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("manifest");
        std::fs::write(&f, bytes).unwrap();
        let mut c = self.curl();
        c.args(["-o", "/dev/stderr", "-w", "%{http_code}", "-X", "PUT"])
            .arg("-H")
            .arg(format!("Content-Type: {media_type}"))
            .arg("--data-binary")
            .arg(format!("@{}", f.display()))
            .arg(format!("{}/v2/{repo}/manifests/{reference}", self.base));
        let out = run(c);
        let code = String::from_utf8_lossy(&out.stdout).to_string();
        assert_eq!(
            code,
            "201",
            "manifest {repo}:{reference}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        sha256(bytes)
    }
}

/// A small image: one gzip layer holding `files` (path, content), pushed
/// as an OCI manifest under `tag`. Returns (manifest bytes, its digest,
/// the config digest).
pub fn push_image(
    p: &Pusher,
    repo: &str,
    tag: &str,
    arch: &str,
    files: &[(&str, &str)],
) -> (Vec<u8>, String, String) {
    let mut tar = tar::Builder::new(Vec::new());
    for (path, content) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(content.len() as u64);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut h, path.trim_start_matches('/'), content.as_bytes())
            .unwrap();
    }
    let layer_tar = tar.into_inner().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&layer_tar).unwrap();
    let layer = gz.finish().unwrap();
    let config = serde_json::json!({
        "architecture": arch,
        "os": "linux",
        "created": "2026-11-01T00:00:00Z",
        "config": {"User": "1000", "Env": ["PATH=/bin"]},
        "rootfs": {"type": "layers", "diff_ids": [sha256(&layer_tar)]},
        "history": [{"created": "2026-11-01T00:00:00Z", "created_by": "test layer"}]
    });
    let config = serde_json::to_vec(&config).unwrap();
    let config_digest = p.blob(repo, &config);
    let layer_digest = p.blob(repo, &layer);
    let manifest = serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                    "digest": layer_digest, "size": layer.len()}]
    });
    let manifest = serde_json::to_vec(&manifest).unwrap();
    let digest = p.manifest(
        repo,
        tag,
        "application/vnd.oci.image.manifest.v1+json",
        &manifest,
    );
    (manifest, digest, config_digest)
}
