//! Finds and reads Dockerfiles: explicit files whatever their name, and
//! folders searched recursively for Dockerfile, *.Dockerfile, Dockerfile.*,
//! *.dockerfile. Parsing is pure and lives in crate::dockerfile.

use std::path::{Path, PathBuf};

use super::files::{read_input, InputKind};
use crate::dockerfile::{self, Dockerfile, ParseError};

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
    // A regular file within the Dockerfile bound (never above the parser's
    // own): a FIFO or device named on the command line is refused.
    match read_input(path, InputKind::Dockerfile, false) {
        Ok(bytes) => dockerfile::parse(&shown, &bytes),
        Err(e) => fail(format!("{shown} {e}")),
    }
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
