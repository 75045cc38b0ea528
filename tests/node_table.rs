//! `NodeTable` / `TablePlacement`: the compiled fast path must answer exactly
//! what `Placement::should_run` answers, node for node, with the
//! comparison-operator gate on and off.

mod support;

use daemonset_planner::model::{
    Affinity, DaemonSet, Node, NodeAffinity, NodeSelector, NodeSelectorOperator,
    NodeSelectorRequirement, NodeSelectorTerm, Taint, TaintEffect, Toleration, TolerationOperator,
};
use daemonset_planner::scheduling::{EligibilityOptions, NodeTable, Placement};
use proptest::prelude::*;
use support::strategies::{daemon_set, nodes};

fn options(gate: bool) -> EligibilityOptions {
    EligibilityOptions {
        taint_comparison_operators: gate,
    }
}

/// `(shouldRun, shouldContinueRunning)` for each node, in node order.
type Answers = Vec<(bool, bool)>;

/// `(fast, slow)` answers for every node.
fn both(ds: &DaemonSet, nodes: &[Node], gate: bool) -> (Answers, Answers) {
    let placement = Placement::compile(ds, options(gate));
    let table = NodeTable::new(nodes);
    let fast = placement.for_table(&table);
    let fast_answers = (0..table.len())
        .map(|i| fast.should_run(&table, i))
        .collect();
    let slow_answers = nodes.iter().map(|n| placement.should_run(n)).collect();
    (fast_answers, slow_answers)
}

/// Answers of the fast path, after asserting they equal the slow path's.
fn checked(ds: &DaemonSet, nodes: &[Node], gate: bool) -> Vec<(bool, bool)> {
    let (fast, slow) = both(ds, nodes, gate);
    assert_eq!(fast, slow, "gate {gate}");
    fast
}

fn with_affinity(terms: Vec<NodeSelectorTerm>) -> DaemonSet {
    let mut ds = DaemonSet::default();
    ds.spec.template.spec.affinity = Some(Affinity {
        node_affinity: Some(NodeAffinity {
            required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                node_selector_terms: terms,
            }),
            preferred_during_scheduling_ignored_during_execution: Vec::new(),
        }),
        pod_affinity: None,
        pod_anti_affinity: None,
    });
    ds
}

fn expressions(requirements: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
    NodeSelectorTerm {
        match_expressions: requirements,
        match_fields: Vec::new(),
    }
}

fn fields(requirements: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
    NodeSelectorTerm {
        match_expressions: Vec::new(),
        match_fields: requirements,
    }
}

/// Shapes the shared generators leave out: nodes without a name, taints
/// with an unknown effect, tolerations with unknown or non-blocking effects,
/// `matchFields` on an unknown key with an empty value, selectors that
/// require an empty label value, duplicated nodes.
fn roughen(mut ds: DaemonSet, mut nodes: Vec<Node>, bits: u64) -> (DaemonSet, Vec<Node>) {
    let bit = |i: u32| bits >> i & 1 == 1;
    for (i, node) in nodes.iter_mut().enumerate() {
        if bit(i as u32 % 8) && bit(8) {
            node.metadata.name.clear();
        }
        if bit(9 + i as u32 % 4) {
            node.spec.taints.push(Taint {
                key: "dedicated".into(),
                value: "gpu".into(),
                effect: Some(TaintEffect::Other("NoSchedule2".into())),
                time_added: None,
            });
        }
    }
    if bit(13) && !nodes.is_empty() {
        nodes.push(nodes[0].clone());
    }
    let spec = &mut ds.spec.template.spec;
    if bit(14) {
        spec.tolerations.push(Toleration {
            key: "dedicated".into(),
            operator: TolerationOperator::Exists,
            effect: Some(TaintEffect::Other("NoSchedule2".into())),
            ..Toleration::default()
        });
    }
    if bit(15) {
        spec.tolerations
            .push(Toleration::exists("", Some(TaintEffect::PreferNoSchedule)));
    }
    if bit(16) {
        spec.node_selector.insert("zone".into(), String::new());
    }
    if bit(17) {
        let operator = if bit(18) {
            NodeSelectorOperator::In
        } else {
            NodeSelectorOperator::NotIn
        };
        let term = fields(vec![NodeSelectorRequirement::new(
            "spec.other",
            operator,
            [""],
        )]);
        if let Some(selector) = spec
            .affinity
            .as_mut()
            .and_then(|a| a.node_affinity.as_mut())
            .and_then(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .as_mut()
            })
        {
            selector.node_selector_terms.push(term);
        }
    }
    if bit(19) {
        spec.node_name.clear();
    }
    (ds, nodes)
}

proptest! {
    #[test]
    fn table_agrees_with_placement_on_every_node(
        ds in daemon_set(),
        nodes in nodes(),
        gate in any::<bool>(),
    ) {
        let (fast, slow) = both(&ds, &nodes, gate);
        prop_assert_eq!(fast.len(), nodes.len());
        prop_assert_eq!(fast, slow);
    }

    #[test]
    fn table_agrees_with_placement_gate_on_and_off(ds in daemon_set(), nodes in nodes()) {
        for gate in [false, true] {
            let (fast, slow) = both(&ds, &nodes, gate);
            prop_assert_eq!(fast, slow, "gate {}", gate);
        }
    }

    #[test]
    fn table_agrees_with_placement_on_roughened_inputs(
        ds in daemon_set(),
        nodes in nodes(),
        bits in any::<u64>(),
        gate in any::<bool>(),
    ) {
        let (ds, nodes) = roughen(ds, nodes, bits);
        let (fast, slow) = both(&ds, &nodes, gate);
        prop_assert_eq!(fast, slow);
    }

    #[test]
    fn one_table_serves_many_placements(
        daemon_sets in proptest::collection::vec(daemon_set(), 1..5),
        nodes in nodes(),
        gate in any::<bool>(),
    ) {
        let table = NodeTable::new(&nodes);
        prop_assert_eq!(table.len(), nodes.len());
        for ds in &daemon_sets {
            let placement = Placement::compile(ds, options(gate));
            let fast = placement.for_table(&table);
            for (i, node) in nodes.iter().enumerate() {
                prop_assert_eq!(table.name(i), node.name());
                prop_assert_eq!(fast.should_run(&table, i), placement.should_run(node));
            }
        }
    }
}

#[test]
fn table_basics() {
    let empty = NodeTable::new(&[]);
    assert!(empty.is_empty());
    assert_eq!(empty.len(), 0);
    let nodes = [
        Node::new("a", [("zone", "x")], vec![]),
        Node::new("", [], vec![]),
        Node::new("a", [], vec![]),
    ];
    let table = NodeTable::new(&nodes);
    assert!(!table.is_empty());
    assert_eq!(table.len(), 3);
    assert_eq!(
        (0..3).map(|i| table.name(i)).collect::<Vec<_>>(),
        ["a", "", "a"]
    );
}

#[test]
fn unknown_selector_key_or_value_matches_no_node() {
    let nodes = [
        Node::new("n1", [("zone", "a")], vec![]),
        Node::new("n2", [("zone", "b"), ("disk", "ssd")], vec![]),
    ];
    let mut ds = DaemonSet::default();
    ds.spec
        .template
        .spec
        .node_selector
        .insert("no-such-key".into(), "a".into());
    assert_eq!(checked(&ds, &nodes, false), [(false, false); 2]);

    let mut ds = DaemonSet::default();
    ds.spec
        .template
        .spec
        .node_selector
        .insert("zone".into(), "no-such-value".into());
    assert_eq!(checked(&ds, &nodes, false), [(false, false); 2]);

    // An empty required value needs the label present with an empty value.
    let mut ds = DaemonSet::default();
    ds.spec
        .template
        .spec
        .node_selector
        .insert("zone".into(), String::new());
    assert_eq!(checked(&ds, &nodes, false), [(false, false); 2]);

    // Expressions on an unknown key: In/Exists/Gt never hold, NotIn/DoesNotExist always do.
    let unknown = |op: NodeSelectorOperator, values: &[&'static str]| {
        with_affinity(vec![expressions(vec![NodeSelectorRequirement::new(
            "no-such-key",
            op,
            values.iter().copied(),
        )])])
    };
    use NodeSelectorOperator::*;
    assert_eq!(
        checked(&unknown(In, &["a"]), &nodes, false),
        [(false, false); 2]
    );
    assert_eq!(
        checked(&unknown(Exists, &[]), &nodes, false),
        [(false, false); 2]
    );
    assert_eq!(
        checked(&unknown(Gt, &["1"]), &nodes, false),
        [(false, false); 2]
    );
    assert_eq!(
        checked(&unknown(NotIn, &["a"]), &nodes, false),
        [(true, true); 2]
    );
    assert_eq!(
        checked(&unknown(DoesNotExist, &[]), &nodes, false),
        [(true, true); 2]
    );

    // In with only unknown values; NotIn with unknown values is a no-op.
    let ds = with_affinity(vec![expressions(vec![NodeSelectorRequirement::new(
        "zone",
        In,
        ["c", "d"],
    )])]);
    assert_eq!(checked(&ds, &nodes, false), [(false, false); 2]);
    let ds = with_affinity(vec![expressions(vec![NodeSelectorRequirement::new(
        "zone",
        NotIn,
        ["c", "a"],
    )])]);
    assert_eq!(checked(&ds, &nodes, false), [(false, false), (true, true)]);

    // A template nodeName no node has.
    let mut ds = DaemonSet::default();
    ds.spec.template.spec.node_name = "n9".into();
    assert_eq!(checked(&ds, &nodes, false), [(false, false); 2]);
    ds.spec.template.spec.node_name = "n2".into();
    assert_eq!(checked(&ds, &nodes, false), [(false, false), (true, true)]);
}

#[test]
fn gt_lt_read_labels_as_go_parse_int() {
    let values = [
        "007",
        "+5",
        "5",
        "6",
        "-3",
        "-0",
        "abc",
        "",
        "9223372036854775807",
        "9223372036854775808",
    ];
    let nodes: Vec<Node> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Node::new(format!("n{i}"), [("rank", *v)], vec![]))
        .chain([Node::new("unlabelled", [], vec![])])
        .collect();
    let run = |op: NodeSelectorOperator, bound: &'static str| -> Vec<bool> {
        let ds = with_affinity(vec![expressions(vec![NodeSelectorRequirement::new(
            "rank",
            op,
            [bound],
        )])]);
        checked(&ds, &nodes, false).iter().map(|r| r.0).collect()
    };
    // rank > 5: "007", "6" and i64::MAX.
    assert_eq!(
        run(NodeSelectorOperator::Gt, "5"),
        [
            true, false, false, true, false, false, false, false, true, false, false
        ]
    );
    // Leading zeros in the bound parse too: rank > 006 is rank > 6.
    assert_eq!(
        run(NodeSelectorOperator::Gt, "006"),
        [
            true, false, false, false, false, false, false, false, true, false, false
        ]
    );
    // rank < 5: "-3" and "-0"; "+5" and "5" are equal to the bound.
    assert_eq!(
        run(NodeSelectorOperator::Lt, "5"),
        [
            false, false, false, false, true, true, false, false, false, false, false
        ]
    );
    // "-1" is not a valid label value, so the term fails to parse and never matches.
    assert_eq!(run(NodeSelectorOperator::Lt, "-1"), [false; 11]);
    // Not an integer: parse error, never matches.
    assert_eq!(run(NodeSelectorOperator::Gt, "five"), [false; 11]);

    // A broken term does not hide a good one.
    let ds = with_affinity(vec![
        expressions(vec![NodeSelectorRequirement::new(
            "rank",
            NodeSelectorOperator::Gt,
            ["x"],
        )]),
        expressions(vec![NodeSelectorRequirement::new(
            "rank",
            NodeSelectorOperator::In,
            ["abc"],
        )]),
    ]);
    let hits: Vec<bool> = checked(&ds, &nodes, false).iter().map(|r| r.0).collect();
    assert_eq!(
        hits,
        [
            false, false, false, false, false, false, true, false, false, false, false
        ]
    );
}

#[test]
fn empty_node_name_skips_match_fields() {
    let nodes = [
        Node::new("", [("zone", "a")], vec![]),
        Node::new("n1", [("zone", "a")], vec![]),
        Node::new("n2", [("zone", "a")], vec![]),
    ];
    let name_in = |names: &[&'static str]| {
        NodeSelectorRequirement::new("metadata.name", NodeSelectorOperator::In, names.to_vec())
    };
    let ds = with_affinity(vec![fields(vec![name_in(&["n1"])])]);
    assert_eq!(
        checked(&ds, &nodes, false),
        [(true, true), (true, true), (false, false)]
    );
    // A name no node has: only the unnamed node passes.
    let ds = with_affinity(vec![fields(vec![name_in(&["n9"])])]);
    assert_eq!(
        checked(&ds, &nodes, false),
        [(true, true), (false, false), (false, false)]
    );
    // NotIn.
    let ds = with_affinity(vec![fields(vec![NodeSelectorRequirement::new(
        "metadata.name",
        NodeSelectorOperator::NotIn,
        ["n1"],
    )])]);
    assert_eq!(
        checked(&ds, &nodes, false),
        [(true, true), (false, false), (true, true)]
    );
    // An unknown field key reads as "": In [""] holds everywhere, In ["n1"] only unnamed.
    let ds = with_affinity(vec![fields(vec![NodeSelectorRequirement::new(
        "spec.other",
        NodeSelectorOperator::In,
        [""],
    )])]);
    assert_eq!(checked(&ds, &nodes, false), [(true, true); 3]);
    let ds = with_affinity(vec![fields(vec![NodeSelectorRequirement::new(
        "spec.other",
        NodeSelectorOperator::In,
        ["n1"],
    )])]);
    assert_eq!(
        checked(&ds, &nodes, false),
        [(true, true), (false, false), (false, false)]
    );
    // Fields and expressions in one term: both must hold (labels still checked on "").
    let ds = with_affinity(vec![NodeSelectorTerm {
        match_expressions: vec![NodeSelectorRequirement::new(
            "zone",
            NodeSelectorOperator::In,
            ["b"],
        )],
        match_fields: vec![name_in(&["n1"])],
    }]);
    assert_eq!(checked(&ds, &nodes, false), [(false, false); 3]);
    // Malformed matchFields (two values) break the term.
    let ds = with_affinity(vec![fields(vec![name_in(&["n1", "n2"])])]);
    assert_eq!(checked(&ds, &nodes, false), [(false, false); 3]);
    // No non-empty term left: nothing matches.
    let ds = with_affinity(vec![NodeSelectorTerm::default()]);
    assert_eq!(checked(&ds, &nodes, false), [(false, false); 3]);
}

#[test]
fn toleration_lt_gt_need_canonical_ints_and_the_gate() {
    let taint = |value: &str, effect| Taint::new("level", value, effect);
    let values = ["200", "0200", "+200", "-0", "50", "-7", "x", ""];
    let nodes: Vec<Node> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Node::new(format!("n{i}"), [], vec![taint(v, TaintEffect::NoExecute)]))
        .collect();
    let with_toleration = |operator: TolerationOperator, value: &str| {
        let mut ds = DaemonSet::default();
        ds.spec.template.spec.tolerations.push(Toleration {
            key: "level".into(),
            operator,
            value: value.into(),
            ..Toleration::default()
        });
        ds
    };
    let tolerated = |ds: &DaemonSet, gate: bool| -> Vec<bool> {
        checked(ds, &nodes, gate).iter().map(|r| r.0).collect()
    };

    let gt = with_toleration(TolerationOperator::Gt, "100");
    assert_eq!(
        tolerated(&gt, true),
        [true, false, false, false, false, false, false, false]
    );
    assert_eq!(tolerated(&gt, false), [false; 8]);

    let lt = with_toleration(TolerationOperator::Lt, "100");
    assert_eq!(
        tolerated(&lt, true),
        [false, false, false, false, true, true, false, false]
    );
    assert_eq!(tolerated(&lt, false), [false; 8]);

    // A non-canonical toleration value never matches.
    let lt = with_toleration(TolerationOperator::Lt, "0100");
    assert_eq!(tolerated(&lt, true), [false; 8]);

    // Untolerated NoExecute: (false, false); untolerated NoSchedule only: (false, true).
    assert_eq!(checked(&gt, &nodes, true)[1], (false, false));
    let soft = [Node::new(
        "s",
        [],
        vec![
            taint("0200", TaintEffect::NoSchedule),
            taint("200", TaintEffect::NoExecute),
            taint("x", TaintEffect::PreferNoSchedule),
        ],
    )];
    assert_eq!(checked(&gt, &soft, true), [(false, true)]);
    assert_eq!(checked(&gt, &soft, false), [(false, false)]);
}

#[test]
fn taint_effects_outside_the_blocking_pair_are_ignored() {
    let odd = Taint {
        key: "k".into(),
        value: "v".into(),
        effect: Some(TaintEffect::Other("Weird".into())),
        time_added: None,
    };
    let no_effect = Taint {
        effect: None,
        ..odd.clone()
    };
    let nodes = [
        Node::new("a", [], vec![odd.clone(), no_effect]),
        Node::new("b", [], vec![Taint::new("k", "v", TaintEffect::NoSchedule)]),
        Node::new("c", [], vec![Taint::new("k", "v", TaintEffect::NoExecute)]),
    ];
    let mut ds = DaemonSet::default();
    assert_eq!(
        checked(&ds, &nodes, false),
        [(true, true), (false, true), (false, false)]
    );
    // A toleration with an unknown effect tolerates no blocking taint.
    ds.spec.template.spec.tolerations.push(Toleration {
        key: "k".into(),
        operator: TolerationOperator::Exists,
        effect: Some(TaintEffect::Other("Weird".into())),
        ..Toleration::default()
    });
    assert_eq!(
        checked(&ds, &nodes, false),
        [(true, true), (false, true), (false, false)]
    );
    // An empty effect tolerates both; an unknown operator tolerates nothing.
    ds.spec.template.spec.tolerations.push(Toleration {
        key: "k".into(),
        operator: TolerationOperator::Other("Equals".into()),
        value: "v".into(),
        ..Toleration::default()
    });
    assert_eq!(
        checked(&ds, &nodes, false),
        [(true, true), (false, true), (false, false)]
    );
    ds.spec.template.spec.tolerations.push(Toleration {
        key: "k".into(),
        operator: TolerationOperator::Equal,
        value: "v".into(),
        ..Toleration::default()
    });
    assert_eq!(checked(&ds, &nodes, false), [(true, true); 3]);
}
