//! Matching benchmark for the offline vulnerability store (run by
//! `scripts/bench-vulns.sh`): `vuln_bench DB_DIR INVENTORY_JSON [RUNS]`.
//!
//! Reads an inventory (a JSON list of `{ecosystem, name, version}`), opens
//! the store read-only, matches once to warm the page cache, then times
//! `RUNS` (default 20) matches two ways:
//! - cold store: a fresh `Store::open_read_only` per run (empty decoded-record
//!   cache, new SQLite connection; the OS page cache is warm), open included;
//! - warm store: one store reused, so its decoded-record cache is full.
//!
//! Prints median/min/max milliseconds, the matches, and the process's peak
//! RSS (VmHWM).

use std::path::PathBuf;
use std::time::Instant;

use dockaudit::facts::vulns::PackageRef;
use dockaudit::vuln::inventory::{Inventory, Item};
use dockaudit::vuln::scan::match_inventory;
use dockaudit::vuln::store::Store;

#[derive(serde::Deserialize)]
struct Entry {
    ecosystem: String,
    name: String,
    version: String,
}

fn purl_type(ecosystem: &str) -> &'static str {
    match ecosystem.split(':').next().unwrap_or_default() {
        "PyPI" => "pypi",
        "npm" => "npm",
        "Go" => "golang",
        "crates.io" => "cargo",
        "Maven" => "maven",
        "Debian" => "deb",
        "Alpine" => "apk",
        _ => "generic",
    }
}

fn inventory(path: &str) -> Result<Inventory, Box<dyn std::error::Error>> {
    let entries: Vec<Entry> = serde_json::from_slice(&std::fs::read(path)?)?;
    let items = entries
        .into_iter()
        .map(|e| Item {
            pkg: PackageRef {
                name: e.name.clone(),
                version: e.version.clone(),
                ecosystem: e.ecosystem.clone(),
                matched_as: None,
                purl: format!("pkg:{}/{}@{}", purl_type(&e.ecosystem), e.name, e.version),
                location: path.to_string(),
            },
            ecosystem: e.ecosystem,
            package: e.name,
            version: e.version,
        })
        .collect();
    Ok(Inventory {
        items,
        not_covered: Vec::new(),
    })
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn summary(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let median = if ms.len() % 2 == 1 {
        ms[ms.len() / 2]
    } else {
        (ms[ms.len() / 2 - 1] + ms[ms.len() / 2]) / 2.0
    };
    println!(
        "{label}: median {median:.1} ms, min {:.1} ms, max {:.1} ms ({} runs)",
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err("usage: vuln_bench DB_DIR INVENTORY_JSON [RUNS]".into());
    }
    let dir = PathBuf::from(&args[1]);
    let runs: usize = match args.get(3) {
        Some(n) => n.parse()?,
        None => 20,
    };
    let inv = inventory(&args[2])?;

    // Warm-up: the OS page cache holds the database afterwards.
    let mut store = Store::open_read_only(&dir)?;
    let first = match_inventory(&mut store, "bench", "inventory", &inv)?;
    let status = store.status()?;
    println!(
        "store: {} records; inventory: {} packages ({} judged)",
        status.records,
        inv.items.len(),
        first.judged
    );
    println!(
        "matches: {} (after merging by alias), unjudged: {}",
        first.matches.len(),
        first.unjudged.len()
    );
    let packages_hit = {
        let mut p: Vec<(&str, &str)> = first
            .matches
            .iter()
            .map(|m| (m.package.ecosystem.as_str(), m.package.name.as_str()))
            .collect();
        p.sort_unstable();
        p.dedup();
        p.len()
    };
    println!("packages with at least one match: {packages_hit}");

    let mut cold = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let mut s = Store::open_read_only(&dir)?;
        let r = match_inventory(&mut s, "bench", "inventory", &inv)?;
        cold.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(r.matches.len(), first.matches.len());
    }
    let mut warm = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let r = match_inventory(&mut store, "bench", "inventory", &inv)?;
        warm.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(r.matches.len(), first.matches.len());
    }
    summary(
        "match, cold store (fresh read-only open per run, open included)",
        cold,
    );
    summary(
        "match, warm store (one store, decoded records cached)",
        warm,
    );
    if let Some(mib) = peak_rss_mib() {
        println!("peak RSS (VmHWM): {mib:.1} MiB");
    }
    Ok(())
}
