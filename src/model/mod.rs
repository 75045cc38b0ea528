//! Plain data: the Kubernetes objects the planner reads, with serde derives
//! that use Kubernetes field names. The model knows nothing of planning.

mod controller_revision;
mod daemon_set;
mod int_or_percent;
mod labels;
mod meta;
mod node;
mod pod;
pub mod quantity;
pub(crate) mod serde_util;
mod string_map;

pub use controller_revision::ControllerRevision;
pub use daemon_set::{
    CONTROLLER_REVISION_HASH_LABEL, DaemonSet, DaemonSetSpec, DaemonSetStatus,
    DaemonSetUpdateStrategy, POD_TEMPLATE_GENERATION_LABEL, RollingUpdateDaemonSet,
    TEMPLATE_GENERATION_ANNOTATION, UpdateStrategyType,
};
pub use int_or_percent::IntOrPercent;
pub use labels::{LabelSelector, LabelSelectorOperator, LabelSelectorRequirement};
pub use meta::{DEFAULT_NAMESPACE, ObjectMeta, OwnerReference, StringMap};
pub use node::{Node, NodeCondition, NodeSpec, NodeStatus, ParseTaintError, Taint, TaintEffect};
pub use pod::{
    Affinity, Container, ContainerPort, NodeAffinity, NodeSelector, NodeSelectorOperator,
    NodeSelectorRequirement, NodeSelectorTerm, Pod, PodCondition, PodPhase, PodSpec, PodStatus,
    PodTemplateSpec, PreferredSchedulingTerm, ResourceRequirements, Toleration, TolerationOperator,
};
pub use quantity::Quantity;
pub use string_map::Iter as StringMapIter;
