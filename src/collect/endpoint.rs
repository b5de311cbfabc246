//! The one connection to the Docker engine: which endpoint (--host / -H,
//! else DOCKER_HOST, else the local socket), how to reach it (unix socket,
//! TCP, TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH), per-request
//! timeouts and API version negotiation. Every collector that talks to the
//! engine (engine facts, image export) connects through here; nothing here
//! reads facts or judges them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bollard::{Docker, API_DEFAULT_VERSION};

use super::EngineUnreachable;

pub mod capped;
pub mod raw;

/// A resolved engine endpoint.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// As given (may hold credentials: never print it).
    raw: String,
    /// For messages and facts: credentials removed.
    pub redacted: String,
    pub origin: EndpointOrigin,
    pub transport: Transport,
}

impl Endpoint {
    /// The endpoint named by `flag` (--host), else DOCKER_HOST, else the
    /// local socket.
    pub fn resolve(flag: Option<&str>) -> Endpoint {
        let (raw, origin) = resolve_endpoint(flag);
        Endpoint {
            redacted: redact_endpoint(&raw),
            transport: transport(&raw),
            origin,
            raw,
        }
    }

    /// TLS is used (https:// or DOCKER_TLS_VERIFY).
    pub fn tls(&self) -> bool {
        tls_requested(&self.raw)
    }

    /// A client whose own request timeout is above `timeout`, so the
    /// caller's bound (which names the request) fires first.
    pub fn connect(&self, timeout: Duration) -> Result<Docker, String> {
        connect(&self.transport, &self.raw, timeout)
    }

    /// Connects and negotiates the API version (an older engine lowers the
    /// client's; a newer one is spoken to with bollard's own), the
    /// negotiation bounded by `timeout`.
    pub async fn connect_negotiated(&self, timeout: Duration) -> Result<Docker, ConnectError> {
        let docker = self.connect(timeout)?;
        match tokio::time::timeout(timeout, docker.negotiate_version()).await {
            Err(_) => Err(format!("GET /version: timed out after {}", human(timeout)).into()),
            Ok(Err(e)) => {
                let mut cause = format!("GET /version: {}", error_chain(&e));
                if cause.contains("HTTP request to an HTTPS server") {
                    cause.push_str(" (set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)");
                }
                Err(ConnectError {
                    cause: cause.replace("  ", " "),
                    answered: answered(&e),
                })
            }
            Ok(Ok(d)) => Ok(d),
        }
    }

    /// The engine could not be reached, or answered nonsense: `e` with
    /// this endpoint.
    pub fn unreachable(&self, e: impl Into<ConnectError>) -> EngineUnreachable {
        let e = e.into();
        EngineUnreachable {
            endpoint: self.redacted.clone(),
            origin: self.origin.describe().to_string(),
            cause: e.cause,
            answered: e.answered,
        }
    }
}

/// Why no engine client came of an endpoint.
#[derive(Debug)]
pub struct ConnectError {
    /// One line naming the request.
    pub cause: String,
    /// Something answered, but not as an engine: a reply that is not
    /// HTTP, an error status, a body that is not the API's JSON. Not an
    /// unreachable engine, and not to be reported as one.
    pub answered: bool,
}

impl From<String> for ConnectError {
    fn from(cause: String) -> Self {
        ConnectError {
            cause,
            answered: false,
        }
    }
}

/// The peer answered: an HTTP status, a reply that does not parse as HTTP,
/// or a body that is not the expected JSON (as opposed to no connection,
/// a reset or a timeout).
fn answered(e: &bollard::errors::Error) -> bool {
    use bollard::errors::Error as E;
    match e {
        E::DockerResponseServerError { .. }
        | E::JsonDataError { .. }
        | E::JsonSerdeError { .. }
        | E::APIVersionParseError { .. } => true,
        E::HyperResponseError { err } => err.is_parse() || err.is_parse_status(),
        _ => false,
    }
}

/// The endpoint used when neither --host nor DOCKER_HOST is set.
pub const DEFAULT_ENDPOINT: &str = "unix:///var/run/docker.sock";

/// Where the endpoint came from, for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndpointOrigin {
    Flag,
    Env,
    Default,
}

impl EndpointOrigin {
    pub fn describe(self) -> &'static str {
        match self {
            EndpointOrigin::Flag => "--host",
            EndpointOrigin::Env => "DOCKER_HOST",
            EndpointOrigin::Default => "default; DOCKER_HOST not set",
        }
    }
}

/// The endpoint to use: --host, else DOCKER_HOST, else the local socket.
pub fn resolve_endpoint(flag: Option<&str>) -> (String, EndpointOrigin) {
    if let Some(h) = flag.filter(|h| !h.trim().is_empty()) {
        return (h.trim().to_string(), EndpointOrigin::Flag);
    }
    match std::env::var("DOCKER_HOST") {
        Ok(h) if !h.trim().is_empty() => (h.trim().to_string(), EndpointOrigin::Env),
        _ => (DEFAULT_ENDPOINT.to_string(), EndpointOrigin::Default),
    }
}

/// The endpoint without credentials (user:password@ in tcp URLs).
pub fn redact_endpoint(endpoint: &str) -> String {
    let Some(scheme_end) = endpoint.find("://") else {
        return endpoint.to_string();
    };
    let (scheme, rest) = endpoint.split_at(scheme_end + 3);
    if scheme == "unix://" {
        return endpoint.to_string();
    }
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    // Query strings may carry tokens too.
    let path = path.split('?').next().unwrap_or(path);
    match authority.rfind('@') {
        Some(at) => format!("{scheme}{}{path}", &authority[at + 1..]),
        None => format!("{scheme}{authority}{path}"),
    }
}

/// How the collector talks to the engine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Transport {
    Unix(String),
    Tcp { addr: String, host: String },
    Unsupported(String),
}

pub fn transport(endpoint: &str) -> Transport {
    if let Some(p) = endpoint.strip_prefix("unix://") {
        return Transport::Unix(p.to_string());
    }
    if endpoint.starts_with('/') {
        return Transport::Unix(endpoint.to_string());
    }
    for scheme in ["tcp://", "http://", "https://"] {
        if let Some(rest) = endpoint.strip_prefix(scheme) {
            let authority = rest.split('/').next().unwrap_or(rest);
            let authority = authority.rsplit('@').next().unwrap_or(authority);
            let host = if let Some(v6) = authority.strip_prefix('[') {
                v6.split(']').next().unwrap_or(v6).to_string()
            } else {
                authority.split(':').next().unwrap_or(authority).to_string()
            };
            let addr = format!("tcp://{authority}");
            return Transport::Tcp { addr, host };
        }
    }
    Transport::Unsupported(endpoint.to_string())
}

/// The engine runs on this machine: a unix socket, or TCP to loopback.
pub fn is_local(t: &Transport) -> bool {
    match t {
        Transport::Unix(_) => true,
        Transport::Tcp { host, .. } => {
            host.eq_ignore_ascii_case("localhost")
                || host == "::1"
                || host
                    .parse::<std::net::Ipv4Addr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        Transport::Unsupported(_) => false,
    }
}

pub fn tls_requested(endpoint: &str) -> bool {
    endpoint.starts_with("https://")
        || std::env::var("DOCKER_TLS_VERIFY").is_ok_and(|v| !v.is_empty() && v != "0")
}

pub fn cert_dir() -> Option<PathBuf> {
    match std::env::var_os("DOCKER_CERT_PATH") {
        Some(p) if !p.is_empty() => Some(PathBuf::from(p)),
        _ => std::env::var_os("HOME").map(|h| Path::new(&h).join(".docker")),
    }
}

/// Seconds for bollard's own timeout: above ours, so ours fires first and
/// names the request.
fn bollard_timeout(t: Duration) -> u64 {
    t.as_secs() + 2
}

pub fn connect(t: &Transport, endpoint: &str, timeout: Duration) -> Result<Docker, String> {
    let secs = bollard_timeout(timeout);
    match t {
        Transport::Unix(path) => {
            match std::fs::metadata(path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(format!("socket {path} does not exist"))
                }
                Err(e) => return Err(format!("socket {path}: {e}")),
                Ok(_) => {}
            }
            custom(t.clone(), None, "unix://docker", secs)
        }
        Transport::Tcp { addr, .. } => {
            if tls_requested(endpoint) {
                let Some(dir) = cert_dir() else {
                    return Err(
                        "TLS requested (DOCKER_TLS_VERIFY) but neither DOCKER_CERT_PATH nor HOME is set"
                            .to_string(),
                    );
                };
                let (ca, cert, key) = (
                    dir.join("ca.pem"),
                    dir.join("cert.pem"),
                    dir.join("key.pem"),
                );
                for f in [&ca, &cert, &key] {
                    if let Err(e) = std::fs::metadata(f) {
                        return Err(format!(
                            "TLS requested (DOCKER_TLS_VERIFY) but {} is unreadable: {e} (set DOCKER_CERT_PATH)",
                            f.display()
                        ));
                    }
                }
                let cfg =
                    capped::tls_config(&ca, &cert, &key).map_err(|e| format!("TLS setup: {e}"))?;
                custom(
                    t.clone(),
                    Some(cfg),
                    addr.replace("tcp://", "https://").as_str(),
                    secs,
                )
            } else {
                custom(
                    t.clone(),
                    None,
                    addr.replace("tcp://", "http://").as_str(),
                    secs,
                )
            }
        }
        Transport::Unsupported(e) => Err(format!(
            "unsupported endpoint {e:?}: use unix:///path or tcp://host:port"
        )),
    }
}

/// A client over our own transport (unix socket, TCP, TLS), whose
/// responses are bounded in bytes (see `capped`).
fn custom(
    t: Transport,
    tls: Option<std::sync::Arc<rustls::ClientConfig>>,
    addr: &str,
    secs: u64,
) -> Result<Docker, String> {
    Docker::connect_with_custom_transport(
        move |req: bollard::BollardRequest| capped::request(t.clone(), tls.clone(), req),
        Some(addr),
        secs,
        API_DEFAULT_VERSION,
    )
    .map_err(|e| error_chain(&e))
}

/// An error and its sources on one line, repeated parts left out.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let s = err.to_string().replace('\n', " ");
        if !s.is_empty() && !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = err.source();
    }
    parts.join(": ")
}

pub fn human(d: Duration) -> String {
    if d.subsec_nanos() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_lose_credentials() {
        assert_eq!(
            redact_endpoint("tcp://alice:s3cret@10.0.0.5:2376"),
            "tcp://10.0.0.5:2376"
        );
        assert_eq!(
            redact_endpoint("https://tok@example.invalid:2376/x?token=abc"),
            "https://example.invalid:2376/x"
        );
        assert_eq!(
            redact_endpoint("unix:///var/run/docker.sock"),
            "unix:///var/run/docker.sock"
        );
    }

    #[test]
    fn locality() {
        assert!(is_local(&transport("unix:///run/docker.sock")));
        assert!(is_local(&transport("/run/docker.sock")));
        assert!(is_local(&transport("tcp://127.0.0.1:2375")));
        assert!(is_local(&transport("tcp://localhost:2375")));
        assert!(is_local(&transport("tcp://[::1]:2375")));
        assert!(!is_local(&transport("tcp://10.1.2.3:2376")));
        assert!(!is_local(&transport("ssh://me@host")));
        assert_eq!(
            transport("tcp://u:p@h:1"),
            Transport::Tcp {
                addr: "tcp://h:1".into(),
                host: "h".into()
            }
        );
    }

    #[test]
    fn the_flag_wins_and_is_redacted() {
        let ep = Endpoint::resolve(Some(" tcp://u:pw@10.0.0.5:2376 "));
        assert_eq!(ep.origin, EndpointOrigin::Flag);
        assert_eq!(ep.redacted, "tcp://10.0.0.5:2376");
        let e = ep.unreachable("boom".to_string()).to_string();
        assert_eq!(
            e,
            "cannot reach the Docker engine at tcp://10.0.0.5:2376 (--host): boom"
        );
        assert!(!e.contains("pw"));
    }

    #[test]
    fn a_missing_socket_is_named() {
        let ep = Endpoint::resolve(Some("unix:///nonexistent/docker.sock"));
        assert_eq!(
            ep.connect(Duration::from_secs(1)).unwrap_err(),
            "socket /nonexistent/docker.sock does not exist"
        );
    }
}
