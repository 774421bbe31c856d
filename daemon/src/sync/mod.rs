//! Repository sync: copies a repository of an upstream registry (a remote's `url` + `upstream_name`) into a new
//! version of a container repository, as Pulp's `synchronize` task does.
//!
//! Owns: validating a sync request (Pulp's 400 messages), the tag filter (`include_tags` / `exclude_tags` as
//! glob patterns), fetching manifests (every tag, then the children of indexes / manifest lists, by digest),
//! fetching blobs by the remote's policy with bounded parallelism, and building the new version's content
//! (mirror: exactly the upstream's; otherwise the latest version's plus the upstream's). It does not own the
//! registry client ([`crate::upstream`]), how records are stored ([`crate::content`]), task bookkeeping
//! ([`crate::tasks`]) or HTTP (`http/api/sync.rs`).
//!
//! Invariants:
//! - **Nothing half-done becomes visible.** Manifests and blob records written on the way are content-addressed
//!   and belong to no version; the version is created by one synchronous call as the very last step, so a sync
//!   that fails or is cancelled (the runner drops the future) leaves the repository's versions as they were.
//! - **Under policy `immediate`, a synced version only references blobs whose bytes are stored**, and stored
//!   bytes were verified against their digest before they became visible (the blob store's invariant).
//! - **A blob stored locally is never turned back into an on-demand one**: the blob store, not the record, says
//!   whether the bytes are here.
//! - **Bounded fan-out**: manifest and blob fetches run at most `download_concurrency` at a time (default
//!   [`DEFAULT_DOWNLOAD_CONCURRENCY`], at most [`MAX_DOWNLOAD_CONCURRENCY`]); blobs stream to disk.

use crate::blobs::{BlobStore, Digest};
use crate::body::{Body, Mode, NOT_NULL};
use crate::content::model::SUPPORTED_MANIFESTS;
use crate::content::{
    BlobRecord, ManifestRecord, OnDemand, Repositories, RepositoryRecord, VersionContent,
    VersionRecord,
};
use crate::remotes::{RemoteRecord, Remotes};
use crate::tasks::{Resource, TaskBody, TaskFailure};
use crate::upstream::{self, Upstream, MANIFEST_ACCEPT};
use futures::{stream, StreamExt};
use globset::{Glob, GlobSet, GlobSetBuilder};
use pulp_shared::api::{Policy, ProgressReport};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Pulp's name of the sync task.
pub const TASK_NAME: &str = "pulp_container.app.tasks.synchronize.synchronize";

/// Parallel fetches when the remote sets no `download_concurrency`: enough to hide per-request latency to a
/// registry, few enough not to trip rate limits (Docker Hub) or flood a small upstream.
pub const DEFAULT_DOWNLOAD_CONCURRENCY: usize = 5;

/// Upper bound on a remote's `download_concurrency`: more parallel streams than this do not make one upstream
/// faster, they only multiply open files and sockets on both sides.
pub const MAX_DOWNLOAD_CONCURRENCY: usize = 32;

/// Shortest time between two writes of a progress report (each write is a database update).
const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Pulp's message when neither the body nor the repository names a remote.
pub const REMOTE_REQUIRED: &str =
    "This field is required since a remote is not set on the repository.";

/// Progress report codes and messages, as Pulp words them.
pub const CODE_TAG_LIST: &str = "sync.downloading.tag_list";
pub const CODE_MANIFESTS: &str = "sync.processing.manifest";
pub const CODE_ARTIFACTS: &str = "sync.downloading.artifacts";
pub const CODE_ASSOCIATING: &str = "associating.content";

/// Why a sync failed; the task's error names the remote before this.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An `include_tags` / `exclude_tags` entry is not a valid glob.
    #[error("{field} pattern {pattern:?} is invalid: {reason}")]
    InvalidPattern {
        field: &'static str,
        pattern: String,
        reason: String,
    },
    /// The upstream failed: unreachable, 401, 404 of the repository, wrong digest, interrupted download, …
    #[error(transparent)]
    Upstream(#[from] upstream::Error),
    /// A manifest claiming a supported type that cannot be parsed.
    #[error("manifest {reference} is invalid: {reason}")]
    InvalidManifest { reference: String, reason: String },
    /// Storing records or creating the version failed.
    #[error("could not store the synced content: {0}")]
    Content(#[from] crate::error::Error),
    /// The blob store could not be read.
    #[error("could not read the blob store: {0}")]
    Blobs(#[from] crate::blobs::Error),
}

/// Receives progress reports (in a task, [`crate::tasks::TaskContext::progress`]).
pub type Progress<'a> = &'a (dyn Fn(ProgressReport) + Send + Sync);

/// A validated sync request.
#[derive(Debug, Clone)]
pub struct SyncRequest {
    /// The repository that gets the new version.
    pub repository: RepositoryRecord,
    /// The remote to sync from (re-read when the task starts, so an edit made while it waited applies).
    pub remote: RemoteRecord,
    /// Whether the new version holds exactly the upstream's content (`true`) or adds it to the latest version's.
    pub mirror: bool,
}

impl SyncRequest {
    /// The task's locks: the repository exclusively (it gets a version), the remote shared (only read).
    pub fn resources(&self) -> Vec<Resource> {
        vec![
            Resource::exclusive(self.repository.href()),
            Resource::shared(self.remote.href()),
        ]
    }
}

/// Which upstream tags a sync takes: those matching any `include_tags` pattern (all when none is given) and no
/// `exclude_tags` pattern. Patterns are globs as in Pulp (`*`, `?`, `[…]`), matched against the whole tag,
/// case-sensitively.
#[derive(Debug, Clone)]
pub struct TagFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl TagFilter {
    /// Compiles the patterns. An empty or absent list filters nothing (Pulp's behaviour).
    ///
    /// # Errors
    /// [`Error::InvalidPattern`] for a pattern that is not a valid glob (e.g. an unclosed `[`).
    pub fn new(include: Option<&[String]>, exclude: Option<&[String]>) -> Result<TagFilter, Error> {
        let compile = |field: &'static str, patterns: Option<&[String]>| {
            let patterns = match patterns {
                Some(p) if !p.is_empty() => p,
                _ => return Ok(None),
            };
            let mut set = GlobSetBuilder::new();
            for pattern in patterns {
                let invalid = |e: globset::Error| Error::InvalidPattern {
                    field,
                    pattern: pattern.clone(),
                    reason: e.kind().to_string(),
                };
                set.add(Glob::new(pattern).map_err(invalid)?);
            }
            set.build().map(Some).map_err(|e| Error::InvalidPattern {
                field,
                pattern: patterns.join(", "),
                reason: e.to_string(),
            })
        };
        Ok(TagFilter {
            include: compile("include_tags", include)?,
            exclude: compile("exclude_tags", exclude)?,
        })
    }

    /// The filter of `remote`.
    ///
    /// # Errors
    /// See [`TagFilter::new`].
    pub fn of(remote: &RemoteRecord) -> Result<TagFilter, Error> {
        TagFilter::new(
            remote.include_tags.as_deref(),
            remote.exclude_tags.as_deref(),
        )
    }

    /// Whether `tag` is synced.
    pub fn matches(&self, tag: &str) -> bool {
        self.include.as_ref().is_none_or(|s| s.is_match(tag))
            && !self.exclude.as_ref().is_some_and(|s| s.is_match(tag))
    }
}

/// The parallelism for a remote's `download_concurrency`.
pub fn concurrency(download_concurrency: Option<u64>) -> usize {
    download_concurrency.map_or(DEFAULT_DOWNLOAD_CONCURRENCY, |n| {
        usize::try_from(n)
            .unwrap_or(MAX_DOWNLOAD_CONCURRENCY)
            .clamp(1, MAX_DOWNLOAD_CONCURRENCY)
    })
}

/// What a sync found upstream.
#[derive(Debug, Default)]
struct Fetched {
    /// Tag → manifest digest, for the synced tags.
    tags: BTreeMap<String, String>,
    /// Every manifest: those of the tags and the children of lists.
    manifests: BTreeSet<String>,
    /// Config and layer digests of every image manifest.
    blobs: BTreeSet<String>,
}

impl Fetched {
    /// Records `manifest`; returns the children it references that are not known yet (for a list).
    fn add(&mut self, manifest: &ManifestRecord) -> Vec<String> {
        self.manifests.insert(manifest.digest.clone());
        self.blobs.extend(manifest.blobs().cloned());
        manifest
            .children
            .iter()
            .filter(|c| !self.manifests.contains(&c.digest))
            .map(|c| c.digest.clone())
            .collect()
    }
}

/// What a sync did, for its log line and its last progress report.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Summary {
    pub tags: usize,
    pub manifests: usize,
    pub blobs: usize,
    /// Blobs downloaded by this sync (policy `immediate`).
    pub downloaded: usize,
    /// Blobs recorded as on demand (policies `on_demand`, `streamed`).
    pub on_demand: usize,
    /// The new version, when the content changed.
    pub version: Option<VersionRecord>,
}

/// The sync service.
#[derive(Clone)]
pub struct Syncer {
    repositories: Repositories,
    remotes: Remotes,
    blobs: Arc<dyn BlobStore>,
}

impl Syncer {
    pub fn new(repositories: Repositories, remotes: Remotes, blobs: Arc<dyn BlobStore>) -> Syncer {
        Syncer {
            repositories,
            remotes,
            blobs,
        }
    }

    /// Validates a sync request body `{"remote": href?, "mirror": bool?}` for repository `repository_id`. The
    /// remote defaults to the repository's `remote`.
    ///
    /// # Errors
    /// `NotFound` for an unknown repository or a push repository (pushes fill those, sync never does);
    /// `Invalid` with Pulp's messages for the body.
    pub async fn validate(
        &self,
        repository_id: &str,
        body: &Value,
    ) -> crate::error::Result<SyncRequest> {
        let repository = self
            .repositories
            .get_kind(repository_id, crate::content::RepositoryKind::Container)
            .await?;
        let mut b = Body::new(body, Mode::Partial)?;
        let remote = match b.nullable_string("remote") {
            Some(Some(h)) => match self.remotes.resolve_href(&h).await {
                Ok(remote) => Some(remote),
                Err(message) => {
                    b.error("remote", message);
                    None
                }
            },
            Some(None) => {
                b.error("remote", NOT_NULL);
                None
            }
            None if b.has_error("remote") => None,
            // A repository's remote that was deleted since counts as not set.
            None => match repository.remote.as_deref() {
                Some(h) => match self.remotes.resolve_href(h).await {
                    Ok(remote) => Some(remote),
                    Err(_) => {
                        b.error("remote", REMOTE_REQUIRED);
                        None
                    }
                },
                None => {
                    b.error("remote", REMOTE_REQUIRED);
                    None
                }
            },
        };
        let mirror = b.bool("mirror").unwrap_or(false);
        b.finish()?;
        Ok(SyncRequest {
            repository,
            remote: remote.expect("a body without errors names a remote"),
            mirror,
        })
    }

    /// The task body of `request`: re-reads the remote, syncs, and returns the new version's href (none when
    /// nothing changed). A failure reads "sync from <url> (<upstream name>) failed: <reason>".
    pub fn task(&self, request: SyncRequest) -> TaskBody {
        let syncer = self.clone();
        Box::new(move |ctx| {
            Box::pin(async move {
                let remote = syncer.remotes.get(&request.remote.id).await.map_err(|_| {
                    TaskFailure(format!(
                        "sync from remote {:?} failed: the remote was deleted before the sync started",
                        request.remote.name
                    ))
                })?;
                let report = move |r: ProgressReport| ctx.progress(r);
                let summary = syncer
                    .run(&request.repository.id, &remote, request.mirror, &report)
                    .await
                    .map_err(|e| {
                        TaskFailure(format!(
                            "sync from {} ({}) failed: {e}",
                            remote.url, remote.upstream_name
                        ))
                    })?;
                Ok(summary.version.iter().map(VersionRecord::href).collect())
            })
        })
    }

    /// Syncs `remote` into repository `repository_id`; see the module doc for what is fetched and kept.
    ///
    /// # Errors
    /// See [`Error`]. No version is created then.
    ///
    /// # Cancel safety
    /// Dropping the future leaves no new version: it is created synchronously as the last step. Manifests and
    /// blobs stored before the drop stay (content-addressed, in no version); a partial blob is discarded.
    #[tracing::instrument(skip_all, fields(repository = %repository_id, remote = %remote.name, mirror))]
    pub async fn run(
        &self,
        repository_id: &str,
        remote: &RemoteRecord,
        mirror: bool,
        progress: Progress<'_>,
    ) -> Result<Summary, Error> {
        let filter = TagFilter::of(remote)?;
        let upstream = Upstream::new(remote.upstream_config())?;
        let name = remote.upstream_name.as_str();
        let parallel = concurrency(remote.settings.download_concurrency);

        let mut stage = Stage::start(progress, CODE_TAG_LIST, "Downloading tag list", Some(1));
        let mut tags = upstream.list_tags(name).await?;
        stage.advance(1);
        stage.finish();
        let listed = tags.len();
        tags.retain(|t| filter.matches(t));
        tags.sort();
        tags.dedup();
        tracing::debug!(listed, kept = tags.len(), "upstream tags filtered");

        let fetched = self
            .fetch_manifests(&upstream, name, tags, parallel, progress)
            .await?;
        let (downloaded, on_demand) = self
            .fetch_blobs(&upstream, remote, &fetched.blobs, parallel, progress)
            .await?;

        let mut summary = Summary {
            tags: fetched.tags.len(),
            manifests: fetched.manifests.len(),
            blobs: fetched.blobs.len(),
            downloaded,
            on_demand,
            version: None,
        };
        let content = if mirror {
            VersionContent {
                tags: fetched.tags,
                manifests: fetched.manifests,
                blobs: fetched.blobs,
            }
        } else {
            let mut content = (*self.repositories.latest_content(repository_id).await?).clone();
            content.tags.extend(fetched.tags);
            content.manifests.extend(fetched.manifests);
            content.blobs.extend(fetched.blobs);
            content
        };
        // Deliberately synchronous (no await from here to the end): the version either exists when the future
        // completes or was never started, whatever cancellation does.
        summary.version = self
            .repositories
            .add_version(repository_id, content)
            .await?;
        let added: u64 = summary
            .version
            .as_ref()
            .map_or(0, |v| v.added.values().sum());
        let mut stage = Stage::start(progress, CODE_ASSOCIATING, "Associating Content", None);
        stage.advance(added);
        stage.finish();
        tracing::info!(
            tags = summary.tags,
            manifests = summary.manifests,
            blobs = summary.blobs,
            downloaded = summary.downloaded,
            on_demand = summary.on_demand,
            version = summary.version.as_ref().map(|v| v.number),
            "sync finished"
        );
        Ok(summary)
    }

    /// Fetches the manifest of every tag, then (round by round) the children of lists not yet known, and stores
    /// them. A child already stored locally is not fetched again (content addressing: same digest, same bytes).
    async fn fetch_manifests(
        &self,
        upstream: &Upstream,
        name: &str,
        tags: Vec<String>,
        parallel: usize,
        progress: Progress<'_>,
    ) -> Result<Fetched, Error> {
        let mut stage = Stage::start(
            progress,
            CODE_MANIFESTS,
            "Processing Manifests",
            Some(tags.len() as u64),
        );
        let mut fetched = Fetched::default();
        let mut children = BTreeSet::new();
        let mut results = stream::iter(tags)
            .map(|tag| async move {
                let manifest = upstream.get_manifest(name, &tag, MANIFEST_ACCEPT).await;
                (tag, manifest)
            })
            .buffer_unordered(parallel);
        while let Some((tag, manifest)) = results.next().await {
            stage.advance(1);
            let manifest = match manifest {
                Ok(m) => m,
                // Deleted between the tag listing and now: a race with the upstream, not an error.
                Err(upstream::Error::NotFound { .. }) => {
                    tracing::warn!(tag, "tag listed upstream has no manifest any more; skipped");
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            if let Some(record) = self
                .store_manifest(&format!("{name}:{tag}"), &manifest)
                .await?
            {
                fetched.tags.insert(tag, record.digest.clone());
                children.extend(fetched.add(&record));
            }
        }
        drop(results);

        // Lists of lists are allowed by the OCI spec, hence rounds until no new child appears.
        while !children.is_empty() {
            let round: Vec<String> = std::mem::take(&mut children)
                .into_iter()
                .filter(|d| !fetched.manifests.contains(d))
                .collect();
            stage.add_total(round.len() as u64);
            let mut results = stream::iter(round)
                .map(|digest| async move {
                    if let Some(record) = self.repositories.content.manifest_record(&digest).await?
                    {
                        return Ok(Some(record));
                    }
                    let manifest = upstream
                        .get_manifest(name, &digest, MANIFEST_ACCEPT)
                        .await?;
                    self.store_manifest(&format!("{name}@{digest}"), &manifest)
                        .await
                })
                .buffer_unordered(parallel);
            while let Some(record) = results.next().await {
                stage.advance(1);
                if let Some(record) = record? {
                    children.extend(fetched.add(&record));
                }
            }
        }
        stage.finish();
        Ok(fetched)
    }

    /// Parses and stores a fetched manifest. `None` (logged) for a type pulpd does not store, such as schema 1.
    async fn store_manifest(
        &self,
        reference: &str,
        manifest: &upstream::Manifest,
    ) -> Result<Option<ManifestRecord>, Error> {
        let record =
            match ManifestRecord::parse(&manifest.digest, &manifest.bytes, &manifest.media_type) {
                Ok(record) => record,
                Err(_) if !SUPPORTED_MANIFESTS.contains(&manifest.media_type.as_str()) => {
                    tracing::warn!(
                        reference,
                        media_type = %manifest.media_type,
                        "manifest of an unsupported type skipped"
                    );
                    return Ok(None);
                }
                Err(e) => {
                    return Err(Error::InvalidManifest {
                        reference: reference.to_string(),
                        reason: field_messages(e),
                    })
                }
            };
        self.repositories
            .content
            .put_manifest(&record, &manifest.bytes)
            .await?;
        Ok(Some(record))
    }

    /// Makes every blob of `digests` available by the remote's policy: `immediate` downloads what the blob
    /// store lacks, `parallel` at a time; `on_demand` / `streamed` record where to fetch it on first pull.
    /// Returns `(downloaded, recorded on demand)`.
    async fn fetch_blobs(
        &self,
        upstream: &Upstream,
        remote: &RemoteRecord,
        digests: &BTreeSet<String>,
        parallel: usize,
        progress: Progress<'_>,
    ) -> Result<(usize, usize), Error> {
        let source = OnDemand {
            remote_id: remote.id.clone(),
            upstream_name: remote.upstream_name.clone(),
        };
        let mut missing = Vec::new();
        for d in digests {
            let digest = Digest::parse(d)?;
            // From the look at the file to the record saying it is stored, no cleanup or reclaim deletes it.
            let _writing = self.repositories.content.writing().await;
            match self.blobs.contains(&digest).await? {
                Some(size) => self.record_stored(&digest, size, &source).await?,
                None => missing.push(digest),
            }
        }
        let immediate = remote.policy == Policy::Immediate;
        let total = if immediate { missing.len() as u64 } else { 0 };
        let mut stage = Stage::start(
            progress,
            CODE_ARTIFACTS,
            "Downloading Artifacts",
            Some(total),
        );
        if !immediate {
            for digest in &missing {
                self.record_on_demand(digest, &source).await?;
            }
            stage.finish();
            return Ok((0, missing.len()));
        }
        let name = remote.upstream_name.as_str();
        let mut downloads = stream::iter(missing)
            .map(|digest| async move {
                let size = upstream
                    .fetch_blob_into(name, &digest, self.blobs.as_ref())
                    .await?;
                Ok::<_, Error>((digest, size))
            })
            .buffer_unordered(parallel);
        let mut downloaded = 0;
        // The first failure ends the sync; dropping the stream abandons the other downloads, whose partial files
        // the blob store discards.
        while let Some(result) = downloads.next().await {
            let (digest, size) = result?;
            self.record_stored(&digest, size, &source).await?;
            downloaded += 1;
            stage.advance(1);
        }
        stage.finish();
        Ok((downloaded, 0))
    }

    /// Makes the record of a stored blob say so (no on-demand source, its size, `origin` where it can be
    /// fetched again).
    async fn record_stored(
        &self,
        digest: &Digest,
        size: u64,
        origin: &OnDemand,
    ) -> Result<(), Error> {
        let content = &self.repositories.content;
        let existing = content.blob(digest.as_str()).await?;
        if existing
            .as_ref()
            .is_some_and(|b| b.on_demand.is_none() && b.size == Some(size) && b.origin.is_some())
        {
            return Ok(());
        }
        content
            .put_blob(&BlobRecord {
                digest: digest.to_string(),
                size: Some(size),
                media_type: existing.and_then(|b| b.media_type),
                on_demand: None,
                origin: Some(origin.clone()),
                created_ms: None,
            })
            .await?;
        Ok(())
    }

    /// Records that a blob not in the blob store can be fetched from `source`.
    async fn record_on_demand(&self, digest: &Digest, source: &OnDemand) -> Result<(), Error> {
        let content = &self.repositories.content;
        let existing = content.blob(digest.as_str()).await?;
        if existing
            .as_ref()
            .is_some_and(|b| b.on_demand.as_ref() == Some(source))
        {
            return Ok(());
        }
        let (size, media_type) = existing.map_or((None, None), |b| (b.size, b.media_type));
        content
            .put_blob(&BlobRecord {
                digest: digest.to_string(),
                size,
                media_type,
                on_demand: Some(source.clone()),
                origin: None,
                created_ms: None,
            })
            .await?;
        Ok(())
    }
}

/// The messages of a validation error, joined (`ManifestRecord::parse` reports on field `manifest`).
fn field_messages(e: crate::error::Error) -> String {
    match e {
        crate::error::Error::Invalid(fields) => fields
            .into_values()
            .flatten()
            .collect::<Vec<_>>()
            .join("; "),
        e => e.to_string(),
    }
}

/// One progress report being updated: written when started, at most every [`PROGRESS_INTERVAL`] while it
/// advances, and when finished.
struct Stage<'a> {
    progress: Progress<'a>,
    report: ProgressReport,
    written: Instant,
}

impl<'a> Stage<'a> {
    fn start(progress: Progress<'a>, code: &str, message: &str, total: Option<u64>) -> Stage<'a> {
        let report = ProgressReport {
            message: message.to_string(),
            code: code.to_string(),
            state: "running".into(),
            total,
            done: 0,
            suffix: None,
        };
        progress(report.clone());
        Stage {
            progress,
            report,
            written: Instant::now(),
        }
    }

    fn add_total(&mut self, n: u64) {
        self.report.total = Some(self.report.total.unwrap_or(0) + n);
    }

    fn advance(&mut self, n: u64) {
        self.report.done += n;
        if self.written.elapsed() >= PROGRESS_INTERVAL {
            (self.progress)(self.report.clone());
            self.written = Instant::now();
        }
    }

    fn finish(mut self) {
        self.report.state = "completed".into();
        (self.progress)(self.report);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> TagFilter {
        let list = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (i, e) = (list(include), list(exclude));
        TagFilter::new(Some(&i), Some(&e)).unwrap()
    }

    fn kept(f: &TagFilter) -> Vec<&'static str> {
        ["latest", "v1", "v2", "v10", "v1.2-rc", "V3", "stable-arm64"]
            .into_iter()
            .filter(|t| f.matches(t))
            .collect()
    }

    #[test]
    fn no_patterns_keep_every_tag() {
        let all = TagFilter::new(None, None).unwrap();
        assert_eq!(kept(&all).len(), 7);
        // An empty list is no filter, as in Pulp (an empty include list does not exclude everything).
        assert_eq!(kept(&filter(&[], &[])).len(), 7);
    }

    #[test]
    fn include_keeps_only_matching_tags() {
        assert_eq!(kept(&filter(&["v*"], &[])), ["v1", "v2", "v10", "v1.2-rc"]);
        assert_eq!(kept(&filter(&["v?"], &[])), ["v1", "v2"]);
        assert_eq!(
            kept(&filter(&["latest", "*arm64"], &[])),
            ["latest", "stable-arm64"]
        );
        assert_eq!(kept(&filter(&["v[12]"], &[])), ["v1", "v2"]);
        // Whole-tag, case-sensitive matches.
        assert_eq!(kept(&filter(&["v"], &[])), Vec::<&str>::new());
        assert_eq!(kept(&filter(&["v3"], &[])), Vec::<&str>::new());
    }

    #[test]
    fn exclude_wins_over_include() {
        assert_eq!(
            kept(&filter(&[], &["v*"])),
            ["latest", "V3", "stable-arm64"]
        );
        assert_eq!(kept(&filter(&["v*"], &["v1*"])), ["v2"]);
        assert_eq!(kept(&filter(&["latest"], &["latest"])), Vec::<&str>::new());
    }

    #[test]
    fn invalid_patterns_name_the_field() {
        let bad = vec!["v[1".to_string()];
        let err = TagFilter::new(None, Some(&bad)).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidPattern { field: "exclude_tags", pattern, .. } if pattern == "v[1"),
            "{err}"
        );
    }

    #[test]
    fn concurrency_defaults_and_bounds() {
        assert_eq!(concurrency(None), DEFAULT_DOWNLOAD_CONCURRENCY);
        assert_eq!(concurrency(Some(0)), 1);
        assert_eq!(concurrency(Some(3)), 3);
        assert_eq!(concurrency(Some(10_000)), MAX_DOWNLOAD_CONCURRENCY);
    }

    fn services() -> (tempfile::TempDir, Syncer) {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("metadata")).unwrap();
        let remotes = Remotes::open(&store).unwrap();
        let repositories = Repositories::open(&store, remotes.clone()).unwrap();
        let blobs: Arc<dyn BlobStore> =
            Arc::new(crate::blobs::FsBlobStore::open(dir.path().join("blobs")).unwrap());
        (dir, Syncer::new(repositories, remotes, blobs))
    }

    fn messages(e: crate::error::Error) -> pulp_shared::error::FieldErrors {
        match e {
            crate::error::Error::Invalid(f) => f,
            e => panic!("expected a validation error, got {e}"),
        }
    }

    #[tokio::test]
    async fn validation_uses_the_body_remote_or_the_repository_remote() {
        let (_dir, s) = services();
        let remote = s
            .remotes
            .create(&crate::body::decode(&serde_json::json!({"name": "r", "url": "http://127.0.0.1:1", "upstream_name": "x"})).unwrap())
            .await.unwrap();
        let repo = s
            .repositories
            .create(&crate::body::decode(&serde_json::json!({"name": "plain"})).unwrap())
            .await
            .unwrap();

        let e = messages(
            s.validate(&repo.id, &serde_json::json!({}))
                .await
                .unwrap_err(),
        );
        assert_eq!(e["remote"], [REMOTE_REQUIRED]);
        let e = messages(
            s.validate(&repo.id, &serde_json::json!({"remote": null}))
                .await
                .unwrap_err(),
        );
        assert_eq!(e["remote"], [NOT_NULL]);
        let gone = crate::remotes::RemoteRecord {
            id: "01a20747-0000-7000-8000-000000000000".into(),
            ..remote.clone()
        };
        let e = messages(
            s.validate(
                &repo.id,
                &serde_json::json!({"remote": gone.href(), "mirror": "x"}),
            )
            .await
            .unwrap_err(),
        );
        assert_eq!(e["remote"], ["Invalid hyperlink - Object does not exist."]);
        assert_eq!(e["mirror"], ["Must be a valid boolean."]);

        let ok = s
            .validate(
                &repo.id,
                &serde_json::json!({"remote": remote.href(), "mirror": true}),
            )
            .await
            .unwrap();
        assert_eq!(
            (ok.remote.id.as_str(), ok.mirror),
            (remote.id.as_str(), true)
        );
        assert_eq!(
            ok.resources(),
            [
                Resource::exclusive(repo.href()),
                Resource::shared(remote.href())
            ]
        );

        let with_remote = s
            .repositories
            .create(
                &crate::body::decode(&serde_json::json!({"name": "with", "remote": remote.href()}))
                    .unwrap(),
            )
            .await
            .unwrap();
        let ok = s
            .validate(&with_remote.id, &serde_json::json!({}))
            .await
            .unwrap();
        assert_eq!(
            (ok.remote.id.as_str(), ok.mirror),
            (remote.id.as_str(), false)
        );

        assert!(matches!(
            s.validate(
                "01a20747-0000-7000-8000-000000000000",
                &serde_json::json!({})
            )
            .await,
            Err(crate::error::Error::NotFound { .. })
        ));
    }
}
