//! Prefetch: a cached tag is a pullable tag.
//!
//! A client that already holds an image's base layers asks the cache only for the manifest and the layers it
//! lacks, so the cache would record a manifest whose other blobs it never saw; once the upstream is gone, the
//! next client on a clean machine would get 502 for a tag the cache claims to have. So when the cache records a
//! manifest, it fetches the blobs that manifest references in the background (for an index: the blobs of the
//! children already recorded; children never pulled are not fetched). `--pull-through-prefetch false` turns it
//! off, for those who only want what clients fetched.
//!
//! [`Prefetch`] owns the scheduling only: one semaphore for the whole cache bounds how many blobs are fetched
//! at once ([`CONCURRENCY`]), and every prefetch is a tracked task that [`Prefetch::stop`] ends. The fetch itself
//! is the caller's: the cache passes [`super::inflight::Blobs::complete`], so a prefetch shares the single
//! flight with clients (a client asking for a blob being prefetched follows that download; a prefetch finding a
//! client's download in flight waits for it), takes the cross-replica lease when configured, and writes through
//! the blob store, which refuses writes below the free-space reserve.
//!
//! # Invariants
//! - A prefetch never fails a client's request: it starts after the manifest was recorded, on tasks of its own,
//!   and a failure is logged (warn) and leaves the blob to be fetched on demand as before.
//! - Once [`Prefetch::stop`] was called no prefetch starts, and the ones waiting or running end (their blob
//!   writers are dropped by the download's own shutdown, [`super::inflight::Blobs::stop`], which discards the
//!   partial blobs).

use crate::blobs::Digest;
use std::future::Future;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// How many blobs the whole cache prefetches at once. Few: prefetches compete with clients for the upstream
/// and the disk, and a client asking for a blob joins its download anyway.
pub const CONCURRENCY: usize = 4;

/// Background fetches of the blobs of recorded manifests. Cheap to clone (shared state behind `Arc`s).
#[derive(Clone)]
pub struct Prefetch {
    enabled: bool,
    permits: Arc<Semaphore>,
    tasks: TaskTracker,
    stop: CancellationToken,
}

impl Prefetch {
    /// Prefetching when `enabled` (`--pull-through-prefetch`), else [`Prefetch::start`] does nothing.
    pub fn new(enabled: bool) -> Prefetch {
        Prefetch {
            enabled,
            permits: Arc::new(Semaphore::new(CONCURRENCY)),
            tasks: TaskTracker::new(),
            stop: CancellationToken::new(),
        }
    }

    /// Fetches each of `digests` of upstream repository `name` with `fetch` (which returns the blob's size),
    /// at most [`CONCURRENCY`] at a time across the cache. Returns at once; failures are logged.
    pub fn start<F, Fut>(&self, name: &str, digests: Vec<Digest>, fetch: F)
    where
        F: Fn(Digest) -> Fut + Clone + Send + 'static,
        Fut: Future<Output = super::Result<u64>> + Send + 'static,
    {
        if !self.enabled || self.stop.is_cancelled() {
            return;
        }
        for digest in digests {
            let (permits, stop, fetch) = (self.permits.clone(), self.stop.clone(), fetch.clone());
            let name = name.to_string();
            self.tasks.spawn(async move {
                let work = async move {
                    let Ok(_permit) = permits.acquire().await else {
                        return;
                    };
                    match fetch(digest.clone()).await {
                        Ok(size) => tracing::debug!(%name, %digest, size, "pull-through blob prefetched"),
                        Err(e) => tracing::warn!(%name, %digest, error = %e, "could not prefetch a pull-through blob; it is fetched when a client asks for it"),
                    }
                };
                tokio::select! {
                    biased;
                    () = stop.cancelled() => {}
                    () = work => {}
                }
            });
        }
    }

    /// Ends the prefetches (waiting and running) and waits until their tasks are gone; none starts after.
    pub async fn stop(&self) {
        self.stop.cancel();
        self.tasks.close();
        self.tasks.wait().await;
    }

    /// Waits until every prefetch started so far has ended (tests; nothing may start one meanwhile).
    #[cfg(test)]
    pub async fn idle(&self) {
        self.tasks.close();
        self.tasks.wait().await;
        self.tasks.reopen();
    }
}
