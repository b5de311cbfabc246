//! Fuzzes the `docker save` archive reader and the layer pipeline: any
//! input must give images or an error, never a panic or unbounded work.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut opts = dockaudit::image::ScanOptions::default();
    opts.all = true;
    opts.limits.max_layer_bytes = 8 << 20;
    opts.limits.max_total_bytes = 16 << 20;
    opts.limits.max_entries = 10_000;
    let _ = dockaudit::image::archive::scan_stream(
        std::io::Cursor::new(data),
        "fuzz.tar",
        "docker-archive",
        &opts,
        None,
    );
});
