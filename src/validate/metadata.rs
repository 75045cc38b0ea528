//! Object metadata, label maps and label selectors
//! (`ValidateObjectMeta`, `ValidateLabels`, `ValidateLabelSelector`).

use super::content::{
    is_dns1123_label, is_dns1123_subdomain, is_qualified_name, is_valid_label_value,
};
use super::field::{FieldError, quote};
use crate::model::{LabelSelector, LabelSelectorOperator, ObjectMeta, StringMap};

/// Total size limit of annotations (`TotalAnnotationSizeLimitB`).
const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// `ValidateLabelName`: a qualified name.
pub(crate) fn label_name(key: &str, path: &str, errors: &mut Vec<FieldError>) {
    for message in is_qualified_name(key) {
        errors.push(FieldError::invalid_str(path, key, message));
    }
}

/// `ValidateLabels`: every key a qualified name, every value a label value.
/// Upstream reports both under the map's own path.
pub(crate) fn labels(map: &StringMap, path: &str, errors: &mut Vec<FieldError>) {
    for (key, value) in map {
        label_name(key, path, errors);
        for message in is_valid_label_value(value) {
            errors.push(FieldError::invalid_str(path, value, message));
        }
    }
}

/// `ValidateAnnotations`: qualified keys, total size at most 256 KiB.
pub(crate) fn annotations(map: &StringMap, path: &str, errors: &mut Vec<FieldError>) {
    let mut total = 0usize;
    for (key, value) in map {
        for message in is_qualified_name(&key.to_lowercase()) {
            errors.push(FieldError::invalid_str(path, key, message));
        }
        total += key.len() + value.len();
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errors.push(FieldError {
            field: path.to_string(),
            kind: super::field::FieldErrorKind::TooLong,
            value: None,
            detail: format!("may not be more than {TOTAL_ANNOTATION_SIZE_LIMIT} bytes"),
        });
    }
}

/// `ValidateObjectMeta` for a namespaced object whose name must be a DNS
/// subdomain (DaemonSet) or, with `namespaced = false`, a cluster object (Node).
pub(crate) fn object_meta(meta: &ObjectMeta, namespaced: bool, errors: &mut Vec<FieldError>) {
    if meta.name.is_empty() {
        if meta.generate_name.is_empty() {
            errors.push(FieldError::required(
                "metadata.name",
                "name or generateName is required",
            ));
        }
    } else {
        for message in is_dns1123_subdomain(&meta.name) {
            errors.push(FieldError::invalid_str(
                "metadata.name",
                &meta.name,
                message,
            ));
        }
    }
    if namespaced && !meta.namespace.is_empty() {
        for message in is_dns1123_label(&meta.namespace) {
            errors.push(FieldError::invalid_str(
                "metadata.namespace",
                &meta.namespace,
                message,
            ));
        }
    }
    if !namespaced && !meta.namespace.is_empty() {
        errors.push(FieldError::forbidden(
            "metadata.namespace",
            "not allowed on this type",
        ));
    }
    if let Some(generation) = meta.generation {
        if generation < 0 {
            errors.push(FieldError::invalid(
                "metadata.generation",
                generation.to_string(),
                "must be greater than or equal to 0",
            ));
        }
    }
    labels(&meta.labels, "metadata.labels", errors);
    annotations(&meta.annotations, "metadata.annotations", errors);
}

/// `ValidateLabelSelector` (strict: selector values must be label values).
pub(crate) fn label_selector(selector: &LabelSelector, path: &str, errors: &mut Vec<FieldError>) {
    labels(
        &selector.match_labels,
        &format!("{path}.matchLabels"),
        errors,
    );
    for (index, requirement) in selector.match_expressions.iter().enumerate() {
        let at = format!("{path}.matchExpressions[{index}]");
        match requirement.operator {
            LabelSelectorOperator::In | LabelSelectorOperator::NotIn => {
                if requirement.values.is_empty() {
                    errors.push(FieldError::required(
                        format!("{at}.values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    ));
                }
            }
            LabelSelectorOperator::Exists | LabelSelectorOperator::DoesNotExist => {
                if !requirement.values.is_empty() {
                    errors.push(FieldError::forbidden(
                        format!("{at}.values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    ));
                }
            }
            LabelSelectorOperator::Other(ref op) => {
                errors.push(FieldError::invalid(
                    format!("{at}.operator"),
                    quote(op),
                    "not a valid selector operator",
                ));
            }
        }
        label_name(&requirement.key, &format!("{at}.key"), errors);
        for (value_index, value) in requirement.values.iter().enumerate() {
            for message in is_valid_label_value(value) {
                errors.push(FieldError::invalid_str(
                    format!("{at}.values[{value_index}]"),
                    value,
                    message,
                ));
            }
        }
    }
}
