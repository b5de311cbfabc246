//! IMG-006: secrets in an image's build history (CIS 4.10), for engine
//! images and scanned images alike: ENV, ARG and LABEL values, build
//! arguments recorded on RUN steps and token formats in RUN commands. Values
//! still present in the image configuration are IMG-004's and IMG-005's;
//! this check reports what only the history keeps.

use std::collections::BTreeMap;

use crate::adapt::history::key_values;
use crate::adapt::image::ConfigView;
use crate::checks::support::image::{over_subjects, ImageSubject};
use crate::checks::{Ctx, Evidence, Finding, Outcome};
use crate::secrets::{is_secret_name, redact, scan_kv, scan_text, Confidence, SecretHit};

crate::checks::meta!();

/// One secret seen in the history: where first, how often.
struct Seen {
    keyword: String,
    name: String,
    hit: SecretHit,
    /// Evidence source of the oldest entry holding it.
    source: String,
    count: usize,
}

fn in_config(cfg: Option<&ConfigView>, keyword: &str, name: &str, value: &str) -> bool {
    let Some(cfg) = cfg else {
        return false;
    };
    match keyword {
        "ENV" => cfg
            .env
            .value
            .iter()
            .any(|e| e == &format!("{name}={value}")),
        "LABEL" => cfg.labels.value.get(name).is_some_and(|v| v == value),
        _ => false,
    }
}

/// The secrets of the history: (keyword, name, hit, source, count).
pub(crate) fn scan_image(i: &ImageSubject) -> Vec<(String, String, SecretHit, String, usize)> {
    let mut seen: BTreeMap<(String, String, String), Seen> = BTreeMap::new();
    // Oldest first: the first entry seen is the one the evidence names.
    for step in &i.history {
        let Some(ins) = &step.instruction else {
            continue;
        };
        let mut hits: Vec<(String, String, SecretHit)> = Vec::new();
        match ins.keyword.as_str() {
            "ENV" | "ARG" | "LABEL" => {
                for (k, v) in key_values(&ins.args) {
                    if in_config(i.config.as_ref(), &ins.keyword, &k, &v) {
                        continue;
                    }
                    if let Some(hit) = history_kv(&k, &v) {
                        hits.push((ins.keyword.clone(), k, hit));
                    }
                }
            }
            "RUN" => {
                for (k, v) in &ins.build_args {
                    if let Some(hit) = history_kv(k, v) {
                        hits.push(("ARG".to_string(), k.clone(), hit));
                    }
                }
                for hit in scan_text(&ins.args) {
                    hits.push(("RUN".to_string(), String::new(), hit));
                }
                for (k, v) in inline_assignments(&ins.args) {
                    if let Some(hit) = scan_kv(&k, &v) {
                        if hit.rule == "secret-name" {
                            hits.push(("RUN".to_string(), k, hit));
                        }
                    }
                }
            }
            _ => {
                for hit in scan_text(&ins.args) {
                    hits.push((ins.keyword.clone(), String::new(), hit));
                }
            }
        }
        for (keyword, name, hit) in hits {
            let key = (keyword.clone(), name.clone(), hit.redacted.clone());
            seen.entry(key)
                .and_modify(|s| s.count += 1)
                .or_insert(Seen {
                    keyword,
                    name,
                    hit,
                    source: step.source.clone(),
                    count: 1,
                });
        }
    }
    seen.into_values()
        .map(|s| (s.keyword, s.name, s.hit, s.source, s.count))
        .collect()
}

/// A build-time NAME=value judged like an environment entry, and also for
/// short values: a build argument named TOKEN with the value `abc` was
/// recorded in the image whatever its length (the shared detector skips
/// values under 4 characters as trivial).
fn history_kv(name: &str, value: &str) -> Option<SecretHit> {
    if let Some(hit) = scan_kv(name, value) {
        return Some(hit);
    }
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'');
    // A value recorded in the image is the value it runs with, a weak one
    // (`123456`, `changeme`) included; what only names the slot or is
    // filled in elsewhere (`<password>`, `xxxxxxxx`, `{{ .Token }}`) is not.
    use crate::secrets::generic::{classify_value, ValueClass};
    if v.chars().count() >= 4
        && matches!(
            classify_value(v),
            ValueClass::Placeholder
                | ValueClass::Template
                | ValueClass::Reference
                | ValueClass::Path
                | ValueClass::Url
                | ValueClass::Hash
                | ValueClass::PasswordHash
                | ValueClass::Encrypted
                | ValueClass::Pem
                | ValueClass::Uuid
                | ValueClass::Version
        )
    {
        return None;
    }
    let placeholder = matches!(
        v.to_ascii_lowercase().as_str(),
        "" | "-" | "0" | "1" | "no" | "yes" | "on" | "off" | "true" | "false" | "none" | "null"
    );
    if is_secret_name(name) && !placeholder && !v.starts_with('$') && !v.starts_with('/') {
        return Some(SecretHit {
            rule: "secret-name",
            description: "secret-looking variable with a value",
            confidence: Confidence::Medium,
            redacted: redact(v),
        });
    }
    None
}

/// `NAME=value` words in a shell command (`export X=1`, `X=1 cmd`).
fn inline_assignments(cmd: &str) -> Vec<(String, String)> {
    cmd.split_whitespace()
        .filter_map(|w| {
            let (k, v) = w.split_once('=')?;
            let valid = !k.is_empty()
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !k.starts_with(|c: char| c.is_ascii_digit());
            valid.then(|| {
                (
                    k.to_string(),
                    v.trim_matches(|c| c == '"' || c == '\'').to_string(),
                )
            })
        })
        .collect()
}

fn evaluate(ctx: &Ctx) -> Outcome {
    over_subjects(ctx, |img, _| {
        let mut findings = Vec::new();
        for (keyword, name, hit, source, count) in scan_image(img) {
            let what = if name.is_empty() {
                format!(
                    "{} in a {keyword} instruction",
                    crate::checks::support::secret_what(&hit)
                )
            } else {
                format!(
                    "{keyword} {name} holds {}",
                    crate::checks::support::secret_what(&hit)
                )
            };
            let shown = if name.is_empty() {
                format!("{keyword} … {} …", hit.redacted)
            } else {
                format!("{keyword} {name}={}", hit.redacted)
            };
            let times = if count > 1 {
                format!(" (in {count} history entries)")
            } else {
                String::new()
            };
            findings.push(Finding::new(
                img.subject.clone(),
                format!("image history: {what} ({}){times}", hit.redacted),
                Evidence::new(
                    source,
                    shown,
                    "no secret values in build instructions; BuildKit secret mounts instead",
                ),
            ));
        }
        Ok(findings)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapt::image::from_engine;

    use crate::facts::Image;

    fn scan(i: &Image) -> Vec<(String, String, SecretHit, String, usize)> {
        scan_image(&from_engine(i))
    }

    fn image(history: &[&str], env: &[&str]) -> Image {
        let mut i = crate::checks::support::image::with_history(history);
        i.config.env = Some(env.iter().map(|s| s.to_string()).collect());
        i
    }

    #[test]
    fn classic_and_buildkit_forms() {
        let i = image(
            &[
                "/bin/sh -c #(nop)  USER app",
                "|1 TOKEN=abc123xyz /bin/sh -c apk update || true",
                "|1 TOKEN=abc123xyz /bin/sh -c echo $TOKEN > /dev/null",
                "/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter22",
                "/bin/sh -c #(nop)  ARG TOKEN=abc123xyz",
                "RUN |1 API_TOKEN=zzz987654 /bin/sh -c make # buildkit",
                "ENV APP_SECRET=Zq8rT2mW9xKp4",
            ],
            &[],
        );
        let hits = scan(&i);
        let names: Vec<(&str, &str, usize)> = hits
            .iter()
            .map(|(k, n, _, _, c)| (k.as_str(), n.as_str(), *c))
            .collect();
        // ARG default and the two RUN build-arg records collapse into one.
        assert!(names.contains(&("ARG", "TOKEN", 3)), "{names:?}");
        assert!(names.contains(&("ENV", "DB_PASSWORD", 1)));
        assert!(names.contains(&("ARG", "API_TOKEN", 1)));
        assert!(names.contains(&("ENV", "APP_SECRET", 1)));
        for (_, _, hit, _, _) in &hits {
            assert!(!hit.redacted.contains("hunter22") && !hit.redacted.contains("abc123"));
        }
    }

    #[test]
    fn short_build_arg_values_count() {
        let i = image(
            &[
                "RUN |1 TOKEN=abc /bin/sh -c make # buildkit",
                "|1 TOKEN=abc /bin/sh -c make",
            ],
            &[],
        );
        let hits = scan(&i);
        assert_eq!(
            hits.len(),
            1,
            "{:?}",
            hits.iter().map(|h| &h.1).collect::<Vec<_>>()
        );
        assert_eq!(hits[0].4, 2);
        assert_eq!(hits[0].2.redacted, "[redacted, 3 chars]");
        // A weak value recorded in the image is the one it runs with.
        let i = image(
            &[
                "/bin/sh -c #(nop)  ENV MYSQL_ROOT_PASSWORD=123456",
                "/bin/sh -c #(nop)  ARG DB_PASSWORD=changeme",
            ],
            &[],
        );
        assert_eq!(scan(&i).len(), 2);
        let i = image(&["|2 DEBUG=1 TOKEN=no /bin/sh -c make"], &[]);
        assert!(scan(&i).is_empty());
    }

    #[test]
    fn env_still_in_config_is_left_to_img_004() {
        let i = image(
            &["/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter22"],
            &["DB_PASSWORD=hunter22"],
        );
        assert!(scan(&i).is_empty());
    }

    #[test]
    fn not_secrets() {
        let i = image(
            &[
                "/bin/sh -c #(nop)  ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                "ENV PYTHON_GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                "/bin/sh -c #(nop)  ARG TOKEN",
                "/bin/sh -c #(nop)  ENV DB_PASSWORD_FILE=/run/secrets/db",
                "|1 TOKEN= /bin/sh -c make",
                "/bin/sh -c export PASSWORD=$(cat /run/secrets/pw) && run",
                // Placeholders, as the detector judges them.
                "/bin/sh -c #(nop)  ENV API_TOKEN=<token>",
                "/bin/sh -c #(nop)  ENV API_TOKEN={{.Token}}",
                "/bin/sh -c #(nop)  ENV API_KEY=xxxxxxxx",
            ],
            &[],
        );
        assert!(
            scan(&i).is_empty(),
            "{:?}",
            scan(&i).iter().map(|h| &h.1).collect::<Vec<_>>()
        );
    }

    #[test]
    fn token_in_run_command() {
        let i = image(
            &["/bin/sh -c git clone https://bob:Tq7vLx29Wm@git.internal.corp/x.git"],
            &[],
        );
        let hits = scan(&i);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].2.rule, "url-credentials");
    }

    #[test]
    fn evidence_names_the_oldest_entry_of_either_source() {
        // The engine lists newest first: entry 1 is the last element.
        let i = image(
            &[
                "|1 TOKEN=abc123xyz /bin/sh -c make",
                "/bin/sh -c #(nop)  ARG TOKEN=abc123xyz",
            ],
            &[],
        );
        let hits = scan(&i);
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].3,
            "engine: image history CreatedBy (entry 1 of 2, oldest first)"
        );
        let s = crate::facts::ImageFacts {
            reference: "x".into(),
            history: vec![crate::facts::image::ImageHistory {
                created_by: "ARG TOKEN=abc123xyz".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let hits = scan_image(&crate::adapt::image::from_scanned(&s, &Image::default()));
        assert_eq!(
            hits[0].3,
            "image config: history[0].created_by (entry 1 of 1, oldest first)"
        );
    }
}
