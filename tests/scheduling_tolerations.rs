//! Taints and tolerations, translated case by case from upstream's tables:
//!
//! - `staging/src/k8s.io/api/core/v1/toleration_test.go` (`TestTolerationToleratesTaint`
//!   with its `enableTaintTolerationComparisonOperatorsFG` column, and
//!   `TestCompareNumericValues`);
//! - `staging/src/k8s.io/component-helpers/scheduling/corev1/helpers_test.go`
//!   (`TestFindMatchingUntoleratedTaint`), the same table as the older
//!   `TestTolerationsTolerateTaintsWithFilter` in `pkg/apis/core/v1/helper/helpers_test.go`
//!   and `k8s.io/api/core/v1` helpers;
//! - the older `k8s.io/api/core/v1` helpers test's `TestTaintToString`;
//! - `pkg/controller/daemon/util/daemonset_util.go` `AddOrUpdateDaemonPodTolerations`
//!   with `pkg/apis/core/v1/helper/helpers.go` `AddOrUpdateTolerationInPodSpec`
//!   (upstream has no table test for these; the cases below follow the code).
//!
//! Every expected boolean is upstream's.

use daemonset_planner::model::{Taint, TaintEffect, Toleration, TolerationOperator};
use daemonset_planner::scheduling::{
    TAINT_NODE_DISK_PRESSURE, TAINT_NODE_MEMORY_PRESSURE, TAINT_NODE_NETWORK_UNAVAILABLE,
    TAINT_NODE_NOT_READY, TAINT_NODE_PID_PRESSURE, TAINT_NODE_UNREACHABLE,
    TAINT_NODE_UNSCHEDULABLE, daemon_tolerations, find_untolerated_taint,
    tolerations_tolerate_taint, with_daemon_tolerations,
};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A toleration from its Kubernetes JSON.
#[track_caller]
fn tol(value: Value) -> Toleration {
    serde_json::from_value(value).expect("toleration JSON")
}

/// A taint from its Kubernetes JSON.
#[track_caller]
fn taint(value: Value) -> Taint {
    serde_json::from_value(value).expect("taint JSON")
}

/// A taint from kubectl's `key=value:Effect` spelling.
#[track_caller]
fn taint_str(spec: &str) -> Taint {
    spec.parse().expect("taint spec")
}

/// `{key, operator: Exists, effect}`, as the daemon defaults are written.
fn exists(key: &str, effect: TaintEffect) -> Toleration {
    Toleration::exists(key, Some(effect))
}

// ---------------------------------------------------------------------------
// toleration_test.go: TestTolerationToleratesTaint
// ---------------------------------------------------------------------------

struct ToleratesCase {
    description: &'static str,
    toleration: Value,
    taint: Value,
    expect_tolerated: bool,
    /// `enableTaintTolerationComparisonOperatorsFG`.
    gate: bool,
}

fn tolerates_taint_cases() -> Vec<ToleratesCase> {
    let sla = "node.kubernetes.io/sla";
    vec![
        ToleratesCase {
            description: "toleration and taint have the same key and effect, and operator is Exists, and taint has no value, expect tolerated",
            toleration: json!({"key": "foo", "operator": "Exists", "effect": "NoSchedule"}),
            taint: json!({"key": "foo", "effect": "NoSchedule"}),
            expect_tolerated: true,
            gate: false,
        },
        ToleratesCase {
            description: "toleration and taint have the same key and effect, and operator is Exists, and taint has some value, expect tolerated",
            toleration: json!({"key": "foo", "operator": "Exists", "effect": "NoSchedule"}),
            taint: json!({"key": "foo", "value": "bar", "effect": "NoSchedule"}),
            expect_tolerated: true,
            gate: false,
        },
        ToleratesCase {
            description: "toleration and taint have the same effect, toleration has empty key and operator is Exists, means match all taints, expect tolerated",
            toleration: json!({"key": "", "operator": "Exists", "effect": "NoSchedule"}),
            taint: json!({"key": "foo", "value": "bar", "effect": "NoSchedule"}),
            expect_tolerated: true,
            gate: false,
        },
        ToleratesCase {
            description: "toleration and taint have the same key, effect and value, and operator is Equal, expect tolerated",
            toleration: json!({"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoSchedule"}),
            taint: json!({"key": "foo", "value": "bar", "effect": "NoSchedule"}),
            expect_tolerated: true,
            gate: false,
        },
        ToleratesCase {
            description: "toleration and taint have the same key and effect, but different values, and operator is Equal, expect not tolerated",
            toleration: json!({"key": "foo", "operator": "Equal", "value": "value1", "effect": "NoSchedule"}),
            taint: json!({"key": "foo", "value": "value2", "effect": "NoSchedule"}),
            expect_tolerated: false,
            gate: false,
        },
        ToleratesCase {
            description: "toleration and taint have the same key and value, but different effects, and operator is Equal, expect not tolerated",
            toleration: json!({"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoSchedule"}),
            taint: json!({"key": "foo", "value": "bar", "effect": "NoExecute"}),
            expect_tolerated: false,
            gate: false,
        },
        ToleratesCase {
            description: "toleration with Gt operator - taint value less than toleration value, expect not tolerated",
            toleration: json!({"key": sla, "operator": "Gt", "value": "950", "effect": "NoSchedule"}),
            taint: json!({"key": sla, "value": "800", "effect": "NoSchedule"}),
            expect_tolerated: false,
            gate: true,
        },
        ToleratesCase {
            description: "toleration with Gt operator - taint value greater than toleration value, expect tolerated",
            toleration: json!({"key": sla, "operator": "Gt", "value": "750", "effect": "NoSchedule"}),
            taint: json!({"key": sla, "value": "950", "effect": "NoSchedule"}),
            expect_tolerated: true,
            gate: true,
        },
        ToleratesCase {
            description: "toleration with Lt operator - taint value greater than toleration value, expect not tolerated",
            toleration: json!({"key": sla, "operator": "Lt", "value": "800", "effect": "NoSchedule"}),
            taint: json!({"key": sla, "value": "950", "effect": "NoSchedule"}),
            expect_tolerated: false,
            gate: true,
        },
        ToleratesCase {
            description: "toleration with Lt operator - taint value less than toleration value, expect tolerated",
            toleration: json!({"key": sla, "operator": "Lt", "value": "950", "effect": "NoSchedule"}),
            taint: json!({"key": sla, "value": "800", "effect": "NoSchedule"}),
            expect_tolerated: true,
            gate: true,
        },
        ToleratesCase {
            description: "toleration with Gt operator and taint with equal numeric value, expect not tolerated",
            toleration: json!({"key": sla, "operator": "Gt", "value": "950", "effect": "NoSchedule"}),
            taint: json!({"key": sla, "value": "950", "effect": "NoSchedule"}),
            expect_tolerated: false,
            gate: true,
        },
        ToleratesCase {
            description: "toleration with Gt operator and taint with non-numeric value, expect not tolerated",
            toleration: json!({"key": sla, "operator": "Gt", "value": "950", "effect": "NoSchedule"}),
            taint: json!({"key": sla, "value": "high", "effect": "NoSchedule"}),
            expect_tolerated: false,
            gate: true,
        },
        ToleratesCase {
            description: "toleration with Gt operator and negative numeric values - taint value less than threshold, expect not tolerated",
            toleration: json!({"key": "test-key", "operator": "Gt", "value": "-100", "effect": "NoSchedule"}),
            taint: json!({"key": "test-key", "value": "-200", "effect": "NoSchedule"}),
            expect_tolerated: false,
            gate: true,
        },
        ToleratesCase {
            description: "toleration with Gt operator and large int64 values - taint value less than threshold, expect not tolerated",
            toleration: json!({"key": "test-key", "operator": "Gt", "value": "9223372036854775806", "effect": "NoSchedule"}),
            taint: json!({"key": "test-key", "value": "100", "effect": "NoSchedule"}),
            expect_tolerated: false,
            gate: true,
        },
    ]
}

/// toleration_test.go `TestTolerationToleratesTaint`: `ToleratesTaint(logger,
/// taint, enableComparisonOperators)` with the gate column of each case.
#[test]
fn upstream_test_toleration_tolerates_taint() {
    let cases = tolerates_taint_cases();
    assert_eq!(cases.len(), 14, "every upstream case is translated");
    for case in cases {
        let toleration = tol(case.toleration);
        let taint = taint(case.taint);
        assert_eq!(
            toleration.tolerates_with(&taint, case.gate),
            case.expect_tolerated,
            "{}",
            case.description
        );
        if !case.gate {
            // `tolerates` is `tolerates_with(_, false)`.
            assert_eq!(
                toleration.tolerates(&taint),
                case.expect_tolerated,
                "{}",
                case.description
            );
        }
        // TolerationsTolerateTaint over a one-element list says the same.
        assert_eq!(
            tolerations_tolerate_taint(std::slice::from_ref(&toleration), &taint, case.gate),
            case.expect_tolerated,
            "{} (TolerationsTolerateTaint)",
            case.description
        );
    }
}

/// toleration.go `ToleratesTaint` rule 5: "If enableComparisonOperators is
/// false and the toleration uses 'Lt' or 'Gt' operators, the toleration does
/// not match (returns false)." Every `Lt`/`Gt` row of
/// `TestTolerationToleratesTaint`, rerun with the gate off.
#[test]
fn upstream_test_toleration_tolerates_taint_comparison_gate_off() {
    let mut checked = 0;
    for case in tolerates_taint_cases() {
        let toleration = tol(case.toleration);
        if !matches!(
            toleration.operator,
            TolerationOperator::Lt | TolerationOperator::Gt
        ) {
            continue;
        }
        let taint = taint(case.taint);
        assert!(
            !toleration.tolerates_with(&taint, false),
            "{} (gate off)",
            case.description
        );
        assert!(
            !toleration.tolerates(&taint),
            "{} (tolerates)",
            case.description
        );
        checked += 1;
    }
    assert_eq!(checked, 8);
}

// ---------------------------------------------------------------------------
// toleration_test.go: TestCompareNumericValues
// ---------------------------------------------------------------------------

/// toleration_test.go `TestCompareNumericValues`
/// (`compareNumericValues(logger, tolerationVal, taintVal, operator)`), reached
/// through `ToleratesTaint` with the gate on and key and effect equal. The two
/// upstream rows that call `compareNumericValues` with `Equal` and `Exists`
/// ("unsupported for numeric comparison", expect false) cannot be reached
/// through `ToleratesTaint`, which handles those operators before comparing
/// numbers; they are left out.
#[test]
fn upstream_test_compare_numeric_values() {
    use TolerationOperator::{Gt, Lt};
    #[rustfmt::skip]
    let cases: &[(&str, &str, &str, TolerationOperator, bool)] = &[
        // (description, tolerationVal, taintVal, operator, expectedResult)
        // Valid Gt operator cases
        ("Gt operator - taint value greater than toleration value, expect true", "100", "200", Gt, true),
        ("Gt operator - taint value less than toleration value, expect false", "200", "100", Gt, false),
        ("Gt operator - taint value equal to toleration value, expect false", "100", "100", Gt, false),
        ("Gt operator - negative numbers, taint greater, expect true", "-100", "-50", Gt, true),
        ("Gt operator - negative numbers, taint less, expect false", "-50", "-100", Gt, false),
        ("Gt operator - zero and positive, expect true", "0", "1", Gt, true),
        ("Gt operator - large int64 values, taint greater, expect true", "9223372036854775806", "9223372036854775807", Gt, true),
        // Valid Lt operator cases
        ("Lt operator - taint value less than toleration value, expect true", "200", "100", Lt, true),
        ("Lt operator - taint value greater than toleration value, expect false", "100", "200", Lt, false),
        ("Lt operator - taint value equal to toleration value, expect false", "100", "100", Lt, false),
        ("Lt operator - negative numbers, taint less, expect true", "-50", "-100", Lt, true),
        ("Lt operator - negative numbers, taint greater, expect false", "-100", "-50", Lt, false),
        ("Lt operator - zero and negative, expect true", "0", "-1", Lt, true),
        // Invalid toleration values - should return false
        ("Gt operator - invalid toleration value (non-numeric), expect false", "abc", "100", Gt, false),
        ("Gt operator - invalid toleration value (empty string), expect false", "", "100", Gt, false),
        ("Gt operator - invalid toleration value (leading zero), expect false", "0100", "200", Gt, false),
        ("Gt operator - invalid toleration value (plus sign), expect false", "+100", "200", Gt, false),
        ("Gt operator - invalid toleration value (floating point), expect false", "100.5", "200", Gt, false),
        ("Gt operator - invalid toleration value (just minus sign), expect false", "-", "100", Gt, false),
        // Invalid taint values - should return false
        ("Gt operator - invalid taint value (non-numeric), expect false", "100", "xyz", Gt, false),
        ("Gt operator - invalid taint value (empty string), expect false", "100", "", Gt, false),
        ("Gt operator - invalid taint value (leading zero), expect false", "100", "0200", Gt, false),
        ("Lt operator - invalid taint value (plus sign), expect false", "100", "+200", Lt, false),
        ("Lt operator - invalid taint value (spaces), expect false", "100", " 200 ", Lt, false),
        // Edge cases with zero
        ("Gt operator - both zero, expect false", "0", "0", Gt, false),
        ("Lt operator - both zero, expect false", "0", "0", Lt, false),
        // Int64 boundary cases
        ("Gt operator - max int64 as taint, expect true", "0", "9223372036854775807", Gt, true),
        ("Lt operator - min int64 as taint, expect true", "0", "-9223372036854775808", Lt, true),
    ];
    assert_eq!(cases.len(), 28);
    for (description, toleration_value, taint_value, operator, expected) in cases {
        let toleration = Toleration {
            key: "k".into(),
            operator: operator.clone(),
            value: (*toleration_value).into(),
            effect: Some(TaintEffect::NoSchedule),
            toleration_seconds: None,
        };
        let taint = Taint::new("k", *taint_value, TaintEffect::NoSchedule);
        assert_eq!(
            toleration.tolerates_with(&taint, true),
            *expected,
            "{description}"
        );
        // With the gate off, Lt and Gt never tolerate.
        assert!(
            !toleration.tolerates_with(&taint, false),
            "{description} (gate off)"
        );
    }
}

/// toleration.go `ToleratesTaint`: `case "", TolerationOpEqual` — an operator
/// left empty reads as `Equal`; an operator upstream does not define never
/// tolerates (`default: return false`).
#[test]
fn upstream_toleration_go_empty_and_unknown_operator() {
    let taint = taint_str("foo=bar:NoSchedule");
    let empty = tol(json!({"key": "foo", "operator": "", "value": "bar"}));
    assert!(empty.tolerates(&taint));
    let absent = tol(json!({"key": "foo", "value": "bar"}));
    assert!(absent.tolerates(&taint));
    assert!(!absent.tolerates(&taint_str("foo=baz:NoSchedule")));
    let unknown = tol(json!({"key": "foo", "operator": "Matches", "value": "bar"}));
    assert!(!unknown.tolerates_with(&taint, false));
    assert!(!unknown.tolerates_with(&taint, true));
}

// ---------------------------------------------------------------------------
// helpers_test.go: TestFindMatchingUntoleratedTaint
// ---------------------------------------------------------------------------

/// component-helpers helpers_test.go `TestFindMatchingUntoleratedTaint` (the
/// same table as `TestTolerationsTolerateTaintsWithFilter` in the older
/// pkg/apis/core/v1/helper and k8s.io/api/core/v1 helpers tests). Upstream's
/// nil filter means "every taint applies".
#[test]
fn upstream_test_find_matching_untolerated_taint() {
    let all: fn(&Taint) -> bool = |_| true;
    let none: fn(&Taint) -> bool = |_| false;
    let no_execute: fn(&Taint) -> bool = |t| t.effect == Some(TaintEffect::NoExecute);
    let foo_no_schedule = || {
        vec![tol(
            json!({"key": "foo", "operator": "Exists", "effect": "NoSchedule"}),
        )]
    };
    type Case = (
        &'static str,
        Vec<Toleration>,
        Vec<Taint>,
        fn(&Taint) -> bool,
        bool,
        Option<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (
            "empty tolerations tolerate empty taints",
            vec![],
            vec![],
            all,
            true,
            None,
        ),
        (
            "non-empty tolerations tolerate empty taints",
            foo_no_schedule(),
            vec![],
            all,
            true,
            None,
        ),
        (
            "tolerations match all taints, expect tolerated",
            foo_no_schedule(),
            vec![taint(json!({"key": "foo", "effect": "NoSchedule"}))],
            all,
            true,
            None,
        ),
        (
            "tolerations don't match taints, but no taints apply to the filter, expect tolerated",
            foo_no_schedule(),
            vec![taint(json!({"key": "bar", "effect": "NoSchedule"}))],
            none,
            true,
            None,
        ),
        (
            "no filterFunc indicated, means all taints apply to the filter, tolerations don't match taints, expect untolerated",
            foo_no_schedule(),
            vec![taint(json!({"key": "bar", "effect": "NoSchedule"}))],
            all,
            false,
            // FindMatchingUntoleratedTaint returns the first such taint.
            Some("bar:NoSchedule"),
        ),
        (
            "tolerations match taints, expect tolerated",
            vec![tol(
                json!({"key": "foo", "operator": "Exists", "effect": "NoExecute"}),
            )],
            vec![
                taint(json!({"key": "foo", "effect": "NoExecute"})),
                taint(json!({"key": "bar", "effect": "NoSchedule"})),
            ],
            no_execute,
            true,
            None,
        ),
    ];
    for (description, tolerations, taints, filter, expect_tolerated, first) in cases {
        for gate in [false, true] {
            let found = find_untolerated_taint(&taints, &tolerations, gate, filter);
            assert_eq!(
                found.is_none(),
                expect_tolerated,
                "{description} (gate {gate})"
            );
            assert_eq!(
                found.map(ToString::to_string).as_deref(),
                first,
                "{description} (gate {gate})"
            );
        }
    }
}

/// `FindMatchingUntoleratedTaint` walks the taints in order and returns the
/// first one the filter accepts that no toleration tolerates.
#[test]
fn upstream_find_matching_untolerated_taint_returns_first_in_order() {
    let taints = vec![
        taint_str("a=1:PreferNoSchedule"),
        taint_str("b=2:NoExecute"),
        taint_str("c=3:NoSchedule"),
        taint_str("d=4:NoSchedule"),
    ];
    let tolerations = vec![tol(json!({"key": "b", "operator": "Exists"}))];
    let do_not_schedule = |t: &Taint| {
        matches!(
            t.effect,
            Some(TaintEffect::NoSchedule | TaintEffect::NoExecute)
        )
    };
    let found = find_untolerated_taint(&taints, &tolerations, false, do_not_schedule);
    assert_eq!(
        found.map(ToString::to_string).as_deref(),
        Some("c=3:NoSchedule")
    );
}

// ---------------------------------------------------------------------------
// TestTaintToString (k8s.io/api/core/v1 helpers test)
// ---------------------------------------------------------------------------

/// `TestTaintToString`: `foo=bar:NoSchedule`, and `foo:NoSchedule` without a value.
/// Eligibility messages name taints in this spelling.
#[test]
fn upstream_test_taint_to_string() {
    let cases = [
        (
            taint(json!({"key": "foo", "value": "bar", "effect": "NoSchedule"})),
            "foo=bar:NoSchedule",
        ),
        (
            taint(json!({"key": "foo", "effect": "NoSchedule"})),
            "foo:NoSchedule",
        ),
    ];
    for (taint, expected) in cases {
        assert_eq!(taint.to_string(), expected);
        assert_eq!(taint_str(expected), taint, "round trip of {expected}");
    }
}

// ---------------------------------------------------------------------------
// AddOrUpdateDaemonPodTolerations (daemonset_util.go) and
// AddOrUpdateTolerationInPodSpec (pkg/apis/core/v1/helper/helpers.go)
// ---------------------------------------------------------------------------

/// The defaults `AddOrUpdateDaemonPodTolerations` adds, in its call order.
fn upstream_defaults(host_network: bool) -> Vec<Toleration> {
    let mut defaults = vec![
        exists(TAINT_NODE_NOT_READY, TaintEffect::NoExecute),
        exists(TAINT_NODE_UNREACHABLE, TaintEffect::NoExecute),
        exists(TAINT_NODE_DISK_PRESSURE, TaintEffect::NoSchedule),
        exists(TAINT_NODE_MEMORY_PRESSURE, TaintEffect::NoSchedule),
        exists(TAINT_NODE_PID_PRESSURE, TaintEffect::NoSchedule),
        exists(TAINT_NODE_UNSCHEDULABLE, TaintEffect::NoSchedule),
    ];
    if host_network {
        defaults.push(exists(
            TAINT_NODE_NETWORK_UNAVAILABLE,
            TaintEffect::NoSchedule,
        ));
    }
    defaults
}

#[test]
fn upstream_daemon_toleration_keys() {
    // k8s.io/api/core/v1 well_known_taints.go.
    assert_eq!(TAINT_NODE_NOT_READY, "node.kubernetes.io/not-ready");
    assert_eq!(TAINT_NODE_UNREACHABLE, "node.kubernetes.io/unreachable");
    assert_eq!(TAINT_NODE_DISK_PRESSURE, "node.kubernetes.io/disk-pressure");
    assert_eq!(
        TAINT_NODE_MEMORY_PRESSURE,
        "node.kubernetes.io/memory-pressure"
    );
    assert_eq!(TAINT_NODE_PID_PRESSURE, "node.kubernetes.io/pid-pressure");
    assert_eq!(TAINT_NODE_UNSCHEDULABLE, "node.kubernetes.io/unschedulable");
    assert_eq!(
        TAINT_NODE_NETWORK_UNAVAILABLE,
        "node.kubernetes.io/network-unavailable"
    );
    assert_eq!(daemon_tolerations(false), upstream_defaults(false));
    assert_eq!(daemon_tolerations(true), upstream_defaults(true));
}

/// `AddOrUpdateDaemonPodTolerations(spec)`: each default goes through
/// `AddOrUpdateTolerationInPodSpec`, which replaces in place every user
/// toleration with the same key, effect, operator and value
/// (`MatchToleration`) and appends the default when none matched.
#[test]
fn upstream_add_or_update_daemon_pod_tolerations() {
    let seconds = |t: Value, s: i64| {
        let mut t = tol(t);
        t.toleration_seconds = Some(s);
        t
    };
    let user_dedicated = tol(json!({"key": "dedicated", "value": "user1", "effect": "NoSchedule"}));
    let not_ready = exists(TAINT_NODE_NOT_READY, TaintEffect::NoExecute);
    let unreachable = exists(TAINT_NODE_UNREACHABLE, TaintEffect::NoExecute);
    let defaults = upstream_defaults(false);

    struct Case {
        name: &'static str,
        user: Vec<Toleration>,
        host_network: bool,
        want: Vec<Toleration>,
    }
    let cases = vec![
        Case {
            name: "no user tolerations: the six defaults in order",
            user: vec![],
            host_network: false,
            want: defaults.clone(),
        },
        Case {
            name: "hostNetwork: network-unavailable appended last",
            user: vec![],
            host_network: true,
            want: upstream_defaults(true),
        },
        Case {
            name: "unrelated user toleration kept first, defaults appended",
            user: vec![user_dedicated.clone()],
            host_network: false,
            want: [vec![user_dedicated.clone()], defaults.clone()].concat(),
        },
        Case {
            name: "not-ready Exists NoExecute tolerationSeconds 300 replaced in place without seconds",
            user: vec![
                user_dedicated.clone(),
                seconds(json!({"key": TAINT_NODE_NOT_READY, "operator": "Exists", "effect": "NoExecute"}), 300),
            ],
            host_network: false,
            want: [vec![user_dedicated.clone()], defaults.clone()].concat(),
        },
        Case {
            name: "not-ready with operator Equal does not MatchToleration: kept, default appended",
            user: vec![tol(json!({"key": TAINT_NODE_NOT_READY, "operator": "Equal", "effect": "NoExecute"}))],
            host_network: false,
            want: [
                vec![tol(json!({"key": TAINT_NODE_NOT_READY, "operator": "Equal", "effect": "NoExecute"}))],
                defaults.clone(),
            ]
            .concat(),
        },
        Case {
            name: "not-ready Exists without effect does not MatchToleration: kept, default appended",
            user: vec![tol(json!({"key": TAINT_NODE_NOT_READY, "operator": "Exists"}))],
            host_network: false,
            want: [vec![tol(json!({"key": TAINT_NODE_NOT_READY, "operator": "Exists"}))], defaults.clone()].concat(),
        },
        Case {
            name: "two matching user entries are both replaced in place",
            user: vec![
                seconds(json!({"key": TAINT_NODE_UNREACHABLE, "operator": "Exists", "effect": "NoExecute"}), 10),
                seconds(json!({"key": TAINT_NODE_UNREACHABLE, "operator": "Exists", "effect": "NoExecute"}), 20),
            ],
            host_network: false,
            // not-ready has no match and is appended first; both unreachable
            // entries become the default; the rest are appended in order.
            want: vec![
                unreachable.clone(),
                unreachable.clone(),
                not_ready.clone(),
                defaults[2].clone(),
                defaults[3].clone(),
                defaults[4].clone(),
                defaults[5].clone(),
            ],
        },
        Case {
            name: "network-unavailable without hostNetwork is just a user toleration",
            user: vec![exists(TAINT_NODE_NETWORK_UNAVAILABLE, TaintEffect::NoSchedule)],
            host_network: false,
            want: [vec![exists(TAINT_NODE_NETWORK_UNAVAILABLE, TaintEffect::NoSchedule)], defaults.clone()].concat(),
        },
        Case {
            name: "network-unavailable with hostNetwork is replaced in place, not duplicated",
            user: vec![seconds(
                json!({"key": TAINT_NODE_NETWORK_UNAVAILABLE, "operator": "Exists", "effect": "NoSchedule"}),
                5,
            )],
            host_network: true,
            want: [
                vec![exists(TAINT_NODE_NETWORK_UNAVAILABLE, TaintEffect::NoSchedule)],
                defaults.clone(),
            ]
            .concat(),
        },
        Case {
            name: "a toleration identical to a default stays where it is",
            user: vec![user_dedicated.clone(), exists(TAINT_NODE_PID_PRESSURE, TaintEffect::NoSchedule)],
            host_network: false,
            want: vec![
                user_dedicated.clone(),
                exists(TAINT_NODE_PID_PRESSURE, TaintEffect::NoSchedule),
                defaults[0].clone(),
                defaults[1].clone(),
                defaults[2].clone(),
                defaults[3].clone(),
                defaults[5].clone(),
            ],
        },
    ];
    for case in cases {
        assert_eq!(
            with_daemon_tolerations(&case.user, case.host_network),
            case.want,
            "{}",
            case.name
        );
    }
}

/// `Toleration.MatchToleration`: key, effect, operator and value equal;
/// `tolerationSeconds` is not compared.
#[test]
fn upstream_match_toleration() {
    let base = tol(json!({"key": "k", "operator": "Equal", "value": "v", "effect": "NoExecute"}));
    let mut with_seconds = base.clone();
    with_seconds.toleration_seconds = Some(30);
    assert!(base.same_as(&with_seconds));
    for other in [
        json!({"key": "x", "operator": "Equal", "value": "v", "effect": "NoExecute"}),
        json!({"key": "k", "operator": "Exists", "value": "v", "effect": "NoExecute"}),
        json!({"key": "k", "operator": "Equal", "value": "w", "effect": "NoExecute"}),
        json!({"key": "k", "operator": "Equal", "value": "v", "effect": "NoSchedule"}),
        json!({"key": "k", "operator": "Equal", "value": "v"}),
    ] {
        assert!(!base.same_as(&tol(other.clone())), "{other}");
    }
}

// ---------------------------------------------------------------------------
// SEMANTICS §11 cases 4-7, 24, 25 at the toleration level (the same cases
// through `Placement` are in tests/scheduling_eligibility.rs)
// ---------------------------------------------------------------------------

#[test]
fn semantics_11_case_4_exists_without_key_or_effect_tolerates_every_taint() {
    let t = tol(json!({"operator": "Exists"}));
    for spec in [
        "k=v:NoSchedule",
        "k=v:NoExecute",
        "k:PreferNoSchedule",
        "node.kubernetes.io/not-ready:NoSchedule",
        "other.example.com/x=y:NoExecute",
    ] {
        assert!(
            t.tolerates(&taint_str(spec)),
            "SEMANTICS §11 case 4: {spec}"
        );
    }
}

#[test]
fn semantics_11_case_5_key_exists_without_effect_tolerates_every_effect() {
    let t = tol(json!({"key": "k", "operator": "Exists"}));
    assert!(
        t.tolerates(&taint_str("k:NoSchedule")),
        "SEMANTICS §11 case 5"
    );
    assert!(
        t.tolerates(&taint_str("k:NoExecute")),
        "SEMANTICS §11 case 5"
    );
    assert!(
        t.tolerates(&taint_str("k=anything:NoExecute")),
        "SEMANTICS §11 case 5"
    );
    assert!(
        !t.tolerates(&taint_str("other:NoSchedule")),
        "SEMANTICS §11 case 5"
    );
}

#[test]
fn semantics_11_case_6_equal_is_case_sensitive() {
    let t = tol(json!({"key": "k", "value": "V"}));
    assert!(
        !t.tolerates(&taint_str("k=v:NoSchedule")),
        "SEMANTICS §11 case 6"
    );
    assert!(
        t.tolerates(&taint_str("k=V:NoSchedule")),
        "SEMANTICS §11 case 6"
    );
}

#[test]
fn semantics_11_case_7_equal_empty_value_tolerates_empty_taint_value() {
    let t = tol(json!({"key": "k", "operator": "Equal", "value": ""}));
    assert!(
        t.tolerates(&taint_str("k:NoSchedule")),
        "SEMANTICS §11 case 7"
    );
    assert!(
        !t.tolerates(&taint_str("k=x:NoSchedule")),
        "SEMANTICS §11 case 7"
    );
}

#[test]
fn semantics_11_case_24_not_ready_toleration_seconds_dropped() {
    let user = tol(json!({
        "key": "node.kubernetes.io/not-ready", "operator": "Exists",
        "effect": "NoExecute", "tolerationSeconds": 300
    }));
    assert_eq!(user.toleration_seconds, Some(300));
    let merged = with_daemon_tolerations(&[user], false);
    let not_ready: Vec<&Toleration> = merged
        .iter()
        .filter(|t| t.key == TAINT_NODE_NOT_READY)
        .collect();
    assert_eq!(
        not_ready,
        vec![&exists(TAINT_NODE_NOT_READY, TaintEffect::NoExecute)],
        "SEMANTICS §11 case 24"
    );
    assert!(
        merged.iter().all(|t| t.toleration_seconds.is_none()),
        "SEMANTICS §11 case 24"
    );
}

#[test]
fn semantics_11_case_25_comparison_operators_gate() {
    let gt = tol(json!({"key": "level", "operator": "Gt", "value": "100", "effect": "NoSchedule"}));
    let lt = tol(json!({"key": "level", "operator": "Lt", "value": "300", "effect": "NoSchedule"}));
    let t200 = taint_str("level=200:NoSchedule");
    // Gate off: never tolerates.
    assert!(!gt.tolerates_with(&t200, false), "SEMANTICS §11 case 25");
    assert!(!lt.tolerates_with(&t200, false), "SEMANTICS §11 case 25");
    // Gate on: Gt "100" tolerates 200, not 100, not 0200.
    assert!(gt.tolerates_with(&t200, true), "SEMANTICS §11 case 25");
    assert!(
        !gt.tolerates_with(&taint_str("level=100:NoSchedule"), true),
        "SEMANTICS §11 case 25"
    );
    assert!(
        !gt.tolerates_with(&taint_str("level=0200:NoSchedule"), true),
        "SEMANTICS §11 case 25"
    );
    assert!(lt.tolerates_with(&t200, true), "SEMANTICS §11 case 25");
}
