//! Accounting of stored bytes for `/pulp/api/v3/status/` (`blob_storage`) and `/metrics`
//! (`pulpd_blob_stored_bytes`): the bytes of stored blobs, the bytes the pull-through caches hold, and what the
//! last orphan cleanup removed.
//!
//! The byte figures walk the blob table (and the caches' latest versions), so they are computed at most once
//! per [`EVERY`] by whichever of `/status/` and `/metrics` asks first, and again after a cleanup (which is
//! when they change most); a request in between gets the figures as computed (`computed_at` says when). The
//! last cleanup is one record in the store, written when a cleanup task completes, so it survives restarts.

use crate::content::Content;
use crate::orphans::Removed;
use crate::store::{self, Record, Store, Table};
use pulp_shared::api::{BlobStorage, CleanupSummary};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long computed figures are served before they are computed again.
pub const EVERY: Duration = Duration::from_secs(60);

/// The id of the one record of the last cleanup.
const LAST_CLEANUP: &str = "last-cleanup";

/// The last cleanup, as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct CleanupRecord {
    id: String,
    summary: CleanupSummary,
}

impl Record for CleanupRecord {
    fn id(&self) -> &str {
        &self.id
    }
}

/// The byte figures and when they were computed.
#[derive(Debug, Clone)]
struct Figures {
    stored_bytes: u64,
    pull_through_cache_bytes: u64,
    computed_at: String,
    at: Instant,
}

/// The accounting service (cheap to clone).
#[derive(Clone)]
pub struct Accounting {
    content: Content,
    /// The pull-through caches' retention service, whose walk counts their bytes (behind an `Arc`: it holds
    /// the orphan cleanup, which holds this).
    retention: Option<Arc<crate::pull_through::retention::Retention>>,
    cleanups: Table<CleanupRecord>,
    /// The last computed figures; held while computing, so concurrent askers wait for one computation.
    figures: Arc<tokio::sync::Mutex<Option<Figures>>>,
}

impl Accounting {
    pub fn open(store: &Store, content: Content) -> store::Result<Accounting> {
        Ok(Accounting {
            content,
            retention: None,
            cleanups: store.table("accounting", &[])?,
            figures: Arc::default(),
        })
    }

    /// Counts the bytes of `pull_through`'s caches too.
    pub fn with_pull_through(
        mut self,
        pull_through: &crate::pull_through::PullThrough,
    ) -> Accounting {
        self.retention = pull_through.retention().cloned().map(Arc::new);
        self
    }

    /// The figures for `/status/`: computed now if those held are older than [`EVERY`] (or were dropped by a
    /// cleanup).
    ///
    /// # Errors
    /// The store failed while computing them.
    pub async fn blob_storage(&self) -> anyhow::Result<BlobStorage> {
        let figures = self.figures().await?;
        let last_cleanup = self.cleanups.get(LAST_CLEANUP).await?.map(|r| r.summary);
        Ok(BlobStorage {
            stored_bytes: figures.stored_bytes,
            pull_through_cache_bytes: figures.pull_through_cache_bytes,
            computed_at: figures.computed_at,
            last_cleanup,
        })
    }

    /// Computes the figures if due (see [`Accounting::blob_storage`]) and sets the `/metrics` gauge.
    ///
    /// # Errors
    /// The store failed while computing them.
    pub async fn refresh(&self) -> anyhow::Result<()> {
        self.figures().await.map(|_| ())
    }

    async fn figures(&self) -> anyhow::Result<Figures> {
        let mut held = self.figures.lock().await;
        if let Some(f) = held.as_ref().filter(|f| f.at.elapsed() < EVERY) {
            return Ok(f.clone());
        }
        let stored_bytes = self.content.stored_blob_bytes().await?;
        let pull_through_cache_bytes = match &self.retention {
            Some(retention) => retention.cached_bytes().await?,
            None => 0,
        };
        crate::metrics::blob_stored_bytes(stored_bytes);
        let f = Figures {
            stored_bytes,
            pull_through_cache_bytes,
            computed_at: crate::listing::now(),
            at: Instant::now(),
        };
        *held = Some(f.clone());
        Ok(f)
    }

    /// Records what the cleanup task `task` (its href) removed, and drops the held figures so the next ask
    /// computes them anew.
    ///
    /// # Errors
    /// The store failed.
    pub async fn cleanup_finished(&self, task: &str, removed: Removed) -> anyhow::Result<()> {
        self.cleanups
            .put(&CleanupRecord {
                id: LAST_CLEANUP.into(),
                summary: CleanupSummary {
                    task: task.into(),
                    finished_at: crate::listing::now(),
                    units: removed.units,
                    files: removed.files,
                    bytes: removed.bytes,
                },
            })
            .await?;
        *self.figures.lock().await = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::BlobRecord;

    fn blob(n: u8, size: u64) -> BlobRecord {
        BlobRecord {
            digest: format!("sha256:{}", format!("{n:02x}").repeat(32)),
            size: Some(size),
            media_type: None,
            on_demand: None,
            origin: None,
            created_ms: None,
        }
    }

    #[tokio::test]
    async fn figures_are_held_until_a_cleanup_and_the_last_cleanup_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("meta")).unwrap();
        let content = Content::open(&store).unwrap();
        let accounting = Accounting::open(&store, content.clone()).unwrap();
        content.put_blob(&blob(1, 100)).await.unwrap();
        let first = accounting.blob_storage().await.unwrap();
        assert_eq!(first.stored_bytes, 100);
        assert_eq!(first.last_cleanup, None);

        // Held: a blob written since is not counted until the figures are due again.
        content.put_blob(&blob(2, 20)).await.unwrap();
        assert_eq!(accounting.blob_storage().await.unwrap().stored_bytes, 100);

        let removed = Removed {
            units: 3,
            files: 2,
            bytes: 4096,
        };
        accounting
            .cleanup_finished("/pulp/api/v3/tasks/t/", removed)
            .await
            .unwrap();
        let after = accounting.blob_storage().await.unwrap();
        assert_eq!(after.stored_bytes, 120, "a cleanup drops the held figures");
        let last = after.last_cleanup.unwrap();
        assert_eq!(
            (last.task.as_str(), last.units, last.files, last.bytes),
            ("/pulp/api/v3/tasks/t/", 3, 2, 4096)
        );

        // The last cleanup is in the store, not in memory: a service opened anew reads it.
        drop((accounting, content));
        store.flush().await.unwrap();
        let reopened = Accounting::open(&store, Content::open(&store).unwrap()).unwrap();
        assert_eq!(
            reopened.blob_storage().await.unwrap().last_cleanup,
            Some(last)
        );
    }
}
