//! DF-024: `apt` (the interactive front end) instead of `apt-get`.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "DF-024",
    slug: "apt-instead-of-apt-get",
    title: "RUN uses apt instead of apt-get",
    severity: Severity::Low,
    item: "installed package versions pinned (Dockerfile)",
    rationale: "`apt` is meant for people: its command line interface is not stable and it \
        warns so in scripts. `apt-get` behaves the same from release to release.",
    remediation: "Use `apt-get` (and `apt-cache`) in Dockerfiles.",
    references: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
    aliases: &["DL3027", "CKV_DOCKER_9"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        if let Some(c) = dfs::run_commands(inst).iter().find(|c| c.name() == "apt") {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("RUN uses `{}`", dfs::shorten(&c.program().join(" "), 80)),
                "apt-get",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN apt install -y x\n", 1)],
    pass: ["FROM a:1\nRUN apt-get install -y x\n"],
}
