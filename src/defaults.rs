//! API-server defaulting (`pkg/apis/apps/v1/defaults.go`,
//! `pkg/apis/core/v1/defaults.go`): what a DaemonSet looks like once stored.
//!
//! Placement never depends on these defaults (the planner reads an unset
//! strategy as `RollingUpdate` with `maxUnavailable: 1` anyway); they make
//! the computed template hash and revision matching insensitive to whether
//! a manifest spells the defaults out.

use serde_json::Value;

use crate::model::{
    DaemonSet, IntOrPercent, PodSpec, PodTemplateSpec, RollingUpdateDaemonSet, UpdateStrategyType,
};

/// `revisionHistoryLimit` when unset.
pub const DEFAULT_REVISION_HISTORY_LIMIT: i32 = 10;

/// Applies `SetDefaults_DaemonSet` and the pod-template defaults.
///
/// ```
/// use daemonset_planner::defaults::default_daemon_set;
/// use daemonset_planner::model::{DaemonSet, IntOrPercent};
/// let mut ds = DaemonSet::default();
/// default_daemon_set(&mut ds);
/// let rolling = ds.spec.update_strategy.rolling_update.as_ref().unwrap();
/// assert_eq!(rolling.max_unavailable, Some(IntOrPercent::Int(1)));
/// assert_eq!(rolling.max_surge, Some(IntOrPercent::Int(0)));
/// assert_eq!(ds.spec.revision_history_limit, Some(10));
/// ```
pub fn default_daemon_set(ds: &mut DaemonSet) {
    let strategy = &mut ds.spec.update_strategy;
    if strategy
        .type_
        .as_ref()
        .is_none_or(|t| t.as_str().is_empty())
    {
        strategy.type_ = Some(UpdateStrategyType::RollingUpdate);
    }
    if strategy.type_ == Some(UpdateStrategyType::RollingUpdate) {
        let rolling = strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateDaemonSet::default);
        rolling.max_unavailable.get_or_insert(IntOrPercent::Int(1));
        rolling.max_surge.get_or_insert(IntOrPercent::Int(0));
    }
    ds.spec
        .revision_history_limit
        .get_or_insert(DEFAULT_REVISION_HISTORY_LIMIT);
    default_pod_template(&mut ds.spec.template);
}

fn set_if_absent(map: &mut serde_json::Map<String, Value>, key: &str, value: Value) {
    map.entry(key.to_string()).or_insert(value);
}

/// `imagePullPolicy` default: `Always` for `:latest` or untagged images,
/// else `IfNotPresent`.
fn default_pull_policy(image: &str) -> &'static str {
    if image.contains('@') {
        return "IfNotPresent";
    }
    let last_segment = image.rsplit('/').next().unwrap_or(image);
    match last_segment.rsplit_once(':') {
        Some((_, tag)) if tag != "latest" => "IfNotPresent",
        _ => "Always",
    }
}

/// The pod-template defaults of `pkg/apis/core/v1/defaults.go` that apply
/// to templates (not the pod-only ones: request = limit, hostPort =
/// containerPort).
///
/// ```
/// use daemonset_planner::defaults::default_pod_template;
/// use daemonset_planner::model::PodTemplateSpec;
/// let mut template = PodTemplateSpec::default();
/// default_pod_template(&mut template);
/// assert_eq!(template.spec.restart_policy, "Always");
/// assert_eq!(template.spec.other["dnsPolicy"], "ClusterFirst");
/// ```
pub fn default_pod_template(template: &mut PodTemplateSpec) {
    default_pod_spec(&mut template.spec);
}

fn default_pod_spec(spec: &mut PodSpec) {
    if spec.restart_policy.is_empty() {
        spec.restart_policy = "Always".to_string();
    }
    set_if_absent(&mut spec.other, "dnsPolicy", Value::from("ClusterFirst"));
    set_if_absent(
        &mut spec.other,
        "terminationGracePeriodSeconds",
        Value::from(30),
    );
    set_if_absent(
        &mut spec.other,
        "schedulerName",
        Value::from("default-scheduler"),
    );
    set_if_absent(
        &mut spec.other,
        "securityContext",
        Value::Object(Default::default()),
    );
    for container in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        set_if_absent(
            &mut container.other,
            "terminationMessagePath",
            Value::from("/dev/termination-log"),
        );
        set_if_absent(
            &mut container.other,
            "terminationMessagePolicy",
            Value::from("File"),
        );
        let policy = default_pull_policy(&container.image);
        set_if_absent(&mut container.other, "imagePullPolicy", Value::from(policy));
        for port in &mut container.ports {
            if port.protocol.is_empty() {
                port.protocol = "TCP".to_string();
            }
        }
    }
}
