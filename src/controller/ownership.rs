//! Which pods and ControllerRevisions belong to a DaemonSet, and which node
//! each pod is for (`ClaimPods`, `ClaimControllerRevisions`,
//! `getNodesToDaemonPods`, `GetTargetNodeName`).

use std::collections::BTreeMap;

use crate::model::{DaemonSet, LabelSelector, ObjectMeta, Pod};
use crate::scheduling::NODE_FIELD_NAME;

/// The result of claiming one object (`ClaimObject`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Controlled by the DaemonSet (or adopted) and matching its selector.
    Owned,
    /// Controlled by the DaemonSet but no longer matching: the controller
    /// releases it (removes its owner reference).
    Released,
    /// Not the DaemonSet's: another controller's, a non-matching orphan, or
    /// an orphan already being deleted.
    Ignored,
}

/// Does `owner_meta`'s controller reference name `ds`? By uid when both
/// sides carry one (upstream compares uids only); by kind and name when a
/// hand-written manifest lacks a uid (`CONTRACT.md`).
fn controlled_by(meta: &ObjectMeta, ds: &DaemonSet) -> Option<bool> {
    let owner = meta.controller_ref()?;
    if !owner.uid.is_empty() && !ds.metadata.uid.is_empty() {
        return Some(owner.uid == ds.metadata.uid);
    }
    Some(owner.kind == "DaemonSet" && owner.name == ds.metadata.name)
}

/// Claims an object of the DaemonSet's namespace (`ClaimObject`). A selector
/// that fails to convert matches nothing here; validation rejects such
/// DaemonSets before planning.
///
/// ```
/// use daemonset_planner::controller::{claim, Claim};
/// use daemonset_planner::model::{DaemonSet, LabelSelector, ObjectMeta};
/// let mut ds = DaemonSet::default();
/// ds.metadata.name = "agent".into();
/// ds.spec.selector = Some(serde_json::from_str(r#"{"matchLabels":{"app":"agent"}}"#).unwrap());
/// let mut orphan = ObjectMeta::default();
/// orphan.labels.insert("app".into(), "agent".into());
/// assert_eq!(claim(&ds, &orphan), Claim::Owned);
/// ```
pub fn claim(ds: &DaemonSet, meta: &ObjectMeta) -> Claim {
    if meta.namespace_or_default() != ds.metadata.namespace_or_default() {
        return Claim::Ignored;
    }
    claim_in_namespace(ds, meta)
}

/// [`claim`] for an object already known to be in the DaemonSet's namespace.
fn claim_in_namespace(ds: &DaemonSet, meta: &ObjectMeta) -> Claim {
    let matches = selector_matches(ds.spec.selector.as_ref(), meta);
    match controlled_by(meta, ds) {
        Some(false) => Claim::Ignored,
        Some(true) if matches => Claim::Owned,
        Some(true) => Claim::Released,
        None => {
            if ds.metadata.deletion_timestamp.is_some()
                || !matches
                || meta.deletion_timestamp.is_some()
            {
                Claim::Ignored
            } else {
                Claim::Owned
            }
        }
    }
}

/// `LabelSelectorAsSelector(selector).Matches(labels)`: a nil selector
/// matches nothing, an empty one everything, a malformed one nothing.
fn selector_matches(selector: Option<&LabelSelector>, meta: &ObjectMeta) -> bool {
    selector.is_some_and(|s| s.matches(&meta.labels).unwrap_or(false))
}

/// The node a daemon pod is for (`GetTargetNodeName`): `spec.nodeName`, or
/// else the single value of the first required `matchFields`
/// `metadata.name In [..]` requirement. `None` means the controller ignores
/// the pod entirely.
///
/// ```
/// use daemonset_planner::controller::target_node_name;
/// use daemonset_planner::model::Pod;
/// let mut pod = Pod::default();
/// pod.spec.node_name = "n1".into();
/// assert_eq!(target_node_name(&pod), Some("n1"));
/// assert_eq!(target_node_name(&Pod::default()), None);
/// ```
pub fn target_node_name(pod: &Pod) -> Option<&str> {
    if !pod.spec.node_name.is_empty() {
        return Some(&pod.spec.node_name);
    }
    let selector = pod.spec.required_node_selector()?;
    for term in &selector.node_selector_terms {
        for requirement in &term.match_fields {
            if requirement.key == NODE_FIELD_NAME
                && requirement.operator == crate::model::NodeSelectorOperator::In
            {
                return match requirement.values.as_slice() {
                    [value] => Some(value),
                    _ => None,
                };
            }
        }
    }
    None
}

/// A DaemonSet's claimed pods, each with the node it is for.
#[derive(Debug, Clone, Default)]
pub struct DaemonPods<'a> {
    /// `(node name, pod)` for every owned pod whose node is known, without
    /// terminal pods that are being deleted
    /// (`getNodesToDaemonPods(ds, includeDeletedTerminal=false)`), in input
    /// order. Node names may name nodes missing from the inventory.
    pub grouped: Vec<(&'a str, &'a Pod)>,
    /// Every owned pod, whether or not its node can be determined
    /// (`getDaemonPods`, which `dedupCurHistories` relabels).
    pub all: Vec<&'a Pod>,
    /// Every owned pod whose node is known, terminal-and-deleting ones
    /// included (for revision-history cleanup).
    pub all_with_node: Vec<&'a Pod>,
    /// Pods the controller would release (owned but no longer matching).
    pub released: Vec<&'a Pod>,
    /// Orphans the controller would adopt.
    pub adopted: Vec<&'a Pod>,
}

impl<'a> DaemonPods<'a> {
    /// Claims `pods` for `ds` and notes the node of each. Pods of other
    /// namespaces are ignored.
    ///
    /// ```
    /// use daemonset_planner::controller::DaemonPods;
    /// use daemonset_planner::model::{DaemonSet, Pod};
    /// let mut ds = DaemonSet::default();
    /// ds.spec.selector = Some(serde_json::from_str(r#"{"matchLabels":{"app":"a"}}"#).unwrap());
    /// let pod: Pod = serde_json::from_str(r#"{"metadata":{"name":"p","labels":{"app":"a"}},"spec":{"nodeName":"n1"}}"#).unwrap();
    /// let pods = [pod];
    /// let claimed = DaemonPods::collect(&ds, &pods);
    /// assert_eq!(claimed.by_node()["n1"].len(), 1);
    /// ```
    pub fn collect(ds: &DaemonSet, pods: impl IntoIterator<Item = &'a Pod>) -> DaemonPods<'a> {
        let namespace = ds.metadata.namespace_or_default();
        DaemonPods::collect_in_namespace(
            ds,
            pods.into_iter()
                .filter(|pod| pod.metadata.namespace_or_default() == namespace),
        )
    }

    /// [`DaemonPods::collect`] for pods already known to be in the
    /// DaemonSet's namespace ([`crate::controller::PreparedPods`] groups them).
    pub(crate) fn collect_in_namespace(
        ds: &DaemonSet,
        pods: impl IntoIterator<Item = &'a Pod>,
    ) -> DaemonPods<'a> {
        let mut claimed = DaemonPods::default();
        for pod in pods {
            match claim_in_namespace(ds, &pod.metadata) {
                Claim::Owned => {
                    if pod.metadata.controller_ref().is_none() {
                        claimed.adopted.push(pod);
                    }
                }
                Claim::Released => {
                    claimed.released.push(pod);
                    continue;
                }
                Claim::Ignored => continue,
            }
            claimed.all.push(pod);
            let Some(node) = target_node_name(pod) else {
                continue;
            };
            claimed.all_with_node.push(pod);
            if pod.is_terminal() && pod.metadata.deletion_timestamp.is_some() {
                continue;
            }
            claimed.grouped.push((node, pod));
        }
        claimed
    }

    /// Node name → pods (`nodeToDaemonPods`), sorted by node name.
    pub fn by_node(&self) -> BTreeMap<&'a str, Vec<&'a Pod>> {
        let mut map: BTreeMap<&str, Vec<&Pod>> = BTreeMap::new();
        for (node, pod) in &self.grouped {
            map.entry(node).or_default().push(pod);
        }
        map
    }
}

/// Order R (`podByCreationTimestampAndPhase`): pods bound to a node first,
/// then older `creationTimestamp` first (absent = oldest), then name.
pub fn pod_order(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    let a_bound = !a.spec.node_name.is_empty();
    let b_bound = !b.spec.node_name.is_empty();
    b_bound
        .cmp(&a_bound)
        .then_with(|| {
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp)
        })
        .then_with(|| a.metadata.name.cmp(&b.metadata.name))
}
