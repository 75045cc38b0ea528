//! Required node affinity: the pod's `nodeSelector` plus
//! `requiredDuringSchedulingIgnoredDuringExecution`, compiled once and matched
//! against many nodes. Mirrors `component-helpers/scheduling/corev1/nodeaffinity`
//! (`GetRequiredNodeAffinity`, `LazyErrorNodeSelector`, `nodeSelectorTerm`).

use std::fmt::Write as _;

use crate::model::{
    Node, NodeSelector, NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm, StringMap,
};
use crate::validate::content::{is_qualified_name, is_valid_label_value, parse_go_int64};

/// The one node field a `matchFields` requirement can name.
pub const NODE_FIELD_NAME: &str = "metadata.name";

/// A parsed label requirement (`labels.Requirement`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LabelRequirement {
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
    Gt(String, i64),
    Lt(String, i64),
}

impl LabelRequirement {
    /// `nodeSelectorRequirementsAsSelector` + `labels.NewRequirement` for one
    /// expression: the errors upstream would collect, or the requirement.
    fn parse(requirement: &NodeSelectorRequirement) -> Result<LabelRequirement, Vec<String>> {
        let NodeSelectorRequirement {
            key,
            operator,
            values,
        } = requirement;
        if !operator.is_known() {
            return Err(vec![format!("Unsupported value: {:?}", operator.as_str())]);
        }
        let mut errors = Vec::new();
        for message in is_qualified_name(key) {
            errors.push(format!("key: Invalid value: {key:?}: {message}"));
        }
        match operator {
            NodeSelectorOperator::In | NodeSelectorOperator::NotIn if values.is_empty() => {
                errors.push("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty".into());
            }
            NodeSelectorOperator::Exists | NodeSelectorOperator::DoesNotExist
                if !values.is_empty() =>
            {
                errors.push(
                    "values: Invalid value: values set must be empty for exists and does not exist"
                        .into(),
                );
            }
            NodeSelectorOperator::Gt | NodeSelectorOperator::Lt => {
                if values.len() != 1 {
                    errors.push("values: Invalid value: for 'Gt', 'Lt' operators, exactly one value is required".into());
                }
                for value in values {
                    if parse_go_int64(value).is_none() {
                        errors.push(format!("values: Invalid value: {value:?}: for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
            }
            _ => {}
        }
        for (index, value) in values.iter().enumerate() {
            for message in is_valid_label_value(value) {
                errors.push(format!(
                    "values[{index}]: Invalid value: {value:?}: {message}"
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let key = key.clone();
        Ok(match operator {
            NodeSelectorOperator::In => LabelRequirement::In(key, values.clone()),
            NodeSelectorOperator::NotIn => LabelRequirement::NotIn(key, values.clone()),
            NodeSelectorOperator::Exists => LabelRequirement::Exists(key),
            NodeSelectorOperator::DoesNotExist => LabelRequirement::DoesNotExist(key),
            // Checked above: exactly one value that parses.
            NodeSelectorOperator::Gt => {
                LabelRequirement::Gt(key, parse_go_int64(&values[0]).unwrap_or_default())
            }
            NodeSelectorOperator::Lt => {
                LabelRequirement::Lt(key, parse_go_int64(&values[0]).unwrap_or_default())
            }
            NodeSelectorOperator::Other(_) => unreachable_operator(),
        })
    }

    /// `labels.Requirement.Matches`.
    fn matches(&self, labels: &StringMap) -> bool {
        match self {
            LabelRequirement::In(key, values) => labels
                .get(key)
                .is_some_and(|v| values.iter().any(|x| x == v)),
            LabelRequirement::NotIn(key, values) => labels
                .get(key)
                .is_none_or(|v| !values.iter().any(|x| x == v)),
            LabelRequirement::Exists(key) => labels.contains_key(key),
            LabelRequirement::DoesNotExist(key) => !labels.contains_key(key),
            LabelRequirement::Gt(key, bound) => labels
                .get(key)
                .and_then(parse_go_int64)
                .is_some_and(|v| v > *bound),
            LabelRequirement::Lt(key, bound) => labels
                .get(key)
                .and_then(parse_go_int64)
                .is_some_and(|v| v < *bound),
        }
    }

    pub(crate) fn key(&self) -> &str {
        match self {
            LabelRequirement::In(key, _)
            | LabelRequirement::NotIn(key, _)
            | LabelRequirement::Exists(key)
            | LabelRequirement::DoesNotExist(key)
            | LabelRequirement::Gt(key, _)
            | LabelRequirement::Lt(key, _) => key,
        }
    }

    fn describe(&self) -> String {
        match self {
            LabelRequirement::In(key, values) => format!("{key} In [{}]", values.join(" ")),
            LabelRequirement::NotIn(key, values) => format!("{key} NotIn [{}]", values.join(" ")),
            LabelRequirement::Exists(key) => format!("{key} Exists"),
            LabelRequirement::DoesNotExist(key) => format!("{key} DoesNotExist"),
            LabelRequirement::Gt(key, bound) => format!("{key} Gt {bound}"),
            LabelRequirement::Lt(key, bound) => format!("{key} Lt {bound}"),
        }
    }
}

fn unreachable_operator() -> LabelRequirement {
    // `parse` returns early for unknown operators; this keeps the match total
    // without a panic path.
    LabelRequirement::In(String::new(), Vec::new())
}

/// A parsed field requirement (`fields.OneTermEqualSelector` / `NotEqual`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldRequirement {
    pub(crate) key: String,
    pub(crate) value: String,
    pub(crate) equal: bool,
}

impl FieldRequirement {
    /// `nodeSelectorRequirementsAsFieldSelector` for one requirement.
    fn parse(requirement: &NodeSelectorRequirement) -> Result<FieldRequirement, String> {
        let equal = match requirement.operator {
            NodeSelectorOperator::In => true,
            NodeSelectorOperator::NotIn => false,
            ref other => {
                return Err(format!(
                    "operator: Unsupported value: {:?}: supported values: \"In\", \"NotIn\"",
                    other.as_str()
                ));
            }
        };
        match requirement.values.as_slice() {
            [value] => Ok(FieldRequirement {
                key: requirement.key.clone(),
                value: value.clone(),
                equal,
            }),
            values => Err(format!(
                "values: Invalid value: {values:?}: must have one element"
            )),
        }
    }

    /// Matches against the node's field set, which holds only `metadata.name`;
    /// any other key reads as the empty string (`fields.Set.Get`).
    fn matches(&self, node_name: &str) -> bool {
        let field = if self.key == NODE_FIELD_NAME {
            node_name
        } else {
            ""
        };
        (field == self.value) == self.equal
    }
}

/// One parsed, non-empty node selector term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledTerm {
    /// `None` when the term has no matchExpressions.
    pub(crate) labels: Option<Vec<LabelRequirement>>,
    /// `None` when the term has no matchFields.
    pub(crate) fields: Option<Vec<FieldRequirement>>,
}

impl CompiledTerm {
    fn matches(&self, node: &Node) -> bool {
        if let Some(labels) = &self.labels {
            if !labels.iter().all(|r| r.matches(&node.metadata.labels)) {
                return false;
            }
        }
        // An empty node name means an empty field set, which upstream skips.
        if let Some(fields) = &self.fields {
            if !node.metadata.name.is_empty()
                && !fields.iter().all(|f| f.matches(&node.metadata.name))
            {
                return false;
            }
        }
        true
    }

    /// Why this term does not match `node` (assumes it does not).
    fn explain(&self, node: &Node) -> String {
        if let Some(labels) = &self.labels {
            if let Some(failed) = labels.iter().find(|r| !r.matches(&node.metadata.labels)) {
                return match node.metadata.labels.get(failed.key()) {
                    Some(value) => {
                        format!("{} (node has {}={value})", failed.describe(), failed.key())
                    }
                    None => format!("{} (node has no label {})", failed.describe(), failed.key()),
                };
            }
        }
        if let Some(fields) = &self.fields {
            if let Some(failed) = fields.iter().find(|f| !f.matches(&node.metadata.name)) {
                let op = if failed.equal { "In" } else { "NotIn" };
                return format!("matchFields {} {op} [{}]", failed.key, failed.value);
            }
        }
        "term matched".to_string()
    }
}

/// A compiled `requiredDuringSchedulingIgnoredDuringExecution` node selector
/// (`LazyErrorNodeSelector`): empty terms dropped, each remaining term parsed
/// on its own so that one bad term never hides a good one.
///
/// ```
/// use daemonset_planner::model::{Node, NodeSelector, NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm};
/// use daemonset_planner::scheduling::CompiledNodeSelector;
/// let selector = NodeSelector { node_selector_terms: vec![NodeSelectorTerm {
///     match_expressions: vec![NodeSelectorRequirement::new("zone", NodeSelectorOperator::In, ["a"])],
///     match_fields: vec![] }] };
/// let compiled = CompiledNodeSelector::compile(&selector);
/// assert!(compiled.matches(&Node::new("n1", [("zone", "a")], vec![])));
/// assert!(!compiled.matches(&Node::new("n2", [("zone", "b")], vec![])));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledNodeSelector {
    /// `(index in nodeSelectorTerms, parse result)` of each non-empty term.
    terms: Vec<(usize, Result<CompiledTerm, Vec<String>>)>,
}

impl CompiledNodeSelector {
    /// Compiles a node selector (`NewLazyErrorNodeSelector`).
    pub fn compile(selector: &NodeSelector) -> CompiledNodeSelector {
        let terms = selector
            .node_selector_terms
            .iter()
            .enumerate()
            .filter(|(_, term)| !term.is_empty())
            .map(|(index, term)| (index, compile_term(term)))
            .collect();
        CompiledNodeSelector { terms }
    }

    /// `LazyErrorNodeSelector.Match`, with parse errors ignored as the
    /// DaemonSet controller ignores them: true iff some well-formed term matches.
    pub fn matches(&self, node: &Node) -> bool {
        self.terms
            .iter()
            .any(|(_, term)| term.as_ref().is_ok_and(|t| t.matches(node)))
    }

    /// The terms that parsed, in order (the ones [`CompiledNodeSelector::matches`]
    /// consults; a term that failed to parse never matches).
    pub(crate) fn well_formed_terms(&self) -> impl Iterator<Item = &CompiledTerm> {
        self.terms.iter().filter_map(|(_, term)| term.as_ref().ok())
    }

    /// The parse errors of the terms that failed to parse, with their paths
    /// relative to `nodeSelectorTerms`.
    pub fn parse_errors(&self) -> Vec<String> {
        let mut errors = Vec::new();
        for (index, term) in &self.terms {
            if let Err(messages) = term {
                for message in messages {
                    errors.push(format!("nodeSelectorTerms[{index}]: {message}"));
                }
            }
        }
        errors
    }

    /// A person-readable account of why no term matches `node`.
    pub fn explain(&self, node: &Node) -> String {
        if self.terms.is_empty() {
            return "required node affinity has no non-empty nodeSelectorTerms, so it matches no node".to_string();
        }
        let mut message = String::from("no required nodeSelectorTerm matches: ");
        for (position, (index, term)) in self.terms.iter().enumerate() {
            if position > 0 {
                message.push_str("; ");
            }
            let _ = match term {
                Ok(term) => write!(message, "term {index}: {}", term.explain(node)),
                Err(errors) => write!(
                    message,
                    "term {index} is invalid and never matches ({})",
                    errors.join(", ")
                ),
            };
        }
        message
    }
}

fn compile_term(term: &NodeSelectorTerm) -> Result<CompiledTerm, Vec<String>> {
    let mut errors = Vec::new();
    let labels = if term.match_expressions.is_empty() {
        None
    } else {
        let mut parsed = Vec::with_capacity(term.match_expressions.len());
        for (index, requirement) in term.match_expressions.iter().enumerate() {
            match LabelRequirement::parse(requirement) {
                Ok(r) => parsed.push(r),
                Err(messages) => errors.extend(
                    messages
                        .into_iter()
                        .map(|m| format!("matchExpressions[{index}].{m}")),
                ),
            }
        }
        Some(parsed)
    };
    let fields = if term.match_fields.is_empty() {
        None
    } else {
        let mut parsed = Vec::with_capacity(term.match_fields.len());
        for (index, requirement) in term.match_fields.iter().enumerate() {
            match FieldRequirement::parse(requirement) {
                Ok(r) => parsed.push(r),
                Err(message) => errors.push(format!("matchFields[{index}].{message}")),
            }
        }
        Some(parsed)
    };
    if errors.is_empty() {
        Ok(CompiledTerm { labels, fields })
    } else {
        Err(errors)
    }
}

/// `nodeaffinity.RequiredNodeAffinity`: the pod's `nodeSelector` map AND its
/// required node affinity (when present).
///
/// ```
/// use daemonset_planner::model::{Node, PodSpec};
/// use daemonset_planner::scheduling::RequiredNodeAffinity;
/// let mut spec = PodSpec::default();
/// spec.node_selector.insert("disk".into(), "ssd".into());
/// let affinity = RequiredNodeAffinity::compile(&spec);
/// assert!(affinity.matches(&Node::new("n1", [("disk", "ssd")], vec![])));
/// assert!(!affinity.matches(&Node::new("n2", [("disk", "SSD")], vec![])));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredNodeAffinity {
    node_selector: Vec<(String, String)>,
    affinity: Option<CompiledNodeSelector>,
}

impl RequiredNodeAffinity {
    /// Compiles the placement rules of a pod spec (`GetRequiredNodeAffinity`).
    pub fn compile(spec: &crate::model::PodSpec) -> RequiredNodeAffinity {
        RequiredNodeAffinity {
            node_selector: spec
                .node_selector
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            affinity: spec
                .required_node_selector()
                .map(CompiledNodeSelector::compile),
        }
    }

    /// The `nodeSelector` map as `(key, value)` pairs.
    pub(crate) fn node_selector_pairs(&self) -> &[(String, String)] {
        &self.node_selector
    }

    /// The compiled required node affinity; `None` when the pod has none.
    pub(crate) fn required(&self) -> Option<&CompiledNodeSelector> {
        self.affinity.as_ref()
    }

    /// Whether the `nodeSelector` map holds on `node` (exact string equality;
    /// keys and values are not validated at match time, `SelectorFromSet`).
    pub fn node_selector_matches(&self, node: &Node) -> bool {
        self.node_selector
            .iter()
            .all(|(key, value)| node.metadata.labels.get(key) == Some(value))
    }

    /// Whether the required affinity (if any) holds on `node`.
    pub fn affinity_matches(&self, node: &Node) -> bool {
        self.affinity.as_ref().is_none_or(|a| a.matches(node))
    }

    /// `RequiredNodeAffinity.Match`, parse errors ignored.
    pub fn matches(&self, node: &Node) -> bool {
        self.node_selector_matches(node) && self.affinity_matches(node)
    }

    /// Why the `nodeSelector` fails on `node`, naming the first label.
    pub fn explain_node_selector(&self, node: &Node) -> Option<String> {
        let (key, value) = self
            .node_selector
            .iter()
            .find(|(key, value)| node.metadata.labels.get(key) != Some(value))?;
        Some(match node.metadata.labels.get(key) {
            Some(actual) => format!("nodeSelector needs {key}={value}, node has {key}={actual}"),
            None => format!("nodeSelector needs {key}={value}, node has no label {key}"),
        })
    }

    /// Why the required affinity fails on `node`.
    pub fn explain_affinity(&self, node: &Node) -> Option<String> {
        let affinity = self.affinity.as_ref()?;
        (!affinity.matches(node)).then(|| affinity.explain(node))
    }
}
