//! One sync of the DaemonSet controller as a pure value (`syncDaemonSet`,
//! `updateDaemonSet`, `syncNodes`).

use std::borrow::Cow;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::manage::{Actions, manage};
use super::ownership::DaemonPods;
use super::revision::{RevisionPlan, construct_history, history_to_delete};
use super::rolling::{resolve_budget, rolling_update};
use super::state::{PreparedNodes, PreparedPods, SyncState};
use super::status::compute_status;
use crate::defaults::{DEFAULT_REVISION_HISTORY_LIMIT, default_daemon_set};
use crate::hashing::FastMap;
use crate::model::{ControllerRevision, DaemonSet, DaemonSetStatus, Node, Pod, UpdateStrategyType};
use crate::scheduling::{EligibilityOptions, Placement, ReasonCache, Reasons};

/// The controller's `BurstReplicas`: at most this many creations and this
/// many deletions per sync.
pub const BURST_REPLICAS: usize = 250;

/// Inputs that are not objects: the clock and feature gates.
///
/// ```
/// use daemonset_planner::controller::PlanOptions;
/// let options = PlanOptions::at("2026-01-01T00:00:00Z".parse().unwrap());
/// assert_eq!(options.burst_replicas, 250);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanOptions {
    /// The instant availability (`minReadySeconds`) is judged at.
    pub now: Timestamp,
    /// Feature gates that change placement.
    pub eligibility: EligibilityOptions,
    /// Creation and deletion cap per sync (upstream: 250).
    pub burst_replicas: usize,
    /// Fill [`Plan::nodes`] (every node with its decision and reasons).
    /// On by default; tools that only need the decisions and the status
    /// turn it off and skip building one entry per node.
    pub explain: bool,
}

impl PlanOptions {
    /// Default options at instant `now`.
    pub fn at(now: Timestamp) -> PlanOptions {
        PlanOptions {
            now,
            eligibility: EligibilityOptions::default(),
            burst_replicas: BURST_REPLICAS,
            explain: true,
        }
    }
}

/// What happens on one node in this sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NodeAction {
    /// A new daemon pod is created on the node.
    Create,
    /// The node's pod stays as it is.
    Keep,
    /// The node's pods are deleted and none replaces them (the node is not eligible).
    Delete,
    /// Pods are deleted or created on an eligible node that keeps running the
    /// daemon: duplicates pruned, failed pods removed, old pods replaced.
    Replace,
    /// The node should run a pod but gets none in this sync (burst cap, a pod
    /// still terminating, or the rolling-update budget).
    Wait,
    /// Nothing to do: the node is not eligible and runs no pod.
    None,
}

/// Which part of the sync issued the plan's creations and deletions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IssuedBy {
    /// `manage`: missing pods, duplicates, failed pods, ineligible nodes.
    Manage,
    /// The rolling update (runs only when `manage` issued nothing).
    RollingUpdate,
}

/// One node of the plan. Names borrow from the inventory the plan was made
/// from (`Cow::Borrowed`); [`Plan::into_owned`] detaches them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodePlan<'a> {
    /// Node name.
    pub name: Cow<'a, str>,
    /// A daemon pod should run here.
    pub should_run: bool,
    /// An existing daemon pod may stay here.
    pub should_continue_running: bool,
    /// Why the node is not eligible (empty when `should_run`). Nodes that
    /// fail the same way share one list.
    pub reasons: Reasons,
    /// What this sync does on the node.
    pub action: NodeAction,
    /// The DaemonSet's pods on the node (names, oldest first).
    pub pods: Vec<Cow<'a, str>>,
}

impl NodePlan<'_> {
    /// The same node plan, owning its names.
    pub fn into_owned(self) -> NodePlan<'static> {
        NodePlan {
            name: Cow::Owned(self.name.into_owned()),
            should_run: self.should_run,
            should_continue_running: self.should_continue_running,
            reasons: self.reasons,
            action: self.action,
            pods: owned(self.pods),
        }
    }
}

fn owned(names: Vec<Cow<'_, str>>) -> Vec<Cow<'static, str>> {
    names
        .into_iter()
        .map(|name| Cow::Owned(name.into_owned()))
        .collect()
}

/// One sync of one DaemonSet: the JSON contract of `CONTRACT.md`.
///
/// Node and pod names borrow from the inventory the plan was made from, so
/// a plan of 100k nodes copies no name; [`Plan::into_owned`] detaches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan<'a> {
    /// `namespace/name`.
    pub daemon_set: String,
    /// The current revision's hash.
    pub revision: String,
    /// Resolved `maxSurge` (0 under OnDelete).
    pub max_surge: i64,
    /// Resolved `maxUnavailable` (0 under OnDelete).
    pub max_unavailable: i64,
    /// The status the controller writes for the observed state.
    pub status: DaemonSetStatus,
    /// Nodes that get a new pod in this sync, sorted.
    pub create: Vec<Cow<'a, str>>,
    /// Pods deleted in this sync, sorted.
    pub delete: Vec<Cow<'a, str>>,
    /// Which step issued `create` and `delete` (absent when nothing was issued).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<IssuedBy>,
    /// Where upstream's sync itself fails (the plan keeps what was issued before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why the controller does nothing for this DaemonSet, when it does nothing
    /// by rule (being deleted, selecting all pods).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Orphan pods the controller adopts (adds its owner reference to), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adopt: Vec<Cow<'a, str>>,
    /// Pods the controller releases (owned, labels no longer match), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub release: Vec<Cow<'a, str>>,
    /// The ControllerRevision writes of this sync.
    pub revisions: RevisionPlan,
    /// Every inventory node, sorted by name.
    pub nodes: Vec<NodePlan<'a>>,
}

impl Plan<'_> {
    /// The same plan, owning every name: for keeping it after the inventory
    /// it borrows from is gone.
    ///
    /// ```
    /// use daemonset_planner::controller::{plan_daemon_set, Plan, PlanOptions};
    /// use daemonset_planner::model::{DaemonSet, Node};
    /// let mut ds = DaemonSet::default();
    /// ds.spec.selector = Some(serde_json::from_str(r#"{"matchLabels":{"app":"a"}}"#).unwrap());
    /// let kept: Plan<'static> = {
    ///     let nodes = vec![Node::new("n1", [], vec![])];
    ///     plan_daemon_set(&ds, &nodes, &[], &[], &PlanOptions::at(jiff::Timestamp::UNIX_EPOCH)).into_owned()
    /// };
    /// assert_eq!(kept.create, vec!["n1"]);
    /// ```
    pub fn into_owned(self) -> Plan<'static> {
        Plan {
            daemon_set: self.daemon_set,
            revision: self.revision,
            max_surge: self.max_surge,
            max_unavailable: self.max_unavailable,
            status: self.status,
            create: owned(self.create),
            delete: owned(self.delete),
            issued_by: self.issued_by,
            error: self.error,
            skipped: self.skipped,
            adopt: owned(self.adopt),
            release: owned(self.release),
            revisions: self.revisions,
            nodes: self.nodes.into_iter().map(NodePlan::into_owned).collect(),
        }
    }
}

/// Plans one sync of `ds` against the inventory.
///
/// The DaemonSet is defaulted as the API server would (an unset strategy is
/// `RollingUpdate` with `maxUnavailable: 1`); it is not validated here (see
/// [`crate::validate`]): whatever upstream would do with an invalid object,
/// this does, and it never panics.
///
/// ```
/// use daemonset_planner::controller::{plan_daemon_set, PlanOptions};
/// use daemonset_planner::model::{DaemonSet, Node};
/// let ds: DaemonSet = serde_json::from_str(r#"{
///   "metadata": {"name": "agent", "namespace": "default"},
///   "spec": {"selector": {"matchLabels": {"app": "agent"}},
///            "template": {"metadata": {"labels": {"app": "agent"}},
///                         "spec": {"containers": [{"name": "a", "image": "agent:1"}]}}}
/// }"#).unwrap();
/// let nodes = vec![Node::new("n1", [], vec![]), Node::new("n2", [], vec![])];
/// let plan = plan_daemon_set(&ds, &nodes, &[], &[], &PlanOptions::at(jiff::Timestamp::UNIX_EPOCH));
/// assert_eq!(plan.create, vec!["n1", "n2"]);
/// assert_eq!(plan.status.desired_number_scheduled, 2);
/// ```
pub fn plan_daemon_set<'a>(
    ds: &DaemonSet,
    nodes: &'a [Node],
    pods: &'a [Pod],
    revisions: &[ControllerRevision],
    options: &PlanOptions,
) -> Plan<'a> {
    plan_prepared(
        ds,
        &PreparedNodes::new(nodes),
        &PreparedPods::new(pods),
        revisions,
        options,
    )
}

/// [`plan_daemon_set`] against nodes and pods prepared once
/// ([`PreparedNodes`], [`PreparedPods`]), for tools that plan several
/// DaemonSets or successive syncs over the same inventory.
pub fn plan_prepared<'a>(
    ds: &DaemonSet,
    nodes: &PreparedNodes<'a>,
    pods: &PreparedPods<'a>,
    revisions: &[ControllerRevision],
    options: &PlanOptions,
) -> Plan<'a> {
    let mut defaulted = ds.clone();
    default_daemon_set(&mut defaulted);
    let ds = &defaulted;
    let placement = Placement::compile(ds, options.eligibility);
    let grouped = DaemonPods::collect_in_namespace(
        ds,
        pods.in_namespace(ds.metadata.namespace_or_default())
            .iter()
            .copied(),
    );
    // dedupCurHistories (update.go) relabels every pod getDaemonPods claims,
    // including pods whose node cannot be determined; cleanupHistory below
    // only sees pods with a node (getNodesToDaemonPods(ds, true)).
    let history = construct_history(ds, revisions, &grouped.all);
    let state = SyncState::new(
        ds,
        &placement,
        nodes,
        grouped,
        history.hash.clone(),
        options.now,
    );

    let mut plan = Plan {
        daemon_set: ds.key(),
        revision: history.hash.clone(),
        max_surge: 0,
        max_unavailable: 0,
        status: ds.status.clone(),
        create: Vec::new(),
        delete: Vec::new(),
        issued_by: None,
        error: None,
        skipped: None,
        adopt: Vec::new(),
        release: Vec::new(),
        revisions: RevisionPlan::default(),
        nodes: Vec::new(),
    };

    // syncDaemonSet: a selector deep-equal to the empty one selects every
    // pod, so the controller only emits `SelectingAll` (SEMANTICS Y2).
    // Validation rejects such DaemonSets before the `plan` command gets here.
    let selects_all = ds.spec.selector.as_ref().is_some_and(|s| s.is_empty());
    if selects_all {
        plan.skipped = Some(
            "SelectingAll: this daemon set is selecting all pods; a non-empty selector is required"
                .to_string(),
        );
        if options.explain {
            plan.nodes = node_plans(nodes, &state, &Actions::default());
        }
        return plan;
    }
    if ds.metadata.deletion_timestamp.is_some() {
        plan.skipped = Some("the DaemonSet is being deleted".to_string());
        if options.explain {
            plan.nodes = node_plans(nodes, &state, &Actions::default());
        }
        return plan;
    }

    plan.revisions = history.plan.clone();
    plan.adopt = sorted_names(&state.pods.adopted);
    plan.release = sorted_names(&state.pods.released);
    let budget = match ds.strategy_type() {
        UpdateStrategyType::RollingUpdate => Some(resolve_budget(ds, state.desired())),
        _ => None,
    };
    if let Some(Ok(budget)) = &budget {
        plan.max_surge = budget.max_surge;
        plan.max_unavailable = budget.max_unavailable;
    }

    let mut actions = manage(&state);
    cap(&mut actions, options.burst_replicas);
    let mut failed = None;
    if !actions.is_empty() {
        plan.issued_by = Some(IssuedBy::Manage);
    } else {
        if let Some(budget) = budget {
            // rollingUpdate (update.go) wraps a failure of
            // updatedDesiredNodeCounts as "couldn't get unavailable numbers: ...".
            let budget = budget.map_err(|e| format!("couldn't get unavailable numbers: {e}"));
            match budget.and_then(|budget| rolling_update(&state, budget)) {
                Ok(mut rolling) => {
                    cap(&mut rolling, options.burst_replicas);
                    if !rolling.is_empty() {
                        plan.issued_by = Some(IssuedBy::RollingUpdate);
                    }
                    actions = rolling;
                }
                Err(error) => failed = Some(error),
            }
        }
    }
    if failed.is_none() {
        let limit = ds
            .spec
            .revision_history_limit
            .unwrap_or(DEFAULT_REVISION_HISTORY_LIMIT);
        plan.revisions.delete.extend(history_to_delete(
            &history.old,
            limit,
            &state.pods.all_with_node,
        ));
    }
    plan.error = failed;
    plan.status = compute_status(&state);
    if options.explain {
        plan.nodes = node_plans(nodes, &state, &actions);
    }
    plan.create = actions
        .create
        .iter()
        .map(|name| Cow::Borrowed(*name))
        .collect();
    plan.delete = actions
        .delete
        .iter()
        .map(|name| Cow::Borrowed(*name))
        .collect();
    plan.create.sort();
    plan.delete.sort();
    plan
}

fn sorted_names<'a>(pods: &[&'a Pod]) -> Vec<Cow<'a, str>> {
    let mut names: Vec<Cow<'a, str>> = pods
        .iter()
        .map(|p| Cow::Borrowed(p.metadata.name.as_str()))
        .collect();
    names.sort();
    names
}

/// `syncNodes`' burst cap: the first `limit` of each list, in list order.
fn cap(actions: &mut Actions<&str>, limit: usize) {
    actions.create.truncate(limit);
    actions.delete.truncate(limit);
}

fn node_plans<'a>(
    nodes: &PreparedNodes<'a>,
    state: &SyncState<'_, 'a>,
    actions: &Actions<&str>,
) -> Vec<NodePlan<'a>> {
    let mut reasons = match nodes.table() {
        Some(table) => ReasonCache::with_table(state.placement, table),
        None => ReasonCache::new(state.placement),
    };
    // The action lists borrow each name from its node or pod, so the name's
    // address identifies the node or pod: no string is hashed or compared
    // for the (many) nodes that no action touches.
    let address = |name: &str| name.as_ptr() as usize;
    let created: FastMap<usize, ()> = actions.create.iter().map(|n| (address(n), ())).collect();
    let deleted: FastMap<usize, ()> = actions.delete.iter().map(|n| (address(n), ())).collect();
    let is_deleted = |pod: &Pod| {
        !deleted.is_empty() && deleted.contains_key(&address(pod.metadata.name.as_str()))
    };
    state
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let name = state.node_names[index];
            let (should_run, should_continue_running) = state.eligibility[index];
            let group = state.pods_on(index);
            let mut pods: Vec<Cow<'a, str>> = Vec::with_capacity(group.len());
            let (mut any_deleted, mut live) = (false, false);
            let sorted_group: Vec<&Pod>;
            let ordered: &[&Pod] = if group.len() > 1 {
                let mut copy = group.to_vec();
                copy.sort_by(|a, b| super::ownership::pod_order(a, b));
                sorted_group = copy;
                &sorted_group
            } else {
                group
            };
            for pod in ordered {
                let gone = is_deleted(pod);
                any_deleted |= gone;
                live |= pod.metadata.deletion_timestamp.is_none() && !gone;
                pods.push(Cow::Borrowed(pod.metadata.name.as_str()));
            }
            let action = if !created.is_empty() && created.contains_key(&address(name)) {
                if live {
                    NodeAction::Replace
                } else {
                    NodeAction::Create
                }
            } else if any_deleted {
                if should_run || live {
                    NodeAction::Replace
                } else {
                    NodeAction::Delete
                }
            } else if live {
                NodeAction::Keep
            } else if should_run {
                NodeAction::Wait
            } else {
                NodeAction::None
            };
            NodePlan {
                name: Cow::Borrowed(name),
                should_run,
                should_continue_running,
                reasons: if should_run {
                    reasons.none()
                } else {
                    reasons.reasons_at(node, nodes.position(index))
                },
                action,
                pods,
            }
        })
        .collect()
}
