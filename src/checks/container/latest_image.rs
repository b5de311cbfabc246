//! RES-027: containers created from a mutable "latest" reference (CIS 5.28,
//! manual).

use crate::checks::runtime_rules::mutable_latest_reference;
use crate::checks::support::container::engine_observations;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Severity};

pub static CHECK: Check = Check {
    id: "RES-027",
    slug: "latest-image-reference",
    title: "Container may run a stale copy of its image",
    scope: Scope::Host,
    cis: &["5.28"],
    severity: Severity::Low,
    mode: Mode::Manual,
    item: "Base images updated regularly (CIS 5.28, as a runtime hint)",
    needs: &[Need::Containers],
    rationale: "CIS 5.28 asks that containers be started from the current version of their \
        image, which depends on how images are pulled and deployed. A container created \
        from an untagged or `:latest` reference runs whatever `latest` meant when it was \
        created and may lag behind the registry: those containers are listed as hints.",
    remediation: "Deploy from a versioned tag or a digest (`docker run image@sha256:...`, \
        compose `image: name:1.2.3@sha256:...`) and pull before each deployment (`docker \
        pull`, compose `pull_policy: always`).",
    references: &["https://docs.docker.com/reference/cli/docker/image/pull/"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let observations = engine_observations(ctx, "Config.Image", |c| {
        let why = mutable_latest_reference(&c.config.image)?;
        Some(format!("was created from {:?}, {why}", c.config.image))
    });
    Outcome::manual(
        "The deployment procedure showing images are pulled (or rebuilt) before containers \
         are created, e.g. the CI/CD job or runbook with `docker pull` / `pull_policy: \
         always`, and when each listed container was last re-created.",
    )
    .with_observations(observations)
}
