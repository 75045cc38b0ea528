//! `apps/v1` ControllerRevision: a stored snapshot of a DaemonSet's template.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::meta::ObjectMeta;
use super::serde_util::null_as_default;

/// `apps/v1` ControllerRevision.
///
/// ```
/// use daemonset_planner::model::ControllerRevision;
/// let rev: ControllerRevision = serde_json::from_str(
///     r#"{"metadata":{"name":"ds-5d4f","labels":{"controller-revision-hash":"5d4f"}},"revision":2}"#).unwrap();
/// assert_eq!(rev.revision, 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerRevision {
    /// `metadata`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: ObjectMeta,
    /// `data`: for a DaemonSet, `{"spec":{"template":{...,"$patch":"replace"}}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// `revision`, ≥ 0.
    #[serde(default, deserialize_with = "null_as_default")]
    pub revision: i64,
}
