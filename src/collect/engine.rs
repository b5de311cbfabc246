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
use bollard::Docker;
use futures_util::stream::{self, StreamExt};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::endpoint::{error_chain, human, raw};
pub use super::endpoint::{
    is_local, redact_endpoint, resolve_endpoint, transport, Endpoint, EndpointOrigin, Transport,
    DEFAULT_ENDPOINT,
};
use super::{CollectOptions, EngineUnreachable};
use crate::facts::engine::{
    Container, EngineFacts, ExecInfo, HistoryEntry, Image, Info, Network, ProcessInfo, SwarmFacts,
    Version, Volume,
};
use crate::facts::{Facts, Source};

/// A failed request: the engine said 404, bollard's typed model rejected
/// the response (a plain GET may still read it), or anything else. Each
/// message is one line naming the request.
#[derive(Debug)]
enum ReqError {
    NotFound(String),
    Model(String),
    Other(String),
}

impl ReqError {
    fn message(&self) -> &str {
        match self {
            ReqError::NotFound(m) | ReqError::Model(m) | ReqError::Other(m) => m,
        }
    }
    fn into_message(self) -> String {
        match self {
            ReqError::NotFound(m) | ReqError::Model(m) | ReqError::Other(m) => m,
        }
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
        Ok(Err(bollard::errors::Error::JsonDataError { message, .. })) => Err(ReqError::Model(
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
pub fn hostname() -> String {
    for p in ["/proc/sys/kernel/hostname", "/etc/hostname"] {
        if let Ok(s) = read_host_text(Path::new(p)) {
            let s = s.trim();
            if !s.is_empty() {
                return s.to_string();
            }
        }
    }
    std::env::var("HOSTNAME").unwrap_or_default()
}

/// A /proc or /sys file as text, bounded like every host file.
fn read_host_text(p: &Path) -> std::io::Result<String> {
    super::files::read_host_file(p).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The `Id` of a list entry.
#[derive(serde::Deserialize)]
struct IdOnly {
    #[serde(rename = "Id", default)]
    id: String,
}

fn ids(list: Vec<IdOnly>) -> Vec<String> {
    list.into_iter()
        .map(|i| i.id)
        .filter(|i| !i.is_empty())
        .collect()
}

pub async fn collect(opts: &CollectOptions, facts: &mut Facts) -> Option<EngineUnreachable> {
    let ep = Endpoint::resolve(opts.docker_host.as_deref());
    let t = ep.transport.clone();
    facts.collector.endpoint = ep.redacted.clone();
    facts.collector.engine_local = is_local(&t);
    facts.collector.hostname = hostname();
    let docker = match ep.connect_negotiated(opts.timeout).await {
        Ok(d) => d,
        Err(cause) => return Some(ep.unreachable(cause)),
    };
    let v = docker.client_version();
    let api_version = format!("{}.{}", v.major_version, v.minor_version);
    let c = Collector {
        docker: &docker,
        opts,
        // Safe whenever tried: a pid is only read when its cgroup names the
        // container, so a /proc of another pid namespace or machine is
        // recognised and the top endpoint used instead.
        procfs: (facts.collector.engine_local || opts.host_root_explicit)
            .then(|| opts.host_root.clone()),
        raw: (!ep.tls()).then(|| t.clone()),
        api_version: api_version.clone(),
        notes: std::sync::Mutex::new(Vec::new()),
    };

    let (engine, containers, images, networks, volumes) = tokio::join!(
        c.engine(api_version),
        c.containers(),
        c.images(),
        c.networks(),
        c.volumes(),
    );
    let swarm = match &engine {
        Ok(e) => c.swarm(&e.info).await,
        Err(r) => Source::unavailable(format!("swarm state comes from /info: {r}")),
    };
    facts.engine = to_source(engine);
    facts.containers = to_source(containers);
    // Images used by containers but not listed (e.g. untagged parents) are
    // inspected too, so image checks see them.
    let images = match images {
        Ok(mut list) => {
            let known: BTreeSet<String> = list.iter().map(|i| i.id.clone()).collect();
            let missing: BTreeSet<String> = facts
                .containers()
                .iter()
                .map(|ct| ct.image.clone())
                .filter(|id| !id.is_empty() && !known.contains(id))
                .collect();
            c.inspect_images(missing.into_iter().collect())
                .await
                .map(|mut more| {
                    list.append(&mut more);
                    list.sort_by(|a, b| a.id.cmp(&b.id));
                    list
                })
        }
        Err(r) => Err(r),
    };
    facts.images = to_source(images);
    facts.networks = to_source(networks);
    facts.volumes = to_source(volumes);
    facts.swarm = swarm;
    let mut notes = std::mem::take(&mut *c.notes.lock().unwrap_or_else(|e| e.into_inner()));
    notes.sort();
    facts.warnings.append(&mut notes);
    None
}

/// One engine connection kept open for `watch`: the event stream, and
/// single container and image inspects as events name them, read the same
/// way the host collector reads them.
pub struct Session {
    pub docker: Docker,
    opts: CollectOptions,
    procfs: Option<PathBuf>,
    raw: Option<Transport>,
    api_version: String,
    /// The endpoint, credentials removed.
    pub endpoint: String,
    /// The engine is on a unix socket of this machine (its data root may
    /// then be read here).
    pub local_socket: bool,
}

/// What an inspect of one subject found.
pub enum Inspected<T> {
    Found(T),
    /// The engine answered 404: the subject was removed before it could
    /// be read.
    Gone(String),
}

impl Session {
    /// Connects and negotiates the API version.
    pub async fn connect(opts: &CollectOptions) -> Result<Session, EngineUnreachable> {
        let ep = Endpoint::resolve(opts.docker_host.as_deref());
        let docker = ep
            .connect_negotiated(opts.timeout)
            .await
            .map_err(|e| ep.unreachable(e))?;
        let v = docker.client_version();
        let local = is_local(&ep.transport);
        Ok(Session {
            docker,
            procfs: (local || opts.host_root_explicit).then(|| opts.host_root.clone()),
            raw: (!ep.tls()).then(|| ep.transport.clone()),
            api_version: format!("{}.{}", v.major_version, v.minor_version),
            endpoint: ep.redacted.clone(),
            local_socket: matches!(ep.transport, Transport::Unix(_)),
            opts: opts.clone(),
        })
    }

    /// Whether the engine answers `GET /_ping` within the request timeout.
    pub async fn ping(&self) -> Result<(), String> {
        match tokio::time::timeout(self.opts.timeout, self.docker.ping()).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(format!("GET /_ping: {e}")),
            Err(_) => Err(format!(
                "GET /_ping: no answer within {} s",
                self.opts.timeout.as_secs_f64()
            )),
        }
    }

    /// One volume (its driver and options: what it binds).
    pub async fn volume(&self, name: &str) -> Result<Inspected<Volume>, String> {
        let path = format!("/volumes/{name}");
        let c = self.collector();
        match c
            .get::<_, Volume>(
                "GET /volumes/{name}",
                &path,
                self.docker.inspect_volume(name),
            )
            .await
        {
            Ok(v) => Ok(Inspected::Found(v)),
            Err(ReqError::NotFound(m)) => Ok(Inspected::Gone(m)),
            Err(e) => Err(e.into_message()),
        }
    }

    /// The engine's data root as it names it (/info `DockerRootDir`).
    pub async fn docker_root_dir(&self) -> Result<String, String> {
        self.collector()
            .get::<_, Info>("GET /info", "/info", self.docker.info())
            .await
            .map(|i| i.docker_root_dir)
            .map_err(ReqError::into_message)
    }

    fn collector(&self) -> Collector<'_> {
        Collector {
            docker: &self.docker,
            opts: &self.opts,
            procfs: self.procfs.clone(),
            raw: self.raw.clone(),
            api_version: self.api_version.clone(),
            notes: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// One container, its execs and (running) processes, as the host
    /// collector reads each.
    pub async fn container(&self, id: &str) -> Result<Inspected<Container>, String> {
        let c = self.collector();
        match c.container(id.to_string()).await? {
            Some(ct) => Ok(Inspected::Found(ct)),
            None => {
                let notes = c.notes.lock().unwrap_or_else(|e| e.into_inner()).join("; ");
                Ok(Inspected::Gone(notes))
            }
        }
    }

    /// The ids of every container in every state, as listed now (no
    /// inspect).
    pub async fn container_ids(&self) -> Result<Vec<String>, String> {
        self.collector().container_ids().await
    }

    /// One image and its history.
    pub async fn image(&self, id: &str) -> Result<Inspected<Image>, String> {
        match self.collector().image(id.to_string()).await {
            Ok(i) => Ok(Inspected::Found(i)),
            Err(ReqError::NotFound(m)) => Ok(Inspected::Gone(m)),
            Err(e) => Err(e.into_message()),
        }
    }

    /// The engine's event stream from `since` (unix seconds, as the API
    /// takes it), filtered to container create, start and destroy and
    /// image pull, build, load, import and tag events. It ends when the engine goes
    /// away, or after the response bound of bytes (then the caller
    /// subscribes again from the last event's time).
    pub fn events(
        &self,
        since: Option<String>,
    ) -> impl futures_util::Stream<Item = Result<bollard::models::EventMessage, String>> + '_ {
        use std::collections::HashMap;
        let mut filters: HashMap<String, Vec<String>> = HashMap::new();
        filters.insert("type".into(), vec!["container".into(), "image".into()]);
        filters.insert(
            "event".into(),
            [
                "create", "start", "destroy", "pull", "build", "load", "import", "tag",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        );
        self.docker
            .events(Some(bollard::query_parameters::EventsOptions {
                since,
                until: None,
                filters: Some(filters),
            }))
            .map(|r| r.map_err(|e| format!("GET /events: {}", error_chain(&e))))
    }
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
    /// For plain GETs when the typed model rejects a response (not over TLS).
    raw: Option<Transport>,
    api_version: String,
    /// Non-fatal problems, for Facts.warnings.
    notes: std::sync::Mutex<Vec<String>>,
}

impl Collector<'_> {
    fn timeout(&self) -> Duration {
        self.opts.timeout
    }

    fn concurrency(&self) -> usize {
        self.opts.concurrency.max(1)
    }

    fn note(&self, s: String) {
        self.notes.lock().unwrap_or_else(|e| e.into_inner()).push(s);
    }

    /// The ids of a listing of objects.
    async fn listed_ids<M: Serialize>(
        &self,
        path: &str,
        fut: impl Future<Output = Result<M, bollard::errors::Error>>,
    ) -> Result<Vec<String>, String> {
        self.list::<_, Vec<IdOnly>>(path, fut).await.map(ids)
    }

    /// A listing (`GET path`), read as [`Self::get`] reads; any failure is
    /// the source's error.
    async fn list<M: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        fut: impl Future<Output = Result<M, bollard::errors::Error>>,
    ) -> Result<T, String> {
        self.get(&format!("GET {path}"), path, fut)
            .await
            .map_err(ReqError::into_message)
    }

    /// One GET through bollard, converted into our model; when bollard's
    /// typed model rejects the engine's response, the same GET is sent
    /// plainly and read as JSON.
    async fn get<M: Serialize, T: DeserializeOwned>(
        &self,
        what: &str,
        path: &str,
        fut: impl Future<Output = Result<M, bollard::errors::Error>>,
    ) -> Result<T, ReqError> {
        match request(what, self.timeout(), fut).await {
            Ok(m) => convert(what, &m),
            Err(ReqError::Model(msg)) => {
                let Some(t) = &self.raw else {
                    return Err(ReqError::Model(msg));
                };
                match raw::get_json(t, &self.api_version, path, self.timeout()).await {
                    Ok(v) => {
                        self.note(format!("{msg}; read as plain JSON instead"));
                        serde_json::from_value(v).map_err(|e| {
                            ReqError::Other(format!("{what}: cannot read the response: {e}"))
                        })
                    }
                    Err(e) => Err(ReqError::Other(format!("{msg}; plain GET failed too: {e}"))),
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn engine(&self, api_version: String) -> Result<EngineFacts, String> {
        let (version, info) = tokio::join!(
            self.get::<_, Version>("GET /version", "/version", self.docker.version()),
            self.get::<_, Info>("GET /info", "/info", self.docker.info()),
        );
        let version = version.map_err(ReqError::into_message)?;
        let info = info.map_err(ReqError::into_message)?;
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

    /// The ids of every container in every state.
    async fn container_ids(&self) -> Result<Vec<String>, String> {
        let all = Some(ListContainersOptions {
            all: true,
            ..Default::default()
        });
        self.listed_ids("/containers/json?all=1", self.docker.list_containers(all))
            .await
    }

    /// Every container in every state, inspected concurrently.
    async fn containers(&self) -> Result<Vec<Container>, String> {
        let listed = self.container_ids().await?;
        let mut out = self.inspect_each(listed, |id| self.container(id)).await?;
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    async fn container(&self, id: String) -> Result<Option<Container>, String> {
        let what = format!("GET /containers/{}/json", short(&id));
        let mut c: Container = match self
            .get(
                &what,
                &format!("/containers/{id}/json"),
                self.docker
                    .inspect_container(&id, None::<InspectContainerOptions>),
            )
            .await
        {
            Ok(c) => c,
            Err(ReqError::NotFound(m)) => {
                self.note(format!("{m} (container removed during the audit)"));
                return Ok(None);
            }
            Err(e) => return Err(e.into_message()),
        };
        // CIS 5.23/5.24: how execs were started.
        let exec_ids = c.exec_ids.clone().unwrap_or_default();
        for eid in exec_ids {
            let what = format!("GET /exec/{}/json", short(&eid));
            match self
                .get::<_, ExecInfo>(
                    &what,
                    &format!("/exec/{eid}/json"),
                    self.docker.inspect_exec(&eid),
                )
                .await
            {
                Ok(e) => c.execs.push(e),
                // Exec records expire; a gone exec is no longer running.
                Err(ReqError::NotFound(_)) => {}
                Err(e) => {
                    self.note(format!("container {}: {}", c.display_name(), e.message()));
                    exec_unreadable(&mut c, e.message());
                }
            }
        }
        if c.is_running() {
            match self.processes(&c).await {
                Ok(p) => c.processes = Some(p),
                Err(r) => {
                    self.note(format!(
                        "container {}: processes unreadable: {r}",
                        c.display_name()
                    ));
                    c.processes_unreadable = Some(r);
                }
            }
        }
        Ok(Some(c))
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
            Err(e) if e.message().contains("timed out") => return Err(e.into_message()),
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

    async fn images(&self) -> Result<Vec<Image>, String> {
        let listed = self
            .listed_ids(
                "/images/json",
                self.docker.list_images(None::<ListImagesOptions>),
            )
            .await?;
        self.inspect_images(listed).await
    }

    /// Inspects every id, `self.concurrency()` at a time. An object removed
    /// between the list and its inspect (None) is left out; any other
    /// failure fails the whole source, since an object that could not be
    /// read would be silently left out of every check.
    async fn inspect_each<T, Fut>(
        &self,
        ids: Vec<String>,
        inspect: impl Fn(String) -> Fut,
    ) -> Result<Vec<T>, String>
    where
        Fut: std::future::Future<Output = Result<Option<T>, String>>,
    {
        let results: Vec<_> = stream::iter(ids)
            .map(inspect)
            .buffer_unordered(self.concurrency())
            .collect()
            .await;
        results.into_iter().filter_map(Result::transpose).collect()
    }

    async fn inspect_images(&self, ids: Vec<String>) -> Result<Vec<Image>, String> {
        let mut out = self
            .inspect_each(ids, |id| async move {
                match self.image(id).await {
                    Ok(i) => Ok(Some(i)),
                    Err(ReqError::NotFound(m)) => {
                        self.note(format!("{m} (image removed during the audit)"));
                        Ok(None)
                    }
                    Err(e) => Err(e.into_message()),
                }
            })
            .await?;
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out.dedup_by(|a, b| a.id == b.id);
        Ok(out)
    }

    async fn image(&self, id: String) -> Result<Image, ReqError> {
        let what = format!("GET /images/{}/json", short(&id));
        let hwhat = format!("GET /images/{}/history", short(&id));
        let (path, hpath) = (
            format!("/images/{id}/json"),
            format!("/images/{id}/history"),
        );
        let (inspect, history) = tokio::join!(
            self.get::<_, Image>(&what, &path, self.docker.inspect_image(&id)),
            self.get::<_, Vec<HistoryEntry>>(&hwhat, &hpath, self.docker.image_history(&id)),
        );
        let mut image = inspect?;
        image.history = history?;
        Ok(image)
    }

    async fn networks(&self) -> Result<Vec<Network>, String> {
        let listed = self
            .listed_ids(
                "/networks",
                self.docker.list_networks(None::<ListNetworksOptions>),
            )
            .await?;
        let mut out = self
            .inspect_each(listed, |id| async move {
                let what = format!("GET /networks/{}", short(&id));
                match self
                    .get::<_, Network>(
                        &what,
                        &format!("/networks/{id}"),
                        self.docker
                            .inspect_network(&id, None::<InspectNetworkOptions>),
                    )
                    .await
                {
                    Ok(n) => Ok(Some(n)),
                    Err(ReqError::NotFound(_)) => Ok(None),
                    Err(e) => Err(e.into_message()),
                }
            })
            .await?;
        out.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    async fn volumes(&self) -> Result<Vec<Volume>, String> {
        #[derive(serde::Deserialize)]
        #[serde(default, rename_all = "PascalCase")]
        #[derive(Default)]
        struct VolumeList {
            volumes: Option<Vec<Volume>>,
            warnings: Option<Vec<String>>,
        }
        let r: VolumeList = self
            .list(
                "/volumes",
                self.docker.list_volumes(None::<ListVolumesOptions>),
            )
            .await?;
        for w in r.warnings.unwrap_or_default() {
            self.note(format!("GET /volumes: {w}"));
        }
        let mut out = r.volumes.unwrap_or_default();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Swarm state from /info; a manager also gives its spec, nodes,
    /// services and secrets' metadata. Join tokens and secret data are
    /// never kept.
    async fn swarm(&self, info: &Info) -> Source<SwarmFacts> {
        let sw = info.swarm.clone().unwrap_or_default();
        let mut facts = SwarmFacts {
            local_node_state: sw.local_node_state.clone(),
            control_available: sw.control_available.unwrap_or(false),
            ..Default::default()
        };
        if !facts.control_available {
            return Source::Present(facts);
        }
        type Values = Vec<serde_json::Value>;
        let (swarm, nodes, services, secrets) = tokio::join!(
            self.get::<_, serde_json::Value>("GET /swarm", "/swarm", self.docker.inspect_swarm()),
            self.get::<_, Values>(
                "GET /nodes",
                "/nodes",
                self.docker.list_nodes(None::<ListNodesOptions>)
            ),
            self.get::<_, Values>(
                "GET /services",
                "/services",
                self.docker.list_services(None::<ListServicesOptions>)
            ),
            self.get::<_, Values>(
                "GET /secrets",
                "/secrets",
                self.docker.list_secrets(None::<ListSecretsOptions>)
            ),
        );
        // The manager's own view is what swarm checks judge: without it the
        // source is unavailable rather than half-filled.
        let result = (|| -> Result<(), ReqError> {
            let mut v = swarm?;
            if let Some(obj) = v.as_object_mut() {
                obj.remove("JoinTokens");
                facts.spec = obj.remove("Spec");
                facts.cluster = Some(serde_json::Value::Object(obj.clone()));
            }
            facts.nodes = Some(nodes?);
            facts.services = Some(services?);
            let mut secrets = secrets?;
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
            Err(e) => Source::unavailable(e.into_message()),
        }
    }
}

fn exec_unreadable(c: &mut Container, reason: &str) {
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
    let cgroup = read_host_text(&proc.join(pid.to_string()).join("cgroup")).ok()?;
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
        if let Ok(status) = read_host_text(&proc.join(p.to_string()).join("status")) {
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
        if let Ok(s) = read_host_text(&dir.join("cgroup.procs")) {
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

    /// An engine stand-in on a unix socket: path (without the /vX.Y
    /// prefix) -> body; paths listed in `hang` never answer.
    async fn fake_engine(
        sock: std::path::PathBuf,
        routes: Vec<(&'static str, String)>,
        hang: Vec<&'static str>,
    ) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let l = tokio::net::UnixListener::bind(&sock).unwrap();
        tokio::spawn(async move {
            loop {
                let Ok((mut s, _)) = l.accept().await else {
                    return;
                };
                let routes = routes.clone();
                let hang = hang.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match s.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let req = String::from_utf8_lossy(&buf).to_string();
                    let target = req.split_whitespace().nth(1).unwrap_or("").to_string();
                    // Strip an API version prefix (/v1.41/...).
                    let path = match target.strip_prefix("/v").and_then(|r| r.split_once('/')) {
                        Some((v, rest)) if v.chars().all(|c| c.is_ascii_digit() || c == '.') => {
                            format!("/{rest}")
                        }
                        _ => target.clone(),
                    };
                    let path = path.split('?').next().unwrap_or("").to_string();
                    if hang.iter().any(|h| *h == path) {
                        tokio::time::sleep(Duration::from_secs(3600)).await;
                        return;
                    }
                    let (status, body) = match routes.iter().find(|(p, _)| *p == path) {
                        Some((_, b)) => ("200 OK", b.clone()),
                        None => (
                            "404 Not Found",
                            r#"{"message":"no such thing"}"#.to_string(),
                        ),
                    };
                    let resp = format!(
                        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = s.write_all(resp.as_bytes()).await;
                });
            }
        });
    }

    fn fake_routes(container_state: &str) -> Vec<(&'static str, String)> {
        vec![
            (
                "/version",
                r#"{"Version":"20.10.24","ApiVersion":"1.41","MinAPIVersion":"1.12","Os":"linux"}"#
                    .to_string(),
            ),
            (
                "/info",
                r#"{"ID":"x","SecurityOptions":["name=seccomp,profile=default","name=rootless"],"Swarm":{"LocalNodeState":"inactive"}}"#
                    .to_string(),
            ),
            ("/containers/json", r#"[{"Id":"c0ffee0000000000000000000000000000000000000000000000000000000001"}]"#.to_string()),
            (
                "/containers/c0ffee0000000000000000000000000000000000000000000000000000000001/json",
                format!(
                    r#"{{"Id":"c0ffee0000000000000000000000000000000000000000000000000000000001","Name":"/odd","State":{{"Status":"{container_state}","Pid":999999999}},"HostConfig":{{"Privileged":true}}}}"#
                ),
            ),
            (
                "/containers/c0ffee0000000000000000000000000000000000000000000000000000000001/top",
                r#"{"Titles":["PID","RUID","EUID","COMMAND"],"Processes":[["4242","0","1000","sh"]]}"#
                    .to_string(),
            ),
            ("/images/json", "[]".to_string()),
            ("/networks", "[]".to_string()),
            ("/volumes", r#"{"Volumes":[],"Warnings":[]}"#.to_string()),
        ]
    }

    fn fake_opts(sock: &Path, timeout_ms: u64) -> CollectOptions {
        CollectOptions {
            docker_host: Some(format!("unix://{}", sock.display())),
            timeout: Duration::from_millis(timeout_ms),
            ..CollectOptions::default()
        }
    }

    #[tokio::test]
    async fn model_rejects_fall_back_to_plain_json() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("engine.sock");
        // "hibernating" is no ContainerStateStatusEnum value.
        fake_engine(sock.clone(), fake_routes("hibernating"), vec![]).await;
        let mut facts = Facts::new();
        let unreachable = collect(&fake_opts(&sock, 5000), &mut facts).await;
        assert!(unreachable.is_none(), "{unreachable:?}");
        let e = facts.engine.get().expect("engine facts");
        assert_eq!(e.api_version, "1.41");
        assert!(e.rootless);
        assert!(facts.collector.engine_local);
        let cs = facts.containers.get().expect("containers");
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].state.status, "hibernating");
        assert_eq!(cs[0].host_config.privileged, Some(true));
        assert!(
            facts.warnings.iter().any(|w| w.starts_with(
                "GET /containers/c0ffee000000/json: the engine's response did not match"
            )),
            "{:?}",
            facts.warnings
        );
    }

    #[tokio::test]
    async fn processes_come_from_top_when_proc_is_not_the_engines() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("engine.sock");
        fake_engine(sock.clone(), fake_routes("running"), vec![]).await;
        let mut facts = Facts::new();
        assert!(collect(&fake_opts(&sock, 5000), &mut facts).await.is_none());
        let c = &facts.containers.get().unwrap()[0];
        let p = c.processes.as_ref().expect("processes");
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].pid, p[0].uid, p[0].euid), (4242, Some(0), Some(1000)));
        assert_eq!(p[0].source, "top");
    }

    #[tokio::test]
    async fn a_slow_request_makes_only_its_source_unavailable() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("engine.sock");
        fake_engine(
            sock.clone(),
            fake_routes("running"),
            vec!["/containers/json"],
        )
        .await;
        let mut facts = Facts::new();
        let unreachable = collect(&fake_opts(&sock, 400), &mut facts).await;
        assert!(unreachable.is_none(), "{unreachable:?}");
        assert_eq!(
            facts.containers.reason(),
            Some("GET /containers/json?all=1: timed out after 400ms")
        );
        assert!(facts.engine.is_present());
        assert!(facts.images.is_present());
        assert!(facts.networks.is_present());
        assert!(facts.volumes.is_present());
        assert!(facts.swarm.is_present());
    }

    #[tokio::test]
    async fn unreachable_engine_names_endpoint_and_cause() {
        let mut facts = Facts::new();
        let opts = CollectOptions {
            docker_host: Some("unix:///nonexistent/dockaudit.sock".to_string()),
            ..CollectOptions::default()
        };
        let e = collect(&opts, &mut facts).await.expect("unreachable");
        assert_eq!(e.endpoint, "unix:///nonexistent/dockaudit.sock");
        assert_eq!(e.origin, "--host");
        assert!(e.cause.contains("does not exist"), "{}", e.cause);
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
