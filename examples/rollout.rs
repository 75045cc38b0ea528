//! The `rollout` command: simulates a DaemonSet rollout sync by sync.
//!
//! ```text
//! cargo run --release --example rollout -- [--now RFC3339] [-o table|json]
//!     [--ready-after SECONDS] [--grace SECONDS] [--interval SECONDS]
//!     [--never-ready NODE]... [--stuck-terminating NODE]... [--max-steps N] [FILE ...]
//! ```
//!
//! With no FILE it runs the embedded demo: the tutorial's `log-collector`
//! moving to a new image on a 10-node cluster, first with `maxUnavailable: 1`,
//! then with `maxSurge: 25%`. Exit status: 0 done, 1 bad input, 2 bad usage.

use std::io::Write;
use std::process::ExitCode;

use daemonset_planner::InputErrors;
use daemonset_planner::io::Inventory;
use daemonset_planner::model::{IntOrPercent, RollingUpdateDaemonSet};
use daemonset_planner::report::simulation_to_table;
use daemonset_planner::simulator::{Simulation, SimulationConfig, simulate};

const DEMO_DAEMON_SET: &str =
    include_str!("../tests/fixtures/tutorial/rolling-update-daemonset.yaml");
const DEMO_CLUSTER: &str = include_str!("../tests/fixtures/rollout-demo.yaml");

const USAGE: &str = "usage: rollout [--now RFC3339] [-o table|json] [--ready-after S] [--grace S]
               [--interval S] [--never-ready NODE]... [--stuck-terminating NODE]...
               [--max-steps N] [FILE ...]

Simulates the rollout of every DaemonSet in the input: plans a sync, applies
it to a simulated cluster (new pods start Pending and become Ready after
--ready-after seconds; deleted pods vanish after --grace seconds), and plans
again until the DaemonSet converges or cannot progress. With no FILE, runs
the embedded demo.";

struct Args {
    config: SimulationConfig,
    json: bool,
    files: Vec<String>,
}

fn seconds(flag: &str, text: &str) -> Result<jiff::SignedDuration, String> {
    text.parse::<i64>()
        .ok()
        .filter(|s| (0..=86_400 * 365).contains(s))
        .map(jiff::SignedDuration::from_secs)
        .ok_or_else(|| {
            format!("{flag} needs a number of seconds between 0 and 31536000, not {text:?}")
        })
}

fn parse_args(raw: Vec<String>) -> Result<Option<Args>, String> {
    let start: jiff::Timestamp = "2026-12-01T00:00:00Z".parse().map_err(|e| format!("{e}"))?;
    let mut args = Args {
        config: SimulationConfig::starting_at(start),
        json: false,
        files: Vec::new(),
    };
    let mut iter = raw.into_iter();
    while let Some(arg) = iter.next() {
        if arg == "-" || !arg.starts_with('-') {
            args.files.push(arg);
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| iter.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--now" => {
                let text = value()?;
                let now: jiff::Timestamp = text
                    .parse()
                    .map_err(|e| format!("--now {text:?} is not an RFC 3339 timestamp: {e}"))?;
                args.config.start = now;
                args.config.plan.now = now;
            }
            "-o" | "--output" => match value()?.as_str() {
                "table" => args.json = false,
                "json" => args.json = true,
                other => {
                    return Err(format!(
                        "unknown output format {other:?}: expected table or json"
                    ));
                }
            },
            "--ready-after" => args.config.ready_after = seconds(&flag, &value()?)?,
            "--grace" => args.config.deletion_grace = seconds(&flag, &value()?)?,
            "--interval" => {
                let interval = seconds(&flag, &value()?)?;
                if interval.is_zero() {
                    return Err("--interval must be at least 1 second".to_string());
                }
                args.config.sync_interval = interval;
            }
            "--never-ready" => {
                args.config.never_ready_nodes.insert(value()?);
            }
            "--stuck-terminating" => {
                args.config.stuck_terminating_nodes.insert(value()?);
            }
            "--max-steps" => {
                let text = value()?;
                args.config.max_steps = text
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=1_000_000).contains(n))
                    .ok_or_else(|| {
                        format!("--max-steps needs a number from 1 to 1000000, not {text:?}")
                    })?;
            }
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(Some(args))
}

fn load(files: &[String]) -> Result<Inventory, InputErrors> {
    let mut inventory = Inventory::default();
    for file in files {
        let (name, text) = if file == "-" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| {
                InputErrors(vec![daemonset_planner::InputError {
                    location: daemonset_planner::Location {
                        source: "<stdin>".into(),
                        ..Default::default()
                    },
                    field: None,
                    message: format!("cannot read: {e}"),
                }])
            })?;
            ("<stdin>".to_string(), text)
        } else {
            let text = std::fs::read(file)
                .map_err(|e| e.to_string())
                .and_then(|b| {
                    String::from_utf8(b).map_err(|_| "the file is not valid UTF-8".to_string())
                })
                .map_err(|message| {
                    InputErrors(vec![daemonset_planner::InputError {
                        location: daemonset_planner::Location {
                            source: file.clone(),
                            ..Default::default()
                        },
                        field: None,
                        message: format!("cannot read: {message}"),
                    }])
                })?;
            (file.clone(), text)
        };
        inventory.add_text(&name, &text)?;
    }
    inventory.validate(&Default::default())?;
    Ok(inventory)
}

fn demo(config: &SimulationConfig) -> Result<Vec<Simulation>, InputErrors> {
    let mut inventory = Inventory::default();
    inventory.add_text("<demo>/rolling-update-daemonset.yaml", DEMO_DAEMON_SET)?;
    inventory.add_text("<demo>/rollout-demo.yaml", DEMO_CLUSTER)?;
    inventory.validate(&Default::default())?;
    let unavailable = inventory.daemon_sets[0].clone();
    let mut surge = unavailable.clone();
    surge.spec.update_strategy.rolling_update = Some(RollingUpdateDaemonSet {
        max_unavailable: Some(IntOrPercent::Int(0)),
        max_surge: Some(IntOrPercent::Str("25%".to_string())),
    });
    Ok([unavailable, surge]
        .iter()
        .map(|ds| {
            simulate(
                ds,
                &inventory.nodes,
                &inventory.pods,
                &inventory.revisions,
                config,
            )
        })
        .collect())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("rollout: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runs = if args.files.is_empty() {
        demo(&args.config)
    } else {
        load(&args.files).map(|inventory| {
            let mut order: Vec<_> = inventory.daemon_sets.iter().collect();
            order.sort_by_key(|ds| ds.key());
            order
                .into_iter()
                .map(|ds| {
                    simulate(
                        ds,
                        &inventory.nodes,
                        &inventory.pods,
                        &inventory.revisions,
                        &args.config,
                    )
                })
                .collect()
        })
    };
    let runs = match runs {
        Ok(runs) => runs,
        Err(errors) => {
            eprintln!("rollout: bad input:");
            for error in &errors.0 {
                eprintln!("  {error}");
            }
            return ExitCode::from(1);
        }
    };
    let text = if args.json {
        let mut text = serde_json::to_string_pretty(&serde_json::json!({ "rollouts": runs }))
            .unwrap_or_default();
        text.push('\n');
        text
    } else {
        runs.iter()
            .map(simulation_to_table)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}
