//! Reasons shared between nodes that fail a DaemonSet's placement the same
//! way. In a large inventory most ineligible nodes fail for one of a handful
//! of reasons (the same missing label, the same GPU taint), so a plan builds
//! each distinct list once and every node holds a cheap [`Reasons`] handle.

use std::sync::Arc;

use super::eligibility::{Placement, Reason, blocks_scheduling};
use super::node_table::NodeTable;
use crate::hashing::FastMap;
use crate::model::{Node, TaintEffect};

/// A node's reasons, shared by every node that fails the same way. Empty
/// when the node is eligible.
pub type Reasons = Arc<[Reason]>;

/// Builds [`Placement::reasons`] once per distinct *signature*: the parts of
/// a node the reasons read (its name when the placement names nodes, the
/// values of the label keys the placement mentions, its scheduling taints).
/// Two nodes with the same signature get equal reasons, so the cache answers
/// exactly what [`Placement::reasons`] would.
///
/// ```
/// use daemonset_planner::model::{DaemonSet, Node, Taint, TaintEffect};
/// use daemonset_planner::scheduling::{EligibilityOptions, Placement, ReasonCache};
/// let placement = Placement::compile(&DaemonSet::default(), EligibilityOptions::default());
/// let gpu = |name| Node::new(name, [], vec![Taint::new("gpu", "yes", TaintEffect::NoSchedule)]);
/// let (a, b) = (gpu("a"), gpu("b"));
/// let mut cache = ReasonCache::new(&placement);
/// let (first, second) = (cache.reasons(&a), cache.reasons(&b));
/// assert_eq!(&first[..], &placement.reasons(&a)[..]);
/// assert!(std::sync::Arc::ptr_eq(&first, &second));
/// ```
#[derive(Debug)]
pub struct ReasonCache<'p, 'n> {
    placement: &'p Placement,
    /// Label keys the nodeSelector or the required affinity reads, deduplicated.
    label_keys: Vec<&'p str>,
    /// Whether the reasons read the node's name (template `nodeName`, `matchFields`).
    reads_name: bool,
    known: FastMap<Vec<Option<&'n str>>, Reasons>,
    signature: Vec<Option<&'n str>>,
    /// With a [`NodeTable`]: the label keys as table ids, and signatures
    /// read from the table's compact rows instead of the nodes.
    table: Option<(&'p NodeTable, Vec<u32>)>,
    known_ids: FastMap<Vec<u32>, Reasons>,
    id_signature: Vec<u32>,
    empty: Reasons,
}

impl<'p, 'n> ReasonCache<'p, 'n> {
    /// An empty cache for `placement`.
    pub fn new(placement: &'p Placement) -> ReasonCache<'p, 'n> {
        let affinity = placement.affinity();
        let mut label_keys: Vec<&str> = affinity
            .node_selector_pairs()
            .iter()
            .map(|(key, _)| key.as_str())
            .collect();
        let mut reads_name = !placement.node_name().is_empty();
        if let Some(required) = affinity.required() {
            for term in required.well_formed_terms() {
                for requirement in term.labels.iter().flatten() {
                    label_keys.push(requirement.key());
                }
                reads_name |= term.fields.is_some();
            }
        }
        label_keys.sort_unstable();
        label_keys.dedup();
        ReasonCache {
            placement,
            label_keys,
            reads_name,
            known: FastMap::default(),
            signature: Vec::new(),
            table: None,
            known_ids: FastMap::default(),
            id_signature: Vec::new(),
            empty: Arc::from(Vec::new()),
        }
    }

    /// A cache that reads signatures from `table` (see
    /// [`ReasonCache::reasons_at`]): no node is touched unless its
    /// signature is new.
    ///
    /// ```
    /// use daemonset_planner::model::{DaemonSet, Node, Taint, TaintEffect};
    /// use daemonset_planner::scheduling::{EligibilityOptions, NodeTable, Placement, ReasonCache};
    /// let nodes = [Node::new("a", [], vec![Taint::new("k", "v", TaintEffect::NoSchedule)])];
    /// let table = NodeTable::new(&nodes);
    /// let placement = Placement::compile(&DaemonSet::default(), EligibilityOptions::default());
    /// let mut cache = ReasonCache::with_table(&placement, &table);
    /// assert_eq!(&cache.reasons_at(&nodes[0], 0)[..], &placement.reasons(&nodes[0])[..]);
    /// ```
    pub fn with_table(placement: &'p Placement, table: &'p NodeTable) -> ReasonCache<'p, 'n> {
        let mut cache = ReasonCache::new(placement);
        let ids = cache.label_keys.iter().map(|key| table.id(key)).collect();
        cache.table = Some((table, ids));
        cache
    }

    /// [`Placement::reasons`] for `node`, which is node `index` of the table
    /// given to [`ReasonCache::with_table`] (or of no table: then this is
    /// [`ReasonCache::reasons`]).
    pub fn reasons_at(&mut self, node: &'n Node, index: usize) -> Reasons {
        let Some((table, ids)) = &self.table else {
            return self.reasons(node);
        };
        let signature = &mut self.id_signature;
        signature.clear();
        table.reason_signature(index, ids, self.reads_name, signature);
        shared(&mut self.known_ids, signature, || {
            self.placement.reasons(node)
        })
    }

    /// An empty list, shared: what an eligible node carries.
    pub fn none(&self) -> Reasons {
        Arc::clone(&self.empty)
    }

    /// [`Placement::reasons`] for `node`, built once per signature.
    pub fn reasons(&mut self, node: &'n Node) -> Reasons {
        let signature = &mut self.signature;
        signature.clear();
        signature.push(self.reads_name.then_some(node.metadata.name.as_str()));
        for key in &self.label_keys {
            signature.push(node.metadata.labels.get(key));
        }
        for taint in node.spec.taints.iter().filter(|t| blocks_scheduling(t)) {
            signature.extend([
                Some(taint.key.as_str()),
                Some(taint.value.as_str()),
                taint.effect.as_ref().map(TaintEffect::as_str),
            ]);
        }
        shared(&mut self.known, signature, || self.placement.reasons(node))
    }
}

/// The reasons `known` holds for `signature`, built (and kept) when new.
fn shared<K: Clone + Eq + std::hash::Hash>(
    known: &mut FastMap<Vec<K>, Reasons>,
    signature: &[K],
    build: impl FnOnce() -> Vec<Reason>,
) -> Reasons {
    if let Some(reasons) = known.get(signature) {
        return Arc::clone(reasons);
    }
    let reasons: Reasons = Arc::from(build());
    known.insert(signature.to_vec(), Arc::clone(&reasons));
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DaemonSet, Taint};
    use crate::scheduling::EligibilityOptions;

    fn placement(json_spec: &str) -> Placement {
        let spec = serde_json::from_str(json_spec).unwrap();
        Placement::from_pod_spec(&spec, EligibilityOptions::default())
    }

    #[test]
    fn nodes_differing_only_in_unread_labels_share_reasons() {
        let placement = placement(r#"{"nodeSelector": {"disk": "ssd"}}"#);
        let a = Node::new("a", [("disk", "hdd"), ("zone", "1")], vec![]);
        let b = Node::new("b", [("disk", "hdd"), ("zone", "2")], vec![]);
        let mut cache = ReasonCache::new(&placement);
        let (ra, rb) = (cache.reasons(&a), cache.reasons(&b));
        assert!(Arc::ptr_eq(&ra, &rb));
        assert_eq!(
            ra[0].message,
            "nodeSelector needs disk=ssd, node has disk=hdd"
        );
    }

    #[test]
    fn a_read_label_value_splits_the_signature() {
        let placement = placement(r#"{"nodeSelector": {"disk": "ssd"}}"#);
        let a = Node::new("a", [("disk", "hdd")], vec![]);
        let b = Node::new("b", [("disk", "nvme")], vec![]);
        let mut cache = ReasonCache::new(&placement);
        assert_eq!(&cache.reasons(&a)[..], &placement.reasons(&a)[..]);
        assert_eq!(&cache.reasons(&b)[..], &placement.reasons(&b)[..]);
        assert_ne!(cache.reasons(&a), cache.reasons(&b));
    }

    #[test]
    fn names_split_the_signature_when_the_placement_reads_them() {
        let placement = placement(
            r#"{"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution":
                {"nodeSelectorTerms": [{"matchFields": [
                    {"key": "metadata.name", "operator": "In", "values": ["x"]}]}]}}}}"#,
        );
        // Same taint, different names: only "a" also fails the matchFields term.
        let taint = || vec![Taint::new("k", "v", TaintEffect::NoSchedule)];
        let (a, x) = (Node::new("a", [], taint()), Node::new("x", [], taint()));
        let mut cache = ReasonCache::new(&placement);
        assert_eq!(&cache.reasons(&x)[..], &placement.reasons(&x)[..]);
        assert_eq!(&cache.reasons(&a)[..], &placement.reasons(&a)[..]);
        assert_eq!((cache.reasons(&x).len(), cache.reasons(&a).len()), (1, 2));
    }

    #[test]
    fn the_table_signature_gives_what_the_nodes_give() {
        let placement = placement(r#"{"nodeSelector": {"disk": "ssd", "absent": "x"}}"#);
        // Taints "k=<value>:<effect>", in the order given.
        let tainted = |name: &str, taints: &[(&str, TaintEffect)]| {
            let taints = taints.iter().map(|(v, e)| Taint::new("k", *v, e.clone()));
            Node::new(name, [], taints.collect())
        };
        let (s, e) = (TaintEffect::NoSchedule, TaintEffect::NoExecute);
        let mut gpu = tainted("g", &[("v", TaintEffect::PreferNoSchedule)]);
        gpu.metadata.labels.insert("disk".into(), "ssd".into());
        let nodes = [
            Node::new("a", [("disk", "hdd")], vec![]),
            Node::new("b", [("disk", "hdd"), ("zone", "1")], vec![]),
            tainted("c", &[("v", s.clone())]),
            tainted("d", &[("v", s.clone()), ("w", e.clone())]),
            tainted("e", &[("w", e.clone()), ("v", s.clone())]),
            tainted("f", &[("v", s.clone()), ("v", s)]),
            gpu,
        ];
        let table = NodeTable::new(&nodes);
        let mut cache = ReasonCache::with_table(&placement, &table);
        for _ in 0..2 {
            for (index, node) in nodes.iter().enumerate() {
                assert_eq!(
                    &cache.reasons_at(node, index)[..],
                    &placement.reasons(node)[..],
                    "{}",
                    node.metadata.name
                );
            }
        }
    }

    #[test]
    fn taint_values_and_effects_split_the_signature() {
        let placement = Placement::compile(&DaemonSet::default(), EligibilityOptions::default());
        let nodes = [
            Node::new("a", [], vec![Taint::new("k", "v", TaintEffect::NoSchedule)]),
            Node::new("b", [], vec![Taint::new("k", "v", TaintEffect::NoExecute)]),
            Node::new("c", [], vec![Taint::new("k", "w", TaintEffect::NoSchedule)]),
            Node::new(
                "d",
                [],
                vec![Taint::new("k", "v", TaintEffect::PreferNoSchedule)],
            ),
        ];
        let mut cache = ReasonCache::new(&placement);
        for node in &nodes {
            assert_eq!(
                &cache.reasons(node)[..],
                &placement.reasons(node)[..],
                "{}",
                node.metadata.name
            );
        }
    }
}
