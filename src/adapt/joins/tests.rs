//! Resolution of `container:` / `service:` namespace references and of
//! compose `volumes_from`: engine lookup (id, name, prefix), chains,
//! cycles, the bound, and targets that are not in the audit.

use super::*;
use crate::facts::{Facts, Source};
use crate::subject::{ContainerSpec, Namespace};

fn engine(list: serde_json::Value) -> Vec<Container> {
    serde_json::from_value(list).unwrap()
}

fn compose(text: &str) -> ComposeFile {
    crate::compose::parse_str(
        "c.yml",
        text,
        &Default::default(),
        None,
        &crate::compose::LoadOptions::default(),
    )
}

fn facts(containers: Vec<Container>, files: Vec<ComposeFile>) -> Facts {
    let mut f = Facts::new();
    f.containers = Source::Present(containers);
    f.compose = Source::Present(files);
    f
}

fn spec<'a>(specs: &'a [ContainerSpec<'a>], name: &str) -> &'a ContainerSpec<'a> {
    specs
        .iter()
        .find(|s| s.subject.name == name || s.subject.name.ends_with(&format!(":{name}")))
        .unwrap_or_else(|| panic!("no spec {name}"))
}

fn ids(prefix: &str) -> String {
    format!("{prefix}{}", "0".repeat(64 - prefix.len()))
}

#[test]
fn engine_lookup_by_id_name_and_unique_prefix() {
    let cs = engine(serde_json::json!([
        {"Id": ids("aa11"), "Name": "/db"},
        {"Id": ids("aa22"), "Name": "/cache"},
        {"Id": ids("bb33"), "Name": "/aa11"},
    ]));
    let ix = EngineIndex::new(&cs);
    // The full id first, then the name (with or without the slash), then
    // a prefix that only one id has.
    assert_eq!(ix.find(&ids("aa11")), Ok(0));
    assert_eq!(ix.find("db"), Ok(0));
    assert_eq!(ix.find("/cache"), Ok(1));
    assert_eq!(ix.find("aa11"), Ok(2), "a name wins over an id prefix");
    assert_eq!(ix.find("aa2"), Ok(1));
    assert_eq!(ix.find("bb"), Ok(2));
    assert!(ix.find("aa").unwrap_err().contains("ambiguous"));
    assert!(ix.find("cc").unwrap_err().contains("not among"));
    assert!(ix.find("").is_err());
}

#[test]
fn engine_chain_to_the_host_is_followed() {
    let cs = engine(serde_json::json!([
        {"Id": ids("a1"), "Name": "/app", "HostConfig": {"PidMode": "container:b2", "NetworkMode": "container:proxy"}},
        {"Id": ids("b2"), "Name": "/sidecar", "HostConfig": {"PidMode": "container:/root", "NetworkMode": "bridge"}},
        {"Id": ids("c3"), "Name": "/root", "HostConfig": {"PidMode": "host"}},
        {"Id": ids("d4"), "Name": "/proxy", "HostConfig": {"NetworkMode": "default"}},
    ]));
    let ix = EngineIndex::new(&cs);
    let refs = Refs {
        engine: &ix,
        file: None,
    };
    let j = refs.follow(Node::Engine(0), Namespace::Pid).unwrap();
    assert!(j.ends_in_host(), "{j:?}");
    assert_eq!(
        j.targets(),
        "container \"sidecar\", then container \"root\""
    );
    assert_eq!(
        j.render(),
        ", whose HostConfig.PidMode is \"container:/root\", whose HostConfig.PidMode is \"host\""
    );
    // Joining a container with its own namespace is not the host's.
    let n = refs.follow(Node::Engine(0), Namespace::Network).unwrap();
    assert_eq!(n.end, JoinEnd::Mode("default".to_string()));
    assert!(!n.ends_in_host());
    // A mode that joins nothing is not followed.
    assert!(refs.follow(Node::Engine(2), Namespace::Pid).is_none());
    assert!(refs.follow(Node::Engine(1), Namespace::Network).is_none());
    let joins = refs.joins(Node::Engine(0));
    assert_eq!(
        joins.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        vec![Namespace::Network, Namespace::Pid]
    );
}

#[test]
fn engine_cycles_missing_targets_and_long_chains_are_unknown() {
    let cs = engine(serde_json::json!([
        {"Id": ids("a1"), "Name": "/a", "HostConfig": {"IpcMode": "container:b", "PidMode": "container:gone"}},
        {"Id": ids("b2"), "Name": "/b", "HostConfig": {"IpcMode": "container:a"}},
    ]));
    let ix = EngineIndex::new(&cs);
    let refs = Refs {
        engine: &ix,
        file: None,
    };
    let c = refs.follow(Node::Engine(0), Namespace::Ipc).unwrap();
    assert!(
        matches!(&c.end, JoinEnd::Unknown(w) if w.contains("cycle back to container \"a\"")),
        "{c:?}"
    );
    let g = refs.follow(Node::Engine(0), Namespace::Pid).unwrap();
    assert!(g.hops.is_empty());
    assert!(matches!(&g.end, JoinEnd::Unknown(w) if w.contains("\"gone\" is not among")));

    // A chain of 12 containers, each joining the next, the last on the
    // host: not followed past the bound, so unknown (never a pass).
    let chain: Vec<serde_json::Value> = (0..12)
        .map(|i| {
            let mode = if i == 11 {
                "host".to_string()
            } else {
                format!("container:n{}", i + 1)
            };
            serde_json::json!({"Id": ids(&format!("{:02}", i)), "Name": format!("/n{i}"), "HostConfig": {"PidMode": mode}})
        })
        .collect();
    let cs = engine(serde_json::Value::Array(chain));
    let ix = EngineIndex::new(&cs);
    let refs = Refs {
        engine: &ix,
        file: None,
    };
    let l = refs.follow(Node::Engine(0), Namespace::Pid).unwrap();
    assert_eq!(l.hops.len(), MAX_HOPS);
    assert!(matches!(&l.end, JoinEnd::Unknown(w) if w.contains("longer than 10")));
    // From the third one on, the host is within reach.
    assert!(refs
        .follow(Node::Engine(2), Namespace::Pid)
        .unwrap()
        .ends_in_host());
}

#[test]
fn service_prefix_is_compose_only() {
    assert_eq!(
        Ref::of_mode("service:db", true),
        Some(Ref::Service("db".into()))
    );
    assert_eq!(Ref::of_mode("service:db", false), None);
    assert_eq!(
        Ref::of_mode(" container:x ", false),
        Some(Ref::Container("x".into()))
    );
    assert_eq!(Ref::of_mode("host", true), None);
}

#[test]
fn compose_references_resolve_in_the_file_then_among_engine_containers() {
    let f = compose(
        "services:
  web:
    image: a
    pid: service:mid
    network_mode: container:legacy
    ipc: container:engine-db
  mid:
    image: a
    pid: container:the-root
  root:
    image: a
    container_name: the-root
    pid: host
  lost:
    image: a
    pid: service:nope
    network_mode: container:nowhere
  loop1:
    image: a
    ipc: service:loop2
  loop2:
    image: a
    ipc: \"service:loop1\"
",
    );
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    let cs = engine(serde_json::json!([
        {"Id": ids("e1"), "Name": "/engine-db", "HostConfig": {"IpcMode": "host"}},
    ]));
    let fx = facts(cs, vec![f]);
    let specs: Vec<_> = crate::adapt::container_specs(&fx).collect();
    let web = spec(&specs, "web");
    let pid = web.joined(Namespace::Pid).unwrap();
    assert!(pid.ends_in_host());
    assert_eq!(pid.targets(), "service \"mid\", then service \"root\"");
    assert_eq!(
        pid.render(),
        ", whose pid is \"container:the-root\", whose pid is \"host\""
    );
    // container: names an engine container when no service has it.
    let ipc = web.joined(Namespace::Ipc).unwrap();
    assert!(ipc.ends_in_host(), "{ipc:?}");
    assert_eq!(ipc.targets(), "container \"engine-db\"");
    let net = web.joined(Namespace::Network).unwrap();
    assert!(
        matches!(&net.end, JoinEnd::Unknown(w) if w.contains("\"legacy\" is neither a service's container_name")),
        "{net:?}"
    );
    let lost = spec(&specs, "lost");
    assert!(matches!(&lost.joined(Namespace::Pid).unwrap().end,
        JoinEnd::Unknown(w) if w.contains("service \"nope\" is not defined in c.yml")));
    let l1 = spec(&specs, "loop1").joined(Namespace::Ipc).unwrap();
    assert!(
        matches!(&l1.end, JoinEnd::Unknown(w) if w.contains("cycle back to service \"loop1\""))
    );
    // The engine container itself has no join.
    assert!(spec(&specs, "engine-db").joins.is_empty());
}

#[test]
fn volumes_from_inherits_mounts_read_only_chains_and_unknowns() {
    let f = compose(
        "services:
  web:
    image: a
    volumes_from:
      - sock:ro
      - container:legacy
      - container:engine-box
  sock:
    image: a
    volumes: [\"/var/run/docker.sock:/var/run/docker.sock\"]
    volumes_from: [\"service:base:rw\"]
  base:
    image: a
    container_name: base-box
    volumes: [\"/:/host\"]
    use_api_socket: true
  a:
    image: a
    volumes_from: [b]
    volumes: [\"/etc:/e:ro\"]
  b:
    image: a
    volumes_from: [\"container:a-box\"]
  a2:
    image: a
    container_name: a-box
    volumes_from: [a]
",
    );
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    assert_eq!(
        f.services[0].volumes_from[0].value,
        crate::facts::compose::VolumesFrom {
            name: "sock".into(),
            container: false,
            read_only: true,
            written: "sock:ro".into(),
        }
    );
    let cs = engine(serde_json::json!([
        {"Id": ids("e1"), "Name": "/engine-box",
         "Mounts": [{"Type": "bind", "Source": "/etc", "Destination": "/etc", "RW": true}]},
    ]));
    let fx = facts(cs, vec![f]);
    let specs: Vec<_> = crate::adapt::container_specs(&fx).collect();
    let web = spec(&specs, "web");
    let got: Vec<(String, bool, String, u32)> = web
        .mounts
        .items
        .iter()
        .map(|m| {
            (
                m.value.source.clone(),
                m.value.read_only,
                m.value.inherited.clone().unwrap_or_default(),
                m.from.location().unwrap().line.unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // `:ro` makes every mount read-only, down the chain.
            (
                "/var/run/docker.sock".into(),
                true,
                "service \"sock\"".into(),
                5
            ),
            (
                "/".into(),
                true,
                "service \"base\", through service \"sock\"".into(),
                5
            ),
            (
                "/var/run/docker.sock".into(),
                true,
                "service \"base\", through service \"sock\"".into(),
                5
            ),
            // An engine container's own Mounts.
            ("/etc".into(), false, "container \"engine-box\"".into(), 7),
        ]
    );
    assert!(web
        .mounts
        .items
        .iter()
        .all(|m| m.value.field == "volumes_from"));
    assert_eq!(web.mounts_unknown.items.len(), 1);
    let u = &web.mounts_unknown.items[0];
    assert!(
        u.value.starts_with("volumes_from \"container:legacy\": container \"legacy\" is neither a service's container_name"),
        "{}",
        u.value
    );
    assert_eq!(u.from.location().unwrap().line, Some(6));
    // `rw` keeps each mount's own access.
    let sock = spec(&specs, "sock");
    assert!(sock.mounts.items.iter().all(|m| !m.value.read_only));
    assert_eq!(sock.mounts.items.len(), 3);
    // a -> b -> a-box (a2) -> a: a cycle; what is known is still inherited.
    let a = spec(&specs, "a");
    assert!(a.mounts_unknown.items[0]
        .value
        .contains("cycle back to service \"a\""));
    let b = spec(&specs, "b");
    assert!(b
        .mounts
        .items
        .iter()
        .any(|m| m.value.source == "/etc" && m.value.inherited.is_some()));
}

#[test]
fn volumes_from_entries_are_parsed_with_their_modes() {
    let f = compose(
        "services:
  web:
    image: a
    volumes_from:
      - db
      - \"db:rw\"
      - container:x:ro
      - service:y
      - \"z:rx\"
      - \"container:\"
    container_name: web-1
",
    );
    let s = &f.services[0];
    let got: Vec<(String, bool, bool)> = s
        .volumes_from
        .iter()
        .map(|v| (v.value.name.clone(), v.value.container, v.value.read_only))
        .collect();
    assert_eq!(
        got,
        vec![
            ("db".into(), false, false),
            ("db".into(), false, false),
            ("x".into(), true, true),
            ("y".into(), false, false),
            ("z".into(), false, false),
        ]
    );
    assert_eq!(s.container_name.as_ref().unwrap().value, "web-1");
    assert_eq!(f.problems.len(), 2, "{:?}", f.problems);
    assert!(f.problems[0].message.contains("other than ro or rw"));
    assert!(f.problems[1].message.contains("names no service"));
}

#[test]
fn volumes_from_inherits_each_container_once_and_is_bounded_in_breadth() {
    // A diamond: d inherits a's mounts through b and through c, once.
    let f = compose(
        "services:
  a: {image: a, volumes: [\"/:/host\"]}
  b: {image: a, volumes_from: [a]}
  c: {image: a, volumes_from: [a]}
  d: {image: a, volumes_from: [b, c]}
",
    );
    let fx = facts(vec![], vec![f]);
    let specs: Vec<_> = crate::adapt::container_specs(&fx).collect();
    let d = spec(&specs, "d");
    assert_eq!(d.mounts.items.len(), 1, "{:?}", d.mounts.items);
    assert!(d.mounts_unknown.is_empty());

    // One service inheriting from 70: the first 64 are followed, the rest
    // are unknown (a low finding), never dropped.
    let mut text = String::from("services:\n  wide:\n    image: a\n    volumes_from:\n");
    for i in 0..70 {
        text.push_str(&format!("      - s{i}\n"));
    }
    for i in 0..70 {
        text.push_str(&format!(
            "  s{i}: {{image: a, volumes: [\"/srv/{i}:/d{i}\"]}}\n"
        ));
    }
    let fx = facts(vec![], vec![compose(&text)]);
    let specs: Vec<_> = crate::adapt::container_specs(&fx).collect();
    let wide = spec(&specs, "wide");
    assert_eq!(wide.mounts.items.len(), 64);
    assert_eq!(wide.mounts_unknown.items.len(), 6);
    assert!(wide.mounts_unknown.items[0].value.contains("more than 64"));
}
