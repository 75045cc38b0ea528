//! Black-box tests of the `plan` example against its command-line contract
//! (CONTRACT.md): exit status 0/1/2, the `-o json` shape, `-o yaml` as the
//! same document, error messages that name the file, the document, the
//! object and the field path, and never a panic. Inputs are the fixtures
//! under `tests/fixtures/cli/`, plus a few generated at run time (deep
//! nesting, invalid UTF-8) under `CARGO_TARGET_TMPDIR`.
//!
//! Cargo gives integration tests no path to an example binary, so the first
//! test to need it builds it once (`cargo build --example plan`, same
//! profile) and every test then runs `target/<profile>/examples/plan`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::Value;

const NOW: &str = "2025-01-01T00:00:30Z";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

/// The built example, built on first use.
fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        // target/<profile>/deps/cli-<hash>
        let exe = std::env::current_exe().expect("the test binary's path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/<profile>");
        let mut build = Command::new(env!("CARGO"));
        build
            .args(["build", "--quiet", "--example", "plan"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if profile_dir
            .file_name()
            .is_some_and(|name| name == "release")
        {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "building the plan example failed");
        let binary = profile_dir
            .join("examples")
            .join(format!("plan{}", std::env::consts::EXE_SUFFIX));
        assert!(binary.exists(), "{} was not built", binary.display());
        binary
    })
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `plan` in the fixtures directory (so messages name files by their
/// short names), feeding `stdin` if given. Asserts it exited normally and
/// did not panic.
fn plan_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut command = Command::new(binary());
    command
        .args(args)
        .current_dir(fixtures())
        .env("RUST_BACKTRACE", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = command.spawn().expect("plan starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(bytes).expect("stdin accepts the input");
    }
    let output = child.wait_with_output().expect("plan finishes");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        output.status.code().is_some(),
        "plan {args:?} was killed by a signal: {run:?}"
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "plan {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

fn plan(args: &[&str]) -> Run {
    plan_with_stdin(args, None)
}

/// Runs `plan` and expects exit 0 and a JSON document.
fn plan_json(args: &[&str]) -> Value {
    let mut all = vec!["-o", "json"];
    all.extend_from_slice(args);
    let run = plan(&all);
    assert_eq!(run.code, 0, "plan {all:?} failed: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("-o json prints JSON")
}

/// Expects exit 1, nothing on stdout, and every fragment on stderr.
fn assert_bad_input(args: &[&str], stdin: Option<&[u8]>, fragments: &[&str]) {
    let run = plan_with_stdin(args, stdin);
    assert_eq!(run.code, 1, "plan {args:?}: want exit 1, got {run:?}");
    assert!(
        run.stdout.is_empty(),
        "plan {args:?}: bad input must print no plan, got stdout {:?}",
        run.stdout
    );
    assert!(
        run.stderr.starts_with("plan: bad input:\n"),
        "plan {args:?}: stderr {:?}",
        run.stderr
    );
    for fragment in fragments {
        assert!(
            run.stderr.contains(fragment),
            "plan {args:?}: stderr lacks {fragment:?}:\n{}",
            run.stderr
        );
    }
}

fn plan_named<'a>(document: &'a Value, name: &str) -> &'a Value {
    document["plans"]
        .as_array()
        .expect("plans is an array")
        .iter()
        .find(|p| p["daemonSet"] == name)
        .unwrap_or_else(|| panic!("no plan for {name}"))
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

fn is_sorted(items: &[&str]) -> bool {
    items.windows(2).all(|w| w[0] <= w[1])
}

// ---------------------------------------------------------------------------
// Planning

/// `namespace/name` of every DaemonSet in the tutorial manifests.
fn tutorial_daemon_sets() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tutorial");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the tutorial fixtures") {
        let text = std::fs::read_to_string(entry.expect("an entry").path()).expect("UTF-8");
        let documents: Vec<Value> = serde_saphyr::from_multiple(&text).expect("valid YAML");
        for document in documents {
            if document["kind"] == "DaemonSet" {
                let namespace = document["metadata"]["namespace"]
                    .as_str()
                    .unwrap_or("default");
                let name = document["metadata"]["name"].as_str().expect("a name");
                names.push(format!("{namespace}/{name}"));
            }
        }
    }
    names.sort();
    assert!(
        names.len() >= 8,
        "the tutorial has its DaemonSets: {names:?}"
    );
    names
}

#[test]
fn demo_without_files_plans_every_tutorial_daemon_set() {
    let run = plan(&["--now", NOW]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in tutorial_daemon_sets() {
        assert!(
            run.stdout.contains(&format!("DaemonSet {name} ")),
            "the demo table does not name {name}:\n{}",
            run.stdout
        );
    }
    for line in run.stderr.lines() {
        assert!(line.starts_with("plan: warning: "), "stderr: {line}");
    }

    let document = plan_json(&["--now", NOW]);
    let planned: Vec<&str> = document["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["daemonSet"].as_str().unwrap())
        .collect();
    assert_eq!(
        planned,
        tutorial_daemon_sets(),
        "plans sorted by namespace/name"
    );
}

/// The `-o json` document of CONTRACT.md, checked field by field.
#[test]
fn json_output_has_the_contract_shape() {
    let document = plan_json(&["--now", NOW, "cluster.yaml"]);
    let object = document.as_object().expect("an object");
    assert!(object.contains_key("plans"));
    let plans = document["plans"].as_array().expect("plans is an array");
    let names: Vec<&str> = plans
        .iter()
        .map(|p| p["daemonSet"].as_str().unwrap())
        .collect();
    // cluster.yaml lists monitoring/agent before default/logger.
    assert_eq!(names, ["default/logger", "monitoring/agent"]);

    for plan in plans {
        let name = plan["daemonSet"].as_str().unwrap();
        assert!(
            plan["revision"].as_str().is_some_and(|r| !r.is_empty()),
            "{name}: revision"
        );
        assert_eq!(plan["maxSurge"], 0, "{name}");
        assert_eq!(plan["maxUnavailable"], 1, "{name}");
        for key in [
            "desiredNumberScheduled",
            "currentNumberScheduled",
            "numberMisscheduled",
            "numberReady",
            "numberAvailable",
            "updatedNumberScheduled",
            "numberUnavailable",
        ] {
            assert!(
                plan["status"][key].is_i64(),
                "{name}: status.{key} is an integer"
            );
        }
        assert!(
            is_sorted(&strings(&plan["create"])),
            "{name}: create sorted"
        );
        assert!(
            is_sorted(&strings(&plan["delete"])),
            "{name}: delete sorted"
        );
        assert!(plan.get("error").is_none(), "{name}: no error");
        let nodes = plan["nodes"].as_array().expect("nodes");
        let node_names: Vec<&str> = nodes.iter().map(|n| n["name"].as_str().unwrap()).collect();
        assert_eq!(node_names, ["n1", "n2", "n3"], "{name}: nodes sorted");
        for node in nodes {
            let should_run = node["shouldRun"].as_bool().expect("shouldRun");
            assert!(node["shouldContinueRunning"].is_boolean());
            let reasons = node["reasons"].as_array().expect("reasons");
            assert_eq!(reasons.is_empty(), should_run, "{name}: {node}");
            for reason in reasons {
                assert!(
                    [
                        "NodeNameMismatch",
                        "NodeSelectorMismatch",
                        "NodeAffinityMismatch",
                        "UntoleratedTaint"
                    ]
                    .contains(&reason["code"].as_str().unwrap()),
                    "{reason}"
                );
                assert!(reason["message"].as_str().is_some_and(|m| !m.is_empty()));
            }
        }
    }

    let logger = plan_named(&document, "default/logger");
    assert_eq!(strings(&logger["create"]), ["n1", "n2"]);
    assert_eq!(strings(&logger["delete"]), ["logger-aaa", "logger-zzz"]);
    let n3 = &logger["nodes"][2];
    assert_eq!(
        (n3["shouldRun"].clone(), n3["shouldContinueRunning"].clone()),
        (Value::Bool(false), Value::Bool(false))
    );
    assert!(
        n3["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "NodeSelectorMismatch"
                && r["message"].as_str().unwrap().contains("disk")),
        "{n3}"
    );

    let agent = plan_named(&document, "monitoring/agent");
    assert_eq!(strings(&agent["create"]), ["n2"]);
    assert!(strings(&agent["delete"]).is_empty());
    let n3 = &agent["nodes"][2];
    assert_eq!(n3["shouldRun"], false);
    assert_eq!(n3["shouldContinueRunning"], true);
    assert_eq!(n3["reasons"][0]["code"], "UntoleratedTaint");
    assert!(
        n3["reasons"][0]["message"]
            .as_str()
            .unwrap()
            .contains("dedicated=gpu:NoSchedule")
    );
    let status = &agent["status"];
    assert_eq!(status["desiredNumberScheduled"], 2);
    assert_eq!(status["currentNumberScheduled"], 1);
    assert_eq!(status["numberMisscheduled"], 1);
    assert_eq!(status["numberReady"], 1);
}

#[test]
fn yaml_output_is_the_json_document() {
    let json = plan_json(&["--now", NOW, "cluster.yaml"]);
    for flags in [
        &["-o", "yaml"][..],
        &["-oyaml"][..],
        &["--output=yaml"][..],
        &["--output", "yaml"][..],
    ] {
        let mut args = flags.to_vec();
        args.extend(["--now", NOW, "cluster.yaml"]);
        let run = plan(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let yaml: Value = serde_saphyr::from_str(&run.stdout).expect("-o yaml prints YAML");
        assert_eq!(yaml, json, "plan {args:?}");
    }
}

#[test]
fn table_is_the_default_output() {
    let default = plan(&["--now", NOW, "cluster.yaml"]);
    let table = plan(&["-o", "table", "--now", NOW, "cluster.yaml"]);
    assert_eq!(default.code, 0, "{}", default.stderr);
    assert_eq!(default.stdout, table.stdout);
    let logger = default
        .stdout
        .find("DaemonSet default/logger")
        .expect("logger block");
    let agent = default
        .stdout
        .find("DaemonSet monitoring/agent")
        .expect("agent block");
    assert!(logger < agent, "blocks in namespace/name order");
    assert!(default.stdout.contains("logger-aaa"));
}

#[test]
fn now_decides_availability() {
    let status_at = |now: &str| {
        let document = plan_json(&["--now", now, "cluster.yaml"]);
        let status = plan_named(&document, "monitoring/agent")["status"].clone();
        (
            status["numberAvailable"].as_i64().unwrap(),
            status["numberUnavailable"].as_i64().unwrap(),
        )
    };
    // agent-n1 became Ready at 00:00:00 and minReadySeconds is 60.
    assert_eq!(status_at("2025-01-01T00:00:30Z"), (0, 2));
    assert_eq!(status_at("2025-01-01T00:00:59Z"), (0, 2));
    assert_eq!(
        status_at("2025-01-01T00:01:00Z"),
        (1, 1),
        "ready + minReadySeconds == now is available"
    );
    assert_eq!(status_at("2025-01-01T00:05:00Z"), (1, 1));
    // Other RFC 3339 spellings of the same instant.
    assert_eq!(status_at("2025-01-01T01:01:00+01:00"), (1, 1));
    assert_eq!(status_at("2025-01-01T00:00:59.999Z"), (0, 2));
}

#[test]
fn several_files_and_stdin_make_one_inventory() {
    let whole = plan_json(&["--now", NOW, "cluster.yaml"]);
    let pods = std::fs::read(fixtures().join("pods.yaml")).unwrap();
    let run = plan_with_stdin(
        &[
            "-o",
            "json",
            "--now",
            NOW,
            "nodes.yaml",
            "daemonsets.yaml",
            "-",
        ],
        Some(&pods),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let split: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(split, whole, "nodes.yaml daemonsets.yaml - < pods.yaml");

    // The file order does not matter either.
    let reordered = plan_json(&["--now", NOW, "pods.yaml", "daemonsets.yaml", "nodes.yaml"]);
    assert_eq!(reordered, whole);

    // Everything on stdin.
    let all = std::fs::read(fixtures().join("cluster.yaml")).unwrap();
    let run = plan_with_stdin(&["-o", "json", "--now", NOW, "-"], Some(&all));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(serde_json::from_str::<Value>(&run.stdout).unwrap(), whole);
}

/// `kind: List` (JSON, as `kubectl get -o json` prints it), `NodeList`,
/// `PodList` (cluster.yaml) and a `List` of mixed kinds.
#[test]
fn list_objects_are_read_item_by_item() {
    let from_yaml = plan_json(&["--now", NOW, "cluster.yaml"]);
    let from_json_list = plan_json(&["--now", NOW, "cluster.json"]);
    assert_eq!(from_json_list, from_yaml);

    let run = plan(&["-o", "json", "--now", NOW, "list-mixed.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let document: Value = serde_json::from_str(&run.stdout).unwrap();
    let solo = plan_named(&document, "default/solo");
    assert_eq!(strings(&solo["create"]), ["only-node"]);
    assert_eq!(
        run.stderr.lines().collect::<Vec<_>>(),
        [
            "plan: warning: list-mixed.yaml: document 1, items[1]: Secret default/token: skipped, kind Secret is not used by the planner"
        ]
    );
}

#[test]
fn other_kinds_are_skipped_with_one_warning_each() {
    let run = plan(&["-o", "json", "--now", NOW, "mixed-kinds.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "one line per skipped object: {lines:?}");
    for (line, (document, object)) in lines.iter().zip([
        ("document 1", "ServiceAccount kube-system/agent"),
        ("document 2", "ConfigMap kube-system/agent-config"),
        ("document 4", "Service kube-system/agent"),
    ]) {
        assert!(
            line.starts_with("plan: warning: mixed-kinds.yaml: "),
            "{line}"
        );
        assert!(line.contains(document) && line.contains(object), "{line}");
    }
    let document: Value = serde_json::from_str(&run.stdout).unwrap();
    plan_named(&document, "kube-system/agent");
}

/// Fields the planner does not model (container extras) are ignored, unlike
/// unknown fields in the scheduling structures (see the bad-input table).
#[test]
fn unknown_fields_outside_scheduling_structures_are_ignored() {
    let run = plan(&["--now", NOW, "unknown-field-container.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("DaemonSet kube-system/agent "));
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn empty_inputs_plan_nothing() {
    for file in ["empty.yaml", "comments-only.yaml"] {
        let run = plan(&["-o", "json", "--now", NOW, file]);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
        let document: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(document["plans"], Value::Array(vec![]), "{file}");
    }
}

// ---------------------------------------------------------------------------
// Bad usage: exit 2

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["--bogus"][..],
        &["-x", "cluster.yaml"][..],
        &["-o", "xml", "cluster.yaml"][..],
        &["--output=csv", "cluster.yaml"][..],
        &["-o"][..],
        &["--now", "yesterday", "cluster.yaml"][..],
        &["--now", "2025-13-01T00:00:00Z", "cluster.yaml"][..],
        &["--now", "2025-01-01"][..],
        &["--now"][..],
    ] {
        let run = plan(args);
        assert_eq!(run.code, 2, "plan {args:?}: {run:?}");
        assert!(
            run.stdout.is_empty(),
            "plan {args:?}: stdout {:?}",
            run.stdout
        );
        assert!(
            run.stderr.starts_with("plan: "),
            "plan {args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("usage: plan"),
            "plan {args:?}: {}",
            run.stderr
        );
    }
    let help = plan(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.starts_with("usage: plan"));
}

// ---------------------------------------------------------------------------
// Bad input: exit 1, no plan, a message naming file, document, object and
// field path.

/// (fixture, fragments that must all appear on stderr)
const BAD_INPUT: &[(&str, &[&str])] = &[
    // Syntax: no object can be named; the document and the position can.
    (
        "bad-yaml-syntax.yaml",
        &[
            "bad-yaml-syntax.yaml: document 2: invalid YAML: ",
            "line 7 column 18",
        ],
    ),
    (
        "bad-json-syntax.json",
        &[
            "bad-json-syntax.json: document 2: invalid JSON: ",
            "at line 2 column 64",
        ],
    ),
    // Types.
    (
        "wrong-type-min-ready-seconds.yaml",
        &[
            "wrong-type-min-ready-seconds.yaml: document 1: DaemonSet kube-system/agent: spec.minReadySeconds: invalid type: string \"x\", expected i32",
        ],
    ),
    (
        "wrong-type-labels.yaml",
        &[
            "wrong-type-labels.yaml: document 1: DaemonSet kube-system/agent: spec.template.metadata.labels.app: invalid type: sequence, expected a string",
        ],
    ),
    (
        "huge-number.yaml",
        &[
            "huge-number.yaml: document 1: DaemonSet kube-system/agent: spec.minReadySeconds: invalid type: floating point",
            "expected i32",
        ],
    ),
    (
        "huge-integer.json",
        &[
            "huge-integer.json: document 1: DaemonSet kube-system/agent: spec.minReadySeconds: invalid type: floating point",
        ],
    ),
    (
        "huge-number.json",
        &[
            "huge-number.json: document 1: DaemonSet kube-system/agent: spec.revisionHistoryLimit: number out of range at line 1",
        ],
    ),
    (
        "int32-overflow.yaml",
        &[
            "int32-overflow.yaml: document 1: DaemonSet kube-system/agent: spec.minReadySeconds: invalid value: integer `2147483648`, expected i32",
        ],
    ),
    // Unknown fields in the structures that decide scheduling.
    (
        "unknown-field-node-affinity.yaml",
        &[
            "unknown-field-node-affinity.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecuton: unknown field `requiredDuringSchedulingIgnoredDuringExecuton`",
        ],
    ),
    (
        "unknown-field-toleration.yaml",
        &[
            "unknown-field-toleration.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.tolerations[0].operater: unknown field `operater`",
        ],
    ),
    (
        "unknown-field-update-strategy.yaml",
        &[
            "unknown-field-update-strategy.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrategy.rollingUpdate.maxUnavailabel: unknown field `maxUnavailabel`",
        ],
    ),
    (
        "unknown-field-selector.yaml",
        &[
            "unknown-field-selector.yaml: document 1: DaemonSet kube-system/agent: spec.selector.matchLabel: unknown field `matchLabel`",
        ],
    ),
    (
        "unknown-field-daemonset-spec.yaml",
        &[
            "unknown-field-daemonset-spec.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrateg: unknown field `updateStrateg`, expected one of `selector`, `template`, `updateStrategy`, `minReadySeconds`, `revisionHistoryLimit`",
        ],
    ),
    (
        "unknown-field-taint.yaml",
        &[
            "unknown-field-taint.yaml: document 1: Node n1: spec.taints[0].efect: unknown field `efect`",
        ],
    ),
    // Kinds under an apiVersion that does not serve them.
    (
        "daemonset-v1.yaml",
        &[
            "daemonset-v1.yaml: document 1: DaemonSet kube-system/agent: apiVersion: no kind \"DaemonSet\" is registered for version \"v1\"",
        ],
    ),
    (
        "daemonset-v1beta9.yaml",
        &[
            "daemonset-v1beta9.yaml: document 1: DaemonSet kube-system/agent: apiVersion: no kind \"DaemonSet\" is registered for version \"apps/v1beta9\"",
        ],
    ),
    (
        "node-apps-v1.yaml",
        &[
            "node-apps-v1.yaml: document 1: Node n1: apiVersion: no kind \"Node\" is registered for version \"apps/v1\"",
        ],
    ),
    // The inventory as a whole.
    (
        "duplicate-node-names.yaml",
        &[
            "duplicate-node-names.yaml: document 1, items[2]: Node n1: metadata.name: duplicate node name \"n1\", first defined at duplicate-node-names.yaml: document 1, items[0]: Node n1",
        ],
    ),
    // One fixture per validation rule of SEMANTICS §2.
    (
        "rule-v1-bad-name.yaml",
        &[
            "rule-v1-bad-name.yaml: document 1: DaemonSet kube-system/Agent_1: metadata.name: Invalid value: \"Agent_1\": a lowercase RFC 1123 subdomain must consist of",
        ],
    ),
    (
        "rule-v2-bad-selector-operator.yaml",
        &[
            "rule-v2-bad-selector-operator.yaml: document 1: DaemonSet kube-system/agent: spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator",
        ],
    ),
    (
        "rule-v2-in-without-values.yaml",
        &[
            "rule-v2-in-without-values.yaml: document 1: DaemonSet kube-system/agent: spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        ],
    ),
    (
        "rule-v3-empty-selector.yaml",
        &[
            "rule-v3-empty-selector.yaml: document 1: DaemonSet kube-system/agent: spec.selector: Invalid value: ",
            ": empty selector is invalid for daemonset",
        ],
    ),
    (
        "rule-v4-selector-mismatch.yaml",
        &[
            "rule-v4-selector-mismatch.yaml: document 1: DaemonSet kube-system/agent: spec.template.metadata.labels: Invalid value: ",
            ": `selector` does not match template `labels`",
        ],
    ),
    (
        "rule-v4-missing-selector.yaml",
        &[
            "rule-v4-missing-selector.yaml: document 1: DaemonSet kube-system/agent: spec.template.metadata.labels: Invalid value: ",
            ": `selector` does not match template `labels`",
        ],
    ),
    (
        "rule-v6-restart-on-failure.yaml",
        &[
            "rule-v6-restart-on-failure.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
        ],
    ),
    (
        "rule-v7-active-deadline.yaml",
        &[
            "rule-v7-active-deadline.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
        ],
    ),
    (
        "rule-v8-negative-min-ready-seconds.yaml",
        &[
            "rule-v8-negative-min-ready-seconds.yaml: document 1: DaemonSet kube-system/agent: spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0",
        ],
    ),
    (
        "rule-v8-negative-revision-history-limit.yaml",
        &[
            "rule-v8-negative-revision-history-limit.yaml: document 1: DaemonSet kube-system/agent: spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
        ],
    ),
    (
        "rule-v9-unknown-strategy.yaml",
        &[
            "rule-v9-unknown-strategy.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrategy: Unsupported value: ",
            "supported values: \"RollingUpdate\", \"OnDelete\"",
        ],
    ),
    (
        "rule-v10-bad-percent.yaml",
        &[
            "rule-v10-bad-percent.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"10\": a valid percent string must be a numeric string followed by an ending '%'",
        ],
    ),
    (
        "rule-v10-over-100-percent.yaml",
        &[
            "rule-v10-over-100-percent.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%",
        ],
    ),
    (
        "rule-v11-both-zero.yaml",
        &[
            "rule-v11-both-zero.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
        ],
    ),
    (
        "rule-v11-both-non-zero.yaml",
        &[
            "rule-v11-both-non-zero.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: \"10%\": may not be set when maxUnavailable is non-zero",
        ],
    ),
    (
        "rule-v11-surge-only.yaml",
        &[
            "rule-v11-surge-only.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero",
        ],
    ),
    (
        "rule-l1-bad-label-key.yaml",
        &[
            "rule-l1-bad-label-key.yaml: document 1: DaemonSet kube-system/agent: spec.template.labels: Invalid value: \"example.com/a/b\": a valid label key must consist of",
        ],
    ),
    (
        "rule-l2-bad-label-value.yaml",
        &[
            "rule-l2-bad-label-value.yaml: document 1: DaemonSet kube-system/agent: spec.template.labels: Invalid value: \"-node\": a valid label must be an empty string or consist of",
        ],
    ),
    (
        "rule-p2-no-containers.yaml",
        &[
            "rule-p2-no-containers.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.containers: Required value",
        ],
    ),
    (
        "rule-p2-container-without-image.yaml",
        &[
            "rule-p2-container-without-image.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.containers[0].image: Required value",
        ],
    ),
    (
        "rule-p2-duplicate-container-names.yaml",
        &[
            "rule-p2-duplicate-container-names.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.containers[1].name: Duplicate value: \"agent\"",
        ],
    ),
    (
        "rule-p2-bad-quantity.yaml",
        &[
            "rule-p2-bad-quantity.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.containers[0].resources.requests.cpu: unable to parse quantity's suffix",
        ],
    ),
    (
        "rule-p2-request-over-limit.yaml",
        &[
            "rule-p2-request-over-limit.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
        ],
    ),
    (
        "rule-p3-duplicate-host-port.yaml",
        &[
            "rule-p3-duplicate-host-port.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//9100\"",
        ],
    ),
    (
        "rule-p4-bad-node-selector.yaml",
        &[
            "rule-p4-bad-node-selector.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.nodeSelector: Invalid value: \"disk type\": name part must consist of",
        ],
    ),
    (
        "rule-p4-bad-node-name.yaml",
        &[
            "rule-p4-bad-node-name.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.nodeName: Invalid value: \"Worker_1\": a lowercase RFC 1123 subdomain",
        ],
    ),
    (
        "rule-p5-empty-node-selector-terms.yaml",
        &[
            "rule-p5-empty-node-selector-terms.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term",
        ],
    ),
    (
        "rule-p5-match-fields-two-values.yaml",
        &[
            "rule-p5-match-fields-two-values.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ],
    ),
    (
        "rule-p5-gt-two-values.yaml",
        &[
            "rule-p5-gt-two-values.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
        ],
    ),
    (
        "rule-p6-bad-toleration-operator.yaml",
        &[
            "rule-p6-bad-toleration-operator.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.tolerations[1].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\"",
            "rule-p6-bad-toleration-operator.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.tolerations[2].operator: Unsupported value: \"Equals\": supported values: \"Equal\", \"Exists\"",
        ],
    ),
    (
        "rule-p6-toleration-seconds-without-noexecute.yaml",
        &[
            "rule-p6-toleration-seconds-without-noexecute.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
        ],
    ),
    (
        "rule-p6-empty-key-equal.yaml",
        &[
            "rule-p6-empty-key-equal.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty",
        ],
    ),
    (
        "rule-p7-ephemeral-containers.yaml",
        &[
            "rule-p7-ephemeral-containers.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template",
        ],
    ),
    (
        "rule-taint-bad-effect.yaml",
        &[
            "rule-taint-bad-effect.yaml: document 1: Node gpu-1: spec.taints[0].effect: Unsupported value: \"NoScheduleNoAdmit\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
        ],
    ),
    (
        "rule-taint-duplicate.yaml",
        &[
            "rule-taint-duplicate.yaml: document 1: Node gpu-1: spec.taints[1]: Duplicate value: ",
            ": taints must be unique by key and effect pair",
        ],
    ),
    (
        "rule-taint-missing-effect.yaml",
        &[
            "rule-taint-missing-effect.yaml: document 1, items[1]: Node n2: spec.taints[0].effect: Required value",
        ],
    ),
    (
        "misspelt-affinity.yaml",
        &[
            "misspelt-affinity.yaml: document 1: DaemonSet default/agent: spec.template.spec.affinty: Invalid value: unknown field \"affinty\"; did you mean \"affinity\"?",
        ],
    ),
];

#[test]
fn bad_input_exits_1_and_says_where() {
    for (file, fragments) in BAD_INPUT {
        assert_bad_input(&["--now", NOW, file], None, fragments);
    }
    // Every fixture of the table exists, and every rule fixture is in it.
    let listed: Vec<&str> = BAD_INPUT.iter().map(|(file, _)| *file).collect();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.starts_with("rule-") {
            assert!(
                listed.contains(&name.as_str()),
                "{name} is not in BAD_INPUT"
            );
        }
    }
}

#[test]
fn bad_input_in_json_output_mode_prints_nothing_either() {
    assert_bad_input(
        &[
            "-o",
            "json",
            "--now",
            NOW,
            "cluster.yaml",
            "rule-v11-both-zero.yaml",
        ],
        None,
        &[
            "rule-v11-both-zero.yaml: document 1: DaemonSet kube-system/agent: spec.updateStrategy.rollingUpdate.maxUnavailable",
        ],
    );
}

#[test]
fn every_validation_problem_of_every_file_is_reported_in_input_order() {
    let run = plan(&[
        "--now",
        NOW,
        "rule-v1-bad-name.yaml",
        "cluster.yaml",
        "rule-taint-duplicate.yaml",
        "rule-p6-bad-toleration-operator.yaml",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.is_empty());
    let lines: Vec<&str> = run.stderr.lines().collect();
    let expected = [
        "plan: bad input:",
        "  rule-v1-bad-name.yaml: document 1: DaemonSet kube-system/Agent_1: metadata.name: ",
        "  rule-p6-bad-toleration-operator.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.tolerations[1].operator: ",
        "  rule-p6-bad-toleration-operator.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.tolerations[2].operator: ",
        "  rule-taint-duplicate.yaml: document 1: Node gpu-1: spec.taints[1]: ",
    ];
    assert_eq!(lines.len(), expected.len(), "{}", run.stderr);
    // DaemonSets are validated before Nodes; each group in input order.
    for (line, prefix) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(prefix),
            "{line:?} does not start with {prefix:?}"
        );
    }

    // A file that does not even parse is reported (objects that parse are
    // validated only once every file has been read).
    assert_bad_input(
        &[
            "--now",
            NOW,
            "rule-v1-bad-name.yaml",
            "unknown-field-toleration.yaml",
        ],
        None,
        &[
            "unknown-field-toleration.yaml: document 1: DaemonSet kube-system/agent: spec.template.spec.tolerations[0].operater",
        ],
    );
}

#[test]
fn bad_input_on_stdin_is_named_stdin() {
    let text = std::fs::read(fixtures().join("rule-v6-restart-on-failure.yaml")).unwrap();
    assert_bad_input(
        &["--now", NOW, "-"],
        Some(&text),
        &[
            "<stdin>: document 1: DaemonSet kube-system/agent: spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\"",
        ],
    );
}

#[test]
fn unreadable_files_are_bad_input() {
    assert_bad_input(
        &["--now", NOW, "no-such-file.yaml"],
        None,
        &["no-such-file.yaml: cannot read: "],
    );
    // A directory is not a manifest.
    assert_bad_input(&["--now", NOW, "."], None, &[".: cannot read: "]);
}

#[test]
fn invalid_utf8_is_bad_input() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-utf8");
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = b"apiVersion: v1\nkind: Node\nmetadata:\n  name: n".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28]);
    bytes.extend_from_slice(b"\n");
    let file = dir.join("invalid-utf8.yaml");
    std::fs::write(&file, &bytes).unwrap();
    let path = file.to_str().unwrap();
    assert_bad_input(&["--now", NOW, path], None, &[path, "UTF-8"]);
    assert_bad_input(
        &["--now", NOW, "-"],
        Some(&bytes),
        &["<stdin>: cannot read: ", "UTF-8"],
    );
    // Invalid UTF-8 inside a JSON string, too.
    let mut json = br#"{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"#.to_vec();
    json.extend_from_slice(&[0xc0, 0xaf]);
    json.extend_from_slice(b"\"}}");
    assert_bad_input(&["--now", NOW, "-"], Some(&json), &["<stdin>", "UTF-8"]);
}

#[test]
fn deep_nesting_is_bad_input_not_a_crash() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-deep");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };

    // 10,000 nested arrays in JSON.
    let path = write(
        "deep.json",
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    assert_bad_input(
        &["--now", NOW, &path],
        None,
        &[&format!(
            "{path}: document 1: expected a Kubernetes object (a mapping with apiVersion and kind)"
        )],
    );

    // 10,000 nested objects inside a field the planner ignores: JSON input
    // is read straight into the model, which skips ignored fields without
    // recursion, so the node is accepted (and nothing crashes).
    let path = write(
        "deep-object.json",
        format!(
            "{{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {{\"name\": \"n\"}}, \"status\": {}1{}}}",
            "{\"a\": ".repeat(10_000),
            "}".repeat(10_000)
        ),
    );
    let run = plan(&["--now", NOW, &path]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stderr.contains("panicked"));

    // The same depth in a field the model keeps (a container's args) is an error.
    let path = write(
        "deep-args.json",
        format!(
            "{{\"apiVersion\": \"apps/v1\", \"kind\": \"DaemonSet\", \"metadata\": {{\"name\": \"a\"}}, \"spec\": {{\"selector\": {{\"matchLabels\": {{\"app\": \"a\"}}}}, \"template\": {{\"metadata\": {{\"labels\": {{\"app\": \"a\"}}}}, \"spec\": {{\"containers\": [{{\"name\": \"a\", \"image\": \"a\", \"args\": {}1{}}}]}}}}}}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    assert_bad_input(
        &["--now", NOW, &path],
        None,
        &[
            &format!("{path}: document 1: DaemonSet default/a: "),
            "recursion limit exceeded",
        ],
    );

    // 10,000 nested flow sequences in YAML.
    let path = write(
        "deep-flow.yaml",
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: deep}}\ndata: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    assert_bad_input(
        &["--now", NOW, &path],
        None,
        &[&format!("{path}: document 1: invalid YAML: ")],
    );

    // 5,000 nested block mappings in YAML, in the second document.
    let mut text = String::from(
        "apiVersion: v1\nkind: Node\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: deep\nstatus:\n",
    );
    for depth in 1..5_000 {
        text.push_str(&"  ".repeat(depth));
        text.push_str("a:\n");
    }
    let path = write("deep-block.yaml", text);
    assert_bad_input(
        &["--now", NOW, &path],
        None,
        &[&format!("{path}: document 2: invalid YAML: ")],
    );

    // Moderate nesting (well under the limits) in an ignored field is fine.
    let path = write(
        "nested-ok.yaml",
        format!(
            "apiVersion: v1\nkind: Node\nmetadata: {{name: n}}\nstatus: {{extra: {}x{}}}\n",
            "[".repeat(60),
            "]".repeat(60)
        ),
    );
    let run = plan(&["--now", NOW, &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
