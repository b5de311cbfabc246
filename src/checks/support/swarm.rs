//! Reading swarm facts for the swarm checks (CIS 5.1, 7.x, 7.4): the node's
//! swarm state and defensive access to the JSON parts kept as
//! serde_json::Value. Helpers only; no check here.

use crate::facts::{Facts, SwarmFacts};

/// The swarm state of the audited node.
pub enum SwarmState<'a> {
    /// Swarm facts present but no state readable.
    Unknown,
    /// Not part of a swarm.
    Inactive,
    /// active, pending, error or locked.
    Member {
        state: String,
        facts: &'a SwarmFacts,
    },
}

pub fn state(facts: &Facts) -> SwarmState<'_> {
    let Some(swarm) = facts.swarm.get() else {
        return SwarmState::Unknown;
    };
    let mut s = swarm.local_node_state.trim().to_ascii_lowercase();
    if s.is_empty() {
        if let Some(info) = facts.engine.get().and_then(|e| e.info.swarm.as_ref()) {
            s = info.local_node_state.trim().to_ascii_lowercase();
        }
    }
    match s.as_str() {
        "" => SwarmState::Unknown,
        "inactive" => SwarmState::Inactive,
        _ => SwarmState::Member {
            state: s,
            facts: swarm,
        },
    }
}

/// The outcome for a swarm-only check when the node is not an active
/// member: not applicable (inactive) or skipped (state unknown).
pub fn not_member(facts: &Facts, what: &str) -> Option<crate::checks::Outcome> {
    use crate::checks::Outcome;
    match state(facts) {
        SwarmState::Inactive => Some(Outcome::NotApplicable(format!(
            "swarm mode is inactive on this engine (Info.Swarm.LocalNodeState \"inactive\"): {what}"
        ))),
        SwarmState::Unknown => Some(Outcome::Skipped(
            "swarm state unknown: Info.Swarm.LocalNodeState was not reported".to_string(),
        )),
        SwarmState::Member { .. } => None,
    }
}

/// A string at a JSON pointer ("/Spec/Name").
pub fn str_at<'a>(v: &'a serde_json::Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(|x| x.as_str())
}

/// An RFC 3339 time at a JSON pointer.
pub fn time_at(v: &serde_json::Value, pointer: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    str_at(v, pointer)
        .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// Manual swarm checks: not a member gives the manual request alone.
pub fn member_or_manual(
    ctx: &crate::checks::Ctx,
    request: &str,
) -> Result<(), crate::checks::Outcome> {
    match state(ctx.facts) {
        SwarmState::Inactive => Err(crate::checks::Outcome::manual(&format!(
            "Swarm mode is inactive on this engine: this control applies to swarm nodes only. {request}"
        ))),
        SwarmState::Unknown => Err(crate::checks::Outcome::manual(request)),
        SwarmState::Member { .. } => Ok(()),
    }
}

pub fn spec_at<'a>(ctx: &'a crate::checks::Ctx, pointer: &str) -> Option<&'a serde_json::Value> {
    let spec = ctx.facts.swarm.get()?.spec.as_ref()?;
    spec.pointer(pointer)
        .or_else(|| spec.pointer(&format!("/Spec{pointer}")))
}

pub fn obs(message: String, source: &str) -> crate::checks::Observation {
    crate::checks::Observation {
        subject: crate::checks::Subject::new("swarm", "cluster"),
        message,
        source: source.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::checks::{AuditConfig, Ctx, Outcome};
    use crate::facts::{Facts, Source, SwarmFacts};

    /// Runs a check function over swarm facts built from JSON.
    pub fn run(eval: fn(&Ctx) -> Outcome, swarm: serde_json::Value) -> Outcome {
        let mut facts = Facts::new();
        let s: SwarmFacts = serde_json::from_value(swarm).expect("swarm facts");
        facts.swarm = Source::Present(s);
        let cfg = AuditConfig {
            now: Some("2026-11-28T12:00:00Z".into()),
            ..AuditConfig::default()
        };
        eval(&Ctx::new(&facts, &cfg))
    }
}
