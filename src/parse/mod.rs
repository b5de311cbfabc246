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

/// The index of the `}` that closes the `{` at `open`, counting nested
/// braces; None when it is never closed.
pub fn closing_brace(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, c) in chars.iter().enumerate().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// The segments of a slash-separated path, read lexically: empty and `.`
/// segments dropped, `..` removing the one before it (never climbing above
/// the start). Symbolic links are not followed: callers that know a tree
/// resolve them themselves.
pub fn path_segments(p: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::{closing_brace, path_segments};

    #[test]
    fn path_segments_apply_dots_lexically() {
        assert_eq!(path_segments("//etc/./x/../y/"), ["etc", "y"]);
        assert_eq!(path_segments("../../a"), ["a"]);
        assert!(path_segments("/").is_empty());
    }

    #[test]
    fn closing_brace_counts_nesting() {
        let c: Vec<char> = "a${x:-${y}}b}".chars().collect();
        assert_eq!(closing_brace(&c, 2), Some(10));
        assert_eq!(closing_brace(&c, 6), Some(9));
        let open: Vec<char> = "${x".chars().collect();
        assert_eq!(closing_brace(&open, 1), None);
    }
}
