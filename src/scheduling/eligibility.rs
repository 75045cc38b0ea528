//! Should a daemon pod run on a node? `NodeShouldRunDaemonPod`, compiled once
//! per DaemonSet, with the reason for every failed predicate.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::node_affinity::RequiredNodeAffinity;
use super::toleration::{find_untolerated_taint, with_daemon_tolerations};
use crate::model::{DaemonSet, Node, PodSpec, Taint, TaintEffect, Toleration};

/// Knobs for feature gates that change placement.
///
/// ```
/// use daemonset_planner::scheduling::EligibilityOptions;
/// assert!(!EligibilityOptions::default().taint_comparison_operators);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EligibilityOptions {
    /// The alpha gate `TaintTolerationComparisonOperators` (Kubernetes 1.35+,
    /// off by default): lets tolerations use `Lt` and `Gt`.
    pub taint_comparison_operators: bool,
}

/// Which predicate failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ReasonCode {
    /// The template's `spec.nodeName` names another node.
    NodeNameMismatch,
    /// The template's `nodeSelector` does not hold on the node's labels.
    NodeSelectorMismatch,
    /// No required node-affinity term matches the node.
    NodeAffinityMismatch,
    /// A `NoSchedule` or `NoExecute` taint is not tolerated.
    UntoleratedTaint,
}

/// A failed predicate and a message naming the label, expression or taint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The predicate.
    pub code: ReasonCode,
    /// What failed, for a person.
    pub message: String,
}

/// The answer of `NodeShouldRunDaemonPod` for one node.
///
/// ```
/// use daemonset_planner::scheduling::Eligibility;
/// let e = Eligibility { should_run: false, should_continue_running: true, reasons: vec![] };
/// assert!(!e.should_run);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    /// A daemon pod should exist on the node (counts toward `desiredNumberScheduled`).
    pub should_run: bool,
    /// An existing daemon pod may stay.
    pub should_continue_running: bool,
    /// Empty when `should_run`; otherwise one entry per failed predicate.
    pub reasons: Vec<Reason>,
}

/// A DaemonSet's placement rules, compiled once: template `nodeName`,
/// `nodeSelector`, required node affinity and the tolerations with the daemon
/// defaults merged in (`NewPod` + `AddOrUpdateDaemonPodTolerations`).
///
/// ```
/// use daemonset_planner::model::{DaemonSet, Node, Taint, TaintEffect};
/// use daemonset_planner::scheduling::{EligibilityOptions, Placement};
/// let placement = Placement::compile(&DaemonSet::default(), EligibilityOptions::default());
/// let plain = Node::new("n1", [], vec![]);
/// let tainted = Node::new("n2", [], vec![Taint::new("k", "v", TaintEffect::NoSchedule)]);
/// assert_eq!(placement.should_run(&plain), (true, true));
/// assert_eq!(placement.should_run(&tainted), (false, true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    node_name: String,
    affinity: RequiredNodeAffinity,
    tolerations: Vec<Toleration>,
    options: EligibilityOptions,
}

/// A taint the scheduling predicate consults (`NoSchedule` or `NoExecute`).
pub(crate) fn blocks_scheduling(taint: &Taint) -> bool {
    matches!(
        taint.effect,
        Some(TaintEffect::NoSchedule) | Some(TaintEffect::NoExecute)
    )
}

fn blocks_execution(taint: &Taint) -> bool {
    taint.effect == Some(TaintEffect::NoExecute)
}

impl Placement {
    /// Compiles the placement rules of `ds`'s pod template.
    pub fn compile(ds: &DaemonSet, options: EligibilityOptions) -> Placement {
        Placement::from_pod_spec(&ds.spec.template.spec, options)
    }

    /// Compiles the placement rules of a pod template spec.
    pub fn from_pod_spec(spec: &PodSpec, options: EligibilityOptions) -> Placement {
        Placement {
            node_name: spec.node_name.clone(),
            affinity: RequiredNodeAffinity::compile(spec),
            tolerations: with_daemon_tolerations(&spec.tolerations, spec.host_network),
            options,
        }
    }

    /// The template's `spec.nodeName` (empty when unset).
    pub(crate) fn node_name(&self) -> &str {
        &self.node_name
    }

    /// The compiled `nodeSelector` and required node affinity.
    pub(crate) fn affinity(&self) -> &RequiredNodeAffinity {
        &self.affinity
    }

    /// The feature gates this placement was compiled with.
    pub(crate) fn options(&self) -> EligibilityOptions {
        self.options
    }

    /// The tolerations a daemon pod carries (user's plus daemon defaults).
    pub fn tolerations(&self) -> &[Toleration] {
        &self.tolerations
    }

    /// `(shouldRun, shouldContinueRunning)` for `node`, as
    /// `NodeShouldRunDaemonPod` returns them. Allocates nothing.
    pub fn should_run(&self, node: &Node) -> (bool, bool) {
        if !self.node_name.is_empty() && self.node_name != node.metadata.name {
            return (false, false);
        }
        if !self.affinity.matches(node) {
            return (false, false);
        }
        let cmp = self.options.taint_comparison_operators;
        let taints = &node.spec.taints;
        if find_untolerated_taint(taints, &self.tolerations, cmp, blocks_scheduling).is_none() {
            return (true, true);
        }
        let continue_running =
            find_untolerated_taint(taints, &self.tolerations, cmp, blocks_execution).is_none();
        (false, continue_running)
    }

    /// [`Placement::should_run`] with a reason for each failed predicate.
    ///
    /// ```
    /// use daemonset_planner::model::{DaemonSet, Node, Taint, TaintEffect};
    /// use daemonset_planner::scheduling::{EligibilityOptions, Placement, ReasonCode};
    /// let placement = Placement::compile(&DaemonSet::default(), EligibilityOptions::default());
    /// let node = Node::new("n1", [], vec![Taint::new("k", "v", TaintEffect::NoExecute)]);
    /// let e = placement.evaluate(&node);
    /// assert_eq!((e.should_run, e.should_continue_running), (false, false));
    /// assert_eq!(e.reasons[0].code, ReasonCode::UntoleratedTaint);
    /// assert!(e.reasons[0].message.contains("k=v:NoExecute"));
    /// ```
    pub fn evaluate(&self, node: &Node) -> Eligibility {
        let (should_run, should_continue_running) = self.should_run(node);
        let reasons = if should_run {
            Vec::new()
        } else {
            self.reasons(node)
        };
        Eligibility {
            should_run,
            should_continue_running,
            reasons,
        }
    }

    /// One reason per failed predicate. Meant for nodes where
    /// [`Placement::should_run`] is false, as [`Placement::evaluate`] uses it.
    ///
    /// ```
    /// use daemonset_planner::model::{DaemonSet, Node, Taint, TaintEffect};
    /// use daemonset_planner::scheduling::{EligibilityOptions, Placement, ReasonCode};
    /// let placement = Placement::compile(&DaemonSet::default(), EligibilityOptions::default());
    /// let node = Node::new("n1", [], vec![Taint::new("k", "", TaintEffect::NoSchedule)]);
    /// assert_eq!(placement.reasons(&node)[0].code, ReasonCode::UntoleratedTaint);
    /// ```
    pub fn reasons(&self, node: &Node) -> Vec<Reason> {
        let mut reasons = Vec::new();
        if !self.node_name.is_empty() && self.node_name != node.metadata.name {
            reasons.push(Reason {
                code: ReasonCode::NodeNameMismatch,
                message: format!(
                    "pod template spec.nodeName is {:?}, not this node",
                    self.node_name
                ),
            });
        }
        if let Some(message) = self.affinity.explain_node_selector(node) {
            reasons.push(Reason {
                code: ReasonCode::NodeSelectorMismatch,
                message,
            });
        }
        if let Some(message) = self.affinity.explain_affinity(node) {
            reasons.push(Reason {
                code: ReasonCode::NodeAffinityMismatch,
                message,
            });
        }
        let cmp = self.options.taint_comparison_operators;
        let untolerated = || {
            node.spec.taints.iter().filter(|taint| {
                blocks_scheduling(taint)
                    && !super::toleration::tolerations_tolerate_taint(&self.tolerations, taint, cmp)
            })
        };
        let count = untolerated().count();
        if count > 0 {
            let mut message = String::from(if count == 1 {
                "untolerated taint "
            } else {
                "untolerated taints "
            });
            for (index, taint) in untolerated().enumerate() {
                if index > 0 {
                    message.push_str(", ");
                }
                let _ = write!(message, "{taint}");
            }
            reasons.push(Reason {
                code: ReasonCode::UntoleratedTaint,
                message,
            });
        }
        reasons
    }
}
