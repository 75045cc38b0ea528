//! # daemonset-planner
//!
//! Kubernetes DaemonSet scheduling semantics outside Kubernetes: given a
//! DaemonSet, a node inventory and the DaemonSet's existing pods, what would
//! the upstream DaemonSet controller do in its next sync? Which pods it
//! creates on which nodes, which it keeps, replaces and deletes, the status
//! it writes, and, for every node left out, why.
//!
//! ## The flow
//!
//! ```text
//! YAML/JSON text ──(io)──▶ model objects ──(validate)──▶ compiled rules (scheduling)
//!                                                          │
//! node inventory + daemon pods + now ──────────────────────▶ eligibility per node
//!                                                          │
//!                                        manage ──▶ rolling update ──▶ Plan + status
//! ```
//!
//! Data flows one way: [`model`] is plain data and knows nothing of
//! planning; [`scheduling`] holds the pure matching rules; [`controller`]
//! decides; [`io`] is the only module that parses text. Nothing reads a
//! clock: the caller passes `now`.
//!
//! ## Quick start
//!
//! ```
//! use daemonset_planner::{io::Inventory, plan_inventory, controller::PlanOptions};
//!
//! let yaml = r#"
//! apiVersion: apps/v1
//! kind: DaemonSet
//! metadata: {name: agent, namespace: kube-system}
//! spec:
//!   selector: {matchLabels: {app: agent}}
//!   template:
//!     metadata: {labels: {app: agent}}
//!     spec:
//!       containers: [{name: agent, image: "agent:1.0"}]
//! ---
//! apiVersion: v1
//! kind: Node
//! metadata: {name: worker-1}
//! ---
//! apiVersion: v1
//! kind: Node
//! metadata: {name: gpu-1}
//! spec:
//!   taints: [{key: nvidia.com/gpu, value: present, effect: NoSchedule}]
//! "#;
//! let mut inventory = Inventory::default();
//! inventory.add_text("cluster.yaml", yaml).unwrap();
//! inventory.validate(&Default::default()).unwrap();
//! let now = "2026-01-01T00:00:00Z".parse().unwrap();
//! let plans = plan_inventory(&inventory, &PlanOptions::at(now));
//! assert_eq!(plans[0].create, vec!["worker-1"]);
//! assert_eq!(plans[0].nodes[0].name, "gpu-1");
//! assert_eq!(plans[0].nodes[0].reasons[0].message, "untolerated taint nvidia.com/gpu=present:NoSchedule");
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod controller;
pub mod defaults;
mod error;
pub mod hashing;
pub mod incremental;
pub mod io;
pub mod model;
pub mod report;
pub mod scheduling;
pub mod simulator;
pub mod validate;

pub use controller::{Plan, PlanOptions, plan_daemon_set};
pub use error::{InputError, InputErrors, Location};

/// Plans every DaemonSet of an inventory, ordered by `namespace/name`.
///
/// ```
/// use daemonset_planner::{io::Inventory, plan_inventory, PlanOptions};
/// let inventory = Inventory::default();
/// let plans = plan_inventory(&inventory, &PlanOptions::at(jiff::Timestamp::UNIX_EPOCH));
/// assert!(plans.is_empty());
/// ```
pub fn plan_inventory<'a>(inventory: &'a io::Inventory, options: &PlanOptions) -> Vec<Plan<'a>> {
    plan_inventory_lazily(inventory, options).collect()
}

/// [`plan_inventory`], one plan at a time: a caller that writes each plan
/// out before asking for the next holds one plan in memory, not all.
///
/// ```
/// use daemonset_planner::{io::Inventory, plan_inventory_lazily, PlanOptions};
/// let inventory = Inventory::default();
/// let options = PlanOptions::at(jiff::Timestamp::UNIX_EPOCH);
/// assert_eq!(plan_inventory_lazily(&inventory, &options).count(), 0);
/// ```
pub fn plan_inventory_lazily<'a>(
    inventory: &'a io::Inventory,
    options: &PlanOptions,
) -> impl Iterator<Item = Plan<'a>> + use<'a> {
    let options = *options;
    let mut order: Vec<&model::DaemonSet> = inventory.daemon_sets.iter().collect();
    order.sort_by_key(|ds| ds.key());
    // Intern the nodes once when several DaemonSets share them.
    let nodes = if order.len() > 1 {
        controller::PreparedNodes::with_table(&inventory.nodes)
    } else {
        controller::PreparedNodes::new(&inventory.nodes)
    };
    let pods = controller::PreparedPods::new(&inventory.pods);
    order
        .into_iter()
        .map(move |ds| controller::plan_prepared(ds, &nodes, &pods, &inventory.revisions, &options))
}

/// The README's code blocks, compiled and run as doctests so the quick start
/// stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
