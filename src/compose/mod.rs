//! Reading compose files (collector side: the only compose code that does
//! I/O): the file and its `.env`, `extends` from the same or another file,
//! then each service normalised into `facts::compose` values with the line
//! of each key. Both the legacy v2/v3 formats and the current specification
//! (no `version:`) are read the same way. Checks never import this module.

pub mod interpolate;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::facts::compose::{
    ComposeDevice, ComposeFile, ComposePort, ComposeProblem, ComposeService, ComposeVolume,
    EnvFileRef, EnvVar, Healthcheck, Setting, VolumesFrom,
};
use crate::subject::spelling::{parse_publish, BindSpec};
use yaml::{Node, Tag, Value};

/// Largest compose file read (real ones are a few kilobytes).
pub const MAX_FILE_BYTES: u64 = crate::collect::files::MAX_TEXT_BYTES;
/// Longest `extends` chain followed.
const MAX_EXTENDS: usize = 10;

/// How to read compose files.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Variables file; default: `.env` beside each compose file.
    pub env_file: Option<PathBuf>,
    /// Also interpolate from this process's environment (it wins over the
    /// `.env` file, as in compose). Off by default: the auditor's
    /// environment is not the deployment's.
    pub use_process_env: bool,
    /// Active profiles: when given, services whose `profiles:` name none
    /// of them are left out (services without profiles always count).
    pub profiles: Vec<String>,
}

fn problem(line: u32, message: impl Into<String>) -> ComposeProblem {
    ComposeProblem {
        line,
        message: message.into(),
    }
}

pub use crate::collect::files::read_text;

/// The variables for interpolating a compose file.
pub fn variables(
    compose_path: &Path,
    opts: &LoadOptions,
) -> (BTreeMap<String, String>, Vec<String>) {
    let mut notes = Vec::new();
    let env_path = match &opts.env_file {
        Some(p) => Some(p.clone()),
        None => {
            let p = compose_path.parent().unwrap_or(Path::new(".")).join(".env");
            p.is_file().then_some(p)
        }
    };
    let mut vars = BTreeMap::new();
    if let Some(p) = env_path {
        match read_text(&p) {
            Ok(t) => vars = interpolate::parse_env_file(&t),
            Err(e) => notes.push(format!("env file {} {e}", p.display())),
        }
    }
    if opts.use_process_env {
        for (k, v) in std::env::vars() {
            vars.insert(k, v);
        }
    }
    (vars, notes)
}

/// Reads one compose file. Never fails: what could not be read is the
/// file's `error` or one of its `problems`.
pub fn load_file(path: &Path, opts: &LoadOptions) -> ComposeFile {
    let display = path.display().to_string();
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            return ComposeFile {
                path: display,
                error: Some(problem(0, e)),
                ..Default::default()
            }
        }
    };
    let (vars, notes) = variables(path, opts);
    let mut f = parse_str(&display, &text, &vars, path.parent(), opts);
    for n in notes {
        f.problems.push(problem(0, n));
    }
    f
}

/// The services of a compose document, read from text. `dir` is where
/// `extends: {file: ...}` paths are resolved (None: not followed).
pub fn parse_str(
    path: &str,
    text: &str,
    vars: &BTreeMap<String, String>,
    dir: Option<&Path>,
    opts: &LoadOptions,
) -> ComposeFile {
    let mut file = ComposeFile {
        path: path.to_string(),
        ..Default::default()
    };
    if text.trim().is_empty() {
        file.error = Some(problem(0, "is empty: no services"));
        return file;
    }
    let (mut root, mut problems) = match read_documents(text) {
        Ok(r) => r,
        Err(e) => {
            file.error = Some(problem(e.line, e.message));
            return file;
        }
    };
    interpolate_tree(&mut root, vars, &mut problems);
    let Some(top) = root.as_map() else {
        file.error = Some(problem(
            root.line,
            "is not a compose file: the document is not a mapping",
        ));
        return file;
    };
    let legacy = is_legacy(&root);
    if legacy {
        let line = top.first().map_or(root.line, |(k, _)| k.line);
        problems.push(problem(
            line,
            "is in the legacy compose format (version 1: services at the top level, no `services:` key): read as services; current Compose releases no longer read this format",
        ));
    }
    for (k, v) in top.iter().filter(|_| !legacy) {
        let key = k.as_str().unwrap_or("");
        match key {
            "version" => file.version = v.as_str().map(str::to_string),
            "services" | "networks" | "configs" | "name" => {}
            "volumes" => (file.volume_binds, file.volumes_unknown) = volume_binds(v),
            "secrets" => {
                file.secrets = v
                    .as_map()
                    .map(|m| {
                        m.iter()
                            .filter_map(|(k, _)| k.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            }
            "include" => problems.push(problem(
                k.line,
                "`include:` is not followed: audit the included files by naming them too",
            )),
            k2 if k2.starts_with("x-") => {}
            other => problems.push(problem(k.line, format!("unknown top-level key {other:?}"))),
        }
    }
    let Some(services) = services_of(&root) else {
        if root.get("version").is_none() {
            file.error = Some(problem(
                root.line,
                "has no `services:` key: not a compose file",
            ));
        } else {
            problems.push(problem(root.line, "no `services:` key"));
        }
        file.problems = problems;
        return file;
    };
    let Some(entries) = services.as_map() else {
        if !services.is_null() {
            problems.push(problem(services.line, "`services:` is not a mapping"));
        }
        file.problems = problems;
        return file;
    };
    let mut ctx = Extends {
        dir: dir.map(Path::to_path_buf),
        vars,
        other_files: Vec::new(),
        problems: Vec::new(),
    };
    for (k, v) in entries {
        let Some(name) = k.as_str() else {
            problems.push(problem(k.line, "a service name that is not a string"));
            continue;
        };
        if v.as_map().is_none() && !v.is_null() {
            problems.push(problem(
                k.line,
                format!("service {name:?} is not a mapping"),
            ));
            continue;
        }
        let resolved = ctx.resolve(v, entries, 0, &mut vec![(0, name.to_string())]);
        let mut svc = normalize_service(name, k.line, &resolved, legacy, &mut problems);
        read_env_files(&mut svc, dir, &ctx.other_files, &mut problems);
        if !opts.profiles.is_empty()
            && !svc.profiles.is_empty()
            && !svc.profiles.iter().any(|p| opts.profiles.contains(p))
        {
            continue;
        }
        file.services.push(svc);
    }
    // Held to the end of the audit: no spare capacity (a file of twenty
    // thousand services would keep room for twelve thousand more).
    file.services.shrink_to_fit();
    problems.extend(ctx.problems);
    file.other_files = ctx.other_files;
    problems.sort_by_key(|p| p.line);
    problems.dedup();
    file.problems = problems;
    file
}

/// Every YAML document of a compose file, merged in order: compose merges
/// a file's documents like override files, so a service defined or changed
/// in a later document is audited with its own lines. A document that is
/// not a mapping is a problem, never skipped silently.
fn read_documents(text: &str) -> Result<(Node, Vec<ComposeProblem>), yaml::YamlError> {
    let (docs, error) = yaml::parse_all(text);
    if let Some(e) = error {
        return Err(e);
    }
    let mut problems = Vec::new();
    let count = docs.len();
    let mut kept: Vec<Node> = Vec::new();
    for (i, doc) in docs.into_iter().enumerate() {
        if count > 1 && doc.is_null() {
            continue;
        }
        if count > 1 && doc.as_map().is_none() {
            problems.push(problem(
                doc.line,
                format!(
                    "YAML document {} of {count} is not a mapping: it was not read",
                    i + 1
                ),
            ));
            continue;
        }
        kept.push(doc);
    }
    let merged = if kept.is_empty() {
        Node::null(1)
    } else {
        merge_all(kept, "")
    };
    Ok((merged, problems))
}

/// A file in the legacy (version 1) format: no `services:` and no
/// `version:` key, and every top-level value a mapping that looks like a
/// service (it has `image:`, `build:` or `extends:`).
fn is_legacy(root: &Node) -> bool {
    let Some(top) = root.as_map() else {
        return false;
    };
    !top.is_empty()
        && root.get("services").is_none()
        && root.get("version").is_none()
        && top.iter().all(|(k, v)| {
            k.as_str().is_some()
                && ["image", "build", "extends"]
                    .iter()
                    .any(|key| v.get(key).is_some())
        })
}

/// The services mapping: `services:`, or the top level of a legacy file.
fn services_of(root: &Node) -> Option<&Node> {
    if is_legacy(root) {
        Some(root)
    } else {
        root.get("services")
    }
}

fn interpolate_tree(
    n: &mut Node,
    vars: &BTreeMap<String, String>,
    problems: &mut Vec<ComposeProblem>,
) {
    match &mut n.value {
        Value::Scalar(s, _) => {
            if s.contains('$') {
                let r = interpolate::interpolate(s, vars);
                for u in r.unset {
                    problems.push(problem(
                        n.line,
                        format!("variable {u} is not set (no .env entry): read as an empty string"),
                    ));
                }
                for e in r.errors {
                    problems.push(problem(n.line, e));
                }
                *s = r.text;
            }
        }
        Value::Seq(items) => items
            .iter_mut()
            .for_each(|i| interpolate_tree(i, vars, problems)),
        Value::Map(entries) => entries
            .iter_mut()
            .for_each(|(_, v)| interpolate_tree(v, vars, problems)),
        Value::Null => {}
    }
}

/// Follows `extends`.
struct Extends<'a> {
    dir: Option<PathBuf>,
    vars: &'a BTreeMap<String, String>,
    other_files: Vec<String>,
    problems: Vec<ComposeProblem>,
}

/// Keys whose lists add up when a service extends another (compose merge
/// rules); every other key of the extending service replaces the base's.
const APPENDED_KEYS: &[&str] = &[
    "cap_add",
    "cap_drop",
    "security_opt",
    "devices",
    "device_cgroup_rules",
    "ports",
    "expose",
    "volumes",
    "secrets",
    "configs",
    "dns",
    "dns_search",
    "tmpfs",
    "external_links",
    "environment",
    "env_file",
];

fn merge(base: Node, over: Node, key: &str) -> Node {
    merge_all(vec![base, over], key)
}

/// `merge` folded over `nodes` in order (each later node overriding the
/// ones before), in one pass: a file of 20,000 one-service documents costs
/// its size, not its size squared. A mapping merges with the run of
/// mappings just before it (a scalar in between replaced them), key by key;
/// an appended list likewise with the lists before it; anything else is
/// the last node.
fn merge_all(mut nodes: Vec<Node>, key: &str) -> Node {
    // Compose's merge tags: what comes before a `!reset` or `!override`
    // value is not merged with it; a `!reset` value itself is dropped
    // (the key is reset: the caller removes it).
    if let Some(i) = nodes.iter().rposition(|n| n.tag != Tag::None) {
        let from = if nodes[i].tag == Tag::Reset && i + 1 < nodes.len() {
            i + 1
        } else {
            i
        };
        nodes.drain(..from);
    }
    let Some(last) = nodes.pop() else {
        return Node::null(0);
    };
    if nodes.is_empty() || last.tag != Tag::None {
        return last;
    }
    let maps = matches!(last.value, Value::Map(_));
    let lists = matches!(last.value, Value::Seq(_)) && APPENDED_KEYS.contains(&key);
    if !maps && !lists {
        return last;
    }
    let same = |n: &Node| {
        if maps {
            matches!(n.value, Value::Map(_))
        } else {
            matches!(n.value, Value::Seq(_))
        }
    };
    let mut start = nodes.len();
    while start > 0 && same(&nodes[start - 1]) {
        start -= 1;
    }
    let (line, file) = (last.line, last.file);
    let run = nodes.into_iter().skip(start).chain(std::iter::once(last));
    let value = if lists {
        Value::Seq(
            run.flat_map(|n| match n.value {
                Value::Seq(items) => items,
                _ => Vec::new(),
            })
            .collect(),
        )
    } else {
        // Keys in first-seen order, each with every value given to it;
        // the key node of the last mention, as `merge` keeps it. The
        // first mapping's own entries stay as written.
        let mut keys: Vec<Node> = Vec::new();
        let mut values: Vec<Vec<Node>> = Vec::new();
        let mut at: std::collections::HashMap<String, usize> = Default::default();
        for (n, node) in run.enumerate() {
            let Value::Map(entries) = node.value else {
                continue;
            };
            for (k, v) in entries {
                let name = k.as_str().unwrap_or("").to_string();
                match at.get(&name) {
                    Some(&i) if n > 0 => {
                        keys[i] = k;
                        values[i].push(v);
                    }
                    _ => {
                        if k.as_str().is_some() {
                            at.entry(name).or_insert(keys.len());
                        }
                        keys.push(k);
                        values.push(vec![v]);
                    }
                }
            }
        }
        Value::Map(
            keys.into_iter()
                .zip(values)
                .map(|(k, vs)| {
                    let name = k.as_str().unwrap_or("").to_string();
                    (k, merge_all(vs, &name))
                })
                .filter(|(_, v)| v.tag != Tag::Reset)
                .collect(),
        )
    };
    Node {
        value,
        line,
        file,
        tag: Tag::None,
    }
}

impl Extends<'_> {
    /// The service with its `extends` chain applied.
    fn resolve(
        &mut self,
        svc: &Node,
        siblings: &[(Node, Node)],
        depth: usize,
        seen: &mut Vec<(u32, String)>,
    ) -> Node {
        let Some(ext) = svc.get("extends") else {
            return svc.clone();
        };
        let ext_line = svc.key_line("extends").unwrap_or(svc.line);
        if depth >= MAX_EXTENDS {
            self.problems.push(problem(
                ext_line,
                format!("`extends` chain longer than {MAX_EXTENDS}: not followed further"),
            ));
            return svc.clone();
        }
        let (base_name, base_file) = match &ext.value {
            Value::Scalar(s, _) => (s.clone(), None),
            Value::Map(_) => (
                ext.get("service")
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_string(),
                ext.get("file").and_then(Node::as_str).map(str::to_string),
            ),
            _ => (String::new(), None),
        };
        if base_name.is_empty() {
            self.problems
                .push(problem(ext_line, "`extends` names no service"));
            return svc.clone();
        }
        let base = match base_file {
            None => {
                if seen.contains(&(svc.file, base_name.clone())) {
                    self.problems.push(problem(
                        ext_line,
                        format!("`extends` cycle through service {base_name:?}"),
                    ));
                    return svc.clone();
                }
                match siblings
                    .iter()
                    .find(|(k, _)| k.as_str() == Some(base_name.as_str()))
                {
                    Some((_, b)) => {
                        seen.push((svc.file, base_name.clone()));
                        self.resolve(b, siblings, depth + 1, seen)
                    }
                    None => {
                        self.problems.push(problem(
                            ext_line,
                            format!("`extends` names service {base_name:?}, which the file does not define"),
                        ));
                        return svc.clone();
                    }
                }
            }
            Some(rel) => match self.load_other(&rel, &base_name, ext_line, depth, seen) {
                Some(b) => b,
                None => return svc.clone(),
            },
        };
        let mut own = svc.clone();
        if let Value::Map(m) = &mut own.value {
            m.retain(|(k, _)| k.as_str() != Some("extends"));
        }
        merge(base, own, "")
    }

    fn load_other(
        &mut self,
        rel: &str,
        name: &str,
        line: u32,
        depth: usize,
        seen: &mut Vec<(u32, String)>,
    ) -> Option<Node> {
        let Some(dir) = &self.dir else {
            self.problems.push(problem(
                line,
                format!("`extends` from file {rel:?} not followed (no base folder)"),
            ));
            return None;
        };
        let path = dir.join(rel);
        let display = path.display().to_string();
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(e) => {
                self.problems
                    .push(problem(line, format!("`extends` file {display} {e}")));
                return None;
            }
        };
        let mut root = match read_documents(&text) {
            Ok((r, skipped)) => {
                for p in skipped {
                    self.problems.push(problem(
                        line,
                        format!("`extends` file {display} line {}: {}", p.line, p.message),
                    ));
                }
                r
            }
            Err(e) => {
                self.problems.push(problem(
                    line,
                    format!("`extends` file {display} line {}: {}", e.line, e.message),
                ));
                return None;
            }
        };
        let idx = match self.other_files.iter().position(|f| *f == display) {
            Some(i) => i as u32 + 1,
            None => {
                self.other_files.push(display.clone());
                self.other_files.len() as u32
            }
        };
        if seen.contains(&(idx, name.to_string())) {
            self.problems.push(problem(
                line,
                format!("`extends` cycle through {display} service {name:?}"),
            ));
            return None;
        }
        seen.push((idx, name.to_string()));
        let mut sink = Vec::new();
        interpolate_tree(&mut root, self.vars, &mut sink);
        root.set_file(idx);
        let Some(services) = services_of(&root).and_then(Node::as_map) else {
            self.problems.push(problem(
                line,
                format!("`extends` file {display} has no services"),
            ));
            return None;
        };
        let Some((_, base)) = services.iter().find(|(k, _)| k.as_str() == Some(name)) else {
            self.problems.push(problem(
                line,
                format!("`extends` file {display} does not define service {name:?}"),
            ));
            return None;
        };
        let dir_before = self.dir.clone();
        self.dir = path.parent().map(Path::to_path_buf);
        let services = services.to_vec();
        let base = base.clone();
        let r = self.resolve(&base, &services, depth + 1, seen);
        self.dir = dir_before;
        Some(r)
    }
}

// ---------------------------------------------------------------------------
// Normalising one service

/// Service keys of the compose specification (and of the v2/v3 formats).
const SERVICE_KEYS: &[&str] = &[
    "annotations",
    "attach",
    "blkio_config",
    "build",
    "cap_add",
    "cap_drop",
    "cgroup",
    "cgroup_parent",
    "command",
    "configs",
    "container_name",
    "cpu_count",
    "cpu_percent",
    "cpu_period",
    "cpu_quota",
    "cpu_rt_period",
    "cpu_rt_runtime",
    "cpu_shares",
    "cpus",
    "cpuset",
    "credential_spec",
    "depends_on",
    "deploy",
    "develop",
    "device_cgroup_rules",
    "devices",
    "dns",
    "dns_opt",
    "dns_search",
    "domainname",
    "driver_opts",
    "entrypoint",
    "env_file",
    "environment",
    "expose",
    "extends",
    "external_links",
    "extra_hosts",
    "gpus",
    "group_add",
    "healthcheck",
    "hostname",
    "image",
    "init",
    "ipc",
    "isolation",
    "labels",
    "label_file",
    "links",
    "logging",
    "log_driver",
    "log_opt",
    "mac_address",
    "mem_limit",
    "mem_reservation",
    "mem_swappiness",
    "memswap_limit",
    "models",
    "network_mode",
    "networks",
    "oom_kill_disable",
    "oom_score_adj",
    "pid",
    "pids_limit",
    "platform",
    "ports",
    "post_start",
    "pre_stop",
    "privileged",
    "profiles",
    "provider",
    "pull_policy",
    "read_only",
    "restart",
    "runtime",
    "scale",
    "secrets",
    "security_opt",
    "shm_size",
    "stdin_open",
    "stop_grace_period",
    "stop_signal",
    "storage_opt",
    "sysctls",
    "tmpfs",
    "tty",
    "ulimits",
    "use_api_socket",
    "user",
    "userns_mode",
    "uts",
    "volumes",
    "volumes_from",
    "volume_driver",
    "working_dir",
    "cpu_rt_runtime",
];

fn set<T>(value: T, key: &str, node: &Node) -> Setting<T> {
    Setting {
        value,
        key: key.to_string(),
        line: node.line,
        file: node.file,
    }
}

/// A scalar's text; numbers and booleans as written.
fn text(n: &Node) -> Option<String> {
    n.as_str().map(str::to_string)
}

/// "512m", "1.5g", "1gb", "1024" (bytes), 2147483648 -> bytes.
pub fn parse_bytes(s: &str) -> Option<i64> {
    let s = s.trim().to_ascii_lowercase();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult: f64 = match unit.trim() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" | "tib" => 1024.0_f64.powi(4),
        _ => return None,
    };
    let v = n * mult;
    (v.is_finite() && v < i64::MAX as f64).then_some(v as i64)
}

/// "0.5" -> 500_000_000 nano-CPUs.
pub fn parse_cpus(s: &str) -> Option<i64> {
    let n: f64 = s.trim().parse().ok()?;
    (n.is_finite() && (0.0..1e9).contains(&n)).then(|| (n * 1e9).round() as i64)
}

fn parse_int(s: &str) -> Option<i64> {
    s.trim().parse().ok()
}

fn string_list(n: &Node) -> Vec<&Node> {
    match &n.value {
        Value::Seq(items) => items.iter().filter(|i| i.as_str().is_some()).collect(),
        Value::Scalar(..) => vec![n],
        _ => Vec::new(),
    }
}

fn port_from_long(m: &Node) -> Option<ComposePort> {
    let target = m.get("target").and_then(text)?;
    Some(ComposePort {
        host_ip: m.get("host_ip").and_then(text).unwrap_or_default(),
        published: m.get("published").and_then(text).unwrap_or_default(),
        target,
        protocol: m
            .get("protocol")
            .and_then(text)
            .unwrap_or_else(|| "tcp".to_string())
            .to_ascii_lowercase(),
        mode: m.get("mode").and_then(text).unwrap_or_default(),
    })
}

fn port_from_short(s: &str) -> Option<ComposePort> {
    let v = parse_publish(s, "ports")?;
    let (target, protocol) = v
        .container_port
        .split_once('/')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or((v.container_port.clone(), "tcp".to_string()));
    Some(ComposePort {
        host_ip: v.host_ip,
        published: v.host_port,
        target,
        protocol,
        mode: String::new(),
    })
}

fn volume_from_short(s: &str) -> Option<ComposeVolume> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    match BindSpec::parse(s) {
        Some(b) => Some(ComposeVolume {
            kind: if b.is_host_path() { "bind" } else { "volume" }.to_string(),
            read_only: b.read_only(),
            propagation: b.propagation(),
            source: b.source,
            target: b.destination,
        }),
        // A bare container path: an anonymous volume.
        None => Some(ComposeVolume {
            kind: "volume".to_string(),
            source: String::new(),
            target: s.to_string(),
            read_only: false,
            propagation: String::new(),
        }),
    }
}

fn volume_from_long(m: &Node) -> Option<ComposeVolume> {
    let kind = m
        .get("type")
        .and_then(text)
        .unwrap_or_else(|| "volume".to_string())
        .to_ascii_lowercase();
    Some(ComposeVolume {
        kind,
        source: m.get("source").and_then(text).unwrap_or_default(),
        target: m.get("target").and_then(text)?,
        read_only: m.get("read_only").and_then(Node::as_bool).unwrap_or(false),
        propagation: m
            .get("bind")
            .and_then(|b| b.get("propagation"))
            .and_then(text)
            .unwrap_or_default(),
    })
}

/// A `volumes_from` entry: `NAME`, `service:NAME`, `container:NAME`, each
/// with an optional `:ro` / `:rw`. Err: a mode that is neither (the entry
/// is still read, with each mount's own access).
fn volumes_from(s: &str) -> Result<VolumesFrom, VolumesFrom> {
    let written = s.trim();
    let (container, rest) = match written.split_once(':') {
        Some(("container", r)) => (true, r),
        Some(("service", r)) => (false, r),
        _ => (false, written),
    };
    let (name, mode) = match rest.split_once(':') {
        Some((n, m)) => (n.trim(), Some(m.trim())),
        None => (rest.trim(), None),
    };
    let v = VolumesFrom {
        name: name.to_string(),
        container,
        read_only: mode == Some("ro"),
        written: written.to_string(),
    };
    match mode {
        None | Some("ro") | Some("rw") if !name.is_empty() => Ok(v),
        _ => Err(v),
    }
}

fn device_from(n: &Node) -> Option<ComposeDevice> {
    if let Some(s) = n.as_str() {
        let mut parts = s.splitn(3, ':');
        let host = parts.next()?.trim().to_string();
        let container = parts
            .next()
            .map(str::to_string)
            .unwrap_or_else(|| host.clone());
        let permissions = parts.next().unwrap_or("").to_string();
        return (!host.is_empty()).then_some(ComposeDevice {
            host,
            container,
            permissions,
        });
    }
    let host = n.get("source").and_then(text)?;
    Some(ComposeDevice {
        container: n
            .get("target")
            .and_then(text)
            .unwrap_or_else(|| host.clone()),
        host,
        permissions: n.get("permissions").and_then(text).unwrap_or_default(),
    })
}

/// An entry in the long (mapping) or the short (string) syntax.
fn long_or_short<T>(
    n: &Node,
    long: fn(&Node) -> Option<T>,
    short: fn(&str) -> Option<T>,
) -> Option<T> {
    match &n.value {
        Value::Map(_) => long(n),
        Value::Scalar(t, _) => short(t),
        _ => None,
    }
}

/// Each entry of the list setting `key` that `read` understands, at its own
/// line; one it does not is a problem of the service, not judged.
fn entries_of<T>(
    problems: &mut Vec<ComposeProblem>,
    name: &str,
    list: &Node,
    key: &str,
    read: impl Fn(&Node) -> Option<T>,
    what: &str,
) -> Vec<Setting<T>> {
    let mut out = Vec::new();
    for n in list.as_seq().unwrap_or(&[]) {
        match read(n) {
            Some(v) => out.push(set(v, key, n)),
            None => problems.push(problem(
                n.line,
                format!("service {name:?}: {key} entry is not {what}: not judged"),
            )),
        }
    }
    out
}

fn normalize_service(
    name: &str,
    line: u32,
    node: &Node,
    legacy: bool,
    problems: &mut Vec<ComposeProblem>,
) -> ComposeService {
    let mut s = ComposeService {
        name: name.to_string(),
        line,
        ..Default::default()
    };
    let Some(entries) = node.as_map() else {
        return s;
    };
    fn bad(problems: &mut Vec<ComposeProblem>, name: &str, n: &Node, key: &str, what: &str) {
        problems.push(problem(
            n.line,
            format!("service {name:?}: {key} {what}: not judged"),
        ))
    }
    for (k, v) in entries {
        let Some(key) = k.as_str() else { continue };
        // Settings point at the key's line (the value may sit below it).
        let at = Node {
            value: Value::Null,
            line: k.line,
            file: k.file,
            tag: Tag::None,
        };
        match key {
            "image" => s.image = text(v).map(|t| set(t, key, &at)),
            "container_name" => s.container_name = text(v).map(|t| set(t, key, &at)),
            "volumes_from" => {
                let items = match &v.value {
                    Value::Seq(items) => items.iter().collect(),
                    Value::Scalar(..) => vec![v],
                    _ => Vec::new(),
                };
                if items.is_empty() && !v.is_null() && v.as_seq().is_none() {
                    bad(problems, name, v, key, "is not a list");
                }
                for i in items {
                    let Some(t) = i.as_str() else {
                        bad(problems, name, i, key, "entry is not a string");
                        continue;
                    };
                    match volumes_from(t) {
                        Ok(vf) => s.volumes_from.push(set(vf, key, i)),
                        Err(vf) if vf.name.is_empty() => bad(
                            problems,
                            name,
                            i,
                            key,
                            "entry names no service or container",
                        ),
                        Err(vf) => {
                            problems.push(problem(
                                i.line,
                                format!(
                                    "service {name:?}: {key} entry {t:?} has a mode other than ro or rw: read with each mount's own access"
                                ),
                            ));
                            s.volumes_from.push(set(vf, key, i));
                        }
                    }
                }
            }
            "build" => s.build = !v.is_null(),
            "profiles" => {
                s.profiles = string_list(v).into_iter().filter_map(text).collect();
            }
            "privileged" | "read_only" | "use_api_socket" => {
                let b = match v.as_bool() {
                    Some(b) => Some(b),
                    None if v.is_null() => None,
                    None => {
                        // A value that is not a boolean (an unset variable,
                        // a string) is judged on the unsafe side, never
                        // passed.
                        let lenient =
                            text(v).and_then(|t| match t.trim().to_ascii_lowercase().as_str() {
                                "true" | "yes" | "1" => Some(true),
                                "false" | "no" | "0" => Some(false),
                                _ => None,
                            });
                        bad(problems, name, v, key, "is not a boolean");
                        Some(lenient.unwrap_or(key != "read_only"))
                    }
                };
                if let Some(b) = b {
                    let st = Some(set(b, key, &at));
                    match key {
                        "privileged" => s.privileged = st,
                        "read_only" => s.read_only = st,
                        _ => s.use_api_socket = st,
                    }
                }
            }
            "device_cgroup_rules" => {
                s.device_cgroup_rules = string_list(v)
                    .into_iter()
                    .filter_map(|i| text(i).map(|t| set(t, key, i)))
                    .collect();
            }
            "user" => s.user = text(v).map(|t| set(t, key, &at)),
            "cap_add" | "cap_drop" | "security_opt" => {
                let list: Vec<Setting<String>> = string_list(v)
                    .into_iter()
                    .filter_map(|i| text(i).map(|t| set(t, key, i)))
                    .collect();
                match key {
                    "cap_add" => s.cap_add = list,
                    "cap_drop" => s.cap_drop = list,
                    _ => s.security_opt = list,
                }
            }
            "network_mode" => s.network_mode = text(v).map(|t| set(t, key, &at)),
            // The legacy (version 1) spelling of network_mode: read in every
            // file, so that `net: host` is never passed over.
            "net" => {
                s.network_mode = text(v).map(|t| set(t, key, &at));
                if !legacy {
                    problems.push(problem(
                        k.line,
                        format!("service {name:?}: `net` is the legacy spelling of `network_mode`: read as network_mode"),
                    ));
                }
            }
            // Legacy (version 1) services name their Dockerfile beside `build:`.
            "dockerfile" if legacy => {}
            "pid" => s.pid = text(v).map(|t| set(t, key, &at)),
            "ipc" => s.ipc = text(v).map(|t| set(t, key, &at)),
            "uts" => s.uts = text(v).map(|t| set(t, key, &at)),
            "userns_mode" => s.userns_mode = text(v).map(|t| set(t, key, &at)),
            "cgroup_parent" => s.cgroup_parent = text(v).map(|t| set(t, key, &at)),
            "ulimits" => match v.as_map() {
                Some(m) => {
                    for (lk, lv) in m {
                        let Some(limit) = lk.as_str() else { continue };
                        let value = match (text(lv), lv.get("soft"), lv.get("hard")) {
                            (Some(n), _, _) => format!("{n}:{n}"),
                            (None, soft, hard) => format!(
                                "{}:{}",
                                soft.and_then(text).unwrap_or_else(|| "?".into()),
                                hard.and_then(text).unwrap_or_else(|| "?".into())
                            ),
                        };
                        s.ulimits.push(set(format!("{limit}={value}"), key, lk));
                    }
                }
                None if v.is_null() => {}
                None => bad(problems, name, v, key, "is not a mapping"),
            },
            "mem_limit" => match text(v).as_deref().and_then(parse_bytes) {
                Some(b) => s.memory = Some(set(b, key, &at)),
                None if v.is_null() => {}
                None => bad(problems, name, v, key, "is not a size"),
            },
            "cpus" => match text(v).as_deref().and_then(parse_cpus) {
                Some(n) => s.nano_cpus = Some(set(n, key, &at)),
                None if v.is_null() => {}
                None => bad(problems, name, v, key, "is not a number of CPUs"),
            },
            "cpu_shares" | "cpu_quota" | "pids_limit" => {
                match text(v).as_deref().and_then(parse_int) {
                    Some(n) => {
                        let st = Some(set(n, key, &at));
                        match key {
                            "cpu_shares" => s.cpu_shares = st,
                            "cpu_quota" => s.cpu_quota = st,
                            _ => s.pids_limit = st,
                        }
                    }
                    None if v.is_null() => {}
                    None => bad(problems, name, v, key, "is not an integer"),
                }
            }
            "ports" => {
                let read = |p: &Node| long_or_short(p, port_from_long, port_from_short);
                s.ports
                    .extend(entries_of(problems, name, v, key, read, "a port mapping"));
            }
            "volumes" => {
                let read = |m: &Node| long_or_short(m, volume_from_long, volume_from_short);
                s.volumes
                    .extend(entries_of(problems, name, v, key, read, "a volume"));
            }
            "devices" => {
                s.devices
                    .extend(entries_of(problems, name, v, key, device_from, "a device"));
            }
            "env_file" => {
                let items: Vec<&Node> = match &v.value {
                    Value::Seq(items) => items.iter().collect(),
                    _ => vec![v],
                };
                for i in items {
                    let (path, required) = match &i.value {
                        Value::Map(_) => (
                            i.get("path").and_then(text),
                            i.get("required").and_then(Node::as_bool).unwrap_or(true),
                        ),
                        _ => (text(i), true),
                    };
                    match path.filter(|p| !p.is_empty()) {
                        Some(path) => s.env_files.push(set(EnvFileRef { path, required }, key, i)),
                        None if i.is_null() => {}
                        None => bad(problems, name, i, key, "entry is not a file path"),
                    }
                }
            }
            "environment" => match &v.value {
                Value::Map(m) => {
                    for (ek, ev) in m {
                        if let Some(n) = ek.as_str() {
                            s.environment.push(set(
                                EnvVar {
                                    name: n.to_string(),
                                    value: text(ev),
                                },
                                key,
                                ek,
                            ));
                        }
                    }
                }
                Value::Seq(items) => {
                    for i in items {
                        if let Some(t) = i.as_str() {
                            let (n, val) = match t.split_once('=') {
                                Some((n, val)) => (n.to_string(), Some(val.to_string())),
                                None => (t.to_string(), None),
                            };
                            s.environment.push(set(
                                EnvVar {
                                    name: n,
                                    value: val,
                                },
                                key,
                                i,
                            ));
                        }
                    }
                }
                _ => {}
            },
            "secrets" => {
                for i in v.as_seq().unwrap_or(&[]) {
                    let src = i
                        .as_str()
                        .map(str::to_string)
                        .or_else(|| i.get("source").and_then(text));
                    if let Some(src) = src {
                        s.secrets.push(set(src, key, i));
                    }
                }
            }
            "restart" => s.restart = text(v).map(|t| set(t, key, &at)),
            "healthcheck" => {
                let disable = v.get("disable").and_then(Node::as_bool).unwrap_or(false);
                let test = match v.get("test") {
                    Some(t) => match &t.value {
                        Value::Scalar(x, _) => vec!["CMD-SHELL".to_string(), x.clone()],
                        Value::Seq(items) => items.iter().filter_map(text).collect(),
                        _ => Vec::new(),
                    },
                    None => Vec::new(),
                };
                s.healthcheck = Some(set(Healthcheck { disable, test }, key, &at));
            }
            "logging" => {
                if let Some(d) = v.get("driver") {
                    s.logging_driver = text(d).map(|t| set(t, "logging.driver", d));
                }
            }
            "log_driver" => s.logging_driver = text(v).map(|t| set(t, key, &at)),
            "deploy" => deploy(&mut s, v, problems),
            k2 if k2.starts_with("x-") => {}
            other if SERVICE_KEYS.contains(&other) => {}
            other => problems.push(problem(
                k.line,
                format!("service {name:?}: unknown key {other:?} (ignored)"),
            )),
        }
    }
    s
}

/// Adds the variables of a service's `env_file:` files that its
/// `environment:` does not set (compose's precedence). Paths are relative
/// to the file that names them; a required file that cannot be read is a
/// problem naming it: its variables are not judged.
fn read_env_files(
    s: &mut ComposeService,
    dir: Option<&Path>,
    other_files: &[String],
    problems: &mut Vec<ComposeProblem>,
) {
    let mut added = Vec::new();
    for ef in &s.env_files {
        let base = match ef.file {
            0 => dir.map(Path::to_path_buf),
            n => other_files
                .get(n as usize - 1)
                .and_then(|f| Path::new(f).parent().map(Path::to_path_buf)),
        };
        let mut not_read = |why: String| {
            problems.push(problem(
                ef.line,
                format!(
                    "service {:?}: env_file {}{why}: its variables are not judged",
                    s.name, ef.value.path
                ),
            ))
        };
        let Some(base) = base else {
            not_read(" is not read (no folder to resolve it from)".to_string());
            continue;
        };
        let path = base.join(&ef.value.path);
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(_) if !ef.value.required && !path.exists() => continue,
            Err(e) => {
                not_read(format!(": {e}"));
                continue;
            }
        };
        for (name, value) in interpolate::parse_env_file(&text) {
            let set_by_service = s.environment.iter().any(|e| e.value.name == name);
            if !set_by_service {
                added.push(Setting {
                    value: EnvVar {
                        name,
                        value: Some(value),
                    },
                    key: format!("env_file {}", ef.value.path),
                    line: ef.line,
                    file: ef.file,
                });
            }
        }
    }
    s.environment.extend(added);
}

/// The top-level volumes that bind a host folder: the local driver's
/// `driver_opts` with `o` naming `bind` and an absolute `device` (how
/// `docker volume create -o type=none -o o=bind -o device=/path` is
/// written in a compose file), and the volumes whose options are not in the
/// file: `external` ones (made outside compose, perhaps with those options)
/// and ones of another driver (a plugin may bind anything), with why.
#[allow(clippy::type_complexity)]
fn volume_binds(v: &Node) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut out = BTreeMap::new();
    let mut unknown = BTreeMap::new();
    for (k, vol) in v.as_map().into_iter().flatten() {
        let Some(name) = k.as_str() else { continue };
        let external = vol.get("external").is_some_and(|e| match &e.value {
            // `external: {name: x}` (the legacy spelling) is external too.
            Value::Map(_) => true,
            Value::Null => false,
            // A value that is not a boolean: not known to be local.
            _ => e.as_bool().unwrap_or(true),
        });
        let driver = vol.get("driver").and_then(text);
        if external {
            unknown.insert(
                name.to_string(),
                "an external volume, made outside this file".to_string(),
            );
            continue;
        }
        if let Some(d) = driver.as_deref().filter(|d| *d != "local") {
            unknown.insert(name.to_string(), format!("a volume of driver {d:?}"));
            continue;
        }
        let Some(opts) = vol.get("driver_opts") else {
            continue;
        };
        let binds = opts
            .get("o")
            .and_then(text)
            .is_some_and(|o| o.split(',').any(|x| matches!(x.trim(), "bind" | "rbind")));
        let device = opts.get("device").and_then(text).unwrap_or_default();
        if binds && device.starts_with('/') {
            out.insert(name.to_string(), device);
        }
    }
    (out, unknown)
}

/// Where a value read from `m[k]` is reported: the line of the key (the
/// mapping's line when it is absent).
fn key_at(m: &Node, k: &str) -> Node {
    Node {
        value: Value::Null,
        line: m.key_line(k).unwrap_or(m.line),
        file: m.file,
        tag: Tag::None,
    }
}

fn deploy(s: &mut ComposeService, d: &Node, problems: &mut Vec<ComposeProblem>) {
    if let Some(lim) = d.get("resources").and_then(|r| r.get("limits")) {
        type Parse = fn(&str) -> Option<i64>;
        let limits: [(&str, Parse, &str, &mut Option<Setting<i64>>); 3] = [
            ("memory", parse_bytes, "a size", &mut s.memory),
            ("cpus", parse_cpus, "a number", &mut s.nano_cpus),
            ("pids", parse_int, "an integer", &mut s.pids_limit),
        ];
        for (k, parse, what, field) in limits {
            let Some(v) = lim.get(k) else { continue };
            let key = format!("deploy.resources.limits.{k}");
            match text(v).as_deref().and_then(parse) {
                Some(n) => *field = Some(set(n, &key, &key_at(lim, k))),
                None => problems.push(problem(v.line, format!("{key} is not {what}"))),
            }
        }
    }
    if let Some(rp) = d.get("restart_policy") {
        // The swarm default condition is "any".
        let cond = rp
            .get("condition")
            .and_then(text)
            .unwrap_or_else(|| "any".to_string());
        s.deploy_restart_condition = Some(set(
            cond,
            "deploy.restart_policy.condition",
            &key_at(rp, "condition"),
        ));
        if let Some(n) = rp
            .get("max_attempts")
            .and_then(text)
            .as_deref()
            .and_then(parse_int)
        {
            s.deploy_restart_max_attempts = Some(set(
                n,
                "deploy.restart_policy.max_attempts",
                &key_at(rp, "max_attempts"),
            ));
        }
    }
}

#[cfg(test)]
mod tests;
