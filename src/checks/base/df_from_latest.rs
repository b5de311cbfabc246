//! DF-004: FROM untagged or `latest` (CIS 4.2).

use crate::checks::dockerfile_support as dfs;
use crate::checks::{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity};
use crate::dockerfile::ImageRef;

pub static CHECK: Check = Check {
    id: "DF-004",
    slug: "from-latest-or-untagged",
    title: "FROM image is untagged or uses latest",
    section: Section::BaseImages,
    scope: Scope::Dockerfile,
    cis: &["4.2"],
    severity: Severity::Medium,
    mode: Mode::Automated,
    item: "FROM pinned by digest",
    needs: &[Need::Dockerfiles],
    rationale: "An untagged image means `latest`, which moves with every release: builds \
        change without a change to the Dockerfile and major upgrades arrive unreviewed.",
    remediation: "Name an explicit version tag, and better a digest: \
        `FROM node:20.11-alpine3.19@sha256:<digest>`.",
    references: &["https://docs.docker.com/reference/dockerfile/#from"],
    aliases: &["DL3006", "DL3007", "DS001", "CKV_DOCKER_7"],
    evaluate,
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_external_bases(ctx, |df, st, image, out| {
        let r = ImageRef::parse(image);
        if r.digest.is_some() {
            return;
        }
        let what = match r.tag.as_deref() {
            None => "has no tag (latest is implied)",
            Some("latest") => "uses the latest tag",
            Some(_) => return,
        };
        out.push(dfs::stage_finding(
            df,
            st.index,
            format!("{}: FROM {image} {what}", dfs::stage_label(df, st.index)),
            image.to_string(),
            "an explicit version tag (and a digest)",
        ));
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::dockerfile_support::testing::run_df;

    #[test]
    fn tags() {
        assert_eq!(
            run_df(&super::CHECK, "FROM alpine\nFROM b:latest\nFROM c:1\n").len(),
            2
        );
        assert!(run_df(
            &super::CHECK,
            "FROM registry:5000/app:1.0\nFROM x@sha256:ab\n"
        )
        .is_empty());
    }
}
