//! DF-003: FROM not pinned by digest (checklist section 6; CIS 4.2).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};
use crate::dockerfile::ImageRef;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_external_bases(ctx, |df, st, image, out| {
        if ImageRef::parse(image).digest.is_some() {
            return;
        }
        let shown = if image == st.base {
            image.to_string()
        } else {
            format!("{image} (written {})", st.base)
        };
        out.push(dfs::stage_finding(
            df,
            st.index,
            format!(
                "{}: FROM {shown} is not pinned by digest",
                dfs::stage_label(df, st.index)
            ),
            shown,
            "an image reference with @sha256:<digest>",
        ));
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::support::dockerfile::testing::run_df;

    #[test]
    fn digests() {
        assert_eq!(run_df(&super::CHECK, "FROM alpine:3.19\n").len(), 1);
        assert!(run_df(
            &super::CHECK,
            "FROM alpine:3.19@sha256:abcd AS a\nFROM a\nFROM scratch\n"
        )
        .is_empty());
        let f = run_df(&super::CHECK, "ARG B=debian:12\nFROM ${B}\n");
        assert!(f[0].message.contains("debian:12 (written ${B})"));
    }
}
