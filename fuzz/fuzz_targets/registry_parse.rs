//! Fuzzes the registry source's parsers: references
//! (`registry:HOST[:PORT]/REPO[:TAG|@DIGEST]`), hosts, platforms,
//! `WWW-Authenticate` challenges, `Link` headers, trusted-key PEM files and
//! cosign simple-signing payloads: any input gives a value or an error,
//! never a panic.
#![no_main]

use dockaudit::collect::registry::{auth, client, cosign, reference, Platform};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(r) = reference::parse(&text) {
        // What parses prints back to a reference that parses the same.
        assert_eq!(reference::parse(&r.to_string()).as_ref(), Ok(&r));
    }
    let _ = reference::parse_host(&text);
    let _ = Platform::parse(&text);
    let _ = auth::parse_challenge(&text);
    let _ = client::next_link(&text);
    let _ = cosign::parse_key(data, "fuzz.pub");
    let digest = format!("sha256:{}", "ab".repeat(32));
    let _ = cosign::verify_payload(data, "AAAA", &digest, &[]);
});
