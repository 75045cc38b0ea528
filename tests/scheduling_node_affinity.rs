//! Required node affinity and `nodeSelector` matching, translated case by case
//! from upstream's tables:
//!
//! - `staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go`
//!   (`TestNodeSelectorMatch`, `TestNodeSelectorRequirementsAsSelector`,
//!   `TestPodMatchesNodeSelectorAndAffinityTerms`);
//! - `staging/src/k8s.io/component-helpers/scheduling/corev1/helpers_test.go`
//!   (`TestMatchNodeSelectorTerms`, `TestMatchNodeSelectorTermsStateless`), whose
//!   older copy lived in `pkg/apis/core/v1/helper/helpers_test.go`.
//!
//! Every expected boolean is upstream's. Where upstream asserts something this
//! crate cannot express (a parsed `labels.Selector`, a nil node), the comment
//! on the case says how it was translated.

use daemonset_planner::model::{Node, NodeSelector, PodSpec};
use daemonset_planner::scheduling::{
    CompiledNodeSelector, EligibilityOptions, Placement, ReasonCode, RequiredNodeAffinity,
};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A node with a name and labels, no taints.
#[track_caller]
fn node(name: &str, labels: &[(&str, &str)]) -> Node {
    Node::new(name, labels.iter().copied(), vec![])
}

/// A pod spec from its Kubernetes JSON.
#[track_caller]
fn pod_spec(value: Value) -> PodSpec {
    serde_json::from_value(value).expect("pod spec JSON")
}

/// A `v1.NodeSelector` from its Kubernetes JSON.
#[track_caller]
fn node_selector(value: Value) -> NodeSelector {
    serde_json::from_value(value).expect("node selector JSON")
}

/// `{"affinity": {"nodeAffinity": {"requiredDuringScheduling...": {"nodeSelectorTerms": terms}}}}`.
fn required_terms(terms: Value) -> Value {
    json!({
        "affinity": {"nodeAffinity": {
            "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": terms}
        }}
    })
}

/// One `matchExpressions` (or `matchFields`) entry.
fn expr(key: &str, operator: &str, values: &[&str]) -> Value {
    json!({"key": key, "operator": operator, "values": values})
}

/// A `{"key": ..., "operator": "Exists"}` entry (no values).
fn exists(key: &str) -> Value {
    json!({"key": key, "operator": "Exists"})
}

/// Asserts that the placement built from `spec` agrees with `want` on `node`
/// and, when the node is ineligible, that the reasons carry exactly the codes
/// listed and that each message names the listed fragments.
#[track_caller]
fn assert_placement(
    name: &str,
    spec: &PodSpec,
    node: &Node,
    want: bool,
    reasons: &[(ReasonCode, &[&str])],
) {
    let placement = Placement::from_pod_spec(spec, EligibilityOptions::default());
    // No taints and no template nodeName: NodeShouldRunDaemonPod reduces to
    // the node-affinity predicate, so both results equal `want`.
    assert_eq!(
        placement.should_run(node),
        (want, want),
        "{name}: should_run"
    );
    let eligibility = placement.evaluate(node);
    assert_eq!(
        eligibility.should_run, want,
        "{name}: evaluate().should_run"
    );
    let mut got: Vec<ReasonCode> = eligibility.reasons.iter().map(|r| r.code).collect();
    got.sort();
    let mut expected: Vec<ReasonCode> = reasons.iter().map(|(code, _)| *code).collect();
    expected.sort();
    assert_eq!(
        got, expected,
        "{name}: reason codes {:?}",
        eligibility.reasons
    );
    for (code, fragments) in reasons {
        let reason = eligibility
            .reasons
            .iter()
            .find(|r| r.code == *code)
            .expect("reason present");
        for fragment in *fragments {
            assert!(
                reason.message.contains(fragment),
                "{name}: {code:?} message {:?} should name {fragment:?}",
                reason.message
            );
        }
    }
}

// ---------------------------------------------------------------------------
// nodeaffinity_test.go: TestPodMatchesNodeSelectorAndAffinityTerms
// ---------------------------------------------------------------------------

struct PodCase {
    /// The upstream `name` of the case.
    name: &'static str,
    pod: Value,
    labels: &'static [(&'static str, &'static str)],
    node_name: &'static str,
    want: bool,
    /// For `want == false`: the reason codes and what each message must name.
    reasons: &'static [(ReasonCode, &'static [&'static str])],
}

fn pod_matches_cases() -> Vec<PodCase> {
    use ReasonCode::{NodeAffinityMismatch as Affinity, NodeSelectorMismatch as Selector};
    vec![
        PodCase {
            name: "no selector",
            pod: json!({}),
            labels: &[],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "missing labels",
            pod: json!({"nodeSelector": {"foo": "bar"}}),
            labels: &[],
            node_name: "",
            want: false,
            reasons: &[(Selector, &["foo=bar"])],
        },
        PodCase {
            name: "same labels",
            pod: json!({"nodeSelector": {"foo": "bar"}}),
            labels: &[("foo", "bar")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "node labels are superset",
            pod: json!({"nodeSelector": {"foo": "bar"}}),
            labels: &[("foo", "bar"), ("baz", "blah")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "node labels are subset",
            pod: json!({"nodeSelector": {"foo": "bar", "baz": "blah"}}),
            labels: &[("foo", "bar")],
            node_name: "",
            want: false,
            reasons: &[(Selector, &["baz=blah"])],
        },
        PodCase {
            name: "Pod with matchExpressions using In operator that matches the existing node",
            pod: required_terms(
                json!([{"matchExpressions": [expr("foo", "In", &["bar", "value2"])]}]),
            ),
            labels: &[("foo", "bar")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with matchExpressions using Gt operator that matches the existing node",
            pod: required_terms(
                json!([{"matchExpressions": [expr("kernel-version", "Gt", &["0204"])]}]),
            ),
            // "We use two digit to denote major version and two digit for minor version."
            labels: &[("kernel-version", "0206")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with matchExpressions using NotIn operator that matches the existing node",
            pod: required_terms(
                json!([{"matchExpressions": [expr("mem-type", "NotIn", &["DDR", "DDR2"])]}]),
            ),
            labels: &[("mem-type", "DDR3")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with matchExpressions using Exists operator that matches the existing node",
            pod: required_terms(json!([{"matchExpressions": [exists("GPU")]}])),
            labels: &[("GPU", "NVIDIA-GRID-K1")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with affinity that don't match node's labels won't schedule onto the node",
            pod: required_terms(
                json!([{"matchExpressions": [expr("foo", "In", &["value1", "value2"])]}]),
            ),
            labels: &[("foo", "bar")],
            node_name: "",
            want: false,
            reasons: &[(Affinity, &["foo", "In", "value1"])],
        },
        PodCase {
            name: "Pod with a nil []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
            pod: required_terms(Value::Null),
            labels: &[("foo", "bar")],
            node_name: "",
            want: false,
            reasons: &[(Affinity, &["nodeSelectorTerms"])],
        },
        PodCase {
            name: "Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
            pod: required_terms(json!([])),
            labels: &[("foo", "bar")],
            node_name: "",
            want: false,
            reasons: &[(Affinity, &["nodeSelectorTerms"])],
        },
        PodCase {
            name: "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
            pod: required_terms(json!([{"matchExpressions": []}])),
            labels: &[("foo", "bar")],
            node_name: "",
            want: false,
            reasons: &[(Affinity, &["nodeSelectorTerms"])],
        },
        PodCase {
            name: "Pod with no Affinity will schedule onto a node",
            pod: json!({}),
            labels: &[("foo", "bar")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with Affinity but nil NodeSelector will schedule onto a node",
            pod: json!({"affinity": {"nodeAffinity": {
                "requiredDuringSchedulingIgnoredDuringExecution": null
            }}}),
            labels: &[("foo", "bar")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with multiple matchExpressions ANDed that matches the existing node",
            pod: required_terms(json!([{"matchExpressions": [
                exists("GPU"),
                expr("GPU", "NotIn", &["AMD", "INTER"]),
            ]}])),
            labels: &[("GPU", "NVIDIA-GRID-K1")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
            pod: required_terms(json!([{"matchExpressions": [
                exists("GPU"),
                expr("GPU", "In", &["AMD", "INTER"]),
            ]}])),
            labels: &[("GPU", "NVIDIA-GRID-K1")],
            node_name: "",
            want: false,
            reasons: &[(Affinity, &["GPU", "In", "AMD"])],
        },
        PodCase {
            name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
            pod: required_terms(json!([
                {"matchExpressions": [expr("foo", "In", &["bar", "value2"])]},
                {"matchExpressions": [expr("diffkey", "In", &["wrong", "value2"])]},
            ])),
            labels: &[("foo", "bar")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
            pod: {
                let mut pod = required_terms(json!([{"matchExpressions": [exists("foo")]}]));
                pod["nodeSelector"] = json!({"foo": "bar"});
                pod
            },
            labels: &[("foo", "bar")],
            node_name: "",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
            pod: {
                let mut pod = required_terms(json!([{"matchExpressions": [exists("foo")]}]));
                pod["nodeSelector"] = json!({"foo": "bar"});
                pod
            },
            labels: &[("foo", "barrrrrr")],
            node_name: "",
            want: false,
            reasons: &[(Selector, &["foo=bar", "foo=barrrrrr"])],
        },
        PodCase {
            name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
            pod: required_terms(json!([{"matchExpressions": [
                expr("foo", "NotIn", &["invalid value: ___@#$%^"]),
            ]}])),
            labels: &[("foo", "bar")],
            node_name: "",
            want: false,
            // The term fails to parse; the message names the expression by
            // path and the offending value.
            reasons: &[(
                Affinity,
                &["matchExpressions[0]", "invalid value: ___@#$%^"],
            )],
        },
        PodCase {
            name: "Pod with matchFields using In operator that matches the existing node",
            pod: required_terms(
                json!([{"matchFields": [expr("metadata.name", "In", &["node_1"])]}]),
            ),
            labels: &[],
            node_name: "node_1",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with matchFields using In operator that does not match the existing node",
            pod: required_terms(
                json!([{"matchFields": [expr("metadata.name", "In", &["node_1"])]}]),
            ),
            labels: &[],
            node_name: "node_2",
            want: false,
            reasons: &[(Affinity, &["metadata.name", "node_1"])],
        },
        PodCase {
            name: "Pod with two terms: matchFields does not match, but matchExpressions matches",
            pod: required_terms(json!([
                {"matchFields": [expr("metadata.name", "In", &["node_1"])]},
                {"matchExpressions": [expr("foo", "In", &["bar"])]},
            ])),
            labels: &[("foo", "bar")],
            node_name: "node_2",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with one term: matchFields does not match, but matchExpressions matches",
            pod: required_terms(json!([{
                "matchFields": [expr("metadata.name", "In", &["node_1"])],
                "matchExpressions": [expr("foo", "In", &["bar"])],
            }])),
            labels: &[("foo", "bar")],
            node_name: "node_2",
            want: false,
            reasons: &[(Affinity, &["metadata.name", "node_1"])],
        },
        PodCase {
            name: "Pod with one term: both matchFields and matchExpressions match",
            pod: required_terms(json!([{
                "matchFields": [expr("metadata.name", "In", &["node_1"])],
                "matchExpressions": [expr("foo", "In", &["bar"])],
            }])),
            labels: &[("foo", "bar")],
            node_name: "node_1",
            want: true,
            reasons: &[],
        },
        PodCase {
            name: "Pod with two terms: both matchFields and matchExpressions do not match",
            pod: required_terms(json!([
                {"matchFields": [expr("metadata.name", "In", &["node_1"])]},
                {"matchExpressions": [expr("foo", "In", &["not-match-to-bar"])]},
            ])),
            labels: &[("foo", "bar")],
            node_name: "node_2",
            want: false,
            reasons: &[(Affinity, &["metadata.name", "node_1", "not-match-to-bar"])],
        },
    ]
}

/// nodeaffinity_test.go `TestPodMatchesNodeSelectorAndAffinityTerms`:
/// `GetRequiredNodeAffinity(pod).Match(node)` with the error ignored.
#[test]
fn upstream_test_pod_matches_node_selector_and_affinity_terms() {
    let cases = pod_matches_cases();
    assert_eq!(cases.len(), 27, "every upstream case is translated");
    for case in cases {
        let spec = pod_spec(case.pod);
        let node = node(case.node_name, case.labels);
        let affinity = RequiredNodeAffinity::compile(&spec);
        assert_eq!(affinity.matches(&node), case.want, "{}", case.name);
        assert!(
            case.want || !case.reasons.is_empty(),
            "{}: table lists reasons for a non-match",
            case.name
        );
        assert_placement(case.name, &spec, &node, case.want, case.reasons);
    }
}

// ---------------------------------------------------------------------------
// nodeaffinity_test.go: TestNodeSelectorMatch
// ---------------------------------------------------------------------------

struct SelectorCase {
    name: &'static str,
    selector: Value,
    node: Node,
    /// `(term path prefix, fragments)` for each error `NewNodeSelector` returns.
    want_errors: Vec<(&'static str, &'static [&'static str])>,
    want_match: bool,
}

/// nodeaffinity_test.go `TestNodeSelectorMatch`: `NewNodeSelector` reports every
/// term's parse error; when there is none, `Match` decides.
#[test]
fn upstream_test_node_selector_match() {
    let cases = vec![
        SelectorCase {
            // Upstream passes a nil *v1.Node to an empty selector. A Rust
            // `&Node` cannot be nil; the empty node stands in, and an empty
            // selector matches nothing either way.
            name: "nil node",
            selector: json!({}),
            node: Node::default(),
            want_errors: vec![],
            want_match: false,
        },
        SelectorCase {
            name: "invalid field selector and label selector",
            selector: json!({"nodeSelectorTerms": [
                {"matchFields": [expr("metadata.name", "In", &["host_1", "host_2"])]},
                {
                    "matchExpressions": [expr("label_1", "In", &["label_1_val"])],
                    "matchFields": [expr("metadata.name", "In", &["host_1"])],
                },
                {"matchExpressions": [expr("invalid key", "In", &["label_value"])]},
            ]}),
            node: Node::default(),
            want_errors: vec![
                (
                    "nodeSelectorTerms[0]",
                    &["matchFields[0].values", "must have one element"],
                ),
                (
                    "nodeSelectorTerms[2]",
                    &[
                        "matchExpressions[0].key",
                        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                    ],
                ),
            ],
            want_match: false,
        },
        SelectorCase {
            name: "node matches field selector, but not labels",
            selector: json!({"nodeSelectorTerms": [{
                "matchExpressions": [expr("label_1", "In", &["label_1_val"])],
                "matchFields": [expr("metadata.name", "In", &["host_1"])],
            }]}),
            node: node("host_1", &[]),
            want_errors: vec![],
            want_match: false,
        },
        SelectorCase {
            name: "node matches field selector and label selector",
            selector: json!({"nodeSelectorTerms": [{
                "matchExpressions": [expr("label_1", "In", &["label_1_val"])],
                "matchFields": [expr("metadata.name", "In", &["host_1"])],
            }]}),
            node: node("host_1", &[("label_1", "label_1_val")]),
            want_errors: vec![],
            want_match: true,
        },
        SelectorCase {
            name: "second term matches",
            selector: json!({"nodeSelectorTerms": [
                {"matchExpressions": [expr("label_1", "In", &["label_1_val"])]},
                {"matchFields": [expr("metadata.name", "In", &["host_1"])]},
            ]}),
            node: node("host_1", &[]),
            want_errors: vec![],
            want_match: true,
        },
    ];
    for case in cases {
        let compiled = CompiledNodeSelector::compile(&node_selector(case.selector));
        let errors = compiled.parse_errors();
        assert_eq!(
            errors.len(),
            case.want_errors.len(),
            "{}: parse errors {errors:?}",
            case.name
        );
        for (error, (term, fragments)) in errors.iter().zip(&case.want_errors) {
            assert!(
                error.starts_with(term),
                "{}: {error:?} is for {term}",
                case.name
            );
            for fragment in *fragments {
                assert!(
                    error.contains(fragment),
                    "{}: {error:?} should contain {fragment:?}",
                    case.name
                );
            }
        }
        if case.want_errors.is_empty() {
            assert_eq!(
                compiled.matches(&case.node),
                case.want_match,
                "{}",
                case.name
            );
        }
    }
}

// ---------------------------------------------------------------------------
// nodeaffinity_test.go: TestNodeSelectorRequirementsAsSelector
// ---------------------------------------------------------------------------

struct RequirementsCase {
    name: &'static str,
    /// The `matchExpressions` of the single term.
    match_expressions: Value,
    want_parse_error: Option<&'static [&'static str]>,
    /// Label sets and whether the selector upstream builds matches them.
    probes: &'static [(&'static [(&'static str, &'static str)], bool)],
}

/// nodeaffinity_test.go `TestNodeSelectorRequirementsAsSelector` (and its older
/// copy in pkg/apis/core/v1/helper/helpers_test.go). Upstream compares the
/// parsed `labels.Selector` with `labels.Parse(...)` / `labels.Nothing()`; this
/// crate keeps the selector private, so each case asserts how that upstream
/// selector matches a few label sets, and that the error case is an error.
#[test]
fn upstream_test_node_selector_requirements_as_selector() {
    let cases = [
        RequirementsCase {
            // {in: nil, out: labels.Nothing()} — inside a term, zero
            // expressions and zero fields make an empty term, which is dropped.
            name: "in: nil -> labels.Nothing()",
            match_expressions: Value::Null,
            want_parse_error: None,
            probes: &[(&[], false), (&[("foo", "bar")], false)],
        },
        RequirementsCase {
            name: "in: [] -> labels.Nothing()",
            match_expressions: json!([]),
            want_parse_error: None,
            probes: &[(&[], false), (&[("foo", "bar")], false)],
        },
        RequirementsCase {
            name: "foo In [bar baz] -> foo in (baz,bar)",
            match_expressions: json!([expr("foo", "In", &["bar", "baz"])]),
            want_parse_error: None,
            probes: &[
                (&[("foo", "bar")], true),
                (&[("foo", "baz")], true),
                (&[("foo", "qux")], false),
                (&[], false),
            ],
        },
        RequirementsCase {
            name: "foo Exists [bar baz] -> values set must be empty for exists and does not exist",
            match_expressions: json!([expr("foo", "Exists", &["bar", "baz"])]),
            want_parse_error: Some(&[
                "values",
                "values set must be empty for exists and does not exist",
            ]),
            probes: &[(&[("foo", "bar")], false), (&[], false)],
        },
        RequirementsCase {
            name: "foo Gt [1] -> foo>1",
            match_expressions: json!([expr("foo", "Gt", &["1"])]),
            want_parse_error: None,
            probes: &[
                (&[("foo", "2")], true),
                (&[("foo", "1")], false),
                (&[("foo", "0")], false),
                (&[], false),
            ],
        },
        RequirementsCase {
            name: "bar Lt [7] -> bar<7",
            match_expressions: json!([expr("bar", "Lt", &["7"])]),
            want_parse_error: None,
            probes: &[
                (&[("bar", "6")], true),
                (&[("bar", "7")], false),
                (&[("bar", "8")], false),
                (&[], false),
            ],
        },
    ];
    for case in cases {
        let selector = node_selector(json!({"nodeSelectorTerms": [
            {"matchExpressions": case.match_expressions}
        ]}));
        let compiled = CompiledNodeSelector::compile(&selector);
        let errors = compiled.parse_errors();
        match case.want_parse_error {
            None => assert!(errors.is_empty(), "{}: {errors:?}", case.name),
            Some(fragments) => {
                assert_eq!(errors.len(), 1, "{}: {errors:?}", case.name);
                for fragment in fragments {
                    assert!(errors[0].contains(fragment), "{}: {errors:?}", case.name);
                }
            }
        }
        for (labels, want) in case.probes {
            assert_eq!(
                compiled.matches(&node("n", labels)),
                *want,
                "{}: labels {labels:?}",
                case.name
            );
        }
    }
}

// ---------------------------------------------------------------------------
// helpers_test.go: TestMatchNodeSelectorTerms
// ---------------------------------------------------------------------------

/// component-helpers helpers_test.go `TestMatchNodeSelectorTerms`
/// (`MatchNodeSelectorTerms(node, nodeSelector)`), plus the one case whose
/// data differs in the older pkg/apis/core/v1/helper/helpers_test.go copy.
#[test]
fn upstream_test_match_node_selector_terms() {
    let label_and_field_term = json!({
        "matchExpressions": [expr("label_1", "In", &["label_1_val"])],
        "matchFields": [expr("metadata.name", "In", &["host_1"])],
    });
    let cases: Vec<(&str, Value, Node, bool)> = vec![
        // Upstream: nil selector and nil node.
        ("nil terms", json!({}), Node::default(), false),
        (
            "node label matches matchExpressions terms",
            json!({"nodeSelectorTerms": [{"matchExpressions": [expr("label_1", "In", &["label_1_val"])]}]}),
            node("", &[("label_1", "label_1_val")]),
            true,
        ),
        (
            "node field matches matchFields terms",
            json!({"nodeSelectorTerms": [{"matchFields": [expr("metadata.name", "In", &["host_1"])]}]}),
            node("host_1", &[]),
            true,
        ),
        (
            "invalid node field requirement",
            json!({"nodeSelectorTerms": [{"matchFields": [expr("metadata.name", "In", &["host_1", "host_2"])]}]}),
            node("host_1", &[]),
            false,
        ),
        (
            // Older pkg/apis/core/v1/helper copy of the case above: one value
            // that happens to contain a comma.
            "invalid node field requirement (pkg/apis/core/v1/helper: single value \"host_1, host_2\")",
            json!({"nodeSelectorTerms": [{"matchFields": [expr("metadata.name", "In", &["host_1, host_2"])]}]}),
            node("host_1", &[]),
            false,
        ),
        (
            "fieldSelectorTerm with node labels",
            json!({"nodeSelectorTerms": [{"matchFields": [expr("metadata.name", "In", &["host_1"])]}]}),
            node("not_host_1", &[("metadata.name", "host_1")]),
            false,
        ),
        (
            "labelSelectorTerm with node fields",
            json!({"nodeSelectorTerms": [{"matchExpressions": [expr("metadata.name", "In", &["host_1"])]}]}),
            node("host_1", &[]),
            false,
        ),
        (
            "labelSelectorTerm and fieldSelectorTerm was set, but only node fields",
            json!({"nodeSelectorTerms": [label_and_field_term.clone()]}),
            node("host_1", &[]),
            false,
        ),
        (
            "labelSelectorTerm and fieldSelectorTerm was set, both node fields and labels (both matched)",
            json!({"nodeSelectorTerms": [label_and_field_term.clone()]}),
            node("host_1", &[("label_1", "label_1_val")]),
            true,
        ),
        (
            "labelSelectorTerm and fieldSelectorTerm was set, both node fields and labels (one mismatched)",
            json!({"nodeSelectorTerms": [label_and_field_term]}),
            node("host_1", &[("label_1", "label_1_val-failed")]),
            false,
        ),
        (
            "multi-selector was set, both node fields and labels (one mismatched)",
            json!({"nodeSelectorTerms": [
                {"matchExpressions": [expr("label_1", "In", &["label_1_val"])]},
                {"matchFields": [expr("metadata.name", "In", &["host_1"])]},
            ]}),
            node("host_1", &[("label_1", "label_1_val-failed")]),
            true,
        ),
    ];
    for (name, selector, node, want) in cases {
        let compiled = CompiledNodeSelector::compile(&node_selector(selector));
        assert_eq!(compiled.matches(&node), want, "{name}");
    }
}

/// component-helpers helpers_test.go `TestMatchNodeSelectorTermsStateless`:
/// matching must not modify the selector (value order included). In Rust the
/// selector is borrowed immutably, so this pins that compiling and matching
/// leave an equal selector behind.
#[test]
fn upstream_test_match_node_selector_terms_stateless() {
    let labels_in = |values: &[&str]| json!({"matchExpressions": [expr("label_1", "In", values)]});
    let fields_in = |values: &[&str]| json!({"matchFields": [expr("metadata.name", "In", values)]});
    let both = |labels: &[&str], fields: &[&str]| {
        json!({
            "matchExpressions": [expr("label_1", "In", labels)],
            "matchFields": [expr("metadata.name", "In", fields)],
        })
    };
    let cases: Vec<(&str, Value, Node)> = vec![
        ("nil terms", json!({}), Node::default()),
        (
            "nodeLabels: preordered matchExpressions and nil matchFields",
            json!({"nodeSelectorTerms": [labels_in(&["label_1_val", "label_2_val"])]}),
            node("", &[("label_1", "label_1_val")]),
        ),
        (
            "nodeLabels: unordered matchExpressions and nil matchFields",
            json!({"nodeSelectorTerms": [labels_in(&["label_2_val", "label_1_val"])]}),
            node("", &[("label_1", "label_1_val")]),
        ),
        (
            "nodeFields: nil matchExpressions and preordered matchFields",
            json!({"nodeSelectorTerms": [fields_in(&["host_1", "host_2"])]}),
            node("host_1", &[]),
        ),
        (
            "nodeFields: nil matchExpressions and unordered matchFields",
            json!({"nodeSelectorTerms": [fields_in(&["host_2", "host_1"])]}),
            node("host_1", &[]),
        ),
        (
            "nodeLabels and nodeFields: ordered matchExpressions and ordered matchFields",
            json!({"nodeSelectorTerms": [both(&["label_1_val", "label_2_val"], &["host_1", "host_2"])]}),
            node("host_1", &[("label_1", "label_1_val")]),
        ),
        (
            "nodeLabels and nodeFields: ordered matchExpressions and unordered matchFields",
            json!({"nodeSelectorTerms": [both(&["label_1_val", "label_2_val"], &["host_2", "host_1"])]}),
            node("host_1", &[("label_1", "label_1_val")]),
        ),
        (
            "nodeLabels and nodeFields: unordered matchExpressions and ordered matchFields",
            json!({"nodeSelectorTerms": [both(&["label_2_val", "label_1_val"], &["host_1", "host_2"])]}),
            node("host_1", &[("label_1", "label_1_val")]),
        ),
        (
            "nodeLabels and nodeFields: unordered matchExpressions and unordered matchFields",
            json!({"nodeSelectorTerms": [both(&["label_2_val", "label_1_val"], &["host_2", "host_1"])]}),
            node("host_1", &[("label_1", "label_1_val")]),
        ),
    ];
    for (name, selector, node) in cases {
        let selector = node_selector(selector);
        let before = selector.clone();
        let _ = CompiledNodeSelector::compile(&selector).matches(&node);
        assert_eq!(selector, before, "{name}");
    }
}

// ---------------------------------------------------------------------------
// SEMANTICS §3.3 A5: what makes a matchExpression fail to parse
// ---------------------------------------------------------------------------

/// SEMANTICS §3.3 A5 (`labels.NewRequirement` via
/// `nodeSelectorRequirementsAsSelector`) and A7 (`nodeSelectorRequirementsAsFieldSelector`):
/// each of these terms is a parse error and never matches, even on a node whose
/// labels would otherwise satisfy it; a second, good term still matches.
#[test]
fn semantics_3_3_a5_a7_parse_errors_never_match() {
    let labels: &[(&str, &str)] = &[("k", "10"), ("a", "x")];
    #[rustfmt::skip]
    let bad_terms = [
        ("unknown operator", json!({"matchExpressions": [expr("k", "Foo", &["10"])]})),
        ("key not a qualified name", json!({"matchExpressions": [exists("a/b/c")]})),
        ("empty key", json!({"matchExpressions": [exists("")]})),
        ("In without values", json!({"matchExpressions": [expr("a", "In", &[])]})),
        ("NotIn without values", json!({"matchExpressions": [expr("a", "NotIn", &[])]})),
        ("Exists with values", json!({"matchExpressions": [expr("a", "Exists", &["x"])]})),
        ("DoesNotExist with values", json!({"matchExpressions": [expr("z", "DoesNotExist", &["x"])]})),
        ("Gt without values", json!({"matchExpressions": [expr("k", "Gt", &[])]})),
        ("Gt with two values", json!({"matchExpressions": [expr("k", "Gt", &["1", "2"])]})),
        ("Gt with a non-integer", json!({"matchExpressions": [expr("k", "Gt", &["x"])]})),
        ("Lt with a non-integer", json!({"matchExpressions": [expr("k", "Lt", &["1.5"])]})),
        ("Gt -1 is not a valid label value", json!({"matchExpressions": [expr("k", "Gt", &["-1"])]})),
        ("In with an invalid label value", json!({"matchExpressions": [expr("a", "In", &["x", "-bad-"])]})),
        ("matchFields Exists", json!({"matchFields": [exists("metadata.name")]})),
        ("matchFields In with two values", json!({"matchFields": [expr("metadata.name", "In", &["n", "m"])]})),
        ("matchFields NotIn without values", json!({"matchFields": [expr("metadata.name", "NotIn", &[])]})),
        ("good expression, bad field", json!({
            "matchExpressions": [expr("a", "In", &["x"])],
            "matchFields": [expr("metadata.name", "Gt", &["1"])],
        })),
    ];
    let good_term = json!({"matchExpressions": [expr("a", "In", &["x"])]});
    for (name, bad) in bad_terms {
        let only_bad = node_selector(json!({"nodeSelectorTerms": [bad.clone()]}));
        let compiled = CompiledNodeSelector::compile(&only_bad);
        assert!(
            !compiled.parse_errors().is_empty(),
            "{name}: parse error expected"
        );
        assert!(
            !compiled.matches(&node("n", labels)),
            "{name}: never matches"
        );

        let with_good = node_selector(json!({"nodeSelectorTerms": [bad, good_term.clone()]}));
        let compiled = CompiledNodeSelector::compile(&with_good);
        assert!(
            compiled.matches(&node("n", labels)),
            "{name}: other term still matches"
        );
    }
}

/// SEMANTICS §3.3 A7: a matchFields key other than `metadata.name` reads as the
/// empty string, and a node with an empty name skips the matchFields check.
#[test]
fn semantics_3_3_a7_match_fields_edges() {
    let unknown_key_empty = node_selector(json!({"nodeSelectorTerms": [
        {"matchFields": [expr("metadata.namespace", "In", &[""])]}
    ]}));
    assert!(CompiledNodeSelector::compile(&unknown_key_empty).matches(&node("n1", &[])));

    let unknown_key_value = node_selector(json!({"nodeSelectorTerms": [
        {"matchFields": [expr("metadata.namespace", "In", &["n1"])]}
    ]}));
    assert!(!CompiledNodeSelector::compile(&unknown_key_value).matches(&node("n1", &[])));

    // extractNodeFields leaves the field set empty for an unnamed node, and
    // nodeSelectorTerm.match skips matchFields when the set is empty.
    let by_name = node_selector(json!({"nodeSelectorTerms": [
        {"matchFields": [expr("metadata.name", "In", &["n1"])]}
    ]}));
    assert!(CompiledNodeSelector::compile(&by_name).matches(&node("", &[])));
    assert!(!CompiledNodeSelector::compile(&by_name).matches(&node("n2", &[])));
}
