//! DF-002: inline suppression comments without a reason (they are not
//! honoured: a suppression must say why).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

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
