//! cosign key-based signatures: trusted public keys (PEM SubjectPublicKeyInfo,
//! ECDSA P-256 or RSA), the signatures of an image found through the OCI 1.1
//! referrers API and the `sha256-<hex>.sig` tag, and their verification: the
//! simple-signing payload must name the image's manifest digest and the
//! signature (base64, in the layer's `dev.cosignproject.cosign/signature`
//! annotation) must verify over the payload's bytes with a trusted key.
//! The verdict is a fact (`SignatureCheck`); PROV-102 judges it.

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::client::{self, Client};
use super::reference::Reference;
use crate::facts::image::{SignatureCheck, VerifiedSignature};

/// The annotation holding a cosign signature on a signature layer.
pub const SIGNATURE_ANNOTATION: &str = "dev.cosignproject.cosign/signature";
/// The media type of a simple-signing payload layer.
pub const PAYLOAD_MEDIA_TYPE: &str = "application/vnd.dev.cosign.simplesigning.v1+json";
/// Bytes of a payload read (they are small JSON documents).
const MAX_PAYLOAD_BYTES: u64 = 1 << 20;
/// Signature layers examined per image, referrers followed per image.
const MAX_SIGNATURES: usize = 64;
const MAX_REFERRERS: usize = 32;
/// Pages of the referrers list read per image (a registry pages it with
/// `Link: <...>; rel="next"`).
const MAX_REFERRER_PAGES: usize = 8;

/// The algorithm and key material of a trusted key.
#[derive(Clone, Debug, PartialEq, Eq)]
enum KeyKind {
    /// The uncompressed point (0x04 || X || Y).
    EcdsaP256(Vec<u8>),
    /// The PKCS#1 RSAPublicKey DER.
    Rsa(Vec<u8>),
}

/// A public key whose signatures are trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedKey {
    /// The file it came from.
    pub path: String,
    /// `sha256:<hex>` of its SubjectPublicKeyInfo DER.
    pub fingerprint: String,
    kind: KeyKind,
}

impl TrustedKey {
    /// `path (ecdsa-p256 sha256:...)`, as findings name it.
    pub fn describe(&self) -> String {
        let alg = match self.kind {
            KeyKind::EcdsaP256(_) => "ecdsa-p256",
            KeyKind::Rsa(_) => "rsa",
        };
        format!("{} ({alg} {})", self.path, self.fingerprint)
    }

    /// Whether `sig` is this key's signature over `msg` (ECDSA P-256 with
    /// SHA-256, DER-encoded; RSA PKCS#1 v1.5 or PSS with SHA-256).
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        use ring::signature::{self as rs, UnparsedPublicKey};
        match &self.kind {
            KeyKind::EcdsaP256(point) => {
                UnparsedPublicKey::new(&rs::ECDSA_P256_SHA256_ASN1, point)
                    .verify(msg, sig)
                    .is_ok()
                    || UnparsedPublicKey::new(&rs::ECDSA_P256_SHA256_FIXED, point)
                        .verify(msg, sig)
                        .is_ok()
            }
            KeyKind::Rsa(der) => {
                UnparsedPublicKey::new(&rs::RSA_PKCS1_2048_8192_SHA256, der)
                    .verify(msg, sig)
                    .is_ok()
                    || UnparsedPublicKey::new(&rs::RSA_PSS_2048_8192_SHA256, der)
                        .verify(msg, sig)
                        .is_ok()
            }
        }
    }
}

/// Reads a trusted key from a PEM file (`-----BEGIN PUBLIC KEY-----`, as
/// `cosign generate-key-pair` and `openssl pkey -pubout` write it).
pub fn load_key(path: &std::path::Path) -> Result<TrustedKey, String> {
    let pem =
        crate::collect::files::read_input(path, crate::collect::files::InputKind::Config, false)
            .map_err(|e| format!("--key {} {e}", path.display()))?;
    parse_key(&pem, &path.display().to_string())
}

/// A trusted key from PEM text; `name` names it in messages.
pub fn parse_key(pem: &[u8], name: &str) -> Result<TrustedKey, String> {
    use rustls_pki_types::pem::PemObject;
    let spki = rustls_pki_types::SubjectPublicKeyInfoDer::from_pem_slice(pem).map_err(|e| {
        format!("--key {name}: not a PEM public key (-----BEGIN PUBLIC KEY-----): {e}")
    })?;
    let der: &[u8] = spki.as_ref();
    let kind = parse_spki(der).map_err(|e| format!("--key {name}: {e}"))?;
    Ok(TrustedKey {
        path: name.to_string(),
        fingerprint: format!(
            "sha256:{}",
            crate::collect::image::layer::hex(&Sha256::digest(der))
        ),
        kind,
    })
}

/// One DER element: (tag, content, rest).
fn der(input: &[u8]) -> Result<(u8, &[u8], &[u8]), String> {
    let (&tag, rest) = input.split_first().ok_or("truncated DER")?;
    let (&len0, rest) = rest.split_first().ok_or("truncated DER length")?;
    let (len, rest) = if len0 < 0x80 {
        (len0 as usize, rest)
    } else {
        let n = (len0 & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return Err("bad DER length".into());
        }
        let mut l = 0usize;
        for b in &rest[..n] {
            l = (l << 8) | *b as usize;
        }
        (l, &rest[n..])
    };
    if rest.len() < len {
        return Err("truncated DER content".into());
    }
    Ok((tag, &rest[..len], &rest[len..]))
}

const OID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING }.
fn parse_spki(input: &[u8]) -> Result<KeyKind, String> {
    let (tag, spki, _) = der(input)?;
    if tag != 0x30 {
        return Err("not a SubjectPublicKeyInfo".into());
    }
    let (tag, alg, rest) = der(spki)?;
    if tag != 0x30 {
        return Err("no algorithm identifier".into());
    }
    let (tag, bits, _) = der(rest)?;
    if tag != 0x03 || bits.first() != Some(&0) {
        return Err("no public key bit string".into());
    }
    let key = &bits[1..];
    let (tag, oid, params) = der(alg)?;
    if tag != 0x06 {
        return Err("no algorithm OID".into());
    }
    if oid == OID_EC_PUBLIC_KEY {
        let (tag, curve, _) = der(params)?;
        if tag != 0x06 || curve != OID_P256 {
            return Err("an EC key on a curve other than P-256 (prime256v1): not supported".into());
        }
        if key.len() != 65 || key[0] != 0x04 {
            return Err("the P-256 point is not uncompressed (65 bytes)".into());
        }
        return Ok(KeyKind::EcdsaP256(key.to_vec()));
    }
    if oid == OID_RSA {
        // RSAPublicKey ::= SEQUENCE { modulus INTEGER, exponent INTEGER }:
        // a size the verifier refuses is refused here, with its size,
        // rather than every signature said not to verify.
        let (tag, seq, _) = der(key)?;
        let (itag, modulus, _) = der(seq)?;
        if tag != 0x30 || itag != 0x02 {
            return Err("not an RSA public key".into());
        }
        let m: &[u8] = match modulus.iter().position(|b| *b != 0) {
            Some(i) => &modulus[i..],
            None => &[],
        };
        let bits = m.len() * 8 - m.first().map_or(0, |b| b.leading_zeros() as usize);
        if !(2048..=8192).contains(&bits) {
            return Err(format!(
                "an RSA key of {bits} bits: only 2048 to 8192 bits are verified"
            ));
        }
        return Ok(KeyKind::Rsa(key.to_vec()));
    }
    Err("a key of another algorithm than ECDSA P-256 or RSA: not supported".into())
}

/// The `critical.type` of a cosign (simple signing) image signature payload.
const SIMPLE_SIGNING_TYPE: &str = "cosign container image signature";

/// The bound of a referrers index or signature manifest (a few kilobytes
/// each in practice): far below the bound of image documents, since up to
/// `MAX_REFERRERS` + 1 of them are read per image.
const SIGNATURE_DOC_BYTES: u64 = 4 << 20;

/// How long the signatures of one image are looked for, all requests
/// together (each is bounded on its own as well).
const SIGNATURE_LOOKUP: std::time::Duration = std::time::Duration::from_secs(120);

/// Verifies the cosign signatures of the image whose manifest has
/// `digest`: referrers first, then the `sha256-<hex>.sig` tag. Each
/// signature manifest is judged as it arrives (none is kept).
pub fn verify_image(
    c: &Client,
    r: &Reference,
    digest: &str,
    keys: &[TrustedKey],
    cap: u64,
) -> SignatureCheck {
    let mut check = SignatureCheck {
        digest: digest.to_string(),
        keys: keys.iter().map(TrustedKey::describe).collect(),
        ..Default::default()
    };
    let cap = cap.min(SIGNATURE_DOC_BYTES);
    let started = std::time::Instant::now();
    let scope = format!("repository:{}:pull", r.repo);
    let mut problems = Vec::new();
    // The signature layers of one signature manifest, each judged; `seen`
    // counts them over all manifests of the image (at most MAX_SIGNATURES).
    let mut seen = 0usize;
    let mut examine = |source: &str, manifest: &serde_json::Value| {
        for layer in manifest["layers"].as_array().into_iter().flatten() {
            let Some(sig_b64) = layer["annotations"][SIGNATURE_ANNOTATION].as_str() else {
                continue;
            };
            seen += 1;
            if seen > MAX_SIGNATURES {
                check.rejected.push(format!(
                    "more than {MAX_SIGNATURES} signatures: the rest not examined"
                ));
                return;
            }
            match judge(c, r, digest, keys, layer, sig_b64) {
                Ok(key) => check.verified.push(VerifiedSignature {
                    key,
                    source: source.to_string(),
                }),
                Err(why) => check.rejected.push(format!("{source}: {why}")),
            }
        }
    };
    // OCI 1.1 referrers API; a registry without it answers 404. The list
    // may come in pages: a signature on a later page counts as much.
    let out_of_time = || {
        (started.elapsed() > SIGNATURE_LOOKUP).then(|| {
            format!(
                "referrers: the lookup stopped after {} s",
                SIGNATURE_LOOKUP.as_secs()
            )
        })
    };
    let mut refs: Vec<serde_json::Value> = Vec::new();
    let mut page = Some(format!("/v2/{}/referrers/{digest}", r.repo));
    let mut pages = 0;
    while let Some(path) = page.take() {
        pages += 1;
        if pages > MAX_REFERRER_PAGES {
            problems.push(format!(
                "referrers: more than {MAX_REFERRER_PAGES} pages, the rest not examined"
            ));
            break;
        }
        if let Some(why) = out_of_time() {
            problems.push(why);
            break;
        }
        match c.document_or_missing(&path, Some(client::OCI_INDEX), &scope, cap) {
            Ok(Some(doc)) => match serde_json::from_slice::<serde_json::Value>(&doc.bytes) {
                Ok(mut v) => {
                    let before = refs.len();
                    if let Some(list) = v["manifests"].as_array_mut() {
                        refs.append(list);
                    }
                    page = doc.link.as_deref().and_then(client::next_link);
                    // A page that adds nothing and points on would loop.
                    if refs.len() == before && page.is_some() {
                        problems.push("referrers: an empty page with a next link".into());
                        page = None;
                    }
                }
                Err(_) => problems.push("the referrers answer is not JSON".into()),
            },
            Ok(None) => {}
            Err(e) => problems.push(format!("referrers: {e}")),
        }
    }
    // Signatures first: an image's SBOMs and attestations are referrers
    // too.
    refs.sort_by_key(|d| {
        let t = d["artifactType"].as_str().unwrap_or("");
        !(t.contains("cosign") && t.contains("sig"))
    });
    if refs.len() > MAX_REFERRERS {
        problems.push(format!(
            "{} referrers: only the first {MAX_REFERRERS} examined",
            refs.len()
        ));
    }
    for d in refs.iter().take(MAX_REFERRERS) {
        let Some(rd) = d["digest"].as_str() else {
            continue;
        };
        if super::reference::check_digest(rd).is_err() {
            continue;
        }
        if let Some(why) = out_of_time() {
            problems.push(why);
            break;
        }
        match super::fetch_manifest(c, &r.repo, rd, cap) {
            Ok(m) if m.mismatches.is_empty() => examine(&format!("referrer {rd}"), &m.json),
            Ok(_) => problems.push(format!(
                "referrer {rd}: its manifest does not match its digest"
            )),
            Err(e) => problems.push(format!("referrer {rd}: {e}")),
        }
    }
    let tag = format!("{}.sig", digest.replace(':', "-"));
    // Whether the signature tag was answered (found, or definitely absent):
    // then a failed referrers lookup does not make the answer unknown.
    let mut tag_answered = true;
    match c.document_or_missing(
        &format!("/v2/{}/manifests/{tag}", r.repo),
        Some(client::MANIFEST_ACCEPT),
        &scope,
        cap,
    ) {
        Ok(Some(doc)) => match serde_json::from_slice::<serde_json::Value>(&doc.bytes) {
            Ok(v) => examine(&format!("tag {tag}"), &v),
            Err(_) => problems.push(format!("tag {tag}: the manifest is not JSON")),
        },
        Ok(None) => {}
        Err(e) => {
            tag_answered = false;
            problems.push(format!("tag {tag}: {e}"));
        }
    }
    // Signatures could not be looked for at all: unknown, not absent. A
    // signature tag the registry says is missing is an answer, whatever
    // the referrers API said (its error is kept with the rejections).
    if seen == 0 && !problems.is_empty() && !tag_answered {
        check.unavailable = Some(problems.join("; "));
    } else {
        check.rejected.extend(problems);
    }
    check.verified.sort();
    check.verified.dedup();
    check.rejected.sort();
    check.rejected.dedup();
    check
}

/// One signature layer: its payload fetched and checked against its
/// digest, the payload's image digest compared, the signature verified.
/// Ok(the key that verified it).
fn judge(
    c: &Client,
    r: &Reference,
    digest: &str,
    keys: &[TrustedKey],
    layer: &serde_json::Value,
    sig_b64: &str,
) -> Result<String, String> {
    let (ld, size) = super::descriptor(layer, "signature layer")?;
    let payload = c.blob_bytes(&r.repo, &ld, Some(size), MAX_PAYLOAD_BYTES)?;
    if super::sha256_digest(&payload) != ld {
        return Err(format!("payload {ld}: the blob does not match its digest"));
    }
    verify_payload(&payload, sig_b64, digest, keys)
}

/// Checks a simple-signing payload and its base64 signature for the image
/// `digest`; Ok(the describing name of the key that verified it).
pub fn verify_payload(
    payload: &[u8],
    sig_b64: &str,
    digest: &str,
    keys: &[TrustedKey],
) -> Result<String, String> {
    let v: serde_json::Value =
        serde_json::from_slice(payload).map_err(|_| "the payload is not JSON".to_string())?;
    // A signature made with the same key over other JSON (`cosign
    // sign-blob`) is not an image signature.
    let kind = v["critical"]["type"].as_str().unwrap_or_default();
    if kind != SIMPLE_SIGNING_TYPE {
        return Err(format!(
            "the payload's critical.type is {kind:?}, not {SIMPLE_SIGNING_TYPE:?}"
        ));
    }
    let named = v["critical"]["image"]["docker-manifest-digest"]
        .as_str()
        .ok_or("the payload names no critical.image.docker-manifest-digest")?;
    if named != digest {
        return Err(format!(
            "the payload signs {named}, not this image's {digest}"
        ));
    }
    let sig = base64::engine::general_purpose::STANDARD
        .decode(sig_b64.trim())
        .map_err(|_| "the signature annotation is not base64".to_string())?;
    keys.iter()
        .find(|k| k.verify(payload, &sig))
        .map(TrustedKey::describe)
        .ok_or_else(|| "the signature does not verify with any trusted key".to_string())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A P-256 key pair made by openssl in `dir`: (private PEM path,
    /// public PEM path).
    pub(crate) fn openssl_key(
        dir: &std::path::Path,
        name: &str,
        rsa: bool,
    ) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
        let key = dir.join(format!("{name}.key"));
        let pubk = dir.join(format!("{name}.pub"));
        let gen = if rsa {
            std::process::Command::new("openssl")
                .args([
                    "genpkey",
                    "-algorithm",
                    "RSA",
                    "-pkeyopt",
                    "rsa_keygen_bits:2048",
                    "-out",
                ])
                .arg(&key)
                .output()
        } else {
            std::process::Command::new("openssl")
                .args([
                    "ecparam",
                    "-genkey",
                    "-name",
                    "prime256v1",
                    "-noout",
                    "-out",
                ])
                .arg(&key)
                .output()
        };
        if !gen.ok()?.status.success() {
            return None;
        }
        let out = std::process::Command::new("openssl")
            .args(["pkey", "-pubout", "-in"])
            .arg(&key)
            .arg("-out")
            .arg(&pubk)
            .output()
            .ok()?;
        out.status.success().then_some((key, pubk))
    }

    pub(crate) fn sign(dir: &std::path::Path, key: &std::path::Path, payload: &[u8]) -> String {
        let p = dir.join("payload.json");
        std::fs::write(&p, payload).unwrap();
        let out = std::process::Command::new("openssl")
            .args(["dgst", "-sha256", "-sign"])
            .arg(key)
            .arg(&p)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        base64::engine::general_purpose::STANDARD.encode(out.stdout)
    }

    #[test]
    fn openssl_signatures_verify() {
        let dir = tempfile::tempdir().unwrap();
        let in_ci = std::env::var_os("CI").is_some();
        let (Some((ec_key, ec_pub)), Some((rsa_key, rsa_pub)), Some((_, other_pub))) = (
            openssl_key(dir.path(), "ec", false),
            openssl_key(dir.path(), "rsa", true),
            openssl_key(dir.path(), "other", false),
        ) else {
            assert!(!in_ci, "openssl is needed for the signature tests");
            return;
        };
        let ec = load_key(&ec_pub).unwrap();
        let rsa = load_key(&rsa_pub).unwrap();
        let other = load_key(&other_pub).unwrap();
        assert!(ec.describe().contains("ecdsa-p256 sha256:"));
        assert!(rsa.describe().contains("(rsa sha256:"));
        let digest = format!("sha256:{}", "ab".repeat(32));
        let payload = format!(
            r#"{{"critical":{{"identity":{{"docker-reference":"h/app"}},"image":{{"docker-manifest-digest":"{digest}"}},"type":"cosign container image signature"}},"optional":null}}"#
        );
        let sig = sign(dir.path(), &ec_key, payload.as_bytes());
        assert_eq!(
            verify_payload(payload.as_bytes(), &sig, &digest, std::slice::from_ref(&ec)).unwrap(),
            ec.describe()
        );
        let e = verify_payload(
            payload.as_bytes(),
            &sig,
            &digest,
            std::slice::from_ref(&other),
        )
        .unwrap_err();
        assert!(e.contains("does not verify"), "{e}");
        let other_digest = format!("sha256:{}", "cd".repeat(32));
        let e = verify_payload(
            payload.as_bytes(),
            &sig,
            &other_digest,
            std::slice::from_ref(&ec),
        )
        .unwrap_err();
        assert!(e.contains("not this image's"), "{e}");
        // A blob signed with the same key that names the digest but is not
        // an image signature (`cosign sign-blob` over chosen JSON).
        let blob = payload.replace("cosign container image signature", "x");
        let bsig = sign(dir.path(), &ec_key, blob.as_bytes());
        let e =
            verify_payload(blob.as_bytes(), &bsig, &digest, std::slice::from_ref(&ec)).unwrap_err();
        assert!(e.contains("critical.type"), "{e}");
        // One byte of the payload changed: the signature no longer holds.
        let tampered = payload.replace("h/app", "h/apq");
        assert!(verify_payload(
            tampered.as_bytes(),
            &sig,
            &digest,
            std::slice::from_ref(&ec)
        )
        .is_err());
        let rsig = sign(dir.path(), &rsa_key, payload.as_bytes());
        assert_eq!(
            verify_payload(
                payload.as_bytes(),
                &rsig,
                &digest,
                &[other.clone(), rsa.clone()]
            )
            .unwrap(),
            rsa.describe()
        );
    }

    #[test]
    fn bad_keys_are_named() {
        assert!(parse_key(b"not pem", "k.pub")
            .unwrap_err()
            .contains("k.pub: not a PEM public key"));
        // An Ed25519 key: another algorithm.
        let ed = b"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        assert!(parse_key(ed, "ed.pub")
            .unwrap_err()
            .contains("not supported"));
        // An RSA key of 1024 bits: refused with its size.
        let small = b"-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDUcLrdX3bRpVELLy8xfOSBfGZr\noBScmWqLRQIknyIVjCPLv2ULLxhVTlW8v3aWjOA2k23s5fGLVj+Rptn9ZkF1CEKM\njweJCTPsjFI9424ZEY2kVL+kycSwkCdG4hAoMeNaqNx9naONnYHqi49kBn/7vUq9\nnW3HZklU5FMTauaK9QIDAQAB\n-----END PUBLIC KEY-----\n";
        let e = parse_key(small, "small.pub").unwrap_err();
        assert!(e.contains("RSA key of 1024 bits"), "{e}");
        for junk in [
            &[][..],
            &[0x30],
            &[0x30, 0x85, 1, 1, 1, 1, 1],
            &[0x30, 0x02, 0x30, 0x00],
        ] {
            assert!(parse_spki(junk).is_err());
        }
    }
}
