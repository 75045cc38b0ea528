//! YAML input through parsing, validation and planning: never a panic.
#![no_main]

use daemonset_planner::io::Inventory;
use daemonset_planner::{PlanOptions, plan_inventory};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Force the YAML path even for text starting with `{` or `[`.
    let text = format!("# fuzz\n{text}");
    let mut inventory = Inventory::default();
    if inventory.add_text("fuzz.yaml", &text).is_err() {
        return;
    }
    let _ = inventory.validate(&Default::default());
    // Plan even invalid inventories: the planner must not panic on them either.
    let _ = plan_inventory(&inventory, &PlanOptions::at(jiff::Timestamp::UNIX_EPOCH));
});
