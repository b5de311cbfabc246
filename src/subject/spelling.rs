//! The engine's spellings of container settings, parsed into plain views:
//! `-v`/Binds entries, mounts, `-p`/ports entries, port keys, network modes.
//! Shared by the adapters and the compose reader; no verdicts here.

/// A `-v`/`Binds` entry: `source:destination[:options]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindSpec {
    pub source: String,
    pub destination: String,
    pub options: Vec<String>,
}

impl BindSpec {
    /// Splits `src:dst[:opts]`; None when there is no destination.
    pub fn parse(spec: &str) -> Option<BindSpec> {
        let mut it = spec.splitn(3, ':');
        let source = it.next()?.trim().to_string();
        let destination = it.next()?.trim().to_string();
        let options = it
            .next()
            .map(|o| {
                o.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Some(BindSpec {
            source,
            destination,
            options,
        })
    }
    /// A host path, not a named volume: absolute, or relative as compose
    /// files allow (`./data`, `../x`, `~/x`; the engine itself only takes
    /// absolute ones).
    pub fn is_host_path(&self) -> bool {
        let s = self.source.as_str();
        s.starts_with('/') || s.starts_with('.') || s.starts_with('~')
    }
    pub fn read_only(&self) -> bool {
        self.options.iter().any(|o| o == "ro")
    }
    pub fn propagation(&self) -> String {
        self.options
            .iter()
            .find(|o| {
                matches!(
                    o.as_str(),
                    "shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate"
                )
            })
            .cloned()
            .unwrap_or_default()
    }
}

/// One mount of a container, from whichever inspect field gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountView {
    /// bind, volume, tmpfs, ...
    pub kind: String,
    /// Host path for binds, volume name for volumes.
    pub source: String,
    pub destination: String,
    pub read_only: bool,
    pub propagation: String,
    /// The inspect field path it came from.
    pub field: &'static str,
    /// The named volume mounted (kind `volume`), or the one a bind was
    /// resolved through (a local volume created with `o=bind`).
    pub volume: Option<String>,
    /// Inherited from another container (compose `volumes_from`): from
    /// which, `service "db"` (`service "base", through service "db"`
    /// when that one inherits it in turn).
    pub inherited: Option<String>,
    /// A named volume whose options the audit does not hold, with why
    /// (a compose `external` volume, another driver's): the host folder it
    /// may bind is not known.
    pub options_unknown: Option<String>,
}

impl MountView {
    /// " through volume NAME" for a bind reached through a named volume.
    pub fn through(&self) -> String {
        match &self.volume {
            Some(n) if self.kind == "bind" => format!(" through volume {n}"),
            _ => String::new(),
        }
    }

    pub fn access(&self) -> &'static str {
        if self.read_only {
            "read-only"
        } else {
            "read-write"
        }
    }
}

/// "80/tcp" -> (80, "tcp"); "53/udp"; "80" -> (80, "tcp"); "8000-8005/tcp"
/// -> (8000, "tcp").
pub fn parse_port_key(key: &str) -> Option<(u16, String)> {
    let key = key.trim();
    let (port, proto) = match key.split_once('/') {
        Some((p, proto)) => (p, proto.trim().to_ascii_lowercase()),
        None => (key, "tcp".to_string()),
    };
    let (lo, _) = parse_port_range(port)?;
    Some((lo, proto))
}

/// "80" -> (80, 80); "8000-8005" -> (8000, 8005); "" or "0" (the engine
/// picks an ephemeral port) and junk -> None.
pub fn parse_port_range(s: &str) -> Option<(u16, u16)> {
    let s = s.trim();
    let (lo, hi) = match s.split_once('-') {
        Some((a, b)) => (a.trim().parse::<u16>().ok()?, b.trim().parse::<u16>().ok()?),
        None => {
            let p = s.parse::<u16>().ok()?;
            (p, p)
        }
    };
    if lo == 0 {
        return None;
    }
    Some((lo, hi.max(lo)))
}

/// One published port of a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortView {
    /// The container side as the API keys it, e.g. "80/tcp".
    pub container_port: String,
    pub host_ip: String,
    pub host_port: String,
    /// The inspect field path it came from.
    pub field: &'static str,
}

impl PortView {
    /// "0.0.0.0:80->80/tcp" as `docker ps` shows it; the empty HostIp as
    /// "*".
    pub fn render(&self) -> String {
        let ip = if self.host_ip.is_empty() {
            "*".to_string()
        } else if self.host_ip.contains(':') && !self.host_ip.starts_with('[') {
            format!("[{}]", self.host_ip)
        } else {
            self.host_ip.clone()
        };
        let hp = if self.host_port.is_empty() {
            "(any)"
        } else {
            &self.host_port
        };
        format!("{ip}:{hp}->{}", self.container_port)
    }
}

/// A `-p`/`--publish` or compose short `ports:` entry:
/// `[ip:][host_port:]container_port[/proto]`, IPv6 addresses in brackets
/// ("80", "8080:80", "127.0.0.1:8080:80/udp", "127.0.0.1::80",
/// "[::1]:8080:80"). A bare container port publishes on an ephemeral host
/// port of every interface.
pub fn parse_publish(spec: &str, field: &'static str) -> Option<PortView> {
    let spec = spec.trim();
    let (rest, proto) = match spec.rsplit_once('/') {
        Some((r, p)) => (r, p.trim().to_ascii_lowercase()),
        None => (spec, "tcp".to_string()),
    };
    // Split off a bracketed IPv6 address first.
    let (ip, rest) = if let Some(after) = rest.strip_prefix('[') {
        let (ip, tail) = after.split_once(']')?;
        (ip.to_string(), tail.strip_prefix(':')?)
    } else {
        ("".to_string(), rest)
    };
    let parts: Vec<&str> = rest.split(':').collect();
    let (ip, host_port, container) = match (ip.is_empty(), parts.as_slice()) {
        (true, [c]) => (String::new(), String::new(), *c),
        (true, [h, c]) => (String::new(), h.to_string(), *c),
        (true, [i, h, c]) => (i.to_string(), h.to_string(), *c),
        (false, [h, c]) => (ip, h.to_string(), *c),
        _ => return None,
    };
    parse_port_range(container)?;
    Some(PortView {
        container_port: format!("{}/{proto}", container.trim()),
        host_ip: ip.trim().to_string(),
        host_port: host_port.trim().to_string(),
        field,
    })
}

/// Network modes in which the engine discards published ports (no port is
/// opened for them).
pub fn network_mode_discards_ports(mode: &str) -> bool {
    let m = mode.trim();
    // "service:<name>" is compose's spelling of container:<id>.
    m == "none" || m == "host" || m.starts_with("container:") || m.starts_with("service:")
}

/// Lexical normalisation of an absolute host path: repeated and trailing
/// slashes removed, `.` dropped, `..` applied ("//etc/", "/etc/../etc/." ->
/// "/etc"). Symbolic links are not resolved: the facts hold no host tree.
/// A relative path is returned trimmed, unchanged otherwise.
pub fn normalize_host_path(p: &str) -> String {
    let p = p.trim();
    if !p.starts_with('/') {
        return p.to_string();
    }
    format!("/{}", crate::parse::path_segments(p).join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_paths_normalise() {
        assert_eq!(normalize_host_path("//etc/"), "/etc");
        assert_eq!(normalize_host_path("/etc/../etc"), "/etc");
        assert_eq!(normalize_host_path("/etc/./"), "/etc");
        assert_eq!(
            normalize_host_path("/var/lib/../run/docker.sock"),
            "/var/run/docker.sock"
        );
        assert_eq!(normalize_host_path("/.."), "/");
        assert_eq!(normalize_host_path("///"), "/");
        assert_eq!(normalize_host_path("myvolume"), "myvolume");
    }

    #[test]
    fn bind_specs() {
        let b = BindSpec::parse("/etc:/host-etc:ro").unwrap();
        assert!(b.is_host_path() && b.read_only());
        let b = BindSpec::parse("/mnt:/mnt:rw,rshared").unwrap();
        assert!(!b.read_only());
        assert_eq!(b.propagation(), "rshared");
        let b = BindSpec::parse("data:/data").unwrap();
        assert!(!b.is_host_path());
        assert!(BindSpec::parse("/only").is_none());
    }

    #[test]
    fn port_keys() {
        assert_eq!(parse_port_key("80/tcp"), Some((80, "tcp".to_string())));
        assert_eq!(parse_port_key("53/UDP"), Some((53, "udp".to_string())));
        assert_eq!(parse_port_key("8080"), Some((8080, "tcp".to_string())));
        assert_eq!(
            parse_port_key("8000-8005/tcp"),
            Some((8000, "tcp".to_string()))
        );
        assert_eq!(parse_port_key("x/tcp"), None);
    }

    #[test]
    fn publish_specs() {
        let p =
            |s: &str| parse_publish(s, "ports").map(|v| (v.host_ip, v.host_port, v.container_port));
        let t = |a: &str, b: &str, c: &str| Some((a.to_string(), b.to_string(), c.to_string()));
        assert_eq!(p("80"), t("", "", "80/tcp"));
        assert_eq!(p("8080:80"), t("", "8080", "80/tcp"));
        assert_eq!(p("127.0.0.1:8080:80/udp"), t("127.0.0.1", "8080", "80/udp"));
        assert_eq!(p("127.0.0.1::80"), t("127.0.0.1", "", "80/tcp"));
        assert_eq!(p("[::1]:8080:80"), t("::1", "8080", "80/tcp"));
        assert_eq!(p("[::]:53:53/UDP"), t("::", "53", "53/udp"));
        assert_eq!(p("8000-8005:80-85"), t("", "8000-8005", "80-85/tcp"));
        assert_eq!(p("a:b:c:d"), None);
        assert_eq!(p("8080:http"), None);
        assert_eq!(
            parse_publish("80:80", "ports").unwrap().render(),
            "*:80->80/tcp"
        );
        assert!(BindSpec::parse("./data:/data").unwrap().is_host_path());
    }
}
