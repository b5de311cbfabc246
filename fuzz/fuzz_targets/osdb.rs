//! Fuzzes the one parser per OS database (dpkg status, apk installed,
//! passwd, group, shadow, os-release) shared by the host collector and the
//! image layer reader, and checks invariants both rely on.
#![no_main]

use dockaudit::parse::osdb;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for r in osdb::dpkg_status(&text) {
        assert!(!r.name.is_empty() && !r.version.is_empty());
        let _ = r.source_name_version();
    }
    let _ = osdb::dpkg_installed(&text, "/var/lib/dpkg/status.d/x");
    for r in osdb::apk_installed(&text) {
        assert!(!r.name.is_empty() && !r.version.is_empty());
    }
    for r in osdb::passwd(&text) {
        assert!(!r.name.is_empty() && !r.name.contains(':'));
    }
    let _ = osdb::group(&text);
    let _ = osdb::shadow(&text);
    for k in osdb::os_release(&text).keys() {
        assert!(!k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    }
});
