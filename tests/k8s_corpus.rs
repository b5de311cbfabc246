//! The Kubernetes manifest corpus: real manifests under tests/corpus/k8s
//! (see PROVENANCE.md there), each read without error, with the workloads
//! and containers counted by hand from the files, and a few values checked
//! with their key paths and lines.

use std::path::{Path, PathBuf};

use dockaudit::facts::k8s::{ManifestFile, Setting};
use dockaudit::k8s::load_file;

const ROOT: &str = "tests/corpus/k8s";

fn load(rel: &str) -> ManifestFile {
    let f = load_file(&Path::new(ROOT).join(rel));
    assert!(f.error.is_none(), "{rel}: {:?}", f.error);
    assert!(f.problems.is_empty(), "{rel}: {:?}", f.problems);
    f
}

fn at<T: Clone>(s: &Option<Setting<T>>) -> (T, String, u32) {
    let s = s.as_ref().expect("setting present");
    (s.value.clone(), s.key.clone(), s.line)
}

/// (file, [(kind, name, document, line of `kind:`, [(container, list)])])
type Expected = (
    &'static str,
    &'static [(
        &'static str,
        &'static str,
        u32,
        u32,
        &'static [(&'static str, &'static str)],
    )],
);

/// One workload as compared: kind, name, document, line, containers.
type Row<'a> = (&'a str, &'a str, u32, u32, Vec<(&'a str, &'a str)>);

const EXPECTED: &[Expected] = &[
    (
        "helm/mychart-rendered.yaml",
        &[
            (
                "Deployment",
                "demo-mychart",
                2,
                39,
                &[("mychart", "containers")],
            ),
            (
                "Pod",
                "demo-mychart-test-connection",
                3,
                89,
                &[("wget", "containers")],
            ),
        ],
    ),
    (
        "ingress-nginx/baremetal-1.20-deploy.yaml",
        &[
            (
                "Deployment",
                "ingress-nginx-controller",
                14,
                365,
                &[("controller", "containers")],
            ),
            (
                "Job",
                "ingress-nginx-admission-create",
                15,
                476,
                &[("create", "containers")],
            ),
            (
                "Job",
                "ingress-nginx-admission-patch",
                16,
                523,
                &[("patch", "containers")],
            ),
        ],
    ),
    (
        "website/cronjob.yaml",
        &[("CronJob", "hello", 0, 2, &[("hello", "containers")])],
    ),
    (
        "website/daemonset.yaml",
        &[(
            "DaemonSet",
            "fluentd-elasticsearch",
            0,
            2,
            &[("fluentd-elasticsearch", "containers")],
        )],
    ),
    (
        "website/deployment-sidecar.yaml",
        &[(
            "Deployment",
            "myapp",
            0,
            2,
            &[("myapp", "containers"), ("logshipper", "initContainers")],
        )],
    ),
    (
        "website/deployment.yaml",
        &[(
            "Deployment",
            "nginx-deployment",
            0,
            2,
            &[("nginx", "containers")],
        )],
    ),
    (
        "website/job.yaml",
        &[("Job", "pi", 0, 2, &[("pi", "containers")])],
    ),
    (
        "website/mysql-statefulset.yaml",
        &[(
            "StatefulSet",
            "mysql",
            0,
            2,
            &[
                ("init-mysql", "initContainers"),
                ("clone-mysql", "initContainers"),
                ("mysql", "containers"),
                ("xtrabackup", "containers"),
            ],
        )],
    ),
    (
        "website/seccomp-audit-pod.yaml",
        &[(
            "Pod",
            "audit-pod",
            0,
            2,
            &[("test-container", "containers")],
        )],
    ),
    (
        "website/security-context-4.yaml",
        &[(
            "Pod",
            "security-context-demo-4",
            0,
            4,
            &[("sec-ctx-4", "containers")],
        )],
    ),
    (
        "website/security-context.yaml",
        &[(
            "Pod",
            "security-context-demo",
            0,
            2,
            &[("sec-ctx-demo", "containers")],
        )],
    ),
    (
        "website/wordpress-mysql-deployment.yaml",
        &[(
            "Deployment",
            "wordpress-mysql",
            2,
            29,
            &[("mysql", "containers")],
        )],
    ),
    (
        "website/zookeeper.yaml",
        &[(
            "StatefulSet",
            "zk",
            3,
            41,
            &[("kubernetes-zookeeper", "containers")],
        )],
    ),
];

fn corpus_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(ROOT)];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("yml" | "yaml" | "json")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_file_is_read_with_the_counts_expected() {
    let files = corpus_files();
    let listed: Vec<PathBuf> = EXPECTED
        .iter()
        .map(|(f, _)| Path::new(ROOT).join(f))
        .collect();
    assert_eq!(files, listed, "every corpus file has its expectations here");
    for (rel, workloads) in EXPECTED {
        let f = load(rel);
        let got: Vec<Row> = f
            .workloads
            .iter()
            .map(|w| {
                (
                    w.kind.as_str(),
                    w.name.as_str(),
                    w.document,
                    w.line,
                    w.pod
                        .containers
                        .iter()
                        .map(|c| (c.name.as_str(), c.list.as_str()))
                        .collect(),
                )
            })
            .collect();
        let want: Vec<Row> = workloads
            .iter()
            .map(|(k, n, d, l, cs)| (*k, *n, *d, *l, cs.to_vec()))
            .collect();
        assert_eq!(got, want, "{rel}");
    }
}

#[test]
fn security_context_example() {
    let f = load("website/security-context.yaml");
    let p = &f.workloads[0].pod;
    assert_eq!(
        at(&p.security_context.run_as_user),
        (1000, "spec.securityContext.runAsUser".to_string(), 7)
    );
    assert_eq!(p.volumes[0].value.kind, "emptyDir");
    let c = &p.containers[0];
    assert_eq!(
        at(&c.security_context.allow_privilege_escalation),
        (
            false,
            "spec.containers[0].securityContext.allowPrivilegeEscalation".to_string(),
            19
        )
    );
    assert_eq!(c.volume_mounts[0].value.mount_path, "/data/demo");
    assert!(c.limits_memory.is_none() && c.limits_cpu.is_none());
}

#[test]
fn flow_style_capabilities_and_localhost_seccomp() {
    let f = load("website/security-context-4.yaml");
    let sc = &f.workloads[0].pod.containers[0].security_context;
    let add: Vec<(&str, u32)> = sc
        .capabilities_add
        .iter()
        .map(|c| (c.value.as_str(), c.line))
        .collect();
    assert_eq!(add, vec![("NET_ADMIN", 15), ("SYS_TIME", 16)]);

    let f = load("website/seccomp-audit-pod.yaml");
    let w = &f.workloads[0];
    assert_eq!(w.labels["app.kubernetes.io/name"], "audit-pod");
    assert_eq!(
        at(&w.pod.security_context.seccomp_profile),
        (
            "Localhost/profiles/audit.json".to_string(),
            "spec.securityContext.seccompProfile.type".to_string(),
            10
        )
    );
    assert_eq!(
        w.pod.containers[0].args,
        vec!["-text=just made some syscalls!"]
    );
}

#[test]
fn daemonset_host_paths_and_limits() {
    let f = load("website/daemonset.yaml");
    let w = &f.workloads[0];
    assert_eq!(w.namespace.as_deref(), Some("kube-system"));
    assert_eq!(w.labels["name"], "fluentd-elasticsearch");
    let paths: Vec<(&str, Option<&str>, u32)> = w
        .pod
        .volumes
        .iter()
        .map(|v| (v.value.kind.as_str(), v.value.host_path.as_deref(), v.line))
        .collect();
    assert_eq!(
        paths,
        vec![
            ("hostPath", Some("/var/log"), 37),
            ("hostPath", Some("/var/lib/docker/containers"), 40)
        ]
    );
    let c = &w.pod.containers[0];
    assert_eq!(
        at(&c.limits_memory),
        (
            200 << 20,
            "spec.template.spec.containers[0].resources.limits.memory".to_string(),
            25
        )
    );
    assert_eq!(c.requests_cpu.as_ref().unwrap().value, 100_000_000);
    assert!(!c.volume_mounts[0].value.read_only);
    assert!(c.volume_mounts[1].value.read_only);
}

#[test]
fn statefulsets_probes_requests_and_pod_user() {
    let f = load("website/mysql-statefulset.yaml");
    let cs = &f.workloads[0].pod.containers;
    let mysql = &cs[2];
    assert_eq!(mysql.requests_cpu.as_ref().unwrap().value, 500_000_000);
    assert_eq!(mysql.requests_memory.as_ref().unwrap().value, 1 << 30);
    assert_eq!(mysql.liveness_probe.as_ref().unwrap().line, 83);
    assert_eq!(mysql.readiness_probe.as_ref().unwrap().line, 89);
    assert!(mysql.startup_probe.is_none());
    assert_eq!(mysql.env[0].value.value.as_deref(), Some("1"));
    assert_eq!(cs[0].command.len(), 3);
    assert_eq!(cs[1].volume_mounts[0].value.sub_path, "mysql");

    let f = load("website/zookeeper.yaml");
    let p = &f.workloads[0].pod;
    assert_eq!(
        at(&p.security_context.run_as_user),
        (
            1000,
            "spec.template.spec.securityContext.runAsUser".to_string(),
            124
        )
    );
    let c = &p.containers[0];
    assert_eq!(c.requests_cpu.as_ref().unwrap().value, 500_000_000);
    assert_eq!(c.image_pull_policy.as_ref().unwrap().value, "Always");
    assert_eq!(c.ports.len(), 3);
}

#[test]
fn secrets_from_env_and_ingress_controller_settings() {
    let f = load("website/wordpress-mysql-deployment.yaml");
    let c = &f.workloads[0].pod.containers[0];
    let from: Vec<&str> = c.env_value_from.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(
        from,
        vec![
            "MYSQL_ROOT_PASSWORD <- secretKeyRef mysql-pass/password",
            "MYSQL_PASSWORD <- secretKeyRef mysql-pass/password"
        ]
    );
    assert_eq!(c.env.len(), 4);
    assert_eq!(
        f.workloads[0].pod.volumes[0].value.kind,
        "persistentVolumeClaim"
    );

    let f = load("ingress-nginx/baremetal-1.20-deploy.yaml");
    let w = &f.workloads[0];
    assert_eq!(w.namespace.as_deref(), Some("ingress-nginx"));
    assert_eq!(
        w.pod.service_account_name.as_ref().unwrap().value,
        "ingress-nginx"
    );
    assert_eq!(
        w.pod.volumes[0].value.secret_name.as_deref(),
        Some("ingress-nginx-admission")
    );
    let sc = &w.pod.containers[0].security_context;
    assert_eq!(
        at(&sc.allow_privilege_escalation),
        (
            true,
            "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation".to_string(),
            454
        )
    );
    assert_eq!(sc.capabilities_add[0].value, "NET_BIND_SERVICE");
    assert_eq!(sc.capabilities_drop[0].value, "ALL");
    assert_eq!(sc.run_as_user.as_ref().unwrap().value, 101);
    let job = &f.workloads[1].pod;
    assert!(job.security_context.run_as_non_root.as_ref().unwrap().value);
    assert_eq!(
        job.security_context.run_as_user.as_ref().unwrap().value,
        2000
    );
}

#[test]
fn helm_output_reads_empty_security_contexts() {
    let f = load("helm/mychart-rendered.yaml");
    let d = &f.workloads[0];
    assert_eq!(d.labels["app.kubernetes.io/instance"], "demo");
    assert_eq!(d.pod.security_context, Default::default());
    let c = &d.pod.containers[0];
    assert_eq!(c.security_context, Default::default());
    assert_eq!(at(&c.image).0, "nginx:1.16.0");
    assert_eq!(c.ports[0].value.container_port, "80");
    assert!(c.limits_memory.is_none());
    assert!(c.liveness_probe.is_some() && c.readiness_probe.is_some());
    let t = &f.workloads[1];
    assert_eq!(t.annotations["helm.sh/hook"], "test");
    assert_eq!(t.pod.containers[0].command, vec!["wget"]);
}
