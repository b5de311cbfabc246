# Writes the facts fixtures of the hostd checks under tests/fixtures/checks/.
# Each fixture is the smallest Facts document that drives the verdict.
import json, os

ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests/fixtures/checks")

def engine(info=None, version=None):
    return {"present": {"info": info or {}, "version": version or {}}}

def daemon(args=None, config="{}", units=None, process=True):
    d = {"units": {"present": units or []}, "env_files": {"present": []}}
    if process:
        d["process"] = {"present": {"pid": 42, "args": ["dockerd"] + (args or []), "uid": 0}}
    else:
        d["process"] = {"unavailable": "no dockerd process found in /proc/*/cmdline"}
    if config is None:
        d["config_file"] = {"present": {"path": "/etc/docker/daemon.json", "exists": False}}
    elif isinstance(config, dict) and "parse_error" in config:
        d["config_file"] = {"present": {"path": "/etc/docker/daemon.json", "exists": True, "parse_error": config["parse_error"]}}
    else:
        d["config_file"] = {"present": {"path": "/etc/docker/daemon.json", "exists": True, "content": json.loads(config)}}
    return {"present": d}

GROUPS = [{"name": "root", "gid": 0, "members": []}, {"name": "docker", "gid": 999, "members": ["alice"]}]
PASSWD = [{"name": "root", "uid": 0, "gid": 0, "home": "/root", "shell": "/bin/bash"},
          {"name": "alice", "uid": 1000, "gid": 1000, "home": "/home/alice", "shell": "/bin/bash"}]

def host(**kw):
    h = {"root": "/", "groups": {"present": GROUPS}, "passwd": {"present": PASSWD}}
    h.update(kw)
    return {"present": h}

def f(path, role, mode, uid=0, gid=0, kind="file"):
    return {"path": path, "role": role, "exists": True, "uid": uid, "gid": gid, "mode": mode, "kind": kind}

fixtures = {}
def fx(check, name, **facts):
    fixtures.setdefault(check, {})[name] = facts

# HOST-001
fx("HOST-001", "fail", engine=engine({"DockerRootDir": "/var/lib/docker"}),
   host=host(mounts={"present": [{"device": "/dev/sda1", "mount_point": "/", "fs_type": "ext4"}]}))
fx("HOST-001", "fail_bind_mount", engine=engine({"DockerRootDir": "/var/lib/docker"}),
   host=host(mounts={"present": [{"device": "/dev/sda1", "mount_point": "/", "fs_type": "ext4"},
                                 {"device": "/dev/sda1", "mount_point": "/var/lib/docker", "fs_type": "ext4"}]}))
fx("HOST-001", "pass", engine=engine({"DockerRootDir": "/var/lib/docker"}),
   host=host(mounts={"present": [{"device": "/dev/sda1", "mount_point": "/", "fs_type": "ext4"},
                                 {"device": "/dev/mapper/vg0-docker", "mount_point": "/var/lib/docker", "fs_type": "xfs"}]}))
fx("HOST-001", "skip_no_data_root", daemon={"unavailable": "engine is remote"},
   host=host(mounts={"present": [{"device": "/dev/sda1", "mount_point": "/", "fs_type": "ext4"}]}))
# HOST-040 .. HOST-055: audit rules, one CIS 1.1.x control each.
AUDIT = ["/usr/bin/dockerd", "/run/containerd", "/var/lib/docker", "/etc/docker", "/lib/systemd/system/docker.service",
         "/run/containerd/containerd.sock", "/lib/systemd/system/docker.socket", "/etc/default/docker", "/etc/docker/daemon.json",
         "/etc/containerd/config.toml", "/etc/sysconfig/docker", "/usr/bin/containerd", "/usr/bin/containerd-shim",
         "/usr/bin/containerd-shim-runc-v1", "/usr/bin/containerd-shim-runc-v2", "/usr/bin/runc"]
for n, path in enumerate(AUDIT):
    cid = "HOST-%03d" % (40 + n)
    ctl = "1.1.%d" % (3 + n)
    files = [f(path, "audit:" + ctl, 0o644)]
    other = {"location": "/etc/audit/rules.d/other.rules:1", "text": "-w /etc/passwd -k identity", "watch": "/etc/passwd"}
    fx(cid, "fail", host=host(files=files, audit_rules={"present": [other]}))
    fx(cid, "fail_no_rules", host=host(files=files, audit_rules={"present": []}))
    fx(cid, "pass", host=host(files=files, audit_rules={"present": [other,
        {"location": "/etc/audit/rules.d/docker.rules:%d" % (n + 1), "text": "-w %s -k docker" % path, "watch": path}]}))
    fx(cid, "na_absent", host=host(files=[{"path": path, "role": "audit:" + ctl, "exists": False}], audit_rules={"present": []}))
    fx(cid, "skip_unreadable", host=host(files=files, audit_rules={"unavailable": "cannot read /etc/audit/audit.rules: permission denied"}))
fx("HOST-043", "pass_parent_watch", host=host(files=[f("/etc/docker", "audit:1.1.6", 0o755)], audit_rules={"present": [
    {"location": "/etc/audit/audit.rules:3", "text": "-w /etc/ -p wa -k etc", "watch": "/etc/"}]}))
# HOST-003
fx("HOST-003", "fail", host=host(kernel={"present": {"release": "4.19.0-26-amd64", "version": "Linux version 4.19.0"}}))
fx("HOST-003", "pass", host=host(kernel={"present": {"release": "6.1.0-18-amd64", "version": "Linux version 6.1.0"}}))
# HOST-004
good = {"kernel.kptr_restrict": "1", "kernel.dmesg_restrict": "1", "kernel.unprivileged_bpf_disabled": "2",
        "kernel.yama.ptrace_scope": "1", "kernel.randomize_va_space": "2", "fs.protected_symlinks": "1",
        "fs.protected_hardlinks": "1", "fs.protected_fifos": "1", "fs.protected_regular": "2"}
fx("HOST-004", "pass", host=host(sysctls={k: {"present": v} for k, v in good.items()}))
bad = dict(good); bad["kernel.kptr_restrict"] = "0"; bad["kernel.randomize_va_space"] = "1"
fx("HOST-004", "skip_unreadable", host=host(sysctls={k: {"unavailable": "cannot read /proc/sys/%s: permission denied" % k.replace(".", "/")} for k in good}))
fx("HOST-004", "fail", host=host(sysctls={k: {"present": v} for k, v in bad.items()}))
# HOST-006
fx("HOST-006", "fail", engine=engine({"SecurityOptions": ["name=seccomp,profile=default"]}),
   host=host(lsm={"present": {"active": ["capability", "yama"], "apparmor_enabled": False, "notes": ["no apparmor"]}}))
fx("HOST-006", "pass", engine=engine({"SecurityOptions": ["name=apparmor", "name=seccomp,profile=default"]}),
   host=host(lsm={"present": {"active": ["capability", "apparmor"], "apparmor_enabled": True, "notes": ["apparmor Y"]}}))
# HOST-007
fx("HOST-007", "fail", engine=engine(version={"Version": "20.10.24+dfsg1", "Components": [
    {"Name": "Engine", "Version": "20.10.24+dfsg1"}, {"Name": "containerd", "Version": "1.6.20~ds1"}, {"Name": "runc", "Version": "1.1.5+ds1"}]}))
fx("HOST-007", "pass", engine=engine(version={"Version": "28.5.1", "Components": [
    {"Name": "Engine", "Version": "28.5.1"}, {"Name": "containerd", "Version": "v1.7.29"}, {"Name": "runc", "Version": "1.3.3"}]}))
fx("HOST-007", "na_podman", engine=engine(version={"Version": "5.2.0", "Platform": {"Name": "linux/amd64/fedora-40"}, "Components": [
    {"Name": "Podman Engine", "Version": "5.2.0"}]}))
# HOST-008
fx("HOST-008", "fail", host=host(packages={"present": {"manager": "dpkg", "database": "/var/lib/dpkg/status", "installed": [
    {"name": "gcc-12", "version": "12.2.0-14"}, {"name": "make", "version": "4.3-4.1"}, {"name": "libc6", "version": "2.36"}]}}))
fx("HOST-008", "pass", host=host(packages={"present": {"manager": "apk", "database": "/lib/apk/db/installed", "installed": [
    {"name": "musl", "version": "1.2.4-r2"}, {"name": "gcc-12-base", "version": "12"}]}}))
fx("HOST-008", "skip_rpm", host=host(packages={"present": {"manager": "rpm", "database": "/var/lib/rpm/rpmdb.sqlite", "installed": None}}))
# HOST-011
fx("HOST-011", "fail", daemon=daemon(config={"parse_error": {"message": "trailing comma at line 3 column 1", "line": 3, "column": 1}}))
fx("HOST-011", "pass", daemon=daemon(config='{"icc": false}'))
fx("HOST-011", "na_absent", daemon=daemon(config=None))
# HOST-012
fx("HOST-012", "fail", daemon=daemon(["--icc=false", "-H", "fd://"], '{"icc": true, "hosts": ["unix:///run/docker.sock"]}'))
fx("HOST-012", "pass", daemon=daemon(["-H", "fd://"], '{"icc": false}'))
fx("HOST-012", "skip_no_process", daemon=daemon(process=False))
# File permission checks.
perm = [
    ("HOST-020", "/lib/systemd/system/docker.service", "docker.service", 0o644, 0o664, "file"),
    ("HOST-021", "/lib/systemd/system/docker.socket", "docker.socket", 0o644, 0o646, "file"),
    ("HOST-022", "/etc/docker", "etc-docker", 0o755, 0o775, "dir"),
    ("HOST-023", "/etc/docker/certs.d/registry.internal:5000/ca.crt", "registry-cert", 0o444, 0o644, "file"),
    ("HOST-024", "/etc/docker/tls/ca.pem", "tls-ca", 0o444, 0o644, "file"),
    ("HOST-025", "/etc/docker/tls/server-cert.pem", "tls-cert", 0o400, 0o664, "file"),
    ("HOST-026", "/etc/docker/tls/server-key.pem", "tls-key", 0o400, 0o440, "file"),
    ("HOST-027", "/etc/docker/daemon.json", "daemon.json", 0o600, 0o666, "file"),
    ("HOST-028", "/etc/default/docker", "etc-default-docker", 0o644, 0o755, "file"),
    ("HOST-029", "/etc/sysconfig/docker", "etc-sysconfig-docker", 0o644, 0o646, "file"),
    ("HOST-030", "/run/containerd/containerd.sock", "containerd-sock", 0o660, 0o666, "socket"),
    ("USER-003", "/run/docker.sock", "docker-sock", 0o660, 0o666, "socket"),
]
for cid, path, role, good_mode, bad_mode, kind in perm:
    good_gid = 999 if role == "docker-sock" else 0
    fx(cid, "pass", host=host(files=[f(path, role, good_mode, 0, good_gid, kind)]))
    fx(cid, "fail_mode", host=host(files=[f(path, role, bad_mode, 0, good_gid, kind)]))
    fx(cid, "fail_owner", host=host(files=[f(path, role, good_mode, 1000, 1000, kind)]))
    fx(cid, "na_absent", host=host(files=[{"path": path, "role": role, "exists": False}]))
fx("USER-003", "pass_root_root", host=host(files=[f("/run/docker.sock", "docker-sock", 0o600, 0, 0, "socket")]))
fx("USER-003", "skip_unreadable", host=host(files=[{"path": "/run/docker.sock", "role": "docker-sock", "error": "cannot stat /run/docker.sock: permission denied"}]))
# USER-001 / USER-002
fx("USER-001", "fail", engine=engine({"SecurityOptions": ["name=seccomp,profile=default"]}))
fx("USER-001", "pass", engine=engine({"SecurityOptions": ["name=seccomp,profile=default", "name=rootless", "name=cgroupns"]}))
fx("USER-002", "fail", engine=engine({"SecurityOptions": ["name=seccomp,profile=default"]}), daemon=daemon(config=None))
fx("USER-002", "pass", engine=engine({"SecurityOptions": ["name=seccomp,profile=default", "name=userns"]}))
fx("USER-002", "pass_rootless", engine=engine({"SecurityOptions": ["name=rootless"]}))
# USER-004
fx("USER-004", "fail", daemon=daemon(["-H", "unix:///run/docker.sock", "-H", "tcp://0.0.0.0:2375"], None))
fx("USER-004", "fail_tls_only", daemon=daemon(["-H", "tcp://0.0.0.0:2376"], '{"tls": true, "tlscert": "/etc/docker/tls/cert.pem"}'))
fx("USER-004", "fail_socket_unit", daemon=daemon(["-H", "fd://"], None, units=[
    {"unit": "docker.socket", "path": "/etc/systemd/system/docker.socket", "listen_stream": ["/run/docker.sock", "0.0.0.0:2375"]}]))
fx("USER-004", "pass", daemon=daemon(["-H", "fd://"], None))
fx("USER-004", "pass_tlsverify", daemon=daemon(["-H", "tcp://0.0.0.0:2376", "--tlsverify"], '{"tlscacert": "/etc/docker/ca.pem"}'))
fx("USER-004", "skip_unknown", daemon=daemon(process=False))
# USER-005
fx("USER-005", "fail", engine=engine({"Plugins": {"Authorization": None}}))
fx("USER-005", "pass", engine=engine({"Plugins": {"Authorization": ["authz-broker"]}}))
# MON-001
fx("MON-001", "fail", host=host(logging={"present": {"files_read": ["/etc/systemd/journald.conf"]}}))
fx("MON-001", "pass", host=host(logging={"present": {"forwarding": [
    {"kind": "rsyslog", "location": "/etc/rsyslog.d/90-forward.conf:1", "rule": "*.* @@logs.internal:514"}]}}))
# MON-003
fx("MON-003", "fail", daemon=daemon(["--log-level=debug"], None))
fx("MON-003", "fail_warn", daemon=daemon([], '{"log-level": "warn"}'))
fx("MON-003", "fail_debug_info", engine=engine({"Debug": True}), daemon=daemon([], None))
fx("MON-003", "pass", daemon=daemon([], None))
fx("MON-003", "pass_explicit", daemon=daemon(["-l", "info"], '{}'))
fx("MON-003", "skip_malformed", daemon=daemon([], {"parse_error": {"message": "EOF", "line": 1, "column": 2}}))
# MON-004
fx("MON-004", "fail", engine=engine({"LoggingDriver": "json-file"}))
fx("MON-004", "pass", engine=engine({"LoggingDriver": "syslog"}))
# PROV-001
fx("PROV-001", "fail", host=host(content_trust={"present": []}))
fx("PROV-001", "fail_disabled", host=host(content_trust={"present": [
    {"location": "/etc/environment:1", "name": "DOCKER_CONTENT_TRUST", "value": "1", "system_wide": True},
    {"location": "/etc/systemd/system/ci.service Environment=", "name": "DOCKER_CONTENT_TRUST", "value": "0", "system_wide": False}]}))
fx("PROV-001", "pass", host=host(content_trust={"present": [
    {"location": "/etc/environment:1", "name": "DOCKER_CONTENT_TRUST", "value": "1", "system_wide": True}]}))
fx("PROV-001", "pass_daemon_enforced", host=host(content_trust={"present": []}),
   daemon=daemon([], '{"content-trust": {"mode": "enforced"}}'))
# PROV-002
fx("PROV-002", "fail", host=host(trust_keys={"present": {"searched": ["/root/.docker/trust/private"], "keys": [
    {"path": "/root/.docker/trust/private/0f1e.key", "role": "root"},
    {"path": "/root/.docker/trust/private/88aa.key", "role": "targets"}]}}))
fx("PROV-002", "pass", host=host(trust_keys={"present": {"searched": ["/root/.docker/trust/private", "/home/alice/.docker/trust/private"], "keys": [
    {"path": "/home/alice/.docker/trust/private/88aa.key", "role": "targets"}]}}))
# RES-200 .. RES-211
fx("RES-200", "fail", daemon=daemon([], None))
fx("RES-200", "pass", daemon=daemon(["--icc=false"], None))
fx("RES-200", "na_bridge_none", daemon=daemon(["--bridge=none"], None))
fx("RES-200", "skip_no_process", daemon=daemon(process=False))
fx("RES-200", "fail_network", networks={"present": [{"Name": "bridge", "Driver": "bridge", "Options": {
    "com.docker.network.bridge.default_bridge": "true", "com.docker.network.bridge.enable_icc": "true"}}]})
fx("RES-200", "pass_network", daemon={"unavailable": "engine is remote; pass --host-root for the engine host's files"},
   networks={"present": [{"Name": "bridge", "Driver": "bridge", "Options": {
    "com.docker.network.bridge.default_bridge": "true", "com.docker.network.bridge.enable_icc": "false"}}]})
fx("RES-200", "na_no_default_bridge", networks={"present": [{"Name": "none", "Driver": "null"}, {"Name": "host", "Driver": "host"}]})
fx("RES-201", "fail", daemon=daemon(["--iptables=false"], None))
fx("RES-201", "pass", daemon=daemon([], None))
fx("RES-201", "skip_no_process", daemon=daemon(process=False))
fx("RES-202", "fail", engine=engine({"RegistryConfig": {"InsecureRegistryCIDRs": ["127.0.0.0/8", "10.0.0.0/8"],
    "IndexConfigs": {"registry.internal:5000": {"Name": "registry.internal:5000", "Secure": False}}}}))
fx("RES-202", "pass", engine=engine({"RegistryConfig": {"InsecureRegistryCIDRs": ["127.0.0.0/8"],
    "IndexConfigs": {"docker.io": {"Name": "docker.io", "Secure": True, "Official": True}}}}))
fx("RES-203", "fail", engine=engine({"Driver": "aufs"}))
fx("RES-203", "pass", engine=engine({"Driver": "overlay2"}))
fx("RES-205", "fail", daemon=daemon([], '{"cgroup-parent": "/foobar"}'))
fx("RES-205", "pass", daemon=daemon([], None))
fx("RES-206", "fail", daemon=daemon(["--storage-opt", "dm.basesize=50G"], None))
fx("RES-206", "pass", daemon=daemon([], '{"storage-opts": ["overlay2.size=10G"]}'))
fx("RES-207", "fail", daemon=daemon([], None))
fx("RES-207", "pass", daemon=daemon([], '{"no-new-privileges": true}'))
fx("RES-208", "fail", engine=engine({"LiveRestoreEnabled": False}), daemon=daemon([], None))
fx("RES-208", "pass", engine=engine({"LiveRestoreEnabled": True}))
fx("RES-209", "fail", daemon=daemon([], None))
fx("RES-209", "pass", daemon=daemon(["--userland-proxy=false"], None))
fx("RES-210", "fail", engine=engine({"SecurityOptions": ["name=apparmor"]}))
fx("RES-210", "fail_unconfined", engine=engine({"SecurityOptions": ["name=seccomp,profile=unconfined"]}))
fx("RES-210", "pass", engine=engine({"SecurityOptions": ["name=seccomp,profile=default"]}))
fx("RES-211", "fail", engine=engine({"ExperimentalBuild": True}))
fx("RES-211", "pass", engine=engine({"ExperimentalBuild": False}))

# SECRET-001
fx("SECRET-001", "fail", daemon=daemon([], '{"log-driver": "splunk", "log-opts": {"splunk-token": "3f2a9c1d-77aa-4c1e-9b1a-0d9e8f7a6b5c", "splunk-url": "https://splunk.internal:8088"}}'))
fx("SECRET-001", "fail_cmdline", daemon=daemon(["--log-opt", "splunk-token=3f2a9c1d-77aa-4c1e-9b1a-0d9e8f7a6b5c"], None))
fx("SECRET-001", "fail_unit_env", daemon=daemon([], None, units=[
    {"unit": "docker.service", "path": "/etc/systemd/system/docker.service.d/proxy.conf", "drop_in": True,
     "environment": ["HTTP_PROXY=http://svc:Sup3rS3cretPw@proxy.internal:3128"]}]))
fx("SECRET-001", "skip_no_process", daemon=daemon(process=False, config=None))
fx("SECRET-001", "pass_absent_config", daemon=daemon(["-H", "fd://"], None))
fx("SECRET-001", "pass", daemon=daemon(["-H", "fd://"], '{"log-driver": "syslog", "log-opts": {"syslog-address": "tcp://logs.internal:514"}}', units=[
    {"unit": "docker.service", "path": "/lib/systemd/system/docker.service", "environment": ["HTTP_PROXY=http://proxy.internal:3128"]}]))

for check, files in fixtures.items():
    d = os.path.join(ROOT, check)
    os.makedirs(d, exist_ok=True)
    for name, facts in files.items():
        with open(os.path.join(d, name + ".json"), "w") as fh:
            json.dump(facts, fh, indent=1, sort_keys=True)
            fh.write("\n")
print(len(fixtures), "checks,", sum(len(v) for v in fixtures.values()), "fixtures")
