//! Types shared by the facts model, the adapters, the checks and the
//! report, owned by none of them (what a finding is, its subject and
//! evidence, severities, the fact sources checks need): the
//! facts model must not import the checks, and checks must not import a
//! collector. Nothing here does I/O.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The fact sources a check reads. A check whose source is unavailable is
/// skipped with the source's reason, never passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Container specs: engine containers, compose services or workload
    /// manifests, whichever the audit read.
    ContainerSpecs,
    Engine,
    Daemon,
    Containers,
    Images,
    Networks,
    Volumes,
    Swarm,
    Host,
    /// An image's config and history, from the engine's image list or a
    /// scanned image (either satisfies it). Rules that read layer contents
    /// need it too and skip, image by image, those whose layers were not read.
    ImageConfig,
    Compose,
    Dockerfiles,
    /// Advisory matches: an imported advisory database and an inventory.
    Vulns,
    /// Files scanned for secrets (`dockaudit secrets`).
    Files,
}

impl Need {
    pub fn all() -> &'static [Need] {
        &[
            Need::ContainerSpecs,
            Need::Engine,
            Need::Daemon,
            Need::Containers,
            Need::Images,
            Need::Networks,
            Need::Volumes,
            Need::Swarm,
            Need::Host,
            Need::ImageConfig,
            Need::Compose,
            Need::Dockerfiles,
            Need::Vulns,
            Need::Files,
        ]
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Need::ContainerSpecs => "container_specs",
            Need::Engine => "engine",
            Need::Daemon => "daemon",
            Need::Containers => "containers",
            Need::Images => "images",
            Need::Networks => "networks",
            Need::Volumes => "volumes",
            Need::Swarm => "swarm",
            Need::Host => "host",
            Need::ImageConfig => "image_config",
            Need::Compose => "compose",
            Need::Dockerfiles => "dockerfiles",
            Need::Vulns => "vulns",
            Need::Files => "files",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a check looks at and reports on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Subject {
    /// container, image, daemon, host, file, network, volume, swarm, node,
    /// service, secret, user, dockerfile, compose_service, engine
    pub kind: String,
    /// Human name: container name without the leading slash, image reference,
    /// file path, ...
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The role a short-lived container plays: compose service, else image
    /// repository. Used by `--group-by role`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A package's installed version (kind `package`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A package's package URL (kind `package`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
    /// What holds the subject: the image or host a package is installed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

impl Subject {
    pub fn new(kind: &str, name: impl Into<String>) -> Self {
        Subject {
            kind: kind.to_string(),
            name: name.into(),
            id: None,
            role: None,
            version: None,
            purl: None,
            within: None,
        }
    }
    /// An installed package, in the image or host named by `within`.
    pub fn package(name: &str, version: &str, purl: &str, within: &str) -> Self {
        Subject {
            version: Some(version.to_string()),
            purl: Some(purl.to_string()),
            within: Some(within.to_string()),
            ..Subject::new("package", name)
        }
    }
    pub fn daemon() -> Self {
        Subject::new("daemon", "dockerd")
    }
    pub fn host() -> Self {
        Subject::new("host", "host")
    }
    pub fn file(path: &str) -> Self {
        Subject::new("file", path)
    }
}

/// A place in a file, for findings on files (Dockerfiles, daemon.json, ...).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Location {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    /// The column after the last character of the value (a secret's span).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
}

/// Where the observed value came from and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    /// e.g. "engine: container inspect HostConfig.Privileged",
    /// "file: /etc/docker/daemon.json key \"icc\"".
    pub source: String,
    /// The observed value, rendered (secrets redacted).
    pub observed: String,
    pub expected: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Evidence {
    pub fn new(
        source: impl Into<String>,
        observed: impl Into<String>,
        expected: impl Into<String>,
    ) -> Self {
        // Every observed value goes through the one redaction, whichever
        // check built it.
        Evidence {
            source: source.into(),
            observed: crate::secrets::redact_text(&observed.into()),
            expected: expected.into(),
            location: None,
        }
    }
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

/// One failing instance of a check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Finding {
    pub subject: Subject,
    pub message: String,
    pub evidence: Evidence,
    /// Overrides the check's default severity for this finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The peer codes (hadolint DL, Trivy DS, Checkov CKV, ...) this finding
    /// stands for. A check with several codes of one tool sets them per
    /// finding; for the others `run` fills in every alias of the check.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The check chose `aliases` itself (possibly none: a case no peer
    /// tool judges), so `run` does not fill them in.
    #[serde(skip)]
    pub aliases_chosen: bool,
    /// The advisory a vulnerability finding stands for. Boxed, as is
    /// `secret`: most findings have neither, and a report may hold a few
    /// hundred thousand findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisory: Option<Box<AdvisoryRef>>,
    /// The detector's verdict behind a secret finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<Box<SecretRef>>,
}

/// What the secrets detector established: the rule, its confidence, and a
/// keyed hash of the value that stays the same when lines move (what
/// `--baseline` accepts).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SecretRef {
    pub rule: String,
    pub confidence: String,
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The advisory behind a vulnerability finding: its ids, the range that
/// matched, the fix, and how its severity was decided.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AdvisoryRef {
    pub id: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// osv, alpine-secdb, debian-tracker
    pub source: String,
    /// The range (or versions list) that matched, as the record states it.
    pub range: String,
    /// The fixing version; None when no fix is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<String>,
    /// Versions after this one are not affected (no fixed version named).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_affected: Option<String>,
    /// The CVSS vector and base score, or the rating, the severity came from.
    pub severity_basis: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informational: Option<String>,
}

impl Finding {
    /// A finding; its message is redacted as evidence is (a message may
    /// quote a command line or a value that holds a secret).
    pub fn new(subject: Subject, message: impl Into<String>, evidence: Evidence) -> Self {
        Finding {
            subject,
            message: crate::secrets::redact_text_once(&message.into()),
            evidence,
            severity: None,
            aliases: Vec::new(),
            aliases_chosen: false,
            advisory: None,
            secret: None,
        }
    }
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
    /// The peer codes this finding stands for (a subset of the check's
    /// aliases).
    pub fn with_aliases<S: AsRef<str>>(mut self, aliases: impl IntoIterator<Item = S>) -> Self {
        self.aliases = aliases
            .into_iter()
            .map(|a| a.as_ref().to_string())
            .collect();
        self.aliases_chosen = true;
        self
    }
}

/// A fact reported without a verdict (kernel version, which secrets
/// mechanism a container uses, ...).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Observation {
    pub subject: Subject,
    pub message: String,
    pub source: String,
}

/// How an observation says a check did not judge its subject.
const NOT_JUDGED: &str = "not judged: ";

impl Observation {
    /// The check judged others but not `subject`, for `reason`: neither a
    /// pass nor a fail of it.
    pub fn not_judged(subject: Subject, reason: &str, source: String) -> Observation {
        Observation {
            subject,
            message: format!("{NOT_JUDGED}{reason}"),
            source,
        }
    }

    /// The reason, when this says the check did not judge its subject.
    pub fn not_judged_reason(&self) -> Option<&str> {
        self.message.strip_prefix(NOT_JUDGED)
    }
}
