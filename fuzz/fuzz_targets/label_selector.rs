//! Label selectors and node selector terms read from JSON and matched
//! against labels: never a panic; the compiled matcher never errors.
#![no_main]

use daemonset_planner::model::{LabelSelector, Node, NodeSelector};
use daemonset_planner::scheduling::CompiledNodeSelector;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (selector_text, labels_text) = text.split_once('\n').unwrap_or((text, "{}"));
    let labels: daemonset_planner::model::StringMap =
        serde_json::from_str(labels_text).unwrap_or_default();
    if let Ok(selector) = serde_json::from_str::<LabelSelector>(selector_text) {
        let _ = selector.matches(&labels);
    }
    if let Ok(selector) = serde_json::from_str::<NodeSelector>(selector_text) {
        let compiled = CompiledNodeSelector::compile(&selector);
        let mut node = Node::new("fuzz-node", [], vec![]);
        node.metadata.labels = labels;
        let _ = compiled.matches(&node);
        let _ = compiled.explain(&node);
        let _ = compiled.parse_errors();
    }
});
