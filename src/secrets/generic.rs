//! Generic credentials: a secret-looking name (password, secret, token,
//! api key, ...) assigned a value in shell, env files, YAML, JSON, INI, TOML,
//! properties, XML attributes, Dockerfile ENV/ARG and code string literals,
//! judged by the value: placeholders, variable and function references,
//! examples, hashes, digests, UUIDs, fingerprints, dictionary words and
//! low-entropy values are not secrets. Pure.

use super::Located;

/// Keywords that make `scan` worth running (lowercase).
pub const KEYWORDS: &[&str] = &["pass", "pwd", "secret", "token", "key", "auth", "cred"];

/// Every generic credential assignment in `text` (`path` tells the
/// syntax when the extension does).
pub fn scan(path: &str, text: &str, out: &mut Vec<Located>) {
    let _ = (path, text, out);
}
