//! Engine containers from the engine's data root: the `config.v2.json` and
//! `hostconfig.json` the engine writes for a container at its create (in
//! `<data-root>/containers/<id>/`), read as the container facts an inspect
//! gives: the same model, so every check judges them alike and evidence
//! names the same field paths. Pure: the files' bytes in, a container or
//! why not out; reading the files is `collect::data_root`'s.
//!
//! What inspect adds to those files, and how each is met here:
//! - `State.Status`: derived from the state's flags as the engine does.
//! - `Mounts`: the `MountPoints` map (keyed by destination) as a list, by
//!   destination (inspect lists them in the map's unordered order); a
//!   mount's mode is stored as `Relabel`. An anonymous or named volume of
//!   the `local` driver stored without its host path has it at
//!   `<engine root>/volumes/<name>/_data`, as the driver puts it; another
//!   driver's path is the plugin's: not known here, so refused.
//! - `HostConfig.LogConfig`: inspect fills an empty driver with the
//!   daemon's default, which these files do not hold: refused.
//! - `HostConfig.Ulimits`: inspect adds the daemon's `default-ulimits`;
//!   these files hold the container's own ulimits, its overrides (what the
//!   ulimit check lists: it only observes, never passes).
//! - `ExecIDs` and the container's processes exist only once it started:
//!   a container that has started (running, paused, restarting, exited) is
//!   refused, so its facts come from inspect as before. A container that
//!   never started has neither, as inspect would say.
//!
//! Anything malformed (not JSON, a field of the wrong type, no `Config`,
//! no `State`, another container's id) is refused, never read as absent.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::facts::engine::{
    Container, ContainerConfig, ContainerState, Health, HostConfig, MountPoint, NetworkSettings,
};
use crate::facts::null_default;

/// Why the files were not taken: `kind` groups the reasons (one log line
/// per kind), `detail` says which field or value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub kind: &'static str,
    pub detail: String,
}

impl Refused {
    fn malformed(detail: impl Into<String>) -> Refused {
        Refused {
            kind: "malformed",
            detail: detail.into(),
        }
    }
    fn unknown(detail: impl Into<String>) -> Refused {
        Refused {
            kind: "not in the data root",
            detail: detail.into(),
        }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.detail)
    }
}

/// `config.v2.json`: the engine's own record of a container (only the
/// fields inspect shows).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Saved {
    #[serde(rename = "ID", default, deserialize_with = "null_default")]
    id: String,
    #[serde(default, deserialize_with = "null_default")]
    created: String,
    #[serde(default, deserialize_with = "null_default")]
    path: String,
    #[serde(default, deserialize_with = "null_default")]
    args: Vec<String>,
    #[serde(default)]
    state: Option<SavedState>,
    #[serde(default)]
    config: Option<ContainerConfig>,
    #[serde(default, deserialize_with = "null_default")]
    image: String,
    #[serde(default, deserialize_with = "null_default")]
    network_settings: NetworkSettings,
    #[serde(default, deserialize_with = "null_default")]
    name: String,
    #[serde(default, deserialize_with = "null_default")]
    restart_count: i64,
    #[serde(default, deserialize_with = "null_default")]
    driver: String,
    /// The platform's OS (older engines); newer ones keep the image's
    /// platform.
    #[serde(rename = "OS", default, deserialize_with = "null_default")]
    os: String,
    #[serde(default)]
    image_platform: Option<SavedPlatform>,
    #[serde(default, deserialize_with = "null_default")]
    mount_label: String,
    #[serde(default, deserialize_with = "null_default")]
    process_label: String,
    #[serde(default, deserialize_with = "null_default")]
    app_armor_profile: String,
    #[serde(default, deserialize_with = "null_default")]
    mount_points: BTreeMap<String, SavedMount>,
}

#[derive(Deserialize)]
struct SavedPlatform {
    #[serde(default, deserialize_with = "null_default")]
    os: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SavedState {
    #[serde(default, deserialize_with = "null_default")]
    running: bool,
    #[serde(default, deserialize_with = "null_default")]
    paused: bool,
    #[serde(default, deserialize_with = "null_default")]
    restarting: bool,
    #[serde(rename = "OOMKilled", default, deserialize_with = "null_default")]
    oom_killed: bool,
    #[serde(default, deserialize_with = "null_default")]
    removal_in_progress: bool,
    #[serde(default, deserialize_with = "null_default")]
    dead: bool,
    #[serde(default, deserialize_with = "null_default")]
    pid: i64,
    #[serde(default, deserialize_with = "null_default")]
    exit_code: i64,
    #[serde(default, deserialize_with = "null_default")]
    started_at: String,
    #[serde(default, deserialize_with = "null_default")]
    finished_at: String,
    #[serde(default)]
    health: Option<Health>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SavedMount {
    #[serde(default, deserialize_with = "null_default")]
    source: String,
    #[serde(default, deserialize_with = "null_default")]
    destination: String,
    #[serde(rename = "RW", default, deserialize_with = "null_default")]
    rw: bool,
    #[serde(default, deserialize_with = "null_default")]
    name: String,
    #[serde(default, deserialize_with = "null_default")]
    driver: String,
    #[serde(rename = "Type", default, deserialize_with = "null_default")]
    kind: String,
    /// The mount's mode ("ro", "z", "rslave"): `Mode` in inspect.
    #[serde(rename = "Relabel", default, deserialize_with = "null_default")]
    mode: String,
    #[serde(default, deserialize_with = "null_default")]
    propagation: String,
}

/// Go's zero time, which the engine writes for a time not yet set.
fn unset(t: &str) -> bool {
    t.is_empty() || t.starts_with("0001-01-01T00:00:00")
}

/// The state's name as the engine derives it (`State.StateString`).
fn status(s: &SavedState) -> &'static str {
    if s.running {
        if s.paused {
            return "paused";
        }
        if s.restarting {
            return "restarting";
        }
        return "running";
    }
    if s.removal_in_progress {
        return "removing";
    }
    if s.dead {
        return "dead";
    }
    if unset(&s.started_at) {
        return "created";
    }
    "exited"
}

/// The container `id` from its `config.v2.json` and `hostconfig.json`.
/// `engine_root` is the engine's data root as the engine names it (its
/// /info `DockerRootDir`), for the host path of a local volume stored
/// without one; None when not known.
pub fn container(
    config_v2: &[u8],
    hostconfig: &[u8],
    id: &str,
    engine_root: Option<&str>,
) -> Result<Container, Refused> {
    let saved: Saved = serde_json::from_slice(config_v2)
        .map_err(|e| Refused::malformed(format!("config.v2.json: {e}")))?;
    let host_config: HostConfig = match serde_json::from_slice::<Option<HostConfig>>(hostconfig) {
        Ok(Some(h)) => h,
        Ok(None) => return Err(Refused::malformed("hostconfig.json: null")),
        Err(e) => return Err(Refused::malformed(format!("hostconfig.json: {e}"))),
    };
    if saved.id != id {
        return Err(Refused::malformed(format!(
            "config.v2.json: ID {:?} is not the container's",
            saved.id
        )));
    }
    let Some(config) = saved.config else {
        return Err(Refused::malformed("config.v2.json: no Config"));
    };
    let Some(state) = saved.state else {
        return Err(Refused::malformed("config.v2.json: no State"));
    };
    let status = status(&state);
    if state.running || state.paused || state.restarting || !unset(&state.started_at) {
        // Its execs and processes are inspect's to give.
        return Err(Refused {
            kind: "already started",
            detail: format!("State {status}"),
        });
    }
    if host_config
        .log_config
        .as_ref()
        .is_none_or(|l| l.kind.trim().is_empty())
    {
        return Err(Refused::unknown(
            "HostConfig.LogConfig.Type is empty: the daemon's default log driver applies",
        ));
    }
    let mut mounts = Vec::with_capacity(saved.mount_points.len());
    for (key, m) in saved.mount_points {
        let mut source = m.source;
        if source.is_empty() && m.kind == "volume" {
            source = match (m.driver.as_str(), engine_root) {
                ("local", Some(root)) if !m.name.is_empty() && !m.name.contains('/') => {
                    format!("{}/volumes/{}/_data", root.trim_end_matches('/'), m.name)
                }
                _ => {
                    return Err(Refused::unknown(format!(
                        "MountPoints {key:?}: the host path of volume {:?} (driver {:?})",
                        m.name, m.driver
                    )))
                }
            };
        }
        mounts.push(MountPoint {
            kind: m.kind,
            name: m.name,
            source,
            destination: if m.destination.is_empty() {
                key
            } else {
                m.destination
            },
            driver: m.driver,
            mode: m.mode,
            rw: Some(m.rw),
            propagation: m.propagation,
        });
    }
    let platform = match saved.image_platform {
        Some(p) if !p.os.is_empty() => p.os,
        _ => saved.os,
    };
    Ok(Container {
        id: saved.id,
        name: saved.name,
        created: saved.created,
        image: saved.image,
        path: saved.path,
        args: saved.args,
        state: ContainerState {
            status: status.to_string(),
            running: Some(state.running),
            paused: Some(state.paused),
            restarting: Some(state.restarting),
            oom_killed: Some(state.oom_killed),
            dead: Some(state.dead),
            pid: Some(state.pid),
            exit_code: Some(state.exit_code),
            started_at: state.started_at,
            finished_at: state.finished_at,
            health: state.health,
        },
        restart_count: saved.restart_count,
        driver: saved.driver,
        platform,
        mount_label: saved.mount_label,
        process_label: saved.process_label,
        app_armor_profile: saved.app_armor_profile,
        // A container that never started has run no exec.
        exec_ids: None,
        host_config,
        config,
        mounts,
        network_settings: saved.network_settings,
        execs: Vec::new(),
        processes: None,
        execs_unreadable: None,
        processes_unreadable: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::AuditConfig;
    use crate::facts::{Facts, Source};
    use crate::watch::{Audited, Auditor};

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/data_root");
    /// The fixtures' engine's /info DockerRootDir.
    const ENGINE_ROOT: &str = "/tmp/dockaudit-engine-wt/data";

    fn file(name: &str, f: &str) -> Vec<u8> {
        std::fs::read(format!("{FIXTURES}/{name}/{f}")).unwrap()
    }

    fn inspected(name: &str) -> Container {
        let mut c: Container = serde_json::from_slice(&file(name, "inspect.json")).unwrap();
        // Inspect lists mounts in its map's order, which changes from call
        // to call; the data root's are by destination.
        c.mounts.sort_by(|a, b| a.destination.cmp(&b.destination));
        c
    }

    fn from_data_root(name: &str) -> Result<Container, Refused> {
        let id = inspected(name).id;
        container(
            &file(name, "config.v2.json"),
            &file(name, "hostconfig.json"),
            &id,
            Some(ENGINE_ROOT),
        )
    }

    fn audit(c: Container) -> Audited {
        let mut facts = Facts::new();
        facts.images = Source::Present(Vec::new());
        let mut a = Auditor::new(
            facts,
            AuditConfig::default(),
            crate::watch::Policy::default(),
            "h".into(),
        );
        a.container(c, "2026-01-01T00:00:00.000Z")
    }

    /// Every fixture (made with `scripts/engine.sh`'s engine: see
    /// tests/fixtures/data_root/README.md): the data root's files give the
    /// verdicts and findings inspect gives, to the byte.
    #[test]
    fn the_data_root_judges_as_inspect_does() {
        let names = ["risky1", "risky2", "calm", "odd", "plain"];
        let mut failing_seen = std::collections::BTreeSet::new();
        for name in names {
            let from_inspect = audit(inspected(name));
            let from_files = audit(from_data_root(name).unwrap_or_else(|e| panic!("{name}: {e}")));
            assert_eq!(
                from_files.subject.failing, from_inspect.subject.failing,
                "{name}"
            );
            assert_eq!(
                from_files.subject.passing, from_inspect.subject.passing,
                "{name}"
            );
            assert_eq!(from_files.findings, from_inspect.findings, "{name}");
            failing_seen.extend(from_inspect.subject.failing.clone());
        }
        // The fixtures are risky enough to make the checks fail, not only
        // pass: privileged, capabilities, host namespaces, host and socket
        // mounts, root, no limits.
        for id in ["RES-001", "RES-003", "RES-014"] {
            assert!(failing_seen.contains(id), "{id}: {failing_seen:?}");
        }
        assert!(failing_seen.len() >= 15, "{failing_seen:?}");
    }

    #[test]
    fn the_facts_are_inspects_but_for_what_inspect_adds() {
        for name in ["risky1", "risky2", "odd"] {
            let a = from_data_root(name).unwrap();
            let b = inspected(name);
            assert_eq!(a.host_config, b.host_config, "{name}");
            assert_eq!(a.config, b.config, "{name}");
            assert_eq!(a.mounts, b.mounts, "{name}");
            assert_eq!(a.state, b.state, "{name}");
            assert_eq!(
                (&a.name, &a.image, &a.created, &a.app_armor_profile),
                (&b.name, &b.image, &b.created, &b.app_armor_profile)
            );
        }
    }

    #[test]
    fn what_the_files_cannot_say_is_refused() {
        let id = inspected("risky2").id;
        let cfg = file("risky2", "config.v2.json");
        let hc = file("risky2", "hostconfig.json");
        // risky2 has an anonymous volume stored without its host path.
        let e = container(&cfg, &hc, &id, None).unwrap_err();
        assert_eq!(e.kind, "not in the data root", "{e}");
        let edit = |f: &[u8], change: &dyn Fn(&mut serde_json::Value)| {
            let mut v: serde_json::Value = serde_json::from_slice(f).unwrap();
            change(&mut v);
            serde_json::to_vec(&v).unwrap()
        };
        let root = Some(ENGINE_ROOT);
        let started = edit(&cfg, &|v| {
            v["State"]["Running"] = true.into();
            v["State"]["StartedAt"] = "2026-01-01T00:00:00Z".into();
        });
        assert_eq!(
            container(&started, &hc, &id, root).unwrap_err().kind,
            "already started"
        );
        let exited = edit(&cfg, &|v| {
            v["State"]["StartedAt"] = "2026-01-01T00:00:00Z".into()
        });
        assert_eq!(
            container(&exited, &hc, &id, root).unwrap_err().kind,
            "already started"
        );
        let no_log = edit(&hc, &|v| v["LogConfig"]["Type"] = "".into());
        assert_eq!(
            container(&cfg, &no_log, &id, root).unwrap_err().kind,
            "not in the data root"
        );
        let plugin = edit(&cfg, &|v| {
            v["MountPoints"]["/anon"]["Driver"] = "rexray".into()
        });
        assert_eq!(
            container(&plugin, &hc, &id, root).unwrap_err().kind,
            "not in the data root"
        );
        // A privileged flag that is not a boolean is not "not privileged".
        let bad_type = edit(&hc, &|v| v["Privileged"] = "yes".into());
        assert_eq!(
            container(&cfg, &bad_type, &id, root).unwrap_err().kind,
            "malformed"
        );
        for (c, h) in [
            (&b"{"[..], &hc[..]),
            (&cfg[..], &b"null"[..]),
            (
                &edit(&cfg, &|v| v["Config"] = serde_json::Value::Null)[..],
                &hc[..],
            ),
            (
                &edit(&cfg, &|v| v["State"] = serde_json::Value::Null)[..],
                &hc[..],
            ),
        ] {
            assert_eq!(container(c, h, &id, root).unwrap_err().kind, "malformed");
        }
        // Another container's files.
        assert_eq!(
            container(&cfg, &hc, &"0".repeat(64), root)
                .unwrap_err()
                .kind,
            "malformed"
        );
    }
}
