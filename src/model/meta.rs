//! Object metadata shared by every kind: names, labels, owner references,
//! timestamps.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::serde_util::{null_as_default, vec_null_as_default};

pub use super::string_map::StringMap;

/// The namespace Kubernetes assigns to a namespaced object that names none.
pub const DEFAULT_NAMESPACE: &str = "default";

/// `metav1.ObjectMeta`, with the fields the DaemonSet controller reads.
///
/// Other metadata (`resourceVersion`, `managedFields`, ...) is ignored on input.
///
/// ```
/// use daemonset_planner::model::ObjectMeta;
/// let meta = ObjectMeta { name: "n1".into(), ..Default::default() };
/// assert_eq!(meta.namespace_or_default(), "default");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    /// `metadata.name`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    /// `metadata.generateName`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub generate_name: String,
    /// `metadata.namespace`; empty means `default` for namespaced kinds.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub namespace: String,
    /// `metadata.uid`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub uid: String,
    /// `metadata.generation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<i64>,
    /// `metadata.labels`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "StringMap::is_empty"
    )]
    pub labels: StringMap,
    /// `metadata.annotations`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "StringMap::is_empty"
    )]
    pub annotations: StringMap,
    /// `metadata.ownerReferences`.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub owner_references: Vec<OwnerReference>,
    /// `metadata.creationTimestamp`; absent sorts as the earliest instant, as
    /// Go's zero `time.Time` does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Timestamp>,
    /// `metadata.deletionTimestamp`: set once deletion has been requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Timestamp>,
    /// `metadata.finalizers`.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub finalizers: Vec<String>,
}

impl ObjectMeta {
    /// The namespace, or `default` when none is written.
    ///
    /// ```
    /// use daemonset_planner::model::ObjectMeta;
    /// let meta = ObjectMeta { namespace: "kube-system".into(), ..Default::default() };
    /// assert_eq!(meta.namespace_or_default(), "kube-system");
    /// ```
    pub fn namespace_or_default(&self) -> &str {
        if self.namespace.is_empty() {
            DEFAULT_NAMESPACE
        } else {
            &self.namespace
        }
    }

    /// The controller owner reference (`controller: true`), if any
    /// (`metav1.GetControllerOf`).
    ///
    /// ```
    /// use daemonset_planner::model::{ObjectMeta, OwnerReference};
    /// let owner = OwnerReference { kind: "DaemonSet".into(), name: "ds".into(), controller: Some(true), ..Default::default() };
    /// let meta = ObjectMeta { owner_references: vec![owner], ..Default::default() };
    /// assert_eq!(meta.controller_ref().unwrap().name, "ds");
    /// ```
    pub fn controller_ref(&self) -> Option<&OwnerReference> {
        self.owner_references
            .iter()
            .find(|owner| owner.controller == Some(true))
    }
}

/// `metav1.OwnerReference`.
///
/// ```
/// use daemonset_planner::model::OwnerReference;
/// let owner: OwnerReference = serde_json::from_str(
///     r#"{"apiVersion":"apps/v1","kind":"DaemonSet","name":"ds","uid":"u1","controller":true}"#).unwrap();
/// assert_eq!(owner.controller, Some(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerReference {
    /// `apiVersion` of the owner.
    #[serde(default, deserialize_with = "null_as_default")]
    pub api_version: String,
    /// `kind` of the owner.
    #[serde(default, deserialize_with = "null_as_default")]
    pub kind: String,
    /// `name` of the owner.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// `uid` of the owner.
    #[serde(default, deserialize_with = "null_as_default")]
    pub uid: String,
    /// `controller: true` marks the managing controller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    /// `blockOwnerDeletion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}
