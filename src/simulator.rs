//! A rollout simulator: applies each plan to a simulated world and plans
//! again, until the DaemonSet converges or stops making progress.
//!
//! The world is deterministic and pure: created pods appear bound to their
//! node and `Pending`, become `Running` and `Ready` after
//! [`SimulationConfig::ready_after`] (unless told never to), deleted pods get
//! a `deletionTimestamp` and vanish after [`SimulationConfig::deletion_grace`]
//! (unless stuck). Time advances by [`SimulationConfig::sync_interval`] per
//! step; nothing reads a clock and nothing runs in parallel.

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::controller::{PlanOptions, PreparedNodes, PreparedPods, plan_prepared};
use crate::hashing::FastMap;
use crate::model::{
    CONTROLLER_REVISION_HASH_LABEL, ControllerRevision, DaemonSet, DaemonSetStatus, Node,
    OwnerReference, POD_TEMPLATE_GENERATION_LABEL, Pod, PodCondition, PodPhase,
};

/// How the simulated world behaves.
///
/// ```
/// use daemonset_planner::simulator::SimulationConfig;
/// let config = SimulationConfig::starting_at("2026-01-01T00:00:00Z".parse().unwrap());
/// assert_eq!(config.ready_after.as_secs(), 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimulationConfig {
    /// Simulated time of the first sync.
    pub start: Timestamp,
    /// Time between two syncs.
    pub sync_interval: SignedDuration,
    /// How long a created pod takes to become Ready once it can start.
    pub ready_after: SignedDuration,
    /// How long a deleted pod takes to vanish.
    pub deletion_grace: SignedDuration,
    /// Nodes where new pods never become Ready (crash-looping image, bad config).
    pub never_ready_nodes: BTreeSet<String>,
    /// Nodes where deleted pods never vanish (a NotReady kubelet cannot
    /// confirm the deletion; upstream issue 63465).
    pub stuck_terminating_nodes: BTreeSet<String>,
    /// Whether a new pod waits while another live pod on its node holds the
    /// same host port (what the kubelet does; upstream issue 106417).
    pub host_port_conflicts: bool,
    /// Syncs after which the simulation stops regardless.
    pub max_steps: usize,
    /// Planning options other than `now` (feature gates, burst cap).
    pub plan: PlanOptions,
}

impl SimulationConfig {
    /// Defaults: a sync every 5 s, pods ready 10 s after they can start,
    /// deletions done after 30 s, host-port conflicts on, at most 10 000 syncs.
    pub fn starting_at(start: Timestamp) -> SimulationConfig {
        SimulationConfig {
            start,
            sync_interval: SignedDuration::from_secs(5),
            ready_after: SignedDuration::from_secs(10),
            deletion_grace: SignedDuration::from_secs(30),
            never_ready_nodes: BTreeSet::new(),
            stuck_terminating_nodes: BTreeSet::new(),
            host_port_conflicts: true,
            max_steps: 10_000,
            plan: PlanOptions::at(start),
        }
    }
}

/// One sync of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// 0-based sync number.
    pub step: usize,
    /// Simulated time of the sync.
    pub time: Timestamp,
    /// Nodes that got a new pod.
    pub create: Vec<String>,
    /// Pods deleted.
    pub delete: Vec<String>,
    /// The status the controller wrote (for the state it observed).
    pub status: DaemonSetStatus,
    /// Upstream's sync error, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// How the simulation ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "result")]
pub enum Outcome {
    /// Every node that should run a pod runs exactly one updated, available
    /// pod, no pod runs elsewhere and nothing is terminating.
    Converged {
        /// Syncs it took.
        steps: usize,
        /// Simulated time at convergence.
        at: Timestamp,
    },
    /// The controller issues nothing more and the world will not change:
    /// the rollout cannot finish.
    Stalled {
        /// The sync at which it was detected.
        step: usize,
        /// Why, in words a person can act on.
        reasons: Vec<String>,
    },
    /// `max_steps` syncs ran without convergence.
    StepLimit {
        /// Syncs run.
        steps: usize,
    },
}

/// The timeline and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Simulation {
    /// `namespace/name` of the DaemonSet.
    pub daemon_set: String,
    /// Every sync that issued something, or the last one.
    pub timeline: Vec<Step>,
    /// How it ended.
    pub outcome: Outcome,
    /// The simulated pods at the end (not part of the JSON output).
    #[serde(skip)]
    pub pods: Vec<Pod>,
}

#[derive(Debug, Clone)]
struct SimPod {
    pod: Pod,
    /// When it could start (no conflict); readiness follows `ready_after` later.
    started: Option<Timestamp>,
    /// Whether this pod was created by the simulation (starts Pending).
    simulated: bool,
}

fn host_ports(pod: &Pod, template: &DaemonSet) -> Vec<(String, i32)> {
    let _ = template;
    pod.spec
        .containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .filter_map(|p| {
            let port = p.host_port.filter(|h| *h > 0)?;
            let protocol = if p.protocol.is_empty() {
                "TCP"
            } else {
                &p.protocol
            };
            Some((protocol.to_string(), port))
        })
        .collect()
}

/// Runs the rollout of `ds` over the inventory until it converges, stalls or
/// reaches `max_steps`.
///
/// ```
/// use daemonset_planner::model::{DaemonSet, Node};
/// use daemonset_planner::simulator::{simulate, Outcome, SimulationConfig};
/// let ds: DaemonSet = serde_json::from_str(r#"{
///   "metadata": {"name": "agent", "namespace": "default", "uid": "u1"},
///   "spec": {"selector": {"matchLabels": {"app": "agent"}},
///            "template": {"metadata": {"labels": {"app": "agent"}},
///                         "spec": {"containers": [{"name": "a", "image": "agent:2"}]}}}
/// }"#).unwrap();
/// let nodes = vec![Node::new("n1", [], vec![]), Node::new("n2", [], vec![])];
/// let config = SimulationConfig::starting_at("2026-01-01T00:00:00Z".parse().unwrap());
/// let run = simulate(&ds, &nodes, &[], &[], &config);
/// assert!(matches!(run.outcome, Outcome::Converged { .. }));
/// assert_eq!(run.timeline[0].create, vec!["n1", "n2"]);
/// ```
pub fn simulate(
    ds: &DaemonSet,
    nodes: &[Node],
    pods: &[Pod],
    revisions: &[ControllerRevision],
    config: &SimulationConfig,
) -> Simulation {
    let mut world: Vec<SimPod> = pods
        .iter()
        .map(|pod| SimPod {
            pod: pod.clone(),
            started: None,
            simulated: false,
        })
        .collect();
    let mut timeline = Vec::new();
    let mut counter = 0usize;
    let mut revisions = revisions.to_vec();
    let mut quiet_steps = 0usize;
    // The nodes never change during a simulation: intern them once.
    let prepared = PreparedNodes::with_table(nodes);
    for step in 0..config.max_steps {
        let elapsed = i32::try_from(step)
            .ok()
            .and_then(|n| config.sync_interval.checked_mul(n))
            .unwrap_or(SignedDuration::MAX);
        let now = later(config.start, elapsed);
        advance(&mut world, ds, config, now);
        let options = PlanOptions { now, ..config.plan };
        // The plan borrows the world's pods; what is applied below is copied
        // out of it first.
        let plan = plan_prepared(
            ds,
            &prepared,
            &PreparedPods::from_refs(world.iter().map(|p| &p.pod)),
            &revisions,
            &options,
        );
        // The controller writes its ControllerRevision on the first sync; keep
        // it so later syncs see the same current hash.
        if let Some(name) = &plan.revisions.create {
            revisions.push(snapshot_revision(
                ds,
                name,
                &plan.revision,
                plan.revisions.current_revision,
            ));
        }
        let acted = !plan.create.is_empty() || !plan.delete.is_empty();
        let record = Step {
            step,
            time: now,
            create: plan.create.iter().map(|name| name.to_string()).collect(),
            delete: plan.delete.iter().map(|name| name.to_string()).collect(),
            status: plan.status.clone(),
            error: plan.error.clone(),
        };
        if acted || plan.error.is_some() {
            timeline.push(record.clone());
        }
        if !acted && plan.error.is_none() && converged(&plan, &world) {
            if timeline.last() != Some(&record) {
                timeline.push(record);
            }
            let daemon_set = plan.daemon_set.clone();
            drop(plan);
            return Simulation {
                daemon_set,
                timeline,
                outcome: Outcome::Converged {
                    steps: step,
                    at: now,
                },
                pods: world.into_iter().map(|p| p.pod).collect(),
            };
        }
        if !acted && !world_will_change(&world, ds, config, now) {
            quiet_steps += 1;
            // One extra quiet sync lets minReadySeconds-style waits pass.
            if quiet_steps > 1 {
                if timeline.last() != Some(&record) {
                    timeline.push(record);
                }
                let reasons = stall_reasons(ds, &plan, &world, config);
                let daemon_set = plan.daemon_set.clone();
                drop(plan);
                return Simulation {
                    daemon_set,
                    timeline,
                    outcome: Outcome::Stalled { step, reasons },
                    pods: world.into_iter().map(|p| p.pod).collect(),
                };
            }
        } else {
            quiet_steps = 0;
        }
        // Apply the plan: adoption and release first (ClaimPods runs before manage).
        let owned = |names: &[std::borrow::Cow<'_, str>]| -> Vec<String> {
            names.iter().map(|name| name.to_string()).collect()
        };
        let (adopt, release, create) = (
            owned(&plan.adopt),
            owned(&plan.release),
            owned(&plan.create),
        );
        // A deletion names a pod; it marks the first pod of that name.
        let mut deleted: Vec<usize> = Vec::new();
        if !plan.delete.is_empty() {
            let mut first_named: FastMap<&str, usize> = FastMap::default();
            for (index, entry) in world.iter().enumerate() {
                first_named
                    .entry(entry.pod.metadata.name.as_str())
                    .or_insert(index);
            }
            deleted.extend(
                plan.delete
                    .iter()
                    .filter_map(|name| first_named.get(&**name)),
            );
        }
        let revision = plan.revision.clone();
        drop(plan);
        for entry in world.iter_mut() {
            let name = entry.pod.metadata.name.as_str();
            if adopt.binary_search_by(|n| n.as_str().cmp(name)).is_ok() {
                entry.pod.metadata.owner_references.push(owner(ds));
            } else if release.binary_search_by(|n| n.as_str().cmp(name)).is_ok() {
                entry
                    .pod
                    .metadata
                    .owner_references
                    .retain(|o| o.controller != Some(true));
            }
        }
        for index in deleted {
            world[index]
                .pod
                .metadata
                .deletion_timestamp
                .get_or_insert(now);
        }
        for node in &create {
            counter += 1;
            world.push(SimPod {
                pod: new_pod(ds, node, &revision, counter, now),
                started: None,
                simulated: true,
            });
        }
    }
    let daemon_set = ds.key();
    Simulation {
        daemon_set,
        timeline,
        outcome: Outcome::StepLimit {
            steps: config.max_steps,
        },
        pods: world.into_iter().map(|p| p.pod).collect(),
    }
}

fn snapshot_revision(ds: &DaemonSet, name: &str, hash: &str, revision: i64) -> ControllerRevision {
    let mut history = ControllerRevision::default();
    history.metadata.name = name.to_string();
    history.metadata.namespace = ds.metadata.namespace_or_default().to_string();
    history.metadata.labels = ds.spec.template.metadata.labels.clone();
    history
        .metadata
        .labels
        .insert(CONTROLLER_REVISION_HASH_LABEL.to_string(), hash.to_string());
    history.metadata.owner_references.push(owner(ds));
    let template = serde_json::to_value(&ds.spec.template).unwrap_or_default();
    history.data = Some(serde_json::json!({ "spec": { "template": template } }));
    history.revision = revision;
    history
}

fn owner(ds: &DaemonSet) -> OwnerReference {
    OwnerReference {
        api_version: "apps/v1".to_string(),
        kind: "DaemonSet".to_string(),
        name: ds.metadata.name.clone(),
        uid: ds.metadata.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The pod `syncNodes` creates (C1), bound to its node as the scheduler would.
fn new_pod(ds: &DaemonSet, node: &str, hash: &str, counter: usize, now: Timestamp) -> Pod {
    let mut pod = Pod::default();
    pod.metadata.name = format!("{}-{counter:05}", ds.metadata.name);
    pod.metadata.namespace = ds.metadata.namespace_or_default().to_string();
    pod.metadata.labels = ds.spec.template.metadata.labels.clone();
    pod.metadata
        .labels
        .insert(CONTROLLER_REVISION_HASH_LABEL.to_string(), hash.to_string());
    if let Some(generation) = ds.template_generation() {
        pod.metadata.labels.insert(
            POD_TEMPLATE_GENERATION_LABEL.to_string(),
            generation.to_string(),
        );
    }
    pod.metadata.owner_references.push(owner(ds));
    pod.metadata.creation_timestamp = Some(now);
    pod.spec = ds.spec.template.spec.clone();
    pod.spec.node_name = node.to_string();
    pod.status.phase = Some(PodPhase::Pending);
    pod
}

/// Moves the world to `now`: pods start, become ready, and vanish.
fn advance(world: &mut Vec<SimPod>, ds: &DaemonSet, config: &SimulationConfig, now: Timestamp) {
    world.retain(|entry| {
        let Some(deleted) = entry.pod.metadata.deletion_timestamp else {
            return true;
        };
        if config
            .stuck_terminating_nodes
            .contains(&entry.pod.spec.node_name)
        {
            return true;
        }
        later(deleted, config.deletion_grace) > now
    });
    // Host ports held by pods already running (pre-existing or started).
    let occupied: Vec<HeldPorts> = world
        .iter()
        .map(|entry| HeldPorts {
            node: entry.pod.spec.node_name.clone(),
            ports: host_ports(&entry.pod, ds),
            running: !entry.simulated || entry.started.is_some(),
        })
        .collect();
    for (index, entry) in world.iter_mut().enumerate() {
        if !entry.simulated || entry.pod.metadata.deletion_timestamp.is_some() {
            continue;
        }
        if entry.started.is_none() {
            let ports = host_ports(&entry.pod, ds);
            let conflict = config.host_port_conflicts
                && !ports.is_empty()
                && occupied.iter().enumerate().any(|(other, held)| {
                    other != index
                        && held.running
                        && held.node == entry.pod.spec.node_name
                        && held.ports.iter().any(|p| ports.contains(p))
                });
            if !conflict {
                entry.started = Some(now);
            }
        }
        if let Some(started) = entry.started {
            if config.never_ready_nodes.contains(&entry.pod.spec.node_name) {
                entry.pod.status.phase = Some(PodPhase::Running);
                set_ready(&mut entry.pod, false, started);
            } else if later(started, config.ready_after) <= now {
                entry.pod.status.phase = Some(PodPhase::Running);
                set_ready(&mut entry.pod, true, later(started, config.ready_after));
            }
        }
    }
}

/// The host ports one pod holds on its node.
struct HeldPorts {
    node: String,
    ports: Vec<(String, i32)>,
    running: bool,
}

fn set_ready(pod: &mut Pod, ready: bool, since: Timestamp) {
    let status = if ready { "True" } else { "False" };
    if let Some(condition) = pod
        .status
        .conditions
        .iter_mut()
        .find(|c| c.type_ == "Ready")
    {
        if condition.status != status {
            condition.status = status.to_string();
            condition.last_transition_time = Some(since);
        }
    } else {
        pod.status.conditions.push(PodCondition {
            type_: "Ready".to_string(),
            status: status.to_string(),
            last_transition_time: Some(since),
        });
    }
}

/// `at + by`, saturating at the end of time instead of panicking.
fn later(at: Timestamp, by: SignedDuration) -> Timestamp {
    at.checked_add(by).unwrap_or(if by.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// Every desired node runs exactly one pod, updated and available; nothing
/// is terminating. Pods left on nodes that only `shouldContinueRunning`
/// (behind a NoSchedule taint) are upstream's steady state and allowed.
fn converged(plan: &crate::Plan, world: &[SimPod]) -> bool {
    let status = &plan.status;
    status.updated_number_scheduled == status.desired_number_scheduled
        && status.number_available == status.desired_number_scheduled
        && world
            .iter()
            .all(|p| p.pod.metadata.deletion_timestamp.is_none())
        && plan.nodes.iter().all(|n| n.pods.len() <= 1)
}

/// Whether anything in the world changes by itself after `now`.
fn world_will_change(
    world: &[SimPod],
    ds: &DaemonSet,
    config: &SimulationConfig,
    now: Timestamp,
) -> bool {
    let min_ready = SignedDuration::from_secs(i64::from(ds.spec.min_ready_seconds.max(0)));
    world.iter().any(|entry| {
        let node = &entry.pod.spec.node_name;
        if entry.pod.metadata.deletion_timestamp.is_some() {
            return !config.stuck_terminating_nodes.contains(node);
        }
        if entry.simulated && !config.never_ready_nodes.contains(node) && !entry.pod.is_ready() {
            // Waits to start or to become ready; a pod blocked by a port
            // conflict only changes if the other pod goes, which is not by itself.
            return entry.started.is_some();
        }
        // A ready pod not yet available becomes available by itself.
        entry.pod.is_ready()
            && !entry.pod.is_available(ds.spec.min_ready_seconds, now)
            && entry
                .pod
                .ready_condition()
                .and_then(|c| c.last_transition_time)
                .is_some_and(|t| later(t, min_ready) > now)
    })
}

fn stall_reasons(
    ds: &DaemonSet,
    plan: &crate::Plan,
    world: &[SimPod],
    config: &SimulationConfig,
) -> Vec<String> {
    let mut reasons = Vec::new();
    let mut by_node: BTreeMap<&str, Vec<&SimPod>> = BTreeMap::new();
    for entry in world {
        by_node
            .entry(entry.pod.spec.node_name.as_str())
            .or_default()
            .push(entry);
    }
    for (node, entries) in &by_node {
        for entry in entries {
            let pod = &entry.pod;
            if pod.metadata.deletion_timestamp.is_some()
                && config.stuck_terminating_nodes.contains(*node)
            {
                reasons.push(format!(
                    "pod {} on node {node} is stuck terminating (the node does not confirm deletions, as a NotReady kubelet cannot; upstream issue 63465): until it is gone, the node counts as unavailable and no replacement is created there; force-delete the pod or bring the node back",
                    pod.metadata.name
                ));
            } else if entry.simulated && entry.started.is_none() {
                let ports: Vec<String> = host_ports(pod, ds)
                    .iter()
                    .map(|(protocol, port)| format!("{port}/{protocol}"))
                    .collect();
                reasons.push(format!(
                    "new pod {} on node {node} cannot start: host port {} is held by the old pod, and a surge rollout keeps the old pod until the new one is available (upstream issue 106417); use maxSurge 0 with maxUnavailable for DaemonSets with hostPort",
                    pod.metadata.name,
                    ports.join(", ")
                ));
            } else if entry.simulated && config.never_ready_nodes.contains(*node) && !pod.is_ready()
            {
                let budget = if plan.max_surge > 0 {
                    format!("it holds one of the maxSurge {} slots", plan.max_surge)
                } else {
                    format!(
                        "it holds one of the maxUnavailable {} slots",
                        plan.max_unavailable
                    )
                };
                reasons.push(format!(
                    "new pod {} on node {node} never becomes ready: {budget}, so the rollout cannot proceed past it; fix the pod (image, config, node) or delete it",
                    pod.metadata.name
                ));
            }
        }
    }
    if let Some(error) = &plan.error {
        reasons.push(format!("the controller's sync fails: {error}"));
    }
    if reasons.is_empty() {
        let status = &plan.status;
        reasons.push(format!(
            "the controller issues nothing more, yet {} of {} desired nodes run an updated available pod ({} misscheduled)",
            status.updated_number_scheduled.min(status.number_available),
            status.desired_number_scheduled,
            status.number_misscheduled
        ));
    }
    reasons
}
