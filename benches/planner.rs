//! Criterion benches at 1k, 10k and 100k nodes. Groups (results land in
//! `target/criterion/<group>/<nodes>/`): `eligibility`, `one_sync`,
//! `all_daemonsets`, `parse_json`, `parse_yaml`, `rollout_sim`,
//! `incremental_node_event`, and the prepared-inventory variants
//! `one_sync_prepared`, `one_sync_decisions`, `all_daemonsets_prepared`
//! with what preparing costs (`prepare_inventory`).
//!
//! `cargo bench` measures; `cargo test` runs every bench once on a small
//! inventory (criterion's test mode) so the code paths cannot rot.

#[path = "../tests/support/inventory.rs"]
mod inventory;

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use daemonset_planner::PlanOptions;
use daemonset_planner::controller::{PreparedNodes, PreparedPods, plan_daemon_set, plan_prepared};
use daemonset_planner::incremental::PlannerIndex;
use daemonset_planner::io::Inventory;
use daemonset_planner::model::{
    DaemonSet, IntOrPercent, RollingUpdateDaemonSet, Taint, TaintEffect,
};
use daemonset_planner::plan_inventory;
use daemonset_planner::scheduling::{EligibilityOptions, NodeTable, Placement, TablePlacement};
use daemonset_planner::simulator::{SimulationConfig, simulate};

/// Real runs (`cargo bench` passes `--bench`) use cluster sizes; test mode a small one.
fn sizes(large: &[usize]) -> Vec<usize> {
    if std::env::args().any(|a| a == "--bench") {
        large.to_vec()
    } else {
        vec![200]
    }
}

fn now() -> jiff::Timestamp {
    "2026-12-01T00:00:00Z".parse().unwrap()
}

fn load(nodes: usize) -> Inventory {
    let mut inventory = Inventory::default();
    for (index, text) in inventory::TUTORIAL.iter().enumerate() {
        inventory
            .add_text(&format!("tutorial-{index}"), text)
            .unwrap();
    }
    inventory
        .add_text("generated", &inventory::inventory_json(nodes, 42))
        .unwrap();
    for ds in &mut inventory.daemon_sets {
        if ds.metadata.name == "log-collector" {
            ds.metadata.uid = "log-collector-uid".to_string();
        }
    }
    inventory
}

fn log_collector(inventory: &Inventory) -> &DaemonSet {
    inventory
        .daemon_sets
        .iter()
        .find(|ds| ds.metadata.name == "log-collector")
        .unwrap()
}

fn eligibility(c: &mut Criterion) {
    let mut group = c.benchmark_group("eligibility");
    for nodes in sizes(&[1_000, 10_000, 100_000]) {
        let inventory = load(nodes);
        // Compiled once, outside the timed loop: the node table and each
        // DaemonSet's placement against it.
        let table = NodeTable::new(&inventory.nodes);
        let placements: Vec<TablePlacement> = inventory
            .daemon_sets
            .iter()
            .map(|ds| Placement::compile(ds, EligibilityOptions::default()).for_table(&table))
            .collect();
        // Per (DaemonSet, node) pair: eight DaemonSets against every node.
        group.throughput(Throughput::Elements((nodes * placements.len()) as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &table, |b, table| {
            b.iter(|| {
                let mut eligible = 0usize;
                for placement in &placements {
                    for index in 0..table.len() {
                        eligible +=
                            usize::from(placement.should_run(black_box(table), black_box(index)).0);
                    }
                }
                eligible
            })
        });
    }
    group.finish();
}

fn one_sync(c: &mut Criterion) {
    let mut group = c.benchmark_group("one_sync");
    group.sample_size(10);
    for nodes in sizes(&[1_000, 10_000, 100_000]) {
        let inventory = load(nodes);
        let ds = log_collector(&inventory).clone();
        group.bench_with_input(
            BenchmarkId::from_parameter(nodes),
            &inventory,
            |b, inventory| {
                b.iter(|| {
                    plan_daemon_set(
                        black_box(&ds),
                        &inventory.nodes,
                        &inventory.pods,
                        &inventory.revisions,
                        &PlanOptions::at(now()),
                    )
                })
            },
        );
    }
    group.finish();
}

/// One sync against nodes prepared once (`PreparedNodes::with_table`, as a
/// tool that keeps its node inventory between syncs holds them); the pods
/// are grouped inside the timed loop, since they change from sync to sync.
fn prepared_sync(c: &mut Criterion, name: &str, explain: bool) {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    for nodes in sizes(&[1_000, 10_000, 100_000]) {
        let inventory = load(nodes);
        let ds = log_collector(&inventory).clone();
        let prepared = PreparedNodes::with_table(&inventory.nodes);
        let mut options = PlanOptions::at(now());
        options.explain = explain;
        group.bench_with_input(
            BenchmarkId::from_parameter(nodes),
            &inventory,
            |b, inventory| {
                b.iter(|| {
                    plan_prepared(
                        black_box(&ds),
                        &prepared,
                        &PreparedPods::new(&inventory.pods),
                        &inventory.revisions,
                        &options,
                    )
                })
            },
        );
    }
    group.finish();
}

/// The one-sync plan with every node explained, against prepared nodes.
fn one_sync_prepared(c: &mut Criterion) {
    prepared_sync(c, "one_sync_prepared", true);
}

/// The same without per-node explanations: what a controller or autoscaler
/// that only needs the decisions and the status pays per sync.
fn one_sync_decisions(c: &mut Criterion) {
    prepared_sync(c, "one_sync_decisions", false);
}

fn all_daemonsets(c: &mut Criterion) {
    let mut group = c.benchmark_group("all_daemonsets");
    group.sample_size(10);
    for nodes in sizes(&[1_000, 10_000, 100_000]) {
        let inventory = load(nodes);
        group.bench_with_input(
            BenchmarkId::from_parameter(nodes),
            &inventory,
            |b, inventory| b.iter(|| plan_inventory(black_box(inventory), &PlanOptions::at(now()))),
        );
    }
    group.finish();
}

/// All eight DaemonSets against nodes and pods prepared once, outside the
/// timed loop: the planning itself, as a tool that keeps its inventory
/// prepared pays it on each change.
fn all_daemonsets_prepared(c: &mut Criterion) {
    let mut group = c.benchmark_group("all_daemonsets_prepared");
    group.sample_size(10);
    for nodes in sizes(&[1_000, 10_000, 100_000]) {
        let inventory = load(nodes);
        let prepared_nodes = PreparedNodes::with_table(&inventory.nodes);
        let prepared_pods = PreparedPods::new(&inventory.pods);
        let options = PlanOptions::at(now());
        group.bench_with_input(
            BenchmarkId::from_parameter(nodes),
            &inventory,
            |b, inventory| {
                b.iter(|| {
                    inventory
                        .daemon_sets
                        .iter()
                        .map(|ds| {
                            plan_prepared(
                                black_box(ds),
                                &prepared_nodes,
                                &prepared_pods,
                                &inventory.revisions,
                                &options,
                            )
                        })
                        .collect::<Vec<_>>()
                })
            },
        );
    }
    group.finish();
}

/// Preparing the nodes and pods once: the cost `all_daemonsets_prepared`
/// leaves out (`plan_inventory` pays it on every call).
fn prepare_inventory(c: &mut Criterion) {
    let mut group = c.benchmark_group("prepare_inventory");
    group.sample_size(10);
    for nodes in sizes(&[1_000, 10_000, 100_000]) {
        let inventory = load(nodes);
        group.bench_with_input(
            BenchmarkId::from_parameter(nodes),
            &inventory,
            |b, inventory| {
                b.iter(|| {
                    (
                        PreparedNodes::with_table(black_box(&inventory.nodes)),
                        PreparedPods::new(&inventory.pods),
                    )
                })
            },
        );
    }
    group.finish();
}

fn parse_json(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_json");
    group.sample_size(10);
    for nodes in sizes(&[1_000, 10_000]) {
        let text = inventory::nodes_json(nodes, 7);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &text, |b, text| {
            b.iter(|| {
                let mut inventory = Inventory::default();
                inventory.add_text("nodes.json", black_box(text)).unwrap();
                inventory
            })
        });
    }
    group.finish();
}

fn parse_yaml(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_yaml");
    group.sample_size(10);
    for nodes in sizes(&[1_000, 10_000]) {
        let text = inventory::nodes_yaml(nodes, 7);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &text, |b, text| {
            b.iter(|| {
                let mut inventory = Inventory::default();
                inventory.add_text("nodes.yaml", black_box(text)).unwrap();
                inventory
            })
        });
    }
    group.finish();
}

fn rollout_sim(c: &mut Criterion) {
    let mut group = c.benchmark_group("rollout_sim");
    group.sample_size(10);
    for nodes in sizes(&[10_000]) {
        let inventory = load(nodes);
        let mut ds = log_collector(&inventory).clone();
        ds.spec.update_strategy.rolling_update = Some(RollingUpdateDaemonSet {
            max_unavailable: Some(IntOrPercent::Str("10%".to_string())),
            max_surge: Some(IntOrPercent::Int(0)),
        });
        let config = SimulationConfig::starting_at(now());
        group.bench_with_input(
            BenchmarkId::from_parameter(nodes),
            &inventory,
            |b, inventory| {
                b.iter(|| {
                    simulate(
                        black_box(&ds),
                        &inventory.nodes,
                        &inventory.pods,
                        &inventory.revisions,
                        &config,
                    )
                })
            },
        );
    }
    group.finish();
}

fn incremental_node_event(c: &mut Criterion) {
    let mut group = c.benchmark_group("incremental_node_event");
    for nodes in sizes(&[1_000, 10_000, 100_000]) {
        let inventory = load(nodes);
        // 50 DaemonSets of the tutorial's shapes.
        let daemon_sets: Vec<DaemonSet> = (0..50)
            .map(|i| {
                let mut ds = inventory.daemon_sets[i % inventory.daemon_sets.len()].clone();
                ds.metadata.name = format!("{}-{i}", ds.metadata.name);
                ds
            })
            .collect();
        let mut index = PlannerIndex::new(
            daemon_sets,
            inventory.nodes.clone(),
            EligibilityOptions::default(),
        );
        let mut node = inventory.nodes[nodes / 2].clone();
        let taint = Taint::new("dedicated", "ml", TaintEffect::NoSchedule);
        let mut tainted = false;
        // The event arrives as an owned Node; building it is not the index's cost.
        group.bench_function(BenchmarkId::from_parameter(nodes), |b| {
            b.iter_batched(
                || {
                    tainted = !tainted;
                    if tainted {
                        node.spec.taints.push(taint.clone());
                    } else {
                        node.spec.taints.retain(|t| t != &taint);
                    }
                    node.clone()
                },
                |event| index.upsert_node(black_box(event)).len(),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    eligibility,
    one_sync,
    one_sync_prepared,
    one_sync_decisions,
    all_daemonsets,
    all_daemonsets_prepared,
    prepare_inventory,
    parse_json,
    parse_yaml,
    rollout_sim,
    incremental_node_event
);
criterion_main!(benches);
