//! `manage`: per-node create and delete decisions (`podsShouldBeOnNode`,
//! `getUnscheduledPodsWithoutNode`).

use super::ownership::pod_order;
use super::rolling::allows_surge;
use super::state::SyncState;
use crate::model::{CONTROLLER_REVISION_HASH_LABEL, Pod, PodPhase};

/// What `manage` asks for, in upstream's list order (nodes ascending by
/// name, then orphans on missing nodes), before the burst cap. The names
/// borrow from the inventory (`&str`) until a plan keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actions<S = String> {
    /// Node names that get a new pod.
    pub create: Vec<S>,
    /// Pod names to delete.
    pub delete: Vec<S>,
}

impl<S> Default for Actions<S> {
    fn default() -> Self {
        Actions {
            create: Vec::new(),
            delete: Vec::new(),
        }
    }
}

impl<S> Actions<S> {
    /// True when nothing is created or deleted.
    pub fn is_empty(&self) -> bool {
        self.create.is_empty() && self.delete.is_empty()
    }
}

/// What `podsShouldBeOnNode` needs besides the node and its pods.
#[derive(Debug, Clone, Copy)]
pub struct NodeContext<'a> {
    /// The current template hash.
    pub hash: &'a str,
    /// Whether surge is allowed (`AllowsSurge`).
    pub surge: bool,
    /// The DaemonSet's `minReadySeconds`.
    pub min_ready_seconds: i32,
    /// The instant availability is judged at.
    pub now: jiff::Timestamp,
}

/// `podsShouldBeOnNode` for one inventory node: appends its creations and
/// deletions to `actions`. `pods` is the node's group (after claiming).
pub fn manage_node<'a>(
    context: &NodeContext<'_>,
    node_name: &'a str,
    (should_run, should_continue_running): (bool, bool),
    pods: &[&'a Pod],
    actions: &mut Actions<&'a str>,
) {
    if should_run && pods.is_empty() {
        actions.create.push(node_name);
    } else if should_continue_running {
        pods_on_eligible_node(context, node_name, pods, should_run, actions);
    } else {
        for pod in pods {
            if pod.metadata.deletion_timestamp.is_none() {
                actions.delete.push(pod.metadata.name.as_str());
            }
        }
    }
}

/// Runs `manage` over the inventory. Failed pods are always deletable: the
/// controller's failed-pod back-off is memory, not observable state.
pub fn manage<'a>(state: &SyncState<'_, 'a>) -> Actions<&'a str> {
    let mut actions = Actions::default();
    let context = NodeContext {
        hash: &state.hash,
        surge: allows_surge(state.ds),
        min_ready_seconds: state.ds.spec.min_ready_seconds,
        now: state.now,
    };
    for (index, name) in state.node_names.iter().enumerate() {
        let pods = state.pods_on(index);
        manage_node(&context, name, state.eligibility[index], pods, &mut actions);
    }
    // getUnscheduledPodsWithoutNode: unbound pods aimed at nodes that do not exist.
    for pods in state.missing.values() {
        for pod in pods {
            if pod.spec.node_name.is_empty() {
                actions.delete.push(pod.metadata.name.as_str());
            }
        }
    }
    actions
}

/// The `shouldContinueRunning` branch of `podsShouldBeOnNode`.
fn pods_on_eligible_node<'a>(
    context: &NodeContext<'_>,
    node_name: &'a str,
    pods: &[&'a Pod],
    should_run: bool,
    actions: &mut Actions<&'a str>,
) {
    let surge = context.surge;
    let is_running = |pod: &&&Pod| {
        pod.metadata.deletion_timestamp.is_none()
            && !matches!(
                pod.status.phase,
                Some(PodPhase::Failed) | Some(PodPhase::Succeeded)
            )
    };
    for pod in pods {
        if pod.metadata.deletion_timestamp.is_none()
            && matches!(
                pod.status.phase,
                Some(PodPhase::Failed) | Some(PodPhase::Succeeded)
            )
        {
            actions.delete.push(pod.metadata.name.as_str());
        }
    }
    // The common case, one running pod or none, needs no list.
    let running_count = pods.iter().filter(is_running).count();
    if running_count <= 1 {
        if surge && running_count == 0 && should_run {
            actions.create.push(node_name);
        }
        return;
    }
    let mut running: Vec<&'a Pod> = pods.iter().filter(is_running).copied().collect();
    running.sort_by(|a, b| pod_order(a, b));
    if !surge {
        // Without surge, keep the oldest running pod only.
        for pod in &running[1..] {
            actions.delete.push(pod.metadata.name.as_str());
        }
        return;
    }
    let mut oldest_new: Option<&'a Pod> = None;
    let mut oldest_old: Option<&'a Pod> = None;
    for pod in running {
        // Go's `pod.Labels[key] == hash`: a missing label reads as "".
        let is_new = pod
            .metadata
            .labels
            .get(CONTROLLER_REVISION_HASH_LABEL)
            .unwrap_or("")
            == context.hash;
        let slot = if is_new {
            &mut oldest_new
        } else {
            &mut oldest_old
        };
        if slot.is_none() {
            *slot = Some(pod);
        } else {
            actions.delete.push(pod.metadata.name.as_str());
        }
    }
    if let (Some(new), Some(old)) = (oldest_new, oldest_old) {
        if !old.is_ready() || new.is_available(context.min_ready_seconds, context.now) {
            actions.delete.push(old.metadata.name.as_str());
        }
    }
}
