//! A running `dockaudit watch --jsonl` for the tests, and bursts of
//! short-lived containers made through the Engine API. Included by the
//! watch test files with `#[path]`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bollard::models::{ContainerCreateBody, HostConfig};
use bollard::query_parameters::{CreateContainerOptions, RemoveContainerOptions};
use bollard::Docker;
use futures_util::stream::{self, StreamExt};

pub struct Watch {
    child: Child,
    lines: Arc<Mutex<Vec<serde_json::Value>>>,
    stderr: Arc<Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Watch {
    /// Starts `watch --jsonl` and waits until it watches.
    pub fn start(host: &str, store: &str, extra: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dockaudit"))
            .args([
                "--no-config",
                "watch",
                "-H",
                host,
                "--store",
                store,
                "--jsonl",
            ])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
        let stderr: Arc<Mutex<String>> = Arc::default();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let l = lines.clone();
        let r1 = std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let line = line.unwrap();
                let v: serde_json::Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("--jsonl line is not JSON ({e}): {line}"));
                l.lock().unwrap().push(v);
            }
        });
        let e = stderr.clone();
        let r2 = std::thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let line = line.unwrap();
                let mut s = e.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        });
        let w = Watch {
            child,
            lines,
            stderr,
            readers: vec![r1, r2],
        };
        w.wait_for_stderr("watching ", Duration::from_secs(60));
        w
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn lines(&self) -> Vec<serde_json::Value> {
        self.lines.lock().unwrap().clone()
    }

    pub fn wait_for_stderr(&self, needle: &str, within: Duration) {
        let t = Instant::now();
        while !self.stderr().contains(needle) {
            assert!(
                t.elapsed() < within,
                "watch did not say {needle:?} within {within:?}: {}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until at least `n` container audits were written (or the time
    /// is up: the caller's assertions say what is missing). The images
    /// audited along the way do not count: counted, they would end the
    /// wait before the last container was read.
    pub fn wait_for_lines(&self, n: usize, within: Duration) {
        self.wait_for_lines_where(n, within, |l| l["kind"] == "container");
    }

    /// Waits until at least `n` of the subjects written pass `keep` (other
    /// subjects, such as the images audited at the start, do not count).
    pub fn wait_for_lines_where(
        &self,
        n: usize,
        within: Duration,
        keep: impl Fn(&serde_json::Value) -> bool,
    ) {
        let t = Instant::now();
        while self
            .lines
            .lock()
            .unwrap()
            .iter()
            .filter(|l| keep(l))
            .count()
            < n
            && t.elapsed() < within
        {
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// SIGTERM; the exit code, standard error and the --jsonl lines.
    pub fn stop(mut self) -> (Option<i32>, String, Vec<serde_json::Value>) {
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let t = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if t.elapsed() > Duration::from_secs(60) {
                let _ = self.child.kill();
                panic!(
                    "watch did not stop within 60 s of SIGTERM: {}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        for r in self.readers.drain(..) {
            r.join().unwrap();
        }
        (status.code(), self.stderr(), self.lines())
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn docker(host: &str) -> Docker {
    let path = host.strip_prefix("unix://").unwrap_or(host);
    Docker::connect_with_unix(path, 60, bollard::API_DEFAULT_VERSION).unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Creates and starts `n` containers of `true` (`--network none`), at most
/// `parallel` at a time; each exits at once. Returns their ids. The whole
/// burst is bounded (a wedged runtime once hung a CI run here): past
/// `BURST_LIMIT` the test fails with how far it got.
pub fn burst(host: &str, prefix: &str, n: usize, parallel: usize) -> Vec<String> {
    const BURST_LIMIT: Duration = Duration::from_secs(600);
    let d = docker(host);
    let made = Arc::new(AtomicUsize::new(0));
    let counter = made.clone();
    let run = async move {
        let ids: Vec<Option<String>> = stream::iter(0..n)
            .map(|i| {
                let d = d.clone();
                let counter = counter.clone();
                let name = format!("{prefix}-{i}");
                async move {
                    let c = d
                        .create_container(
                            Some(CreateContainerOptions {
                                name: Some(name.clone()),
                                ..Default::default()
                            }),
                            ContainerCreateBody {
                                image: Some("dockaudit-test/busybox:1".into()),
                                cmd: Some(vec!["true".into()]),
                                host_config: Some(HostConfig {
                                    network_mode: Some("none".into()),
                                    ..Default::default()
                                }),
                                ..Default::default()
                            },
                        )
                        .await
                        .map_err(|e| eprintln!("create {name}: {e}"))
                        .ok()?;
                    if let Err(e) = d.start_container(&c.id, None).await {
                        eprintln!("start {name}: {e}");
                    }
                    counter.fetch_add(1, Ordering::Relaxed);
                    Some(c.id)
                }
            })
            .buffer_unordered(parallel)
            .collect()
            .await;
        ids.into_iter().flatten().collect()
    };
    runtime().block_on(async {
        tokio::time::timeout(BURST_LIMIT, run)
            .await
            .unwrap_or_else(|_| {
                panic!(
                    "burst {prefix}: {} of {n} containers created and started in {BURST_LIMIT:?}",
                    made.load(Ordering::Relaxed)
                )
            })
    })
}

/// Removes containers (forced).
pub fn remove(host: &str, ids: &[String]) {
    let d = docker(host);
    runtime().block_on(async {
        stream::iter(ids)
            .for_each_concurrent(8, |id| {
                let d = d.clone();
                async move {
                    let _ = d
                        .remove_container(
                            id,
                            Some(RemoveContainerOptions {
                                force: true,
                                ..Default::default()
                            }),
                        )
                        .await;
                }
            })
            .await;
    });
}
