//! MON-002: the engine's own logs are captured (manual: where dockerd's
//! output goes depends on how it is started; hints reported).

use crate::checks::support::daemon::{redact_args, setting};
use crate::checks::{Ctx, Observation, Outcome, Subject};

crate::checks::meta!();

fn evaluate(ctx: &Ctx) -> Outcome {
    let mut obs = Vec::new();
    if let Some(d) = ctx.facts.daemon.get() {
        if let Some(p) = d.process.get() {
            obs.push(Observation {
                subject: Subject::daemon(),
                message: format!("dockerd pid {}: {}", p.pid, redact_args(&p.args)),
                source: format!("host: /proc/{}/cmdline", p.pid),
            });
        }
        let under_unit = d.units.get().is_some_and(|u| {
            u.iter().any(|u| {
                u.unit == "docker.service" && u.exec_start.iter().any(|e| e.contains("dockerd"))
            })
        });
        obs.push(Observation {
            subject: Subject::daemon(),
            message: if under_unit {
                "a docker.service unit starting dockerd exists (its output goes to the journal when the engine runs under it)".into()
            } else {
                "no docker.service unit starts dockerd: find where its output goes".into()
            },
            source: "host: systemd unit files".into(),
        });
        obs.push(Observation {
            subject: Subject::daemon(),
            message: format!(
                "log level: {}",
                setting(ctx, "log-level")
                    .value()
                    .unwrap_or("not set (info)")
            ),
            source: setting(ctx, "log-level").origin(),
        });
    }
    Outcome::manual(
        "Ask where dockerd's output is collected (journal unit docker.service, or the file its \
         output is redirected to), and for a sample of dockerd entries in the central log store \
         from the last day.",
    )
    .with_observations(obs)
}
