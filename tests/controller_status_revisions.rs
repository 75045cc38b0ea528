//! Revisions and status, fixture by fixture: SEMANTICS.md §11 cases 57-66
//! and ports of the status/revision tests of upstream
//! `pkg/controller/daemon/daemon_controller_test.go` and `update_test.go`.
//!
//! Every expected value is derived by hand from SEMANTICS.md §6, §8 and §9
//! (and the upstream test it mirrors), never copied from this crate's
//! output. Fixtures live in `tests/fixtures/controller/`.

mod support;

use support::controller::*;

use daemonset_planner::model::{Pod, PodCondition};
use daemonset_planner::validate::ValidationOptions;

// ---------------------------------------------------------------------------
// Helpers of this file only; shared ones are in tests/support/controller.rs.

/// Upstream's `markPodReady`.
fn mark_ready(pod: &mut Pod) {
    pod.status.conditions.retain(|c| c.type_ != "Ready");
    pod.status.conditions.push(PodCondition {
        type_: "Ready".to_string(),
        status: "True".to_string(),
        last_transition_time: None,
    });
}

// ---------------------------------------------------------------------------
// SEMANTICS §11, revisions (cases 57-61).

#[test]
fn semantics_case_57_updated_by_hash_or_generation_but_surge_prunes_by_hash() {
    // SEMANTICS §11 case 57.
    let mut inventory = fixture("case57-hash-or-generation-updated");
    let first = plan_for(&inventory, "agent");
    assert_eq!(first.revision, "v2");
    // manage: on n3, n3-a is "old" by hash next to the available new n3-b.
    assert_actions(&first, &[], &["n3-a"]);
    // Status: every node's oldest pod is updated, by hash (n1) or by
    // generation (n2, and n3's oldest pod n3-a).
    assert_eq!(
        counts(&first),
        Counts {
            desired: 3,
            current: 3,
            misscheduled: 0,
            ready: 3,
            available: 3,
            updated: 3,
            unavailable: 0,
        }
    );

    // Next sync: manage has nothing left, and the rolling update treats
    // n2's pod (old hash, current generation) as updated; were it old and
    // available it would be a surge candidate and get a new pod.
    apply(&mut inventory, "agent", &first, NOW);
    let second = plan_for(&inventory, "agent");
    assert_actions(&second, &[], &[]);
    assert_eq!(second.status.updated_number_scheduled, 3);
}

#[test]
fn semantics_case_58_unparsable_generation_is_ignored() {
    // SEMANTICS §11 case 58.
    let inventory = fixture("case58-unparsable-generation");
    let plan = plan_for(&inventory, "agent");
    assert_eq!(plan.revision, "v2");
    assert_actions(&plan, &[], &["agent-n1"]);
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 2,
            current: 2,
            misscheduled: 0,
            ready: 2,
            available: 2,
            updated: 1,
            unavailable: 0,
        }
    );
}

#[test]
fn semantics_case_59_rollback_reuses_the_old_revision() {
    // SEMANTICS §11 case 59 (H7).
    let inventory = fixture("case59-rollback-reuses-revision");
    let plan = plan_for(&inventory, "agent");
    assert_eq!(plan.revision, "r1hash");
    assert_eq!(plan.revisions.current, "agent-r1");
    assert_eq!(plan.revisions.create, None);
    assert_eq!(plan.revisions.update, ["agent-r1"]);
    // max(old revisions) + 1 = 2 + 1.
    assert_eq!(plan.revisions.current_revision, 3);
    // The r1hash pods are updated and stay; the agent:2 pod on n3 is old.
    assert_actions(&plan, &[], &["agent-n3"]);
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 3,
            current: 3,
            misscheduled: 0,
            ready: 3,
            available: 3,
            updated: 2,
            unavailable: 0,
        }
    );
}

#[test]
fn semantics_case_59_rollback_with_api_server_defaulted_revisions() {
    // SEMANTICS §11 case 59 (H3, H7) against revisions as the cluster stores them.
    let inventory = fixture("case59-rollback-kubectl-dump");
    let plan = plan_for(&inventory, "agent");
    assert_eq!(plan.revision, "6b8d4");
    assert_eq!(plan.revisions.current, "agent-6b8d4");
    assert_eq!(plan.revisions.create, None);
    assert_eq!(plan.revisions.update, ["agent-6b8d4"]);
    assert_eq!(plan.revisions.current_revision, 3);
    assert_actions(&plan, &[], &[]);
    assert_eq!(plan.status.updated_number_scheduled, 1);
}

#[test]
fn semantics_case_60_collision_count_nil_and_zero_hash_differently() {
    // SEMANTICS §11 case 60.
    let inventory = fixture("case60-collision-count");
    let none = plan_for(&inventory, "agent-nil");
    let zero = plan_for(&inventory, "agent-zero");
    let one = plan_for(&inventory, "agent-one");
    assert_ne!(none.revision, zero.revision);
    assert_ne!(zero.revision, one.revision);
    assert_ne!(none.revision, one.revision);
    // Stable from one run to the next.
    assert_eq!(none.revision, plan_for(&inventory, "agent-nil").revision);
    // No ControllerRevision is current: one named <ds>-<hash> is to be created.
    assert_eq!(
        zero.revisions.create,
        Some(format!("agent-zero-{}", zero.revision))
    );
    // collisionCount is carried into the status, 0 stays 0 (not absent).
    assert_eq!(none.status.collision_count, None);
    assert_eq!(zero.status.collision_count, Some(0));
    assert_eq!(one.status.collision_count, Some(1));
}

#[test]
fn semantics_case_61_history_limit_zero_keeps_referenced_revision() {
    // SEMANTICS §11 case 61 (H10).
    let inventory = fixture("case61-history-limit-zero");
    let plan = plan_for(&inventory, "agent");
    assert_eq!(plan.revision, "h4");
    assert_eq!(plan.revisions.current, "agent-h4");
    assert_eq!(plan.revisions.delete, ["agent-h1", "agent-h3"]);
    assert!(plan.revisions.update.is_empty());
    assert_actions(&plan, &[], &["agent-n1"]);
}

#[test]
fn upstream_get_nodes_to_daemon_pods_include_deleted_terminal_for_history() {
    // TestGetNodesToDaemonPods ("include deleted terminal pods"): history
    // clean-up counts the Failed pod being deleted (h1 stays) but not a pod
    // without a target node (h2 goes).
    let inventory = fixture("upstream-history-live-hashes");
    let plan = plan_for(&inventory, "agent");
    assert_eq!(plan.revision, "h3");
    assert_eq!(plan.revisions.delete, ["agent-h2"]);
    // The grouping used by manage and status excludes that Failed pod.
    assert_actions(&plan, &[], &[]);
    let node = plan.nodes.iter().find(|n| n.name == "n1").unwrap();
    assert_eq!(node.pods, ["agent-n1"]);
}

// ---------------------------------------------------------------------------
// SEMANTICS §11, status (cases 62-66).

#[test]
fn semantics_case_62_unscheduled_pending_pod_counts_as_scheduled() {
    // SEMANTICS §11 case 62.
    let inventory = fixture("case62-unscheduled-pending-counts-as-scheduled");
    let plan = plan_for(&inventory, "agent");
    assert_actions(&plan, &[], &[]);
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 1,
            current: 1,
            misscheduled: 0,
            ready: 0,
            available: 0,
            updated: 1,
            unavailable: 1,
        }
    );
}

#[test]
fn semantics_case_63_surge_node_counts_through_old_pod() {
    // SEMANTICS §11 case 63 (ST5).
    let inventory = fixture("case63-surge-status-counts-old-pod");
    let plan = plan_for(&inventory, "agent");
    assert_actions(&plan, &[], &["agent-n1-old"]);
    assert_eq!(
        counts(&plan),
        Counts {
            desired: 1,
            current: 1,
            misscheduled: 0,
            ready: 1,
            available: 1,
            updated: 0,
            unavailable: 0,
        }
    );
}

#[test]
fn semantics_case_64_ready_without_transition_time_never_available() {
    // SEMANTICS §11 case 64.
    let inventory = fixture("case64-ready-without-transition-time");
    for now in [NOW, "2100-01-01T00:00:00Z"] {
        let plan = plan_at(&inventory, "agent", ts(now));
        assert_eq!(
            counts(&plan),
            Counts {
                desired: 1,
                current: 1,
                misscheduled: 0,
                ready: 1,
                available: 0,
                updated: 1,
                unavailable: 1,
            },
            "at {now}"
        );
    }
}

#[test]
fn semantics_case_65_available_exactly_at_min_ready_seconds() {
    // SEMANTICS §11 case 65.
    let inventory = fixture("case65-available-at-exactly-min-ready");
    let at = plan_at(&inventory, "agent", ts("2026-01-01T01:00:00Z"));
    assert_eq!(
        (at.status.number_available, at.status.number_unavailable),
        (1, 0)
    );
    let before = plan_at(&inventory, "agent", ts("2026-01-01T00:59:59Z"));
    assert_eq!(
        (
            before.status.number_available,
            before.status.number_unavailable
        ),
        (0, 1)
    );
    assert_eq!(before.status.number_ready, 1);
}

#[test]
fn semantics_case_66_empty_selector_and_deleted_daemon_set_take_no_action() {
    // SEMANTICS §11 case 66; upstream
    // TestPodIsNotDeletedByDaemonsetWithEmptyLabelSelector,
    // TestDontDoAnythingIfBeingDeleted, TestDontDoAnythingIfBeingDeletedRace.
    let inventory = fixture("case66-no-action-daemon-sets");

    // The planner rejects the empty selector as the API server would (V3).
    let errors = inventory
        .validate(&ValidationOptions::default())
        .expect_err("an empty selector is invalid")
        .to_string();
    assert!(
        errors.contains("empty selector is invalid for daemonset"),
        "{errors}"
    );
    assert!(errors.contains("select-all"), "{errors}");
    assert!(
        !errors.contains("being-deleted"),
        "being-deleted is valid: {errors}"
    );

    for (_, strategy) in update_strategies() {
        let mut inventory = inventory.clone();
        for name in ["select-all", "being-deleted"] {
            daemon_set_mut(&mut inventory, name).spec.update_strategy = strategy.clone();
        }
        // Planned anyway, as upstream's controller would see it: nothing at
        // all, and the status is the one already stored (no status write).
        for name in ["select-all", "being-deleted"] {
            let plan = plan_for(&inventory, name);
            assert_actions(&plan, &[], &[]);
            assert!(plan.skipped.is_some(), "{name} is skipped");
            assert_eq!(plan.status, daemon_set(&inventory, name).status, "{name}");
            assert!(plan.revisions.create.is_none() && plan.revisions.delete.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// Ports of status tests.

#[test]
fn upstream_number_ready_status_and_observed_generation() {
    // TestNumberReadyStatus and TestObservedGeneration.
    let inventory = fixture("upstream-number-ready-status");
    for (strategy_name, strategy) in update_strategies() {
        let mut inventory = inventory.clone();
        daemon_set_mut(&mut inventory, "foo").spec.update_strategy = strategy;
        let plan = plan_for(&inventory, "foo");
        assert_actions(&plan, &[], &[]);
        assert_eq!(plan.status.number_ready, 0, "{strategy_name}");
        assert_eq!(plan.status.observed_generation, Some(1), "{strategy_name}");

        for pod in &mut inventory.pods {
            mark_ready(pod);
        }
        let plan = plan_for(&inventory, "foo");
        assert_actions(&plan, &[], &[]);
        assert_eq!(
            counts(&plan),
            Counts {
                desired: 2,
                current: 2,
                misscheduled: 0,
                ready: 2,
                available: 2,
                updated: 2,
                unavailable: 0,
            },
            "{strategy_name}"
        );
        assert_eq!(plan.status.observed_generation, Some(1), "{strategy_name}");
    }
}

#[test]
fn upstream_status_after_launching_pods() {
    // TestSimpleDaemonSetUpdatesStatusAfterLaunchingPods expects
    // currentNumberScheduled 5 from the very sync that creates the pods,
    // because its fake pod control writes them into the informer cache at
    // once. The real controller computes status from the cache it observed
    // (SEMANTICS §8 Y9), which does not show this sync's writes yet: 0 now,
    // 5 on the next sync.
    let mut inventory = fixture("upstream-simple-launches-pods");
    for (strategy_name, strategy) in update_strategies() {
        daemon_set_mut(&mut inventory, "foo").spec.update_strategy = strategy;
        let mut inventory = inventory.clone();
        let first = plan_for(&inventory, "foo");
        assert_eq!(first.create.len(), 5, "{strategy_name}");
        assert_eq!(first.status.current_number_scheduled, 0);
        apply(&mut inventory, "foo", &first, NOW);
        let second = plan_for(&inventory, "foo");
        assert_actions(&second, &[], &[]);
        assert_eq!(
            counts(&second),
            Counts {
                desired: 5,
                current: 5,
                misscheduled: 0,
                ready: 0,
                available: 0,
                updated: 5,
                unavailable: 5,
            },
            "{strategy_name}"
        );
    }
}

#[test]
fn upstream_controlled_histories() {
    // TestControlledHistories, observed through the current revision and
    // (with revisionHistoryLimit 0) through history clean-up.
    let inventory = fixture("upstream-controlled-histories");

    // "controller revision in the same namespace": x1 (owned) and x2
    // (adopted orphan) are both ds1's; x2, the newest, is current.
    let mut same_namespace = inventory.clone();
    same_namespace
        .revisions
        .retain(|r| r.metadata.name != "ds1-x3");
    daemon_set_mut(&mut same_namespace, "ds1")
        .spec
        .revision_history_limit = Some(0);
    let plan = plan_for(&same_namespace, "ds1");
    assert_eq!(plan.revision, "ds1-x2");
    assert_eq!(plan.revisions.current, "ds1-x2");
    assert_eq!(plan.revisions.delete, ["ds1-x1"]);

    // "Skip adopting the controller revision in namespace other than the one
    // in which DS lives": x3 is not ds1's, so a revision is to be created and
    // x3 is never cleaned up.
    let mut other_namespace = inventory.clone();
    other_namespace
        .revisions
        .retain(|r| r.metadata.name == "ds1-x3");
    daemon_set_mut(&mut other_namespace, "ds1")
        .spec
        .revision_history_limit = Some(0);
    let plan = plan_for(&other_namespace, "ds1");
    assert_ne!(plan.revision, "ds1-x3");
    assert_eq!(
        plan.revisions.create,
        Some(format!("ds1-{}", plan.revision))
    );
    assert!(plan.revisions.delete.is_empty());

    // All three: x3 (revision 3) still does not count.
    let plan = plan_for(&inventory, "ds1");
    assert_eq!(plan.revision, "ds1-x2");
}

#[test]
fn semantics_h6_dedup_current_histories_relabels_every_owned_pod() {
    // SEMANTICS §6 H6 and H7 (dedupCurHistories relabels every pod returned
    // by getDaemonPods, i.e. every claimed pod, node or not).
    let inventory = fixture("dedup-current-histories");
    let plan = plan_for(&inventory, "agent");
    assert_eq!(plan.revision, "hb");
    assert_eq!(plan.revisions.current, "agent-hb");
    assert_eq!(plan.revisions.delete, ["agent-ha"]);
    // max(old revisions) + 1 = 3 + 1.
    assert_eq!(plan.revisions.update, ["agent-hb"]);
    assert_eq!(plan.revisions.current_revision, 4);
    assert_eq!(
        plan.revisions.relabel_pods,
        ["agent-n1", "agent-n3", "agent-nowhere"]
    );
    // This sync still sees the old labels: n1's and n3's pods are old and
    // available; maxUnavailable 1 replaces the first.
    assert_actions(&plan, &[], &["agent-n1"]);
    assert_eq!(plan.status.updated_number_scheduled, 1);
}
