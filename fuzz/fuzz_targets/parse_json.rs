//! JSON input through parsing, validation and planning: never a panic.
#![no_main]

use daemonset_planner::io::Inventory;
use daemonset_planner::{PlanOptions, plan_inventory};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = format!("{{\"kind\":\"List\",\"apiVersion\":\"v1\",\"items\":[{text}]}}");
    let mut inventory = Inventory::default();
    if inventory.add_text("fuzz.json", &text).is_err() {
        return;
    }
    let _ = inventory.validate(&Default::default());
    let _ = plan_inventory(&inventory, &PlanOptions::at(jiff::Timestamp::UNIX_EPOCH));
});
