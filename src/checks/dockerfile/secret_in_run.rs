//! DF-008: secrets written into RUN instructions (CIS 4.10).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};
use crate::dockerfile::shell::is_assignment;

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_runs(ctx, |df, inst, out| {
        let script = inst.script();
        let mut hits = crate::secrets::scan_text(&script);
        // Heredoc bodies fed to another program (`cat > ~/.npmrc <<EOF`)
        // are written into the layer: their secrets count too.
        if !inst.heredocs.is_empty() {
            for (h, script) in inst.heredocs.iter().zip(inst.heredocs_are_script()) {
                if !script {
                    hits.extend(crate::secrets::scan_text(&h.content));
                }
            }
        }
        for c in dfs::run_commands(inst) {
            for w in c.words.iter().filter(|w| is_assignment(w)) {
                let (k, v) = w.split_once('=').unwrap_or((w, ""));
                if let Some(h) = crate::secrets::scan_kv(k, v) {
                    hits.push(h);
                }
            }
            // `export NAME=value` / `--password value` forms.
            let p = c.program();
            for (i, w) in p.iter().enumerate() {
                let flag = w.trim_start_matches('-').to_ascii_lowercase();
                if w.starts_with("--")
                    && matches!(flag.as_str(), "password" | "token" | "api-key" | "secret")
                {
                    if let Some(v) = p.get(i + 1) {
                        if let Some(h) = crate::secrets::scan_kv(&flag, v) {
                            hits.push(h);
                        }
                    }
                }
            }
        }
        hits.dedup_by(|a, b| a.redacted == b.redacted);
        for h in hits {
            out.push(dfs::finding(
                df,
                inst,
                format!("RUN contains a {} ({})", h.description, h.redacted),
                h.redacted.clone(),
                "no secret in the command; RUN --mount=type=secret",
            ));
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [
        ("FROM a:1\nRUN git clone https://bob:Tq7vLx29Wm@git.internal.corp/x.git\n", 1),
        ("FROM a:1\nRUN export NPM_TOKEN=abcd1234efgh && npm ci\n", 1),
        ("FROM a:1\nRUN cat > /root/.npmrc <<EOF\n//registry.npmjs.org/:_authToken=npm_AbCd1234EfGh5678IjKl9012MnOp3456QrSt\nEOF\n", 1),
    ],
    pass: ["FROM a:1\nRUN --mount=type=secret,id=npm npm ci\nRUN echo $TOKEN\n"],
}
