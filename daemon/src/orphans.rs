//! Orphan cleanup (`POST /pulp/api/v3/orphans/cleanup/`, a task): removes the manifest and blob records no
//! repository version references, and the blob files only they used, while pushes, pulls and syncs go on.
//!
//! What is an orphan: a manifest or blob record that no stored version of any repository holds (every version,
//! not only the latest; a version number claimed but not yet made latest counts), that is not pending in a push
//! repository, that no kept manifest record references (an index's children, an image's config and layers),
//! and whose record was last written longer ago than the protection time. Blob files with no record at all
//! (left by a crash between the two removal steps below, or by an upload whose record never came) older than
//! the protection time go too. Upload sessions in progress are files under `upload-sessions/`, not blobs:
//! never touched.
//!
//! Removal order: records first (each removed only if it is still the one the plan saw, a compare-and-swap on
//! its `created_ms`), then the store is flushed, then the blob files. A crash in between leaves files without a
//! record, which the next cleanup removes; never a record (or version) pointing at a missing file.
//!
//! The race with writers, and why it cannot lose data. Every write of a manifest or blob record stamps it with
//! the time (`created_ms`): pushes (each uploaded or mounted blob, each manifest), syncs and the pull-through
//! cache all write the records of what they are about to put in a version *before* writing the version, and a
//! record younger than the protection time is never an orphan. So:
//! - a push that uploaded a blob and is about to PUT its manifest: the blob is pending in its repository and its
//!   record is young; it survives. The manifest PUT checks right before writing that each blob is in the
//!   blob store; the version it then writes references blobs whose records were stamped within the push, so a
//!   cleanup racing with it skips them as long as **the protection time exceeds the longest push** (from the
//!   first blob upload to the manifest PUT). Pulp has the same rule (`ORPHAN_PROTECTION_TIME`, one day by default).
//! - pending entries are read *before* the versions: a manifest PUT writes its version before it clears the
//!   pending entries, so a blob moving from pending to a version is seen in one or the other.
//! - a sync or pull-through fetch in flight writes its records (young) before its version, and a blob file it
//!   has just written without a record yet is young by its modification time.
//! - a record re-written after the plan was made (a mount, a repeated push) changed `created_ms`, so the
//!   compare-and-swap keeps it.
//!
//! With protection time 0 (tests, or an operator who knows nothing writes) these guarantees reduce to the
//! compare-and-swap and the gate below, which cover pushes but not a sync or pull-through fetch in flight; the
//! cleanup still never removes what a version references when it reads it.
//!
//! The in-flight gate (in this process) closes the last window. Right before deleting a file the cleanup
//! holds the gate exclusively, looks for the blob's record once more, and keeps the file if a writer recorded
//! it again since the plan (a mount, an upload of the same bytes). Writers hold the gate shared: an upload or
//! mount while it writes the record and then checks the file is still there (else `BLOB_UNKNOWN`: the pusher
//! uploads again); a manifest PUT from its check that the blobs are stored until its version names them. So a
//! file is never deleted between a writer's check and its write. Replicas on one shared database do not share
//! the gate: across replicas only the protection time guards these windows (the protection time must exceed
//! the longest push, as above).
//!
//! The task holds an exclusive lock on [`LOCK`], so two cleanups never overlap.
//!
//! The pull-through cache's eviction ([`crate::pull_through::retention`]) uses the same plan and removal steps on
//! the content it has just removed from its repository ([`Orphans::remove_unreferenced`]): protection time 0,
//! restricted to those candidates, not as a task. Overlapping a cleanup is harmless: both remove records by
//! compare-and-swap and files under the gate after looking for the record once more.

use crate::blobs::{BlobStore, Digest, StoredBlob};
use crate::content::units::{tag_id, TagRecord};
use crate::content::{BlobRecord, Content, ManifestRecord, VersionContent};
use crate::error::{Error, Result};
use crate::push::PendingBlobs;
use crate::store::Store;
use crate::tasks::{Resource, TaskBody, TaskContext, TaskFailure};
use pulp_shared::api::ProgressReport;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Pulp's task name.
pub const TASK_NAME: &str = "pulpcore.app.tasks.orphan.orphan_cleanup";

/// The resource the task locks exclusively.
pub const LOCK: &str = "/pulp/api/v3/orphans/cleanup/";

/// Pulp's default `ORPHAN_PROTECTION_TIME`, in minutes (one day).
pub const DEFAULT_PROTECTION_MINUTES: u64 = 24 * 60;

/// Progress report codes.
pub const CODE_UNITS: &str = "clean-up.content";
pub const CODE_BYTES: &str = "clean-up.bytes";

/// A validated cleanup request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub protection_minutes: u64,
    /// `content_hrefs`: only these units are candidates (each still removed only if it is an orphan).
    pub only: Option<Selection>,
}

/// Content units named by `content_hrefs`, by kind: manifest and blob digests, tag content ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub manifests: HashSet<String>,
    pub blobs: HashSet<String>,
    pub tags: HashSet<String>,
}

impl Selection {
    /// Adds a unit.
    pub fn add(&mut self, unit: crate::content::units::Unit) {
        use crate::content::units::Unit;
        match unit {
            Unit::Manifest(d) => {
                self.manifests.insert(d);
            }
            Unit::Blob(d) => {
                self.blobs.insert(d);
            }
            tag @ Unit::Tag { .. } => {
                self.tags.insert(tag.id());
            }
        }
    }

    /// Keeps in `plan` only what this selects, and no stray files (they are not content units).
    fn restrict(&self, plan: &mut Plan) {
        plan.manifests.retain(|(d, _)| self.manifests.contains(d));
        plan.blobs.retain(|(d, _)| self.blobs.contains(d));
        plan.tags.retain(|(id, _)| self.tags.contains(id));
        plan.stray_files.clear();
    }
}

impl Request {
    /// Parses `{"orphan_protection_time": minutes, "content_hrefs": [...]}` (both optional); the hrefs are
    /// returned for the caller to resolve ([`crate::content::units::Units::resolve_href`]) into [`Request::only`].
    ///
    /// # Errors
    /// [`Error::Invalid`] (Pulp's field errors) for a protection time that is not a non-negative integer, or
    /// `content_hrefs` that is not a list of strings.
    pub fn parse(body: &Value) -> Result<(Request, Option<Vec<String>>)> {
        let protection_minutes = match body.get("orphan_protection_time") {
            None | Some(Value::Null) => DEFAULT_PROTECTION_MINUTES,
            Some(v) => v.as_u64().ok_or_else(|| {
                Error::field("orphan_protection_time", "A valid integer is required.")
            })?,
        };
        let hrefs = match body.get("content_hrefs") {
            None | Some(Value::Null) => None,
            Some(Value::Array(a)) => Some(
                a.iter()
                    .map(|h| h.as_str().map(str::to_string))
                    .collect::<Option<Vec<String>>>()
                    .ok_or_else(|| {
                        Error::field(
                            "content_hrefs",
                            "Expected a list of items but got type \"dict\".",
                        )
                    })?,
            ),
            Some(_) => return Err(Error::field("content_hrefs", "Expected a list of items.")),
        };
        Ok((
            Request {
                protection_minutes,
                only: None,
            },
            hrefs,
        ))
    }

    pub fn resources(&self) -> Vec<Resource> {
        vec![Resource::exclusive(LOCK)]
    }
}

/// What the cleanup found to remove.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Orphan manifest records: digest, the `created_ms` seen.
    pub manifests: Vec<(String, Option<u64>)>,
    /// Orphan blob records: digest, the `created_ms` seen.
    pub blobs: Vec<(String, Option<u64>)>,
    /// Orphan tag records: content id, the `created_ms` seen.
    pub tags: Vec<(String, u64)>,
    /// Blob files with no record, old enough.
    pub stray_files: Vec<Digest>,
}

impl Plan {
    pub fn units(&self) -> u64 {
        (self.manifests.len() + self.blobs.len() + self.tags.len()) as u64
    }
}

/// What the cleanup sees: everything is read before the plan is made.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Digests pending in push repositories.
    pub pending: HashSet<String>,
    /// Manifest and blob digests some version holds.
    pub referenced_manifests: HashSet<String>,
    pub referenced_blobs: HashSet<String>,
    /// Content ids of the tags some version holds.
    pub referenced_tags: HashSet<String>,
    pub manifests: Vec<ManifestRecord>,
    pub blobs: Vec<BlobRecord>,
    pub tags: Vec<TagRecord>,
    pub files: Vec<StoredBlob>,
}

impl Snapshot {
    /// Adds a version's content to the referenced sets.
    pub fn reference(&mut self, content: &VersionContent) {
        self.referenced_manifests
            .extend(content.manifests.iter().cloned());
        self.referenced_manifests
            .extend(content.tags.values().cloned());
        self.referenced_blobs.extend(content.blobs.iter().cloned());
        self.referenced_tags.extend(
            content
                .tags
                .iter()
                .map(|(name, manifest)| tag_id(name, manifest)),
        );
    }
}

/// The orphans of `snapshot` at `now_ms` with `protection_ms`: a pure function (see the module doc).
pub fn plan(snapshot: &Snapshot, now_ms: u64, protection_ms: u64) -> Plan {
    let young =
        |created: Option<u64>| created.is_some_and(|t| now_ms.saturating_sub(t) < protection_ms);
    let by_digest: HashMap<&str, &ManifestRecord> = snapshot
        .manifests
        .iter()
        .map(|m| (m.digest.as_str(), m))
        .collect();
    // Kept manifests: referenced or young, and (transitively) the children of kept indexes.
    let mut kept: HashSet<&str> = snapshot
        .manifests
        .iter()
        .filter(|m| snapshot.referenced_manifests.contains(&m.digest) || young(m.created_ms))
        .map(|m| m.digest.as_str())
        .collect();
    let mut todo: Vec<&str> = kept.iter().copied().collect();
    while let Some(d) = todo.pop() {
        if let Some(m) = by_digest.get(d) {
            for child in &m.children {
                if kept.insert(child.digest.as_str()) {
                    todo.push(child.digest.as_str());
                }
            }
        }
    }
    let mut kept_blobs: HashSet<&str> = snapshot
        .referenced_blobs
        .iter()
        .chain(snapshot.pending.iter())
        .map(String::as_str)
        .collect();
    for d in &kept {
        if let Some(m) = by_digest.get(d) {
            kept_blobs.extend(m.blobs().map(String::as_str));
        }
    }
    let manifests: Vec<_> = snapshot
        .manifests
        .iter()
        .filter(|m| !kept.contains(m.digest.as_str()))
        .map(|m| (m.digest.clone(), m.created_ms))
        .collect();
    let blobs: Vec<_> = snapshot
        .blobs
        .iter()
        .filter(|b| !kept_blobs.contains(b.digest.as_str()) && !young(b.created_ms))
        .map(|b| (b.digest.clone(), b.created_ms))
        .collect();
    let recorded: HashSet<&str> = snapshot.blobs.iter().map(|b| b.digest.as_str()).collect();
    let stray_files = snapshot
        .files
        .iter()
        .filter(|f| {
            !recorded.contains(f.digest.as_str())
                && !kept_blobs.contains(f.digest.as_str())
                && !young(f.modified_ms)
        })
        .map(|f| f.digest.clone())
        .collect();
    // A tag goes when no version holds it (its manifest, held by no version either, then goes too).
    let tags = snapshot
        .tags
        .iter()
        .filter(|t| !snapshot.referenced_tags.contains(&t.id) && !young(Some(t.created_ms)))
        .map(|t| (t.id.clone(), t.created_ms))
        .collect();
    Plan {
        manifests,
        blobs,
        tags,
        stray_files,
    }
}

/// What a cleanup removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Removed {
    /// Manifest and blob records.
    pub units: u64,
    /// Blob files, and their bytes.
    pub files: u64,
    pub bytes: u64,
}

/// The cleanup service.
#[derive(Clone)]
pub struct Orphans {
    store: Store,
    content: Content,
    pending: PendingBlobs,
    blobs: Arc<dyn BlobStore>,
    /// Told what a cleanup task removed (`/status/` shows the last one).
    accounting: Option<crate::accounting::Accounting>,
}

impl Orphans {
    pub fn new(
        store: Store,
        content: Content,
        pending: PendingBlobs,
        blobs: Arc<dyn BlobStore>,
    ) -> Orphans {
        Orphans {
            store,
            content,
            pending,
            blobs,
            accounting: None,
        }
    }

    /// Records what each cleanup task removed in `accounting`.
    pub fn with_accounting(mut self, accounting: crate::accounting::Accounting) -> Orphans {
        self.accounting = Some(accounting);
        self
    }

    /// The task body of `request`.
    pub fn task(&self, request: Request) -> TaskBody {
        let orphans = self.clone();
        Box::new(move |ctx: TaskContext| {
            Box::pin(async move {
                let task = pulp_shared::href::resource(pulp_shared::href::TASKS, ctx.id());
                let report = move |r: ProgressReport| ctx.progress(r);
                let removed = orphans
                    .run(
                        request.protection_minutes * 60_000,
                        request.only.as_ref(),
                        &report,
                    )
                    .await
                    .map_err(|e| TaskFailure(format!("orphan cleanup failed: {e}")))?;
                if let Some(accounting) = &orphans.accounting {
                    if let Err(e) = accounting.cleanup_finished(&task, removed).await {
                        tracing::warn!(error = %format!("{e:#}"), "could not record the cleanup for /status/");
                    }
                }
                Ok(Vec::new())
            })
        })
    }

    /// Reads what the plan needs, in the order the module doc requires (pending before versions).
    pub async fn snapshot(&self) -> anyhow::Result<Snapshot> {
        let mut s = Snapshot {
            pending: self.pending.digests().await?,
            ..Snapshot::default()
        };
        // Files first: a file written after the listing is not in it, so it cannot be taken for a stray.
        s.files = self.blobs.list().await?;
        s.manifests = self.content.all_manifests().await?;
        s.blobs = self.content.all_blobs().await?;
        s.tags = self.content.all_tags().await?;
        self.content.each_version(|_, c| s.reference(c)).await?;
        Ok(s)
    }

    /// Runs a cleanup with `protection_ms` (of the `only` units when given), reporting progress (units and
    /// bytes removed).
    pub async fn run(
        &self,
        protection_ms: u64,
        only: Option<&Selection>,
        progress: &(dyn Fn(ProgressReport) + Send + Sync),
    ) -> anyhow::Result<Removed> {
        let snapshot = self.snapshot().await?;
        let mut plan = plan(&snapshot, crate::tasks::workers::now_ms(), protection_ms);
        if let Some(only) = only {
            only.restrict(&mut plan);
        }
        self.execute(&snapshot, &plan, progress).await
    }

    /// Removes those of `manifests` and `blobs` (digests) that are orphans now, with no protection time: the
    /// pull-through cache's eviction ([`crate::pull_through::retention`]), which has just removed them from its
    /// repository and wants their bytes back at once. The same plan and removal steps as a full cleanup,
    /// restricted to these candidates: whatever any version (of any repository), a pending push or a kept
    /// manifest still references stays. Stray files are left to the full cleanup.
    pub async fn remove_unreferenced(
        &self,
        manifests: &HashSet<String>,
        blobs: &HashSet<String>,
    ) -> anyhow::Result<Removed> {
        let snapshot = self.snapshot().await?;
        let mut plan = plan(&snapshot, crate::tasks::workers::now_ms(), 0);
        let only = Selection {
            manifests: manifests.clone(),
            blobs: blobs.clone(),
            // The tags of the evicted manifests (the plan keeps those a version still holds).
            tags: snapshot
                .tags
                .iter()
                .filter(|t| manifests.contains(&t.manifest))
                .map(|t| t.id.clone())
                .collect(),
        };
        only.restrict(&mut plan);
        self.execute(&snapshot, &plan, &|_| {}).await
    }

    /// Carries out `plan` (made from `snapshot`): records, a flush, then files (see the module doc).
    async fn execute(
        &self,
        snapshot: &Snapshot,
        plan: &Plan,
        progress: &(dyn Fn(ProgressReport) + Send + Sync),
    ) -> anyhow::Result<Removed> {
        let sizes: HashMap<&str, u64> = snapshot
            .files
            .iter()
            .map(|f| (f.digest.as_str(), f.size))
            .collect();
        let report = |code: &str, message: &str, done: u64, total: Option<u64>, state: &str| {
            progress(ProgressReport {
                message: message.into(),
                code: code.into(),
                state: state.into(),
                total,
                done,
                suffix: None,
            })
        };
        let mut removed = Removed::default();
        let units_total = Some(plan.units());
        report(
            CODE_UNITS,
            "Clean up orphan content",
            0,
            units_total,
            "running",
        );
        report(CODE_BYTES, "Clean up orphan blob bytes", 0, None, "running");
        // 1. Records (manifests first: a kept manifest's blobs were kept by the plan).
        let mut files: BTreeSet<Digest> = plan.stray_files.iter().cloned().collect();
        for (i, (digest, created)) in plan.manifests.iter().enumerate() {
            yield_every(i).await;
            if self.content.remove_manifest_if(digest, *created).await? {
                removed.units += 1;
            }
            report(
                CODE_UNITS,
                "Clean up orphan content",
                removed.units,
                units_total,
                "running",
            );
        }
        for (i, (id, created)) in plan.tags.iter().enumerate() {
            yield_every(i).await;
            if self.content.remove_tag_if(id, *created).await? {
                removed.units += 1;
            }
        }
        for (i, (digest, created)) in plan.blobs.iter().enumerate() {
            yield_every(i).await;
            if self.content.remove_blob_if(digest, *created).await? {
                removed.units += 1;
                if let Ok(d) = Digest::parse(digest) {
                    files.insert(d);
                }
            }
            report(
                CODE_UNITS,
                "Clean up orphan content",
                removed.units,
                units_total,
                "running",
            );
        }
        // 2. Durable before any file goes.
        self.store.flush().await?;
        // 3. Files.
        for (i, digest) in files.iter().enumerate() {
            yield_every(i).await;
            // A writer that stored this blob again since (an upload or mount writes its record after the
            // file) keeps it. The gate keeps writers out between this look and the delete.
            let _deleting = self.content.deleting().await;
            if self.content.blob(digest.as_str()).await?.is_some() {
                continue;
            }
            if self.blobs.delete(digest).await? {
                removed.files += 1;
                removed.bytes += sizes.get(digest.as_str()).copied().unwrap_or(0);
            }
            report(
                CODE_BYTES,
                "Clean up orphan blob bytes",
                removed.bytes,
                None,
                "running",
            );
        }
        report(
            CODE_UNITS,
            "Clean up orphan content",
            removed.units,
            units_total,
            "completed",
        );
        report(
            CODE_BYTES,
            "Clean up orphan blob bytes",
            removed.bytes,
            None,
            "completed",
        );
        tracing::info!(
            units = removed.units,
            files = removed.files,
            bytes = removed.bytes,
            "orphan cleanup finished"
        );
        Ok(removed)
    }
}

/// How many removals run between two yields to the scheduler.
const YIELD_EVERY: usize = 32;

/// Lets other tasks of this worker thread run every [`YIELD_EVERY`] steps: with sled, metadata calls complete
/// without ever suspending, so a loop over thousands of them would hold the thread (and the requests queued on
/// it) for its whole length. The bench's cleanup row measures the manifest GET p99 while a cleanup runs.
async fn yield_every(i: usize) {
    if i % YIELD_EVERY == YIELD_EVERY - 1 {
        tokio::task::yield_now().await;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn d(n: u8) -> String {
        format!("sha256:{}", format!("{n:02x}").repeat(32))
    }

    pub(crate) fn image(
        digest: &str,
        config: &str,
        layers: &[&str],
        created: Option<u64>,
    ) -> ManifestRecord {
        let mut m = ManifestRecord::parse(
            &Digest::sha256_of(b"{}"),
            br#"{"schemaVersion":2,"config":{"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"}}"#,
            "",
        )
        .unwrap();
        m.digest = digest.into();
        m.config = Some(config.into());
        m.layers = layers.iter().map(|l| l.to_string()).collect();
        m.created_ms = created;
        m
    }

    fn blob(digest: &str, created: Option<u64>) -> BlobRecord {
        BlobRecord {
            digest: digest.into(),
            size: Some(1),
            media_type: None,
            on_demand: None,
            origin: None,
            created_ms: created,
        }
    }

    pub(crate) fn file(digest: &str, modified: Option<u64>) -> StoredBlob {
        StoredBlob {
            digest: Digest::parse(digest).unwrap(),
            size: 10,
            modified_ms: modified,
        }
    }

    /// Two images sharing a layer; only `two` is in a version.
    fn two_images() -> Snapshot {
        let (one, two) = (d(1), d(2));
        let (shared, only_one, only_two, cfg1, cfg2) = (d(10), d(11), d(12), d(13), d(14));
        let mut s = Snapshot {
            manifests: vec![
                image(&one, &cfg1, &[&shared, &only_one], None),
                image(&two, &cfg2, &[&shared, &only_two], None),
            ],
            blobs: [&shared, &only_one, &only_two, &cfg1, &cfg2]
                .into_iter()
                .map(|b| blob(b, None))
                .collect(),
            files: [&shared, &only_one, &only_two, &cfg1, &cfg2]
                .into_iter()
                .map(|b| file(b, None))
                .collect(),
            ..Snapshot::default()
        };
        let mut v = VersionContent::default();
        v.tags.insert("latest".into(), two.clone());
        v.manifests.insert(two);
        v.blobs.extend([shared, only_two, cfg2]);
        s.reference(&v);
        s
    }

    #[test]
    fn unreferenced_records_are_orphans_and_shared_blobs_are_kept() {
        let p = plan(&two_images(), 1_000_000, 0);
        assert_eq!(p.manifests, vec![(d(1), None)]);
        let blobs: BTreeSet<_> = p.blobs.iter().map(|(b, _)| b.clone()).collect();
        assert_eq!(blobs, [d(11), d(13)].into_iter().collect());
        assert!(p.stray_files.is_empty());
    }

    #[test]
    fn young_records_and_pending_blobs_and_their_manifests_survive() {
        let mut s = two_images();
        // The orphan manifest is young: it and its blobs stay (a push about to write its version).
        s.manifests[0].created_ms = Some(999_000);
        let p = plan(&s, 1_000_000, 60_000);
        assert!(p.manifests.is_empty());
        assert!(p.blobs.is_empty());

        let mut s = two_images();
        s.pending.insert(d(11));
        s.blobs[3].created_ms = Some(990_000); // d(13), young
        let p = plan(&s, 1_000_000, 60_000);
        assert_eq!(p.manifests, vec![(d(1), None)]);
        assert!(p.blobs.is_empty(), "{p:?}");
        // Older than the protection time: the config goes, the pending layer stays.
        let p = plan(&s, 1_000_000, 5_000);
        assert_eq!(p.blobs, vec![(d(13), Some(990_000))]);
    }

    #[test]
    fn any_version_keeps_content_not_only_the_latest() {
        let mut s = two_images();
        let mut old = VersionContent::default();
        old.manifests.insert(d(1));
        s.reference(&old);
        let p = plan(&s, 1_000_000, 0);
        assert!(p.manifests.is_empty());
        // The manifest is kept, so the blobs it needs are too even though no version lists them.
        assert!(p.blobs.is_empty());
    }

    #[test]
    fn index_children_are_kept_with_their_index() {
        let mut s = two_images();
        let mut index = image(&d(3), &d(14), &[], None);
        index.config = None;
        index.children.push(crate::content::model::ChildManifest {
            digest: d(1),
            media_type: crate::content::model::OCI_MANIFEST.into(),
            size: 1,
            platform: None,
        });
        s.manifests.push(index);
        let mut v = VersionContent::default();
        v.manifests.insert(d(3));
        s.reference(&v);
        let p = plan(&s, 1_000_000, 0);
        assert!(p.manifests.is_empty(), "{p:?}");
        assert!(p.blobs.is_empty(), "{p:?}");
    }

    #[test]
    fn files_without_records_go_when_old_enough() {
        let mut s = two_images();
        s.files.push(file(&d(20), Some(100)));
        s.files.push(file(&d(21), Some(999_999)));
        let p = plan(&s, 1_000_000, 1_000);
        assert_eq!(p.stray_files, vec![Digest::parse(&d(20)).unwrap()]);
    }

    /// The whole run on a sled store and a filesystem blob store: records go, then their files, and files
    /// without a record (a crash between the two steps) go with them; a second run finds nothing.
    #[tokio::test]
    async fn a_run_removes_records_then_files_and_stray_files() {
        use crate::blobs::testsuite::put;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("meta")).unwrap();
        let content = Content::open(&store).unwrap();
        let pending = PendingBlobs::open(&store).unwrap();
        let blobs: Arc<dyn BlobStore> =
            Arc::new(crate::blobs::FsBlobStore::open(dir.path().join("blobs")).unwrap());
        let shared = put(blobs.as_ref(), b"shared layer").await;
        let only_orphan = put(blobs.as_ref(), b"layer of the orphan").await;
        let stray = put(blobs.as_ref(), b"a file whose record a crash lost").await;
        for b in [&shared, &only_orphan] {
            content.put_blob(&blob(b.as_str(), None)).await.unwrap();
        }
        let kept = image(&d(2), shared.as_str(), &[shared.as_str()], None);
        let orphan = image(&d(1), shared.as_str(), &[only_orphan.as_str()], None);
        content.put_manifest(&kept, b"{}").await.unwrap();
        content.put_manifest(&orphan, b"{}").await.unwrap();
        let mut v = VersionContent::default();
        v.manifests.insert(d(2));
        v.blobs.insert(shared.to_string());
        content
            .put_version("repo", 1, 0, Arc::new(v), false)
            .await
            .unwrap();

        let orphans = Orphans::new(store.clone(), content.clone(), pending, blobs.clone());
        let quiet = |_: ProgressReport| {};
        // Everything was just written: a day's protection keeps it all.
        let removed = orphans.run(24 * 3_600_000, None, &quiet).await.unwrap();
        assert_eq!(removed, Removed::default());

        let removed = orphans.run(0, None, &quiet).await.unwrap();
        assert_eq!(removed.units, 2, "the orphan manifest and its own layer");
        assert_eq!(removed.files, 2, "its layer's file and the stray file");
        let listed: BTreeSet<Digest> = blobs
            .list()
            .await
            .unwrap()
            .into_iter()
            .map(|b| b.digest)
            .collect();
        assert_eq!(listed, [shared.clone()].into_iter().collect());
        assert!(content.manifest(&d(1)).await.unwrap().is_none());
        assert!(content.manifest(&d(2)).await.unwrap().is_some());
        assert!(content.blob(only_orphan.as_str()).await.unwrap().is_none());
        assert!(blobs.contains(&stray).await.unwrap().is_none());

        assert_eq!(
            orphans.run(0, None, &quiet).await.unwrap(),
            Removed::default()
        );
    }

    #[test]
    fn requests_parse_with_pulp_defaults() {
        let (r, hrefs) = Request::parse(&serde_json::json!({})).unwrap();
        assert_eq!(r.protection_minutes, DEFAULT_PROTECTION_MINUTES);
        assert_eq!(hrefs, None);
        let (r, hrefs) = Request::parse(
            &serde_json::json!({"orphan_protection_time": 0, "content_hrefs": ["/a/"]}),
        )
        .unwrap();
        assert_eq!(r.protection_minutes, 0);
        assert_eq!(hrefs, Some(vec!["/a/".to_string()]));
        assert!(Request::parse(&serde_json::json!({"orphan_protection_time": -1})).is_err());
        let e = Request::parse(&serde_json::json!({"content_hrefs": [1]})).unwrap_err();
        assert!(e.to_string().contains("content_hrefs"), "{e}");
    }

    #[test]
    fn tags_no_version_holds_are_orphans_and_a_selection_narrows_the_plan() {
        let mut s = two_images();
        let held = TagRecord::new("latest", &d(2), 10);
        let gone = TagRecord::new("old", &d(1), 10);
        s.tags = vec![held, gone.clone()];
        let p = plan(&s, 1_000_000, 0);
        assert_eq!(p.tags, vec![(gone.id.clone(), 10)]);
        assert_eq!(
            p.units(),
            1 + 2 + 1,
            "the manifest, its own two blobs and the tag"
        );
        // Young: kept.
        assert!(plan(&s, 1_000_000, 999_995).tags.is_empty());

        let mut narrowed = p;
        let mut only = Selection::default();
        only.add(crate::content::units::Unit::Blob(d(11)));
        only.restrict(&mut narrowed);
        assert_eq!(narrowed.blobs, vec![(d(11), None)]);
        assert!(narrowed.manifests.is_empty() && narrowed.tags.is_empty());
    }
}
