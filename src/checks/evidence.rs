//! The one truncate-and-redact helper every excerpt in evidence goes
//! through, so that no report prints a secret from a Dockerfile, a compose
//! file, a manifest or an engine value.

/// `text` with its secrets redacted, cut to `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let redacted = crate::secrets::redact_text(text);
    if redacted.chars().count() <= max {
        redacted
    } else {
        let mut t: String = redacted.chars().take(max).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn redacts_then_cuts() {
        let e = excerpt("ENV API_TOKEN=Zk81mWq0pLx7Vb3nTc RELEASE=1", 200);
        assert!(!e.contains("Zk81mWq0pLx7Vb3nTc"), "{e}");
        assert!(e.ends_with("RELEASE=1"), "{e}");
        assert_eq!(excerpt("abcdef", 3), "abc…");
    }
}
