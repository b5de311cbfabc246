//! Engine containers (inspect documents) as container specs. Every value
//! names the inspect field it came from.

use crate::checks::runtime_rules::{container_mounts, container_ports};
use crate::checks::support::container_subject;
use crate::facts::compose::EnvVar;
use crate::facts::Container;
use crate::subject::{ContainerSpec, DeviceView, List, Origin, Platform, RestartView, Val};

fn field(path: &str) -> Origin {
    Origin {
        key: path.to_string(),
        source: format!("engine: container inspect {path}"),
        location: None,
    }
}

fn val<T>(value: T, path: &str) -> Val<T> {
    Val::new(value, field(path))
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn list(items: Option<&[String]>, path: &str) -> List<String> {
    List {
        items: items
            .unwrap_or(&[])
            .iter()
            .map(|s| val(s.clone(), path))
            .collect(),
        from: field(path),
    }
}

pub fn spec(c: &Container) -> ContainerSpec<'_> {
    let h = &c.host_config;
    let mut mounts = List::empty(field("Mounts"));
    mounts.items = container_mounts(c)
        .into_iter()
        .map(|m| {
            let f = m.field;
            val(m, f)
        })
        .collect();
    let mut ports = List::empty(field("HostConfig.PortBindings"));
    ports.items = container_ports(c)
        .into_iter()
        .map(|p| {
            let f = p.field;
            val(p, f)
        })
        .collect();
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
            DeviceView {
                host: rule.clone(),
                container: String::new(),
                permissions: rule.split_whitespace().nth(2).unwrap_or("").to_string(),
                cgroup_rule: true,
            },
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
        memory: val(h.memory, "HostConfig.Memory"),
        nano_cpus: val(h.nano_cpus, "HostConfig.NanoCpus"),
        cpu_shares: val(h.cpu_shares, "HostConfig.CpuShares"),
        cpu_quota: val(h.cpu_quota, "HostConfig.CpuQuota"),
        pids_limit: val(h.pids_limit, "HostConfig.PidsLimit"),
        ports,
        mounts,
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
    }
}
