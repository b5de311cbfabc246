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
    dfs::over_instructions(ctx, &["ADD"], |df, inst, out| {
        if inst.flag("checksum").is_some() {
            return;
        }
        let Some((sources, _)) = inst.copy_paths() else {
            return;
        };
        for s in sources.iter().filter(|s| dfs::is_remote(s)) {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("ADD fetches {} without --checksum", dfs::shorten(s, 120)),
                "ADD --checksum=sha256:<hash> <url>, or a verified download in RUN",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nADD https://x/y.tgz /y\n", 1)],
    pass: ["FROM a:1\nADD --checksum=sha256:ab https://x/y.tgz /y\nADD . /app\n"],
}
