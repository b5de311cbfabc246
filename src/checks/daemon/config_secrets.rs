//! SECRET-001: secrets written into the engine daemon's configuration
//! (daemon.json, the dockerd command line, /etc/default/docker,
//! /etc/sysconfig/docker, unit Environment= lines).

use crate::checks::{Ctx, Evidence, Finding, Location, Outcome, Subject};
use crate::facts::daemon::parse_args;
use crate::secrets::{scan_kv, SecretHit};

crate::checks::meta!();

fn finding(place: &str, name: &str, hit: &SecretHit, loc: Option<Location>) -> Finding {
    let ev = Evidence::new(
        place.to_string(),
        format!("{name} = {}", hit.redacted),
        "no secret in the daemon configuration",
    );
    Finding::new(
        Subject::file(
            place
                .trim_start_matches("file: ")
                .split(' ')
                .next()
                .unwrap_or(place),
        ),
        format!("{} in {name} ({place})", hit.description),
        match loc {
            Some(l) => ev.at(l),
            None => ev,
        },
    )
}

fn scan_json(path: &str, key: &str, v: &serde_json::Value, out: &mut Vec<Finding>) {
    match v {
        serde_json::Value::String(s) => {
            if let Some(hit) = scan_kv(key.rsplit('.').next().unwrap_or(key), s) {
                out.push(finding(
                    &format!("file: {path} key \"{key}\""),
                    key,
                    &hit,
                    None,
                ));
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                scan_json(path, &format!("{key}[{i}]"), x, out);
            }
        }
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let kk = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                scan_json(path, &kk, x, out);
            }
        }
        _ => {}
    }
}

/// `A=b C="d e"` as systemd writes Environment= lines.
fn env_assignments(line: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    for ch in line.chars() {
        match (quote, ch) {
            (None, '"') | (None, '\'') => quote = Some(ch),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (_, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
        .filter_map(|a| {
            a.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let d = crate::checks::support::or_skip!(ctx.facts.daemon.get(), "daemon facts unavailable");
    let mut findings = Vec::new();
    let mut checked = 0;
    if let Some(p) = d.process.get() {
        checked += 1;
        let place = format!("process: dockerd command line (pid {})", p.pid);
        for (flag, value) in parse_args(&p.args) {
            let hit = match value.split_once('=') {
                Some((k, v)) => scan_kv(k, v),
                None => scan_kv(&flag, &value),
            };
            if let Some(hit) = hit {
                let name = match value.split_once('=') {
                    Some((k, _)) => format!("--{flag} {k}"),
                    None => format!("--{flag}"),
                };
                findings.push(Finding::new(
                    Subject::daemon(),
                    format!("{} in dockerd argument {name}", hit.description),
                    Evidence::new(
                        place.clone(),
                        format!("{name} = {}", hit.redacted),
                        "no secret on the command line (it is world-readable in /proc)",
                    ),
                ));
            }
        }
    }
    if let Some(doc) = d.config_doc() {
        checked += 1;
        let path = d
            .config_file
            .get()
            .map(|c| c.path.as_str())
            .unwrap_or("daemon.json");
        for (k, v) in doc {
            scan_json(path, k, v, &mut findings);
        }
    }
    for f in d.env_files.get().into_iter().flatten().filter(|f| f.exists) {
        checked += 1;
        for (line, text) in &f.assignments {
            let text = text.strip_prefix("export ").unwrap_or(text);
            for (k, v) in env_assignments(text) {
                if let Some(hit) = scan_kv(&k, &v) {
                    findings.push(finding(
                        &format!("file: {}:{line}", f.path),
                        &k,
                        &hit,
                        Some(Location {
                            path: f.path.clone(),
                            line: Some(*line),
                            column: None,
                            end_line: None,
                            end_column: None,
                        }),
                    ));
                }
            }
        }
    }
    for u in d.units.get().into_iter().flatten() {
        checked += 1;
        for e in &u.environment {
            for (k, v) in env_assignments(e) {
                if let Some(hit) = scan_kv(&k, &v) {
                    findings.push(finding(
                        &format!("file: {} Environment=", u.path),
                        &k,
                        &hit,
                        None,
                    ));
                }
            }
        }
    }
    // No finding is a pass only when both the command line and daemon.json
    // were read (an absent daemon.json counts as read).
    if findings.is_empty() {
        let mut unread = Vec::new();
        if let Some(r) = d.process.reason() {
            unread.push(format!("dockerd command line: {r}"));
        }
        match d.config_file.get() {
            Some(cf) if cf.exists && cf.content.is_none() => {
                unread.push(format!("{} did not parse", cf.path))
            }
            Some(_) => {}
            None => unread.push(format!(
                "daemon.json: {}",
                d.config_file.reason().unwrap_or_default()
            )),
        }
        unread.extend(d.units_unread.iter().map(|u| format!("unit file: {u}")));
        unread.extend(
            d.env_files
                .get()
                .into_iter()
                .flatten()
                .filter_map(|f| f.error.clone()),
        );
        if !unread.is_empty() {
            return Outcome::Skipped(format!("not read: {}", unread.join("; ")));
        }
    }
    Outcome::from_findings(checked.max(1), findings, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn systemd_environment_lines() {
        assert_eq!(
            env_assignments(r#"HTTP_PROXY=http://p:3128 "NO_PROXY=a b" X=1"#),
            vec![
                ("HTTP_PROXY".to_string(), "http://p:3128".to_string()),
                ("NO_PROXY".to_string(), "a b".to_string()),
                ("X".to_string(), "1".to_string()),
            ]
        );
    }
}
