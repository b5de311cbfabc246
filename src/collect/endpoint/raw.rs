//! A plain GET returning the engine's JSON as it is, used only when
//! bollard's typed model rejects a response (an engine sending a value the
//! model does not know). Unix sockets and plain TCP (not used over TLS);
//! read-only by design: it can only send GET. Part of the one engine
//! connection: it reaches the endpoint's `Transport`, nothing else.

use std::time::Duration;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;

use super::capped::Capped;
use super::Transport;

/// GET /v{api}{path} and parse the body as JSON.
pub async fn get_json(
    t: &Transport,
    api_version: &str,
    path: &str,
    timeout: Duration,
) -> Result<serde_json::Value, String> {
    match tokio::time::timeout(timeout, get(t, api_version, path)).await {
        Err(_) => Err(format!("timed out after {}", super::human(timeout))),
        Ok(r) => r,
    }
}

async fn get(t: &Transport, api_version: &str, path: &str) -> Result<serde_json::Value, String> {
    let uri = format!("/v{api_version}{path}");
    // Bounded like every engine response.
    let limit = crate::collect::files::limit(crate::collect::files::InputKind::Response);
    let body = match t {
        Transport::Unix(sock) => {
            let s = tokio::net::UnixStream::connect(sock)
                .await
                .map_err(|e| format!("connecting to {sock}: {e}"))?;
            send(TokioIo::new(Capped::new(s, limit)), "docker", &uri).await?
        }
        Transport::Tcp { addr, .. } => {
            let hostport = addr.trim_start_matches("tcp://");
            let s = tokio::net::TcpStream::connect(hostport)
                .await
                .map_err(|e| format!("connecting to {hostport}: {e}"))?;
            send(TokioIo::new(Capped::new(s, limit)), hostport, &uri).await?
        }
        Transport::Unsupported(e) => return Err(format!("unsupported endpoint {e}")),
    };
    serde_json::from_slice(&body).map_err(|e| format!("response is not JSON: {e}"))
}

async fn send<IO>(io: IO, host: &str, uri: &str) -> Result<Bytes, String>
where
    IO: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, conn) = hyper::client::conn::http1::handshake::<_, Empty<Bytes>>(io)
        .await
        .map_err(|e| format!("HTTP handshake: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    let req = hyper::Request::get(uri)
        .header(hyper::header::HOST, host)
        .body(Empty::new())
        .map_err(|e| e.to_string())?;
    let res = sender
        .send_request(req)
        .await
        .map_err(|e| format!("GET {uri}: {e}"))?;
    let status = res.status();
    let body = res
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("reading the response: {}", super::error_chain(&e)))?
        .to_bytes();
    if !status.is_success() {
        return Err(format!(
            "status {}: {}",
            status.as_u16(),
            String::from_utf8_lossy(&body).trim()
        ));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A one-shot engine stand-in on a unix socket.
    async fn serve_once(sock: std::path::PathBuf, status: &'static str, body: &'static str) {
        let l = tokio::net::UnixListener::bind(&sock).unwrap();
        tokio::spawn(async move {
            let (mut s, _) = l.accept().await.unwrap();
            let mut buf = vec![0u8; 4096];
            let n = s.read(&mut buf).await.unwrap();
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            assert!(req.starts_with("GET /v1.41/containers/abc/json "), "{req}");
            let resp = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            s.write_all(resp.as_bytes()).await.unwrap();
        });
    }

    #[tokio::test]
    async fn plain_get_reads_json_the_model_would_reject() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("e.sock");
        serve_once(
            sock.clone(),
            "200 OK",
            r#"{"Id":"abc","State":{"Status":"hibernating"}}"#,
        )
        .await;
        let t = Transport::Unix(sock.display().to_string());
        let v = get_json(&t, "1.41", "/containers/abc/json", Duration::from_secs(5))
            .await
            .unwrap();
        assert_eq!(v["State"]["Status"], "hibernating");
    }

    #[tokio::test]
    async fn plain_get_reports_status() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("e.sock");
        serve_once(
            sock.clone(),
            "500 Internal Server Error",
            r#"{"message":"boom"}"#,
        )
        .await;
        let t = Transport::Unix(sock.display().to_string());
        let e = get_json(&t, "1.41", "/containers/abc/json", Duration::from_secs(5))
            .await
            .unwrap_err();
        assert!(e.starts_with("status 500"), "{e}");
    }
}
