//! `updateDaemonSetStatus`: the status the controller writes for the
//! observed state.

use super::ownership::pod_order;
use super::state::SyncState;
use crate::model::DaemonSetStatus;

/// Computes the DaemonSet status from the observed state (before this
/// sync's actions take effect). Only the oldest pod of a node (order R) is
/// inspected; nodes missing from the inventory never count.
pub fn compute_status(state: &SyncState<'_, '_>) -> DaemonSetStatus {
    let mut status = DaemonSetStatus::default();
    for index in 0..state.nodes.len() {
        let (should_run, _) = state.eligibility[index];
        let pods = Some(state.pods_on(index)).filter(|pods| !pods.is_empty());
        if !should_run {
            if pods.is_some() {
                status.number_misscheduled += 1;
            }
            continue;
        }
        status.desired_number_scheduled += 1;
        let Some(pods) = pods else {
            continue;
        };
        status.current_number_scheduled += 1;
        let Some(oldest) = pods.iter().copied().min_by(|a, b| pod_order(a, b)) else {
            continue;
        };
        if oldest.is_ready() {
            status.number_ready += 1;
            if state.is_available(oldest) {
                status.number_available += 1;
            }
        }
        if state.is_updated(oldest) {
            status.updated_number_scheduled += 1;
        }
    }
    status.number_unavailable = status.desired_number_scheduled - status.number_available;
    status.observed_generation = state.ds.metadata.generation;
    status.collision_count = state.ds.status.collision_count;
    status
}
