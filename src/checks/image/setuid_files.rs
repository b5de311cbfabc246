//! IMG-003: setuid/setgid files in the image (CIS 4.8).

use crate::checks::support::image::{layer_file, over_images, scanned_subject};
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "IMG-003",
    slug: "image-setuid-files",
    title: "Image holds setuid or setgid files",
    section: Section::NonRoot,
    cis: &["4.8"],
    severity: Severity::Medium,
    item: "setuid/setgid binaries removed from images",
    rationale: "A setuid or setgid binary runs with its owner's or group's rights whoever \
        starts it: a non-root process in the container can use it to become root.",
    remediation: "Strip the bits in the Dockerfile's last stage: \
        `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true`; or run \
        containers with `--security-opt no-new-privileges`.",
    references: &["https://docs.docker.com/build/building/best-practices/"],
    aliases: &["CIS-DI-0008"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    over_images(ctx, "", |img| {
        Some(
            img.setuid_files
                .iter()
                .map(|f| {
                    let bits = u32::from_str_radix(&f.mode, 8).unwrap_or(0);
                    let what = match (bits & 0o4000 != 0, bits & 0o2000 != 0) {
                        (true, true) => "setuid and setgid",
                        (true, false) => "setuid",
                        _ => "setgid",
                    };
                    Finding::new(
                        scanned_subject(img),
                        format!(
                            "{} is {what} (mode {}, owner {}:{})",
                            f.path, f.mode, f.uid, f.gid
                        ),
                        Evidence::new(
                            layer_file(&f.path, f.layer),
                            format!("mode {}", f.mode),
                            "no setuid/setgid bit",
                        ),
                    )
                })
                .collect(),
        )
    })
}
