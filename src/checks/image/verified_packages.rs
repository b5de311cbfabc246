//! BASE-109: only verified packages installed (CIS 4.11). Manual, with build
//! steps that switch off package verification as hints.

use crate::adapt::history;
use crate::checks::support::image_subject;
use crate::checks::{Ctx, Observation, Outcome};

crate::checks::meta!();

const UNVERIFIED: &[&str] = &[
    "--allow-unauthenticated",
    "--allow-insecure-repositories",
    "--nogpgcheck",
    "gpgcheck=0",
    "--allow-untrusted",
    "[trusted=yes]",
    "--no-check-certificate",
    "--insecure",
    "--trusted-host",
];

/// The verification bypass a RUN command uses, if any.
pub fn bypass(run: &str) -> Option<String> {
    let l = run.to_ascii_lowercase();
    if let Some(flag) = UNVERIFIED.iter().find(|f| l.contains(*f)) {
        return Some(flag.to_string());
    }
    for c in history::commands(&l).windows(2) {
        let fetch = c[0].starts_with("curl") || c[0].starts_with("wget");
        let shell = ["sh", "bash", "sh -", "bash -", "sudo sh", "sudo bash"]
            .iter()
            .any(|s| c[1] == *s || c[1].starts_with(&format!("{s} ")));
        if fetch && shell && run.contains('|') {
            return Some("download piped into a shell".to_string());
        }
    }
    None
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut observations = Vec::new();
    for i in ctx.facts.images() {
        for h in &i.history {
            let Some(ins) = history::parse(&h.created_by) else {
                continue;
            };
            if ins.keyword != "RUN" {
                continue;
            }
            if let Some(b) = bypass(&ins.args) {
                observations.push(Observation {
                    subject: image_subject(i),
                    message: format!("a build step installs without verification: {b}"),
                    source: "engine: image history CreatedBy".to_string(),
                });
            }
        }
    }
    Outcome::manual(
        "Ask how packages and downloads in the image builds are verified (signed \
         repositories, pinned keys, checksums); build steps below switch verification off.",
    )
    .with_observations(observations)
}

#[cfg(test)]
mod tests {
    use super::bypass;

    #[test]
    fn bypasses() {
        assert!(bypass("apt-get install -y --allow-unauthenticated foo").is_some());
        assert!(bypass("curl -fsSL https://x/install.sh | sh").is_some());
        assert!(bypass("curl -fsSL https://x/install.sh | bash -s -- -y").is_some());
        assert!(bypass("apt-get install -y curl").is_none());
        assert!(bypass("curl -o f https://x && sha256sum -c f.sha256").is_none());
    }
}
