//! Person-readable rendering of plans (`-o table`), in the spirit of
//! `kubectl get ds` and `kubectl describe ds`.

use std::fmt::Write as _;

use crate::controller::{NodeAction, Plan};

fn action_name(action: NodeAction) -> &'static str {
    match action {
        NodeAction::Create => "create",
        NodeAction::Keep => "keep",
        NodeAction::Delete => "delete",
        NodeAction::Replace => "replace",
        NodeAction::Wait => "wait",
        NodeAction::None => "-",
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// Renders rows as left-aligned columns separated by three spaces.
fn columns(rows: &[Vec<String>], indent: &str, out: &mut String) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; width];
    for row in rows {
        for (index, cell) in row.iter().enumerate() {
            widths[index] = widths[index].max(cell.chars().count());
        }
    }
    for row in rows {
        let mut line = String::from(indent);
        for (index, cell) in row.iter().enumerate() {
            if index + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[index] - cell.chars().count();
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 3));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn list<S: AsRef<str>>(names: &[S]) -> String {
    if names.is_empty() {
        "-".to_string()
    } else {
        let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
        names.join(", ")
    }
}

/// Renders plans as text tables: per DaemonSet, the status counters, what
/// this sync creates and deletes, and every node with its decision and the
/// reasons it is not eligible.
///
/// ```
/// use daemonset_planner::report::plans_to_table;
/// assert_eq!(plans_to_table(&[]), "no DaemonSets in the input\n");
/// ```
pub fn plans_to_table(plans: &[Plan<'_>]) -> String {
    let mut out = String::new();
    if plans.is_empty() {
        out.push_str("no DaemonSets in the input\n");
        return out;
    }
    for (index, plan) in plans.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "DaemonSet {}   revision {}   maxSurge {}   maxUnavailable {}",
            plan.daemon_set, plan.revision, plan.max_surge, plan.max_unavailable
        );
        let status = &plan.status;
        let counts = vec![
            vec![
                "DESIRED",
                "CURRENT",
                "READY",
                "UP-TO-DATE",
                "AVAILABLE",
                "MISSCHEDULED",
                "UNAVAILABLE",
            ]
            .into_iter()
            .map(str::to_string)
            .collect(),
            [
                status.desired_number_scheduled,
                status.current_number_scheduled,
                status.number_ready,
                status.updated_number_scheduled,
                status.number_available,
                status.number_misscheduled,
                status.number_unavailable,
            ]
            .iter()
            .map(i64::to_string)
            .collect(),
        ];
        columns(&counts, "  ", &mut out);
        if let Some(skipped) = &plan.skipped {
            let _ = writeln!(out, "  skipped: {skipped}");
        }
        if let Some(error) = &plan.error {
            let _ = writeln!(out, "  sync error: {error}");
        }
        let _ = writeln!(
            out,
            "  create on ({}): {}",
            plan.create.len(),
            list(&plan.create)
        );
        let _ = writeln!(
            out,
            "  delete pods ({}): {}",
            plan.delete.len(),
            list(&plan.delete)
        );
        let mut rows = vec![
            [
                "NODE",
                "SHOULD-RUN",
                "MAY-STAY",
                "ACTION",
                "PODS",
                "WHY NOT ELIGIBLE",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
        ];
        for node in &plan.nodes {
            let reasons: Vec<String> = node
                .reasons
                .iter()
                .map(|r| format!("{:?}: {}", r.code, r.message))
                .collect();
            rows.push(vec![
                node.name.to_string(),
                yes_no(node.should_run).to_string(),
                yes_no(node.should_continue_running).to_string(),
                action_name(node.action).to_string(),
                list(&node.pods),
                if reasons.is_empty() {
                    "-".to_string()
                } else {
                    reasons.join("; ")
                },
            ]);
        }
        columns(&rows, "  ", &mut out);
    }
    out
}

/// Renders a rollout simulation: one row per sync that issued something,
/// then the outcome.
///
/// ```
/// use daemonset_planner::report::simulation_to_table;
/// use daemonset_planner::simulator::{Outcome, Simulation};
/// let run = Simulation { daemon_set: "default/agent".into(), timeline: vec![],
///     outcome: Outcome::StepLimit { steps: 3 }, pods: vec![] };
/// assert!(simulation_to_table(&run).contains("stopped after 3 syncs"));
/// ```
pub fn simulation_to_table(run: &crate::simulator::Simulation) -> String {
    use crate::simulator::Outcome;
    let mut out = String::new();
    let _ = writeln!(out, "Rollout of DaemonSet {}", run.daemon_set);
    let mut rows = vec![
        [
            "STEP",
            "TIME",
            "DESIRED",
            "UPDATED",
            "READY",
            "AVAILABLE",
            "CREATE",
            "DELETE",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>(),
    ];
    for step in &run.timeline {
        let status = &step.status;
        let mut delete = list(&step.delete);
        if let Some(error) = &step.error {
            delete = format!("{delete} (sync error: {error})");
        }
        rows.push(vec![
            step.step.to_string(),
            step.time.to_string(),
            status.desired_number_scheduled.to_string(),
            status.updated_number_scheduled.to_string(),
            status.number_ready.to_string(),
            status.number_available.to_string(),
            list(&step.create),
            delete,
        ]);
    }
    columns(&rows, "  ", &mut out);
    match &run.outcome {
        Outcome::Converged { steps, at } => {
            let _ = writeln!(out, "  converged after {steps} syncs, at {at}");
        }
        Outcome::Stalled { step, reasons } => {
            let _ = writeln!(out, "  stalled at sync {step}: the rollout cannot finish:");
            for reason in reasons {
                let _ = writeln!(out, "    - {reason}");
            }
        }
        Outcome::StepLimit { steps } => {
            let _ = writeln!(out, "  stopped after {steps} syncs without converging");
        }
    }
    out
}
