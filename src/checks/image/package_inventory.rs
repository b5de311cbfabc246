//! IMG-015: the image's package inventory (informational).

use std::collections::BTreeMap;

use crate::checks::support::image::{over_subjects, scanned_subject};
use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome};

/// Distributions that ship an OS package database.
const WITH_DB: &[&str] = &[
    "debian",
    "ubuntu",
    "alpine",
    "rhel",
    "centos",
    "fedora",
    "rocky",
    "almalinux",
    "amzn",
    "ol",
    "sles",
    "opensuse",
    "opensuse-leap",
    "wolfi",
];

const OS_KINDS: &[&str] = &["deb", "apk", "rpm"];

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    over_subjects(ctx, |subject, obs| {
        let img = subject.layers_or_why()?;
        let unread = img.unread_package_databases();
        if !unread.is_empty() {
            return Err(format!("package database not read: {}", unread.join("; ")));
        }
        let mut findings = Vec::new();
        if let Some(o) = &img.os_release {
            let has_os_pkgs = img
                .packages
                .iter()
                .any(|p| OS_KINDS.contains(&p.kind.as_str()));
            if WITH_DB.contains(&o.id.as_str()) && !has_os_pkgs {
                findings.push(Finding::new(
                    scanned_subject(img),
                    format!(
                        "os-release says {} {} but no OS package database was found",
                        o.id, o.version_id
                    ),
                    Evidence::new(
                        format!("image file: {}", o.path),
                        format!("ID={} and no dpkg/apk/rpm database", o.id),
                        "the distribution's package database",
                    ),
                ));
            }
        }
        let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
        for p in &img.packages {
            *by_kind.entry(p.kind.as_str()).or_default() += 1;
        }
        let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let os = img
            .os_release
            .as_ref()
            .map(|o| format!("{} {}", o.id, o.version_id))
            .unwrap_or_else(|| "unknown OS (no os-release)".to_string());
        obs.push(Observation {
            subject: scanned_subject(img),
            message: format!(
                "{os}; {} packages ({}); {} files, {} bytes in {} layers",
                img.packages.len(),
                if kinds.is_empty() {
                    "none found".to_string()
                } else {
                    kinds.join(", ")
                },
                img.file_count,
                img.total_bytes,
                img.layers.len()
            ),
            source: "image layers: package databases and metadata".to_string(),
        });
        Ok(findings)
    })
}
