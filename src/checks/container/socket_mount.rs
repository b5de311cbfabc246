//! RES-029: the engine socket mounted into a container (CIS 5.32).

use crate::checks::runtime_rules::{exposed_engine_socket, is_engine_socket_path};
use crate::checks::support::container::judge_mounts;
use crate::checks::{Ctx, Outcome};

crate::checks::meta!();

/// What an inherited mount that is not known may be.
const WHAT: &str = "the engine socket";

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_mounts(ctx, WHAT, true, |s, v| {
        let m = &v.value;
        let what = if is_engine_socket_path(&m.source) || is_engine_socket_path(&m.destination) {
            format!(
                "mounts the engine socket {}{} at {}",
                m.source,
                m.through(),
                m.destination
            )
        } else if m.kind == "bind" {
            match exposed_engine_socket(&m.source) {
                Some(sock) => format!(
                    "mounts host directory {}{} at {}, which holds the engine socket {sock}",
                    m.source,
                    m.through(),
                    m.destination
                ),
                None => return None,
            }
        } else {
            return None;
        };
        Some(s.finding(
            format!("{what} ({})", m.access()),
            v.from.evidence(
                format!("{}:{} ({})", m.source, m.destination, m.access()),
                "no engine socket mounted",
            ),
        ))
    })
}
