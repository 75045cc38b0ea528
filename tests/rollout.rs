//! Rolling-update invariants and the rollout simulator.
//!
//! Convergence bound (property c): with `D` desired nodes, the rollout
//! replaces at most `B` nodes per round (`B` = maxUnavailable without surge,
//! maxSurge with it, at least 1). A round takes at most one sync to delete or
//! create, the deletion grace or the readiness delay in syncs, and one more
//! sync to notice; so the whole rollout needs at most
//! `(ceil(D / B) + 2) * (ceil(grace / interval) + ceil(ready / interval) + 4)`
//! syncs, the `+ 2` covering the first creations and the final quiet sync.

mod support;

use std::collections::BTreeMap;

use daemonset_planner::controller::{IssuedBy, PlanOptions, plan_daemon_set};
use daemonset_planner::model::{
    DaemonSet, IntOrPercent, Node, Pod, RollingUpdateDaemonSet, UpdateStrategyType,
};
use daemonset_planner::simulator::{Outcome, SimulationConfig, simulate};
use proptest::prelude::*;
use support::{naive, strategies};

fn now() -> jiff::Timestamp {
    strategies::now()
}

fn is_desired(ds: &DaemonSet, nodes: &[Node], node: &str) -> bool {
    nodes
        .iter()
        .find(|n| n.metadata.name == node)
        .is_some_and(|n| naive::should_run(ds, n, false).0)
}

fn updated(pod: &Pod) -> bool {
    pod.metadata.labels.get("pod-template-generation") == Some("2")
}

/// Non-deleting pods of the DaemonSet (by the strategies' ownership) per node.
fn live_pods_by_node(pods: &[Pod]) -> BTreeMap<&str, Vec<&Pod>> {
    let mut map: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
    for pod in pods {
        let owned = pod.metadata.labels.get("app") == Some("ds")
            && pod
                .metadata
                .owner_references
                .iter()
                .all(|o| o.uid == strategies::DS_UID);
        if owned
            && pod.metadata.deletion_timestamp.is_none()
            && !pod.spec.node_name.is_empty()
            && !pod.is_terminal()
        {
            map.entry(pod.spec.node_name.as_str())
                .or_default()
                .push(pod);
        }
    }
    map
}

/// A scenario mid-rollout: every node that should run a pod has one or two
/// live pods (old, new, or both), nodes that must not run one have none, and
/// nodes behind a NoSchedule taint may keep one; so `manage` usually has
/// nothing to do and the rolling update acts.
fn mid_rollout() -> impl Strategy<Value = (DaemonSet, Vec<Node>, Vec<Pod>)> {
    let ds = strategies::daemon_set().prop_map(|mut ds| {
        // Placement stays random through tolerations and taints only, so most
        // nodes are eligible and the rollout has pods to work on.
        let spec = &mut ds.spec.template.spec;
        spec.node_selector.clear();
        spec.affinity = None;
        spec.node_name.clear();
        if ds.spec.update_strategy.rolling_update.is_none() {
            ds.spec.update_strategy.type_ = Some(UpdateStrategyType::RollingUpdate);
            ds.spec.update_strategy.rolling_update = Some(RollingUpdateDaemonSet {
                max_unavailable: Some(IntOrPercent::Int(1)),
                max_surge: Some(IntOrPercent::Int(0)),
            });
        }
        ds
    });
    (ds, strategies::nodes())
        .prop_flat_map(|(ds, nodes)| {
            let per_node: Vec<_> = nodes
                .iter()
                .map(|node| {
                    let (run, stay) = naive::should_run(&ds, node, false);
                    let surge = daemonset_planner::controller::allows_surge(&ds);
                    let kinds: Vec<u8> = if run && surge {
                        vec![1, 1, 2, 2, 3]
                    } else if run {
                        vec![1, 1, 1, 2]
                    } else if stay {
                        vec![0, 1, 2]
                    } else {
                        vec![0]
                    };
                    (
                        proptest::sample::select(kinds),
                        any::<bool>(),
                        any::<bool>(),
                        0i64..60,
                    )
                })
                .collect();
            (Just(ds), Just(nodes), per_node)
        })
        .prop_map(|(ds, nodes, per_node)| {
            let mut pods = Vec::new();
            for (index, (node, (kind, old_ready, new_ready, age))) in
                nodes.iter().zip(per_node).enumerate()
            {
                let name = &node.metadata.name;
                if kind == 1 || kind == 3 {
                    pods.push(mid_pod(
                        &format!("old-{index}"),
                        name,
                        "1",
                        old_ready,
                        age + 100,
                    ));
                }
                if kind == 2 || kind == 3 {
                    pods.push(mid_pod(&format!("new-{index}"), name, "2", new_ready, age));
                }
            }
            (ds, nodes, pods)
        })
}

fn mid_pod(name: &str, node: &str, generation: &str, ready: bool, age: i64) -> Pod {
    let at = |s: i64| (now() - jiff::SignedDuration::from_secs(s)).to_string();
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": name, "namespace": strategies::NAMESPACE,
                     "labels": {"app": "ds", "pod-template-generation": generation},
                     "creationTimestamp": at(age),
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": strategies::DS_NAME,
                                          "uid": strategies::DS_UID, "controller": true}]},
        "spec": {"nodeName": node},
        "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" },
                                                       "lastTransitionTime": at(age / 2)}]}
    }))
    .unwrap()
}

proptest! {
    /// (a) A non-surge step never takes the number of desired nodes without an
    /// available pod above maxUnavailable by its own deletions; only old pods
    /// that were already unavailable are replaced beyond the budget.
    #[test]
    fn non_surge_step_respects_max_unavailable((ds, nodes, pods) in mid_rollout()) {
        let plan = plan_daemon_set(&ds, &nodes, &pods, &[], &PlanOptions::at(now()));
        prop_assume!(plan.issued_by == Some(IssuedBy::RollingUpdate) && plan.max_surge == 0);
        prop_assert!(plan.create.is_empty());
        let live = live_pods_by_node(&pods);
        let available = |p: &Pod| p.is_available(ds.spec.min_ready_seconds, now());
        let mut before = 0;
        let mut after = 0;
        for node in nodes.iter().filter(|n| naive::should_run(&ds, n, false).0) {
            let pods = live.get(node.metadata.name.as_str()).cloned().unwrap_or_default();
            let had = pods.iter().any(|p| available(p));
            let keeps = pods
                .iter()
                .any(|p| available(p) && !plan.delete.iter().any(|name| *name == p.metadata.name));
            before += usize::from(!had);
            after += usize::from(!keeps);
        }
        for deleted in &plan.delete {
            let pod = pods.iter().find(|p| &p.metadata.name == deleted).unwrap();
            prop_assert!(!updated(pod),
                "the rolling update deleted an updated pod {}", deleted);
        }
        prop_assert!(after as i64 <= (before as i64).max(plan.max_unavailable),
            "unavailable desired nodes went from {} to {} with maxUnavailable {}", before, after, plan.max_unavailable);
    }

    /// (b) A surge step never has more than maxSurge new pods in flight next to
    /// available old pods, beyond the nodes whose old pod is unavailable.
    #[test]
    fn surge_step_respects_max_surge((ds, nodes, pods) in mid_rollout()) {
        let plan = plan_daemon_set(&ds, &nodes, &pods, &[], &PlanOptions::at(now()));
        prop_assume!(plan.issued_by == Some(IssuedBy::RollingUpdate) && plan.max_surge > 0);
        let live = live_pods_by_node(&pods);
        let available = |p: &Pod| p.is_available(ds.spec.min_ready_seconds, now());
        let mut in_flight_before = 0i64;
        let mut created_next_to_available_old = 0i64;
        for (node, pods) in &live {
            let old: Vec<&&Pod> = pods.iter().filter(|p| !updated(p)).collect();
            let new: Vec<&&Pod> = pods.iter().filter(|p| updated(p)).collect();
            if old.len() == 1 && new.len() == 1 && !available(new[0]) {
                in_flight_before += 1;
            }
            if plan.create.iter().any(|c| c == node) && old.len() == 1 && available(old[0]) {
                created_next_to_available_old += 1;
            }
        }
        prop_assert!(created_next_to_available_old + in_flight_before <= plan.max_surge.max(in_flight_before),
            "created {} next to available old pods with {} in flight and maxSurge {}",
            created_next_to_available_old, in_flight_before, plan.max_surge);
        for node in &plan.create {
            prop_assert!(is_desired(&ds, &nodes, node));
        }
    }
}

fn clean_daemon_set(max_unavailable: IntOrPercent, max_surge: IntOrPercent) -> DaemonSet {
    let mut ds: DaemonSet = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "agent", "namespace": "default", "uid": "agent-uid",
                     "annotations": {"deprecated.daemonset.template.generation": "2"}},
        "spec": {"selector": {"matchLabels": {"app": "agent"}},
                 "template": {"metadata": {"labels": {"app": "agent"}},
                              "spec": {"containers": [{"name": "agent", "image": "agent:2"}]}}}
    }))
    .unwrap();
    ds.spec.update_strategy.type_ = Some(UpdateStrategyType::RollingUpdate);
    ds.spec.update_strategy.rolling_update = Some(RollingUpdateDaemonSet {
        max_unavailable: Some(max_unavailable),
        max_surge: Some(max_surge),
    });
    ds
}

fn old_pod(node: &str, index: usize, ready: bool) -> Pod {
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": format!("agent-old-{index:03}"), "namespace": "default",
                     "labels": {"app": "agent", "pod-template-generation": "1"},
                     "creationTimestamp": "2026-01-01T00:00:00Z",
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent",
                                          "uid": "agent-uid", "controller": true}]},
        "spec": {"nodeName": node},
        "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" },
                                                       "lastTransitionTime": "2026-01-01T00:00:10Z"}]}
    }))
    .unwrap()
}

fn budget() -> impl Strategy<Value = (IntOrPercent, IntOrPercent)> {
    prop_oneof![
        (1i32..4).prop_map(|u| (IntOrPercent::Int(u), IntOrPercent::Int(0))),
        (1i32..4).prop_map(|s| (IntOrPercent::Int(0), IntOrPercent::Int(s))),
        Just((IntOrPercent::Str("25%".into()), IntOrPercent::Int(0))),
        Just((IntOrPercent::Int(0), IntOrPercent::Str("50%".into()))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// (c) When every pod becomes ready, the simulator converges to exactly one
    /// updated, available pod on every node that should run one and none on
    /// nodes that must not, within the bound in the module docs.
    #[test]
    fn simulator_converges_when_pods_become_ready(
        (max_unavailable, max_surge) in budget(),
        nodes in strategies::nodes(),
        initial in proptest::collection::vec((any::<bool>(), any::<bool>()), 8),
        ready_after in 1i64..40,
        grace in 0i64..60,
    ) {
        let ds = clean_daemon_set(max_unavailable.clone(), max_surge.clone());
        let pods: Vec<Pod> = nodes.iter().enumerate()
            .filter(|(i, _)| initial[*i].0)
            .map(|(i, n)| old_pod(&n.metadata.name, i, initial[i].1))
            .collect();
        let mut config = SimulationConfig::starting_at(now());
        config.ready_after = jiff::SignedDuration::from_secs(ready_after);
        config.deletion_grace = jiff::SignedDuration::from_secs(grace);
        let run = simulate(&ds, &nodes, &pods, &[], &config);
        let desired = nodes.iter().filter(|n| naive::should_run(&ds, n, false).0).count() as i64;
        let per_round = match (&max_unavailable, &max_surge) {
            (_, IntOrPercent::Int(s)) if *s > 0 => i64::from(*s),
            (IntOrPercent::Int(u), _) => i64::from(*u).max(1),
            (_, IntOrPercent::Str(p)) if p != "0%" => (desired / 2).max(1),
            _ => (desired / 4).max(1),
        };
        let interval = config.sync_interval.as_secs();
        let ceil = |a: i64, b: i64| (a + b - 1) / b;
        let bound = (ceil(desired, per_round) + 2) * (ceil(grace, interval) + ceil(ready_after, interval) + 4);
        match run.outcome {
            Outcome::Converged { steps, .. } => prop_assert!(steps as i64 <= bound,
                "took {} syncs, bound {}", steps, bound),
            other => prop_assert!(false, "did not converge: {:?}", other),
        }
        let live = run.pods.iter().filter(|p| p.metadata.deletion_timestamp.is_none());
        let mut per_node: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
        for pod in live {
            per_node.entry(pod.spec.node_name.as_str()).or_default().push(pod);
        }
        for node in &nodes {
            let (run_here, stay) = naive::should_run(&ds, node, false);
            let here = per_node.get(node.metadata.name.as_str()).cloned().unwrap_or_default();
            if run_here {
                prop_assert_eq!(here.len(), 1, "node {}", node.metadata.name);
                prop_assert!(updated(here[0]) && here[0].is_ready());
            } else if !stay {
                prop_assert!(here.is_empty(), "pods left on {}", node.metadata.name);
            }
        }
    }
}

fn ten_nodes() -> Vec<Node> {
    (0..10)
        .map(|i| Node::new(format!("node-{i:02}"), [], vec![]))
        .collect()
}

#[test]
fn a_node_whose_new_pod_never_becomes_ready_stalls_a_non_surge_rollout() {
    let ds = clean_daemon_set(IntOrPercent::Int(1), IntOrPercent::Int(0));
    let nodes = ten_nodes();
    let pods: Vec<Pod> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| old_pod(&n.metadata.name, i, true))
        .collect();
    let mut config = SimulationConfig::starting_at(now());
    config.never_ready_nodes.insert("node-00".to_string());
    let run = simulate(&ds, &nodes, &pods, &[], &config);
    let Outcome::Stalled { reasons, .. } = &run.outcome else {
        panic!("expected a stall, got {:?}", run.outcome);
    };
    assert!(
        reasons.iter().any(|r| r.contains("node-00")
            && r.contains("never becomes ready")
            && r.contains("maxUnavailable 1")),
        "{reasons:?}"
    );
    // Only node-00's old pod was ever replaced: the budget of one is held there.
    let deleted: Vec<&String> = run.timeline.iter().flat_map(|s| s.delete.iter()).collect();
    assert_eq!(deleted, vec!["agent-old-000"]);
}

#[test]
fn surge_rollout_of_a_host_port_daemon_set_stalls_on_the_port() {
    let mut ds = clean_daemon_set(IntOrPercent::Int(0), IntOrPercent::Int(1));
    ds.spec.template.spec.host_network = true;
    ds.spec.template.spec.containers[0].ports = vec![
        serde_json::from_value(serde_json::json!(
            {"containerPort": 9100, "hostPort": 9100}
        ))
        .unwrap(),
    ];
    let nodes = ten_nodes();
    let mut pods: Vec<Pod> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| old_pod(&n.metadata.name, i, true))
        .collect();
    for pod in &mut pods {
        pod.spec.containers = ds.spec.template.spec.containers.clone();
    }
    let run = simulate(
        &ds,
        &nodes,
        &pods,
        &[],
        &SimulationConfig::starting_at(now()),
    );
    let Outcome::Stalled { reasons, .. } = &run.outcome else {
        panic!("expected a stall, got {:?}", run.outcome);
    };
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("host port 9100/TCP") && r.contains("106417")),
        "{reasons:?}"
    );
    assert_eq!(run.timeline[0].create, vec!["node-00"]);
}

#[test]
fn a_pod_stuck_terminating_on_a_not_ready_node_stalls_the_rollout() {
    let ds = clean_daemon_set(IntOrPercent::Int(1), IntOrPercent::Int(0));
    let nodes = ten_nodes();
    let pods: Vec<Pod> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| old_pod(&n.metadata.name, i, true))
        .collect();
    let mut config = SimulationConfig::starting_at(now());
    config.stuck_terminating_nodes.insert("node-00".to_string());
    let run = simulate(&ds, &nodes, &pods, &[], &config);
    let Outcome::Stalled { reasons, .. } = &run.outcome else {
        panic!("expected a stall, got {:?}", run.outcome);
    };
    assert!(
        reasons.iter().any(|r| r.contains("agent-old-000")
            && r.contains("stuck terminating")
            && r.contains("63465")),
        "{reasons:?}"
    );
}

#[test]
fn max_surge_with_pods_that_never_become_available_stalls() {
    let ds = clean_daemon_set(IntOrPercent::Int(0), IntOrPercent::Int(2));
    let nodes = ten_nodes();
    let pods: Vec<Pod> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| old_pod(&n.metadata.name, i, true))
        .collect();
    let mut config = SimulationConfig::starting_at(now());
    config.never_ready_nodes = nodes.iter().map(|n| n.metadata.name.clone()).collect();
    let run = simulate(&ds, &nodes, &pods, &[], &config);
    let Outcome::Stalled { reasons, .. } = &run.outcome else {
        panic!("expected a stall, got {:?}", run.outcome);
    };
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons.iter().all(|r| r.contains("maxSurge 2")),
        "{reasons:?}"
    );
    // Exactly two surge pods were created, on the first two nodes, and no old pod was deleted.
    let created: Vec<&String> = run.timeline.iter().flat_map(|s| s.create.iter()).collect();
    assert_eq!(created, vec!["node-00", "node-01"]);
    assert!(run.timeline.iter().all(|s| s.delete.is_empty()));
}

#[test]
fn simulation_is_deterministic() {
    let ds = clean_daemon_set(IntOrPercent::Int(2), IntOrPercent::Int(0));
    let nodes = ten_nodes();
    let pods: Vec<Pod> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| old_pod(&n.metadata.name, i, i % 3 != 0))
        .collect();
    let config = SimulationConfig::starting_at(now());
    assert_eq!(
        simulate(&ds, &nodes, &pods, &[], &config),
        simulate(&ds, &nodes, &pods, &[], &config)
    );
}
