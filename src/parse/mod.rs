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

/// The `NAME=value` lines of a shell-style assignments file (`.env`,
/// os-release): blank and `#` lines skipped, an `export ` prefix dropped,
/// names of ASCII letters, digits and `_` only (other lines skipped); the
/// value trimmed, quotes left for the caller.
pub fn assignments(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines().filter_map(|line| {
        let line = line.trim();
        if line.starts_with('#') {
            return None;
        }
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        let (name, value) = line.split_once('=')?;
        let name = name.trim();
        let valid =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        valid.then(|| (name, value.trim()))
    })
}

#[cfg(test)]
mod tests {
    use super::{assignments, closing_brace, path_segments};

    #[test]
    fn assignments_skip_what_is_not_one() {
        let text = "# c\n\nexport A=1\n B = \"two\" \nbad-name=x\n=y\nnoequals\n";
        let got: Vec<(&str, &str)> = assignments(text).collect();
        assert_eq!(got, [("A", "1"), ("B", "\"two\"")]);
    }

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
