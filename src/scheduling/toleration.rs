//! Taints and tolerations: `ToleratesTaint`, `FindMatchingUntoleratedTaint`
//! and the automatic daemon tolerations (`AddOrUpdateDaemonPodTolerations`).

use crate::model::{Taint, TaintEffect, Toleration, TolerationOperator};
use crate::validate::content::parse_decimal_int64;

/// Taint key the node lifecycle controller sets on NotReady nodes.
pub const TAINT_NODE_NOT_READY: &str = "node.kubernetes.io/not-ready";
/// Taint key for unreachable nodes.
pub const TAINT_NODE_UNREACHABLE: &str = "node.kubernetes.io/unreachable";
/// Taint key for nodes under disk pressure.
pub const TAINT_NODE_DISK_PRESSURE: &str = "node.kubernetes.io/disk-pressure";
/// Taint key for nodes under memory pressure.
pub const TAINT_NODE_MEMORY_PRESSURE: &str = "node.kubernetes.io/memory-pressure";
/// Taint key for nodes under PID pressure.
pub const TAINT_NODE_PID_PRESSURE: &str = "node.kubernetes.io/pid-pressure";
/// Taint key for cordoned nodes.
pub const TAINT_NODE_UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
/// Taint key for nodes whose network is not configured.
pub const TAINT_NODE_NETWORK_UNAVAILABLE: &str = "node.kubernetes.io/network-unavailable";

impl Toleration {
    /// Builds an `Exists` toleration for `key` and `effect`.
    ///
    /// ```
    /// use daemonset_planner::model::{TaintEffect, Toleration};
    /// let t = Toleration::exists("dedicated", Some(TaintEffect::NoSchedule));
    /// assert_eq!(t.operator.as_str(), "Exists");
    /// ```
    pub fn exists(key: impl Into<String>, effect: Option<TaintEffect>) -> Toleration {
        Toleration {
            key: key.into(),
            operator: TolerationOperator::Exists,
            value: String::new(),
            effect,
            toleration_seconds: None,
        }
    }

    /// Does this toleration tolerate `taint`? Mirrors `v1.Toleration.ToleratesTaint`
    /// with the alpha comparison operators (`Lt`/`Gt`) switched off.
    ///
    /// ```
    /// use daemonset_planner::model::{Taint, TaintEffect, Toleration};
    /// let taint = Taint::new("dedicated", "gpu", TaintEffect::NoSchedule);
    /// assert!(Toleration::exists("dedicated", None).tolerates(&taint));
    /// assert!(!Toleration::exists("other", None).tolerates(&taint));
    /// ```
    pub fn tolerates(&self, taint: &Taint) -> bool {
        self.tolerates_with(taint, false)
    }

    /// [`Toleration::tolerates`] with the `TaintTolerationComparisonOperators`
    /// alpha gate given explicitly: when on, `Lt` tolerates a taint whose value
    /// is less than the toleration's and `Gt` one whose value is greater, both
    /// read as canonical decimal int64s (no `+`, no leading zeros, no `-0`).
    ///
    /// ```
    /// use daemonset_planner::model::{Taint, TaintEffect, Toleration, TolerationOperator};
    /// let t = Toleration { key: "level".into(), operator: TolerationOperator::Gt, value: "100".into(), ..Default::default() };
    /// let taint = Taint::new("level", "200", TaintEffect::NoSchedule);
    /// assert!(t.tolerates_with(&taint, true));
    /// assert!(!t.tolerates_with(&taint, false));
    /// ```
    pub fn tolerates_with(&self, taint: &Taint, comparison_operators: bool) -> bool {
        if let Some(effect) = &self.effect {
            if Some(effect) != taint.effect.as_ref() {
                return false;
            }
        }
        if !self.key.is_empty() && self.key != taint.key {
            return false;
        }
        match self.operator {
            TolerationOperator::Equal => self.value == taint.value,
            TolerationOperator::Exists => true,
            TolerationOperator::Lt | TolerationOperator::Gt => {
                if !comparison_operators {
                    return false;
                }
                let (Some(toleration_value), Some(taint_value)) = (
                    parse_decimal_int64(&self.value),
                    parse_decimal_int64(&taint.value),
                ) else {
                    return false;
                };
                if self.operator == TolerationOperator::Lt {
                    taint_value < toleration_value
                } else {
                    taint_value > toleration_value
                }
            }
            TolerationOperator::Other(_) => false,
        }
    }

    /// `v1.Toleration.MatchToleration`: same key, operator, value and effect.
    pub fn same_as(&self, other: &Toleration) -> bool {
        self.key == other.key
            && self.operator == other.operator
            && self.value == other.value
            && self.effect == other.effect
    }
}

/// Whether any toleration in `tolerations` tolerates `taint`
/// (`TolerationsTolerateTaint`).
///
/// ```
/// use daemonset_planner::model::{Taint, TaintEffect, Toleration};
/// use daemonset_planner::scheduling::tolerations_tolerate_taint;
/// let taint = Taint::new("k", "v", TaintEffect::NoExecute);
/// assert!(tolerations_tolerate_taint(&[Toleration::exists("", None)], &taint, false));
/// ```
pub fn tolerations_tolerate_taint(
    tolerations: &[Toleration],
    taint: &Taint,
    comparison_operators: bool,
) -> bool {
    tolerations
        .iter()
        .any(|t| t.tolerates_with(taint, comparison_operators))
}

/// The first taint accepted by `filter` that no toleration tolerates
/// (`FindMatchingUntoleratedTaint`).
///
/// ```
/// use daemonset_planner::model::{Taint, TaintEffect};
/// use daemonset_planner::scheduling::find_untolerated_taint;
/// let taints = [Taint::new("a", "", TaintEffect::PreferNoSchedule), Taint::new("b", "", TaintEffect::NoSchedule)];
/// let hit = find_untolerated_taint(&taints, &[], false, |t| t.effect == Some(TaintEffect::NoSchedule));
/// assert_eq!(hit.unwrap().key, "b");
/// ```
pub fn find_untolerated_taint<'a>(
    taints: &'a [Taint],
    tolerations: &[Toleration],
    comparison_operators: bool,
    filter: impl Fn(&Taint) -> bool,
) -> Option<&'a Taint> {
    taints.iter().find(|taint| {
        filter(taint) && !tolerations_tolerate_taint(tolerations, taint, comparison_operators)
    })
}

/// The tolerations the DaemonSet controller adds to every daemon pod, in
/// upstream's order (`AddOrUpdateDaemonPodTolerations`); the last one only
/// with `hostNetwork: true`.
///
/// ```
/// use daemonset_planner::scheduling::daemon_tolerations;
/// assert_eq!(daemon_tolerations(false).len(), 6);
/// assert_eq!(daemon_tolerations(true).len(), 7);
/// ```
pub fn daemon_tolerations(host_network: bool) -> Vec<Toleration> {
    let mut defaults = vec![
        Toleration::exists(TAINT_NODE_NOT_READY, Some(TaintEffect::NoExecute)),
        Toleration::exists(TAINT_NODE_UNREACHABLE, Some(TaintEffect::NoExecute)),
        Toleration::exists(TAINT_NODE_DISK_PRESSURE, Some(TaintEffect::NoSchedule)),
        Toleration::exists(TAINT_NODE_MEMORY_PRESSURE, Some(TaintEffect::NoSchedule)),
        Toleration::exists(TAINT_NODE_PID_PRESSURE, Some(TaintEffect::NoSchedule)),
        Toleration::exists(TAINT_NODE_UNSCHEDULABLE, Some(TaintEffect::NoSchedule)),
    ];
    if host_network {
        defaults.push(Toleration::exists(
            TAINT_NODE_NETWORK_UNAVAILABLE,
            Some(TaintEffect::NoSchedule),
        ));
    }
    defaults
}

/// A pod's tolerations with the daemon tolerations merged in, as
/// `AddOrUpdateDaemonPodTolerations` leaves them: for each default in order,
/// every user entry with the same key, operator, value and effect is replaced
/// in place by the default (dropping any `tolerationSeconds`); when none
/// matched, the default is appended.
///
/// ```
/// use daemonset_planner::model::{TaintEffect, Toleration};
/// use daemonset_planner::scheduling::with_daemon_tolerations;
/// let mut user = Toleration::exists("node.kubernetes.io/not-ready", Some(TaintEffect::NoExecute));
/// user.toleration_seconds = Some(300);
/// let merged = with_daemon_tolerations(&[user], false);
/// assert_eq!(merged.len(), 6);
/// assert_eq!(merged[0].toleration_seconds, None);
/// ```
pub fn with_daemon_tolerations(user: &[Toleration], host_network: bool) -> Vec<Toleration> {
    let mut merged = user.to_vec();
    for default in daemon_tolerations(host_network) {
        let mut replaced = false;
        for existing in merged.iter_mut() {
            if existing.same_as(&default) {
                *existing = default.clone();
                replaced = true;
            }
        }
        if !replaced {
            merged.push(default);
        }
    }
    merged
}
