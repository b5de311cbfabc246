//! Engine containers (inspect documents) as container specs. Every value
//! names the inspect field it came from.

use crate::adapt::joins::{Node, Refs};
use crate::facts::compose::EnvVar;
use crate::facts::Container;
use crate::model::Subject;
use crate::subject::spelling::{
    network_mode_discards_ports, normalize_host_path, BindSpec, MountView, PortView,
};
use std::rc::Rc;

use crate::subject::{ContainerSpec, DeviceView, List, Origin, Place, Platform, RestartView, Val};

thread_local! {
    /// How every engine value is named: one place for all of them.
    static INSPECT: Rc<Place> = Place::fields("engine: container inspect ");
}

fn field(path: &'static str) -> Origin {
    INSPECT.with(|p| Origin::new(p, path, 0))
}

fn val<T>(value: T, path: &'static str) -> Val<T> {
    Val::new(value, field(path))
}

/// Views that each name the engine field they were read from, as one list.
fn list_at<T>(path: &'static str, items: Vec<T>, field_of: fn(&T) -> &'static str) -> List<T> {
    let items = items
        .into_iter()
        .map(|v| {
            let f = field_of(&v);
            val(v, f)
        })
        .collect();
    List {
        items,
        from: field(path),
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn list(items: Option<&[String]>, path: &'static str) -> List<String> {
    List {
        items: items
            .unwrap_or(&[])
            .iter()
            .map(|s| val(s.clone(), path))
            .collect(),
        from: field(path),
    }
}

/// The subject for a container finding: name without the slash, id, role.
pub fn container_subject(c: &Container) -> Subject {
    Subject {
        id: Some(c.short_id().to_string()),
        role: Some(c.role()),
        ..Subject::new("container", c.display_name())
    }
}

/// The spec of engine container `at` (`c`); its namespace modes that join
/// another container are followed with `refs`.
pub fn spec<'a>(c: &'a Container, at: usize, refs: &Refs) -> ContainerSpec<'a> {
    let h = &c.host_config;
    let mounts = list_at("Mounts", container_mounts(c), |m| m.field);
    let ports = list_at("HostConfig.PortBindings", container_ports(c), |p| p.field);
    let mut devices = List::empty(field("HostConfig.Devices"));
    for d in h.devices.iter().flatten() {
        devices.items.push(val(
            DeviceView {
                host: d.path_on_host.clone(),
                container: d.path_in_container.clone(),
                permissions: d.cgroup_permissions.clone(),
                cgroup_rule: false,
            },
            "HostConfig.Devices",
        ));
    }
    for rule in h.device_cgroup_rules.iter().flatten() {
        devices.items.push(val(
            DeviceView::cgroup_rule(rule),
            "HostConfig.DeviceCgroupRules",
        ));
    }
    let mut env = List::empty(field("Config.Env"));
    for e in c.config.env.iter().flatten() {
        let (name, value) = match e.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (e.clone(), None),
        };
        env.items.push(val(EnvVar { name, value }, "Config.Env"));
    }
    ContainerSpec {
        subject: container_subject(c),
        platform: Platform::Engine,
        container: Some(c),
        image: val(non_empty(&c.config.image), "Config.Image"),
        user: val(non_empty(&c.config.user), "Config.User"),
        run_as_non_root: val(None, "Config.User"),
        privileged: val(h.privileged, "HostConfig.Privileged"),
        read_only_rootfs: val(h.readonly_rootfs, "HostConfig.ReadonlyRootfs"),
        cap_add: list(h.cap_add.as_deref(), "HostConfig.CapAdd"),
        cap_drop: list(h.cap_drop.as_deref(), "HostConfig.CapDrop"),
        security_opt: list(h.security_opt.as_deref(), "HostConfig.SecurityOpt"),
        apparmor_applied: Some(val(c.app_armor_profile.clone(), "AppArmorProfile")),
        selinux_applied: Some(val(c.process_label.clone(), "ProcessLabel")),
        network_mode: val(non_empty(&h.network_mode), "HostConfig.NetworkMode"),
        pid_mode: val(non_empty(&h.pid_mode), "HostConfig.PidMode"),
        ipc_mode: val(non_empty(&h.ipc_mode), "HostConfig.IpcMode"),
        uts_mode: val(non_empty(&h.uts_mode), "HostConfig.UTSMode"),
        userns_mode: val(non_empty(&h.userns_mode), "HostConfig.UsernsMode"),
        joins: refs.joins(Node::Engine(at)),
        memory: val(h.memory, "HostConfig.Memory"),
        nano_cpus: val(h.nano_cpus, "HostConfig.NanoCpus"),
        cpu_shares: val(h.cpu_shares, "HostConfig.CpuShares"),
        cpu_quota: val(h.cpu_quota, "HostConfig.CpuQuota"),
        pids_limit: val(h.pids_limit, "HostConfig.PidsLimit"),
        ports,
        mounts,
        // Inspect's Mounts hold what `--volumes-from` inherited.
        mounts_unknown: List::empty(field("HostConfig.VolumesFrom")),
        devices,
        env,
        restart: List {
            items: h
                .restart_policy
                .iter()
                .map(|p| {
                    let written = format!(
                        "Name={:?} MaximumRetryCount={}",
                        p.name,
                        p.maximum_retry_count
                            .map(|n| n.to_string())
                            .unwrap_or_else(|| "absent".into())
                    );
                    val(
                        RestartView {
                            name: p.name.clone(),
                            max_retries: p.maximum_retry_count,
                            written,
                        },
                        "HostConfig.RestartPolicy",
                    )
                })
                .collect(),
            from: field("HostConfig.RestartPolicy"),
        },
        healthcheck: val(
            c.config.healthcheck.as_ref().and_then(|h| h.test.clone()),
            "Config.Healthcheck",
        ),
        log_driver: val(
            h.log_config.as_ref().and_then(|l| non_empty(&l.kind)),
            "HostConfig.LogConfig.Type",
        ),
        cgroup_parent: val(non_empty(&h.cgroup_parent), "HostConfig.CgroupParent"),
        ulimits: List {
            items: h
                .ulimits
                .iter()
                .flatten()
                .map(|u| {
                    let n = |v: Option<i64>| v.map_or_else(|| "?".to_string(), |x| x.to_string());
                    val(
                        format!("{}={}:{}", u.name, n(u.soft), n(u.hard)),
                        "HostConfig.Ulimits",
                    )
                })
                .collect(),
            from: field("HostConfig.Ulimits"),
        },
        secret_refs: List::empty(field("Mounts")),
        masked_paths: val(h.masked_paths.clone(), "HostConfig.MaskedPaths"),
        readonly_paths: val(h.readonly_paths.clone(), "HostConfig.ReadonlyPaths"),
    }
}

/// Every mount of a container: the engine's resolved `Mounts` first, then
/// `HostConfig.Binds` and `HostConfig.Mounts` (what was asked, present even
/// before the first start), one entry per source and destination.
pub fn container_mounts(c: &Container) -> Vec<MountView> {
    let mut out: Vec<MountView> = Vec::new();
    for m in &c.mounts {
        out.push(MountView {
            kind: m.kind.to_ascii_lowercase(),
            source: m.source.clone(),
            destination: m.destination.clone(),
            read_only: m.rw == Some(false),
            propagation: m.propagation.clone(),
            field: "Mounts",
            volume: (!m.name.is_empty()).then(|| m.name.clone()),
            inherited: None,
            options_unknown: None,
        });
    }
    for b in c.host_config.binds.iter().flatten() {
        if let Some(spec) = BindSpec::parse(b) {
            let host_path = spec.is_host_path();
            out.push(MountView {
                kind: if host_path { "bind" } else { "volume" }.to_string(),
                volume: (!host_path).then(|| spec.source.clone()),
                propagation: spec.propagation(),
                read_only: spec.read_only(),
                source: spec.source,
                destination: spec.destination,
                field: "HostConfig.Binds",
                inherited: None,
                options_unknown: None,
            });
        }
    }
    for m in c.host_config.mounts.iter().flatten() {
        out.push(MountView {
            kind: m.kind.to_ascii_lowercase(),
            source: m.source.clone(),
            destination: m.target.clone(),
            read_only: m.read_only == Some(true),
            propagation: m
                .bind_options
                .as_ref()
                .map(|b| b.propagation.clone())
                .unwrap_or_default(),
            field: "HostConfig.Mounts",
            volume: (m.kind.eq_ignore_ascii_case("volume") && !m.source.is_empty())
                .then(|| m.source.clone()),
            inherited: None,
            options_unknown: None,
        });
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    out.retain(|m| {
        let key = (
            normalize_host_path(&m.source),
            normalize_host_path(&m.destination),
        );
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    out
}

/// The ports a container publishes: the live `NetworkSettings.Ports`, and
/// the configured `HostConfig.PortBindings` (they apply at every start),
/// except in network modes where the engine discards them.
pub fn container_ports(c: &Container) -> Vec<PortView> {
    let mut out: Vec<PortView> = Vec::new();
    let mut push = |key: &str, list: &Option<Vec<crate::facts::engine::PortBinding>>, field| {
        for b in list.iter().flatten() {
            let v = PortView {
                container_port: key.to_string(),
                host_ip: b.host_ip.trim().to_string(),
                host_port: b.host_port.trim().to_string(),
                field,
            };
            if !out.iter().any(|o| {
                o.container_port == v.container_port
                    && o.host_ip == v.host_ip
                    && o.host_port == v.host_port
            }) {
                out.push(v);
            }
        }
    };
    for (k, v) in c.network_settings.ports.iter().flatten() {
        push(k, v, "NetworkSettings.Ports");
    }
    if !network_mode_discards_ports(&c.host_config.network_mode) {
        let live = |k: &str| {
            c.network_settings
                .ports
                .as_ref()
                .and_then(|p| p.get(k))
                .is_some_and(|b| b.as_ref().is_some_and(|b| !b.is_empty()))
        };
        // A port bound with no address or port (`-p 80`, or an empty list,
        // which engines fill with one such binding at start: all before
        // API 1.53, and later ones for containers older clients created)
        // opens an ephemeral port on every interface.
        let any = Some(vec![crate::facts::engine::PortBinding::default()]);
        for (k, v) in c.host_config.port_bindings.iter().flatten() {
            // The live bindings of a port already show what its
            // configuration opened (with the address the engine chose).
            if !live(k) {
                let empty = v.as_ref().is_none_or(Vec::is_empty);
                push(k, if empty { &any } else { v }, "HostConfig.PortBindings");
            }
        }
        // -P publishes every exposed port the same way at start.
        if c.host_config.publish_all_ports == Some(true) {
            for k in c.config.exposed_ports.iter().flatten().map(|(k, _)| k) {
                let bound = c
                    .host_config
                    .port_bindings
                    .as_ref()
                    .is_some_and(|p| p.contains_key(k));
                if !live(k) && !bound {
                    push(k, &any, "HostConfig.PublishAllPorts");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts_merge_the_three_fields_once_each() {
        let c = crate::facts::from_json::<Container>(serde_json::json!({
            "HostConfig": {
                "Binds": ["/etc:/host-etc:ro", "data:/data", "/srv//x/:/x:rshared"],
                "Mounts": [{"Type": "bind", "Source": "/var/run/docker.sock", "Target": "/sock", "ReadOnly": true}]
            },
            "Mounts": [{"Type": "bind", "Source": "/etc", "Destination": "/host-etc", "RW": false, "Propagation": "rprivate"}]
        }));
        let m = container_mounts(&c);
        assert_eq!(m.len(), 4, "{m:?}");
        assert_eq!((m[0].field, m[0].read_only), ("Mounts", true));
        assert_eq!(m[1].kind, "volume");
        assert_eq!(m[2].propagation, "rshared");
        assert!(m[3].read_only && m[3].field == "HostConfig.Mounts");
    }

    #[test]
    fn ports_from_live_and_configured_bindings() {
        // Live bindings replace their configuration; other configured ports
        // (a stopped container) are kept.
        let c = crate::facts::from_json::<Container>(serde_json::json!({
            "HostConfig": {"NetworkMode": "appnet", "PortBindings": {
                "80/tcp": [{"HostIp": "", "HostPort": "80"}],
                "443/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8443"}]}},
            "NetworkSettings": {"Ports": {
                "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "80"}, {"HostIp": "::", "HostPort": "80"}],
                "9000/tcp": null}}
        }));
        let r: Vec<String> = container_ports(&c).iter().map(PortView::render).collect();
        assert_eq!(
            r,
            vec![
                "0.0.0.0:80->80/tcp",
                "[::]:80->80/tcp",
                "127.0.0.1:8443->443/tcp"
            ]
        );
        // Network none and host publish nothing.
        for mode in ["none", "host", "container:abc"] {
            let c = crate::facts::from_json::<Container>(
                serde_json::json!({"HostConfig": {"NetworkMode": mode,
                "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "80"}]}}}),
            );
            assert!(container_ports(&c).is_empty(), "{mode}");
        }
    }
}
