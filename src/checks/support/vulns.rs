//! The vulnerability checks' one judgement over the advisory matches of a
//! target kind (image, host, engine): findings at or above the policy's
//! severity, unfixed ones left out only when asked, VEX statements applied
//! with their reasons shown, and every package that could not be judged
//! reported (an unjudged package is never a clean one).

use crate::checks::{Ctx, Evidence, Finding, Observation, Outcome, Severity, Subject};
use crate::facts::vulns::{VulnMatch, VulnTarget};
use crate::model::AdvisoryRef;

/// Which matches a check reports: vulnerabilities, or the informational
/// advisories (unsound, unmaintained) kept apart from them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Vulnerabilities,
    Informational,
}

/// What one vulnerability check judges: the targets of one kind in the
/// vulnerability facts, and which of their matches it reports.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scan {
    /// The host root's packages (HOST-010).
    HostPackages,
    /// The engine's components (HOST-013).
    Engine,
    /// An image's packages (BASE-113).
    ImageVulnerabilities,
    /// An image's packages named by informational advisories (BASE-114).
    ImageInformational,
}

impl Scan {
    /// The target kind in the vulnerability facts.
    fn target_kind(self) -> &'static str {
        match self {
            Scan::HostPackages => "host",
            Scan::Engine => "engine",
            Scan::ImageVulnerabilities | Scan::ImageInformational => "image",
        }
    }

    fn kind(self) -> Kind {
        match self {
            Scan::ImageInformational => Kind::Informational,
            _ => Kind::Vulnerabilities,
        }
    }

    /// Why nothing was judged when the facts hold no target of the kind.
    fn none(self) -> &'static str {
        match self {
            Scan::HostPackages => "no host package database was read",
            Scan::Engine => "no engine version was read",
            Scan::ImageVulnerabilities | Scan::ImageInformational => "no image was inventoried",
        }
    }
}

fn target_subject(t: &VulnTarget) -> Subject {
    match t.kind.as_str() {
        "host" => Subject::host(),
        "engine" => Subject::daemon(),
        _ => Subject::new("image", &t.name),
    }
}

fn expected(m: &VulnMatch) -> String {
    match (&m.fixed, &m.last_affected) {
        (Some(f), _) => format!("{} at {f} or later", m.package.name),
        (None, Some(l)) => format!("{} later than {l}", m.package.name),
        (None, None) => {
            "no fix published: remove the package, or mitigate and record a VEX statement".into()
        }
    }
}

fn finding(t: &VulnTarget, m: &VulnMatch, kind: Kind) -> Finding {
    let p = &m.package;
    let what = match &m.informational {
        Some(i) if kind == Kind::Informational => format!("{i} advisory"),
        _ => format!("[{}]", m.severity.as_str()),
    };
    let fix = match (&m.fixed, &m.last_affected) {
        (Some(f), _) => format!("fixed in {f}"),
        (None, Some(l)) => format!("versions after {l} are not affected"),
        (None, None) => "no fix published".into(),
    };
    let also = if m.aliases.is_empty() {
        String::new()
    } else {
        format!(" ({})", m.aliases.join(", "))
    };
    let summary = if m.summary.is_empty() {
        String::new()
    } else {
        format!(": {}", m.summary)
    };
    let within = if t.kind == t.name {
        t.kind.clone()
    } else {
        format!("{} {}", t.kind, t.name)
    };
    let mut f = Finding::new(
        Subject::package(&p.name, &p.version, &p.purl, &within),
        format!(
            "{} {} in {within}: {}{also} {what}, {fix}{summary}",
            p.name, p.version, m.id
        ),
        Evidence::new(
            format!("{}; advisory {} ({})", p.location, m.id, m.source),
            format!(
                "{} {}{} matched {}",
                p.name,
                p.version,
                p.matched_as
                    .as_ref()
                    .map(|a| format!(" (as {a})"))
                    .unwrap_or_default(),
                m.range
            ),
            expected(m),
        ),
    );
    if kind == Kind::Vulnerabilities {
        f = f.with_severity(m.severity);
    }
    f.advisory = Some(Box::new(AdvisoryRef {
        id: m.id.clone(),
        aliases: m.aliases.clone(),
        source: m.source.clone(),
        range: m.range.clone(),
        fixed: m.fixed.clone(),
        last_affected: m.last_affected.clone(),
        severity_basis: m.severity_basis.clone(),
        informational: m.informational.clone(),
    }));
    f
}

/// Judge every target of the scan's kind in the vulnerability facts.
pub fn judge(ctx: &Ctx, scan: Scan) -> Outcome {
    let (target_kind, kind, none) = (scan.target_kind(), scan.kind(), scan.none());
    let Some(v) = ctx.facts.vulns.get() else {
        return Outcome::Skipped(
            ctx.facts
                .vulns
                .reason()
                .unwrap_or("no advisory matches")
                .to_string(),
        );
    };
    let policy = &ctx.config.vulns;
    let today = ctx.config.now().date_naive();
    let mut findings = Vec::new();
    let mut obs = Vec::new();
    let mut judged = 0;
    for t in v.targets.iter().filter(|t| t.kind == target_kind) {
        judged += 1;
        let subject = target_subject(t);
        let (mut below, mut unfixed, mut listed) = (0usize, 0usize, 0usize);
        for m in &t.matches {
            if (kind == Kind::Informational) != m.informational.is_some() {
                continue;
            }
            if let Some(vex) = policy
                .vex
                .iter()
                .find(|e| e.covers(m.ids(), &m.package.name, &m.package.purl))
            {
                if vex.expired(today) {
                    obs.push(Observation {
                        subject: subject.clone(),
                        message: format!(
                            "VEX statement for {} expired on {}: not applied",
                            vex.id,
                            vex.expires.as_deref().unwrap_or("")
                        ),
                        source: "dockaudit.toml [[vex]]".into(),
                    });
                } else {
                    obs.push(Observation {
                        subject: subject.clone(),
                        message: format!(
                            "{} {} {}: {} ({}{}): {}",
                            m.package.name,
                            m.package.version,
                            m.id,
                            vex.status,
                            vex.justification.as_deref().unwrap_or("no justification"),
                            vex.expires
                                .as_deref()
                                .map(|e| format!(", until {e}"))
                                .unwrap_or_default(),
                            vex.reason
                        ),
                        source: "dockaudit.toml [[vex]]".into(),
                    });
                    continue;
                }
            }
            if kind == Kind::Vulnerabilities && m.severity < policy.min_severity {
                below += 1;
                continue;
            }
            if kind == Kind::Vulnerabilities && policy.ignore_unfixed && !m.has_fix() {
                unfixed += 1;
                continue;
            }
            listed += 1;
            findings.push(finding(t, m, kind));
        }
        if kind == Kind::Vulnerabilities {
            for why in t.unjudged.iter().chain(t.not_covered.iter()) {
                findings.push(
                    Finding::new(
                        subject.clone(),
                        format!("not judged: {why}"),
                        Evidence::new(
                            format!("advisory database {}", v.database.path),
                            why.clone(),
                            "every package judged against the advisories",
                        ),
                    )
                    .with_severity(Severity::Info),
                );
            }
        }
        let mut counts = format!(
            "{} packages matched against {} advisories: {listed} listed",
            t.judged, v.database.records
        );
        if below > 0 {
            counts.push_str(&format!(
                ", {below} below the {} threshold",
                policy.min_severity.as_str()
            ));
        }
        if unfixed > 0 {
            counts.push_str(&format!(
                ", {unfixed} with no fix left out (--ignore-unfixed)"
            ));
        }
        obs.push(Observation {
            subject,
            message: counts,
            source: format!("advisory database {}", v.database.path),
        });
    }
    if judged == 0 {
        // No inventory of this kind: skipped when its facts could not be
        // read (never "not applicable" for an engine that did not answer).
        if let Some(why) = unread(ctx, target_kind) {
            return Outcome::Skipped(why);
        }
    }
    Outcome::from_findings(judged, findings, none).with_observations(obs)
}

/// Why the inventory of `target_kind` is missing, when it could not be read.
fn unread(ctx: &Ctx, target_kind: &str) -> Option<String> {
    let f = ctx.facts;
    match target_kind {
        "engine" => f
            .engine
            .reason()
            .map(|r| format!("engine facts unavailable: {r}")),
        "image" => f.scanned_images.reason().map(|r| {
            format!(
                "no image was inventoried (`host --scan-images` reads the engine's images): {r}"
            )
        }),
        "host" => match f.host.get() {
            None => f
                .host
                .reason()
                .map(|r| format!("host facts unavailable: {r}")),
            Some(h) => match h.packages.get() {
                None => h
                    .packages
                    .reason()
                    .map(|r| format!("host package database unavailable: {r}")),
                Some(p) if p.installed.is_none() => Some(format!(
                    "the {} database {} was found but is not read by dockaudit: host packages \
                     not judged",
                    p.manager, p.database
                )),
                Some(_) => None,
            },
        },
        _ => None,
    }
}
