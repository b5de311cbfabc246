//! COMPOSE-025: secret in a compose service environment (no CIS control); the compose
//! mirror of SECRET-100, judged with the same rule functions.

use crate::checks::compose_support::{finding, service_subject, setting_evidence};
use crate::checks::Observation;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};
use crate::secrets::scan_kv;

pub static CHECK: Check = Check {
    id: "COMPOSE-025",
    slug: "compose-env-secret",
    title: "Secret in a compose service environment",
    section: Section::Secrets,
    scope: Scope::Compose,
    cis: &[],
    severity: Severity::High,
    mode: Mode::Automated,
    item: "No secrets in environment variables (image config env, container env)",
    needs: &[Need::Compose],
    rationale: "Values under `environment:` end up in the container's configuration, readable with `docker inspect`, inherited by child processes and kept in the compose file under version control. The detector is SECRET-100's (crate::secrets::scan_kv); values are redacted. Services that use the `secrets:` mechanism, and `*_FILE` variables pointing at /run/secrets, are the good path: they are reported as observations.",
    remediation: "Move the value to a compose secret: a top-level `secrets: {db_password: {file: ./db_password.txt}}`, `secrets: [db_password]` on the service, and `DB_PASSWORD_FILE: /run/secrets/db_password` in its environment. Rotate the exposed secret.",
    references: &["https://docs.docker.com/compose/how-tos/use-secrets/"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut checked = 0;
    let mut findings = Vec::new();
    let mut observations = Vec::new();
    for f in ctx.facts.compose_files() {
        for s in &f.services {
            checked += 1;
            if !s.secrets.is_empty() {
                let names: Vec<&str> = s.secrets.iter().map(|x| x.value.as_str()).collect();
                observations.push(Observation {
                    subject: service_subject(f, s),
                    message: format!("uses compose secrets {names:?} (files under /run/secrets)"),
                    source: format!("compose: {} service {:?} key \"secrets\"", f.path, s.name),
                });
            }
            for e in &s.environment {
                let Some(value) = e.value.value.as_deref() else {
                    continue;
                };
                let Some(hit) = scan_kv(&e.value.name, value) else {
                    continue;
                };
                let what = if hit.rule == "secret-name" {
                    "a secret-looking value".to_string()
                } else {
                    format!("a {}", hit.description)
                };
                findings.push(finding(
                    f,
                    s,
                    format!("environment variable {} holds {what} ({})", e.value.name, hit.redacted),
                    setting_evidence(
                        f,
                        s,
                        e,
                        format!("{}={}", e.value.name, hit.redacted),
                        "no secret values in the environment; a compose secret under /run/secrets instead",
                    ),
                ));
            }
        }
    }
    Outcome::from_findings(checked, findings, "no services in the compose files")
        .with_observations(observations)
}
