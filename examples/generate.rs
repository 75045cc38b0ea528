//! Prints a realistic generated inventory as JSON: NODES nodes shaped like
//! `kubectl get nodes -o json` output, the tutorial's `log-collector` pods
//! mid-rollout, and the tutorial's eight DaemonSets. Deterministic from the
//! seed. For benchmarks and memory measurements of the `plan` command:
//!
//! ```text
//! cargo run --release --example generate -- 100000 > /tmp/inventory-100k.json
//! /usr/bin/time -v target/release/examples/plan --now 2026-12-01T00:00:00Z -o json /tmp/inventory-100k.json > /dev/null
//! ```

#[path = "../tests/support/inventory.rs"]
#[allow(dead_code)]
mod inventory;

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let nodes: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1_000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(42);
    let mut out = std::io::stdout().lock();
    // One JSON stream: the generated List, then each tutorial DaemonSet.
    let _ = writeln!(out, "{}", inventory::inventory_json(nodes, seed));
    for text in inventory::TUTORIAL {
        let documents: Vec<serde_json::Value> =
            serde_saphyr::from_multiple(text).unwrap_or_default();
        for document in documents.iter().filter(|d| d["kind"] == "DaemonSet") {
            let _ = writeln!(out, "{document}");
        }
    }
}
