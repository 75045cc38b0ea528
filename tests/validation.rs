//! Table-driven tests of `validate_daemon_set` and `validate_node`, ported
//! from upstream's tables and from SEMANTICS.md §2.
//!
//! Sources (kubernetes/kubernetes):
//! - `pkg/apis/apps/validation/validation_test.go`: `TestValidateDaemonSet`,
//!   `TestDaemonSetUpdateMaxSurge` (create-time rules only; the update tests
//!   are out of scope).
//! - `pkg/apis/core/validation/validation_test.go`: the toleration and node
//!   affinity cases of `TestValidatePod`, the template-relevant cases of
//!   `TestValidatePodSpec`, the taint cases of `TestValidateNode`.
//!
//! Every case names its upstream test and case (or the SEMANTICS rule) and
//! asserts the complete error list, in order, as `FieldError`'s Display
//! renders it: `<path>: <Type>[: <value>][: <detail>]`. Upstream renders a
//! composite bad value (a label map, a selector, a strategy struct) as JSON in
//! current releases; the crate keeps Go's `%#v`-style rendering there, so
//! such values are matched with the `<any>` wildcard. Scalar values (strings,
//! integers, int-or-percent) are asserted exactly.
//!
//! Upstream validates the *internal* (defaulted) object; these tests feed
//! `apps/v1` JSON, which `validate_daemon_set` defaults first (strategy
//! `RollingUpdate` with `maxUnavailable: 1`, `maxSurge: 0`; `restartPolicy:
//! Always`; ...). Where an upstream case relies on an internal zero value
//! (for example an unset `maxSurge` of the internal `RollingUpdateDaemonSet`,
//! which is 0, not the v1 default), the port spells that zero out.

use daemonset_planner::model::{DaemonSet, Node};
use daemonset_planner::validate::{
    FieldError, FieldErrorKind, ValidationOptions, validate_daemon_set, validate_node,
};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Upstream messages (apimachinery `validation.go` / `content`), spelled out
// here rather than taken from the crate so a drift in the crate shows up.

const NAME_PART_REGEX: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_REGEX: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const DNS_LABEL_REGEX: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS_SUBDOMAIN_REGEX: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const PERCENT_REGEX: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const KEY_SLASHES: &str = "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const MISMATCH: &str = "spec.template.metadata.labels: Invalid value: <any>: `selector` does not match template `labels`";
const REQUIRED_BOTH_ZERO: &str = "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0";
const EFFECTS: &str = "supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"";

// ---------------------------------------------------------------------------
// Harness

/// Upstream's `validPodTemplate` as a v1 DaemonSet: name `abc` in
/// `default`, selector and template labels `a: b`, one container built like
/// `podtest.MakeContainer("ctr")`.
fn base_ds() -> Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {"name": "abc", "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": {"a": "b"}},
            "template": {
                "metadata": {"labels": {"a": "b"}},
                "spec": {
                    "containers": [{
                        "name": "ctr",
                        "image": "image",
                        "imagePullPolicy": "IfNotPresent",
                        "terminationMessagePolicy": "File"
                    }]
                }
            }
        }
    })
}

fn base_node() -> Value {
    json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "dedicated-node1"}})
}

/// Removes `key` from the object at `value`.
fn remove(value: &mut Value, key: &str) {
    value
        .as_object_mut()
        .expect("an object")
        .remove(key)
        .expect("the key is present");
}

/// `spec.template.spec` of a DaemonSet document.
fn pod_spec(ds: &mut Value) -> &mut Value {
    &mut ds["spec"]["template"]["spec"]
}

/// Matches `got` against `want`, where `<any>` in `want` stands for any text.
fn glob(want: &str, got: &str) -> bool {
    let mut parts = want.split("<any>");
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = got.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (index, part) in parts.iter().enumerate() {
        if index + 1 == parts.len() {
            return rest.len() >= part.len() && rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Compares a whole error list with the expected one; returns a report of
/// the mismatch, if any.
fn compare(name: &str, got: &[FieldError], want: &[&str]) -> Option<String> {
    let got: Vec<String> = got.iter().map(ToString::to_string).collect();
    let same = got.len() == want.len() && got.iter().zip(want).all(|(g, w)| glob(w, g));
    (!same).then(|| format!("case {name:?}\n  want: {want:#?}\n  got:  {got:#?}"))
}

struct DsCase {
    /// Upstream test and case, or the SEMANTICS rule.
    name: &'static str,
    edit: fn(&mut Value),
    want: &'static [&'static str],
}

struct NodeCase {
    name: &'static str,
    edit: fn(&mut Value),
    want: &'static [&'static str],
}

fn run_ds(cases: &[DsCase], options: &ValidationOptions) {
    let mut failures = Vec::new();
    for case in cases {
        let mut document = base_ds();
        (case.edit)(&mut document);
        let ds: DaemonSet = serde_json::from_value(document)
            .unwrap_or_else(|e| panic!("case {:?}: not a DaemonSet: {e}", case.name));
        let errors = validate_daemon_set(&ds, options);
        failures.extend(compare(case.name, &errors, case.want));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn run_node(cases: &[NodeCase]) {
    let mut failures = Vec::new();
    for case in cases {
        let mut document = base_node();
        (case.edit)(&mut document);
        let node: Node = serde_json::from_value(document)
            .unwrap_or_else(|e| panic!("case {:?}: not a Node: {e}", case.name));
        failures.extend(compare(case.name, &validate_node(&node), case.want));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn harness_glob() {
    assert!(glob("a: <any>: b", "a: {\"x\":1}: b"));
    assert!(glob("a", "a"));
    assert!(!glob("a", "ab"));
    assert!(!glob("a: <any>: b", "a: b"));
    assert!(glob("<any>", ""));
    assert!(glob("x <any> y <any> z", "x 1 y 2 z"));
    assert!(!glob("x <any> y <any> z", "x 1 z"));
}

#[test]
fn base_documents_are_valid() {
    run_ds(
        &[DsCase {
            name: "base",
            edit: |_| {},
            want: &[],
        }],
        &ValidationOptions::default(),
    );
    run_node(&[NodeCase {
        name: "base",
        edit: |_| {},
        want: &[],
    }]);
}

// ---------------------------------------------------------------------------
// TestValidateDaemonSet

#[test]
fn upstream_validate_daemon_set() {
    let cases = [
        DsCase {
            name: "TestValidateDaemonSet/successCases[0] abc OnDelete",
            edit: |d| d["spec"]["updateStrategy"] = json!({"type": "OnDelete"}),
            want: &[],
        },
        DsCase {
            name: "TestValidateDaemonSet/successCases[1] abc-123 OnDelete",
            edit: |d| {
                d["metadata"]["name"] = json!("abc-123");
                d["spec"]["updateStrategy"] = json!({"type": "OnDelete"});
            },
            want: &[],
        },
        DsCase {
            name: "TestValidateDaemonSet/successCases[2] hostnet",
            edit: |d| {
                d["metadata"]["name"] = json!("hostnet");
                d["spec"]["updateStrategy"] = json!({"type": "OnDelete"});
                let spec = pod_spec(d);
                spec["hostNetwork"] = json!(true);
                spec["containers"] = json!([{
                    "name": "abc", "image": "image",
                    "ports": [{"containerPort": 12345, "protocol": "TCP"}]
                }]);
            },
            want: &[],
        },
        DsCase {
            name: "TestValidateDaemonSet/zero-length ID",
            edit: |d| d["metadata"]["name"] = json!(""),
            want: &["metadata.name: Required value: name or generateName is required"],
        },
        DsCase {
            // Deliberate deviation: the planner reads manifests the way
            // `kubectl apply` sends them, with the namespace filled in from
            // the context (`default`), so an absent namespace is not an error.
            name: "TestValidateDaemonSet/missing-namespace (namespace defaulted)",
            edit: |d| {
                d["metadata"] = json!({"name": "abc-123"});
            },
            want: &[],
        },
        DsCase {
            name: "TestValidateDaemonSet/nil selector",
            edit: |d| remove(&mut d["spec"], "selector"),
            want: &[MISMATCH],
        },
        DsCase {
            name: "TestValidateDaemonSet/empty selector",
            edit: |d| d["spec"]["selector"] = json!({}),
            want: &["spec.selector: Invalid value: <any>: empty selector is invalid for daemonset"],
        },
        DsCase {
            name: "TestValidateDaemonSet/selector_doesnt_match",
            edit: |d| d["spec"]["selector"] = json!({"matchLabels": {"foo": "bar"}}),
            want: &[MISMATCH],
        },
        DsCase {
            name: "TestValidateDaemonSet/invalid template",
            edit: |d| remove(&mut d["spec"], "template"),
            want: &[MISMATCH, "spec.template.spec.containers: Required value"],
        },
        DsCase {
            name: "TestValidateDaemonSet/invalid_label",
            edit: |d| {
                d["metadata"]["name"] = json!("abc-123");
                d["metadata"]["labels"] = json!({"NoUppercaseOrSpecialCharsLike=Equals": "bar"});
            },
            want: &[
                "metadata.labels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ],
        },
        DsCase {
            name: "TestValidateDaemonSet/invalid_label 2",
            edit: |d| {
                d["metadata"]["name"] = json!("abc-123");
                d["metadata"]["labels"] = json!({"NoUppercaseOrSpecialCharsLike=Equals": "bar"});
                remove(&mut d["spec"], "selector");
                remove(&mut d["spec"]["template"], "metadata");
            },
            want: &[
                "metadata.labels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": name part must consist of <any>",
                MISMATCH,
            ],
        },
        DsCase {
            name: "TestValidateDaemonSet/invalid_annotation",
            edit: |d| {
                d["metadata"]["annotations"] =
                    json!({"NoUppercaseOrSpecialCharsLike=Equals": "bar"});
            },
            want: &[
                "metadata.annotations: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": name part must consist of <any>",
            ],
        },
        DsCase {
            name: "TestValidateDaemonSet/invalid restart policy 1",
            edit: |d| {
                remove(&mut d["spec"]["template"], "metadata");
                pod_spec(d)["restartPolicy"] = json!("OnFailure");
            },
            want: &[
                MISMATCH,
                "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
            ],
        },
        DsCase {
            name: "TestValidateDaemonSet/invalid restart policy 2",
            edit: |d| {
                remove(&mut d["spec"]["template"], "metadata");
                pod_spec(d)["restartPolicy"] = json!("Never");
            },
            want: &[
                MISMATCH,
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
            ],
        },
        DsCase {
            name: "TestValidateDaemonSet/template may not contain ephemeral containers",
            edit: |d| {
                d["spec"]["updateStrategy"] = json!({"type": "OnDelete"});
                pod_spec(d)["ephemeralContainers"] = json!([{
                    "name": "debug", "image": "image",
                    "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File"
                }]);
            },
            want: &[
                "spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template",
            ],
        },
    ];
    run_ds(&cases, &ValidationOptions::default());
}

// ---------------------------------------------------------------------------
// TestDaemonSetUpdateMaxSurge (`ValidateRollingUpdateDaemonSet`). The
// internal struct's unset fields are int 0, so both are spelled out.

macro_rules! rolling {
    ($name:literal, $unavailable:tt, $surge:tt, $want:expr) => {
        DsCase {
            name: concat!("TestDaemonSetUpdateMaxSurge/", $name),
            edit: |d| {
                d["spec"]["updateStrategy"] = json!({
                    "type": "RollingUpdate",
                    "rollingUpdate": {"maxUnavailable": $unavailable, "maxSurge": $surge}
                })
            },
            want: $want,
        }
    };
}

#[test]
fn upstream_daemon_set_update_max_surge() {
    const SURGE_1P: &str = "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"1%\": may not be set when maxUnavailable is non-zero";
    let cases = [
        rolling!("invalid: unset", 0, 0, &[REQUIRED_BOTH_ZERO]),
        rolling!("invalid: zero percent", "0%", 0, &[REQUIRED_BOTH_ZERO]),
        rolling!("invalid: zero", 0, 0, &[REQUIRED_BOTH_ZERO]),
        rolling!("valid: one", 1, 0, &[]),
        rolling!("valid: one percent", "1%", 0, &[]),
        rolling!("valid: 100%", "100%", 0, &[]),
        rolling!(
            "invalid: greater than 100%",
            "101%",
            0,
            &[
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"101%\": must not be greater than 100%"
            ]
        ),
        // Upstream's name says "valid" but the case expects an error.
        rolling!("valid: surge and unavailable set", "1%", "1%", &[SURGE_1P]),
        rolling!(
            "invalid: surge enabled, unavailable zero percent",
            "0%",
            0,
            &[REQUIRED_BOTH_ZERO]
        ),
        rolling!(
            "invalid: surge enabled, unavailable zero",
            0,
            0,
            &[REQUIRED_BOTH_ZERO]
        ),
        rolling!("valid: surge enabled, unavailable one", 1, 0, &[]),
        rolling!(
            "valid: surge enabled, unavailable one percent",
            "1%",
            0,
            &[]
        ),
        rolling!("valid: surge enabled, unavailable 100%", "100%", 0, &[]),
        rolling!(
            "invalid: surge enabled, unavailable greater than 100%",
            "101%",
            0,
            &[
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"101%\": must not be greater than 100%"
            ]
        ),
        rolling!(
            "invalid: surge enabled, surge zero percent",
            0,
            "0%",
            &[REQUIRED_BOTH_ZERO]
        ),
        rolling!(
            "invalid: surge enabled, surge zero",
            0,
            0,
            &[REQUIRED_BOTH_ZERO]
        ),
        rolling!("valid: surge enabled, surge one", 0, 1, &[]),
        rolling!("valid: surge enabled, surge one percent", 0, "1%", &[]),
        rolling!("valid: surge enabled, surge 100%", 0, "100%", &[]),
        rolling!(
            "invalid: surge enabled, surge greater than 100%",
            0,
            "101%",
            &[
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"101%\": must not be greater than 100%"
            ]
        ),
        rolling!(
            "invalid: surge enabled, surge and unavailable set",
            "1%",
            "1%",
            &[SURGE_1P]
        ),
        rolling!(
            "invalid: surge enabled, surge and unavailable zero percent",
            "0%",
            "0%",
            &[REQUIRED_BOTH_ZERO]
        ),
        rolling!(
            "invalid: surge enabled, surge and unavailable zero",
            0,
            0,
            &[REQUIRED_BOTH_ZERO]
        ),
        rolling!(
            "invalid: surge enabled, surge and unavailable mixed zero",
            0,
            "0%",
            &[REQUIRED_BOTH_ZERO]
        ),
    ];
    run_ds(&cases, &ValidationOptions::default());
}

// ---------------------------------------------------------------------------
// Tolerations: TestValidatePod's toleration cases (`ValidateTolerations`),
// plus the branches of SEMANTICS P6 those cases do not reach.

macro_rules! toleration {
    ($name:expr, $toleration:tt, $want:expr) => {
        DsCase {
            name: $name,
            edit: |d| pod_spec(d)["tolerations"] = json!([$toleration]),
            want: $want,
        }
    };
}

#[test]
fn upstream_tolerations() {
    let cases = [
        toleration!(
            "TestValidatePod/populate forgiveness tolerations with exists operator in annotations.",
            {"key": "foo", "operator": "Exists", "value": "", "effect": "NoExecute", "tolerationSeconds": 60},
            &[]
        ),
        toleration!(
            "TestValidatePod/populate forgiveness tolerations with equal operator in annotations.",
            {"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoExecute", "tolerationSeconds": 60},
            &[]
        ),
        toleration!(
            "TestValidatePod/populate tolerations equal operator in annotations.",
            {"key": "foo", "operator": "Equal", "value": "bar", "effect": "NoSchedule"},
            &[]
        ),
        toleration!(
            "TestValidatePod/empty key with Exists operator is OK for toleration, empty toleration key means match all taint keys.",
            {"operator": "Exists", "effect": "NoSchedule"},
            &[]
        ),
        toleration!(
            "TestValidatePod/empty operator is OK for toleration, defaults to Equal.",
            {"key": "foo", "value": "bar", "effect": "NoSchedule"},
            &[]
        ),
        toleration!(
            "TestValidatePod/empty effect is OK for toleration, empty toleration effect means match all taint effects.",
            {"key": "foo", "operator": "Equal", "value": "bar"},
            &[]
        ),
        toleration!(
            "TestValidatePod/negative tolerationSeconds is OK for toleration.",
            {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": -2},
            &[]
        ),
        toleration!(
            "TestValidatePod/invalid toleration key",
            {"key": "nospecialchars^=@", "operator": "Equal", "value": "bar", "effect": "NoSchedule"},
            &["spec.template.spec.tolerations[0].key: Invalid value: \"nospecialchars^=@\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]
        ),
        toleration!(
            "TestValidatePod/invalid toleration operator",
            {"key": "foo", "operator": "In", "value": "bar", "effect": "NoSchedule"},
            &["spec.template.spec.tolerations[0].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\""]
        ),
        toleration!(
            "TestValidatePod/value must be empty when `operator` is 'Exists'",
            {"key": "foo", "operator": "Exists", "value": "bar", "effect": "NoSchedule"},
            &["spec.template.spec.tolerations[0].operator: Invalid value: \"bar\": value must be empty when `operator` is 'Exists'"]
        ),
        toleration!(
            "TestValidatePod/operator must be 'Exists' when `key` is empty",
            {"operator": "Equal", "value": "bar", "effect": "NoSchedule"},
            &["spec.template.spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]
        ),
        toleration!(
            "TestValidatePod/effect must be 'NoExecute' when `TolerationSeconds` is set",
            {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 20},
            &["spec.template.spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]
        ),
        toleration!(
            "P6: tolerationSeconds without any effect",
            {"key": "foo", "operator": "Exists", "tolerationSeconds": 20},
            &["spec.template.spec.tolerations[0].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set"]
        ),
        toleration!(
            "P6: unknown effect (validateTaintEffect, empty allowed)",
            {"key": "foo", "operator": "Exists", "effect": "NoScheduleNoAdmit"},
            &["spec.template.spec.tolerations[0].effect: Unsupported value: \"NoScheduleNoAdmit\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]
        ),
        toleration!(
            "P6: Equal with a value that is not a label value is reported under .operator",
            {"key": "foo", "operator": "Equal", "value": "a b", "effect": "NoSchedule"},
            &["spec.template.spec.tolerations[0].operator: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
        ),
        toleration!(
            "P6: Equal with a 64-byte value",
            {"key": "foo", "value": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
            &["spec.template.spec.tolerations[0].operator: Invalid value: <any>: must be no more than 63 bytes"]
        ),
        toleration!(
            "P6: key with a prefix and an empty name part",
            {"key": "example.com/", "operator": "Exists"},
            &[
                "spec.template.spec.tolerations[0].key: Invalid value: \"example.com/\": name part must be non-empty",
                "spec.template.spec.tolerations[0].key: Invalid value: \"example.com/\": name part must consist of <any>",
            ]
        ),
        toleration!(
            "P6: Lt without the TaintTolerationComparisonOperators gate",
            {"key": "foo", "operator": "Lt", "value": "5", "effect": "NoSchedule"},
            &["spec.template.spec.tolerations[0].operator: Unsupported value: \"Lt\": supported values: \"Equal\", \"Exists\""]
        ),
        toleration!(
            "P6: Gt without the gate",
            {"key": "foo", "operator": "Gt", "value": "5"},
            &["spec.template.spec.tolerations[0].operator: Unsupported value: \"Gt\": supported values: \"Equal\", \"Exists\""]
        ),
        toleration!(
            "P6: empty key, Equal, tolerationSeconds with NoSchedule: two errors in upstream order",
            {"operator": "Equal", "effect": "NoSchedule", "tolerationSeconds": 5},
            &[
                "spec.template.spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
                "spec.template.spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
            ]
        ),
    ];
    run_ds(&cases, &ValidationOptions::default());

    // Only the second toleration is bad: the index is in the path.
    run_ds(
        &[DsCase {
            name: "P6: index of the failing toleration",
            edit: |d| {
                pod_spec(d)["tolerations"] = json!([
                    {"operator": "Exists"},
                    {"key": "k", "operator": "Exists", "value": "v"}
                ])
            },
            want: &[
                "spec.template.spec.tolerations[1].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
            ],
        }],
        &ValidationOptions::default(),
    );
}

#[test]
fn tolerations_with_comparison_operators_gate() {
    let gate = ValidationOptions {
        taint_comparison_operators: true,
    };
    let cases = [
        toleration!(
            "P6 gate on: Lt with a decimal integer",
            {"key": "foo", "operator": "Lt", "value": "5", "effect": "NoSchedule"},
            &[]
        ),
        toleration!(
            "P6 gate on: Gt with a decimal integer",
            {"key": "foo", "operator": "Gt", "value": "100"},
            &[]
        ),
        toleration!(
            "P6 gate on: Gt with a non-integer value",
            {"key": "foo", "operator": "Gt", "value": "abc"},
            &["spec.template.spec.tolerations[0].value: Invalid value: \"abc\": <any>"]
        ),
        toleration!(
            "P6 gate on: unknown operator lists the comparison operators",
            {"key": "foo", "operator": "In", "value": "5"},
            &["spec.template.spec.tolerations[0].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\", \"Gt\", \"Lt\""]
        ),
    ];
    run_ds(&cases, &gate);
}

// ---------------------------------------------------------------------------
// Node affinity: TestValidatePod / TestValidatePodSpec node-affinity cases
// (`validateNodeAffinity`, `ValidateNodeSelector`, `ValidateNodeSelectorTerm`,
// `ValidateNodeSelectorRequirement`, `ValidateNodeFieldSelectorRequirement`,
// `ValidatePreferredSchedulingTerms`), plus SEMANTICS P5.

macro_rules! required_terms {
    ($name:expr, $terms:tt, $want:expr) => {
        DsCase {
            name: $name,
            edit: |d| {
                pod_spec(d)["affinity"] = json!({"nodeAffinity": {
                    "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": $terms}
                }})
            },
            want: $want,
        }
    };
}

macro_rules! preferred_terms {
    ($name:expr, $terms:tt, $want:expr) => {
        DsCase {
            name: $name,
            edit: |d| {
                pod_spec(d)["affinity"] = json!({"nodeAffinity": {
                    "preferredDuringSchedulingIgnoredDuringExecution": $terms
                }})
            },
            want: $want,
        }
    };
}

#[test]
fn upstream_node_affinity() {
    let cases = [
        DsCase {
            name: "TestValidatePod/serialized node affinity requirements (TestValidatePodSpec/populate Affinity)",
            edit: |d| {
                pod_spec(d)["affinity"] = json!({"nodeAffinity": {
                    "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{
                        "matchExpressions": [{"key": "key2", "operator": "In", "values": ["value1", "value2"]}],
                        "matchFields": [{"key": "metadata.name", "operator": "In", "values": ["host1"]}]
                    }]},
                    "preferredDuringSchedulingIgnoredDuringExecution": [{
                        "weight": 10,
                        "preference": {"matchExpressions": [{"key": "foo", "operator": "In", "values": ["bar"]}]}
                    }]
                }})
            },
            want: &[],
        },
        DsCase {
            name: "TestValidatePod/serialized node affinity requirements, II",
            edit: |d| {
                pod_spec(d)["affinity"] = json!({"nodeAffinity": {
                    "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": []}]},
                    "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 10, "preference": {"matchExpressions": []}}]
                }})
            },
            want: &[],
        },
        required_terms!(
            "TestValidatePod/invalid node selector requirement in node affinity, operator can't be null",
            [{"matchExpressions": [{"key": "key1", "operator": ""}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"\": not a valid selector operator"]
        ),
        required_terms!(
            "TestValidatePod/invalid node selector requirement in node affinity, key is invalid",
            [{"matchExpressions": [{"key": "invalid key ___@#", "operator": "Exists"}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: Invalid value: \"invalid key ___@#\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]
        ),
        required_terms!(
            "TestValidatePod/invalid node field selector requirement in node affinity, more values for field selector",
            [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["host1", "host2"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector"]
        ),
        required_terms!(
            "TestValidatePod/invalid node field selector requirement in node affinity, invalid operator",
            [{"matchFields": [{"key": "metadata.name", "operator": "Exists"}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].operator: Invalid value: \"Exists\": not a valid selector operator"]
        ),
        required_terms!(
            "TestValidatePod/invalid node field selector requirement in node affinity, invalid key",
            [{"matchFields": [{"key": "metadata.namespace", "operator": "In", "values": ["ns1"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key: Invalid value: \"metadata.namespace\": not a valid field selector key"]
        ),
        preferred_terms!(
            "TestValidatePod/invalid preferredSchedulingTerm in node affinity, weight should be in range 1-100",
            [{"weight": 199, "preference": {"matchExpressions": [{"key": "foo", "operator": "In", "values": ["bar"]}]}}],
            &["spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 199: must be in the range 1-100"]
        ),
        required_terms!(
            "TestValidatePod/invalid requiredDuringSchedulingIgnoredDuringExecution node selector, nodeSelectorTerms must have at least one term",
            [],
            &[
                "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term"
            ]
        ),
        // SEMANTICS P5, the branches above do not reach.
        required_terms!("P5: an empty term is valid", [{}], &[]),
        required_terms!(
            "P5: In without values",
            [{"matchExpressions": [{"key": "k", "operator": "In", "values": []}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        ),
        required_terms!(
            "P5: NotIn without values",
            [{"matchExpressions": [{"key": "k", "operator": "NotIn"}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        ),
        required_terms!(
            "P5: Exists with values",
            [{"matchExpressions": [{"key": "k", "operator": "Exists", "values": ["v"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]
        ),
        required_terms!(
            "P5: DoesNotExist with values",
            [{"matchExpressions": [{"key": "k", "operator": "DoesNotExist", "values": ["v"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]
        ),
        required_terms!(
            "P5: Gt with two values",
            [{"matchExpressions": [{"key": "k", "operator": "Gt", "values": ["1", "2"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"]
        ),
        required_terms!(
            "P5: Lt without values",
            [{"matchExpressions": [{"key": "k", "operator": "Lt"}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"]
        ),
        required_terms!(
            "P5: Gt with a non-integer label value is valid (only matching parses it)",
            [{"matchExpressions": [{"key": "k", "operator": "Gt", "values": ["abc"]}]}],
            &[]
        ),
        required_terms!(
            "P5: Gt \"-1\" is not a label value",
            [{"matchExpressions": [{"key": "k", "operator": "Gt", "values": ["-1"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: \"-1\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
        ),
        required_terms!(
            "P5: unknown operator",
            [{"matchExpressions": [{"key": "k", "operator": "Foo", "values": ["v"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"Foo\": not a valid selector operator"]
        ),
        required_terms!(
            "P5: errors of the second term carry its index",
            [{"matchExpressions": [{"key": "k", "operator": "Exists"}]}, {"matchExpressions": [{"key": "k", "operator": "In"}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        ),
        required_terms!(
            "P5: matchFields NotIn with one value is valid",
            [{"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["n1"]}]}],
            &[]
        ),
        required_terms!(
            "P5: matchFields value must be a node name",
            [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["Node_1"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]
        ),
        required_terms!(
            "P5: matchFields with two values (upstream: Required on .values)",
            [{"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["a", "b"]}]}],
            &["spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector"]
        ),
        preferred_terms!(
            "P5: preferred terms skip the label-value check",
            [{"weight": 1, "preference": {"matchExpressions": [{"key": "k", "operator": "In", "values": ["-1"]}]}}],
            &[]
        ),
        preferred_terms!(
            "P5: preferred weight 0",
            [{"weight": 0, "preference": {}}],
            &["spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"]
        ),
        preferred_terms!(
            "P5: preferred term keys are still checked",
            [{"weight": 100, "preference": {"matchExpressions": [{"key": "a/b/c", "operator": "Exists"}]}}],
            &["spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key: Invalid value: \"a/b/c\": a valid label key must consist of <any>"]
        ),
    ];
    run_ds(&cases, &ValidationOptions::default());
}

// ---------------------------------------------------------------------------
// Taints: TestValidateNode (`validateNodeTaints`) and SEMANTICS §2.4. The
// crate reports taint errors under `spec.taints[i]`, where upstream says
// `metadata.taints[i]` (an upstream quirk SEMANTICS lets the crate fix).

macro_rules! taints {
    ($name:expr, $taints:tt, $want:expr) => {
        NodeCase {
            name: $name,
            edit: |n| n["spec"] = json!({"taints": $taints}),
            want: $want,
        }
    };
}

#[test]
fn upstream_node_taints() {
    let cases = [
        taints!(
            "TestValidateNode/successCases dedicated-node1 (GPU=true:NoSchedule)",
            [{"key": "GPU", "value": "true", "effect": "NoSchedule"}],
            &[]
        ),
        taints!(
            "TestValidateNode/missing-taint-key",
            [{"key": "", "value": "special-user-1", "effect": "NoSchedule"}],
            &[
                "spec.taints[0].key: Invalid value: \"\": name part must be non-empty",
                "spec.taints[0].key: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ]
        ),
        taints!(
            "TestValidateNode/bad-taint-key",
            [{"key": "NoUppercaseOrSpecialCharsLike=Equals", "value": "special-user-1", "effect": "NoSchedule"}],
            &["spec.taints[0].key: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": name part must consist of <any>"]
        ),
        taints!(
            "TestValidateNode/bad-taint-value",
            [{"key": "dedicated", "value": "some\\bad\\value", "effect": "NoSchedule"}],
            &["spec.taints[0].value: Invalid value: \"some\\\\bad\\\\value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
        ),
        taints!(
            "TestValidateNode/missing-taint-effect",
            [{"key": "dedicated", "value": "special-user-3", "effect": ""}],
            &["spec.taints[0].effect: Required value"]
        ),
        taints!(
            "TestValidateNode/invalid-taint-effect",
            [{"key": "dedicated", "value": "special-user-3", "effect": "NoScheduleNoAdmit"}],
            &["spec.taints[0].effect: Unsupported value: \"NoScheduleNoAdmit\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]
        ),
        taints!(
            "TestValidateNode/duplicated-taints-with-same-key-effect",
            [
                {"key": "dedicated", "value": "special-user-1", "effect": "NoSchedule"},
                {"key": "dedicated", "value": "special-user-2", "effect": "NoSchedule"}
            ],
            &["spec.taints[1]: Duplicate value: <any>: taints must be unique by key and effect pair"]
        ),
        taints!(
            "§2.4: same key, different effects",
            [
                {"key": "dedicated", "effect": "NoSchedule"},
                {"key": "dedicated", "effect": "NoExecute"},
                {"key": "dedicated", "effect": "PreferNoSchedule"}
            ],
            &[]
        ),
        taints!(
            "§2.4: missing effect (absent field)",
            [{"key": "k"}],
            &["spec.taints[0].effect: Required value"]
        ),
        taints!(
            "§2.4: two taints without effect on the same key are duplicates too",
            [{"key": "k"}, {"key": "k", "value": "v"}],
            &[
                "spec.taints[0].effect: Required value",
                "spec.taints[1].effect: Required value",
                "spec.taints[1]: Duplicate value: <any>: taints must be unique by key and effect pair",
            ]
        ),
        taints!(
            "§2.4: the third of three equal taints is reported once, against the first",
            [
                {"key": "k", "effect": "NoExecute"},
                {"key": "j", "effect": "NoExecute"},
                {"key": "k", "effect": "NoExecute"}
            ],
            &["spec.taints[2]: Duplicate value: <any>: taints must be unique by key and effect pair"]
        ),
        taints!(
            "§2.4 + L1: taint key with two slashes",
            [{"key": "a/b/c", "effect": "NoSchedule"}],
            &["spec.taints[0].key: Invalid value: \"a/b/c\": a valid label key must consist of <any> with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        ),
        taints!(
            "§2.4 + L2: taint value of 64 bytes",
            [{"key": "k", "value": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "effect": "NoSchedule"}],
            &["spec.taints[0].value: Invalid value: <any>: must be no more than 63 bytes"]
        ),
        taints!(
            "§2.4: lowercase effect is unknown",
            [{"key": "k", "effect": "noschedule"}],
            &["spec.taints[0].effect: Unsupported value: \"noschedule\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]
        ),
        NodeCase {
            name: "TestValidateNode/zero-length Name",
            edit: |n| n["metadata"] = json!({"name": "", "labels": {"a": "b"}}),
            want: &["metadata.name: Required value: name or generateName is required"],
        },
        NodeCase {
            name: "TestValidateNode/invalid-labels",
            edit: |n| {
                n["metadata"] = json!({
                    "name": "abc-123",
                    "labels": {"NoUppercaseOrSpecialCharsLike=Equals": "b"}
                })
            },
            want: &[
                "metadata.labels: Invalid value: \"NoUppercaseOrSpecialCharsLike=Equals\": name part must consist of <any>",
            ],
        },
        NodeCase {
            name: "ValidateObjectMeta: a Node may not carry a namespace",
            edit: |n| n["metadata"]["namespace"] = json!("default"),
            want: &["metadata.namespace: Forbidden: not allowed on this type"],
        },
        NodeCase {
            name: "ValidateNodeName: node name must be a DNS subdomain",
            edit: |n| n["metadata"]["name"] = json!("Node_1"),
            want: &[
                "metadata.name: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of <any>",
            ],
        },
        NodeCase {
            name: "§2.4: only labels, name and taints are validated (status extras ignored)",
            edit: |n| {
                n["status"] = json!({"allocatable": {"cpu": "4", "pods": "110"}, "conditions": [{"type": "Ready", "status": "True"}]});
                n["spec"] = json!({"unschedulable": true, "taints": [{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}]});
            },
            want: &[],
        },
    ];
    run_node(&cases);
    // Every message above uses the effect list of validateTaintEffect.
    assert!(EFFECTS.contains("PreferNoSchedule"));
}

// ---------------------------------------------------------------------------
// SEMANTICS §2.1: V1-V11.

#[test]
fn semantics_daemon_set_spec_rules() {
    let cases = [
        // V1
        DsCase {
            name: "V1: uppercase name",
            edit: |d| d["metadata"]["name"] = json!("Abc"),
            want: &[
                "metadata.name: Invalid value: \"Abc\": a lowercase RFC 1123 subdomain must consist of <any>",
            ],
        },
        DsCase {
            name: "V1: dotted name is a valid subdomain",
            edit: |d| d["metadata"]["name"] = json!("agent.v2"),
            want: &[],
        },
        DsCase {
            name: "V1: 253 bytes is the limit",
            edit: |d| d["metadata"]["name"] = json!("a".repeat(253)),
            want: &[],
        },
        DsCase {
            name: "V1: 254 bytes",
            edit: |d| d["metadata"]["name"] = json!("a".repeat(254)),
            want: &["metadata.name: Invalid value: <any>: must be no more than 253 bytes"],
        },
        DsCase {
            name: "V1: trailing dash",
            edit: |d| d["metadata"]["name"] = json!("abc-"),
            want: &[
                "metadata.name: Invalid value: \"abc-\": a lowercase RFC 1123 subdomain must consist of <any>",
            ],
        },
        DsCase {
            name: "ValidateObjectMeta: bad namespace",
            edit: |d| d["metadata"]["namespace"] = json!("Kube_System"),
            want: &[
                "metadata.namespace: Invalid value: \"Kube_System\": a lowercase RFC 1123 label must consist of <any>",
            ],
        },
        // V2
        DsCase {
            name: "V2: matchLabels key not a qualified name (conversion fails, no mismatch error)",
            edit: |d| d["spec"]["selector"] = json!({"matchLabels": {"a": "b", "bad key": "x"}}),
            want: &[
                "spec.selector.matchLabels: Invalid value: \"bad key\": name part must consist of <any>",
            ],
        },
        DsCase {
            name: "V2: matchLabels value not a label value",
            edit: |d| {
                d["spec"]["selector"] = json!({"matchLabels": {"a": "b c"}});
                d["spec"]["template"]["metadata"]["labels"] = json!({"a": "b c"});
            },
            want: &[
                "spec.selector.matchLabels: Invalid value: \"b c\": a valid label must be an empty string or consist of <any>",
                "spec.template.labels: Invalid value: \"b c\": a valid label must be an empty string or consist of <any>",
            ],
        },
        DsCase {
            name: "V2: In without values",
            edit: |d| {
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "a", "operator": "In", "values": []}])
            },
            want: &[
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            ],
        },
        DsCase {
            name: "V2: NotIn without values",
            edit: |d| {
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "a", "operator": "NotIn"}])
            },
            want: &[
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            ],
        },
        DsCase {
            name: "V2: Exists with values",
            edit: |d| {
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "a", "operator": "Exists", "values": ["b"]}])
            },
            want: &[
                "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ],
        },
        DsCase {
            name: "V2: DoesNotExist with values",
            edit: |d| {
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "z", "operator": "DoesNotExist", "values": ["b"]}])
            },
            want: &[
                "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ],
        },
        DsCase {
            name: "V2: unknown selector operator",
            edit: |d| {
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "a", "operator": "Equals", "values": ["b"]}])
            },
            want: &[
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator",
            ],
        },
        DsCase {
            name: "V2: Gt is not a label selector operator",
            edit: |d| {
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "a", "operator": "Gt", "values": ["1"]}])
            },
            want: &[
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator",
            ],
        },
        DsCase {
            name: "V2: expression key not a qualified name",
            edit: |d| {
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "-a", "operator": "Exists"}])
            },
            want: &[
                "spec.selector.matchExpressions[0].key: Invalid value: \"-a\": name part must consist of <any>",
            ],
        },
        DsCase {
            name: "V2: expression value not a label value",
            edit: |d| {
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "a", "operator": "In", "values": ["b", "-x"]}])
            },
            want: &[
                "spec.selector.matchExpressions[0].values[1]: Invalid value: \"-x\": a valid label must be an empty string or consist of <any>",
            ],
        },
        // V3
        DsCase {
            name: "V3: empty selector (matches everything, so no mismatch error)",
            edit: |d| d["spec"]["selector"] = json!({"matchLabels": {}, "matchExpressions": []}),
            want: &["spec.selector: Invalid value: <any>: empty selector is invalid for daemonset"],
        },
        // V4
        DsCase {
            name: "V4: In expression that matches the template labels",
            edit: |d| {
                d["spec"]["selector"] = json!({"matchExpressions": [{"key": "a", "operator": "In", "values": ["x", "b"]}]})
            },
            want: &[],
        },
        DsCase {
            name: "V4: NotIn expression that excludes the template labels",
            edit: |d| {
                d["spec"]["selector"] = json!({"matchExpressions": [{"key": "a", "operator": "NotIn", "values": ["b"]}]})
            },
            want: &[MISMATCH],
        },
        DsCase {
            name: "V4: template with no labels at all",
            edit: |d| remove(&mut d["spec"]["template"]["metadata"], "labels"),
            want: &[MISMATCH],
        },
        DsCase {
            name: "V4: extra template labels are fine",
            edit: |d| {
                d["spec"]["template"]["metadata"]["labels"] = json!({"a": "b", "tier": "node"})
            },
            want: &[],
        },
        DsCase {
            name: "V4: label values are case-sensitive",
            edit: |d| d["spec"]["template"]["metadata"]["labels"] = json!({"a": "B"}),
            want: &[MISMATCH],
        },
        // V6
        DsCase {
            name: "V6: restartPolicy unknown to ValidatePodSpec too (TestValidatePodSpec/bad restart policy)",
            edit: |d| pod_spec(d)["restartPolicy"] = json!("UnknowPolicy"),
            want: &[
                "spec.template.spec.restartPolicy: Unsupported value: \"UnknowPolicy\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.template.spec.restartPolicy: Unsupported value: \"UnknowPolicy\": supported values: \"Always\"",
            ],
        },
        DsCase {
            name: "V6: explicit Always",
            edit: |d| pod_spec(d)["restartPolicy"] = json!("Always"),
            want: &[],
        },
        // V7
        DsCase {
            name: "V7: activeDeadlineSeconds set",
            edit: |d| pod_spec(d)["activeDeadlineSeconds"] = json!(60),
            want: &[
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
            ],
        },
        DsCase {
            name: "V7 + TestValidatePodSpec/bad-active-deadline-seconds (0)",
            edit: |d| pod_spec(d)["activeDeadlineSeconds"] = json!(0),
            want: &[
                "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
            ],
        },
        DsCase {
            name: "V7 + TestValidatePodSpec/active-deadline-seconds-too-large",
            edit: |d| pod_spec(d)["activeDeadlineSeconds"] = json!(2_147_483_648_i64),
            want: &[
                "spec.template.spec.activeDeadlineSeconds: Invalid value: 2147483648: must be between 1 and 2147483647, inclusive",
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
            ],
        },
        // V8
        DsCase {
            name: "V8: negative minReadySeconds",
            edit: |d| d["spec"]["minReadySeconds"] = json!(-1),
            want: &["spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"],
        },
        DsCase {
            name: "V8: negative revisionHistoryLimit",
            edit: |d| d["spec"]["revisionHistoryLimit"] = json!(-1),
            want: &[
                "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
            ],
        },
        DsCase {
            name: "V8: revisionHistoryLimit 0 is valid",
            edit: |d| d["spec"]["revisionHistoryLimit"] = json!(0),
            want: &[],
        },
        DsCase {
            name: "V8: minReadySeconds 0 and large are valid",
            edit: |d| d["spec"]["minReadySeconds"] = json!(2_147_483_647),
            want: &[],
        },
        // V9
        DsCase {
            name: "V9: unknown strategy type",
            edit: |d| d["spec"]["updateStrategy"] = json!({"type": "Recreate"}),
            want: &[
                "spec.updateStrategy: Unsupported value: <any>: supported values: \"RollingUpdate\", \"OnDelete\"",
            ],
        },
        DsCase {
            name: "V9: OnDelete ignores rollingUpdate (even an invalid one)",
            edit: |d| d["spec"]["updateStrategy"] = json!({"type": "OnDelete", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "x"}}),
            want: &[],
        },
        DsCase {
            name: "V9: RollingUpdate with rollingUpdate null is defaulted",
            edit: |d| {
                d["spec"]["updateStrategy"] =
                    json!({"type": "RollingUpdate", "rollingUpdate": null})
            },
            want: &[],
        },
        DsCase {
            name: "V9: empty type is defaulted to RollingUpdate",
            edit: |d| d["spec"]["updateStrategy"] = json!({"type": ""}),
            want: &[],
        },
        // V10
        DsCase {
            name: "V10: percent without % (\"10\"), counted as non-zero by Atoi",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] =
                    json!({"maxUnavailable": 0, "maxSurge": "10"})
            },
            want: &[
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"10\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
            ],
        },
        DsCase {
            name: "V10: maxUnavailable \"10\"",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] = json!({"maxUnavailable": "10"})
            },
            want: &[
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"10\": a valid percent string must be a numeric string followed by an ending '%' <any>",
            ],
        },
        DsCase {
            name: "V10: non-numeric string reads as 0, so both are zero",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] = json!({"maxUnavailable": "abc"})
            },
            want: &[
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"abc\": a valid percent string <any>",
                REQUIRED_BOTH_ZERO,
            ],
        },
        DsCase {
            name: "V10: negative percent",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] = json!({"maxUnavailable": "-5%"})
            },
            want: &[
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"-5%\": a valid percent string <any>",
                REQUIRED_BOTH_ZERO,
            ],
        },
        DsCase {
            name: "V10: negative integer",
            edit: |d| d["spec"]["updateStrategy"]["rollingUpdate"] = json!({"maxUnavailable": -1}),
            want: &[
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0",
            ],
        },
        DsCase {
            name: "V10: more than 100%",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] = json!({"maxUnavailable": "150%"})
            },
            want: &[
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%",
            ],
        },
        DsCase {
            name: "V10: leading zeros are a valid percent",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] = json!({"maxUnavailable": "007%"})
            },
            want: &[],
        },
        DsCase {
            name: "V10: both invalid, both reported before the zero check",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] =
                    json!({"maxUnavailable": "x", "maxSurge": "y"})
            },
            want: &[
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"x\": a valid percent string <any>",
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"y\": a valid percent string <any>",
                REQUIRED_BOTH_ZERO,
            ],
        },
        // V11
        DsCase {
            name: "V11: maxSurge alone keeps the defaulted maxUnavailable 1",
            edit: |d| d["spec"]["updateStrategy"]["rollingUpdate"] = json!({"maxSurge": 1}),
            want: &[
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
            ],
        },
        DsCase {
            name: "V11: surge with explicit maxUnavailable 0",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] =
                    json!({"maxSurge": 1, "maxUnavailable": 0})
            },
            want: &[],
        },
        DsCase {
            name: "V11: both zero",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] =
                    json!({"maxSurge": 0, "maxUnavailable": 0})
            },
            want: &[REQUIRED_BOTH_ZERO],
        },
        DsCase {
            name: "V11: both non-zero percents",
            edit: |d| {
                d["spec"]["updateStrategy"]["rollingUpdate"] =
                    json!({"maxSurge": "25%", "maxUnavailable": "10%"})
            },
            want: &[
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"25%\": may not be set when maxUnavailable is non-zero",
            ],
        },
    ];
    run_ds(&cases, &ValidationOptions::default());
}

// ---------------------------------------------------------------------------
// SEMANTICS §2.2: L1 (qualified names) and L2 (label values), through the
// DaemonSet's own labels.

macro_rules! label {
    ($name:expr, $key:expr, $value:expr, $want:expr) => {
        DsCase {
            name: $name,
            edit: |d| d["metadata"]["labels"] = json!({$key: $value}),
            want: $want,
        }
    };
}

#[test]
fn semantics_label_keys_and_values() {
    let cases = [
        label!("L1: prefixed key", "example.com/MyName", "v", &[]),
        label!(
            "L1: 63-byte name part",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "v",
            &[]
        ),
        label!(
            "L1: 64-byte name part",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "v",
            &["metadata.labels: Invalid value: <any>: name part must be no more than 63 bytes"]
        ),
        label!(
            "L1: empty prefix",
            "/simple",
            "v",
            &["metadata.labels: Invalid value: \"/simple\": prefix part must be non-empty"]
        ),
        label!(
            "L1: prefix not a DNS subdomain",
            "Example.com/x",
            "v",
            &[
                "metadata.labels: Invalid value: \"Example.com/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
            ]
        ),
        label!(
            "L1: two slashes",
            "a/b/c",
            "v",
            &[
                "metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        ),
        label!(
            "L1: empty name part after a prefix",
            "example.com/",
            "v",
            &[
                "metadata.labels: Invalid value: \"example.com/\": name part must be non-empty",
                "metadata.labels: Invalid value: \"example.com/\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ]
        ),
        label!(
            "L1: leading dash",
            "-a",
            "v",
            &["metadata.labels: Invalid value: \"-a\": name part must consist of <any>"]
        ),
        label!(
            "L1: non-ASCII",
            "café",
            "v",
            &["metadata.labels: Invalid value: \"café\": name part must consist of <any>"]
        ),
        label!("L2: empty value", "k", "", &[]),
        label!(
            "L2: 63-byte value",
            "k",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            &[]
        ),
        label!(
            "L2: 64-byte value",
            "k",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            &["metadata.labels: Invalid value: <any>: must be no more than 63 bytes"]
        ),
        label!(
            "L2: \"-1\"",
            "k",
            "-1",
            &[
                "metadata.labels: Invalid value: \"-1\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
            ]
        ),
        label!(
            "L2: \"+5\"",
            "k",
            "+5",
            &[
                "metadata.labels: Invalid value: \"+5\": a valid label must be an empty string <any>"
            ]
        ),
        label!(
            "L2: \"a b\"",
            "k",
            "a b",
            &[
                "metadata.labels: Invalid value: \"a b\": a valid label must be an empty string <any>"
            ]
        ),
        label!(
            "L2: dots, dashes and underscores inside",
            "k",
            "a.b-c_d",
            &[]
        ),
        label!(
            "L2: 64 bytes and a bad end: both messages",
            "k",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-",
            &[
                "metadata.labels: Invalid value: <any>: must be no more than 63 bytes",
                "metadata.labels: Invalid value: <any>: a valid label must be an empty string <any>",
            ]
        ),
    ];
    run_ds(&cases, &ValidationOptions::default());
}

// ---------------------------------------------------------------------------
// SEMANTICS §2.3: P1-P7 (P5 and P6 above).

#[test]
fn semantics_pod_template_rules() {
    let cases = [
        // P1
        DsCase {
            name: "P1: template label key (upstream path quirk: spec.template.labels)",
            edit: |d| {
                d["spec"]["template"]["metadata"]["labels"] = json!({"a": "b", "bad key": "v"})
            },
            want: &[
                "spec.template.labels: Invalid value: \"bad key\": name part must consist of <any>",
            ],
        },
        DsCase {
            name: "P1: template annotation key (upstream path quirk: spec.template.annotations)",
            edit: |d| d["spec"]["template"]["metadata"]["annotations"] = json!({"a b": "v"}),
            want: &[
                "spec.template.annotations: Invalid value: \"a b\": name part must consist of <any>",
            ],
        },
        DsCase {
            name: "P1: annotation keys are checked case-insensitively",
            edit: |d| {
                d["spec"]["template"]["metadata"]["annotations"] = json!({"Example.COM/Key": "v"})
            },
            want: &[],
        },
        DsCase {
            name: "P1: annotations larger than 256 KiB",
            edit: |d| {
                d["spec"]["template"]["metadata"]["annotations"] =
                    json!({"big": "x".repeat(256 * 1024)})
            },
            want: &["spec.template.annotations: Too long: may not be more than 262144 bytes"],
        },
        DsCase {
            name: "P1: annotations of exactly 256 KiB",
            edit: |d| {
                d["spec"]["template"]["metadata"]["annotations"] =
                    json!({"big": "x".repeat(256 * 1024 - 3)})
            },
            want: &[],
        },
        // P2
        DsCase {
            name: "P2: no containers (TestValidatePodSpec/no containers)",
            edit: |d| pod_spec(d)["containers"] = json!([]),
            want: &["spec.template.spec.containers: Required value"],
        },
        DsCase {
            name: "P2: empty container (TestValidatePodSpec/bad container)",
            edit: |d| pod_spec(d)["containers"] = json!([{}]),
            want: &[
                "spec.template.spec.containers[0].name: Required value",
                "spec.template.spec.containers[0].image: Required value",
            ],
        },
        DsCase {
            name: "P2: empty init container (TestValidatePodSpec/bad init container)",
            edit: |d| pod_spec(d)["initContainers"] = json!([{}]),
            want: &[
                "spec.template.spec.initContainers[0].name: Required value",
                "spec.template.spec.initContainers[0].image: Required value",
            ],
        },
        DsCase {
            name: "P2: container without image",
            edit: |d| pod_spec(d)["containers"] = json!([{"name": "ctr"}]),
            want: &["spec.template.spec.containers[0].image: Required value"],
        },
        DsCase {
            name: "P2: image \" \" is accepted in a template (validateContainerCommon checks len only)",
            edit: |d| pod_spec(d)["containers"][0]["image"] = json!(" "),
            want: &[],
        },
        DsCase {
            name: "P2: container name not a DNS label",
            edit: |d| pod_spec(d)["containers"][0]["name"] = json!("Ctr"),
            want: &[
                "spec.template.spec.containers[0].name: Invalid value: \"Ctr\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            ],
        },
        DsCase {
            name: "P2: container name with a dot",
            edit: |d| pod_spec(d)["containers"][0]["name"] = json!("a.b"),
            want: &[
                "spec.template.spec.containers[0].name: Invalid value: \"a.b\": must not contain dots",
            ],
        },
        DsCase {
            name: "P2: container name of 64 bytes",
            edit: |d| pod_spec(d)["containers"][0]["name"] = json!("c".repeat(64)),
            want: &[
                "spec.template.spec.containers[0].name: Invalid value: <any>: must be no more than 63 bytes",
            ],
        },
        DsCase {
            name: "P2: duplicate container names",
            edit: |d| {
                pod_spec(d)["containers"] =
                    json!([{"name": "ctr", "image": "a"}, {"name": "ctr", "image": "b"}])
            },
            want: &["spec.template.spec.containers[1].name: Duplicate value: \"ctr\""],
        },
        DsCase {
            name: "P2: init container named like a container (reported on the init container)",
            edit: |d| pod_spec(d)["initContainers"] = json!([{"name": "ctr", "image": "i"}]),
            want: &["spec.template.spec.initContainers[0].name: Duplicate value: \"ctr\""],
        },
        DsCase {
            name: "P2: two init containers with one name",
            edit: |d| {
                pod_spec(d)["initContainers"] =
                    json!([{"name": "init", "image": "i"}, {"name": "init", "image": "i"}])
            },
            want: &["spec.template.spec.initContainers[1].name: Duplicate value: \"init\""],
        },
        DsCase {
            name: "P2: containers are validated before init containers",
            edit: |d| {
                pod_spec(d)["initContainers"] = json!([{"name": "init"}]);
                pod_spec(d)["containers"] = json!([{"name": "ctr"}]);
            },
            want: &[
                "spec.template.spec.containers[0].image: Required value",
                "spec.template.spec.initContainers[0].image: Required value",
            ],
        },
        DsCase {
            name: "P2: negative limit",
            edit: |d| pod_spec(d)["containers"][0]["resources"] = json!({"limits": {"cpu": "-1"}}),
            want: &[
                "spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
            ],
        },
        DsCase {
            name: "P2: negative request",
            edit: |d| {
                pod_spec(d)["containers"][0]["resources"] = json!({"requests": {"memory": "-1Mi"}})
            },
            want: &[
                "spec.template.spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0",
            ],
        },
        DsCase {
            name: "P2: request above limit",
            edit: |d| {
                pod_spec(d)["containers"][0]["resources"] =
                    json!({"limits": {"cpu": "1"}, "requests": {"cpu": "2"}})
            },
            want: &[
                "spec.template.spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
            ],
        },
        DsCase {
            name: "P2: request above limit, other units (canonical quantities)",
            edit: |d| {
                pod_spec(d)["containers"][0]["resources"] =
                    json!({"limits": {"memory": "1Gi"}, "requests": {"memory": "1025Mi"}})
            },
            want: &[
                "spec.template.spec.containers[0].resources.requests: Invalid value: \"1025Mi\": must be less than or equal to memory limit of 1Gi",
            ],
        },
        DsCase {
            name: "P2: request equal to limit in other units",
            edit: |d| {
                pod_spec(d)["containers"][0]["resources"] =
                    json!({"limits": {"cpu": "1"}, "requests": {"cpu": "1000m"}})
            },
            want: &[],
        },
        // P3
        DsCase {
            name: "P3: duplicate hostPort across containers",
            edit: |d| {
                pod_spec(d)["containers"] = json!([
                    {"name": "a", "image": "i", "ports": [{"containerPort": 80, "hostPort": 80}]},
                    {"name": "b", "image": "i", "ports": [{"containerPort": 81, "hostPort": 80}]}
                ])
            },
            want: &[
                "spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//80\"",
            ],
        },
        DsCase {
            name: "P3: duplicate hostPort within one container, explicit TCP",
            edit: |d| {
                pod_spec(d)["containers"][0]["ports"] = json!([
                    {"containerPort": 80, "hostPort": 8080, "protocol": "TCP"},
                    {"containerPort": 81, "hostPort": 8080}
                ])
            },
            want: &[
                "spec.template.spec.containers[0].ports[1].hostPort: Duplicate value: \"TCP//8080\"",
            ],
        },
        DsCase {
            name: "P3: same hostPort, different protocols",
            edit: |d| {
                pod_spec(d)["containers"][0]["ports"] = json!([
                    {"containerPort": 53, "hostPort": 53, "protocol": "TCP"},
                    {"containerPort": 53, "hostPort": 53, "protocol": "UDP"}
                ])
            },
            want: &[],
        },
        DsCase {
            name: "P3: same hostPort, different hostIPs",
            edit: |d| {
                pod_spec(d)["containers"][0]["ports"] = json!([
                    {"containerPort": 80, "hostPort": 80, "hostIP": "10.0.0.1"},
                    {"containerPort": 81, "hostPort": 80, "hostIP": "10.0.0.2"}
                ])
            },
            want: &[],
        },
        DsCase {
            name: "P3: same hostPort and hostIP",
            edit: |d| {
                pod_spec(d)["containers"][0]["ports"] = json!([
                    {"containerPort": 80, "hostPort": 80, "hostIP": "10.0.0.1"},
                    {"containerPort": 81, "hostPort": 80, "hostIP": "10.0.0.1"}
                ])
            },
            want: &[
                "spec.template.spec.containers[0].ports[1].hostPort: Duplicate value: \"TCP/10.0.0.1/80\"",
            ],
        },
        DsCase {
            name: "P3: hostPort 0 is no host port",
            edit: |d| {
                pod_spec(d)["containers"][0]["ports"] = json!([
                    {"containerPort": 80, "hostPort": 0},
                    {"containerPort": 81, "hostPort": 0}
                ])
            },
            want: &[],
        },
        DsCase {
            name: "P3: init containers are checked one by one (same hostPort in two is fine)",
            edit: |d| {
                pod_spec(d)["initContainers"] = json!([
                    {"name": "i1", "image": "i", "ports": [{"containerPort": 80, "hostPort": 80}]},
                    {"name": "i2", "image": "i", "ports": [{"containerPort": 80, "hostPort": 80}]}
                ])
            },
            want: &[],
        },
        DsCase {
            name: "P3: init container and regular container may share a hostPort",
            edit: |d| {
                pod_spec(d)["containers"][0]["ports"] =
                    json!([{"containerPort": 80, "hostPort": 80}]);
                pod_spec(d)["initContainers"] = json!([{"name": "i1", "image": "i", "ports": [{"containerPort": 80, "hostPort": 80}]}]);
            },
            want: &[],
        },
        DsCase {
            name: "P3: duplicate inside the second init container (upstream path says initContainers[0])",
            edit: |d| {
                pod_spec(d)["initContainers"] = json!([
                    {"name": "i1", "image": "i"},
                    {"name": "i2", "image": "i", "ports": [
                        {"containerPort": 80, "hostPort": 9000},
                        {"containerPort": 81, "hostPort": 9000}
                    ]}
                ])
            },
            want: &[
                "spec.template.spec.initContainers[0].ports[1].hostPort: Duplicate value: \"TCP//9000\"",
            ],
        },
        DsCase {
            name: "TestValidatePodSpec/with hostNetwork hostPort not equal to containerPort",
            edit: |d| {
                pod_spec(d)["hostNetwork"] = json!(true);
                pod_spec(d)["containers"][0]["ports"] =
                    json!([{"hostPort": 8080, "containerPort": 2600, "protocol": "TCP"}]);
            },
            want: &[
                "spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true",
            ],
        },
        DsCase {
            name: "TestValidatePodSpec/with hostNetwork hostPort unspecified (valid in a template)",
            edit: |d| {
                pod_spec(d)["hostNetwork"] = json!(true);
                pod_spec(d)["containers"][0]["ports"] =
                    json!([{"hostPort": 0, "containerPort": 2600, "protocol": "TCP"}]);
            },
            want: &[],
        },
        DsCase {
            name: "TestValidatePodSpec/populate HostNetwork",
            edit: |d| {
                pod_spec(d)["hostNetwork"] = json!(true);
                pod_spec(d)["containers"][0]["ports"] =
                    json!([{"hostPort": 8080, "containerPort": 8080, "protocol": "TCP"}]);
            },
            want: &[],
        },
        DsCase {
            name: "validateContainerPorts: containerPort 0 is required",
            edit: |d| pod_spec(d)["containers"][0]["ports"] = json!([{"containerPort": 0}]),
            want: &["spec.template.spec.containers[0].ports[0].containerPort: Required value"],
        },
        DsCase {
            name: "validateContainerPorts: containerPort out of range",
            edit: |d| pod_spec(d)["containers"][0]["ports"] = json!([{"containerPort": 65536}]),
            want: &[
                "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
            ],
        },
        DsCase {
            name: "validateContainerPorts: hostPort out of range",
            edit: |d| {
                pod_spec(d)["containers"][0]["ports"] =
                    json!([{"containerPort": 80, "hostPort": 65536}])
            },
            want: &[
                "spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 65536: must be between 1 and 65535, inclusive",
            ],
        },
        DsCase {
            name: "validateContainerPorts: lowercase protocol",
            edit: |d| {
                pod_spec(d)["containers"][0]["ports"] =
                    json!([{"containerPort": 80, "protocol": "tcp"}])
            },
            want: &[
                "spec.template.spec.containers[0].ports[0].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            ],
        },
        // P4
        DsCase {
            name: "P4: nodeSelector key",
            edit: |d| pod_spec(d)["nodeSelector"] = json!({"bad key": "x"}),
            want: &[
                "spec.template.spec.nodeSelector: Invalid value: \"bad key\": name part must consist of <any>",
            ],
        },
        DsCase {
            name: "P4: nodeSelector value",
            edit: |d| pod_spec(d)["nodeSelector"] = json!({"disk": "-ssd"}),
            want: &[
                "spec.template.spec.nodeSelector: Invalid value: \"-ssd\": a valid label must be an empty string <any>",
            ],
        },
        DsCase {
            name: "P4: nodeSelector with an empty value is valid",
            edit: |d| pod_spec(d)["nodeSelector"] = json!({"node-role.kubernetes.io/worker": ""}),
            want: &[],
        },
        DsCase {
            name: "P4: TestValidatePodSpec/bad nodeName",
            edit: |d| pod_spec(d)["nodeName"] = json!("node name"),
            want: &[
                "spec.template.spec.nodeName: Invalid value: \"node name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ],
        },
        DsCase {
            name: "P4: dotted nodeName is valid",
            edit: |d| pod_spec(d)["nodeName"] = json!("ip-10-0-0-1.ec2.internal"),
            want: &[],
        },
        // P7 is TestValidateDaemonSet/template may not contain ephemeral containers.
        DsCase {
            name: "ValidatePodSpec order: containers, restartPolicy, nodeSelector, affinity, nodeName, activeDeadlineSeconds, tolerations",
            edit: |d| {
                let spec = pod_spec(d);
                spec["tolerations"] = json!([{"key": "k", "operator": "In"}]);
                spec["activeDeadlineSeconds"] = json!(0);
                spec["nodeName"] = json!("N");
                spec["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": []}}});
                spec["nodeSelector"] = json!({"k": "-"});
                spec["containers"] = json!([{"name": "c"}]);
            },
            want: &[
                "spec.template.spec.containers[0].image: Required value",
                "spec.template.spec.nodeSelector: Invalid value: \"-\": <any>",
                "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term",
                "spec.template.spec.nodeName: Invalid value: \"N\": <any>",
                "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive",
                "spec.template.spec.tolerations[0].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\"",
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
            ],
        },
        DsCase {
            name: "ValidateDaemonSet order: metadata, selector, mismatch, template, restartPolicy, minReadySeconds, strategy, revisionHistoryLimit",
            edit: |d| {
                d["metadata"]["name"] = json!("X");
                d["spec"]["selector"]["matchExpressions"] =
                    json!([{"key": "a", "operator": "Exists", "values": ["v"]}]);
                d["spec"]["revisionHistoryLimit"] = json!(-2);
                d["spec"]["updateStrategy"] = json!({"rollingUpdate": {"maxUnavailable": 0}});
                d["spec"]["minReadySeconds"] = json!(-3);
                pod_spec(d)["restartPolicy"] = json!("Never");
                pod_spec(d)["containers"] = json!([]);
            },
            want: &[
                "metadata.name: Invalid value: \"X\": <any>",
                "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                "spec.template.spec.containers: Required value",
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                "spec.minReadySeconds: Invalid value: -3: must be greater than or equal to 0",
                REQUIRED_BOTH_ZERO,
                "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
            ],
        },
    ];
    run_ds(&cases, &ValidationOptions::default());
}

/// The error kinds are the ones upstream uses (checked on the structure, not
/// only the rendering).
#[test]
fn error_kinds_and_fields_are_structured() {
    let mut document = base_ds();
    pod_spec(&mut document)["tolerations"] = json!([{"key": "k", "operator": "Lt", "value": "1"}]);
    document["spec"]["minReadySeconds"] = json!(-1);
    pod_spec(&mut document)["containers"] = json!([{"name": "c"}, {"name": "c", "image": "i"}]);
    let ds: DaemonSet = serde_json::from_value(document).unwrap();
    let errors = validate_daemon_set(&ds, &ValidationOptions::default());
    let summary: Vec<(&str, FieldErrorKind, Option<&str>)> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.kind, e.value.as_deref()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "spec.template.spec.containers[0].image",
                FieldErrorKind::Required,
                None
            ),
            (
                "spec.template.spec.containers[1].name",
                FieldErrorKind::Duplicate,
                Some("\"c\"")
            ),
            (
                "spec.template.spec.tolerations[0].operator",
                FieldErrorKind::NotSupported,
                Some("\"Lt\"")
            ),
            ("spec.minReadySeconds", FieldErrorKind::Invalid, Some("-1")),
        ]
    );
    // The documented constants agree with the messages asserted above.
    for message in [
        NAME_PART_REGEX,
        LABEL_VALUE_REGEX,
        DNS_SUBDOMAIN_REGEX,
        PERCENT_REGEX,
        KEY_SLASHES,
        DNS_LABEL_REGEX,
    ] {
        assert!(message.contains("regex used for validation"));
    }
}
