//! Revisions: the current template hash, which ControllerRevisions are
//! current or old, history clean-up, and "is this pod updated?"
//! (`constructHistory`, `Match`, `dedupCurHistories`, `cleanupHistory`,
//! `ComputeHash`, `IsPodUpdated`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ownership::{Claim, claim};
use crate::defaults::default_pod_template;
use crate::hashing::FastMap;
use crate::model::{
    CONTROLLER_REVISION_HASH_LABEL, ControllerRevision, DaemonSet, POD_TEMPLATE_GENERATION_LABEL,
    Pod, PodTemplateSpec,
};

/// FNV-1a, 32 bits (Go's `hash/fnv.New32a`).
fn fnv1a32(bytes: &[u8], mut state: u32) -> u32 {
    for byte in bytes {
        state ^= u32::from(*byte);
        state = state.wrapping_mul(0x0100_0193);
    }
    state
}

const FNV32_OFFSET: u32 = 0x811c_9dc5;

/// `rand.SafeEncodeString`: every character mapped through an alphabet
/// without vowels or look-alikes, at index (byte mod 27).
fn safe_encode(text: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    text.bytes()
        .map(|b| char::from(ALPHANUMS[usize::from(b) % ALPHANUMS.len()]))
        .collect()
}

/// The template hash this crate computes when the input carries no current
/// ControllerRevision.
///
/// Upstream's `ComputeHash` runs FNV-1a over a Go-specific pretty-print of
/// the template, which cannot be reproduced outside Go. This crate keeps
/// every other step: FNV-1a 32 over the template's canonical JSON (after
/// API-server defaulting, object keys sorted, no whitespace), then, when
/// `collisionCount` is set, its value as 4 little-endian bytes followed by 4
/// zero bytes; the `u32` printed in decimal and passed through
/// `SafeEncodeString`. The result is stable across runs and platforms, and a
/// `collisionCount` of 0 hashes differently from none.
///
/// ```
/// use daemonset_planner::controller::compute_hash;
/// use daemonset_planner::model::PodTemplateSpec;
/// let template = PodTemplateSpec::default();
/// assert_eq!(compute_hash(&template, None), compute_hash(&template, None));
/// assert_ne!(compute_hash(&template, None), compute_hash(&template, Some(0)));
/// ```
pub fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let mut defaulted = template.clone();
    default_pod_template(&mut defaulted);
    let canonical = serde_json::to_vec(&canonical_template_value(&defaulted)).unwrap_or_default();
    let mut state = fnv1a32(&canonical, FNV32_OFFSET);
    if let Some(count) = collision_count {
        let mut bytes = [0u8; 8];
        bytes[..4].copy_from_slice(&(count as u32).to_le_bytes());
        state = fnv1a32(&bytes, state);
    }
    safe_encode(&state.to_string())
}

/// The template as a JSON value with sorted keys (serde_json's default map).
fn canonical_template_value(template: &PodTemplateSpec) -> Value {
    serde_json::to_value(template).unwrap_or(Value::Null)
}

/// The template stored in a DaemonSet ControllerRevision's `data`
/// (`{"spec":{"template":{...,"$patch":"replace"}}}`), defaulted the same way
/// as the DaemonSet's, so the two compare equal exactly when upstream's
/// byte comparison (`Match`) would.
fn revision_template(revision: &ControllerRevision) -> Option<PodTemplateSpec> {
    let mut template = revision
        .data
        .as_ref()?
        .get("spec")?
        .get("template")?
        .clone();
    if let Value::Object(map) = &mut template {
        map.remove("$patch");
    }
    let mut parsed: PodTemplateSpec = serde_json::from_value(template).ok()?;
    default_pod_template(&mut parsed);
    Some(parsed)
}

/// `controller-revision-hash` of a revision; a revision without the label
/// gets its name (`constructHistory` writes the name as the label).
pub fn revision_hash(revision: &ControllerRevision) -> &str {
    revision
        .metadata
        .labels
        .get(CONTROLLER_REVISION_HASH_LABEL)
        .unwrap_or(revision.metadata.name.as_str())
}

/// What revision history the controller would write in this sync.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionPlan {
    /// Name of the current ControllerRevision (existing or to be created).
    pub current: String,
    /// Revision number the current ControllerRevision has after this sync.
    pub current_revision: i64,
    /// Name of the ControllerRevision to create, when none is current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create: Option<String>,
    /// Revisions whose `revision` number is raised (a rollback reuses an old one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub update: Vec<String>,
    /// Revisions deleted: duplicates of the current one, then old ones beyond
    /// `revisionHistoryLimit` that no pod references, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delete: Vec<String>,
    /// Revisions the controller would release (owned, no longer matching).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub release: Vec<String>,
    /// Pods relabelled to the current hash because current revisions were
    /// duplicated (`dedupCurHistories`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relabel_pods: Vec<String>,
}

/// The outcome of `constructHistory`: the current hash and the old revisions.
#[derive(Debug, Clone)]
pub struct History<'a> {
    /// The current hash.
    pub hash: String,
    /// Old (non-current) owned revisions.
    pub old: Vec<&'a ControllerRevision>,
    /// What the controller writes.
    pub plan: RevisionPlan,
}

/// `constructHistory`: finds the current revision among the DaemonSet's
/// ControllerRevisions, or names the one to create.
///
/// A revision is current when its stored template equals the DaemonSet's
/// (upstream's `Match`). Revisions written by hand without `data` cannot be
/// compared; when nothing matched, the newest of those (highest `revision`)
/// is taken as current, as `CONTRACT.md` describes, so hand-written
/// fixtures keep their hash.
pub fn construct_history<'a>(
    ds: &DaemonSet,
    revisions: &'a [ControllerRevision],
    owned_pods: &[&Pod],
) -> History<'a> {
    let mut template = ds.spec.template.clone();
    default_pod_template(&mut template);
    let mut plan = RevisionPlan::default();
    let mut current: Vec<&ControllerRevision> = Vec::new();
    let mut without_data: Vec<&ControllerRevision> = Vec::new();
    let mut old: Vec<&ControllerRevision> = Vec::new();
    for revision in revisions {
        match claim(ds, &revision.metadata) {
            Claim::Owned => {}
            Claim::Released => {
                plan.release.push(revision.metadata.name.clone());
                continue;
            }
            Claim::Ignored => continue,
        }
        match revision_template(revision) {
            Some(stored) if stored == template => current.push(revision),
            _ if revision.data.is_none() => without_data.push(revision),
            _ => old.push(revision),
        }
    }
    if current.is_empty() {
        if let Some(newest) = without_data
            .iter()
            .copied()
            .reduce(|kept, r| if r.revision >= kept.revision { r } else { kept })
        {
            current.push(newest);
        }
    }
    old.extend(
        without_data
            .iter()
            .copied()
            .filter(|r| !current.iter().any(|c| std::ptr::eq(*c, *r))),
    );
    let next_revision = old.iter().map(|r| r.revision).max().unwrap_or(0).max(0) + 1;
    let hash;
    match current.len() {
        0 => {
            hash = compute_hash(&ds.spec.template, ds.status.collision_count);
            let name = format!("{}-{hash}", ds.metadata.name);
            plan.current = name.clone();
            plan.create = Some(name);
            plan.current_revision = next_revision;
        }
        _ => {
            // dedupCurHistories: keep the highest revision, the later one on ties.
            let mut kept = current[0];
            for revision in &current {
                if revision.revision >= kept.revision {
                    kept = revision;
                }
            }
            hash = revision_hash(kept).to_string();
            for revision in &current {
                if !std::ptr::eq(*revision, kept) {
                    plan.delete.push(revision.metadata.name.clone());
                }
            }
            if current.len() > 1 {
                plan.relabel_pods = owned_pods
                    .iter()
                    .filter(|pod| {
                        pod.metadata.labels.get(CONTROLLER_REVISION_HASH_LABEL) != Some(&hash)
                    })
                    .map(|pod| pod.metadata.name.clone())
                    .collect();
                plan.relabel_pods.sort();
            }
            plan.current = kept.metadata.name.clone();
            plan.current_revision = kept.revision;
            if kept.revision < next_revision {
                plan.update.push(kept.metadata.name.clone());
                plan.current_revision = next_revision;
            }
        }
    }
    History { hash, old, plan }
}

/// `cleanupHistory`: old revisions beyond `revisionHistoryLimit` that no
/// owned pod's hash references, oldest `revision` first (name breaks ties;
/// upstream's sort is unstable there).
pub fn history_to_delete(
    old: &[&ControllerRevision],
    revision_history_limit: i32,
    live_pods: &[&Pod],
) -> Vec<String> {
    let mut to_kill = old.len() as i64 - i64::from(revision_history_limit);
    if to_kill <= 0 {
        return Vec::new();
    }
    // Which old revisions some live pod still references: one lookup per pod
    // in a map of the (few) old hashes, rather than a set of every pod's hash.
    let mut referenced: FastMap<&str, bool> = old
        .iter()
        .map(|revision| (revision_hash(revision), false))
        .filter(|(hash, _)| !hash.is_empty())
        .collect();
    for pod in live_pods {
        if let Some(hash) = pod.metadata.labels.get(CONTROLLER_REVISION_HASH_LABEL) {
            if let Some(seen) = referenced.get_mut(hash) {
                *seen = true;
            }
        }
    }
    let mut sorted: Vec<&ControllerRevision> = old.to_vec();
    sorted.sort_by(|a, b| {
        a.revision
            .cmp(&b.revision)
            .then_with(|| a.metadata.name.cmp(&b.metadata.name))
    });
    let mut deleted = Vec::new();
    for revision in sorted {
        if to_kill <= 0 {
            break;
        }
        if referenced.get(revision_hash(revision)) == Some(&true) {
            continue;
        }
        deleted.push(revision.metadata.name.clone());
        to_kill -= 1;
    }
    deleted
}

/// `IsPodUpdated`: the pod's `pod-template-generation` label equals the
/// DaemonSet's template generation, or its `controller-revision-hash` label
/// equals the current hash.
///
/// ```
/// use daemonset_planner::controller::is_pod_updated;
/// use daemonset_planner::model::Pod;
/// let mut pod = Pod::default();
/// pod.metadata.labels.insert("controller-revision-hash".into(), "abc".into());
/// assert!(is_pod_updated(&pod, "abc", None));
/// assert!(!is_pod_updated(&pod, "def", Some(2)));
/// ```
pub fn is_pod_updated(pod: &Pod, hash: &str, generation: Option<i64>) -> bool {
    let labels = &pod.metadata.labels;
    let generation_matches = generation.is_some_and(|g| {
        labels
            .get(POD_TEMPLATE_GENERATION_LABEL)
            .is_some_and(|label| *label == g.to_string())
    });
    let hash_matches = !hash.is_empty() && labels.get(CONTROLLER_REVISION_HASH_LABEL) == Some(hash);
    generation_matches || hash_matches
}
