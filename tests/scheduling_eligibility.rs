//! `NodeShouldRunDaemonPod` through the public `Placement` API, translated from
//! upstream's tests:
//!
//! - `pkg/controller/daemon/daemon_controller_test.go` `TestNodeShouldRunDaemonPod`
//!   (every case, for both update strategies, as upstream loops);
//! - its single-purpose neighbours in the same file (`TestSelectorDaemonLaunchesPods`,
//!   `TestTaintedNodeDaemonDoesNotLaunchIntolerantPod`, `TestNotReadyNodeDaemonLaunchesPod`,
//!   ...), whose expected create/delete counts are restated as the per-node
//!   `(shouldRun, shouldContinueRunning)` that produce them;
//! - `SEMANTICS.md` §11 cases 1-25 (named "SEMANTICS §11 case N").
//!
//! Every expected boolean is upstream's (or SEMANTICS'). For ineligible nodes
//! the tests also assert the reason codes and that each message names the
//! label, expression or taint (`key=value:Effect`) that failed.

use daemonset_planner::model::{DaemonSet, Node};
use daemonset_planner::scheduling::{
    Eligibility, EligibilityOptions, Placement, ReasonCode, TAINT_NODE_NOT_READY,
};
use serde_json::{Value, json};

use ReasonCode::{
    NodeAffinityMismatch as Affinity, NodeNameMismatch as NodeName,
    NodeSelectorMismatch as Selector, UntoleratedTaint as Taint,
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// daemon_controller_test.go `simpleDaemonSetLabel`.
const SIMPLE_DAEMON_SET_LABEL: &[(&str, &str)] =
    &[("name", "simple-daemon"), ("type", "production")];
/// daemon_controller_test.go `simpleNodeLabel`.
const SIMPLE_NODE_LABEL: &[(&str, &str)] = &[("color", "blue"), ("speed", "fast")];

/// The two strategies upstream's `updateStrategies()` loops over.
fn update_strategies() -> [Value; 2] {
    [
        json!({"type": "OnDelete"}),
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}}),
    ]
}

/// A DaemonSet (`newDaemonSet`-like: selector and template labels
/// `simpleDaemonSetLabel`) with the given template spec and update strategy.
#[track_caller]
fn daemon_set_with(template_spec: Value, strategy: Value) -> DaemonSet {
    serde_json::from_value(json!({
        "metadata": {"name": "foo", "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": {"name": "simple-daemon", "type": "production"}},
            "updateStrategy": strategy,
            "template": {
                "metadata": {"labels": {"name": "simple-daemon", "type": "production"}},
                "spec": template_spec,
            },
        },
    }))
    .expect("DaemonSet JSON")
}

#[track_caller]
fn daemon_set(template_spec: Value) -> DaemonSet {
    daemon_set_with(template_spec, json!({"type": "RollingUpdate"}))
}

#[track_caller]
fn placement(template_spec: Value) -> Placement {
    Placement::compile(&daemon_set(template_spec), EligibilityOptions::default())
}

/// A node from its Kubernetes JSON.
#[track_caller]
fn node_json(value: Value) -> Node {
    serde_json::from_value(value).expect("Node JSON")
}

/// A node with a name, labels and taints in kubectl spelling (`key=value:Effect`).
#[track_caller]
fn node(name: &str, labels: &[(&str, &str)], taints: &[&str]) -> Node {
    let taints = taints
        .iter()
        .map(|t| t.parse().expect("taint spec"))
        .collect();
    Node::new(name, labels.iter().copied(), taints)
}

/// `newNode(name, nil)` for `node-{from}`..`node-{to-1}` with `labels`.
fn nodes(from: usize, to: usize, labels: &[(&str, &str)]) -> Vec<Node> {
    (from..to)
        .map(|i| node(&format!("node-{i}"), labels, &[]))
        .collect()
}

/// `resourcePodSpec(nodeName, memory, cpu)` of daemon_controller_test.go.
fn resource_pod_spec(node_name: &str, memory: &str, cpu: &str) -> Value {
    json!({
        "nodeName": node_name,
        "containers": [{"resources": {"requests": {"memory": memory, "cpu": cpu, "pods": "100"}}}],
    })
}

/// Asserts `(shouldRun, shouldContinueRunning)`, that `evaluate` agrees, and
/// that the reasons carry exactly `reasons`' codes with messages naming the
/// listed fragments (no reasons when the node is eligible).
#[track_caller]
fn check(
    name: &str,
    placement: &Placement,
    node: &Node,
    want: (bool, bool),
    reasons: &[(ReasonCode, &[&str])],
) -> Eligibility {
    assert_eq!(placement.should_run(node), want, "{name}: should_run");
    let eligibility = placement.evaluate(node);
    assert_eq!(
        (eligibility.should_run, eligibility.should_continue_running),
        want,
        "{name}: evaluate"
    );
    let mut got: Vec<ReasonCode> = eligibility.reasons.iter().map(|r| r.code).collect();
    got.sort();
    let mut expected: Vec<ReasonCode> = reasons.iter().map(|(code, _)| *code).collect();
    expected.sort();
    assert_eq!(
        got, expected,
        "{name}: reason codes {:?}",
        eligibility.reasons
    );
    for (code, fragments) in reasons {
        let reason = eligibility
            .reasons
            .iter()
            .find(|r| r.code == *code)
            .expect("reason present");
        for fragment in *fragments {
            assert!(
                reason.message.contains(fragment),
                "{name}: {code:?} message {:?} should name {fragment:?}",
                reason.message
            );
        }
    }
    eligibility
}

// ---------------------------------------------------------------------------
// daemon_controller_test.go: TestNodeShouldRunDaemonPod
// ---------------------------------------------------------------------------

struct ShouldRunCase {
    predicate_name: &'static str,
    template_spec: Value,
    node_unschedulable: bool,
    should_run: bool,
    should_continue_running: bool,
    reasons: &'static [(ReasonCode, &'static [&'static str])],
}

/// daemon_controller_test.go `TestNodeShouldRunDaemonPod`. The node is
/// `newNode("test-node", simpleDaemonSetLabel)` with allocatable 100M memory and
/// 1 CPU. Upstream's `podsOnNode` column (pods with host port 666 and resource
/// requests already on the node) is left out: `NodeShouldRunDaemonPod` never
/// looks at them (SEMANTICS §3.1 E7), which is exactly what those rows assert.
#[test]
fn upstream_test_node_should_run_daemon_pod() {
    let cases = vec![
        ShouldRunCase {
            predicate_name: "ShouldRunDaemonPod",
            template_spec: resource_pod_spec("", "50M", "0.5"),
            node_unschedulable: false,
            should_run: true,
            should_continue_running: true,
            reasons: &[],
        },
        ShouldRunCase {
            predicate_name: "InsufficientResourceError",
            template_spec: resource_pod_spec("", "200M", "0.5"),
            node_unschedulable: false,
            should_run: true,
            should_continue_running: true,
            reasons: &[],
        },
        ShouldRunCase {
            predicate_name: "ErrPodNotMatchHostName",
            template_spec: resource_pod_spec("other-node", "50M", "0.5"),
            node_unschedulable: false,
            should_run: false,
            should_continue_running: false,
            reasons: &[(NodeName, &["other-node"])],
        },
        ShouldRunCase {
            // podsOnNode: a pod with hostPort 666.
            predicate_name: "ErrPodNotFitsHostPorts",
            template_spec: json!({"containers": [{"ports": [{"hostPort": 666}]}]}),
            node_unschedulable: false,
            should_run: true,
            should_continue_running: true,
            reasons: &[],
        },
        ShouldRunCase {
            // podsOnNode: a pod with hostPort 666 requesting 50M / 0.5 CPU.
            // "This is because we don't care about the resource constraints any
            // more and let default scheduler handle it."
            predicate_name: "InsufficientResourceError",
            template_spec: resource_pod_spec("", "100M", "0.5"),
            node_unschedulable: false,
            should_run: true,
            should_continue_running: true,
            reasons: &[],
        },
        ShouldRunCase {
            // podsOnNode: a pod with hostPort 666 requesting 50M / 0.5 CPU.
            predicate_name: "ShouldRunDaemonPod",
            template_spec: resource_pod_spec("", "50M", "0.5"),
            node_unschedulable: false,
            should_run: true,
            should_continue_running: true,
            reasons: &[],
        },
        ShouldRunCase {
            // NodeSelector: simpleDaemonSetLabel2.
            predicate_name: "ErrNodeSelectorNotMatch",
            template_spec: json!({"nodeSelector": {"name": "simple-daemon", "type": "test"}}),
            node_unschedulable: false,
            should_run: false,
            should_continue_running: false,
            reasons: &[(Selector, &["type=test", "type=production"])],
        },
        ShouldRunCase {
            predicate_name: "ShouldRunDaemonPod",
            template_spec: json!({"nodeSelector": {"name": "simple-daemon", "type": "production"}}),
            node_unschedulable: false,
            should_run: true,
            should_continue_running: true,
            reasons: &[],
        },
        ShouldRunCase {
            predicate_name: "ErrPodAffinityNotMatch",
            template_spec: json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [{"matchExpressions": [
                    {"key": "type", "operator": "In", "values": ["test"]}
                ]}]
            }}}}),
            node_unschedulable: false,
            should_run: false,
            should_continue_running: false,
            reasons: &[(Affinity, &["type", "In", "test"])],
        },
        ShouldRunCase {
            predicate_name: "ShouldRunDaemonPod",
            template_spec: json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [{"matchExpressions": [
                    {"key": "type", "operator": "In", "values": ["production"]}
                ]}]
            }}}}),
            node_unschedulable: false,
            should_run: true,
            should_continue_running: true,
            reasons: &[],
        },
        ShouldRunCase {
            predicate_name: "ShouldRunDaemonPodOnUnschedulableNode",
            template_spec: resource_pod_spec("", "50M", "0.5"),
            node_unschedulable: true,
            should_run: true,
            should_continue_running: true,
            reasons: &[],
        },
    ];
    assert_eq!(cases.len(), 11, "every upstream case is translated");
    for (i, case) in cases.into_iter().enumerate() {
        // newNode("test-node", simpleDaemonSetLabel), allocatableResources("100M", "1").
        let mut test_node = node("test-node", SIMPLE_DAEMON_SET_LABEL, &[]);
        test_node.spec.unschedulable = case.node_unschedulable;
        test_node.status = serde_json::from_value(json!({
            "conditions": [{"type": "Ready", "status": "True"}],
            "allocatable": {"memory": "100M", "cpu": "1", "pods": "100"},
        }))
        .expect("NodeStatus JSON");
        for strategy in update_strategies() {
            let ds = daemon_set_with(case.template_spec.clone(), strategy.clone());
            let placement = Placement::compile(&ds, EligibilityOptions::default());
            check(
                &format!("[{i}] {} ({strategy})", case.predicate_name),
                &placement,
                &test_node,
                (case.should_run, case.should_continue_running),
                case.reasons,
            );
        }
    }
}

// ---------------------------------------------------------------------------
// daemon_controller_test.go: single-node neighbours of TestNodeShouldRunDaemonPod
// ---------------------------------------------------------------------------

struct SingleNodeCase {
    /// The upstream test function.
    test: &'static str,
    template_spec: Value,
    node: Node,
    /// The expected creates/deletes restated as (shouldRun, shouldContinueRunning).
    want: (bool, bool),
    reasons: &'static [(ReasonCode, &'static [&'static str])],
}

/// Upstream tests that sync one DaemonSet against one node and count creates
/// and deletes. A create on an empty node means shouldRun; no delete of an
/// existing pod means shouldContinueRunning; a delete means not.
#[test]
fn upstream_daemon_controller_single_node_tests() {
    // daemon_controller_test.go fixtures.
    let no_schedule_tolerations =
        json!([{"key": "dedicated", "value": "user1", "effect": "NoSchedule"}]);
    let no_schedule_taint = "dedicated=user1:NoSchedule";
    let no_execute_taint = "dedicated=user1:NoExecute";
    let tainted_json = |key: &str| {
        node_json(json!({
            "metadata": {"name": "tainted"},
            "spec": {"taints": [{"key": key, "effect": "NoExecute", "timeAdded": "2026-01-01T00:00:00Z"}]},
        }))
    };
    let cases = vec![
        SingleNodeCase {
            // 0 creates on a node tainted dedicated=user1:NoSchedule.
            test: "TestTaintedNodeDaemonDoesNotLaunchIntolerantPod",
            template_spec: json!({}),
            node: node("tainted", &[], &[no_schedule_taint]),
            want: (false, true),
            reasons: &[(Taint, &["dedicated=user1:NoSchedule"])],
        },
        SingleNodeCase {
            // An existing pod on the NoSchedule-tainted node: 0 deletes.
            test: "TestNoScheduleTaintedDoesntEvicitRunningIntolerantPod",
            template_spec: json!({}),
            node: node("tainted", &[], &[no_schedule_taint]),
            want: (false, true),
            reasons: &[(Taint, &["dedicated=user1:NoSchedule"])],
        },
        SingleNodeCase {
            // An existing pod on the NoExecute-tainted node: 1 delete.
            test: "TestNoExecuteTaintedDoesEvicitRunningIntolerantPod",
            template_spec: json!({}),
            node: node("tainted", &[], &[no_execute_taint]),
            want: (false, false),
            reasons: &[(Taint, &["dedicated=user1:NoExecute"])],
        },
        SingleNodeCase {
            test: "TestTaintedNodeDaemonLaunchesToleratePod",
            template_spec: json!({"tolerations": no_schedule_tolerations}),
            node: node("tainted", &[], &[no_schedule_taint]),
            want: (true, true),
            reasons: &[],
        },
        SingleNodeCase {
            test: "TestNodeDaemonLaunchesToleratePod",
            template_spec: json!({"tolerations": no_schedule_tolerations}),
            node: node("node-0", &[], &[]),
            want: (true, true),
            reasons: &[],
        },
        SingleNodeCase {
            // nodeNotReady: not-ready:NoExecute with timeAdded; Ready=False.
            test: "TestNotReadyNodeDaemonLaunchesPod",
            template_spec: json!({}),
            node: tainted_json("node.kubernetes.io/not-ready"),
            want: (true, true),
            reasons: &[],
        },
        SingleNodeCase {
            // nodeUnreachable: unreachable:NoExecute with timeAdded; Ready=Unknown.
            test: "TestUnreachableNodeDaemonLaunchesPod",
            template_spec: json!({}),
            node: tainted_json("node.kubernetes.io/unreachable"),
            want: (true, true),
            reasons: &[],
        },
        SingleNodeCase {
            // setDaemonSetCritical: kube-system namespace and system-critical
            // priority; neither matters to eligibility.
            test: "TestTaintPressureNodeDaemonLaunchesPod",
            template_spec: json!({"priority": 2000001000}),
            node: node(
                "resources-pressure",
                &[],
                &[
                    "node.kubernetes.io/disk-pressure:NoSchedule",
                    "node.kubernetes.io/memory-pressure:NoSchedule",
                    "node.kubernetes.io/pid-pressure:NoSchedule",
                ],
            ),
            want: (true, true),
            reasons: &[],
        },
        SingleNodeCase {
            // Only the NetworkUnavailable condition, no taint.
            test: "TestNetworkUnavailableNodeDaemonLaunchesPod",
            template_spec: json!({}),
            node: node_json(json!({
                "metadata": {"name": "network-unavailable"},
                "status": {"conditions": [{"type": "NetworkUnavailable", "status": "True"}]},
            })),
            want: (true, true),
            reasons: &[],
        },
        SingleNodeCase {
            // A non-daemon pod already uses most of the node: 1 create anyway.
            test: "TestInsufficientCapacityNodeDaemonDoesNotUnscheduleRunningPod",
            template_spec: {
                let mut spec = resource_pod_spec("too-much-mem", "75M", "75m");
                spec["nodeName"] = json!("too-much-mem");
                spec
            },
            node: node_json(json!({
                "metadata": {"name": "too-much-mem"},
                "status": {"allocatable": {"memory": "100M", "cpu": "200m", "pods": "100"}},
            })),
            want: (true, true),
            reasons: &[],
        },
        SingleNodeCase {
            // The daemon pod itself holds host port 666: 0 creates, 0 deletes.
            test: "TestPortConflictWithSameDaemonPodDoesNotDeletePod",
            template_spec: json!({"nodeName": "port-conflict", "containers": [{"ports": [{"hostPort": 666}]}]}),
            node: node("port-conflict", &[], &[]),
            want: (true, true),
            reasons: &[],
        },
        SingleNodeCase {
            test: "TestNoPortConflictNodeDaemonLaunchesPod",
            template_spec: json!({"nodeName": "no-port-conflict", "containers": [{"ports": [{"hostPort": 6662}]}]}),
            node: node("no-port-conflict", &[], &[]),
            want: (true, true),
            reasons: &[],
        },
    ];
    for case in cases {
        for strategy in update_strategies() {
            let ds = daemon_set_with(case.template_spec.clone(), strategy.clone());
            let placement = Placement::compile(&ds, EligibilityOptions::default());
            check(
                &format!("{} ({strategy})", case.test),
                &placement,
                &case.node,
                case.want,
                case.reasons,
            );
        }
    }
}

// ---------------------------------------------------------------------------
// daemon_controller_test.go: multi-node neighbours
// ---------------------------------------------------------------------------

struct MultiNodeCase {
    test: &'static str,
    template_spec: Value,
    nodes: Vec<Node>,
    /// Nodes with shouldRun; every other node is (false, false).
    eligible: &'static [&'static str],
    /// Codes an ineligible node's reasons may carry (at least one of them).
    ineligible_codes: &'static [ReasonCode],
}

/// Upstream tests over several nodes. With no daemon pods yet, the number of
/// creates is the number of eligible nodes; in the tests with existing pods,
/// the deletions on unselected nodes mean those nodes are (false, false).
#[test]
fn upstream_daemon_controller_multi_node_tests() {
    let simple_node_selector = json!({"color": "blue", "speed": "fast"});
    let four_plain_three_labelled = || [nodes(0, 4, &[]), nodes(4, 7, SIMPLE_NODE_LABEL)].concat();
    let five_plain_five_labelled = || [nodes(0, 5, &[]), nodes(5, 10, SIMPLE_NODE_LABEL)].concat();
    let cases = vec![
        MultiNodeCase {
            test: "TestSelectorDaemonLaunchesPods (3 creates)",
            template_spec: json!({"nodeSelector": simple_node_selector}),
            nodes: four_plain_three_labelled(),
            eligible: &["node-4", "node-5", "node-6"],
            ineligible_codes: &[Selector],
        },
        MultiNodeCase {
            test: "TestSelectorDaemonSetLaunchesPods (3 creates)",
            template_spec: json!({"nodeSelector": simple_node_selector}),
            nodes: four_plain_three_labelled(),
            eligible: &["node-4", "node-5", "node-6"],
            ineligible_codes: &[Selector],
        },
        MultiNodeCase {
            // simpleNodeLabel2 = {color: red, speed: fast}.
            test: "TestBadSelectorDaemonDoesNothing (0 creates)",
            template_spec: json!({"nodeSelector": {"color": "red", "speed": "fast"}}),
            nodes: four_plain_three_labelled(),
            eligible: &[],
            ineligible_codes: &[Selector],
        },
        MultiNodeCase {
            test: "TestNameDaemonSetLaunchesPods (1 create)",
            template_spec: json!({"nodeName": "node-0"}),
            nodes: nodes(0, 5, &[]),
            eligible: &["node-0"],
            ineligible_codes: &[NodeName],
        },
        MultiNodeCase {
            test: "TestBadNameDaemonSetDoesNothing (0 creates)",
            template_spec: json!({"nodeName": "node-10"}),
            nodes: nodes(0, 5, &[]),
            eligible: &[],
            ineligible_codes: &[NodeName],
        },
        MultiNodeCase {
            test: "TestNameAndSelectorDaemonSetLaunchesPods (1 create)",
            template_spec: json!({"nodeSelector": simple_node_selector, "nodeName": "node-6"}),
            nodes: four_plain_three_labelled(),
            eligible: &["node-6"],
            ineligible_codes: &[NodeName, Selector],
        },
        MultiNodeCase {
            test: "TestInconsistentNameSelectorDaemonSetDoesNothing (0 creates)",
            template_spec: json!({"nodeSelector": simple_node_selector, "nodeName": "node-0"}),
            nodes: four_plain_three_labelled(),
            eligible: &[],
            ineligible_codes: &[NodeName, Selector],
        },
        MultiNodeCase {
            test: "TestNodeAffinityDaemonLaunchesPods (3 creates)",
            template_spec: json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
                "nodeSelectorTerms": [{"matchExpressions": [
                    {"key": "color", "operator": "In", "values": ["blue"]}
                ]}]
            }}}}),
            nodes: four_plain_three_labelled(),
            eligible: &["node-4", "node-5", "node-6"],
            ineligible_codes: &[Affinity],
        },
        MultiNodeCase {
            // 5 creates on node-5..9; pods on node-1 and node-4 deleted.
            test: "TestSelectorDaemonDeletesUnselectedPods (5 creates, 4 deletes)",
            template_spec: json!({"nodeSelector": simple_node_selector}),
            nodes: five_plain_five_labelled(),
            eligible: &["node-5", "node-6", "node-7", "node-8", "node-9"],
            ineligible_codes: &[Selector],
        },
        MultiNodeCase {
            // Pods on node-0..2 (unselected) all deleted.
            test: "TestSelectorDaemonDealsWithExistingPods (3 creates, 20 deletes)",
            template_spec: json!({"nodeSelector": simple_node_selector}),
            nodes: five_plain_five_labelled(),
            eligible: &["node-5", "node-6", "node-7", "node-8", "node-9"],
            ineligible_codes: &[Selector],
        },
        MultiNodeCase {
            test: "TestInsufficientCapacityNodeSufficientCapacityWithNodeLabelDaemonLaunchPod (1 create)",
            template_spec: {
                let mut spec = resource_pod_spec("", "50M", "75m");
                spec.as_object_mut().expect("object").remove("nodeName");
                spec["nodeSelector"] = simple_node_selector.clone();
                spec
            },
            nodes: vec![
                node_json(json!({
                    "metadata": {"name": "not-enough-resource"},
                    "status": {"allocatable": {"memory": "10M", "cpu": "20m", "pods": "100"}},
                })),
                node_json(json!({
                    "metadata": {"name": "enough-resource", "labels": {"color": "blue", "speed": "fast"}},
                    "status": {"allocatable": {"memory": "100M", "cpu": "200m", "pods": "100"}},
                })),
            ],
            eligible: &["enough-resource"],
            ineligible_codes: &[Selector],
        },
    ];
    for case in cases {
        for strategy in update_strategies() {
            let ds = daemon_set_with(case.template_spec.clone(), strategy.clone());
            let placement = Placement::compile(&ds, EligibilityOptions::default());
            let got: Vec<&str> = case
                .nodes
                .iter()
                .filter(|n| placement.should_run(n).0)
                .map(Node::name)
                .collect();
            assert_eq!(got, case.eligible, "{} ({strategy})", case.test);
            for n in &case.nodes {
                let eligibility = placement.evaluate(n);
                if case.eligible.contains(&n.name()) {
                    assert_eq!(
                        placement.should_run(n),
                        (true, true),
                        "{}: {}",
                        case.test,
                        n.name()
                    );
                    assert!(
                        eligibility.reasons.is_empty(),
                        "{}: {}",
                        case.test,
                        n.name()
                    );
                } else {
                    assert_eq!(
                        placement.should_run(n),
                        (false, false),
                        "{}: {}",
                        case.test,
                        n.name()
                    );
                    assert!(
                        !eligibility.reasons.is_empty(),
                        "{}: {}",
                        case.test,
                        n.name()
                    );
                    for reason in &eligibility.reasons {
                        assert!(
                            case.ineligible_codes.contains(&reason.code),
                            "{}: {}: unexpected {reason:?}",
                            case.test,
                            n.name()
                        );
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// SEMANTICS §11 cases 1-25
// ---------------------------------------------------------------------------

struct Row {
    name: &'static str,
    template_spec: Value,
    /// `TaintTolerationComparisonOperators`.
    gate: bool,
    node: Node,
    want: (bool, bool),
    reasons: &'static [(ReasonCode, &'static [&'static str])],
}

fn required(terms: Value) -> Value {
    json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": terms
    }}}})
}

fn one_expression(key: &str, operator: &str, values: &[&str]) -> Value {
    required(json!([{"matchExpressions": [{"key": key, "operator": operator, "values": values}]}]))
}

fn one_field(operator: &str, values: &[&str]) -> Value {
    required(
        json!([{"matchFields": [{"key": "metadata.name", "operator": operator, "values": values}]}]),
    )
}

fn semantics_rows() -> Vec<Row> {
    let plain = || node("n1", &[], &[]);
    let gt_100 = json!({"tolerations": [{"key": "level", "operator": "Gt", "value": "100", "effect": "NoSchedule"}]});
    let lt_300 = json!({"tolerations": [{"key": "level", "operator": "Lt", "value": "300", "effect": "NoSchedule"}]});
    vec![
        Row {
            name: "SEMANTICS §11 case 1: untolerated PreferNoSchedule is ignored",
            template_spec: json!({}),
            gate: false,
            node: node("n1", &[], &["dedicated=gpu:PreferNoSchedule"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 2: untolerated NoSchedule -> (false, true)",
            template_spec: json!({}),
            gate: false,
            node: node("n1", &[], &["k=v:NoSchedule"]),
            want: (false, true),
            reasons: &[(Taint, &["k=v:NoSchedule"])],
        },
        Row {
            name: "SEMANTICS §11 case 3: untolerated NoExecute -> (false, false)",
            template_spec: json!({}),
            gate: false,
            node: node("n1", &[], &["k=v:NoExecute"]),
            want: (false, false),
            reasons: &[(Taint, &["k=v:NoExecute"])],
        },
        Row {
            name: "SEMANTICS §11 case 4: {operator: Exists} tolerates every taint",
            template_spec: json!({"tolerations": [{"operator": "Exists"}]}),
            gate: false,
            node: node(
                "n1",
                &[],
                &[
                    "k=v:NoSchedule",
                    "k=v:NoExecute",
                    "other:NoExecute",
                    "node.kubernetes.io/not-ready:NoSchedule",
                    "node.kubernetes.io/unreachable:NoSchedule",
                ],
            ),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 5: {key: k, operator: Exists} tolerates k:NoSchedule",
            template_spec: json!({"tolerations": [{"key": "k", "operator": "Exists"}]}),
            gate: false,
            node: node("n1", &[], &["k:NoSchedule"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 5: {key: k, operator: Exists} tolerates k:NoExecute",
            template_spec: json!({"tolerations": [{"key": "k", "operator": "Exists"}]}),
            gate: false,
            node: node("n1", &[], &["k:NoExecute"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 6: value V does not tolerate k=v",
            template_spec: json!({"tolerations": [{"key": "k", "value": "V"}]}),
            gate: false,
            node: node("n1", &[], &["k=v:NoSchedule"]),
            want: (false, true),
            reasons: &[(Taint, &["k=v:NoSchedule"])],
        },
        Row {
            name: "SEMANTICS §11 case 7: Equal \"\" tolerates k with empty value",
            template_spec: json!({"tolerations": [{"key": "k", "operator": "Equal", "value": ""}]}),
            gate: false,
            node: node("n1", &[], &["k:NoSchedule", "k:NoExecute"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 8: NoExecute tolerated with tolerationSeconds 60",
            template_spec: json!({"tolerations": [
                {"key": "k", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 60}
            ]}),
            gate: false,
            node: node("n1", &[], &["k=v:NoExecute"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 9: not-ready:NoExecute only -> eligible",
            template_spec: json!({}),
            gate: false,
            node: node("n1", &[], &["node.kubernetes.io/not-ready:NoExecute"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 10: not-ready:NoSchedule -> (false, true)",
            template_spec: json!({}),
            gate: false,
            node: node("n1", &[], &["node.kubernetes.io/not-ready:NoSchedule"]),
            want: (false, true),
            reasons: &[(Taint, &["node.kubernetes.io/not-ready:NoSchedule"])],
        },
        Row {
            name: "SEMANTICS §11 case 11: network-unavailable with hostNetwork -> eligible",
            template_spec: json!({"hostNetwork": true}),
            gate: false,
            node: node(
                "n1",
                &[],
                &["node.kubernetes.io/network-unavailable:NoSchedule"],
            ),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 11: network-unavailable without hostNetwork -> (false, true)",
            template_spec: json!({"hostNetwork": false}),
            gate: false,
            node: node(
                "n1",
                &[],
                &["node.kubernetes.io/network-unavailable:NoSchedule"],
            ),
            want: (false, true),
            reasons: &[(
                Taint,
                &["node.kubernetes.io/network-unavailable:NoSchedule"],
            )],
        },
        Row {
            name: "SEMANTICS §11 case 12: cordoned node (unschedulable taint) -> eligible",
            template_spec: json!({}),
            gate: false,
            node: node_json(json!({
                "metadata": {"name": "n1"},
                "spec": {"unschedulable": true, "taints": [
                    {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}
                ]},
            })),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 13: template nodeName n1 -> n1 eligible",
            template_spec: json!({"nodeName": "n1"}),
            gate: false,
            node: plain(),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 13: template nodeName n1 -> n2 ineligible",
            template_spec: json!({"nodeName": "n1"}),
            gate: false,
            node: node("n2", &[], &[]),
            want: (false, false),
            reasons: &[(NodeName, &["n1"])],
        },
        Row {
            name: "SEMANTICS §11 case 14: nodeSelector disk=ssd vs label disk=SSD",
            template_spec: json!({"nodeSelector": {"disk": "ssd"}}),
            gate: false,
            node: node("n1", &[("disk", "SSD")], &[]),
            want: (false, false),
            reasons: &[(Selector, &["disk=ssd", "disk=SSD"])],
        },
        Row {
            name: "SEMANTICS §11 case 15: nodeSelector k=\"\" with label k=\"\"",
            template_spec: json!({"nodeSelector": {"k": ""}}),
            gate: false,
            node: node("n1", &[("k", "")], &[]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 15: nodeSelector k=\"\" without label k",
            template_spec: json!({"nodeSelector": {"k": ""}}),
            gate: false,
            node: plain(),
            want: (false, false),
            reasons: &[(Selector, &["k="])],
        },
        Row {
            name: "SEMANTICS §11 case 15: nodeSelector k=\"\" with label k=x",
            template_spec: json!({"nodeSelector": {"k": ""}}),
            gate: false,
            node: node("n1", &[("k", "x")], &[]),
            want: (false, false),
            reasons: &[(Selector, &["k=x"])],
        },
        Row {
            name: "SEMANTICS §11 case 16: nodeSelectorTerms: [] -> no node",
            template_spec: required(json!([])),
            gate: false,
            node: node("n1", &[("any", "label")], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["nodeSelectorTerms"])],
        },
        Row {
            name: "SEMANTICS §11 case 17: only term {} -> no node",
            template_spec: required(json!([{}])),
            gate: false,
            node: node("n1", &[("a", "x")], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["nodeSelectorTerms"])],
        },
        Row {
            name: "SEMANTICS §11 case 17: term {} plus a matching term -> eligible",
            template_spec: required(
                json!([{}, {"matchExpressions": [{"key": "a", "operator": "In", "values": ["x"]}]}]),
            ),
            gate: false,
            node: node("n1", &[("a", "x")], &[]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 18: unknown operator Foo in term A, term B matches -> eligible",
            template_spec: required(json!([
                {"matchExpressions": [{"key": "a", "operator": "Foo", "values": ["x"]}]},
                {"matchExpressions": [{"key": "a", "operator": "In", "values": ["x"]}]},
            ])),
            gate: false,
            node: node("n1", &[("a", "x")], &[]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 18: only term A with operator Foo -> ineligible",
            template_spec: one_expression("a", "Foo", &["x"]),
            gate: false,
            node: node("n1", &[("a", "x")], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["Foo"])],
        },
        Row {
            name: "SEMANTICS §11 case 19: Gt [5] with label 10 -> match",
            template_spec: one_expression("k", "Gt", &["5"]),
            gate: false,
            node: node("n1", &[("k", "10")], &[]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 19: Gt [5] with label abc -> no",
            template_spec: one_expression("k", "Gt", &["5"]),
            gate: false,
            node: node("n1", &[("k", "abc")], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["k", "Gt", "5", "abc"])],
        },
        Row {
            name: "SEMANTICS §11 case 19: Gt [5] with label absent -> no",
            template_spec: one_expression("k", "Gt", &["5"]),
            gate: false,
            node: plain(),
            want: (false, false),
            reasons: &[(Affinity, &["k", "Gt", "5"])],
        },
        Row {
            name: "SEMANTICS §11 case 19: Gt [-1] is a parse error and never matches",
            template_spec: one_expression("k", "Gt", &["-1"]),
            gate: false,
            node: node("n1", &[("k", "10")], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["-1"])],
        },
        Row {
            name: "SEMANTICS §11 case 20: Gt [007] with label 8 -> match",
            template_spec: one_expression("k", "Gt", &["007"]),
            gate: false,
            node: node("n1", &[("k", "8")], &[]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 20: Lt [10] with label 09 -> match",
            template_spec: one_expression("k", "Lt", &["10"]),
            gate: false,
            node: node("n1", &[("k", "09")], &[]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 21: NotIn [a] with the label absent -> match",
            template_spec: one_expression("k", "NotIn", &["a"]),
            gate: false,
            node: plain(),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 21: DoesNotExist with the label present -> no",
            template_spec: one_expression("k", "DoesNotExist", &[]),
            gate: false,
            node: node("n1", &[("k", "a")], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["k", "DoesNotExist"])],
        },
        Row {
            name: "SEMANTICS §11 case 22: In [a] AND In [b] on one key, label a -> no",
            template_spec: required(json!([{"matchExpressions": [
                {"key": "k", "operator": "In", "values": ["a"]},
                {"key": "k", "operator": "In", "values": ["b"]},
            ]}])),
            gate: false,
            node: node("n1", &[("k", "a")], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["k", "In", "b"])],
        },
        Row {
            name: "SEMANTICS §11 case 22: In [a] AND In [b] on one key, label b -> no",
            template_spec: required(json!([{"matchExpressions": [
                {"key": "k", "operator": "In", "values": ["a"]},
                {"key": "k", "operator": "In", "values": ["b"]},
            ]}])),
            gate: false,
            node: node("n1", &[("k", "b")], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["k", "In", "a"])],
        },
        Row {
            name: "SEMANTICS §11 case 23: matchFields metadata.name In [n1] -> n1",
            template_spec: one_field("In", &["n1"]),
            gate: false,
            node: plain(),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 23: matchFields metadata.name In [n1] -> not n2",
            template_spec: one_field("In", &["n1"]),
            gate: false,
            node: node("n2", &[], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["metadata.name", "n1"])],
        },
        Row {
            name: "SEMANTICS §11 case 23: matchFields metadata.name NotIn [n1] -> not n1",
            template_spec: one_field("NotIn", &["n1"]),
            gate: false,
            node: plain(),
            want: (false, false),
            reasons: &[(Affinity, &["metadata.name", "NotIn", "n1"])],
        },
        Row {
            name: "SEMANTICS §11 case 23: matchFields metadata.name NotIn [n1] -> n2",
            template_spec: one_field("NotIn", &["n1"]),
            gate: false,
            node: node("n2", &[], &[]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 23: matchFields In [n1, n2] is a parse error (n1)",
            template_spec: one_field("In", &["n1", "n2"]),
            gate: false,
            node: plain(),
            want: (false, false),
            reasons: &[(Affinity, &["matchFields[0]", "n2"])],
        },
        Row {
            name: "SEMANTICS §11 case 23: matchFields In [n1, n2] is a parse error (n2)",
            template_spec: one_field("In", &["n1", "n2"]),
            gate: false,
            node: node("n2", &[], &[]),
            want: (false, false),
            reasons: &[(Affinity, &["matchFields[0]", "n2"])],
        },
        Row {
            name: "SEMANTICS §11 case 24: user not-ready toleration with seconds still tolerates not-ready:NoExecute",
            template_spec: json!({"tolerations": [{
                "key": "node.kubernetes.io/not-ready", "operator": "Exists",
                "effect": "NoExecute", "tolerationSeconds": 300
            }]}),
            gate: false,
            node: node("n1", &[], &["node.kubernetes.io/not-ready:NoExecute"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 25: Gt \"100\" vs level=200, gate off -> not tolerated",
            template_spec: gt_100.clone(),
            gate: false,
            node: node("n1", &[], &["level=200:NoSchedule"]),
            want: (false, true),
            reasons: &[(Taint, &["level=200:NoSchedule"])],
        },
        Row {
            name: "SEMANTICS §11 case 25: Lt \"300\" vs level=200, gate off -> not tolerated",
            template_spec: lt_300.clone(),
            gate: false,
            node: node("n1", &[], &["level=200:NoSchedule"]),
            want: (false, true),
            reasons: &[(Taint, &["level=200:NoSchedule"])],
        },
        Row {
            name: "SEMANTICS §11 case 25: Gt \"100\" vs level=200, gate on -> tolerated",
            template_spec: gt_100.clone(),
            gate: true,
            node: node("n1", &[], &["level=200:NoSchedule"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 25: Lt \"300\" vs level=200, gate on -> tolerated",
            template_spec: lt_300,
            gate: true,
            node: node("n1", &[], &["level=200:NoSchedule"]),
            want: (true, true),
            reasons: &[],
        },
        Row {
            name: "SEMANTICS §11 case 25: Gt \"100\" vs level=100, gate on -> not tolerated",
            template_spec: gt_100.clone(),
            gate: true,
            node: node("n1", &[], &["level=100:NoSchedule"]),
            want: (false, true),
            reasons: &[(Taint, &["level=100:NoSchedule"])],
        },
        Row {
            name: "SEMANTICS §11 case 25: Gt \"100\" vs level=0200, gate on -> not tolerated",
            template_spec: gt_100,
            gate: true,
            node: node("n1", &[], &["level=0200:NoSchedule"]),
            want: (false, true),
            reasons: &[(Taint, &["level=0200:NoSchedule"])],
        },
    ]
}

#[test]
fn semantics_11_cases_1_to_25() {
    let rows = semantics_rows();
    let mut covered: Vec<u32> = rows
        .iter()
        .map(|row| {
            let rest = row
                .name
                .strip_prefix("SEMANTICS §11 case ")
                .expect("row name");
            rest.split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("case number")
        })
        .collect();
    covered.dedup();
    assert_eq!(
        covered,
        (1..=25).collect::<Vec<u32>>(),
        "every case 1-25, in order"
    );
    for row in rows {
        let options = EligibilityOptions {
            taint_comparison_operators: row.gate,
        };
        let placement = Placement::compile(&daemon_set(row.template_spec), options);
        check(row.name, &placement, &row.node, row.want, row.reasons);
    }
}

/// SEMANTICS §11 case 13: with `template.spec.nodeName: n1`, only n1 is
/// eligible, and an inventory without n1 has no eligible node (desired = 0).
#[test]
fn semantics_11_case_13_node_name_pins_the_daemon_set() {
    let placement = placement(json!({"nodeName": "n1"}));
    let with_n1 = [
        node("n0", &[], &[]),
        node("n1", &[], &[]),
        node("n2", &[], &[]),
    ];
    let eligible: Vec<&str> = with_n1
        .iter()
        .filter(|n| placement.should_run(n).0)
        .map(Node::name)
        .collect();
    assert_eq!(eligible, ["n1"], "SEMANTICS §11 case 13");
    let without_n1 = [
        node("n0", &[], &[]),
        node("n2", &[], &[]),
        node("n3", &[], &[]),
    ];
    let desired = without_n1
        .iter()
        .filter(|n| placement.should_run(n).0)
        .count();
    assert_eq!(desired, 0, "SEMANTICS §11 case 13");
}

/// SEMANTICS §11 case 24: the simulated (and created) pod carries the user's
/// `not-ready` toleration replaced by the infinite default.
#[test]
fn semantics_11_case_24_placement_tolerations_drop_toleration_seconds() {
    let placement = placement(json!({"tolerations": [{
        "key": "node.kubernetes.io/not-ready", "operator": "Exists",
        "effect": "NoExecute", "tolerationSeconds": 300
    }]}));
    let not_ready: Vec<_> = placement
        .tolerations()
        .iter()
        .filter(|t| t.key == TAINT_NODE_NOT_READY)
        .collect();
    assert_eq!(not_ready.len(), 1, "SEMANTICS §11 case 24");
    assert_eq!(
        not_ready[0].toleration_seconds, None,
        "SEMANTICS §11 case 24"
    );
    assert_eq!(placement.tolerations().len(), 6, "SEMANTICS §11 case 24");
}

// ---------------------------------------------------------------------------
// SEMANTICS §3.1: which taints count, and how the message names them
// ---------------------------------------------------------------------------

/// SEMANTICS §3.1 E5/E6 and §3.5: only untolerated NoSchedule/NoExecute taints
/// block; the message lists every one of them and no other taint.
#[test]
fn semantics_3_1_untolerated_taints_message_lists_each_blocking_taint() {
    let placement = placement(json!({"tolerations": [{"key": "tolerated", "operator": "Exists"}]}));
    let n = node(
        "n1",
        &[],
        &[
            "a=1:PreferNoSchedule",
            "b=2:NoSchedule",
            "c:NoExecute",
            "tolerated=x:NoSchedule",
            "node.kubernetes.io/not-ready:NoExecute",
        ],
    );
    let eligibility = check(
        "E5: NoSchedule and NoExecute untolerated",
        &placement,
        &n,
        (false, false),
        &[(Taint, &["b=2:NoSchedule", "c:NoExecute"])],
    );
    let message = &eligibility.reasons[0].message;
    for absent in ["a=1", "tolerated=x", "not-ready"] {
        assert!(
            !message.contains(absent),
            "{message:?} should not name {absent}"
        );
    }
}

/// SEMANTICS §3.1 E6: taints with an empty or unknown effect are ignored
/// (validation rejects them on input Nodes; matching must still not block).
#[test]
fn semantics_3_1_e6_empty_and_unknown_effects_are_ignored() {
    let placement = placement(json!({}));
    let n = node_json(json!({
        "metadata": {"name": "n1"},
        "spec": {"taints": [
            {"key": "no-effect", "value": "x"},
            {"key": "empty-effect", "effect": ""},
            {"key": "odd-effect", "effect": "Sometimes"},
        ]},
    }));
    check("E6", &placement, &n, (true, true), &[]);
}

/// SEMANTICS §3.1 E7: nothing but nodeName, affinity and taints is consulted —
/// not readiness, not `spec.unschedulable`, not resources.
#[test]
fn semantics_3_1_e7_readiness_cordon_and_resources_are_not_consulted() {
    let placement = placement(resource_pod_spec("", "64Gi", "64"));
    let n = node_json(json!({
        "metadata": {"name": "n1"},
        "spec": {"unschedulable": true},
        "status": {
            "conditions": [{"type": "Ready", "status": "False"}],
            "allocatable": {"memory": "1Mi", "cpu": "1m", "pods": "0"},
        },
    }));
    check("E7", &placement, &n, (true, true), &[]);
}

/// `EligibilityOptions::default()` leaves the alpha comparison-operator gate off.
#[test]
fn eligibility_options_default_gate_off() {
    assert!(!EligibilityOptions::default().taint_comparison_operators);
}
