//! Engine collector: reads the engine through the Docker Engine API
//! (bollard), never through the docker CLI, and never changes its state:
//! only GET requests (`top` included, which the engine answers with the
//! host's `ps`; nothing is executed in a container).
//!
//! Every request has its own timeout; a request that fails or times out
//! makes the fact source it feeds unavailable with a reason naming the
//! request, and the rest of the collection goes on.

use std::collections::BTreeSet;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bollard::query_parameters::{
    InspectContainerOptions, InspectNetworkOptions, ListContainersOptions, ListImagesOptions,
    ListNetworksOptions, ListNodesOptions, ListSecretsOptions, ListServicesOptions,
    ListVolumesOptions, TopOptions,
};
use bollard::{Docker, API_DEFAULT_VERSION};
use futures_util::stream::{self, StreamExt};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{CollectOptions, EngineUnreachable};
use crate::facts::engine::{
    Container, EngineFacts, ExecInfo, HistoryEntry, Image, Info, Network, ProcessInfo, SwarmFacts,
    Version, Volume,
};
use crate::facts::{Facts, Source};

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
pub fn resolve_endpoint(opts: &CollectOptions) -> (String, EndpointOrigin) {
    if let Some(h) = opts.docker_host.as_ref().filter(|h| !h.trim().is_empty()) {
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

fn tls_requested(endpoint: &str) -> bool {
    endpoint.starts_with("https://")
        || std::env::var("DOCKER_TLS_VERIFY").is_ok_and(|v| !v.is_empty() && v != "0")
}

fn cert_dir() -> Option<PathBuf> {
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

fn connect(t: &Transport, endpoint: &str, timeout: Duration) -> Result<Docker, String> {
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
            Docker::connect_with_unix(path, secs, API_DEFAULT_VERSION).map_err(|e| error_chain(&e))
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
                Docker::connect_with_ssl(addr, &key, &cert, &ca, secs, API_DEFAULT_VERSION)
                    .map_err(|e| format!("TLS setup: {}", error_chain(&e)))
            } else {
                Docker::connect_with_http(addr, secs, API_DEFAULT_VERSION)
                    .map_err(|e| error_chain(&e))
            }
        }
        Transport::Unsupported(e) => Err(format!(
            "unsupported endpoint {e:?}: use unix:///path or tcp://host:port"
        )),
    }
}

/// An error and its sources on one line, repeated parts left out.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
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

/// A failed request: the engine said 404, or anything else (one line,
/// naming the request).
#[derive(Debug)]
enum ReqError {
    NotFound(String),
    Other(String),
}

impl ReqError {
    fn message(&self) -> &str {
        match self {
            ReqError::NotFound(m) | ReqError::Other(m) => m,
        }
    }
    fn into_message(self) -> String {
        match self {
            ReqError::NotFound(m) | ReqError::Other(m) => m,
        }
    }
}

fn human(d: Duration) -> String {
    if d.subsec_nanos() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// Runs one request with the per-request timeout.
async fn request<T>(
    what: &str,
    timeout: Duration,
    fut: impl Future<Output = Result<T, bollard::errors::Error>>,
) -> Result<T, ReqError> {
    match tokio::time::timeout(timeout, fut).await {
        Err(_) => Err(ReqError::Other(format!(
            "{what}: timed out after {}",
            human(timeout)
        ))),
        Ok(Ok(v)) => Ok(v),
        Ok(Err(bollard::errors::Error::DockerResponseServerError {
            status_code: 404,
            message,
        })) => Err(ReqError::NotFound(format!(
            "{what}: not found (404): {message}"
        ))),
        Ok(Err(bollard::errors::Error::JsonDataError { message, .. })) => Err(ReqError::Other(
            format!("{what}: the engine's response did not match the API model: {message}"),
        )),
        Ok(Err(e)) => Err(ReqError::Other(format!("{what}: {}", error_chain(&e)))),
    }
}

/// Converts bollard's typed model into ours (same JSON names).
fn convert<T: DeserializeOwned>(what: &str, v: &impl Serialize) -> Result<T, ReqError> {
    serde_json::to_value(v)
        .and_then(serde_json::from_value)
        .map_err(|e| ReqError::Other(format!("{what}: cannot read the response: {e}")))
}

/// The collecting machine's hostname.
fn hostname() -> String {
    for p in ["/proc/sys/kernel/hostname", "/etc/hostname"] {
        if let Ok(s) = std::fs::read_to_string(p) {
            let s = s.trim();
            if !s.is_empty() {
                return s.to_string();
            }
        }
    }
    std::env::var("HOSTNAME").unwrap_or_default()
}

pub async fn collect(opts: &CollectOptions, facts: &mut Facts) -> Option<EngineUnreachable> {
    let (raw, origin) = resolve_endpoint(opts);
    let endpoint = redact_endpoint(&raw);
    let t = transport(&raw);
    facts.collector.endpoint = endpoint.clone();
    facts.collector.engine_local = is_local(&t);
    facts.collector.hostname = hostname();
    let unreachable = |cause: String| {
        Some(EngineUnreachable {
            endpoint: endpoint.clone(),
            origin: origin.describe().to_string(),
            cause,
        })
    };
    let docker = match connect(&t, &raw, opts.timeout) {
        Ok(d) => d,
        Err(cause) => return unreachable(cause),
    };
    // Negotiate: an older engine (1.41 here) lowers the client's version; a
    // newer one is spoken to with bollard's own.
    let docker = match tokio::time::timeout(opts.timeout, docker.negotiate_version()).await {
        Err(_) => {
            return unreachable(format!(
                "GET /version: timed out after {}",
                human(opts.timeout)
            ))
        }
        Ok(Err(e)) => return unreachable(format!("GET /version: {}", error_chain(&e))),
        Ok(Ok(d)) => d,
    };
    let v = docker.client_version();
    let api_version = format!("{}.{}", v.major_version, v.minor_version);
    let c = Collector {
        docker: &docker,
        opts,
        procfs: match &t {
            Transport::Unix(_) => Some(opts.host_root.clone()),
            _ if opts.host_root_explicit && facts.collector.engine_local => {
                Some(opts.host_root.clone())
            }
            _ => None,
        },
    };

    let (engine, containers, images, networks, volumes) = tokio::join!(
        c.engine(api_version),
        c.containers(),
        c.images(),
        c.networks(),
        c.volumes(),
    );
    let mut warnings = Vec::new();
    let swarm = match &engine {
        Ok(e) => c.swarm(&e.info, &mut warnings).await,
        Err(r) => Source::unavailable(format!("swarm state comes from /info: {r}")),
    };
    facts.engine = to_source(engine);
    match containers {
        Ok((list, mut w)) => {
            warnings.append(&mut w);
            facts.containers = Source::Present(list);
        }
        Err(r) => facts.containers = Source::unavailable(r),
    }
    let images = match images {
        // Images used by containers but not listed (e.g. untagged parents)
        // are inspected too, so image checks see them.
        Ok((mut list, mut w)) => {
            let known: BTreeSet<String> = list.iter().map(|i| i.id.clone()).collect();
            let missing: BTreeSet<String> = facts
                .containers()
                .iter()
                .map(|ct| ct.image.clone())
                .filter(|id| !id.is_empty() && !known.contains(id))
                .collect();
            match c.inspect_images(missing.into_iter().collect()).await {
                Ok((mut more, mut w2)) => {
                    list.append(&mut more);
                    list.sort_by(|a, b| a.id.cmp(&b.id));
                    w.append(&mut w2);
                    warnings.append(&mut w);
                    Ok(list)
                }
                Err(r) => Err(r),
            }
        }
        Err(r) => Err(r),
    };
    facts.images = to_source(images);
    facts.networks = to_source(networks);
    match volumes {
        Ok((list, mut w)) => {
            warnings.append(&mut w);
            facts.volumes = Source::Present(list);
        }
        Err(r) => facts.volumes = Source::unavailable(r),
    }
    facts.swarm = swarm;
    facts.warnings.append(&mut warnings);
    None
}

fn to_source<T>(r: Result<T, String>) -> Source<T> {
    match r {
        Ok(v) => Source::Present(v),
        Err(r) => Source::Unavailable(r),
    }
}

struct Collector<'a> {
    docker: &'a Docker,
    opts: &'a CollectOptions,
    /// Root of the engine host's /proc when it can be read (local engine).
    procfs: Option<PathBuf>,
}

impl Collector<'_> {
    fn timeout(&self) -> Duration {
        self.opts.timeout
    }

    fn concurrency(&self) -> usize {
        self.opts.concurrency.max(1)
    }

    async fn engine(&self, api_version: String) -> Result<EngineFacts, String> {
        let t = self.timeout();
        let (version, info) = tokio::join!(
            request("GET /version", t, self.docker.version()),
            request("GET /info", t, self.docker.info()),
        );
        let version: Version = convert("GET /version", &version.map_err(ReqError::into_message)?)
            .map_err(ReqError::into_message)?;
        let info: Info = convert("GET /info", &info.map_err(ReqError::into_message)?)
            .map_err(ReqError::into_message)?;
        let rootless = info
            .security_options
            .iter()
            .any(|o| o.split(',').any(|kv| kv == "name=rootless"));
        let podman = version
            .platform
            .as_ref()
            .is_some_and(|p| p.name.to_ascii_lowercase().contains("podman"))
            || version
                .components
                .iter()
                .any(|c| c.name.to_ascii_lowercase().contains("podman"));
        Ok(EngineFacts {
            version,
            info,
            api_version,
            rootless,
            podman,
        })
    }

    /// Every container in every state, inspected concurrently.
    async fn containers(&self) -> Result<(Vec<Container>, Vec<String>), String> {
        let list = request(
            "GET /containers/json?all=1",
            self.timeout(),
            self.docker.list_containers(Some(ListContainersOptions {
                all: true,
                ..Default::default()
            })),
        )
        .await
        .map_err(ReqError::into_message)?;
        let ids: Vec<String> = list.into_iter().filter_map(|c| c.id).collect();
        let results: Vec<_> = stream::iter(ids)
            .map(|id| self.container(id))
            .buffer_unordered(self.concurrency())
            .collect()
            .await;
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        for r in results {
            match r {
                Ok((Some(c), mut w)) => {
                    out.push(c);
                    warnings.append(&mut w);
                }
                // Removed between list and inspect.
                Ok((None, mut w)) => warnings.append(&mut w),
                // A container that cannot be read would be silently left
                // out of every container check: the source is unavailable.
                Err(r) => return Err(r),
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok((out, warnings))
    }

    async fn container(&self, id: String) -> Result<(Option<Container>, Vec<String>), String> {
        let what = format!("GET /containers/{}/json", short(&id));
        let raw = match request(
            &what,
            self.timeout(),
            self.docker
                .inspect_container(&id, None::<InspectContainerOptions>),
        )
        .await
        {
            Ok(r) => r,
            Err(ReqError::NotFound(m)) => {
                return Ok((
                    None,
                    vec![format!("{m} (container removed during the audit)")],
                ))
            }
            Err(e) => return Err(e.into_message()),
        };
        let mut c: Container = convert(&what, &raw).map_err(ReqError::into_message)?;
        let mut warnings = Vec::new();
        // CIS 5.23/5.24: how execs were started.
        let exec_ids = c.exec_ids.clone().unwrap_or_default();
        for eid in exec_ids {
            let what = format!("GET /exec/{}/json", short(&eid));
            match request(&what, self.timeout(), self.docker.inspect_exec(&eid)).await {
                Ok(r) => match convert::<ExecInfo>(&what, &r) {
                    Ok(e) => c.execs.push(e),
                    Err(e) => exec_unreadable(&mut c, &mut warnings, e.message()),
                },
                // Exec records expire; a gone exec is no longer running.
                Err(ReqError::NotFound(_)) => {}
                Err(e) => exec_unreadable(&mut c, &mut warnings, e.message()),
            }
        }
        if c.is_running() {
            match self.processes(&c).await {
                Ok(p) => c.processes = Some(p),
                Err(r) => {
                    warnings.push(format!(
                        "container {}: processes unreadable: {r}",
                        c.display_name()
                    ));
                    c.processes_unreadable = Some(r);
                }
            }
        }
        Ok((Some(c), warnings))
    }

    /// The container's processes with their host uids: the host's /proc
    /// when the engine is local and the pid belongs to this container,
    /// else the read-only `top` endpoint.
    async fn processes(&self, c: &Container) -> Result<Vec<ProcessInfo>, String> {
        if let (Some(root), Some(pid)) = (&self.procfs, c.state.pid.filter(|p| *p > 0)) {
            if let Some(p) = procfs_processes(root, pid, &c.id) {
                return Ok(p);
            }
        }
        let what = format!("GET /containers/{}/top", short(&c.id));
        let r = match request(
            &what,
            self.timeout(),
            self.docker.top_processes(
                &c.id,
                Some(TopOptions {
                    ps_args: "-o pid,ruid,euid,comm".to_string(),
                }),
            ),
        )
        .await
        {
            Ok(r) => r,
            // The host's ps may not know these columns: the default.
            Err(_) => request(
                &what,
                self.timeout(),
                self.docker.top_processes(&c.id, None::<TopOptions>),
            )
            .await
            .map_err(ReqError::into_message)?,
        };
        Ok(parse_top(
            r.titles.as_deref().unwrap_or(&[]),
            r.processes.as_deref().unwrap_or(&[]),
        ))
    }

    async fn images(&self) -> Result<(Vec<Image>, Vec<String>), String> {
        let list = request(
            "GET /images/json",
            self.timeout(),
            self.docker.list_images(None::<ListImagesOptions>),
        )
        .await
        .map_err(ReqError::into_message)?;
        let ids: Vec<String> = list.into_iter().map(|i| i.id).collect();
        self.inspect_images(ids).await
    }

    async fn inspect_images(&self, ids: Vec<String>) -> Result<(Vec<Image>, Vec<String>), String> {
        let results: Vec<_> = stream::iter(ids)
            .map(|id| self.image(id))
            .buffer_unordered(self.concurrency())
            .collect()
            .await;
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        for r in results {
            match r {
                Ok(Some(i)) => out.push(i),
                Ok(None) => {}
                Err(ReqError::NotFound(m)) => {
                    warnings.push(format!("{m} (image removed during the audit)"))
                }
                Err(e) => return Err(e.into_message()),
            }
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out.dedup_by(|a, b| a.id == b.id);
        Ok((out, warnings))
    }

    async fn image(&self, id: String) -> Result<Option<Image>, ReqError> {
        let what = format!("GET /images/{}/json", short(&id));
        let hwhat = format!("GET /images/{}/history", short(&id));
        let (inspect, history) = tokio::join!(
            request(&what, self.timeout(), self.docker.inspect_image(&id)),
            request(&hwhat, self.timeout(), self.docker.image_history(&id)),
        );
        let mut image: Image = convert(&what, &inspect?)?;
        let history: Vec<HistoryEntry> = convert(&hwhat, &history?)?;
        image.history = history;
        Ok(Some(image))
    }

    async fn networks(&self) -> Result<Vec<Network>, String> {
        let list = request(
            "GET /networks",
            self.timeout(),
            self.docker.list_networks(None::<ListNetworksOptions>),
        )
        .await
        .map_err(ReqError::into_message)?;
        let ids: Vec<String> = list.into_iter().filter_map(|n| n.id).collect();
        let results: Vec<_> = stream::iter(ids)
            .map(|id| async move {
                let what = format!("GET /networks/{}", short(&id));
                let r = request(
                    &what,
                    self.timeout(),
                    self.docker
                        .inspect_network(&id, None::<InspectNetworkOptions>),
                )
                .await;
                match r {
                    Ok(n) => convert::<Network>(&what, &n).map(Some),
                    Err(ReqError::NotFound(_)) => Ok(None),
                    Err(e) => Err(e),
                }
            })
            .buffer_unordered(self.concurrency())
            .collect()
            .await;
        let mut out = Vec::new();
        for r in results {
            if let Some(n) = r.map_err(ReqError::into_message)? {
                out.push(n);
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    async fn volumes(&self) -> Result<(Vec<Volume>, Vec<String>), String> {
        let r = request(
            "GET /volumes",
            self.timeout(),
            self.docker.list_volumes(None::<ListVolumesOptions>),
        )
        .await
        .map_err(ReqError::into_message)?;
        let warnings = r
            .warnings
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(|w| format!("GET /volumes: {w}"))
            .collect();
        let mut out: Vec<Volume> = convert("GET /volumes", &r.volumes.unwrap_or_default())
            .map_err(ReqError::into_message)?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok((out, warnings))
    }

    /// Swarm state from /info; a manager also gives its spec, nodes,
    /// services and secrets' metadata. Join tokens and secret data are
    /// never kept.
    async fn swarm(&self, info: &Info, warnings: &mut Vec<String>) -> Source<SwarmFacts> {
        let sw = info.swarm.clone().unwrap_or_default();
        let mut facts = SwarmFacts {
            local_node_state: sw.local_node_state.clone(),
            control_available: sw.control_available.unwrap_or(false),
            ..Default::default()
        };
        if !facts.control_available {
            return Source::Present(facts);
        }
        let t = self.timeout();
        let (swarm, nodes, services, secrets) = tokio::join!(
            request("GET /swarm", t, self.docker.inspect_swarm()),
            request(
                "GET /nodes",
                t,
                self.docker.list_nodes(None::<ListNodesOptions>)
            ),
            request(
                "GET /services",
                t,
                self.docker.list_services(None::<ListServicesOptions>)
            ),
            request(
                "GET /secrets",
                t,
                self.docker.list_secrets(None::<ListSecretsOptions>)
            ),
        );
        // The manager's own view is what swarm checks judge: without it the
        // source is unavailable rather than half-filled.
        let result = (|| -> Result<(), ReqError> {
            let mut v: serde_json::Value = convert("GET /swarm", &swarm?)?;
            if let Some(obj) = v.as_object_mut() {
                obj.remove("JoinTokens");
                facts.spec = obj.remove("Spec");
                facts.cluster = Some(serde_json::Value::Object(obj.clone()));
            }
            facts.nodes = Some(convert("GET /nodes", &nodes?)?);
            facts.services = Some(convert("GET /services", &services?)?);
            let mut secrets: Vec<serde_json::Value> = convert("GET /secrets", &secrets?)?;
            for s in &mut secrets {
                if let Some(spec) = s.get_mut("Spec").and_then(|v| v.as_object_mut()) {
                    spec.remove("Data");
                }
            }
            facts.secrets = Some(secrets);
            Ok(())
        })();
        match result {
            Ok(()) => Source::Present(facts),
            Err(e) => {
                warnings.push(format!("swarm: {}", e.message()));
                Source::unavailable(e.into_message())
            }
        }
    }
}

fn exec_unreadable(c: &mut Container, warnings: &mut Vec<String>, reason: &str) {
    warnings.push(format!("container {}: {reason}", c.display_name()));
    c.execs_unreadable = Some(match c.execs_unreadable.take() {
        Some(prev) => format!("{prev}; {reason}"),
        None => reason.to_string(),
    });
}

fn short(id: &str) -> &str {
    let id = id.strip_prefix("sha256:").unwrap_or(id);
    &id[..id.len().min(12)]
}

/// Reads the processes of the container whose init is `pid` from the host's
/// /proc under `root`. None unless the pid's cgroup names the container
/// (the pid may be from another pid namespace, or reused).
pub fn procfs_processes(root: &Path, pid: i64, container_id: &str) -> Option<Vec<ProcessInfo>> {
    let proc = root.join("proc");
    let cgroup = std::fs::read_to_string(proc.join(pid.to_string()).join("cgroup")).ok()?;
    if container_id.len() < 12 || !cgroup.contains(container_id) {
        return None;
    }
    let mut pids: Vec<i64> = cgroup_procs(root, &cgroup).unwrap_or_default();
    if !pids.contains(&pid) {
        pids.push(pid);
    }
    pids.sort_unstable();
    pids.dedup();
    let mut out = Vec::new();
    for p in pids {
        // A process may exit meanwhile.
        if let Ok(status) = std::fs::read_to_string(proc.join(p.to_string()).join("status")) {
            out.push(parse_status(p, &status));
        }
    }
    if out.is_empty() {
        return None;
    }
    Some(out)
}

/// Pids in the container's cgroup (v2 unified, else the v1 pids, memory or
/// name=systemd hierarchy).
fn cgroup_procs(root: &Path, cgroup: &str) -> Option<Vec<i64>> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    let base = root.join("sys/fs/cgroup");
    for line in cgroup.lines() {
        let mut parts = line.splitn(3, ':');
        let (_, controllers, path) = (parts.next()?, parts.next()?, parts.next()?);
        let rel = path.trim_start_matches('/');
        if controllers.is_empty() {
            candidates.push(base.join(rel));
            candidates.push(base.join("unified").join(rel));
        } else if controllers.split(',').any(|c| c == "pids" || c == "memory") {
            candidates.push(base.join(controllers).join(rel));
        } else if controllers == "name=systemd" {
            candidates.push(base.join("systemd").join(rel));
        }
    }
    for dir in candidates {
        if let Ok(s) = std::fs::read_to_string(dir.join("cgroup.procs")) {
            let pids: Vec<i64> = s.lines().filter_map(|l| l.trim().parse().ok()).collect();
            if !pids.is_empty() {
                return Some(pids);
            }
        }
    }
    None
}

/// /proc/<pid>/status: Name and the real and effective uids.
pub fn parse_status(pid: i64, status: &str) -> ProcessInfo {
    let mut p = ProcessInfo {
        pid,
        source: "procfs".to_string(),
        ..Default::default()
    };
    for line in status.lines() {
        if let Some(name) = line.strip_prefix("Name:") {
            p.command = name.trim().to_string();
        } else if let Some(uids) = line.strip_prefix("Uid:") {
            let mut it = uids.split_whitespace().map(|u| u.parse::<u32>().ok());
            p.uid = it.next().flatten();
            p.euid = it.next().flatten();
        }
    }
    p
}

/// The top endpoint's table: columns found by title.
pub fn parse_top(titles: &[String], rows: &[Vec<String>]) -> Vec<ProcessInfo> {
    let col = |names: &[&str]| {
        titles
            .iter()
            .position(|t| names.iter().any(|n| t.eq_ignore_ascii_case(n)))
    };
    let pid = col(&["PID"]);
    let ruid = col(&["RUID"]);
    let euid = col(&["EUID"]);
    let user = col(&["UID", "USER"]);
    let cmd = col(&["COMMAND", "CMD", "COMM"]);
    let mut out: Vec<ProcessInfo> = rows
        .iter()
        .map(|r| {
            let get = |i: Option<usize>| i.and_then(|i| r.get(i)).map(|s| s.trim().to_string());
            let mut p = ProcessInfo {
                pid: get(pid).and_then(|s| s.parse().ok()).unwrap_or(0),
                uid: get(ruid).and_then(|s| s.parse().ok()),
                euid: get(euid).and_then(|s| s.parse().ok()),
                command: get(cmd).unwrap_or_default(),
                source: "top".to_string(),
                ..Default::default()
            };
            if p.uid.is_none() {
                // `ps -ef` gives the effective user, as a name or number.
                let u = get(user).unwrap_or_default();
                match u.parse::<u32>() {
                    Ok(n) => p.euid = p.euid.or(Some(n)),
                    Err(_) => p.user = u,
                }
            }
            p
        })
        .collect();
    out.sort_by_key(|p| p.pid);
    out
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
    fn status_uids() {
        let p = parse_status(
            42,
            "Name:\tsleep\nUmask:\t0022\nState:\tS\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n",
        );
        assert_eq!(p.uid, Some(1000));
        assert_eq!(p.euid, Some(0));
        assert_eq!(p.command, "sleep");
        assert_eq!(p.source, "procfs");
    }

    #[test]
    fn top_tables() {
        let t = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let p = parse_top(
            &t(&["PID", "RUID", "EUID", "COMMAND"]),
            &[t(&["7", "0", "1000", "sh"])],
        );
        assert_eq!((p[0].pid, p[0].uid, p[0].euid), (7, Some(0), Some(1000)));
        let p = parse_top(
            &t(&["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"]),
            &[t(&[
                "root",
                "9",
                "1",
                "0",
                "00:00",
                "?",
                "00:00:00",
                "sleep 600",
            ])],
        );
        assert_eq!((p[0].pid, p[0].uid, p[0].user.as_str()), (9, None, "root"));
    }

    #[tokio::test]
    async fn slow_requests_name_the_request() {
        let r = request(
            "GET /containers/json",
            Duration::from_millis(20),
            std::future::pending::<Result<(), bollard::errors::Error>>(),
        )
        .await;
        assert_eq!(
            r.unwrap_err().message(),
            "GET /containers/json: timed out after 20ms"
        );
    }

    #[test]
    fn procfs_needs_matching_cgroup() {
        let dir = tempfile::tempdir().unwrap();
        let id = "0123456789abcdef0123456789abcdef";
        let p = dir.path().join("proc/55");
        std::fs::create_dir_all(&p).unwrap();
        std::fs::write(p.join("cgroup"), "0::/system.slice/other.scope\n").unwrap();
        std::fs::write(p.join("status"), "Name:\tsh\nUid:\t0\t0\t0\t0\n").unwrap();
        assert!(procfs_processes(dir.path(), 55, id).is_none());
        std::fs::write(p.join("cgroup"), format!("0::/docker/{id}\n")).unwrap();
        let got = procfs_processes(dir.path(), 55, id).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].uid, Some(0));
    }
}
