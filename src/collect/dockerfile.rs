//! Finds and reads Dockerfiles: explicit files whatever their name, and
//! folders searched recursively for Dockerfile, *.Dockerfile, Dockerfile.*,
//! *.dockerfile. Parsing is pure and lives in crate::dockerfile.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::dockerfile::{self, Dockerfile, ParseError, MAX_FILE_BYTES};

/// Folders never searched.
/// Whether a file name looks like a Dockerfile. The part after the last
/// `__` is also tried (flattened paths such as `app__Dockerfile`).
pub fn is_dockerfile_name(name: &str) -> bool {
    let base = name.rsplit("__").next().unwrap_or(name);
    [name, base].iter().any(|n| {
        let lower = n.to_ascii_lowercase();
        if [".dockerignore", ".md", ".orig", ".bak", ".swp", ".rej"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            return false;
        }
        *n == "Dockerfile"
            || lower == "dockerfile"
            || n.starts_with("Dockerfile.")
            || lower.ends_with(".dockerfile")
    })
}

/// The Dockerfiles named, and those found under the folders named.
pub fn find(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    super::files::find(paths, false, is_dockerfile_name)
}

/// Reads and parses one file; a read failure or an oversized file is a
/// parse error of that file, so the audit goes on.
pub fn read(path: &Path) -> Dockerfile {
    let shown = path.display().to_string();
    let fail = |message: String| Dockerfile {
        path: shown.clone(),
        escape: "\\".to_string(),
        errors: vec![ParseError { line: 1, message }],
        ..Dockerfile::default()
    };
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(format!("cannot read the file: {e}")),
    };
    let mut bytes = Vec::new();
    // Read at most one byte past the limit: the parser reports the size.
    if let Err(e) = file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes) {
        return fail(format!("cannot read the file: {e}"));
    }
    dockerfile::parse(&shown, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for n in [
            "Dockerfile",
            "Dockerfile.prod",
            "api.Dockerfile",
            "x.dockerfile",
            "app__Dockerfile",
            "a__Dockerfile.build",
            "dockerfile",
        ] {
            assert!(is_dockerfile_name(n), "{n}");
        }
        for n in [
            "Dockerfile.dockerignore",
            "README.md",
            "Dockerfile.md",
            "compose.yaml",
            "Dockerfiles",
        ] {
            assert!(!is_dockerfile_name(n), "{n}");
        }
    }
}
