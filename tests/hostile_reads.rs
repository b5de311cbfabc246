//! Hostile inputs through the binary: devices, FIFOs, oversized files,
//! engines that never stop talking, hang or speak garbage, a closed
//! standard output. Each run is bounded in time (the child is killed after
//! 20 s and the test fails) and in memory (its peak resident size, read
//! with wait4, stays under 300 MB). Every input is generated here.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_BOUND: Duration = Duration::from_secs(20);
const RSS_BOUND_KB: i64 = 300 * 1024;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
    /// Peak resident size, kB.
    peak_kb: i64,
}

impl Run {
    fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// How standard output is given to the child.
enum Out {
    Captured,
    /// A pipe whose reading end is closed before the child writes.
    ClosedPipe,
    /// A file (e.g. /dev/full).
    File(&'static str),
}

fn dockaudit(args: &[&str]) -> Run {
    dockaudit_with(args, Out::Captured)
}

/// Runs the binary; fails the test when it outlives the time bound or its
/// peak memory exceeds the bound.
fn dockaudit_with(args: &[&str], out: Out) -> Run {
    dockaudit_env(args, out, &[])
}

/// `dockaudit_with`, with these variables set for the child.
// The child is reaped by wait4 (for its resource usage), which clippy
// does not see.
#[allow(clippy::zombie_processes)]
fn dockaudit_env(args: &[&str], out: Out, vars: &[(&str, &Path)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dockaudit"));
    cmd.args(args)
        .envs(vars.iter().map(|(k, v)| (*k, *v)))
        .env_remove("DOCKER_HOST")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    match out {
        Out::Captured | Out::ClosedPipe => {
            cmd.stdout(Stdio::piped());
        }
        Out::File(p) => {
            let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
            cmd.stdout(Stdio::from(f));
        }
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("spawning dockaudit");
    let pid = child.id() as libc::pid_t;
    // Drain the pipes on threads so a chatty child never blocks on them.
    let stdout = child.stdout.take().map(|mut s| {
        if matches!(out, Out::ClosedPipe) {
            drop(s);
            return std::thread::spawn(String::new);
        }
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = s.read_to_end(&mut v);
            String::from_utf8_lossy(&v).into_owned()
        })
    });
    let mut err_pipe = child.stderr.take().unwrap();
    let stderr = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        String::from_utf8_lossy(&v).into_owned()
    });
    let (status, rusage) = loop {
        let mut status = 0;
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: wait4 on our own child, with valid out-pointers.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut ru) };
        if r == pid {
            break (status, ru);
        }
        assert!(r == 0, "wait4 failed");
        if start.elapsed() > TIME_BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dockaudit {args:?} still running after {TIME_BOUND:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = start.elapsed();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        panic!(
            "dockaudit {args:?} died of signal {}",
            libc::WTERMSIG(status)
        );
    };
    let run = Run {
        code,
        stdout: stdout.map(|t| t.join().unwrap()).unwrap_or_default(),
        stderr: stderr.join().unwrap(),
        took,
        peak_kb: rusage.ru_maxrss,
    };
    assert!(
        rusage.ru_maxrss < RSS_BOUND_KB,
        "dockaudit {args:?} peaked at {} MB",
        rusage.ru_maxrss / 1024
    );
    run
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A directory with a FIFO named `fifo` in it.
fn dir_with_fifo() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("fifo");
    mkfifo(&f);
    (d, f)
}

const NOT_REGULAR: &str = "not a regular file (device, FIFO or socket)";

#[test]
fn compose_extends_file_naming_dev_zero_or_a_fifo_is_refused() {
    let (d, fifo) = dir_with_fifo();
    for target in ["/dev/zero", s(&fifo)] {
        let c = d.path().join("compose.yml");
        std::fs::write(
            &c,
            format!(
                "services:\n  web:\n    image: nginx:1.27\n    extends:\n      file: {target}\n      service: base\n"
            ),
        )
        .unwrap();
        let r = dockaudit(&["compose", s(&c), "--no-config", "--format", "json"]);
        // Findings (or, later, "not audited"): never a pass.
        assert!(matches!(r.code, 1 | 2), "{target}: exit {}", r.code);
        assert!(
            r.stdout
                .contains(&format!("`extends` file {target} is {NOT_REGULAR}")),
            "{target}: {}",
            r.all()
        );
    }
}

#[test]
fn compose_env_file_naming_dev_zero_or_a_fifo_is_refused() {
    let (d, fifo) = dir_with_fifo();
    let c = d.path().join("compose.yml");
    std::fs::write(&c, "services:\n  web:\n    image: nginx:${TAG}\n").unwrap();
    for env in ["/dev/zero", s(&fifo)] {
        let r = dockaudit(&[
            "compose",
            s(&c),
            "--env-file",
            env,
            "--no-config",
            "--format",
            "json",
        ]);
        assert!(matches!(r.code, 1 | 2), "{env}: exit {}", r.code);
        assert!(
            r.stdout
                .contains(&format!("env file {env} is {NOT_REGULAR}")),
            "{env}: {}",
            r.all()
        );
    }
}

#[test]
fn evidence_bundle_that_is_dev_zero_or_a_fifo_is_refused() {
    let (_d, fifo) = dir_with_fifo();
    for f in ["/dev/zero", s(&fifo)] {
        let r = dockaudit(&["host", "--facts", f, "--no-config"]);
        assert_eq!(r.code, 2, "{f}: {}", r.all());
        assert!(
            r.stderr
                .contains(&format!("evidence bundle {f} is {NOT_REGULAR}")),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn evidence_bundle_over_its_bound_names_the_bound() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("bundle.json");
    std::fs::write(&f, format!("{{\"pad\":\"{}\"}}", "x".repeat(4096))).unwrap();
    let r = dockaudit(&[
        "host",
        "--facts",
        s(&f),
        "--no-config",
        "--max-input-bytes",
        "bundle=1K",
    ]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains(
            "is too large: larger than 1024 bytes, the bound on an evidence bundle (--max-input-bytes bundle=BYTES)"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn special_files_as_dockerfile_manifest_config_baseline_secrets_and_advisories() {
    let (d, fifo) = dir_with_fifo();
    let ok = d.path().join("Dockerfile");
    std::fs::write(&ok, "FROM alpine:3.20\nUSER 1000\n").unwrap();
    for special in ["/dev/zero", s(&fifo)] {
        let r = dockaudit(&["dockerfile", special, "--no-config", "--format", "json"]);
        assert!(matches!(r.code, 1 | 2), "dockerfile {special}: {}", r.all());
        assert!(r.stdout.contains(NOT_REGULAR), "{}", r.all());

        let r = dockaudit(&["k8s", special, "--no-config", "--format", "json"]);
        assert!(matches!(r.code, 1 | 2), "k8s {special}: {}", r.all());
        assert!(r.all().contains(NOT_REGULAR), "{}", r.all());

        let r = dockaudit(&["--config", special, "dockerfile", s(&ok)]);
        assert_eq!(r.code, 2, "--config {special}: {}", r.all());
        assert!(
            r.stderr
                .contains(&format!("config file {special} is {NOT_REGULAR}")),
            "{}",
            r.stderr
        );

        let r = dockaudit(&["secrets", s(&ok), "--baseline", special, "--no-config"]);
        assert_eq!(r.code, 2, "--baseline {special}: {}", r.all());
        assert!(r.stderr.contains(NOT_REGULAR), "{}", r.stderr);

        let r = dockaudit(&["secrets", special, "--no-config", "--format", "json"]);
        assert!(r.stdout.contains(NOT_REGULAR), "{}", r.all());

        let db = d.path().join("db");
        let r = dockaudit(&["db", "import", "--db", s(&db), special]);
        assert_ne!(r.code, 0, "db import {special}: {}", r.all());
        assert!(r.stderr.contains(NOT_REGULAR), "{}", r.stderr);
    }
}

#[test]
fn dockerfile_over_the_configured_bound_names_the_bound() {
    let d = tempfile::tempdir().unwrap();
    let df = d.path().join("Dockerfile");
    std::fs::write(&df, "FROM alpine:3.20\nUSER 1000\n").unwrap();
    let cfg = d.path().join("dockaudit.toml");
    std::fs::write(&cfg, "[audit.max_input_bytes]\ndockerfile = 8\n").unwrap();
    let r = dockaudit(&[
        "--config",
        s(&cfg),
        "dockerfile",
        s(&df),
        "--format",
        "json",
    ]);
    assert!(matches!(r.code, 1 | 2), "{}", r.all());
    assert!(
        r.stdout
            .contains("is too large: larger than 8 bytes, the bound on a Dockerfile"),
        "{}",
        r.stdout
    );
}

/// A minimal OCI layout whose one layer blob is `layer` (written by the
/// caller) and whose config is `config`.
fn oci_layout(dir: &Path, config: &str) -> PathBuf {
    use sha2::{Digest, Sha256};
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).unwrap();
    std::fs::write(dir.join("oci-layout"), r#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    let hex = |b: &[u8]| format!("{:x}", Sha256::digest(b));
    let cd = hex(config.as_bytes());
    std::fs::write(blobs.join(&cd), config).unwrap();
    let layer = "1111111111111111111111111111111111111111111111111111111111111111";
    let manifest = format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:{cd}","size":{}}},"layers":[{{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:{layer}","size":1024}}]}}"#,
        config.len()
    );
    let md = hex(manifest.as_bytes());
    std::fs::write(blobs.join(&md), &manifest).unwrap();
    std::fs::write(
        dir.join("index.json"),
        format!(
            r#"{{"schemaVersion":2,"manifests":[{{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:{md}","size":{}}}]}}"#,
            manifest.len()
        ),
    )
    .unwrap();
    blobs.join(layer)
}

const CONFIG: &str =
    r#"{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"#;

#[test]
fn fifo_as_a_layer_blob_of_an_oci_layout_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let layer = oci_layout(d.path(), CONFIG);
    mkfifo(&layer);
    let r = dockaudit(&["image", s(d.path()), "--no-config", "--quiet"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr
            .contains("the manifest names layer blobs/sha256/1111")
            && r.stderr.contains(&format!("which is {NOT_REGULAR}")),
        "{}",
        r.stderr
    );
}

/// An extracted `docker save` directory with `layer.tar` (written by the
/// caller) and `config`.
fn save_dir(dir: &Path, config: &str) -> PathBuf {
    std::fs::write(dir.join("config.json"), config).unwrap();
    std::fs::write(
        dir.join("manifest.json"),
        r#"[{"Config":"config.json","RepoTags":["hostile:1"],"Layers":["layer.tar"]}]"#,
    )
    .unwrap();
    dir.join("layer.tar")
}

#[test]
fn fifo_as_a_layer_of_an_extracted_docker_save_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let layer = save_dir(d.path(), CONFIG);
    mkfifo(&layer);
    let r = dockaudit(&["image", s(d.path()), "--no-config", "--quiet"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains(&format!(
            "the manifest names layer layer.tar, which is {NOT_REGULAR}"
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn fifo_or_device_as_an_image_archive_is_refused() {
    let (_d, fifo) = dir_with_fifo();
    for f in ["/dev/zero", s(&fifo)] {
        let r = dockaudit(&["image", f, "--no-config", "--quiet"]);
        assert_eq!(r.code, 2, "{f}: {}", r.all());
        assert!(r.stderr.contains(NOT_REGULAR), "{}", r.stderr);
    }
}

#[test]
fn image_config_over_its_bound_is_too_large_not_missing() {
    let d = tempfile::tempdir().unwrap();
    let big = format!(
        r#"{{"architecture":"amd64","os":"linux","config":{{"Labels":{{"pad":"{}"}}}},"rootfs":{{"type":"layers","diff_ids":[]}}}}"#,
        "x".repeat(9 << 20)
    );
    let layer = save_dir(d.path(), &big);
    // An empty tar: two zero blocks.
    std::fs::write(&layer, vec![0u8; 1024]).unwrap();
    let r = dockaudit(&["image", s(d.path()), "--no-config", "--quiet"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr
            .contains("the manifest names config config.json, which is too large"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("missing"), "{}", r.stderr);
}

#[test]
fn daemon_json_over_its_bound_is_too_large_not_missing() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("root");
    std::fs::create_dir_all(root.join("etc/docker")).unwrap();
    std::fs::create_dir_all(root.join("proc")).unwrap();
    std::fs::write(
        root.join("etc/docker/daemon.json"),
        format!("{{\"labels\":[\"{}\"]}}", "x".repeat(8192)),
    )
    .unwrap();
    let sock = d.path().join("none.sock");
    let host = format!("unix://{}", s(&sock));
    let run = |extra: &[&str]| {
        let mut args = vec![
            "host",
            "--host-root",
            s(&root),
            "--allow-partial",
            "-H",
            &host,
            "--no-config",
            "--format",
            "json",
            "--max-input-bytes",
            "host_file=4K",
        ];
        args.extend_from_slice(extra);
        dockaudit(&args)
    };
    let r = run(&[]);
    assert!(matches!(r.code, 1 | 2), "{}", r.all());
    assert!(
        r.stdout.contains(
            "cannot read /etc/docker/daemon.json: too large: larger than 4096 bytes, the bound on a host file"
        ),
        "{}",
        r.all()
    );
    // A FIFO there is refused, not waited on.
    std::fs::remove_file(root.join("etc/docker/daemon.json")).unwrap();
    mkfifo(&root.join("etc/docker/daemon.json"));
    let r = run(&[]);
    assert!(
        r.stdout.contains(&format!(
            "cannot read /etc/docker/daemon.json: {NOT_REGULAR}"
        )),
        "{}",
        r.all()
    );
}

#[test]
fn image_path_that_does_not_exist_is_not_taken_for_an_engine_reference() {
    let d = tempfile::tempdir().unwrap();
    let sock = d.path().join("none.sock");
    let host = format!("unix://{}", s(&sock));
    for p in ["./no-such-file.tar", "no-such.tar.gz", "/no/such/dir"] {
        let r = dockaudit(&["image", p, "-H", &host, "--no-config"]);
        assert_eq!(r.code, 2, "{p}: {}", r.all());
        assert!(
            r.stderr
                .contains(&format!("{p}: no such file or directory (it names a file")),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("engine at"), "{}", r.stderr);
    }
    // A reference is still one, and --engine forces one.
    for args in [
        vec!["image", "alpine:3.20"],
        vec!["image", "--engine", "./no-such-file.tar"],
    ] {
        let mut args = args;
        args.extend(["-H", &host, "--no-config"]);
        let r = dockaudit(&args);
        assert_eq!(r.code, 2, "{}", r.all());
        assert!(
            r.stderr
                .contains("cannot reach the Docker engine at unix://"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn closed_stdout_keeps_the_exit_code_and_write_errors_exit_2() {
    let d = tempfile::tempdir().unwrap();
    let df = d.path().join("Dockerfile");
    // Findings: root user, no tag.
    std::fs::write(&df, "FROM ubuntu\nRUN apt-get install -y curl\n").unwrap();
    let base = ["dockerfile", s(&df), "--no-config"];
    let full = dockaudit(&base);
    assert_eq!(full.code, 1, "{}", full.all());
    for format in ["text", "json", "sarif"] {
        let mut args = base.to_vec();
        args.extend(["--format", format]);
        let r = dockaudit_with(&args, Out::ClosedPipe);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        assert!(r.stderr.is_empty(), "{}", r.stderr);
    }
    let r = dockaudit_with(&base, Out::File("/dev/full"));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("dockaudit: error: writing to standard output: No space left on device"),
        "{}",
        r.stderr
    );
}

// ---- a fake engine on a unix socket (or over TLS) ----

#[derive(Clone, Copy, PartialEq)]
enum Engine {
    /// Every reply but /version is a body that never ends.
    Endless,
    /// Accepts, reads, never answers.
    Hung,
    /// Answers bytes that are not HTTP.
    Garbage,
    /// /version is not the API's JSON.
    BadVersion,
    /// /version and /images/json answer; the image export sends a few
    /// bytes and then nothing.
    StalledExport,
    /// A swarm manager whose answers carry secrets: join tokens, a CA
    /// signing key, a service's env and log options, a secret's data.
    Swarm,
}

/// What the swarm manager of `Engine::Swarm` answers, path suffix first.
const SWARM_REPLIES: &[(&str, &str)] = &[
    (
        "/info",
        r#"{"ID":"X","Name":"mgr","ServerVersion":"24.0.0","Swarm":{"NodeID":"n1","NodeAddr":"127.0.0.1","LocalNodeState":"active","ControlAvailable":true,"Nodes":1,"Managers":1}}"#,
    ),
    (
        "/swarm",
        r#"{"ID":"sw1","JoinTokens":{"Worker":"SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx","Manager":"SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-7p73s1dx5in4tatdymyhg9hu2"},"Spec":{"Name":"default","CAConfig":{"NodeCertExpiry":7776000000000000,"SigningCACert":"","SigningCAKey":"-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIGgZKdlyQXfxtf+3EQiQFXcpUl6fwYQKQr53hLMShaDPoAoGCCqGSM49\nAwEHoUQDQgAESWGqsmOHgqD6+Ms7YY2RHvgFt8t8L9ctAv9JsH9ZLLJ8Y3/tH8fs\nf+PoF1SQZ+WN5dsppm0alAtKHnuIYO3abQ==\n-----END EC PRIVATE KEY-----\n"},"TaskDefaults":{"LogDriver":{"Name":"splunk","Options":{"splunk-token":"f4b8c2d1-9e7a-4b3c-8d2e-1a5f6b7c8d9e"}}},"EncryptionConfig":{"AutoLockManagers":false}}}"#,
    ),
    ("/nodes", r#"[]"#),
    (
        "/services",
        r#"[{"ID":"svc1","Spec":{"Name":"api","TaskTemplate":{"ContainerSpec":{"Image":"busybox","Env":["DB_PASSWORD=hunter2hunter2"],"Args":["--password","Zq9wPx7Lm2Kd8"]}}}}]"#,
    ),
    (
        "/secrets",
        r#"[{"ID":"sec1","Spec":{"Name":"db","Data":"c3dhcm0tc2VjcmV0LWRhdGEtcGxhbnRlZA=="}}]"#,
    ),
    ("/containers/json", r#"[]"#),
    ("/images/json", r#"[]"#),
    ("/networks", r#"[]"#),
];

const VERSION: &str = r#"{"Version":"24.0.0","ApiVersion":"1.43","MinAPIVersion":"1.12","Os":"linux","Arch":"amd64"}"#;

fn fake_engine(dir: &Path, mode: Engine) -> String {
    let sock = dir.join("engine.sock");
    let l = UnixListener::bind(&sock).unwrap();
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(s) = conn else { return };
            std::thread::spawn(move || serve(s, mode));
        }
    });
    format!("unix://{}", sock.display())
}

fn reply(s: &mut impl Write, status: &str, body: &str) -> std::io::Result<()> {
    write!(
        s,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// Answers requests on one connection (a unix socket, or TLS over TCP).
fn serve(conn: impl Read + Write, mode: Engine) {
    let mut r = BufReader::new(conn);
    loop {
        let mut first = String::new();
        if r.read_line(&mut first).unwrap_or(0) == 0 {
            return;
        }
        loop {
            let mut h = String::new();
            if r.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                break;
            }
        }
        let path = first.split_whitespace().nth(1).unwrap_or("").to_string();
        let s = r.get_mut();
        let res = match mode {
            Engine::Hung => {
                std::thread::sleep(Duration::from_secs(60));
                return;
            }
            Engine::Garbage => {
                let _ = s.write_all(&b"\x00\xffSSH-2.0 not an engine\r\n\r\n".repeat(64));
                return;
            }
            Engine::BadVersion if path.ends_with("/version") => {
                reply(s, "200 OK", r#"{"Version": 12"#)
            }
            _ if path.ends_with("/version") => reply(s, "200 OK", VERSION),
            Engine::Swarm => {
                let route = path.split('?').next().unwrap_or("");
                match SWARM_REPLIES.iter().find(|(p, _)| route.ends_with(p)) {
                    Some((_, body)) => reply(s, "200 OK", body),
                    None => reply(s, "404 Not Found", r#"{"message":"no such thing"}"#),
                }
            }
            Engine::Endless => {
                let _ = write!(
                    s,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n[\r\n"
                );
                let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
                while s.write_all(chunk.as_bytes()).is_ok() {}
                return;
            }
            Engine::StalledExport if path.ends_with("/images/json") => reply(
                s,
                "200 OK",
                r#"[{"Id":"sha256:1111","ParentId":"","RepoTags":["hostile:1"],"RepoDigests":[],"Created":0,"Size":0,"SharedSize":0,"Labels":{},"Containers":0}]"#,
            ),
            Engine::StalledExport if path.ends_with("/get") => {
                let _ = write!(
                    s,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{}\r\n",
                    "x".repeat(16)
                );
                let _ = s.flush();
                std::thread::sleep(Duration::from_secs(60));
                return;
            }
            _ => reply(s, "404 Not Found", r#"{"message":"no such thing"}"#),
        };
        if res.is_err() {
            return;
        }
    }
}

/// `collect` from the engine at `host` (with `vars`) into `out`: exit 0,
/// well before the timeout, the endless /info body cut at 16 MiB and named.
fn collect_cut_at_the_response_bound(host: &str, out: &Path, vars: &[(&str, &Path)]) {
    let r = dockaudit_env(
        &[
            "collect",
            "-H",
            host,
            "--timeout",
            "15",
            "--no-config",
            "-o",
            s(out),
        ],
        Out::Captured,
        vars,
    );
    assert_eq!(r.code, 0, "{}", r.all());
    // Cut by the byte bound, well before the timeout.
    assert!(r.took < Duration::from_secs(10), "took {:?}", r.took);
    let bundle = std::fs::read_to_string(out).unwrap();
    assert!(
        bundle.contains(
            "GET /info: error reading a body from connection: the response is too large: larger than 16777216 bytes, the bound on an engine response (--max-input-bytes response=BYTES): not read"
        ),
        "{}",
        &bundle[..bundle.len().min(4000)]
    );
}

#[test]
fn engine_body_that_never_ends_is_cut_at_the_response_bound() {
    let d = tempfile::tempdir().unwrap();
    let host = fake_engine(d.path(), Engine::Endless);
    let out = d.path().join("bundle.json");
    collect_cut_at_the_response_bound(&host, &out, &[]);
    // The bound is the user's to set.
    let r = dockaudit(&[
        "collect",
        "-H",
        &host,
        "--no-config",
        "--max-input-bytes",
        "response=1M",
        "-o",
        s(&out),
    ]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("larger than 1048576 bytes, the bound on an engine response"));
}

/// A CA, a server certificate for 127.0.0.1 and a client certificate, made
/// with the openssl command in `dir` (ca.pem, cert.pem, key.pem: what
/// DOCKER_CERT_PATH names; server.pem, server-key.pem: the engine's).
fn tls_certificates(dir: &Path) {
    let openssl = |args: &[&str]| {
        let o = Command::new("openssl")
            .current_dir(dir)
            .args(args)
            .output()
            .expect("running openssl (the TLS test makes its certificates with it)");
        assert!(
            o.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    openssl(
        &[
            &[
                "req",
                "-x509",
                "-days",
                "1",
                "-subj",
                "/CN=dockaudit test CA",
            ][..],
            &ec,
            &[
                "-keyout",
                "ca-key.pem",
                "-out",
                "ca.pem",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign",
            ],
        ]
        .concat(),
    );
    for (name, key, usage, san) in [
        (
            "server",
            "server-key",
            "serverAuth",
            "subjectAltName=IP:127.0.0.1\n",
        ),
        ("cert", "key", "clientAuth", ""),
    ] {
        openssl(
            &[
                &["req", "-subj", "/CN=127.0.0.1"][..],
                &ec,
                &[
                    "-keyout",
                    &format!("{key}.pem"),
                    "-out",
                    &format!("{name}.csr"),
                ],
            ]
            .concat(),
        );
        std::fs::write(
            dir.join(format!("{name}.ext")),
            format!("{san}extendedKeyUsage={usage}\n"),
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-days",
            "1",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca-key.pem",
            "-CAcreateserial",
            "-extfile",
            &format!("{name}.ext"),
            "-out",
            &format!("{name}.pem"),
        ]);
    }
}

/// The fake engine over TLS on 127.0.0.1, with the certificates of
/// `tls_certificates(dir)`; its tcp:// address.
fn fake_tls_engine(dir: &Path, mode: Engine) -> String {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};
    let chain = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("server-key.pem")).unwrap();
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = std::sync::Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap(),
    );
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(tcp) = conn else { return };
            let config = config.clone();
            std::thread::spawn(move || {
                let Ok(tls) = rustls::ServerConnection::new(config) else {
                    return;
                };
                serve(rustls::StreamOwned::new(tls, tcp), mode);
            });
        }
    });
    format!("tcp://{addr}")
}

/// The response bound holds over TLS too: an engine whose /info body
/// never ends is cut at 16 MiB, well before the timeout, and named.
#[test]
fn engine_body_that_never_ends_over_tls_is_cut_at_the_response_bound() {
    let d = tempfile::tempdir().unwrap();
    tls_certificates(d.path());
    // The fake engine speaks only TLS: the body is read (and cut) over it.
    let host = fake_tls_engine(d.path(), Engine::Endless);
    collect_cut_at_the_response_bound(
        &host,
        &d.path().join("bundle.json"),
        &[
            ("DOCKER_TLS_VERIFY", Path::new("1")),
            ("DOCKER_CERT_PATH", d.path()),
        ],
    );
}

/// `collect -o` keeps no secret of daemon.json (proxy credentials, a log
/// driver token, labels) or of the swarm (join tokens, the CA signing
/// key, a service's env and arguments, a secret's data): each is left out
/// or replaced by its redaction marker.
#[test]
fn collected_bundle_redacts_daemon_json_and_swarm_secrets() {
    let d = tempfile::tempdir().unwrap();
    let host = fake_engine(d.path(), Engine::Swarm);
    let root = d.path().join("root");
    std::fs::create_dir_all(root.join("etc/docker")).unwrap();
    std::fs::write(
        root.join("etc/docker/daemon.json"),
        r#"{
  "icc": false,
  "proxies": {"http-proxy": "http://ops:Pr0xyPa55w0rd7@proxy.internal:3128"},
  "log-driver": "splunk",
  "log-opts": {"splunk-token": "0c9e8f7d-6b5a-4c3d-9e2f-1a0b9c8d7e6f"},
  "labels": ["registry.password=L4belS3cretV4lue"]
}"#,
    )
    .unwrap();
    const SECRETS: &[&str] = &[
        "Pr0xyPa55w0rd7",
        "0c9e8f7d-6b5a-4c3d-9e2f-1a0b9c8d7e6f",
        "L4belS3cretV4lue",
        "SWMTKN-1",
        // The CA signing key (a throwaway key made for this test).
        "MHcCAQEEIGgZKdlyQXfxtf",
        "f4b8c2d1-9e7a-4b3c-8d2e-1a5f6b7c8d9e",
        "hunter2hunter2",
        "Zq9wPx7Lm2Kd8",
        "c3dhcm0tc2VjcmV0",
    ];
    let out = d.path().join("bundle.json");
    // The bundle `collect` writes, with `extra` flags.
    let collect = |extra: &[&str]| {
        let mut args = vec![
            "collect",
            "-H",
            &host,
            "--host-root",
            s(&root),
            "--no-config",
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["-o", s(&out)]);
        let r = dockaudit(&args);
        assert_eq!(r.code, 0, "{}", r.all());
        std::fs::read_to_string(&out).unwrap()
    };
    let bundle = collect(&[]);
    let v: serde_json::Value = serde_json::from_str(&bundle).unwrap();
    // What was collected is there: the daemon.json and the swarm facts.
    assert!(bundle.contains("splunk-token"), "{bundle}");
    assert!(
        v["swarm"]["present"]["spec"]["CAConfig"]["NodeCertExpiry"].is_number(),
        "{bundle}"
    );
    assert_eq!(
        v["swarm"]["present"]["services"][0]["ID"], "svc1",
        "{bundle}"
    );
    assert!(bundle.contains("[redacted-secret,"), "{bundle}");
    for secret in SECRETS {
        assert!(!bundle.contains(secret), "{secret} in the bundle: {bundle}");
    }
    // Kept on request: the same collection with --raw holds them.
    let raw = collect(&["--raw"]);
    assert!(
        raw.contains("Pr0xyPa55w0rd7") && raw.contains("hunter2hunter2"),
        "{raw}"
    );
}

#[test]
fn hung_engine_ends_at_the_timeout() {
    let d = tempfile::tempdir().unwrap();
    let host = fake_engine(d.path(), Engine::Hung);
    let r = dockaudit(&["host", "-H", &host, "--timeout", "1", "--no-config"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(r.took < Duration::from_secs(10), "took {:?}", r.took);
    assert!(
        r.stderr.contains("cannot reach the Docker engine")
            && r.stderr.contains("GET /version: timed out after 1s"),
        "{}",
        r.stderr
    );
    // The image commands take --timeout too.
    let r = dockaudit(&[
        "image",
        "--engine",
        "alpine:3",
        "-H",
        &host,
        "--timeout",
        "1",
        "--no-config",
    ]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr.contains("GET /version: timed out after 1s"),
        "{}",
        r.stderr
    );
}

#[test]
fn garbage_speaking_engine_is_not_called_unreachable() {
    let d = tempfile::tempdir().unwrap();
    let host = fake_engine(d.path(), Engine::Garbage);
    let r = dockaudit(&["host", "-H", &host, "--timeout", "5", "--no-config"]);
    assert_eq!(r.code, 2, "{}", r.all());
    assert!(
        r.stderr
            .contains("answered, but not as the Engine API does: GET /version"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("cannot reach"), "{}", r.stderr);
}

#[test]
fn malformed_version_reply_is_not_called_unreachable() {
    let d = tempfile::tempdir().unwrap();
    let host = fake_engine(d.path(), Engine::BadVersion);
    for args in [
        vec!["host", "-H", &host, "--no-config"],
        vec!["image", "--engine", "alpine:3", "-H", &host, "--no-config"],
    ] {
        let r = dockaudit(&args);
        assert_eq!(r.code, 2, "{}", r.all());
        assert!(
            r.stderr.contains(&format!(
                "the Docker engine at {host} (--host) answered, but not as the Engine API does: GET /version"
            )),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("cannot reach"), "{}", r.stderr);
    }
}

#[test]
fn stalled_image_export_ends_at_its_timeout() {
    let d = tempfile::tempdir().unwrap();
    let host = fake_engine(d.path(), Engine::StalledExport);
    let idle = ["--export-idle-timeout", "1", "--no-config", "--quiet"];
    for cmd in ["image", "sbom"] {
        let mut args = vec![cmd, "--engine", "hostile:1", "-H", &host];
        args.extend(idle);
        let r = dockaudit(&args);
        assert_eq!(r.code, 2, "{cmd}: {}", r.all());
        assert!(
            r.stderr
                .contains("the engine sent nothing for 1s (--export-idle-timeout)"),
            "{cmd}: {}",
            r.stderr
        );
    }
    let r = dockaudit(&[
        "host",
        "-H",
        &host,
        "--scan-images",
        "--export-idle-timeout",
        "1",
        "--no-config",
        "--format",
        "json",
    ]);
    assert!(r.took < Duration::from_secs(15), "took {:?}", r.took);
    assert!(
        r.all()
            .contains("image hostile:1: not read: engine export of image hostile:1"),
        "{}",
        r.all()
    );
}

/// Parsing is linear: inputs whose size was once paid for squared (one RUN
/// with 20,000 heredocs: over a minute; 20,000 compose documents merged
/// one by one; a Dockerfile of 10,000 stages walked stage by stage) finish
/// well inside the time bound, and are still judged.
#[test]
fn pathological_dockerfiles_and_compose_files_parse_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let n = 20_000;
    let heredocs = dir.path().join("heredocs.Dockerfile");
    let mut text = String::from("FROM busybox\nRUN ");
    for i in 0..n {
        text.push_str(&format!("<<E{i} "));
    }
    text.push('\n');
    for i in 0..n {
        text.push_str(&format!("curl -fsSL https://x/{i} | sh\nE{i}\n"));
    }
    std::fs::write(&heredocs, text).unwrap();
    let r = dockaudit(&["dockerfile", "--format", "json", s(&heredocs)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The heredoc bodies were read as the RUN's script.
    assert_eq!(status(&r.stdout, "DF-012"), "fail");

    let stages = dir.path().join("stages.Dockerfile");
    let mut text = String::from("FROM busybox AS s0\n");
    for i in 1..10_000 {
        text.push_str(&format!(
            "FROM busybox AS s{i}\nCOPY --from=s{} /a /a\n",
            i - 1
        ));
    }
    text.push_str("USER root\n");
    std::fs::write(&stages, text).unwrap();
    let r = dockaudit(&[
        "dockerfile",
        "--select",
        "DF-006",
        "--format",
        "json",
        s(&stages),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(status(&r.stdout, "DF-006"), "fail");

    // 20,000 documents, each adding a label to one service; the last one
    // makes it privileged.
    let docs = dir.path().join("compose.yml");
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "---\nservices:\n  app:\n    image: busybox\n    labels:\n      l{i}: v\n"
        ));
    }
    text.push_str("---\nservices:\n  app:\n    privileged: true\n");
    std::fs::write(&docs, text).unwrap();
    let r = dockaudit(&["compose", "--format", "json", s(&docs)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(status(&r.stdout, "RES-001"), "fail");
}

/// Large valid inputs stay well inside the memory bound: a compose file of
/// 10,000 privileged services and a manifest of 10,000 pods, each judged in
/// full (160,000 and 80,000 findings: a privileged service also fails the
/// capability, device, AppArmor and SELinux checks; reports of 95 MB and 56 MB
/// written to a file), peak under 256 MB (this debug build: about 195 MB
/// and 155 MB; at 100,000 findings the compose run peaked at about 150 MB,
/// so the peak follows the findings held for the report). They once
/// peaked at 370 MB (and at 750 MB and 580 MB with 20,000: see
/// scripts/bench-pathological.sh): every value of every spec held its own
/// copy of the file name and evidence words, every spec was held beside
/// the findings, and the report was made in memory before it was written.
#[test]
fn ten_thousand_services_or_pods_stay_well_inside_the_memory_bound() {
    const BOUND_KB: i64 = 256 * 1024;
    let dir = tempfile::tempdir().unwrap();
    let n = 10_000;
    let compose = dir.path().join("services.yml");
    let mut text = String::from("services:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  s{i}:\n    image: busybox\n    privileged: true\n"
        ));
    }
    std::fs::write(&compose, text).unwrap();
    let pods = dir.path().join("pods.yaml");
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  containers:\n  - name: c\n    image: busybox\n"
        ));
    }
    std::fs::write(&pods, text).unwrap();
    // The reports are read after both runs, and only their check ids,
    // statuses and finding counts: the peak a child reports includes this
    // process's own resident size when it was started.
    #[derive(serde::Deserialize)]
    struct Report {
        checks: Vec<CheckResult>,
    }
    #[derive(serde::Deserialize)]
    struct CheckResult {
        id: String,
        status: String,
        findings: Vec<serde::de::IgnoredAny>,
    }
    let runs = [("compose", &compose, "RES-001"), ("k8s", &pods, "USER-100")];
    for (command, input, _) in runs {
        let report = dir.path().join(format!("{command}.json"));
        let r = dockaudit(&[command, "--format", "json", "-o", s(&report), s(input)]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            r.peak_kb < BOUND_KB,
            "{command} of {n}: peaked at {} MB",
            r.peak_kb / 1024
        );
    }
    for (command, _, check) in runs {
        let f = std::fs::File::open(dir.path().join(format!("{command}.json"))).unwrap();
        let v: Report = serde_json::from_reader(std::io::BufReader::new(f)).unwrap();
        let c = v.checks.iter().find(|c| c.id == check).unwrap();
        assert_eq!(c.status, "fail", "{command}");
        assert_eq!(c.findings.len(), n, "{command} {check}");
    }
}

/// The status of check `id` in a JSON report.
fn status(json: &str, id: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).expect("a JSON report");
    v["checks"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["id"] == id))
        .and_then(|c| c["status"].as_str())
        .unwrap_or_else(|| panic!("no check {id} in the report"))
        .to_string()
}
