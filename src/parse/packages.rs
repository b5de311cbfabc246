//! Package-database and metadata parsers over bytes already read: dpkg
//! status, apk installed, Python METADATA/PKG-INFO, package.json, Java
//! pom.properties (inside a jar), Go build info and cargo-auditable data in
//! ELF binaries, os-release, passwd and shadow. Pure: no I/O, never panics
//! on hostile input (fuzzed under fuzz/). The OS databases (dpkg, apk,
//! passwd, shadow, os-release) are parsed by `crate::parse::osdb`, shared
//! with the host collector; this module turns its records into image facts.

use std::io::Read;

use crate::facts::image::{OsRelease, Package, PasswdEntry, ShadowEntry};
use crate::parse::osdb;

fn pkg(kind: &str, name: &str, version: &str, location: &str) -> Package {
    Package {
        kind: kind.to_string(),
        name: name.to_string(),
        version: version.to_string(),
        location: location.to_string(),
        ..Default::default()
    }
}

/// dpkg status (or a distroless status.d file): installed packages only
/// (the one dpkg parser: `crate::parse::osdb`).
pub fn parse_dpkg(text: &str, location: &str) -> Vec<Package> {
    osdb::dpkg_installed(text, location)
        .into_iter()
        .map(|r| {
            let mut p = pkg("deb", &r.name, &r.version, location);
            if let Some((name, version)) = r.source_name_version() {
                p.source_name = Some(name);
                p.source_version = Some(version);
            }
            p.arch = r.arch;
            p
        })
        .collect()
}

/// apk's /lib/apk/db/installed (the one apk parser: `crate::parse::osdb`).
pub fn parse_apk(text: &str, location: &str) -> Vec<Package> {
    osdb::apk_installed(text)
        .into_iter()
        .map(|r| {
            let mut p = pkg("apk", &r.name, &r.version, location);
            p.arch = r.arch;
            p.license = r.license;
            if let Some(origin) = r.origin {
                p.source_name = Some(origin);
                p.source_version = Some(r.version.clone());
            }
            p
        })
        .collect()
}

/// Python core metadata (dist-info/METADATA, egg-info/PKG-INFO): the header
/// block up to the first blank line.
pub fn parse_python_metadata(text: &str, location: &str) -> Option<Package> {
    let mut name = None;
    let mut version = None;
    let mut license = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            match k.trim() {
                "Name" if name.is_none() => name = Some(v.trim().to_string()),
                "Version" if version.is_none() => version = Some(v.trim().to_string()),
                "License-Expression" => license = Some(v.trim().to_string()),
                "License" if license.is_none() && !v.trim().is_empty() && v.len() < 80 => {
                    license = Some(v.trim().to_string())
                }
                _ => {}
            }
        }
    }
    let (name, version) = (name?, version?);
    if name.is_empty() || version.is_empty() {
        return None;
    }
    let mut p = pkg("pypi", &name, &version, location);
    p.license = license;
    Some(p)
}

/// node_modules/<name>/package.json (the package's own, not the app's).
pub fn parse_package_json(text: &str, location: &str) -> Option<Package> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let name = v.get("name")?.as_str()?;
    let version = v.get("version")?.as_str()?;
    if name.is_empty() || version.is_empty() {
        return None;
    }
    let (ns, short) = match name.strip_prefix('@').and_then(|n| n.split_once('/')) {
        Some((scope, n)) => (Some(format!("@{scope}")), n),
        None => (None, name),
    };
    let mut p = pkg("npm", short, version, location);
    p.namespace = ns;
    p.license = v
        .get("license")
        .and_then(|l| l.as_str())
        .map(str::to_string);
    Some(p)
}

/// Maven packages of a Java archive: its `META-INF/maven/**/pom.properties`,
/// and those of the archives it holds (Spring Boot `BOOT-INF/lib/*.jar`,
/// `WEB-INF/lib/*.jar`), two levels deep. Err when the archive itself is
/// not a zip; a nested archive that cannot be read is named in the second
/// list (`outer!/inner: why`), never dropped in silence. Bounded: at most
/// 1000 nested archives, each within 64 MiB and all within 512 MiB once
/// decompressed.
pub fn parse_jar(bytes: &[u8], location: &str) -> Result<(Vec<Package>, Vec<String>), String> {
    let mut budget: u64 = 512 << 20;
    let mut unread = Vec::new();
    let pkgs = jar_at(bytes, location, 0, &mut budget, &mut unread)?;
    Ok((pkgs, unread))
}

fn jar_at(
    bytes: &[u8],
    location: &str,
    depth: usize,
    budget: &mut u64,
    unread: &mut Vec<String>,
) -> Result<Vec<Package>, String> {
    const NESTED_MAX: u64 = 64 << 20;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip archive: {e}"))?;
    let mut out = Vec::new();
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .filter(|n| n.starts_with("META-INF/maven/") && n.ends_with("/pom.properties"))
        .map(|n| n.to_string())
        .take(1000)
        .collect();
    for n in names {
        let Ok(f) = zip.by_name(&n) else { continue };
        let mut text = String::new();
        if f.take(64 * 1024).read_to_string(&mut text).is_err() {
            continue;
        }
        let get = |k: &str| {
            text.lines()
                .filter_map(|l| l.split_once('='))
                .find(|(key, _)| key.trim() == k)
                .map(|(_, v)| v.trim().to_string())
        };
        if let (Some(g), Some(a), Some(v)) = (get("groupId"), get("artifactId"), get("version")) {
            let mut p = pkg("maven", &a, &v, location);
            p.namespace = Some(g);
            out.push(p);
        }
    }
    if depth >= 2 {
        return Ok(out);
    }
    let nested: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .filter(|n| {
            let l = n.to_ascii_lowercase();
            l.ends_with(".jar") || l.ends_with(".war") || l.ends_with(".ear")
        })
        .map(|n| n.to_string())
        .take(1000)
        .collect();
    let mut inner = Vec::new();
    for n in nested {
        let at = format!("{location}!/{n}");
        let f = match zip.by_name(&n) {
            Ok(f) => f,
            Err(e) => {
                unread.push(format!("{at}: {e}"));
                continue;
            }
        };
        let size = f.size();
        if size > NESTED_MAX || size > *budget {
            unread.push(format!(
                "{at}: {size} bytes, over the bound for nested archives ({} bytes left of 512 MiB, 64 MiB each)",
                (*budget).min(NESTED_MAX)
            ));
            continue;
        }
        inner.clear();
        if let Err(e) = f.take(size).read_to_end(&mut inner) {
            unread.push(format!("{at}: {e}"));
            continue;
        }
        *budget -= inner.len() as u64;
        match jar_at(&inner, &at, depth + 1, budget, unread) {
            Ok(p) => out.extend(p),
            Err(e) => unread.push(format!("{at}: {e}")),
        }
    }
    Ok(out)
}

/// Reads a uvarint (Go's encoding/binary) at `*pos`.
fn uvarint(b: &[u8], pos: &mut usize) -> Option<u64> {
    let mut x: u64 = 0;
    let mut s = 0u32;
    for i in 0..10 {
        let byte = *b.get(*pos + i)?;
        if byte < 0x80 {
            *pos += i + 1;
            return Some(x | (byte as u64) << s);
        }
        x |= ((byte & 0x7f) as u64) << s;
        s += 7;
    }
    None
}

/// The Go build info magic, at the start of the .go.buildinfo section.
pub const GO_BUILDINFO_MAGIC: &[u8] = b"\xff Go buildinf:";

/// Why a Go binary's modules are not listed: its build info is in the
/// format of Go 1.17 and older (pointers into the data segment), not read.
pub const GO_BUILDINFO_OLD: &str =
    "Go build info in the format of Go 1.17 or older is not read; its Go version and modules are not listed";

/// Go modules from the build info that follows the magic (Go 1.18+ inline
/// string format). `tail` starts at the magic. Build info in the older
/// pointer format is an error (the binary's packages are unknown, never
/// absent); a blob that is not build info gives nothing.
pub fn parse_go_buildinfo(tail: &[u8], location: &str) -> Result<Vec<Package>, &'static str> {
    if tail.len() < 32 || !tail.starts_with(GO_BUILDINFO_MAGIC) {
        return Ok(Vec::new());
    }
    let (ptr_size, flags) = (tail[14], tail[15]);
    if flags & 2 == 0 {
        // The pointer format names its pointer size (4 or 8 bytes).
        return if matches!(ptr_size, 4 | 8) {
            Err(GO_BUILDINFO_OLD)
        } else {
            Ok(Vec::new())
        };
    }
    let mut pos = 32;
    let read_str = |pos: &mut usize| -> Option<String> {
        let n = uvarint(tail, pos)? as usize;
        let s = tail.get(*pos..pos.checked_add(n)?)?;
        *pos += n;
        Some(String::from_utf8_lossy(s).into_owned())
    };
    let Some(go_version) = read_str(&mut pos) else {
        return Ok(Vec::new());
    };
    let Some(modinfo) = read_str(&mut pos) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut last_dep: Option<usize> = None;
    for line in modinfo.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            ["mod", path, version, ..] | ["dep", path, version, ..] => {
                let v = if *version == "(devel)" { "" } else { version };
                out.push(pkg("golang", path, v, location));
                last_dep = Some(out.len() - 1);
            }
            ["=>", path, version, ..] => {
                if let Some(i) = last_dep {
                    out[i].name = path.to_string();
                    out[i].version = version.to_string();
                }
            }
            _ => {}
        }
    }
    if go_version.starts_with("go") {
        out.push(pkg(
            "golang",
            "stdlib",
            go_version.trim_start_matches("go"),
            location,
        ));
    }
    out.retain(|p| !p.name.is_empty());
    Ok(out)
}

/// An ELF section by name: (offset, size) in the file.
fn elf_section(b: &[u8], want: &str) -> Option<(usize, usize)> {
    if b.len() < 64 || &b[..4] != b"\x7fELF" {
        return None;
    }
    let is64 = b[4] == 2;
    let le = b[5] == 1;
    let rd = |off: usize, n: usize| -> Option<u64> {
        let s = b.get(off..off.checked_add(n)?)?;
        let mut v: u64 = 0;
        for i in 0..n {
            let byte = if le { s[n - 1 - i] } else { s[i] } as u64;
            v = (v << 8) | byte;
        }
        Some(v)
    };
    let (shoff, shentsize, shnum, shstrndx) = if is64 {
        (rd(0x28, 8)?, rd(0x3a, 2)?, rd(0x3c, 2)?, rd(0x3e, 2)?)
    } else {
        (rd(0x20, 4)?, rd(0x2e, 2)?, rd(0x30, 2)?, rd(0x32, 2)?)
    };
    let (shoff, shentsize, shnum) = (shoff as usize, shentsize as usize, shnum as usize);
    if shnum == 0 || shnum > 4096 || shentsize < 40 {
        return None;
    }
    let sec = |i: usize| -> Option<(u64, u64, u64)> {
        let base = shoff.checked_add(i.checked_mul(shentsize)?)?;
        let at = |d: usize| base.saturating_add(d);
        if is64 {
            Some((rd(base, 4)?, rd(at(0x18), 8)?, rd(at(0x20), 8)?))
        } else {
            Some((rd(base, 4)?, rd(at(0x10), 4)?, rd(at(0x14), 4)?))
        }
    };
    let (_, str_off, str_size) = sec(shstrndx as usize)?;
    let strtab = b.get(str_off as usize..(str_off.checked_add(str_size)?) as usize)?;
    for i in 0..shnum {
        let (name_off, off, size) = sec(i)?;
        let name = strtab.get(name_off as usize..)?;
        let end = name.iter().position(|&c| c == 0)?;
        if &name[..end] == want.as_bytes() {
            return Some((off as usize, size as usize));
        }
    }
    None
}

/// Rust crates from cargo-auditable's `.dep-v0` section (zlib JSON).
pub fn parse_cargo_auditable(elf: &[u8], location: &str) -> Vec<Package> {
    let Some((off, size)) = elf_section(elf, ".dep-v0") else {
        return Vec::new();
    };
    let Some(data) = off.checked_add(size).and_then(|end| elf.get(off..end)) else {
        return Vec::new();
    };
    let mut json = Vec::new();
    let dec = flate2::read::ZlibDecoder::new(data);
    if dec.take(8 * 1024 * 1024).read_to_end(&mut json).is_err() {
        return Vec::new();
    }
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(&json) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in v
        .get("packages")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
    {
        let name = p.get("name").and_then(|n| n.as_str()).unwrap_or("");
        let version = p.get("version").and_then(|n| n.as_str()).unwrap_or("");
        if !name.is_empty() && !version.is_empty() {
            out.push(pkg("cargo", name, version, location));
        }
    }
    out
}

/// Go and Rust packages of an ELF binary (whole file, or its first bytes up
/// to the bound: then only what lies inside is found).
pub fn parse_elf(bytes: &[u8], location: &str) -> (Vec<Package>, Option<&'static str>) {
    let cap = |tail: &[u8]| tail.len().min(1 << 20);
    let mut unread = None;
    let mut out = match elf_section(bytes, ".go.buildinfo") {
        Some((off, _)) => match bytes
            .get(off..)
            .map(|t| parse_go_buildinfo(&t[..cap(t)], location))
        {
            Some(Ok(p)) => p,
            Some(Err(e)) => {
                unread = Some(e);
                Vec::new()
            }
            None => Vec::new(),
        },
        // No section headers: the build info sits 16-byte aligned in the
        // data (as Go's debug/buildinfo looks for it); the magic elsewhere
        // is a string in read-only data, passed over.
        None => {
            let mut found = Vec::new();
            for off in memchr::memmem::find_iter(bytes, GO_BUILDINFO_MAGIC).filter(|o| o % 16 == 0)
            {
                let tail = &bytes[off..];
                match parse_go_buildinfo(&tail[..cap(tail)], location) {
                    Ok(p) if !p.is_empty() => {
                        found = p;
                        unread = None;
                        break;
                    }
                    Ok(_) => {}
                    Err(e) => unread = Some(e),
                }
            }
            found
        }
    };
    out.extend(parse_cargo_auditable(bytes, location));
    (out, unread)
}

/// One rpm header blob (as stored in rpmdb: index count, data length,
/// index entries, data store): name, version, release, epoch, arch,
/// license, source rpm.
pub fn parse_rpm_header(blob: &[u8], location: &str) -> Option<Package> {
    let be = |o: usize| -> Option<u32> {
        let b = blob.get(o..o.checked_add(4)?)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let il = be(0)? as usize;
    let dl = be(4)? as usize;
    if il == 0 || il > 100_000 {
        return None;
    }
    let data_start = 8usize.checked_add(il.checked_mul(16)?)?;
    let data = blob.get(data_start..data_start.checked_add(dl)?)?;
    let (mut name, mut version, mut release, mut arch, mut license, mut srpm) =
        (None, None, None, None, None, None);
    let mut epoch = None;
    for i in 0..il {
        let e = 8 + i * 16;
        let (tag, ty, off) = (be(e)?, be(e + 4)?, be(e + 8)? as usize);
        let string = || -> Option<String> {
            let s = data.get(off..)?;
            let end = s.iter().position(|&c| c == 0)?;
            Some(String::from_utf8_lossy(&s[..end]).into_owned())
        };
        match (tag, ty) {
            (1000, 6) => name = string(),
            (1001, 6) => version = string(),
            (1002, 6) => release = string(),
            (1003, 4) => {
                epoch = data
                    .get(off..off.checked_add(4)?)
                    .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            }
            (1014, 6) => license = string(),
            (1022, 6) => arch = string(),
            (1044, 6) => srpm = string(),
            _ => {}
        }
    }
    let name = name?;
    let mut v = format!("{}-{}", version?, release.unwrap_or_default());
    if let Some(e) = epoch.filter(|e| *e > 0) {
        v = format!("{e}:{v}");
    }
    let mut p = pkg("rpm", &name, &v, location);
    p.arch = arch;
    p.license = license;
    if let Some(src) = srpm {
        // name-version-release.src.rpm
        let base = src
            .trim_end_matches(".rpm")
            .trim_end_matches(".src")
            .trim_end_matches(".nosrc");
        let mut parts = base.rsplitn(3, '-');
        if let (Some(rel), Some(ver), Some(n)) = (parts.next(), parts.next(), parts.next()) {
            p.source_name = Some(n.to_string());
            p.source_version = Some(format!("{ver}-{rel}"));
        }
    }
    Some(p)
}

/// rpm's sqlite database (rpmdb.sqlite), opened in memory from its bytes:
/// nothing is written to disk.
pub fn parse_rpm_sqlite(bytes: &[u8], location: &str) -> Result<Vec<Package>, String> {
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Err("not an sqlite database".to_string());
    }
    let mut conn = rusqlite::Connection::open_in_memory().map_err(|e| e.to_string())?;
    conn.deserialize_read_exact(rusqlite::MAIN_DB, bytes, bytes.len(), true)
        .map_err(|e| format!("unreadable sqlite database: {e}"))?;
    let mut stmt = conn
        .prepare("SELECT blob FROM Packages")
        .map_err(|e| format!("no Packages table: {e}"))?;
    let rows = stmt
        .query_map([], |r| r.get::<_, Vec<u8>>(0))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for blob in rows.flatten() {
        if let Some(p) = parse_rpm_header(&blob, location) {
            if p.name != "gpg-pubkey" {
                out.push(p);
            }
        }
    }
    Ok(out)
}

/// os-release as the image facts hold it.
pub fn parse_os_release(text: &str, path: &str) -> OsRelease {
    let mut m = osdb::os_release(text);
    let mut take = |k: &str| m.remove(k).unwrap_or_default();
    OsRelease {
        id: take("ID"),
        version_id: take("VERSION_ID"),
        name: take("NAME"),
        pretty_name: take("PRETTY_NAME"),
        id_like: take("ID_LIKE"),
        version_codename: take("VERSION_CODENAME"),
        path: path.to_string(),
    }
}

pub fn parse_passwd(text: &str) -> Vec<PasswdEntry> {
    osdb::passwd(text)
        .into_iter()
        .map(|r| PasswdEntry {
            empty_password_field: r.password.is_empty(),
            name: r.name,
            uid: r.uid,
            gid: r.gid,
            home: r.home,
            shell: r.shell,
        })
        .collect()
}

/// Shadow entries with the hash reduced to its state: never the hash.
pub fn parse_shadow(text: &str) -> Vec<ShadowEntry> {
    osdb::shadow(text)
        .into_iter()
        .map(|r| ShadowEntry {
            name: r.name,
            password: r.password.to_string(),
        })
        .collect()
}

/// Tests: Go build info as the toolchain writes it inline (Go 1.18+),
/// for go1.22.1 and one dependency, `"module version"`.
#[cfg(test)]
pub(crate) fn go_buildinfo_blob(dep: &str) -> Vec<u8> {
    let (module, version) = dep.split_once(' ').unwrap_or((dep, ""));
    let mut b = GO_BUILDINFO_MAGIC.to_vec();
    b.extend_from_slice(&[8, 2]);
    b.resize(32, 0);
    let ver = b"go1.22.1";
    let modinfo = format!(
        "path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\t{module}\t{version}\th1:x\n"
    );
    b.push(ver.len() as u8);
    b.extend_from_slice(ver);
    b.push((modinfo.len() & 0x7f) as u8 | 0x80);
    b.push((modinfo.len() >> 7) as u8);
    b.extend_from_slice(modinfo.as_bytes());
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dpkg_installed_only_with_source() {
        let t = "Package: a\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\nSource: asrc (0.9)\nDescription: x\n continued\n\nPackage: b\nStatus: deinstall ok config-files\nVersion: 2\n\nPackage: c\nStatus: install ok installed\nVersion: 3\nSource: csrc\n";
        let p = parse_dpkg(t, "/var/lib/dpkg/status");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].source_name.as_deref(), Some("asrc"));
        assert_eq!(p[0].source_version.as_deref(), Some("0.9"));
        assert_eq!(p[1].source_version.as_deref(), Some("3"));
        let d = parse_dpkg("Package: base\nVersion: 1\n", "/var/lib/dpkg/status.d/base");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn apk_and_python_and_npm() {
        let a = parse_apk(
            "C:Q1\nP:musl\nV:1.2.4-r2\nA:x86_64\no:musl\nL:MIT\n\nP:busybox\nV:1.36\n",
            "/lib/apk/db/installed",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].source_name.as_deref(), Some("musl"));
        let p = parse_python_metadata(
            "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n\nName: nope\n",
            "x",
        )
        .unwrap();
        assert_eq!(
            (p.name.as_str(), p.version.as_str()),
            ("requests", "2.31.0")
        );
        let n = parse_package_json(r#"{"name":"@babel/core","version":"7.0.0"}"#, "x").unwrap();
        assert_eq!(n.namespace.as_deref(), Some("@babel"));
        assert!(parse_package_json("{", "x").is_none());
    }

    #[test]
    fn go_buildinfo_inline() {
        let b = go_buildinfo_blob("golang.org/x/sys v0.1.0");
        let p = parse_go_buildinfo(&b, "/app").unwrap();
        assert!(p
            .iter()
            .any(|p| p.name == "golang.org/x/sys" && p.version == "v0.1.0"));
        assert!(p
            .iter()
            .any(|p| p.name == "stdlib" && p.version == "1.22.1"));
        // Go 1.17 and older: pointers into the data segment, not read:
        // an error, never an empty list.
        let mut old = b.clone();
        old[15] = 0;
        assert_eq!(parse_go_buildinfo(&old, "/app"), Err(GO_BUILDINFO_OLD));
        let mut elf = b"\x7fELF\x02\x01".to_vec();
        elf.resize(64, 0);
        elf.extend_from_slice(&old);
        assert_eq!(
            parse_elf(&elf, "/app"),
            (Vec::new(), Some(GO_BUILDINFO_OLD))
        );
        // Off the 16-byte alignment the magic is a string, not build info.
        let mut odd = b"\x7fELF\x02\x01".to_vec();
        odd.resize(67, 0);
        odd.extend_from_slice(&old);
        assert_eq!(parse_elf(&odd, "/app"), (Vec::new(), None));
        // A magic followed by no pointer size is not build info.
        old[14] = b'x';
        assert_eq!(parse_go_buildinfo(&old, "/app"), Ok(Vec::new()));
        // Truncated input never panics.
        for n in 0..b.len() {
            let _ = parse_go_buildinfo(&b[..n], "/app");
        }
    }

    #[test]
    fn passwd_shadow() {
        let p = parse_passwd("root:x:0:0:root:/root:/bin/sh\ntoor::0:0::/:/bin/sh\nbad\n");
        assert_eq!(p.len(), 3);
        assert_eq!(p[2].uid, None);
        assert_eq!(p[1].uid, Some(0));
        assert!(p[1].empty_password_field);
        let s = parse_shadow("root:!:1::\napp::1::\nu:$6$abc:1\n");
        assert_eq!(s[0].password, "locked");
        assert_eq!(s[1].password, "empty");
        assert_eq!(s[2].password, "hash");
    }

    /// An rpm header blob from (tag, type, value) string/int32 entries.
    pub fn rpm_blob(entries: &[(u32, &str)], epoch: Option<u32>) -> Vec<u8> {
        let mut index = Vec::new();
        let mut data = Vec::new();
        let mut n = 0u32;
        for (tag, v) in entries {
            index.extend_from_slice(&tag.to_be_bytes());
            index.extend_from_slice(&6u32.to_be_bytes());
            index.extend_from_slice(&(data.len() as u32).to_be_bytes());
            index.extend_from_slice(&1u32.to_be_bytes());
            data.extend_from_slice(v.as_bytes());
            data.push(0);
            n += 1;
        }
        if let Some(e) = epoch {
            while data.len() % 4 != 0 {
                data.push(0);
            }
            index.extend_from_slice(&1003u32.to_be_bytes());
            index.extend_from_slice(&4u32.to_be_bytes());
            index.extend_from_slice(&(data.len() as u32).to_be_bytes());
            index.extend_from_slice(&1u32.to_be_bytes());
            data.extend_from_slice(&e.to_be_bytes());
            n += 1;
        }
        let mut b = n.to_be_bytes().to_vec();
        b.extend_from_slice(&(data.len() as u32).to_be_bytes());
        b.extend(index);
        b.extend(data);
        b
    }

    #[test]
    fn rpm_sqlite_in_memory() {
        let blob = rpm_blob(
            &[
                (1000, "openssl-libs"),
                (1001, "3.0.7"),
                (1002, "27.el9"),
                (1022, "x86_64"),
                (1044, "openssl-3.0.7-27.el9.src.rpm"),
            ],
            Some(1),
        );
        let dir = std::env::temp_dir().join(format!("dockaudit-rpm-{}", std::process::id()));
        let _ = std::fs::remove_file(&dir);
        {
            let c = rusqlite::Connection::open(&dir).unwrap();
            c.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)", [])
                .unwrap();
            c.execute("INSERT INTO Packages (blob) VALUES (?1)", [&blob])
                .unwrap();
        }
        let bytes = std::fs::read(&dir).unwrap();
        let _ = std::fs::remove_file(&dir);
        let p = parse_rpm_sqlite(&bytes, "/var/lib/rpm/rpmdb.sqlite").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].version, "1:3.0.7-27.el9");
        assert_eq!(p[0].source_name.as_deref(), Some("openssl"));
        assert_eq!(p[0].source_version.as_deref(), Some("3.0.7-27.el9"));
        assert!(parse_rpm_sqlite(b"SQLite format 3\0garbage", "x").is_err());
        for n in 0..blob.len() {
            let _ = parse_rpm_header(&blob[..n], "x");
        }
    }

    #[test]
    fn jar_pom_properties() {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("META-INF/maven/org.example/demo/pom.properties", o)
            .unwrap();
        w.write_all(b"#x\ngroupId=org.example\nartifactId=demo\nversion=1.4.2\n")
            .unwrap();
        w.start_file("org/example/Demo.class", o).unwrap();
        w.write_all(b"\xca\xfe\xba\xbe").unwrap();
        let bytes = w.finish().unwrap().into_inner();
        let (p, unread) = parse_jar(&bytes, "/app/demo.jar").unwrap();
        assert!(unread.is_empty());
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].namespace.as_deref(), Some("org.example"));
        assert_eq!(
            (p[0].name.as_str(), p[0].version.as_str()),
            ("demo", "1.4.2")
        );
    }

    #[test]
    fn fat_jar_nested_archives_are_read_and_a_broken_one_is_named() {
        use std::io::Write;
        let jar = |entries: &[(&str, &[u8])], method: zip::CompressionMethod| {
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let o = zip::write::SimpleFileOptions::default().compression_method(method);
            for (n, b) in entries {
                w.start_file(*n, o).unwrap();
                w.write_all(b).unwrap();
            }
            w.finish().unwrap().into_inner()
        };
        let log4j = jar(
            &[(
                "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
                b"groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n",
            )],
            zip::CompressionMethod::Deflated,
        );
        let fat = jar(
            &[
                (
                    "META-INF/maven/com.example/app/pom.properties",
                    b"groupId=com.example\nartifactId=app\nversion=1.0\n",
                ),
                ("BOOT-INF/lib/log4j-core-2.14.1.jar", &log4j),
                ("BOOT-INF/lib/broken.jar", b"PK\x03\x04garbage"),
            ],
            zip::CompressionMethod::Stored,
        );
        let (p, unread) = parse_jar(&fat, "/app/app.jar").unwrap();
        let names: Vec<(&str, &str)> = p
            .iter()
            .map(|p| (p.name.as_str(), p.location.as_str()))
            .collect();
        assert!(names.contains(&("app", "/app/app.jar")), "{names:?}");
        assert!(
            names.contains(&(
                "log4j-core",
                "/app/app.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar"
            )),
            "{names:?}"
        );
        assert_eq!(unread.len(), 1, "{unread:?}");
        assert!(
            unread[0].starts_with("/app/app.jar!/BOOT-INF/lib/broken.jar: "),
            "{unread:?}"
        );
    }

    #[test]
    fn hostile_elf_never_panics() {
        let mut b = b"\x7fELF\x02\x01".to_vec();
        b.resize(64, 0xff);
        assert_eq!(parse_elf(&b, "x"), (Vec::new(), None));
        assert!(parse_jar(b"PK\x03\x04garbage", "x").is_err());
    }
}
