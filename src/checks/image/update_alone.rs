//! IMG-009: a package index update alone in a RUN step (CIS 4.7), read
//! from the image history of engine images and scanned images alike.

use crate::adapt::history::commands;
use crate::checks::support::image::{clip_command, over_subjects};
use crate::checks::{Ctx, Evidence, Finding, Outcome};

crate::checks::meta!();

/// The package manager action of a shell command: (manager, installs).
/// Leading `VAR=value`, `sudo`, `env` words are skipped; the subcommand is
/// the first word after the tool that names one, so options with values
/// (`-o Dpkg::Options::=...`) do not hide it.
fn action(cmd: &str) -> Option<(&'static str, bool)> {
    let words: Vec<&str> = cmd.split_whitespace().collect();
    let mut i = 0;
    while i < words.len()
        && (words[i] == "sudo"
            || words[i] == "env"
            || words[i] == "command"
            || words[i] == "exec"
            || (words[i].contains('=') && !words[i].starts_with('-')))
    {
        i += 1;
    }
    let tool = words.get(i)?;
    let tool = tool.rsplit('/').next().unwrap_or(tool);
    let manager = match tool {
        "apt-get" | "apt" | "aptitude" => "apt",
        "apk" => "apk",
        "yum" | "dnf" | "microdnf" | "tdnf" => "yum",
        "zypper" => "zypper",
        _ => return None,
    };
    for w in words[i + 1..].iter().filter(|w| !w.starts_with('-')) {
        let verdict = match (manager, *w) {
            ("apt", "update") => Some(false),
            ("apt", "install" | "upgrade" | "dist-upgrade" | "full-upgrade") => Some(true),
            ("apk", "update") => Some(false),
            ("apk", "add" | "upgrade") => Some(true),
            ("yum", "update" | "makecache" | "check-update") => Some(false),
            ("yum", "install" | "upgrade" | "reinstall") => Some(true),
            ("zypper", "refresh" | "ref") => Some(false),
            ("zypper", "install" | "in" | "update" | "up" | "dist-upgrade" | "dup") => Some(true),
            _ => None,
        };
        if let Some(installs) = verdict {
            return Some((manager, installs));
        }
    }
    None
}

/// The update command of a RUN line that installs nothing, if any.
pub fn lone_update(run: &str) -> Option<String> {
    let cmds = commands(run);
    let mut update = None;
    for c in &cmds {
        match action(c) {
            Some((_, true)) => return None,
            Some((_, false)) if update.is_none() => update = Some(c.clone()),
            _ => {}
        }
    }
    update
}

fn evaluate(ctx: &Ctx) -> Outcome {
    over_subjects(ctx, |img, _| {
        let mut findings = Vec::new();
        for (step, ins) in img.steps_of("RUN") {
            if let Some(update) = lone_update(&ins.args) {
                findings.push(Finding::new(
                    img.subject.clone(),
                    format!("build step runs `{update}` without installing in the same step"),
                    Evidence::new(
                        step.source.clone(),
                        format!("RUN {}", clip_command(&ins.args)),
                        "update and install in one RUN step",
                    ),
                ));
            }
        }
        Ok(findings)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_alone_or_not() {
        for run in [
            "apt-get update",
            "apt-get -q update",
            "apk update || true",
            "yum -y update && yum clean all",
            "dnf makecache",
            "sudo apt update",
        ] {
            assert!(lone_update(run).is_some(), "{run}");
        }
        for run in [
            "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
            "apt-get update; apt-get -y upgrade",
            "apk add --no-cache curl",
            "apk add --update curl",
            "yum install -y httpd",
            "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata",
            "apt-get update && apt-get -o Dpkg::Options::=--force-confold -y install x",
            "echo apt-get update",
            "make update",
        ] {
            assert!(lone_update(run).is_none(), "{run}");
        }
    }
}
