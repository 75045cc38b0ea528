//! The rolling update, fixture by fixture: SEMANTICS.md §11 cases 45-56 and
//! ports of upstream `pkg/controller/daemon/update_test.go`.
//!
//! Every expected value is derived by hand from SEMANTICS.md §5, §7 and §8
//! (and the upstream test it mirrors), never copied from this crate's
//! output. Fixtures live in `tests/fixtures/controller/`.
//!
//! The multi-sync ports replay upstream's loop of sync / clearExpectations /
//! markPodsReady: each step plans one sync, checks its creates and deletes,
//! and carries the plan out (created pods appear Pending on their node with
//! the plan's revision hash and an owner reference; deleted pods vanish).
//!
//! One systematic difference: upstream's fake pod control observes its own
//! creations and deletions synchronously, so in those unit tests the
//! expectations are already satisfied after `manage` and the rolling update
//! runs in the same sync on the updated cache. In a real cluster (and in this
//! crate, SEMANTICS §8 Y7) the rolling update waits for the next sync when
//! `manage` issued anything. Where that matters (surge updates, whose old
//! pods `manage` deletes), one upstream sync shows here as two plans, "a"
//! (manage) and "b" (rolling update), whose sums are upstream's counts.

mod support;

use support::controller::*;

use daemonset_planner::controller::{
    IssuedBy, Plan, PlanOptions, plan_daemon_set, target_node_name,
};
use daemonset_planner::io::Inventory;
use daemonset_planner::model::{DaemonSet, DaemonSetUpdateStrategy, Pod, PodCondition};
use jiff::Timestamp;

// ---------------------------------------------------------------------------
// Helpers of this file only; shared ones are in tests/support/controller.rs.

fn unix(seconds: i64) -> Timestamp {
    Timestamp::from_second(seconds).unwrap()
}

fn strategy(json: &str) -> DaemonSetUpdateStrategy {
    serde_json::from_str(json).unwrap()
}

/// RollingUpdate with only maxUnavailable set, as upstream's tests write it.
fn max_unavailable(value: i32) -> DaemonSetUpdateStrategy {
    strategy(&format!(
        r#"{{"type":"RollingUpdate","rollingUpdate":{{"maxUnavailable":{value}}}}}"#
    ))
}

/// Adds plain nodes, as upstream's `addNodes`.
fn add_nodes(inventory: &mut Inventory, count: usize) {
    let mut yaml = String::from("apiVersion: v1\nkind: NodeList\nitems:\n");
    for i in 0..count {
        yaml.push_str(&format!("  - metadata: {{name: node-{i}}}\n"));
    }
    inventory.add_text("generated-nodes", &yaml).unwrap();
}

/// A cluster that replays syncs: upstream's fake pod control plus
/// `clearExpectations`, with a clock.
struct Cluster {
    inventory: Inventory,
    ds: String,
    /// Bumped on every template change; created pods are named
    /// `<ds>-<node>-v<version>` so tests can name the pods they expect.
    version: u32,
    clock: Timestamp,
}

impl Cluster {
    fn new(inventory: Inventory, ds: &str) -> Cluster {
        Cluster {
            inventory,
            ds: ds.to_string(),
            version: 1,
            clock: ts("2026-01-01T00:00:00Z"),
        }
    }

    fn ds_mut(&mut self) -> &mut DaemonSet {
        let name = self.ds.clone();
        self.inventory
            .daemon_sets
            .iter_mut()
            .find(|ds| ds.metadata.name == name)
            .unwrap()
    }

    /// A template change (upstream: `ds.Spec.Template.Spec.Containers[0].Image = ...`).
    fn set_image(&mut self, image: &str) {
        self.ds_mut().spec.template.spec.containers[0].image = image.to_string();
        self.version += 1;
    }

    fn set_strategy(&mut self, strategy: DaemonSetUpdateStrategy) {
        self.ds_mut().spec.update_strategy = strategy;
    }

    fn plan(&self) -> OwnedPlan {
        plan_at(&self.inventory, &self.ds, self.clock)
    }

    /// Plans one sync, checks it, and carries it out.
    #[track_caller]
    fn step(&mut self, create: &[&str], delete: &[&str]) -> OwnedPlan {
        let plan = self.plan();
        assert_actions(&plan, create, delete);
        self.apply(&plan);
        // Syncs are at least a second apart.
        self.clock = unix(self.clock.as_second() + 1);
        plan
    }

    /// Plans one sync, checks only the numbers of creates and deletes, and
    /// carries it out.
    #[track_caller]
    fn step_counts(&mut self, creates: usize, deletes: usize) -> OwnedPlan {
        let plan = self.plan();
        assert_eq!(
            (plan.create.len(), plan.delete.len()),
            (creates, deletes),
            "{plan:?}"
        );
        assert_eq!(plan.error, None);
        self.apply(&plan);
        self.clock = unix(self.clock.as_second() + 1);
        plan
    }

    fn apply(&mut self, plan: &Plan) {
        let ds = daemon_set(&self.inventory, &self.ds).clone();
        let namespace = ds.metadata.namespace_or_default().to_string();
        self.inventory.pods.retain(|pod| {
            pod.metadata.namespace_or_default() != namespace
                || !plan.delete.iter().any(|name| *name == pod.metadata.name)
        });
        for node in &plan.create {
            let mut labels = ds.spec.template.metadata.labels.clone();
            labels.insert("controller-revision-hash".into(), plan.revision.clone());
            if let Some(generation) = ds.template_generation() {
                labels.insert("pod-template-generation".into(), generation.to_string());
            }
            let name = format!("{}-{node}-v{}", ds.metadata.name, self.version);
            assert!(
                !self.inventory.pods.iter().any(|p| p.metadata.name == name),
                "pod name {name} reused"
            );
            let pod: Pod = serde_json::from_value(serde_json::json!({
                "metadata": {
                    "name": name,
                    "namespace": namespace,
                    "labels": labels,
                    "creationTimestamp": self.clock.to_string(),
                    "ownerReferences": [{
                        "apiVersion": "apps/v1", "kind": "DaemonSet",
                        "name": ds.metadata.name, "uid": ds.metadata.uid,
                        "controller": true, "blockOwnerDeletion": true
                    }]
                },
                "spec": {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": [{"matchFields": [
                        {"key": "metadata.name", "operator": "In", "values": [node]}
                    ]}]
                }}}},
                "status": {"phase": "Pending"}
            }))
            .unwrap();
            self.inventory.pods.push(pod);
        }
    }

    /// `podutil.UpdatePodCondition` for Ready: the transition time moves only
    /// when the status changes.
    fn set_ready(pod: &mut Pod, ready: bool, at: Timestamp) {
        let status = if ready { "True" } else { "False" };
        match pod
            .status
            .conditions
            .iter_mut()
            .find(|c| c.type_ == "Ready")
        {
            Some(condition) if condition.status == status => {}
            Some(condition) => {
                condition.status = status.to_string();
                condition.last_transition_time = Some(at);
            }
            None => pod.status.conditions.push(PodCondition {
                type_: "Ready".to_string(),
                status: status.to_string(),
                last_transition_time: Some(at),
            }),
        }
    }

    /// Upstream's `markPodsReady`: every pod Ready.
    fn mark_pods_ready(&mut self) {
        let at = self.clock;
        for pod in &mut self.inventory.pods {
            Cluster::set_ready(pod, true, at);
        }
    }

    /// Upstream's `setPodReadiness` with a deterministic choice: the named
    /// pods (none of them deleting) get readiness `ready` at the clock.
    fn set_readiness(&mut self, names: &[&str], ready: bool) {
        let at = self.clock;
        for name in names {
            let pod = self
                .inventory
                .pods
                .iter_mut()
                .find(|p| p.metadata.name == *name)
                .unwrap_or_else(|| panic!("no pod {name}"));
            assert!(pod.metadata.deletion_timestamp.is_none());
            Cluster::set_ready(pod, ready, at);
        }
    }

    fn pod_names(&self, keep: impl Fn(&Pod) -> bool) -> Vec<String> {
        let mut names: Vec<String> = self
            .inventory
            .pods
            .iter()
            .filter(|p| keep(p))
            .map(|p| p.metadata.name.clone())
            .collect();
        names.sort();
        names
    }
}

fn is_ready(pod: &Pod) -> bool {
    pod.is_ready()
}

// ---------------------------------------------------------------------------
// SEMANTICS §11, rolling update (cases 45-56).

#[test]
fn semantics_case_45_non_surge_deletes_one_available_old_pod() {
    // SEMANTICS §11 case 45.
    let inventory = fixture("case45-non-surge-one-at-a-time");
    let plan = plan_for(&inventory, "agent");
    assert_eq!((plan.max_surge, plan.max_unavailable), (0, 1));
    assert_actions(&plan, &[], &["agent-n1"]);
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 3,
            current: 3,
            misscheduled: 0,
            ready: 3,
            available: 3,
            updated: 0,
            unavailable: 0,
        }
    );
}

#[test]
fn semantics_case_46_non_surge_deletes_every_unavailable_old_pod() {
    // SEMANTICS §11 case 46.
    let inventory = fixture("case46-non-surge-all-old-unavailable");
    let plan = plan_for(&inventory, "agent");
    assert_eq!(plan.max_unavailable, 1);
    assert_actions(&plan, &[], &["agent-n1", "agent-n2", "agent-n3"]);
    assert_eq!(plan.status.number_unavailable, 3);
}

#[test]
fn semantics_case_47_unavailable_new_pod_uses_up_the_budget() {
    // SEMANTICS §11 case 47.
    let inventory = fixture("case47-non-surge-new-unavailable-blocks");
    let plan = plan_for(&inventory, "agent");
    assert_actions(&plan, &[], &[]);
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 3,
            current: 3,
            misscheduled: 0,
            ready: 2,
            available: 2,
            updated: 1,
            unavailable: 1,
        }
    );
}

#[test]
fn semantics_case_48_terminating_pod_counts_as_unavailable() {
    // SEMANTICS §11 case 48.
    let inventory = fixture("case48-non-surge-terminating-counts-unavailable");
    let plan = plan_for(&inventory, "agent");
    assert_actions(&plan, &[], &[]);
    // Status still sees the terminating pod on n2.
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 2,
            current: 2,
            misscheduled: 0,
            ready: 2,
            available: 2,
            updated: 0,
            unavailable: 0,
        }
    );
}

#[test]
fn semantics_case_49_percent_budgets_round_up() {
    // SEMANTICS §11 case 49.
    let inventory = fixture("case49-percent-budgets");
    let plan = plan_for(&inventory, "agent");
    assert_eq!((plan.max_surge, plan.max_unavailable), (0, 2));
    assert_actions(&plan, &[], &["agent-n01", "agent-n02"]);

    let zero = plan_for(&inventory, "zero");
    assert_eq!((zero.max_surge, zero.max_unavailable), (0, 1));
    assert_eq!(zero.create.len(), 11);
}

#[test]
fn semantics_case_50_surge_creates_one_new_pod() {
    // SEMANTICS §11 case 50.
    let inventory = fixture("case50-surge-one-new-pod");
    let plan = plan_for(&inventory, "agent");
    assert_eq!((plan.max_surge, plan.max_unavailable), (1, 0));
    assert_actions(&plan, &["n1"], &[]);
}

#[test]
fn semantics_case_51_surge_replaces_unavailable_old_pod_beyond_budget() {
    // SEMANTICS §11 case 51.
    let inventory = fixture("case51-surge-replaces-unavailable-beyond-budget");
    assert_actions(&plan_for(&inventory, "agent"), &["n2"], &[]);
}

#[test]
fn semantics_case_52_surge_deletes_old_pod_next_to_available_new_pod() {
    // SEMANTICS §11 case 52, manage path (M2.6).
    let inventory = fixture("case52-surge-new-available-manage");
    let plan = plan_for(&inventory, "agent");
    assert_actions(&plan, &[], &["agent-n1-old"]);
    assert_eq!(plan.issued_by, Some(IssuedBy::Manage));
    // Status still inspects the old pod (oldest first).
    assert_eq!(plan.status.updated_number_scheduled, 0);
    assert_eq!(plan.status.number_available, 1);

    // SEMANTICS §11 case 52, rolling-update path (G6): pods on a node missing
    // from the inventory.
    let inventory = fixture("case52-surge-new-available-missing-node");
    let plan = plan_for(&inventory, "agent");
    assert_actions(&plan, &[], &["agent-gone-old"]);
    assert_eq!(plan.issued_by, Some(IssuedBy::RollingUpdate));
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 1,
            current: 1,
            misscheduled: 0,
            ready: 1,
            available: 1,
            updated: 1,
            unavailable: 0,
        }
    );
}

#[test]
fn semantics_case_53_surge_removes_pod_on_tainted_node_once_covered() {
    // SEMANTICS §11 case 53.
    let inventory = fixture("case53-surge-tainted-node-old-pod");
    // n2's new pod is not yet available: the old pod on n3 stays.
    let before = plan_for(&inventory, "agent");
    assert_actions(&before, &[], &[]);
    assert_eq!(
        counts(&before),
        Counts {
            desired: 2,
            current: 2,
            misscheduled: 1,
            ready: 2,
            available: 1,
            updated: 2,
            unavailable: 1,
        }
    );
    let node = before.nodes.iter().find(|n| n.name == "n3").unwrap();
    assert_eq!(
        (node.should_run, node.should_continue_running),
        (false, true)
    );

    // Available pods on n1, n2 and n3: 3 - 2 desired = 1 may go.
    let after = plan_at(&inventory, "agent", ts("2026-01-01T01:00:30Z"));
    assert_actions(&after, &[], &["agent-n3-old"]);
    assert_eq!(after.status.number_available, 2);
    assert_eq!(after.status.number_unavailable, 0);
}

#[test]
fn semantics_case_54_surge_old_pod_on_missing_node_fails_the_sync() {
    // SEMANTICS §11 case 54.
    let inventory = fixture("case54-surge-old-pod-on-missing-node");
    let plan = plan_for(&inventory, "agent");
    let error = plan.error.as_deref().expect("the rolling update fails");
    assert!(
        error.contains("couldn't get node for nodeName"),
        "unexpected error: {error}"
    );
    assert!(plan.create.is_empty() && plan.delete.is_empty());
    // The status upstream still writes.
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 1,
            current: 1,
            misscheduled: 0,
            ready: 1,
            available: 1,
            updated: 1,
            unavailable: 0,
        }
    );
}

#[test]
fn semantics_case_55_on_delete_never_surges() {
    // SEMANTICS §11 case 55.
    let mut cluster = Cluster::new(fixture("case55-on-delete-ignores-max-surge"), "agent");
    cluster.clock = ts(NOW);
    let plan = cluster.step(&["n3"], &["agent-n1-new"]);
    assert_eq!((plan.max_surge, plan.max_unavailable), (0, 0));
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 3,
            current: 2,
            misscheduled: 0,
            ready: 2,
            available: 2,
            updated: 0,
            unavailable: 1,
        }
    );
    // The old pods on n1 and n2 stay until someone deletes them.
    cluster.step(&[], &[]);
    cluster.mark_pods_ready();
    let plan = cluster.step(&[], &[]);
    assert_eq!(plan.status.updated_number_scheduled, 1);
}

#[test]
fn semantics_case_56_surge_wins_over_max_unavailable() {
    // SEMANTICS §11 case 56.
    let inventory = fixture("case56-surge-wins-over-max-unavailable");
    let plan = plan_for(&inventory, "agent");
    // Both resolve (updatedDesiredNodeCounts zero-defaults only when both
    // are 0); the surge branch then ignores maxUnavailable.
    assert_eq!((plan.max_surge, plan.max_unavailable), (1, 2));
    assert_actions(&plan, &["n1"], &[]);
}

#[test]
fn semantics_r3_invalid_budget_fails_only_when_the_rolling_update_runs() {
    // SEMANTICS §7.1 R3 (an error aborts the rolling update).
    let inventory = fixture("invalid-max-unavailable");
    let plan = plan_for(&inventory, "agent");
    let error = plan.error.as_deref().expect("the budget does not resolve");
    assert!(
        error.starts_with("couldn't get unavailable numbers: invalid value for MaxUnavailable"),
        "unexpected error: {error}"
    );
    assert!(plan.create.is_empty() && plan.delete.is_empty());
    assert_eq!(plan.status.desired_number_scheduled, 1);

    let plan = plan_for(&inventory, "agent-new-node");
    assert_actions(&plan, &["n2"], &[]);
}

#[test]
fn semantics_n7_g4_rolling_update_beyond_desired_nodes() {
    // SEMANTICS §7.2 N7: non-surge, candidates on the missing node "gone" and
    // on the NoSchedule-tainted n1, one per sync (maxUnavailable 1).
    let mut c = Cluster::new(fixture("rolling-update-beyond-desired-nodes"), "agent");
    c.clock = ts(NOW);
    let first = c.step(&[], &["agent-gone"]);
    assert_eq!(
        counts(&first),
        Counts {
            desired: 1,
            current: 1,
            misscheduled: 1,
            ready: 1,
            available: 1,
            updated: 1,
            unavailable: 0,
        }
    );
    let second = c.step(&[], &["agent-n1"]);
    assert_eq!(second.status.number_misscheduled, 1);
    // n1 should not run the pod: nothing comes back.
    let third = c.step(&[], &[]);
    assert_eq!(third.status.number_misscheduled, 0);

    // SEMANTICS §7.3 G4: surge, the unavailable old pod on n1 (should not
    // run) is deleted without a replacement.
    let inventory = fixture("rolling-update-beyond-desired-nodes");
    let plan = plan_for(&inventory, "agent-surge");
    assert_actions(&plan, &[], &["agent-surge-n1"]);
}

// ---------------------------------------------------------------------------
// Ports of update_test.go.

fn five_node_cluster() -> Cluster {
    Cluster::new(fixture("upstream-simple-launches-pods"), "foo")
}

#[test]
fn upstream_daemon_set_updates_pods() {
    // TestDaemonSetUpdatesPods: maxUnavailable 2 over five ready pods.
    let mut c = five_node_cluster();
    let first = c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);
    c.mark_pods_ready();

    c.set_image("foo2/bar2");
    c.set_strategy(max_unavailable(2));
    let second = c.step(&[], &["foo-node-0-v1", "foo-node-1-v1"]);
    assert_ne!(first.revision, second.revision, "template change, new hash");
    c.step(&["node-0", "node-1"], &[]);
    c.mark_pods_ready();

    c.step(&[], &["foo-node-2-v1", "foo-node-3-v1"]);
    c.step(&["node-2", "node-3"], &[]);
    c.mark_pods_ready();

    c.step(&[], &["foo-node-4-v1"]);
    c.step(&["node-4"], &[]);
    c.mark_pods_ready();

    let done = c.step(&[], &[]);
    assert_eq!(
        counts(&done),
        Counts {
            desired: 5,
            current: 5,
            misscheduled: 0,
            ready: 5,
            available: 5,
            updated: 5,
            unavailable: 0,
        }
    );
}

#[test]
fn upstream_daemon_set_updates_pods_with_max_surge() {
    // TestDaemonSetUpdatesPodsWithMaxSurge: maxSurge 2.
    let mut c = five_node_cluster();
    c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);
    c.mark_pods_ready();

    c.set_image("foo2/bar2");
    c.set_strategy(surge(2));
    let plan = c.step(&["node-0", "node-1"], &[]); // upstream (2, 0)
    assert_eq!((plan.max_surge, plan.max_unavailable), (2, 0));
    c.step(&[], &[]); // (0, 0): the surge budget is in use
    c.mark_pods_ready();

    // Upstream (maxSurge, maxSurge) = (2, 2) in one sync.
    let a = c.step(&[], &["foo-node-0-v1", "foo-node-1-v1"]);
    assert_eq!(a.issued_by, Some(IssuedBy::Manage));
    let b = c.step(&["node-2", "node-3"], &[]);
    assert_eq!(b.issued_by, Some(IssuedBy::RollingUpdate));
    c.step(&[], &[]); // (0, 0)
    c.mark_pods_ready();

    // Upstream (5 % maxSurge, maxSurge) = (1, 2).
    c.step(&[], &["foo-node-2-v1", "foo-node-3-v1"]);
    c.step(&["node-4"], &[]);
    c.step(&[], &[]); // (0, 0)
    c.mark_pods_ready();

    // Upstream (0, 5 % maxSurge) = (0, 1).
    c.step(&[], &["foo-node-4-v1"]);
    c.step(&[], &[]); // the rest of that sync: nothing
    c.step(&[], &[]); // (0, 0)
}

#[test]
fn upstream_daemon_set_updates_pods_not_match_taints_with_max_surge() {
    // TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge.
    let mut c = Cluster::new(
        fixture("upstream-updates-pods-not-match-taints-with-max-surge"),
        "foo",
    );
    c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);
    c.mark_pods_ready();

    // Drop the toleration: node-0 should no longer run the pod.
    c.ds_mut().spec.template.spec.tolerations.clear();
    c.version += 1;

    // Upstream (maxSurge, 1): both from the rolling update. node-0's old pod
    // goes because 5 available pods exceed the 4 desired nodes (G7).
    let plan = c.step(&["node-1"], &["foo-node-0-v1"]);
    assert_eq!(plan.issued_by, Some(IssuedBy::RollingUpdate));
    assert_eq!(plan.status.desired_number_scheduled, 4);
    assert_eq!(plan.status.number_misscheduled, 1);
    c.step(&[], &[]);
    c.mark_pods_ready();

    // Upstream (maxSurge, maxSurge) three times: manage deletes the replaced
    // old pod, then the rolling update surges onto the next node.
    for (old, next) in [
        ("foo-node-1-v1", "node-2"),
        ("foo-node-2-v1", "node-3"),
        ("foo-node-3-v1", "node-4"),
    ] {
        assert_eq!(c.step(&[], &[old]).issued_by, Some(IssuedBy::Manage));
        assert_eq!(
            c.step(&[next], &[]).issued_by,
            Some(IssuedBy::RollingUpdate)
        );
        c.step(&[], &[]);
        c.mark_pods_ready();
    }

    // Upstream (0, maxSurge).
    c.step(&[], &["foo-node-4-v1"]);
    let done = c.step(&[], &[]);
    assert_eq!(done.status.number_misscheduled, 0);
    assert_eq!(done.status.updated_number_scheduled, 4);
}

#[test]
fn upstream_daemon_set_updates_when_new_pod_is_not_ready() {
    // TestDaemonSetUpdatesWhenNewPodIsNotReady: maxUnavailable 3.
    let mut c = five_node_cluster();
    c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);
    c.mark_pods_ready();

    c.set_image("foo2/bar2");
    c.set_strategy(max_unavailable(3));
    c.step(&[], &["foo-node-0-v1", "foo-node-1-v1", "foo-node-2-v1"]);
    c.step(&["node-0", "node-1", "node-2"], &[]);
    // The three new pods are not ready: numUnavailable == maxUnavailable.
    c.step(&[], &[]);
}

#[test]
fn upstream_daemon_set_updates_some_old_pods_not_ready() {
    // TestDaemonSetUpdatesSomeOldPodsNotReady: maxUnavailable 2.
    let mut c = five_node_cluster();
    c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);
    c.mark_pods_ready();

    c.set_image("foo2/bar2");
    c.set_strategy(max_unavailable(2));
    c.step(&[], &["foo-node-0-v1", "foo-node-1-v1"]);
    c.step(&["node-0", "node-1"], &[]);
    c.step(&[], &[]);

    // Another update: the two unready v2 pods are replaced; the three
    // available v1 pods stay.
    c.set_image("foo2/bar3");
    c.step(&[], &["foo-node-0-v2", "foo-node-1-v2"]);
    c.step(&["node-0", "node-1"], &[]);
    c.step(&[], &[]);

    let ready = c.pod_names(is_ready);
    assert_eq!(ready, ["foo-node-2-v1", "foo-node-3-v1", "foo-node-4-v1"]);
}

#[test]
fn upstream_daemon_set_updates_save_old_healthy_pods() {
    // TestDaemonSetUpdatesSaveOldHealthyPods, with maxUnavailable running
    // through 0..9 instead of rand.Intn(10).
    let mut inventory = fixture("upstream-simple-launches-pods");
    inventory.nodes.clear();
    add_nodes(&mut inventory, 20);
    let mut c = Cluster::new(inventory, "foo");
    c.step_counts(20, 0);
    c.mark_pods_ready();

    // First update: 10 old pods that are never touched again. The first ten
    // nodes in name order are node-0, node-1, node-10 .. node-17.
    c.set_image("foo2/bar2");
    c.set_strategy(max_unavailable(10));
    let replaced = [
        "node-0", "node-1", "node-10", "node-11", "node-12", "node-13", "node-14", "node-15",
        "node-16", "node-17",
    ];
    let deleted: Vec<String> = replaced.iter().map(|n| format!("foo-{n}-v1")).collect();
    let deleted: Vec<&str> = deleted.iter().map(String::as_str).collect();
    c.step(&[], &deleted);
    c.step(&replaced, &[]);
    c.step(&[], &[]);
    let old_ready = c.pod_names(is_ready);
    assert_eq!(old_ready.len(), 10);

    for max in 0..10 {
        c.set_strategy(max_unavailable(max));
        c.set_image(&format!("foo2/bar3-{max}"));
        // Only the 10 unavailable pods are replaced.
        let previous = c.version - 1;
        let deleted: Vec<String> = replaced
            .iter()
            .map(|n| format!("foo-{n}-v{previous}"))
            .collect();
        let deleted: Vec<&str> = deleted.iter().map(String::as_str).collect();
        c.step(&[], &deleted);
        c.step(&replaced, &[]);
        c.step(&[], &[]);
        assert_eq!(c.pod_names(is_ready), old_ready, "iteration {max}");
    }

    // maxUnavailable 11: the 10 unavailable pods plus one available old pod,
    // the first candidate in name order (node-18).
    c.set_strategy(max_unavailable(11));
    c.set_image("foo2/bar4");
    let plan = c.step_counts(0, 11);
    assert!(plan.delete.iter().any(|name| name == "foo-node-18-v1"));
    c.step_counts(11, 0);
    c.step(&[], &[]);
    assert_eq!(c.pod_names(is_ready).len(), 9);
}

#[test]
fn upstream_daemon_set_updates_all_old_not_ready_pods_and_new_not_ready_pods() {
    // TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods: 100 nodes,
    // maxUnavailable 10.
    let mut inventory = fixture("upstream-simple-launches-pods");
    inventory.nodes.clear();
    add_nodes(&mut inventory, 100);
    let mut c = Cluster::new(inventory, "foo");
    let first = c.step_counts(100, 0);
    let hash1 = first.revision.clone();
    c.mark_pods_ready();

    c.set_image("foo2/bar2");
    c.set_strategy(max_unavailable(10));
    for _ in 0..10 {
        let deleted = c.step_counts(0, 10);
        let created = c.step_counts(10, 0);
        // The nodes emptied by the rolling update are refilled by manage.
        let mut nodes: Vec<String> = deleted
            .delete
            .iter()
            .map(|pod| {
                let pod = pod.strip_prefix("foo-").unwrap();
                pod.strip_suffix("-v1").unwrap().to_string()
            })
            .collect();
        nodes.sort();
        assert_eq!(created.create, nodes);
        c.mark_pods_ready();
    }
    c.step(&[], &[]);

    // 10 available old pods, 2 unavailable old pods, 88 unavailable new
    // pods, chosen in ascending node-name order.
    let mut pods: Vec<(String, usize)> = c
        .inventory
        .pods
        .iter()
        .enumerate()
        .map(|(i, p)| (target_node_name(p).unwrap().to_string(), i))
        .collect();
    pods.sort();
    let mut old_unavailable = Vec::new();
    for (rank, (_, index)) in pods.iter().enumerate() {
        let pod = &mut c.inventory.pods[*index];
        if rank >= 10 {
            Cluster::set_ready(pod, false, c.clock);
        }
        if rank < 12 {
            pod.metadata
                .labels
                .insert("controller-revision-hash".into(), hash1.clone());
            if rank >= 10 {
                old_unavailable.push(pod.metadata.name.clone());
            }
        }
    }
    old_unavailable.sort();
    let old_unavailable: Vec<&str> = old_unavailable.iter().map(String::as_str).collect();

    c.step(&[], &old_unavailable);
    c.step_counts(2, 0);
    c.step(&[], &[]);
}

#[test]
fn upstream_daemon_set_updates_all_old_pods_not_ready() {
    // TestDaemonSetUpdatesAllOldPodsNotReady: maxUnavailable 3, nothing ready.
    let mut c = five_node_cluster();
    c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);

    c.set_image("foo2/bar2");
    c.set_strategy(max_unavailable(3));
    c.step(
        &[],
        &[
            "foo-node-0-v1",
            "foo-node-1-v1",
            "foo-node-2-v1",
            "foo-node-3-v1",
            "foo-node-4-v1",
        ],
    );
    c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);
    c.step(&[], &[]);
}

#[test]
fn upstream_daemon_set_updates_all_old_pods_not_ready_max_surge() {
    // TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge, on upstream's clock.
    let mut c = five_node_cluster();
    c.clock = unix(50);
    c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);

    c.set_image("foo2/bar2");
    c.set_strategy(surge(3));

    // All old pods are unavailable: every node surges, beyond maxSurge.
    c.clock = unix(100);
    c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);

    // The old pods are not ready: manage deletes them.
    c.clock = unix(200);
    c.step(
        &[],
        &[
            "foo-node-0-v1",
            "foo-node-1-v1",
            "foo-node-2-v1",
            "foo-node-3-v1",
            "foo-node-4-v1",
        ],
    );
    c.clock = unix(200);
    c.step(&[], &[]); // the rest of upstream's sync: nothing

    c.clock = unix(200);
    c.mark_pods_ready();
    c.ds_mut().spec.min_ready_seconds = 15;
    c.set_image("foo3/bar3");

    c.clock = unix(300);
    c.step(&["node-0", "node-1", "node-2"], &[]);
    // Two updated pods go ready at 300; the old pod on node-3 (no updated pod
    // there) goes unready.
    c.clock = unix(300);
    c.set_readiness(&["foo-node-0-v3", "foo-node-1-v3"], true);
    c.set_readiness(&["foo-node-3-v2"], false);

    // 310: the new pods wait for minReadySeconds (surge budget 3 in use), but
    // node-3's unavailable old pod is replaced regardless.
    c.clock = unix(310);
    c.step(&["node-3"], &[]);

    // 320: upstream (1, 3) in one sync.
    c.clock = unix(320);
    let a = c.step(&[], &["foo-node-0-v2", "foo-node-1-v2", "foo-node-3-v2"]);
    assert_eq!(a.issued_by, Some(IssuedBy::Manage));
    c.clock = unix(320);
    // The rolling update: budget 3, node-2 still surging.
    let b = c.step(&["node-4"], &[]);
    assert_eq!(b.issued_by, Some(IssuedBy::RollingUpdate));

    c.clock = unix(320);
    c.set_readiness(&["foo-node-2-v3", "foo-node-3-v3", "foo-node-4-v3"], true);

    // 340: the new pods are available; the old ones go.
    c.clock = unix(340);
    c.step(&[], &["foo-node-2-v2", "foo-node-4-v2"]);
    c.clock = unix(340);
    c.step(&[], &[]);

    // 350: done.
    c.clock = unix(350);
    let done = c.step(&[], &[]);
    assert_eq!(done.status.updated_number_scheduled, 5);
    assert_eq!(done.status.number_available, 5);
}

#[test]
fn upstream_daemon_set_updates_no_template_changed() {
    // TestDaemonSetUpdatesNoTemplateChanged.
    let mut c = five_node_cluster();
    let first = c.step(&["node-0", "node-1", "node-2", "node-3", "node-4"], &[]);
    c.set_strategy(max_unavailable(3));
    let second = c.step(&[], &[]);
    // The strategy is not part of the template: same revision.
    assert_eq!(first.revision, second.revision);
    assert_eq!(second.status.updated_number_scheduled, 5);
}

#[test]
fn upstream_get_unavailable_numbers() {
    // TestGetUnavailableNumbers (updatedDesiredNodeCounts): maxSurge,
    // maxUnavailable and desiredNumberScheduled per row.
    let inventory = fixture("upstream-updated-desired-node-counts");
    let rows = [
        ("no-nodes", 0, 0, 0),
        ("two-ready", 2, 0, 1),
        ("one-empty", 2, 0, 1),
        ("one-empty-surge", 2, 0, 1),
        ("percent", 2, 0, 1),
        ("percent-surge", 2, 1, 0),
        ("hundred-percent-surge", 2, 2, 0),
        ("percent-terminating", 3, 0, 2),
    ];
    for (name, nodes, max_surge, max_unavailable) in rows {
        let plan = plan_daemon_set(
            daemon_set(&inventory, name),
            &inventory.nodes[..nodes],
            &[],
            &[],
            &PlanOptions::at(ts(NOW)),
        );
        assert_eq!(
            (
                plan.max_surge,
                plan.max_unavailable,
                plan.status.desired_number_scheduled
            ),
            (max_surge, max_unavailable, nodes as i64),
            "{name}"
        );
    }
}
