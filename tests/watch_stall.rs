//! `dockaudit watch` notices an event stream that stalls while the engine
//! still answers: watch talks to the test engine through a socket proxy
//! of this test, which at a point stops passing on the bytes of the event
//! stream (and only those: pings and listings go through). A container
//! made after that is announced by no event; the heartbeat's listing must
//! find it, reconnect, and audit it.
//!
//! Runs when DOCKAUDIT_E2E_DOCKER_HOST is set (an engine can be started
//! here).

#[path = "common/engine.rs"]
mod engine;
#[path = "common/stores.rs"]
mod stores;
#[path = "common/watch.rs"]
mod watch;

use std::io::{Read, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A unix socket proxy to the engine that, while `stall` is set, drops
/// what the engine sends on a connection whose last request was
/// `GET …/events`.
struct Proxy {
    socket: PathBuf,
    stall: Arc<AtomicBool>,
}

impl Proxy {
    fn start(dir: &Path, upstream: PathBuf) -> Proxy {
        let socket = dir.join("proxy.sock");
        let listener = UnixListener::bind(&socket).unwrap();
        let stall = Arc::new(AtomicBool::new(false));
        let st = stall.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let Ok(engine) = UnixStream::connect(&upstream) else {
                    continue;
                };
                let events = Arc::new(AtomicBool::new(false));
                // Requests: passed on, each marking whether it asks for
                // the event stream.
                let ev = events.clone();
                pump(
                    client.try_clone().unwrap(),
                    engine.try_clone().unwrap(),
                    move |b| {
                        let head = String::from_utf8_lossy(&b[..b.len().min(512)]);
                        if let Some(line) = head.lines().next() {
                            if line.starts_with("GET ") || line.starts_with("POST ") {
                                ev.store(line.contains("/events"), Ordering::SeqCst);
                            }
                        }
                        true
                    },
                );
                // Responses: passed on, except the event stream's while
                // stalled (read and dropped: the engine sees no
                // difference, watch hears nothing).
                let st = st.clone();
                pump(engine, client, move |_| {
                    !(events.load(Ordering::SeqCst) && st.load(Ordering::SeqCst))
                });
            }
        });
        Proxy { socket, stall }
    }

    fn host(&self) -> String {
        format!("unix://{}", self.socket.display())
    }
}

/// Copies `from` to `to` on a thread of its own, each chunk that `pass`
/// lets through; closes `to`'s writing side at the end.
fn pump(
    mut from: UnixStream,
    mut to: UnixStream,
    mut pass: impl FnMut(&[u8]) -> bool + Send + 'static,
) {
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            if pass(&buf[..n]) && to.write_all(&buf[..n]).is_err() {
                break;
            }
        }
        let _ = to.shutdown(std::net::Shutdown::Write);
    });
}

#[test]
fn a_stalled_event_stream_is_noticed_and_what_it_missed_is_audited() {
    let Some(host) = engine::host() else {
        println!("note: watch stall skipped: DOCKAUDIT_E2E_DOCKER_HOST is not set");
        return;
    };
    let upstream = PathBuf::from(host.strip_prefix("unix://").expect("a unix socket engine"));
    let dir = tempfile::tempdir().unwrap();
    let proxy = Proxy::start(dir.path(), upstream);
    let s = stores::sqlite();
    let w = watch::Watch::start(&proxy.host(), &s.spec, &["--heartbeat", "1"]);
    let tag = std::process::id();
    let create = |name: &str| -> String {
        engine::docker_ok(
            &host,
            &[
                "create",
                "--network",
                "none",
                "--name",
                name,
                "dockaudit-test/busybox:1",
                "true",
            ],
        )
    };
    // While the events flow, a container is audited at its create event.
    let first = create(&format!("stall-before-{tag}"));
    let audited_at = |id: &str, event: &str| {
        w.lines()
            .iter()
            .any(|l| l["id"] == *id && l["event"] == event)
    };
    w.wait_for_lines_where(1, Duration::from_secs(60), |l| l["id"] == *first);
    assert!(audited_at(&first, "create"), "{}", w.stderr());
    // The stream stalls; the engine still answers pings and listings.
    proxy.stall.store(true, Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(500));
    let missed = create(&format!("stall-after-{tag}"));
    w.wait_for_lines_where(1, Duration::from_secs(90), |l| l["id"] == *missed);
    let (code, stderr, _) = w.stop();
    watch::remove(&host, &[first.clone(), missed.clone()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("had no event within") && stderr.contains(&missed[..12]),
        "the stall is not said: {stderr}"
    );
    let mut st = dockaudit::store::open(&s.spec).unwrap();
    let run = st.runs(1).unwrap().remove(0);
    let subjects = st.run_subjects(run.id).unwrap();
    let rec = subjects.iter().find(|r| r.id == missed).unwrap_or_else(|| {
        panic!("the container made during the stall is not in the history: {stderr}")
    });
    // Found by the reconnection's listing: no event ever named it.
    assert_eq!(rec.event.as_deref(), Some("listed"), "{stderr}");
    assert_eq!(rec.state, "audited");
    assert!(!rec.failing.is_empty(), "{rec:?}");
}
