//! BASE-102: images without a HEALTHCHECK (CIS 4.6), from the image
//! configuration.

use crate::checks::support::{image_field, image_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Mode, Need, Outcome, Scope, Section, Severity};

pub static CHECK: Check = Check {
    id: "BASE-102",
    slug: "image-without-healthcheck",
    title: "Image has no HEALTHCHECK",
    section: Section::BaseImages,
    scope: Scope::Image,
    cis: &["4.6"],
    severity: Severity::Low,
    mode: Mode::Automated,
    item: "Base image security: images built to be operated safely",
    needs: &[Need::Images],
    rationale: "Without a health check the engine only knows whether the main process is \
        alive, not whether it serves: a hung or half-broken container keeps running and \
        keeps receiving traffic. CIS 4.6 asks for a HEALTHCHECK instruction in every \
        image. `HEALTHCHECK NONE` disables an inherited check and counts as missing.",
    remediation: "Add a health check to the Dockerfile, e.g. `HEALTHCHECK --interval=30s \
        --timeout=3s CMD wget -qO- http://localhost:8080/health || exit 1`, or set it at run \
        time with `--health-cmd` (compose: `healthcheck:`).",
    references: &["https://docs.docker.com/reference/dockerfile/#healthcheck"],
    aliases: &[],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    let images = ctx.facts.images();
    let mut findings = Vec::new();
    for i in images {
        let test = i.config.healthcheck.as_ref().and_then(|h| h.test.clone());
        let observed = match test.as_deref() {
            None | Some([]) => "no Healthcheck".to_string(),
            Some([first, ..]) if first.eq_ignore_ascii_case("NONE") => {
                "Healthcheck.Test [\"NONE\"] (disabled)".to_string()
            }
            Some(_) => continue,
        };
        findings.push(Finding::new(
            image_subject(i),
            format!("image defines no health check ({observed})"),
            Evidence::new(
                image_field("Config.Healthcheck"),
                observed,
                "a HEALTHCHECK CMD instruction",
            ),
        ));
    }
    Outcome::from_findings(images.len(), findings, "no images on this engine")
}
