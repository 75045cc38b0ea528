//! A cache-friendly fast path for eligibility over many nodes.
//!
//! [`NodeTable`] compiles a node inventory once: every label key, label
//! value, taint key, taint value and node name is interned to a `u32` id,
//! each node's labels become a run of `(key id, value id)` pairs (sorted by
//! key id) in one contiguous array, and each node's scheduling taints
//! (`NoSchedule`/`NoExecute`) become an interned *taint set*. A
//! [`TablePlacement`] is a [`Placement`] compiled against one table's ids:
//! strings no node carries become a sentinel that matches nothing, the
//! required node-affinity terms that parsed become id comparisons, and the
//! tolerations are decided once per distinct taint (with
//! [`Toleration::tolerates_with`] itself), so a node's whole taint check is
//! one byte lookup. [`TablePlacement::should_run`] then answers exactly
//! [`Placement::should_run`] without touching a [`Node`] and without
//! allocating.

use std::sync::atomic::{AtomicU64, Ordering};

use super::eligibility::{Placement, blocks_scheduling};
use super::node_affinity::{CompiledTerm, FieldRequirement, LabelRequirement, NODE_FIELD_NAME};
use super::toleration::tolerations_tolerate_taint;
use crate::hashing::{FastMap, StringIds};
use crate::model::{Node, Taint, TaintEffect};
use crate::validate::content::parse_go_int64;

/// The id of a string no node carries: it equals no interned id.
const ABSENT: u32 = u32::MAX;

/// Source of [`NodeTable`] identities, so that a [`TablePlacement`] used with
/// a table it was not compiled for is caught in debug builds.
static NEXT_TABLE_ID: AtomicU64 = AtomicU64::new(1);

/// One node's row: where its labels live, its name id and its taint set.
#[derive(Debug, Clone, Copy)]
struct NodeRow {
    labels_start: u32,
    labels_end: u32,
    name: u32,
    taint_set: u32,
    /// The node's scheduling taints in node order, duplicates kept (what a
    /// reason message lists), interned.
    taint_list: u32,
}

/// Nodes compiled once: labels and taints interned to `u32` ids, stored
/// contiguously. Node `i` of the table is `nodes[i]` of [`NodeTable::new`].
///
/// ```
/// use daemonset_planner::model::{DaemonSet, Node, Taint, TaintEffect};
/// use daemonset_planner::scheduling::{EligibilityOptions, NodeTable, Placement};
/// let nodes = vec![
///     Node::new("n1", [("disk", "ssd")], vec![]),
///     Node::new("n2", [], vec![Taint::new("k", "v", TaintEffect::NoSchedule)]),
/// ];
/// let table = NodeTable::new(&nodes);
/// let placement = Placement::compile(&DaemonSet::default(), EligibilityOptions::default());
/// let fast = placement.for_table(&table);
/// for (i, node) in nodes.iter().enumerate() {
///     assert_eq!(fast.should_run(&table, i), placement.should_run(node));
/// }
/// assert_eq!(fast.should_run(&table, 1), (false, true));
/// ```
#[derive(Debug, Clone)]
pub struct NodeTable {
    /// Identity checked (in debug builds) by [`TablePlacement::should_run`].
    id: u64,
    /// Every distinct string, and its id.
    strings: StringIds,
    /// Per id: the string read as Go `strconv.ParseInt(s, 10, 64)`.
    go_ints: Vec<Option<i64>>,
    /// One row per node.
    rows: Vec<NodeRow>,
    /// Label key ids of all nodes, each node's run sorted ascending.
    label_keys: Vec<u32>,
    /// Label value ids, parallel to `label_keys`.
    label_values: Vec<u32>,
    /// Distinct scheduling taints (`NoSchedule`/`NoExecute`), `timeAdded` cleared.
    taints: Vec<Taint>,
    /// Distinct taint sets: `taint_sets[s]..taint_sets[s + 1]` indexes
    /// `taint_set_items`, which holds indexes into `taints`. Set 0 is empty.
    taint_sets: Vec<u32>,
    /// The members of every taint set, sorted and deduplicated per set.
    taint_set_items: Vec<u32>,
    /// The id of the empty string, or [`ABSENT`].
    empty: u32,
}

fn effect_code(effect: &Option<TaintEffect>) -> u8 {
    match effect {
        Some(TaintEffect::NoSchedule) => 1,
        Some(TaintEffect::NoExecute) => 2,
        _ => 0,
    }
}

/// The id of the sequence `items` in `ids`: `Ok` when it was seen before,
/// `Err` with the next id (now recorded) when it is new.
fn sequence_id(ids: &mut FastMap<Vec<u32>, u32>, items: &[u32]) -> Result<u32, u32> {
    if let Some(&id) = ids.get(items) {
        return Ok(id);
    }
    let id = to_u32(ids.len());
    ids.insert(items.to_vec(), id);
    Err(id)
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).expect("a NodeTable holds fewer than u32::MAX labels and taints")
}

impl NodeTable {
    /// Compiles `nodes`; node `i` of the table is `nodes[i]`.
    ///
    /// ```
    /// use daemonset_planner::model::Node;
    /// use daemonset_planner::scheduling::NodeTable;
    /// let table = NodeTable::new(&[Node::new("a", [("zone", "x")], vec![])]);
    /// assert_eq!(table.len(), 1);
    /// ```
    pub fn new(nodes: &[Node]) -> NodeTable {
        let label_count: usize = nodes.iter().map(|n| n.metadata.labels.len()).sum();
        let mut interner = StringIds::default();
        let mut rows = Vec::with_capacity(nodes.len());
        let mut label_keys = Vec::with_capacity(label_count);
        let mut label_values = Vec::with_capacity(label_count);
        let mut taints: Vec<Taint> = Vec::new();
        let mut taint_ids: FastMap<(u32, u32, u8), u32> = FastMap::default();
        let mut taint_sets = vec![0u32, 0];
        let mut taint_set_items = Vec::new();
        let mut taint_set_ids: FastMap<Vec<u32>, u32> = FastMap::default();
        taint_set_ids.insert(Vec::new(), 0);
        let mut taint_list_ids: FastMap<Vec<u32>, u32> = FastMap::default();
        taint_list_ids.insert(Vec::new(), 0);
        let mut members: Vec<u32> = Vec::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for node in nodes {
            let name = interner.intern(&node.metadata.name);

            pairs.clear();
            pairs.extend(
                node.metadata
                    .labels
                    .iter()
                    .map(|(k, v)| (interner.intern(k), interner.intern(v))),
            );
            pairs.sort_unstable();
            let labels_start = to_u32(label_keys.len());
            label_keys.extend(pairs.iter().map(|&(k, _)| k));
            label_values.extend(pairs.iter().map(|&(_, v)| v));
            let labels_end = to_u32(label_keys.len());

            members.clear();
            for taint in node.spec.taints.iter().filter(|t| blocks_scheduling(t)) {
                let key = (
                    interner.intern(&taint.key),
                    interner.intern(&taint.value),
                    effect_code(&taint.effect),
                );
                let id = *taint_ids.entry(key).or_insert_with(|| {
                    taints.push(Taint {
                        time_added: None,
                        ..taint.clone()
                    });
                    to_u32(taints.len() - 1)
                });
                members.push(id);
            }
            let (Ok(taint_list) | Err(taint_list)) = sequence_id(&mut taint_list_ids, &members);
            members.sort_unstable();
            members.dedup();
            let taint_set = match sequence_id(&mut taint_set_ids, &members) {
                Ok(set) => set,
                Err(set) => {
                    taint_set_items.extend_from_slice(&members);
                    taint_sets.push(to_u32(taint_set_items.len()));
                    set
                }
            };

            rows.push(NodeRow {
                labels_start,
                labels_end,
                name,
                taint_set,
                taint_list,
            });
        }
        let go_ints = (0..interner.len())
            .map(|id| parse_go_int64(interner.get(id as u32)))
            .collect();
        let empty = interner.lookup("").unwrap_or(ABSENT);
        let strings = interner;
        NodeTable {
            id: NEXT_TABLE_ID.fetch_add(1, Ordering::Relaxed),
            strings,
            go_ints,
            rows,
            label_keys,
            label_values,
            taints,
            taint_sets,
            taint_set_items,
            empty,
        }
    }

    /// The number of nodes.
    ///
    /// ```
    /// use daemonset_planner::model::Node;
    /// use daemonset_planner::scheduling::NodeTable;
    /// let nodes = [Node::new("a", [], vec![]), Node::new("b", [], vec![])];
    /// assert_eq!(NodeTable::new(&nodes).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table holds no node.
    ///
    /// ```
    /// use daemonset_planner::scheduling::NodeTable;
    /// assert!(NodeTable::new(&[]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The name of node `index` (`nodes[index].metadata.name`).
    ///
    /// ```
    /// use daemonset_planner::model::Node;
    /// use daemonset_planner::scheduling::NodeTable;
    /// let table = NodeTable::new(&[Node::new("a", [], vec![]), Node::new("b", [], vec![])]);
    /// assert_eq!(table.name(1), "b");
    /// ```
    ///
    /// # Panics
    ///
    /// When `index >= self.len()`.
    pub fn name(&self, index: usize) -> &str {
        self.strings.get(self.rows[index].name)
    }

    /// The id of `text`, or [`ABSENT`] when no node carries it.
    pub(crate) fn id(&self, text: &str) -> u32 {
        self.strings.lookup(text).unwrap_or(ABSENT)
    }

    /// Appends to `out` what a reason message can read of node `index`, as
    /// ids: its name (when `reads_name`), the value of each of `label_keys`
    /// (ids from [`NodeTable::id`]) and its scheduling taints in order. Two
    /// nodes with equal signatures get equal reasons from one placement.
    pub(crate) fn reason_signature(
        &self,
        index: usize,
        label_keys: &[u32],
        reads_name: bool,
        out: &mut Vec<u32>,
    ) {
        let row = &self.rows[index];
        out.push(if reads_name { row.name } else { ABSENT });
        for &key in label_keys {
            out.push(match key {
                ABSENT => ABSENT,
                key => self.label(row, key).unwrap_or(ABSENT),
            });
        }
        out.push(row.taint_list);
    }

    /// The value id of label `key` on the node whose row is `row`.
    #[inline]
    fn label(&self, row: &NodeRow, key: u32) -> Option<u32> {
        let start = row.labels_start as usize;
        let end = row.labels_end as usize;
        let keys = &self.label_keys[start..end];
        let at = keys.binary_search(&key).ok()?;
        Some(self.label_values[start + at])
    }

    /// The members of taint set `set`.
    fn taint_set(&self, set: usize) -> &[u32] {
        let start = self.taint_sets[set] as usize;
        let end = self.taint_sets[set + 1] as usize;
        &self.taint_set_items[start..end]
    }
}

/// A label requirement in table ids. Requirements that hold or fail on every
/// node are folded away when the placement is compiled.
#[derive(Debug, Clone)]
enum LabelCheck {
    In(u32, Box<[u32]>),
    NotIn(u32, Box<[u32]>),
    Exists(u32),
    DoesNotExist(u32),
    Gt(u32, i64),
    Lt(u32, i64),
}

/// What a [`LabelCheck`] compiles to.
enum Folded<T> {
    Always,
    Never,
    Check(T),
}

impl LabelCheck {
    fn compile(table: &NodeTable, requirement: &LabelRequirement) -> Folded<LabelCheck> {
        let ids = |values: &[String]| -> Box<[u32]> {
            values
                .iter()
                .map(|v| table.id(v))
                .filter(|&id| id != ABSENT)
                .collect()
        };
        let key_of = |key: &str| table.id(key);
        match requirement {
            LabelRequirement::In(key, values) => {
                let (key, values) = (key_of(key), ids(values));
                if key == ABSENT || values.is_empty() {
                    Folded::Never
                } else {
                    Folded::Check(LabelCheck::In(key, values))
                }
            }
            LabelRequirement::NotIn(key, values) => {
                let (key, values) = (key_of(key), ids(values));
                if key == ABSENT || values.is_empty() {
                    Folded::Always
                } else {
                    Folded::Check(LabelCheck::NotIn(key, values))
                }
            }
            LabelRequirement::Exists(key) => match key_of(key) {
                ABSENT => Folded::Never,
                key => Folded::Check(LabelCheck::Exists(key)),
            },
            LabelRequirement::DoesNotExist(key) => match key_of(key) {
                ABSENT => Folded::Always,
                key => Folded::Check(LabelCheck::DoesNotExist(key)),
            },
            LabelRequirement::Gt(key, bound) => match key_of(key) {
                ABSENT => Folded::Never,
                key => Folded::Check(LabelCheck::Gt(key, *bound)),
            },
            LabelRequirement::Lt(key, bound) => match key_of(key) {
                ABSENT => Folded::Never,
                key => Folded::Check(LabelCheck::Lt(key, *bound)),
            },
        }
    }

    #[inline]
    fn matches(&self, table: &NodeTable, row: &NodeRow) -> bool {
        match self {
            LabelCheck::In(key, values) => {
                table.label(row, *key).is_some_and(|v| values.contains(&v))
            }
            LabelCheck::NotIn(key, values) => {
                table.label(row, *key).is_none_or(|v| !values.contains(&v))
            }
            LabelCheck::Exists(key) => table.label(row, *key).is_some(),
            LabelCheck::DoesNotExist(key) => table.label(row, *key).is_none(),
            LabelCheck::Gt(key, bound) => table
                .label(row, *key)
                .and_then(|v| table.go_ints[v as usize])
                .is_some_and(|v| v > *bound),
            LabelCheck::Lt(key, bound) => table
                .label(row, *key)
                .and_then(|v| table.go_ints[v as usize])
                .is_some_and(|v| v < *bound),
        }
    }
}

/// A `matchFields` requirement on a named node, in table ids.
#[derive(Debug, Clone, Copy)]
enum FieldCheck {
    /// `metadata.name In [name]`.
    NameIs(u32),
    /// `metadata.name NotIn [name]`.
    NameIsNot(u32),
    /// Fails on every node that has a name (a key other than `metadata.name`
    /// reads as `""`).
    Never,
}

impl FieldCheck {
    fn compile(table: &NodeTable, requirement: &FieldRequirement) -> Option<FieldCheck> {
        if requirement.key == NODE_FIELD_NAME {
            let value = table.id(&requirement.value);
            Some(if requirement.equal {
                FieldCheck::NameIs(value)
            } else {
                FieldCheck::NameIsNot(value)
            })
        } else if requirement.value.is_empty() == requirement.equal {
            // The field reads as "": holds on every node.
            None
        } else {
            Some(FieldCheck::Never)
        }
    }

    #[inline]
    fn matches(self, name: u32) -> bool {
        match self {
            FieldCheck::NameIs(value) => name == value,
            FieldCheck::NameIsNot(value) => name != value,
            FieldCheck::Never => false,
        }
    }
}

/// One well-formed node selector term, in table ids.
#[derive(Debug, Clone)]
struct TableTerm {
    labels: Box<[LabelCheck]>,
    fields: Box<[FieldCheck]>,
}

impl TableTerm {
    /// `None` when the term matches no node.
    fn compile(table: &NodeTable, term: &CompiledTerm) -> Option<TableTerm> {
        let mut labels = Vec::new();
        for requirement in term.labels.iter().flatten() {
            match LabelCheck::compile(table, requirement) {
                Folded::Always => {}
                Folded::Never => return None,
                Folded::Check(check) => labels.push(check),
            }
        }
        let fields = term
            .fields
            .iter()
            .flatten()
            .filter_map(|f| FieldCheck::compile(table, f))
            .collect();
        Some(TableTerm {
            labels: labels.into(),
            fields,
        })
    }

    fn is_trivial(&self) -> bool {
        self.labels.is_empty() && self.fields.is_empty()
    }

    #[inline]
    fn matches(&self, table: &NodeTable, row: &NodeRow) -> bool {
        if !self.labels.iter().all(|check| check.matches(table, row)) {
            return false;
        }
        // An empty node name means an empty field set, which upstream skips.
        self.fields.is_empty()
            || row.name == table.empty
            || self.fields.iter().all(|check| check.matches(row.name))
    }
}

/// Taint-set outcome bits: some scheduling taint is untolerated.
const UNTOLERATED: u8 = 1;
/// Taint-set outcome bits: some `NoExecute` taint is untolerated.
const UNTOLERATED_NO_EXECUTE: u8 = 2;

/// A [`Placement`] compiled against one [`NodeTable`]'s interner; use it only
/// with that table.
///
/// ```
/// use daemonset_planner::model::{DaemonSet, Node};
/// use daemonset_planner::scheduling::{EligibilityOptions, NodeTable, Placement};
/// let mut ds = DaemonSet::default();
/// ds.spec.template.spec.node_selector.insert("disk".into(), "ssd".into());
/// let nodes = [Node::new("a", [("disk", "ssd")], vec![]), Node::new("b", [("disk", "hdd")], vec![])];
/// let table = NodeTable::new(&nodes);
/// let fast = Placement::compile(&ds, EligibilityOptions::default()).for_table(&table);
/// assert_eq!(fast.should_run(&table, 0), (true, true));
/// assert_eq!(fast.should_run(&table, 1), (false, false));
/// ```
#[derive(Debug, Clone)]
pub struct TablePlacement {
    /// The [`NodeTable`] this was compiled against.
    table: u64,
    /// No node of the table can match the name, selector or affinity.
    never: bool,
    /// The template's `spec.nodeName` id, when set.
    node_name: Option<u32>,
    /// The `nodeSelector` as `(key id, value id)`.
    node_selector: Box<[(u32, u32)]>,
    /// The required affinity's terms that can match, ORed; `None` when every
    /// node satisfies the affinity.
    terms: Option<Box<[TableTerm]>>,
    /// Per taint set of the table: [`UNTOLERATED`] | [`UNTOLERATED_NO_EXECUTE`] bits.
    taint_outcomes: Box<[u8]>,
}

impl Placement {
    /// Compiles this placement against `table`'s interner, for
    /// [`TablePlacement::should_run`].
    ///
    /// ```
    /// use daemonset_planner::model::{DaemonSet, Node};
    /// use daemonset_planner::scheduling::{EligibilityOptions, NodeTable, Placement};
    /// let mut ds = DaemonSet::default();
    /// ds.spec.template.spec.node_name = "b".into();
    /// let table = NodeTable::new(&[Node::new("a", [], vec![]), Node::new("b", [], vec![])]);
    /// let fast = Placement::compile(&ds, EligibilityOptions::default()).for_table(&table);
    /// assert_eq!(fast.should_run(&table, 0), (false, false));
    /// assert_eq!(fast.should_run(&table, 1), (true, true));
    /// ```
    pub fn for_table(&self, table: &NodeTable) -> TablePlacement {
        let mut never = false;

        let node_name = (!self.node_name().is_empty()).then(|| table.id(self.node_name()));
        never |= node_name == Some(ABSENT);

        let affinity = self.affinity();
        let node_selector: Box<[(u32, u32)]> = affinity
            .node_selector_pairs()
            .iter()
            .map(|(key, value)| (table.id(key), table.id(value)))
            .collect();
        never |= node_selector
            .iter()
            .any(|&(key, value)| key == ABSENT || value == ABSENT);

        let terms = affinity.required().and_then(|selector| {
            let terms: Vec<TableTerm> = selector
                .well_formed_terms()
                .filter_map(|term| TableTerm::compile(table, term))
                .collect();
            if terms.iter().any(TableTerm::is_trivial) {
                // Some term holds on every node.
                None
            } else {
                Some(terms.into_boxed_slice())
            }
        });
        never |= terms.as_ref().is_some_and(|terms| terms.is_empty());

        let comparison = self.options().taint_comparison_operators;
        let taint_bits: Vec<u8> = table
            .taints
            .iter()
            .map(|taint| {
                if tolerations_tolerate_taint(self.tolerations(), taint, comparison) {
                    0
                } else if taint.effect == Some(TaintEffect::NoExecute) {
                    UNTOLERATED | UNTOLERATED_NO_EXECUTE
                } else {
                    UNTOLERATED
                }
            })
            .collect();
        let taint_outcomes = (0..table.taint_sets.len() - 1)
            .map(|set| {
                table
                    .taint_set(set)
                    .iter()
                    .fold(0, |bits, &taint| bits | taint_bits[taint as usize])
            })
            .collect();

        TablePlacement {
            table: table.id,
            never,
            node_name,
            node_selector,
            terms,
            taint_outcomes,
        }
    }
}

impl TablePlacement {
    /// Exactly [`Placement::should_run`]`(&nodes[index])` for the `nodes` the
    /// table was built from, without touching the [`Node`]. Allocates nothing.
    ///
    /// ```
    /// use daemonset_planner::model::{DaemonSet, Node, Taint, TaintEffect};
    /// use daemonset_planner::scheduling::{EligibilityOptions, NodeTable, Placement};
    /// let nodes = [Node::new("a", [], vec![Taint::new("k", "", TaintEffect::NoExecute)])];
    /// let table = NodeTable::new(&nodes);
    /// let fast = Placement::compile(&DaemonSet::default(), EligibilityOptions::default()).for_table(&table);
    /// assert_eq!(fast.should_run(&table, 0), (false, false));
    /// ```
    ///
    /// # Panics
    ///
    /// When `index >= table.len()`. In debug builds, also when `table` is not
    /// the table this placement was compiled against.
    #[inline]
    pub fn should_run(&self, table: &NodeTable, index: usize) -> (bool, bool) {
        debug_assert_eq!(
            self.table, table.id,
            "TablePlacement used with a NodeTable it was not compiled for"
        );
        let row = &table.rows[index];
        if self.never {
            return (false, false);
        }
        if let Some(name) = self.node_name {
            if row.name != name {
                return (false, false);
            }
        }
        if !self
            .node_selector
            .iter()
            .all(|&(key, value)| table.label(row, key) == Some(value))
        {
            return (false, false);
        }
        if let Some(terms) = &self.terms {
            if !terms.iter().any(|term| term.matches(table, row)) {
                return (false, false);
            }
        }
        let bits = self.taint_outcomes[row.taint_set as usize];
        (bits == 0, bits & UNTOLERATED_NO_EXECUTE == 0)
    }
}
