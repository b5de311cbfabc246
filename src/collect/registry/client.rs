//! The registry client: the OCI distribution API over our own hyper
//! transport (one connection per request, as the engine transport), TLS
//! with the system roots plus `--registry-ca`, plain HTTP only to insecure
//! hosts (loopback and `--insecure-registry`, HTTPS tried first as the
//! engine does), anonymous, Basic and Bearer-token authentication, retries
//! with backoff on 429 and 5xx, a timeout on every request and a byte
//! bound on every document. Blobs are streamed to the caller as a `Read`,
//! never collected or written to disk. Credentials and tokens never appear
//! in a message.

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderMap, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use super::auth::{self, Challenge, Credentials};
use super::reference;
use crate::collect::endpoint::capped::{self, Capped};
use crate::collect::endpoint::{error_chain, human};
use crate::parse::percent_encode as encode;

/// Media types of manifests and indexes.
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// What a manifest request accepts.
pub const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";

/// How the client reaches registries.
#[derive(Clone, Debug)]
pub struct Options {
    /// Hosts (`host[:port]`) that may be spoken to over plain HTTP, besides
    /// loopback.
    pub insecure: Vec<String>,
    /// PEM files of CAs trusted besides the system roots.
    pub ca_files: Vec<PathBuf>,
    /// Credentials given on the command line (they win over the Docker
    /// config).
    pub credentials: Option<Credentials>,
    /// Read credentials from the Docker client config when none is given.
    pub docker_config: bool,
    /// Every document request (ping, manifest, config, token, lists), all
    /// retries included.
    pub request_timeout: Duration,
    /// A blob: the registry sends nothing for this long.
    pub blob_idle_timeout: Duration,
    /// A blob: reading it in all.
    pub blob_timeout: Duration,
    /// Retries of a request answered 429 or 5xx, or whose connection failed.
    pub retries: u32,
    /// First backoff (doubled each retry).
    pub backoff: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            insecure: Vec::new(),
            ca_files: Vec::new(),
            credentials: None,
            docker_config: true,
            request_timeout: Duration::from_secs(30),
            blob_idle_timeout: Duration::from_secs(60),
            blob_timeout: Duration::from_secs(3600),
            retries: 3,
            backoff: Duration::from_millis(200),
        }
    }
}

/// Bytes of a token response.
const MAX_TOKEN_BYTES: u64 = 1 << 20;
/// Bytes of an error body kept for a message.
const MAX_ERROR_BYTES: u64 = 16 << 10;
/// Redirects followed (blob storage behind a registry).
const MAX_REDIRECTS: usize = 5;

/// A URL the client sends to.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Url {
    https: bool,
    /// `host[:port]`.
    host: String,
    /// Path and query.
    path: String,
}

impl Url {
    fn parse(s: &str) -> Result<Url, String> {
        let (https, rest) = if let Some(r) = s.strip_prefix("https://") {
            (true, r)
        } else if let Some(r) = s.strip_prefix("http://") {
            (false, r)
        } else {
            return Err(format!("{s:?} is not an http(s) URL"));
        };
        let (host, path) = match rest.find(['/', '?']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let host = reference::parse_host(host)?;
        let path = if path.starts_with('?') {
            format!("/{path}")
        } else {
            path.to_string()
        };
        Ok(Url { https, host, path })
    }

    fn show(&self) -> String {
        // Query strings may carry signed tokens: never shown.
        let path = self.path.split('?').next().unwrap_or(&self.path);
        format!(
            "{}://{}{path}",
            if self.https { "https" } else { "http" },
            self.host
        )
    }
}

/// The state of authentication with one registry.
#[derive(Default)]
struct AuthState {
    challenge: Option<Challenge>,
    /// Bearer tokens by scope.
    tokens: HashMap<String, String>,
}

/// A client of one registry host.
pub struct Client {
    rt: tokio::runtime::Runtime,
    pub host: String,
    https: bool,
    tls: Arc<rustls::ClientConfig>,
    creds: Option<Credentials>,
    auth: Mutex<AuthState>,
    opts: Options,
}

/// A document answered by the registry.
pub struct Document {
    /// 200-range, or 404 when asked for with `document_or_missing`.
    pub status: u16,
    pub bytes: Vec<u8>,
    pub content_type: String,
    pub digest_header: Option<String>,
    pub link: Option<String>,
}

/// Whether plain HTTP may be spoken to `host`.
pub fn insecure_allowed(host: &str, insecure: &[String]) -> bool {
    reference::is_loopback(host)
        || insecure.iter().any(|h| {
            h.eq_ignore_ascii_case(host)
                || (!h.contains(':') && h.eq_ignore_ascii_case(reference::host_name(host)))
        })
}

/// The TLS client: the system's roots plus the CAs of `ca_files`.
pub fn tls_config(ca_files: &[PathBuf]) -> Result<Arc<rustls::ClientConfig>, String> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    let _ = roots.add_parsable_certificates(native.certs);
    for p in ca_files {
        let pem =
            crate::collect::files::read_input(p, crate::collect::files::InputKind::Config, false)
                .map_err(|e| format!("--registry-ca {} {e}", p.display()))?;
        let mut n = 0;
        for c in CertificateDer::pem_slice_iter(&pem) {
            let c = c.map_err(|e| format!("--registry-ca {}: not a PEM file: {e}", p.display()))?;
            roots
                .add(c)
                .map_err(|e| format!("--registry-ca {}: {e}", p.display()))?;
            n += 1;
        }
        if n == 0 {
            return Err(format!(
                "--registry-ca {}: no certificate in the file",
                p.display()
            ));
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(cfg))
}

impl Client {
    /// A client of `host`: credentials resolved (flag, else Docker config),
    /// then `GET /v2/` to choose the scheme and learn the challenge.
    pub fn connect(host: &str, opts: &Options) -> Result<Client, String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("starting the async runtime: {e}"))?;
        let creds = match &opts.credentials {
            Some(c) => Some(c.clone()),
            None if opts.docker_config => match auth::docker_config_path() {
                Some(p) => auth::from_docker_config(&p, host)
                    .map_err(|e| format!("registry {host}: credentials: {e}"))?,
                None => None,
            },
            None => None,
        };
        let mut c = Client {
            rt,
            host: host.to_string(),
            https: true,
            tls: tls_config(&opts.ca_files)?,
            creds,
            auth: Mutex::new(AuthState::default()),
            opts: opts.clone(),
        };
        c.ping()?;
        Ok(c)
    }

    /// Whether the registry is spoken to over HTTPS.
    pub fn https(&self) -> bool {
        self.https
    }

    fn url(&self, path: &str) -> Url {
        Url {
            https: self.https,
            host: self.host.clone(),
            path: path.to_string(),
        }
    }

    /// Removes whatever secret could have slipped into `msg`.
    fn scrub(&self, msg: String) -> String {
        match &self.creds {
            Some(c) => c.scrub(&msg),
            None => msg,
        }
    }

    /// `GET /v2/`: HTTPS, else (insecure hosts only) plain HTTP; 200 or 401
    /// (whose challenge is kept) are answers.
    fn ping(&mut self) -> Result<(), String> {
        let timeout = self.opts.request_timeout;
        let try_once = |https: bool| -> Result<Response<Incoming>, String> {
            let url = Url {
                https,
                host: self.host.clone(),
                path: "/v2/".into(),
            };
            self.rt.block_on(async {
                match tokio::time::timeout(timeout, self.send(&url, &Method::GET, None, None)).await
                {
                    Err(_) => Err(format!(
                        "GET {}: no answer within {}",
                        url.show(),
                        human(timeout)
                    )),
                    Ok(r) => r,
                }
            })
        };
        let mut tls_failure = None;
        let resp = match try_once(true) {
            Ok(r) => r,
            Err(tls_err) if insecure_allowed(&self.host, &self.opts.insecure) => {
                match try_once(false) {
                    Ok(r) => {
                        self.https = false;
                        tls_failure = Some(tls_err);
                        r
                    }
                    Err(e) => {
                        return Err(format!(
                            "registry {}: unreachable over HTTPS ({tls_err}) and over HTTP ({e})",
                            self.host
                        ))
                    }
                }
            }
            Err(e) => {
                return Err(format!(
                    "registry {}: {e} (plain HTTP is used only for loopback and --insecure-registry hosts)",
                    self.host
                ))
            }
        };
        match resp.status() {
            StatusCode::OK => Ok(()),
            StatusCode::UNAUTHORIZED => {
                let ch = challenge_of(resp.headers())
                    .map_err(|e| format!("registry {}: GET /v2/: {e}", self.host))?;
                self.auth.lock().expect("auth lock").challenge = Some(ch);
                Ok(())
            }
            // An HTTPS server answers plain HTTP with 400: the HTTPS
            // failure is the one to tell.
            s => match tls_failure {
                Some(tls_err) => Err(format!(
                    "registry {}: unreachable over HTTPS ({tls_err}); over HTTP GET /v2/ answered {s}",
                    self.host
                )),
                None => Err(format!(
                    "registry {}: GET /v2/ answered {s}: not a registry (distribution API v2)",
                    self.host
                )),
            },
        }
    }

    /// One request on a new connection (TLS when `url.https`).
    async fn send(
        &self,
        url: &Url,
        method: &Method,
        accept: Option<&str>,
        authorization: Option<&str>,
    ) -> Result<Response<Incoming>, String> {
        let name = reference::host_name(&url.host).to_string();
        let port = reference::port(&url.host, if url.https { 443 } else { 80 });
        let tcp = tokio::net::TcpStream::connect((name.as_str(), port))
            .await
            .map_err(|e| format!("{method} {}: connecting: {e}", url.show()))?;
        let mut req = Request::builder()
            .method(method.clone())
            .uri(url.path.as_str())
            .header(
                "User-Agent",
                concat!("dockaudit/", env!("CARGO_PKG_VERSION")),
            );
        if let Some(a) = accept {
            req = req.header("Accept", a);
        }
        if let Some(a) = authorization {
            let mut v = HeaderValue::from_str(a).map_err(|_| {
                format!(
                    "{method} {}: the credentials are not a valid header value",
                    url.show()
                )
            })?;
            v.set_sensitive(true);
            req = req.header("Authorization", v);
        }
        let req = req
            .body(Empty::<Bytes>::new())
            .map_err(|e| format!("{method} {}: {e}", url.show()))?;
        // The socket is uncapped here: documents are bounded as their body
        // is read, blobs by their descriptor's size.
        let res = if url.https {
            let sn = rustls_pki_types::ServerName::try_from(name.clone())
                .map_err(|e| format!("TLS server name {name:?}: {e}"))?;
            let tls = tokio_rustls::TlsConnector::from(self.tls.clone())
                .connect(sn, Capped::new(tcp, u64::MAX))
                .await
                .map_err(|e| format!("{method} {}: TLS: {e}", url.show()))?;
            capped::send(tls, &url.host, req).await
        } else {
            capped::send(Capped::new(tcp, u64::MAX), &url.host, req).await
        };
        res.map_err(|e| format!("{method} {}: {}", url.show(), error_chain(&e)))
    }

    /// The Authorization value for `scope`, fetching a token when the
    /// registry asked for one.
    async fn authorization(&self, scope: &str) -> Result<Option<String>, String> {
        let (challenge, token) = {
            let st = self.auth.lock().expect("auth lock");
            (st.challenge.clone(), st.tokens.get(scope).cloned())
        };
        match challenge {
            None => Ok(None),
            Some(Challenge::Basic) => match &self.creds {
                Some(c) => Ok(Some(c.basic())),
                None => Err(format!(
                    "registry {} requires authentication (Basic): give --username and --password-stdin, or log in with the docker CLI",
                    self.host
                )),
            },
            Some(Challenge::Bearer { .. }) if token.is_some() => {
                Ok(token.map(|t| format!("Bearer {t}")))
            }
            Some(Challenge::Bearer {
                realm, service, ..
            }) => {
                let t = self.fetch_token(&realm, service.as_deref(), scope).await?;
                self.auth
                    .lock()
                    .expect("auth lock")
                    .tokens
                    .insert(scope.to_string(), t.clone());
                Ok(Some(format!("Bearer {t}")))
            }
        }
    }

    /// The token flow: GET realm?service=..&scope=.., with Basic credentials
    /// when there are any.
    async fn fetch_token(
        &self,
        realm: &str,
        service: Option<&str>,
        scope: &str,
    ) -> Result<String, String> {
        let mut url = Url::parse(realm).map_err(|e| format!("Bearer realm: {e}"))?;
        if !url.https && !insecure_allowed(&url.host, &self.opts.insecure) {
            return Err(format!(
                "the token service {} is plain HTTP: refused (credentials would travel in clear; --insecure-registry {} allows it)",
                url.show(),
                url.host
            ));
        }
        let mut q = Vec::new();
        if let Some(s) = service {
            q.push(format!("service={}", encode(s)));
        }
        if !scope.is_empty() {
            q.push(format!("scope={}", encode(scope)));
        }
        if !q.is_empty() {
            url.path
                .push(if url.path.contains('?') { '&' } else { '?' });
            url.path.push_str(&q.join("&"));
        }
        let basic = self.creds.as_ref().map(|c| c.basic());
        let resp = self
            .send(
                &url,
                &Method::GET,
                Some("application/json"),
                basic.as_deref(),
            )
            .await?;
        let status = resp.status();
        let body = read_capped(resp.into_body(), MAX_TOKEN_BYTES)
            .await
            .map_err(|e| format!("GET {}: {e}", url.show()))?;
        if !status.is_success() {
            return Err(format!(
                "the token service {} answered {status}{}",
                url.show(),
                if status == StatusCode::UNAUTHORIZED {
                    ": the credentials were refused"
                } else {
                    ""
                }
            ));
        }
        let v: serde_json::Value = serde_json::from_slice(&body)
            .map_err(|_| format!("the token service {}: the answer is not JSON", url.show()))?;
        v["token"]
            .as_str()
            .or(v["access_token"].as_str())
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .ok_or_else(|| format!("the token service {}: no token in the answer", url.show()))
    }

    /// GET `path` with authentication, retries and redirects; the response
    /// of a success status, its headers read. The caller bounds the time.
    async fn get_response(
        &self,
        path: &str,
        accept: Option<&str>,
        scope: &str,
        missing_ok: bool,
    ) -> Result<Response<Incoming>, String> {
        let mut url = self.url(path);
        let mut attempt = 0u32;
        let mut reauth = false;
        let mut redirects = 0usize;
        loop {
            // Credentials go to the registry only, never to a redirect's host.
            let authz = if url.host == self.host {
                self.authorization(scope).await?
            } else {
                None
            };
            let sent = self
                .send(&url, &Method::GET, accept, authz.as_deref())
                .await;
            let resp = match sent {
                Ok(r) => r,
                Err(e) if attempt < self.opts.retries => {
                    attempt += 1;
                    tokio::time::sleep(self.backoff(attempt, None)).await;
                    let _ = e;
                    continue;
                }
                Err(e) => return Err(e),
            };
            let status = resp.status();
            if status.is_success() || (missing_ok && status == StatusCode::NOT_FOUND) {
                return Ok(resp);
            }
            if status.is_redirection() {
                redirects += 1;
                let loc = resp
                    .headers()
                    .get("Location")
                    .and_then(|l| l.to_str().ok())
                    .ok_or_else(|| format!("GET {}: {status} without a Location", url.show()))?;
                if redirects > MAX_REDIRECTS {
                    return Err(format!(
                        "GET {}: more than {MAX_REDIRECTS} redirects",
                        url.show()
                    ));
                }
                let next = if loc.starts_with('/') {
                    Url {
                        path: loc.to_string(),
                        ..url.clone()
                    }
                } else {
                    Url::parse(loc).map_err(|e| format!("GET {}: redirect: {e}", url.show()))?
                };
                if !next.https && !insecure_allowed(&next.host, &self.opts.insecure) {
                    return Err(format!(
                        "GET {}: redirected to plain HTTP {}: refused",
                        url.show(),
                        next.show()
                    ));
                }
                url = next;
                continue;
            }
            if status == StatusCode::UNAUTHORIZED && url.host == self.host && !reauth {
                reauth = true;
                let ch =
                    challenge_of(resp.headers()).map_err(|e| format!("GET {}: {e}", url.show()))?;
                let mut st = self.auth.lock().expect("auth lock");
                st.tokens.remove(scope);
                st.challenge = Some(ch);
                continue;
            }
            let retry_after = resp
                .headers()
                .get("Retry-After")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            if (status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error())
                && attempt < self.opts.retries
            {
                attempt += 1;
                tokio::time::sleep(self.backoff(attempt, retry_after)).await;
                continue;
            }
            let body = read_capped(resp.into_body(), MAX_ERROR_BYTES)
                .await
                .unwrap_or_default();
            return Err(format!(
                "GET {}: {status}{}{}",
                url.show(),
                error_detail(&body),
                match status {
                    StatusCode::UNAUTHORIZED => ": the credentials were refused or are missing",
                    StatusCode::FORBIDDEN => ": access denied",
                    _ if attempt > 0 => " (after retries)",
                    _ => "",
                }
            ));
        }
    }

    fn backoff(&self, attempt: u32, retry_after: Option<u64>) -> Duration {
        let exp = self.opts.backoff * 2u32.saturating_pow(attempt.saturating_sub(1));
        let ra = retry_after.map(|s| Duration::from_secs(s.min(10)));
        ra.unwrap_or(exp).min(Duration::from_secs(10))
    }

    /// A document (manifest, config, list), at most `cap` bytes, within
    /// the request timeout.
    pub fn document(
        &self,
        path: &str,
        accept: Option<&str>,
        scope: &str,
        cap: u64,
    ) -> Result<Document, String> {
        self.fetch_document(path, accept, scope, cap, false)
    }

    /// `document`, a 404 answer given as None (a tag or API that is not
    /// there, as opposed to a failure).
    pub fn document_or_missing(
        &self,
        path: &str,
        accept: Option<&str>,
        scope: &str,
        cap: u64,
    ) -> Result<Option<Document>, String> {
        let d = self.fetch_document(path, accept, scope, cap, true)?;
        Ok((d.status != 404).then_some(d))
    }

    fn fetch_document(
        &self,
        path: &str,
        accept: Option<&str>,
        scope: &str,
        cap: u64,
        missing_ok: bool,
    ) -> Result<Document, String> {
        let timeout = self.opts.request_timeout;
        let what = format!("GET {}", self.url(path).show());
        let res = self.rt.block_on(async {
            tokio::time::timeout(timeout, async {
                let resp = self.get_response(path, accept, scope, missing_ok).await?;
                let status = resp.status().as_u16();
                let h = resp.headers();
                let header = |n: &str| h.get(n).and_then(|v| v.to_str().ok()).map(str::to_string);
                let content_type = header("Content-Type").unwrap_or_default();
                let digest_header = header("Docker-Content-Digest");
                let link = header("Link");
                let bytes = read_capped(resp.into_body(), cap)
                    .await
                    .map_err(|e| format!("{what}: {e}"))?;
                Ok(Document {
                    status,
                    bytes,
                    content_type,
                    digest_header,
                    link,
                })
            })
            .await
        });
        match res {
            Err(_) => Err(self.scrub(format!(
                "{what}: no answer within {} (--timeout)",
                human(timeout)
            ))),
            Ok(r) => r.map_err(|e| self.scrub(e)),
        }
    }

    /// A blob as a stream of exactly `size` bytes (more or fewer is an
    /// error), bounded by the blob timeouts.
    pub fn blob(&self, repo: &str, digest: &str, size: u64) -> Result<BlobReader<'_>, String> {
        let path = format!("/v2/{repo}/blobs/{digest}");
        let what = format!("GET {}", self.url(&path).show());
        let scope = format!("repository:{repo}:pull");
        let start = Instant::now();
        let deadline = start + self.opts.blob_timeout;
        let wait = self.opts.request_timeout.min(self.opts.blob_timeout);
        let resp = self.rt.block_on(async {
            tokio::time::timeout(wait, self.get_response(&path, None, &scope, false)).await
        });
        let resp = match resp {
            Err(_) => {
                return Err(self.scrub(format!(
                    "{what}: no answer within {} (--timeout)",
                    human(wait)
                )))
            }
            Ok(r) => r.map_err(|e| self.scrub(e))?,
        };
        Ok(BlobReader {
            client: self,
            body: resp.into_body(),
            cur: Bytes::new(),
            read: 0,
            size,
            deadline,
            what,
        })
    }

    /// The bytes of a small blob (a config, a signature payload): at most
    /// `cap` bytes and exactly `size` when the descriptor gives one.
    pub fn blob_bytes(
        &self,
        repo: &str,
        digest: &str,
        size: Option<u64>,
        cap: u64,
    ) -> Result<Vec<u8>, String> {
        let path = format!("/v2/{repo}/blobs/{digest}");
        let what = format!("GET {}", self.url(&path).show());
        if let Some(s) = size.filter(|s| *s > cap) {
            return Err(format!(
                "{what}: the descriptor gives {s} bytes, over the bound of {cap} bytes"
            ));
        }
        let doc = self.document(&path, None, &format!("repository:{repo}:pull"), cap)?;
        if let Some(s) = size {
            if doc.bytes.len() as u64 != s {
                return Err(format!(
                    "{what}: {} bytes where the descriptor gives {s}",
                    doc.bytes.len()
                ));
            }
        }
        Ok(doc.bytes)
    }
}

/// Reads a body to its end, failing past `cap` bytes.
async fn read_capped(mut body: Incoming, cap: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| error_chain(&e))?;
        if let Ok(d) = frame.into_data() {
            if out.len() as u64 + d.len() as u64 > cap {
                return Err(format!("the response is over the bound of {cap} bytes"));
            }
            out.extend_from_slice(&d);
        }
    }
    Ok(out)
}

/// The challenge of a 401 answer.
fn challenge_of(h: &HeaderMap) -> Result<Challenge, String> {
    let v = h
        .get("WWW-Authenticate")
        .ok_or("401 without a WWW-Authenticate challenge")?
        .to_str()
        .map_err(|_| "WWW-Authenticate is not text".to_string())?;
    auth::parse_challenge(v)
}

/// The registry's error codes and messages (`{"errors":[{code,message}]}`),
/// shortened.
fn error_detail(body: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return String::new();
    };
    let parts: Vec<String> = v["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .take(3)
                .map(|e| {
                    let s = format!(
                        "{} {}",
                        e["code"].as_str().unwrap_or(""),
                        e["message"].as_str().unwrap_or("")
                    );
                    s.chars().take(200).collect::<String>().trim().to_string()
                })
                .collect()
        })
        .unwrap_or_default();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}

/// A blob's bytes as they arrive: exactly the descriptor's size, the
/// registry silent no longer than the idle bound, the whole read within
/// the blob timeout.
pub struct BlobReader<'a> {
    client: &'a Client,
    body: Incoming,
    cur: Bytes,
    read: u64,
    size: u64,
    deadline: Instant,
    what: String,
}

impl Read for BlobReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.cur.is_empty() {
            let now = Instant::now();
            let left = self.deadline.saturating_duration_since(now);
            let idle = self.client.opts.blob_idle_timeout;
            let wait = idle.min(left);
            let next = self
                .client
                .rt
                .block_on(async { tokio::time::timeout(wait, self.body.frame()).await });
            match next {
                Err(_) if wait < idle => {
                    return Err(io::Error::other(format!(
                        "{}: not read within {} (--export-timeout)",
                        self.what,
                        human(self.client.opts.blob_timeout)
                    )))
                }
                Err(_) => {
                    return Err(io::Error::other(format!(
                        "{}: the registry sent nothing for {} (--export-idle-timeout)",
                        self.what,
                        human(idle)
                    )))
                }
                Ok(None) => {
                    if self.read != self.size {
                        return Err(io::Error::other(format!(
                            "{}: the blob ended after {} bytes; its descriptor gives {}",
                            self.what, self.read, self.size
                        )));
                    }
                    return Ok(0);
                }
                Ok(Some(Err(e))) => {
                    return Err(io::Error::other(format!(
                        "{}: {}",
                        self.what,
                        error_chain(&e)
                    )))
                }
                Ok(Some(Ok(frame))) => {
                    if let Ok(d) = frame.into_data() {
                        self.read += d.len() as u64;
                        if self.read > self.size {
                            return Err(io::Error::other(format!(
                                "{}: the blob is longer than the {} bytes its descriptor gives",
                                self.what, self.size
                            )));
                        }
                        self.cur = d;
                    }
                }
            }
        }
        let n = buf.len().min(self.cur.len());
        buf[..n].copy_from_slice(&self.cur[..n]);
        let _ = self.cur.split_to(n);
        Ok(n)
    }
}

/// The `Link: <...>; rel="next"` target of a paginated list.
pub fn next_link(link: &str) -> Option<String> {
    for part in link.split(',') {
        let part = part.trim();
        if !part.contains("rel=\"next\"") && !part.contains("rel=next") {
            continue;
        }
        let start = part.find('<')? + 1;
        let end = part[start..].find('>')? + start;
        let target = &part[start..end];
        // Only a path on the same registry is followed.
        if let Some(p) = target.strip_prefix('/') {
            return Some(format!("/{p}"));
        }
        return Url::parse(target).ok().map(|u| u.path);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_links_and_encoding() {
        let u = Url::parse("https://auth.example:8443/token?x=secret").unwrap();
        assert_eq!(u.host, "auth.example:8443");
        assert_eq!(u.path, "/token?x=secret");
        assert_eq!(u.show(), "https://auth.example:8443/token");
        assert!(Url::parse("ftp://x/").is_err());
        assert_eq!(
            next_link(r#"</v2/_catalog?last=b&n=2>; rel="next""#).as_deref(),
            Some("/v2/_catalog?last=b&n=2")
        );
        assert_eq!(next_link(r#"</x>; rel="prev""#), None);
        assert_eq!(encode("repository:a/b:pull"), "repository%3Aa%2Fb%3Apull");
        assert!(insecure_allowed("127.0.0.1:5000", &[]));
        assert!(insecure_allowed("reg.lan:5000", &["reg.lan".into()]));
        assert!(insecure_allowed("reg.lan:5000", &["reg.lan:5000".into()]));
        assert!(!insecure_allowed("reg.lan:5000", &["reg.lan:6000".into()]));
        assert!(!insecure_allowed("reg.example", &[]));
        assert_eq!(
            error_detail(
                br#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#
            ),
            " (MANIFEST_UNKNOWN manifest unknown)"
        );
    }
}
