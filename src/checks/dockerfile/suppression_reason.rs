//! DF-002: inline suppression comments without a reason (they are not
//! honoured: a suppression must say why).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Check, Ctx, Evidence, Finding, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "DF-002",
    slug: "suppression-without-reason",
    title: "Suppression comment gives no reason",
    severity: Severity::Low,
    rationale: "An auditor must be able to tell why a finding was accepted. A \
        `# dockaudit ignore=ID` comment without a reason is not honoured, and is reported \
        so it gets one.",
    remediation: "Write the reason after the ids: `# dockaudit ignore=DF-004 base image \
        pinned by the release pipeline`.",
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for s in &df.suppressions {
            if s.reason.is_some() && !s.ids.is_empty() {
                continue;
            }
            let what = if s.ids.is_empty() {
                "names no check id"
            } else {
                "gives no reason"
            };
            out.push(Finding::new(
                dfs::subject(df),
                format!(
                    "line {}: suppression of {} {what}, so it is not applied",
                    s.line,
                    if s.ids.is_empty() {
                        "nothing".to_string()
                    } else {
                        s.ids.join(", ")
                    }
                ),
                Evidence::new(
                    "dockerfile: suppression comment".to_string(),
                    format!("dockaudit ignore={}", s.ids.join(",")),
                    "# dockaudit ignore=ID reason",
                )
                .at(dfs::location(df, s.line, s.line)),
            ));
        }
        true
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn reasonless_suppressions() {
        let f = run_df(
            &super::CHECK,
            "FROM a\n# dockaudit ignore=DF-022\nMAINTAINER x\n",
        );
        assert_eq!(f.len(), 1);
        assert!(run_df(
            &super::CHECK,
            "FROM a\n# dockaudit ignore=DF-022 legacy image\nMAINTAINER x\n"
        )
        .is_empty());
    }
}
