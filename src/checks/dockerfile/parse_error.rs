//! DF-001: a Dockerfile that does not parse (line by line; the rest of the
//! file is still checked).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_files(ctx, |df, out| {
        for e in &df.errors {
            out.push(Finding::new(
                dfs::subject(df),
                format!("line {}: {}", e.line, e.message),
                Evidence::new(
                    "dockerfile: parser".to_string(),
                    e.message.clone(),
                    "a line the Dockerfile parser accepts",
                )
                .at(dfs::location(df, e.line, e.line)),
            ));
        }
        true
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn reports_each_bad_line() {
        let f = run_df(&super::CHECK, "FROM a\nRUNX y\nUSER 1\nfoo\n");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].evidence.location.as_ref().unwrap().line, Some(2));
        assert!(run_df(&super::CHECK, "FROM a:1\nUSER 1\n").is_empty());
    }
}
