//! Reading Kubernetes manifests (collector side: the only Kubernetes code
//! that does I/O): every YAML or JSON document of a file, `List` items
//! included, each workload's pod spec read into `facts::k8s` values with
//! the key path and line of each value. Kinds other than workloads are
//! skipped; fields we do not read are not problems (the API has many).
//! Checks never import this module.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::compose::yaml::{self, Node, Value};
use crate::facts::k8s::{
    ComposeProblem, EnvVar, K8sContainer, K8sPort, K8sVolume, K8sVolumeMount, ManifestFile,
    PodSpec, SecurityContext, Setting, Workload,
};

/// Kinds whose pod spec is at `spec.template.spec`.
const TEMPLATE_KINDS: &[&str] = &[
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Job",
];

/// The lists of containers a pod spec holds.
const CONTAINER_LISTS: &[&str] = &["containers", "initContainers", "ephemeralContainers"];

fn problem(line: u32, message: impl Into<String>) -> ComposeProblem {
    ComposeProblem {
        line,
        message: message.into(),
    }
}

/// Reads one manifest file through the manifest collector (bounded,
/// regular files only). Never fails: what could not be read is the file's
/// `error` or one of its `problems`.
pub fn load_file(path: &Path) -> ManifestFile {
    crate::collect::manifests::read(path)
}

/// The workloads of a manifest stream read from text (YAML, `---`
/// separated, or JSON). `path` is only recorded.
pub fn parse_str(path: &str, text: &str) -> ManifestFile {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (docs, error) = yaml::parse_all(text);
    let mut r = Reader::default();
    for (i, d) in docs.iter().enumerate() {
        r.document(d, i as u32, "");
    }
    let error = error.map(|e| {
        if docs.is_empty() {
            problem(e.line, e.message)
        } else {
            problem(
                e.line,
                format!(
                    "{}: the documents before it were read, this one and those after it were not",
                    e.message
                ),
            )
        }
    });
    r.problems.sort_by_key(|p| p.line);
    r.problems.dedup();
    // Held to the end of the audit: no spare capacity.
    r.workloads.shrink_to_fit();
    ManifestFile {
        path: path.to_string(),
        workloads: r.workloads,
        error,
        problems: r.problems,
    }
}

/// The last entry of a mapping with this key (the API server reads the
/// last of duplicate keys; duplicates are reported separately).
fn entry<'a>(m: &'a Node, key: &str) -> Option<(&'a Node, &'a Node)> {
    m.as_map()?
        .iter()
        .rev()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(k, v)| (k, v))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn setting<T>(value: T, key: String, line: u32) -> Setting<T> {
    Setting {
        value,
        key,
        line,
        file: 0,
    }
}

/// What a node is, for messages.
fn shape(n: &Node) -> String {
    match &n.value {
        Value::Null => "null".to_string(),
        Value::Scalar(s, true) => format!("{s:?}"),
        Value::Scalar(s, false) => format!("the quoted string {s:?}"),
        Value::Seq(_) => "a list".to_string(),
        Value::Map(_) => "a mapping".to_string(),
    }
}

/// A plain scalar's text (not quoted): booleans and numbers.
fn plain(n: &Node) -> Option<&str> {
    match &n.value {
        Value::Scalar(s, true) => Some(s),
        _ => None,
    }
}

/// A plain YAML scalar as the API server's reader (YAML 1.1, through JSON)
/// takes it for an integer field: decimal, `0x` hex, `0o` or leading-zero
/// octal, `0b` binary, `_` separators, and a float with no fraction
/// (`0.0` is uid 0). None when it is none of these.
fn yaml_int(s: &str) -> Option<i64> {
    let t = s.trim().replace('_', "");
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let radix = |prefix: &[&str]| prefix.iter().find_map(|p| digits.strip_prefix(p));
    let magnitude = if let Some(h) = radix(&["0x", "0X"]) {
        i64::from_str_radix(h, 16).ok()
    } else if let Some(o) = radix(&["0o", "0O"]) {
        i64::from_str_radix(o, 8).ok()
    } else if let Some(b) = radix(&["0b", "0B"]) {
        i64::from_str_radix(b, 2).ok()
    } else if let Some(n) = (digits.len() > 1 && digits.starts_with('0'))
        .then(|| i64::from_str_radix(digits, 8).ok())
        .flatten()
    {
        Some(n)
    } else if let Ok(n) = digits.parse::<i64>() {
        Some(n)
    } else {
        let f = digits.parse::<f64>().ok()?;
        // Not "inf", "nan": only a finite whole number that fits.
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
    }?;
    Some(if neg { -magnitude } else { magnitude })
}

/// A Kubernetes resource quantity times `scale`, rounded up as the API
/// does: "128Mi", "1G", "500m", "1.5", "129e6", "2E". None when it is not
/// a quantity or does not fit.
pub fn parse_quantity(s: &str, scale: i64) -> Option<i64> {
    let s = s.trim();
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (num, suffix) = rest.split_at(end);
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if int.is_empty() && frac.is_empty() || frac.contains('.') || int.len() + frac.len() > 30 {
        return None;
    }
    let digits: i128 = format!("{int}{frac}").parse().ok()?;
    let mut exp10: i32 = -(frac.len() as i32);
    let mut mul: i128 = 1;
    match suffix {
        "" => {}
        "Ki" => mul = 1 << 10,
        "Mi" => mul = 1 << 20,
        "Gi" => mul = 1 << 30,
        "Ti" => mul = 1 << 40,
        "Pi" => mul = 1 << 50,
        "Ei" => mul = 1 << 60,
        "n" => exp10 -= 9,
        "u" => exp10 -= 6,
        "m" => exp10 -= 3,
        "k" => exp10 += 3,
        "M" => exp10 += 6,
        "G" => exp10 += 9,
        "T" => exp10 += 12,
        "P" => exp10 += 15,
        "E" => exp10 += 18,
        e if e.starts_with(['e', 'E']) => {
            let x: i32 = e[1..].parse().ok()?;
            if x.abs() > 40 {
                return None;
            }
            exp10 += x;
        }
        _ => return None,
    }
    let mut n = digits.checked_mul(mul)?.checked_mul(scale as i128)?;
    if exp10 >= 0 {
        n = n.checked_mul(10i128.checked_pow(exp10 as u32)?)?;
    } else {
        let d = 10i128.checked_pow(exp10.unsigned_abs())?;
        n = n / d + i128::from(n % d != 0);
    }
    i64::try_from(if negative { -n } else { n }).ok()
}

/// Builds the workloads of a file and the problems met.
#[derive(Default)]
struct Reader {
    workloads: Vec<Workload>,
    problems: Vec<ComposeProblem>,
    /// "Deployment \"web\"": prefixes the problems of the workload read.
    what: String,
}

impl Reader {
    fn bad(&mut self, line: u32, message: String) {
        let p = if self.what.is_empty() {
            problem(line, message)
        } else {
            problem(line, format!("{}: {message}", self.what))
        };
        self.problems.push(p);
    }

    /// One document (or `List` item), `prefix` its key path.
    fn document(&mut self, doc: &Node, index: u32, prefix: &str) {
        if doc.as_map().is_none() {
            return;
        }
        let Some((kind_key, kind)) = entry(doc, "kind") else {
            return;
        };
        let Some(kind) = kind.as_str() else { return };
        if kind == "List" || (kind.ends_with("List") && entry(doc, "items").is_some()) {
            if let Some((_, items)) = entry(doc, "items") {
                match &items.value {
                    Value::Seq(s) => {
                        for (i, item) in s.iter().enumerate() {
                            let p = join(prefix, &format!("items[{i}]"));
                            self.document(item, index, &p);
                        }
                    }
                    Value::Null => {}
                    _ => {
                        self.what.clear();
                        let path = join(prefix, "items");
                        self.bad(
                            items.line,
                            format!("{kind}: {path} is {}, not a list", shape(items)),
                        );
                    }
                }
            }
            return;
        }
        let is_workload = kind == "Pod"
            || kind == "CronJob"
            || kind == "PodTemplate"
            || TEMPLATE_KINDS.contains(&kind);
        if !is_workload {
            // A kind this reader does not know (an Argo Rollout, an
            // OpenShift DeploymentConfig) that carries a pod template is
            // said to be left out, never passed in silence.
            let template = entry(doc, "spec")
                .and_then(|(_, s)| entry(s, "template"))
                .and_then(|(_, t)| entry(t, "spec"))
                .and_then(|(_, s)| entry(s, "containers"));
            if template.is_some() {
                self.what.clear();
                self.bad(
                    kind_key.line,
                    format!(
                        "kind {kind} is not read: the pod template at {} is not judged",
                        join(prefix, "spec.template")
                    ),
                );
            }
            return;
        }
        let kind = kind.to_string();
        let line = kind_key.line;
        let metadata = entry(doc, "metadata").map(|(_, m)| m);
        let text_at = |m: Option<&Node>, k: &str| {
            m.and_then(|m| entry(m, k))
                .and_then(|(_, v)| v.as_str())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let name = text_at(metadata, "name")
            .or_else(|| text_at(metadata, "generateName"))
            .unwrap_or_else(|| "<unnamed>".to_string());
        let namespace = text_at(metadata, "namespace");
        self.what = format!("{kind} {name:?}");
        self.duplicate_keys(doc);
        if let Some(m) = metadata {
            if m.as_map().is_none() && !m.is_null() {
                self.bad(
                    m.line,
                    format!(
                        "{} is {}, not a mapping",
                        join(prefix, "metadata"),
                        shape(m)
                    ),
                );
            }
        }

        // Where the pod template is: (metadata of the pod, pod spec).
        let steps: &[&str] = match kind.as_str() {
            "Pod" => &[],
            "PodTemplate" => &["template"],
            "CronJob" => &["spec", "jobTemplate", "spec", "template"],
            _ => &["spec", "template"],
        };
        let mut node = doc;
        let mut path = prefix.to_string();
        for step in steps {
            path = join(&path, step);
            match self.mapping(node, step, &path) {
                Some(n) => node = n,
                None => {
                    if entry(node, step).is_none_or(|(_, v)| v.is_null()) {
                        self.bad(line, format!("no {path}: no pod spec read"));
                    }
                    return;
                }
            }
        }
        let pod_meta = if kind == "Pod" {
            metadata
        } else {
            self.mapping(node, "metadata", &join(&path, "metadata"))
        };
        let mut w = Workload {
            kind,
            name,
            namespace,
            line,
            document: index,
            labels: self.string_map(pod_meta, "labels", &join(&path, "metadata")),
            annotations: self.string_map(pod_meta, "annotations", &join(&path, "metadata")),
            pod: PodSpec::default(),
        };
        let spec_path = join(&path, "spec");
        match (entry(node, "spec"), self.mapping(node, "spec", &spec_path)) {
            (Some((k, _)), Some(spec)) => w.pod = self.pod_spec(spec, &spec_path, k.line),
            (Some((_, v)), None) if !v.is_null() => return,
            _ => {
                self.bad(line, format!("no {spec_path}: no pod spec read"));
                return;
            }
        }
        self.workloads.push(w);
    }

    /// Reports keys given twice in a mapping (the last one is read).
    fn duplicate_keys(&mut self, n: &Node) {
        match &n.value {
            Value::Map(m) => {
                let mut seen = HashSet::new();
                for (k, v) in m {
                    if let Some(s) = k.as_str() {
                        if !seen.insert(s) {
                            self.bad(
                                k.line,
                                format!(
                                    "key {s:?} is given twice: the last one is read, as the API server does"
                                ),
                            );
                        }
                    }
                    self.duplicate_keys(v);
                }
            }
            Value::Seq(items) => items.iter().for_each(|i| self.duplicate_keys(i)),
            _ => {}
        }
    }

    // -- typed fields: each reports a value of the wrong type with its line

    /// A mapping under `key`; None (with a problem) when it is another
    /// type, None when absent or null.
    fn mapping<'a>(&mut self, m: &'a Node, key: &str, path: &str) -> Option<&'a Node> {
        let (_, v) = entry(m, key)?;
        match &v.value {
            Value::Map(_) => Some(v),
            Value::Null => None,
            _ => {
                self.bad(v.line, format!("{path} is {}, not a mapping", shape(v)));
                None
            }
        }
    }

    /// The items of a list under `key` (none when absent, null or of
    /// another type, the last with a problem).
    fn list<'a>(&mut self, m: &'a Node, key: &str, path: &str) -> &'a [Node] {
        let Some((_, v)) = entry(m, key) else {
            return &[];
        };
        match &v.value {
            Value::Seq(s) => s,
            Value::Null => &[],
            _ => {
                self.bad(v.line, format!("{path} is {}, not a list", shape(v)));
                &[]
            }
        }
    }

    /// The mapping entries of list `key`, each with its path (`path[i]`);
    /// an entry that is not a mapping is a problem (not `what`) and skipped.
    fn maps<'a>(
        &mut self,
        m: &'a Node,
        key: &str,
        path: &str,
        what: &str,
    ) -> Vec<(String, &'a Node)> {
        let mut out = Vec::new();
        for (i, item) in self.list(m, key, path).iter().enumerate() {
            let ipath = format!("{path}[{i}]");
            if item.as_map().is_none() {
                self.bad(item.line, format!("{ipath} is {}, not {what}", shape(item)));
            } else {
                out.push((ipath, item));
            }
        }
        out
    }

    /// A boolean. A value of another type is a problem; when its text
    /// reads as `unsafe_value` (the quoted string "true" for
    /// `privileged`), the setting is kept with that value so that nothing
    /// unsafe is dropped; otherwise it is left out (absent, which the
    /// checks judge by the API default).
    fn boolean(
        &mut self,
        m: &Node,
        key: &str,
        path: &str,
        unsafe_value: bool,
    ) -> Option<Setting<bool>> {
        // kubectl reads YAML 1.1, where a plain y / Y / n / N is a boolean
        // as well.
        let strict = |v: &Node| match plain(v)? {
            "y" | "Y" => Some(true),
            "n" | "N" => Some(false),
            _ => v.as_bool(),
        };
        self.typed(
            m,
            key,
            path,
            unsafe_value,
            "a boolean",
            strict,
            Node::as_bool,
        )
    }

    /// An integer; as `boolean`, a quoted `unsafe_value` is kept.
    fn integer(
        &mut self,
        m: &Node,
        key: &str,
        path: &str,
        unsafe_value: i64,
    ) -> Option<Setting<i64>> {
        let strict = |v: &Node| plain(v).and_then(yaml_int);
        let loose = |v: &Node| v.as_str().and_then(|s| s.trim().parse::<i64>().ok());
        self.typed(m, key, path, unsafe_value, "an integer", strict, loose)
    }

    /// `m[key]` read by `strict`; a value only `loose` reads as
    /// `unsafe_value` is kept as that with a problem, any other is a
    /// problem and left out. `noun` names the type in problems.
    #[allow(clippy::too_many_arguments)]
    fn typed<T: PartialEq + std::fmt::Display>(
        &mut self,
        m: &Node,
        key: &str,
        path: &str,
        unsafe_value: T,
        noun: &str,
        strict: impl Fn(&Node) -> Option<T>,
        loose: impl Fn(&Node) -> Option<T>,
    ) -> Option<Setting<T>> {
        let (k, v) = entry(m, key)?;
        let path = join(path, key);
        if v.is_null() {
            return None;
        }
        if let Some(x) = strict(v) {
            return Some(setting(x, path, k.line));
        }
        if loose(v).as_ref() == Some(&unsafe_value) {
            self.bad(
                v.line,
                format!(
                    "{path} is {}, not {noun}: read as {unsafe_value}, the unsafe reading",
                    shape(v)
                ),
            );
            return Some(setting(unsafe_value, path, k.line));
        }
        self.bad(
            v.line,
            format!("{path} is {}, not {noun}: not read", shape(v)),
        );
        None
    }

    /// A string (a plain number or boolean is taken as written).
    fn string(&mut self, m: &Node, key: &str, path: &str) -> Option<Setting<String>> {
        let (k, v) = entry(m, key)?;
        let path = join(path, key);
        match &v.value {
            Value::Scalar(s, _) => Some(setting(s.clone(), path, k.line)),
            Value::Null => None,
            _ => {
                self.bad(v.line, format!("{path} is {}, not a string", shape(v)));
                None
            }
        }
    }

    fn text(&mut self, m: &Node, key: &str, path: &str) -> Option<String> {
        self.string(m, key, path).map(|s| s.value)
    }

    /// A list of strings (`command`, `capabilities.add`), each with its
    /// path and line.
    fn strings(&mut self, m: &Node, key: &str, path: &str) -> Vec<Setting<String>> {
        let path = join(path, key);
        let mut out = Vec::new();
        for (i, item) in self.list(m, key, &path).iter().enumerate() {
            match &item.value {
                Value::Scalar(s, _) => {
                    out.push(setting(s.clone(), format!("{path}[{i}]"), item.line))
                }
                _ => self.bad(
                    item.line,
                    format!("{path}[{i}] is {}, not a string", shape(item)),
                ),
            }
        }
        out
    }

    /// A quantity (memory in bytes with scale 1, CPU in nano-CPUs with
    /// scale 1e9).
    fn quantity(&mut self, m: &Node, key: &str, path: &str, scale: i64) -> Option<Setting<i64>> {
        let (k, v) = entry(m, key)?;
        let path = join(path, key);
        match &v.value {
            Value::Null => None,
            Value::Scalar(s, _) => match parse_quantity(s, scale) {
                Some(n) => Some(setting(n, path, k.line)),
                None => {
                    self.bad(
                        v.line,
                        format!("{path} is {}, not a quantity: not read", shape(v)),
                    );
                    None
                }
            },
            _ => {
                self.bad(v.line, format!("{path} is {}, not a quantity", shape(v)));
                None
            }
        }
    }

    /// labels or annotations: a mapping of strings.
    fn string_map(&mut self, m: Option<&Node>, key: &str, path: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let Some(m) = m else { return out };
        let path = join(path, key);
        if let Some(map) = self.mapping(m, key, &path) {
            for (k, v) in map.as_map().unwrap_or(&[]) {
                if let (Some(k), Some(v)) = (k.as_str(), v.as_str()) {
                    out.insert(k.to_string(), v.to_string());
                }
            }
        }
        out
    }

    // -- the pod spec

    fn pod_spec(&mut self, spec: &Node, path: &str, line: u32) -> PodSpec {
        let mut p = PodSpec {
            line,
            host_pid: self.boolean(spec, "hostPID", path, true),
            host_ipc: self.boolean(spec, "hostIPC", path, true),
            host_network: self.boolean(spec, "hostNetwork", path, true),
            host_users: self.boolean(spec, "hostUsers", path, true),
            share_process_namespace: self.boolean(spec, "shareProcessNamespace", path, true),
            service_account_name: self
                .string(spec, "serviceAccountName", path)
                .or_else(|| self.string(spec, "serviceAccount", path)),
            automount_service_account_token: self.boolean(
                spec,
                "automountServiceAccountToken",
                path,
                true,
            ),
            security_context: self.security_context(spec, path),
            ..Default::default()
        };
        let vpath = join(path, "volumes");
        for (ipath, v) in self.maps(spec, "volumes", &vpath, "a volume") {
            let mut vol = K8sVolume {
                name: self.text(v, "name", &ipath).unwrap_or_default(),
                ..Default::default()
            };
            if let Some((k, src)) = v
                .as_map()
                .unwrap_or(&[])
                .iter()
                .find(|(k, _)| k.as_str().is_some_and(|s| s != "name"))
            {
                vol.kind = k.as_str().unwrap_or_default().to_string();
                let spath = join(&ipath, &vol.kind);
                match vol.kind.as_str() {
                    "hostPath" => {
                        vol.host_path = self.text(src, "path", &spath);
                        vol.host_path_type = self.text(src, "type", &spath);
                    }
                    "secret" => vol.secret_name = self.text(src, "secretName", &spath),
                    _ => {}
                }
            }
            p.volumes.push(setting(vol, ipath, v.line));
        }
        // The three container lists, in file order.
        let mut lists: Vec<(&Node, &str)> = CONTAINER_LISTS
            .iter()
            .filter_map(|l| entry(spec, l).map(|(k, _)| (k, *l)))
            .collect();
        lists.sort_by_key(|(k, _)| k.line);
        for (_, list) in lists {
            let lpath = join(path, list);
            for (cpath, c) in self.maps(spec, list, &lpath, "a container") {
                let k = self.container(c, &cpath, list);
                p.containers.push(k);
            }
        }
        p
    }

    /// The securityContext under `parent` (pod spec or container).
    fn security_context(&mut self, parent: &Node, path: &str) -> SecurityContext {
        let path = join(path, "securityContext");
        let Some(sc) = self.mapping(parent, "securityContext", &path) else {
            return SecurityContext::default();
        };
        let mut s = SecurityContext {
            privileged: self.boolean(sc, "privileged", &path, true),
            allow_privilege_escalation: self.boolean(sc, "allowPrivilegeEscalation", &path, true),
            read_only_root_filesystem: self.boolean(sc, "readOnlyRootFilesystem", &path, false),
            run_as_user: self.integer(sc, "runAsUser", &path, 0),
            run_as_group: self.integer(sc, "runAsGroup", &path, 0),
            run_as_non_root: self.boolean(sc, "runAsNonRoot", &path, false),
            seccomp_profile: self.profile(sc, "seccompProfile", &path),
            apparmor_profile: self.profile(sc, "appArmorProfile", &path),
            proc_mount: self.string(sc, "procMount", &path),
            ..Default::default()
        };
        let cpath = join(&path, "capabilities");
        if let Some(caps) = self.mapping(sc, "capabilities", &cpath) {
            s.capabilities_add = self.strings(caps, "add", &cpath);
            s.capabilities_drop = self.strings(caps, "drop", &cpath);
        }
        let wpath = join(&path, "windowsOptions");
        if let Some(w) = self.mapping(sc, "windowsOptions", &wpath) {
            s.host_process = self.boolean(w, "hostProcess", &wpath, true);
        }
        let spath = join(&path, "seLinuxOptions");
        if let Some(se) = self.mapping(sc, "seLinuxOptions", &spath) {
            s.selinux_type = self.string(se, "type", &spath);
        }
        let ypath = join(&path, "sysctls");
        for (ipath, item) in self.maps(sc, "sysctls", &ypath, "a sysctl") {
            let name = self.text(item, "name", &ipath).unwrap_or_default();
            let value = self.text(item, "value", &ipath).unwrap_or_default();
            s.sysctls
                .push(setting(format!("{name}={value}"), ipath, item.line));
        }
        s
    }

    /// seccompProfile / appArmorProfile: its type, "Localhost/<profile>"
    /// for a Localhost profile; at the line of `type:`.
    fn profile(&mut self, sc: &Node, key: &str, path: &str) -> Option<Setting<String>> {
        let path = join(path, key);
        let m = self.mapping(sc, key, &path)?;
        let Some(mut t) = self.string(m, "type", &path) else {
            self.bad(m.line, format!("{path} has no type"));
            return None;
        };
        if t.value == "Localhost" {
            let lp = self.text(m, "localhostProfile", &path).unwrap_or_default();
            t.value = format!("Localhost/{lp}");
        }
        Some(t)
    }

    fn container(&mut self, c: &Node, path: &str, list: &str) -> K8sContainer {
        let mut k = K8sContainer {
            name: self.text(c, "name", path).unwrap_or_default(),
            line: c.line,
            list: list.to_string(),
            image: self.string(c, "image", path),
            image_pull_policy: self.string(c, "imagePullPolicy", path),
            command: self
                .strings(c, "command", path)
                .into_iter()
                .map(|s| s.value)
                .collect(),
            args: self
                .strings(c, "args", path)
                .into_iter()
                .map(|s| s.value)
                .collect(),
            security_context: self.security_context(c, path),
            ..Default::default()
        };
        let ppath = join(path, "ports");
        // Ports in any integer spelling (`0x50` is 80), as numbers.
        let number = |t: Option<String>| {
            t.map(|t| yaml_int(&t).map_or(t, |n| n.to_string()))
                .unwrap_or_default()
        };
        for (ipath, p) in self.maps(c, "ports", &ppath, "a port") {
            let port = K8sPort {
                container_port: number(self.text(p, "containerPort", &ipath)),
                host_port: number(self.text(p, "hostPort", &ipath)),
                host_ip: self.text(p, "hostIP", &ipath).unwrap_or_default(),
                protocol: self
                    .text(p, "protocol", &ipath)
                    .unwrap_or_else(|| "TCP".to_string()),
            };
            k.ports.push(setting(port, ipath, p.line));
        }
        let epath = join(path, "env");
        for (i, e) in self.list(c, "env", &epath).iter().enumerate() {
            let ipath = format!("{epath}[{i}]");
            if e.as_map().is_none() {
                self.bad(e.line, format!("{ipath} is {}, not a variable", shape(e)));
                continue;
            }
            let name = self.text(e, "name", &ipath).unwrap_or_default();
            let value = self.text(e, "value", &ipath);
            let fpath = join(&ipath, "valueFrom");
            if let Some(from) = self.mapping(e, "valueFrom", &fpath) {
                let line = entry(e, "valueFrom").map_or(e.line, |(k, _)| k.line);
                let desc = value_from(from);
                k.env_value_from
                    .push(setting(format!("{name} <- {desc}"), fpath, line));
            }
            k.env.push(setting(EnvVar { name, value }, ipath, e.line));
        }
        let fpath = join(path, "envFrom");
        for (i, e) in self.list(c, "envFrom", &fpath).iter().enumerate() {
            let ipath = format!("{fpath}[{i}]");
            let mut found = false;
            for src in ["secretRef", "configMapRef"] {
                let spath = join(&ipath, src);
                if let Some(r) = self.mapping(e, src, &spath) {
                    let name = self.text(r, "name", &spath).unwrap_or_default();
                    k.env_from
                        .push(setting(format!("{src}:{name}"), ipath.clone(), e.line));
                    found = true;
                }
            }
            if !found && e.as_map().is_none() {
                self.bad(
                    e.line,
                    format!("{ipath} is {}, not an env source", shape(e)),
                );
            }
        }
        let mpath = join(path, "volumeMounts");
        for (ipath, m) in self.maps(c, "volumeMounts", &mpath, "a volume mount") {
            let mount = K8sVolumeMount {
                name: self.text(m, "name", &ipath).unwrap_or_default(),
                mount_path: self.text(m, "mountPath", &ipath).unwrap_or_default(),
                // A writable mount is the unsafe reading.
                read_only: self
                    .boolean(m, "readOnly", &ipath, false)
                    .is_some_and(|s| s.value),
                mount_propagation: self.text(m, "mountPropagation", &ipath).unwrap_or_default(),
                sub_path: self
                    .text(m, "subPath", &ipath)
                    .or_else(|| self.text(m, "subPathExpr", &ipath))
                    .unwrap_or_default(),
            };
            k.volume_mounts.push(setting(mount, ipath, m.line));
        }
        let rpath = join(path, "resources");
        if let Some(res) = self.mapping(c, "resources", &rpath) {
            let lpath = join(&rpath, "limits");
            if let Some(l) = self.mapping(res, "limits", &lpath) {
                k.limits_memory = self.quantity(l, "memory", &lpath, 1);
                k.limits_cpu = self.quantity(l, "cpu", &lpath, 1_000_000_000);
            }
            let qpath = join(&rpath, "requests");
            if let Some(q) = self.mapping(res, "requests", &qpath) {
                k.requests_memory = self.quantity(q, "memory", &qpath, 1);
                k.requests_cpu = self.quantity(q, "cpu", &qpath, 1_000_000_000);
            }
        }
        k.liveness_probe = self.probe(c, "livenessProbe", path);
        k.readiness_probe = self.probe(c, "readinessProbe", path);
        k.startup_probe = self.probe(c, "startupProbe", path);
        k
    }

    /// A probe given (not null): true at the line of its key.
    fn probe(&mut self, c: &Node, key: &str, path: &str) -> Option<Setting<bool>> {
        let (k, _) = entry(c, key)?;
        let path = join(path, key);
        self.mapping(c, key, &path)?;
        Some(setting(true, path, k.line))
    }
}

/// "secretKeyRef db/password", "configMapKeyRef cfg/key", "fieldRef
/// status.podIP", "resourceFieldRef limits.memory".
fn value_from(from: &Node) -> String {
    let t = |m: &Node, k: &str| {
        entry(m, k)
            .and_then(|(_, v)| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    for (src, m) in from.as_map().unwrap_or(&[]) {
        let Some(src) = src.as_str() else { continue };
        return match src {
            "secretKeyRef" | "configMapKeyRef" => {
                format!("{src} {}/{}", t(m, "name"), t(m, "key"))
            }
            "fieldRef" => format!("{src} {}", t(m, "fieldPath")),
            "resourceFieldRef" => format!("{src} {}", t(m, "resource")),
            other => other.to_string(),
        };
    }
    "valueFrom".to_string()
}

#[cfg(test)]
mod tests;
