//! Fuzzes the compose reader (YAML, every document of a multi-document
//! file, interpolation, legacy and current formats) and the adapter and
//! checks over what it read: no input may panic, and every line it reports
//! points inside the text.
#![no_main]

use std::collections::BTreeMap;

use dockaudit::checks::{self, AuditConfig, Ctx, Scope};
use dockaudit::compose::{parse_str, LoadOptions};
use dockaudit::facts::{Facts, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut vars = BTreeMap::new();
    vars.insert("TAG".to_string(), "1.0".to_string());
    vars.insert("EMPTY".to_string(), String::new());
    let opts = LoadOptions::default();
    // No folder: `extends: {file: ...}` is not followed (no filesystem).
    let f = parse_str("fuzz.yml", text, &vars, None, &opts);
    // YAML breaks lines at "\r\n", "\n" and a lone "\r" alike.
    let lines = text.replace("\r\n", "\n").matches(['\n', '\r']).count() as u32 + 2;
    for p in f.problems.iter().chain(f.error.iter()) {
        assert!(p.line <= lines, "{p:?}");
    }
    let mut facts = Facts::new();
    facts.compose = Source::Present(vec![f]);
    let cfg = AuditConfig::default();
    let ctx = Ctx::new(&facts, &cfg);
    for c in checks::registry()
        .iter()
        .filter(|c| matches!(c.scope, Scope::Compose | Scope::Container))
    {
        let _ = checks::run(c, &ctx);
    }
});
