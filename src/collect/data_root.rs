//! Reads a container's create-time files from the engine's data root,
//! `<data-root>/containers/<id>/config.v2.json` and `hostconfig.json`, for
//! `watch`: the engine writes them (atomically, by rename) before it sends
//! the create event, so they are read without waiting on the container's
//! lock, which a start holds for its whole length. Regular files only,
//! each within the host-file bound (`--max-input-bytes host_file=`);
//! nothing is written and the engine is not asked. Turning the files into
//! facts is `adapt::data_root`'s.

use std::path::{Path, PathBuf};

use crate::adapt::data_root::{self as adapter, Refused};
use crate::facts::Container;

/// A data root that could be read when the watch began.
#[derive(Clone, Debug)]
pub struct DataRoot {
    /// Where the files are read (under the host root when the host is
    /// mounted, as in the Kubernetes DaemonSet).
    pub dir: PathBuf,
    /// The data root as the engine names it (its /info `DockerRootDir`),
    /// when known: a local volume's host path is under it.
    pub engine_root: Option<String>,
}

/// Where the data root comes from, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--data-root` or `[watch] data_root`.
    Configured,
    /// The engine's /info `DockerRootDir` (under the host root).
    Engine,
}

impl DataRoot {
    /// The data root at `dir`, when its folder of containers can be read.
    pub fn open(dir: &Path, engine_root: Option<String>) -> Result<DataRoot, String> {
        let containers = dir.join("containers");
        match std::fs::read_dir(&containers) {
            Ok(_) => Ok(DataRoot {
                dir: dir.to_path_buf(),
                engine_root,
            }),
            Err(e) => Err(format!("{}: {e}", containers.display())),
        }
    }

    /// The container `id` from its files, or why not (the caller then
    /// inspects it).
    pub fn container(&self, id: &str) -> Result<Container, Refused> {
        if !is_container_id(id) {
            return Err(Refused {
                kind: "not a container id",
                detail: format!("{id:?}"),
            });
        }
        let folder = self.dir.join("containers").join(id);
        let config = read(&folder.join("config.v2.json"))?;
        let host = read(&folder.join("hostconfig.json"))?;
        adapter::container(&config, &host, id, self.engine_root.as_deref())
    }
}

/// A full engine id: 64 lowercase hex digits (so the path stays inside
/// the data root whatever an event says).
fn is_container_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn read(path: &Path) -> Result<Vec<u8>, Refused> {
    super::files::read_host_file(path).map_err(|e| {
        let kind = match e.kind() {
            std::io::ErrorKind::NotFound => "missing",
            std::io::ErrorKind::PermissionDenied => "not readable",
            std::io::ErrorKind::Other => "refused",
            _ => "not readable",
        };
        Refused {
            kind,
            detail: format!("{}: {e}", path.display()),
        }
    })
}

/// The data root to read, or why none: `configured` (`--data-root`,
/// `[watch] data_root`) when given; else the engine's `DockerRootDir`
/// under `host_root`, when the engine is on a local unix socket.
pub fn choose(
    configured: Option<&Path>,
    engine_root: Result<String, String>,
    local_socket: bool,
    host_root: &Path,
) -> Result<(DataRoot, Origin), String> {
    let engine = engine_root.as_ref().ok().filter(|r| !r.is_empty()).cloned();
    if let Some(dir) = configured {
        return DataRoot::open(dir, engine).map(|d| (d, Origin::Configured));
    }
    if !local_socket {
        return Err("the engine is not on a local unix socket".to_string());
    }
    let root = match engine_root {
        Ok(r) if r.starts_with('/') => r,
        Ok(r) => return Err(format!("the engine's DockerRootDir {r:?} is not a path")),
        Err(e) => return Err(format!("the engine's DockerRootDir is unknown: {e}")),
    };
    let dir = host_root.join(root.trim_start_matches('/'));
    DataRoot::open(&dir, Some(root)).map(|d| (d, Origin::Engine))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "1947a16c779411b405dab09411bf79da1d13aa32390e7a12539cf71334065fbf";

    fn root_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let t = tempfile::tempdir().unwrap();
        let d = t.path().join("containers").join(ID);
        std::fs::create_dir_all(&d).unwrap();
        for (name, bytes) in files {
            std::fs::write(d.join(name), bytes).unwrap();
        }
        t
    }

    #[test]
    fn the_files_of_a_created_container_are_read() {
        let fx = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/data_root/risky1"
        );
        let cfg = std::fs::read(format!("{fx}/config.v2.json")).unwrap();
        let hc = std::fs::read(format!("{fx}/hostconfig.json")).unwrap();
        let t = root_with(&[("config.v2.json", &cfg), ("hostconfig.json", &hc)]);
        let (root, origin) =
            choose(Some(t.path()), Err("no".into()), false, Path::new("/")).unwrap();
        assert_eq!(origin, Origin::Configured);
        let c = root.container(ID).unwrap();
        assert_eq!(c.host_config.privileged, Some(true));
        // Never a path made of what an event says.
        assert_eq!(
            root.container("../../etc").unwrap_err().kind,
            "not a container id"
        );
    }

    #[test]
    fn what_cannot_be_read_says_why() {
        let t = root_with(&[("config.v2.json", b"{}")]);
        let root = DataRoot::open(t.path(), None).unwrap();
        assert_eq!(root.container(ID).unwrap_err().kind, "missing");
        // A FIFO is refused without blocking.
        let fifo = t.path().join("containers").join(ID).join("hostconfig.json");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: creates a FIFO at a path of our temporary folder.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(root.container(ID).unwrap_err().kind, "refused");
        // An empty folder, a remote engine: no data root.
        let empty = tempfile::tempdir().unwrap();
        assert!(choose(Some(empty.path()), Ok("/x".into()), true, Path::new("/")).is_err());
        assert!(
            choose(None, Ok("/var/lib/docker".into()), false, Path::new("/"))
                .unwrap_err()
                .contains("not on a local unix socket")
        );
        // The engine's root is looked for under the host root.
        let host = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(host.path().join("var/lib/docker/containers")).unwrap();
        let (r, o) = choose(None, Ok("/var/lib/docker".into()), true, host.path()).unwrap();
        assert_eq!(
            (r.dir, o),
            (host.path().join("var/lib/docker"), Origin::Engine)
        );
        assert_eq!(r.engine_root.as_deref(), Some("/var/lib/docker"));
    }
}
