//! The observed state one sync works on: the DaemonSet, its compiled
//! placement, the inventory in name order with each node's eligibility, and
//! the DaemonSet's pods grouped by node.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::ownership::DaemonPods;
use super::revision::is_pod_updated;
use crate::model::{DaemonSet, Node, Pod};
use crate::scheduling::Placement;

/// Everything `manage`, the rolling update and status read.
#[derive(Debug)]
pub struct SyncState<'a> {
    /// The DaemonSet.
    pub ds: &'a DaemonSet,
    /// Compiled placement rules.
    pub placement: &'a Placement,
    /// Inventory nodes in ascending name order.
    pub nodes: Vec<&'a Node>,
    /// `(shouldRun, shouldContinueRunning)` per entry of `nodes`.
    pub eligibility: Vec<(bool, bool)>,
    /// Node name → index into `nodes`.
    pub node_index: BTreeMap<&'a str, usize>,
    /// Claimed pods by node.
    pub pods: DaemonPods<'a>,
    /// The current template hash.
    pub hash: String,
    /// The template generation, when the annotation parses.
    pub generation: Option<i64>,
    /// The instant availability is judged at.
    pub now: Timestamp,
}

impl<'a> SyncState<'a> {
    /// Builds the state for one DaemonSet.
    pub fn new(
        ds: &'a DaemonSet,
        placement: &'a Placement,
        nodes: &'a [Node],
        pods: DaemonPods<'a>,
        hash: String,
        now: Timestamp,
    ) -> SyncState<'a> {
        let mut sorted: Vec<&Node> = nodes.iter().collect();
        sorted.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
        let eligibility = sorted
            .iter()
            .map(|node| placement.should_run(node))
            .collect();
        let mut node_index = BTreeMap::new();
        for (index, node) in sorted.iter().enumerate() {
            node_index
                .entry(node.metadata.name.as_str())
                .or_insert(index);
        }
        SyncState {
            ds,
            placement,
            nodes: sorted,
            eligibility,
            node_index,
            pods,
            hash,
            generation: ds.template_generation(),
            now,
        }
    }

    /// `IsPodUpdated` against this sync's hash and generation.
    pub fn is_updated(&self, pod: &Pod) -> bool {
        is_pod_updated(pod, &self.hash, self.generation)
    }

    /// `IsPodAvailable` at `now` with the DaemonSet's `minReadySeconds`.
    pub fn is_available(&self, pod: &Pod) -> bool {
        pod.is_available(self.ds.spec.min_ready_seconds, self.now)
    }

    /// Number of inventory nodes that should run a pod.
    pub fn desired(&self) -> i64 {
        self.eligibility.iter().filter(|(run, _)| *run).count() as i64
    }
}
