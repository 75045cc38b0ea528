//! Incremental planning: an index holding compiled DaemonSets and the node
//! inventory that, on a node event (added, removed, labels or taints
//! changed) or a pod event, returns only the decisions that changed, without
//! re-planning everything.
//!
//! Node events re-evaluate one node against every DaemonSet's compiled
//! placement (`shouldRun`, `shouldContinueRunning`); pod events re-run
//! `manage` for one (DaemonSet, node) pair. The rolling update looks at the
//! whole DaemonSet (its budget), so it is left to a full
//! [`crate::plan_daemon_set`]; [`PlannerIndex::plan`] runs one from the index.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::controller::{
    Actions, Claim, NodeContext, PlanOptions, allows_surge, claim, compute_hash, manage_node,
    target_node_name,
};
use crate::defaults::default_daemon_set;
use crate::model::{DaemonSet, Node, Pod};
use crate::scheduling::{EligibilityOptions, Placement};

/// `(shouldRun, shouldContinueRunning)`.
pub type Decision = (bool, bool);

/// A node's eligibility for one DaemonSet changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EligibilityChange {
    /// `namespace/name` of the DaemonSet.
    pub daemon_set: String,
    /// The node.
    pub node: String,
    /// Before the event (`None`: the node was not in the inventory).
    pub before: Option<Decision>,
    /// After the event (`None`: the node left the inventory).
    pub after: Option<Decision>,
}

/// What `manage` now asks for on one node of one DaemonSet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeActions {
    /// `namespace/name` of the DaemonSet.
    pub daemon_set: String,
    /// The node.
    pub node: String,
    /// Whether a pod is created on the node.
    pub create: bool,
    /// Pods deleted on the node.
    pub delete: Vec<String>,
}

#[derive(Debug, Clone)]
struct Entry {
    key: String,
    ds: DaemonSet,
    placement: Placement,
    hash: String,
    /// Decision per node slot; `None` for a free slot.
    decisions: Vec<Option<Decision>>,
    desired: usize,
}

/// Compiled DaemonSets plus the inventory, updated event by event.
///
/// ```
/// use daemonset_planner::incremental::PlannerIndex;
/// use daemonset_planner::model::{DaemonSet, Node, Taint, TaintEffect};
/// use daemonset_planner::scheduling::EligibilityOptions;
/// let mut ds = DaemonSet::default();
/// ds.metadata.name = "agent".into();
/// let mut index = PlannerIndex::new(vec![ds], vec![Node::new("n1", [], vec![])], EligibilityOptions::default());
/// assert_eq!(index.desired("default/agent"), Some(1));
/// let tainted = Node::new("n1", [], vec![Taint::new("k", "v", TaintEffect::NoExecute)]);
/// let changes = index.upsert_node(tainted);
/// assert_eq!(changes[0].after, Some((false, false)));
/// assert_eq!(index.desired("default/agent"), Some(0));
/// ```
#[derive(Debug, Clone)]
pub struct PlannerIndex {
    entries: Vec<Entry>,
    slots: BTreeMap<String, usize>,
    nodes: Vec<Option<Node>>,
    free: Vec<usize>,
    /// Pods by `namespace/name`.
    pods: BTreeMap<String, Pod>,
}

fn pod_key(pod: &Pod) -> String {
    format!(
        "{}/{}",
        pod.metadata.namespace_or_default(),
        pod.metadata.name
    )
}

impl PlannerIndex {
    /// Compiles `daemon_sets` and evaluates every node once.
    pub fn new(
        daemon_sets: Vec<DaemonSet>,
        nodes: Vec<Node>,
        options: EligibilityOptions,
    ) -> PlannerIndex {
        let mut index = PlannerIndex {
            entries: Vec::new(),
            slots: BTreeMap::new(),
            nodes: Vec::new(),
            free: Vec::new(),
            pods: BTreeMap::new(),
        };
        for mut ds in daemon_sets {
            default_daemon_set(&mut ds);
            let placement = Placement::compile(&ds, options);
            let hash = compute_hash(&ds.spec.template, ds.status.collision_count);
            index.entries.push(Entry {
                key: ds.key(),
                ds,
                placement,
                hash,
                decisions: Vec::new(),
                desired: 0,
            });
        }
        for node in nodes {
            index.upsert_node(node);
        }
        index
    }

    /// The number of nodes that should run the DaemonSet's pod.
    pub fn desired(&self, daemon_set: &str) -> Option<usize> {
        self.entries
            .iter()
            .find(|e| e.key == daemon_set)
            .map(|e| e.desired)
    }

    /// The current decision for one DaemonSet and node.
    pub fn decision(&self, daemon_set: &str, node: &str) -> Option<Decision> {
        let slot = *self.slots.get(node)?;
        let entry = self.entries.iter().find(|e| e.key == daemon_set)?;
        entry.decisions.get(slot).copied().flatten()
    }

    /// The nodes currently in the index, in name order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.slots
            .values()
            .filter_map(|slot| self.nodes[*slot].as_ref())
    }

    /// A node was added or changed (labels, taints): returns the decisions
    /// that changed, in DaemonSet order.
    pub fn upsert_node(&mut self, node: Node) -> Vec<EligibilityChange> {
        let slot = match self.slots.get(node.metadata.name.as_str()) {
            Some(slot) => *slot,
            None => {
                let slot = self.free.pop().unwrap_or(self.nodes.len());
                if slot == self.nodes.len() {
                    self.nodes.push(None);
                }
                self.slots.insert(node.metadata.name.clone(), slot);
                slot
            }
        };
        let mut changes = Vec::new();
        for entry in &mut self.entries {
            if entry.decisions.len() <= slot {
                entry.decisions.resize(slot + 1, None);
            }
            let after = entry.placement.should_run(&node);
            let before = entry.decisions[slot].replace(after);
            if before != Some(after) {
                entry.desired =
                    entry.desired + usize::from(after.0) - usize::from(before.is_some_and(|b| b.0));
                changes.push(EligibilityChange {
                    daemon_set: entry.key.clone(),
                    node: node.metadata.name.clone(),
                    before,
                    after: Some(after),
                });
            }
        }
        self.nodes[slot] = Some(node);
        changes
    }

    /// A node left the inventory: returns its decisions as changes to `None`.
    pub fn remove_node(&mut self, name: &str) -> Vec<EligibilityChange> {
        let Some(slot) = self.slots.remove(name) else {
            return Vec::new();
        };
        self.nodes[slot] = None;
        self.free.push(slot);
        let mut changes = Vec::new();
        for entry in &mut self.entries {
            let before = entry.decisions.get_mut(slot).and_then(Option::take);
            if let Some(before) = before {
                entry.desired -= usize::from(before.0);
                changes.push(EligibilityChange {
                    daemon_set: entry.key.clone(),
                    node: name.to_string(),
                    before: Some(before),
                    after: None,
                });
            }
        }
        changes
    }

    /// A pod was added or changed: returns `manage`'s actions on the pod's
    /// node for every DaemonSet that owns it (before and after the change).
    pub fn upsert_pod(&mut self, pod: Pod, options: &PlanOptions) -> Vec<NodeActions> {
        let previous = self.pods.insert(pod_key(&pod), pod.clone());
        let mut touched = Vec::new();
        for candidate in previous.iter().chain(std::iter::once(&pod)) {
            if let Some(node) = target_node_name(candidate) {
                touched.push(node.to_string());
            }
        }
        self.node_actions_for(&touched, &[previous.as_ref(), Some(&pod)], options)
    }

    /// A pod was deleted (gone from the API): returns `manage`'s actions on
    /// its node for the DaemonSets that owned it.
    pub fn remove_pod(
        &mut self,
        namespace: &str,
        name: &str,
        options: &PlanOptions,
    ) -> Vec<NodeActions> {
        let Some(removed) = self.pods.remove(&format!("{namespace}/{name}")) else {
            return Vec::new();
        };
        let touched: Vec<String> = target_node_name(&removed)
            .map(str::to_string)
            .into_iter()
            .collect();
        self.node_actions_for(&touched, &[Some(&removed)], options)
    }

    fn node_actions_for(
        &self,
        nodes: &[String],
        pods: &[Option<&Pod>],
        options: &PlanOptions,
    ) -> Vec<NodeActions> {
        let mut out = Vec::new();
        for entry in &self.entries {
            let concerned = pods
                .iter()
                .flatten()
                .any(|pod| claim(&entry.ds, &pod.metadata) != Claim::Ignored);
            if !concerned {
                continue;
            }
            let mut seen = Vec::new();
            for node in nodes {
                if seen.contains(node) {
                    continue;
                }
                seen.push(node.clone());
                if let Some(actions) = self.manage_one(entry, node, options) {
                    out.push(actions);
                }
            }
        }
        out
    }

    /// `manage`'s actions for one DaemonSet on one node; `None` when either
    /// is unknown to the index.
    ///
    /// ```
    /// use daemonset_planner::controller::PlanOptions;
    /// use daemonset_planner::incremental::PlannerIndex;
    /// use daemonset_planner::model::{DaemonSet, Node};
    /// let mut ds = DaemonSet::default();
    /// ds.metadata.name = "agent".into();
    /// let index = PlannerIndex::new(vec![ds], vec![Node::new("n1", [], vec![])], Default::default());
    /// let actions = index.node_actions("default/agent", "n1", &PlanOptions::at(jiff::Timestamp::UNIX_EPOCH));
    /// assert!(actions.unwrap().create);
    /// ```
    pub fn node_actions(
        &self,
        daemon_set: &str,
        node: &str,
        options: &PlanOptions,
    ) -> Option<NodeActions> {
        let entry = self.entries.iter().find(|e| e.key == daemon_set)?;
        self.manage_one(entry, node, options)
    }

    /// `manage` for one (DaemonSet, inventory node) pair; `None` when the
    /// node is not in the inventory.
    fn manage_one(&self, entry: &Entry, node: &str, options: &PlanOptions) -> Option<NodeActions> {
        let slot = *self.slots.get(node)?;
        let decision = entry.decisions.get(slot).copied().flatten()?;
        let pods: Vec<&Pod> = self
            .pods
            .values()
            .filter(|pod| target_node_name(pod) == Some(node))
            .filter(|pod| claim(&entry.ds, &pod.metadata) == Claim::Owned)
            .filter(|pod| !(pod.is_terminal() && pod.metadata.deletion_timestamp.is_some()))
            .collect();
        let context = NodeContext {
            hash: &entry.hash,
            surge: allows_surge(&entry.ds),
            min_ready_seconds: entry.ds.spec.min_ready_seconds,
            now: options.now,
        };
        let mut actions = Actions::default();
        manage_node(&context, node, decision, &pods, &mut actions);
        Some(NodeActions {
            daemon_set: entry.key.clone(),
            node: node.to_string(),
            create: !actions.create.is_empty(),
            delete: actions.delete.iter().map(|name| name.to_string()).collect(),
        })
    }

    /// A full plan of one DaemonSet against the indexed nodes and pods.
    pub fn plan(&self, daemon_set: &str, options: &PlanOptions) -> Option<crate::Plan<'static>> {
        let entry = self.entries.iter().find(|e| e.key == daemon_set)?;
        let nodes: Vec<Node> = self.nodes().cloned().collect();
        let pods: Vec<Pod> = self.pods.values().cloned().collect();
        Some(crate::plan_daemon_set(&entry.ds, &nodes, &pods, &[], options).into_owned())
    }
}
