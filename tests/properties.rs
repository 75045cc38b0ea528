//! Invariants of the planner, property-tested on random, adversarial
//! inventories (`support::strategies`). Case counts follow proptest's
//! defaults (256); set `PROPTEST_CASES=10000` for a long local run.

mod support;

use daemonset_planner::controller::{PlanOptions, plan_daemon_set};
use daemonset_planner::model::{
    DaemonSet, Node, NodeSelectorTerm, Pod, Taint, TaintEffect, Toleration,
};
use daemonset_planner::scheduling::{EligibilityOptions, Placement};
use proptest::prelude::*;
use support::{naive, strategies};

fn plan<'a>(ds: &DaemonSet, nodes: &'a [Node], pods: &'a [Pod]) -> daemonset_planner::Plan<'a> {
    plan_daemon_set(ds, nodes, pods, &[], &PlanOptions::at(strategies::now()))
}

fn eligible(ds: &DaemonSet, nodes: &[Node]) -> Vec<bool> {
    let placement = Placement::compile(ds, EligibilityOptions::default());
    nodes.iter().map(|n| placement.should_run(n).0).collect()
}

/// A deterministic permutation of `items` driven by `seed`.
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut out = items.to_vec();
    let mut state = seed | 1;
    for i in (1..out.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.swap(i, (state % (i as u64 + 1)) as usize);
    }
    out
}

proptest! {
    // Cheap per case and the rule space is large: run more cases than the default.
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn compiled_eligibility_agrees_with_naive_twin(
        ds in strategies::daemon_set(),
        nodes in strategies::nodes(),
        comparison in any::<bool>(),
    ) {
        let placement = Placement::compile(&ds, EligibilityOptions { taint_comparison_operators: comparison });
        for node in &nodes {
            let compiled = placement.should_run(node);
            let twin = naive::should_run(&ds, node, comparison);
            prop_assert_eq!(compiled, twin, "node {:?}", node);
            let explained = placement.evaluate(node);
            prop_assert_eq!((explained.should_run, explained.should_continue_running), compiled);
            prop_assert_eq!(explained.reasons.is_empty(), compiled.0);
        }
    }
}

proptest! {
    #[test]
    fn determinism_same_input_same_plan((ds, nodes, pods) in strategies::scenario()) {
        let first = plan(&ds, &nodes, &pods);
        let second = plan(&ds, &nodes, &pods);
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(
            daemonset_planner::io::plans_to_json(&[first]),
            daemonset_planner::io::plans_to_json(&[second])
        );
    }

    #[test]
    fn shuffling_nodes_and_pods_changes_nothing(
        (ds, nodes, pods) in strategies::scenario(),
        seed in any::<u64>(),
    ) {
        let original = plan(&ds, &nodes, &pods);
        let (nodes, pods) = (shuffled(&nodes, seed), shuffled(&pods, seed.rotate_left(17)));
        let reordered = plan(&ds, &nodes, &pods);
        prop_assert_eq!(original, reordered);
    }

    #[test]
    fn planning_with_the_interned_node_table_changes_nothing((ds, nodes, pods) in strategies::scenario()) {
        let plain = plan(&ds, &nodes, &pods);
        let prepared = daemonset_planner::controller::PreparedNodes::with_table(&nodes);
        let interned = daemonset_planner::controller::plan_prepared(
            &ds, &prepared, &daemonset_planner::controller::PreparedPods::new(&pods), &[],
            &PlanOptions::at(strategies::now()));
        prop_assert_eq!(plain, interned);
    }

    #[test]
    fn desired_count_equals_should_run_nodes((ds, nodes, pods) in strategies::scenario()) {
        let result = plan(&ds, &nodes, &pods);
        let expected = nodes.iter().filter(|n| naive::should_run(&ds, n, false).0).count() as i64;
        prop_assert_eq!(result.status.desired_number_scheduled, expected);
        prop_assert_eq!(
            result.status.number_unavailable,
            result.status.desired_number_scheduled - result.status.number_available
        );
        prop_assert_eq!(result.nodes.len(), nodes.len());
    }

    #[test]
    fn creates_name_distinct_eligible_nodes((ds, nodes, pods) in strategies::scenario()) {
        let result = plan(&ds, &nodes, &pods);
        let mut seen = std::collections::BTreeSet::new();
        for name in &result.create {
            prop_assert!(seen.insert(name.clone()), "two creates on {}", name);
            let node = nodes.iter().find(|n| &n.metadata.name == name);
            prop_assert!(node.is_some(), "create on unknown node {}", name);
            prop_assert!(naive::should_run(&ds, node.unwrap(), false).0, "create on ineligible {}", name);
        }
        prop_assert!(result.create.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(result.delete.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn deletes_only_owned_pods((ds, nodes, pods) in strategies::scenario()) {
        let result = plan(&ds, &nodes, &pods);
        for name in &result.delete {
            let pod = pods.iter().find(|p| &p.metadata.name == name);
            prop_assert!(pod.is_some(), "deleted unknown pod {}", name);
            let pod = pod.unwrap();
            prop_assert_eq!(pod.metadata.labels.get("app"), Some("ds"));
            match pod.metadata.owner_references.iter().find(|o| o.controller == Some(true)) {
                Some(owner) => prop_assert_eq!(owner.uid.as_str(), strategies::DS_UID),
                None => prop_assert!(pod.metadata.deletion_timestamp.is_none()),
            }
            prop_assert!(pod.metadata.deletion_timestamp.is_none() || pod.spec.node_name.is_empty(),
                "deleted a terminating bound pod {}", name);
        }
    }

    #[test]
    fn adding_a_toleration_never_removes_an_eligible_node(
        ds in strategies::daemon_set(),
        nodes in strategies::nodes(),
        extra in strategies::toleration(),
    ) {
        let before = eligible(&ds, &nodes);
        let mut wider = ds.clone();
        wider.spec.template.spec.tolerations.push(extra);
        let after = eligible(&wider, &nodes);
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(!b || *a);
        }
    }

    #[test]
    fn adding_a_blocking_taint_never_adds_an_eligible_node(
        ds in strategies::daemon_set(),
        nodes in strategies::nodes(),
        taint in strategies::taint(),
        index in any::<prop::sample::Index>(),
    ) {
        let before = eligible(&ds, &nodes);
        let mut tainted = nodes.clone();
        let i = index.index(tainted.len());
        let effect = taint.effect.clone().filter(|e| *e != TaintEffect::PreferNoSchedule)
            .unwrap_or(TaintEffect::NoSchedule);
        tainted[i].spec.taints.push(Taint { effect: Some(effect), ..taint });
        let after = eligible(&ds, &tainted);
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(*b || !a);
        }
    }

    #[test]
    fn removing_a_node_selector_entry_never_removes_an_eligible_node(
        ds in strategies::daemon_set(),
        nodes in strategies::nodes(),
        index in any::<prop::sample::Index>(),
    ) {
        prop_assume!(!ds.spec.template.spec.node_selector.is_empty());
        let before = eligible(&ds, &nodes);
        let mut narrower = ds.clone();
        let selector = &mut narrower.spec.template.spec.node_selector;
        let key = selector.keys().nth(index.index(selector.len())).unwrap().to_string();
        selector.remove(&key);
        let after = eligible(&narrower, &nodes);
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(!b || *a);
        }
    }

    #[test]
    fn an_extra_ored_affinity_term_never_removes_an_eligible_node(
        ds in strategies::daemon_set(),
        nodes in strategies::nodes(),
        term in strategies::term(),
    ) {
        let has_required = ds.spec.template.spec.required_node_selector().is_some();
        prop_assume!(has_required);
        let before = eligible(&ds, &nodes);
        let mut wider = ds.clone();
        wider.spec.template.spec.affinity.as_mut().unwrap().node_affinity.as_mut().unwrap()
            .required_during_scheduling_ignored_during_execution.as_mut().unwrap()
            .node_selector_terms.push(term);
        let after = eligible(&wider, &nodes);
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(!b || *a);
        }
    }

    #[test]
    fn model_types_round_trip_through_json((ds, nodes, pods) in strategies::scenario()) {
        let text = serde_json::to_string(&ds).unwrap();
        prop_assert_eq!(&serde_json::from_str::<DaemonSet>(&text).unwrap(), &ds);
        for node in &nodes {
            let text = serde_json::to_string(node).unwrap();
            prop_assert_eq!(&serde_json::from_str::<Node>(&text).unwrap(), node);
        }
        for pod in &pods {
            let text = serde_json::to_string(pod).unwrap();
            prop_assert_eq!(&serde_json::from_str::<Pod>(&text).unwrap(), pod);
        }
        let term = NodeSelectorTerm::default();
        let text = serde_json::to_string(&term).unwrap();
        prop_assert_eq!(serde_json::from_str::<NodeSelectorTerm>(&text).unwrap(), term);
    }

    #[test]
    fn taints_round_trip_through_display(taint in strategies::taint()) {
        prop_assume!(taint.effect.is_some());
        let text = taint.to_string();
        let parsed: Taint = text.parse().unwrap();
        prop_assert_eq!(parsed, taint);
    }

    #[test]
    fn tolerations_round_trip_through_json(toleration in strategies::toleration()) {
        let text = serde_json::to_string(&toleration).unwrap();
        prop_assert_eq!(serde_json::from_str::<Toleration>(&text).unwrap(), toleration);
    }

    #[test]
    fn quantities_round_trip_through_display(
        text in r"[+-]?[0-9]{0,12}(\.[0-9]{0,9})?(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e[+-]?[0-9]{1,2}|E[+-]?[0-9]{1,2})?"
    ) {
        use daemonset_planner::model::Quantity;
        if let Ok(quantity) = text.parse::<Quantity>() {
            let printed = quantity.to_string();
            let reparsed: Quantity = printed.parse().unwrap();
            prop_assert_eq!(reparsed, quantity, "{} printed as {}", text, printed);
            prop_assert_eq!(reparsed.to_string().parse::<Quantity>().unwrap(), quantity);
            let json = serde_json::to_string(&quantity).unwrap();
            prop_assert_eq!(serde_json::from_str::<Quantity>(&json).unwrap(), quantity);
        }
    }
}

/// One edit of a label map.
#[derive(Debug, Clone)]
enum MapEdit {
    Insert(String, String),
    Remove(String),
}

fn map_edit() -> impl Strategy<Value = MapEdit> {
    // A small key alphabet so that edits hit existing keys often.
    let key = "[a-c]{0,2}";
    prop_oneof![
        (key, "[a-z]{0,3}").prop_map(|(k, v)| MapEdit::Insert(k, v)),
        key.prop_map(MapEdit::Remove),
    ]
}

proptest! {
    /// `StringMap` (one buffer per map) behaves as the `BTreeMap<String,
    /// String>` it replaced: same answers to every edit and lookup, same
    /// iteration order, same JSON, and it reads back what it wrote.
    #[test]
    fn string_map_behaves_as_a_btree_map(edits in proptest::collection::vec(map_edit(), 0..40)) {
        use std::collections::BTreeMap;
        use daemonset_planner::model::StringMap;
        let mut map = StringMap::new();
        let mut model: BTreeMap<String, String> = BTreeMap::new();
        for edit in &edits {
            match edit {
                MapEdit::Insert(k, v) => {
                    prop_assert_eq!(map.insert(k.clone(), v.clone()), model.insert(k.clone(), v.clone()));
                }
                MapEdit::Remove(k) => prop_assert_eq!(map.remove(k), model.remove(k)),
            }
            prop_assert_eq!(map.len(), model.len());
        }
        let pairs: Vec<(&str, &str)> = map.iter().collect();
        let expected: Vec<(&str, &str)> = model.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        prop_assert_eq!(&pairs, &expected);
        for key in ["", "a", "b", "c", "ab", "zz"] {
            prop_assert_eq!(map.get(key), model.get(key).map(String::as_str));
        }
        let json = serde_json::to_string(&map).unwrap();
        prop_assert_eq!(&json, &serde_json::to_string(&model).unwrap());
        let back: StringMap = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &map);
        let rebuilt: StringMap = model.iter().collect();
        prop_assert_eq!(rebuilt, map);
    }
}

proptest! {
    /// Shared reasons are exactly each node's own: whichever node of a
    /// signature filled the cache, every node gets what
    /// `Placement::reasons` gives it, with or without the node table.
    #[test]
    fn cached_reasons_equal_each_nodes_own((ds, scenario_nodes, _pods) in strategies::scenario()) {
        use daemonset_planner::scheduling::{NodeTable, ReasonCache};
        // Near twins of every node, so that signatures meet: another name,
        // taints reversed, the first taint twice.
        let mut nodes = scenario_nodes.clone();
        for node in &scenario_nodes {
            let mut renamed = node.clone();
            renamed.metadata.name.push_str("-twin");
            let mut reversed = renamed.clone();
            reversed.metadata.name.push_str("-reversed");
            reversed.spec.taints.reverse();
            let mut doubled = renamed.clone();
            doubled.metadata.name.push_str("-doubled");
            if let Some(first) = doubled.spec.taints.first().cloned() {
                doubled.spec.taints.push(first);
            }
            nodes.extend([renamed, reversed, doubled]);
        }
        let placement = Placement::compile(&ds, EligibilityOptions::default());
        let table = NodeTable::new(&nodes);
        let mut plain = ReasonCache::new(&placement);
        let mut tabled = ReasonCache::with_table(&placement, &table);
        for (index, node) in nodes.iter().enumerate() {
            let own = placement.reasons(node);
            prop_assert_eq!(&plain.reasons(node)[..], &own[..]);
            prop_assert_eq!(&tabled.reasons_at(node, index)[..], &own[..]);
        }
    }
}
