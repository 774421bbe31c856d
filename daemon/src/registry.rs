//! The read side of the registry, as domain logic: which distribution a name resolves to, which version it
//! serves, manifest content negotiation, blobs (fetched from the remote on first use under `on_demand`), tag and
//! catalog listings. No HTTP types here; `http/registry/` maps [`Error`] to OCI error bodies.
//!
//! Invariants:
//! - a name only reaches content of the version its distribution serves (latest of the repository, or the
//!   pinned version): a digest held by another repository is unknown here;
//! - an on-demand blob is fetched once even when many clients ask at the same time (a per-digest lock; the
//!   followers find it stored), and it becomes visible only after its digest was verified (the blob store's
//!   invariant);
//! - a name at or below a pull-through distribution's base path resolves to a [`Target`]: manifests then go
//!   through the cache's freshness logic and blobs not stored yet stream from the upstream
//!   ([`crate::pull_through`]); content already cached is served from the distribution the cache created.

use crate::blobs::{BlobRead, BlobStore, ByteRange, Digest};
use crate::content::model::ManifestRecord;
use crate::content::{Repositories, VersionContent};
use crate::distributions::{DistributionKind, DistributionRecord, Distributions};
use crate::pull_through::{PullThrough, Target};
use crate::remotes::Remotes;
use crate::upstream::Clients;
use bytes::Bytes;
use pulp_shared::href;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Errors of the registry, by the OCI condition they become.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("repository name not known to registry")]
    NameUnknown,
    #[error("manifest unknown: {0}")]
    ManifestUnknown(String),
    #[error("blob unknown to registry")]
    BlobUnknown,
    #[error("invalid digest: {0}")]
    DigestInvalid(String),
    #[error("requested range not satisfiable (blob size {size})")]
    RangeNotSatisfiable { size: u64 },
    #[error("invalid range: {0}")]
    InvalidRange(String),
    /// The remote of an on-demand blob failed; the client gets a 502 naming it.
    #[error("could not fetch the blob from the remote: {0}")]
    Upstream(String),
    /// Storing an uncached blob would eat into the free-space reserve (507).
    #[error(transparent)]
    InsufficientStorage(#[from] crate::space::InsufficientStorage),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<crate::error::Error> for Error {
    fn from(e: crate::error::Error) -> Self {
        match e {
            crate::error::Error::InsufficientStorage(e) => Error::InsufficientStorage(e),
            e => Error::Internal(anyhow::Error::new(e)),
        }
    }
}

impl From<crate::store::Error> for Error {
    fn from(e: crate::store::Error) -> Self {
        Error::Internal(anyhow::Error::new(e))
    }
}

impl From<crate::pull_through::Error> for Error {
    fn from(e: crate::pull_through::Error) -> Self {
        use crate::pull_through::Error as E;
        match e {
            E::NameUnknown => Error::NameUnknown,
            E::ManifestUnknown(why) => Error::ManifestUnknown(why),
            E::BlobUnknown => Error::BlobUnknown,
            E::DigestInvalid(why) => Error::DigestInvalid(why),
            E::RangeNotSatisfiable { size } => Error::RangeNotSatisfiable { size },
            E::Upstream(why) => Error::Upstream(why.to_string()),
            E::InsufficientStorage(e) => Error::InsufficientStorage(e),
            E::Internal(why) => Error::Internal(anyhow::anyhow!("{why}")),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// What a name resolves to.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub distribution: DistributionRecord,
    /// The repository and version number served, when the distribution serves anything.
    pub version: Option<(String, u64)>,
    /// The pull-through distribution and upstream path, when the name is below a pull-through base path (then
    /// `distribution` is the one the cache created for the name, or, before the first pull, the pull-through
    /// distribution itself with `base_path` set to the name, so access checks see the right name and privacy).
    pub pull_through: Option<Target>,
}

/// A manifest to answer with.
#[derive(Debug, Clone)]
pub struct ManifestAnswer {
    pub digest: String,
    pub media_type: String,
    pub bytes: Bytes,
}

/// A blob to answer with: its digest, total size and the (ranged) reader.
pub struct BlobAnswer {
    pub digest: Digest,
    pub read: BlobRead,
}

/// How to answer a blob GET ([`Registry::blob_get`]).
pub enum BlobGet {
    /// Stream these bytes.
    Stream(BlobAnswer),
    /// Send the client to `location`, a presigned URL of the stored blob (`--blob-redirect`).
    Redirect { digest: Digest, location: String },
}

/// Where a blob a repository serves comes from.
enum Source<'a> {
    /// The blob store (it may still have to be fetched there, for an on-demand blob).
    Store,
    /// The pull-through cache's upstream: not cached yet, or being fetched.
    Upstream(&'a Target),
}

/// The registry service.
#[derive(Clone)]
pub struct Registry {
    distributions: Distributions,
    repositories: Repositories,
    remotes: Remotes,
    blobs: Arc<dyn BlobStore>,
    /// One lock per on-demand blob being fetched (single flight).
    fetching: Arc<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>>,
    /// Upstream clients of the remotes on-demand blobs come from, one per remote configuration.
    clients: Clients,
    /// The pull-through cache, when enabled.
    pull_through: Option<PullThrough>,
    /// What names resolved to ([`Registry::resolve`]).
    resolved: Arc<crate::store::Memo<Arc<Resolved>>>,
    /// Blobs pushed into push repositories that no version holds yet: readable there (`HEAD` before a push).
    pending: Option<crate::push::PendingBlobs>,
    /// Whole blob GETs of stored blobs answer with a redirect (`--blob-redirect`).
    redirect: Option<crate::blob_redirect::BlobRedirect>,
}

impl Registry {
    pub fn new(
        distributions: Distributions,
        repositories: Repositories,
        remotes: Remotes,
        blobs: Arc<dyn BlobStore>,
    ) -> Registry {
        Registry {
            distributions,
            repositories,
            remotes,
            blobs,
            fetching: Arc::default(),
            clients: Clients::default(),
            resolved: Arc::new(crate::store::Memo::new()),
            pull_through: None,
            pending: None,
            redirect: None,
        }
    }

    /// Answers whole GETs of stored blobs with a redirect to the blob store (see [`Registry::blob_get`]).
    pub fn with_redirect(mut self, redirect: crate::blob_redirect::BlobRedirect) -> Registry {
        self.redirect = Some(redirect);
        self
    }

    /// Serves blobs pending in push repositories too.
    pub fn with_pending(mut self, pending: crate::push::PendingBlobs) -> Registry {
        self.pending = Some(pending);
        self
    }

    /// Whether `digest` was pushed into the repository `resolved` serves and awaits its manifest.
    async fn pending(&self, resolved: &Resolved, digest: &Digest) -> Result<bool> {
        match (&self.pending, &resolved.version) {
            (Some(pending), Some((repo_id, _))) => {
                Ok(pending.contains(repo_id, digest.as_str()).await?)
            }
            _ => Ok(false),
        }
    }

    /// Serves names below pull-through distributions through `cache`.
    pub fn with_pull_through(mut self, cache: PullThrough) -> Registry {
        self.pull_through = Some(cache);
        self
    }

    /// The distribution whose access rules apply to `name` (what [`Registry::resolve`] checks pulls against),
    /// `None` when no distribution serves it. Names below a pull-through base path resolve even before their
    /// first pull, so a token service must ask here rather than look the base path up.
    pub async fn distribution_for(&self, name: &str) -> Result<Option<DistributionRecord>> {
        match self.resolve(name).await {
            Ok(resolved) => Ok(Some(resolved.distribution.clone())),
            Err(Error::NameUnknown) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The distribution serving `name`: the one at exactly that base path, else (pull-through) the pull-through
    /// distribution with the longest base path above it.
    ///
    /// Remembered until the distributions or repositories change (see `store/memo.rs`): a pull resolves its
    /// name on every request.
    pub async fn resolve(&self, name: &str) -> Result<Arc<Resolved>> {
        // Both generations only grow, so their sum changes whenever either does.
        let stamp = self
            .distributions
            .stamp()
            .zip(self.repositories.stamp())
            .map(|(d, r)| d + r);
        if let Some(resolved) = stamp.and_then(|s| self.resolved.get(s, name)) {
            return Ok(resolved);
        }
        // Boxed: the lookups are a large future, which every pull would carry otherwise.
        let resolved = Arc::new(Box::pin(self.resolve_uncached(name)).await?);
        if let Some(s) = stamp {
            self.resolved.put(s, name, resolved.clone());
        }
        Ok(resolved)
    }

    async fn resolve_uncached(&self, name: &str) -> Result<Resolved> {
        let Some(mut distribution) = self.distributions.by_base_path(name).await? else {
            return self.resolve_pull_through(name).await;
        };
        if distribution.kind == DistributionKind::PullThrough {
            // The pull-through base path itself names no upstream repository.
            return Err(Error::NameUnknown);
        }
        let pull_through = self.pull_through_parent(&distribution).await?;
        if let Some(target) = &pull_through {
            // Making the pull-through distribution private makes what it cached private too.
            distribution.private |= target.distribution.private;
        }
        let version = if let Some(v) = &distribution.repository_version {
            href::parse_repository_version(v)
                .ok()
                .map(|(id, n)| (id.to_string(), n))
        } else if let Some(r) = &distribution.repository {
            match href::parse_repository(r) {
                Ok((_, id)) => match self.repositories.get(id).await {
                    Ok(repo) => Some((repo.id, repo.latest_version)),
                    Err(crate::error::Error::NotFound { .. }) => None,
                    Err(e) => return Err(e.into()),
                },
                Err(_) => None,
            }
        } else {
            None
        };
        Ok(Resolved {
            distribution,
            version,
            pull_through,
        })
    }

    /// A name no distribution has: below a pull-through distribution, or unknown.
    async fn resolve_pull_through(&self, name: &str) -> Result<Resolved> {
        if self.pull_through.is_none() {
            return Err(Error::NameUnknown);
        }
        let Some((parent, upstream_path)) = self.distributions.pull_through_for(name).await? else {
            return Err(Error::NameUnknown);
        };
        let mut distribution = parent.clone();
        distribution.base_path = name.to_string();
        Ok(Resolved {
            distribution,
            version: None,
            pull_through: Some(Target {
                distribution: parent,
                upstream_path,
            }),
        })
    }

    /// The pull-through target of a distribution the cache created (`parent` set), if its parent still exists
    /// and is above it.
    async fn pull_through_parent(
        &self,
        distribution: &DistributionRecord,
    ) -> Result<Option<Target>> {
        let (Some(parent_id), Some(_)) = (&distribution.parent, &self.pull_through) else {
            return Ok(None);
        };
        let parent = match self.distributions.get_pull_through(parent_id).await {
            Ok(p) => p,
            Err(crate::error::Error::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let upstream_path = distribution
            .base_path
            .strip_prefix(&parent.base_path)
            .and_then(|rest| rest.strip_prefix('/'))
            .map(str::to_string);
        Ok(upstream_path.map(|upstream_path| Target {
            distribution: parent,
            upstream_path,
        }))
    }

    fn cache(&self) -> Result<&PullThrough> {
        self.pull_through
            .as_ref()
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("pull-through target without a cache")))
    }

    /// The content `resolved` serves (empty when it serves nothing).
    pub async fn content(&self, resolved: &Resolved) -> Result<Arc<VersionContent>> {
        match &resolved.version {
            Some((id, n)) => Ok(self.repositories.content.version(id, *n).await?),
            None => Ok(Arc::default()),
        }
    }

    /// The manifest `reference` (tag or digest) of `resolved`, negotiated against `accept` (media types the
    /// client listed; empty = anything).
    ///
    /// Below a pull-through distribution the reference goes through the cache (fetched, or revalidated after
    /// the TTL) first.
    ///
    /// # Errors
    /// [`Error::ManifestUnknown`] when the tag or digest is not in the served version, or when the client
    /// accepts only types pulpd does not serve (schema 1: no conversion, as in Pulp).
    pub async fn manifest(
        &self,
        resolved: &Resolved,
        reference: &str,
        accept: &[String],
    ) -> Result<ManifestAnswer> {
        let content = self.content(resolved).await?;
        let digest = if let Some(target) = &resolved.pull_through {
            // Boxed: fetching from the upstream is a large future, which would otherwise make every manifest
            // GET's future (moved into a box per request) that large.
            Box::pin(self.cache()?.manifest(target, &content, reference)).await?
        } else if reference.starts_with("sha256:") || reference.contains(':') {
            Digest::parse(reference).map_err(|e| Error::DigestInvalid(e.to_string()))?;
            if !content.manifests.contains(reference) {
                return Err(Error::ManifestUnknown(format!("no manifest {reference}")));
            }
            reference.to_string()
        } else {
            content
                .tags
                .get(reference)
                .cloned()
                .ok_or_else(|| Error::ManifestUnknown(format!("no tag {reference:?}")))?
        };
        let (record, bytes) = self
            .repositories
            .content
            .manifest(&digest)
            .await?
            .ok_or_else(|| Error::ManifestUnknown(format!("no manifest {digest}")))?;
        if !acceptable(&record, accept) {
            return Err(Error::ManifestUnknown(format!(
                "the manifest is {}, which the Accept header does not allow (schema 1 is not served)",
                record.media_type
            )));
        }
        Ok(ManifestAnswer {
            digest,
            media_type: record.media_type,
            bytes,
        })
    }

    /// A GET of the blob `digest` of `resolved`: with `--blob-redirect`, a whole GET of a blob already in the
    /// blob store is a redirect to it; everything else streams as [`Registry::blob`] does.
    pub async fn blob_get(
        &self,
        resolved: &Resolved,
        digest: &str,
        range: Option<&str>,
    ) -> Result<BlobGet> {
        if let (Some(redirect), None) = (&self.redirect, range) {
            let parsed = parse_digest(digest)?;
            if let Source::Store = self.source(resolved, &parsed).await? {
                if self.stored(&parsed).await?.is_some() {
                    let location = redirect
                        .location(&parsed)
                        .await
                        .map_err(|e| Error::Internal(e.into()))?;
                    if let Some(location) = location {
                        return Ok(BlobGet::Redirect {
                            digest: parsed,
                            location,
                        });
                    }
                }
            }
        }
        self.blob(resolved, digest, range)
            .await
            .map(BlobGet::Stream)
    }

    /// The blob `digest` of `resolved`, ranged; fetched from the remote first when it is on demand.
    pub async fn blob(
        &self,
        resolved: &Resolved,
        digest: &str,
        range: Option<&str>,
    ) -> Result<BlobAnswer> {
        let digest = parse_digest(digest)?;
        let range = match range {
            Some(r) => {
                Some(ByteRange::parse_header(r).map_err(|e| Error::InvalidRange(e.to_string()))?)
            }
            None => None,
        };
        if let Source::Upstream(target) = self.source(resolved, &digest).await? {
            let read = self.cache()?.blob(target, &digest, range).await?;
            return Ok(BlobAnswer { digest, read });
        }
        // Twice: a file reclaimed between the look and the open is fetched again (see `crate::reclaim`).
        for last in [false, true] {
            if self.stored(&digest).await?.is_none() {
                self.fetch_on_demand(&digest).await?;
            }
            match self.blobs.open(&digest, range).await {
                Ok(read) => return Ok(BlobAnswer { digest, read }),
                Err(crate::blobs::Error::NotFound { .. }) if !last => continue,
                Err(crate::blobs::Error::NotFound { .. }) => return Err(Error::BlobUnknown),
                Err(crate::blobs::Error::RangeNotSatisfiable { size }) => {
                    return Err(Error::RangeNotSatisfiable { size })
                }
                Err(e) => return Err(Error::Internal(e.into())),
            }
        }
        Err(Error::BlobUnknown)
    }

    /// Where the blob `digest` that `resolved` serves comes from; [`Error::BlobUnknown`] when it serves no such
    /// blob.
    async fn source<'a>(&self, resolved: &'a Resolved, digest: &Digest) -> Result<Source<'a>> {
        let content = self.content(resolved).await?;
        if let Some(target) = &resolved.pull_through {
            let cached =
                content.blobs.contains(digest.as_str()) && self.stored(digest).await?.is_some();
            if !cached {
                return Ok(Source::Upstream(target));
            }
            crate::metrics::pull_through_hit(crate::metrics::Kind::Blob);
        } else if !content.blobs.contains(digest.as_str())
            && !self.pending(resolved, digest).await?
        {
            return Err(Error::BlobUnknown);
        }
        Ok(Source::Store)
    }

    async fn stored(&self, digest: &Digest) -> Result<Option<u64>> {
        self.blobs
            .contains(digest)
            .await
            .map_err(|e| Error::Internal(e.into()))
    }

    /// Fetches an on-demand blob into the store, once for all concurrent callers.
    async fn fetch_on_demand(&self, digest: &Digest) -> Result<()> {
        let lock = {
            let mut map = self.fetching.lock().expect("fetch map is never poisoned");
            map.entry(digest.to_string()).or_default().clone()
        };
        let result = {
            let _flight = lock.lock().await;
            if self.stored(digest).await?.is_some() {
                Ok(())
            } else {
                self.fetch_from_remote(digest).await
            }
        };
        self.fetching
            .lock()
            .expect("fetch map is never poisoned")
            .retain(|_, l| Arc::strong_count(l) > 1);
        result
    }

    async fn fetch_from_remote(&self, digest: &Digest) -> Result<()> {
        let record = self
            .repositories
            .content
            .blob(digest.as_str())
            .await?
            .ok_or(Error::BlobUnknown)?;
        let source = record.on_demand.clone().ok_or(Error::BlobUnknown)?;
        let remote = match self.remotes.get(&source.remote_id).await {
            Ok(r) => r,
            Err(crate::error::Error::NotFound { .. }) if self.pull_through.is_some() => {
                // Blob records are global: this one may have been recorded by the pull-through cache, with a
                // pull-through remote (ids are UUIDs, so the tables never share one).
                self.cache()?
                    .fetch_blob(&source.remote_id, &source.upstream_name, digest)
                    .await?;
                return Ok(());
            }
            Err(crate::error::Error::NotFound { .. }) => {
                return Err(Error::Upstream(
                    "the remote this blob was synced from was deleted".into(),
                ))
            }
            Err(e) => return Err(e.into()),
        };
        let upstream = self
            .clients
            .get(remote.upstream_config())
            .map_err(|e| Error::Upstream(e.to_string()))?;
        tracing::info!(digest = %digest, remote = %remote.name, "fetching on-demand blob");
        upstream
            .fetch_blob_into(&source.upstream_name, digest, self.blobs.as_ref())
            .await
            .map_err(|e| match e {
                crate::upstream::Error::Store {
                    source: crate::blobs::Error::InsufficientStorage(e),
                    ..
                } => Error::InsufficientStorage(e),
                e => Error::Upstream(e.to_string()),
            })?;
        let mut stored = record;
        stored.on_demand = None;
        self.repositories.content.put_blob(&stored).await?;
        Ok(())
    }

    /// Tags of `resolved`, sorted, after `last`, at most `n`; and whether more follow.
    pub async fn tags(
        &self,
        resolved: &Resolved,
        n: Option<usize>,
        last: Option<&str>,
    ) -> Result<(Vec<String>, bool)> {
        if resolved.pull_through.is_some() && resolved.version.is_none() {
            // Nothing pulled through this name yet.
            return Err(Error::NameUnknown);
        }
        let content = self.content(resolved).await?;
        // The tags are sorted already: the page starts at `last` by a seek.
        use std::ops::Bound;
        let after = last.map_or(Bound::Unbounded, Bound::Excluded);
        let mut tags = content
            .tags
            .range::<str, _>((after, Bound::Unbounded))
            .map(|(t, _)| t.clone());
        Ok(match n {
            Some(n) => {
                let page: Vec<String> = tags.by_ref().take(n).collect();
                (page, tags.next().is_some())
            }
            None => (tags.collect(), false),
        })
    }

    /// Container distributions after `last` by base path, at most `limit`, for `_catalog`: the caller keeps
    /// those it may see, asks for more after the last one while its page is not full, and pages the names with
    /// [`catalog_page`]. Fewer than `limit`: the end.
    pub async fn catalog_candidates(
        &self,
        last: Option<&str>,
        limit: usize,
    ) -> Result<Vec<DistributionRecord>> {
        Ok(self.distributions.after_base_path(last, limit).await?)
    }
}

/// Base paths `names` sorted, after `last`, at most `n`; and whether more follow (`_catalog`).
pub fn catalog_page(
    names: impl Iterator<Item = String>,
    n: Option<usize>,
    last: Option<&str>,
) -> (Vec<String>, bool) {
    page(names, n, last)
}

/// Pages `names` after `last` (exclusive), sorted, at most `n`.
fn page(
    names: impl Iterator<Item = String>,
    n: Option<usize>,
    last: Option<&str>,
) -> (Vec<String>, bool) {
    let mut names: Vec<String> = names
        .filter(|t| last.is_none_or(|l| t.as_str() > l))
        .collect();
    names.sort();
    match n {
        Some(n) if names.len() > n => {
            names.truncate(n);
            (names, true)
        }
        _ => (names, false),
    }
}

/// Whether a client whose Accept lists `accept` can take `record`: no Accept (or `*/*`) takes anything;
/// otherwise its type must be listed. A client listing only schema-1 types thus gets 404, as from Pulp, and one
/// listing other types but not this one is refused the same way (Distribution does so for OCI indexes).
fn acceptable(record: &ManifestRecord, accept: &[String]) -> bool {
    accept.is_empty() || accept.iter().any(|a| a == "*/*" || a == &record.media_type)
}

/// Splits Accept header values into media types (parameters such as `q=` dropped).
pub fn accept_list<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    values
        .flat_map(|v| v.split(','))
        .map(|t| t.split(';').next().unwrap_or("").trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

fn parse_digest(digest: &str) -> Result<Digest> {
    Digest::parse(digest).map_err(|e| Error::DigestInvalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_sorted_names() {
        let names = || ["b", "a", "d", "c"].into_iter().map(String::from);
        assert_eq!(
            page(names(), Some(2), None),
            (vec!["a".into(), "b".into()], true)
        );
        assert_eq!(
            page(names(), Some(2), Some("b")),
            (vec!["c".into(), "d".into()], false)
        );
        assert_eq!(page(names(), None, Some("d")), (vec![], false));
    }

    #[test]
    fn accept_values_split_and_strip_parameters() {
        let a = accept_list(
            [
                "application/vnd.oci.image.manifest.v1+json, application/json;q=0.5",
                "*/*",
            ]
            .into_iter(),
        );
        assert_eq!(
            a,
            [
                "application/vnd.oci.image.manifest.v1+json",
                "application/json",
                "*/*"
            ]
        );
    }
}
