//! What the DaemonSet controller decides: ownership, revisions, `manage`,
//! the rolling update, status, and one sync's [`Plan`].

mod manage;
mod ownership;
mod plan;
mod revision;
mod rolling;
mod state;
mod status;

pub use manage::{Actions, NodeContext, manage, manage_node};
pub use ownership::{Claim, DaemonPods, claim, pod_order, target_node_name};
pub use plan::{
    BURST_REPLICAS, IssuedBy, NodeAction, NodePlan, Plan, PlanOptions, plan_daemon_set,
    plan_prepared,
};
pub use revision::{
    History, RevisionPlan, compute_hash, construct_history, history_to_delete, is_pod_updated,
    revision_hash,
};
pub use rolling::{
    Budget, allows_surge, resolve_budget, rolling_update, surge_count, unavailable_count,
};
pub use state::{PreparedNodes, PreparedPods, SyncState};
pub use status::compute_status;
