//! Pull-through caching: a pull-through distribution at base path `cache` with a pull-through remote at
//! `https://registry.example` makes `pull <registry>/cache/library/busybox:1` a pull of `library/busybox:1` from
//! that registry, cached in pulpd.
//!
//! Owns:
//! - [`remotes`]: the pull-through remotes (upstream URL, credentials, `includes`/`excludes`), their own table;
//! - [`cache`]: the pull logic. Which upstream repository a name maps to, tag freshness (a `HEAD` at most once
//!   per TTL; stale-if-error), a negative cache of upstream 404s, and recording what was pulled: on first use a
//!   repository named after the upstream path (`retain_repo_versions` = 1) and a container distribution at
//!   `<base_path>/<upstream path>`, then one new repository version per new or moved tag;
//! - [`inflight`]: single flight for upstream fetches. Concurrent pulls of one manifest share one request;
//!   concurrent pulls of one blob share one download, each client streaming the bytes as they arrive.
//! - [`retention`]: last-pulled times and eviction of the least recently pulled images (`cache_max_size`,
//!   `cache_max_age` of the pull-through remote);
//! - [`prefetch`]: the background fetch of the blobs of a recorded manifest (bounded, sharing the single flight),
//!   so a tag the cache recorded can be pulled in full once the upstream is gone.
//!
//! It does not own the pull-through distributions' records (they live with the other distributions in
//! [`crate::distributions`], so base-path rules are checked in one place) nor the `/v2/` protocol
//! ([`crate::registry`] calls in here for names that resolve to a [`Target`]).
//!
//! # Invariants
//! - A name outside the remote's `includes`/`excludes` gets [`Error::NameUnknown`] before any upstream request.
//! - Digest references are immutable: once recorded, they are served without contacting the upstream.
//! - A blob becomes visible in the blob store only after its digest was verified (the blob store's invariant);
//!   clients streaming a blob still in flight never get its last bytes before that verification.
//! - Below the free-space reserve (`--min-free-space`, [`crate::space`]) nothing new is cached: an uncached
//!   manifest or blob answers [`Error::InsufficientStorage`] (507) instead of being streamed through
//!   uncached. Streaming through would hide the problem behind full-cost upstream pulls on every request;
//!   a 507 says what to fix, and what is cached keeps being served.

pub mod cache;
pub mod inflight;
pub mod leases;
pub mod peers;
pub mod prefetch;
pub mod remotes;
pub mod retention;
#[cfg(test)]
mod tests;

pub use cache::PullThrough;
pub use remotes::{PullThroughRemoteRecord, PullThroughRemotes};

use crate::distributions::DistributionRecord;
use pulp_shared::api::Labels;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// Settings of the cache, from `--pull-through-ttl`, `--pull-through-negative-ttl` and
/// `--pull-through-prefetch`.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// How long a tag's digest is trusted before it is revalidated with a `HEAD` upstream.
    pub ttl: Duration,
    /// How long an upstream 404 for a reference is remembered (a burst of bad pulls costs one request).
    pub negative_ttl: Duration,
    /// Whether the blobs of a recorded manifest are fetched in the background ([`prefetch`]), so a cached tag
    /// stays pullable without the upstream.
    pub prefetch: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ttl: Duration::from_secs(60),
            negative_ttl: Duration::from_secs(10),
            prefetch: true,
        }
    }
}

/// A name that resolves below a pull-through distribution.
#[derive(Debug, Clone)]
pub struct Target {
    /// The pull-through distribution.
    pub distribution: DistributionRecord,
    /// The repository path on the upstream (the name without the base path), e.g. `library/busybox`.
    pub upstream_path: String,
}

impl Target {
    /// The base path of the container distribution that serves what was cached of this upstream path.
    pub fn child_base_path(&self) -> String {
        format!("{}/{}", self.distribution.base_path, self.upstream_path)
    }
}

/// Errors of a pull through the cache, by the registry condition they become. Cloneable, since one result of a
/// shared fetch goes to every waiting client.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The name is not allowed by the remote's `includes`/`excludes`, or is no valid upstream name.
    #[error("repository name not known to registry")]
    NameUnknown,
    /// The upstream has no such tag or digest (or said so within the negative TTL).
    #[error("manifest unknown: {0}")]
    ManifestUnknown(String),
    /// The upstream has no such blob.
    #[error("blob unknown to registry")]
    BlobUnknown,
    #[error("invalid digest: {0}")]
    DigestInvalid(String),
    /// The range lies outside the blob.
    #[error("requested range not satisfiable (blob size {size})")]
    RangeNotSatisfiable { size: u64 },
    /// The upstream failed (unreachable, error status, wrong bytes) and nothing cached could answer instead.
    #[error("{0}")]
    Upstream(Arc<str>),
    /// Less than the free-space reserve is left for an uncached blob (507; nothing is fetched or stored).
    #[error(transparent)]
    InsufficientStorage(#[from] crate::space::InsufficientStorage),
    /// A local failure (metadata or blob store); logged by the registry edge, answered as an opaque 500.
    #[error("{0}")]
    Internal(Arc<str>),
}

impl Error {
    fn upstream(message: impl std::fmt::Display) -> Error {
        Error::Upstream(message.to_string().into())
    }

    fn internal(message: impl std::fmt::Display) -> Error {
        Error::Internal(format!("{message:#}").into())
    }
}

impl From<crate::error::Error> for Error {
    fn from(e: crate::error::Error) -> Self {
        match e {
            crate::error::Error::InsufficientStorage(e) => Error::InsufficientStorage(e),
            e => Error::internal(e),
        }
    }
}

impl From<crate::store::Error> for Error {
    fn from(e: crate::store::Error) -> Self {
        Error::internal(e)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A pull-through distribution as the API shows it (Pulp's `ContainerPullThroughDistribution` fields).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
#[schema(as = container::ContainerPullThroughDistributionResponse)]
pub struct PullThroughDistribution {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub name: String,
    pub base_path: String,
    /// Href of the pull-through remote.
    pub remote: Option<String>,
    /// Hrefs of the container distributions pulpd created below the base path.
    pub distributions: Vec<String>,
    pub private: bool,
    pub content_guard: Option<String>,
    pub description: Option<String>,
    pub hidden: bool,
    pub pulp_labels: Labels,
    /// Always `null`: a pull-through distribution serves no repository itself.
    pub repository: Option<String>,
    pub repository_version: Option<String>,
}

/// The API representation of pull-through distribution `d`, which created the distributions `children`.
pub fn distribution_to_api(
    d: &DistributionRecord,
    children: &[DistributionRecord],
) -> PullThroughDistribution {
    PullThroughDistribution {
        pulp_href: d.href(),
        prn: format!("prn:container.containerpullthroughdistribution:{}", d.id),
        pulp_created: d.created.clone(),
        pulp_last_updated: d.updated.clone(),
        name: d.name.clone(),
        base_path: d.base_path.clone(),
        remote: d.remote.clone(),
        distributions: children.iter().map(DistributionRecord::href).collect(),
        private: d.private,
        content_guard: d.content_guard.clone(),
        description: d.description.clone(),
        hidden: d.hidden,
        pulp_labels: d.labels.clone(),
        repository: None,
        repository_version: None,
    }
}
