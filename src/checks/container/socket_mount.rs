//! RES-029: the engine socket mounted into a container (CIS 5.32).

use crate::checks::runtime_rules::{exposed_engine_socket, is_engine_socket_path};
use crate::checks::support::container::judge_specs;
use crate::checks::{Check, Ctx, Outcome, Severity};

pub static CHECK: Check = Check {
    id: "RES-029",
    slug: "engine-socket-mounted",
    title: "Container mounts the container engine socket",
    cis: &["5.32"],
    severity: Severity::Critical,
    item: "Kernel calls and capabilities limited: not privileged",
    rationale: "Whoever can talk to the engine socket can start a privileged container with \
        the host's root filesystem mounted: the socket is root on the host. A finding is any \
        mount whose source or destination is /var/run/docker.sock, /run/docker.sock, a \
        containerd, podman, CRI-O or cri-dockerd socket, or any file named docker.sock \
        (rootless engines), and any bind of a host directory that contains one of the \
        well-known sockets (/, /run, /var/run). Judged on every container, whatever its \
        state.",
    remediation: "Remove `-v /var/run/docker.sock:/var/run/docker.sock` (compose: the \
        `volumes:` entry); if a tool needs the engine, give it a filtering proxy that allows \
        only the calls it needs, or a TLS endpoint with an authorization plugin. \
        Kubernetes: remove the `hostPath` volume of the engine socket or its directory.",
    references: &["https://docs.docker.com/engine/security/#docker-daemon-attack-surface"],
    aliases: &["COMPOSE-021"],
    evaluate,
    ..super::RULE
};

fn evaluate(ctx: &Ctx) -> Outcome {
    judge_specs(ctx, |s| {
        let mut out = Vec::new();
        for v in &s.mounts.items {
            let m = &v.value;
            let what = if is_engine_socket_path(&m.source) || is_engine_socket_path(&m.destination)
            {
                format!("mounts the engine socket {} at {}", m.source, m.destination)
            } else if m.kind == "bind" {
                match exposed_engine_socket(&m.source) {
                    Some(sock) => format!(
                        "mounts host directory {} at {}, which holds the engine socket {sock}",
                        m.source, m.destination
                    ),
                    None => continue,
                }
            } else {
                continue;
            };
            out.push(s.finding(
                format!("{what} ({})", m.access()),
                v.from.evidence(
                    format!("{}:{} ({})", m.source, m.destination, m.access()),
                    "no engine socket mounted",
                ),
            ));
        }
        Ok(out)
    })
}
