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
    dfs::over_files(ctx, |df, out| {
        for inst in dfs::runs(df) {
            if let Some(c) = dfs::run_commands(inst).iter().find(|c| {
                c.words
                    .first()
                    .is_some_and(|w| crate::dockerfile::shell::basename(w) == "sudo")
            }) {
                out.push(dfs::finding(
                    df,
                    inst,
                    format!("RUN uses `{}`", dfs::shorten(&c.words.join(" "), 80)),
                    dfs::excerpt(inst),
                    "USER root for privileged steps, no sudo",
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
    fn sudo() {
        assert_eq!(
            run_df(&super::CHECK, "FROM a:1\nRUN sudo apt-get install -y x\n").len(),
            1
        );
        assert!(run_df(&super::CHECK, "FROM a:1\nRUN apt-get install -y sudo\n").is_empty());
    }
}
