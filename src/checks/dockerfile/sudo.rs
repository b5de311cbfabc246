//! DF-016: sudo in RUN.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "DF-016",
    slug: "sudo-in-run",
    title: "RUN uses sudo",
    section: Section::NonRoot,
    severity: Severity::Medium,
    item: "Container processes run as a non-privileged user",
    rationale: "sudo in a build means the image carries sudo and a sudoers rule: a process in \
        the container can become root again. Its TTY and signal handling also break builds.",
    remediation: "Switch with `USER root` for the privileged steps and back to the \
        unprivileged USER after them; remove sudo from the image (use gosu/su-exec in an \
        entrypoint if a runtime step needs it).",
    references: &["https://docs.docker.com/build/building/best-practices/#user"],
    aliases: &["DL3004", "DS010", "CKV2_DOCKER_1"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        if let Some(c) = dfs::run_commands(inst).iter().find(|c| {
            c.words
                .first()
                .is_some_and(|w| crate::dockerfile::shell::basename(w) == "sudo")
        }) {
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("RUN uses `{}`", dfs::shorten(&c.words.join(" "), 80)),
                "USER root for privileged steps, no sudo",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN sudo apt-get install -y x\n", 1)],
    pass: ["FROM a:1\nRUN apt-get install -y sudo\n"],
}
