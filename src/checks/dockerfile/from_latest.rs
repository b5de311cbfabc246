//! DF-004: FROM untagged or `latest` (CIS 4.2).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};
use crate::dockerfile::ImageRef;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_external_bases(ctx, |df, st, image, out| {
        let r = ImageRef::parse(image);
        if r.digest.is_some() {
            return;
        }
        // hadolint splits the two cases (DL3006 untagged, DL3007 latest);
        // Trivy and Checkov have one rule for both.
        let (what, hadolint) = match r.tag.as_deref() {
            None => ("has no tag (latest is implied)", "DL3006"),
            Some("latest") => ("uses the latest tag", "DL3007"),
            Some(_) => return,
        };
        out.push(
            dfs::stage_finding(
                df,
                st.index,
                format!("{}: FROM {image} {what}", dfs::stage_label(df, st.index)),
                image.to_string(),
                "an explicit version tag (and a digest)",
            )
            .with_aliases([hadolint, "DS001", "CKV_DOCKER_7"]),
        );
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM alpine\nFROM b:latest\nFROM c:1\n", 2)],
    pass: ["FROM registry:5000/app:1.0\nFROM x@sha256:ab\n"],
    codes: [
        (
            "FROM a\nFROM b:latest\n",
            [["DL3006", "DS001", "CKV_DOCKER_7"], ["DL3007", "DS001", "CKV_DOCKER_7"]],
        ),
    ],
}
