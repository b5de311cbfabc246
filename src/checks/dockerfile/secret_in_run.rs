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
        let cmds = dfs::run_commands(inst);
        // Each command alone too when the RUN says "example" somewhere:
        // the scanner passes over a line that does, and that word belongs
        // to the command it is in, not to the others of the RUN.
        if cmds.len() > 1 && crate::secrets::generic::is_example_line(&script) {
            for c in cmds.iter() {
                let text: Vec<String> = c
                    .words
                    .iter()
                    .map(|w| {
                        if w.contains(char::is_whitespace) {
                            format!("'{w}'")
                        } else {
                            w.clone()
                        }
                    })
                    .collect();
                hits.extend(crate::secrets::scan_text(&text.join(" ")));
            }
        }
        for (ci, c) in cmds.iter().enumerate() {
            // `echo 'root:S3cret' | chpasswd`: a password set in the layer.
            if c.name() == "echo" && c.pipes_to_next {
                let next = cmds.get(ci + 1).map(|n| n.name());
                if matches!(next, Some("chpasswd")) {
                    for w in c.program().iter().skip(1).filter(|w| !w.starts_with('-')) {
                        if let Some((_, pw)) = w.split_once(':') {
                            if let Some(h) = crate::secrets::scan_kv("password", pw) {
                                hits.push(h);
                            }
                        }
                    }
                }
            }
            // `docker login -p VALUE` (and the other registry clients).
            let login = matches!(
                c.name(),
                "docker" | "podman" | "nerdctl" | "buildah" | "skopeo"
            ) && c.program().iter().any(|w| w == "login");
            for w in c.words.iter().filter(|w| is_assignment(w)) {
                let (k, v) = w.split_once('=').unwrap_or((w, ""));
                if let Some(h) = crate::secrets::scan_kv(k, v) {
                    hits.push(h);
                }
            }
            // `export NAME=value` / `--password value` forms.
            let p = c.program();
            // `aws configure set aws_secret_access_key VALUE`.
            if let [_, configure, set, name, value, ..] = p {
                if c.name() == "aws" && configure == "configure" && set == "set" {
                    hits.extend(crate::secrets::scan_kv(name, value));
                }
            }
            for (i, w) in p.iter().enumerate() {
                let lower = w.trim_start_matches('-').to_ascii_lowercase();
                // `--password value` or `--password=value`.
                let (flag, inline) = match lower.split_once('=') {
                    Some((f, _)) => (f, w.split_once('=').map(|(_, v)| v)),
                    None => (lower.as_str(), None),
                };
                let secret_flag = (w.starts_with("--")
                    && matches!(flag, "password" | "token" | "api-key" | "secret"))
                    || (login && w.as_str() == "-p");
                if secret_flag {
                    let value = inline.or_else(|| p.get(i + 1).map(String::as_str));
                    if let Some(h) = value.and_then(|v| crate::secrets::scan_kv("password", v)) {
                        hits.push(h);
                    }
                }
            }
        }
        let mut seen: Vec<String> = Vec::new();
        hits.retain(|h| {
            let new = !seen.contains(&h.redacted);
            seen.push(h.redacted.clone());
            new
        });
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
        ("FROM a:1\nRUN echo 'root:S3cretPassw0rd' | chpasswd\n", 1),
        ("FROM a:1\nRUN docker login -u ci -p Xq81mWz0pLx7Vb3n registry.internal\n", 1),
        ("FROM a:1\nRUN mysqladmin --password=Xq81mWz0pLx7Vb3n status\n", 1),
        ("FROM a:1\nRUN cat > /root/.npmrc <<EOF\n//registry.npmjs.org/:_authToken=npm_AbCd1234EfGh5678IjKl9012MnOp3456QrSt\nEOF\n", 1),
    ],
    pass: ["FROM a:1\nRUN --mount=type=secret,id=npm npm ci\nRUN echo $TOKEN\nRUN echo \"app:$APP_PASSWORD\" | chpasswd\nRUN docker login -u ci -p \"$CI_TOKEN\" r\n"],
}
