//! `apps/v1` DaemonSet: selector, pod template, update strategy, status.

use serde::{Deserialize, Serialize};

use super::int_or_percent::IntOrPercent;
use super::labels::LabelSelector;
use super::meta::ObjectMeta;
use super::pod::PodTemplateSpec;
use super::serde_util::{null_as_default, open_string_enum};

/// Annotation the API server writes on every `apps/v1` DaemonSet: the decimal
/// template generation (`deprecated.daemonset.template.generation`).
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";
/// Pod and ControllerRevision label holding the template hash.
pub const CONTROLLER_REVISION_HASH_LABEL: &str = "controller-revision-hash";
/// Pod label holding the template generation the pod was created from.
pub const POD_TEMPLATE_GENERATION_LABEL: &str = "pod-template-generation";

open_string_enum! {
    /// `spec.updateStrategy.type`.
    pub enum UpdateStrategyType {
        /// Replace old pods automatically, within the rolling-update budget.
        RollingUpdate => "RollingUpdate",
        /// Replace old pods only after someone deletes them.
        OnDelete => "OnDelete",
    }
}

/// `spec.updateStrategy.rollingUpdate`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollingUpdateDaemonSet {
    /// How many desired nodes may be without an available pod (defaulted to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrPercent>,
    /// How many nodes may run an extra new pod next to the old one (defaulted to 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrPercent>,
}

/// `spec.updateStrategy`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DaemonSetUpdateStrategy {
    /// The strategy type; `None` before defaulting.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<UpdateStrategyType>,
    /// Rolling-update parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateDaemonSet>,
}

/// `spec` of a DaemonSet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetSpec {
    /// Which pods belong to the DaemonSet. Required; must match the template labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    /// The pod template.
    #[serde(default, deserialize_with = "null_as_default")]
    pub template: PodTemplateSpec,
    /// The update strategy.
    #[serde(default, deserialize_with = "null_as_default")]
    pub update_strategy: DaemonSetUpdateStrategy,
    /// Seconds a pod must be ready before it counts as available.
    #[serde(default, deserialize_with = "null_as_default")]
    pub min_ready_seconds: i32,
    /// Old ControllerRevisions to keep (defaulted to 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
}

/// `status` of a DaemonSet, as the controller writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetStatus {
    /// Nodes that should run the daemon pod.
    #[serde(default, deserialize_with = "null_as_default")]
    pub desired_number_scheduled: i64,
    /// Nodes that should run the pod and run at least one.
    #[serde(default, deserialize_with = "null_as_default")]
    pub current_number_scheduled: i64,
    /// Nodes that run the pod but should not.
    #[serde(default, deserialize_with = "null_as_default")]
    pub number_misscheduled: i64,
    /// Desired nodes whose (oldest) pod is ready.
    #[serde(default, deserialize_with = "null_as_default")]
    pub number_ready: i64,
    /// Desired nodes whose (oldest) pod is available.
    #[serde(default, deserialize_with = "null_as_default")]
    pub number_available: i64,
    /// Desired nodes whose (oldest) pod runs the current template.
    #[serde(default, deserialize_with = "null_as_default")]
    pub updated_number_scheduled: i64,
    /// `desiredNumberScheduled - numberAvailable`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub number_unavailable: i64,
    /// The generation this status describes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_generation: Option<i64>,
    /// Hash-collision counter; part of the template hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i32>,
}

/// `apps/v1` DaemonSet.
///
/// ```
/// use daemonset_planner::model::DaemonSet;
/// let ds: DaemonSet = serde_json::from_str(r#"{
///   "metadata": {"name": "agent", "namespace": "kube-system"},
///   "spec": {"selector": {"matchLabels": {"app": "agent"}},
///            "template": {"metadata": {"labels": {"app": "agent"}},
///                         "spec": {"containers": [{"name": "a", "image": "busybox"}]}}}
/// }"#).unwrap();
/// assert_eq!(ds.key(), "kube-system/agent");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSet {
    /// `metadata`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: ObjectMeta,
    /// `spec`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub spec: DaemonSetSpec,
    /// `status`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub status: DaemonSetStatus,
}

impl DaemonSet {
    /// `namespace/name`, the key plans are sorted by.
    pub fn key(&self) -> String {
        format!(
            "{}/{}",
            self.metadata.namespace_or_default(),
            self.metadata.name
        )
    }

    /// `util.GetTemplateGeneration`: the generation annotation parsed as an
    /// int64; absent or unparsable reads as "no generation" (the controller
    /// swallows the parse error).
    ///
    /// ```
    /// use daemonset_planner::model::DaemonSet;
    /// let mut ds = DaemonSet::default();
    /// ds.metadata.annotations.insert("deprecated.daemonset.template.generation".into(), "3".into());
    /// assert_eq!(ds.template_generation(), Some(3));
    /// ```
    pub fn template_generation(&self) -> Option<i64> {
        self.metadata
            .annotations
            .get(TEMPLATE_GENERATION_ANNOTATION)
            .and_then(crate::validate::content::parse_go_int64)
    }

    /// The strategy type after defaulting (`RollingUpdate` when unset).
    pub fn strategy_type(&self) -> UpdateStrategyType {
        self.spec
            .update_strategy
            .type_
            .clone()
            .unwrap_or(UpdateStrategyType::RollingUpdate)
    }
}
