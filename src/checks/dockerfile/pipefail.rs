//! DF-029: a pipe in RUN under a POSIX shell without pipefail.

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        if !inst.posix_shell() || inst.exec.is_some() {
            return;
        }
        if inst
            .shell
            .as_ref()
            .is_some_and(|s| s.iter().any(|w| w.contains("pipefail")))
        {
            return;
        }
        let script = inst.script();
        if script.contains("pipefail") {
            return;
        }
        let cmds = dfs::run_commands(inst);
        // A producer that cannot fail (echo, printf of text) needs no
        // pipefail: the consumer's status is the one that matters.
        if let Some(i) = cmds
            .iter()
            .position(|c| c.pipes_to_next && !matches!(c.name(), "echo" | "printf"))
        {
            let next = cmds.get(i + 1).map(|c| c.name()).unwrap_or("");
            out.push(dfs::instruction_finding(
                df,
                inst,
                format!("RUN pipes {} into {next} without pipefail", cmds[i].name()),
                "set -o pipefail (or a SHELL with -o pipefail)",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [("FROM a:1\nRUN curl -s x | tar xz\n", 1)],
    pass: [
        "FROM a:1\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -s x | tar xz\n",
        "FROM a:1\nRUN set -eux -o pipefail; curl x | tar xz\nRUN a || b\n",
        "FROM a:1\nSHELL [\"powershell\", \"-Command\"]\nRUN gci | select x\n",
    ],
}
