//! The engine transport for unix sockets, plain TCP and TLS: one connection
//! per request (as bollard's own), the bytes of each response bounded (the
//! response bound, `--max-input-bytes response=BYTES`), so an engine whose
//! reply never ends cannot grow memory until the request's timeout fires.
//! The image export is the one stream left unbounded here: it is read as it
//! arrives (never collected), under the layer limits and export timeouts.
//! Part of the one engine connection; it reads no facts.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bollard::BollardRequest;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use super::Transport;
use crate::collect::files::{self, InputKind};

/// A stream whose reads fail once more than `limit` bytes came in.
pub struct Capped<S> {
    inner: S,
    left: u64,
    limit: u64,
}

impl<S> Capped<S> {
    pub fn new(inner: S, limit: u64) -> Self {
        Capped {
            inner,
            left: limit,
            limit,
        }
    }
}

/// The error of a response over the bound (its message is what the user
/// reads, at the end of the request's error chain).
pub fn too_large(limit: u64) -> io::Error {
    io::Error::other(format!(
        "the response {}",
        files::too_large(InputKind::Response, limit)
    ))
}

impl<S: AsyncRead + Unpin> AsyncRead for Capped<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        ready!(Pin::new(&mut this.inner).poll_read(cx, buf))?;
        let n = (buf.filled().len() - before) as u64;
        if n > this.left {
            this.left = 0;
            return Poll::Ready(Err(too_large(this.limit)));
        }
        this.left -= n;
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Capped<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// The image export (`GET /images/{name}/get`, `GET /images/get`): a
/// stream, not a document.
fn is_stream(path: &str) -> bool {
    path.ends_with("/get") && path.contains("/images/")
}

/// The TLS client of DOCKER_TLS_VERIFY: the CA of `ca` alone is trusted
/// (as the docker CLI does), `cert` and `key` are the client's. Each file is
/// read within the configuration bound.
pub fn tls_config(
    ca: &std::path::Path,
    cert: &std::path::Path,
    key: &std::path::Path,
) -> Result<std::sync::Arc<rustls::ClientConfig>, String> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    let read = |p: &std::path::Path| {
        files::read_input(p, InputKind::Config, false).map_err(|e| format!("{} {e}", p.display()))
    };
    let pem_err = |p: &std::path::Path, e: rustls_pki_types::pem::Error| {
        format!("{}: not a PEM file: {e}", p.display())
    };
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_slice_iter(&read(ca)?) {
        let c = c.map_err(|e| pem_err(ca, e))?;
        roots.add(c).map_err(|e| format!("{}: {e}", ca.display()))?;
    }
    let chain = CertificateDer::pem_slice_iter(&read(cert)?)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| pem_err(cert, e))?;
    let key_der = PrivateKeyDer::from_pem_slice(&read(key)?).map_err(|e| pem_err(key, e))?;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_client_auth_cert(chain, key_der)
        .map_err(|e| format!("{} / {}: {e}", cert.display(), key.display()))?;
    Ok(std::sync::Arc::new(cfg))
}

/// Sends one request over a new connection to `t` (TLS with `tls`), its
/// response bounded (the export stream excepted).
pub async fn request(
    t: Transport,
    tls: Option<std::sync::Arc<rustls::ClientConfig>>,
    req: BollardRequest,
) -> Result<hyper::Response<hyper::body::Incoming>, bollard::errors::Error> {
    let limit = if is_stream(req.uri().path()) {
        u64::MAX
    } else {
        files::limit(InputKind::Response)
    };
    match t {
        Transport::Unix(sock) => {
            let s = tokio::net::UnixStream::connect(&sock).await?;
            send(Capped::new(s, limit), "docker", req).await
        }
        Transport::Tcp { addr, host } => {
            let hostport = addr.trim_start_matches("tcp://").to_string();
            let s = tokio::net::TcpStream::connect(&hostport).await?;
            match tls {
                None => send(Capped::new(s, limit), &hostport, req).await,
                Some(cfg) => {
                    // The ciphertext is counted: a bound on it bounds the
                    // reply.
                    let name = rustls_pki_types::ServerName::try_from(host.clone())
                        .map_err(|e| io::Error::other(format!("TLS server name {host:?}: {e}")))?;
                    let s = tokio_rustls::TlsConnector::from(cfg)
                        .connect(name, Capped::new(s, limit))
                        .await?;
                    send(s, &hostport, req).await
                }
            }
        }
        Transport::Unsupported(e) => {
            Err(io::Error::other(format!("unsupported endpoint {e}")).into())
        }
    }
}

/// HTTP/1.1 over `io`: the request in origin form with its Host header.
pub async fn send<S, B>(
    io: S,
    host: &str,
    mut req: hyper::Request<B>,
) -> Result<hyper::Response<hyper::body::Incoming>, bollard::errors::Error>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (mut sender, conn) =
        hyper::client::conn::http1::handshake::<_, B>(TokioIo::new(io)).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let origin: hyper::Uri = req
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .parse()
        .map_err(|e: hyper::http::uri::InvalidUri| io::Error::other(e.to_string()))?;
    *req.uri_mut() = origin;
    req.headers_mut().insert(
        hyper::header::HOST,
        hyper::header::HeaderValue::from_str(host).map_err(|e| io::Error::other(e.to_string()))?,
    );
    Ok(sender.send_request(req).await?)
}
