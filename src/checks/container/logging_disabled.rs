//! MON-100: containers whose log driver is `none`: their output is
//! discarded.

use crate::checks::runtime_rules::log_driver_discards;
use crate::checks::support::container::judge_specs;
use crate::checks::{Ctx, Outcome};
use crate::subject::Platform;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let d = &s.log_driver;
        match d.value.as_deref() {
            // An engine always reports the driver it applied.
            None if s.platform == Platform::Engine => {
                Err(format!("log driver not reported ({} empty)", d.from.key))
            }
            Some(v) if log_driver_discards(v) => Ok(vec![s.finding(
                "log driver is none: the container's output is discarded",
                d.from
                    .evidence(v, "a log driver that keeps or forwards logs"),
            )]),
            _ => Ok(vec![]),
        }
    })
}
