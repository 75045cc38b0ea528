//! The rolling update (`rollingUpdate`, `updatedDesiredNodeCounts`,
//! `findUpdatedPodsOnNode`, `SurgeCount`, `UnavailableCount`, `AllowsSurge`).

use super::manage::Actions;
use super::state::SyncState;
use crate::model::{DaemonSet, Pod, UpdateStrategyType};

/// `SurgeCount(ds, n)`: 0 unless the strategy is `RollingUpdate` with a
/// `maxSurge`; else `maxSurge` scaled against `n`, rounding up.
pub fn surge_count(ds: &DaemonSet, desired: i64) -> Result<i64, String> {
    if ds.strategy_type() != UpdateStrategyType::RollingUpdate {
        return Ok(0);
    }
    let Some(rolling) = &ds.spec.update_strategy.rolling_update else {
        return Ok(0);
    };
    match &rolling.max_surge {
        None => Ok(0),
        Some(value) => value.scaled_value(desired, true),
    }
}

/// `UnavailableCount(ds, n)`: 0 unless the strategy is `RollingUpdate` with
/// a `rollingUpdate`; an unset `maxUnavailable` there is upstream's error
/// `nil value for IntOrString` (the planner defaults it to 1 first, as the
/// API server does).
pub fn unavailable_count(ds: &DaemonSet, desired: i64) -> Result<i64, String> {
    if ds.strategy_type() != UpdateStrategyType::RollingUpdate {
        return Ok(0);
    }
    let Some(rolling) = &ds.spec.update_strategy.rolling_update else {
        return Ok(0);
    };
    match &rolling.max_unavailable {
        None => Err("nil value for IntOrString".to_string()),
        Some(value) => value.scaled_value(desired, true),
    }
}

/// `AllowsSurge`: `maxSurge` scaled against 1 is positive.
///
/// ```
/// use daemonset_planner::controller::allows_surge;
/// use daemonset_planner::model::{DaemonSet, IntOrPercent, RollingUpdateDaemonSet};
/// let mut ds = DaemonSet::default();
/// assert!(!allows_surge(&ds));
/// ds.spec.update_strategy.rolling_update = Some(RollingUpdateDaemonSet {
///     max_surge: Some(IntOrPercent::Str("1%".into())), max_unavailable: Some(IntOrPercent::Int(0)) });
/// assert!(allows_surge(&ds));
/// ```
pub fn allows_surge(ds: &DaemonSet) -> bool {
    surge_count(ds, 1).is_ok_and(|surge| surge > 0)
}

/// The resolved rolling-update budget (`updatedDesiredNodeCounts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Resolved `maxSurge`.
    pub max_surge: i64,
    /// Resolved `maxUnavailable` (1 when both resolve to 0 and `desired > 0`).
    pub max_unavailable: i64,
    /// Nodes that should run a pod.
    pub desired: i64,
}

/// Resolves `maxSurge` and `maxUnavailable` against the desired count.
pub fn resolve_budget(ds: &DaemonSet, desired: i64) -> Result<Budget, String> {
    let max_unavailable = unavailable_count(ds, desired)
        .map_err(|e| format!("invalid value for MaxUnavailable: {e}"))?;
    let max_surge =
        surge_count(ds, desired).map_err(|e| format!("invalid value for MaxSurge: {e}"))?;
    let max_unavailable = if desired > 0 && max_unavailable == 0 && max_surge == 0 {
        1
    } else {
        max_unavailable
    };
    Ok(Budget {
        max_surge,
        max_unavailable,
        desired,
    })
}

/// `findUpdatedPodsOnNode`: at most one new and one old non-deleting pod;
/// `None` when there are two of either kind.
fn updated_pods_on_node<'p>(
    state: &SyncState<'_, '_>,
    pods: &[&'p Pod],
) -> Option<(Option<&'p Pod>, Option<&'p Pod>)> {
    let mut new_pod = None;
    let mut old_pod = None;
    for pod in pods {
        if pod.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let slot = if state.is_updated(pod) {
            &mut new_pod
        } else {
            &mut old_pod
        };
        if slot.is_some() {
            return None;
        }
        *slot = Some(*pod);
    }
    Some((new_pod, old_pod))
}

/// One entry of the rolling update's walk.
struct NodeEntry<'s, 'a> {
    name: &'a str,
    pods: &'s [&'a Pod],
    /// Index into the inventory; `None` for a node missing from it.
    index: Option<usize>,
}

/// The node entries the rolling update walks: every group of the pod map
/// plus an empty entry for each desired node without one, ascending by
/// node name (upstream walks a Go map in random order).
fn node_entries<'s, 'a>(state: &'s SyncState<'_, 'a>) -> Vec<NodeEntry<'s, 'a>> {
    let inventory = state
        .node_names
        .iter()
        .enumerate()
        .filter(|(index, _)| state.eligibility[*index].0 || !state.pods_on(*index).is_empty())
        .map(|(index, name)| NodeEntry {
            name,
            pods: state.pods_on(index),
            index: Some(index),
        });
    let missing = state.missing.iter().map(|(name, pods)| NodeEntry {
        name,
        pods: pods.as_slice(),
        index: None,
    });
    // Merge two name-sorted sequences.
    let mut entries: Vec<NodeEntry<'s, 'a>> = inventory.chain(missing).collect();
    if !state.missing.is_empty() {
        entries.sort_by(|a, b| a.name.cmp(b.name));
    }
    entries
}

/// One rolling-update step, as `rollingUpdate` issues it.
pub fn rolling_update<'a>(
    state: &SyncState<'_, 'a>,
    budget: Budget,
) -> Result<Actions<&'a str>, String> {
    if budget.max_surge == 0 {
        Ok(non_surge(state, budget))
    } else {
        surge(state, budget)
    }
}

fn non_surge<'a>(state: &SyncState<'_, 'a>, budget: Budget) -> Actions<&'a str> {
    let mut unavailable = 0i64;
    let mut replacements = Vec::new();
    let mut candidates = Vec::new();
    for entry in node_entries(state) {
        let Some((new_pod, old_pod)) = updated_pods_on_node(state, entry.pods) else {
            unavailable += 1;
            continue;
        };
        match (new_pod, old_pod) {
            (None, None) | (Some(_), Some(_)) => unavailable += 1,
            (Some(new_pod), None) => {
                if !state.is_available(new_pod) {
                    unavailable += 1;
                }
            }
            (None, Some(old_pod)) => {
                if !state.is_available(old_pod) {
                    replacements.push(old_pod.metadata.name.as_str());
                    unavailable += 1;
                } else if unavailable < budget.max_unavailable {
                    candidates.push(old_pod.metadata.name.as_str());
                }
            }
        }
    }
    let remaining = (budget.max_unavailable - unavailable).clamp(0, candidates.len() as i64);
    replacements.extend(candidates.into_iter().take(remaining as usize));
    Actions {
        create: Vec::new(),
        delete: replacements,
    }
}

fn surge<'a>(state: &SyncState<'_, 'a>, budget: Budget) -> Result<Actions<&'a str>, String> {
    let mut old_to_delete = Vec::new();
    let mut should_not_run_to_delete = Vec::new();
    let mut candidate_nodes = Vec::new();
    let mut allowed_nodes = Vec::new();
    let mut surging = 0i64;
    let mut available = 0i64;
    for entry in node_entries(state) {
        let node_name = entry.name;
        let Some((new_pod, old_pod)) = updated_pods_on_node(state, entry.pods) else {
            surging += 1;
            continue;
        };
        if let Some(old_pod) = old_pod {
            if state.is_available(old_pod) {
                available += 1;
            }
        } else if let Some(new_pod) = new_pod {
            if state.is_available(new_pod) {
                available += 1;
            }
        }
        let Some(old_pod) = old_pod else {
            continue;
        };
        match new_pod {
            None => {
                let Some(index) = entry.index else {
                    return Err(format!(
                        "couldn't get node for nodeName {node_name:?}: node {node_name:?} not found"
                    ));
                };
                let should_run = state.eligibility[index].0;
                if !state.is_available(old_pod) {
                    if should_run {
                        allowed_nodes.push(node_name);
                    } else {
                        old_to_delete.push(old_pod.metadata.name.as_str());
                    }
                } else if !should_run {
                    should_not_run_to_delete.push(old_pod.metadata.name.as_str());
                } else if surging < budget.max_surge {
                    candidate_nodes.push(node_name);
                }
            }
            Some(new_pod) => {
                if state.is_available(new_pod) {
                    old_to_delete.push(old_pod.metadata.name.as_str());
                } else {
                    surging += 1;
                }
            }
        }
    }
    let deletable = available - budget.desired;
    if deletable > 0 {
        let count = (deletable as usize).min(should_not_run_to_delete.len());
        old_to_delete.extend(should_not_run_to_delete.into_iter().take(count));
    }
    let remaining = (budget.max_surge - surging).clamp(0, candidate_nodes.len() as i64);
    allowed_nodes.extend(candidate_nodes.into_iter().take(remaining as usize));
    Ok(Actions {
        create: allowed_nodes,
        delete: old_to_delete,
    })
}
