//! Fuzzes the single-layer reader: the tar parser and content analysis
//! (package databases, secrets, binaries) directly, and the decompressing
//! pipeline (gzip, zstd) when the input starts like a compressed blob. Any
//! input gives a scan or an error, within the bounds, never a panic.
#![no_main]

use dockaudit::image::layer::{scan_layer_tar, sniff, Pipeline};
use dockaudit::image::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_layer_bytes: 8 << 20,
        max_total_bytes: 16 << 20,
        max_entries: 10_000,
        ..Limits::default()
    };
    if let Ok(scan) = scan_layer_tar(data, &limits) {
        assert!(scan.entries.len() as u64 <= limits.max_entries);
    }
    if sniff(data) != "none" {
        let mut p = Pipeline::new(limits.clone());
        p.feed("blob", data);
        let _ = p.finish();
    }
});
