//! A naive twin of the eligibility rules, written straight from SEMANTICS §3
//! with no compilation, caching or shared matching code. Property tests check
//! that the compiled path (`Placement`) agrees with it on every generated case.

use daemonset_planner::model::{
    DaemonSet, Node, NodeSelectorOperator, NodeSelectorRequirement, Taint, TaintEffect, Toleration,
    TolerationOperator,
};
use daemonset_planner::validate::content::{is_qualified_name, is_valid_label_value};

/// Go's `strconv.ParseInt(s, 10, 64)`; Rust's `i64::from_str` accepts the
/// same language (optional sign, digits, leading zeros).
fn go_int(text: &str) -> Option<i64> {
    text.parse::<i64>().ok()
}

/// Canonical decimal integer (T5): optional `-`, no `+`, no leading zeros, no `-0`.
fn canonical_int(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    if text == "-0" {
        return None;
    }
    text.parse().ok()
}

/// A4/A5: does this expression parse?
fn expression_parses(r: &NodeSelectorRequirement) -> bool {
    use NodeSelectorOperator::*;
    let operator_ok = match r.operator {
        In | NotIn => !r.values.is_empty(),
        Exists | DoesNotExist => r.values.is_empty(),
        Gt | Lt => r.values.len() == 1 && go_int(&r.values[0]).is_some(),
        Other(_) => false,
    };
    operator_ok
        && is_qualified_name(&r.key).is_empty()
        && r.values.iter().all(|v| is_valid_label_value(v).is_empty())
}

/// A6.
fn expression_matches(r: &NodeSelectorRequirement, node: &Node) -> bool {
    use NodeSelectorOperator::*;
    let label = node.metadata.labels.get(&r.key);
    match r.operator {
        In => label.is_some_and(|v| r.values.iter().any(|x| x == v)),
        NotIn => label.is_none_or(|v| !r.values.iter().any(|x| x == v)),
        Exists => label.is_some(),
        DoesNotExist => label.is_none(),
        Gt => match (label.and_then(go_int), go_int(&r.values[0])) {
            (Some(l), Some(b)) => l > b,
            _ => false,
        },
        Lt => match (label.and_then(go_int), go_int(&r.values[0])) {
            (Some(l), Some(b)) => l < b,
            _ => false,
        },
        Other(_) => false,
    }
}

/// A7: matchFields parse only with In/NotIn and exactly one value.
fn field_parses(r: &NodeSelectorRequirement) -> bool {
    matches!(
        r.operator,
        NodeSelectorOperator::In | NodeSelectorOperator::NotIn
    ) && r.values.len() == 1
}

fn field_matches(r: &NodeSelectorRequirement, node: &Node) -> bool {
    let field = if r.key == "metadata.name" {
        node.metadata.name.as_str()
    } else {
        ""
    };
    match r.operator {
        NodeSelectorOperator::In => field == r.values[0],
        _ => field != r.values[0],
    }
}

/// §3.2 and §3.3.
pub fn node_affinity_matches(ds: &DaemonSet, node: &Node) -> bool {
    let spec = &ds.spec.template.spec;
    for (key, value) in &spec.node_selector {
        if node.metadata.labels.get(key) != Some(value) {
            return false;
        }
    }
    let Some(required) = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| {
            n.required_during_scheduling_ignored_during_execution
                .as_ref()
        })
    else {
        return true;
    };
    required.node_selector_terms.iter().any(|term| {
        if term.match_expressions.is_empty() && term.match_fields.is_empty() {
            return false;
        }
        let parses = term.match_expressions.iter().all(expression_parses)
            && term.match_fields.iter().all(field_parses);
        parses
            && term
                .match_expressions
                .iter()
                .all(|r| expression_matches(r, node))
            && (node.metadata.name.is_empty()
                || term.match_fields.iter().all(|r| field_matches(r, node)))
    })
}

/// §3.4 T1-T6.
pub fn tolerates(t: &Toleration, taint: &Taint, comparison: bool) -> bool {
    if t.effect.is_some() && t.effect != taint.effect {
        return false;
    }
    if !t.key.is_empty() && t.key != taint.key {
        return false;
    }
    match &t.operator {
        TolerationOperator::Equal => t.value == taint.value,
        TolerationOperator::Exists => true,
        TolerationOperator::Lt if comparison => {
            matches!((canonical_int(&taint.value), canonical_int(&t.value)), (Some(a), Some(b)) if a < b)
        }
        TolerationOperator::Gt if comparison => {
            matches!((canonical_int(&taint.value), canonical_int(&t.value)), (Some(a), Some(b)) if a > b)
        }
        _ => false,
    }
}

/// §3.5, merge rule included.
pub fn pod_tolerations(ds: &DaemonSet) -> Vec<Toleration> {
    let spec = &ds.spec.template.spec;
    let mut list = spec.tolerations.clone();
    let mut defaults = vec![
        ("node.kubernetes.io/not-ready", TaintEffect::NoExecute),
        ("node.kubernetes.io/unreachable", TaintEffect::NoExecute),
        ("node.kubernetes.io/disk-pressure", TaintEffect::NoSchedule),
        (
            "node.kubernetes.io/memory-pressure",
            TaintEffect::NoSchedule,
        ),
        ("node.kubernetes.io/pid-pressure", TaintEffect::NoSchedule),
        ("node.kubernetes.io/unschedulable", TaintEffect::NoSchedule),
    ];
    if spec.host_network {
        defaults.push((
            "node.kubernetes.io/network-unavailable",
            TaintEffect::NoSchedule,
        ));
    }
    for (key, effect) in defaults {
        let default = Toleration {
            key: key.to_string(),
            operator: TolerationOperator::Exists,
            value: String::new(),
            effect: Some(effect),
            toleration_seconds: None,
        };
        let mut found = false;
        for existing in &mut list {
            if existing.key == default.key
                && existing.operator == default.operator
                && existing.value == default.value
                && existing.effect == default.effect
            {
                *existing = default.clone();
                found = true;
            }
        }
        if !found {
            list.push(default);
        }
    }
    list
}

/// E1-E7: `(shouldRun, shouldContinueRunning)`.
pub fn should_run(ds: &DaemonSet, node: &Node, comparison: bool) -> (bool, bool) {
    let template_node = &ds.spec.template.spec.node_name;
    if !template_node.is_empty() && *template_node != node.metadata.name {
        return (false, false);
    }
    if !node_affinity_matches(ds, node) {
        return (false, false);
    }
    let tolerations = pod_tolerations(ds);
    let untolerated = |effects: &[TaintEffect]| {
        node.spec.taints.iter().any(|taint| {
            taint.effect.as_ref().is_some_and(|e| effects.contains(e))
                && !tolerations.iter().any(|t| tolerates(t, taint, comparison))
        })
    };
    if untolerated(&[TaintEffect::NoSchedule, TaintEffect::NoExecute]) {
        (false, !untolerated(&[TaintEffect::NoExecute]))
    } else {
        (true, true)
    }
}
