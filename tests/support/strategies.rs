//! proptest strategies: nodes with well-known and random labels, every taint
//! effect, tolerations of every shape, node selectors and affinity terms with
//! every operator (including `Gt`/`Lt`, unknown operators and malformed
//! values), matchFields, and daemon pods in every phase, readiness, revision
//! and deletion state, on present and missing nodes.

use daemonset_planner::model::{
    Affinity, ControllerRevision, DaemonSet, IntOrPercent, LabelSelector, Node, NodeAffinity,
    NodeSelector, NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta,
    OwnerReference, Pod, PodCondition, PodPhase, RollingUpdateDaemonSet, Taint, TaintEffect,
    Toleration, TolerationOperator, UpdateStrategyType,
};
use proptest::prelude::*;

pub const LABEL_KEYS: &[&str] = &["zone", "disk", "kubernetes.io/os", "tier", "gpu", "rank"];
pub const LABEL_VALUES: &[&str] = &[
    "a", "b", "ssd", "hdd", "1", "5", "10", "-1", "007", "", "linux",
];
pub const TAINT_KEYS: &[&str] = &[
    "node.kubernetes.io/not-ready",
    "node.kubernetes.io/unreachable",
    "node.kubernetes.io/unschedulable",
    "node.kubernetes.io/network-unavailable",
    "node.kubernetes.io/disk-pressure",
    "dedicated",
    "nvidia.com/gpu",
    "level",
];
pub const TAINT_VALUES: &[&str] = &["", "gpu", "GPU", "100", "200", "0200", "x"];
pub const NODE_NAMES: &[&str] = &["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7"];
pub const DS_NAME: &str = "ds";
pub const DS_UID: &str = "ds-uid";
pub const NAMESPACE: &str = "default";

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

pub fn effect() -> impl Strategy<Value = Option<TaintEffect>> {
    prop_oneof![
        Just(Some(TaintEffect::NoSchedule)),
        Just(Some(TaintEffect::NoExecute)),
        Just(Some(TaintEffect::PreferNoSchedule)),
        Just(None),
    ]
}

pub fn taint() -> impl Strategy<Value = Taint> {
    (pick(TAINT_KEYS), pick(TAINT_VALUES), effect()).prop_map(|(key, value, effect)| Taint {
        key,
        value,
        effect,
        time_added: None,
    })
}

pub fn labels() -> impl Strategy<Value = std::collections::BTreeMap<String, String>> {
    proptest::collection::btree_map(pick(LABEL_KEYS), pick(LABEL_VALUES), 0..5)
}

pub fn node(name: &'static str) -> impl Strategy<Value = Node> {
    (labels(), proptest::collection::vec(taint(), 0..3)).prop_map(move |(labels, taints)| {
        let mut node = Node::new(name, [], taints);
        node.metadata.labels = labels.into_iter().collect();
        node
    })
}

/// 1..=8 nodes with distinct names.
pub fn nodes() -> impl Strategy<Value = Vec<Node>> {
    (1..=NODE_NAMES.len()).prop_flat_map(|count| {
        NODE_NAMES[..count]
            .iter()
            .map(|name| node(name))
            .collect::<Vec<_>>()
    })
}

pub fn toleration_operator() -> impl Strategy<Value = TolerationOperator> {
    prop_oneof![
        4 => Just(TolerationOperator::Equal),
        4 => Just(TolerationOperator::Exists),
        1 => Just(TolerationOperator::Lt),
        1 => Just(TolerationOperator::Gt),
        1 => Just(TolerationOperator::Other("Equals".to_string())),
    ]
}

pub fn toleration() -> impl Strategy<Value = Toleration> {
    (
        prop_oneof![Just(String::new()), pick(TAINT_KEYS)],
        toleration_operator(),
        pick(TAINT_VALUES),
        effect(),
        proptest::option::of(0i64..600),
    )
        .prop_map(|(key, operator, value, effect, seconds)| Toleration {
            key,
            operator,
            value,
            effect,
            toleration_seconds: seconds,
        })
}

pub fn selector_operator() -> impl Strategy<Value = NodeSelectorOperator> {
    prop_oneof![
        3 => Just(NodeSelectorOperator::In),
        3 => Just(NodeSelectorOperator::NotIn),
        2 => Just(NodeSelectorOperator::Exists),
        2 => Just(NodeSelectorOperator::DoesNotExist),
        2 => Just(NodeSelectorOperator::Gt),
        2 => Just(NodeSelectorOperator::Lt),
        1 => Just(NodeSelectorOperator::Other("Foo".to_string())),
    ]
}

pub fn requirement() -> impl Strategy<Value = NodeSelectorRequirement> {
    (
        pick(LABEL_KEYS),
        selector_operator(),
        proptest::collection::vec(pick(LABEL_VALUES), 0..3),
    )
        .prop_map(|(key, operator, values)| NodeSelectorRequirement {
            key,
            operator,
            values,
        })
}

pub fn field_requirement() -> impl Strategy<Value = NodeSelectorRequirement> {
    (
        prop_oneof![4 => Just("metadata.name".to_string()), 1 => Just("spec.other".to_string())],
        prop_oneof![
            Just(NodeSelectorOperator::In),
            Just(NodeSelectorOperator::NotIn),
            Just(NodeSelectorOperator::Exists)
        ],
        proptest::collection::vec(pick(NODE_NAMES), 0..3),
    )
        .prop_map(|(key, operator, values)| NodeSelectorRequirement {
            key,
            operator,
            values,
        })
}

pub fn term() -> impl Strategy<Value = NodeSelectorTerm> {
    (
        proptest::collection::vec(requirement(), 0..3),
        proptest::collection::vec(field_requirement(), 0..2),
    )
        .prop_map(|(match_expressions, match_fields)| NodeSelectorTerm {
            match_expressions,
            match_fields,
        })
}

pub fn affinity() -> impl Strategy<Value = Option<Affinity>> {
    proptest::option::weighted(
        0.6,
        proptest::collection::vec(term(), 0..3).prop_map(|terms| Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: terms,
                }),
                preferred_during_scheduling_ignored_during_execution: Vec::new(),
            }),
            pod_affinity: None,
            pod_anti_affinity: None,
        }),
    )
}

/// The rolling-update parameters, valid and (validation bypassed) invalid.
pub fn strategy() -> impl Strategy<Value = (UpdateStrategyType, Option<RollingUpdateDaemonSet>)> {
    let int_or_percent = prop_oneof![
        (0i32..4).prop_map(IntOrPercent::Int),
        proptest::sample::select(&["0%", "10%", "25%", "50%", "100%"][..])
            .prop_map(|s| IntOrPercent::Str(s.to_string())),
    ];
    prop_oneof![
        4 => (int_or_percent.clone(), int_or_percent).prop_map(|(unavailable, surge)| {
            (UpdateStrategyType::RollingUpdate, Some(RollingUpdateDaemonSet {
                max_unavailable: Some(unavailable),
                max_surge: Some(surge),
            }))
        }),
        1 => Just((UpdateStrategyType::OnDelete, None)),
    ]
}

/// A DaemonSet with random placement rules and strategy. Its template
/// generation is 2; pods labelled `pod-template-generation: 2` are current.
pub fn daemon_set() -> impl Strategy<Value = DaemonSet> {
    (
        proptest::collection::btree_map(pick(LABEL_KEYS), pick(LABEL_VALUES), 0..3),
        affinity(),
        proptest::collection::vec(toleration(), 0..4),
        any::<bool>(),
        strategy(),
        prop_oneof![3 => Just(0i32), 1 => 1i32..30],
        proptest::option::weighted(0.1, pick(NODE_NAMES)),
    )
        .prop_map(
            |(
                node_selector,
                affinity,
                tolerations,
                host_network,
                (type_, rolling),
                min_ready,
                node_name,
            )| {
                let mut ds = DaemonSet::default();
                ds.metadata.name = DS_NAME.to_string();
                ds.metadata.namespace = NAMESPACE.to_string();
                ds.metadata.uid = DS_UID.to_string();
                ds.metadata.annotations.insert(
                    "deprecated.daemonset.template.generation".to_string(),
                    "2".to_string(),
                );
                ds.spec.selector = Some(LabelSelector {
                    match_labels: [("app".to_string(), "ds".to_string())]
                        .into_iter()
                        .collect(),
                    match_expressions: Vec::new(),
                });
                ds.spec.template.metadata.labels = [("app".to_string(), "ds".to_string())]
                    .into_iter()
                    .collect();
                let spec = &mut ds.spec.template.spec;
                spec.node_selector = node_selector.into_iter().collect();
                spec.affinity = affinity;
                spec.tolerations = tolerations;
                spec.host_network = host_network;
                spec.node_name = node_name.unwrap_or_default();
                ds.spec.update_strategy.type_ = Some(type_);
                ds.spec.update_strategy.rolling_update = rolling;
                ds.spec.min_ready_seconds = min_ready;
                ds
            },
        )
}

/// The instant tests plan at.
pub fn now() -> jiff::Timestamp {
    "2026-06-01T12:00:00Z".parse().expect("valid timestamp")
}

fn at(seconds_before_now: i64) -> jiff::Timestamp {
    now() - jiff::SignedDuration::from_secs(seconds_before_now)
}

/// How a pod names its node.
#[derive(Debug, Clone)]
pub enum Binding {
    Bound(String),
    Affinity(String),
    Nowhere,
}

pub fn pod(index: usize) -> impl Strategy<Value = Pod> {
    let node = prop_oneof![
        8 => pick(NODE_NAMES),
        1 => Just("gone".to_string()),
    ];
    let binding = (node, 0..10u8).prop_map(|(node, roll)| match roll {
        0..=6 => Binding::Bound(node),
        7 | 8 => Binding::Affinity(node),
        _ => Binding::Nowhere,
    });
    let phase = prop_oneof![
        6 => Just(Some(PodPhase::Running)),
        2 => Just(Some(PodPhase::Pending)),
        1 => Just(Some(PodPhase::Failed)),
        1 => Just(Some(PodPhase::Succeeded)),
        1 => Just(None),
    ];
    let ownership = prop_oneof![
        8 => Just("owned"),
        1 => Just("orphan"),
        1 => Just("other-owner"),
        1 => Just("unlabelled"),
    ];
    (
        binding,
        phase,
        any::<bool>(),
        0i64..120,
        0i64..3600,
        prop_oneof![2 => Just(None), 2 => Just(Some("1")), 3 => Just(Some("2"))],
        proptest::option::weighted(0.15, 0i64..60),
        ownership,
    )
        .prop_map(
            move |(binding, phase, ready, ready_for, age, generation, deleting, ownership)| {
                let mut meta = ObjectMeta {
                    name: format!("ds-pod-{index:02}"),
                    namespace: NAMESPACE.to_string(),
                    creation_timestamp: Some(at(age)),
                    deletion_timestamp: deleting.map(at),
                    ..ObjectMeta::default()
                };
                if ownership != "unlabelled" {
                    meta.labels.insert("app".to_string(), "ds".to_string());
                }
                if let Some(generation) = generation {
                    meta.labels.insert(
                        "pod-template-generation".to_string(),
                        generation.to_string(),
                    );
                }
                if ownership != "orphan" {
                    let uid = if ownership == "other-owner" {
                        "other-uid"
                    } else {
                        DS_UID
                    };
                    meta.owner_references.push(OwnerReference {
                        api_version: "apps/v1".to_string(),
                        kind: "DaemonSet".to_string(),
                        name: DS_NAME.to_string(),
                        uid: uid.to_string(),
                        controller: Some(true),
                        block_owner_deletion: Some(true),
                    });
                }
                let mut pod = Pod {
                    metadata: meta,
                    ..Pod::default()
                };
                match binding {
                    Binding::Bound(node) => pod.spec.node_name = node,
                    Binding::Affinity(node) => {
                        pod.spec.affinity = Some(Affinity {
                            node_affinity: Some(NodeAffinity {
                                required_during_scheduling_ignored_during_execution: Some(
                                    NodeSelector {
                                        node_selector_terms: vec![NodeSelectorTerm {
                                            match_expressions: Vec::new(),
                                            match_fields: vec![NodeSelectorRequirement {
                                                key: "metadata.name".to_string(),
                                                operator: NodeSelectorOperator::In,
                                                values: vec![node],
                                            }],
                                        }],
                                    },
                                ),
                                preferred_during_scheduling_ignored_during_execution: Vec::new(),
                            }),
                            pod_affinity: None,
                            pod_anti_affinity: None,
                        });
                    }
                    Binding::Nowhere => {}
                }
                pod.status.phase = phase;
                pod.status.conditions.push(PodCondition {
                    type_: "Ready".to_string(),
                    status: if ready { "True" } else { "False" }.to_string(),
                    last_transition_time: Some(at(ready_for)),
                });
                pod
            },
        )
}

pub fn pods() -> impl Strategy<Value = Vec<Pod>> {
    (0usize..14).prop_flat_map(|count| (0..count).map(pod).collect::<Vec<_>>())
}

/// A whole scenario: DaemonSet, nodes, pods (no revisions: the hash is the
/// crate's computed one, and currency is decided by the generation label).
pub fn scenario() -> impl Strategy<Value = (DaemonSet, Vec<Node>, Vec<Pod>)> {
    (daemon_set(), nodes(), pods())
}

/// No ControllerRevisions.
pub fn no_revisions() -> Vec<ControllerRevision> {
    Vec::new()
}
