//! The `plan` command: the stable command-line contract of
//! `../shared/CONTRACT.md`.
//!
//! ```text
//! cargo run --release --example plan -- [--now RFC3339] [-o table|json|yaml] [FILE ...]
//! ```
//!
//! Exit status: 0 planned, 1 bad input, 2 bad usage. With no FILE it plans
//! an embedded demo: the tutorial's DaemonSets against a small mixed cluster.

use std::io::{Read, Write};
use std::process::ExitCode;

use daemonset_planner::controller::PlanOptions;
use daemonset_planner::io::{Inventory, plans_to_json, plans_to_yaml, write_plans_json};
use daemonset_planner::report::plans_to_table;
use daemonset_planner::scheduling::EligibilityOptions;
use daemonset_planner::validate::ValidationOptions;
use daemonset_planner::{InputErrors, plan_inventory, plan_inventory_lazily};

/// The embedded demo: the tutorial's manifests, then the demo cluster.
const DEMO: &[(&str, &str)] = &[
    (
        "tutorial/basic-daemonset.yaml",
        include_str!("../tests/fixtures/tutorial/basic-daemonset.yaml"),
    ),
    (
        "tutorial/node-selector-daemonset.yaml",
        include_str!("../tests/fixtures/tutorial/node-selector-daemonset.yaml"),
    ),
    (
        "tutorial/node-affinity-daemonset.yaml",
        include_str!("../tests/fixtures/tutorial/node-affinity-daemonset.yaml"),
    ),
    (
        "tutorial/tolerations-daemonset.yaml",
        include_str!("../tests/fixtures/tutorial/tolerations-daemonset.yaml"),
    ),
    (
        "tutorial/rolling-update-daemonset.yaml",
        include_str!("../tests/fixtures/tutorial/rolling-update-daemonset.yaml"),
    ),
    (
        "tutorial/ondelete-daemonset.yaml",
        include_str!("../tests/fixtures/tutorial/ondelete-daemonset.yaml"),
    ),
    (
        "tutorial/host-access-daemonset.yaml",
        include_str!("../tests/fixtures/tutorial/host-access-daemonset.yaml"),
    ),
    (
        "tutorial/monitoring-agent-daemonset.yaml",
        include_str!("../tests/fixtures/tutorial/monitoring-agent-daemonset.yaml"),
    ),
    (
        "demo-cluster.yaml",
        include_str!("../tests/fixtures/demo-cluster.yaml"),
    ),
];

const USAGE: &str =
    "usage: plan [--now RFC3339] [-o table|json|yaml] [--taint-comparison-operators] [FILE ...]

Plans one sync of the Kubernetes DaemonSet controller for every DaemonSet in
the input. FILE is YAML (one or more documents) or JSON; - reads standard
input. With no FILE, plans an embedded demo cluster.

  --now RFC3339                  instant availability is judged at (default: now)
  -o, --output table|json|yaml   output format (default: table)
  --taint-comparison-operators   enable the alpha Lt/Gt toleration operators
  -h, --help                     this help";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Yaml,
}

struct Args {
    now: Option<jiff::Timestamp>,
    format: Format,
    comparison_operators: bool,
    files: Vec<String>,
}

enum Usage {
    Help,
    Error(String),
}

fn parse_format(text: &str) -> Result<Format, Usage> {
    match text {
        "table" | "wide" => Ok(Format::Table),
        "json" => Ok(Format::Json),
        "yaml" => Ok(Format::Yaml),
        other => Err(Usage::Error(format!(
            "unknown output format {other:?}: expected table, json or yaml"
        ))),
    }
}

fn parse_now(text: &str) -> Result<jiff::Timestamp, Usage> {
    text.parse().map_err(|error| {
        Usage::Error(format!(
            "--now {text:?} is not an RFC 3339 timestamp: {error}"
        ))
    })
}

fn parse_args(raw: Vec<String>) -> Result<Args, Usage> {
    let mut args = Args {
        now: None,
        format: Format::Table,
        comparison_operators: false,
        files: Vec::new(),
    };
    let mut iter = raw.into_iter();
    let mut only_files = false;
    while let Some(arg) = iter.next() {
        if only_files || arg == "-" || !arg.starts_with('-') {
            args.files.push(arg);
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, Usage> {
            inline
                .clone()
                .or_else(|| iter.next())
                .ok_or_else(|| Usage::Error(format!("{name} needs a value")))
        };
        match flag.as_str() {
            "--" => only_files = true,
            "-h" | "--help" => return Err(Usage::Help),
            "--now" => args.now = Some(parse_now(&value("--now")?)?),
            "-o" | "--output" => args.format = parse_format(&value(&flag)?)?,
            "--taint-comparison-operators" => args.comparison_operators = true,
            other if other.starts_with("-o") && other.len() > 2 => {
                args.format = parse_format(&other[2..])?;
            }
            other => return Err(Usage::Error(format!("unknown option {other:?}"))),
        }
    }
    Ok(args)
}

fn load(args: &Args) -> Result<Inventory, InputErrors> {
    let mut inventory = Inventory::default();
    let mut errors = Vec::new();
    if args.files.is_empty() {
        for (name, text) in DEMO {
            if let Err(InputErrors(found)) = inventory.add_text(&format!("<demo>/{name}"), text) {
                errors.extend(found);
            }
        }
    }
    for file in &args.files {
        let (name, read) = if file == "-" {
            let mut text = String::new();
            (
                "<stdin>".to_string(),
                std::io::stdin().read_to_string(&mut text).map(|_| text),
            )
        } else {
            (
                file.clone(),
                std::fs::read(file).and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|_| {
                        std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            "the file is not valid UTF-8",
                        )
                    })
                }),
            )
        };
        match read {
            Ok(text) => {
                if let Err(InputErrors(found)) = inventory.add_text(&name, &text) {
                    errors.extend(found);
                }
            }
            Err(error) => errors.push(daemonset_planner::InputError {
                location: daemonset_planner::Location {
                    source: name,
                    ..Default::default()
                },
                field: None,
                message: format!("cannot read: {error}"),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors(errors));
    }
    let validation = ValidationOptions {
        taint_comparison_operators: args.comparison_operators,
    };
    inventory.validate(&validation)?;
    Ok(inventory)
}

/// Writes one line. A closed pipe (`plan --help | head -1`, `plan 2>&1 |
/// head`) must not panic the way `println!`/`eprintln!` do; the exit status
/// still tells the outcome.
fn say(out: &mut impl Write, line: &str) {
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(args) => args,
        Err(Usage::Help) => {
            say(&mut std::io::stdout().lock(), USAGE);
            return ExitCode::SUCCESS;
        }
        Err(Usage::Error(message)) => {
            say(
                &mut std::io::stderr().lock(),
                &format!("plan: {message}\n\n{USAGE}"),
            );
            return ExitCode::from(2);
        }
    };
    let inventory = match load(&args) {
        Ok(inventory) => inventory,
        Err(errors) => {
            let mut stderr = std::io::stderr().lock();
            say(&mut stderr, "plan: bad input:");
            for error in &errors.0 {
                say(&mut stderr, &format!("  {error}"));
            }
            return ExitCode::from(1);
        }
    };
    let mut stderr = std::io::stderr().lock();
    for warning in &inventory.warnings {
        say(&mut stderr, &format!("plan: warning: {warning}"));
    }
    drop(stderr);
    let options = PlanOptions {
        now: args.now.unwrap_or_else(jiff::Timestamp::now),
        eligibility: EligibilityOptions {
            taint_comparison_operators: args.comparison_operators,
        },
        burst_replicas: daemonset_planner::controller::BURST_REPLICAS,
        explain: true,
    };
    if args.format == Format::Json {
        // Streamed: each plan is written before the next is made.
        let plans = plan_inventory_lazily(&inventory, &options);
        // A closed pipe (`plan | head`) is not an error worth a panic.
        let _ = write_plans_json(std::io::stdout().lock(), plans);
        return ExitCode::SUCCESS;
    }
    let plans = plan_inventory(&inventory, &options);
    let text = match args.format {
        Format::Table => plans_to_table(&plans),
        Format::Json => plans_to_json(&plans),
        Format::Yaml => plans_to_yaml(&plans),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        // A closed pipe (`plan | head`) is not an error worth a panic.
        return ExitCode::SUCCESS;
    }
    ExitCode::SUCCESS
}
