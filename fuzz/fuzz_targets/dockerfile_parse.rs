//! Fuzzes the Dockerfile parser and every Dockerfile check over the parsed
//! model: no input may panic, and instruction spans stay inside the file.
#![no_main]

use dockaudit::checks::{self, AuditConfig, Ctx, Scope};
use dockaudit::facts::{Facts, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let df = dockaudit::dockerfile::parse("fuzz", data);
    for i in &df.instructions {
        assert!(i.line >= 1 && i.line <= i.end_line && i.end_line <= df.lines.max(1));
    }
    let mut facts = Facts::new();
    facts.dockerfiles = Source::Present(vec![df]);
    let cfg = AuditConfig::default();
    let ctx = Ctx::new(&facts, &cfg);
    for c in checks::registry()
        .into_iter()
        .filter(|c| c.scope == Scope::Dockerfile)
    {
        let _ = checks::run(c, &ctx);
    }
});
