//! HOST-008: compilers and development tools installed on the container
//! host (checklist "only needed components").

use crate::checks::{Ctx, Evidence, Finding, Outcome, Subject};

crate::checks::meta!();

/// Package names (exact, or prefix when ending with '*') that are
/// development tools.
pub const DEV_TOOLS: &[&str] = &[
    "gcc",
    "gcc-*",
    "g++",
    "g++-*",
    "clang",
    "clang-*",
    "build-essential",
    "build-base",
    "make",
    "cmake",
    "autoconf",
    "automake",
    "libtool",
    "gdb",
    "strace",
    "ltrace",
    "rustc",
    "cargo",
    "golang",
    "golang-go",
    "golang-*-go",
    "go",
    "gfortran",
    "nasm",
    "yasm",
    "tcc",
    "bison",
    "flex",
];

pub fn is_dev_tool(name: &str) -> bool {
    DEV_TOOLS.iter().any(|p| match p.find('*') {
        Some(i) => {
            let (pre, post) = (&p[..i], &p[i + 1..]);
            name.len() > pre.len() + post.len() && name.starts_with(pre) && name.ends_with(post)
                // gcc-12-base, libgcc-s1 and the like are runtime parts.
                && !name.ends_with("-base")
                && !name.contains("-doc")
        }
        None => name == *p,
    })
}

fn evaluate(ctx: &Ctx) -> Outcome {
    let pk = crate::checks::support::host_source!(ctx, packages, "package database unreadable");
    let Some(installed) = &pk.installed else {
        return Outcome::Skipped(format!(
            "the {} database {} is not parsed by this version",
            pk.manager, pk.database
        ));
    };
    let findings = installed
        .iter()
        .filter(|p| is_dev_tool(&p.name))
        .map(|p| {
            Finding::new(
                Subject::new("package", &p.name),
                format!("development package {} {} is installed", p.name, p.version),
                Evidence::new(
                    format!("host: {} database {}", pk.manager, pk.database),
                    format!("{} {}", p.name, p.version),
                    "not installed on a container host",
                ),
            )
        })
        .collect();
    Outcome::from_findings(
        installed.len(),
        findings,
        "the package database lists no package",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_tool_names() {
        for n in [
            "gcc",
            "gcc-12",
            "g++-12",
            "make",
            "golang-1.19-go",
            "strace",
        ] {
            assert!(is_dev_tool(n), "{n}");
        }
        for n in ["gcc-12-base", "libgcc-s1", "makedev", "go-md2man", "cpp"] {
            assert!(!is_dev_tool(n), "{n}");
        }
    }
}
