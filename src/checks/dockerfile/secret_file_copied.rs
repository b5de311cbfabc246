//! DF-009: COPY/ADD of secret-bearing files (keys, .npmrc, .env, cloud
//! credentials) into the image (CIS 4.10).

use crate::checks::support::dockerfile as dfs;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    dfs::over_instructions(ctx, &["COPY", "ADD"], |df, inst, out| {
        let Some((sources, dest)) = inst.copy_paths() else {
            return;
        };
        let mut seen = false;
        for s in &sources {
            if let Some(kind) = crate::secrets::secret_file_kind(s) {
                seen = true;
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("{} copies {s} ({kind}) into the image", inst.keyword),
                    "no secret files in image layers; a secret mount",
                ));
            }
        }
        // A heredoc's body is written to the destination: its secrets are
        // in the layer.
        for h in &inst.heredocs {
            for hit in crate::secrets::scan_text(&h.content) {
                seen = true;
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!(
                        "{} writes a {} ({}) into {dest}",
                        inst.keyword, hit.description, hit.redacted
                    ),
                    "no secret files in image layers; a secret mount",
                ));
            }
        }
        // `COPY . /root/` style, or a heredoc, with a secret destination
        // name.
        let one_source = sources.len() == 1 || (sources.is_empty() && !inst.heredocs.is_empty());
        if !seen && one_source {
            if let Some(kind) = crate::secrets::secret_file_kind(&dest) {
                out.push(dfs::instruction_finding(
                    df,
                    inst,
                    format!("{} writes {dest} ({kind}) into the image", inst.keyword),
                    "no secret files in image layers; a secret mount",
                ));
            }
        }
    })
}

crate::checks::support::dockerfile::examples! {
    fail: [
        ("FROM a:1\nCOPY id_rsa /root/.ssh/id_rsa\nCOPY .npmrc .env ./\nCOPY creds /root/.aws/credentials\n", 4),
        ("FROM a:1\nCOPY <<EOF /app/.env\nLOG_LEVEL=info\nEOF\n", 1),
        ("FROM a:1\nCOPY <<EOF /app/config.yml\ndb:\n  password: Zk81mWq0pLx7Vb3nTc\nEOF\n", 1),
    ],
    pass: ["FROM a:1\nCOPY . /app\nCOPY id_rsa.pub /k\nCOPY .env.example /app/\n"],
}
