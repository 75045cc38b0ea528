//! Pure matching rules: node affinity, taints and tolerations, and the
//! per-node eligibility of a DaemonSet (`NodeShouldRunDaemonPod`).

mod eligibility;
mod node_affinity;
mod node_table;
mod reason_cache;
mod toleration;

pub use eligibility::{Eligibility, EligibilityOptions, Placement, Reason, ReasonCode};
pub use node_affinity::{CompiledNodeSelector, NODE_FIELD_NAME, RequiredNodeAffinity};
pub use node_table::{NodeTable, TablePlacement};
pub use reason_cache::{ReasonCache, Reasons};
pub use toleration::{
    TAINT_NODE_DISK_PRESSURE, TAINT_NODE_MEMORY_PRESSURE, TAINT_NODE_NETWORK_UNAVAILABLE,
    TAINT_NODE_NOT_READY, TAINT_NODE_PID_PRESSURE, TAINT_NODE_UNREACHABLE,
    TAINT_NODE_UNSCHEDULABLE, daemon_tolerations, find_untolerated_taint,
    tolerations_tolerate_taint, with_daemon_tolerations,
};
