//! `v1.Node`: the labels and taints that decide daemon placement.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::meta::ObjectMeta;
use super::quantity::Quantity;
use super::serde_util::{null_as_default, open_string_enum, vec_null_as_default};

open_string_enum! {
    /// A taint effect (`v1.TaintEffect`). Also used by tolerations, where an
    /// empty effect (modelled as `None`) matches every effect.
    pub enum TaintEffect {
        /// New pods that do not tolerate the taint are not placed.
        NoSchedule => "NoSchedule",
        /// A soft preference; the DaemonSet controller ignores it.
        PreferNoSchedule => "PreferNoSchedule",
        /// New pods are not placed and running ones are evicted.
        NoExecute => "NoExecute",
    }
}

/// `v1.Taint`. `timeAdded` is kept but plays no part in any decision.
///
/// `Display` and `FromStr` use kubectl's `key=value:Effect` spelling (`key:Effect` when the
/// value is empty).
///
/// ```
/// use daemonset_planner::model::{Taint, TaintEffect};
/// let taint: Taint = "nvidia.com/gpu=present:NoSchedule".parse().unwrap();
/// assert_eq!(taint.effect, Some(TaintEffect::NoSchedule));
/// assert_eq!(taint.to_string(), "nvidia.com/gpu=present:NoSchedule");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Taint {
    /// The taint key.
    #[serde(default, deserialize_with = "null_as_default")]
    pub key: String,
    /// The taint value (may be empty).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub value: String,
    /// The effect; `None` when empty (invalid on a Node, ignored by matching).
    #[serde(
        default,
        deserialize_with = "empty_effect_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub effect: Option<TaintEffect>,
    /// `timeAdded` (only meaningful for NoExecute taints; ignored here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<Timestamp>,
}

/// Reads an effect where the empty string means "none" (Go's zero value).
pub(crate) fn empty_effect_as_none<'de, D>(deserializer: D) -> Result<Option<TaintEffect>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let effect: Option<TaintEffect> = Option::deserialize(deserializer)?;
    Ok(effect.filter(|e| e.as_str() != ""))
}

impl Taint {
    /// Builds a taint from its parts.
    ///
    /// ```
    /// use daemonset_planner::model::{Taint, TaintEffect};
    /// let taint = Taint::new("dedicated", "gpu", TaintEffect::NoExecute);
    /// assert_eq!(taint.to_string(), "dedicated=gpu:NoExecute");
    /// ```
    pub fn new(key: impl Into<String>, value: impl Into<String>, effect: TaintEffect) -> Taint {
        Taint {
            key: key.into(),
            value: value.into(),
            effect: Some(effect),
            time_added: None,
        }
    }

    /// The effect's spelling, empty when unset.
    pub fn effect_str(&self) -> &str {
        self.effect.as_ref().map_or("", TaintEffect::as_str)
    }
}

impl fmt::Display for Taint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Mirrors `v1.Taint.ToString`: `key=value:effect`, dropping empty parts.
        f.write_str(&self.key)?;
        if !self.value.is_empty() {
            write!(f, "={}", self.value)?;
        }
        if let Some(effect) = &self.effect {
            write!(f, ":{effect}")?;
        }
        Ok(())
    }
}

/// Why a `key=value:Effect` string is not a taint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid taint spec {spec:?}: {reason}")]
pub struct ParseTaintError {
    /// The text that failed to parse.
    pub spec: String,
    /// What was wrong with it.
    pub reason: &'static str,
}

impl FromStr for Taint {
    type Err = ParseTaintError;

    /// Parses kubectl's taint spelling (`kubectl taint`'s `parseTaint`):
    /// `key=value:Effect`, `key:Effect`, or `key=value` / `key` without effect.
    fn from_str(spec: &str) -> Result<Taint, ParseTaintError> {
        let error = |reason| ParseTaintError {
            spec: spec.to_string(),
            reason,
        };
        let (key_value, effect) = match spec.rsplit_once(':') {
            Some((key_value, effect)) => {
                let effect = TaintEffect::from_text(effect);
                if !effect.is_known() {
                    return Err(error(
                        "effect must be one of NoSchedule, PreferNoSchedule, NoExecute",
                    ));
                }
                (key_value, Some(effect))
            }
            None => (spec, None),
        };
        let (key, value) = key_value.split_once('=').unwrap_or((key_value, ""));
        if key.is_empty() {
            return Err(error("key must not be empty"));
        }
        if value.contains('=') {
            return Err(error("more than one '=' in the key/value part"));
        }
        Ok(Taint {
            key: key.to_string(),
            value: value.to_string(),
            effect,
            time_added: None,
        })
    }
}

/// `v1.NodeSpec`: taints and the cordon flag.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSpec {
    /// `spec.taints`.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub taints: Vec<Taint>,
    /// `spec.unschedulable` (cordoned). The DaemonSet controller ignores it; it
    /// reaches placement only through the `node.kubernetes.io/unschedulable` taint.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub unschedulable: bool,
}

/// One `status.conditions` entry of a Node (informational only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeCondition {
    /// Condition type, e.g. `Ready`.
    #[serde(rename = "type", default, deserialize_with = "null_as_default")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub status: String,
}

/// `v1.NodeStatus`, reduced to what a planner or a person reading a plan needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    /// `status.allocatable` resources.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub allocatable: BTreeMap<String, Quantity>,
    /// `status.conditions`.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub conditions: Vec<NodeCondition>,
}

/// `v1.Node`.
///
/// ```
/// use daemonset_planner::model::Node;
/// let node: Node = serde_json::from_str(r#"{
///   "metadata": {"name": "n1", "labels": {"kubernetes.io/os": "linux"}},
///   "spec": {"taints": [{"key": "k", "value": "v", "effect": "NoSchedule"}]}
/// }"#).unwrap();
/// assert_eq!(node.name(), "n1");
/// assert_eq!(node.spec.taints[0].to_string(), "k=v:NoSchedule");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    /// `metadata`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: ObjectMeta,
    /// `spec`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub spec: NodeSpec,
    /// `status`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub status: NodeStatus,
}

impl Node {
    /// Builds a node with a name, labels and taints.
    ///
    /// ```
    /// use daemonset_planner::model::{Node, Taint, TaintEffect};
    /// let node = Node::new("gpu-1", [("gpu", "true")], vec![Taint::new("nvidia.com/gpu", "", TaintEffect::NoSchedule)]);
    /// assert_eq!(node.metadata.labels.get("gpu"), Some("true"));
    /// ```
    pub fn new<'a>(
        name: impl Into<String>,
        labels: impl IntoIterator<Item = (&'a str, &'a str)>,
        taints: Vec<Taint>,
    ) -> Node {
        Node {
            metadata: ObjectMeta {
                name: name.into(),
                labels: labels
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                ..ObjectMeta::default()
            },
            spec: NodeSpec {
                taints,
                unschedulable: false,
            },
            status: NodeStatus::default(),
        }
    }

    /// `metadata.name`.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
}
