//! Fuzzes the Kubernetes manifest reader: no input may panic, and every
//! line it reports points inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let f = dockaudit::k8s::parse_str("fuzz.yaml", text);
    // YAML breaks lines at "\r\n", "\n" and a lone "\r" alike.
    let lines = text.replace("\r\n", "\n").matches(['\n', '\r']).count() as u32 + 2;
    for p in f.problems.iter().chain(f.error.iter()) {
        assert!(p.line <= lines, "{p:?}");
    }
    for w in &f.workloads {
        assert!(w.line >= 1 && w.line <= lines);
        for c in &w.pod.containers {
            assert!(c.line >= 1 && c.line <= lines);
        }
    }
});
