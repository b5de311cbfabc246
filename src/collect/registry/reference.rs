//! Image references of the registry source, `registry:HOST[:PORT]/REPO[:TAG|@DIGEST]`
//! (the spelling Syft uses), and registry host names. Parsing only: no I/O.

use std::fmt;

/// The prefix that makes an image argument a registry reference.
pub const PREFIX: &str = "registry:";

/// Longest reference accepted (the distribution spec bounds a repository
/// name at 255 bytes; a tag at 128, a digest at 71).
const MAX_LEN: usize = 1024;

/// A parsed registry reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// `host[:port]` as given (lowercase), the key of credentials too.
    pub host: String,
    /// Repository path, e.g. `library/app`.
    pub repo: String,
    /// The tag (`latest` when neither tag nor digest is given).
    pub tag: Option<String>,
    /// `sha256:<hex>` when given: the manifest is fetched by it and must
    /// have it.
    pub digest: Option<String>,
}

impl Reference {
    /// What the manifest is fetched by: the digest, else the tag.
    pub fn target(&self) -> &str {
        self.digest
            .as_deref()
            .or(self.tag.as_deref())
            .unwrap_or("latest")
    }

    /// `host/repo:tag` (the tag the image is listed under).
    pub fn tagged(&self) -> Option<String> {
        self.tag
            .as_ref()
            .map(|t| format!("{}/{}:{t}", self.host, self.repo))
    }

    /// `host/repo@digest`.
    pub fn with_digest(&self, digest: &str) -> String {
        format!("{}/{}@{digest}", self.host, self.repo)
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}{}/{}", self.host, self.repo)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// Whether an image argument names a registry image.
pub fn is_registry_ref(s: &str) -> bool {
    s.starts_with(PREFIX)
}

/// Parses `registry:HOST[:PORT]/REPO[:TAG|@DIGEST]` (the prefix optional).
pub fn parse(s: &str) -> Result<Reference, String> {
    let bad = |why: &str| Err(format!("registry reference {s:?}: {why}"));
    if s.len() > MAX_LEN {
        return Err(format!(
            "registry reference of {} bytes: over the bound of {MAX_LEN}",
            s.len()
        ));
    }
    let rest = s.strip_prefix(PREFIX).unwrap_or(s);
    let Some((host, path)) = rest.split_once('/') else {
        return bad("expected HOST[:PORT]/REPO[:TAG|@DIGEST]");
    };
    let host = parse_host(host).map_err(|e| format!("registry reference {s:?}: {e}"))?;
    let (path, digest) = match path.split_once('@') {
        Some((p, d)) => {
            check_digest(d).map_err(|e| format!("registry reference {s:?}: {e}"))?;
            (p, Some(d.to_string()))
        }
        None => (path, None),
    };
    let (repo, tag) = match path.rfind(':') {
        Some(i) if !path[i..].contains('/') => (&path[..i], Some(&path[i + 1..])),
        _ => (path, None),
    };
    if let Some(t) = tag {
        let ok = !t.is_empty()
            && t.len() <= 128
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            && !t.starts_with(['.', '-']);
        if !ok {
            return bad("a tag is 1 to 128 of A-Z a-z 0-9 _ . - and starts with neither . nor -");
        }
    }
    if repo.is_empty() || repo.len() > 255 {
        return bad("the repository name is empty or over 255 bytes");
    }
    for c in repo.split('/') {
        let ok = !c.is_empty()
            && c.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
            })
            && c.as_bytes()[0].is_ascii_alphanumeric()
            && c.as_bytes()[c.len() - 1].is_ascii_alphanumeric();
        if !ok {
            return bad(&format!(
                "repository component {c:?}: lowercase letters, digits and . _ - between them"
            ));
        }
    }
    let tag = match (tag, &digest) {
        (Some(t), _) => Some(t.to_string()),
        (None, Some(_)) => None,
        (None, None) => Some("latest".to_string()),
    };
    Ok(Reference {
        host,
        repo: repo.to_string(),
        tag,
        digest,
    })
}

/// `sha256:` and 64 lowercase hex digits.
pub fn check_digest(d: &str) -> Result<(), String> {
    let Some(hex) = d.strip_prefix("sha256:") else {
        return Err(format!(
            "digest {d:?}: only sha256:<hex> digests are supported"
        ));
    };
    if hex.len() != 64
        || !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(format!("digest {d:?}: not 64 lowercase hex digits"));
    }
    Ok(())
}

/// A registry host: `name[:port]`, `ipv4[:port]` or `[ipv6][:port]`,
/// lowercased. User information (`user:pw@`) is refused: credentials are
/// never part of a reference.
pub fn parse_host(h: &str) -> Result<String, String> {
    let h = h.trim_end_matches('/');
    if h.is_empty() {
        return Err("no registry host".to_string());
    }
    if h.contains('@') {
        return Err(
            "a registry host holds no credentials (use --username and --password-stdin)"
                .to_string(),
        );
    }
    if h.len() > 255 {
        return Err("registry host over 255 bytes".to_string());
    }
    let (name, port) = if let Some(v6) = h.strip_prefix('[') {
        let Some((addr, rest)) = v6.split_once(']') else {
            return Err(format!(
                "registry host {h:?}: unclosed [ of an IPv6 address"
            ));
        };
        if addr.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(format!("registry host {h:?}: not an IPv6 address"));
        }
        match rest {
            "" => (addr, None),
            r => match r.strip_prefix(':') {
                Some(p) => (addr, Some(p)),
                None => return Err(format!("registry host {h:?}: text after the address")),
            },
        }
    } else {
        match h.split_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (h, None),
        }
    };
    if let Some(p) = port {
        if p.is_empty()
            || p.len() > 5
            || !p.bytes().all(|b| b.is_ascii_digit())
            || p.parse::<u16>().is_err()
        {
            return Err(format!(
                "registry host {h:?}: port {p:?} is not a number up to 65535"
            ));
        }
    }
    if !h.starts_with('[') {
        let ok = name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
            && !name.starts_with(['.', '-']);
        if !ok {
            return Err(format!(
                "registry host {h:?}: letters, digits, . and - only"
            ));
        }
    }
    Ok(h.to_ascii_lowercase())
}

/// The host name of `host[:port]` (no port, no brackets).
pub fn host_name(host: &str) -> &str {
    if let Some(v6) = host.strip_prefix('[') {
        return v6.split(']').next().unwrap_or(v6);
    }
    host.split(':').next().unwrap_or(host)
}

/// The port of `host[:port]`, else `default`.
pub fn port(host: &str, default: u16) -> u16 {
    let after = match host.strip_prefix('[') {
        Some(v6) => v6.split_once(']').map(|(_, r)| r).unwrap_or(""),
        None => host.split_once(':').map(|(_, p)| p).map_or("", |p| p),
    };
    let after = after.strip_prefix(':').unwrap_or(after);
    after.parse().unwrap_or(default)
}

/// A loopback host (`localhost`, 127.0.0.0/8, ::1): plain HTTP is allowed
/// to it without --insecure-registry, as the engine allows it.
pub fn is_loopback(host: &str) -> bool {
    // A bare IPv6 address (`::1`) has colons but no port.
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let name = host_name(host);
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse() {
        let r = parse("registry:127.0.0.1:5000/app:1").unwrap();
        assert_eq!(r.host, "127.0.0.1:5000");
        assert_eq!(r.repo, "app");
        assert_eq!(r.tag.as_deref(), Some("1"));
        assert_eq!(r.digest, None);
        assert_eq!(r.target(), "1");
        assert_eq!(r.to_string(), "registry:127.0.0.1:5000/app:1");

        let d = format!("sha256:{}", "a".repeat(64));
        let r = parse(&format!("registry:Reg.Example:443/team/app@{d}")).unwrap();
        assert_eq!(r.host, "reg.example:443");
        assert_eq!(r.repo, "team/app");
        assert_eq!(r.tag, None);
        assert_eq!(r.target(), d);

        let r = parse(&format!("registry:[::1]:5000/a/b:v1.2@{d}")).unwrap();
        assert_eq!(r.host, "[::1]:5000");
        assert_eq!(r.tag.as_deref(), Some("v1.2"));
        assert_eq!(r.target(), d, "the digest wins over the tag");
        assert!(is_loopback(&r.host));
        assert_eq!(port(&r.host, 443), 5000);
        assert_eq!(host_name(&r.host), "::1");

        let r = parse("registry:localhost/app").unwrap();
        assert_eq!(r.tag.as_deref(), Some("latest"));
        assert!(is_loopback("localhost"));
        assert_eq!(port("localhost", 443), 443);
        assert!(!is_loopback("reg.example:5000"));
    }

    #[test]
    fn bad_references_are_named() {
        for (s, why) in [
            ("registry:app", "expected HOST"),
            ("registry:h:5000/App:1", "repository component \"App\""),
            ("registry:h:99999/app", "port \"99999\""),
            ("registry:u:pw@h/app", "holds no credentials"),
            ("registry:h/app:", "a tag is"),
            ("registry:h/app@sha256:abc", "not 64 lowercase hex"),
            ("registry:h/app@md5:abc", "only sha256"),
            ("registry:h//app", "repository component \"\""),
            ("registry:[::1/app", "unclosed"),
        ] {
            let e = parse(s).unwrap_err();
            assert!(e.contains(why), "{s}: {e}");
        }
        assert!(parse(&format!("registry:h/{}", "a".repeat(2000)))
            .unwrap_err()
            .contains("over the bound"));
    }

    #[test]
    fn loopback_names_only() {
        for n in [
            "localhost",
            "localhost:5000",
            "127.0.0.1:5000",
            "127.3.4.5",
            "[::1]:5000",
            "::1",
        ] {
            assert!(is_loopback(n), "{n}");
        }
        for n in [
            "localhost.corp.example.com:5000",
            "127.registry.example:5000",
            "registry.local:5000",
            "10.0.0.1:5000",
        ] {
            assert!(!is_loopback(n), "{n}");
        }
    }
}
