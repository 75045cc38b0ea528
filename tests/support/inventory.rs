//! A realistic inventory generator, deterministic from a seed: nodes shaped
//! like `kubectl get nodes -o json` output, the tutorial's DaemonSets, and
//! daemon pods for one DaemonSet mid-rollout. Used by the benches and by
//! tests that need a large cluster.

use serde_json::{Value, json};

/// SplitMix64: a tiny deterministic PRNG (no dependency, same numbers everywhere).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent / 100`.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(10_000) < percent * 100
    }

    /// True with probability `permille / 1000`.
    pub fn permille(&mut self, permille: u64) -> bool {
        self.below(1_000) < permille
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const REGIONS: &[&str] = &["us-east-1", "us-east-2", "us-west-2", "eu-west-1"];
const INSTANCE_TYPES: &[&str] = &[
    "m5.large",
    "m5.xlarge",
    "c5.2xlarge",
    "r5.xlarge",
    "p3.2xlarge",
    "g4dn.xlarge",
];
const POOLS: &[&str] = &["general", "compute", "memory", "gpu", "batch"];
const TEAMS: &[&str] = &["platform", "data", "web", "ml", "payments"];

/// Node names `node-00000` .. in order.
pub fn node_name(index: usize) -> String {
    format!("node-{index:05}")
}

/// One node as `kubectl get node -o json` prints it.
pub fn node_json(index: usize, rng: &mut Rng) -> Value {
    let name = node_name(index);
    let region = rng.pick(REGIONS);
    let zone = format!("{region}{}", rng.pick(&["a", "b", "c"]));
    let control_plane = index < 3;
    let instance = if control_plane {
        "m5.xlarge"
    } else {
        rng.pick(INSTANCE_TYPES)
    };
    let gpu = instance.starts_with('p') || instance.starts_with('g');
    let mut labels = serde_json::Map::new();
    let mut put = |k: &str, v: &str| {
        labels.insert(k.to_string(), Value::from(v));
    };
    put("kubernetes.io/hostname", &name);
    put(
        "kubernetes.io/os",
        if rng.percent(3) { "windows" } else { "linux" },
    );
    put(
        "kubernetes.io/arch",
        if rng.percent(20) { "arm64" } else { "amd64" },
    );
    put("beta.kubernetes.io/os", "linux");
    put("topology.kubernetes.io/region", region);
    put("topology.kubernetes.io/zone", &zone);
    put("node.kubernetes.io/instance-type", instance);
    put("pool", if gpu { "gpu" } else { rng.pick(POOLS) });
    put("team", rng.pick(TEAMS));
    put("disk-type", if rng.percent(60) { "ssd" } else { "hdd" });
    put("failure-domain.beta.kubernetes.io/zone", &zone);
    if control_plane {
        put("node-role.kubernetes.io/control-plane", "");
    }
    if rng.percent(50) {
        put(
            "node.kubernetes.io/lifecycle",
            if rng.percent(30) { "spot" } else { "on-demand" },
        );
    }
    if gpu {
        put("nvidia.com/gpu.present", "true");
    }
    let mut taints = Vec::new();
    if control_plane {
        taints
            .push(json!({"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}));
    }
    if gpu {
        taints.push(json!({"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}));
    }
    let unschedulable = rng.percent(1);
    if unschedulable {
        taints.push(
            json!({"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule",
                           "timeAdded": "2026-11-30T10:00:00Z"}),
        );
    }
    let not_ready = rng.percent(1);
    if not_ready {
        let key = if rng.percent(50) {
            "node.kubernetes.io/not-ready"
        } else {
            "node.kubernetes.io/unreachable"
        };
        taints
            .push(json!({"key": key, "effect": "NoSchedule", "timeAdded": "2026-11-30T10:00:00Z"}));
        taints
            .push(json!({"key": key, "effect": "NoExecute", "timeAdded": "2026-11-30T10:00:05Z"}));
    }
    if rng.percent(5) {
        taints.push(json!({"key": "dedicated", "value": rng.pick(TEAMS), "effect": "NoSchedule"}));
    }
    if rng.percent(5) {
        taints.push(json!({"key": "spot", "value": "true", "effect": "PreferNoSchedule"}));
    }
    let ready = if not_ready { "False" } else { "True" };
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "uid": format!("8f0c{index:08x}-1b2c-4d5e-8f90-{index:012x}"),
            "resourceVersion": format!("{}", 100000 + index),
            "creationTimestamp": "2026-10-01T00:00:00Z",
            "labels": labels,
            "annotations": {
                "node.alpha.kubernetes.io/ttl": "0",
                "volumes.kubernetes.io/controller-managed-attach-detach": "true"
            }
        },
        "spec": {
            "podCIDR": format!("10.{}.{}.0/24", (index >> 8) & 255, index & 255),
            "providerID": format!("aws:///{zone}/i-{index:017x}"),
            "taints": taints,
            "unschedulable": unschedulable
        },
        "status": {
            "addresses": [
                {"type": "InternalIP", "address": format!("10.0.{}.{}", (index >> 8) & 255, index & 255)},
                {"type": "Hostname", "address": name}
            ],
            "allocatable": {"cpu": "3920m", "memory": "15214976Ki", "ephemeral-storage": "95551679124", "pods": "110"},
            "capacity": {"cpu": "4", "memory": "16317440Ki", "ephemeral-storage": "103680Mi", "pods": "110"},
            "conditions": [
                {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory",
                 "lastHeartbeatTime": "2026-12-01T00:00:00Z", "lastTransitionTime": "2026-10-01T00:00:00Z"},
                {"type": "DiskPressure", "status": "False", "reason": "KubeletHasNoDiskPressure",
                 "lastHeartbeatTime": "2026-12-01T00:00:00Z", "lastTransitionTime": "2026-10-01T00:00:00Z"},
                {"type": "PIDPressure", "status": "False", "reason": "KubeletHasSufficientPID",
                 "lastHeartbeatTime": "2026-12-01T00:00:00Z", "lastTransitionTime": "2026-10-01T00:00:00Z"},
                {"type": "Ready", "status": ready, "reason": "KubeletReady",
                 "lastHeartbeatTime": "2026-12-01T00:00:00Z", "lastTransitionTime": "2026-10-01T00:00:00Z"}
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "nodeInfo": {
                "architecture": "amd64", "bootID": format!("b{index:07}"), "containerRuntimeVersion": "containerd://1.7.22",
                "kernelVersion": "6.1.0-21-cloud-amd64", "kubeProxyVersion": "v1.34.1", "kubeletVersion": "v1.34.1",
                "machineID": format!("m{index:07}"), "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)",
                "systemUUID": format!("s{index:07}")
            },
            "images": [
                {"names": ["registry.k8s.io/kube-proxy@sha256:4d3b", "registry.k8s.io/kube-proxy:v1.34.1"], "sizeBytes": 30_000_000},
                {"names": ["fluent/fluent-bit@sha256:9a1c", "fluent/fluent-bit:2.2.0"], "sizeBytes": 25_000_000},
                {"names": ["prom/node-exporter@sha256:77de", "prom/node-exporter:v1.7.0"], "sizeBytes": 11_000_000}
            ]
        }
    })
}

/// The tutorial's eight DaemonSets, as YAML text.
pub const TUTORIAL: &[&str] = &[
    include_str!("../fixtures/tutorial/basic-daemonset.yaml"),
    include_str!("../fixtures/tutorial/node-selector-daemonset.yaml"),
    include_str!("../fixtures/tutorial/node-affinity-daemonset.yaml"),
    include_str!("../fixtures/tutorial/tolerations-daemonset.yaml"),
    include_str!("../fixtures/tutorial/rolling-update-daemonset.yaml"),
    include_str!("../fixtures/tutorial/ondelete-daemonset.yaml"),
    include_str!("../fixtures/tutorial/host-access-daemonset.yaml"),
    include_str!("../fixtures/tutorial/monitoring-agent-daemonset.yaml"),
];

/// Daemon pods of the tutorial's `log-collector` (namespace `logging`)
/// mid-rollout: about one pod per node, mixed revisions (`new_hash` on 40%),
/// some unready, a few duplicates, failed pods and pods on missing nodes.
pub fn log_collector_pods_json(nodes: usize, new_hash: &str, rng: &mut Rng) -> Vec<Value> {
    let mut pods = Vec::with_capacity(nodes + nodes / 50);
    let mut counter = 0usize;
    let mut pod = |node: &str, hash: &str, phase: &str, ready: bool, rng: &mut Rng| {
        counter += 1;
        let created = format!(
            "2026-11-{:02}T{:02}:{:02}:00Z",
            1 + rng.below(28),
            rng.below(24),
            rng.below(60)
        );
        json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": format!("log-collector-{counter:06x}"),
                "namespace": "logging",
                "uid": format!("p-{counter:012x}"),
                "labels": {"app": "log-collector", "controller-revision-hash": hash, "pod-template-generation": "1"},
                "creationTimestamp": created,
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "log-collector",
                                     "uid": "log-collector-uid", "controller": true, "blockOwnerDeletion": true}]
            },
            "spec": {
                "nodeName": node,
                "containers": [{"name": "fluent-bit", "image": "fluent/fluent-bit:2.2.0",
                                "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}],
                "tolerations": [
                    {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"},
                    {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"}
                ]
            },
            "status": {
                "phase": phase,
                "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" },
                                "lastTransitionTime": created}]
            }
        })
    };
    for index in 0..nodes {
        let name = node_name(index);
        if rng.percent(2) {
            continue; // a node still without a pod
        }
        let hash = if rng.percent(40) {
            new_hash
        } else {
            "old-hash"
        };
        let phase = if rng.permille(5) { "Failed" } else { "Running" };
        let ready = phase == "Running" && !rng.percent(3);
        pods.push(pod(&name, hash, phase, ready, rng));
        if rng.permille(5) {
            pods.push(pod(&name, "old-hash", "Running", true, rng)); // a duplicate
        }
    }
    for gone in 0..(nodes / 500).max(1) {
        pods.push(pod(
            &format!("gone-{gone}"),
            "old-hash",
            "Running",
            true,
            rng,
        ));
    }
    pods
}

/// The whole inventory as one JSON `List` (nodes, then pods).
pub fn inventory_json(nodes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut items: Vec<Value> = (0..nodes).map(|i| node_json(i, &mut rng)).collect();
    items.extend(log_collector_pods_json(nodes, "new-hash", &mut rng));
    serde_json::to_string(&json!({"apiVersion": "v1", "kind": "List", "items": items})).unwrap()
}

/// The nodes alone as JSON `NodeList` text.
pub fn nodes_json(nodes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let items: Vec<Value> = (0..nodes).map(|i| node_json(i, &mut rng)).collect();
    serde_json::to_string(&json!({"apiVersion": "v1", "kind": "NodeList", "items": items})).unwrap()
}

/// The nodes alone as YAML: one document per node, block style.
pub fn nodes_yaml(nodes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    for index in 0..nodes {
        let node = node_json(index, &mut rng);
        out.push_str("---\n");
        out.push_str(&serde_saphyr::to_string(&node).unwrap());
    }
    out
}
