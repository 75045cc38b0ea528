//! The incremental index always agrees with a full re-plan.

mod support;

use daemonset_planner::controller::{IssuedBy, PlanOptions};
use daemonset_planner::incremental::PlannerIndex;
use daemonset_planner::model::Node;
use daemonset_planner::scheduling::EligibilityOptions;
use proptest::prelude::*;
use support::strategies;

#[derive(Debug, Clone)]
enum NodeEvent {
    Upsert(Box<Node>),
    Remove(usize),
}

fn node_event() -> impl Strategy<Value = NodeEvent> {
    prop_oneof![
        3 => (0..strategies::NODE_NAMES.len())
            .prop_flat_map(|i| strategies::node(strategies::NODE_NAMES[i]))
            .prop_map(|node| NodeEvent::Upsert(Box::new(node))),
        1 => (0..strategies::NODE_NAMES.len()).prop_map(NodeEvent::Remove),
    ]
}

proptest! {
    #[test]
    fn node_events_agree_with_a_full_replan(
        daemon_sets in proptest::collection::vec(strategies::daemon_set(), 1..4),
        nodes in strategies::nodes(),
        events in proptest::collection::vec(node_event(), 0..12),
    ) {
        let daemon_sets: Vec<_> = daemon_sets.into_iter().enumerate().map(|(i, mut ds)| {
            ds.metadata.name = format!("ds-{i}");
            ds
        }).collect();
        let mut index = PlannerIndex::new(daemon_sets.clone(), nodes, EligibilityOptions::default());
        let options = PlanOptions::at(strategies::now());
        for event in events {
            let before: Vec<Vec<Option<(bool, bool)>>> = daemon_sets.iter().map(|ds| {
                strategies::NODE_NAMES.iter().map(|n| index.decision(&ds.key(), n)).collect()
            }).collect();
            let changes = match event {
                NodeEvent::Upsert(node) => index.upsert_node(*node),
                NodeEvent::Remove(i) => index.remove_node(strategies::NODE_NAMES[i]),
            };
            for ds in &daemon_sets {
                let full = index.plan(&ds.key(), &options).unwrap();
                prop_assert_eq!(index.desired(&ds.key()), Some(full.status.desired_number_scheduled as usize));
                for node in &full.nodes {
                    prop_assert_eq!(
                        index.decision(&ds.key(), &node.name),
                        Some((node.should_run, node.should_continue_running))
                    );
                }
            }
            // Every reported change is real, and every real change is reported.
            for (d, ds) in daemon_sets.iter().enumerate() {
                for (n, name) in strategies::NODE_NAMES.iter().enumerate() {
                    let after = index.decision(&ds.key(), name);
                    let reported = changes.iter().find(|c| c.daemon_set == ds.key() && c.node == *name);
                    match reported {
                        Some(change) => {
                            prop_assert_eq!(change.before, before[d][n]);
                            prop_assert_eq!(change.after, after);
                            prop_assert_ne!(change.before, change.after);
                        }
                        None => prop_assert_eq!(before[d][n], after),
                    }
                }
            }
        }
    }

    #[test]
    fn pod_events_agree_with_manage_in_a_full_replan(
        ds in strategies::daemon_set(),
        nodes in strategies::nodes(),
        pods in strategies::pods(),
    ) {
        let options = PlanOptions::at(strategies::now());
        let mut index = PlannerIndex::new(vec![ds.clone()], nodes, EligibilityOptions::default());
        let mut last = Vec::new();
        for pod in pods {
            last = index.upsert_pod(pod, &options);
        }
        let full = index.plan(&ds.key(), &options).unwrap();
        // Every node, not only the last event's: the index must agree everywhere.
        let mut checked = last.clone();
        for node in &full.nodes {
            checked.push(index.node_actions(&ds.key(), &node.name, &options).unwrap());
        }
        for actions in &checked {
            let node = full.nodes.iter().find(|n| n.name == actions.node).unwrap();
            let mut expected_delete: Vec<String> = full.delete.iter()
                .filter(|p| node.pods.contains(p)).map(|p| p.to_string()).collect();
            let mut expected_create = full.create.iter().any(|n| *n == actions.node);
            if full.issued_by != Some(IssuedBy::Manage) {
                expected_delete.clear();
                expected_create = false;
            }
            let mut got = actions.delete.clone();
            got.sort();
            expected_delete.sort();
            prop_assert_eq!(actions.create, expected_create, "node {}", actions.node);
            prop_assert_eq!(got, expected_delete, "node {}", actions.node);
        }
    }
}
