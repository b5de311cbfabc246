//! Inputs the fuzz targets (fuzz/) found that crashed, hung or exhausted
//! memory, each written here as a literal or generated, run through the
//! same entry point as its target: it must return, without a panic, on a
//! thread with the default test stack, within a time bound.

use std::time::{Duration, Instant};

use dockaudit::checks::{self, AuditConfig, Ctx, Scope};
use dockaudit::facts::daemon::{DaemonFacts, DaemonProcess};
use dockaudit::facts::{Facts, Source};

/// Runs `f` on a thread with a 2 MiB stack and fails when it panics,
/// overflows that stack (the test binary aborts) or takes over `secs`.
fn bounded<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let start = Instant::now();
    let out = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic");
    let took = start.elapsed();
    assert!(took < Duration::from_secs(secs), "took {took:?}");
    out
}

/// What the `daemon_config` target does with its input: daemon.json
/// parsed and judged by every host check.
fn judge_daemon_json(text: &str) {
    let cfg = dockaudit::collect::daemon::parse_config("/etc/docker/daemon.json", text);
    let mut facts = Facts::new();
    facts.daemon = Source::Present(DaemonFacts {
        process: Source::Present(DaemonProcess {
            pid: 1,
            args: vec!["dockerd".into()],
            ..Default::default()
        }),
        config_file: Source::Present(cfg),
        units: Source::Present(Vec::new()),
        env_files: Source::Present(Vec::new()),
        units_unread: Vec::new(),
    });
    let audit = AuditConfig::default();
    let ctx = Ctx::new(&facts, &audit);
    for c in checks::registry().iter().filter(|c| c.scope == Scope::Host) {
        let _ = checks::run(c, &ctx);
    }
}

/// fuzz/daemon_config: a daemon.json key holding the start of a redaction
/// marker that never completes made the redaction call itself until the
/// stack overflowed.
#[test]
fn daemon_json_with_an_unfinished_redaction_marker() {
    let input: &[u8] = b"{\n  \"log-driver[redacted-secret,\xff\xff\xff\xff\xff\xff\xff\xff\
\xff\xff\xff\xff\xff\x90\x90\x90\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\
o\xff\xff\xff\xff\xff\xff\xff\xff\xff\xffg-opts\": {\n    \"silunk-token\": \"2f2atrulrul\
\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\
l9c1d-q8f088\"\n  }\n}\n";
    let text = String::from_utf8_lossy(input).into_owned();
    bounded(10, move || judge_daemon_json(&text));
}

/// The same defect reached directly: a marker start alone, and a marker
/// whose prefix decodes to the start of another.
#[test]
fn redaction_of_marker_starts_that_form_no_marker() {
    let shown = bounded(10, || {
        let lone = dockaudit::secrets::redact_text("x [redacted-secret, y");
        let nested = dockaudit::secrets::redact_text(
            "[redacted-secret,length=5,prefix=%5Bredacted-secret%2C,fingerprint=x]",
        );
        let many = dockaudit::secrets::redact_text(&"[redacted-secret,".repeat(20_000));
        (lone, nested, many.len())
    });
    assert_eq!(shown.0, "x [redacted-secret, y");
    assert!(!shown.1.contains("fingerprint"), "{}", shown.1);
    assert!(shown.2 <= 20_000 * "[redacted-secret,".len());
}

/// fuzz/dockerfile_parse: the same marker start in an instruction, which a
/// check quotes as evidence (through the redaction).
#[test]
fn dockerfile_quoting_an_unfinished_redaction_marker() {
    let text = "FROM debian:bullseye-slim\nUSER chrome\n\
ENTRYPO[redacted-secret,INT [ \"google-chrom D]e\"\nCM [ \"--user-data-dir=/data\" ]\n";
    bounded(10, move || {
        let df = dockaudit::dockerfile::parse("Dockerfile", text.as_bytes());
        let mut facts = Facts::new();
        facts.dockerfiles = Source::Present(vec![df]);
        let cfg = AuditConfig::default();
        let ctx = Ctx::new(&facts, &cfg);
        for c in checks::registry()
            .iter()
            .filter(|c| c.scope == Scope::Dockerfile)
        {
            let _ = checks::run(c, &ctx);
        }
    });
}

/// fuzz/secrets_scan: the same defect, as the scanner's target found it.
#[test]
fn secrets_scan_of_an_unfinished_redaction_marker() {
    let text = String::from_utf8_lossy(b"8rw[redacted-secret,8rT2mW9xKp2\n").into_owned();
    bounded(10, move || {
        for path in ["x.env", "Dockerfile", "x"] {
            let _ = dockaudit::secrets::scan::scan(path, &text);
            let _ = dockaudit::secrets::scan::scan_shown(path, &text);
        }
        dockaudit::secrets::redact_text(&text)
    });
}

/// fuzz/registry_parse: a quoted challenge parameter whose backslash
/// escapes a character of several bytes (here U+FFFD) was stepped over one
/// byte too few, and the next slice fell inside the character.
#[test]
fn registry_challenge_escaping_a_multibyte_character() {
    bounded(10, || {
        let h = "Bearer realm=\"https://auth.example/token\\\u{fffd}9\",service=\"reg\"";
        use dockaudit::collect::registry::auth::{parse_challenge, Challenge};
        match parse_challenge(h).expect("a challenge") {
            Challenge::Bearer { realm, service, .. } => {
                assert_eq!(realm, "https://auth.example/token\u{fffd}9");
                assert_eq!(service.as_deref(), Some("reg"));
            }
            other => panic!("not a Bearer challenge: {other:?}"),
        }
    });
}
