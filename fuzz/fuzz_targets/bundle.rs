//! Fuzzes the evidence bundle loader (`host --facts`, `image --facts`):
//! a bundle comes from another machine and is not trusted, so a document
//! that loads must go through every check without a panic.
#![no_main]

use dockaudit::checks::{self, AuditConfig, Ctx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(facts) = dockaudit::cli::parse_facts(data, "fuzz.json") else {
        return;
    };
    let _ = facts.nothing_collected();
    let cfg = AuditConfig::default();
    let ctx = Ctx::new(&facts, &cfg);
    for c in checks::registry() {
        let _ = checks::run(c, &ctx);
    }
});
