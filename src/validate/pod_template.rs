//! The pod template (`ValidatePodTemplateSpec`, `ValidatePodSpec`): the
//! parts that decide placement in full, containers and ports as far as
//! SEMANTICS §2.3 lists them.

use std::collections::BTreeSet;

use super::ValidationOptions;
use super::content::{
    is_dns1123_label, is_dns1123_subdomain, is_valid_label_value, parse_decimal_int64,
};
use super::field::{FieldError, quote};
use super::metadata::{annotations, label_name, labels};
use crate::model::{
    Affinity, Container, NodeSelector, NodeSelectorOperator, NodeSelectorRequirement,
    NodeSelectorTerm, PodTemplateSpec, TaintEffect, Toleration, TolerationOperator,
};
use crate::scheduling::NODE_FIELD_NAME;

/// `ValidatePodTemplateSpec` at `path` (normally `spec.template`).
///
/// Upstream reports template label and annotation errors under
/// `<path>.labels` / `<path>.annotations` (`fldPath.Child("labels")`), not
/// `<path>.metadata.labels`; this keeps that quirk so paths match what the
/// API server prints. Checks run in `ValidatePodSpec`'s order: containers,
/// init containers, `validatePodHostNetworkDeps`, restartPolicy,
/// nodeSelector, affinity, nodeName, activeDeadlineSeconds, tolerations;
/// then the template-only ephemeral-container check.
pub(crate) fn pod_template(
    template: &PodTemplateSpec,
    path: &str,
    options: &ValidationOptions,
    errors: &mut Vec<FieldError>,
) {
    labels(&template.metadata.labels, &format!("{path}.labels"), errors);
    annotations(
        &template.metadata.annotations,
        &format!("{path}.annotations"),
        errors,
    );
    let spec = &template.spec;
    misspelt_placement_fields(spec, &format!("{path}.spec"), errors);
    let spec_path = format!("{path}.spec");
    containers(&spec.containers, &spec.init_containers, &spec_path, errors);
    if spec.host_network {
        host_network_ports(&spec.containers, &spec_path, errors);
    }
    match spec.restart_policy.as_str() {
        "Always" | "OnFailure" | "Never" => {}
        "" => errors.push(FieldError::required(
            format!("{spec_path}.restartPolicy"),
            "",
        )),
        other => errors.push(FieldError::not_supported(
            format!("{spec_path}.restartPolicy"),
            other,
            &["Always", "OnFailure", "Never"],
        )),
    }
    labels(
        &spec.node_selector,
        &format!("{spec_path}.nodeSelector"),
        errors,
    );
    if let Some(affinity) = &spec.affinity {
        node_affinity(affinity, &format!("{spec_path}.affinity"), errors);
    }
    if !spec.node_name.is_empty() {
        for message in is_dns1123_subdomain(&spec.node_name) {
            errors.push(FieldError::invalid_str(
                format!("{spec_path}.nodeName"),
                &spec.node_name,
                message,
            ));
        }
    }
    if let Some(seconds) = spec.active_deadline_seconds {
        if !(1..=i64::from(i32::MAX)).contains(&seconds) {
            errors.push(FieldError::invalid(
                format!("{spec_path}.activeDeadlineSeconds"),
                seconds.to_string(),
                "must be between 1 and 2147483647, inclusive",
            ));
        }
    }
    tolerations(
        &spec.tolerations,
        &format!("{spec_path}.tolerations"),
        options,
        errors,
    );
    if !spec.ephemeral_containers.is_empty() {
        errors.push(FieldError::forbidden(
            format!("{spec_path}.ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
}

/// `validateContainerCommon` for the fields modelled here: name, image,
/// ports, resources.
fn container_common(container: &Container, at: &str, errors: &mut Vec<FieldError>) {
    if container.name.is_empty() {
        errors.push(FieldError::required(format!("{at}.name"), ""));
    } else {
        for message in is_dns1123_label(&container.name) {
            errors.push(FieldError::invalid_str(
                format!("{at}.name"),
                &container.name,
                message,
            ));
        }
    }
    // Upstream checks `len(ctr.Image) == 0` only: in a pod template an image
    // of " " is accepted ("special token in pod template"); the whitespace
    // check is pod-only (`validateContainerOnlyForPod`).
    if container.image.is_empty() {
        errors.push(FieldError::required(format!("{at}.image"), ""));
    }
    ports(container, at, errors);
    resources(container, at, errors);
}

/// `validateContainers` then `validateInitContainers`, in upstream's order.
/// Names are unique across regular and init containers; a clash between the
/// two lists is reported on the init container. Host ports are checked
/// across all regular containers, and for each init container on its own
/// (`checkHostPortConflicts([]core.Container{ctr}, fldPath)`, so upstream's
/// path always says `initContainers[0]`).
fn containers(
    regular: &[Container],
    init: &[Container],
    spec_path: &str,
    errors: &mut Vec<FieldError>,
) {
    if regular.is_empty() {
        errors.push(FieldError::required(format!("{spec_path}.containers"), ""));
    } else {
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for (index, container) in regular.iter().enumerate() {
            let at = format!("{spec_path}.containers[{index}]");
            container_common(container, &at, errors);
            if !names.insert(&container.name) {
                errors.push(FieldError::duplicate(
                    format!("{at}.name"),
                    quote(&container.name),
                ));
            }
        }
        host_ports(regular, &format!("{spec_path}.containers"), errors);
    }
    let mut names: BTreeSet<&str> = regular.iter().map(|c| c.name.as_str()).collect();
    for (index, container) in init.iter().enumerate() {
        let at = format!("{spec_path}.initContainers[{index}]");
        container_common(container, &at, errors);
        if names.contains(container.name.as_str()) {
            errors.push(FieldError::duplicate(
                format!("{at}.name"),
                quote(&container.name),
            ));
        } else if !container.name.is_empty() {
            names.insert(&container.name);
        }
        host_ports(
            std::slice::from_ref(container),
            &format!("{spec_path}.initContainers"),
            errors,
        );
    }
}

/// `validatePodHostNetworkDeps` for a template (`ResourceIsPod` false): with
/// `hostNetwork: true`, a regular container's non-zero `hostPort` must equal
/// its `containerPort` (0 is allowed; pods get it defaulted).
fn host_network_ports(regular: &[Container], spec_path: &str, errors: &mut Vec<FieldError>) {
    for (index, container) in regular.iter().enumerate() {
        for (port_index, port) in container.ports.iter().enumerate() {
            let host_port = port.host_port.unwrap_or(0);
            if host_port != 0 && host_port != port.container_port {
                errors.push(FieldError::invalid(
                    format!("{spec_path}.containers[{index}].ports[{port_index}].hostPort"),
                    host_port.to_string(),
                    "must match `containerPort` when `hostNetwork` is true",
                ));
            }
        }
    }
}

fn resources(container: &Container, at: &str, errors: &mut Vec<FieldError>) {
    let resources = &container.resources;
    for (group, map) in [
        ("limits", &resources.limits),
        ("requests", &resources.requests),
    ] {
        for (name, quantity) in map {
            if quantity.sign() == std::cmp::Ordering::Less {
                errors.push(FieldError::invalid(
                    format!("{at}.resources.{group}[{name}]"),
                    quote(&quantity.to_string()),
                    "must be greater than or equal to 0",
                ));
            }
        }
    }
    for (name, request) in &resources.requests {
        if let Some(limit) = resources.limits.get(name) {
            if request > limit {
                errors.push(FieldError::invalid(
                    format!("{at}.resources.requests"),
                    quote(&request.to_string()),
                    format!("must be less than or equal to {name} limit of {limit}"),
                ));
            }
        }
    }
}

fn ports(container: &Container, at: &str, errors: &mut Vec<FieldError>) {
    for (index, port) in container.ports.iter().enumerate() {
        let port_path = format!("{at}.ports[{index}]");
        if port.container_port == 0 {
            errors.push(FieldError::required(
                format!("{port_path}.containerPort"),
                "",
            ));
        } else if !(1..=65535).contains(&port.container_port) {
            errors.push(FieldError::invalid(
                format!("{port_path}.containerPort"),
                port.container_port.to_string(),
                "must be between 1 and 65535, inclusive",
            ));
        }
        if let Some(host_port) = port.host_port {
            if host_port != 0 && !(1..=65535).contains(&host_port) {
                errors.push(FieldError::invalid(
                    format!("{port_path}.hostPort"),
                    host_port.to_string(),
                    "must be between 1 and 65535, inclusive",
                ));
            }
        }
        match port.protocol.as_str() {
            "" | "TCP" | "UDP" | "SCTP" => {}
            other => errors.push(FieldError::not_supported(
                format!("{port_path}.protocol"),
                other,
                &["SCTP", "TCP", "UDP"],
            )),
        }
    }
}

/// `AccumulateUniqueHostPorts`: within one list of containers (at
/// `list_path`), `protocol/hostIP/hostPort` must be unique.
fn host_ports(list: &[Container], list_path: &str, errors: &mut Vec<FieldError>) {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (index, container) in list.iter().enumerate() {
        for (port_index, port) in container.ports.iter().enumerate() {
            let Some(host_port) = port.host_port.filter(|p| *p != 0) else {
                continue;
            };
            let protocol = if port.protocol.is_empty() {
                "TCP"
            } else {
                &port.protocol
            };
            let key = format!("{protocol}/{}/{host_port}", port.host_ip);
            if !seen.insert(key.clone()) {
                errors.push(FieldError::duplicate(
                    format!("{list_path}[{index}].ports[{port_index}].hostPort"),
                    quote(&key),
                ));
            }
        }
    }
}

/// `validateAffinity` → `validateNodeAffinity`.
fn node_affinity(affinity: &Affinity, path: &str, errors: &mut Vec<FieldError>) {
    let Some(node_affinity) = &affinity.node_affinity else {
        return;
    };
    let path = format!("{path}.nodeAffinity");
    if let Some(required) = &node_affinity.required_during_scheduling_ignored_during_execution {
        node_selector(
            required,
            &format!("{path}.requiredDuringSchedulingIgnoredDuringExecution"),
            errors,
        );
    }
    for (index, term) in node_affinity
        .preferred_during_scheduling_ignored_during_execution
        .iter()
        .enumerate()
    {
        let at = format!("{path}.preferredDuringSchedulingIgnoredDuringExecution[{index}]");
        if !(1..=100).contains(&term.weight) {
            errors.push(FieldError::invalid(
                format!("{at}.weight"),
                term.weight.to_string(),
                "must be in the range 1-100",
            ));
        }
        node_selector_term(&term.preference, false, &format!("{at}.preference"), errors);
    }
}

/// `ValidateNodeSelector`.
fn node_selector(selector: &NodeSelector, path: &str, errors: &mut Vec<FieldError>) {
    let terms_path = format!("{path}.nodeSelectorTerms");
    if selector.node_selector_terms.is_empty() {
        errors.push(FieldError::required(
            terms_path.clone(),
            "must have at least one node selector term",
        ));
    }
    for (index, term) in selector.node_selector_terms.iter().enumerate() {
        node_selector_term(term, true, &format!("{terms_path}[{index}]"), errors);
    }
}

/// `ValidateNodeSelectorTerm`.
fn node_selector_term(
    term: &NodeSelectorTerm,
    check_values: bool,
    path: &str,
    errors: &mut Vec<FieldError>,
) {
    for (index, requirement) in term.match_expressions.iter().enumerate() {
        node_selector_requirement(
            requirement,
            check_values,
            &format!("{path}.matchExpressions[{index}]"),
            errors,
        );
    }
    for (index, requirement) in term.match_fields.iter().enumerate() {
        node_field_requirement(requirement, &format!("{path}.matchFields[{index}]"), errors);
    }
}

/// `ValidateNodeSelectorRequirement`. Validation does not check that a
/// `Gt`/`Lt` value is an integer; matching does.
fn node_selector_requirement(
    requirement: &NodeSelectorRequirement,
    check_values: bool,
    path: &str,
    errors: &mut Vec<FieldError>,
) {
    let values_path = format!("{path}.values");
    match requirement.operator {
        NodeSelectorOperator::In | NodeSelectorOperator::NotIn => {
            if requirement.values.is_empty() {
                errors.push(FieldError::required(
                    values_path.clone(),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                ));
            }
        }
        NodeSelectorOperator::Exists | NodeSelectorOperator::DoesNotExist => {
            if !requirement.values.is_empty() {
                errors.push(FieldError::forbidden(
                    values_path.clone(),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
        }
        NodeSelectorOperator::Gt | NodeSelectorOperator::Lt => {
            if requirement.values.len() != 1 {
                errors.push(FieldError::required(
                    values_path.clone(),
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                ));
            }
        }
        NodeSelectorOperator::Other(ref op) => errors.push(FieldError::invalid(
            format!("{path}.operator"),
            quote(op),
            "not a valid selector operator",
        )),
    }
    label_name(&requirement.key, &format!("{path}.key"), errors);
    if check_values {
        for (index, value) in requirement.values.iter().enumerate() {
            for message in is_valid_label_value(value) {
                errors.push(FieldError::invalid_str(
                    format!("{values_path}[{index}]"),
                    value,
                    message,
                ));
            }
        }
    }
}

/// `ValidateNodeFieldSelectorRequirement`.
fn node_field_requirement(
    requirement: &NodeSelectorRequirement,
    path: &str,
    errors: &mut Vec<FieldError>,
) {
    match requirement.operator {
        NodeSelectorOperator::In | NodeSelectorOperator::NotIn => {
            if requirement.values.len() != 1 {
                errors.push(FieldError::required(
                    format!("{path}.values"),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                ));
            }
        }
        ref op => errors.push(FieldError::invalid(
            format!("{path}.operator"),
            quote(op.as_str()),
            "not a valid selector operator",
        )),
    }
    if requirement.key != NODE_FIELD_NAME {
        errors.push(FieldError::invalid_str(
            format!("{path}.key"),
            &requirement.key,
            "not a valid field selector key",
        ));
    } else {
        for (index, value) in requirement.values.iter().enumerate() {
            for message in is_dns1123_subdomain(value) {
                errors.push(FieldError::invalid_str(
                    format!("{path}.values[{index}]"),
                    value,
                    message,
                ));
            }
        }
    }
}

/// `ValidateTolerations`.
pub(crate) fn tolerations(
    tolerations: &[Toleration],
    path: &str,
    options: &ValidationOptions,
    errors: &mut Vec<FieldError>,
) {
    for (index, toleration) in tolerations.iter().enumerate() {
        let at = format!("{path}[{index}]");
        if !toleration.key.is_empty() {
            label_name(&toleration.key, &format!("{at}.key"), errors);
        }
        if toleration.key.is_empty() && toleration.operator != TolerationOperator::Exists {
            errors.push(FieldError::invalid(
                format!("{at}.operator"),
                quote(toleration.operator.as_str()),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if toleration.toleration_seconds.is_some()
            && toleration.effect != Some(TaintEffect::NoExecute)
        {
            errors.push(FieldError::invalid(
                format!("{at}.effect"),
                quote(toleration.effect.as_ref().map_or("", TaintEffect::as_str)),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match &toleration.operator {
            TolerationOperator::Equal => {
                let messages = is_valid_label_value(&toleration.value);
                if !messages.is_empty() {
                    // Upstream reports a bad value under `.operator`.
                    errors.push(FieldError::invalid_str(
                        format!("{at}.operator"),
                        &toleration.value,
                        messages.join(";"),
                    ));
                }
            }
            TolerationOperator::Exists => {
                if !toleration.value.is_empty() {
                    errors.push(FieldError::invalid(
                        format!("{at}.operator"),
                        quote(&toleration.value),
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            TolerationOperator::Lt | TolerationOperator::Gt
                if options.taint_comparison_operators =>
            {
                if parse_decimal_int64(&toleration.value).is_none() {
                    errors.push(FieldError::invalid_str(
                        format!("{at}.value"),
                        &toleration.value,
                        "value must be a valid integer for numeric comparison operators",
                    ));
                }
            }
            other => {
                let supported: &[&str] = if options.taint_comparison_operators {
                    &["Equal", "Exists", "Gt", "Lt"]
                } else {
                    &["Equal", "Exists"]
                };
                errors.push(FieldError::not_supported(
                    format!("{at}.operator"),
                    other.as_str(),
                    supported,
                ));
            }
        }
        if let Some(effect) = &toleration.effect {
            if !effect.is_known() {
                errors.push(FieldError::not_supported(
                    format!("{at}.effect"),
                    effect.as_str(),
                    &["NoSchedule", "PreferNoSchedule", "NoExecute"],
                ));
            }
        }
    }
}

/// Pod-spec fields that decide placement. The pod spec keeps fields it does
/// not model (it has dozens, and gains more each release), so a misspelling
/// such as `affinty` would otherwise be kept silently and widen placement.
const PLACEMENT_FIELDS: &[&str] = &[
    "affinity",
    "nodeSelector",
    "nodeName",
    "tolerations",
    "hostNetwork",
];

/// Levenshtein distance, ASCII case-insensitive, capped at `limit + 1`.
fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<u8> = a.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()].min(limit + 1)
}

/// Rejects an unmodelled pod-spec field that is within two edits of a
/// placement field (`affinty`, `nodeSelecter`, `toleration`): the API server
/// rejects unknown fields on create, and such a typo must not silently
/// change where the daemon runs.
fn misspelt_placement_fields(
    spec: &crate::model::PodSpec,
    path: &str,
    errors: &mut Vec<FieldError>,
) {
    for key in spec.other.keys() {
        if let Some(intended) = PLACEMENT_FIELDS
            .iter()
            .find(|f| edit_distance(key, f, 2) <= 2)
        {
            errors.push(FieldError {
                field: format!("{path}.{key}"),
                kind: super::field::FieldErrorKind::Invalid,
                value: None,
                detail: format!("unknown field {key:?}; did you mean {intended:?}? (a misspelt placement field would silently change where the daemon runs)"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("affinty", "affinity", 2), 1);
        assert_eq!(edit_distance("nodeSelecter", "nodeSelector", 2), 1);
        assert_eq!(edit_distance("toleration", "tolerations", 2), 1);
        assert_eq!(edit_distance("NodeSelector", "nodeSelector", 2), 0);
        assert_eq!(edit_distance("hostPID", "hostNetwork", 2), 3);
        assert_eq!(edit_distance("volumes", "affinity", 2), 3);
    }
}
