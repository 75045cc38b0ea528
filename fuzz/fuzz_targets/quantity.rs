//! Quantity parsing: never a panic, and a parsed value round-trips.
#![no_main]

use daemonset_planner::model::Quantity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(quantity) = text.parse::<Quantity>() {
        let printed = quantity.to_string();
        let reparsed: Quantity = printed.parse().expect("canonical form parses");
        assert_eq!(reparsed, quantity, "{text:?} printed as {printed:?}");
        let _ = (quantity.value(), quantity.milli_value());
    }
});
