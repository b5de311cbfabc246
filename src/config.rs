//! dockaudit.toml, the configuration of every command: `[audit]` tunables,
//! `[severity]` overrides and `[[ignore]]` entries. Parsing and discovery
//! only: the CLI reads the file and lets its flags win, the report applies
//! severities and ignores.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checks::{self, Severity};
use crate::collect::files::{InputKind, InputLimits};
use crate::report::suppress::{IgnoreEntry, Ignores};
use crate::vuln::policy::VexEntry;

/// The file name searched from the working directory upward.
pub const FILE_NAME: &str = "dockaudit.toml";

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    audit: AuditSection,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    ignore: Vec<IgnoreEntry>,
    #[serde(default)]
    vulns: VulnsSection,
    #[serde(default)]
    vex: Vec<VexEntry>,
    #[serde(default)]
    history: HistorySection,
    #[serde(default)]
    watch: WatchSection,
}

/// `[history]`: the audit history (`--store`, `watch`, `history`, `diff`,
/// `fleet`). Flags win over the file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistorySection {
    /// The store: a file path or a `postgres://` URL (default: the user's
    /// data directory's history.sqlite).
    pub store: Option<String>,
    /// Keep at most this many runs when recording (default: all).
    pub keep_runs: Option<u64>,
    /// Drop runs started more than this many days ago when recording
    /// (default: none dropped).
    pub keep_days: Option<u64>,
}

/// `[watch]`: `dockaudit watch`. Flags win over the file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchSection {
    /// Seconds between two heartbeats recorded while the engine's events
    /// are followed (default 60).
    pub heartbeat: Option<f64>,
    /// The engine's data root as this machine sees it, whose files a
    /// container's create audit reads (default: the engine's
    /// DockerRootDir under the host root, when the engine is on a local
    /// unix socket); "none": always inspect.
    pub data_root: Option<DataRootChoice>,
}

/// Where watch reads a container at its create event (`--data-root`,
/// `[watch] data_root`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "PathBuf")]
pub enum DataRootChoice {
    /// This folder (an absolute path).
    Dir(PathBuf),
    /// "none": always inspect.
    Off,
}

impl TryFrom<PathBuf> for DataRootChoice {
    type Error = String;
    fn try_from(p: PathBuf) -> Result<Self, String> {
        if p.as_os_str() == "none" {
            Ok(DataRootChoice::Off)
        } else if p.is_absolute() {
            Ok(DataRootChoice::Dir(p))
        } else {
            Err(format!(
                "data root {}: use an absolute path, or none",
                p.display()
            ))
        }
    }
}

impl std::str::FromStr for DataRootChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        PathBuf::from(s).try_into()
    }
}

/// `[vulns]`: the advisory database and what the vulnerability checks
/// report. Flags win over the file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VulnsSection {
    /// The advisory database folder (default: the user's data directory).
    pub db: Option<PathBuf>,
    /// List matches at or above this severity (default "info": all).
    pub min_severity: Option<String>,
    /// Leave out advisories with no known fix (default false).
    pub ignore_unfixed: Option<bool>,
    /// Warn when the newest advisory is older than this many days (default 7).
    pub max_db_age_days: Option<i64>,
}

/// `[audit]`: every tunable with a default. Absent keys keep the default;
/// a command-line flag wins over the file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditSection {
    /// Label key carrying a data-sensitivity level (default
    /// "dockaudit.sensitivity").
    pub sensitivity_label: Option<String>,
    /// Images older than this many days are findings (default 90).
    pub max_image_age_days: Option<i64>,
    /// Secret objects older than this many days are findings (default 90).
    pub max_secret_age_days: Option<i64>,
    /// Exit 1 at or above this severity (default "low").
    pub fail_on: Option<String>,
    /// Per-request engine timeout in seconds (default 10).
    pub timeout: Option<f64>,
    /// Engine requests in flight at once (default 16, 1 to 256).
    pub concurrency: Option<u16>,
    /// Bound on the uncompressed bytes of one image layer (default 64 GiB).
    pub max_layer_bytes: Option<u64>,
    /// Bound on the uncompressed bytes of all layers (default 256 GiB).
    pub max_image_bytes: Option<u64>,
    /// Bound on the entries of one layer and of the final view (default
    /// 5000000).
    pub max_entries: Option<u64>,
    /// Text files up to this size are read for secrets (default 256 KiB).
    pub content_bytes: Option<u64>,
    /// Bytes read of each ELF binary for build data (default 32 MiB).
    pub binary_bytes: Option<u64>,
    /// `[audit.max_input_bytes]`: the byte bound of each kind of input
    /// (dockerfile, compose, manifest, baseline, bundle, host_file,
    /// response); `--max-input-bytes KIND=BYTES` wins.
    pub max_input_bytes: Option<BTreeMap<String, u64>>,
    /// Package databases up to this size are read (default 64 MiB).
    pub db_bytes: Option<u64>,
}

/// One `[severity]` entry: a check id, slug or peer code and its severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeverityOverride {
    pub key: String,
    pub severity: Severity,
}

/// A parsed dockaudit.toml.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from, for messages ("" when none was read).
    pub source: String,
    pub audit: AuditSection,
    pub fail_on: Option<Severity>,
    pub severity: Vec<SeverityOverride>,
    pub ignores: Ignores,
    pub vulns: VulnsSection,
    pub vuln_min_severity: Option<Severity>,
    /// `[[vex]]` statements, validated.
    pub vex: Vec<VexEntry>,
    /// `[audit.max_input_bytes]`, validated.
    pub input_bytes: Vec<(InputKind, u64)>,
    pub history: HistorySection,
    pub watch: WatchSection,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// "FILE:LINE: unknown key X" for toml's unknown-field errors; the error's
/// own message, with its line, otherwise.
fn toml_error(text: &str, source: &str, e: &toml::de::Error) -> String {
    let line = e.span().map(|s| line_of(text, s.start));
    let msg = e.message();
    let at = match line {
        Some(n) => format!("{source}:{n}"),
        None => source.to_string(),
    };
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        if let Some(key) = rest.split('`').next() {
            return format!("{at}: unknown key {key}");
        }
    }
    format!("{at}: {}", msg.trim())
}

/// True when some check is named by `key`: id, slug or peer code.
pub fn names_a_check(key: &str) -> bool {
    checks::find(key).is_some() || checks::is_alias(key)
}

impl Config {
    /// What recording a run keeps (`[history] keep_runs`, `keep_days`).
    pub fn retention(&self) -> crate::store::Retention {
        crate::store::Retention {
            keep_runs: self.history.keep_runs,
            keep_days: self.history.keep_days,
        }
    }

    /// Parses dockaudit.toml text; `source` names the file in messages.
    pub fn parse(text: &str, source: &str) -> Result<Config, String> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| toml_error(text, source, &e))?;
        let fail_on = match &file.audit.fail_on {
            Some(s) => Some(Severity::parse(s).ok_or_else(|| {
                format!("{source}: [audit] fail_on {s:?}: use info, low, medium, high or critical")
            })?),
            None => None,
        };
        if let Some(n) = file.audit.concurrency {
            if !(1..=256).contains(&n) {
                return Err(format!("{source}: [audit] concurrency {n}: use 1 to 256"));
            }
        }
        if let Some(t) = file.audit.timeout {
            if !(t.is_finite() && t > 0.0) {
                return Err(format!(
                    "{source}: [audit] timeout must be a positive number of seconds"
                ));
            }
        }
        let mut input_bytes = Vec::new();
        for (key, bytes) in file.audit.max_input_bytes.iter().flatten() {
            let kind = InputKind::parse(key)
                .filter(|k| *k != InputKind::Config)
                .ok_or_else(|| {
                    format!(
                        "{source}: [audit.max_input_bytes] {key:?}: use dockerfile, compose, \
                         manifest, baseline, bundle, host_file or response (the bound on \
                         this file itself is --max-input-bytes config=BYTES)"
                    )
                })?;
            InputLimits::default()
                .set(kind, *bytes)
                .map_err(|e| format!("{source}: [audit.max_input_bytes] {key}: {e}"))?;
            input_bytes.push((kind, *bytes));
        }
        let mut severity = Vec::new();
        for (key, value) in &file.severity {
            if !names_a_check(key) {
                return Err(format!(
                    "{source}: [severity] {key:?}: no check or peer code of that name"
                ));
            }
            let sev = Severity::parse(value).ok_or_else(|| {
                format!("{source}: [severity] {key:?} = {value:?}: use info, low, medium, high or critical")
            })?;
            severity.push(SeverityOverride {
                key: key.clone(),
                severity: sev,
            });
        }
        let ignores = Ignores::new(file.ignore, source)?;
        let vuln_min_severity = match &file.vulns.min_severity {
            Some(s) => Some(Severity::parse(s).ok_or_else(|| {
                format!(
                    "{source}: [vulns] min_severity {s:?}: use info, low, medium, high or critical"
                )
            })?),
            None => None,
        };
        for v in &file.vex {
            v.validate().map_err(|e| format!("{source}: {e}"))?;
        }
        if file.history.keep_runs == Some(0) {
            return Err(format!(
                "{source}: [history] keep_runs 0 would keep no run: use 1 or more, or leave it out"
            ));
        }
        if file.history.keep_days == Some(0) {
            return Err(format!(
                "{source}: [history] keep_days 0 would keep no run: use 1 or more, or leave it out"
            ));
        }
        if let Some(h) = file.watch.heartbeat {
            if !(h.is_finite() && (0.1..=86_400.0).contains(&h)) {
                return Err(format!(
                    "{source}: [watch] heartbeat {h}: use 0.1 to 86400 seconds"
                ));
            }
        }
        Ok(Config {
            source: source.to_string(),
            audit: file.audit,
            fail_on,
            severity,
            ignores,
            vulns: file.vulns,
            vuln_min_severity,
            vex: file.vex,
            input_bytes,
            history: file.history,
            watch: file.watch,
        })
    }

    /// Reads and parses a file.
    pub fn load(path: &Path) -> Result<Config, String> {
        use crate::collect::files::{read_input_text, InputKind};
        let text = read_input_text(path, InputKind::Config)
            .map_err(|e| format!("config file {} {e}", path.display()))?;
        Config::parse(&text, &path.display().to_string())
    }
}

/// The first dockaudit.toml found in `start` or one of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// dockaudit's folder in the user's data directory (the advisory database,
/// the audit history): `$XDG_DATA_HOME/dockaudit`, else
/// `$HOME/.local/share/dockaudit`; None when neither variable is set.
pub fn data_dir() -> Option<std::path::PathBuf> {
    use std::path::PathBuf;
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(base.join("dockaudit"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = Config::parse(
            "[audit]\nmax_image_age_days = 30\nmax_imag_age = 1\n",
            "d.toml",
        )
        .unwrap_err();
        assert_eq!(err, "d.toml:3: unknown key max_imag_age");
        let err = Config::parse("\n[audits]\n", "d.toml").unwrap_err();
        assert_eq!(err, "d.toml:2: unknown key audits");
        let err = Config::parse(
            "[[ignore]]\nid = \"DF-003\"\nreason = \"x\"\nwhy = 1\n",
            "d.toml",
        )
        .unwrap_err();
        assert_eq!(err, "d.toml:4: unknown key why");
    }

    #[test]
    fn audit_and_severity_sections() {
        let c = Config::parse(
            "[audit]\nmax_image_age_days = 30\nfail_on = \"high\"\nmax_entries = 10\n\n[severity]\n\"DF-005\" = \"medium\"\nDL3002 = \"critical\"\n",
            "d.toml",
        )
        .unwrap();
        assert_eq!(c.audit.max_image_age_days, Some(30));
        assert_eq!(c.audit.max_entries, Some(10));
        assert_eq!(c.fail_on, Some(Severity::High));
        assert_eq!(
            c.severity,
            vec![
                SeverityOverride {
                    key: "DF-005".into(),
                    severity: Severity::Medium
                },
                SeverityOverride {
                    key: "DL3002".into(),
                    severity: Severity::Critical
                },
            ]
        );
        assert!(Config::parse("[severity]\n\"DF-005\" = \"severe\"\n", "d.toml").is_err());
        assert!(Config::parse("[severity]\nNOPE-1 = \"low\"\n", "d.toml").is_err());
        assert!(Config::parse("[audit]\nconcurrency = 0\n", "d.toml").is_err());
    }

    #[test]
    fn input_bounds_per_kind() {
        let c = Config::parse(
            "[audit.max_input_bytes]\nbundle = 1048576\nhost_file = 4096\n",
            "d.toml",
        )
        .unwrap();
        assert_eq!(
            c.input_bytes,
            vec![(InputKind::Bundle, 1 << 20), (InputKind::HostFile, 4096)]
        );
        let e = Config::parse("[audit.max_input_bytes]\nbundel = 1\n", "d.toml").unwrap_err();
        assert!(e.contains("\"bundel\": use dockerfile"), "{e}");
        let e = Config::parse("[audit.max_input_bytes]\nconfig = 10\n", "d.toml").unwrap_err();
        assert!(e.contains("--max-input-bytes config=BYTES"), "{e}");
        let e = Config::parse("[audit.max_input_bytes]\ncompose = 0\n", "d.toml").unwrap_err();
        assert!(e.contains("must be 1 to"), "{e}");
    }

    #[test]
    fn ignore_expiry_parses_and_is_checked() {
        let c = Config::parse(
            "[[ignore]]\nid = \"DL3008\"\nreason = \"mirror\"\nexpires = \"2026-12-31\"\n",
            "d.toml",
        )
        .unwrap();
        assert_eq!(c.ignores.len(), 1);
        let err = Config::parse(
            "[[ignore]]\nid = \"DF-003\"\nreason = \"x\"\nexpires = \"soon\"\n",
            "d.toml",
        )
        .unwrap_err();
        assert!(err.contains("expires"), "{err}");
    }

    #[test]
    fn history_section() {
        let c = Config::parse(
            "[history]\nstore = \"postgres://db/fleet\"\nkeep_runs = 100\nkeep_days = 30\n",
            "d.toml",
        )
        .unwrap();
        assert_eq!(c.history.store.as_deref(), Some("postgres://db/fleet"));
        assert_eq!(c.history.keep_runs, Some(100));
        assert_eq!(c.history.keep_days, Some(30));
        let e = Config::parse("[history]\nkeep_runs = 0\n", "d.toml").unwrap_err();
        assert!(e.contains("keep_runs 0"), "{e}");
        let e = Config::parse("[history]\nkeep = 1\n", "d.toml").unwrap_err();
        assert_eq!(e, "d.toml:2: unknown key keep");
    }

    #[test]
    fn watch_section() {
        let c = Config::parse(
            "[watch]\nheartbeat = 5\ndata_root = \"/host/var/lib/docker\"\n",
            "d.toml",
        )
        .unwrap();
        assert_eq!(
            c.watch.data_root,
            Some(DataRootChoice::Dir("/host/var/lib/docker".into()))
        );
        let c = Config::parse("[watch]\ndata_root = \"none\"\n", "d.toml").unwrap();
        assert_eq!(c.watch.data_root, Some(DataRootChoice::Off));
        let e = Config::parse("[watch]\ndata_root = \"var/lib/docker\"\n", "d.toml").unwrap_err();
        assert!(e.starts_with("d.toml:2"), "{e}");
        assert!(e.contains("absolute path"), "{e}");
    }

    #[test]
    fn discovery_walks_up() {
        let tmp = tempfile::tempdir().unwrap();
        let deep = tmp.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(tmp.path().join(FILE_NAME), "").unwrap();
        assert_eq!(discover(&deep), Some(tmp.path().join(FILE_NAME)));
    }
}
