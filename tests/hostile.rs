//! No panic on any input: arbitrary bytes and mutated real fixtures
//! (truncated, lines swapped, types changed, deep nesting, huge numbers,
//! anchors and aliases) through the public parsing, validation and planning
//! entry points. Every result is `Ok` or a typed error.
//!
//! Limits that keep hostile input from hanging: inputs above 1 GiB are
//! refused; YAML nesting deeper than 64 levels, more than 1,000,000
//! documents, alias bombs (serde-saphyr's alias budget) and JSON nesting
//! deeper than 128 are errors.

use daemonset_planner::io::Inventory;
use daemonset_planner::{PlanOptions, plan_inventory};
use proptest::prelude::*;

const FIXTURES: &[&str] = &[
    include_str!("fixtures/demo-cluster.yaml"),
    include_str!("fixtures/tutorial/monitoring-agent-daemonset.yaml"),
    include_str!("fixtures/tutorial/node-affinity-daemonset.yaml"),
    include_str!("fixtures/tutorial/rolling-update-daemonset.yaml"),
];

/// Parses, validates and plans; returns whether the input was accepted.
fn run(text: &str) -> bool {
    let mut inventory = Inventory::default();
    if inventory.add_text("hostile", text).is_err() {
        return false;
    }
    let valid = inventory.validate(&Default::default()).is_ok();
    // Plan even what validation rejects: the planner must not panic either.
    let plans = plan_inventory(&inventory, &PlanOptions::at(jiff::Timestamp::UNIX_EPOCH));
    let _ = daemonset_planner::io::plans_to_json(&plans);
    let _ = daemonset_planner::report::plans_to_table(&plans);
    valid
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    SwapLines(usize, usize),
    DeleteLine(usize),
    ReplaceScalar(usize, &'static str),
    Insert(usize, &'static str),
}

const SCALARS: &[&str] = &[
    "-1",
    "99999999999999999999999",
    "1e400",
    "-0",
    "\"\"",
    "null",
    "[]",
    "{}",
    "true",
    "yes",
    "\"10%\"",
    "\"abc\"",
    "0x1F",
    ".inf",
    "~",
    "&a [*a, *a]",
    "!!binary aGVsbG8=",
    "\"\\u0000\"",
];
const INSERTS: &[&str] = &[
    "---\n",
    "  - [",
    "]]]]\n",
    "key: : value\n",
    "\t\n",
    "&anchor x: 1\n",
    "<<: *missing\n",
    "    operator: Exists\n",
    "  taints: [{key: k, effect: Bad}]\n",
    "\u{feff}",
    "%YAML 1.2\n",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), proptest::sample::select(SCALARS))
            .prop_map(|(i, s)| Mutation::ReplaceScalar(i, s)),
        (any::<usize>(), proptest::sample::select(INSERTS))
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return String::new();
    }
    let n = lines.len();
    match mutation {
        Mutation::Truncate(at) => {
            let cut = at % text.len().max(1);
            let cut = (0..=cut)
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            return text[..cut].to_string();
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::DeleteLine(a) => {
            lines.remove(a % n);
        }
        Mutation::ReplaceScalar(a, scalar) => {
            let line = &mut lines[a % n];
            if let Some((key, _)) = line.split_once(": ") {
                *line = format!("{key}: {scalar}");
            }
        }
        Mutation::Insert(a, inserted) => lines.insert(a % n, inserted.to_string()),
    }
    lines.join("\n")
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        run(&text);
    }

    #[test]
    fn arbitrary_bytes_as_lossy_text_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        run(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_fixtures_never_panic(
        fixture in proptest::sample::select(FIXTURES),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let mut text = fixture.to_string();
        for m in &mutations {
            text = apply(&text, m);
        }
        run(&text);
    }

    #[test]
    fn json_shaped_garbage_never_panics(text in r#"[\[\]{}":,0-9a-zA-Z \-.]{0,300}"#) {
        run(&text);
    }
}

#[test]
fn the_unmutated_fixtures_are_accepted() {
    for fixture in FIXTURES {
        assert!(run(fixture), "fixture rejected");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(!run(&json));
    let yaml = format!(
        "{}x: 1\n",
        (0..5_000)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i % 200)))
            .collect::<String>()
    );
    assert!(!run(&yaml));
    let flow = format!("a: {}{}", "[".repeat(50_000), "]".repeat(50_000));
    assert!(!run(&flow));
    // Just inside serde_json's limit of 128, in a field the model keeps verbatim.
    let deep = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    let ds = format!(
        r#"{{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{{"name":"a"}},"spec":{{"selector":{{"matchLabels":{{"app":"a"}}}},"template":{{"metadata":{{"labels":{{"app":"a"}}}},"spec":{{"containers":[{{"name":"a","image":"a","args":{deep}}}]}}}}}}}}"#
    );
    run(&ds);
}

#[test]
fn alias_bombs_are_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for name in 'b'..='k' {
        bomb.push_str(&format!("{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"));
        previous = name;
    }
    assert!(!run(&bomb));
}

#[test]
fn huge_numbers_and_odd_scalars_are_errors() {
    let template = include_str!("fixtures/tutorial/rolling-update-daemonset.yaml");
    for (from, to) in [
        ("maxUnavailable: 1", "maxUnavailable: 99999999999999999999"),
        ("maxUnavailable: 1", "maxUnavailable: 1.5"),
        ("cpu: 100m", "cpu: 1e999999999999"),
    ] {
        let text = template.replace(from, to);
        assert_ne!(text, template, "{from} not found");
        assert!(!run(&text), "{to} accepted");
    }
}
