//! Parsers over bytes or text already read: no I/O here. Collectors read,
//! then hand the text to one parser per format.

pub mod osdb;
pub mod packages;

/// Percent-encoding of every byte but the unreserved characters of RFC 3986
/// (`A-Za-z0-9-._~`): package URLs, query values.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
