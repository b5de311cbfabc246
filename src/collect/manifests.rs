//! Reads Kubernetes manifests for `dockaudit k8s`: files, folders searched
//! for `*.yaml`, `*.yml` and `*.json`, and `-` for standard input (helm
//! template output). Every read is bounded; a special file (device, FIFO,
//! socket) named on the command line is refused, stdin excepted.

use std::path::{Path, PathBuf};

use super::files::{read_input, text_of, InputKind};
use crate::facts::compose::ComposeProblem;
use crate::facts::k8s::ManifestFile;

/// What to read: files and folders as given, "-" for stdin.
pub fn find(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    super::files::find(paths, true, |name| {
        let n = name.to_ascii_lowercase();
        [".yaml", ".yml", ".json"].iter().any(|x| n.ends_with(x))
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
    // Rendered charts run to a few MiB: the manifest bound.
    let got = read_input(path, InputKind::Manifest, true).and_then(text_of);
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
        use crate::collect::files::read_limited;
        assert!(read_limited(&b"abc"[..], InputKind::Manifest, 3).is_ok());
        let e = read_limited(&b"abcd"[..], InputKind::Manifest, 3).unwrap_err();
        assert_eq!(
            e,
            "is too large: larger than 3 bytes, the bound on a manifest (--max-input-bytes manifest=BYTES): not read"
        );
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
