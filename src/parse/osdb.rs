//! The one parser per operating-system database format: dpkg status, apk
//! installed, /etc/passwd, /etc/group, /etc/shadow and os-release. Used by
//! the host collector and the image layer reader alike, so a file means the
//! same thing on a host and in an image. Pure: text in, records out; no
//! I/O, never panics on hostile input (fuzzed under fuzz/, target `osdb`).
//!
//! Rules shared by every format (the cases where the two former parsers
//! disagreed):
//! - Lines end in `\n` or `\r\n`; a line of only whitespace is empty.
//! - Bad input is skipped line by line (or stanza by stanza), never fatal.
//! - Callers decode bytes with `String::from_utf8_lossy`: a non-UTF-8 byte
//!   becomes U+FFFD inside its value and does not drop the record.

use std::collections::BTreeMap;

/// One stanza of dpkg status (RFC 822 style).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DebRecord {
    pub name: String,
    pub version: String,
    pub arch: Option<String>,
    /// `Source:` as written: `name` or `name (version)`.
    pub source: Option<String>,
    pub status: Option<String>,
}

impl DebRecord {
    /// The package's files are on disk: any status but `not-installed`
    /// and `config-files` (a package left `unpacked`, `half-configured` or
    /// `triggers-pending` runs its code as an installed one does); a
    /// stanza without Status counts only where the format has none (the
    /// distroless `status.d/` files).
    pub fn installed(&self, status_optional: bool) -> bool {
        match &self.status {
            Some(s) => !matches!(
                s.split_whitespace().last(),
                None | Some("not-installed" | "config-files")
            ),
            None => status_optional,
        }
    }

    /// `Source:` split into name and version (the package's own version
    /// when the field names none).
    pub fn source_name_version(&self) -> Option<(String, String)> {
        let src = self.source.as_deref()?;
        let (name, version) = match src.split_once('(') {
            Some((n, v)) => (n.trim(), v.trim_end_matches(')').trim()),
            None => (src.trim(), self.version.as_str()),
        };
        (!name.is_empty()).then(|| (name.to_string(), version.to_string()))
    }
}

/// Whether a dpkg database path has no Status fields (distroless).
pub fn dpkg_status_optional(location: &str) -> bool {
    location.contains("/status.d/")
}

/// Blank-line separated stanzas of `Key: value` fields. Continuation lines
/// (leading space or tab) belong to the field above and are not needed;
/// `#` lines are comments (deb822). Field names compare case-insensitively;
/// a field repeated in one stanza keeps its first value (dpkg refuses the
/// duplicate, so the first is the one it would have read).
fn stanzas(text: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') || line.starts_with('#') {
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            let k = k.trim();
            if !k.is_empty() && !cur.iter().any(|(key, _)| key.eq_ignore_ascii_case(k)) {
                cur.push((k.to_string(), v.trim().to_string()));
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Every dpkg stanza naming a package and a version (installed or not:
/// see [`DebRecord::installed`]). A stanza missing either is skipped.
pub fn dpkg_status(text: &str) -> Vec<DebRecord> {
    stanzas(text)
        .into_iter()
        .filter_map(|st| {
            let get = |k: &str| {
                st.iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(k))
                    .map(|(_, v)| v.clone())
                    .filter(|v| !v.is_empty())
            };
            Some(DebRecord {
                name: get("Package")?,
                version: get("Version")?,
                arch: get("Architecture"),
                source: get("Source"),
                status: get("Status"),
            })
        })
        .collect()
}

/// The installed packages of a dpkg database at `location`.
pub fn dpkg_installed(text: &str, location: &str) -> Vec<DebRecord> {
    let optional = dpkg_status_optional(location);
    dpkg_status(text)
        .into_iter()
        .filter(|r| r.installed(optional))
        .collect()
}

/// One package of apk's /lib/apk/db/installed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApkRecord {
    pub name: String,
    pub version: String,
    pub arch: Option<String>,
    /// `o:` origin (the source package).
    pub origin: Option<String>,
    pub license: Option<String>,
}

/// apk's installed database: blank-line separated stanzas of one-letter
/// `K:value` lines (`P:` name, `V:` version, `A:` arch, `o:` origin, `L:`
/// license; keys are case-sensitive: `C:` and `c:` differ). A repeated key
/// keeps its last value, as apk does. A stanza without a name or a version
/// is skipped.
pub fn apk_installed(text: &str) -> Vec<ApkRecord> {
    let mut out = Vec::new();
    let mut cur = ApkRecord::default();
    let mut flush = |cur: &mut ApkRecord| {
        let r = std::mem::take(cur);
        if !r.name.is_empty() && !r.version.is_empty() {
            out.push(r);
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut cur);
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k {
            "P" => cur.name = v.to_string(),
            "V" => cur.version = v.to_string(),
            "A" => cur.arch = Some(v.to_string()),
            "o" => cur.origin = Some(v.to_string()),
            "L" => cur.license = Some(v.to_string()),
            _ => {}
        }
    }
    flush(&mut cur);
    out
}

/// The lines of a colon-separated account file that hold an entry: blank
/// lines, `#` comments and NIS compat lines (`+`/`-`: not local accounts)
/// are skipped.
fn account_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(|l| l.trim_end())
        .filter(|l| {
            !l.trim().is_empty()
                && !l.starts_with('#')
                && !l.starts_with('+')
                && !l.starts_with('-')
        })
        .map(|l| l.split(':').collect::<Vec<&str>>())
        .filter(|f| !f[0].trim().is_empty())
}

fn id(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

/// One /etc/passwd entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PasswdRecord {
    pub name: String,
    /// The password field as written (`x`, empty, ...).
    pub password: String,
    /// None when not a number.
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub gecos: String,
    pub home: String,
    pub shell: String,
}

/// /etc/passwd: `name:password:uid:gid[:gecos:home:shell]`; missing
/// trailing fields are empty. A line with a uid or gid that is missing or
/// not a number is kept with None: the container runtime reads such a
/// field as 0 (root), so it is never left out.
pub fn passwd(text: &str) -> Vec<PasswdRecord> {
    account_lines(text)
        .map(|f| {
            let get = |i: usize| f.get(i).copied().unwrap_or("").to_string();
            PasswdRecord {
                name: f[0].trim().to_string(),
                password: get(1),
                uid: f.get(2).and_then(|u| id(u)),
                gid: f.get(3).and_then(|g| id(g)),
                gecos: get(4),
                home: get(5),
                shell: get(6),
            }
        })
        .collect()
}

/// One /etc/group entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupRecord {
    pub name: String,
    pub gid: Option<u32>,
    pub members: Vec<String>,
}

/// /etc/group: `name:password:gid:member,member`. The members field may be
/// missing (no members).
pub fn group(text: &str) -> Vec<GroupRecord> {
    account_lines(text)
        .filter(|f| f.len() >= 3)
        .map(|f| GroupRecord {
            name: f[0].trim().to_string(),
            gid: id(f[2]),
            members: f
                .get(3)
                .unwrap_or(&"")
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect(),
        })
        .collect()
}

/// One /etc/shadow entry, the hash reduced to its state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShadowRecord {
    pub name: String,
    /// empty, locked (`!` or `*`), or hash. Never the hash itself.
    pub password: &'static str,
}

/// /etc/shadow: `name:hash:...`; an entry needs the hash field.
pub fn shadow(text: &str) -> Vec<ShadowRecord> {
    account_lines(text)
        .filter(|f| f.len() >= 2)
        .map(|f| ShadowRecord {
            name: f[0].trim().to_string(),
            password: if f[1].is_empty() {
                "empty"
            } else if f[1].starts_with('!') || f[1].starts_with('*') {
                "locked"
            } else {
                "hash"
            },
        })
        .collect()
}

/// os-release: `KEY=value` lines as a shell would read them. `#` lines are
/// comments; keys are `[A-Za-z0-9_]+`; a value in matching double or
/// single quotes is unquoted (double quotes: `\"`, `\\`, `\$` and `` \` ``
/// unescaped); a repeated key keeps its last value.
pub fn os_release(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (k, v) in super::assignments(text) {
        out.insert(k.to_string(), unquote(v));
    }
    out
}

fn unquote(v: &str) -> String {
    let quoted = |q: char| v.len() >= 2 && v.starts_with(q) && v.ends_with(q);
    if quoted('\'') {
        return v[1..v.len() - 1].to_string();
    }
    if !quoted('"') {
        return v.to_string();
    }
    let mut out = String::new();
    let mut chars = v[1..v.len() - 1].chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(e @ ('"' | '\\' | '$' | '`')) => out.push(e),
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<T>(v: &[T], f: impl Fn(&T) -> &str) -> Vec<String> {
        v.iter().map(|r| f(r).to_string()).collect()
    }

    #[test]
    fn dpkg_crlf_and_whitespace_separators_split_stanzas() {
        // The host parser split on "\n\n" only: with CRLF or a separator
        // line holding a space, two packages became one.
        let crlf = "Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\n\r\nPackage: b\r\nStatus: install ok installed\r\nVersion: 2\r\n";
        assert_eq!(
            names(&dpkg_installed(crlf, "/var/lib/dpkg/status"), |r| &r.name),
            ["a", "b"]
        );
        let ws = "Package: a\nStatus: install ok installed\nVersion: 1\n \nPackage: b\nStatus: install ok installed\nVersion: 2\n";
        assert_eq!(dpkg_installed(ws, "/var/lib/dpkg/status").len(), 2);
    }

    #[test]
    fn dpkg_missing_fields_and_status() {
        // No Version: skipped (the host parser kept it with an empty one).
        let t = "Package: nover\nStatus: install ok installed\n\nPackage: nostat\nVersion: 1\n\nPackage: gone\nStatus: deinstall ok not-installed\nVersion: 1\n\nStatus: install ok installed\nVersion: 3\n";
        assert!(dpkg_installed(t, "/var/lib/dpkg/status").is_empty());
        // Files on disk in every other state: a package stuck in
        // triggers-pending or half-configured still runs.
        let t = "Package: half\nStatus: install ok half-installed\nVersion: 1\n\nPackage: trig\nStatus: install ok triggers-pending\nVersion: 1\n\nPackage: unp\nStatus: install ok unpacked\nVersion: 1\n\nPackage: conf\nStatus: deinstall ok config-files\nVersion: 1\n";
        assert_eq!(
            names(&dpkg_installed(t, "/var/lib/dpkg/status"), |r| &r.name),
            ["half", "trig", "unp"]
        );
        // distroless status.d files carry no Status.
        let d = dpkg_installed("Package: base\nVersion: 1\n", "/var/lib/dpkg/status.d/base");
        assert_eq!(names(&d, |r| &r.name), ["base"]);
    }

    #[test]
    fn dpkg_field_spelling_continuations_comments_duplicates() {
        // "Package:x" without a space and a lower-case key were missed by
        // the host parser; continuation lines never start a field.
        let t = "# comment: yes\npackage:x\nStatus: install ok installed\nDescription: d\n Version: 9\nVersion: 1\nVersion: 2\nSource: xs (0.1)\n";
        let r = dpkg_installed(t, "/var/lib/dpkg/status");
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].name.as_str(), r[0].version.as_str()), ("x", "1"));
        assert_eq!(
            r[0].source_name_version(),
            Some(("xs".to_string(), "0.1".to_string()))
        );
    }

    #[test]
    fn dpkg_non_utf8_and_long_lines() {
        let bytes = b"Package: caf\xe9\nStatus: install ok installed\nVersion: 1\n";
        let text = String::from_utf8_lossy(bytes);
        let r = dpkg_installed(&text, "/var/lib/dpkg/status");
        assert_eq!(r[0].name, "caf\u{fffd}");
        let long = format!(
            "Package: a\nStatus: install ok installed\nVersion: 1\nDescription: {}\n",
            "x".repeat(1 << 20)
        );
        assert_eq!(dpkg_installed(&long, "/var/lib/dpkg/status").len(), 1);
    }

    #[test]
    fn apk_crlf_missing_version_and_duplicates() {
        // The host parser kept a name without a version and merged CRLF
        // stanzas; the image parser kept "\r" out but the host did not.
        let t =
            "C:Q1\r\nP:musl\r\nV:1.2.4-r2\r\no:musl\r\n\r\nP:nover\r\n\r\nP:make\nV:4.3\nV:4.4\n";
        let r = apk_installed(t);
        assert_eq!(names(&r, |r| &r.name), ["musl", "make"]);
        assert_eq!(r[0].version, "1.2.4-r2");
        assert_eq!(r[0].origin.as_deref(), Some("musl"));
        assert_eq!(r[1].version, "4.4");
        assert!(apk_installed("p:lower\nv:1\n").is_empty());
    }

    #[test]
    fn passwd_short_lines_comments_nis_and_bad_ids() {
        // The host parser needed all 7 fields, read "#..." lines as users
        // and turned a bad uid into u32::MAX; the image parser needed 4.
        let t = "# root:x:0:0:c:/root:/bin/sh\nroot:x:0:0:root:/root:/bin/sh\r\nshort:x:1000:1000\n+::::::\n:x:1:1:::\napp:x:abc:1::/app:/bin/false\n\nbad\n";
        let r = passwd(t);
        // A line the runtime still reads (`bad`: uid 0 to it) is kept,
        // with its unknown uid.
        assert_eq!(names(&r, |r| &r.name), ["root", "short", "app", "bad"]);
        assert_eq!(r[0].shell, "/bin/sh");
        assert_eq!((r[1].uid, r[1].home.as_str()), (Some(1000), ""));
        assert_eq!(r[2].uid, None);
        assert_eq!((r[3].uid, r[3].gid), (None, None));
    }

    #[test]
    fn group_and_shadow() {
        let g = group("root:x:0:\ndocker:x:999:alice, bob,\r\nnomembers:x:5\n# c:x:1:\nbad:x\n");
        assert_eq!(names(&g, |r| &r.name), ["root", "docker", "nomembers"]);
        assert_eq!(g[1].members, ["alice", "bob"]);
        assert_eq!(g[2].gid, Some(5));
        let s = shadow("root:!:1::\napp::1::\nu:$6$abc:1\n# x:y\nonly\n");
        assert_eq!(
            s.iter().map(|s| s.password).collect::<Vec<_>>(),
            ["locked", "empty", "hash"]
        );
    }

    #[test]
    fn os_release_quotes_comments_and_bad_keys() {
        // The host parser kept "# NAME" as a key and left single quotes on.
        let t = "# NAME=\"commented\"\nNAME=\"Debian GNU/Linux\"\r\nID=debian\nVERSION_ID='12'\nPRETTY_NAME=\"say \\\"hi\\\"\"\nBAD KEY=x\n=noval\nID=debian2\nEMPTY=\n";
        let o = os_release(t);
        assert_eq!(o["NAME"], "Debian GNU/Linux");
        assert_eq!(o["ID"], "debian2");
        assert_eq!(o["VERSION_ID"], "12");
        assert_eq!(o["PRETTY_NAME"], "say \"hi\"");
        assert_eq!(o["EMPTY"], "");
        assert!(!o.keys().any(|k| k.contains(' ') || k.starts_with('#')));
        assert_eq!(os_release("\"\n'\nX=\"\nY='"), {
            let mut m = BTreeMap::new();
            m.insert("X".to_string(), "\"".to_string());
            m.insert("Y".to_string(), "'".to_string());
            m
        });
    }
}
