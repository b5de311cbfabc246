//! DF-011: ADD of a remote URL without a checksum (CIS 4.9, 4.11).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "DF-011",
    slug: "add-remote-url",
    title: "ADD fetches a remote URL without a checksum",
    section: Section::Provenance,
    cis: &["4.9", "4.11"],
    severity: Severity::Medium,
    item: "Image digest checked at deployment",
    rationale: "ADD <url> puts whatever the server returns on build day into the image, \
        unverified: a compromised or changed download ships silently.",
    remediation: "Verify the content: `ADD --checksum=sha256:<hash> https://... /dest` \
        (BuildKit), or download in a RUN and check the hash (`curl -fsSLo f url && echo \
        \"<hash>  f\" | sha256sum -c -`).",
    references: &["https://docs.docker.com/reference/dockerfile/#add---checksum"],
    aliases: &["DS005", "CKV_DOCKER_4"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for inst in df.instructions.iter().filter(|i| i.keyword == "ADD") {
            if inst.flag("checksum").is_some() {
                continue;
            }
            let Some((sources, _)) = inst.copy_paths() else {
                continue;
            };
            for s in sources.iter().filter(|s| dfs::is_remote(s)) {
                out.push(dfs::finding(
                    df,
                    inst,
                    format!("ADD fetches {} without --checksum", dfs::shorten(s, 120)),
                    dfs::excerpt(inst),
                    "ADD --checksum=sha256:<hash> <url>, or a verified download in RUN",
                ));
            }
        }
        !df.stages.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn remote() {
        assert_eq!(
            run_df(&super::CHECK, "FROM a:1\nADD https://x/y.tgz /y\n").len(),
            1
        );
        assert!(run_df(
            &super::CHECK,
            "FROM a:1\nADD --checksum=sha256:ab https://x/y.tgz /y\nADD . /app\n"
        )
        .is_empty());
    }
}
