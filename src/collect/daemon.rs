//! Daemon collector: the dockerd process serving the audited engine (from
//! <root>/proc), its daemon.json, the systemd units and environment files
//! that start it. Read-only: it only opens files under the host root.

use std::path::Path;

use super::files::read_host_file;
use super::host::{
    dropin_dirs, host_path, list_dir_checked, masked_link, read_conf, read_text, with_dropins,
    Read, UNIT_DIRS,
};
use super::CollectOptions;
use crate::facts::daemon::{parse_args, ConfigFile, DaemonProcess, EnvFile, ParseError, UnitFile};
use crate::facts::{DaemonFacts, Facts, Source};

/// Whether the engine endpoint is on this machine (unix socket, named pipe,
/// fd://, or TCP to a loopback address). Host files describe the engine's
/// host only then (or when --host-root names them explicitly).
pub fn engine_local(endpoint: &str) -> bool {
    let e = endpoint.trim();
    if e.is_empty()
        || e.starts_with("unix://")
        || e.starts_with("npipe://")
        || e.starts_with("fd://")
        || e.starts_with('/')
    {
        return true;
    }
    let rest = e
        .strip_prefix("tcp://")
        .or_else(|| e.strip_prefix("http://"))
        .or_else(|| e.strip_prefix("https://"));
    let Some(rest) = rest else {
        // ssh:// and anything else: another machine (or unknown).
        return false;
    };
    let hostport = rest.split('/').next().unwrap_or(rest);
    let host = if let Some(h) = hostport.strip_prefix('[') {
        h.split(']').next().unwrap_or(h)
    } else {
        hostport
            .rsplit_once(':')
            .map(|(h, _)| h)
            .unwrap_or(hostport)
    };
    host == "localhost" || host == "::1" || host.starts_with("127.")
}

/// The reason host files are not read, or None when they may be.
pub fn host_files_refused(opts: &CollectOptions, facts: &Facts) -> Option<String> {
    if opts.host_root_explicit || engine_local(&facts.collector.endpoint) {
        None
    } else {
        Some(format!(
            "engine is remote ({}); pass --host-root for the engine host's files",
            facts.collector.endpoint
        ))
    }
}

pub fn collect(opts: &CollectOptions, facts: &mut Facts) {
    if let Some(reason) = host_files_refused(opts, facts) {
        facts.daemon = Source::unavailable(reason);
        return;
    }
    let root = opts.host_root.as_path();
    let data_root = facts
        .engine
        .get()
        .map(|e| e.info.docker_root_dir.clone())
        .unwrap_or_default();
    let process = find_process(root, &facts.collector.endpoint, &data_root);
    let mut units_unread = Vec::new();
    let units = read_units(root, &mut units_unread);
    let rootless = facts.engine.get().is_some_and(|e| e.rootless);
    let config_file = read_config(root, &process, units.get().map(Vec::as_slice), rootless);
    let env_files = env_files(root, units.get().map(Vec::as_slice).unwrap_or_default());
    facts.daemon = Source::Present(DaemonFacts {
        process,
        config_file,
        units,
        units_unread,
        env_files: Source::Present(env_files),
    });
}

/// The unix socket path of an endpoint, when it is one.
pub fn socket_path(endpoint: &str) -> Option<String> {
    endpoint
        .strip_prefix("unix://")
        .map(|p| p.to_string())
        .or_else(|| endpoint.starts_with('/').then(|| endpoint.to_string()))
}

fn find_process(root: &Path, endpoint: &str, data_root: &str) -> Source<DaemonProcess> {
    let proc_dir = host_path(root, "/proc");
    let entries = match std::fs::read_dir(&proc_dir) {
        Ok(e) => e,
        Err(e) => return Source::unavailable(format!("cannot list {}: {e}", proc_dir.display())),
    };
    let mut candidates: Vec<DaemonProcess> = Vec::new();
    // Processes whose command line could not be read (/proc mounted with
    // hidepid, another user's process): any one may be the engine's.
    let mut unreadable: Vec<i64> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Ok(pid) = name.parse::<i64>() else {
            continue;
        };
        let raw = match read_host_file(&entry.path().join("cmdline")) {
            Ok(r) => r,
            // Gone since it was listed.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(_) => {
                unreadable.push(pid);
                continue;
            }
        };
        let args: Vec<String> = raw
            .split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).to_string())
            .collect();
        let Some(argv0) = args.first() else { continue };
        let base = argv0.rsplit('/').next().unwrap_or(argv0);
        if base != "dockerd" {
            continue;
        }
        let uid = read_host_file(&entry.path().join("status"))
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("Uid:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|u| u.parse().ok())
            });
        // Only DOCKER_CONTENT_TRUST* and XDG_CONFIG_HOME are kept from the
        // environment: the rest may hold secrets.
        let environ: Option<Vec<String>> =
            read_host_file(&entry.path().join("environ"))
                .ok()
                .map(|raw| {
                    raw.split(|b| *b == 0)
                        .map(|a| String::from_utf8_lossy(a).to_string())
                        .collect()
                });
        let trust_env = environ.as_ref().map(|env| {
            env.iter()
                .filter(|a| a.starts_with("DOCKER_CONTENT_TRUST"))
                .cloned()
                .collect()
        });
        let xdg_config_home = environ.as_ref().and_then(|env| {
            env.iter()
                .find_map(|a| a.strip_prefix("XDG_CONFIG_HOME=").map(str::to_string))
        });
        let exe = std::fs::read_link(entry.path().join("exe")).ok().map(|p| {
            p.to_string_lossy()
                .trim_end_matches(" (deleted)")
                .to_string()
        });
        candidates.push(DaemonProcess {
            pid,
            args,
            uid,
            exe,
            selected_by: String::new(),
            trust_env,
            xdg_config_home,
        });
    }
    candidates.sort_by_key(|c| c.pid);
    let want_sock = socket_path(endpoint);
    let serves = |p: &DaemonProcess| -> bool {
        let hosts: Vec<String> = parse_args(&p.args)
            .into_iter()
            .filter(|(n, _)| n == "host")
            .map(|(_, v)| v)
            .collect();
        hosts.iter().any(|h| {
            h == endpoint
                || (want_sock.is_some() && socket_path(h) == want_sock)
                || (h.starts_with("fd://")
                    && matches!(
                        want_sock.as_deref(),
                        Some("/var/run/docker.sock") | Some("/run/docker.sock")
                    ))
        }) || (hosts.is_empty()
            && match p.uid {
                // Rootless dockerd listens on $XDG_RUNTIME_DIR/docker.sock.
                Some(u) if u != 0 => {
                    want_sock.as_deref() == Some(format!("/run/user/{u}/docker.sock").as_str())
                }
                _ => matches!(
                    want_sock.as_deref(),
                    Some("/var/run/docker.sock") | Some("/run/docker.sock")
                ),
            })
    };
    let n = candidates.len();
    let hidden = if unreadable.is_empty() {
        String::new()
    } else {
        unreadable.sort_unstable();
        format!(
            "; the command lines of {} processes could not be read (pids {}{})",
            unreadable.len(),
            unreadable
                .iter()
                .take(10)
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            if unreadable.len() > 10 { ", ..." } else { "" }
        )
    };
    if n == 0 {
        return Source::unavailable(format!(
            "no dockerd process found in {}/*/cmdline{hidden}",
            proc_dir.display()
        ));
    }
    if let Some(i) = candidates.iter().position(serves) {
        let mut p = candidates.swap_remove(i);
        p.selected_by = format!("its -H/--host matches the engine endpoint {endpoint}");
        return Source::Present(p);
    }
    if !data_root.is_empty() {
        if let Some(i) = candidates.iter().position(|p| {
            let flags = parse_args(&p.args);
            let given = flags
                .iter()
                .rev()
                .find(|(n, _)| n == "data-root" || n == "graph")
                .map(|(_, v)| v.as_str());
            match given {
                Some(v) => v.trim_end_matches('/') == data_root.trim_end_matches('/'),
                None => p.uid == Some(0) && data_root == "/var/lib/docker",
            }
        }) {
            let mut p = candidates.swap_remove(i);
            p.selected_by =
                format!("its --data-root matches the engine's DockerRootDir {data_root}");
            return Source::Present(p);
        }
    }
    // The only dockerd seen is the engine's only when no other process
    // was hidden from view.
    if n == 1 && unreadable.is_empty() {
        let mut p = candidates.remove(0);
        p.selected_by =
            format!("the only dockerd process (its -H flags do not name the endpoint {endpoint})");
        return Source::Present(p);
    }
    Source::unavailable(format!(
        "{n} dockerd processes (pids {}) and none serves the endpoint {endpoint}{hidden}",
        candidates
            .iter()
            .map(|c| c.pid.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The home folder of a uid from <root>/etc/passwd.
fn home_of(root: &Path, uid: u32) -> Option<String> {
    match read_text(root, "/etc/passwd") {
        Read::Text(t) => crate::parse::osdb::passwd(&t)
            .into_iter()
            .find(|r| r.uid == Some(uid) && !r.home.is_empty())
            .map(|r| r.home),
        _ => None,
    }
}

/// `--config-file` as docker.service starts dockerd: its unit file (the
/// first found, in the order of precedence) and then its drop-ins, where an
/// empty `ExecStart=` resets the command and the last one stands.
fn unit_config_file(units: &[UnitFile]) -> Option<String> {
    let service = || units.iter().filter(|u| u.unit == "docker.service");
    let fragment = service().find(|u| !u.drop_in);
    let mut config = None;
    for line in fragment
        .into_iter()
        .chain(service().filter(|u| u.drop_in))
        .flat_map(|u| u.exec_start.iter())
    {
        let args: Vec<String> = line
            .trim_start_matches(['-', '@', ':', '+', '!'])
            .split_whitespace()
            .map(str::to_string)
            .collect();
        config = parse_args(&args)
            .into_iter()
            .rev()
            .find(|(n, _)| n == "config-file")
            .map(|(_, v)| v);
    }
    config
}

fn read_config(
    root: &Path,
    process: &Source<DaemonProcess>,
    units: Option<&[UnitFile]>,
    rootless: bool,
) -> Source<ConfigFile> {
    let path = match process.get() {
        Some(p) => {
            let flags = parse_args(&p.args);
            if let Some((_, v)) = flags.iter().rev().find(|(n, _)| n == "config-file") {
                v.clone()
            } else if p.uid.is_some_and(|u| u != 0)
                || flags.iter().any(|(n, v)| n == "rootless" && v == "true")
            {
                match (&p.xdg_config_home, p.uid.and_then(|u| home_of(root, u))) {
                    (Some(x), _) if x.starts_with('/') => {
                        format!("{}/docker/daemon.json", x.trim_end_matches('/'))
                    }
                    (_, Some(h)) => {
                        format!("{}/.config/docker/daemon.json", h.trim_end_matches('/'))
                    }
                    (_, None) => {
                        return Source::unavailable(format!(
                            "rootless dockerd (uid {:?}): its home folder is not in /etc/passwd",
                            p.uid
                        ))
                    }
                }
            } else {
                "/etc/docker/daemon.json".to_string()
            }
        }
        // The process was not found: the file its unit names, else the
        // default; a rootless engine's file lies in a home folder not known
        // without its process.
        None if rootless => {
            return Source::unavailable(
                "the engine is rootless and its dockerd process was not found: which daemon.json it reads is unknown",
            )
        }
        None => units
            .and_then(unit_config_file)
            .unwrap_or_else(|| "/etc/docker/daemon.json".to_string()),
    };
    Source::Present(match read_text(root, &path) {
        Read::Absent => ConfigFile {
            path,
            exists: false,
            ..Default::default()
        },
        Read::Error(e) => return Source::unavailable(e),
        Read::Text(text) => parse_config(&path, &text),
    })
}

/// Parses daemon.json text; a syntax error keeps its line and column.
pub fn parse_config(path: &str, text: &str) -> ConfigFile {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) if v.is_object() => ConfigFile {
            path: path.to_string(),
            exists: true,
            content: Some(v),
            parse_error: None,
        },
        Ok(_) => ConfigFile {
            path: path.to_string(),
            exists: true,
            content: None,
            parse_error: Some(ParseError {
                message: "the document is not a JSON object".into(),
                line: 1,
                column: 1,
            }),
        },
        Err(e) => ConfigFile {
            path: path.to_string(),
            exists: true,
            content: None,
            parse_error: Some(ParseError {
                message: e.to_string(),
                line: e.line() as u32,
                column: e.column() as u32,
            }),
        },
    }
}

const UNITS: &[&str] = &["docker.service", "docker.socket", "containerd.service"];

/// Every fragment and drop-in of the engine's units; one that exists but
/// cannot be read (or a drop-in folder that cannot be listed) is noted in
/// `unread`, never taken as absent.
fn read_units(root: &Path, unread: &mut Vec<String>) -> Source<Vec<UnitFile>> {
    let mut out = Vec::new();
    // /lib is a link to /usr/lib on merged-/usr systems: read each file once.
    let mut seen = Vec::new();
    // Units met in a folder of higher precedence: a lower copy of the same
    // name is not the unit (and a masked one, a link to /dev/null, is not
    // started at all).
    let mut found: Vec<String> = Vec::new();
    let mut sockets_read = 0usize;
    for dir in UNIT_DIRS {
        let real =
            std::fs::canonicalize(host_path(root, dir)).unwrap_or_else(|_| host_path(root, dir));
        if seen.contains(&real) {
            continue;
        }
        seen.push(real);
        for unit in UNITS {
            out.extend(read_unit(root, dir, unit, &found, unread));
        }
        // Any other socket unit may hand its sockets to the engine
        // (`Service=docker.service`, a TCP port beside docker.socket):
        // dockerd started with -H fd:// listens on every one.
        let names = match list_dir_checked(root, dir) {
            Ok(n) => n.unwrap_or_default(),
            Err(e) => {
                unread.push(e);
                Vec::new()
            }
        };
        for unit in names
            .iter()
            .filter(|n| n.ends_with(".socket") && n.as_str() != "docker.socket")
        {
            if found.contains(unit) {
                continue;
            }
            sockets_read += 1;
            if sockets_read > MAX_SOCKET_UNITS {
                unread.push(format!(
                    "{dir}/{unit} and further socket units: over {MAX_SOCKET_UNITS} socket units, not read"
                ));
                break;
            }
            let parsed = read_unit(root, dir, unit, &found, unread);
            if parsed
                .iter()
                .any(|u| u.service.iter().any(|s| s == "docker.service"))
            {
                out.extend(parsed);
            }
        }
        for n in names {
            if !found.contains(&n) {
                found.push(n);
            }
        }
    }
    Source::Present(out)
}

/// Most socket units read in looking for those that start the engine.
const MAX_SOCKET_UNITS: usize = 512;

/// The fragment of `unit` in `dir` and its drop-ins there, parsed; none
/// when a folder of higher precedence (`found`) already had the unit.
/// Files linked to /dev/null are masked: not read, and a masked fragment
/// means the unit is not started.
fn read_unit(
    root: &Path,
    dir: &str,
    unit: &str,
    found: &[String],
    unread: &mut Vec<String>,
) -> Vec<UnitFile> {
    let main = format!("{dir}/{unit}");
    if masked_link(root, &main) {
        return Vec::new();
    }
    let [own, of_type] = dropin_dirs(dir, unit);
    let mut files = with_dropins(root, &main, &[&own, &of_type], ".conf", unread);
    // The fragment from a higher folder stands; drop-ins add up.
    if found.iter().any(|f| f == unit) {
        files.remove(0);
    }
    files
        .iter()
        .filter(|p| !masked_link(root, p))
        .filter_map(|path| {
            let drop_in = path != &main;
            read_conf(root, path, unread).map(|t| parse_unit(unit, path, &t, drop_in))
        })
        .collect()
}

/// Reads the keys of a systemd unit file that matter here (continuation
/// lines joined).
pub fn parse_unit(unit: &str, path: &str, text: &str, drop_in: bool) -> UnitFile {
    let mut u = UnitFile {
        unit: unit.to_string(),
        path: path.to_string(),
        drop_in,
        ..Default::default()
    };
    let mut joined = String::new();
    let mut lines = Vec::new();
    for line in text.lines() {
        let l = line.trim_end();
        if let Some(stripped) = l.strip_suffix('\\') {
            joined.push_str(stripped);
            joined.push(' ');
            continue;
        }
        joined.push_str(l);
        lines.push(std::mem::take(&mut joined));
    }
    for l in lines {
        let l = l.trim();
        if l.starts_with('#') || l.starts_with(';') {
            continue;
        }
        let Some((k, v)) = l.split_once('=') else {
            continue;
        };
        let v = v.trim().to_string();
        match k.trim() {
            "ExecStart" => u.exec_start.push(v),
            "ListenStream" => u.listen_stream.push(v),
            "Environment" => u.environment.push(v),
            "EnvironmentFile" => u.environment_file.push(v),
            "Service" => u.service.push(v),
            _ => {}
        }
    }
    u
}

/// The distributions' environment files, and every file the engine's
/// service units name with `EnvironmentFile=`: a leading `-` only makes it
/// optional, an empty value resets the list, a wildcard names every match
/// in its folder; a `%` specifier is not resolved here, so that file is
/// unread (never taken as absent).
fn env_files(root: &Path, units: &[UnitFile]) -> Vec<EnvFile> {
    let mut named: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for u in units.iter().filter(|u| u.unit.ends_with(".service")) {
        let list = named.entry(u.unit.as_str()).or_default();
        for f in &u.environment_file {
            match f.trim().trim_start_matches('-').trim() {
                "" => list.clear(),
                p => list.push(p),
            }
        }
    }
    let mut paths: Vec<String> = vec!["/etc/default/docker".into(), "/etc/sysconfig/docker".into()];
    let mut out = Vec::new();
    let unread = |path: &str, why: String| EnvFile {
        path: path.to_string(),
        exists: true,
        error: Some(why),
        ..Default::default()
    };
    for p in named.into_values().flatten() {
        if p.contains('%') {
            out.push(unread(
                p,
                format!("{p}: systemd specifiers are not resolved, so the file is not known"),
            ));
        } else if p.contains(['*', '?', '[']) {
            let (dir, pattern) = p.rsplit_once('/').unwrap_or(("", p));
            let glob = globset::Glob::new(pattern).map(|g| g.compile_matcher());
            match (
                list_dir_checked(root, if dir.is_empty() { "/" } else { dir }),
                glob,
            ) {
                (Ok(names), Ok(m)) => paths.extend(
                    names
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|n| m.is_match(n))
                        .map(|n| format!("{dir}/{n}")),
                ),
                (Err(e), _) => out.push(unread(p, e)),
                (_, Err(e)) => out.push(unread(p, format!("{p}: {e}"))),
            }
        } else if p.starts_with('/') {
            paths.push(p.to_string());
        }
    }
    let mut seen = Vec::new();
    for p in paths {
        if !seen.contains(&p) {
            out.push(read_env_file(root, &p));
            seen.push(p);
        }
    }
    out
}

fn read_env_file(root: &Path, path: &str) -> EnvFile {
    match read_text(root, path) {
        Read::Absent => EnvFile {
            path: path.into(),
            exists: false,
            ..Default::default()
        },
        Read::Error(e) => EnvFile {
            path: path.into(),
            exists: true,
            error: Some(e),
            ..Default::default()
        },
        Read::Text(t) => EnvFile {
            path: path.into(),
            exists: true,
            assignments: t
                .lines()
                .enumerate()
                .filter(|(_, l)| {
                    let l = l.trim();
                    !l.is_empty() && !l.starts_with('#') && l.contains('=')
                })
                .map(|(i, l)| (i as u32 + 1, l.trim().to_string()))
                .collect(),
            error: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_endpoints() {
        for e in [
            "",
            "unix:///var/run/docker.sock",
            "tcp://127.0.0.1:2375",
            "tcp://localhost:2376",
            "tcp://[::1]:2376",
            "fd://",
        ] {
            assert!(engine_local(e), "{e}");
        }
        for e in [
            "tcp://10.0.0.5:2376",
            "ssh://user@box",
            "tcp://docker.example:2376",
        ] {
            assert!(!engine_local(e), "{e}");
        }
    }

    #[test]
    fn unit_parsing_joins_continuations() {
        let u = parse_unit(
            "docker.service",
            "/x",
            "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd \\\n  -H fd://\nEnvironment=DOCKER_CONTENT_TRUST=1\n",
            true,
        );
        assert_eq!(u.exec_start, vec!["", "/usr/bin/dockerd    -H fd://"]);
        // The command's --config-file, when no process was found.
        let frag = parse_unit(
            "docker.service",
            "/lib/systemd/system/docker.service",
            "[Service]\nExecStart=/usr/bin/dockerd -H fd:// --config-file /etc/docker/old.json\n",
            false,
        );
        let drop = parse_unit(
            "docker.service",
            "/etc/systemd/system/docker.service.d/c.conf",
            "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --config-file=/etc/docker/prod.json\n",
            true,
        );
        assert_eq!(
            unit_config_file(&[frag.clone(), drop]).as_deref(),
            Some("/etc/docker/prod.json")
        );
        let reset = parse_unit(
            "docker.service",
            "/etc/systemd/system/docker.service.d/d.conf",
            "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd\n",
            true,
        );
        assert_eq!(unit_config_file(&[frag.clone(), reset]), None);
        assert_eq!(
            unit_config_file(&[frag]).as_deref(),
            Some("/etc/docker/old.json")
        );
        assert_eq!(u.environment, vec!["DOCKER_CONTENT_TRUST=1"]);
    }

    #[test]
    fn config_parse_error_has_line_and_column() {
        let c = parse_config("/etc/docker/daemon.json", "{\n  \"icc\": false,\n}\n");
        let e = c.parse_error.unwrap();
        assert_eq!(e.line, 3);
        assert!(e.column >= 1);
        assert!(c.content.is_none());
        assert!(c.exists);
    }
}
