//! References from one container to another: a namespace mode that joins
//! another container's namespace (`container:x`, compose `service:x`) and
//! compose `volumes_from`. They are resolved here, among what the audit
//! holds, as the engine and Compose resolve them:
//! - an engine container's `container:REF` names an engine container by
//!   full id, name, or unique id prefix (the engine's own lookup order);
//! - a compose service's `service:NAME` names a service of the same file;
//!   its `container:NAME` names the container of a service of the same
//!   file (`container_name:`), else an audited engine container.
//!
//! Chains are followed up to `MAX_HOPS` references, and cycles detected;
//! what cannot be resolved is reported as unknown with its reason, never
//! taken as a container of its own. Pure: no I/O, no verdicts.

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::facts::compose::{ComposeFile, ComposeService};
use crate::facts::Container;
use crate::subject::{JoinEnd, JoinHop, Joined, Namespace};

/// The longest chain of references followed.
pub const MAX_HOPS: usize = 10;

/// Names to indices (service names, container names).
type ByName<'a> = HashMap<&'a str, usize>;

/// The engine containers of the audit, looked up as the engine does.
/// Indexed on first use: most audits hold no reference at all.
pub struct EngineIndex<'a> {
    containers: &'a [Container],
    /// Ids sorted (for prefixes), and names.
    index: OnceCell<(Vec<(&'a str, usize)>, ByName<'a>)>,
}

impl<'a> EngineIndex<'a> {
    pub fn new(containers: &'a [Container]) -> Self {
        EngineIndex {
            containers,
            index: OnceCell::new(),
        }
    }

    pub fn container(&self, i: usize) -> &'a Container {
        &self.containers[i]
    }

    /// The container `r` names: its full id, its name (with or without the
    /// leading slash), else the one id starting with `r`.
    pub fn find(&self, r: &str) -> Result<usize, String> {
        let (ids, names) = self.index.get_or_init(|| {
            let mut ids: Vec<(&str, usize)> = self
                .containers
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.strip_prefix("sha256:").unwrap_or(&c.id), i))
                .collect();
            ids.sort();
            let mut names = HashMap::new();
            for (i, c) in self.containers.iter().enumerate() {
                names.entry(c.display_name()).or_insert(i);
            }
            (ids, names)
        });
        let r = r.trim();
        let bare = r.strip_prefix('/').unwrap_or(r);
        if bare.is_empty() {
            return Err("names no container".to_string());
        }
        let from = ids.partition_point(|(id, _)| *id < bare);
        if let Some((id, i)) = ids.get(from) {
            if *id == bare {
                return Ok(*i);
            }
        }
        if let Some(i) = names.get(bare) {
            return Ok(*i);
        }
        let mut prefixed = ids[from..]
            .iter()
            .take_while(|(id, _)| id.starts_with(bare));
        match (prefixed.next(), prefixed.next()) {
            (Some((_, i)), None) => Ok(*i),
            (Some(_), Some(_)) => Err(format!(
                "container {bare:?} is ambiguous: more than one audited container id starts with it"
            )),
            _ => Err(format!(
                "container {bare:?} is not among the audited engine containers"
            )),
        }
    }
}

/// The services of one compose file by name and by `container_name`.
pub struct FileIndex<'a> {
    pub file: &'a ComposeFile,
    /// Services by name, and by `container_name`.
    index: OnceCell<(ByName<'a>, ByName<'a>)>,
}

impl<'a> FileIndex<'a> {
    pub fn new(file: &'a ComposeFile) -> Self {
        FileIndex {
            file,
            index: OnceCell::new(),
        }
    }

    fn maps(&self) -> &(ByName<'a>, ByName<'a>) {
        self.index.get_or_init(|| {
            let mut services = HashMap::new();
            let mut containers = HashMap::new();
            for (i, s) in self.file.services.iter().enumerate() {
                services.entry(s.name.as_str()).or_insert(i);
                if let Some(c) = &s.container_name {
                    containers.entry(c.value.trim()).or_insert(i);
                }
            }
            (services, containers)
        })
    }

    pub fn service(&self, i: usize) -> &'a ComposeService {
        &self.file.services[i]
    }

    /// The index of the service named `name`.
    pub fn by_service(&self, name: &str) -> Option<usize> {
        self.maps().0.get(name.trim()).copied()
    }

    /// The index of the service whose `container_name` is `name`.
    pub fn by_container_name(&self, name: &str) -> Option<usize> {
        self.maps().1.get(name.trim()).copied()
    }
}

/// What references are resolved against: the audit's engine containers
/// and, for a compose service, its file.
pub struct Refs<'r, 'a> {
    pub engine: &'r EngineIndex<'a>,
    pub file: Option<&'r FileIndex<'a>>,
}

/// A container a reference can reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// An engine container, by its index in the facts.
    Engine(usize),
    /// A service of the compose file, by its index.
    Service(usize),
}

/// A reference as written: `container:X` or (compose) `service:X`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ref {
    Container(String),
    Service(String),
}

impl Ref {
    /// The reference a namespace mode makes, if it joins another
    /// container. `service:` is a compose spelling only.
    pub fn of_mode(mode: &str, compose: bool) -> Option<Ref> {
        let mode = mode.trim();
        if let Some(c) = mode.strip_prefix("container:") {
            return Some(Ref::Container(c.trim().to_string()));
        }
        match mode.strip_prefix("service:") {
            Some(s) if compose => Some(Ref::Service(s.trim().to_string())),
            _ => None,
        }
    }
}

impl<'a> Refs<'_, 'a> {
    /// The container `r`, made from `from`, names.
    pub fn resolve(&self, from: Node, r: &Ref) -> Result<Node, String> {
        match (from, r) {
            (Node::Service(_), Ref::Service(name)) => {
                let f = self.file.ok_or("no compose file")?;
                if name.is_empty() {
                    return Err("names no service".to_string());
                }
                f.by_service(name)
                    .map(Node::Service)
                    .ok_or_else(|| format!("service {name:?} is not defined in {}", f.file.path))
            }
            (Node::Service(_), Ref::Container(name)) => {
                if let Some(i) = self.file.and_then(|f| f.by_container_name(name)) {
                    return Ok(Node::Service(i));
                }
                match self.engine.find(name) {
                    Ok(i) => Ok(Node::Engine(i)),
                    Err(_) if name.trim().is_empty() => Err("names no container".to_string()),
                    Err(_) => Err(format!(
                        "container {name:?} is neither a service's container_name in this file nor an audited engine container"
                    )),
                }
            }
            (Node::Engine(_), Ref::Container(name)) => self.engine.find(name).map(Node::Engine),
            (Node::Engine(_), Ref::Service(name)) => Err(format!(
                "service {name:?} is a compose reference, not an engine container"
            )),
        }
    }

    /// How a container is named in messages: `container "db"`,
    /// `service "db"`.
    pub fn name(&self, n: Node) -> String {
        match n {
            Node::Engine(i) => format!("container {:?}", self.engine.container(i).display_name()),
            Node::Service(i) => match self.file {
                Some(f) => format!("service {:?}", f.service(i).name),
                None => "a service".to_string(),
            },
        }
    }

    /// A container's mode for `ns` as written (empty: unset) and its key.
    /// Borrowed: it is asked of every spec, nearly all of which join
    /// nothing.
    fn mode(&self, n: Node, ns: Namespace) -> (&'a str, &'a str) {
        match n {
            Node::Engine(i) => {
                let h = &self.engine.container(i).host_config;
                let (v, k) = match ns {
                    Namespace::Network => (&h.network_mode, "HostConfig.NetworkMode"),
                    Namespace::Pid => (&h.pid_mode, "HostConfig.PidMode"),
                    Namespace::Ipc => (&h.ipc_mode, "HostConfig.IpcMode"),
                    Namespace::Uts => (&h.uts_mode, "HostConfig.UTSMode"),
                    Namespace::User => (&h.userns_mode, "HostConfig.UsernsMode"),
                };
                (v.trim(), k)
            }
            Node::Service(i) => {
                let Some(f) = self.file else {
                    return ("", "");
                };
                let s = f.service(i);
                let (st, k) = match ns {
                    Namespace::Network => (&s.network_mode, "network_mode"),
                    Namespace::Pid => (&s.pid, "pid"),
                    Namespace::Ipc => (&s.ipc, "ipc"),
                    Namespace::Uts => (&s.uts, "uts"),
                    Namespace::User => (&s.userns_mode, "userns_mode"),
                };
                match st {
                    Some(st) => (st.value.trim(), st.key.as_str()),
                    None => ("", k),
                }
            }
        }
    }

    /// Where `start`'s mode for `ns` leads, when it joins another
    /// container; None when it does not.
    pub fn follow(&self, start: Node, ns: Namespace) -> Option<Joined> {
        let compose = |n: Node| matches!(n, Node::Service(_));
        let (mode, _) = self.mode(start, ns);
        let mut r = Ref::of_mode(mode, compose(start))?;
        let mut at = start;
        let mut seen = vec![start];
        let mut hops: Vec<JoinHop> = Vec::new();
        let end = loop {
            if hops.len() >= MAX_HOPS {
                break JoinEnd::Unknown(format!(
                    "the chain is longer than {MAX_HOPS} references: not followed further"
                ));
            }
            let next = match self.resolve(at, &r) {
                Ok(n) => n,
                Err(why) => break JoinEnd::Unknown(why),
            };
            if seen.contains(&next) {
                break JoinEnd::Unknown(format!(
                    "the references form a cycle back to {}",
                    self.name(next)
                ));
            }
            seen.push(next);
            let (mode, key) = self.mode(next, ns);
            hops.push(JoinHop {
                target: self.name(next),
                key: key.to_string(),
                mode: mode.to_string(),
            });
            match Ref::of_mode(mode, compose(next)) {
                Some(n) => {
                    r = n;
                    at = next;
                }
                None => break JoinEnd::Mode(mode.to_string()),
            }
        };
        Some(Joined { hops, end })
    }

    /// Every namespace of `start` that joins another container.
    pub fn joins(&self, start: Node) -> Vec<(Namespace, Joined)> {
        Namespace::ALL
            .into_iter()
            .filter_map(|ns| Some((ns, self.follow(start, ns)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests;
