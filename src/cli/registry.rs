//! The `registry` command: lists a registry's repositories and tags
//! (catalog and tags list APIs, paginated) and, with `--audit`, audits every
//! image it lists with bounded concurrency, one report over all of them.
//! Reading lives in `crate::collect::registry`.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Result};
use clap::Args;

use super::{
    emit_report, image_limits, request_timeout, write_output, ImageLimitArgs, RegistryArgs,
    ReportArgs,
};
use crate::checks::Scope;
use crate::collect::registry::{self, client::Client, list, reference};
use crate::config::Config;
use crate::facts::ImageFacts;
use crate::report::Target;

#[derive(Args, Debug)]
pub struct RegistryCmdArgs {
    /// Registry host: HOST or HOST:PORT (a `registry:` prefix is allowed).
    #[arg(value_name = "HOST")]
    pub host: String,
    /// Only this repository (its tags), instead of the whole catalog;
    /// repeatable.
    #[arg(long = "repo", value_name = "REPO")]
    pub repos: Vec<String>,
    /// Audit every listed image (each tag; signature tags left out) and
    /// write one report over them; without it the repositories and tags
    /// are listed.
    #[arg(long)]
    pub audit: bool,
    /// Images read at once with --audit.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub concurrency: usize,
    /// Bound on the repositories of the catalog and on the tags of one
    /// repository.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub max_entries: usize,
    /// Entries asked for per page of a listing.
    #[arg(long, value_name = "N", default_value_t = list::PAGE, hide = true)]
    pub page_size: usize,
    /// Registry requests (each page, manifest, config) fail after this many
    /// seconds [default: 10; config `[audit] timeout`].
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
    /// The listing as JSON (`{"registry", "repositories": [{"name", "tags"}]}`)
    /// instead of one `REPO:TAG` line each (without --audit).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub registry: RegistryArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// One listed image read, or why not.
type ScanResult = Result<Vec<ImageFacts>, String>;

/// Tags cosign and other tools push beside an image (`sha256-<hex>.sig`,
/// `.att`, `.sbom`): not images to audit.
fn is_artifact_tag(t: &str) -> bool {
    t.starts_with("sha256-") && [".sig", ".att", ".sbom"].iter().any(|s| t.ends_with(s))
}

pub fn run_registry(args: RegistryCmdArgs, cfg: &Config) -> Result<i32> {
    let host = reference::parse_host(args.host.trim_start_matches(reference::PREFIX))
        .map_err(anyhow::Error::msg)?;
    if args.concurrency == 0 || args.concurrency > 64 {
        bail!("--concurrency must be between 1 and 64");
    }
    let timeout = request_timeout(args.timeout, cfg)?;
    let (blob_timeout, blob_idle) = super::ExportArgs::default().bounds()?;
    let ro = super::registry_options(&args.registry, timeout, blob_idle, blob_timeout)?;
    let client = Client::connect(&host, &ro.client).map_err(anyhow::Error::msg)?;
    let repos = if args.repos.is_empty() {
        list::catalog(&client, args.page_size.max(1), args.max_entries)
            .map_err(anyhow::Error::msg)?
    } else {
        let mut r = args.repos.clone();
        for name in &r {
            // The same rules as a reference's repository.
            reference::parse(&format!("{host}/{name}")).map_err(anyhow::Error::msg)?;
        }
        r.sort();
        r.dedup();
        r
    };
    let mut listing: Vec<(String, Vec<String>)> = Vec::new();
    for repo in &repos {
        let tags = list::tags(&client, repo, args.page_size.max(1), args.max_entries)
            .map_err(anyhow::Error::msg)?;
        listing.push((repo.clone(), tags));
    }
    if !args.audit {
        write_output(None, |out| {
            if args.json {
                let doc = serde_json::json!({
                    "registry": host,
                    "repositories": listing.iter().map(|(r, t)| serde_json::json!({"name": r, "tags": t})).collect::<Vec<_>>(),
                });
                serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
                writeln!(out)
            } else {
                for (r, tags) in &listing {
                    if tags.is_empty() {
                        writeln!(out, "{host}/{r} (no tags)")?;
                    }
                    for t in tags {
                        writeln!(out, "{host}/{r}:{t}")?;
                    }
                }
                Ok(())
            }
        })?;
        return Ok(0);
    }
    let h = host.as_str();
    let refs: Vec<String> = listing
        .iter()
        .flat_map(|(r, tags)| {
            tags.iter()
                .filter(|t| !is_artifact_tag(t))
                .map(move |t| format!("{}{h}/{r}:{t}", reference::PREFIX))
        })
        .collect();
    drop(client);
    let opts = crate::image::ScanOptions {
        limits: image_limits(&ImageLimitArgs::default(), cfg),
        request_timeout: timeout,
        export_timeout: blob_timeout,
        export_idle_timeout: blob_idle,
        platform: super::platform_arg(&args.registry)?,
        ..Default::default()
    };
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, ScanResult)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..args.concurrency.min(refs.len().max(1)) {
            s.spawn(|| {
                // One connection state per worker (tokens are per scope).
                let mut client: Option<Client> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(r) = refs.get(i) else { break };
                    let res = (|| -> Result<Vec<ImageFacts>, String> {
                        if client.is_none() {
                            client = Some(Client::connect(&host, &ro.client)?);
                        }
                        let c = client.as_ref().expect("connected");
                        let parsed = reference::parse(r)?;
                        registry::scan_with(c, &parsed, &opts, &ro).map_err(|e| format!("{e:#}"))
                    })();
                    results.lock().expect("results lock").push((i, res));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("results lock");
    results.sort_by_key(|(i, _)| *i);
    let mut images = Vec::new();
    let mut failed = Vec::new();
    for (i, res) in results {
        match res {
            Ok(v) => images.extend(v),
            Err(e) => failed.push(format!("{}: not audited: {e}", refs[i])),
        }
    }
    let mut facts = super::scanned_facts(images);
    facts.warnings.extend(failed.iter().cloned());
    let code = emit_report(
        Target {
            kind: "registry".to_string(),
            name: host.clone(),
        },
        &[Scope::Image],
        &facts,
        &args.report,
        cfg,
    )?;
    if !failed.is_empty() {
        for f in &failed {
            let _ = writeln!(io::stderr(), "dockaudit: error: {f}");
        }
        // The audit is incomplete: not a clean run whatever was found.
        return Ok(2);
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifact_tags() {
        assert!(is_artifact_tag(&format!("sha256-{}.sig", "a".repeat(64))));
        assert!(is_artifact_tag("sha256-ab.att"));
        assert!(!is_artifact_tag("1.0"));
        assert!(!is_artifact_tag("sha256-ab"));
    }
}
