//! Unit tests of the compose reader: syntaxes, anchors, interpolation,
//! extends, profiles and hostile input.

use super::*;

fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn read(text: &str) -> ComposeFile {
    parse_str("c.yml", text, &vars(&[]), None, &LoadOptions::default())
}

fn svc<'a>(f: &'a ComposeFile, name: &str) -> &'a ComposeService {
    f.services.iter().find(|s| s.name == name).unwrap()
}

#[test]
fn ports_short_and_long() {
    let f = read(
        "services:\n  web:\n    image: nginx\n    ports:\n      - \"127.0.0.1:8080:80/tcp\"\n      - 443:443\n      - \"9000\"\n      - target: 53\n        published: \"53\"\n        host_ip: 0.0.0.0\n        protocol: UDP\n        mode: host\n",
    );
    let p: Vec<&ComposePort> = svc(&f, "web").ports.iter().map(|s| &s.value).collect();
    assert_eq!(p.len(), 4, "{f:?}");
    assert_eq!(
        (
            p[0].host_ip.as_str(),
            p[0].published.as_str(),
            p[0].target.as_str()
        ),
        ("127.0.0.1", "8080", "80")
    );
    assert_eq!(
        (p[1].published.as_str(), p[1].target.as_str()),
        ("443", "443")
    );
    assert_eq!(
        (p[2].published.as_str(), p[2].target.as_str()),
        ("", "9000")
    );
    assert_eq!(
        (
            p[3].protocol.as_str(),
            p[3].mode.as_str(),
            p[3].host_ip.as_str()
        ),
        ("udp", "host", "0.0.0.0")
    );
    assert_eq!(svc(&f, "web").ports[0].line, 5);
    assert_eq!(svc(&f, "web").ports[3].line, 8);
}

#[test]
fn volumes_short_and_long() {
    let f = read(
        "services:\n  a:\n    image: x\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - data:/data\n      - ./src:/src\n      - /cache\n      - type: bind\n        source: /etc\n        target: /host-etc\n        read_only: true\n        bind:\n          propagation: rshared\n",
    );
    let v: Vec<&ComposeVolume> = svc(&f, "a").volumes.iter().map(|s| &s.value).collect();
    assert_eq!(v.len(), 5);
    assert_eq!((v[0].kind.as_str(), v[0].read_only), ("bind", true));
    assert_eq!(v[1].kind, "volume");
    assert_eq!(v[2].kind, "bind");
    assert_eq!(
        (v[3].kind.as_str(), v[3].target.as_str()),
        ("volume", "/cache")
    );
    assert_eq!(
        (
            v[4].source.as_str(),
            v[4].read_only,
            v[4].propagation.as_str()
        ),
        ("/etc", true, "rshared")
    );
}

#[test]
fn anchors_and_merge_keys_reach_services() {
    let f = read(
        "x-base: &base\n  read_only: true\n  cap_drop: [ALL]\n  security_opt:\n    - no-new-privileges:true\nservices:\n  a:\n    <<: *base\n    image: a\n  b:\n    <<: *base\n    read_only: false\n    image: b\n",
    );
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    let a = svc(&f, "a");
    assert!(a.read_only.as_ref().unwrap().value);
    // The setting points at the anchor's text.
    assert_eq!(a.read_only.as_ref().unwrap().line, 2);
    assert_eq!(a.cap_drop[0].value, "ALL");
    assert!(!svc(&f, "b").read_only.as_ref().unwrap().value);
}

#[test]
fn interpolation_forms_and_escapes() {
    let f = parse_str(
        "c.yml",
        "services:\n  a:\n    image: \"app:${TAG:-1.0}\"\n    user: ${UID-1000}\n    ports: [\"${HOST_IP}:${PORT:?need a port}:80\"]\n    environment:\n      PRICE: $$5\n      MISSING: ${NOPE}\n",
        &vars(&[("PORT", "8080"), ("HOST_IP", "127.0.0.1")]),
        None,
        &LoadOptions::default(),
    );
    let a = svc(&f, "a");
    assert_eq!(a.image.as_ref().unwrap().value, "app:1.0");
    assert_eq!(a.user.as_ref().unwrap().value, "1000");
    assert_eq!(a.ports[0].value.host_ip, "127.0.0.1");
    assert_eq!(a.ports[0].value.published, "8080");
    assert_eq!(a.environment[0].value.value.as_deref(), Some("$5"));
    assert!(
        f.problems.iter().any(|p| p.message.contains("NOPE")),
        "{:?}",
        f.problems
    );
    let f = read("services:\n  a:\n    image: ${REQ:?set REQ}\n");
    assert!(f
        .problems
        .iter()
        .any(|p| p.message.contains("set REQ") && p.line == 3));
}

#[test]
fn limits_in_both_forms() {
    let f = read(
        "version: '2.4'\nservices:\n  a:\n    image: a\n    mem_limit: 512m\n    cpus: 0.5\n    pids_limit: 100\n  b:\n    image: b\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n          cpus: '2'\n          pids: 64\n      restart_policy:\n        condition: on-failure\n        max_attempts: 3\n",
    );
    assert_eq!(f.version.as_deref(), Some("2.4"));
    let a = svc(&f, "a");
    assert_eq!(a.memory.as_ref().unwrap().value, 512 << 20);
    assert_eq!(a.nano_cpus.as_ref().unwrap().value, 500_000_000);
    assert_eq!(a.pids_limit.as_ref().unwrap().value, 100);
    let b = svc(&f, "b");
    let m = b.memory.as_ref().unwrap();
    assert_eq!(
        (m.value, m.key.as_str(), m.line),
        (1 << 30, "deploy.resources.limits.memory", 13)
    );
    assert_eq!(b.nano_cpus.as_ref().unwrap().value, 2_000_000_000);
    assert_eq!(b.deploy_restart_max_attempts.as_ref().unwrap().value, 3);
    assert_eq!(parse_bytes("1.5g"), Some(1_610_612_736));
    assert_eq!(parse_bytes("100"), Some(100));
    assert_eq!(parse_bytes("12x"), None);
    assert_eq!(
        b.pids_limit.as_ref().unwrap().key,
        "deploy.resources.limits.pids"
    );
    let c = b.deploy_restart_condition.as_ref().unwrap();
    assert_eq!((c.value.as_str(), c.line), ("on-failure", 17));
    // A limit that does not read is a problem at its line, never a value.
    let f = read(
        "services:\n  c:\n    image: c\n    deploy:\n      resources:\n        limits:\n          memory: lots\n          cpus: many\n          pids: 1.5\n      restart_policy: {}\n",
    );
    let c = svc(&f, "c");
    assert!(c.memory.is_none() && c.nano_cpus.is_none() && c.pids_limit.is_none());
    let problems: Vec<(u32, &str)> = f
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (7, "deploy.resources.limits.memory is not a size"),
            (8, "deploy.resources.limits.cpus is not a number"),
            (9, "deploy.resources.limits.pids is not an integer"),
        ]
    );
    // The swarm default condition, reported at the policy's line.
    let d = c.deploy_restart_condition.as_ref().unwrap();
    assert_eq!((d.value.as_str(), d.line), ("any", 10));
}

#[test]
fn environment_list_and_map_and_secrets() {
    let f = read(
        "services:\n  a:\n    image: a\n    environment:\n      - A=1\n      - B\n    secrets:\n      - db\n      - source: api\n        target: api_key\n  b:\n    image: b\n    environment:\n      C: \"x=y\"\n      D:\nsecrets:\n  db:\n    file: ./db.txt\n  api:\n    external: true\n",
    );
    let a = svc(&f, "a");
    assert_eq!(a.environment[0].value.value.as_deref(), Some("1"));
    assert_eq!(a.environment[1].value.value, None);
    assert_eq!(
        a.secrets
            .iter()
            .map(|s| s.value.as_str())
            .collect::<Vec<_>>(),
        ["db", "api"]
    );
    let b = svc(&f, "b");
    assert_eq!(b.environment[0].value.value.as_deref(), Some("x=y"));
    assert_eq!(b.environment[1].value.value, None);
    assert_eq!(f.secrets, ["db", "api"]);
}

#[test]
fn reset_and_override_tags_are_merged_as_compose_does() {
    let f = read(
        "services:\n  base:\n    image: x\n    cap_drop: [ALL]\n    security_opt: [\"no-new-privileges:true\"]\n    device_cgroup_rules: ['c 1:3 r']\n    deploy: {resources: {limits: {memory: 256m}}}\n  app:\n    extends: base\n    cap_drop: !override [NET_RAW]\n    security_opt: !reset []\n    deploy: !reset {}\n    device_cgroup_rules: ['c *:* rwm']\n  plain:\n    extends: base\n    cap_drop: [NET_RAW]\n",
    );
    let app = svc(&f, "app");
    let caps: Vec<&str> = app.cap_drop.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(caps, ["NET_RAW"], "!override replaces the list");
    assert!(app.security_opt.is_empty(), "{:?}", app.security_opt);
    assert!(app.memory.is_none(), "{:?}", app.memory);
    // device_cgroup_rules add up, as every list with no rule of its own.
    let rules: Vec<&str> = app
        .device_cgroup_rules
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(rules, ["c 1:3 r", "c *:* rwm"]);
    // Without a tag, lists add up as before.
    let plain = svc(&f, "plain");
    let caps: Vec<&str> = plain.cap_drop.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(caps, ["ALL", "NET_RAW"]);
    assert_eq!(plain.security_opt.len(), 1);
}

#[test]
fn extends_in_the_same_file() {
    let f = read(
        "services:\n  base:\n    image: base:1\n    cap_add: [NET_ADMIN]\n    read_only: true\n  app:\n    extends: base\n    cap_add: [SYS_TIME]\n    user: app\n  app2:\n    extends:\n      service: app\n    read_only: false\n",
    );
    let app = svc(&f, "app");
    assert_eq!(app.image.as_ref().unwrap().value, "base:1");
    let caps: Vec<&str> = app.cap_add.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(caps, ["NET_ADMIN", "SYS_TIME"]);
    let app2 = svc(&f, "app2");
    assert!(!app2.read_only.as_ref().unwrap().value);
    assert_eq!(app2.user.as_ref().unwrap().value, "app");
    let f = read("services:\n  a:\n    extends: b\n  b:\n    extends: a\n");
    assert!(
        f.problems.iter().any(|p| p.message.contains("cycle")),
        "{:?}",
        f.problems
    );
}

#[test]
fn extends_from_another_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("common.yml"),
        "services:\n  hardened:\n    image: app@sha256:abc\n    read_only: true\n    privileged: true\n",
    )
    .unwrap();
    let main = dir.path().join("compose.yml");
    std::fs::write(
        &main,
        "services:\n  web:\n    extends:\n      file: common.yml\n      service: hardened\n    privileged: false\n",
    )
    .unwrap();
    let f = load_file(&main, &LoadOptions::default());
    let web = svc(&f, "web");
    assert!(!web.privileged.as_ref().unwrap().value);
    let ro = web.read_only.as_ref().unwrap();
    assert_eq!((ro.file, ro.line), (1, 4));
    assert!(f.path_of(ro.file).ends_with("common.yml"));
}

#[test]
fn env_file_beside_the_compose_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".env"), "TAG=2.1\n").unwrap();
    let main = dir.path().join("compose.yaml");
    std::fs::write(&main, "services:\n  a:\n    image: app:${TAG}\n").unwrap();
    let f = load_file(&main, &LoadOptions::default());
    assert_eq!(svc(&f, "a").image.as_ref().unwrap().value, "app:2.1");
}

#[test]
fn service_env_files_add_what_environment_does_not_set() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("conf")).unwrap();
    std::fs::write(
        dir.path().join("conf/web.env"),
        "A=from-file\nB=from-file\n# comment\nexport C='quoted'\n",
    )
    .unwrap();
    let main = dir.path().join("compose.yaml");
    std::fs::write(
        &main,
        "services:\n  a:\n    image: x\n    env_file:\n      - conf/web.env\n      - path: absent.env\n        required: false\n    environment:\n      A: from-service\n  b:\n    image: x\n    env_file: missing.env\n",
    )
    .unwrap();
    let f = load_file(&main, &LoadOptions::default());
    let env: Vec<(String, Option<String>, String, u32)> = svc(&f, "a")
        .environment
        .iter()
        .map(|e| {
            (
                e.value.name.clone(),
                e.value.value.clone(),
                e.key.clone(),
                e.line,
            )
        })
        .collect();
    let owned =
        |n: &str, v: &str, k: &str, l: u32| (n.to_string(), Some(v.to_string()), k.to_string(), l);
    assert_eq!(
        env,
        [
            owned("A", "from-service", "environment", 9),
            owned("B", "from-file", "env_file conf/web.env", 5),
            owned("C", "quoted", "env_file conf/web.env", 5),
        ]
    );
    // A required file that cannot be read is a problem at its line; an
    // optional one that is absent is not.
    let msgs: Vec<(u32, &str)> = f
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert_eq!(msgs[0].0, 12);
    assert!(
        msgs[0].1.contains("env_file missing.env") && msgs[0].1.contains("not judged"),
        "{msgs:?}"
    );
}

#[test]
fn profiles_are_recorded_and_filter_when_asked() {
    let doc = "services:\n  a:\n    image: a\n  dbg:\n    image: d\n    profiles: [debug]\n";
    let f = read(doc);
    assert_eq!(f.services.len(), 2);
    assert_eq!(svc(&f, "dbg").profiles, ["debug"]);
    let opts = LoadOptions {
        profiles: vec!["prod".into()],
        ..Default::default()
    };
    let f = parse_str("c.yml", doc, &vars(&[]), None, &opts);
    assert_eq!(f.services.len(), 1);
}

#[test]
fn unknown_keys_and_include_are_problems() {
    let f = read("include:\n  - other.yml\nservices:\n  a:\n    image: a\n    privilegd: true\n");
    assert_eq!(f.services.len(), 1);
    let msgs: Vec<String> = f
        .problems
        .iter()
        .map(|p| format!("{}:{}", p.line, p.message))
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("1:") && m.contains("include")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("6:") && m.contains("privilegd")),
        "{msgs:?}"
    );
}

#[test]
fn hostile_input() {
    assert!(read("").error.unwrap().message.contains("empty"));
    assert!(read("just text").error.is_some());
    assert!(read("services: [a, b").error.is_some());
    let e = read("a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nservices: {}\n");
    assert!(e.error.unwrap().message.contains("alias bomb"));
    let deep = format!(
        "services:\n  a: {}1{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(read(&deep).error.unwrap().message.contains("nested deeper"));

    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin.yml");
    std::fs::write(&bin, [0x7fu8, b'E', b'L', b'F', 0, 1, 2, 0xff]).unwrap();
    let f = load_file(&bin, &LoadOptions::default());
    assert!(f.error.unwrap().message.contains("binary"));
    let big = dir.path().join("big.yml");
    std::fs::write(&big, "a: 1\n".repeat(1 << 20)).unwrap();
    let t = std::time::Instant::now();
    let f = load_file(&big, &LoadOptions::default());
    assert!(f.error.unwrap().message.contains("larger than"));
    assert!(t.elapsed().as_secs() < 2);
    let missing = load_file(&dir.path().join("nope.yml"), &LoadOptions::default());
    assert!(missing.error.unwrap().message.contains("cannot read"));
}

#[test]
fn process_env_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("compose.yml");
    std::fs::write(&main, "services:\n  a:\n    image: app:${PATH:-none}\n").unwrap();
    let f = load_file(&main, &LoadOptions::default());
    assert_eq!(svc(&f, "a").image.as_ref().unwrap().value, "app:none");
    let opts = LoadOptions {
        use_process_env: true,
        ..Default::default()
    };
    let f = load_file(&main, &opts);
    assert_ne!(svc(&f, "a").image.as_ref().unwrap().value, "app:none");
    // --env-file replaces the .env beside the file.
    let env = dir.path().join("other.env");
    std::fs::write(&env, "PATH=from-file\n").unwrap();
    let opts = LoadOptions {
        env_file: Some(env),
        ..Default::default()
    };
    let f = load_file(&main, &opts);
    assert_eq!(svc(&f, "a").image.as_ref().unwrap().value, "app:from-file");
}

#[test]
fn non_boolean_privileged_is_judged_unsafe() {
    let f = read(
        "services:\n  a:\n    image: x\n    privileged: ${UNSET}\n    read_only: ${UNSET}\n  b:\n    image: x\n    privileged: \"false\"\n",
    );
    let a = svc(&f, "a");
    assert!(
        a.privileged.as_ref().unwrap().value,
        "unset privileged must count as privileged"
    );
    assert!(
        !a.read_only.as_ref().unwrap().value,
        "unset read_only must count as writable"
    );
    assert!(!svc(&f, "b").privileged.as_ref().unwrap().value);
    // use_api_socket reads the same way: unknown is the unsafe reading.
    let f = read(
        "services:\n  a:\n    image: x\n    use_api_socket: ${UNSET}\n  b:\n    image: x\n    use_api_socket: false\n    device_cgroup_rules:\n      - 'c 1:3 mr'\n",
    );
    assert!(svc(&f, "a").use_api_socket.as_ref().unwrap().value);
    let b = svc(&f, "b");
    assert!(!b.use_api_socket.as_ref().unwrap().value);
    let r = &b.device_cgroup_rules[0];
    assert_eq!((r.value.as_str(), r.line), ("c 1:3 mr", 9));
}

#[test]
fn legacy_v1_format_is_read() {
    let f = read(
        "# a version 1 file\nweb:\n  build: .\n  dockerfile: Dockerfile.web\n  privileged: true\n  net: host\n  ports:\n    - \"5000:5000\"\n  links:\n    - redis\nredis:\n  image: redis\n  net: \"container:web\"\n",
    );
    assert!(f.error.is_none(), "{:?}", f.error);
    assert_eq!(f.services.len(), 2, "{f:?}");
    let web = svc(&f, "web");
    assert_eq!(web.line, 2);
    assert!(web.build);
    let p = web.privileged.as_ref().unwrap();
    assert_eq!((p.value, p.key.as_str(), p.line), (true, "privileged", 5));
    let n = web.network_mode.as_ref().unwrap();
    assert_eq!(
        (n.value.as_str(), n.key.as_str(), n.line),
        ("host", "net", 6)
    );
    assert_eq!(web.ports[0].value.published, "5000");
    let r = svc(&f, "redis");
    assert_eq!(
        r.network_mode.as_ref().unwrap().value,
        "container:web",
        "{f:?}"
    );
    // One problem: the format, at the first key's line; no unknown keys.
    assert_eq!(f.problems.len(), 1, "{:?}", f.problems);
    assert_eq!(f.problems[0].line, 2);
    assert!(f.problems[0].message.contains("legacy compose format"));
}

#[test]
fn legacy_v1_extends_and_what_is_not_legacy() {
    let f = read(
        "base:\n  image: app\n  cap_add: [SYS_ADMIN]\nworker:\n  extends:\n    service: base\n  command: work\n",
    );
    assert!(f.error.is_none());
    assert_eq!(svc(&f, "worker").cap_add[0].value, "SYS_ADMIN");
    // Not a service-shaped top level: still not a compose file.
    for text in [
        "replicaCount: 1\nimage:\n  repository: nginx\n",
        "apiVersion: v1\nkind: Pod\n",
        "web:\n  ports: [80]\n",
    ] {
        let f = read(text);
        assert!(f.error.is_some(), "{text}: {f:?}");
        assert!(f.services.is_empty());
    }
    // `net` in a current file is read too, with a note.
    let f = read("services:\n  a:\n    image: x\n    net: host\n");
    assert_eq!(svc(&f, "a").network_mode.as_ref().unwrap().value, "host");
    assert!(f
        .problems
        .iter()
        .any(|p| p.line == 4 && p.message.contains("legacy spelling")));
}

/// The pairwise merge as first written (clone the base, find each key by
/// a scan): the reference `merge_all` must agree with.
fn merge_pairwise(base: &Node, over: &Node, key: &str) -> Node {
    match (&base.value, &over.value) {
        (Value::Map(b), Value::Map(o)) => {
            let mut out: Vec<(Node, Node)> = b.clone();
            for (k, v) in o {
                let kk = k.as_str().unwrap_or("");
                match out.iter_mut().find(|(bk, _)| bk.as_str() == Some(kk)) {
                    Some(slot) => {
                        let merged = merge_pairwise(&slot.1, v, kk);
                        *slot = (k.clone(), merged);
                    }
                    None => out.push((k.clone(), v.clone())),
                }
            }
            Node {
                value: Value::Map(out),
                ..over.clone()
            }
        }
        (Value::Seq(b), Value::Seq(o)) if APPENDED_KEYS.contains(&key) => {
            let mut out = b.clone();
            out.extend(o.iter().cloned());
            Node {
                value: Value::Seq(out),
                ..over.clone()
            }
        }
        _ => over.clone(),
    }
}

#[test]
fn merging_documents_in_one_pass_agrees_with_merging_them_pairwise() {
    let cases = [
        "services:\n  a:\n    image: x\n---\nservices:\n  a:\n    privileged: true\n  b:\n    image: y\n",
        "services:\n  a:\n    cap_add: [NET_ADMIN]\n    ports: ['1:1']\n---\nservices:\n  a:\n    cap_add: [SYS_ADMIN]\n    ports: ['2:2']\n",
        // A scalar between two mappings replaces the first.
        "x: {a: 1, b: 2}\n---\nx: 3\n---\nx: {c: 4}\n",
        "x: {a: 1}\n---\nx: {a: {b: 1}}\n---\nx: {a: {c: 2}, d: 5}\n",
        // Lists between an appended key's lists, and a scalar breaking them.
        "services:\n  a:\n    cap_add: [A]\n---\nservices:\n  a:\n    cap_add: B\n---\nservices:\n  a:\n    cap_add: [C]\n---\nservices:\n  a:\n    cap_add: [D]\n",
        // Duplicate keys in the first document stay; later ones merge into the first.
        "a: {x: 1}\na: {y: 2}\n---\na: {z: 3}\n",
        "a: 1\n---\nb: 2\n---\na: {k: v}\n---\n{1: one, 2: two}\n",
    ];
    for text in cases {
        let (docs, err) = yaml::parse_all(text);
        assert!(err.is_none(), "{text}");
        let mut pairwise = docs[0].clone();
        for d in &docs[1..] {
            pairwise = merge_pairwise(&pairwise, d, "");
        }
        assert_eq!(merge_all(docs, ""), pairwise, "{text}");
    }
}

#[test]
fn volumes_whose_options_are_elsewhere_are_named() {
    let f = read(
        "services:\n  a:\n    image: a\n    volumes: [ext:/x, legacy:/y, plug:/z, plain:/w, dev:/v]\nvolumes:\n  ext:\n    external: true\n  legacy:\n    external:\n      name: shared\n  plug:\n    driver: rexray/ebs\n  plain: {}\n  dev:\n    driver: local\n    driver_opts: {type: none, o: bind, device: /srv/data}\n",
    );
    let names: Vec<&str> = f.volumes_unknown.keys().map(String::as_str).collect();
    assert_eq!(names, ["ext", "legacy", "plug"]);
    assert!(f.volumes_unknown["plug"].contains("rexray/ebs"));
    assert_eq!(
        f.volume_binds.get("dev").map(String::as_str),
        Some("/srv/data")
    );
}
