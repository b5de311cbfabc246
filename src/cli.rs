//! The command line: parses arguments, runs collectors, checks and writers,
//! and maps the result to an exit code (0 clean, 1 findings, 2 could not run).

use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::checks::{self, AuditConfig, Ctx, Mode, Scope, Severity};
use crate::collect::{self, CollectOptions};
use crate::config::Config;
use crate::facts::Facts;
use crate::report::{self, text::TextOptions, Selection, Target};

mod history;
mod registry;
mod watch;

#[derive(Parser, Debug)]
#[command(
    name = "dockaudit",
    version,
    about = "Audit Docker hosts against the container audit checklist and the CIS Docker Benchmark",
    propagate_version = true
)]
pub struct Cli {
    /// Configuration file. Default: the first dockaudit.toml found in the
    /// working directory or one of its parents.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Byte bound on one kind of input, as KIND=BYTES (K, M, G suffixes:
    /// powers of 1024); repeatable. Kinds and defaults: dockerfile 16M
    /// (at most), compose 2M (compose, env and `extends` files), manifest
    /// 16M, config 1M (dockaudit.toml), baseline 64M, bundle 256M
    /// (evidence bundles), host_file 16M (daemon.json, units, /proc),
    /// response 16M (one engine API response). A larger input is an error
    /// naming the bound [config `[audit.max_input_bytes]`, except config].
    #[arg(long, global = true, value_name = "KIND=BYTES", value_parser = parse_input_limit)]
    pub max_input_bytes: Vec<(crate::collect::files::InputKind, u64)>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Audit a live Docker host (engine API and host files), or an evidence bundle.
    Host(HostArgs),
    /// Audit an image: a `docker save` archive, an OCI layout or rootfs
    /// directory, or an image on the engine (streamed from the Engine API).
    Image(ImageArgs),
    /// Write an image's software bill of materials (CycloneDX or SPDX JSON).
    Sbom(SbomArgs),
    /// List a registry's repositories and tags (catalog and tags list APIs),
    /// or audit every image it holds (--audit).
    Registry(registry::RegistryCmdArgs),
    /// Known vulnerabilities of an image (archive, folder or engine image),
    /// matched offline: the short form of `image --select
    /// BASE-113,BASE-114`.
    Vulns(VulnsArgs),
    /// Scan files, folders or standard input (`-`) for secrets with the
    /// detector every audit uses.
    Secrets(SecretsArgs),
    /// The offline advisory database: import advisories, show its status.
    #[command(subcommand)]
    Db(DbCommand),
    /// Audit compose files (no engine needed).
    Compose(ComposeArgs),
    /// Audit Kubernetes workload manifests (YAML or JSON; `-` for stdin,
    /// e.g. `helm template ... | dockaudit k8s -`) with the container rules.
    K8s(K8sArgs),
    /// Collect every fact of a live host into an evidence bundle (JSON).
    Collect(CollectArgs),
    /// Audit Dockerfiles: files, or folders searched for Dockerfile,
    /// *.Dockerfile, Dockerfile.*, *.dockerfile.
    Dockerfile(DockerfileArgs),
    /// Follow the engine's events and audit every container at its create
    /// event (and every image pulled, built, loaded or tagged), recording
    /// each result in the history; SIGTERM or SIGINT stops it.
    Watch(watch::WatchArgs),
    /// List the runs and the containers recorded in the audit history.
    History(history::HistoryArgs),
    /// New, fixed and unchanged findings between two recorded runs, by role
    /// (default: the newest run and the one before it of the same target).
    Diff(history::DiffArgs),
    /// The fleet in one history: per host and per role, section scores,
    /// the worst findings, and the hosts not heard from.
    Fleet(history::FleetArgs),
    /// List every check with its section, CIS controls, severity and mode.
    Checks(ChecksArgs),
    /// Print a check's rationale and remediation.
    Explain {
        /// Check id (e.g. RES-001) or slug.
        id: String,
    },
    /// Write the check reference docs generated from the registry.
    Docs {
        /// Output folder.
        #[arg(long, default_value = "docs/checks")]
        out: PathBuf,
        /// Do not write: exit 1 when the committed docs differ.
        #[arg(long)]
        check: bool,
    },
}

/// What the advisory-matching commands pass to the report.
#[derive(Clone, Debug, Default)]
pub struct VulnFlags {
    pub ignore_unfixed: bool,
    pub min_severity: Option<Severity>,
}

/// The advisory database and what the vulnerability checks report.
#[derive(Args, Debug, Clone, Default)]
pub struct VulnArgs {
    /// Advisory database folder (made by `dockaudit db import`) [default:
    /// config `[vulns] db`, else the user's data directory]. Without one
    /// the vulnerability checks are skipped, saying how to import.
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
    /// Leave out advisories with no known fix [config `[vulns]
    /// ignore_unfixed`].
    #[arg(long)]
    pub ignore_unfixed: bool,
    /// List advisory matches at or above this severity (the rest are
    /// counted) [default: info; config `[vulns] min_severity`].
    #[arg(long, value_parser = parse_severity, value_name = "LEVEL")]
    pub vuln_severity: Option<Severity>,
}

impl VulnArgs {
    fn flags(&self) -> VulnFlags {
        VulnFlags {
            ignore_unfixed: self.ignore_unfixed,
            min_severity: self.vuln_severity,
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct EngineArgs {
    /// Engine endpoint: unix:///path, tcp://host:port (TLS with
    /// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH). Default: DOCKER_HOST, else
    /// the local socket.
    #[arg(short = 'H', long = "host")]
    pub docker_host: Option<String>,
    /// Read host files under this folder (the host mounted in a container).
    #[arg(long, value_name = "DIR")]
    pub host_root: Option<PathBuf>,
    /// Per-request engine timeout in seconds [default: 10; config
    /// `[audit] timeout`].
    #[arg(long)]
    pub timeout: Option<f64>,
    /// Engine requests in flight at once (container, image and network
    /// inspects) [default: 16; config `[audit] concurrency`].
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: Option<u16>,
    /// When the engine is unreachable, still run the host-file checks and
    /// skip the engine checks (instead of exiting 2).
    #[arg(long)]
    pub allow_partial: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0 (code scanning services).
    Sarif,
    /// JUnit XML (CI test-result views).
    Junit,
    /// CSV, one row per finding (RFC 4180).
    Csv,
    /// Markdown sized for a pull-request comment.
    Markdown,
    /// One self-contained HTML page (score table, filters, print layout).
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Junit => "junit",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The file a format is written to with several formats and `-o DIR`.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Text => "report.txt",
            Format::Json => "report.json",
            Format::Sarif => "report.sarif",
            Format::Junit => "report.xml",
            Format::Csv => "report.csv",
            Format::Markdown => "report.md",
            Format::Html => "report.html",
        }
    }

    /// Listings (`checks`, `db status`) are text or JSON; the other
    /// formats are report formats.
    fn listing(self) -> Result<Format> {
        match self {
            Format::Text | Format::Json => Ok(self),
            // SARIF has always listed as JSON.
            Format::Sarif => Ok(Format::Json),
            other => bail!(
                "this command lists as text or json; {} is a report format",
                other.name()
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum GroupBy {
    Section,
    Role,
}

#[derive(Args, Debug, Clone)]
pub struct ReportArgs {
    /// One or more formats, comma-separated or repeated. With more than
    /// one, -o names a directory that gets report.txt, report.json,
    /// report.sarif, report.xml (junit), report.csv, report.md.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Text])]
    pub format: Vec<Format>,
    /// Write the report to this file instead of standard output (a
    /// directory with several formats).
    #[arg(short, long, value_name = "FILE|DIR")]
    pub output: Option<PathBuf>,
    /// Run only these checks: ids, slugs, CIS controls (5.4, cis:5), sections
    /// (resources, section:7). Comma-separated or repeated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Leave out these checks (same terms as --select).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 1 when a finding is at or above this severity, or a check ended
    /// in error [default: low; config `[audit] fail_on`].
    #[arg(long, value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Group container and image findings by role (compose service, else
    /// image repository) as well as by section.
    #[arg(long, value_enum, default_value_t = GroupBy::Section)]
    pub group_by: GroupBy,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Text: show only failing checks (the score table still counts all).
    #[arg(long)]
    pub failures_only: bool,
    /// Label key holding a data-sensitivity level [default:
    /// dockaudit.sensitivity; config `[audit] sensitivity_label`].
    #[arg(long)]
    pub sensitivity_label: Option<String>,
    /// Judge ages against this time (RFC 3339) instead of now.
    #[arg(long, hide = true)]
    pub now: Option<String>,
    /// Print on standard error how long the audit took (from the start:
    /// reading the inputs and judging them) and how long each report
    /// format took to write.
    #[arg(long)]
    pub timings: bool,
    /// The vulnerability flags of the command (`--ignore-unfixed`,
    /// `--vuln-severity`), set by the commands that match advisories.
    #[arg(skip)]
    pub vuln_flags: VulnFlags,
    /// Where and as what the run is recorded (`--store`), set by the
    /// commands that record.
    #[arg(skip)]
    pub record: Option<Recording>,
}

/// `--store` of the audit commands.
#[derive(Args, Debug, Clone, Default)]
pub struct StoreArgs {
    /// Record this run in the audit history, after the report is written:
    /// a SQLite file, or a postgres:// URL. A store that cannot be written
    /// is reported on standard error and the exit code is 2 (the report is
    /// still written). Retention: config `[history] keep_runs`, `keep_days`.
    #[arg(long, value_name = "URL|PATH")]
    pub store: Option<String>,
    /// The host name recorded with the run [default: the engine's name,
    /// else this machine's hostname].
    #[arg(long, value_name = "NAME", requires = "store")]
    pub host_name: Option<String>,
}

impl StoreArgs {
    /// The recording of a run of `command` that starts now; None without
    /// --store.
    fn recording(&self, command: &'static str) -> Option<Recording> {
        self.store.as_ref().map(|s| Recording {
            store: s.clone(),
            command,
            host_name: self.host_name.clone(),
            started_at: crate::store::now_text(),
        })
    }
}

/// A run to record in the history.
#[derive(Clone, Debug)]
pub struct Recording {
    pub store: String,
    pub command: &'static str,
    pub host_name: Option<String>,
    pub started_at: String,
}

/// The bounds of one engine image export (or registry blob).
#[derive(Args, Clone, Debug, Default)]
pub struct ExportArgs {
    /// Engine image export (and registry blobs): fail when nothing comes
    /// for this many seconds (a hung engine or registry) [default: 60].
    #[arg(long, value_name = "SECS")]
    pub export_idle_timeout: Option<f64>,
    /// Engine image export (and each registry blob): fail when one takes
    /// longer than this many seconds in all, reading included [default:
    /// 3600].
    #[arg(long, value_name = "SECS")]
    pub export_timeout: Option<f64>,
}

impl ExportArgs {
    /// (total, idle): the values given, else the defaults; an error names
    /// the flag whose value is not a positive number of seconds.
    pub(crate) fn bounds(&self) -> Result<(Duration, Duration)> {
        let secs = |v: Option<f64>, flag: &str, default: Duration| match v {
            None => Ok(default),
            Some(s) if s.is_finite() && s > 0.0 && s < 1e9 => Ok(Duration::from_secs_f64(s)),
            Some(_) => bail!("{flag} must be a positive number of seconds"),
        };
        Ok((
            secs(
                self.export_timeout,
                "--export-timeout",
                crate::image::DEFAULT_EXPORT_TIMEOUT,
            )?,
            secs(
                self.export_idle_timeout,
                "--export-idle-timeout",
                crate::image::DEFAULT_EXPORT_IDLE_TIMEOUT,
            )?,
        ))
    }
}

#[derive(Args, Debug)]
pub struct HostArgs {
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Audit an evidence bundle written by `dockaudit collect` instead of a
    /// live host.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["docker_host", "host_root"])]
    pub facts: Option<PathBuf>,
    /// Also read the layers of every image on the engine (Engine API image
    /// export) and run the image-content checks over them.
    #[arg(long, conflicts_with = "facts")]
    pub scan_images: bool,
    /// With --scan-images: the bounds of each image export.
    #[command(flatten)]
    pub export: ExportArgs,
    /// Registries reached for the signatures of engine images (--key).
    #[command(flatten)]
    pub registry: RegistryArgs,
    #[command(flatten)]
    pub vulns: VulnArgs,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// How registries are reached (image sources `registry:HOST/REPO:TAG`
/// and the `registry` command).
#[derive(Args, Debug, Clone, Default)]
pub struct RegistryArgs {
    /// The platform to read from a multi-platform image (registry images,
    /// OCI archives and layouts), os/arch[/variant] [default: linux and
    /// this machine's architecture].
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// Registry host (HOST or HOST:PORT) that may be spoken to over plain
    /// HTTP when it does not answer HTTPS; repeatable. Loopback hosts
    /// always may, as the engine allows.
    #[arg(long, value_name = "HOST")]
    pub insecure_registry: Vec<String>,
    /// PEM file of a CA trusted for registries besides the system's roots;
    /// repeatable.
    #[arg(long, value_name = "FILE")]
    pub registry_ca: Vec<PathBuf>,
    /// Registry user name (the password is read from standard input with
    /// --password-stdin). Default: the Docker client config's credentials
    /// for the host (`auths`, `credHelpers`, `credsStore`).
    #[arg(long, value_name = "USER", requires = "password_stdin")]
    pub username: Option<String>,
    /// Read the registry password or token from standard input.
    #[arg(long, requires = "username")]
    pub password_stdin: bool,
    /// Public key (PEM; ECDSA P-256 or RSA, as `cosign generate-key-pair`
    /// writes it) whose cosign signatures are trusted; repeatable. Registry
    /// images are then checked for a signature by one of them (PROV-102).
    #[arg(long = "key", value_name = "FILE")]
    pub keys: Vec<PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct ImageSourceArgs {
    /// Image reference on the engine, path to an archive or directory, or
    /// an image in a registry: registry:HOST[:PORT]/REPO[:TAG|@DIGEST]
    /// (read over the distribution API, nothing written to disk).
    #[arg(value_name = "REF|PATH")]
    pub image: String,
    /// In a multi-image archive, the image to audit (tag or id prefix).
    #[arg(long = "ref", value_name = "REF")]
    pub reference: Option<String>,
    /// Audit every image of a multi-image archive.
    #[arg(long, conflicts_with = "reference")]
    pub all: bool,
    /// Engine endpoint for image references (default: DOCKER_HOST, else the
    /// local socket).
    #[arg(short = 'H', long = "host")]
    pub docker_host: Option<String>,
    /// Read from the engine even when a path of that name exists, or when
    /// the name looks like a path.
    #[arg(long)]
    pub engine: bool,
    /// Engine requests other than the image export (version negotiation,
    /// the image list) fail after this many seconds [default: 10; config
    /// `[audit] timeout`].
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
    #[command(flatten)]
    pub export: ExportArgs,
    #[command(flatten)]
    pub limits: ImageLimitArgs,
    /// A layer, config or manifest whose content does not match the digest
    /// naming it (OCI blob digests, config `rootfs.diff_ids`): `error`
    /// refuses to audit the image (exit 2); `finding` audits it and IMG-016
    /// reports each mismatch.
    #[arg(long, value_enum, default_value_t = DigestMismatch::Error, value_name = "WHAT")]
    pub digest_mismatch: DigestMismatch,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub registry: RegistryArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum DigestMismatch {
    /// The image is not audited; exit 2.
    Error,
    /// The image is audited; IMG-016 fails for it.
    Finding,
}

#[derive(Args, Debug)]
pub struct ImageArgs {
    #[command(flatten)]
    pub source: ImageSourceArgs,
    /// Also write the collected image facts (JSON) to this file (mode
    /// 0600; secret values in env, labels and history replaced by redaction
    /// markers unless --raw).
    #[arg(long, value_name = "FILE")]
    pub facts_out: Option<PathBuf>,
    /// Keep secret values in the --facts-out file (a warning says so).
    #[arg(long, requires = "facts_out")]
    pub raw: bool,
    #[command(flatten)]
    pub vulns: VulnArgs,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum SbomFormat {
    Cyclonedx,
    Spdx,
}

#[derive(Args, Debug)]
pub struct SbomArgs {
    #[command(flatten)]
    pub source: ImageSourceArgs,
    #[arg(long, value_enum, default_value_t = SbomFormat::Cyclonedx)]
    pub format: SbomFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With an advisory database (flag, config, or the default one when
    /// imported), the CycloneDX SBOM lists the image's known
    /// vulnerabilities with a VEX analysis (`[[vex]]` statements of
    /// dockaudit.toml; `in_triage` otherwise).
    #[command(flatten)]
    pub vulns: VulnArgs,
    /// Exit 0 when a package database could not be read (over
    /// --db-bytes, corrupt). The SBOM is written either way, marked
    /// incomplete; without this flag the exit code is 2.
    #[arg(long)]
    pub allow_incomplete: bool,
}

#[derive(Args, Debug)]
pub struct ComposeArgs {
    /// Compose files (compose.yaml, docker-compose.yml, ...).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Variables for interpolation; default: the `.env` beside each file.
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,
    /// Audit only services enabled under these profiles (services without
    /// `profiles:` always count). Default: every service.
    #[arg(long = "profile", value_name = "PROFILE")]
    pub profiles: Vec<String>,
    /// Also interpolate from this process's environment (off by default:
    /// the auditor's environment is not the deployment's).
    #[arg(long)]
    pub use_process_env: bool,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Args, Debug)]
pub struct K8sArgs {
    /// Manifest files, folders searched for *.yaml, *.yml, *.json, or `-`
    /// for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Args, Debug)]
pub struct DockerfileArgs {
    /// Dockerfiles or folders to search.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Args, Debug)]
pub struct CollectArgs {
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Where to write the evidence bundle ("-" for standard output). A
    /// file is created with mode 0600.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Keep secret values (container and image env, labels, arguments,
    /// daemon options) in the bundle. By default each is replaced by a
    /// redaction marker that keeps what the checks judge (rule, redacted
    /// form, keyed fingerprint), so the bundle audits the same; a warning
    /// says when --raw is used.
    #[arg(long)]
    pub raw: bool,
}

#[derive(Args, Debug)]
pub struct VulnsArgs {
    #[command(flatten)]
    pub source: ImageSourceArgs,
    #[command(flatten)]
    pub vulns: VulnArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Args, Debug)]
pub struct SecretsArgs {
    /// Files, folders (walked; `.git` skipped, links not followed) or `-`.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Accept the findings recorded in this baseline (by fingerprint and
    /// path; a moved line still matches) and report entries that no
    /// longer match.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every finding of this scan to a baseline file (before
    /// `--baseline` applies) and audit as usual.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Bytes read of each file; a larger file is scanned up to the bound
    /// and reported as read in part [default: 16 MiB].
    #[arg(long, value_name = "BYTES")]
    pub max_file_bytes: Option<u64>,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Subcommand, Debug)]
pub enum DbCommand {
    /// Import advisories: OSV records (JSON or YAML files, folders, the
    /// per-ecosystem zip archives), Alpine secdb release files, the Debian
    /// security tracker's JSON export. Re-importing is idempotent.
    Import {
        /// Database folder [default: config `[vulns] db`, else the user's
        /// data directory].
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
        /// Files, folders or zip archives.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Sources, record counts per ecosystem, the newest record date.
    Status {
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Args, Debug)]
pub struct ChecksArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

fn parse_input_limit(s: &str) -> Result<(crate::collect::files::InputKind, u64), String> {
    crate::collect::files::parse_limit(s)
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    Severity::parse(s)
        .ok_or_else(|| format!("unknown severity {s:?}: use info, low, medium, high or critical"))
}

/// Runs the CLI; returns the process exit code.
/// When the process started: `--timings` measures the audit from here.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn main() -> i32 {
    STARTED.get_or_init(std::time::Instant::now);
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A reader that closed the pipe early (`| head`) is not an
            // error; the audit's own exit code is kept where it is known
            // (see `emit_report_with`).
            if is_broken_pipe(&e) {
                return 0;
            }
            let mut msg = format!("dockaudit: error: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            let _ = writeln!(io::stderr(), "{msg}");
            2
        }
    }
}

/// Standard output could not be written (the reader closed the pipe, the
/// disk is full): its own type, so a broken pipe elsewhere (an engine
/// socket) is never taken for a closed standard output.
#[derive(Debug, thiserror::Error)]
#[error("writing to standard output")]
pub struct StdoutError(#[source] io::Error);

impl StdoutError {
    fn broken_pipe(&self) -> bool {
        let e = &self.0;
        e.kind() == io::ErrorKind::BrokenPipe
            || e.get_ref()
                .and_then(|i| i.downcast_ref::<serde_json::Error>())
                .and_then(|s| s.io_error_kind())
                == Some(io::ErrorKind::BrokenPipe)
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<StdoutError>()
            .is_some_and(StdoutError::broken_pipe)
    })
}

/// The configuration: `--config`, else the first dockaudit.toml from the
/// working directory upward; none with `--no-config`.
fn load_config(cli: &Cli) -> Result<Config> {
    if cli.no_config {
        return Ok(Config::default());
    }
    let path = match &cli.config {
        Some(p) => {
            if !p.exists() {
                bail!("config file {} not found", p.display());
            }
            Some(p.clone())
        }
        None => std::env::current_dir()
            .ok()
            .and_then(|d| crate::config::discover(&d)),
    };
    match path {
        Some(p) => Config::load(&p).map_err(anyhow::Error::msg),
        None => Ok(Config::default()),
    }
}

fn run(cli: Cli) -> Result<i32> {
    // Only the audit commands read the configuration: a broken file does
    // not stop `checks`, `explain` or `docs`.
    let audits = !matches!(
        cli.command,
        Command::Checks(_) | Command::Explain { .. } | Command::Docs { .. }
    );
    // The bounds first: the configuration file is itself an input.
    let mut limits = crate::collect::files::InputLimits::default();
    for (kind, bytes) in &cli.max_input_bytes {
        limits
            .set(*kind, *bytes)
            .map_err(|e| anyhow::anyhow!("--max-input-bytes: {e}"))?;
    }
    crate::collect::files::set_limits(&limits);
    let config = if audits {
        load_config(&cli)?
    } else {
        Config::default()
    };
    if !config.input_bytes.is_empty() {
        // The flags win over the file; set once, now with both.
        let mut merged = crate::collect::files::InputLimits::default();
        for (kind, bytes) in config.input_bytes.iter().chain(&cli.max_input_bytes) {
            merged
                .set(*kind, *bytes)
                .map_err(|e| anyhow::anyhow!("--max-input-bytes: {e}"))?;
        }
        crate::collect::files::set_limits(&merged);
    }
    let cfg = &config;
    match cli.command {
        Command::Host(args) => run_host(args, cfg),
        Command::Image(args) => run_image(args, cfg),
        Command::Sbom(args) => run_sbom(args, cfg),
        Command::Vulns(args) => run_vulns(args, cfg),
        Command::Secrets(args) => run_secrets(args, cfg),
        Command::Db(cmd) => run_db(cmd, cfg),
        Command::Compose(args) => run_compose(args, cfg),
        Command::K8s(args) => run_k8s(args, cfg),
        Command::Collect(args) => run_collect(args, cfg),
        Command::Dockerfile(args) => run_dockerfile(args, cfg),
        Command::Watch(args) => watch::run_watch(args, cfg),
        Command::Registry(args) => registry::run_registry(args, cfg),
        Command::History(args) => history::run_history(args, cfg),
        Command::Diff(args) => history::run_diff(args, cfg),
        Command::Fleet(args) => history::run_fleet(args, cfg),
        Command::Checks(args) => run_checks(args),
        Command::Explain { id } => run_explain(&id),
        Command::Docs { out, check } => crate::docs::run(&out, check),
    }
}

/// The per-request engine timeout: --timeout, else `[audit] timeout`, else
/// 10 seconds.
pub(crate) fn request_timeout(flag: Option<f64>, cfg: &Config) -> Result<Duration> {
    let timeout = flag.or(cfg.audit.timeout).unwrap_or(10.0);
    if !(timeout.is_finite() && timeout > 0.0 && timeout < 1e9) {
        bail!("--timeout must be a positive number of seconds");
    }
    Ok(Duration::from_secs_f64(timeout))
}

fn collect_options(e: &EngineArgs, cfg: &Config) -> Result<CollectOptions> {
    Ok(CollectOptions {
        docker_host: e.docker_host.clone(),
        host_root: e.host_root.clone().unwrap_or_else(|| PathBuf::from("/")),
        host_root_explicit: e.host_root.is_some(),
        timeout: request_timeout(e.timeout, cfg)?,
        concurrency: e.concurrency.or(cfg.audit.concurrency).unwrap_or(16) as usize,
    })
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Collects live facts; an unreachable engine is fatal unless allowed.
fn collect_live(e: &EngineArgs, cfg: &Config) -> Result<Facts> {
    let opts = collect_options(e, cfg)?;
    let (facts, unreachable) = runtime()?.block_on(collect::collect(&opts));
    if let Some(err) = unreachable {
        if !e.allow_partial {
            bail!("{err} (set DOCKER_HOST or --host; --allow-partial audits host files only)");
        }
        let _ = writeln!(
            io::stderr(),
            "dockaudit: warning: {err}; engine checks are skipped (--allow-partial)"
        );
    }
    Ok(facts)
}

/// The clock of the audit: `--now`, else the system's.
fn audit_now(report: &ReportArgs) -> chrono::DateTime<chrono::Utc> {
    report
        .now
        .as_deref()
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(chrono::Utc::now)
}

/// Matches the inventory of `facts` (scanned images, host packages, engine
/// components) against the advisory database, read-only. A database named
/// by flag or config that is missing is an error; a missing default one
/// leaves the vulnerability checks skipped with how to import.
fn attach_vulns(
    facts: &mut Facts,
    v: &VulnArgs,
    cfg: &Config,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    use crate::vuln::store::{default_dir, Store, FILE};
    let named = v.db.clone().or_else(|| cfg.vulns.db.clone());
    let dir = named.clone().or_else(default_dir);
    let how = "import advisories with `dockaudit db import [--db DIR] PATH...` (OSV records, \
               folders or zips, Alpine secdb, the Debian security tracker's JSON)";
    let Some(dir) = dir.filter(|d| d.join(FILE).is_file()) else {
        if let Some(d) = named {
            bail!(
                "advisory database {}: not found: {how}",
                d.join(FILE).display()
            );
        }
        if facts.vulns.get().is_none() {
            facts.vulns = crate::facts::Source::unavailable(format!(
                "no advisory database{}: {how}, or pass --db DIR",
                default_dir()
                    .map(|d| format!(" at {}", d.display()))
                    .unwrap_or_default()
            ));
        }
        return Ok(());
    };
    let mut store = Store::open_read_only(&dir)?;
    match crate::vuln::scan::scan(facts, &mut store) {
        Ok(found) => {
            let max_days = cfg.vulns.max_db_age_days.unwrap_or(7);
            if let Some(w) = crate::vuln::scan::age_warning(&found.database, now, max_days) {
                let _ = writeln!(io::stderr(), "dockaudit: warning: {w}");
                facts.warnings.push(w);
            }
            facts.vulns = crate::facts::Source::Present(found);
        }
        Err(e) => {
            let _ = writeln!(io::stderr(), "dockaudit: warning: {e}");
            facts.warnings.push(e.to_string());
            facts.vulns = crate::facts::Source::unavailable(e.to_string());
        }
    }
    Ok(())
}

fn run_host(mut args: HostArgs, cfg: &Config) -> Result<i32> {
    args.report.record = args.store.recording("host");
    let mut facts = match &args.facts {
        Some(path) => load_facts(path)?,
        None => collect_live(&args.engine, cfg)?,
    };
    if args.scan_images {
        let (export_timeout, export_idle_timeout) = args.export.bounds()?;
        let opts = crate::image::ScanOptions {
            progress: true,
            limits: image_limits(&ImageLimitArgs::default(), cfg),
            export_timeout,
            export_idle_timeout,
            request_timeout: request_timeout(args.engine.timeout, cfg)?,
            ..Default::default()
        };
        let (images, failed) =
            crate::image::archive::scan_engine_images(args.engine.docker_host.as_deref(), &opts);
        facts.warnings.extend(failed.values().cloned());
        facts.scanned_images = images;
        facts.image_scan_errors = failed;
    }
    if !args.registry.keys.is_empty() {
        if args.facts.is_some() {
            bail!("--key checks the signatures of a live host's images: not with --facts");
        }
        let timeout = request_timeout(args.engine.timeout, cfg)?;
        let (total, idle) = ExportArgs::default().bounds()?;
        let ro = registry_options(&args.registry, timeout, idle, total)?;
        let cap = image_limits(&ImageLimitArgs::default(), cfg).json_bytes;
        if let crate::facts::Source::Present(images) = &mut facts.images {
            let w = crate::collect::registry::verify_engine_images(images, &ro, cap);
            facts.warnings.extend(w);
        }
    }
    // Facts in which every source is missing audit nothing: every check
    // would be skipped and the run would exit 0. That is an error.
    if facts.nothing_collected() {
        match &args.facts {
            Some(p) => bail!(
                "evidence bundle {} holds no facts (every source is missing or unavailable): nothing to audit",
                p.display()
            ),
            None => bail!("no facts could be collected (every source is unavailable): nothing to audit"),
        }
    }
    attach_vulns(&mut facts, &args.vulns, cfg, audit_now(&args.report))?;
    args.report.vuln_flags = args.vulns.flags();
    let target_name = match &args.facts {
        Some(p) => format!("evidence bundle {}", p.display()),
        None => {
            if facts.collector.endpoint.is_empty() {
                "local host".to_string()
            } else {
                facts.collector.endpoint.clone()
            }
        }
    };
    emit_report(
        Target {
            kind: "host".to_string(),
            name: target_name,
        },
        &[Scope::Host, Scope::Image, Scope::Container],
        &facts,
        &args.report,
        cfg,
    )
}

/// The checks' configuration of a run without report flags (`watch`): the
/// configuration file's, else the defaults.
fn audit_config(cfg: &Config) -> AuditConfig {
    let d = AuditConfig::default();
    AuditConfig {
        sensitivity_label: cfg
            .audit
            .sensitivity_label
            .clone()
            .unwrap_or(d.sensitivity_label),
        max_image_age_days: cfg.audit.max_image_age_days.unwrap_or(d.max_image_age_days),
        max_secret_age_days: cfg
            .audit
            .max_secret_age_days
            .unwrap_or(d.max_secret_age_days),
        now: None,
        vulns: crate::vuln::policy::VulnPolicy {
            min_severity: cfg.vuln_min_severity.unwrap_or(Severity::Info),
            ignore_unfixed: cfg.vulns.ignore_unfixed.unwrap_or(false),
            max_db_age_days: cfg.vulns.max_db_age_days.unwrap_or(d.vulns.max_db_age_days),
            vex: cfg.vex.clone(),
        },
    }
}

/// Builds the report over facts and writes it; returns the exit code.
pub fn emit_report(
    target: Target,
    scopes: &[Scope],
    facts: &Facts,
    args: &ReportArgs,
    cfg: &Config,
) -> Result<i32> {
    emit_report_with(target, scopes, facts, args, cfg, |_| {})
}

/// `emit_report` with a step between building and writing the report.
/// The configuration's severities and ignores apply to every command.
pub fn emit_report_with(
    target: Target,
    scopes: &[Scope],
    facts: &Facts,
    args: &ReportArgs,
    cfg: &Config,
    post: impl FnOnce(&mut report::Report),
) -> Result<i32> {
    let selection = Selection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let unknown = selection.unknown_terms(checks::registry());
    if !unknown.is_empty() {
        bail!(
            "--select/--ignore term(s) match no check: {} (see `dockaudit checks`)",
            unknown.join(", ")
        );
    }
    // A selection of checks this command does not run would run nothing
    // and exit 0: a pass of what was never judged.
    if !selection.select.is_empty()
        && !checks::registry()
            .iter()
            .any(|c| scopes.contains(&c.scope) && selection.includes(c))
    {
        bail!(
            "--select {}: no check of this command matches (they judge other inputs; see `dockaudit checks`)",
            selection.select.join(",")
        );
    }
    let defaults = AuditConfig::default();
    let config = AuditConfig {
        sensitivity_label: args
            .sensitivity_label
            .clone()
            .or_else(|| cfg.audit.sensitivity_label.clone())
            .unwrap_or(defaults.sensitivity_label),
        max_image_age_days: cfg
            .audit
            .max_image_age_days
            .unwrap_or(defaults.max_image_age_days),
        max_secret_age_days: cfg
            .audit
            .max_secret_age_days
            .unwrap_or(defaults.max_secret_age_days),
        now: args.now.clone(),
        vulns: crate::vuln::policy::VulnPolicy {
            min_severity: args
                .vuln_flags
                .min_severity
                .or(cfg.vuln_min_severity)
                .unwrap_or(Severity::Info),
            ignore_unfixed: args.vuln_flags.ignore_unfixed
                || cfg.vulns.ignore_unfixed.unwrap_or(false),
            max_db_age_days: cfg
                .vulns
                .max_db_age_days
                .unwrap_or(defaults.vulns.max_db_age_days),
            vex: cfg.vex.clone(),
        },
    };
    let fail_on = args.fail_on.or(cfg.fail_on).unwrap_or(Severity::Low);
    let now = config.now();
    let ctx = Ctx::new(facts, &config);
    let mut report = report::build(
        target,
        scopes,
        &ctx,
        &selection,
        args.group_by == GroupBy::Role,
        now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    );
    report::apply_severity(&mut report, &cfg.severity);
    report::suppress::apply(&mut report, facts.dockerfiles(), &cfg.ignores);
    post(&mut report);
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let text_opts = TextOptions {
        color,
        failures_only: args.failures_only,
    };
    let mut formats: Vec<Format> = Vec::new();
    for f in &args.format {
        if !formats.contains(f) {
            formats.push(*f);
        }
    }
    let code = report.exit_code(fail_on);
    let audited = STARTED.get().map(|t| t.elapsed());
    // The HTML report of a recorded run shows the target's history.
    if let Some(rec) = args
        .record
        .as_ref()
        .filter(|_| formats.contains(&Format::Html))
    {
        match history::history_of(rec, &report, facts) {
            Ok(h) => report.history = h,
            Err(e) => report
                .warnings
                .push(format!("the history is not shown: {e}")),
        }
    }
    let mut timings: Vec<(Format, std::time::Duration)> = Vec::new();
    let mut timed = |f: Format, out: &mut dyn Write| {
        let t = std::time::Instant::now();
        let r = write_format(&report, f, text_opts, out);
        timings.push((f, t.elapsed()));
        r
    };
    let written = match formats.as_slice() {
        [] => write_output(args.output.as_deref(), |out| timed(Format::Text, out)),
        [one] => write_output(args.output.as_deref(), |out| timed(*one, out)),
        several => {
            let Some(dir) = args.output.as_deref().filter(|p| *p != Path::new("-")) else {
                bail!(
                    "--format with several formats ({}) needs -o DIR for their files",
                    several
                        .iter()
                        .map(|f| f.name())
                        .collect::<Vec<_>>()
                        .join(",")
                );
            };
            if dir.exists() && !dir.is_dir() {
                bail!(
                    "-o {}: with several formats -o names a directory, and this is a file",
                    dir.display()
                );
            }
            fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            for f in several {
                write_output(Some(&dir.join(f.file_name())), |out| timed(*f, out))?;
            }
            Ok(())
        }
    };
    if args.timings {
        let mut err = io::stderr();
        let audited = audited.unwrap_or_default();
        let findings: usize = report.checks.iter().map(|c| c.findings.len()).sum();
        let _ = writeln!(
            err,
            "timings: audit {:.1} ms ({} checks, {findings} findings)",
            audited.as_secs_f64() * 1e3,
            report.checks.len()
        );
        for (f, d) in &timings {
            let _ = writeln!(
                err,
                "timings: write {} {:.1} ms ({:.1}% of the audit)",
                f.name(),
                d.as_secs_f64() * 1e3,
                100.0 * d.as_secs_f64() / audited.as_secs_f64().max(1e-9)
            );
        }
    }
    let code = match written {
        // The reader closed the pipe (`| head`): not an error, and the
        // findings still decide the exit code.
        Err(e) if is_broken_pipe(&e) => code,
        Err(e) => return Err(e),
        Ok(()) => code,
    };
    if let Some(rec) = &args.record {
        // The report is out; a store that cannot be written is said and
        // makes the run exit 2, never hides the report.
        if let Err(e) = history::record_report(rec, &report, facts, cfg) {
            let _ = writeln!(io::stderr(), "dockaudit: error: {e}");
            return Ok(2);
        }
    }
    Ok(code)
}

/// Writes the report in one format.
pub fn write_format(
    report: &report::Report,
    format: Format,
    text_opts: TextOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => report::json::write(report, out),
        Format::Sarif => report::sarif::write(report, out),
        Format::Junit => report::junit::write(report, out),
        Format::Csv => report::csv::write(report, out),
        Format::Markdown => report::markdown::write(report, out),
        Format::Html => report::html::write(report, out),
        Format::Text => report::text::write(report, text_opts, out),
    }
}

/// Writes to the file named (created only now, after the audit ran) or to
/// standard output. Streamed through a buffer of its own: a report of a
/// few hundred thousand findings is never held whole in memory.
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match path {
        Some(p) if p != Path::new("-") => {
            let file = fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
            let mut out = io::BufWriter::new(file);
            write(&mut out)
                .and_then(|()| out.flush())
                .with_context(|| format!("writing {}", p.display()))?;
        }
        _ => {
            let stdout = io::stdout();
            let mut lock = io::BufWriter::new(stdout.lock());
            write(&mut lock).map_err(StdoutError)?;
            lock.flush().map_err(StdoutError)?;
        }
    }
    Ok(())
}

pub fn load_facts(path: &Path) -> Result<Facts> {
    use crate::collect::files::{read_input, InputKind};
    // A regular file or "-" (standard input), within the bundle bound.
    let bytes = read_input(path, InputKind::Bundle, true)
        .map_err(|e| anyhow::anyhow!("evidence bundle {} {e}", path.display()))?;
    parse_facts(&bytes, &path.display().to_string())
}

/// The facts of an evidence bundle already read; `name` is how errors
/// call it. `load_facts` without the file (the fuzz target's entry point).
#[doc(hidden)]
pub fn parse_facts(bytes: &[u8], name: &str) -> Result<Facts> {
    let facts: Facts = serde_json::from_slice(bytes)
        .with_context(|| format!("evidence bundle {name} is not a dockaudit facts document"))?;
    if facts.schema_version > crate::facts::FACTS_SCHEMA_VERSION {
        bail!(
            "evidence bundle {name} has facts schema {} but this dockaudit reads up to {}",
            facts.schema_version,
            crate::facts::FACTS_SCHEMA_VERSION
        );
    }
    Ok(facts)
}

fn run_compose(mut args: ComposeArgs, cfg: &Config) -> Result<i32> {
    args.report.record = args.store.recording("compose");
    let opts = crate::compose::LoadOptions {
        env_file: args.env_file.clone(),
        use_process_env: args.use_process_env,
        profiles: args.profiles.clone(),
    };
    for p in &args.files {
        if !p.exists() {
            bail!("compose file {} not found", p.display());
        }
    }
    let files: Vec<_> = args
        .files
        .iter()
        .map(|p| crate::compose::load_file(p, &opts))
        .collect();
    let mut facts = file_facts(files.iter().map(|f| ("compose file", &f.path, &f.error)));
    facts.compose = crate::facts::Source::Present(files);
    emit_file_audit("compose", &args.files, &facts, &args.report, cfg)
}

/// Facts for an audit of files (no engine): the collection time and one
/// warning per file that could not be read at all.
fn file_facts<'a>(
    errors: impl Iterator<
        Item = (
            &'a str,
            &'a String,
            &'a Option<crate::facts::compose::ComposeProblem>,
        ),
    >,
) -> Facts {
    let mut facts = Facts::new();
    facts.collected_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for (what, path, error) in errors {
        if let Some(e) = error {
            facts.warnings.push(format!("{what} {path} {}", e.message));
        }
    }
    facts
}

/// The report of a compose or manifest audit: file and container-spec
/// checks, the target named by the paths given.
fn emit_file_audit(
    kind: &str,
    paths: &[PathBuf],
    facts: &Facts,
    report: &ReportArgs,
    cfg: &Config,
) -> Result<i32> {
    let name = joined(paths);
    emit_report(
        Target {
            kind: kind.to_string(),
            name,
        },
        &[Scope::Compose, Scope::Container],
        facts,
        report,
        cfg,
    )
}

/// The paths given, for a report's target or a message.
fn joined(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The files a search under `paths` found, or an error naming what was
/// searched for (`what`, by the `patterns` given) when it found none.
fn found(
    search: std::result::Result<Vec<PathBuf>, String>,
    paths: &[PathBuf],
    what: &str,
    patterns: &str,
) -> Result<Vec<PathBuf>> {
    let files = search.map_err(anyhow::Error::msg)?;
    if files.is_empty() {
        bail!(
            "no {what} found under {} (searched for {patterns})",
            joined(paths)
        );
    }
    Ok(files)
}

fn run_k8s(mut args: K8sArgs, cfg: &Config) -> Result<i32> {
    args.report.record = args.store.recording("k8s");
    let paths = found(
        collect::manifests::find(&args.paths),
        &args.paths,
        "manifest",
        "*.yaml, *.yml, *.json",
    )?;
    let files: Vec<_> = paths.iter().map(|p| collect::manifests::read(p)).collect();
    let mut facts = file_facts(files.iter().map(|f| ("manifest", &f.path, &f.error)));
    facts.manifests = crate::facts::Source::Present(files);
    emit_file_audit("k8s", &args.paths, &facts, &args.report, cfg)
}

fn run_dockerfile(mut args: DockerfileArgs, cfg: &Config) -> Result<i32> {
    args.report.record = args.store.recording("dockerfile");
    let files = found(
        collect::dockerfile::find(&args.paths),
        &args.paths,
        "Dockerfile",
        "Dockerfile, *.Dockerfile, Dockerfile.*, *.dockerfile; pass other names explicitly",
    )?;
    let parsed: Vec<_> = files.iter().map(|f| collect::dockerfile::read(f)).collect();
    let mut facts = Facts::new();
    facts.collector.tool = "dockaudit".to_string();
    facts.collector.version = env!("CARGO_PKG_VERSION").to_string();
    facts.collected_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let not_host = "not collected: Dockerfile audit";
    facts.engine = crate::facts::Source::unavailable(not_host);
    facts.dockerfiles = crate::facts::Source::Present(parsed);
    let name = if files.len() == 1 {
        files[0].display().to_string()
    } else {
        format!("{} Dockerfiles", files.len())
    };
    emit_report_with(
        Target {
            kind: "dockerfile".to_string(),
            name,
        },
        &[Scope::Dockerfile],
        &facts,
        &args.report,
        cfg,
        |r| {
            // Only the dockerfiles source matters to this audit.
            r.sources
                .retain(|s| s.name == crate::checks::Need::Dockerfiles.as_str());
        },
    )
}

fn run_collect(args: CollectArgs, cfg: &Config) -> Result<i32> {
    let mut facts = collect_live(&args.engine, cfg)?;
    write_facts(&args.output, &mut facts, args.raw)?;
    Ok(0)
}

/// Writes facts (an evidence bundle, a facts file): secrets redacted
/// unless `raw` (then a warning), a file created with mode 0600 under a
/// temporary name and renamed into place, so no other user can read it at
/// any moment; "-" is standard output.
fn write_facts(path: &Path, facts: &mut Facts, raw: bool) -> Result<()> {
    if raw {
        let _ = writeln!(
            io::stderr(),
            "dockaudit: warning: --raw: {} keeps secret values (environment, labels, arguments) unredacted; protect it as a secret",
            if path == Path::new("-") {
                "the output".to_string()
            } else {
                path.display().to_string()
            }
        );
    } else {
        crate::facts::redact::redact(facts);
    }
    let mut buf = Vec::new();
    serde_json::to_writer_pretty(&mut buf, &*facts)?;
    buf.push(b'\n');
    if path == Path::new("-") {
        return write_output(None, |out| out.write_all(&buf));
    }
    use std::os::unix::fs::OpenOptionsExt;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "facts".to_string());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(&buf)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        anyhow::Error::new(e).context(format!("writing {}", path.display()))
    })
}

fn run_checks(args: ChecksArgs) -> Result<i32> {
    if args.format == Format::Sarif {
        bail!("`checks` lists checks as text or json; SARIF is a report format");
    }
    let format = args.format.listing()?;
    let all = checks::in_section_order();
    write_output(None, |out| match format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = all
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id,
                        "slug": c.slug,
                        "title": c.title,
                        "section": c.section.slug(),
                        "section_number": c.section.number(),
                        "cis": c.cis,
                        "severity": c.severity,
                        "mode": c.mode,
                        "scope": c.scope,
                        "aliases": c.aliases,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::other)?;
            writeln!(out)
        }
        // Text (`listing` leaves text or json).
        _ => {
            writeln!(
                out,
                "{:<11} {:<4} {:<11} {:<10} {:<9} {:<22} title",
                "id", "sec", "scope", "mode", "severity", "cis"
            )?;
            for c in &all {
                writeln!(
                    out,
                    "{:<11} {:<4} {:<11} {:<10} {:<9} {:<22} {}",
                    c.id,
                    c.section.number(),
                    match c.scope {
                        Scope::Host => "host",
                        Scope::Image => "image",
                        Scope::Dockerfile => "dockerfile",
                        Scope::Compose => "compose",
                        Scope::Container => "container",
                        Scope::Files => "files",
                    },
                    match c.mode {
                        Mode::Automated => "automated",
                        Mode::Manual => "manual",
                    },
                    c.severity.as_str(),
                    c.cis.join(","),
                    c.title
                )?;
            }
            Ok(())
        }
    })?;
    Ok(0)
}

fn run_explain(id: &str) -> Result<i32> {
    let Some(c) = checks::find(id) else {
        bail!("no check with id or slug {id:?} (see `dockaudit checks`)");
    };
    if !c.id.eq_ignore_ascii_case(id) && c.slug != id {
        let _ = writeln!(io::stderr(), "dockaudit: {id} is an alias of {}", c.id);
    }
    let text = crate::docs::check_page(c);
    write_output(None, |out| out.write_all(text.as_bytes()))?;
    Ok(0)
}

/// The image read limits given on the command line (none given: the
/// configuration's, else the defaults).
#[derive(Args, Clone, Debug, Default)]
pub struct ImageLimitArgs {
    /// Bound on the uncompressed bytes of one layer [default: 64 GiB;
    /// config `[audit] max_layer_bytes`].
    #[arg(long, value_name = "BYTES")]
    pub max_layer_bytes: Option<u64>,
    /// Bound on the uncompressed bytes of all layers [default: 256 GiB;
    /// config `[audit] max_image_bytes`].
    #[arg(long, value_name = "BYTES")]
    pub max_image_bytes: Option<u64>,
    /// Bound on the entries of one layer and of the final view [default:
    /// 5000000; config `[audit] max_entries`].
    #[arg(long, value_name = "N")]
    pub max_entries: Option<u64>,
    /// Text files up to this size are read for secrets [default: 256 KiB;
    /// config `[audit] content_bytes`].
    #[arg(long, value_name = "BYTES")]
    pub content_bytes: Option<u64>,
    /// Bytes read of each ELF binary for Go / Rust build data [default:
    /// 32 MiB; config `[audit] binary_bytes`].
    #[arg(long, value_name = "BYTES")]
    pub binary_bytes: Option<u64>,
    /// Package databases (dpkg status, apk installed, rpmdb.sqlite) up to
    /// this size are read; a larger one is reported unread, never taken as
    /// empty [default: 64 MiB; config `[audit] db_bytes`].
    #[arg(long, value_name = "BYTES")]
    pub db_bytes: Option<u64>,
}

/// Flag, else `[audit]` key, else the default, for each image read limit.
pub(crate) fn image_limits(a: &ImageLimitArgs, cfg: &Config) -> crate::image::Limits {
    let c = &cfg.audit;
    let d = crate::image::Limits::default();
    crate::image::Limits {
        max_layer_bytes: a
            .max_layer_bytes
            .or(c.max_layer_bytes)
            .unwrap_or(d.max_layer_bytes),
        max_total_bytes: a
            .max_image_bytes
            .or(c.max_image_bytes)
            .unwrap_or(d.max_total_bytes),
        max_entries: a.max_entries.or(c.max_entries).unwrap_or(d.max_entries),
        content_bytes: a
            .content_bytes
            .or(c.content_bytes)
            .unwrap_or(d.content_bytes),
        binary_bytes: a.binary_bytes.or(c.binary_bytes).unwrap_or(d.binary_bytes),
        db_bytes: a.db_bytes.or(c.db_bytes).unwrap_or(d.db_bytes),
        ..d
    }
}

/// Reads the image(s) a source argument names.
pub fn scan_images(a: &ImageSourceArgs, cfg: &Config) -> Result<Vec<crate::facts::ImageFacts>> {
    let (export_timeout, export_idle_timeout) = a.export.bounds()?;
    let opts = crate::image::ScanOptions {
        limits: image_limits(&a.limits, cfg),
        reference: a.reference.clone(),
        all: a.all,
        progress: !a.quiet,
        export_timeout,
        export_idle_timeout,
        request_timeout: request_timeout(a.timeout, cfg)?,
        digest_mismatch: match a.digest_mismatch {
            DigestMismatch::Error => crate::image::DigestPolicy::Error,
            DigestMismatch::Finding => crate::image::DigestPolicy::Finding,
        },
        platform: platform_arg(&a.registry)?,
    };
    let path = Path::new(&a.image);
    if !a.engine && crate::collect::registry::reference::is_registry_ref(&a.image) {
        let ro = registry_options(
            &a.registry,
            opts.request_timeout,
            export_idle_timeout,
            export_timeout,
        )?;
        crate::collect::registry::scan(&a.image, &opts, &ro)
    } else if !a.engine && path.symlink_metadata().is_ok() {
        crate::image::archive::scan_path(path, &opts)
    } else if !a.engine && looks_like_path(&a.image) {
        bail!(
            "{}: no such file or directory (it names a file, not an engine image; \
             pass --engine to ask the engine for an image of that name)",
            a.image
        )
    } else {
        crate::image::archive::scan_engine(&a.image, a.docker_host.as_deref(), &opts)
    }
}

/// The registry client's options from the flags: credentials (the
/// password read from standard input), CAs, insecure hosts, trusted keys.
pub fn registry_options(
    a: &RegistryArgs,
    request_timeout: Duration,
    blob_idle_timeout: Duration,
    blob_timeout: Duration,
) -> Result<crate::collect::registry::RegistryOptions> {
    use crate::collect::registry::{auth::Credentials, client, cosign, reference};
    let credentials = match &a.username {
        Some(u) => {
            let mut raw = Vec::new();
            io::stdin()
                .lock()
                .take(64 << 10)
                .read_to_end(&mut raw)
                .context("--password-stdin: reading standard input")?;
            let text = String::from_utf8(raw)
                .map_err(|_| anyhow::anyhow!("--password-stdin: the password is not UTF-8"))?;
            let secret = text.trim_end_matches(['\n', '\r']).to_string();
            if secret.is_empty() {
                bail!("--password-stdin: standard input is empty");
            }
            Some(Credentials {
                username: u.clone(),
                secret,
                origin: "--username/--password-stdin".into(),
            })
        }
        None => None,
    };
    let mut insecure = Vec::new();
    for h in &a.insecure_registry {
        insecure.push(
            reference::parse_host(h).map_err(|e| anyhow::anyhow!("--insecure-registry: {e}"))?,
        );
    }
    let mut keys = Vec::new();
    for k in &a.keys {
        keys.push(cosign::load_key(k).map_err(anyhow::Error::msg)?);
    }
    Ok(crate::collect::registry::RegistryOptions {
        client: client::Options {
            insecure,
            ca_files: a.registry_ca.clone(),
            credentials,
            docker_config: true,
            request_timeout,
            blob_idle_timeout,
            blob_timeout,
            ..Default::default()
        },
        keys,
    })
}

/// `--platform`: the platform to read from a multi-platform image (None:
/// linux and this machine's architecture).
pub fn platform_arg(a: &RegistryArgs) -> Result<Option<crate::collect::registry::Platform>> {
    a.platform
        .as_deref()
        .map(|p| crate::collect::registry::Platform::parse(p).map_err(anyhow::Error::msg))
        .transpose()
}

/// Whether an image argument that names nothing on disk was meant as a
/// path: it starts like one (`/`, `./`, `../`, `~`), ends with an archive
/// extension, or cannot be an image reference (references are lowercase
/// `[registry/]name[:tag][@digest]`; `ghcr.io/org/app:1` has slashes too).
fn looks_like_path(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if s.starts_with('/') || s.starts_with("./") || s.starts_with("../") || s.starts_with('~') {
        return true;
    }
    if [
        ".tar",
        ".tar.gz",
        ".tgz",
        ".tar.zst",
        ".tar.zstd",
        ".tar.xz",
        ".oci",
    ]
    .iter()
    .any(|x| lower.ends_with(x))
    {
        return true;
    }
    if s == "." || s == ".." || s.contains("//") || s.ends_with('/') || s.contains("/./") {
        return true;
    }
    // The name part (before a digest, and before a tag after the last
    // slash) of a reference is lowercase letters, digits and . _ - /; its
    // first component may be a registry (with a port, or mixed case).
    let name = s.split('@').next().unwrap_or(s);
    let name = match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => &name[..i],
        _ => name,
    };
    let mut parts = name.split('/');
    let first = parts.next().unwrap_or("");
    let registry =
        name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let check = |p: &str| {
        !p.is_empty()
            && p.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
            })
    };
    let rest_ok = parts.all(check);
    let first_ok = if registry {
        first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    } else {
        check(first)
    };
    !(first_ok && rest_ok)
}

/// The facts of an image audit: the images read, their reading problems as
/// warnings, the collector and the time.
pub(crate) fn scanned_facts(images: Vec<crate::facts::ImageFacts>) -> Facts {
    let mut facts = Facts::new();
    facts.collected_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    facts.collector.tool = "dockaudit".to_string();
    facts.collector.version = env!("CARGO_PKG_VERSION").to_string();
    for i in &images {
        facts.warnings.extend(
            i.warnings
                .iter()
                .map(|w| format!("image {}: {w}", i.display_name())),
        );
    }
    facts.scanned_images = crate::facts::Source::Present(images);
    facts
}

fn run_image(mut args: ImageArgs, cfg: &Config) -> Result<i32> {
    args.report.record = args.store.recording("image");
    let images = scan_images(&args.source, cfg)?;
    let mut facts = scanned_facts(images);
    attach_vulns(&mut facts, &args.vulns, cfg, audit_now(&args.report))?;
    args.report.vuln_flags = args.vulns.flags();
    if let Some(p) = &args.facts_out {
        // The audit below runs over the raw facts; the file gets them
        // redacted unless --raw.
        write_facts(p, &mut facts.clone(), args.raw)?;
    }
    emit_report(
        Target {
            kind: "image".to_string(),
            name: args.source.image.clone(),
        },
        &[Scope::Image],
        &facts,
        &args.report,
        cfg,
    )
}

fn run_vulns(args: VulnsArgs, cfg: &Config) -> Result<i32> {
    let mut report = args.report;
    if report.select.is_empty() {
        report.select = vec!["BASE-113".into(), "BASE-114".into()];
    }
    run_image(
        ImageArgs {
            source: args.source,
            facts_out: None,
            raw: false,
            vulns: args.vulns,
            store: StoreArgs::default(),
            report,
        },
        cfg,
    )
}

fn run_secrets(args: SecretsArgs, cfg: &Config) -> Result<i32> {
    use crate::collect::secrets as cs;
    let limit = args.max_file_bytes.unwrap_or(cs::MAX_FILE_BYTES);
    if limit == 0 {
        bail!("--max-file-bytes must be above 0");
    }
    let mut scan = cs::scan_paths(&args.paths, limit).map_err(anyhow::Error::msg)?;
    if let Some(p) = &args.write_baseline {
        let b = cs::baseline_of(&scan);
        write_output(Some(p), |out| {
            serde_json::to_writer_pretty(&mut *out, &b).map_err(io::Error::other)?;
            writeln!(out)
        })?;
    }
    if let Some(p) = &args.baseline {
        let b = cs::read_baseline(p).map_err(anyhow::Error::msg)?;
        cs::apply_baseline(&mut scan, &b, &p.display().to_string());
    }
    let mut facts = Facts::new();
    facts.collected_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    facts.collector.tool = "dockaudit".to_string();
    facts.collector.version = env!("CARGO_PKG_VERSION").to_string();
    if let Some(b) = &scan.baseline {
        for s in &b.stale {
            facts
                .warnings
                .push(format!("baseline {}: entry no longer matches: {s}", b.file));
        }
    }
    let name = scan.roots.join(", ");
    facts.secret_scan = crate::facts::Source::Present(scan);
    emit_report(
        Target {
            kind: "files".to_string(),
            name,
        },
        &[Scope::Files],
        &facts,
        &args.report,
        cfg,
    )
}

fn db_dir(flag: Option<PathBuf>, cfg: &Config) -> Result<PathBuf> {
    flag.or_else(|| cfg.vulns.db.clone())
        .or_else(crate::vuln::store::default_dir)
        .context("no database folder: pass --db DIR (neither XDG_DATA_HOME nor HOME is set)")
}

fn run_db(cmd: DbCommand, cfg: &Config) -> Result<i32> {
    use crate::vuln::import::{import_path, Limits};
    use crate::vuln::store::Store;
    match cmd {
        DbCommand::Import { db, paths } => {
            let dir = db_dir(db, cfg)?;
            let mut store = Store::open_for_import(&dir)?;
            let limits = Limits::default();
            let started = std::time::Instant::now();
            let mut failed = false;
            let mut stats_all = Vec::new();
            let listed: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            // Three threads in a pipeline: reading and parsing; serialising
            // and compressing; storing (this one). Bounded channels between
            // them keep memory flat; records cross them in batches, so the
            // threads wake each other once per batch, not once per record.
            type Item = Result<crate::vuln::store::Prepared, crate::vuln::store::StoreError>;
            const BATCH: usize = 256;
            let (atx, arx) = std::sync::mpsc::sync_channel::<Vec<crate::vuln::Advisory>>(4);
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Item>>(4);
            let mut preparer = crate::vuln::store::Preparer::new()?;
            let reader = {
                let paths = paths.clone();
                let limits = limits.clone();
                std::thread::spawn(move || {
                    let mut results = Vec::new();
                    let mut batch = Vec::with_capacity(BATCH);
                    let mut send = |a: crate::vuln::Advisory| {
                        batch.push(a);
                        if batch.len() == BATCH {
                            // The store stopped (an error): drop the rest.
                            let _ =
                                atx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                        }
                    };
                    for p in &paths {
                        results.push((p.display().to_string(), import_path(p, &limits, &mut send)));
                    }
                    if !batch.is_empty() {
                        let _ = atx.send(batch);
                    }
                    results
                })
            };
            std::thread::spawn(move || {
                for batch in arx {
                    let prepared = batch.into_iter().map(|a| preparer.prepare(a)).collect();
                    if tx.send(prepared).is_err() {
                        break;
                    }
                }
            });
            let mut results = None;
            let mut prepare_error = None;
            let counts = store.import(&listed.join(", "), |sink| {
                for item in rx.iter().flatten() {
                    match item {
                        Ok(p) => sink(p),
                        Err(e) => {
                            prepare_error.get_or_insert(e);
                        }
                    }
                }
                // The channel ends when the reader does.
                let r = reader.join();
                let errors = match &r {
                    Ok(rs) => rs
                        .iter()
                        .map(|(_, r)| r.as_ref().map_or(1, |st| st.errors.len() as u64))
                        .sum(),
                    Err(_) => 1,
                };
                results = Some(r);
                errors
            });
            if let Some(e) = prepare_error {
                return Err(e.into());
            }
            let results = results
                .context("the advisory reader did not finish")?
                .map_err(|_| anyhow::anyhow!("the advisory reader thread panicked"))?;
            let counts = counts?;
            for (p, r) in results {
                match r {
                    Ok(st) => stats_all.push((p, st)),
                    Err(e) => {
                        failed = true;
                        let _ = writeln!(io::stderr(), "dockaudit: error: {e}");
                    }
                }
            }
            let secs = started.elapsed().as_secs_f64();
            let mut err = io::stderr();
            let mut records = 0usize;
            for (p, st) in &stats_all {
                records += st.advisories;
                let _ = writeln!(
                    err,
                    "{p}: {} files, {} zip entries, {} advisories",
                    st.files_read, st.zip_entries_read, st.advisories
                );
                for (why, n) in &st.skipped {
                    let _ = writeln!(err, "  skipped {n}: {why}");
                }
                for w in &st.warnings {
                    let _ = writeln!(err, "  warning: {w}");
                }
                for e in &st.errors {
                    failed = true;
                    let _ = writeln!(err, "  error: {e}");
                }
                if st.messages_dropped > 0 {
                    let _ = writeln!(err, "  ({} more messages not shown)", st.messages_dropped);
                }
            }
            println!(
                "imported {records} advisories into {} in {secs:.2} s: {} added, {} updated, {} \
                 unchanged, {} older than the stored copy (kept the stored)",
                store.path().display(),
                counts.added,
                counts.updated,
                counts.unchanged,
                counts.older
            );
            Ok(if failed { 1 } else { 0 })
        }
        DbCommand::Status { db, format } => {
            let dir = db_dir(db, cfg)?;
            let store = Store::open_read_only(&dir)?;
            let st = store.status()?;
            match format.listing()? {
                Format::Json => {
                    let doc = serde_json::json!({
                        "path": st.path,
                        "records": st.records,
                        "newest_modified": st.newest_modified,
                        "last_import": st.last_import,
                        "sources": st.sources.iter().map(|s| serde_json::json!({
                            "source": s.source,
                            "records": s.records,
                            "withdrawn": s.withdrawn,
                            "newest_modified": s.newest_modified,
                        })).collect::<Vec<_>>(),
                        "ecosystems": st.ecosystems.iter()
                            .map(|(e, n)| serde_json::json!({"ecosystem": e, "records": n}))
                            .collect::<Vec<_>>(),
                    });
                    println!("{}", serde_json::to_string_pretty(&doc)?);
                }
                _ => {
                    println!("database: {}", st.path);
                    println!("records:  {}", st.records);
                    println!(
                        "newest record: {}",
                        st.newest_modified.as_deref().unwrap_or("(no dated record)")
                    );
                    println!(
                        "last import:   {}",
                        st.last_import.as_deref().unwrap_or("(none)")
                    );
                    println!("sources:");
                    for s in &st.sources {
                        println!(
                            "  {:<16} {:>8} records ({} withdrawn), newest {}",
                            s.source,
                            s.records,
                            s.withdrawn,
                            s.newest_modified.as_deref().unwrap_or("-")
                        );
                    }
                    println!("ecosystems:");
                    for (e, n) in &st.ecosystems {
                        println!("  {e:<24} {n:>8}");
                    }
                }
            }
            Ok(0)
        }
    }
}

fn run_sbom(args: SbomArgs, cfg: &Config) -> Result<i32> {
    let images = scan_images(&args.source, cfg)?;
    if images.len() != 1 {
        bail!(
            "{} images selected: an SBOM describes one image (use --ref)",
            images.len()
        );
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut doc = match args.format {
        SbomFormat::Cyclonedx => crate::sbom::cyclonedx(&images[0], &now),
        SbomFormat::Spdx => crate::sbom::spdx(&images[0], &now),
    };
    // An SBOM that silently lacks packages is a false pass: every reading
    // problem is said on stderr, and an unread package database marks the
    // document incomplete and fails the command.
    let image = &images[0];
    for w in &image.warnings {
        let _ = writeln!(
            io::stderr(),
            "dockaudit: warning: image {}: {w}",
            image.display_name()
        );
    }
    let unread = image.unread_package_databases();
    crate::sbom::mark_incomplete(&mut doc, &unread);
    if args.format == SbomFormat::Cyclonedx {
        let mut facts = Facts::new();
        facts.scanned_images = crate::facts::Source::Present(images.clone());
        attach_vulns(&mut facts, &args.vulns, cfg, chrono::Utc::now())?;
        if let Some(v) = facts.vulns.get() {
            if let Some(t) = v.targets.iter().find(|t| t.kind == "image") {
                crate::sbom::cyclonedx_vulnerabilities(
                    &mut doc,
                    &images[0],
                    t,
                    &cfg.vex,
                    chrono::Utc::now().date_naive(),
                );
            }
        }
    }
    write_output(args.output.as_deref(), |out| {
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
        writeln!(out)
    })?;
    if !unread.is_empty() {
        let (what, code) = if args.allow_incomplete {
            ("warning", 0)
        } else {
            ("error", 2)
        };
        let _ = writeln!(
            io::stderr(),
            "dockaudit: {what}: the SBOM of image {} is incomplete (marked so in the document): package database not read: {}{}",
            image.display_name(),
            unread.join("; "),
            if args.allow_incomplete {
                ""
            } else {
                " (raise --db-bytes, or pass --allow-incomplete to accept it)"
            }
        );
        return Ok(code);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::looks_like_path;

    #[test]
    fn paths_and_references() {
        for p in [
            "./no-such-file.tar",
            "/tmp/x",
            "../img",
            "~/img.tar",
            "app.tar",
            "app.TAR.GZ",
            "images/app.tgz",
            "Build/Output",
            "my image",
            "out/",
        ] {
            assert!(looks_like_path(p), "{p}");
        }
        for r in [
            "alpine",
            "alpine:3.20",
            "library/alpine:latest",
            "ghcr.io/org/app:1.2",
            "localhost:5000/app",
            "registry.example.com:5000/team/app:V1",
            "alpine@sha256:0123abcd",
            "my-app_1.0",
        ] {
            assert!(!looks_like_path(r), "{r}");
        }
    }
}
