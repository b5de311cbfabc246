//! Fuzzes the daemon configuration readers: daemon.json (and the checks
//! that read its settings) and the systemd unit files that start the
//! engine. No input may panic; a parse error points inside the text.
#![no_main]

use dockaudit::checks::{self, AuditConfig, Ctx, Scope};
use dockaudit::collect::daemon::{parse_config, parse_unit};
use dockaudit::facts::daemon::{DaemonFacts, DaemonProcess};
use dockaudit::facts::{Facts, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cfg = parse_config("/etc/docker/daemon.json", &text);
    if let Some(e) = &cfg.parse_error {
        assert!(e.line as usize <= text.lines().count() + 1, "{e:?}");
    }
    let units = vec![
        parse_unit(
            "docker.service",
            "/lib/systemd/system/docker.service",
            &text,
            false,
        ),
        parse_unit(
            "docker.socket",
            "/etc/systemd/system/docker.socket.d/x.conf",
            &text,
            true,
        ),
    ];
    let mut facts = Facts::new();
    facts.daemon = Source::Present(DaemonFacts {
        process: Source::Present(DaemonProcess {
            pid: 1,
            args: vec!["dockerd".into()],
            ..Default::default()
        }),
        config_file: Source::Present(cfg),
        units: Source::Present(units),
        env_files: Source::Present(Vec::new()),
        units_unread: Vec::new(),
    });
    let audit = AuditConfig::default();
    let ctx = Ctx::new(&facts, &audit);
    for c in checks::registry().iter().filter(|c| c.scope == Scope::Host) {
        let _ = checks::run(c, &ctx);
    }
});
