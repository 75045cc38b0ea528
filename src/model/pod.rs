//! `v1.Pod` and `v1.PodSpec`: the observed daemon pods and the DaemonSet's
//! pod template, with the scheduling structures (node affinity, tolerations).

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::meta::{ObjectMeta, StringMap};
use super::node::{TaintEffect, empty_effect_as_none};
use super::quantity::Quantity;
use super::serde_util::{null_as_default, open_string_enum, vec_null_as_default};

open_string_enum! {
    /// A node selector operator (`v1.NodeSelectorOperator`).
    pub enum NodeSelectorOperator {
        /// The label's value is one of `values`.
        In => "In",
        /// The label is absent or its value is not one of `values`.
        NotIn => "NotIn",
        /// The label is present.
        Exists => "Exists",
        /// The label is absent.
        DoesNotExist => "DoesNotExist",
        /// The label's value, read as an integer, is greater than the single value.
        Gt => "Gt",
        /// The label's value, read as an integer, is less than the single value.
        Lt => "Lt",
    }
}

open_string_enum! {
    /// A toleration operator (`v1.TolerationOperator`). An empty operator
    /// reads as `Equal`, as the API server and `ToleratesTaint` treat it.
    pub enum TolerationOperator {
        /// The taint's value must equal the toleration's value.
        Equal => "Equal",
        /// Any value of the taint's key.
        Exists => "Exists",
        /// Alpha (`TaintTolerationComparisonOperators`): taint value < toleration value.
        Lt => "Lt",
        /// Alpha (`TaintTolerationComparisonOperators`): taint value > toleration value.
        Gt => "Gt",
    }
}

// The enum comes from a macro that cannot mark a `#[default]` variant.
#[allow(clippy::derivable_impls)]
impl Default for TolerationOperator {
    fn default() -> Self {
        TolerationOperator::Equal
    }
}

open_string_enum! {
    /// A pod phase (`v1.PodPhase`).
    pub enum PodPhase {
        /// Accepted, not all containers running yet.
        Pending => "Pending",
        /// Bound and at least one container running.
        Running => "Running",
        /// All containers terminated successfully.
        Succeeded => "Succeeded",
        /// All containers terminated, at least one in failure.
        Failed => "Failed",
        /// State could not be obtained.
        Unknown => "Unknown",
    }
}

/// One node selector requirement (`v1.NodeSelectorRequirement`), used both
/// for `matchExpressions` (labels) and `matchFields` (`metadata.name`).
///
/// ```
/// use daemonset_planner::model::{NodeSelectorOperator, NodeSelectorRequirement};
/// let r = NodeSelectorRequirement::new("disk", NodeSelectorOperator::In, ["ssd"]);
/// assert_eq!(r.values, vec!["ssd".to_string()]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelectorRequirement {
    /// Label key (or field name for `matchFields`).
    #[serde(default, deserialize_with = "null_as_default")]
    pub key: String,
    /// The operator; a missing one reads as the empty string, which
    /// validation rejects and matching treats as unknown (as upstream).
    #[serde(default = "NodeSelectorOperator::empty")]
    pub operator: NodeSelectorOperator,
    /// The values.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub values: Vec<String>,
}

impl NodeSelectorOperator {
    /// The empty operator (Go's zero value): not a valid operator.
    pub fn empty() -> Self {
        NodeSelectorOperator::Other(String::new())
    }
}

impl NodeSelectorRequirement {
    /// Builds a requirement.
    pub fn new<'a>(
        key: impl Into<String>,
        operator: NodeSelectorOperator,
        values: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        NodeSelectorRequirement {
            key: key.into(),
            operator,
            values: values.into_iter().map(str::to_string).collect(),
        }
    }
}

/// One node selector term: all its expressions and fields must hold.
///
/// ```
/// use daemonset_planner::model::NodeSelectorTerm;
/// assert!(NodeSelectorTerm::default().is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelectorTerm {
    /// Requirements on node labels.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub match_expressions: Vec<NodeSelectorRequirement>,
    /// Requirements on node fields (only `metadata.name`).
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub match_fields: Vec<NodeSelectorRequirement>,
}

impl NodeSelectorTerm {
    /// A term with neither expressions nor fields; upstream drops such terms
    /// ("nil or empty term matches no objects").
    pub fn is_empty(&self) -> bool {
        self.match_expressions.is_empty() && self.match_fields.is_empty()
    }
}

/// `v1.NodeSelector`: terms ORed together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeSelector {
    /// The terms.
    #[serde(default, deserialize_with = "vec_null_as_default")]
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

/// `v1.PreferredSchedulingTerm` (irrelevant to the DaemonSet controller; validated).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreferredSchedulingTerm {
    /// Weight, 1..=100.
    #[serde(default, deserialize_with = "null_as_default")]
    pub weight: i32,
    /// The preference.
    #[serde(default, deserialize_with = "null_as_default")]
    pub preference: NodeSelectorTerm,
}

/// `v1.NodeAffinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeAffinity {
    /// The hard requirement that decides placement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_during_scheduling_ignored_during_execution: Option<NodeSelector>,
    /// Soft preferences.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub preferred_during_scheduling_ignored_during_execution: Vec<PreferredSchedulingTerm>,
}

/// `v1.Affinity`. Pod (anti-)affinity is kept verbatim: the DaemonSet
/// controller does not consult it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Affinity {
    /// Node affinity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<NodeAffinity>,
    /// Pod affinity, kept as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_affinity: Option<Value>,
    /// Pod anti-affinity, kept as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_anti_affinity: Option<Value>,
}

impl Affinity {
    /// The required node selector, if `affinity.nodeAffinity.required...` is set.
    pub fn required_node_selector(&self) -> Option<&NodeSelector> {
        self.node_affinity
            .as_ref()?
            .required_during_scheduling_ignored_during_execution
            .as_ref()
    }
}

/// `v1.Toleration`.
///
/// ```
/// use daemonset_planner::model::{Toleration, TolerationOperator};
/// let t: Toleration = serde_json::from_str(r#"{"operator":"Exists"}"#).unwrap();
/// assert_eq!(t.operator, TolerationOperator::Exists);
/// assert!(t.key.is_empty() && t.effect.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Toleration {
    /// Taint key to match; empty matches every key (requires `Exists`).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub key: String,
    /// The operator; empty reads as `Equal`.
    #[serde(default, deserialize_with = "empty_operator_as_equal")]
    pub operator: TolerationOperator,
    /// The value to compare with `Equal` (and the alpha `Lt`/`Gt`).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub value: String,
    /// Effect to match; `None` (empty) matches every effect.
    #[serde(
        default,
        deserialize_with = "empty_effect_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub effect: Option<TaintEffect>,
    /// How long a NoExecute taint is tolerated; plays no part in matching.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toleration_seconds: Option<i64>,
}

fn empty_operator_as_equal<'de, D>(deserializer: D) -> Result<TolerationOperator, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let operator: Option<TolerationOperator> = Option::deserialize(deserializer)?;
    Ok(match operator {
        Some(op) if op.as_str() != "" => op,
        _ => TolerationOperator::Equal,
    })
}

/// One `ports` entry of a container.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPort {
    /// Port name.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    /// `containerPort`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub container_port: i32,
    /// `hostPort`; 0 or absent means none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_port: Option<i32>,
    /// `hostIP`; empty means all addresses.
    #[serde(
        rename = "hostIP",
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub host_ip: String,
    /// `protocol`; empty means `TCP`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub protocol: String,
}

/// `v1.ResourceRequirements`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRequirements {
    /// `limits`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub limits: BTreeMap<String, Quantity>,
    /// `requests`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub requests: BTreeMap<String, Quantity>,
    /// Every other field (`claims`, ...), kept as written.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `v1.Container`: the fields validation and the hash look at; everything
/// else is kept verbatim in `other` so no field is silently dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    /// Container name (DNS-1123 label).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Image reference.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub image: String,
    /// Ports.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ports: Vec<ContainerPort>,
    /// Resources.
    #[serde(default, deserialize_with = "null_as_default")]
    pub resources: ResourceRequirements,
    /// `restartPolicy` of an init container (`Always` marks a sidecar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<String>,
    /// Every other field, kept as written.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `v1.PodSpec`: the placement fields are typed; everything else is kept
/// verbatim in `other` (it feeds the template hash).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    /// `nodeName`: binds the pod (or, in a template, pins the DaemonSet) to one node.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub node_name: String,
    /// `nodeSelector`: labels a node must carry with exactly these values.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "StringMap::is_empty"
    )]
    pub node_selector: StringMap,
    /// `affinity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Affinity>,
    /// `tolerations`.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub tolerations: Vec<Toleration>,
    /// `hostNetwork`: adds the `network-unavailable` daemon toleration.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub host_network: bool,
    /// `containers`.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub containers: Vec<Container>,
    /// `initContainers`.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub init_containers: Vec<Container>,
    /// `ephemeralContainers` (forbidden in templates).
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ephemeral_containers: Vec<Value>,
    /// `restartPolicy`; defaulted to `Always`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub restart_policy: String,
    /// `activeDeadlineSeconds` (forbidden in DaemonSet templates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    /// `overhead`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub overhead: BTreeMap<String, Quantity>,
    /// Pod-level `resources`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourceRequirements>,
    /// Every other field, kept as written.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl PodSpec {
    /// The required node selector, if the affinity sets one.
    pub fn required_node_selector(&self) -> Option<&NodeSelector> {
        self.affinity.as_ref()?.required_node_selector()
    }
}

/// `v1.PodTemplateSpec`: the DaemonSet's pod template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplateSpec {
    /// Template metadata (labels, annotations).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: ObjectMeta,
    /// Template spec.
    #[serde(default, deserialize_with = "null_as_default")]
    pub spec: PodSpec,
}

/// One pod condition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodCondition {
    /// Condition type; `Ready` is the one that counts.
    #[serde(rename = "type", default, deserialize_with = "null_as_default")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub status: String,
    /// When the status last changed; decides availability with `minReadySeconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Timestamp>,
}

/// `v1.PodStatus`: phase and conditions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    /// `phase`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<PodPhase>,
    /// `conditions`.
    #[serde(
        default,
        deserialize_with = "vec_null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub conditions: Vec<PodCondition>,
}

/// `v1.Pod`: an observed (daemon) pod.
///
/// ```
/// use daemonset_planner::model::Pod;
/// let pod: Pod = serde_json::from_str(r#"{
///   "metadata": {"name": "ds-abcde", "namespace": "default"},
///   "spec": {"nodeName": "n1"},
///   "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}
/// }"#).unwrap();
/// assert!(pod.is_ready());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    /// `metadata`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: ObjectMeta,
    /// `spec`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub spec: PodSpec,
    /// `status`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub status: PodStatus,
}

impl Pod {
    /// `metadata.name`.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// The first `Ready` condition (`podutil.GetPodReadyCondition`).
    pub fn ready_condition(&self) -> Option<&PodCondition> {
        self.status.conditions.iter().find(|c| c.type_ == "Ready")
    }

    /// `podutil.IsPodReady`: a `Ready` condition with status `True`; the phase
    /// is not consulted.
    pub fn is_ready(&self) -> bool {
        self.ready_condition().is_some_and(|c| c.status == "True")
    }

    /// `podutil.IsPodAvailable`: ready, and ready for at least
    /// `min_ready_seconds` at `now` (`lastTransitionTime + minReadySeconds <= now`;
    /// a missing transition time is never available when `minReadySeconds > 0`).
    ///
    /// ```
    /// use daemonset_planner::model::Pod;
    /// let pod: Pod = serde_json::from_str(r#"{"status": {"conditions": [
    ///   {"type": "Ready", "status": "True", "lastTransitionTime": "2026-01-01T00:00:00Z"}]}}"#).unwrap();
    /// let now: jiff::Timestamp = "2026-01-01T00:00:10Z".parse().unwrap();
    /// assert!(pod.is_available(10, now));
    /// assert!(!pod.is_available(11, now));
    /// ```
    pub fn is_available(&self, min_ready_seconds: i32, now: Timestamp) -> bool {
        let Some(condition) = self.ready_condition() else {
            return false;
        };
        if condition.status != "True" {
            return false;
        }
        if min_ready_seconds == 0 {
            return true;
        }
        condition.last_transition_time.is_some_and(|t| {
            let ready_at = t.as_nanosecond() + i128::from(min_ready_seconds) * 1_000_000_000;
            ready_at <= now.as_nanosecond()
        })
    }

    /// Whether the phase is `Failed` or `Succeeded` (`podutil.IsPodTerminal`).
    pub fn is_terminal(&self) -> bool {
        matches!(
            self.status.phase,
            Some(PodPhase::Failed) | Some(PodPhase::Succeeded)
        )
    }
}
