//! The host and daemon collectors over a fake host root built in a tempdir:
//! a dockerd process in <root>/proc, a daemon.json with a syntax error,
//! engine files with modes, audit rules, groups, a socket, links that must
//! resolve inside the root. Then the checks over what was collected.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use dockaudit::checks::{self, AuditConfig, Ctx, Outcome};
use dockaudit::collect::{daemon, host, CollectOptions};
use dockaudit::facts::{Facts, Source};

fn write(root: &Path, path: &str, text: &str, mode: u32) {
    let p = root.join(path.trim_start_matches('/'));
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, text).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
}

fn fake_host(root: &Path) {
    let args = [
        "/usr/bin/dockerd",
        "-H",
        "fd://",
        "-H",
        "tcp://0.0.0.0:2375",
        "--iptables=false",
        "--icc=false",
    ];
    write(root, "/proc/4242/cmdline", &(args.join("\0") + "\0"), 0o444);
    write(
        root,
        "/proc/4242/status",
        "Name:\tdockerd\nUid:\t0\t0\t0\t0\n",
        0o444,
    );
    // Another process that is not dockerd.
    write(root, "/proc/77/cmdline", "/usr/sbin/sshd\0-D\0", 0o444);
    write(
        root,
        "/proc/sys/kernel/osrelease",
        "4.19.0-26-amd64\n",
        0o444,
    );
    write(
        root,
        "/proc/version",
        "Linux version 4.19.0-26-amd64\n",
        0o444,
    );
    write(root, "/proc/sys/kernel/kptr_restrict", "0\n", 0o444);
    write(
        root,
        "/proc/1/mounts",
        "/dev/sda1 / ext4 rw 0 0\nproc /proc proc rw 0 0\n",
        0o444,
    );
    write(
        root,
        "/proc/1/net/tcp",
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:08FF 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 999 1\n",
        0o444,
    );
    write(
        root,
        "/etc/docker/daemon.json",
        "{\n  \"live-restore\": true,\n  \"icc\": true,\n}\n",
        0o666,
    );
    fs::set_permissions(root.join("etc/docker"), fs::Permissions::from_mode(0o755)).unwrap();
    write(
        root,
        "/lib/systemd/system/docker.service",
        "[Service]\nExecStart=/usr/bin/dockerd -H fd:// \\\n  --containerd=/run/containerd/containerd.sock\nEnvironment=DOCKER_CONTENT_TRUST=0\n",
        0o664,
    );
    write(
        root,
        "/lib/systemd/system/docker.socket",
        "[Socket]\nListenStream=/run/docker.sock\n",
        0o644,
    );
    write(
        root,
        "/etc/default/docker",
        "# opts\nDOCKER_OPTS=\"--dns 8.8.8.8\"\n",
        0o644,
    );
    write(
        root,
        "/etc/audit/rules.d/docker.rules",
        "-w /usr/bin/dockerd -k docker\n-w /etc/docker -p wa -k docker\n",
        0o640,
    );
    write(root, "/usr/bin/dockerd", "", 0o755);
    write(
        root,
        "/etc/group",
        "root:x:0:\ndocker:x:999:alice,bob\n",
        0o644,
    );
    write(
        root,
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n",
        0o644,
    );
    write(root, "/etc/environment", "PATH=/usr/bin\n", 0o644);
    write(
        root,
        "/etc/profile.d/trust.sh",
        "export DOCKER_CONTENT_TRUST=1\n",
        0o644,
    );
    write(
        root,
        "/root/.docker/trust/private/0f1e.key",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nrole: root\n\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n",
        0o600,
    );
    write(
        root,
        "/var/lib/dpkg/status",
        "Package: gcc-12\nStatus: install ok installed\nVersion: 12.2.0\n\nPackage: libc6\nStatus: install ok installed\nVersion: 2.36\n",
        0o644,
    );
    write(
        root,
        "/etc/rsyslog.conf",
        "*.* @@logs.internal:514\n",
        0o644,
    );
    // /var/run -> /run as an absolute link: must resolve inside the root.
    fs::create_dir_all(root.join("run")).unwrap();
    fs::create_dir_all(root.join("var")).unwrap();
    std::os::unix::fs::symlink("/run", root.join("var/run")).unwrap();
    let sock = root.join("run/docker.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    fs::set_permissions(&sock, fs::Permissions::from_mode(0o666)).unwrap();
    std::mem::forget(_listener);
}

fn collect(root: &Path, endpoint: &str, explicit: bool) -> Facts {
    let opts = CollectOptions {
        host_root: root.to_path_buf(),
        host_root_explicit: explicit,
        ..CollectOptions::default()
    };
    let mut facts = Facts::new();
    facts.collector.endpoint = endpoint.to_string();
    daemon::collect(&opts, &mut facts);
    host::collect(&opts, &mut facts);
    facts
}

fn run(facts: &Facts, id: &str) -> Outcome {
    let cfg = AuditConfig::default();
    checks::run(checks::find(id).unwrap(), &Ctx::new(facts, &cfg))
}

/// The facts of a host root whose engine is on the local socket.
fn collect_local(root: &Path) -> Facts {
    collect(root, "unix:///run/docker.sock", true)
}

/// `id` is skipped, and its reason names `what`.
fn assert_skipped_naming(facts: &Facts, id: &str, what: &str) {
    match run(facts, id) {
        Outcome::Skipped(r) => assert!(r.contains(what), "{id}: {r}"),
        other => panic!("{id}: {other:?}"),
    }
}

#[test]
fn collects_a_fake_host_root() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fake_host(root);
    let facts = collect(root, "unix:///var/run/docker.sock", true);

    let d = facts.daemon.get().expect("daemon facts");
    let p = d.process.get().expect("dockerd found");
    assert_eq!(p.pid, 4242);
    assert_eq!(p.uid, Some(0));
    assert!(
        p.selected_by.contains("matches the engine endpoint"),
        "{}",
        p.selected_by
    );
    let cf = d.config_file.get().unwrap();
    assert!(cf.exists);
    let e = cf.parse_error.as_ref().expect("syntax error kept");
    assert_eq!(e.line, 4);
    assert!(d
        .units
        .get()
        .unwrap()
        .iter()
        .any(|u| u.exec_start.iter().any(|e| e.contains("--containerd"))));

    let h = facts.host.get().expect("host facts");
    assert_eq!(h.kernel.get().unwrap().release, "4.19.0-26-amd64");
    assert_eq!(h.sysctl("kernel.kptr_restrict"), Some("0"));
    assert!(h.sysctls["kernel.dmesg_restrict"]
        .reason()
        .unwrap()
        .contains("absent"));
    let sock = h
        .files
        .iter()
        .find(|f| f.role == "docker-sock" && f.path == "/run/docker.sock")
        .expect("socket stat'ed");
    assert_eq!(sock.kind, "socket");
    assert_eq!(sock.mode, Some(0o666));
    let dj = h.files.iter().find(|f| f.role == "daemon.json").unwrap();
    assert_eq!(dj.mode, Some(0o666));
    let listeners = h.listeners.get().unwrap();
    assert_eq!(listeners[0].port, 2303);
    assert_eq!(h.group("docker").unwrap().members, vec!["alice", "bob"]);
    assert_eq!(h.audit_rules.get().unwrap().len(), 2);
    let ct = h.content_trust.get().unwrap();
    assert!(ct
        .iter()
        .any(|s| s.value == "1" && s.system_wide && s.location == "/etc/profile.d/trust.sh:1"));
    assert!(ct
        .iter()
        .any(|s| s.value == "0" && s.location.contains("docker.service")));
    let keys = &h.trust_keys.get().unwrap().keys;
    assert_eq!(keys[0].role, "root");
    assert_eq!(
        h.packages.get().unwrap().installed.as_ref().unwrap().len(),
        2
    );
    assert_eq!(h.logging.get().unwrap().forwarding.len(), 1);

    // The checks over these facts.
    let fails = |id: &str| matches!(run(&facts, id), Outcome::Fail { .. });
    assert!(fails("HOST-011"), "malformed daemon.json");
    match run(&facts, "HOST-011") {
        Outcome::Fail { findings, .. } => {
            assert!(
                findings[0].message.contains("line 4"),
                "{}",
                findings[0].message
            );
            assert_eq!(
                findings[0].evidence.location.as_ref().unwrap().line,
                Some(4)
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(fails("HOST-027"), "daemon.json 0666");
    assert!(fails("HOST-020"), "docker.service 0664");
    assert!(fails("USER-003"), "socket 0666");
    // A TCP listener, but tlsverify could be in the broken daemon.json.
    assert_skipped_naming(&facts, "USER-004", "tcp://0.0.0.0:2375");
    assert!(fails("RES-201"), "iptables=false on the command line");
    assert!(fails("HOST-003"), "kernel 4.19");
    assert!(fails("HOST-008"), "gcc installed");
    assert!(fails("PROV-001"), "DOCKER_CONTENT_TRUST=0 in the unit");
    assert!(fails("PROV-002"), "root key on disk");
    // icc=false on the command line stands although daemon.json is broken;
    // with --iptables=false nothing enforces it.
    match run(&facts, "RES-200") {
        Outcome::Fail { findings, .. } => {
            assert!(findings[0].message.contains("icc is false"), "{findings:?}");
            assert!(
                findings[0].message.contains("--iptables=false"),
                "{findings:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // Settings neither flag sets are unknown: daemon.json did not parse.
    assert!(matches!(run(&facts, "RES-207"), Outcome::Skipped(_)));
    assert!(matches!(run(&facts, "MON-003"), Outcome::Skipped(_)));
    assert!(matches!(run(&facts, "MON-001"), Outcome::Pass { .. }));
    // dockerd and /etc/docker are watched; the unit file is not.
    assert!(matches!(run(&facts, "HOST-040"), Outcome::Pass { .. }));
    assert!(matches!(run(&facts, "HOST-043"), Outcome::Pass { .. }));
    match run(&facts, "HOST-044") {
        Outcome::Fail { findings, .. } => {
            assert_eq!(
                findings[0].subject.name,
                "/lib/systemd/system/docker.service"
            )
        }
        other => panic!("{other:?}"),
    }
    // /etc/sysconfig/docker does not exist here: CIS 1.1.13 not applicable.
    assert!(matches!(run(&facts, "HOST-050"), Outcome::NotApplicable(_)));
}

#[test]
fn remote_engine_without_host_root_reads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fake_host(dir.path());
    let facts = collect(dir.path(), "tcp://10.1.2.3:2376", false);
    let reason = facts.daemon.reason().unwrap();
    assert!(reason.contains("engine is remote"), "{reason}");
    assert!(facts.host.reason().unwrap().contains("--host-root"));
    assert!(matches!(run(&facts, "RES-201"), Outcome::Skipped(_)));
    // With --host-root given explicitly the files are read.
    let facts = collect(dir.path(), "tcp://10.1.2.3:2376", true);
    assert!(facts.daemon.is_present() && facts.host.is_present());
}

#[test]
fn absent_daemon_json_is_known_absent_and_missing_process_is_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("proc")).unwrap();
    write(root, "/etc/group", "root:x:0:\n", 0o644);
    let facts = collect_local(root);
    let d = facts.daemon.get().unwrap();
    assert!(d.process.reason().unwrap().contains("no dockerd process"));
    assert_eq!(d.config_file.get().map(|c| c.exists), Some(false));
    // The file is absent but the command line is unknown: no default claimed.
    assert!(matches!(run(&facts, "RES-201"), Outcome::Skipped(_)));
    assert!(matches!(run(&facts, "HOST-011"), Outcome::NotApplicable(_)));
    // Engine files that do not exist are not applicable, naming the path.
    match run(&facts, "HOST-029") {
        Outcome::NotApplicable(r) => assert!(r.contains("/etc/sysconfig/docker"), "{r}"),
        other => panic!("{other:?}"),
    }
    let h = facts.host.get().unwrap();
    assert!(matches!(h.kernel, Source::Unavailable(_)));
}

#[test]
fn ownership_is_judged_through_the_hosts_group_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("proc")).unwrap();
    write(root, "/etc/group", "root:x:0:\ndocker:x:4711:\n", 0o644);
    write(root, "/etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0o644);
    write(root, "/etc/default/docker", "DOCKER_OPTS=\n", 0o644);
    fs::create_dir_all(root.join("run")).unwrap();
    let sock = root.join("run/docker.sock");
    let l = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    fs::set_permissions(&sock, fs::Permissions::from_mode(0o660)).unwrap();
    // Changing owners needs root: without it the test has nothing to prove.
    if std::os::unix::fs::chown(root.join("etc/default/docker"), Some(1000), Some(1000)).is_err()
        || std::os::unix::fs::chown(&sock, Some(0), Some(4711)).is_err()
    {
        eprintln!("not root: ownership test skipped");
        return;
    }
    let facts = collect_local(root);
    match run(&facts, "HOST-028") {
        Outcome::Fail { findings, .. } => {
            assert_eq!(findings.len(), 1);
            assert!(
                findings[0].message.contains("uid 1000"),
                "{}",
                findings[0].message
            );
        }
        other => panic!("{other:?}"),
    }
    // root:docker with docker's gid from this root's /etc/group, mode 0660.
    assert!(matches!(run(&facts, "USER-003"), Outcome::Pass { .. }));
    drop(l);
}

#[test]
fn rootless_daemon_is_found_and_judged_as_rootless() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "/proc/900/cmdline", "dockerd\0", 0o444);
    write(
        root,
        "/proc/900/status",
        "Uid:\t1000\t1000\t1000\t1000\n",
        0o444,
    );
    // A system dockerd too: the rootless one must be picked by its socket.
    write(
        root,
        "/proc/800/cmdline",
        "/usr/bin/dockerd\0-H\0fd://\0",
        0o444,
    );
    write(root, "/proc/800/status", "Uid:\t0\t0\t0\t0\n", 0o444);
    write(
        root,
        "/etc/passwd",
        "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n",
        0o644,
    );
    write(root, "/etc/group", "root:x:0:\nalice:x:1000:\n", 0o644);
    write(
        root,
        "/home/alice/.config/docker/daemon.json",
        "{\"icc\": false}\n",
        0o644,
    );
    let opts = CollectOptions {
        host_root: root.to_path_buf(),
        host_root_explicit: true,
        ..CollectOptions::default()
    };
    let mut facts = Facts::new();
    facts.collector.endpoint = "unix:///run/user/1000/docker.sock".into();
    let mut engine = dockaudit::facts::EngineFacts::default();
    engine.info.security_options = vec![
        "name=seccomp,profile=default".into(),
        "name=rootless".into(),
    ];
    facts.engine = Source::Present(engine);
    daemon::collect(&opts, &mut facts);
    host::collect(&opts, &mut facts);
    let d = facts.daemon.get().unwrap();
    assert_eq!(d.process.get().unwrap().pid, 900);
    assert_eq!(
        d.config_file.get().unwrap().path,
        "/home/alice/.config/docker/daemon.json"
    );
    assert!(matches!(run(&facts, "RES-200"), Outcome::Pass { .. }));
    assert!(matches!(run(&facts, "USER-001"), Outcome::Pass { .. }));
    assert!(matches!(run(&facts, "USER-002"), Outcome::Pass { .. }));
    // System paths absent for a rootless install are not applicable.
    match run(&facts, "HOST-020") {
        Outcome::NotApplicable(r) => assert!(r.contains("rootless"), "{r}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn audit_targets_are_recorded_by_neutral_key_and_judged_by_the_checks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fake_host(root);
    let facts = collect(root, "unix:///var/run/docker.sock", true);
    let h = facts.host.get().unwrap();
    let targets: Vec<_> = h
        .files
        .iter()
        .filter(|f| f.role == "audit-target")
        .collect();
    assert!(!targets.is_empty());
    // The collector records what the path is, never a CIS control.
    assert!(h.files.iter().all(|f| !f.role.starts_with("audit:")));
    let runc = targets
        .iter()
        .find(|f| f.target.as_deref() == Some("/usr/bin/runc"))
        .expect("runc is an audit target");
    assert_eq!(runc.path, "/usr/bin/runc");
    let json = serde_json::to_value(runc).unwrap();
    assert_eq!(json["target"], "/usr/bin/runc");
}

#[test]
fn log_configuration_that_cannot_be_read_is_unknown_not_absent() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("proc")).unwrap();
    write(root, "/etc/group", "root:x:0:\n", 0o644);
    write(
        root,
        "/etc/systemd/journald.conf",
        "[Journal]\nStorage=persistent\n",
        0o644,
    );
    let facts = collect_local(root);
    let lg = facts.host.get().unwrap().logging.get().unwrap();
    assert!(lg.unread.is_empty(), "{:?}", lg.unread);
    assert_eq!(lg.files_read, ["/etc/systemd/journald.conf"]);
    // Nothing forwards, and everything there was could be read: a finding.
    assert!(matches!(run(&facts, "MON-001"), Outcome::Fail { .. }));

    // An rsyslog.conf that is not a readable file (here a folder) may hold
    // the forwarding rule: the verdict is unknown, with the file named.
    fs::create_dir_all(root.join("etc/rsyslog.conf")).unwrap();
    let facts = collect_local(root);
    let lg = facts.host.get().unwrap().logging.get().unwrap();
    assert_eq!(lg.unread.len(), 1, "{:?}", lg.unread);
    assert!(
        lg.unread[0].contains("/etc/rsyslog.conf"),
        "{:?}",
        lg.unread
    );
    assert_skipped_naming(&facts, "MON-001", "/etc/rsyslog.conf");

    // A forwarding rule in a file that was read is enough to pass.
    write(
        root,
        "/etc/rsyslog.d/90-remote.conf",
        "*.* @@logs.example:514\n",
        0o644,
    );
    let facts = collect_local(root);
    assert!(matches!(run(&facts, "MON-001"), Outcome::Pass { .. }));
}

#[test]
fn socket_activated_daemon_with_an_unreadable_socket_unit_is_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let args = [
        "/usr/bin/dockerd",
        "-H",
        "fd://",
        "--containerd=/run/containerd/containerd.sock",
    ];
    write(root, "/proc/4242/cmdline", &(args.join("\0") + "\0"), 0o444);
    write(
        root,
        "/proc/4242/status",
        "Name:\tdockerd\nUid:\t0\t0\t0\t0\n",
        0o444,
    );
    write(root, "/etc/group", "root:x:0:\n", 0o644);
    write(
        root,
        "/lib/systemd/system/docker.socket",
        "[Socket]\nListenStream=/run/docker.sock\n",
        0o644,
    );
    let facts = collect_local(root);
    assert!(facts.daemon.get().unwrap().units_unread.is_empty());
    assert!(matches!(run(&facts, "USER-004"), Outcome::Pass { .. }));

    // A drop-in that cannot be read (here a folder in its place) may add
    // ListenStream=0.0.0.0:2375: no pass, and the file is named.
    fs::create_dir_all(root.join("etc/systemd/system/docker.socket.d/tcp.conf")).unwrap();
    let facts = collect_local(root);
    let d = facts.daemon.get().unwrap();
    assert_eq!(d.units_unread.len(), 1, "{:?}", d.units_unread);
    assert_skipped_naming(&facts, "USER-004", "docker.socket.d/tcp.conf");
    // The secrets check over the daemon's configuration does not pass
    // over a unit it could not read either.
    assert_skipped_naming(&facts, "SECRET-001", "docker.socket.d/tcp.conf");

    // When the drop-in reads, its TCP listener is judged.
    fs::remove_dir(root.join("etc/systemd/system/docker.socket.d/tcp.conf")).unwrap();
    write(
        root,
        "/etc/systemd/system/docker.socket.d/tcp.conf",
        "[Socket]\nListenStream=0.0.0.0:2375\n",
        0o644,
    );
    let facts = collect_local(root);
    assert!(matches!(run(&facts, "USER-004"), Outcome::Fail { .. }));
}

#[test]
fn unit_drop_ins_are_judged_as_their_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fake_host(root);
    let unit = "[Service]\nExecStart=/usr/bin/dockerd -H fd://\n";
    write(root, "/lib/systemd/system/docker.service", unit, 0o644);
    let facts = collect_local(root);
    let drop_in_findings = |facts: &Facts| match run(facts, "HOST-020") {
        Outcome::Fail { findings, .. } => findings
            .iter()
            .filter(|f| f.message.contains("docker.service.d/"))
            .count(),
        _ => 0,
    };
    assert_eq!(drop_in_findings(&facts), 0, "no drop-in yet");
    // A drop-in anyone may write changes how the engine starts.
    write(
        root,
        "/etc/systemd/system/docker.service.d/override.conf",
        "[Service]\nEnvironment=X=1\n",
        0o666,
    );
    write(
        root,
        "/etc/systemd/system/docker.service.d/notes.txt",
        "x",
        0o666,
    );
    let facts = collect_local(root);
    let host = facts.host.get().unwrap();
    let roles: Vec<&str> = host
        .files_with_role("docker.service")
        .into_iter()
        .map(|f| f.path.as_str())
        .collect();
    assert!(
        roles.contains(&"/etc/systemd/system/docker.service.d/override.conf"),
        "{roles:?}"
    );
    assert!(!roles.iter().any(|p| p.ends_with("notes.txt")), "{roles:?}");
    assert!(drop_in_findings(&facts) >= 1);

    // The folder and type-level drop-ins (service.d) count; a drop-in
    // masked by a link to /dev/null does not; a 0755 folder is fine.
    let d = root.join("etc/systemd/system/docker.service.d");
    fs::set_permissions(
        root.join(&d).join("override.conf"),
        fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink("/dev/null", d.join("masked.conf")).unwrap();
    let facts = collect_local(root);
    assert_eq!(
        drop_in_findings(&facts),
        0,
        "0755 folder, 0644 drop-in, masked link"
    );
    let paths = |facts: &Facts| -> Vec<String> {
        facts
            .host
            .get()
            .unwrap()
            .files_with_role("docker.service")
            .into_iter()
            .map(|f| f.path.clone())
            .collect()
    };
    assert!(!paths(&facts).iter().any(|p| p.ends_with("masked.conf")));
    // A masked unit (linked to /dev/null) is not judged as /dev/null.
    std::os::unix::fs::symlink("/dev/null", root.join("etc/systemd/system/docker.socket")).unwrap();
    let facts = collect_local(root);
    let sockets: Vec<String> = facts
        .host
        .get()
        .unwrap()
        .files_with_role("docker.socket")
        .into_iter()
        .map(|f| f.path.clone())
        .collect();
    assert!(
        !sockets.contains(&"/etc/systemd/system/docker.socket".to_string()),
        "{sockets:?}"
    );
    assert!(
        sockets.contains(&"/lib/systemd/system/docker.socket".to_string()),
        "{sockets:?}"
    );
    fs::set_permissions(&d, fs::Permissions::from_mode(0o777)).unwrap();
    write(
        root,
        "/usr/local/lib/systemd/system/service.d/10-all.conf",
        "[Service]\nEnvironment=Y=1\n",
        0o666,
    );
    let facts = collect_local(root);
    let p = paths(&facts);
    assert!(
        p.contains(&"/usr/local/lib/systemd/system/service.d/10-all.conf".to_string()),
        "{p:?}"
    );
    match run(&facts, "HOST-020") {
        Outcome::Fail { findings, .. } => {
            let said: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
            assert!(
                said.iter()
                    .any(|m| m.contains("docker.service.d has mode 0777")),
                "{said:?}"
            );
            assert!(
                said.iter()
                    .any(|m| m.contains("service.d/10-all.conf has mode 0666")),
                "{said:?}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn other_socket_units_env_files_and_profile_scripts_are_read_as_the_shell_and_systemd_do() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let files = |list: &[(&str, &str)]| {
        for (path, text) in list {
            write(root, path, text, 0o644);
        }
    };
    write(
        root,
        "/proc/4242/cmdline",
        "/usr/bin/dockerd\0-H\0fd://\0",
        0o444,
    );
    files(&[
        ("/proc/4242/status", "Name:\tdockerd\nUid:\t0\t0\t0\t0\n"),
        ("/etc/group", "root:x:0:\n"),
        (
            "/lib/systemd/system/docker.service",
            "[Service]\nEnvironmentFile=-/etc/docker/gone.env\nEnvironmentFile=\nEnvironmentFile=-/etc/docker/env.d/*.env\nExecStart=/usr/bin/dockerd -H fd://\n",
        ),
        ("/lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/docker.sock\n"),
        (
            "/lib/systemd/system/rpcbind.socket",
            "[Socket]\nListenStream=111\nService=docker.service\n",
        ),
    ]);
    // A unit masked in /etc (a link to /dev/null) is not started: neither
    // read as unreadable nor judged from its /lib copy.
    fs::create_dir_all(root.join("etc/systemd/system")).unwrap();
    std::os::unix::fs::symlink("/dev/null", root.join("etc/systemd/system/rpcbind.socket"))
        .unwrap();
    let facts = collect_local(root);
    assert!(facts.daemon.get().unwrap().units_unread.is_empty());
    assert!(matches!(run(&facts, "USER-004"), Outcome::Pass { .. }));

    // A socket unit of another name that hands its port to the engine (the
    // docker-tcp.socket pattern): dockerd listens there too. One that does
    // not is not the engine's.
    files(&[
        (
            "/etc/systemd/system/docker-tcp.socket",
            "[Socket]\nListenStream=2375\nService=docker.service\n",
        ),
        (
            "/etc/systemd/system/metrics.socket",
            "[Socket]\nListenStream=0.0.0.0:9100\n",
        ),
    ]);
    let facts = collect_local(root);
    match run(&facts, "USER-004") {
        Outcome::Fail { findings, .. } => {
            assert_eq!(findings.len(), 1, "{findings:?}");
            assert!(
                findings[0].evidence.source.contains("docker-tcp.socket"),
                "{findings:?}"
            );
        }
        other => panic!("{other:?}"),
    }

    // The files EnvironmentFile= names (a wildcard, after a reset) are
    // read for secrets.
    files(&[(
        "/etc/docker/env.d/proxy.env",
        "HTTPS_PROXY=http://svc:Sup3rS3cretPw@proxy.internal:3128\n",
    )]);
    let facts = collect_local(root);
    let envs = facts.daemon.get().unwrap().env_files.get().unwrap();
    assert!(
        !envs.iter().any(|f| f.path.contains("gone.env")),
        "reset: {envs:?}"
    );
    match run(&facts, "SECRET-001") {
        Outcome::Fail { findings, .. } => assert!(
            findings
                .iter()
                .any(|f| f.evidence.source.contains("/etc/docker/env.d/proxy.env")),
            "{findings:?}"
        ),
        other => panic!("{other:?}"),
    }

    // Content trust: /etc/profile sources *.sh only.
    files(&[
        ("/etc/environment", "PATH=/usr/bin\n"),
        (
            "/etc/profile.d/trust.sh.disabled",
            "export DOCKER_CONTENT_TRUST=1\n",
        ),
    ]);
    let facts = collect_local(root);
    assert!(matches!(run(&facts, "PROV-001"), Outcome::Fail { .. }));
    files(&[("/etc/profile.d/trust.sh", "export DOCKER_CONTENT_TRUST=1\n")]);
    let facts = collect_local(root);
    assert!(matches!(run(&facts, "PROV-001"), Outcome::Pass { .. }));
}

#[test]
fn the_only_dockerd_seen_is_not_taken_when_other_processes_are_hidden() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write(
        root,
        "/proc/4242/cmdline",
        "/usr/bin/dockerd\0-H\0unix:///srv/other.sock\0",
        0o444,
    );
    write(
        root,
        "/proc/4242/status",
        "Name:\tdockerd\nUid:\t1000\n",
        0o444,
    );
    let facts = collect_local(root);
    let d = facts.daemon.get().unwrap();
    assert!(d.process.get().is_some(), "the only dockerd: {d:?}");
    // A process whose command line cannot be read (hidepid) may be the
    // engine's: the one seen is no longer taken for it.
    fs::create_dir_all(root.join("proc/99/cmdline")).unwrap();
    let facts = collect_local(root);
    let d = facts.daemon.get().unwrap();
    let why = d.process.reason().unwrap_or_default();
    assert!(why.contains("could not be read (pids 99)"), "{why}");
}
