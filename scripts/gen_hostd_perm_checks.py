# One-off generator for the file ownership/permission checks (CIS 3.x).
import os
specs = [
 # id, module, section folder, slug, title, cis, roles, owner, mode, what, none, item, remediation, severity
 ("HOST-020","docker_service_perms","host","docker-service-file-perms","docker.service file not owned by root:root or writable by others",["3.1","3.2"],["docker.service"],"RootRoot",0o644,"docker.service unit file","no docker.service unit file on this host","CIS host items: the engine's files are protected","chown root:root <path>; chmod 644 <path> (the path in the finding, e.g. /lib/systemd/system/docker.service)","High"),
 ("HOST-021","docker_socket_unit_perms","host","docker-socket-unit-perms","docker.socket unit file not owned by root:root or writable by others",["3.3","3.4"],["docker.socket"],"RootRoot",0o644,"docker.socket unit file","no docker.socket unit file on this host","CIS host items: the engine's files are protected","chown root:root <path>; chmod 644 <path> (e.g. /lib/systemd/system/docker.socket)","High"),
 ("HOST-022","etc_docker_perms","host","etc-docker-dir-perms","/etc/docker not owned by root:root or writable by others",["3.5","3.6"],["etc-docker"],"RootRoot",0o755,"directory","/etc/docker does not exist","CIS host items: the engine's files are protected","chown root:root /etc/docker; chmod 755 /etc/docker","High"),
 ("HOST-023","registry_cert_perms","host","registry-cert-perms","Registry certificate not owned by root:root or not read-only",["3.7","3.8"],["registry-cert"],"RootRoot",0o444,"registry certificate file","no registry certificates under /etc/docker/certs.d","CIS host items: the engine's files are protected","chown root:root /etc/docker/certs.d/<registry>/*; chmod 444 /etc/docker/certs.d/<registry>/*","Medium"),
 ("HOST-024","tls_ca_perms","host","tls-ca-cert-perms","TLS CA certificate not owned by root:root or not read-only",["3.9","3.10"],["tls-ca"],"RootRoot",0o444,"TLS CA certificate","the daemon names no TLS CA certificate (--tlscacert / \\\"tlscacert\\\")","CIS host items: the engine's files are protected","chown root:root <tlscacert path>; chmod 444 <tlscacert path>","Medium"),
 ("HOST-025","tls_cert_perms","host","tls-server-cert-perms","Daemon TLS server certificate not owned by root:root or not read-only",["3.11","3.12"],["tls-cert"],"RootRoot",0o444,"TLS server certificate","the daemon names no TLS server certificate (--tlscert / \\\"tlscert\\\")","CIS host items: the engine's files are protected","chown root:root <tlscert path>; chmod 444 <tlscert path>","Medium"),
 ("HOST-026","tls_key_perms","host","tls-server-key-perms","Daemon TLS key not owned by root:root or readable beyond its owner",["3.13","3.14"],["tls-key"],"RootRoot",0o400,"TLS server key","the daemon names no TLS key (--tlskey / \\\"tlskey\\\")","CIS host items: the engine's files are protected","chown root:root <tlskey path>; chmod 400 <tlskey path>","High"),
 ("HOST-027","daemon_json_perms","host","daemon-json-perms","daemon.json not owned by root:root or writable by others",["3.17","3.18"],["daemon.json"],"RootRoot",0o644,"daemon configuration file","the daemon configuration file does not exist","CIS host items: the engine's files are protected","chown root:root /etc/docker/daemon.json; chmod 644 /etc/docker/daemon.json (or the --config-file path in the finding)","High"),
 ("HOST-028","etc_default_docker_perms","host","etc-default-docker-perms","/etc/default/docker not owned by root:root or writable by others",["3.19","3.20"],["etc-default-docker"],"RootRoot",0o644,"file","/etc/default/docker does not exist","CIS host items: the engine's files are protected","chown root:root /etc/default/docker; chmod 644 /etc/default/docker","Medium"),
 ("HOST-029","etc_sysconfig_docker_perms","host","etc-sysconfig-docker-perms","/etc/sysconfig/docker not owned by root:root or writable by others",["3.21","3.22"],["etc-sysconfig-docker"],"RootRoot",0o644,"file","/etc/sysconfig/docker does not exist","CIS host items: the engine's files are protected","chown root:root /etc/sysconfig/docker; chmod 644 /etc/sysconfig/docker","Medium"),
 ("HOST-030","containerd_socket_perms","host","containerd-socket-perms","containerd socket not owned by root:root or open beyond root",["3.23","3.24"],["containerd-sock"],"RootRoot",0o660,"containerd socket","no containerd socket found","CIS host items: the engine's files are protected","chown root:root /run/containerd/containerd.sock; chmod 660 /run/containerd/containerd.sock (containerd sets these itself: find what changed them)","High"),
 ("USER-003","docker_socket_perms","nonroot","docker-socket-perms","Docker socket not owned by root:docker or open beyond the docker group",["3.15","3.16"],["docker-sock"],"RootDocker",0o660,"Docker socket","no Docker unix socket found","Access to the engine is limited: socket ownership and mode","chown root:docker /var/run/docker.sock; chmod 660 /var/run/docker.sock (or the socket path in the finding; with socket activation set SocketMode=0660 and SocketGroup=docker in docker.socket)","Critical"),
]
sec = {"host":"Host","nonroot":"NonRoot"}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for (id_, mod, folder, slug, title, cis, roles, owner, mode, what, none, item, rem, sev) in specs:
    cis_s = ", ".join('"%s"' % c for c in cis)
    roles_s = ", ".join('"%s"' % r for r in roles)
    own_txt = "root:docker" if owner=="RootDocker" else "root:root"
    body = f'''//! {id_}: {title} (CIS {", ".join(cis)}).

use crate::checks::support_daemon::{{judge_files, Owner}};
use crate::checks::{{Check, Ctx, Mode, Need, Outcome, Scope, Section, Severity}};

pub static CHECK: Check = Check {{
    id: "{id_}",
    slug: "{slug}",
    title: "{title}",
    section: Section::{sec[folder]},
    scope: Scope::Host,
    cis: &[{cis_s}],
    severity: Severity::{sev},
    mode: Mode::Automated,
    item: "{item}",
    needs: &[Need::Host],
    rationale: "The {what} steers or exposes the Docker engine, which runs with root \\
        privileges: whoever can change (or, for keys, read) it can change how the engine \\
        runs or impersonate it. CIS expects {own_txt} and mode {mode:04o} or more restrictive \\
        (no permission bit beyond {mode:04o}).",
    remediation: "{rem}",
    references: &["https://docs.docker.com/engine/security/protect-access/"],
    aliases: &[],
    evaluate,
}};

fn evaluate(ctx: &Ctx) -> Outcome {{
    judge_files(
        ctx,
        &[{roles_s}],
        Owner::{owner},
        0o{mode:o},
        "{what}",
        "{none}",
    )
}}
'''
    path = os.path.join(root, "src/checks", folder, mod + ".rs")
    open(path, "w").write(body)
    print(id_, path)
