//! Fuzzes the data-root adapter: a container's `config.v2.json` and
//! `hostconfig.json` as the engine's data root holds them, read into the
//! container facts `watch` judges at a create event, and the container
//! checks over what it read. The input is both files, split at the first
//! NUL byte (hostconfig.json empty when there is none); the container id
//! is the document's own `ID` when it has one, so the whole adapter is
//! reached. Any input gives a container or a refusal, never a panic.
#![no_main]

use dockaudit::adapt::data_root::container;
use dockaudit::checks::AuditConfig;
use dockaudit::facts::{Facts, Source};
use dockaudit::watch::Auditor;
use libfuzzer_sys::fuzz_target;

thread_local! {
    /// One auditor for every input: making one builds the checks' tables.
    static AUDITOR: std::cell::RefCell<Auditor> = {
        let mut facts = Facts::new();
        facts.images = Source::Present(Vec::new());
        std::cell::RefCell::new(Auditor::new(facts, AuditConfig::default(), Default::default(), "h".into()))
    };
}

fuzz_target!(|data: &[u8]| {
    let (config, host) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let id = serde_json::from_slice::<serde_json::Value>(config)
        .ok()
        .and_then(|v| v.get("ID").and_then(|i| i.as_str()).map(str::to_string))
        .unwrap_or_default();
    match container(config, host, &id, Some("/var/lib/docker")) {
        Ok(c) => {
            assert_eq!(c.id, id);
            assert_eq!(c.state.status, "created");
            AUDITOR.with(|a| {
                let _ = a.borrow_mut().container(c, "2026-01-01T00:00:00.000Z");
            });
        }
        Err(r) => assert!(!r.kind.is_empty()),
    }
});
