//! Facts about the engine daemon's own configuration: its process command
//! line, daemon.json and the service files that start it. Also the one
//! helper that answers "what is the effective value of daemon option X, and
//! where does it come from" (`DaemonFacts::setting`). Pure data and pure
//! functions: no I/O here.

use serde::{Deserialize, Serialize};

use super::Source;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DaemonFacts {
    /// The dockerd process serving the audited endpoint.
    pub process: Source<DaemonProcess>,
    /// daemon.json (path from --config-file, else the default). Present with
    /// `exists: false` when the file is known absent.
    pub config_file: Source<ConfigFile>,
    /// docker.service, docker.socket, containerd.service: every fragment and
    /// drop-in found.
    pub units: Source<Vec<UnitFile>>,
    /// Unit files and drop-in folders of those units that exist but could
    /// not be read (path and cause): what they set is unknown, not absent.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub units_unread: Vec<String>,
    /// /etc/default/docker and /etc/sysconfig/docker.
    pub env_files: Source<Vec<EnvFile>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DaemonProcess {
    pub pid: i64,
    /// argv, argv[0] included.
    pub args: Vec<String>,
    pub uid: Option<u32>,
    /// The executable (/proc/<pid>/exe), when readable.
    pub exe: Option<String>,
    /// How the process was chosen among the dockerd processes found.
    pub selected_by: String,
    /// DOCKER_CONTENT_TRUST* variables of the process environment (only
    /// those: the rest of the environment is never kept). None when the
    /// environment was unreadable.
    pub trust_env: Option<Vec<String>>,
    /// XDG_CONFIG_HOME of the process (rootless daemons read
    /// $XDG_CONFIG_HOME/docker/daemon.json).
    pub xdg_config_home: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfigFile {
    pub path: String,
    pub exists: bool,
    /// The parsed document, when it parsed.
    pub content: Option<serde_json::Value>,
    /// Why it did not parse: message, line and column.
    pub parse_error: Option<ParseError>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParseError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

/// A systemd unit fragment or drop-in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitFile {
    /// docker.service, docker.socket, containerd.service
    pub unit: String,
    pub path: String,
    /// true for `<unit>.d/*.conf`.
    pub drop_in: bool,
    pub exec_start: Vec<String>,
    pub listen_stream: Vec<String>,
    pub environment: Vec<String>,
    pub environment_file: Vec<String>,
    /// `Service=` of a socket unit: the service its sockets are handed to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service: Vec<String>,
}

/// /etc/default/docker or /etc/sysconfig/docker.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnvFile {
    pub path: String,
    pub exists: bool,
    /// Assignments that are not comments, `NAME=value` as written (line
    /// number first).
    pub assignments: Vec<(u32, String)>,
    pub error: Option<String>,
}

/// The effective value of a daemon option.
#[derive(Clone, Debug, PartialEq)]
pub enum Setting {
    /// Set on the command line or in daemon.json. `values` are rendered
    /// strings (one per repeated flag / array element / map entry).
    Set {
        values: Vec<String>,
        origin: String,
        /// Also set by the other origin (the command line wins; dockerd
        /// itself refuses to start on such a conflict).
        conflict: Option<String>,
    },
    /// Neither the command line nor daemon.json sets it, and both were read:
    /// the engine default applies.
    Default { origin: String },
    /// The command line or daemon.json could not be read.
    Unknown(String),
}

impl Setting {
    /// The effective value of a single-valued option: the last one given
    /// (a repeated flag overrides the earlier ones).
    pub fn value(&self) -> Option<&str> {
        match self {
            Setting::Set { values, .. } => values.last().map(String::as_str),
            _ => None,
        }
    }
    /// A boolean option: Some(value) when set, else `default` when known not
    /// set, else None.
    pub fn bool_or(&self, default: bool) -> Option<bool> {
        match self {
            Setting::Set { values, .. } => values.last().map(|v| parse_bool(v)),
            Setting::Default { .. } => Some(default),
            Setting::Unknown(_) => None,
        }
    }
    pub fn values(&self) -> &[String] {
        match self {
            Setting::Set { values, .. } => values,
            _ => &[],
        }
    }
    /// Where the value came from, for evidence.
    pub fn origin(&self) -> String {
        match self {
            Setting::Set { origin, .. } | Setting::Default { origin } => origin.clone(),
            Setting::Unknown(r) => format!("unknown: {r}"),
        }
    }
}

fn parse_bool(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "t")
}

/// A dockerd option: its long flag, short flag, daemon.json key, whether it
/// is boolean (takes no separate value argument).
#[derive(Clone, Copy, Debug)]
pub struct OptionSpec {
    pub flag: &'static str,
    pub short: Option<&'static str>,
    pub key: &'static str,
    pub boolean: bool,
}

const fn o(flag: &'static str, key: &'static str, boolean: bool) -> OptionSpec {
    OptionSpec {
        flag,
        short: None,
        key,
        boolean,
    }
}
const fn s(flag: &'static str, short: &'static str, key: &'static str, b: bool) -> OptionSpec {
    OptionSpec {
        flag,
        short: Some(short),
        key,
        boolean: b,
    }
}

/// The dockerd options dockaudit reads (dockerd --help, daemon.json
/// reference). Unknown flags are still parsed (a value follows unless the
/// flag is written `--x=y`), so argument positions stay right.
pub static OPTIONS: &[OptionSpec] = &[
    s("host", "H", "hosts", false),
    s("debug", "D", "debug", true),
    s("log-level", "l", "log-level", false),
    s("bridge", "b", "bridge", false),
    s("group", "G", "group", false),
    s("storage-driver", "s", "storage-driver", false),
    s("graph", "g", "data-root", false),
    o("data-root", "data-root", false),
    o("exec-root", "exec-root", false),
    o("config-file", "config-file", false),
    o("icc", "icc", true),
    o("iptables", "iptables", true),
    o("ip6tables", "ip6tables", true),
    o("ip-forward", "ip-forward", true),
    o("ip-masq", "ip-masq", true),
    o("ip", "ip", false),
    o("userland-proxy", "userland-proxy", true),
    o("userland-proxy-path", "userland-proxy-path", false),
    o("live-restore", "live-restore", true),
    o("no-new-privileges", "no-new-privileges", true),
    o("selinux-enabled", "selinux-enabled", true),
    o("experimental", "experimental", true),
    o("tls", "tls", true),
    o("tlsverify", "tlsverify", true),
    o("tlscacert", "tlscacert", false),
    o("tlscert", "tlscert", false),
    o("tlskey", "tlskey", false),
    o("userns-remap", "userns-remap", false),
    o("authorization-plugin", "authorization-plugins", false),
    o("insecure-registry", "insecure-registries", false),
    o("registry-mirror", "registry-mirrors", false),
    o("default-ulimit", "default-ulimits", false),
    o("cgroup-parent", "cgroup-parent", false),
    o("storage-opt", "storage-opts", false),
    o("log-driver", "log-driver", false),
    o("log-opt", "log-opts", false),
    o("seccomp-profile", "seccomp-profile", false),
    o("rootless", "rootless", true),
    o("init", "init", true),
    o("ipv6", "ipv6", true),
    o("raw-logs", "raw-logs", true),
    o("validate", "validate", true),
    o("containerd", "containerd", false),
    o("default-runtime", "default-runtime", false),
    s("pidfile", "p", "pidfile", false),
];

pub fn option_spec(name: &str) -> Option<&'static OptionSpec> {
    let name = name.trim_start_matches('-');
    OPTIONS
        .iter()
        .find(|o| o.flag == name || o.short == Some(name) || o.key == name)
}

/// The dockerd command line as (flag name without dashes, value) pairs;
/// boolean flags without `=value` get "true". Short flags are mapped to
/// their long names and read as dockerd's flag parser reads them: grouped
/// booleans (`-D`), a value attached (`-Htcp://h:2375`, `-ldebug`,
/// `-H=x`) or in the next argument, and the two together (`-DH x`).
pub fn parse_args(args: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut i = 1;
    // The next argument as a flag's value, when it is not a flag itself.
    let next_value = |i: &mut usize| match args.get(*i) {
        Some(v) if !v.starts_with('-') || v == "-" => {
            *i += 1;
            v.clone()
        }
        _ => "true".to_string(),
    };
    while i < args.len() {
        let a = &args[i];
        i += 1;
        let Some(stripped) = a.strip_prefix('-') else {
            continue;
        };
        let long = stripped.strip_prefix('-');
        let stripped = long.unwrap_or(stripped);
        if stripped.is_empty() {
            continue;
        }
        let (name, inline) = match stripped.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (stripped.to_string(), None),
        };
        let spec = option_spec(&name);
        // A single dash before one known short name, or before a long name
        // (`-icc=false`, as older engines took), is read as that flag;
        // anything else after one dash is a group of short flags.
        if long.is_none() && spec.is_none() {
            let chars: Vec<char> = stripped.chars().collect();
            let mut k = 0;
            while k < chars.len() {
                let c = chars[k].to_string();
                let Some(sp) = OPTIONS.iter().find(|o| o.short == Some(c.as_str())) else {
                    // Not a flag dockerd knows: kept by its written name.
                    let rest: String = chars[k..].iter().collect();
                    let (n, v) = match rest.split_once('=') {
                        Some((n, v)) => (n.to_string(), v.to_string()),
                        None => (rest, next_value(&mut i)),
                    };
                    out.push((n, v));
                    break;
                };
                let rest: String = chars[k + 1..].iter().collect();
                if sp.boolean {
                    match rest.strip_prefix('=') {
                        Some(v) => {
                            out.push((sp.flag.to_string(), v.to_string()));
                            break;
                        }
                        None => out.push((sp.flag.to_string(), "true".to_string())),
                    }
                    k += 1;
                    continue;
                }
                let value = if rest.is_empty() {
                    next_value(&mut i)
                } else {
                    rest.strip_prefix('=').unwrap_or(&rest).to_string()
                };
                out.push((sp.flag.to_string(), value));
                break;
            }
            continue;
        }
        let long = spec.map(|s| s.flag.to_string()).unwrap_or(name);
        let boolean = spec.map(|s| s.boolean).unwrap_or(false);
        let value = match inline {
            Some(v) => v,
            None if boolean => "true".to_string(),
            None => next_value(&mut i),
        };
        out.push((long, value));
    }
    out
}

/// Renders a daemon.json value as strings: scalars as themselves, arrays
/// element by element, objects as `key=value` entries (default-ulimits
/// entries as `name=soft:hard`).
pub fn render_json(v: &serde_json::Value) -> Vec<String> {
    use serde_json::Value;
    match v {
        Value::Null => vec![],
        Value::String(s) => vec![s.clone()],
        Value::Bool(b) => vec![b.to_string()],
        Value::Number(n) => vec![n.to_string()],
        Value::Array(a) => a.iter().flat_map(render_json).collect(),
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| match v {
                Value::Object(u) if u.contains_key("Soft") || u.contains_key("Hard") => {
                    let f = |key: &str| u.get(key).map(|x| x.to_string()).unwrap_or_default();
                    format!("{k}={}:{}", f("Soft"), f("Hard"))
                }
                Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect(),
    }
}

impl DaemonFacts {
    /// The dockerd flags, when the process was read.
    pub fn flags(&self) -> Option<Vec<(String, String)>> {
        self.process.get().map(|p| parse_args(&p.args))
    }

    /// The effective value of a dockerd option, with its origin. The
    /// command line and daemon.json are both consulted; a file setting is
    /// effective even when the command line is unknown (dockerd refuses to
    /// start when both set the same option), but "not set" is only claimed
    /// when both were read.
    pub fn setting(&self, name: &str) -> Setting {
        let Some(spec) = option_spec(name) else {
            return Setting::Unknown(format!("unknown daemon option {name}"));
        };
        let flag_values: Option<Vec<String>> = self.flags().map(|flags| {
            flags
                .into_iter()
                .filter(|(n, _)| n == spec.flag)
                .map(|(_, v)| v)
                .collect()
        });
        let (file_values, file_origin, file_problem): (
            Option<Vec<String>>,
            String,
            Option<String>,
        ) = match &self.config_file {
            Source::Present(cf) if !cf.exists => (Some(vec![]), cf.path.clone(), None),
            Source::Present(cf) => match (&cf.content, &cf.parse_error) {
                (Some(doc), _) => (
                    Some(doc.get(spec.key).map(render_json).unwrap_or_default()),
                    cf.path.clone(),
                    None,
                ),
                (None, Some(e)) => (
                    None,
                    cf.path.clone(),
                    Some(format!(
                        "{} does not parse (line {}, column {}: {})",
                        cf.path, e.line, e.column, e.message
                    )),
                ),
                (None, None) => (
                    None,
                    cf.path.clone(),
                    Some(format!("{} was not parsed", cf.path)),
                ),
            },
            Source::Unavailable(r) => (None, String::new(), Some(format!("daemon.json: {r}"))),
        };
        let flag_origin = format!("dockerd command line --{}", spec.flag);
        // Without the command line, which file dockerd reads is assumed:
        // `--config-file` may name another one.
        let assumed = if flag_values.is_none() {
            " (the dockerd command line was not read: assumed to be the file in use)"
        } else {
            ""
        };
        let file_key_origin = format!("file: {file_origin} key \"{}\"{assumed}", spec.key);
        let file_set = file_values.as_ref().filter(|v| !v.is_empty());
        match (&flag_values, file_set) {
            (Some(fv), file) if !fv.is_empty() => Setting::Set {
                values: fv.clone(),
                origin: flag_origin,
                conflict: file.map(|v| format!("{file_key_origin} = {}", v.join(","))),
            },
            (_, Some(v)) => Setting::Set {
                values: v.clone(),
                origin: file_key_origin,
                conflict: None,
            },
            (Some(_), None) if file_values.is_some() => Setting::Default {
                origin: format!(
                    "not set: neither --{} on the dockerd command line nor \"{}\" in {}{}",
                    spec.flag,
                    spec.key,
                    file_origin,
                    if self.config_file.get().map(|c| c.exists) == Some(false) {
                        " (file absent)"
                    } else {
                        ""
                    }
                ),
            },
            _ => {
                let mut why = Vec::new();
                if let Source::Unavailable(r) = &self.process {
                    why.push(format!("dockerd command line unavailable: {r}"));
                }
                if let Some(p) = file_problem {
                    why.push(p);
                }
                Setting::Unknown(why.join("; "))
            }
        }
    }

    /// Options set both on the command line and in daemon.json.
    pub fn conflicts(&self) -> Vec<(String, String, String)> {
        let Some(flags) = self.flags() else {
            return vec![];
        };
        let mut names: Vec<&str> = flags.iter().map(|(n, _)| n.as_str()).collect();
        names.sort();
        names.dedup();
        let mut out = Vec::new();
        for n in names {
            if n == "config-file" {
                continue;
            }
            if let Setting::Set {
                origin,
                conflict: Some(c),
                values,
            } = self.setting(n)
            {
                out.push((origin, values.join(","), c));
            }
        }
        out
    }

    /// The daemon listens on these endpoints (-H / hosts), when known.
    pub fn hosts(&self) -> Setting {
        self.setting("host")
    }

    /// The daemon.json document when it parsed.
    pub fn config_doc(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.config_file
            .get()
            .and_then(|c| c.content.as_ref())
            .and_then(|v| v.as_object())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(args: &[&str], file: Option<&str>) -> DaemonFacts {
        DaemonFacts {
            process: Source::Present(DaemonProcess {
                pid: 1,
                args: args.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }),
            config_file: match file {
                Some(text) => Source::Present(ConfigFile {
                    path: "/etc/docker/daemon.json".into(),
                    exists: true,
                    content: serde_json::from_str(text).ok(),
                    parse_error: None,
                }),
                None => Source::Present(ConfigFile {
                    path: "/etc/docker/daemon.json".into(),
                    exists: false,
                    ..Default::default()
                }),
            },
            ..Default::default()
        }
    }

    #[test]
    fn parses_flag_spellings() {
        let a: Vec<String> = [
            "dockerd",
            "-H",
            "fd://",
            "--host=tcp://0.0.0.0:2376",
            "--icc=false",
            "--live-restore",
            "-D",
            "--storage-driver",
            "vfs",
            "--default-ulimit",
            "nofile=10:20",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let p = parse_args(&a);
        assert_eq!(
            p,
            vec![
                ("host".into(), "fd://".into()),
                ("host".into(), "tcp://0.0.0.0:2376".into()),
                ("icc".into(), "false".into()),
                ("live-restore".into(), "true".into()),
                ("debug".into(), "true".into()),
                ("storage-driver".into(), "vfs".into()),
                ("default-ulimit".into(), "nofile=10:20".into()),
            ]
        );
        // Short flags as dockerd's flag parser takes them.
        let a: Vec<String> = [
            "dockerd",
            "-Htcp://0.0.0.0:2375",
            "-DH",
            "unix:///run/d.sock",
            "-ldebug",
            "-H=fd://",
            "-D=false",
            "-icc=false",
            "-p",
            "/run/d.pid",
            "-Gdocker",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let p = parse_args(&a);
        let want: Vec<(String, String)> = [
            ("host", "tcp://0.0.0.0:2375"),
            ("debug", "true"),
            ("host", "unix:///run/d.sock"),
            ("log-level", "debug"),
            ("host", "fd://"),
            ("debug", "false"),
            ("icc", "false"),
            ("pidfile", "/run/d.pid"),
            ("group", "docker"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(p, want);
    }

    #[test]
    fn setting_origins_defaults_and_conflicts() {
        let d = facts(
            &["dockerd", "--icc=false"],
            Some(r#"{"icc": true, "live-restore": true}"#),
        );
        match d.setting("icc") {
            Setting::Set {
                values,
                origin,
                conflict,
            } => {
                assert_eq!(values, vec!["false"]);
                assert!(origin.contains("--icc"));
                assert!(conflict.unwrap().contains("\"icc\""));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(d.setting("live-restore").bool_or(false), Some(true));
        assert!(matches!(d.setting("userns-remap"), Setting::Default { .. }));
        assert_eq!(d.conflicts().len(), 1);

        // Absent file: known not set.
        let d = facts(&["dockerd"], None);
        assert_eq!(d.setting("icc").bool_or(true), Some(true));

        // Process unknown: a file value stands, "not set" is unknown.
        let mut d = facts(&["dockerd"], Some(r#"{"icc": false}"#));
        d.process = Source::unavailable("no dockerd process");
        assert_eq!(d.setting("icc").bool_or(true), Some(false));
        assert!(matches!(d.setting("iptables"), Setting::Unknown(_)));

        // Malformed file: unknown unless the flag sets it.
        let mut d = facts(&["dockerd", "--iptables=false"], None);
        d.config_file = Source::Present(ConfigFile {
            path: "/etc/docker/daemon.json".into(),
            exists: true,
            content: None,
            parse_error: Some(ParseError {
                message: "x".into(),
                line: 2,
                column: 3,
            }),
        });
        assert_eq!(d.setting("iptables").bool_or(true), Some(false));
        match d.setting("icc") {
            Setting::Unknown(r) => assert!(r.contains("line 2, column 3")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn renders_ulimits_and_log_opts() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 1024}}"#)
                .unwrap();
        assert_eq!(render_json(&v), vec!["nofile=1024:64000"]);
        let v: serde_json::Value = serde_json::from_str(r#"{"max-size": "10m"}"#).unwrap();
        assert_eq!(render_json(&v), vec!["max-size=10m"]);
    }
}
