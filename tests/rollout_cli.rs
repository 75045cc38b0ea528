//! The `rollout` example: its demo converges both ways, its JSON parses, and
//! its options and errors behave.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test binary's path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>");
        let mut build = Command::new(env!("CARGO"));
        build
            .args(["build", "--quiet", "--example", "rollout"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if profile_dir
            .file_name()
            .is_some_and(|name| name == "release")
        {
            build.arg("--release");
        }
        assert!(
            build.status().expect("cargo runs").success(),
            "building rollout failed"
        );
        profile_dir
            .join("examples")
            .join(format!("rollout{}", std::env::consts::EXE_SUFFIX))
    })
}

fn rollout(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(binary())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("rollout runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().expect("exited normally"),
        stdout,
        stderr,
    )
}

#[test]
fn the_demo_converges_with_max_unavailable_and_with_max_surge() {
    let (code, stdout, _) = rollout(&["-o", "json"]);
    assert_eq!(code, 0);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let runs = document["rollouts"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    for run in runs {
        assert_eq!(run["daemonSet"], "logging/log-collector");
        assert_eq!(run["outcome"]["result"], "converged", "{run}");
        let timeline = run["timeline"].as_array().unwrap();
        let created: usize = timeline
            .iter()
            .map(|s| s["create"].as_array().unwrap().len())
            .sum();
        let deleted: usize = timeline
            .iter()
            .map(|s| s["delete"].as_array().unwrap().len())
            .sum();
        // Ten old pods, each replaced exactly once.
        assert_eq!(created, 10, "{run}");
        assert_eq!(deleted, 10, "{run}");
        let last = timeline.last().unwrap();
        assert_eq!(last["status"]["updatedNumberScheduled"], 10);
        assert_eq!(last["status"]["numberAvailable"], 10);
    }
    // maxUnavailable 1: never more than one old pod deleted per sync.
    for step in runs[0]["timeline"].as_array().unwrap() {
        assert!(step["delete"].as_array().unwrap().len() <= 1, "{step}");
    }
    // maxSurge 25% of 10 nodes = 3: the first sync creates three surge pods.
    assert_eq!(
        runs[1]["timeline"][0]["create"].as_array().unwrap().len(),
        3
    );
    assert!(
        runs[1]["timeline"][0]["delete"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_demo_table_names_the_daemon_set_and_the_outcome() {
    let (code, stdout, _) = rollout(&[]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout
            .matches("Rollout of DaemonSet logging/log-collector")
            .count(),
        2
    );
    assert_eq!(stdout.matches("converged after").count(), 2);
    assert!(stdout.contains("STEP") && stdout.contains("AVAILABLE"));
}

#[test]
fn a_never_ready_node_stalls_the_demo_with_a_reason() {
    let (code, stdout, _) = rollout(&["--never-ready", "node-00", "-o", "json"]);
    assert_eq!(code, 0);
    let document: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &document["rollouts"][0]["outcome"];
    assert_eq!(first["result"], "stalled", "{first}");
    let reasons = first["reasons"].as_array().unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r.as_str().unwrap().contains("node-00")),
        "{first}"
    );
}

#[test]
fn files_are_planned_and_bad_usage_and_input_are_reported() {
    let (code, stdout, _) = rollout(&[
        "tests/fixtures/tutorial/rolling-update-daemonset.yaml",
        "tests/fixtures/rollout-demo.yaml",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("converged after"));
    let (code, _, stderr) = rollout(&["--max-steps", "0"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--max-steps"));
    let (code, _, stderr) = rollout(&["--bogus"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown option"));
    let (code, stdout, stderr) = rollout(&["tests/fixtures/cli/rule-v4-selector-mismatch.yaml"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("`selector` does not match template `labels`"),
        "{stderr}"
    );
}
