//! `dockaudit watch`: follows the engine's event stream and audits every
//! container at its create event and again at each start (and every image
//! at its pull, load, import or tag event), recording each result in the
//! history, named by its event, as it comes.
//!
//! Two halves: the async side (one thread) reads events and inspects the
//! subject they name at once, each inspect its own task (a container that
//! lives 200 ms is read before it is gone), and sends heartbeats while the
//! events flow; a recorder thread owns the store (the PostgreSQL client
//! must not run inside the async runtime), judges each subject with the
//! checks and writes them in batches, one transaction each. On
//! (re)connection the host facts are collected again and every container
//! not yet audited is audited; a lost engine is retried with exponential
//! backoff, and an event stream that stalls while the engine still answers
//! is noticed at the heartbeats (containers listed that no event announced)
//! and reconnected to. SIGTERM and SIGINT stop it after everything read is
//! recorded.

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use futures_util::StreamExt;
use tokio::sync::Semaphore;

use super::history::StoreFlag;
use crate::collect::data_root::{self, DataRoot};
use crate::collect::engine::{Inspected, Session};
use crate::collect::CollectOptions;
use crate::config::{Config, DataRootChoice};
use crate::facts::engine::{Container, Image};
use crate::facts::Facts;
use crate::store::{self, HistoryStore};
use crate::watch::{Audited, Auditor};

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// Engine endpoint: unix:///path, tcp://host:port (TLS with
    /// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH). Default: DOCKER_HOST, else
    /// the local socket.
    #[arg(short = 'H', long = "host")]
    pub docker_host: Option<String>,
    /// Read host files under this folder (the host mounted in a container).
    #[arg(long, value_name = "DIR")]
    pub host_root: Option<std::path::PathBuf>,
    /// Per-request engine timeout in seconds [default: 10; config
    /// `[audit] timeout`].
    #[arg(long)]
    pub timeout: Option<f64>,
    #[command(flatten)]
    pub store: StoreFlag,
    /// The host name recorded [default: the engine's name, else this
    /// machine's hostname].
    #[arg(long, value_name = "NAME")]
    pub host_name: Option<String>,
    /// Write one JSON object per audited subject on standard output.
    #[arg(long)]
    pub jsonl: bool,
    /// Longest wait between two reconnection attempts, in seconds (the
    /// wait doubles from 0.25 s up to it).
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    pub max_backoff: f64,
    /// Seconds between two heartbeats recorded while the engine's events
    /// are followed, so `fleet` hears from a quiet host. Each heartbeat
    /// also lists the containers: one that no event announced within 10 s
    /// means a stalled event stream, which is reconnected to [default: 60;
    /// config `[watch] heartbeat`].
    #[arg(long, value_name = "SECS")]
    pub heartbeat: Option<f64>,
    /// The engine's data root as this machine sees it: a container's
    /// create audit reads its `containers/<id>/config.v2.json` and
    /// `hostconfig.json` there, without waiting on the engine (which holds
    /// the container while it starts); inspect when they cannot be read.
    /// `none`: always inspect [default: the engine's DockerRootDir under
    /// --host-root, when the engine is on a local unix socket; config
    /// `[watch] data_root`].
    #[arg(long, value_name = "DIR")]
    pub data_root: Option<DataRootChoice>,
}

/// Where a container's create audit reads it from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum DataRootSetting {
    /// The engine's DockerRootDir, when it is on a local unix socket.
    Engine,
    Dir(std::path::PathBuf),
    /// Always inspect.
    Off,
}

impl DataRootSetting {
    /// The flag, else `[watch] data_root`, else the engine's.
    fn of(flag: Option<&DataRootChoice>, cfg: &Config) -> DataRootSetting {
        match flag.or(cfg.watch.data_root.as_ref()) {
            None => DataRootSetting::Engine,
            Some(DataRootChoice::Off) => DataRootSetting::Off,
            Some(DataRootChoice::Dir(d)) => DataRootSetting::Dir(d.clone()),
        }
    }
}

/// How a container is read at its create event: from the data root when
/// it can be, and the kinds of reasons it could not, each logged once.
struct CreateRead {
    data_root: Option<DataRoot>,
    logged: std::sync::Mutex<std::collections::BTreeSet<&'static str>>,
}

impl CreateRead {
    /// The container from the data root, or None (then it is inspected);
    /// the first refusal of each kind is logged.
    fn read(&self, id: &str) -> Option<Container> {
        let dr = self.data_root.as_ref()?;
        match dr.container(id) {
            Ok(c) => Some(c),
            Err(r) => {
                let new = self
                    .logged
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(r.kind);
                if new {
                    log(&format!(
                        "container {} inspected at its create, its data-root files not \
                         used: {r}; others for this reason too, without another line",
                        short(id)
                    ));
                }
                None
            }
        }
    }
}

/// Where a subject's facts were read, as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Read {
    Inspect,
    DataRoot,
}

impl Read {
    fn name(self) -> &'static str {
        match self {
            Read::Inspect => "inspect",
            Read::DataRoot => "data-root",
        }
    }
}

/// The engine event a container audit answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum At {
    Create,
    Start,
    /// Found in the listing at (re)connection, not yet audited.
    Listed,
}

impl At {
    fn name(self) -> &'static str {
        match self {
            At::Create => "create",
            At::Start => "start",
            At::Listed => "listed",
        }
    }
}

/// What was audited of one container: its first audit (create, or listed)
/// and the time of the newest start audited, so an event replayed after a
/// reconnection is not audited twice.
#[derive(Default)]
struct Seen {
    first: bool,
    last_start: Option<i64>,
}

impl Seen {
    /// Whether an event of `at` (at `nanos`) is to be audited; marks it.
    fn take(&mut self, at: At, nanos: Option<i64>) -> bool {
        match at {
            At::Create | At::Listed => !std::mem::replace(&mut self.first, true),
            At::Start => {
                let new = match (self.last_start, nanos) {
                    (Some(last), Some(n)) => n > last,
                    _ => true,
                };
                if new {
                    self.last_start = nanos.or(self.last_start);
                }
                new
            }
        }
    }
}

type SeenMap = Arc<std::sync::Mutex<HashMap<String, Seen>>>;

/// How long a listed container may stay unannounced by any event before
/// the event stream is taken to have missed it. Events come within
/// milliseconds of the change; this leaves room for an engine under load.
const UNANNOUNCED_GRACE: Duration = Duration::from_secs(10);

/// Containers the engine lists that no event (and no listing of ours)
/// announced, with when each was first listed so. Each heartbeat lists the
/// containers: an event stream that stalls while the engine still answers
/// `/_ping` shows as containers that stay unannounced, and is then
/// reconnected to, whose listing audits them.
#[derive(Default)]
struct Unannounced {
    since: HashMap<String, Instant>,
}

impl Unannounced {
    /// The ids of `listed` not yet audited that were already listed and
    /// unaudited `grace` ago, sorted. What is no longer listed, or has
    /// been audited since, is forgotten.
    fn missed(
        &mut self,
        listed: Vec<String>,
        audited: impl Fn(&str) -> bool,
        now: Instant,
        grace: Duration,
    ) -> Vec<String> {
        let mut missed = Vec::new();
        let mut next = HashMap::new();
        for id in listed {
            if audited(&id) {
                continue;
            }
            let first = self.since.get(&id).copied().unwrap_or(now);
            if now.saturating_duration_since(first) >= grace {
                missed.push(id.clone());
            }
            next.insert(id, first);
        }
        self.since = next;
        missed.sort();
        missed
    }
}

/// Whether the event stream has stalled: the engine lists containers that
/// stay unannounced past the grace (said, with their ids). A listing that
/// fails is not a lost engine (it answered the ping): said, and tried
/// again at the next heartbeat.
async fn stalled(session: &Session, seen: &SeenMap, unannounced: &mut Unannounced) -> bool {
    let listed = match session.container_ids().await {
        Ok(l) => l,
        Err(e) => {
            log(&format!("listing the containers at a heartbeat: {e}"));
            return false;
        }
    };
    let missed = {
        let s = seen.lock().unwrap_or_else(|e| e.into_inner());
        unannounced.missed(
            listed,
            |id| s.get(id).is_some_and(|x| x.first),
            Instant::now(),
            UNANNOUNCED_GRACE,
        )
    };
    if missed.is_empty() {
        return false;
    }
    let ids: Vec<&str> = missed.iter().take(5).map(|i| short(i)).collect();
    log(&format!(
        "{} containers listed by the engine had no event within {} s ({}{}): the event stream is stalled or behind; reconnecting",
        missed.len(),
        UNANNOUNCED_GRACE.as_secs(),
        ids.join(", "),
        if missed.len() > ids.len() { ", ..." } else { "" },
    ));
    true
}

/// What the async side hands the recorder, in order.
enum Msg {
    /// New host facts (at every connection).
    Base(Box<Facts>),
    Container {
        container: Box<Container>,
        at: At,
        timing: Timing,
        read: Read,
    },
    Image {
        image: Box<Image>,
        /// The image event's action (pull, tag, load, import).
        action: String,
        /// The name the event gave it (the new tag, the pulled reference).
        reference: Option<String>,
        timing: Timing,
    },
    Gone {
        id: String,
        attributes: HashMap<String, String>,
        /// `gone` (removed) or `unread` (the read failed).
        state: &'static str,
        reason: String,
        at: At,
        timing: Timing,
    },
    /// A volume a container mounts, read before the container is judged.
    Volume(Box<crate::facts::engine::Volume>),
    /// The engine's events are followed: record that this host is alive.
    Heartbeat,
    Stop,
}

/// When the engine logged the event, and when its subject was read
/// (nanoseconds since the epoch), for the latency figures.
#[derive(Clone, Copy, Debug, Default)]
struct Timing {
    event: Option<i64>,
    read: Option<i64>,
}

fn now_nanos() -> Option<i64> {
    chrono::Utc::now().timestamp_nanos_opt()
}

/// What the recorder did, for the closing line.
#[derive(Default)]
struct Tally {
    /// Containers audited at their create event, or found at connection.
    containers: u64,
    /// Audits at a start event.
    starts: u64,
    /// Create audits read from the engine's data root.
    from_data_root: u64,
    failing: u64,
    gone: u64,
    /// Containers whose read failed (read again at the next listing).
    unread: u64,
    images: u64,
    store_errors: u64,
    /// Create event to recorded, per container audited at its create.
    latencies_ms: Vec<f64>,
    /// Start event to recorded.
    start_latencies_ms: Vec<f64>,
}

fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    Some(v[i])
}

fn log(line: &str) {
    let _ = writeln!(io::stderr(), "dockaudit watch: {line}");
}

fn short(id: &str) -> &str {
    &id[..id.len().min(12)]
}

pub(super) fn run_watch(args: WatchArgs, cfg: &Config) -> Result<i32> {
    let spec = args.store.spec(cfg)?;
    // Open (and migrate) the store before anything: a store that cannot be
    // opened stops the watch at once.
    let st = store::open(&spec)?;
    let timeout = super::request_timeout(args.timeout, cfg)?;
    if !(args.max_backoff.is_finite() && args.max_backoff > 0.0) {
        anyhow::bail!("--max-backoff must be a positive number of seconds");
    }
    let opts = CollectOptions {
        docker_host: args.docker_host.clone(),
        host_root: args
            .host_root
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from("/")),
        host_root_explicit: args.host_root.is_some(),
        timeout,
        concurrency: cfg.audit.concurrency.unwrap_or(16) as usize,
    };
    let heartbeat = match (args.heartbeat, cfg.watch.heartbeat) {
        (Some(s), _) | (None, Some(s)) => s,
        (None, None) => 60.0,
    };
    if !(heartbeat.is_finite() && (0.1..=86_400.0).contains(&heartbeat)) {
        anyhow::bail!("--heartbeat {heartbeat}: use 0.1 to 86400 seconds");
    }
    let heartbeat = Duration::from_secs_f64(heartbeat);
    let data_root = DataRootSetting::of(args.data_root.as_ref(), cfg);
    lean_memory();
    let endpoint = crate::collect::endpoint::Endpoint::resolve(opts.docker_host.as_deref());
    let (tx, rx) = mpsc::channel::<Msg>();
    let recorder = {
        let config = super::audit_config(cfg);
        let policy = crate::watch::Policy {
            severity: cfg.severity.clone(),
            ignores: cfg.ignores.clone(),
        };
        let retention = cfg.retention();
        let host_name = args.host_name.clone();
        let jsonl = args.jsonl;
        let target = endpoint.redacted.clone();
        std::thread::spawn(move || {
            record_loop(st, rx, config, policy, retention, host_name, target, jsonl)
        })
    };
    // One thread follows the events and inspects (they wait on the
    // engine, not on a core); the judging is the recorder's. A worker pool
    // would add threads, each with its own allocator heap, for nothing.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let max_backoff = Duration::from_secs_f64(args.max_backoff.min(3600.0));
    rt.block_on(follow(
        opts,
        tx.clone(),
        max_backoff,
        heartbeat,
        spec,
        data_root,
    ));
    let _ = tx.send(Msg::Stop);
    drop(rt);
    let tally = recorder
        .join()
        .map_err(|_| anyhow::anyhow!("the recorder thread panicked"))??;
    let p = |v: &[f64], q| {
        percentile(v, q)
            .map(|v| format!("{v:.1} ms"))
            .unwrap_or_else(|| "-".to_string())
    };
    log(&format!(
        "stopped: {} containers audited ({} failing, {} gone before they could be read, \
         {} read from the data root), {} audits at start, {} images; create to recorded: \
         p50 {}, p99 {}; start to recorded: p50 {}, p99 {}",
        tally.containers,
        tally.failing,
        tally.gone,
        tally.from_data_root,
        tally.starts,
        tally.images,
        p(&tally.latencies_ms, 0.5),
        p(&tally.latencies_ms, 0.99),
        p(&tally.start_latencies_ms, 0.5),
        p(&tally.start_latencies_ms, 0.99),
    ));
    if tally.store_errors > 0 {
        log(&format!(
            "{} batches could not be recorded (see the errors above)",
            tally.store_errors
        ));
        return Ok(2);
    }
    Ok(0)
}

/// `mi_option_purge_delay` of mimalloc.h (the bindings leave it out); the
/// test below checks it against the linked allocator's default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A watch lives for months and idles: its resident memory is kept small.
/// Transparent huge pages would back every touched 2 MiB of the
/// allocator's arena with a whole huge page (30 of 51 MB idle were those),
/// so they are off for this process (what mimalloc's allow_thp=0 does);
/// and pages freed after a burst go back to the system at once: with the
/// allocator's purge delay (1 s) they would wait for the next allocation,
/// which an idle watch does not make.
fn lean_memory() {
    // SAFETY: prctl with integer arguments changes only this process's
    // flag; mi_option_set stores an option the allocator reads when it
    // purges.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

/// Returns the memory the calling thread's heap freed to the system (after
/// a batch, when nothing more is waiting).
fn release_memory() {
    // SAFETY: collects the calling thread's own heap.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Resolves when SIGTERM or SIGINT arrives.
async fn stop_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = match signal(SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

/// The async side: connect, collect, follow events; reconnect with backoff
/// until a stop signal.
async fn follow(
    opts: CollectOptions,
    tx: mpsc::Sender<Msg>,
    max_backoff: Duration,
    heartbeat: Duration,
    spec: String,
    data_root: DataRootSetting,
) {
    let stop = stop_signal();
    tokio::pin!(stop);
    let seen: SeenMap = Arc::default();
    let inflight = Arc::new(Semaphore::new(64));
    let mut tasks = tokio::task::JoinSet::new();
    let mut backoff = Duration::from_millis(250);
    let mut since: Option<String> = None;
    let mut announced = false;
    let mut said = String::new();
    'outer: loop {
        let session = tokio::select! {
            _ = &mut stop => break 'outer,
            s = Session::connect(&opts) => s,
        };
        let session = match session {
            Ok(s) => Arc::new(s),
            Err(e) => {
                log(&format!("{e}; retrying in {:.2} s", backoff.as_secs_f64()));
                tokio::select! {
                    _ = &mut stop => break 'outer,
                    _ = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(max_backoff);
                continue;
            }
        };
        let reader =
            Arc::new(create_reader(&session, &data_root, &opts.host_root, &mut said).await);
        // Replayed from a second before now (or from the last event seen):
        // nothing created between the listing below and the subscription
        // is missed.
        let from = since
            .clone()
            .unwrap_or_else(|| (chrono::Utc::now().timestamp() - 1).to_string());
        // A reconnect before any event arrives replays from here too: what
        // ran while the engine was away is not lost.
        since = Some(from.clone());
        let mut events = Box::pin(session.events(Some(from)));
        // The host facts and every container not yet audited, while the
        // events already flow.
        let catch_up = {
            let opts = opts.clone();
            let tx = tx.clone();
            let seen = seen.clone();
            tokio::spawn(async move {
                let (facts, unreachable) = crate::collect::collect(&opts).await;
                if let Some(e) = unreachable {
                    log(&format!("collecting the host facts: {e}"));
                }
                let mut facts = facts;
                let containers = match &mut facts.containers {
                    crate::facts::Source::Present(list) => std::mem::take(list),
                    // Not listed: nothing is known of what is not yet
                    // audited, and the base is kept as it was. Said, and
                    // tried again by reconnecting.
                    other => {
                        let why = other.reason().unwrap_or("not listed").to_string();
                        return Err(why);
                    }
                };
                let _ = tx.send(Msg::Base(Box::new(facts)));
                let mut n = 0;
                for c in containers {
                    let new = seen
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .entry(c.id.clone())
                        .or_default()
                        .take(At::Listed, None);
                    if new {
                        n += 1;
                        let _ = tx.send(Msg::Container {
                            container: Box::new(c),
                            at: At::Listed,
                            timing: Timing::default(),
                            read: Read::Inspect,
                        });
                    }
                }
                Ok(n)
            })
        };
        let mut catch_up = Some(catch_up);
        // Heartbeats only while the events are followed: a watch that lost
        // its engine is not heard from.
        let mut beat = tokio::time::interval_at(tokio::time::Instant::now() + heartbeat, heartbeat);
        beat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut unannounced = Unannounced::default();
        loop {
            let next = tokio::select! {
                _ = &mut stop => break 'outer,
                _ = beat.tick() => {
                    // A heartbeat says the engine is followed: an engine
                    // that no longer answers (a hung daemon, a dropped
                    // connection) is reconnected to, not reported alive.
                    if let Err(e) = session.ping().await {
                        log(&format!("the engine does not answer: {e}; reconnecting"));
                        break;
                    }
                    // An engine that answers but whose event stream has
                    // stalled. Not judged while the listing at connection
                    // runs.
                    if catch_up.is_none() && stalled(&session, &seen, &mut unannounced).await {
                        break;
                    }
                    let _ = tx.send(Msg::Heartbeat);
                    continue;
                }
                done = async { catch_up.as_mut().unwrap().await }, if catch_up.is_some() => {
                    catch_up = None;
                    let n = match done {
                        Ok(Ok(n)) => n,
                        Ok(Err(why)) => {
                            log(&format!(
                                "listing the containers failed: {why}; containers not yet audited wait for it: reconnecting"
                            ));
                            break;
                        }
                        Err(e) => {
                            log(&format!("listing the containers failed: {e}; reconnecting"));
                            break;
                        }
                    };
                    backoff = Duration::from_millis(250);
                    if !announced {
                        announced = true;
                        log(&format!(
                            "watching {} (store {}); {n} containers audited at start",
                            session.endpoint, store::redact_url(&spec)
                        ));
                    } else {
                        log(&format!(
                            "reconnected to {}; {n} containers not yet audited were audited",
                            session.endpoint
                        ));
                    }
                    continue;
                }
                ev = events.next() => ev,
            };
            let ev = match next {
                Some(Ok(ev)) => ev,
                Some(Err(e)) => {
                    log(&format!("event stream lost: {e}; reconnecting"));
                    break;
                }
                None => {
                    log("event stream ended; reconnecting");
                    break;
                }
            };
            if let Some(t) = ev.time {
                since = Some(t.to_string());
            }
            handle_event(ev, &session, &reader, &seen, &inflight, &tx, &mut tasks);
            // Reap finished inspects as we go.
            while tasks.try_join_next().is_some() {}
        }
        if let Some(c) = catch_up.take() {
            c.abort();
        }
        tokio::select! {
            _ = &mut stop => break 'outer,
            _ = tokio::time::sleep(backoff) => {}
        }
        backoff = (backoff * 2).min(max_backoff);
    }
    // Everything already read is recorded before the recorder stops.
    let drain = async { while tasks.join_next().await.is_some() {} };
    if tokio::time::timeout(opts.timeout * 2, drain).await.is_err() {
        log("stopping: some inspects did not finish in time");
    }
}

/// How this connection reads a container at its create event; says so in
/// the log when that changed (`said`: what was said last).
async fn create_reader(
    session: &Session,
    setting: &DataRootSetting,
    host_root: &std::path::Path,
    said: &mut String,
) -> CreateRead {
    let chosen = if *setting == DataRootSetting::Off {
        Err("--data-root none".to_string())
    } else {
        let configured = match setting {
            DataRootSetting::Dir(d) => Some(d.as_path()),
            _ => None,
        };
        data_root::choose(
            configured,
            session.docker_root_dir().await,
            session.local_socket,
            host_root,
        )
    };
    let line = match &chosen {
        Ok((dr, origin)) => format!(
            "create audits read the engine's data root {} ({}), else inspect",
            dr.dir.display(),
            match origin {
                data_root::Origin::Configured => "as configured",
                data_root::Origin::Engine => "the engine's DockerRootDir",
            }
        ),
        Err(why) => format!("create audits inspect: no data root read ({why})"),
    };
    if line != *said {
        log(&line);
        *said = line;
    }
    CreateRead {
        data_root: chosen.ok().map(|(d, _)| d),
        logged: Default::default(),
    }
}

/// The volumes a container mounts, each read and sent before it: the base's
/// volume list was read at connection, and a volume made since (an image's
/// VOLUME, a `docker volume create -o o=bind`) is resolved by what it is.
/// One that cannot be read stays unresolved (a low finding says so).
async fn send_volumes(session: &Session, c: &crate::facts::Container, tx: &mpsc::Sender<Msg>) {
    for m in c
        .mounts
        .iter()
        .filter(|m| m.kind == "volume" && !m.name.is_empty())
    {
        match session.volume(&m.name).await {
            Ok(Inspected::Found(v)) => {
                let _ = tx.send(Msg::Volume(Box::new(v)));
            }
            Ok(Inspected::Gone(_)) => {}
            Err(e) => log(&format!("volume {}: {e}", m.name)),
        }
    }
}

fn handle_event(
    ev: bollard::models::EventMessage,
    session: &Arc<Session>,
    reader: &Arc<CreateRead>,
    seen: &SeenMap,
    inflight: &Arc<Semaphore>,
    tx: &mpsc::Sender<Msg>,
    tasks: &mut tokio::task::JoinSet<()>,
) {
    use bollard::models::EventMessageTypeEnum as T;
    let action = ev.action.as_deref().unwrap_or("");
    let Some(actor) = ev.actor else { return };
    let Some(id) = actor.id.filter(|i| !i.is_empty()) else {
        return;
    };
    let attributes = actor.attributes.unwrap_or_default();
    let event_nanos = ev.time_nano;
    match ev.typ {
        // A removed container is never listed again: forgetting it keeps
        // the set of audited ids as large as the engine's containers.
        Some(T::CONTAINER) if action == "destroy" => {
            seen.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
        }
        // Audited at its create (what it was made with) and again at each
        // start (what runs: processes, execs, the state), each read at once.
        Some(T::CONTAINER) if matches!(action, "create" | "start") => {
            let at = if action == "create" {
                At::Create
            } else {
                At::Start
            };
            let new = seen
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(id.clone())
                .or_default()
                .take(at, event_nanos);
            if !new {
                return;
            }
            let (session, tx, inflight) = (session.clone(), tx.clone(), inflight.clone());
            let (reader, seen) = (reader.clone(), seen.clone());
            tasks.spawn(async move {
                // At its create, from the engine's files when they can be
                // read: an inspect would wait for a start under way. A
                // start is audited through inspect (its processes, execs).
                if at == At::Create {
                    if let Some(c) = reader.read(&id) {
                        send_volumes(&session, &c, &tx).await;
                        let _ = tx.send(Msg::Container {
                            container: Box::new(c),
                            at,
                            timing: Timing {
                                event: event_nanos,
                                read: now_nanos(),
                            },
                            read: Read::DataRoot,
                        });
                        return;
                    }
                }
                let _permit = inflight.acquire().await;
                let read = session.container(&id).await;
                let timing = Timing {
                    event: event_nanos,
                    read: now_nanos(),
                };
                let msg = match read {
                    Ok(Inspected::Found(c)) => {
                        send_volumes(&session, &c, &tx).await;
                        Msg::Container {
                            container: Box::new(c),
                            at,
                            timing,
                            read: Read::Inspect,
                        }
                    }
                    Ok(Inspected::Gone(why)) => Msg::Gone {
                        id,
                        attributes,
                        state: "gone",
                        reason: format!("removed before it could be read: {why}"),
                        at,
                        timing,
                    },
                    // A read that failed (a timeout, an engine restarting)
                    // is not a removal: the container is forgotten so that
                    // the next listing audits it.
                    Err(e) => {
                        seen.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
                        Msg::Gone {
                            id,
                            attributes,
                            state: "unread",
                            reason: format!(
                                "could not be read: {e}; audited again when the containers are next listed"
                            ),
                            at,
                            timing,
                        }
                    }
                };
                let _ = tx.send(msg);
            });
        }
        Some(T::IMAGE) => {
            // `tag`, `load` and `import` name the image by id; `pull` by
            // reference: all inspect.
            let (session, tx, inflight) = (session.clone(), tx.clone(), inflight.clone());
            let action = action.to_string();
            let reference = attributes.get("name").cloned();
            tasks.spawn(async move {
                let _permit = inflight.acquire().await;
                match session.image(&id).await {
                    Ok(Inspected::Found(i)) => {
                        let _ = tx.send(Msg::Image {
                            image: Box::new(i),
                            action,
                            reference,
                            timing: Timing {
                                event: event_nanos,
                                read: now_nanos(),
                            },
                        });
                    }
                    Ok(Inspected::Gone(_)) => {}
                    Err(e) => log(&format!("image {id}: {e}")),
                }
            });
        }
        _ => {}
    }
}

/// The recorder: judges what arrives and writes it in batches.
#[allow(clippy::too_many_arguments)]
fn record_loop(
    mut st: Box<dyn HistoryStore>,
    rx: mpsc::Receiver<Msg>,
    config: crate::checks::AuditConfig,
    policy: crate::watch::Policy,
    retention: store::Retention,
    host_name: Option<String>,
    target: String,
    jsonl: bool,
) -> Result<Tally> {
    let mut tally = Tally::default();
    let mut auditor: Option<Auditor> = None;
    let mut run_id: Option<i64> = None;
    // Subjects that arrived before the first host facts.
    let mut waiting: Vec<Msg> = Vec::new();
    let started_at = store::now_text();
    let mut stopping = false;
    let host_of = |facts: &Facts| -> String {
        if let Some(h) = host_name.as_ref().filter(|h| !h.is_empty()) {
            return h.clone();
        }
        if let Some(e) = facts.engine.get().filter(|e| !e.info.name.is_empty()) {
            return e.info.name.clone();
        }
        crate::collect::engine::hostname()
    };
    let begin = |st: &mut Box<dyn HistoryStore>, host: &str| -> Result<i64> {
        Ok(st.begin_run(&store::RunInfo {
            command: "watch".to_string(),
            target_kind: "engine".to_string(),
            target: target.clone(),
            host: host.to_string(),
            started_at: started_at.clone(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        })?)
    };
    while !stopping {
        let Ok(first) = rx.recv() else { break };
        let mut batch = vec![first];
        while batch.len() < 512 {
            match rx.try_recv() {
                Ok(m) => batch.push(m),
                Err(_) => break,
            }
        }
        let mut done: Vec<(Audited, Timing)> = Vec::new();
        let mut beat = false;
        for msg in batch {
            match msg {
                Msg::Stop => stopping = true,
                Msg::Heartbeat => beat = true,
                Msg::Base(facts) => {
                    let host = host_of(&facts);
                    match &mut auditor {
                        Some(a) => a.set_base(*facts),
                        None => {
                            auditor = Some(Auditor::new(
                                *facts,
                                config.clone(),
                                policy.clone(),
                                host.clone(),
                            ))
                        }
                    }
                    if run_id.is_none() {
                        run_id = Some(begin(&mut st, &host)?);
                    }
                    let held = std::mem::take(&mut waiting);
                    if let Some(a) = auditor.as_mut() {
                        for m in held {
                            judge(a, m, &mut done);
                        }
                    }
                }
                other => match auditor.as_mut() {
                    Some(a) => judge(a, other, &mut done),
                    None => waiting.push(other),
                },
            }
        }
        if beat {
            if let Some(id) = run_id {
                if let Err(e) = st.heartbeat(id, &store::now_text()) {
                    tally.store_errors += 1;
                    log(&format!("error: {e}"));
                }
            }
        }
        if done.is_empty() {
            continue;
        }
        let Some(id) = run_id else { continue };
        let findings: Vec<store::FindingRecord> =
            done.iter().flat_map(|(a, _)| a.findings.clone()).collect();
        let subjects: Vec<store::SubjectRecord> =
            done.iter().map(|(a, _)| a.subject.clone()).collect();
        if let Err(e) = st.record(id, &findings, &subjects) {
            tally.store_errors += 1;
            log(&format!("error: {e}"));
            continue;
        }
        let recorded = chrono::Utc::now();
        let now_nanos = recorded.timestamp_nanos_opt();
        let mut out = io::stdout().lock();
        for (a, timing) in &done {
            let s = &a.subject;
            let since_event = |t: Option<i64>| match (timing.event, t) {
                (Some(e), Some(n)) => Some((n - e) as f64 / 1e6),
                _ => None,
            };
            let latency = since_event(now_nanos);
            let read_ms = since_event(timing.read);
            let start = s.event.as_deref() == Some("start");
            match (s.kind.as_str(), s.state.as_str()) {
                ("image", _) => tally.images += 1,
                (_, "gone") => tally.gone += 1,
                (_, "unread") => tally.unread += 1,
                _ if start => tally.starts += 1,
                _ => tally.containers += 1,
            }
            if s.source.as_deref() == Some(Read::DataRoot.name()) {
                tally.from_data_root += 1;
            }
            if let Some(l) = latency.filter(|_| s.kind == "container") {
                match s.event.as_deref() {
                    Some("create") => tally.latencies_ms.push(l),
                    Some("start") => tally.start_latencies_ms.push(l),
                    _ => {}
                }
            }
            if s.state == "gone" || s.state == "unread" {
                log(&format!(
                    "{} {} ({}) {}: {}",
                    s.kind,
                    short(&s.id),
                    s.role,
                    s.state,
                    s.reason.as_deref().unwrap_or("")
                ));
            } else if !s.failing.is_empty() {
                if s.kind == "container" && !start {
                    tally.failing += 1;
                }
                log(&format!(
                    "{} {} {} ({}) fails {}",
                    s.kind,
                    s.name,
                    short(&s.id),
                    s.role,
                    s.failing.join(", ")
                ));
            }
            if jsonl {
                let line = serde_json::json!({
                    "run_id": id,
                    "kind": s.kind,
                    "id": s.id,
                    "name": s.name,
                    "role": s.role,
                    "host": s.host,
                    "audited_at": s.audited_at,
                    "state": s.state,
                    "event": s.event,
                    "source": s.source,
                    "reason": s.reason,
                    "failing": s.failing,
                    "passing": s.passing,
                    "event_at": timing.event.map(|n| store::time_text(
                        chrono::DateTime::from_timestamp_nanos(n))),
                    "read_ms": read_ms,
                    "latency_ms": latency,
                    "findings": a.findings.iter().map(|f| serde_json::json!({
                        "check_id": f.check_id,
                        "severity": f.severity,
                        "message": f.message,
                        "fingerprint": f.fingerprint,
                    })).collect::<Vec<_>>(),
                });
                // A closed standard output ends nothing: the history is
                // what matters.
                let _ = writeln!(out, "{line}");
            }
        }
        let _ = out.flush();
        drop(out);
        drop(done);
        release_memory();
    }
    let id = match run_id {
        Some(id) => id,
        None => begin(&mut st, &crate::collect::engine::hostname())?,
    };
    let summary = serde_json::json!({
        "containers": tally.containers,
        "starts": tally.starts,
        "failing": tally.failing,
        "gone": tally.gone,
        "unread": tally.unread,
        "images": tally.images,
    });
    st.finish_run(id, &store::now_text(), &summary, retention)
        .context("closing the watch run")?;
    Ok(tally)
}

fn judge(a: &mut Auditor, msg: Msg, done: &mut Vec<(Audited, Timing)>) {
    let now = store::now_text();
    let (mut audited, event, timing) = match msg {
        Msg::Container {
            container,
            at,
            timing,
            read,
        } => {
            let mut audited = a.container(*container, &now);
            audited.subject.source = Some(read.name().to_string());
            (audited, at.name().to_string(), timing)
        }
        Msg::Image {
            image,
            action,
            reference,
            timing,
        } => {
            let mut audited = a.image(*image, reference.as_deref(), &now);
            audited.subject.source = Some(Read::Inspect.name().to_string());
            (audited, action, timing)
        }
        Msg::Gone {
            id,
            attributes,
            state,
            reason,
            at,
            timing,
        } => (
            a.not_read(&id, &attributes, state, &reason, &now),
            at.name().to_string(),
            timing,
        ),
        Msg::Volume(v) => {
            a.add_volume(*v);
            return;
        }
        Msg::Base(_) | Msg::Heartbeat | Msg::Stop => return,
    };
    audited.subject.event = Some(event);
    done.push((audited, timing));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_allocators() {
        // mimalloc v3's options.c: purge_delay defaults to 1000 ms, its
        // neighbours (eager_commit_delay, use_numa_nodes) to 1 and 0.
        // SAFETY: reads options.
        let v = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        assert_eq!(v(MI_OPTION_PURGE_DELAY), 1000);
        assert_eq!(v(MI_OPTION_PURGE_DELAY - 1), 1);
        assert_eq!(v(MI_OPTION_PURGE_DELAY + 1), 0);
    }

    #[test]
    fn the_data_root_setting() {
        let cfg = Config::default();
        let of =
            |f: Option<&str>| DataRootSetting::of(f.map(|f| f.parse().unwrap()).as_ref(), &cfg);
        assert_eq!(of(None), DataRootSetting::Engine);
        assert_eq!(of(Some("none")), DataRootSetting::Off);
        assert_eq!(
            of(Some("/host/var/lib/docker")),
            DataRootSetting::Dir("/host/var/lib/docker".into())
        );
        let e = "var/lib/docker".parse::<DataRootChoice>().unwrap_err();
        assert!(e.contains("absolute path"), "{e}");
        // The flag wins over the file.
        let mut cfg = Config::default();
        cfg.watch.data_root = Some(DataRootChoice::Off);
        assert_eq!(DataRootSetting::of(None, &cfg), DataRootSetting::Off);
        assert_eq!(
            DataRootSetting::of(Some(&DataRootChoice::Dir("/d".into())), &cfg),
            DataRootSetting::Dir("/d".into())
        );
    }

    #[test]
    fn a_container_no_event_announced_is_missed_after_the_grace() {
        let grace = Duration::from_secs(10);
        let t0 = Instant::now();
        let mut u = Unannounced::default();
        let audited = |id: &str| id == "a";
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // First listed unannounced: not yet missed (its event may be on the
        // way); audited ones never count.
        assert!(u.missed(ids(&["a", "b"]), audited, t0, grace).is_empty());
        assert!(u
            .missed(ids(&["a", "b"]), audited, t0 + grace / 2, grace)
            .is_empty());
        assert_eq!(
            u.missed(ids(&["a", "b", "c"]), audited, t0 + grace, grace),
            ["b"]
        );
        // Audited since (its event came), or gone: forgotten; the others
        // keep when they were first listed.
        let later = t0 + grace * 3;
        assert_eq!(
            u.missed(ids(&["b", "c"]), |id| id == "b", later - grace / 2, grace),
            ["c"]
        );
        assert!(u.missed(ids(&["b"]), |_| false, later, grace).is_empty());
        assert_eq!(
            u.missed(ids(&["b"]), |_| false, later + grace, grace),
            ["b"]
        );
    }

    #[test]
    fn a_container_is_audited_once_at_create_and_at_each_new_start() {
        let mut s = Seen::default();
        assert!(s.take(At::Create, Some(10)));
        // Found again in a listing, or a replayed create: not again.
        assert!(!s.take(At::Listed, None));
        assert!(!s.take(At::Create, Some(10)));
        assert!(s.take(At::Start, Some(20)));
        // The same start replayed after a reconnection, or an older one.
        assert!(!s.take(At::Start, Some(20)));
        assert!(!s.take(At::Start, Some(15)));
        // A restart.
        assert!(s.take(At::Start, Some(30)));
        let mut l = Seen::default();
        assert!(l.take(At::Listed, None));
        assert!(!l.take(At::Create, Some(5)));
        assert!(l.take(At::Start, Some(6)));
    }
}
