//! The loop every container rule shares: it judges each container spec
//! (engine containers, compose services, workload containers) and turns
//! the findings into one outcome. Pure: the specs come from
//! `crate::adapt`.

use crate::checks::{Ctx, Finding, Observation, Outcome, Severity};
use crate::facts::Container;
use crate::subject::{ContainerSpec, JoinEnd, MountView, Namespace, Platform, Val};

/// A rule's verdict on one spec: its findings, or why it could not judge
/// that spec (the fact it needs is missing from this input).
pub type Judged = Result<Vec<Finding>, String>;

/// Judges every container spec of the facts.
pub fn judge_specs(ctx: &Ctx, judge: impl Fn(&ContainerSpec) -> Judged) -> Outcome {
    judge_specs_where(ctx, |_| true, "", judge)
}

/// `judge_specs` for the rules that judge each mount of a spec on its own:
/// `judge` gives the finding of a mount that falls short, None otherwise.
/// A named volume that binds a host folder is judged as a bind of that
/// folder (compose files are resolved by their adapter). A mount inherited
/// from another container (compose `volumes_from`) says so in its finding.
/// Inherited mounts that cannot be known (a `volumes_from` container not
/// in the audit) are a low finding each: whether they include `what`
/// (e.g. "the engine socket") is not known, which is not a pass.
/// With `by_source` (the rule judges the host path a mount comes from), an
/// engine volume whose options were not read may bind any host folder: a
/// low finding says so, as for inherited mounts.
pub fn judge_mounts(
    ctx: &Ctx,
    what: &str,
    by_source: bool,
    judge: impl Fn(&ContainerSpec, &Val<MountView>) -> Option<Finding>,
) -> Outcome {
    judge_specs(ctx, |s| {
        // One finding per unresolved volume (Mounts and Binds both list it).
        let mut unresolved: Vec<&str> = Vec::new();
        let mut out: Vec<Finding> = s
            .mounts
            .items
            .iter()
            .filter_map(|v| {
                let judged = match volume_bind(ctx, &v.value) {
                    Some(m) => judge(s, &Val::new(m, v.from.clone())),
                    None => judge(s, v),
                };
                if let Some(mut f) = judged {
                    if let Some(from) = &v.value.inherited {
                        f.message
                            .push_str(&format!(", inherited through volumes_from from {from}"));
                    }
                    return Some(f);
                }
                // Nothing found on what is known of the mount; a volume
                // whose options were not read may still bind it.
                let why = volume_unknown(ctx, s, &v.value).filter(|_| by_source)?;
                let name = v.value.volume.as_deref().unwrap_or_default();
                if unresolved.contains(&name) {
                    return None;
                }
                unresolved.push(name);
                Some(
                    s.finding(
                        format!("mounts {why}; whether it binds {what} is not known"),
                        v.from.evidence(
                            name.to_string(),
                            "the volume's options read (docker volume inspect)",
                        ),
                    )
                    .with_severity(Severity::Low),
                )
            })
            .collect();
        out.extend(s.mounts_unknown.items.iter().map(|u| {
            s.finding(
                format!(
                    "inherits mounts that are not known: {}; whether they include {what} is not known",
                    u.value
                ),
                u.from.evidence(
                    u.value.clone(),
                    "volumes_from naming services or containers in the audit",
                ),
            )
            .with_severity(Severity::Low)
        }));
        Ok(out)
    })
}

/// The host folder a named local volume binds (`docker volume create -o
/// type=none -o o=bind -o device=/path`), when the volume facts show one.
pub fn volume_device(ctx: &Ctx, name: &str) -> Option<String> {
    let volumes = ctx.facts.volumes.get()?;
    let v = volumes.iter().find(|v| v.name == name)?;
    let opts = v.options.as_ref()?;
    let binds = opts
        .get("o")
        .is_some_and(|o| o.split(',').any(|x| matches!(x.trim(), "bind" | "rbind")));
    let device = opts.get("device")?;
    (binds && device.starts_with('/')).then(|| device.clone())
}

/// Why an engine container's named volume cannot be resolved to what it
/// mounts: the engine's volume list was not read, or does not list it
/// (created after the list was read). None when it can be (or is not an
/// engine volume: compose and manifest adapters resolve their own).
fn volume_unknown(ctx: &Ctx, s: &ContainerSpec, m: &MountView) -> Option<String> {
    if m.kind != "volume" {
        return None;
    }
    let name = m.volume.as_deref()?;
    if let Some(why) = &m.options_unknown {
        return Some(format!("volume {name}, {why}"));
    }
    if s.platform != Platform::Engine {
        return None;
    }
    match ctx.facts.volumes.get() {
        None => Some(format!(
            "volume {name}, whose options were not read ({})",
            ctx.facts.volumes.reason().unwrap_or("no volume facts")
        )),
        Some(list) if !list.iter().any(|v| v.name == name) => Some(format!(
            "volume {name}, which the engine's volume list does not hold (its options were not read)"
        )),
        Some(_) => None,
    }
}

/// A volume mount whose volume binds a host folder, as a bind of it.
fn volume_bind(ctx: &Ctx, m: &MountView) -> Option<MountView> {
    if m.kind != "volume" {
        return None;
    }
    let device = volume_device(ctx, m.volume.as_deref()?)?;
    Some(MountView {
        kind: "bind".to_string(),
        source: device,
        ..m.clone()
    })
}

/// Judges the specs `keep` selects (e.g. running containers only); a
/// spec left out is neither judged nor counted. `none_reason` says why
/// nothing was selected when specs exist.
pub fn judge_specs_where(
    ctx: &Ctx,
    keep: impl Fn(&ContainerSpec) -> bool,
    none_reason: &str,
    judge: impl Fn(&ContainerSpec) -> Judged,
) -> Outcome {
    let total = ctx.spec_count();
    let mut checked = 0;
    let mut findings = Vec::new();
    let mut not_judged = Vec::new();
    ctx.for_each_spec(|s| {
        if !keep(s) {
            return;
        }
        match judge(s) {
            Ok(f) => {
                checked += 1;
                findings.extend(f);
            }
            Err(reason) => not_judged.push(Observation::not_judged(
                s.subject.clone(),
                &reason,
                String::new(),
            )),
        }
    });
    if checked == 0 && !not_judged.is_empty() {
        let first = not_judged[0].not_judged_reason().unwrap_or_default();
        return Outcome::Skipped(if not_judged.len() == 1 {
            first.to_string()
        } else {
            format!(
                "no container could be judged ({} of them): {first}",
                not_judged.len()
            )
        });
    }
    let none = if total == 0 {
        "no containers, services or workloads to judge"
    } else {
        none_reason
    };
    Outcome::from_findings(checked, findings, none).with_observations(not_judged)
}

/// The log driver a container was created with, if it names one.
pub fn log_driver(c: &Container) -> Option<&str> {
    c.host_config
        .log_config
        .as_ref()
        .map(|l| l.kind.trim())
        .filter(|k| !k.is_empty())
}

/// Judges the log driver of every engine container: `judge` gets the
/// container and its driver and adds findings or observations. A container
/// that names no driver is not judged, and the report says so; when none
/// names one the check is skipped.
pub fn judge_log_drivers(
    ctx: &Ctx,
    judge: impl Fn(&Container, &str, &mut Vec<Finding>, &mut Vec<Observation>),
) -> Outcome {
    let containers = ctx.facts.containers();
    let (mut findings, mut observations, mut unnamed) = (Vec::new(), Vec::new(), Vec::new());
    let mut checked = 0;
    for c in containers {
        match log_driver(c) {
            Some(d) => {
                checked += 1;
                judge(c, d, &mut findings, &mut observations);
            }
            None => unnamed.push(Observation::not_judged(
                super::container_subject(c),
                "the engine reported no log driver for it",
                super::inspect_field("HostConfig.LogConfig.Type"),
            )),
        }
    }
    if checked == 0 && !containers.is_empty() {
        return Outcome::Skipped("no container reported its log driver".to_string());
    }
    observations.extend(unnamed);
    Outcome::from_findings(checked, findings, "no containers on this engine")
        .with_observations(observations)
}

/// Judges every container (created, running, paused, restarting, exited):
/// `judge` returns the container's findings.
pub(crate) fn judge_all(ctx: &Ctx, judge: impl Fn(&Container) -> Vec<Finding>) -> Outcome {
    let containers = ctx.facts.containers();
    let findings = containers.iter().flat_map(&judge).collect();
    Outcome::from_findings(containers.len(), findings, "no containers on this engine")
}

/// One finding per container spec listing its published ports that `bad`
/// selects (CIS 5.8 privileged ports, 5.14 all interfaces).
pub(crate) fn port_finding(
    s: &ContainerSpec,
    bad: impl Fn(&crate::subject::PortView) -> bool,
    message: &str,
    expected: &str,
) -> Vec<Finding> {
    let bad: Vec<_> = s.ports.items.iter().filter(|p| bad(&p.value)).collect();
    let Some(first) = bad.first() else {
        return vec![];
    };
    let rendered = bad
        .iter()
        .map(|p| p.value.render())
        .collect::<Vec<_>>()
        .join(", ");
    vec![s.finding(
        format!("{message}: {rendered}"),
        first.from.evidence(rendered, expected),
    )]
}

/// The security modules the engine reports (Info.SecurityOptions names), or
/// why that is unknown.
pub(crate) fn engine_security_modules(ctx: &Ctx) -> Result<Vec<String>, String> {
    let Some(engine) = ctx.facts.engine.get() else {
        return Err("engine facts unavailable: Info.SecurityOptions unknown".to_string());
    };
    let info = &engine.info;
    if info.security_options.is_empty() && info.server_version.is_empty() && info.id.is_empty() {
        return Err(
            "the engine's /info was not collected: Info.SecurityOptions unknown".to_string(),
        );
    }
    Ok(crate::checks::runtime_rules::engine_security_names(
        &info.security_options,
    ))
}

/// Gate of the per-container security-module checks (CIS 5.2, 5.3): Ok when
/// the engine runs with `module`; else the outcome to report: skipped when
/// Info.SecurityOptions is unknown, not applicable when the engine uses
/// `other` instead (`other_note`) or no module at all (`none_note`).
pub(crate) fn require_engine_module(
    ctx: &Ctx,
    module: &str,
    other: &str,
    other_note: &str,
    none_note: &str,
) -> Result<(), Outcome> {
    let modules = engine_security_modules(ctx).map_err(Outcome::Skipped)?;
    if modules.iter().any(|m| m == module) {
        return Ok(());
    }
    let note = if modules.iter().any(|m| m == other) {
        other_note
    } else {
        none_note
    };
    Err(Outcome::NotApplicable(note.to_string()))
}

/// A finding when the spec shares the host's namespace `ns` (PID, IPC,
/// UTS, network: CIS 5.10, 5.16, 5.17, 5.21): its mode is "host", or it
/// joins another container's namespace that is the host's (see
/// [`joined_namespace_finding`]).
pub fn judge_host_namespace(ctx: &Ctx, ns: Namespace) -> Outcome {
    let words = format!("shares the host's {} namespace", ns.word());
    judge_specs(ctx, |s| {
        let m = s.namespace_mode(ns);
        let Some(value) = m
            .value
            .as_deref()
            .filter(|v| crate::checks::runtime_rules::shares_host_namespace(v))
        else {
            return Ok(joined_namespace_finding(s, ns, &words)
                .into_iter()
                .collect());
        };
        let shown = m.from.written.as_deref().unwrap_or(value);
        Ok(vec![s.finding(
            format!("{words} ({} is {shown:?})", m.from.key),
            m.from.evidence(shown, "not \"host\""),
        )])
    })
}

/// The finding for a namespace mode that joins another container's
/// (`container:x`, compose `service:x`), followed by the adapter: when the
/// chain ends in the host's namespace, `words` ("shares the host's PID
/// namespace") through the containers joined, at the check's severity;
/// when it cannot be followed (a container not in the audit, a cycle),
/// a low finding saying so: the namespace is not known, which is not a
/// pass. None when it ends in a namespace that is not the host's. The
/// evidence points at the joiner's own key.
pub fn joined_namespace_finding(s: &ContainerSpec, ns: Namespace, words: &str) -> Option<Finding> {
    let j = s.joined(ns)?;
    let m = s.namespace_mode(ns);
    let mode = m.value.as_deref().unwrap_or("");
    let chain = format!("{} is {mode:?}{}", m.from.key, j.render());
    let observed = format!("{mode:?}{}", j.render());
    match &j.end {
        JoinEnd::Mode(_) if j.ends_in_host() => Some(s.finding(
            format!("{words} through {} ({chain})", j.targets()),
            m.from.evidence(
                observed,
                "not \"host\", and not joining a container that shares the host's",
            ),
        )),
        JoinEnd::Mode(_) => None,
        JoinEnd::Unknown(why) => {
            let whose = match j.hops.is_empty() {
                true => "another container".to_string(),
                false => j.targets(),
            };
            Some(
                s.finding(
                    format!(
                        "joins the {} namespace of {whose} ({chain}), which cannot be followed: {why}; \
                         whether it is the host's is not known",
                        ns.word()
                    ),
                    m.from.evidence(
                        observed,
                        "a joined container in the audit, whose namespace is not the host's",
                    ),
                )
                .with_severity(Severity::Low),
            )
        }
    }
}

/// What the per-container security-module checks share (CIS 5.2 AppArmor,
/// 5.3 SELinux). `gate` is [`require_engine_module`]'s verdict: engine
/// containers are judged only when the engine runs the module; compose
/// services and workloads always, on the options they set. `disabled` finds
/// an option that turns the module off (any platform); `by_default` finds
/// a service or workload the engine would leave unconfined though no option
/// says so (privileged); `applied` judges what the engine applied to an
/// engine container.
pub fn judge_security_module(
    ctx: &Ctx,
    by_default: impl Fn(&ContainerSpec) -> Option<Finding>,
    gate: Result<(), Outcome>,
    disabled: impl Fn(&ContainerSpec) -> Option<Finding>,
    applied: impl Fn(&ContainerSpec) -> Vec<Finding>,
) -> Outcome {
    let (not_applicable, skipped) = match gate {
        Ok(()) => (None, None),
        Err(Outcome::NotApplicable(n)) => (Some(n), None),
        Err(Outcome::Skipped(r)) => (None, Some(r)),
        Err(other) => return other,
    };
    judge_specs_where(
        ctx,
        |s| s.platform != Platform::Engine || not_applicable.is_none(),
        not_applicable.as_deref().unwrap_or(""),
        |s| {
            if let Some(f) = disabled(s) {
                return Ok(vec![f]);
            }
            if s.platform != Platform::Engine {
                // The engine applies no AppArmor profile and no SELinux
                // label to a privileged container: a service or workload
                // that asks for privileged runs unconfined by either.
                return Ok(by_default(s).into_iter().collect());
            }
            if let Some(r) = &skipped {
                return Err(r.clone());
            }
            Ok(applied(s))
        },
    )
}

/// A finding when the spec runs privileged, which the engine grants more
/// than any single setting says (every capability, every host device, no
/// AppArmor or SELinux confinement): "<what> because it is privileged".
pub fn privileged_finding(s: &ContainerSpec, what: &str) -> Option<Finding> {
    let p = &s.privileged;
    (p.value == Some(true)).then(|| {
        s.finding(
            format!("{what} because it is privileged ({} is true)", p.from.key),
            p.from.evidence("true", "not privileged"),
        )
    })
}

/// A finding when a resource limit is unset (`unlimited` says so: CIS 5.11
/// memory, 5.29 pids): "has no <what> (<key> is <value>)".
pub fn limit_finding(
    s: &ContainerSpec,
    m: &crate::subject::Val<Option<i64>>,
    unlimited: fn(Option<i64>) -> bool,
    what: &str,
    expected: &str,
) -> Judged {
    if !unlimited(m.value) {
        return Ok(vec![]);
    }
    let observed = m
        .value
        .map_or_else(|| "absent".to_string(), |v| v.to_string());
    Ok(vec![s.finding(
        format!("has no {what} ({} is {observed})", m.from.key),
        m.from.evidence(observed, expected),
    )])
}

/// The finding for a security option that turns a protection off
/// (`seccomp=unconfined`, `apparmor=unconfined`, `label=disable`, or the
/// Kubernetes field written that way): the first such option, quoted as the
/// input wrote it.
pub fn option_turned_off(
    s: &ContainerSpec,
    off: fn(&[String]) -> bool,
    what: &str,
    expected: &str,
) -> Option<Finding> {
    // Judged over the whole list (a later option of a kind replaces an
    // earlier one); the evidence is the last option that turns it off.
    if !off(&s.security_opt.strings()) {
        return None;
    }
    let o = s
        .security_opt
        .items
        .iter()
        .rev()
        .find(|o| off(std::slice::from_ref(&o.value)))?;
    Some(s.finding(
        format!("runs with {what} disabled ({} {})", o.from.key, o.shown()),
        o.from.evidence(s.security_opt.observed(o), expected),
    ))
}

/// Observations on container specs: one per spec for which `note` gives a
/// message and the evidence source it read.
pub fn spec_observations(
    ctx: &Ctx,
    note: impl Fn(&ContainerSpec) -> Option<(String, String)>,
) -> Vec<Observation> {
    let mut out = Vec::new();
    ctx.for_each_spec(|s| {
        if let Some((message, source)) = note(s) {
            out.push(Observation {
                subject: s.subject.clone(),
                message,
                source,
            });
        }
    });
    out
}

/// Observations on engine containers: one per container for which `note`
/// has something to say, naming the inspect `field` it read.
pub fn engine_observations(
    ctx: &Ctx,
    field: &str,
    note: impl Fn(&crate::facts::Container) -> Option<String>,
) -> Vec<Observation> {
    ctx.facts
        .containers()
        .iter()
        .filter_map(|c| {
            Some(Observation {
                message: note(c)?,
                subject: crate::checks::support::container_subject(c),
                source: crate::checks::support::inspect_field(field),
            })
        })
        .collect()
}

#[cfg(test)]
pub mod testing {
    use crate::checks::{run, AuditConfig, Check, Ctx, Outcome};
    use crate::facts::Facts;

    /// The check's outcome on facts holding just these engine containers
    /// (inspect JSON).
    pub fn outcome_on_containers(check: &Check, containers: serde_json::Value) -> Outcome {
        let facts: Facts =
            serde_json::from_value(serde_json::json!({"containers": {"present": containers}}))
                .unwrap();
        let cfg = AuditConfig::default();
        run(check, &Ctx::new(&facts, &cfg))
    }
}
