//! DF-028: useradd with a high uid and without -l (a huge lastlog file).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Outcome, Section, Severity};

pub static CHECK: Check = Check {
    id: "DF-028",
    slug: "useradd-high-uid-without-l",
    title: "useradd with a high uid and without -l",
    section: Section::NonRoot,
    severity: Severity::Low,
    item: "Container processes run as a non-privileged user",
    rationale: "useradd writes a sparse /var/log/lastlog sized by the uid; a layer does not \
        keep it sparse, so a high uid without -l (--no-log-init) bloats the image by \
        gigabytes, which pushes teams back to running as root.",
    remediation: "`useradd -l -u 100000 app` (or `--no-log-init`).",
    references: &["https://docs.docker.com/build/building/best-practices/#user"],
    aliases: &["DL3046"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        for c in dfs::run_commands(inst) {
            if c.name() != "useradd" {
                continue;
            }
            let w = c.program();
            if w.iter().any(|a| {
                a == "-l"
                    || a == "--no-log-init"
                    || (a.starts_with('-') && !a.starts_with("--") && a.contains('l'))
            }) {
                continue;
            }
            let uid = w.iter().enumerate().find_map(|(i, a)| {
                if a == "-u" || a == "--uid" {
                    w.get(i + 1).cloned()
                } else {
                    a.strip_prefix("--uid=").map(str::to_string)
                }
            });
            if let Some(n) = uid
                .and_then(|u| u.parse::<u64>().ok())
                .filter(|n| *n > 65535)
            {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("useradd with uid {n} without -l"),
                    "useradd -l (--no-log-init) for uids above 65535",
                ));
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN useradd -u 123456 app\n", 1)],
    pass: ["FROM a:1\nRUN useradd -l -u 123456 app && useradd -u 1000 b\n"],
}
