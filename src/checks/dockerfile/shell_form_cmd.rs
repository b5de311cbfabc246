//! DF-023: CMD or ENTRYPOINT in shell form (signals do not reach the
//! process).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "DF-023",
    slug: "shell-form-cmd-entrypoint",
    title: "CMD or ENTRYPOINT in shell form",
    severity: Severity::Low,
    rationale: "The shell form runs the command under `/bin/sh -c`: the shell is PID 1, \
        SIGTERM does not reach the application, and `docker stop` ends in SIGKILL after the \
        timeout.",
    remediation: "Use the exec form: `CMD [\"node\", \"server.js\"]`, \
        `ENTRYPOINT [\"/entrypoint.sh\"]`.",
    references: &["https://docs.docker.com/reference/dockerfile/#shell-and-exec-form"],
    aliases: &["DL3025"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["CMD", "ENTRYPOINT"], |df, inst, out| {
        if inst.exec.is_some() {
            return;
        }
        out.push(dfs::instruction_finding(
            df,
            inst,
            format!(
                "{} {} is in shell form",
                inst.keyword,
                dfs::shorten(inst.args.trim(), 80)
            ),
            "the JSON exec form",
        ));
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nCMD node server.js\n", 1)],
    pass: ["FROM a:1\nCMD [\"node\"]\n"],
}
