//! Secrets at rest: evidence bundles and facts files keep, in place of each
//! secret value, a marker saying what the detector found (rule, redacted
//! form, keyed fingerprint), so that the file leaks no secret and a check
//! run over it reports the same secret findings as over the raw facts.
//! Pure: a transform of the facts model, no I/O.

use std::collections::BTreeMap;

use serde_json::Value;

use super::engine::ContainerConfig;
use super::{Facts, ImageFacts, Source};
use crate::secrets::{redact_kv_value, redact_text_for_facts};

/// Redacts every secret value the facts hold; returns how many values
/// were replaced.
pub fn redact(facts: &mut Facts) -> usize {
    let mut n = 0;
    if let Source::Present(cs) = &mut facts.containers {
        for c in cs {
            n += config(&mut c.config);
            n += texts(&mut c.args);
            n += text(&mut c.path);
            for e in &mut c.execs {
                n += text(&mut e.process_config.entrypoint);
                n += texts(&mut e.process_config.arguments);
            }
            for p in c.processes.iter_mut().flatten() {
                n += text(&mut p.command);
            }
        }
    }
    if let Source::Present(imgs) = &mut facts.images {
        for i in imgs {
            n += config(&mut i.config);
            for h in &mut i.history {
                n += text(&mut h.created_by);
            }
        }
    }
    if let Source::Present(imgs) = &mut facts.scanned_images {
        for i in imgs {
            n += image(i);
        }
    }
    if let Source::Present(s) = &mut facts.swarm {
        // Service specs (env, arguments, log options), and the cluster spec:
        // its task defaults carry log driver options, its CA config a
        // signing key when the engine hands one out.
        for v in s.services.iter_mut().flatten() {
            n += json(v, "");
        }
        for v in [&mut s.spec, &mut s.cluster].into_iter().flatten() {
            n += json(v, "");
        }
    }
    if let Source::Present(d) = &mut facts.daemon {
        if let Source::Present(p) = &mut d.process {
            n += texts(&mut p.args);
        }
        if let Source::Present(f) = &mut d.config_file {
            if let Some(c) = &mut f.content {
                n += json(c, "");
            }
        }
        if let Source::Present(units) = &mut d.units {
            for u in units {
                n += texts(&mut u.exec_start);
                n += env(&mut u.environment);
            }
        }
        if let Source::Present(files) = &mut d.env_files {
            for f in files {
                for (_, a) in &mut f.assignments {
                    n += env_entry(a);
                }
            }
        }
    }
    n
}

/// A scanned image's config, history and warnings.
pub fn image(img: &mut ImageFacts) -> usize {
    let mut n = 0;
    if let Some(c) = &mut img.config {
        n += env(&mut c.env);
        n += labels(&mut c.labels);
        for v in [&mut c.cmd, &mut c.entrypoint].into_iter().flatten() {
            n += texts(v);
        }
    }
    for h in &mut img.history {
        n += text(&mut h.created_by);
    }
    n
}

fn config(c: &mut ContainerConfig) -> usize {
    let mut n = labels(&mut c.labels);
    if let Some(e) = &mut c.env {
        n += env(e);
    }
    for v in [&mut c.cmd, &mut c.entrypoint].into_iter().flatten() {
        n += texts(v);
    }
    n
}

fn env(entries: &mut [String]) -> usize {
    entries.iter_mut().map(env_entry).sum()
}

/// `NAME=value`: the value replaced when it is a secret.
fn env_entry(entry: &mut String) -> usize {
    let Some((name, value)) = entry.split_once('=') else {
        return 0;
    };
    match redact_kv_value(name, value) {
        Some(m) => {
            *entry = format!("{name}={m}");
            1
        }
        None => 0,
    }
}

fn labels(l: &mut BTreeMap<String, String>) -> usize {
    let mut n = 0;
    for (k, v) in l.iter_mut() {
        if let Some(m) = redact_kv_value(k, v) {
            *v = m;
            n += 1;
        }
    }
    n
}

/// An argument vector: a flag's value in the next argument
/// (`--password`, `x`) is judged with the flag's name, every argument as
/// a text too.
fn texts(v: &mut [String]) -> usize {
    let mut n = 0;
    for i in 0..v.len() {
        let flag = v[i]
            .strip_prefix('-')
            .filter(|f| !f.contains('='))
            .map(|f| f.trim_start_matches('-').to_string());
        n += text(&mut v[i]);
        if let (Some(flag), Some(next)) = (flag, v.get_mut(i + 1)) {
            if !next.starts_with('-') {
                if let Some(m) = redact_kv_value(&flag, next) {
                    *next = m;
                    n += 1;
                }
            }
        }
    }
    n
}

fn text(s: &mut String) -> usize {
    let r = redact_text_for_facts(s);
    if r == *s {
        return 0;
    }
    *s = r;
    1
}

/// A JSON document (daemon.json, a swarm service spec): `Env` lists as
/// environment entries, `Args` and `Command` lists as command lines (a
/// flag's value judged with the flag), string values judged with their
/// key.
fn json(v: &mut Value, key: &str) -> usize {
    let command_line = ["args", "command"]
        .iter()
        .any(|k| key.eq_ignore_ascii_case(k));
    match v {
        Value::Array(items) if command_line && items.iter().all(Value::is_string) => {
            let mut words: Vec<String> = items
                .iter()
                .map(|i| i.as_str().unwrap_or_default().to_string())
                .collect();
            let n = texts(&mut words);
            *items = words.into_iter().map(Value::String).collect();
            n
        }
        Value::String(s) => match redact_kv_value(key, s) {
            Some(m) => {
                *s = m;
                1
            }
            None => text(s),
        },
        Value::Array(items) => {
            let is_env = key.eq_ignore_ascii_case("env");
            items
                .iter_mut()
                .map(|i| match i {
                    Value::String(s) if is_env => env_entry(s),
                    other => json(other, key),
                })
                .sum()
        }
        Value::Object(map) => map.iter_mut().map(|(k, v)| json(v, k)).sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{self, AuditConfig, Ctx, Outcome};

    fn findings(facts: &Facts, id: &str) -> Vec<String> {
        let cfg = AuditConfig::default();
        let c = checks::find(id).unwrap();
        match checks::run(c, &Ctx::new(facts, &cfg)) {
            Outcome::Fail { findings, .. } => {
                let mut m: Vec<String> = findings
                    .iter()
                    .map(|f| format!("{} | {}", f.message, f.evidence.observed))
                    .collect();
                m.sort();
                m
            }
            other => vec![format!("{other:?}")],
        }
    }

    #[test]
    fn redacted_facts_give_the_same_secret_findings() {
        let raw: Facts = serde_json::from_value(serde_json::json!({
            "schema_version": 1,
            "containers": {"present": [{
                "Id": "c1", "Name": "/api", "Image": "sha256:11",
                "Path": "/app/run", "Args": ["--db-password", "s3cr3tP4ssw0rd9"],
                "Config": {"Env": ["API_TOKEN=tok-e2e-4711abcd", "AWS_ACCESS_KEY_ID=AKIAJT2MYNCZX7TUOUCI", "PATH=/bin"],
                           "Labels": {"db.password": "hunter2hunter2", "app": "web"}},
                "HostConfig": {}
            }]},
            "images": {"present": [{"Id": "sha256:11", "Config": {"Env": ["PATH=/bin"]}}]}
        }))
        .unwrap();
        let mut red = raw.clone();
        let n = redact(&mut red);
        let text = serde_json::to_string(&red).unwrap();
        assert!(n >= 4, "{n}: {text}");
        for secret in [
            "tok-e2e-4711abcd",
            "AKIAJT2MYNCZX7TUOUCI",
            "hunter2hunter2",
            "s3cr3tP4ssw0rd9",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("PATH=/bin") && text.contains("\"app\":\"web\""));
        for id in ["SECRET-100", "SECRET-104", "IMG-004", "IMG-005", "IMG-006"] {
            if checks::find(id).is_some() {
                assert_eq!(findings(&red, id), findings(&raw, id), "{id}");
            }
        }
        assert!(!findings(&raw, "SECRET-100").is_empty());
        // Redacting twice changes nothing.
        let mut twice = red.clone();
        assert_eq!(redact(&mut twice), 0);
    }
}
