//! Bounded reads of the text files the file-based commands audit (compose
//! files, env files, Kubernetes manifests). I/O only: parsing is elsewhere.

use std::fs;
use std::path::Path;

/// Largest document read (real compose files and manifests are a few
/// kilobytes).
pub const MAX_TEXT_BYTES: u64 = 2 << 20;

/// Reads a YAML/JSON document file (compose files, their `.env` and
/// `extends` files, Kubernetes manifests) as text: bounded size, UTF-8, no
/// NUL bytes, a byte-order mark dropped.
pub fn read_text(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory, not a compose file".to_string());
    }
    if meta.len() > MAX_TEXT_BYTES {
        return Err(format!(
            "is {} bytes, larger than the {} bytes a compose file may have: not read",
            meta.len(),
            MAX_TEXT_BYTES
        ));
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.contains(&0) {
        return Err("is a binary file (NUL bytes), not YAML".to_string());
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}
