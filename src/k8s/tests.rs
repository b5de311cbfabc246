use super::*;

fn one(text: &str) -> Workload {
    let f = parse_str("t.yaml", text);
    assert!(f.error.is_none(), "{:?}", f.error);
    assert_eq!(f.workloads.len(), 1, "{f:#?}");
    f.workloads.into_iter().next().unwrap()
}

const POD: &str = "\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels:
    app: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  hostNetwork: true
  hostPID: false
  hostUsers: false
  serviceAccountName: builder
  automountServiceAccountToken: false
  securityContext:
    runAsUser: 1000
    runAsNonRoot: true
    seccompProfile:
      type: Localhost
      localhostProfile: profiles/audit.json
    sysctls:
    - name: net.core.somaxconn
      value: \"1024\"
  volumes:
  - name: sock
    hostPath:
      path: /var/run/docker.sock
      type: Socket
  - name: creds
    secret:
      secretName: db-creds
  - name: scratch
    emptyDir: {}
  containers:
  - name: app
    image: nginx:1.27
    imagePullPolicy: Always
    command: [\"nginx\"]
    args: [\"-g\", \"daemon off;\"]
    ports:
    - containerPort: 80
      hostPort: 8080
      hostIP: 0.0.0.0
    env:
    - name: MODE
      value: prod
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-creds
          key: password
    envFrom:
    - secretRef:
        name: all-secrets
    - configMapRef:
        name: settings
    volumeMounts:
    - name: sock
      mountPath: /var/run/docker.sock
      readOnly: true
      mountPropagation: HostToContainer
    resources:
      limits:
        memory: 128Mi
        cpu: 500m
      requests:
        memory: 1G
        cpu: \"2\"
    livenessProbe:
      httpGet: {path: /, port: 80}
    securityContext:
      privileged: true
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        add: [NET_ADMIN, SYS_TIME]
        drop:
        - ALL
      appArmorProfile:
        type: RuntimeDefault
      seLinuxOptions:
        type: spc_t
      procMount: Unmasked
";

#[test]
fn pod_fields_lines_and_paths() {
    let w = one(POD);
    assert_eq!(w.kind, "Pod");
    assert_eq!(w.name, "web");
    assert_eq!(w.namespace.as_deref(), Some("shop"));
    assert_eq!(w.line, 2);
    assert_eq!(w.document, 0);
    assert_eq!(w.labels.get("app").map(String::as_str), Some("web"));
    assert_eq!(
        w.annotations
            .get("container.apparmor.security.beta.kubernetes.io/app")
            .map(String::as_str),
        Some("unconfined")
    );
    let p = &w.pod;
    assert_eq!(p.line, 10);
    let hn = p.host_network.as_ref().unwrap();
    assert!(hn.value);
    assert_eq!((hn.key.as_str(), hn.line), ("spec.hostNetwork", 11));
    assert!(!p.host_pid.as_ref().unwrap().value);
    assert!(!p.host_users.as_ref().unwrap().value);
    assert!(p.host_ipc.is_none());
    assert_eq!(p.service_account_name.as_ref().unwrap().value, "builder");
    assert!(!p.automount_service_account_token.as_ref().unwrap().value);
    let ru = p.security_context.run_as_user.as_ref().unwrap();
    assert_eq!(
        (ru.value, ru.key.as_str(), ru.line),
        (1000, "spec.securityContext.runAsUser", 17)
    );
    let sc = p.security_context.seccomp_profile.as_ref().unwrap();
    assert_eq!(sc.value, "Localhost/profiles/audit.json");
    assert_eq!(sc.key, "spec.securityContext.seccompProfile.type");
    assert_eq!(sc.line, 20);
    assert_eq!(
        p.security_context.sysctls[0].value,
        "net.core.somaxconn=1024"
    );
    assert_eq!(p.volumes.len(), 3);
    let v = &p.volumes[0];
    assert_eq!(v.value.kind, "hostPath");
    assert_eq!(v.value.host_path.as_deref(), Some("/var/run/docker.sock"));
    assert_eq!(v.value.host_path_type.as_deref(), Some("Socket"));
    assert_eq!((v.key.as_str(), v.line), ("spec.volumes[0]", 26));
    assert_eq!(p.volumes[1].value.secret_name.as_deref(), Some("db-creds"));
    assert_eq!(p.volumes[2].value.kind, "emptyDir");

    assert_eq!(p.containers.len(), 1);
    let c = &p.containers[0];
    assert_eq!(
        (c.name.as_str(), c.line, c.list.as_str()),
        ("app", 36, "containers")
    );
    let img = c.image.as_ref().unwrap();
    assert_eq!(
        (img.value.as_str(), img.key.as_str(), img.line),
        ("nginx:1.27", "spec.containers[0].image", 37)
    );
    assert_eq!(c.image_pull_policy.as_ref().unwrap().value, "Always");
    assert_eq!(c.command, vec!["nginx"]);
    assert_eq!(c.args, vec!["-g", "daemon off;"]);
    let port = &c.ports[0];
    assert_eq!(port.value.container_port, "80");
    assert_eq!(port.value.host_port, "8080");
    assert_eq!(port.value.host_ip, "0.0.0.0");
    assert_eq!(port.value.protocol, "TCP");
    assert_eq!(
        (port.key.as_str(), port.line),
        ("spec.containers[0].ports[0]", 42)
    );
    assert_eq!(c.env.len(), 2);
    assert_eq!(c.env[0].value.value.as_deref(), Some("prod"));
    assert_eq!(c.env[1].value.name, "DB_PASSWORD");
    assert_eq!(c.env[1].value.value, None);
    let vf = &c.env_value_from[0];
    assert_eq!(vf.value, "DB_PASSWORD <- secretKeyRef db-creds/password");
    assert_eq!(
        (vf.key.as_str(), vf.line),
        ("spec.containers[0].env[1].valueFrom", 49)
    );
    let ef: Vec<&str> = c.env_from.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(ef, vec!["secretRef:all-secrets", "configMapRef:settings"]);
    let m = &c.volume_mounts[0].value;
    assert_eq!(m.name, "sock");
    assert_eq!(m.mount_path, "/var/run/docker.sock");
    assert!(m.read_only);
    assert_eq!(m.mount_propagation, "HostToContainer");
    let lm = c.limits_memory.as_ref().unwrap();
    assert_eq!(
        (lm.value, lm.key.as_str(), lm.line),
        (128 << 20, "spec.containers[0].resources.limits.memory", 65)
    );
    assert_eq!(c.limits_cpu.as_ref().unwrap().value, 500_000_000);
    assert_eq!(c.requests_memory.as_ref().unwrap().value, 1_000_000_000);
    assert_eq!(c.requests_cpu.as_ref().unwrap().value, 2_000_000_000);
    let lp = c.liveness_probe.as_ref().unwrap();
    assert_eq!((lp.value, lp.line), (true, 70));
    assert!(c.readiness_probe.is_none() && c.startup_probe.is_none());
    let s = &c.security_context;
    let pr = s.privileged.as_ref().unwrap();
    assert_eq!(
        (pr.value, pr.key.as_str(), pr.line),
        (true, "spec.containers[0].securityContext.privileged", 73)
    );
    assert!(!s.allow_privilege_escalation.as_ref().unwrap().value);
    assert!(s.read_only_root_filesystem.as_ref().unwrap().value);
    let add: Vec<&str> = s
        .capabilities_add
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(add, vec!["NET_ADMIN", "SYS_TIME"]);
    assert_eq!(
        s.capabilities_add[1].key,
        "spec.containers[0].securityContext.capabilities.add[1]"
    );
    assert_eq!(s.capabilities_drop[0].value, "ALL");
    assert_eq!(s.capabilities_drop[0].line, 79);
    assert_eq!(s.apparmor_profile.as_ref().unwrap().value, "RuntimeDefault");
    assert_eq!(s.selinux_type.as_ref().unwrap().value, "spc_t");
    assert_eq!(s.proc_mount.as_ref().unwrap().value, "Unmasked");
    // The pod level does not leak into the container level.
    assert!(s.run_as_user.is_none());
}

fn template(kind: &str, api: &str) -> String {
    format!(
        "apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: w\nspec:\n  template:\n    metadata:\n      labels:\n        role: db\n    spec:\n      hostIPC: true\n      containers:\n      - name: c\n        image: busybox\n"
    )
}

#[test]
fn every_template_kind() {
    for (kind, api) in [
        ("Deployment", "apps/v1"),
        ("StatefulSet", "apps/v1"),
        ("DaemonSet", "apps/v1"),
        ("ReplicaSet", "apps/v1"),
        ("ReplicationController", "v1"),
        ("Job", "batch/v1"),
    ] {
        let w = one(&template(kind, api));
        assert_eq!(w.kind, kind);
        assert_eq!(w.labels.get("role").map(String::as_str), Some("db"));
        assert_eq!(w.pod.line, 10);
        let h = w.pod.host_ipc.as_ref().unwrap();
        assert_eq!((h.key.as_str(), h.line), ("spec.template.spec.hostIPC", 11));
        assert_eq!(
            w.pod.containers[0].image.as_ref().unwrap().key,
            "spec.template.spec.containers[0].image"
        );
    }
}

#[test]
fn cronjob() {
    let text = "\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: \"* * * * *\"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            securityContext:
              privileged: true
          restartPolicy: OnFailure
";
    let w = one(text);
    assert_eq!((w.kind.as_str(), w.name.as_str()), ("CronJob", "hello"));
    let p = w.pod.containers[0]
        .security_context
        .privileged
        .as_ref()
        .unwrap();
    assert_eq!(
        (p.key.as_str(), p.line),
        (
            "spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged",
            15
        )
    );
}

#[test]
fn init_and_ephemeral_containers_in_file_order() {
    let text = "\
kind: Pod
metadata:
  generateName: batch-
spec:
  initContainers:
  - name: init
    image: busybox
  containers:
  - name: main
    image: app
  - name: side
    image: proxy
  ephemeralContainers:
  - name: debug
    image: busybox
    securityContext:
      capabilities:
        add: [SYS_PTRACE]
";
    let w = one(text);
    assert_eq!(w.name, "batch-");
    let got: Vec<(&str, &str, u32)> = w
        .pod
        .containers
        .iter()
        .map(|c| (c.name.as_str(), c.list.as_str(), c.line))
        .collect();
    assert_eq!(
        got,
        vec![
            ("init", "initContainers", 6),
            ("main", "containers", 9),
            ("side", "containers", 11),
            ("debug", "ephemeralContainers", 14)
        ]
    );
    assert_eq!(
        w.pod.containers[3].security_context.capabilities_add[0].key,
        "spec.ephemeralContainers[0].securityContext.capabilities.add[0]"
    );
    let text = "kind: Pod\nspec:\n  containers:\n  - name: a\n";
    assert_eq!(one(text).name, "<unnamed>");
}

#[test]
fn helm_output_with_many_documents() {
    let text = "\
---
# Source: shop/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: shop
---
# Source: shop/templates/empty.yaml
---
# Source: shop/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  ports:
  - port: 80
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
      - name: shop
        image: \"shop:1.0\"
---
# Source: shop/templates/tests/test-connection.yaml
apiVersion: v1
kind: Pod
metadata:
  name: \"shop-test-connection\"
  annotations:
    \"helm.sh/hook\": test
spec:
  containers:
  - name: wget
    image: busybox
  restartPolicy: Never
";
    let f = parse_str("helm.yaml", text);
    assert!(f.error.is_none() && f.problems.is_empty(), "{f:#?}");
    let got: Vec<(&str, &str, u32, u32)> = f
        .workloads
        .iter()
        .map(|w| (w.kind.as_str(), w.name.as_str(), w.document, w.line))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Deployment", "shop", 3, 21),
            ("Pod", "shop-test-connection", 4, 33)
        ]
    );
    assert_eq!(f.workloads[1].annotations["helm.sh/hook"], "test");
    // Comments only, or nothing at all: no workloads, no error.
    for t in ["", "# nothing here\n", "---\n---\n"] {
        let f = parse_str("e.yaml", t);
        assert!(f.workloads.is_empty() && f.error.is_none() && f.problems.is_empty());
    }
}

#[test]
fn kubectl_list_and_json() {
    let json = r#"{
    "apiVersion": "v1",
    "kind": "List",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "s"}
        },
        {
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "metadata": {"name": "agent", "namespace": "kube-system"},
            "spec": {
                "template": {
                    "spec": {
                        "hostPID": true,
                        "containers": [
                            {
                                "name": "agent",
                                "image": "agent:2",
                                "securityContext": {"privileged": true, "runAsUser": 0},
                                "resources": {"limits": {"memory": "1Gi", "cpu": 1}}
                            }
                        ]
                    }
                }
            }
        }
    ]
}
"#;
    let f = parse_str("list.json", json);
    assert!(f.error.is_none() && f.problems.is_empty(), "{f:#?}");
    assert_eq!(f.workloads.len(), 1);
    let w = &f.workloads[0];
    assert_eq!((w.kind.as_str(), w.line, w.document), ("DaemonSet", 12, 0));
    assert_eq!(w.namespace.as_deref(), Some("kube-system"));
    let h = w.pod.host_pid.as_ref().unwrap();
    assert_eq!(
        (h.value, h.key.as_str(), h.line),
        (true, "items[1].spec.template.spec.hostPID", 17)
    );
    let c = &w.pod.containers[0];
    let p = c.security_context.privileged.as_ref().unwrap();
    assert_eq!(
        (p.value, p.key.as_str(), p.line),
        (
            true,
            "items[1].spec.template.spec.containers[0].securityContext.privileged",
            22
        )
    );
    assert_eq!(c.security_context.run_as_user.as_ref().unwrap().value, 0);
    assert_eq!(c.limits_memory.as_ref().unwrap().value, 1 << 30);
    assert_eq!(c.limits_cpu.as_ref().unwrap().value, 1_000_000_000);
    // A typed list (PodList) reads the same way.
    let text = "kind: PodList\nitems:\n- kind: Pod\n  metadata: {name: a}\n  spec:\n    containers: [{name: a}]\n";
    let f = parse_str("pods.yaml", text);
    assert_eq!(f.workloads.len(), 1);
    assert_eq!(f.workloads[0].pod.containers[0].line, 6);
}

#[test]
fn quantities() {
    let mem = |s: &str| parse_quantity(s, 1);
    let cpu = |s: &str| parse_quantity(s, 1_000_000_000);
    assert_eq!(mem("128974848"), Some(128_974_848));
    assert_eq!(mem("129e6"), Some(129_000_000));
    assert_eq!(mem("129M"), Some(129_000_000));
    assert_eq!(mem("123Mi"), Some(123 << 20));
    assert_eq!(mem("1.5Gi"), Some(1_610_612_736));
    assert_eq!(mem("64Ki"), Some(65_536));
    assert_eq!(mem("1Ti"), Some(1 << 40));
    assert_eq!(mem("1Pi"), Some(1 << 50));
    assert_eq!(mem("1Ei"), Some(1 << 60));
    assert_eq!(mem("1k"), Some(1000));
    assert_eq!(mem("2G"), Some(2_000_000_000));
    assert_eq!(mem("1T"), Some(1_000_000_000_000));
    assert_eq!(mem("1P"), Some(1_000_000_000_000_000));
    assert_eq!(mem("1E"), Some(1_000_000_000_000_000_000));
    assert_eq!(mem("1E3"), Some(1000));
    assert_eq!(mem("1.5e3"), Some(1500));
    assert_eq!(mem("500m"), Some(1), "rounded up");
    assert_eq!(mem("0"), Some(0));
    assert_eq!(cpu("500m"), Some(500_000_000));
    assert_eq!(cpu("2"), Some(2_000_000_000));
    assert_eq!(cpu("0.5"), Some(500_000_000));
    assert_eq!(cpu("0.1"), Some(100_000_000));
    assert_eq!(cpu("250000u"), Some(250_000_000));
    assert_eq!(cpu("100n"), Some(100));
    assert_eq!(cpu(".5"), Some(500_000_000));
    assert_eq!(cpu("+1"), Some(1_000_000_000));
    for bad in [
        "",
        "abc",
        "1.2.3",
        "12Mb",
        "1e",
        "1e99",
        "9Ei9",
        "99999999999Ei",
        ".",
        "1 Gi",
    ] {
        assert_eq!(mem(bad), None, "{bad}");
    }
    assert_eq!(mem("99999999999999999999999999999999"), None);
}

#[test]
fn malformed_workloads_give_problems_with_lines() {
    let text = "\
kind: Deployment
metadata:
  name: broken
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        name: not-a-list
---
kind: StatefulSet
metadata:
  name: notemplate
spec:
  replicas: 2
---
kind: Pod
metadata:
  name: types
spec:
  hostPID: \"true\"
  hostIPC: \"false\"
  containers:
  - name: a
    command: echo hi
    securityContext:
      privileged: \"yes\"
      runAsNonRoot: \"true\"
      runAsUser: \"0\"
      runAsGroup: root
      readOnlyRootFilesystem: \"false\"
      capabilities:
        add: [{x: 1}]
    resources:
      limits:
        memory: lots
    ports:
    - 80
    volumeMounts:
    - name: v
      readOnly: \"true\"
  - just a string
---
kind: Job
spec: [1, 2]
";
    let f = parse_str("bad.yaml", text);
    assert!(f.error.is_none(), "{:?}", f.error);
    let lines: Vec<u32> = f.problems.iter().map(|p| p.line).collect();
    let msgs: Vec<&str> = f.problems.iter().map(|p| p.message.as_str()).collect();
    let has = |line: u32, s: &str| {
        assert!(
            f.problems
                .iter()
                .any(|p| p.line == line && p.message.contains(s)),
            "no problem at {line} with {s:?} in {msgs:#?}"
        )
    };
    has(
        9,
        "Deployment \"broken\": spec.template.spec.containers is a mapping, not a list",
    );
    has(11, "StatefulSet \"notemplate\": no spec.template");
    has(
        21,
        "spec.hostPID is the quoted string \"true\", not a boolean: read as true",
    );
    has(
        22,
        "spec.hostIPC is the quoted string \"false\", not a boolean: not read",
    );
    has(25, "spec.containers[0].command is \"echo hi\", not a list");
    has(
        27,
        "privileged is the quoted string \"yes\", not a boolean: read as true",
    );
    has(
        28,
        "runAsNonRoot is the quoted string \"true\", not a boolean: not read",
    );
    has(
        29,
        "runAsUser is the quoted string \"0\", not an integer: read as 0",
    );
    has(30, "runAsGroup is \"root\", not an integer: not read");
    has(
        31,
        "readOnlyRootFilesystem is the quoted string \"false\", not a boolean: read as false",
    );
    has(33, "capabilities.add[0] is a mapping, not a string");
    has(36, "resources.limits.memory is \"lots\", not a quantity");
    has(38, "ports[0] is \"80\", not a port");
    has(
        41,
        "readOnly is the quoted string \"true\", not a boolean: not read",
    );
    has(
        42,
        "spec.containers[1] is \"just a string\", not a container",
    );
    has(45, "Job \"<unnamed>\": spec is a list, not a mapping");
    assert!(lines.windows(2).all(|w| w[0] <= w[1]));
    // The rest goes on: the broken Deployment keeps its host network, the
    // Pod its settings read on the unsafe side.
    assert_eq!(f.workloads.len(), 2, "{:#?}", f.workloads);
    let d = &f.workloads[0];
    assert!(d.pod.host_network.as_ref().unwrap().value);
    assert!(d.pod.containers.is_empty());
    let p = &f.workloads[1];
    assert!(p.pod.host_pid.as_ref().unwrap().value);
    assert!(p.pod.host_ipc.is_none());
    assert_eq!(p.pod.containers.len(), 1);
    let sc = &p.pod.containers[0].security_context;
    assert!(sc.privileged.as_ref().unwrap().value);
    assert!(sc.run_as_non_root.is_none());
    assert_eq!(sc.run_as_user.as_ref().unwrap().value, 0);
    assert!(!sc.read_only_root_filesystem.as_ref().unwrap().value);
    assert!(!p.pod.containers[0].volume_mounts[0].value.read_only);
}

#[test]
fn yaml_booleans_follow_the_compose_reader() {
    let text = "kind: Pod\nspec:\n  hostNetwork: yes\n  hostPID: off\n  containers: []\n";
    let w = one(text);
    assert!(w.pod.host_network.unwrap().value);
    assert!(!w.pod.host_pid.unwrap().value);
    // kubectl's YAML 1.1 reading also takes a plain y / Y / n / N.
    let text = "kind: Pod\nspec:\n  hostNetwork: Y\n  hostPID: y\n  hostIPC: n\n  containers:\n  - name: a\n    securityContext: {privileged: y}\n";
    assert!(parse_str("t.yaml", text).problems.is_empty());
    let w = one(text);
    assert!(w.pod.host_network.unwrap().value);
    assert!(w.pod.host_pid.unwrap().value);
    assert!(!w.pod.host_ipc.unwrap().value);
    assert!(
        w.pod.containers[0]
            .security_context
            .privileged
            .as_ref()
            .unwrap()
            .value
    );
}

#[test]
fn duplicate_keys_read_the_last() {
    let text = "kind: Pod\nspec:\n  containers:\n  - name: a\n    securityContext:\n      privileged: false\n      privileged: true\n";
    let f = parse_str("d.yaml", text);
    let p = f.workloads[0].pod.containers[0]
        .security_context
        .privileged
        .clone()
        .unwrap();
    assert_eq!((p.value, p.line), (true, 7));
    assert_eq!(f.problems.len(), 1);
    assert_eq!(f.problems[0].line, 7);
    assert!(f.problems[0].message.contains("given twice"));
}

#[test]
fn syntax_errors_keep_earlier_documents() {
    let text = "kind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: a}]\n---\nkind: Pod\nspec: [\n";
    let f = parse_str("s.yaml", text);
    assert_eq!(f.workloads.len(), 1);
    let e = f.error.unwrap();
    assert!(e.line >= 6, "{e:?}");
    assert!(e.message.contains("documents before it were read"));
    let f = parse_str("s.yaml", "kind: Pod\nspec: [\n");
    assert!(f.workloads.is_empty());
    assert!(f.error.unwrap().message.contains("not valid YAML"));
}

#[test]
fn alias_bomb_and_deep_nesting_are_bounded() {
    let mut doc = String::from("kind: Pod\nmetadata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for c in "bcdefghijklmnop".chars() {
        doc.push_str(&format!(
            "  {c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
        prev = c;
    }
    let t = std::time::Instant::now();
    let f = parse_str("bomb.yaml", &doc);
    assert!(f.error.unwrap().message.contains("alias bomb"));
    assert!(t.elapsed().as_secs() < 2);

    let deep = format!(
        "kind: Pod\nspec: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let f = parse_str("deep.yaml", &deep);
    assert!(f.error.unwrap().message.contains("nested deeper"));
}

#[test]
fn other_kinds_and_unknown_fields_are_silent() {
    let text = "\
apiVersion: v1
kind: ConfigMap
data:
  containers: nonsense
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  strategy: {type: Recreate}
  template:
    spec:
      topologySpreadConstraints: []
      containers:
      - name: a
        terminationMessagePolicy: File
        futureField: {x: 1}
---
just a scalar document
---
- a list
";
    let f = parse_str("o.yaml", text);
    assert!(f.problems.is_empty() && f.error.is_none(), "{f:#?}");
    assert_eq!(f.workloads.len(), 1);
}

#[test]
fn load_file_reads_with_bounds() {
    let dir = std::env::temp_dir().join(format!("dockaudit-k8s-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("pod.yaml");
    std::fs::write(&p, format!("\u{feff}{POD}")).unwrap();
    let f = load_file(&p);
    assert!(f.error.is_none());
    assert_eq!(f.workloads[0].line, 2);
    let b = dir.join("bin.yaml");
    std::fs::write(&b, b"kind: Pod\0").unwrap();
    assert!(load_file(&b).error.unwrap().message.contains("binary"));
    assert!(load_file(&dir.join("missing.yaml")).error.is_some());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn facts_round_trip_through_json() {
    let f = parse_str("t.yaml", POD);
    let json = serde_json::to_string(&f).unwrap();
    let back: ManifestFile = serde_json::from_str(&json).unwrap();
    assert_eq!(back, f);
}

#[test]
fn every_prefix_of_a_manifest_reads_without_panic() {
    let text = format!("{POD}---\n{}", template("CronJob", "batch/v1"));
    let mut cut = 0;
    while cut <= text.len() {
        let part = &text[..cut];
        let f = parse_str("p.yaml", part);
        let lines = part.lines().count() as u32 + 2;
        for p in f.problems.iter().chain(f.error.iter()) {
            assert!(p.line <= lines, "{cut}: {p:?}");
        }
        cut += 7;
    }
}

#[test]
fn tab_indented_json_and_crlf_line_ends() {
    let json = "{\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\"name\": \"t\"},\n\t\"spec\": {\n\t\t\"hostNetwork\": true,\n\t\t\"containers\": [{\"name\": \"a\"}]\n\t}\n}\n";
    let w = one(json);
    assert_eq!(w.pod.host_network.unwrap().line, 5);
    let crlf = "kind: Pod\r\nmetadata:\r\n  name: c\r\nspec:\r\n  hostPID: true\r\n  containers:\r\n  - name: a\r\n";
    let w = one(crlf);
    assert_eq!(w.pod.host_pid.unwrap().line, 5);
    assert_eq!(w.pod.containers[0].line, 7);
}

#[test]
fn integers_in_every_spelling_the_api_server_reads() {
    for (s, want) in [
        ("0", Some(0)),
        ("1000", Some(1000)),
        ("+5", Some(5)),
        ("-1", Some(-1)),
        ("0x0", Some(0)),
        ("0x3E8", Some(1000)),
        ("0o17", Some(15)),
        ("017", Some(15)),
        ("08", Some(8)),
        ("0b101", Some(5)),
        ("1_000", Some(1000)),
        ("0.0", Some(0)),
        ("1000.0", Some(1000)),
        ("1e3", Some(1000)),
        ("0.5", None),
        (".inf", None),
        ("root", None),
        ("", None),
    ] {
        assert_eq!(yaml_int(s), want, "{s:?}");
    }
    // A container's `runAsUser: 0x0` is root: it is read, and the pod's
    // non-root user does not stand in for it.
    let w = one(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsUser: 1000}\n  containers:\n    - name: c\n      image: i\n      securityContext: {runAsUser: 0x0}\n",
    );
    let u = w.pod.containers[0]
        .security_context
        .run_as_user
        .as_ref()
        .unwrap();
    assert_eq!(u.value, 0);
}

#[test]
fn pod_templates_read_and_unknown_kinds_with_one_said() {
    let w = one(
        "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: tpl}\ntemplate:\n  spec:\n    containers:\n      - name: c\n        image: i\n        securityContext: {privileged: true}\n",
    );
    assert_eq!(w.kind, "PodTemplate");
    assert_eq!(w.pod.containers.len(), 1);
    let f = parse_str(
        "r.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: i\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: b}\n",
    );
    assert!(f.workloads.is_empty());
    assert_eq!(f.problems.len(), 1, "{:?}", f.problems);
    assert!(
        f.problems[0].message.contains("kind Rollout is not read"),
        "{:?}",
        f.problems
    );
}
