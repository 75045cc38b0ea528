//! Label selectors (`metav1.LabelSelector`) and their matching
//! (`metav1.LabelSelectorAsSelector`, `labels.Requirement.Matches`).

use serde::{Deserialize, Serialize};

use super::meta::StringMap;
use super::serde_util::{null_as_default, open_string_enum, vec_null_as_default};

open_string_enum! {
    /// A label selector operator (`metav1.LabelSelectorOperator`).
    pub enum LabelSelectorOperator {
        /// The label's value is one of `values`.
        In => "In",
        /// The label is absent or its value is not one of `values`.
        NotIn => "NotIn",
        /// The label is present.
        Exists => "Exists",
        /// The label is absent.
        DoesNotExist => "DoesNotExist",
    }
}

impl LabelSelectorOperator {
    /// The empty operator (Go's zero value): not a valid operator.
    pub fn empty() -> Self {
        LabelSelectorOperator::Other(String::new())
    }
}

/// One `matchExpressions` entry of a label selector.
///
/// ```
/// use daemonset_planner::model::{LabelSelectorOperator, LabelSelectorRequirement};
/// let r = LabelSelectorRequirement { key: "app".into(), operator: LabelSelectorOperator::Exists, values: vec![] };
/// assert_eq!(r.operator.as_str(), "Exists");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelectorRequirement {
    /// The label key.
    #[serde(default, deserialize_with = "null_as_default")]
    pub key: String,
    /// The operator; a missing one reads as the empty string, which
    /// validation rejects (as upstream).
    #[serde(default = "LabelSelectorOperator::empty")]
    pub operator: LabelSelectorOperator,
    /// The values (`In`/`NotIn` need at least one; `Exists`/`DoesNotExist` none).
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub values: Vec<String>,
}

/// `metav1.LabelSelector`: `matchLabels` and `matchExpressions`, ANDed.
///
/// ```
/// use daemonset_planner::model::LabelSelector;
/// let selector: LabelSelector = serde_json::from_str(r#"{"matchLabels":{"app":"web"}}"#).unwrap();
/// let labels = [("app".to_string(), "web".to_string())].into_iter().collect();
/// assert_eq!(selector.matches(&labels), Ok(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelector {
    /// Equality requirements.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "StringMap::is_empty"
    )]
    pub match_labels: StringMap,
    /// Set-based requirements.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

impl LabelSelector {
    /// True when the selector has no requirement at all; upstream's
    /// `LabelSelectorAsSelector` turns that into "everything".
    ///
    /// ```
    /// use daemonset_planner::model::LabelSelector;
    /// assert!(LabelSelector::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// Does this selector match `labels`? Mirrors `LabelSelectorAsSelector`
    /// followed by `Selector.Matches`: an empty selector matches everything;
    /// an operator upstream does not know is an error (`"X" is not a valid
    /// label selector operator`), as is an `In`/`NotIn` without values or an
    /// `Exists`/`DoesNotExist` with values.
    ///
    /// ```
    /// use daemonset_planner::model::LabelSelector;
    /// let selector: LabelSelector = serde_json::from_str(
    ///     r#"{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["db"]}]}"#).unwrap();
    /// assert_eq!(selector.matches(&Default::default()), Ok(true));
    /// ```
    pub fn matches(&self, labels: &StringMap) -> Result<bool, String> {
        // Upstream converts the whole selector before matching, so a bad
        // expression is an error even when an earlier requirement fails.
        for requirement in &self.match_expressions {
            match requirement.operator {
                LabelSelectorOperator::In | LabelSelectorOperator::NotIn => {
                    if requirement.values.is_empty() {
                        return Err("for 'in', 'notin' operators, values set can't be empty".into());
                    }
                }
                LabelSelectorOperator::Exists | LabelSelectorOperator::DoesNotExist => {
                    if !requirement.values.is_empty() {
                        return Err("values set must be empty for exists and does not exist".into());
                    }
                }
                LabelSelectorOperator::Other(ref op) => {
                    return Err(format!("{op:?} is not a valid label selector operator"));
                }
            }
        }
        let labels_match = self
            .match_labels
            .iter()
            .all(|(key, value)| labels.get(key) == Some(value));
        Ok(labels_match
            && self.match_expressions.iter().all(|requirement| {
                let present = labels.get(&requirement.key);
                match requirement.operator {
                    LabelSelectorOperator::In => {
                        present.is_some_and(|v| requirement.values.iter().any(|x| x == v))
                    }
                    LabelSelectorOperator::NotIn => {
                        present.is_none_or(|v| !requirement.values.iter().any(|x| x == v))
                    }
                    LabelSelectorOperator::Exists => present.is_some(),
                    LabelSelectorOperator::DoesNotExist => present.is_none(),
                    LabelSelectorOperator::Other(_) => false,
                }
            }))
    }
}
