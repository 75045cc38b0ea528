//! Helpers shared by the controller test files: loading fixtures,
//! planning them, and asserting actions and status counters.

use daemonset_planner::controller::{Plan, PlanOptions, plan_daemon_set};

/// A plan that owns its names, so the inventory it came from can be changed.
pub type OwnedPlan = Plan<'static>;
use daemonset_planner::io::Inventory;
use daemonset_planner::model::{DaemonSet, DaemonSetUpdateStrategy, Pod};
use jiff::Timestamp;

pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/controller");

/// The instant the SEMANTICS fixtures are planned at.
pub const NOW: &str = "2026-01-01T01:00:00Z";

pub fn fixture(name: &str) -> Inventory {
    let path = format!("{FIXTURES}/{name}.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut inventory = Inventory::default();
    inventory
        .add_text(&path, &text)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    inventory
}

pub fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

pub fn daemon_set<'a>(inventory: &'a Inventory, name: &str) -> &'a DaemonSet {
    inventory
        .daemon_sets
        .iter()
        .find(|ds| ds.metadata.name == name)
        .unwrap_or_else(|| panic!("no DaemonSet {name} in the fixture"))
}

pub fn daemon_set_mut<'a>(inventory: &'a mut Inventory, name: &str) -> &'a mut DaemonSet {
    inventory
        .daemon_sets
        .iter_mut()
        .find(|ds| ds.metadata.name == name)
        .unwrap_or_else(|| panic!("no DaemonSet {name} in the fixture"))
}

/// Exact creates and deletes, and no sync error.
#[track_caller]
pub fn assert_actions(plan: &Plan, create: &[&str], delete: &[&str]) {
    assert_eq!(
        plan.create, create,
        "nodes getting a pod ({})",
        plan.daemon_set
    );
    assert_eq!(plan.delete, delete, "pods deleted ({})", plan.daemon_set);
    assert_eq!(plan.error, None, "sync error ({})", plan.daemon_set);
}

/// The seven counters of `DaemonSetStatus`, named for readable failures.
#[derive(Debug, PartialEq, Eq)]
pub struct Counts {
    pub desired: i64,
    pub current: i64,
    pub misscheduled: i64,
    pub ready: i64,
    pub available: i64,
    pub updated: i64,
    pub unavailable: i64,
}

pub fn counts(plan: &Plan) -> Counts {
    let s = &plan.status;
    Counts {
        desired: s.desired_number_scheduled,
        current: s.current_number_scheduled,
        misscheduled: s.number_misscheduled,
        ready: s.number_ready,
        available: s.number_available,
        updated: s.updated_number_scheduled,
        unavailable: s.number_unavailable,
    }
}

/// Upstream's `updateStrategies()`: OnDelete, then RollingUpdate with
/// maxUnavailable 1.
pub fn update_strategies() -> Vec<(&'static str, DaemonSetUpdateStrategy)> {
    let on_delete = serde_json::from_str(r#"{"type":"OnDelete"}"#).unwrap();
    let rolling =
        serde_json::from_str(r#"{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1}}"#)
            .unwrap();
    vec![("OnDelete", on_delete), ("RollingUpdate", rolling)]
}

/// Carries out a plan as upstream's fake pod control does: deleted pods
/// disappear, created pods appear on their node as Pending with the plan's
/// revision hash (and template generation), an owner reference, and a
/// matchFields node affinity instead of a nodeName.
pub fn apply(inventory: &mut Inventory, name: &str, plan: &Plan, now: &str) {
    let ds = daemon_set(inventory, name).clone();
    let namespace = ds.metadata.namespace_or_default().to_string();
    inventory.pods.retain(|pod| {
        pod.metadata.namespace_or_default() != namespace
            || !plan.delete.iter().any(|name| *name == pod.metadata.name)
    });
    for node in &plan.create {
        let mut labels = ds.spec.template.metadata.labels.clone();
        labels.insert("controller-revision-hash".into(), plan.revision.clone());
        if let Some(generation) = ds.template_generation() {
            labels.insert("pod-template-generation".into(), generation.to_string());
        }
        let pod: Pod = serde_json::from_value(serde_json::json!({
            "metadata": {
                "name": format!("{}-{node}-created", ds.metadata.name),
                "namespace": namespace,
                "labels": labels,
                "creationTimestamp": now,
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
        inventory.pods.push(pod);
    }
}

/// One sync of DaemonSet `name` against the inventory at `now`, owning its
/// names so the test may change the inventory afterwards.
pub fn plan_at(inventory: &Inventory, name: &str, now: Timestamp) -> OwnedPlan {
    plan_daemon_set(
        daemon_set(inventory, name),
        &inventory.nodes,
        &inventory.pods,
        &inventory.revisions,
        &PlanOptions::at(now),
    )
    .into_owned()
}

/// [`plan_at`] at [`NOW`].
pub fn plan_for(inventory: &Inventory, name: &str) -> OwnedPlan {
    plan_at(inventory, name, ts(NOW))
}

/// Upstream's `newUpdateSurge(n)`: maxUnavailable 0, maxSurge n.
pub fn surge(max_surge: i32) -> DaemonSetUpdateStrategy {
    serde_json::from_value(serde_json::json!({
        "type": "RollingUpdate",
        "rollingUpdate": {"maxUnavailable": 0, "maxSurge": max_surge}
    }))
    .unwrap()
}
