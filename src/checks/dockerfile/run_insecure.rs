//! DF-036: RUN steps that leave the build sandbox (`--security=insecure`,
//! `--network=host`).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "DF-036",
    slug: "run-outside-build-sandbox",
    title: "RUN step leaves the build sandbox",
    section: Section::Resources,
    severity: Severity::Medium,
    item: "Kernel calls and capabilities limited: not privileged",
    rationale: "`RUN --security=insecure` runs the step privileged (every capability, no \
        seccomp), and `--network=host` gives it the builder host's network: a compromised \
        dependency fetched in that step reaches the build machine.",
    remediation: "Drop `--security=insecure` and `--network=host`; fetch what the step needs \
        in an earlier sandboxed step (`--network=default`) and keep privileged work out of \
        image builds.",
    references: &["https://docs.docker.com/reference/dockerfile/#run---security"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        for (flag, bad) in [("security", "insecure"), ("network", "host")] {
            if inst.flag_values(flag).any(|v| v.eq_ignore_ascii_case(bad)) {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("RUN --{flag}={bad} leaves the build sandbox"),
                    "no --security=insecure or --network=host",
                ));
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN --security=insecure --network=host x\n", 2)],
    pass: ["FROM a:1\nRUN --network=none --security=sandbox x\n"],
}
