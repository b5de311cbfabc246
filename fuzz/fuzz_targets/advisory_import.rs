//! Fuzzes the advisory import: format detection and the OSV, Alpine secdb
//! and Debian tracker readers on bytes (as a document, and as a zip archive
//! of documents), with no filesystem. Must never panic; what comes out must
//! hold the model's invariants.
#![no_main]

use dockaudit::vuln::import::{self, ImportStats, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_record_bytes: 1 << 20,
        max_tracker_bytes: 2 << 20,
        max_zip_total_bytes: 4 << 20,
        max_zip_entries: 1000,
        max_messages: 100,
        ..Limits::default()
    };
    let mut check = |a: import::Advisory| {
        assert!(!a.id.is_empty());
        assert!(!a.source.is_empty());
        assert!(!a.aliases.contains(&a.id));
        assert!(a.references.len() <= 5);
    };
    let _ = import::detect(data);
    for name in ["record.json", "record.yaml", "json"] {
        let mut stats = ImportStats::default();
        let _ = import::import_bytes(data, name, &limits, &mut check, &mut stats);
        assert!(stats.errors.len() <= limits.max_messages);
    }
    let mut stats = ImportStats::default();
    import::import_zip(
        std::io::Cursor::new(data),
        "dump.zip",
        &limits,
        &mut check,
        &mut stats,
    );
});
