//! API-server validation: everything the API server would reject in a
//! DaemonSet and in a Node's labels and taints, with upstream's field paths
//! and wording (`pkg/apis/apps/validation`, `pkg/apis/core/validation`).

pub mod content;
mod field;
mod metadata;
mod pod_template;

use std::collections::BTreeSet;

pub use field::{FieldError, FieldErrorKind, go_map, quote};

use crate::model::{DaemonSet, IntOrPercent, Node, RollingUpdateDaemonSet, UpdateStrategyType};

/// Feature gates that change what validation accepts.
///
/// ```
/// use daemonset_planner::validate::ValidationOptions;
/// assert!(!ValidationOptions::default().taint_comparison_operators);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidationOptions {
    /// Accept the alpha toleration operators `Lt`/`Gt` (gate
    /// `TaintTolerationComparisonOperators`, off by default).
    pub taint_comparison_operators: bool,
}

/// Validates a DaemonSet as the API server would on create, after
/// defaulting (`ValidateDaemonSet`). Returns every failure, in upstream's order.
///
/// ```
/// use daemonset_planner::model::DaemonSet;
/// use daemonset_planner::validate::{validate_daemon_set, ValidationOptions};
/// let ds: DaemonSet = serde_json::from_str(r#"{
///   "metadata": {"name": "agent"},
///   "spec": {"selector": {"matchLabels": {"app": "agent"}},
///            "template": {"metadata": {"labels": {"app": "other"}},
///                         "spec": {"containers": [{"name": "a", "image": "agent:1"}]}}}
/// }"#).unwrap();
/// let errors = validate_daemon_set(&ds, &ValidationOptions::default());
/// assert_eq!(errors[0].field, "spec.template.metadata.labels");
/// assert!(errors[0].to_string().contains("`selector` does not match template `labels`"));
/// ```
pub fn validate_daemon_set(ds: &DaemonSet, options: &ValidationOptions) -> Vec<FieldError> {
    let mut defaulted = ds.clone();
    crate::defaults::default_daemon_set(&mut defaulted);
    let ds = &defaulted;
    let mut errors = Vec::new();
    metadata::object_meta(&ds.metadata, true, &mut errors);
    let spec = &ds.spec;
    if let Some(selector) = &spec.selector {
        metadata::label_selector(selector, "spec.selector", &mut errors);
    }
    // LabelSelectorAsSelector: nil matches nothing, empty matches everything,
    // a malformed selector skips this check.
    let template_labels = &spec.template.metadata.labels;
    let selector_matches = match &spec.selector {
        None => Ok(false),
        Some(selector) => {
            selector_converts(selector).and_then(|()| selector.matches(template_labels))
        }
    };
    if selector_matches == Ok(false) {
        errors.push(FieldError::invalid(
            "spec.template.metadata.labels",
            go_map(template_labels),
            "`selector` does not match template `labels`",
        ));
    }
    if spec.selector.as_ref().is_some_and(|s| s.is_empty()) {
        errors.push(FieldError::invalid(
            "spec.selector",
            "&v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}",
            "empty selector is invalid for daemonset",
        ));
    }
    pod_template::pod_template(&spec.template, "spec.template", options, &mut errors);
    if spec.template.spec.restart_policy != "Always" {
        errors.push(FieldError::not_supported(
            "spec.template.spec.restartPolicy",
            &spec.template.spec.restart_policy,
            &["Always"],
        ));
    }
    if spec.template.spec.active_deadline_seconds.is_some() {
        errors.push(FieldError::forbidden(
            "spec.template.spec.activeDeadlineSeconds",
            "activeDeadlineSeconds in DaemonSet is not Supported",
        ));
    }
    nonnegative(
        i64::from(spec.min_ready_seconds),
        "spec.minReadySeconds",
        &mut errors,
    );
    update_strategy(ds, &mut errors);
    if let Some(limit) = spec.revision_history_limit {
        nonnegative(i64::from(limit), "spec.revisionHistoryLimit", &mut errors);
    }
    if let Some(count) = ds.status.collision_count {
        nonnegative(i64::from(count), "status.collisionCount", &mut errors);
    }
    errors
}

/// Checks the conversion errors of `LabelSelectorAsSelector` that
/// [`crate::model::LabelSelector::matches`] does not (keys and values).
fn selector_converts(selector: &crate::model::LabelSelector) -> Result<(), String> {
    let bad_key = selector
        .match_labels
        .keys()
        .chain(selector.match_expressions.iter().map(|r| r.key.as_str()))
        .any(|key| !content::is_qualified_name(key).is_empty());
    let bad_value = selector
        .match_labels
        .values()
        .chain(
            selector
                .match_expressions
                .iter()
                .flat_map(|r| r.values.iter().map(String::as_str)),
        )
        .any(|value| !content::is_valid_label_value(value).is_empty());
    if bad_key || bad_value {
        Err("invalid label selector".to_string())
    } else {
        Ok(())
    }
}

fn nonnegative(value: i64, path: &str, errors: &mut Vec<FieldError>) {
    if value < 0 {
        errors.push(FieldError::invalid(
            path,
            value.to_string(),
            "must be greater than or equal to 0",
        ));
    }
}

/// `ValidateDaemonSetUpdateStrategy` and `ValidateRollingUpdateDaemonSet`.
fn update_strategy(ds: &DaemonSet, errors: &mut Vec<FieldError>) {
    let strategy = &ds.spec.update_strategy;
    let type_ = strategy
        .type_
        .clone()
        .unwrap_or(UpdateStrategyType::RollingUpdate);
    match type_ {
        UpdateStrategyType::OnDelete => {}
        UpdateStrategyType::RollingUpdate => match &strategy.rolling_update {
            None => errors.push(FieldError::required(
                "spec.updateStrategy.rollingUpdate",
                "",
            )),
            Some(rolling) => rolling_update(rolling, errors),
        },
        UpdateStrategyType::Other(ref text) => errors.push(FieldError::not_supported(
            "spec.updateStrategy",
            text,
            &["RollingUpdate", "OnDelete"],
        )),
    }
}

fn render(value: &IntOrPercent) -> String {
    match value {
        IntOrPercent::Int(v) => v.to_string(),
        IntOrPercent::Str(text) => quote(text),
    }
}

fn rolling_update(rolling: &RollingUpdateDaemonSet, errors: &mut Vec<FieldError>) {
    let zero = IntOrPercent::Int(0);
    let max_unavailable = rolling.max_unavailable.as_ref().unwrap_or(&zero);
    let max_surge = rolling.max_surge.as_ref().unwrap_or(&zero);
    let fields = [
        (
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            max_unavailable,
        ),
        ("spec.updateStrategy.rollingUpdate.maxSurge", max_surge),
    ];
    for (path, value) in fields {
        match value {
            IntOrPercent::Str(text) => {
                for message in content::is_valid_percent(text) {
                    errors.push(FieldError::invalid(path, render(value), message));
                }
            }
            IntOrPercent::Int(number) => nonnegative(i64::from(*number), path, errors),
        }
    }
    for (path, value) in fields {
        if let IntOrPercent::Str(text) = value {
            if content::is_valid_percent(text).is_empty() && value.validation_value() > 100 {
                errors.push(FieldError::invalid(
                    path,
                    render(value),
                    "must not be greater than 100%",
                ));
            }
        }
    }
    let has_unavailable = max_unavailable.validation_value() != 0;
    let has_surge = max_surge.validation_value() != 0;
    if has_unavailable && has_surge {
        errors.push(FieldError::invalid(
            "spec.updateStrategy.rollingUpdate.maxSurge",
            render(max_surge),
            "may not be set when maxUnavailable is non-zero",
        ));
    } else if !has_unavailable && !has_surge {
        errors.push(FieldError::required(
            "spec.updateStrategy.rollingUpdate.maxUnavailable",
            "cannot be 0 when maxSurge is 0",
        ));
    }
}

/// Validates a Node's name, labels and taints (`ValidateNode`,
/// `validateNodeTaints`). Taint errors use the path `spec.taints[i]`
/// (upstream reports them under `metadata.taints[i]`, a quirk).
///
/// ```
/// use daemonset_planner::model::{Node, Taint};
/// use daemonset_planner::validate::validate_node;
/// let mut node = Node::new("n1", [], vec![]);
/// node.spec.taints.push(Taint { key: "k".into(), ..Default::default() });
/// let errors = validate_node(&node);
/// assert_eq!(errors[0].to_string(), "spec.taints[0].effect: Required value");
/// ```
pub fn validate_node(node: &Node) -> Vec<FieldError> {
    let mut errors = Vec::new();
    metadata::object_meta(&node.metadata, false, &mut errors);
    let mut seen: BTreeSet<(&str, &str)> = BTreeSet::new();
    for (index, taint) in node.spec.taints.iter().enumerate() {
        let at = format!("spec.taints[{index}]");
        metadata::label_name(&taint.key, &format!("{at}.key"), &mut errors);
        let messages = content::is_valid_label_value(&taint.value);
        if !messages.is_empty() {
            errors.push(FieldError::invalid_str(
                format!("{at}.value"),
                &taint.value,
                messages.join(";"),
            ));
        }
        match &taint.effect {
            None => errors.push(FieldError::required(format!("{at}.effect"), "")),
            Some(effect) if !effect.is_known() => errors.push(FieldError::not_supported(
                format!("{at}.effect"),
                effect.as_str(),
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            )),
            Some(_) => {}
        }
        if !seen.insert((taint.effect_str(), taint.key.as_str())) {
            let mut error = FieldError::duplicate(at, quote(&taint.to_string()));
            error.detail = "taints must be unique by key and effect pair".to_string();
            errors.push(error);
        }
    }
    errors
}
