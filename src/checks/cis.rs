//! The CIS Docker Benchmark v1.6.0 controls (sections 1 to 7), by id and
//! title, for the coverage matrix and the test that every control is covered
//! by at least one check. Data only.

pub struct Control {
    pub id: &'static str,
    pub title: &'static str,
    /// As the benchmark marks it: automated (scored) or manual.
    pub automated: bool,
}

const fn c(id: &'static str, title: &'static str, automated: bool) -> Control {
    Control {
        id,
        title,
        automated,
    }
}

pub static CONTROLS: &[Control] = &[
    c("1.1.1", "Ensure a separate partition for containers has been created", true),
    c("1.1.2", "Ensure only trusted users are allowed to control Docker daemon", true),
    c("1.1.3", "Ensure auditing is configured for the Docker daemon", true),
    c("1.1.4", "Ensure auditing is configured for Docker files and directories - /run/containerd", true),
    c("1.1.5", "Ensure auditing is configured for Docker files and directories - /var/lib/docker", true),
    c("1.1.6", "Ensure auditing is configured for Docker files and directories - /etc/docker", true),
    c("1.1.7", "Ensure auditing is configured for Docker files and directories - docker.service", true),
    c("1.1.8", "Ensure auditing is configured for Docker files and directories - containerd.sock", true),
    c("1.1.9", "Ensure auditing is configured for Docker files and directories - docker.socket", true),
    c("1.1.10", "Ensure auditing is configured for Docker files and directories - /etc/default/docker", true),
    c("1.1.11", "Ensure auditing is configured for Dockerfiles and directories - /etc/docker/daemon.json", true),
    c("1.1.12", "Ensure auditing is configured for Dockerfiles and directories - /etc/containerd/config.toml", true),
    c("1.1.13", "Ensure auditing is configured for Docker files and directories - /etc/sysconfig/docker", true),
    c("1.1.14", "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd", true),
    c("1.1.15", "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim", true),
    c("1.1.16", "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v1", true),
    c("1.1.17", "Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v2", true),
    c("1.1.18", "Ensure auditing is configured for Docker files and directories - /usr/bin/runc", true),
    c("1.2.1", "Ensure the container host has been Hardened", false),
    c("1.2.2", "Ensure that the version of Docker is up to date", false),
    c("2.1", "Run the Docker daemon as a non-root user, if possible", false),
    c("2.2", "Ensure network traffic is restricted between containers on the default bridge", true),
    c("2.3", "Ensure the logging level is set to 'info'", true),
    c("2.4", "Ensure Docker is allowed to make changes to iptables", true),
    c("2.5", "Ensure insecure registries are not used", true),
    c("2.6", "Ensure aufs storage driver is not used", true),
    c("2.7", "Ensure TLS authentication for Docker daemon is configured", true),
    c("2.8", "Ensure the default ulimit is configured appropriately", false),
    c("2.9", "Enable user namespace support", true),
    c("2.10", "Ensure the default cgroup usage has been confirmed", true),
    c("2.11", "Ensure base device size is not changed until needed", true),
    c("2.12", "Ensure that authorization for Docker client commands is enabled", true),
    c("2.13", "Ensure centralized and remote logging is configured", true),
    c("2.14", "Ensure containers are restricted from acquiring new privileges", true),
    c("2.15", "Ensure live restore is enabled", true),
    c("2.16", "Ensure Userland Proxy is Disabled", true),
    c("2.17", "Ensure that a daemon-wide custom seccomp profile is applied if appropriate", false),
    c("2.18", "Ensure that experimental features are not implemented in production", false),
    c("3.1", "Ensure that the docker.service file ownership is set to root:root", true),
    c("3.2", "Ensure that docker.service file permissions are appropriately set", true),
    c("3.3", "Ensure that docker.socket file ownership is set to root:root", true),
    c("3.4", "Ensure that docker.socket file permissions are set to 644 or more restrictive", true),
    c("3.5", "Ensure that the /etc/docker directory ownership is set to root:root", true),
    c("3.6", "Ensure that /etc/docker directory permissions are set to 755 or more restrictively", true),
    c("3.7", "Ensure that registry certificate file ownership is set to root:root", true),
    c("3.8", "Ensure that registry certificate file permissions are set to 444 or more restrictively", true),
    c("3.9", "Ensure that TLS CA certificate file ownership is set to root:root", true),
    c("3.10", "Ensure that TLS CA certificate file permissions are set to 444 or more restrictively", true),
    c("3.11", "Ensure that Docker server certificate file ownership is set to root:root", true),
    c("3.12", "Ensure that the Docker server certificate file permissions are set to 444 or more restrictively", true),
    c("3.13", "Ensure that the Docker server certificate key file ownership is set to root:root", true),
    c("3.14", "Ensure that the Docker server certificate key file permissions are set to 400", true),
    c("3.15", "Ensure that the Docker socket file ownership is set to root:docker", true),
    c("3.16", "Ensure that the Docker socket file permissions are set to 660 or more restrictively", true),
    c("3.17", "Ensure that the daemon.json file ownership is set to root:root", true),
    c("3.18", "Ensure that daemon.json file permissions are set to 644 or more restrictive", true),
    c("3.19", "Ensure that the /etc/default/docker file ownership is set to root:root", true),
    c("3.20", "Ensure that the /etc/default/docker file permissions are set to 644 or more restrictively", true),
    c("3.21", "Ensure that the /etc/sysconfig/docker file permissions are set to 644 or more restrictively", true),
    c("3.22", "Ensure that the /etc/sysconfig/docker file ownership is set to root:root", true),
    c("3.23", "Ensure that the Containerd socket file ownership is set to root:root", true),
    c("3.24", "Ensure that the Containerd socket file permissions are set to 660 or more restrictively", true),
    c("4.1", "Ensure that a user for the container has been created", true),
    c("4.2", "Ensure that containers use only trusted base images", false),
    c("4.3", "Ensure that unnecessary packages are not installed in the container", false),
    c("4.4", "Ensure images are scanned and rebuilt to include security patches", false),
    c("4.5", "Ensure Content trust for Docker is Enabled", true),
    c("4.6", "Ensure that HEALTHCHECK instructions have been added to container images", true),
    c("4.7", "Ensure update instructions are not used alone in the Dockerfile", false),
    c("4.8", "Ensure setuid and setgid permissions are removed", false),
    c("4.9", "Ensure that COPY is used instead of ADD in Dockerfiles", false),
    c("4.10", "Ensure secrets are not stored in Dockerfiles", false),
    c("4.11", "Ensure only verified packages are installed", false),
    c("4.12", "Ensure all signed artifacts are validated", false),
    c("5.1", "Ensure swarm mode is not Enabled, if not needed", true),
    c("5.2", "Ensure that, if applicable, an AppArmor Profile is enabled", true),
    c("5.3", "Ensure that, if applicable, SELinux security options are set", true),
    c("5.4", "Ensure that Linux kernel capabilities are restricted within containers", true),
    c("5.5", "Ensure that privileged containers are not used", true),
    c("5.6", "Ensure sensitive host system directories are not mounted on containers", true),
    c("5.7", "Ensure sshd is not run within containers", true),
    c("5.8", "Ensure privileged ports are not mapped within containers", true),
    c("5.9", "Ensure that only needed ports are open on the container", false),
    c("5.10", "Ensure that the host's network namespace is not shared", true),
    c("5.11", "Ensure that the memory usage for containers is limited", true),
    c("5.12", "Ensure that CPU priority is set appropriately on containers", true),
    c("5.13", "Ensure that the container's root filesystem is mounted as read only", true),
    c("5.14", "Ensure that incoming container traffic is bound to a specific host interface", true),
    c("5.15", "Ensure that the 'on-failure' container restart policy is set to '5'", true),
    c("5.16", "Ensure that the host's process namespace is not shared", true),
    c("5.17", "Ensure that the host's IPC namespace is not shared", true),
    c("5.18", "Ensure that host devices are not directly exposed to containers", false),
    c("5.19", "Ensure that the default ulimit is overwritten at runtime if needed", false),
    c("5.20", "Ensure mount propagation mode is not set to shared", true),
    c("5.21", "Ensure that the host's UTS namespace is not shared", true),
    c("5.22", "Ensure the default seccomp profile is not Disabled", true),
    c("5.23", "Ensure that docker exec commands are not used with the privileged option", false),
    c("5.24", "Ensure that docker exec commands are not used with the user=root option", false),
    c("5.25", "Ensure that cgroup usage is confirmed", true),
    c("5.26", "Ensure that the container is restricted from acquiring additional privileges", true),
    c("5.27", "Ensure that container health is checked at runtime", true),
    c("5.28", "Ensure that Docker commands always make use of the latest version of their image", false),
    c("5.29", "Ensure that the PIDs cgroup limit is used", true),
    c("5.30", "Ensure that Docker's default bridge 'docker0' is not used", false),
    c("5.31", "Ensure that the host's user namespaces are not shared", true),
    c("5.32", "Ensure that the Docker socket is not mounted inside any containers", true),
    c("6.1", "Ensure that image sprawl is avoided", false),
    c("6.2", "Ensure that container sprawl is avoided", false),
    c("7.1", "Ensure that the minimum number of manager nodes have been created in a swarm", true),
    c("7.2", "Ensure that swarm services are bound to a specific host interface", true),
    c("7.3", "Ensure that all Docker swarm overlay networks are encrypted", true),
    c("7.4", "Ensure that Docker's secret management commands are used for managing secrets in a swarm cluster", false),
    c("7.5", "Ensure that swarm manager is run in auto-lock mode", true),
    c("7.6", "Ensure that the swarm manager auto-lock key is rotated periodically", false),
    c("7.7", "Ensure that node certificates are rotated as appropriate", false),
    c("7.8", "Ensure that CA certificates are rotated as appropriate", false),
    c("7.9", "Ensure that management plane traffic is separated from data plane traffic", false),
];

pub fn find(id: &str) -> Option<&'static Control> {
    CONTROLS.iter().find(|c| c.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_hundred_seventeen_unique_controls() {
        assert_eq!(CONTROLS.len(), 117);
        let mut ids: Vec<&str> = CONTROLS.iter().map(|c| c.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 117);
    }
}
