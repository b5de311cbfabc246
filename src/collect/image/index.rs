//! The file index: layers applied in order with their whiteouts into the
//! final filesystem view, keeping every version that a later layer deleted
//! or replaced. In memory only; symlinks are resolved inside the index with
//! a hop bound, never on the disk.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::layer::{Entry, Kind, LayerScan, Whiteout};

#[derive(Clone, Debug)]
pub struct Node {
    pub kind: Kind,
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    pub size: u64,
    pub link: Option<Box<str>>,
    pub layer: usize,
}

/// A version of a path that a later layer removed or replaced.
#[derive(Clone, Debug)]
pub struct Removed {
    pub path: Box<str>,
    pub kind: Kind,
    pub size: u64,
    pub layer: usize,
    pub removed_in: usize,
}

#[derive(Debug, Default)]
pub struct FileIndex {
    pub nodes: BTreeMap<Box<str>, Node>,
    pub removed: Vec<Removed>,
    /// Hard links (path, layer) whose target the same layer wrote again
    /// after the link: the link keeps the earlier content, which reading
    /// the target's path in that layer would not give.
    stale_links: HashSet<(Box<str>, usize)>,
}

impl FileIndex {
    /// Applies the layers bottom first.
    pub fn build<'a>(layers: impl IntoIterator<Item = &'a LayerScan>) -> FileIndex {
        let mut idx = FileIndex::default();
        for (i, l) in layers.into_iter().enumerate() {
            // This layer's hard links by target, until the target is
            // written again.
            let mut links: HashMap<&str, Vec<&str>> = HashMap::new();
            for e in &l.entries {
                if e.whiteout.is_none() && e.kind != Kind::Dir {
                    for link in links.remove(&*e.path).unwrap_or_default() {
                        idx.stale_links.insert((link.into(), i));
                    }
                    if let (Kind::Hardlink, Some(t)) = (e.kind, e.link.as_deref()) {
                        links.entry(t).or_default().push(&e.path);
                    }
                }
                idx.apply(i, e);
            }
        }
        idx
    }

    fn remove_subtree(&mut self, path: &str, below_layer: usize, by: usize) {
        let prefix = if path == "/" {
            "/".to_string()
        } else {
            format!("{path}/")
        };
        let doomed: Vec<Box<str>> = self
            .nodes
            .range::<str, _>((
                std::ops::Bound::Included(prefix.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(_, n)| n.layer < below_layer)
            .map(|(k, _)| k.clone())
            .collect();
        for k in doomed {
            self.remove_one(&k, by);
        }
    }

    fn remove_one(&mut self, path: &str, by: usize) {
        if let Some(n) = self.nodes.remove(path) {
            self.removed.push(Removed {
                path: path.into(),
                kind: n.kind,
                size: n.size,
                layer: n.layer,
                removed_in: by,
            });
        }
    }

    fn apply(&mut self, layer: usize, e: &Entry) {
        match e.whiteout {
            Some(Whiteout::Opaque) => self.remove_subtree(&e.path, layer, layer),
            Some(Whiteout::Delete) => {
                // What lower layers put there goes, the folder and all
                // below it, even when no layer listed the folder itself
                // (a tar may hold `app/x` without an `app/` entry).
                self.remove_subtree(&e.path, layer, layer);
                if self.nodes.get(&*e.path).is_some_and(|n| n.layer < layer) {
                    self.remove_one(&e.path, layer);
                }
            }
            None => {
                let node = Node {
                    kind: e.kind,
                    mode: e.mode,
                    uid: e.uid,
                    gid: e.gid,
                    size: e.size,
                    link: e.link.clone(),
                    layer,
                };
                let old = self.nodes.get(&*e.path).map(|n| n.kind);
                if old == Some(Kind::Dir) && e.kind == Kind::Dir {
                    // Directory attributes change; children stay.
                    self.nodes.insert(e.path.clone(), node);
                    return;
                }
                if e.kind != Kind::Dir {
                    // What was below a folder of that name goes, even when
                    // no layer listed the folder itself.
                    self.remove_subtree(&e.path, usize::MAX, layer);
                }
                if old.is_some() {
                    self.remove_one(&e.path, layer);
                }
                self.nodes.insert(e.path.clone(), node);
            }
        }
    }

    /// Follows symlinks inside the index (at most 40 hops); None for a
    /// dangling link or a loop.
    pub fn resolve<'a>(&'a self, path: &str) -> Option<(String, &'a Node)> {
        let mut cur = path.to_string();
        for _ in 0..40 {
            let n = self.nodes.get(cur.as_str())?;
            if n.kind != Kind::Symlink {
                return Some((cur, n));
            }
            let target = n.link.as_deref()?;
            let base = if target.starts_with('/') {
                String::new()
            } else {
                cur.rsplit_once('/')
                    .map(|(d, _)| d.to_string())
                    .unwrap_or_default()
            };
            let joined = format!("{base}/{target}");
            cur = format!("/{}", crate::parse::path_segments(&joined).join("/"));
        }
        None
    }

    /// Resolves every component of `path` inside the index, symlinked
    /// directories included (an absolute target starts again at the
    /// image's root, `..` never climbs above it), following at most 40
    /// links; a hard link resolves to the file it links. Ok(None): no such
    /// file. Err: a loop, or a link too deep to follow.
    pub fn resolve_path<'a>(&'a self, path: &str) -> Result<Option<(String, &'a Node)>, String> {
        let mut rest: std::collections::VecDeque<String> =
            path.split('/').map(str::to_string).collect();
        let mut cur: Vec<String> = Vec::new();
        let mut hops = 0;
        while let Some(c) = rest.pop_front() {
            match c.as_str() {
                "" | "." => continue,
                ".." => {
                    cur.pop();
                    continue;
                }
                _ => {}
            }
            let next = format!(
                "/{}",
                cur.iter()
                    .chain([&c])
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("/")
            );
            let Some(n) = self.nodes.get(next.as_str()) else {
                if rest.iter().all(|r| r.is_empty() || r == ".") {
                    return Ok(None);
                }
                // Layers need not list every parent directory.
                cur.push(c);
                continue;
            };
            match n.kind {
                Kind::Symlink => {
                    hops += 1;
                    if hops > 40 {
                        return Err(format!(
                            "{path}: more than 40 symbolic links to follow (a loop?)"
                        ));
                    }
                    let target = n.link.as_deref().unwrap_or("");
                    if target.starts_with('/') {
                        cur.clear();
                    }
                    for t in target.split('/').rev() {
                        rest.push_front(t.to_string());
                    }
                }
                Kind::Dir => cur.push(c),
                _ if rest.iter().all(|r| r.is_empty() || r == ".") => {
                    if n.kind == Kind::Hardlink {
                        let target = n.link.as_deref().unwrap_or("");
                        // The same layer wrote the target again after the
                        // link: the link keeps the earlier content.
                        if self.stale_links.contains(&(next.as_str().into(), n.layer)) {
                            return Err(format!(
                                "{next} is a hard link to {target}, which layer {} wrote again after the link: the link keeps the earlier content, which was not read",
                                n.layer
                            ));
                        }
                        // The link keeps the content of a target a later
                        // layer removed: that content is not known here,
                        // never taken as absent.
                        return match self.nodes.get(target) {
                            // A later layer wrote the target anew: the link
                            // still holds the content it had before.
                            Some(t) if t.layer > n.layer => Err(format!(
                                "{next} is a hard link to {target}, which layer {} replaced: the link keeps the earlier content, which was not read",
                                t.layer
                            )),
                            Some(t) => Ok(Some((target.to_string(), t))),
                            None => Err(format!(
                                "{next} is a hard link to {target}, which a later layer removed: its content was not read"
                            )),
                        };
                    }
                    return Ok(Some((next, n)));
                }
                // A file used as a directory.
                _ => return Ok(None),
            }
        }
        let at = format!("/{}", cur.join("/"));
        Ok(self.nodes.get(at.as_str()).map(|n| (at, n)))
    }

    /// When the version of `path` written by `layer` was removed: None
    /// while it is still in the final view.
    pub fn removed_in(
        &self,
        lookup: &HashMap<(&str, usize), usize>,
        path: &str,
        layer: usize,
    ) -> Option<usize> {
        lookup.get(&(path, layer)).copied()
    }

    /// (path, layer) -> the layer that removed it; the latest removal wins
    /// when a layer wrote the same path twice.
    pub fn removal_lookup(&self) -> HashMap<(&str, usize), usize> {
        self.removed
            .iter()
            .map(|r| ((&*r.path, r.layer), r.removed_in))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Entry {
        Entry {
            path: path.into(),
            kind: Kind::File,
            mode: 0o644,
            uid: 0,
            gid: 0,
            size: 1,
            link: None,
            whiteout: None,
        }
    }
    fn dir(path: &str) -> Entry {
        Entry {
            kind: Kind::Dir,
            ..file(path)
        }
    }
    fn wh(path: &str, w: Whiteout) -> Entry {
        Entry {
            whiteout: Some(w),
            ..file(path)
        }
    }
    fn layer(entries: Vec<Entry>) -> LayerScan {
        LayerScan {
            entries,
            ..Default::default()
        }
    }

    #[test]
    fn whiteout_of_a_folder_no_layer_listed_removes_what_is_below() {
        // Layer 0 holds /app/key.pem and /etc/os-release with no entry for
        // /app or /etc; layer 1 deletes /app; layer 2 adds /app/new in the
        // same layer as its whiteout of /etc, which only takes lower ones.
        let l0 = layer(vec![file("/app/key.pem"), file("/etc/os-release")]);
        let l1 = layer(vec![wh("/app", Whiteout::Delete)]);
        let l2 = layer(vec![file("/etc/new"), wh("/etc", Whiteout::Delete)]);
        let idx = FileIndex::build([&l0, &l1, &l2]);
        assert!(!idx.nodes.contains_key("/app/key.pem"));
        assert!(!idx.nodes.contains_key("/etc/os-release"));
        assert!(idx.nodes.contains_key("/etc/new"));
        assert!(idx
            .removed
            .iter()
            .any(|r| &*r.path == "/app/key.pem" && r.layer == 0 && r.removed_in == 1));
    }

    #[test]
    fn whiteouts_and_opaque_dirs() {
        let l0 = layer(vec![
            dir("/a"),
            file("/a/x"),
            file("/a/y"),
            dir("/b"),
            file("/b/z"),
        ]);
        let l1 = layer(vec![
            wh("/a/x", Whiteout::Delete),
            file("/b/new"),
            wh("/b", Whiteout::Opaque),
            file("/secret"),
        ]);
        let l2 = layer(vec![wh("/secret", Whiteout::Delete)]);
        let idx = FileIndex::build([&l0, &l1, &l2]);
        let keys: Vec<&str> = idx.nodes.keys().map(|k| &**k).collect();
        assert_eq!(keys, ["/a", "/a/y", "/b", "/b/new"]);
        let look = idx.removal_lookup();
        assert_eq!(idx.removed_in(&look, "/secret", 1), Some(2));
        assert_eq!(idx.removed_in(&look, "/a/x", 0), Some(1));
        assert_eq!(idx.removed_in(&look, "/b/z", 0), Some(1));
    }

    #[test]
    fn file_replaces_dir_and_symlink_loops_end() {
        let l0 = layer(vec![dir("/d"), file("/d/f")]);
        let mut link_a = file("/la");
        link_a.kind = Kind::Symlink;
        link_a.link = Some("lb".into());
        let mut link_b = file("/lb");
        link_b.kind = Kind::Symlink;
        link_b.link = Some("/la".into());
        let l1 = layer(vec![file("/d"), link_a, link_b]);
        let idx = FileIndex::build([&l0, &l1]);
        assert!(!idx.nodes.contains_key("/d/f"));
        assert_eq!(idx.nodes.get("/d").unwrap().kind, Kind::File);
        assert!(idx.resolve("/la").is_none());
        assert!(idx.resolve_path("/la").is_err());
    }

    #[test]
    fn paths_resolve_through_symlinked_directories_inside_the_image() {
        let mut etc = file("/etc");
        etc.kind = Kind::Symlink;
        etc.link = Some("usr/etc".into());
        let mut pw = file("/usr/etc/passwd");
        pw.kind = Kind::Symlink;
        pw.link = Some("../../../../lib/passwd".into());
        let l0 = layer(vec![file("/lib/passwd"), file("/usr/etc/shadow")]);
        let l1 = layer(vec![etc, pw]);
        let idx = FileIndex::build([&l0, &l1]);
        let (real, n) = idx.resolve_path("/etc/passwd").unwrap().unwrap();
        assert_eq!((real.as_str(), n.layer), ("/lib/passwd", 0));
        let (real, _) = idx.resolve_path("/etc/shadow").unwrap().unwrap();
        assert_eq!(real, "/usr/etc/shadow");
        assert!(idx.resolve_path("/etc/group").unwrap().is_none());
        assert!(idx.resolve_path("/lib/passwd/x").unwrap().is_none());
    }

    #[test]
    fn a_hard_link_to_a_removed_file_is_not_read_as_absent() {
        let mut link = file("/etc/passwd");
        link.kind = Kind::Hardlink;
        link.link = Some("/etc/passwd.real".into());
        let l0 = layer(vec![dir("/etc"), file("/etc/passwd.real"), link]);
        let idx = FileIndex::build([&l0]);
        let (real, _) = idx.resolve_path("/etc/passwd").unwrap().unwrap();
        assert_eq!(real, "/etc/passwd.real");
        let l1 = layer(vec![wh("/etc/passwd.real", Whiteout::Delete)]);
        let idx = FileIndex::build([&l0, &l1]);
        let e = idx.resolve_path("/etc/passwd").unwrap_err();
        assert!(e.contains("hard link to /etc/passwd.real"), "{e}");
        // A later layer that writes the target anew leaves the link with
        // the old content: not read, never the new file's.
        let l1 = layer(vec![file("/etc/passwd.real")]);
        let idx = FileIndex::build([&l0, &l1]);
        let e = idx.resolve_path("/etc/passwd").unwrap_err();
        assert!(e.contains("which layer 1 replaced"), "{e}");
        // The same, within one layer: the target written again after the
        // link. Written again before the link, the link has the new
        // content, which is the target's in the view.
        let mut link = file("/etc/passwd");
        link.kind = Kind::Hardlink;
        link.link = Some("/tmp/p".into());
        let l0 = layer(vec![file("/tmp/p"), link.clone(), file("/tmp/p")]);
        let e = FileIndex::build([&l0])
            .resolve_path("/etc/passwd")
            .unwrap_err();
        assert!(
            e.contains("which layer 0 wrote again after the link"),
            "{e}"
        );
        let l0 = layer(vec![file("/tmp/p"), file("/tmp/p"), link]);
        let (real, _) = FileIndex::build([&l0])
            .resolve_path("/etc/passwd")
            .unwrap()
            .unwrap();
        assert_eq!(real, "/tmp/p");
    }
}
