//! The observed state one sync works on: the DaemonSet, its compiled
//! placement, the inventory in name order with each node's eligibility, and
//! the DaemonSet's pods grouped by node, all addressed by node index.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::ownership::DaemonPods;
use crate::hashing::StringIds;
use crate::model::{
    CONTROLLER_REVISION_HASH_LABEL, DaemonSet, Node, POD_TEMPLATE_GENERATION_LABEL, Pod,
};
use crate::scheduling::{NodeTable, Placement};

/// A node inventory prepared once for many plans (several DaemonSets, or
/// successive syncs): nodes in name order, a name index and, optionally,
/// the interned [`NodeTable`] that makes eligibility a few nanoseconds per node.
///
/// ```
/// use daemonset_planner::controller::{PreparedNodes, PreparedPods, plan_prepared, PlanOptions};
/// use daemonset_planner::model::{DaemonSet, Node};
/// let nodes = vec![Node::new("b", [], vec![]), Node::new("a", [], vec![])];
/// let prepared = PreparedNodes::with_table(&nodes);
/// let mut ds = DaemonSet::default();
/// ds.metadata.name = "agent".into();
/// ds.spec.selector = Some(serde_json::from_str(r#"{"matchLabels":{"app":"a"}}"#).unwrap());
/// let pods = PreparedPods::default();
/// let plan = plan_prepared(&ds, &prepared, &pods, &[], &PlanOptions::at(jiff::Timestamp::UNIX_EPOCH));
/// assert_eq!(plan.create, vec!["a", "b"]);
/// ```
#[derive(Debug)]
pub struct PreparedNodes<'a> {
    /// Nodes in ascending name order.
    sorted: Vec<&'a Node>,
    /// Their names, in the same order: a sync walks these (1.6 MB at 100k
    /// nodes) rather than every `Node` (38 MB) when it only needs names.
    names: Vec<&'a str>,
    /// `sorted[i]` is `nodes[positions[i]]`.
    positions: Vec<usize>,
    /// Node names, interned in name order.
    name_ids: StringIds,
    /// Name id → index into `sorted` of the first node with that name.
    first_with_name: Vec<usize>,
    table: Option<NodeTable>,
}

impl<'a> PreparedNodes<'a> {
    /// Sorts and indexes `nodes`; eligibility then reads each `Node`.
    pub fn new(nodes: &'a [Node]) -> PreparedNodes<'a> {
        let mut positions: Vec<usize> = (0..nodes.len()).collect();
        // Inventories usually arrive sorted (kubectl sorts by name).
        if !nodes.is_sorted_by(|a, b| a.metadata.name <= b.metadata.name) {
            positions.sort_by(|a, b| nodes[*a].metadata.name.cmp(&nodes[*b].metadata.name));
        }
        let sorted: Vec<&Node> = positions.iter().map(|p| &nodes[*p]).collect();
        let names: Vec<&str> = sorted.iter().map(|n| n.metadata.name.as_str()).collect();
        let mut name_ids = StringIds::default();
        let mut first_with_name = Vec::with_capacity(sorted.len());
        for (i, name) in names.iter().enumerate() {
            if name_ids.intern(name) as usize == first_with_name.len() {
                first_with_name.push(i);
            }
        }
        PreparedNodes {
            sorted,
            names,
            positions,
            name_ids,
            first_with_name,
            table: None,
        }
    }

    /// [`PreparedNodes::new`] plus the interned [`NodeTable`]: worth it when
    /// the same nodes are planned for several DaemonSets or syncs.
    pub fn with_table(nodes: &'a [Node]) -> PreparedNodes<'a> {
        let mut prepared = PreparedNodes::new(nodes);
        prepared.table = Some(NodeTable::new(nodes));
        prepared
    }

    /// The nodes in name order.
    pub fn nodes(&self) -> &[&'a Node] {
        &self.sorted
    }

    /// The node names, in the order of [`PreparedNodes::nodes`].
    ///
    /// ```
    /// use daemonset_planner::controller::PreparedNodes;
    /// use daemonset_planner::model::Node;
    /// let nodes = vec![Node::new("b", [], vec![]), Node::new("a", [], vec![])];
    /// assert_eq!(PreparedNodes::new(&nodes).names(), ["a", "b"]);
    /// ```
    pub fn names(&self) -> &[&'a str] {
        &self.names
    }

    /// The index into [`PreparedNodes::nodes`] of the (first) node named `name`.
    ///
    /// ```
    /// use daemonset_planner::controller::PreparedNodes;
    /// use daemonset_planner::model::Node;
    /// let nodes = vec![Node::new("b", [], vec![]), Node::new("a", [], vec![])];
    /// let prepared = PreparedNodes::new(&nodes);
    /// assert_eq!(prepared.index_of("b"), Some(1));
    /// assert_eq!(prepared.index_of("c"), None);
    /// ```
    pub fn index_of(&self, name: &str) -> Option<usize> {
        let id = self.name_ids.lookup(name)?;
        self.first_with_name.get(id as usize).copied()
    }

    /// The interned table, when prepared [`PreparedNodes::with_table`].
    pub(crate) fn table(&self) -> Option<&NodeTable> {
        self.table.as_ref()
    }

    /// The table row (input position) of the node at `sorted_index`.
    pub(crate) fn position(&self, sorted_index: usize) -> usize {
        self.positions[sorted_index]
    }

    /// `(shouldRun, shouldContinueRunning)` of every node, in name order.
    fn eligibility(&self, placement: &Placement) -> Vec<(bool, bool)> {
        match &self.table {
            Some(table) => {
                let compiled = placement.for_table(table);
                self.positions
                    .iter()
                    .map(|position| compiled.should_run(table, *position))
                    .collect()
            }
            None => self
                .sorted
                .iter()
                .map(|node| placement.should_run(node))
                .collect(),
        }
    }
}

/// Pods prepared once for many plans: grouped by namespace (input order
/// kept), so each DaemonSet claims only the pods of its own namespace, as
/// the controller's namespaced pod lister hands them to `ClaimPods`.
///
/// ```
/// use daemonset_planner::controller::PreparedPods;
/// use daemonset_planner::model::Pod;
/// let pod: Pod = serde_json::from_str(r#"{"metadata":{"name":"p","namespace":"kube-system"}}"#).unwrap();
/// let pods = [pod, Pod::default()];
/// let prepared = PreparedPods::new(&pods);
/// assert_eq!(prepared.in_namespace("kube-system").len(), 1);
/// assert_eq!(prepared.in_namespace("default").len(), 1);
/// assert!(prepared.in_namespace("other").is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct PreparedPods<'a> {
    by_namespace: BTreeMap<&'a str, Vec<&'a Pod>>,
}

impl<'a> PreparedPods<'a> {
    /// Groups `pods` by namespace (an empty namespace is `default`).
    pub fn new(pods: &'a [Pod]) -> PreparedPods<'a> {
        PreparedPods::from_refs(pods)
    }

    /// [`PreparedPods::new`] from pods held anywhere (borrowed, in order).
    ///
    /// ```
    /// use daemonset_planner::controller::PreparedPods;
    /// use daemonset_planner::model::Pod;
    /// let held = vec![(1, Pod::default()), (2, Pod::default())];
    /// let prepared = PreparedPods::from_refs(held.iter().map(|(_, pod)| pod));
    /// assert_eq!(prepared.in_namespace("default").len(), 2);
    /// ```
    pub fn from_refs(pods: impl IntoIterator<Item = &'a Pod>) -> PreparedPods<'a> {
        let mut by_namespace: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
        // Pods of one namespace usually come together: collect a run, then
        // append it to its namespace with one map lookup.
        let mut run: Vec<&Pod> = Vec::new();
        let mut run_namespace = "";
        for pod in pods {
            let namespace = pod.metadata.namespace_or_default();
            if namespace != run_namespace && !run.is_empty() {
                by_namespace
                    .entry(run_namespace)
                    .or_default()
                    .append(&mut run);
            }
            run_namespace = namespace;
            run.push(pod);
        }
        if !run.is_empty() {
            by_namespace
                .entry(run_namespace)
                .or_default()
                .append(&mut run);
        }
        PreparedPods { by_namespace }
    }

    /// The pods of `namespace`, in input order.
    pub fn in_namespace(&self, namespace: &str) -> &[&'a Pod] {
        self.by_namespace.get(namespace).map_or(&[], Vec::as_slice)
    }
}

/// Everything `manage`, the rolling update and status read.
#[derive(Debug)]
pub struct SyncState<'s, 'a> {
    /// The DaemonSet.
    pub ds: &'s DaemonSet,
    /// Compiled placement rules.
    pub placement: &'s Placement,
    /// Inventory nodes in ascending name order.
    pub nodes: &'s [&'a Node],
    /// Their names, in the same order.
    pub node_names: &'s [&'a str],
    /// `(shouldRun, shouldContinueRunning)` per entry of `nodes`.
    pub eligibility: Vec<(bool, bool)>,
    /// Pods of node `i` are `group_pods[group_offsets[i]..group_offsets[i + 1]]`,
    /// in input order.
    group_offsets: Vec<usize>,
    group_pods: Vec<&'a Pod>,
    /// Pods aimed at nodes missing from the inventory, by node name.
    pub missing: BTreeMap<&'a str, Vec<&'a Pod>>,
    /// The claimed pods.
    pub pods: DaemonPods<'a>,
    /// The current hash.
    pub hash: String,
    /// The template generation, when the annotation parses.
    pub generation: Option<i64>,
    generation_label: Option<String>,
    /// The instant availability is judged at.
    pub now: Timestamp,
}

impl<'s, 'a> SyncState<'s, 'a> {
    /// Builds the state for one DaemonSet.
    pub fn new(
        ds: &'s DaemonSet,
        placement: &'s Placement,
        nodes: &'s PreparedNodes<'a>,
        pods: DaemonPods<'a>,
        hash: String,
        now: Timestamp,
    ) -> SyncState<'s, 'a> {
        let eligibility = nodes.eligibility(placement);
        // Group pods by node index (a counting sort keeps input order).
        let mut counts = vec![0usize; nodes.sorted.len() + 1];
        let mut slots: Vec<Option<usize>> = Vec::with_capacity(pods.grouped.len());
        let mut missing: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
        for (node, pod) in &pods.grouped {
            let slot = nodes.index_of(node);
            match slot {
                Some(index) => counts[index + 1] += 1,
                None => missing.entry(node).or_default().push(pod),
            }
            slots.push(slot);
        }
        for index in 1..counts.len() {
            counts[index] += counts[index - 1];
        }
        let group_offsets = counts.clone();
        let mut next = counts;
        let mut group_pods: Vec<Option<&Pod>> = vec![None; pods.grouped.len()];
        for ((_, pod), slot) in pods.grouped.iter().zip(&slots) {
            if let Some(index) = slot {
                group_pods[next[*index]] = Some(pod);
                next[*index] += 1;
            }
        }
        let group_pods = group_pods.into_iter().flatten().collect();
        let generation = ds.template_generation();
        SyncState {
            ds,
            placement,
            nodes: &nodes.sorted,
            node_names: &nodes.names,
            eligibility,
            group_offsets,
            group_pods,
            missing,
            pods,
            hash,
            generation,
            generation_label: generation.map(|g| g.to_string()),
            now,
        }
    }

    /// The pods of inventory node `index` (its `nodeToDaemonPods` entry).
    pub fn pods_on(&self, index: usize) -> &[&'a Pod] {
        &self.group_pods[self.group_offsets[index]..self.group_offsets[index + 1]]
    }

    /// `IsPodUpdated` against this sync's hash and generation.
    pub fn is_updated(&self, pod: &Pod) -> bool {
        let labels = &pod.metadata.labels;
        let generation_matches = self.generation_label.as_ref().is_some_and(|generation| {
            labels.get(POD_TEMPLATE_GENERATION_LABEL) == Some(generation)
        });
        generation_matches
            || (!self.hash.is_empty()
                && labels.get(CONTROLLER_REVISION_HASH_LABEL) == Some(&self.hash))
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
