//! The pull logic of the cache: manifests by tag or digest, blobs, and what gets recorded.
//!
//! Manifest by **digest**: served from the cache when recorded (digests are immutable, never revalidated);
//! otherwise fetched (verified against the digest) and recorded.
//!
//! Manifest by **tag**: the cached digest is served as is while it was checked less than [`Config::ttl`] ago.
//! After that, one `HEAD` upstream (not a `GET`: registries count `GET`s against pull quotas) tells whether it
//! moved; only then is the new manifest fetched, by digest, and recorded as a new version. When the upstream is
//! unreachable, times out, or answers 5xx, 429 or 401, the cached digest is served (stale-if-error) with a
//! warning, and the check counts as done for another TTL so a dead upstream is not asked on every pull. A tag
//! not cached yet is fetched with a `GET`.
//!
//! An upstream 404 is remembered for [`Config::negative_ttl`]; concurrent requests for one reference share one
//! upstream request ([`Flights`]).
//!
//! Recording a manifest (under one lock, so versions are built one at a time): the manifest and its bytes, its
//! blobs as on-demand records naming the pull-through remote, and on first use a repository named after the
//! upstream path (or `<base_path>/<path>` when that name is taken) with `retain_repo_versions` = 1 and a container
//! distribution at `<base_path>/<path>`; then a new version holding the latest one's content plus this manifest
//! (and the tag, moved if it existed). The freshness and negative caches are in memory: after a restart every
//! tag is revalidated once. Once recorded, the blobs the manifest references (for an index: those of its
//! children already recorded) are prefetched in the background ([`super::prefetch`]), unless
//! `--pull-through-prefetch` is off.

use super::inflight::{Blobs, Flights};
use super::prefetch::Prefetch;
use super::remotes::{PullThroughRemoteRecord, PullThroughRemotes};
use super::{Config, Error, Result, Target};
use crate::blobs::{BlobRead, BlobStore, ByteRange, Digest};
use crate::content::{BlobRecord, ManifestRecord, OnDemand, Repositories, VersionContent};
use crate::distributions::{DistributionKind, DistributionRecord, Distributions};
use crate::listing;
use crate::metrics::Kind;
use crate::upstream::{self, Manifest, Upstream, MANIFEST_ACCEPT};
use pulp_shared::api::Labels;
use pulp_shared::href;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use tokio::time::Instant;

/// `(pull-through remote id, upstream path, tag or digest)`.
type RefKey = (String, String, String);

/// The pull-through cache service. Cheap to clone (shared state behind `Arc`s).
#[derive(Clone)]
pub struct PullThrough {
    remotes: PullThroughRemotes,
    distributions: Distributions,
    repositories: Repositories,
    /// Single-flight blob downloads.
    blobs: Blobs,
    /// Single-flight manifest fetches and tag revalidations, by reference; the result is the digest to serve.
    manifests: Flights<RefKey, Result<String>>,
    config: Config,
    /// Freshness and negative caches, upstream clients.
    state: Arc<Mutex<State>>,
    /// Serialises recording (repository and distribution creation, new versions), which reads the latest
    /// version and writes the next one.
    recording: Arc<tokio::sync::Mutex<()>>,
    /// The free-space reserve: below it an uncached manifest is not recorded (507); `None` = no check.
    space: Option<crate::space::Space>,
    /// Tag checks shared with the other replicas of a shared store (`leases.rs`); `None` alone.
    checks: Option<super::leases::TagChecks>,
    /// Upstream 404s shared with the other replicas of a shared store; `None` alone.
    misses: Option<super::leases::Misses>,
    /// Background fetches of the blobs of recorded manifests.
    prefetch: Prefetch,
    /// Last-pulled stamps and eviction (`cache_max_size`, `cache_max_age`); `None` = neither (unit tests).
    retention: Option<super::retention::Retention>,
}

/// In-memory state. A std mutex: never held across an `.await`.
#[derive(Default)]
struct State {
    /// Tag → the digest it had and when that was last checked upstream.
    fresh: HashMap<RefKey, (String, Instant)>,
    /// References the upstream answered 404 for, and when.
    missing: HashMap<RefKey, Instant>,
    /// One client per remote (its connection pool and token cache), with the remote's `updated` time it was
    /// built from: an edited remote gets a new client.
    clients: HashMap<String, (String, Arc<Upstream>)>,
}

impl PullThrough {
    pub fn new(
        remotes: PullThroughRemotes,
        distributions: Distributions,
        repositories: Repositories,
        store: Arc<dyn BlobStore>,
        config: Config,
    ) -> PullThrough {
        let blobs = Blobs::new(store, repositories.content.clone());
        PullThrough {
            remotes,
            distributions,
            repositories,
            blobs,
            manifests: Flights::counting(crate::metrics::Kind::Manifest),
            config,
            state: Arc::default(),
            recording: Arc::default(),
            space: None,
            checks: None,
            misses: None,
            prefetch: Prefetch::new(config.prefetch),
            retention: None,
        }
    }

    /// Records when images are pulled and applies the remotes' retention settings, freeing what it evicts
    /// through `orphans` ([`super::retention`]).
    pub fn with_retention(
        mut self,
        store: &crate::store::Store,
        orphans: crate::orphans::Orphans,
    ) -> crate::store::Result<PullThrough> {
        self.retention = Some(super::retention::Retention::new(
            self.remotes.clone(),
            self.distributions.clone(),
            self.repositories.clone(),
            orphans,
            super::retention::Usage::open(store)?,
            self.recording.clone(),
        ));
        Ok(self)
    }

    /// The retention service, when set.
    pub fn retention(&self) -> Option<&super::retention::Retention> {
        self.retention.as_ref()
    }

    /// Applies `remote`'s retention in the background, now (its limits were just set: a lowered cap takes effect
    /// at once rather than at the next pull or periodic run).
    pub fn apply_retention(&self, remote: PullThroughRemoteRecord) {
        let Some(retention) = self.retention.clone().filter(|_| remote.has_retention()) else {
            return;
        };
        tokio::spawn(async move {
            if let Err(e) = retention.run(&remote).await {
                tracing::warn!(remote = %remote.name, error = %format!("{e:#}"), "pull-through cache retention failed");
            }
        });
    }

    /// Applies retention to every remote every `every` (and writes the usage stamps) until `stop`; a last
    /// write of the stamps when stopped.
    pub async fn retention_every(
        self,
        every: std::time::Duration,
        stop: tokio_util::sync::CancellationToken,
    ) {
        let Some(retention) = self.retention else {
            return;
        };
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        ticks.tick().await;
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = ticks.tick() => {
                    if let Err(e) = retention.run_all().await {
                        tracing::warn!(error = %format!("{e:#}"), "pull-through cache retention failed");
                    }
                }
            }
        }
        if let Err(e) = retention.usage.flush().await {
            tracing::warn!(error = %e, "could not write the pull-through usage times");
        }
    }

    /// Shutdown: ends the prefetches and drops the blob downloads still in flight (their partial blobs are
    /// discarded); returns once they are gone. Call after the server stopped serving requests.
    pub async fn shutdown(&self) {
        self.prefetch.stop().await;
        self.blobs.stop().await;
    }

    /// Waits until the prefetches started so far have ended.
    #[cfg(test)]
    pub(super) async fn prefetch_idle(&self) {
        self.prefetch.idle().await;
    }

    /// Shares blob downloads, tag checks and upstream misses with the other replicas of a shared store (one
    /// upstream fetch per blob, one revalidation per tag and TTL, one 404 per reference and negative TTL);
    /// with `peers`, a replica streams a blob from the one downloading it.
    pub fn with_leases(
        mut self,
        leases: super::leases::Leases,
        peers: Option<super::peers::Peers>,
        checks: super::leases::TagChecks,
        misses: super::leases::Misses,
    ) -> PullThrough {
        self.blobs = self.blobs.with_leases(leases, peers);
        self.checks = Some(checks);
        self.misses = Some(misses);
        self
    }

    /// Makes recording a new manifest respect the free-space reserve of `space` (uncached blobs already do,
    /// through the blob store).
    pub fn with_space(mut self, space: crate::space::Space) -> PullThrough {
        self.space = Some(space);
        self
    }

    /// The digest of manifest `reference` (tag or digest) of `target`, fetched and recorded when the cache
    /// cannot answer. `local` is what the distribution created for `target` serves now (empty before the first
    /// pull).
    ///
    /// # Errors
    /// [`Error::NameUnknown`] for names the remote does not allow (no upstream request);
    /// [`Error::ManifestUnknown`] for an upstream 404 (remembered for the negative TTL); [`Error::Upstream`]
    /// when the upstream fails and nothing cached can answer.
    #[tracing::instrument(level = "debug", skip_all, fields(name = %target.upstream_path, reference = %reference))]
    pub async fn manifest(
        &self,
        target: &Target,
        local: &VersionContent,
        reference: &str,
    ) -> Result<String> {
        let digest = self.resolve_manifest(target, local, reference).await?;
        if let Some(r) = &self.retention {
            r.usage.touch(&target.child_base_path(), &digest);
        }
        Ok(digest)
    }

    async fn resolve_manifest(
        &self,
        target: &Target,
        local: &VersionContent,
        reference: &str,
    ) -> Result<String> {
        let remote = self.allowed_remote(target).await?;
        let key: RefKey = (
            remote.id.clone(),
            target.upstream_path.clone(),
            reference.to_string(),
        );
        let cached = if reference.contains(':') {
            Digest::parse(reference).map_err(|e| Error::DigestInvalid(e.to_string()))?;
            if local.manifests.contains(reference) {
                crate::metrics::pull_through_hit(Kind::Manifest);
                return Ok(reference.to_string());
            }
            None
        } else {
            let cached = local.tags.get(reference).cloned();
            if let Some(digest) = &cached {
                if self.is_fresh(&key, digest) {
                    crate::metrics::pull_through_hit(Kind::Manifest);
                    return Ok(digest.clone());
                }
            }
            cached
        };
        if self.is_missing(&key).await {
            crate::metrics::pull_through_negative_hit();
            return Err(not_upstream(reference));
        }
        let this = self.clone();
        let (target, flight_key) = (target.clone(), key.clone());
        self.manifests
            .run(
                flight_key,
                move || async move { this.refresh(&target, &remote, &key.2, cached).await },
                Err(Error::internal("the manifest fetch was abandoned")),
            )
            .await
    }

    /// Blob `digest` of `target`, ranged: from the store, or streamed while it downloads (one download for all
    /// concurrent readers).
    ///
    /// # Errors
    /// [`Error::NameUnknown`] for names the remote does not allow; [`Error::BlobUnknown`] for an upstream 404;
    /// [`Error::Upstream`] when the upstream fails before the first byte.
    #[tracing::instrument(level = "debug", skip_all, fields(name = %target.upstream_path, %digest))]
    pub async fn blob(
        &self,
        target: &Target,
        digest: &Digest,
        range: Option<ByteRange>,
    ) -> Result<BlobRead> {
        let remote = self.allowed_remote(target).await?;
        let upstream = self.client(&remote)?;
        let (path, d) = (target.upstream_path.clone(), digest.clone());
        self.blobs
            .open(digest, range, move || async move {
                upstream.get_blob_for_writer(&path, &d).await
            })
            .await
    }

    /// Blob `digest` (or `range` of it) from its download in flight in this process, for a replica that
    /// streams it from here (`peers.rs`); never starts a download: `None` when none is in flight.
    ///
    /// # Errors
    /// As [`PullThrough::blob`], for the download in flight.
    pub async fn in_flight(
        &self,
        digest: &Digest,
        range: Option<ByteRange>,
    ) -> Result<Option<BlobRead>> {
        self.blobs.in_flight(digest, range).await
    }

    /// Fetches blob `digest` of `upstream_path` through pull-through remote `remote_id` into the store (for an
    /// on-demand record naming a pull-through remote, reached through another distribution).
    ///
    /// # Errors
    /// [`Error::Upstream`] when the remote is gone or the download fails.
    pub async fn fetch_blob(
        &self,
        remote_id: &str,
        upstream_path: &str,
        digest: &Digest,
    ) -> Result<u64> {
        let remote = match self.remotes.get(remote_id).await {
            Ok(r) => r,
            Err(crate::error::Error::NotFound { .. }) => {
                return Err(Error::upstream(
                    "the remote this blob was pulled through was deleted",
                ))
            }
            Err(e) => return Err(e.into()),
        };
        let upstream = self.client(&remote)?;
        let (path, d) = (upstream_path.to_string(), digest.clone());
        self.blobs
            .complete(digest, move || async move {
                upstream.get_blob_for_writer(&path, &d).await
            })
            .await
    }

    /// The remote of `target` if it allows the target's upstream path.
    async fn allowed_remote(&self, target: &Target) -> Result<PullThroughRemoteRecord> {
        if crate::distributions::check_base_path(&target.upstream_path).is_err() {
            return Err(Error::NameUnknown);
        }
        let href = target.distribution.remote.as_deref().unwrap_or_default();
        let remote = match href::parse_id(super::remotes::HREF, href) {
            Ok(id) => match self.remotes.get(id).await {
                Ok(r) => r,
                Err(crate::error::Error::NotFound { .. }) => {
                    return Err(Error::upstream(format!(
                        "the pull-through distribution {:?} has no remote",
                        target.distribution.name
                    )))
                }
                Err(e) => return Err(e.into()),
            },
            Err(_) => {
                return Err(Error::upstream(format!(
                    "the pull-through distribution {:?} has no remote",
                    target.distribution.name
                )))
            }
        };
        if remote.allows(&target.upstream_path) {
            Ok(remote)
        } else {
            tracing::debug!(name = %target.upstream_path, remote = %remote.name, "name excluded by the pull-through remote");
            Err(Error::NameUnknown)
        }
    }

    /// The body of a manifest flight: revalidates a cached tag (`cached`), or fetches an uncached reference.
    async fn refresh(
        &self,
        target: &Target,
        remote: &PullThroughRemoteRecord,
        reference: &str,
        cached: Option<String>,
    ) -> Result<String> {
        let upstream = self.client(remote)?;
        let path = target.upstream_path.as_str();
        let key: RefKey = (remote.id.clone(), path.to_string(), reference.to_string());
        // A flight for this tag that ended between the caller's look at the cache and its start of this flight
        // has just answered: serve that (seen as a second upstream GET when four pulls began at once), when the
        // cache still holds it (its repository may have been deleted since).
        if let Some(digest) = self.fresh_digest(&key) {
            if self.recorded_tag(target, reference).await?.as_deref() == Some(digest.as_str()) {
                crate::metrics::pull_through_hit(Kind::Manifest);
                return Ok(digest);
            }
        }
        let Some(cached) = cached else {
            crate::metrics::pull_through_miss(Kind::Manifest);
            let manifest = match upstream
                .get_manifest(path, reference, MANIFEST_ACCEPT)
                .await
            {
                Ok(m) => m,
                Err(upstream::Error::NotFound { .. }) => {
                    self.remember_missing(key).await;
                    return Err(not_upstream(reference));
                }
                Err(e) => return Err(Error::upstream(e)),
            };
            if let Some(misses) = &self.misses {
                if let Err(e) = misses.clear((&key.0, &key.1, &key.2)).await {
                    tracing::warn!(error = %e, "could not clear a shared upstream miss");
                }
            }
            let tag = (!reference.contains(':')).then_some(reference);
            let digest = self.record(target, remote, &manifest, tag).await?;
            if tag.is_some() {
                self.share_check(&key, &digest).await;
                self.mark_fresh(key, &digest);
            }
            return Ok(digest);
        };
        if let Some(checks) = &self.checks {
            let claim = checks
                .claim((&key.0, &key.1, &key.2), &cached, self.config.ttl)
                .await;
            match claim {
                Ok(super::leases::Check::CheckedBy(digest)) if digest == cached => {
                    tracing::debug!(
                        name = path,
                        tag = reference,
                        "another replica revalidated the tag"
                    );
                    self.mark_fresh(key, &cached);
                    crate::metrics::pull_through_hit(Kind::Manifest);
                    return Ok(cached);
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "could not read the shared tag checks; asking upstream")
                }
            }
        }
        let moved_to = match upstream
            .head_manifest(path, reference, MANIFEST_ACCEPT)
            .await
        {
            Ok(Some(head)) if head.digest.as_str() == cached => None,
            Ok(Some(head)) => Some(head.digest),
            Ok(None) => {
                self.forget_fresh(&key);
                self.remember_missing(key).await;
                return Err(not_upstream(reference));
            }
            Err(e) if serve_stale_on(&e) => return Ok(self.stale(key, cached, &e)),
            Err(e) => return Err(Error::upstream(e)),
        };
        let Some(digest) = moved_to else {
            tracing::debug!(
                name = path,
                tag = reference,
                "pull-through tag still current"
            );
            self.mark_fresh(key, &cached);
            crate::metrics::pull_through_hit(Kind::Manifest);
            return Ok(cached);
        };
        let manifest = match upstream
            .get_manifest(path, digest.as_str(), MANIFEST_ACCEPT)
            .await
        {
            Ok(m) => {
                crate::metrics::pull_through_miss(Kind::Manifest);
                m
            }
            Err(e) if serve_stale_on(&e) => return Ok(self.stale(key, cached, &e)),
            Err(e) => return Err(Error::upstream(e)),
        };
        tracing::info!(name = path, tag = reference, from = %cached, to = %digest, "pull-through tag moved upstream");
        let digest = self
            .record(target, remote, &manifest, Some(reference))
            .await?;
        self.share_check(&key, &digest).await;
        self.mark_fresh(key, &digest);
        Ok(digest)
    }

    /// Tells the other replicas (shared store) that tag `key` was just found at `digest`.
    async fn share_check(&self, key: &RefKey, digest: &str) {
        if let Some(checks) = &self.checks {
            if let Err(e) = checks.checked((&key.0, &key.1, &key.2), digest).await {
                tracing::warn!(error = %e, "could not share a tag check");
            }
        }
    }

    /// Serves `cached` after the upstream failed with `e`, and counts that as a check (see the module doc).
    fn stale(&self, key: RefKey, cached: String, e: &upstream::Error) -> String {
        tracing::warn!(name = %key.1, tag = %key.2, digest = %cached, error = %e, "upstream failed; serving the cached manifest");
        crate::metrics::pull_through_stale();
        self.mark_fresh(key, &cached);
        cached
    }

    /// Records `manifest` (and `tag` → it) under `target`; returns its digest.
    async fn record(
        &self,
        target: &Target,
        remote: &PullThroughRemoteRecord,
        manifest: &Manifest,
        tag: Option<&str>,
    ) -> Result<String> {
        if let Some(space) = &self.space {
            space.ensure(manifest.bytes.len() as u64)?;
        }
        let digest = manifest.digest.to_string();
        let record = ManifestRecord::parse(&manifest.digest, &manifest.bytes, &manifest.media_type)
            .map_err(|e| {
                Error::upstream(format!(
                    "the upstream manifest {}@{digest} cannot be served: {}",
                    target.upstream_path,
                    field_messages(e)
                ))
            })?;
        let content = &self.repositories.content;
        content.put_manifest(&record, &manifest.bytes).await?;
        let source = OnDemand {
            remote_id: remote.id.clone(),
            upstream_name: target.upstream_path.clone(),
        };
        let descriptors = descriptors(&manifest.bytes);
        for blob in record.blobs() {
            let existing = content.blob(blob).await?;
            if existing.as_ref().is_some_and(|b| b.on_demand.is_none()) {
                continue;
            }
            let described = descriptors.get(blob.as_str());
            content
                .put_blob(&BlobRecord {
                    digest: blob.clone(),
                    size: described
                        .and_then(|d| d.0)
                        .or(existing.as_ref().and_then(|b| b.size)),
                    media_type: described
                        .and_then(|d| d.1.clone())
                        .or(existing.and_then(|b| b.media_type)),
                    on_demand: Some(source.clone()),
                    origin: None,
                    created_ms: None,
                })
                .await?;
        }
        let _recording = self.recording.lock().await;
        let repo_id = self.child_repository(target).await?;
        let latest = self.repositories.latest_content(&repo_id).await?;
        let mut next = (*latest).clone();
        if let Some(tag) = tag {
            next.tags.insert(tag.to_string(), digest.clone());
        }
        next.manifests.insert(digest.clone());
        next.blobs.extend(record.blobs().cloned());
        if let Some(version) = self.repositories.add_version(&repo_id, next).await? {
            tracing::info!(
                repository = %repo_id,
                version = version.number,
                name = %target.child_base_path(),
                tag = tag.unwrap_or(""),
                %digest,
                "pull-through cache recorded a new version"
            );
        }
        drop(_recording);
        if let Some(retention) = self.retention.as_ref().filter(|_| remote.has_retention()) {
            // The image being pulled is the most recently used: eviction makes room for it, never takes it.
            retention.usage.touch(&target.child_base_path(), &digest);
            if let Err(e) = retention.run(remote).await {
                tracing::warn!(remote = %remote.name, error = %format!("{e:#}"), "pull-through cache retention failed");
            }
        }
        self.start_prefetch(target, remote, &record).await;
        Ok(digest)
    }

    /// Starts fetching, in the background, the blobs `record` references (an index: the blobs of its children
    /// already recorded). Those already stored cost a look at the store; failures are logged, never returned.
    async fn start_prefetch(
        &self,
        target: &Target,
        remote: &PullThroughRemoteRecord,
        record: &ManifestRecord,
    ) {
        if !self.config.prefetch {
            return;
        }
        let mut wanted: Vec<String> = record.blobs().cloned().collect();
        for child in &record.children {
            match self.repositories.content.manifest(&child.digest).await {
                Ok(Some((child, _))) => wanted.extend(child.blobs().cloned()),
                Ok(None) => {} // never pulled: not fetched
                Err(e) => {
                    tracing::warn!(child = %child.digest, error = %e, "could not read a child manifest to prefetch its blobs")
                }
            }
        }
        let mut seen = HashSet::new();
        let digests: Vec<Digest> = wanted
            .into_iter()
            .filter(|d| seen.insert(d.clone()))
            .filter_map(|d| Digest::parse(&d).ok())
            .collect();
        if digests.is_empty() {
            return;
        }
        let upstream = match self.client(remote) {
            Ok(u) => u,
            Err(e) => {
                tracing::warn!(name = %target.upstream_path, error = %e, "cannot prefetch: no upstream client");
                return;
            }
        };
        let (blobs, path) = (self.blobs.clone(), target.upstream_path.clone());
        self.prefetch
            .start(&target.upstream_path, digests, move |digest| {
                let (blobs, upstream, path) = (blobs.clone(), upstream.clone(), path.clone());
                async move {
                    let d = digest.clone();
                    blobs
                        .complete(&digest, move || async move {
                            upstream.get_blob_for_writer(&path, &d).await
                        })
                        .await
                }
            });
    }

    /// The digest tag `reference` has in what the cache serves for `target` now (`None` before the first pull,
    /// or when its repository was deleted).
    async fn recorded_tag(&self, target: &Target, reference: &str) -> Result<Option<String>> {
        let Some(d) = self
            .distributions
            .by_base_path(&target.child_base_path())
            .await?
        else {
            return Ok(None);
        };
        let Some(id) = d
            .repository
            .as_deref()
            .and_then(|h| href::parse_id(href::REPOSITORIES, h).ok())
        else {
            return Ok(None);
        };
        let repository = match self.repositories.get(id).await {
            Ok(r) => r,
            Err(crate::error::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let content = self
            .repositories
            .content
            .version(&repository.id, repository.latest_version)
            .await?;
        Ok(content.tags.get(reference).cloned())
    }

    /// The id of the repository the distribution at `target`'s child base path serves, both created on first
    /// use. Call with `recording` held.
    async fn child_repository(&self, target: &Target) -> Result<String> {
        let base_path = target.child_base_path();
        if let Some(d) = self.distributions.by_base_path(&base_path).await? {
            if d.parent.as_deref() != Some(target.distribution.id.as_str()) {
                return Err(Error::internal(format!(
                    "{base_path:?} is served by a distribution the pull-through cache did not create"
                )));
            }
            let id = d
                .repository
                .as_deref()
                .and_then(|h| href::parse_id(href::REPOSITORIES, h).ok());
            if let Some(id) = id {
                match self.repositories.get(id).await {
                    Ok(repository) => return Ok(repository.id),
                    Err(crate::error::Error::NotFound { .. }) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            // Its repository was deleted (which detaches it): start a new one.
            let repository = self
                .create_repository(&target.upstream_path, &base_path)
                .await?;
            let mut attached = d.clone();
            attached.repository = Some(repository.href());
            attached.updated = listing::now();
            self.distributions.replace(&d, &attached).await?;
            return Ok(repository.id);
        }
        let repository = self
            .create_repository(&target.upstream_path, &base_path)
            .await?;
        let time = listing::now();
        let mut distribution = DistributionRecord {
            id: listing::new_id(),
            name: base_path.clone(),
            base_path: base_path.clone(),
            created: time.clone(),
            updated: time,
            repository: Some(repository.href()),
            repository_version: None,
            content_guard: None,
            private: target.distribution.private,
            description: None,
            hidden: false,
            labels: Labels::new(),
            kind: DistributionKind::Container,
            remote: None,
            parent: Some(target.distribution.id.clone()),
            namespace: None,
        };
        let mut inserted = self.distributions.insert(&distribution).await;
        if matches!(&inserted, Err(crate::error::Error::Conflict(m)) if m.starts_with("name:")) {
            // A user distribution already has this name; the base path is what matters to clients.
            distribution.name = format!("{base_path} (pull-through)");
            inserted = self.distributions.insert(&distribution).await;
        }
        if let Err(e) = inserted {
            if let Err(cleanup) = self.repositories.delete(&repository.id).await {
                tracing::warn!(error = %cleanup, repository = %repository.name, "could not delete the repository of a failed pull-through setup");
            }
            return Err(e.into());
        }
        tracing::info!(
            repository = %repository.name,
            distribution = %base_path,
            "pull-through cache created a repository and a distribution"
        );
        Ok(repository.id)
    }

    /// Creates the repository for upstream path `name`, named `name`, or `fallback` when that is taken.
    async fn create_repository(
        &self,
        name: &str,
        fallback: &str,
    ) -> Result<crate::content::RepositoryRecord> {
        let body = |name: &str| pulp_shared::api::RepositoryWrite {
            name: Some(name.to_string()),
            retain_repo_versions: Some(Some(1)),
            ..Default::default()
        };
        match self.repositories.create(&body(name)).await {
            Err(crate::error::Error::Invalid(f)) if f.contains_key("name") => {
                Ok(self.repositories.create(&body(fallback)).await?)
            }
            other => Ok(other?),
        }
    }

    /// The upstream client for `remote`, built on first use and after the remote was edited.
    fn client(&self, remote: &PullThroughRemoteRecord) -> Result<Arc<Upstream>> {
        let mut state = self.state.lock().expect("cache state is never poisoned");
        if let Some((updated, client)) = state.clients.get(&remote.id) {
            if *updated == remote.updated {
                return Ok(client.clone());
            }
        }
        let client = Arc::new(Upstream::new(remote.upstream_config()).map_err(Error::upstream)?);
        state
            .clients
            .insert(remote.id.clone(), (remote.updated.clone(), client.clone()));
        Ok(client)
    }

    fn is_fresh(&self, key: &RefKey, digest: &str) -> bool {
        let state = self.state.lock().expect("cache state is never poisoned");
        state
            .fresh
            .get(key)
            .is_some_and(|(d, at)| d == digest && at.elapsed() < self.config.ttl)
    }

    /// The digest tag `key` was last found at, if that was less than the TTL ago.
    fn fresh_digest(&self, key: &RefKey) -> Option<String> {
        let state = self.state.lock().expect("cache state is never poisoned");
        state
            .fresh
            .get(key)
            .filter(|(_, at)| at.elapsed() < self.config.ttl)
            .map(|(d, _)| d.clone())
    }

    fn mark_fresh(&self, key: RefKey, digest: &str) {
        let mut state = self.state.lock().expect("cache state is never poisoned");
        state
            .fresh
            .insert(key, (digest.to_string(), Instant::now()));
    }

    fn forget_fresh(&self, key: &RefKey) {
        let mut state = self.state.lock().expect("cache state is never poisoned");
        state.fresh.remove(key);
    }

    /// Whether the upstream said it has no `key` within the negative TTL: to this replica, or (shared store) to
    /// any replica.
    async fn is_missing(&self, key: &RefKey) -> bool {
        let ttl = self.config.negative_ttl;
        let here = {
            let state = self.state.lock().expect("cache state is never poisoned");
            state.missing.get(key).is_some_and(|at| at.elapsed() < ttl)
        };
        let Some(misses) = self.misses.as_ref().filter(|_| !here) else {
            return here;
        };
        match misses.age((&key.0, &key.1, &key.2)).await {
            Ok(age) => age.is_some_and(|age| age < ttl),
            Err(e) => {
                tracing::warn!(error = %e, "could not read the shared upstream misses; asking upstream");
                false
            }
        }
    }

    async fn remember_missing(&self, key: RefKey) {
        let ttl = self.config.negative_ttl;
        if let Some(misses) = &self.misses {
            if let Err(e) = misses.record((&key.0, &key.1, &key.2), ttl).await {
                tracing::warn!(error = %e, "could not share an upstream miss");
            }
        }
        let mut state = self.state.lock().expect("cache state is never poisoned");
        // Expired entries go whenever one is added, so the map holds at most one negative TTL's worth of misses.
        state.missing.retain(|_, at| at.elapsed() < ttl);
        state.missing.insert(key, Instant::now());
    }
}

/// Whether the cached manifest is served when revalidation fails with `e`: the upstream is unreachable, timed
/// out, broke off, is overloaded or rate limiting (5xx, 429), or refuses our credentials (401).
fn serve_stale_on(e: &upstream::Error) -> bool {
    use upstream::Error as E;
    match e {
        E::Unreachable { .. } | E::Interrupted { .. } | E::Unauthorized { .. } => true,
        E::Status { status, .. } => {
            status.is_server_error()
                || *status == reqwest::StatusCode::TOO_MANY_REQUESTS
                || *status == reqwest::StatusCode::UNAUTHORIZED
        }
        _ => false,
    }
}

fn not_upstream(reference: &str) -> Error {
    Error::ManifestUnknown(format!("{reference} not found upstream"))
}

/// `digest → (size, media type)` of the descriptors in manifest `bytes` (config and layers), so blob records
/// know their size before the blob is fetched.
fn descriptors(bytes: &[u8]) -> HashMap<String, (Option<u64>, Option<String>)> {
    let Ok(v) = serde_json::from_slice::<Value>(bytes) else {
        return HashMap::new();
    };
    let config = v.get("config").into_iter();
    let layers = v
        .get("layers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    config
        .chain(layers)
        .filter_map(|d| {
            let digest = d.get("digest")?.as_str()?.to_string();
            let size = d.get("size").and_then(Value::as_u64);
            let media_type = d.get("mediaType").and_then(Value::as_str).map(String::from);
            Some((digest, (size, media_type)))
        })
        .collect()
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
