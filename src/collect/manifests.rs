//! Reads Kubernetes manifests for `dockaudit k8s`: files, folders searched
//! for `*.yaml`, `*.yml` and `*.json`, and `-` for standard input (helm
//! template output). Every read is bounded; a special file (device, FIFO,
//! socket) named on the command line is refused, stdin excepted.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::facts::compose::ComposeProblem;
use crate::facts::k8s::ManifestFile;

/// The most a manifest stream may hold (rendered charts run to a few MiB).
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

/// What to read: files and folders as given, "-" for stdin.
pub fn find(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    super::files::find(paths, true, |name| {
        let n = name.to_ascii_lowercase();
        [".yaml", ".yml", ".json"].iter().any(|x| n.ends_with(x))
    })
}

/// Reads at most `limit` bytes; more is an error naming the bound.
fn read_bounded(r: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    r.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() as u64 > limit {
        return Err(format!(
            "is larger than the {limit} bytes a manifest stream may have: not read"
        ));
    }
    Ok(buf)
}

fn text(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("is a binary file (NUL bytes), not YAML or JSON".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads and parses one manifest file (or stdin for "-"). Never fails: what
/// could not be read is the file's `error`.
pub fn read(path: &Path) -> ManifestFile {
    let stdin = path.as_os_str() == "-";
    let shown = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let got = if stdin {
        read_bounded(std::io::stdin().lock(), MAX_MANIFEST_BYTES).and_then(text)
    } else {
        match fs::metadata(path) {
            Err(e) => Err(format!("cannot read: {e}")),
            Ok(m) if !m.is_file() => {
                Err("is not a regular file (device, FIFO or socket): not read".to_string())
            }
            Ok(_) => fs::File::open(path)
                .map_err(|e| format!("cannot read: {e}"))
                .and_then(|f| read_bounded(f, MAX_MANIFEST_BYTES))
                .and_then(text),
        }
    };
    match got {
        Ok(t) => crate::k8s::parse_str(&shown, &t),
        Err(message) => ManifestFile {
            path: shown,
            error: Some(ComposeProblem { line: 0, message }),
            ..Default::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_and_special_files() {
        assert!(read_bounded(&b"abc"[..], 3).is_ok());
        assert!(read_bounded(&b"abcd"[..], 3)
            .unwrap_err()
            .contains("larger"));
        let f = read(Path::new("/dev/zero"));
        assert!(
            f.error
                .as_ref()
                .unwrap()
                .message
                .contains("not a regular file"),
            "{f:?}"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "kind: Pod\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/b.yaml"), "x").unwrap();
        let found = find(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(found, vec![dir.path().join("a.yaml")]);
    }
}
