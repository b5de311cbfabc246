//! The history commands (`history`, `diff`) and the recording of an audit
//! run (`--store`): flags, store resolution and output. The store and the
//! comparisons live in `crate::store`.

use std::io::{self, Write};

use anyhow::{bail, Context, Result};
use clap::Args;

use super::{write_output, Format, Recording};
use crate::config::Config;
use crate::facts::Facts;
use crate::report::Report;
use crate::store::{self, HistoryStore};

#[derive(Args, Debug, Clone, Default)]
pub struct StoreFlag {
    /// The audit history: a SQLite file or a postgres:// URL [default:
    /// config `[history] store`, else history.sqlite in the user's data
    /// directory].
    #[arg(long, value_name = "URL|PATH")]
    pub store: Option<String>,
}

impl StoreFlag {
    /// The store named by the flag, the configuration or the default.
    pub fn spec(&self, cfg: &Config) -> Result<String> {
        if let Some(s) = self.store.clone().or_else(|| cfg.history.store.clone()) {
            return Ok(s);
        }
        store::default_path()
            .map(|p| p.display().to_string())
            .context("no history store: pass --store (neither XDG_DATA_HOME nor HOME is set)")
    }

    /// Opens the store for reading: a file that does not exist is an error
    /// (reading never creates one).
    pub fn open_existing(&self, cfg: &Config) -> Result<Box<dyn HistoryStore>> {
        let spec = self.spec(cfg)?;
        let is_url = spec.starts_with("postgres://") || spec.starts_with("postgresql://");
        if !is_url && !std::path::Path::new(spec.trim_start_matches("sqlite://")).exists() {
            bail!(
                "history store {spec}: not found (record runs with --store, or run `dockaudit watch`)"
            );
        }
        Ok(store::open(&spec)?)
    }
}

#[derive(Args, Debug)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub store: StoreFlag,
    /// text or json.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// At most this many runs, and this many container records (newest
    /// first).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: u64,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The earlier run (an id from `dockaudit history`). Alone: compared
    /// with the newest run of its command, target and host. Default: the
    /// run before RUN_B of the same command, target and host.
    #[arg(value_name = "RUN_A")]
    pub run_a: Option<i64>,
    /// The later run [default: the newest run].
    #[arg(value_name = "RUN_B")]
    pub run_b: Option<i64>,
    #[command(flatten)]
    pub store: StoreFlag,
    /// text or json.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The host a run of an audit is recorded under: --host-name, else the
/// engine's name, else the collecting machine's hostname.
fn host_of(rec: &Recording, facts: &Facts) -> String {
    if let Some(h) = rec.host_name.as_ref().filter(|h| !h.is_empty()) {
        return h.clone();
    }
    if let Some(e) = facts.engine.get().filter(|e| !e.info.name.is_empty()) {
        return e.info.name.clone();
    }
    if !facts.collector.hostname.is_empty() {
        return facts.collector.hostname.clone();
    }
    crate::collect::engine::hostname()
}

/// Records an audit run: the report's findings, the containers of the
/// facts with their verdicts, the summary; retention applied.
pub(super) fn record_report(
    rec: &Recording,
    report: &Report,
    facts: &Facts,
    cfg: &Config,
) -> Result<i64, store::StoreError> {
    let host = host_of(rec, facts);
    let finished = store::now_text();
    let findings = store::findings_of(report);
    let subjects = store::subjects_of(report, facts, &host, &finished);
    let mut st = store::open(&rec.store)?;
    st.record_run(
        &store::RunInfo {
            command: rec.command.to_string(),
            target_kind: report.target.kind.clone(),
            target: report.target.name.clone(),
            host,
            started_at: rec.started_at.clone(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        },
        &finished,
        &store::summary_of(report),
        &findings,
        &subjects,
        cfg.retention(),
    )
}

pub(super) fn run_history(args: HistoryArgs, cfg: &Config) -> Result<i32> {
    let format = args.format.listing()?;
    let mut st = args.store.open_existing(cfg)?;
    let runs = st.runs(args.limit)?;
    let containers = st.subjects(Some("container"), args.limit)?;
    let doc = serde_json::json!({
        "store": st.describe(),
        "runs": runs,
        "containers": containers,
    });
    json_or_text(format, &doc, |out| {
        write_history_text(&runs, &containers, out)
    })
}

/// Writes `doc` as JSON on standard output, or `text` for the other
/// formats; exit code 0.
fn json_or_text(
    format: Format,
    doc: &impl serde::Serialize,
    text: impl Fn(&mut dyn Write) -> io::Result<()>,
) -> Result<i32> {
    write_output(None, |out| match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, doc).map_err(io::Error::other)?;
            writeln!(out)
        }
        _ => text(out),
    })?;
    Ok(0)
}

fn short(id: &str) -> &str {
    let id = id.strip_prefix("sha256:").unwrap_or(id);
    &id[..id.len().min(12)]
}

fn write_history_text(
    runs: &[store::RunRecord],
    containers: &[store::StoredSubject],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "runs (newest first):")?;
    if runs.is_empty() {
        writeln!(out, "  (none)")?;
    } else {
        writeln!(
            out,
            "  {:>6}  {:<10} {:<24} {:<20} {:>8} {:>10}  target",
            "id", "command", "started", "host", "findings", "containers"
        )?;
    }
    for r in runs {
        writeln!(
            out,
            "  {:>6}  {:<10} {:<24} {:<20} {:>8} {:>10}  {}{}",
            r.id,
            r.info.command,
            r.info.started_at,
            r.info.host,
            r.findings,
            r.subjects,
            r.info.target,
            if r.finished_at.is_none() {
                " (running or cut short)"
            } else {
                ""
            }
        )?;
    }
    writeln!(out, "\ncontainers (newest first):")?;
    if containers.is_empty() {
        writeln!(out, "  (none)")?;
        return Ok(());
    }
    writeln!(
        out,
        "  {:<24} {:<20} {:<12} {:<7} {:<24} {:<28} verdict",
        "audited", "host", "id", "event", "name", "role"
    )?;
    for c in containers {
        let s = &c.subject;
        let verdict = match s.state.as_str() {
            "gone" => format!(
                "gone: {}",
                s.reason.as_deref().unwrap_or("removed before it was read")
            ),
            "unread" => format!("unread: {}", s.reason.as_deref().unwrap_or("not read")),
            // No check judged it (errors, facts not read): not a pass.
            _ if s.failing.is_empty() && s.passing.is_empty() => "not judged".to_string(),
            _ if s.failing.is_empty() => format!("pass ({} checks)", s.passing.len()),
            _ => format!("fail: {}", s.failing.join(", ")),
        };
        writeln!(
            out,
            "  {:<24} {:<20} {:<12} {:<7} {:<24} {:<28} {verdict}",
            s.audited_at,
            s.host,
            short(&s.id),
            s.event.as_deref().unwrap_or("-"),
            s.name,
            s.role
        )?;
    }
    Ok(())
}

pub(super) fn run_diff(args: DiffArgs, cfg: &Config) -> Result<i32> {
    let format = args.format.listing()?;
    let mut st = args.store.open_existing(cfg)?;
    let get = |st: &mut Box<dyn HistoryStore>, id: i64| -> Result<store::RunRecord> {
        st.run(id)?
            .with_context(|| format!("no run {id} in {} (see `dockaudit history`)", st.describe()))
    };
    let (a, b) = match (args.run_a, args.run_b) {
        (Some(a), Some(b)) => (get(&mut st, a)?, get(&mut st, b)?),
        (Some(a), None) => {
            let a = get(&mut st, a)?;
            let b = st.latest_run_like(&a)?.context("no run to compare with")?;
            (a, b)
        }
        (None, _) => {
            let b = match args.run_b {
                Some(b) => get(&mut st, b)?,
                None => st
                    .runs(1)?
                    .into_iter()
                    .next()
                    .with_context(|| format!("no run recorded in {}", st.describe()))?,
            };
            let a = st.previous_run(&b)?.with_context(|| {
                format!(
                    "run {} ({} {} on {}) has no earlier run of the same target to compare with",
                    b.id, b.info.command, b.info.target, b.info.host
                )
            })?;
            (a, b)
        }
    };
    if a.id == b.id {
        bail!("run {} compared with itself: name two runs", a.id);
    }
    let fa = st.findings(a.id)?;
    let fb = st.findings(b.id)?;
    let d = store::diff::diff(&a, &fa, &b, &fb);
    json_or_text(format, &d, |out| store::diff::write_text(&d, out))
}

#[derive(Args, Debug)]
pub struct FleetArgs {
    #[command(flatten)]
    pub store: StoreFlag,
    /// text or json.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// A host not heard from (no run, no watch heartbeat, no audited
    /// subject) for this long is stale: a number with s, m, h or d.
    #[arg(long, default_value = "24h", value_parser = parse_age, value_name = "AGE")]
    pub stale: chrono::Duration,
    /// How many of the worst findings to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Read at most this many of the newest runs, and ten times as many
    /// subject records.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub limit: u64,
}

fn parse_age(s: &str) -> Result<chrono::Duration, String> {
    let s = s.trim();
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: i64 = num
        .parse()
        .map_err(|_| format!("{s:?}: use a number with s, m, h or d (24h)"))?;
    let secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" | "" => 3600,
        "d" => 86_400,
        _ => return Err(format!("{s:?}: use a number with s, m, h or d (24h)")),
    };
    n.checked_mul(secs)
        .filter(|v| *v > 0 && *v < 100 * 365 * 86_400)
        .map(chrono::Duration::seconds)
        .ok_or_else(|| format!("{s:?}: out of range"))
}

pub(super) fn run_fleet(args: FleetArgs, cfg: &Config) -> Result<i32> {
    let format = args.format.listing()?;
    let mut st = args.store.open_existing(cfg)?;
    let runs = st.runs(args.limit)?;
    let heartbeats = st.heartbeats()?;
    let subjects = st.subjects(None, args.limit.saturating_mul(10))?;
    let mut latest = std::collections::BTreeSet::new();
    let mut findings = Vec::new();
    for r in &runs {
        let key = (
            r.info.host.clone(),
            r.info.command.clone(),
            r.info.target_kind.clone(),
            r.info.target.clone(),
        );
        if latest.insert(key) {
            findings.extend(
                st.findings(r.id)?
                    .into_iter()
                    .map(|f| (r.info.host.clone(), f)),
            );
        }
    }
    let f = store::fleet::fleet(
        &runs,
        &heartbeats,
        &subjects,
        &findings,
        chrono::Utc::now(),
        args.stale,
        args.top,
    );
    json_or_text(format, &f, |out| store::fleet::write_text(&f, out))
}

/// Most earlier runs drawn in a report's history chart.
const HISTORY_POINTS: usize = 30;

/// The history view of a report about to be written with `--store`:
/// findings per section over the earlier runs of the same command, target
/// and host (oldest first, this run last), and the findings new and fixed
/// since the newest of them. None when the store has no earlier run.
pub(super) fn history_of(
    rec: &Recording,
    report: &Report,
    facts: &Facts,
) -> Result<Option<crate::report::History>, store::StoreError> {
    use crate::report::{HistoryFinding, HistoryPoint};
    use std::collections::BTreeMap;
    let host = host_of(rec, facts);
    let mut st = store::open(&rec.store)?;
    let mut earlier: Vec<store::RunRecord> = st
        .runs(10_000)?
        .into_iter()
        .filter(|r| {
            r.info.command == rec.command
                && r.info.target == report.target.name
                && r.info.host == host
                && r.finished_at.is_some()
        })
        .take(HISTORY_POINTS)
        .collect();
    let Some(last) = earlier.first().cloned() else {
        return Ok(None);
    };
    earlier.reverse();
    let per_section = |fs: &[store::FindingRecord]| {
        let mut m: BTreeMap<String, u64> = crate::checks::Section::ALL
            .iter()
            .map(|s| (s.slug().to_string(), 0))
            .collect();
        for f in fs.iter().filter(|f| f.status == "fail") {
            *m.entry(f.section.clone()).or_default() += 1;
        }
        m
    };
    let mut points = Vec::with_capacity(earlier.len() + 1);
    let mut last_findings = Vec::new();
    for r in &earlier {
        let fs = st.findings(r.id)?;
        points.push(HistoryPoint {
            run: Some(r.id),
            at: r.info.started_at.clone(),
            findings: per_section(&fs),
        });
        if r.id == last.id {
            last_findings = fs;
        }
    }
    let now = store::findings_of(report);
    points.push(HistoryPoint {
        run: None,
        at: report.generated_at.clone(),
        findings: per_section(&now),
    });
    let view = |f: &&store::FindingRecord| HistoryFinding {
        check_id: f.check_id.clone(),
        section: f.section.clone(),
        subject: f.subject.clone(),
        role: f.role.clone(),
        severity: f.severity.clone(),
        message: f.message.clone(),
    };
    // The same comparison as `dockaudit diff`: a check that judged nothing
    // now does not make its findings fixed.
    let unjudged = report
        .summary
        .not_judged
        .iter()
        .chain(&report.summary.not_judged_subjects)
        .map(String::as_str)
        .collect();
    let ran = report.checks.iter().map(|c| c.id.as_str()).collect();
    let c = store::diff::changes(&last_findings, &now, &unjudged, Some(&ran));
    let mut new: Vec<HistoryFinding> = c.new.iter().map(view).collect();
    let mut fixed: Vec<HistoryFinding> = c.fixed.iter().map(view).collect();
    let key = |f: &HistoryFinding| (f.check_id.clone(), f.subject.clone(), f.message.clone());
    new.sort_by_key(key);
    fixed.sort_by_key(key);
    Ok(Some(crate::report::History {
        points,
        since_run: last.id,
        since: last.info.started_at.clone(),
        new,
        fixed,
    }))
}
