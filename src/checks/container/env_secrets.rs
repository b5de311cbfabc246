//! SECRET-100: secrets in a container's environment that the container was
//! given at creation (`-e`, `--env-file`, compose `environment:`). Entries
//! inherited unchanged from the image's Config.Env belong to IMG-004.

use crate::checks::support::container::judge_specs;
use crate::checks::{Ctx, Outcome};
use crate::secrets::scan_kv;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let images_known = ctx.facts.images.is_present();
    judge_specs(ctx, |s| {
        // Variables an engine container inherits from its image are the
        // image's finding (image checks), not the container's.
        let image = s.container.and_then(|c| ctx.facts.image_by_id(&c.image));
        let inherited: &[String] = image.and_then(|i| i.config.env.as_deref()).unwrap_or(&[]);
        let mut out = Vec::new();
        for e in &s.env.items {
            let Some(value) = e.value.value.as_deref() else {
                continue;
            };
            let name = &e.value.name;
            if inherited.iter().any(|x| x == &format!("{name}={value}")) {
                continue;
            }
            let Some(hit) = scan_kv(name, value) else {
                continue;
            };
            let origin = match (s.container, image) {
                (None, _) => "",
                (Some(_), Some(_)) if images_known => {
                    " (set on the container, not in the image's Config.Env)"
                }
                (Some(_), _) => " (image env unknown: may be inherited from the image)",
            };
            out.push(s.finding(
                format!(
                    "environment variable {name} holds {} ({})",
                    crate::checks::support::secret_what(&hit),
                    hit.redacted
                ),
                e.from.evidence(
                    format!("{name}={}{origin}", hit.redacted),
                    "no secret values in the environment; a file under /run/secrets instead",
                ),
            ));
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::{Container, Facts, Image, Source};

    fn run(env: &[&str], image_env: Option<&[&str]>) -> Outcome {
        let mut c = Container {
            id: "c1".into(),
            name: "/app".into(),
            image: "sha256:img".into(),
            ..Default::default()
        };
        c.config.env = Some(env.iter().map(|s| s.to_string()).collect());
        let mut facts = Facts::new();
        facts.containers = Source::Present(vec![c]);
        if let Some(ie) = image_env {
            let mut i = Image {
                id: "sha256:img".into(),
                ..Default::default()
            };
            i.config.env = Some(ie.iter().map(|s| s.to_string()).collect());
            facts.images = Source::Present(vec![i]);
        }
        let cfg = AuditConfig::default();
        evaluate(&Ctx::new(&facts, &cfg))
    }

    #[test]
    fn own_env_secret_is_reported_redacted() {
        match run(
            &["API_TOKEN=tok-e2e-4711abcd", "PATH=/bin"],
            Some(&["PATH=/bin"]),
        ) {
            Outcome::Fail { findings, .. } => {
                assert_eq!(findings.len(), 1);
                let text = format!("{:?}", findings[0]);
                assert!(!text.contains("tok-e2e-4711abcd"), "{text}");
                assert!(text.contains("API_TOKEN"));
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn inherited_env_is_left_to_the_image_check() {
        let env = ["DB_PASSWORD=hunter22", "PATH=/bin"];
        assert!(matches!(run(&env, Some(&env)), Outcome::Pass { .. }));
        // Overridden value: the container's own.
        assert!(matches!(
            run(
                &["DB_PASSWORD=other-value"],
                Some(&["DB_PASSWORD=hunter22"])
            ),
            Outcome::Fail { .. }
        ));
        // Image facts missing: reported, origin unknown.
        match run(&env, None) {
            Outcome::Fail { findings, .. } => {
                assert!(findings[0].evidence.observed.contains("unknown"))
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn file_pointers_and_gpg_keys_are_not_secrets() {
        assert!(matches!(
            run(
                &[
                    "DB_PASSWORD_FILE=/run/secrets/db",
                    "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D"
                ],
                Some(&[])
            ),
            Outcome::Pass { .. }
        ));
    }
}
