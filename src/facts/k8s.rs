//! Facts of Kubernetes manifests: each workload's pod spec read into plain
//! values, each value with its key path from the document root and its
//! line. Parsing lives in `crate::k8s`; this module holds what was read and
//! nothing else (no judgement, no defaults beyond those stated per field).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use crate::facts::compose::{ComposeProblem, EnvVar, Setting};

/// One manifest file (one or more YAML or JSON documents) as read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ManifestFile {
    /// The path as given on the command line ("-" for standard input).
    pub path: String,
    /// The workloads found, in file order (kinds other than workloads are
    /// skipped).
    pub workloads: Vec<Workload>,
    /// The file could not be read, or not in full: why. When a YAML syntax
    /// error stops the reading part way, the workloads of the documents
    /// read in full before it are kept and this says where reading stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ComposeProblem>,
    /// Problems that did not stop the reading: a field of the wrong type, a
    /// workload without a pod template, a duplicate key. A field of the
    /// wrong type is left out (None), except where its text reads as the
    /// unsafe value: the quoted string "true" for `privileged` or a host
    /// namespace, "0" for `runAsUser`, "false" for `runAsNonRoot` or
    /// `readOnlyRootFilesystem` are kept with that value, so that nothing
    /// unsafe is dropped (the API server would refuse the manifest; an
    /// audit must not pass it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ComposeProblem>,
}

/// One workload: a Pod, or a controller with a pod template.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Workload {
    /// Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
    /// ReplicationController, Job or CronJob.
    pub kind: String,
    /// metadata.name; else metadata.generateName; else "<unnamed>".
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Line of the document's `kind:` key (or of the document's start).
    pub line: u32,
    /// 0-based index of the YAML document in the file (items of a `List`:
    /// the list's document).
    pub document: u32,
    /// Pod template labels (a Pod's metadata.labels).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Pod template annotations (where the beta AppArmor annotations
    /// `container.apparmor.security.beta.kubernetes.io/<name>` live).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    pub pod: PodSpec,
}

/// A pod spec. Setting keys are paths from the document root, e.g.
/// `spec.template.spec.hostNetwork`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PodSpec {
    /// Line of the pod spec's key (`spec:` of a Pod, `template:`'s `spec:`).
    pub line: u32,
    pub host_pid: Option<Setting<bool>>,
    pub host_ipc: Option<Setting<bool>>,
    pub host_network: Option<Setting<bool>>,
    /// hostUsers (false: the pod runs in a user namespace).
    pub host_users: Option<Setting<bool>>,
    pub share_process_namespace: Option<Setting<bool>>,
    /// serviceAccountName (or the deprecated serviceAccount).
    pub service_account_name: Option<Setting<String>>,
    pub automount_service_account_token: Option<Setting<bool>>,
    /// The pod-level securityContext.
    pub security_context: SecurityContext,
    pub volumes: Vec<Setting<K8sVolume>>,
    /// containers, initContainers and ephemeralContainers, in file order.
    pub containers: Vec<K8sContainer>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct K8sVolume {
    pub name: String,
    /// The volume source's key: hostPath, emptyDir, secret, configMap,
    /// persistentVolumeClaim, projected, csi, ... (empty when none given).
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_path: Option<String>,
    /// hostPath.type (Directory, Socket, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_path_type: Option<String>,
    /// secret.secretName.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_name: Option<String>,
}

/// A securityContext, at pod or container level. A field absent at one
/// level is None (the container level wins over the pod level where both
/// exist; resolving that is the adapter's work).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityContext {
    pub privileged: Option<Setting<bool>>,
    pub allow_privilege_escalation: Option<Setting<bool>>,
    pub read_only_root_filesystem: Option<Setting<bool>>,
    pub run_as_user: Option<Setting<i64>>,
    pub run_as_group: Option<Setting<i64>>,
    pub run_as_non_root: Option<Setting<bool>>,
    pub capabilities_add: Vec<Setting<String>>,
    pub capabilities_drop: Vec<Setting<String>>,
    /// seccompProfile.type: RuntimeDefault, Unconfined, or
    /// "Localhost/<localhostProfile>".
    pub seccomp_profile: Option<Setting<String>>,
    /// appArmorProfile.type, spelt as the seccomp profile.
    pub apparmor_profile: Option<Setting<String>>,
    /// seLinuxOptions.type.
    pub selinux_type: Option<Setting<String>>,
    pub proc_mount: Option<Setting<String>>,
    /// windowsOptions.hostProcess: a Windows HostProcess container runs as
    /// a process on the host, with the host's network and file system.
    pub host_process: Option<Setting<bool>>,
    /// Pod level sysctls, "name=value".
    pub sysctls: Vec<Setting<String>>,
}

/// One container of a pod spec.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct K8sContainer {
    pub name: String,
    /// Line of the container's list item.
    pub line: u32,
    /// "containers", "initContainers" or "ephemeralContainers".
    pub list: String,
    pub image: Option<Setting<String>>,
    pub image_pull_policy: Option<Setting<String>>,
    pub command: Vec<String>,
    pub args: Vec<String>,
    pub ports: Vec<Setting<K8sPort>>,
    /// env entries; the value is None when valueFrom is used.
    pub env: Vec<Setting<EnvVar>>,
    /// valueFrom entries described, e.g. "DB_PASSWORD <- secretKeyRef
    /// db/password", "POD_IP <- fieldRef status.podIP".
    pub env_value_from: Vec<Setting<String>>,
    /// envFrom entries: "secretRef:NAME" or "configMapRef:NAME".
    pub env_from: Vec<Setting<String>>,
    pub volume_mounts: Vec<Setting<K8sVolumeMount>>,
    /// resources.limits.memory in bytes.
    pub limits_memory: Option<Setting<i64>>,
    /// resources.limits.cpu in nano-CPUs ("500m" is 500_000_000).
    pub limits_cpu: Option<Setting<i64>>,
    pub requests_memory: Option<Setting<i64>>,
    pub requests_cpu: Option<Setting<i64>>,
    /// The probe is given: Some(true) at the line of its key.
    pub liveness_probe: Option<Setting<bool>>,
    pub readiness_probe: Option<Setting<bool>>,
    pub startup_probe: Option<Setting<bool>>,
    pub security_context: SecurityContext,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct K8sPort {
    /// A number, or a name when the manifest gives one.
    pub container_port: String,
    /// Empty: not published on the node.
    pub host_port: String,
    /// Empty: every node address.
    pub host_ip: String,
    /// As written; "TCP" when absent (the API default).
    pub protocol: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct K8sVolumeMount {
    pub name: String,
    pub mount_path: String,
    pub read_only: bool,
    /// None, HostToContainer, Bidirectional; empty when absent.
    pub mount_propagation: String,
    pub sub_path: String,
}
