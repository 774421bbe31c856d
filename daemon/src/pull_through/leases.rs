//! Cross-replica single flight of pull-through blob downloads: a lease per digest in the shared metadata store.
//!
//! Within one process [`super::inflight::Blobs`] already shares one download among all readers. Replicas on
//! one database add a lease: before a replica starts downloading a blob, it takes the digest's lease (an atomic
//! create-or-take-over of a store record naming its worker and an expiry). The holder renews it while the
//! download runs and drops it when the blob is committed or the download failed. A replica that finds the lease
//! held by another waits until the blob is in the (shared) blob store and serves it from there, or until the
//! lease is gone or expired (the holder failed or died), and then takes it itself. So N replicas fetch a blob
//! from the upstream once, where Distribution and Harbor fetch it N times.
//!
//! Only replicas on a shared store have leases: with sled there is one process, and the in-process flight is
//! the whole story.

use crate::store::{self, Record, Store, Table, Write};
use serde::{Deserialize, Serialize};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long a lease lasts without renewal: the longest a follower waits for a holder that died.
pub const LEASE: Duration = Duration::from_secs(15);

/// How often the holder renews its lease.
pub const RENEW_EVERY: Duration = Duration::from_secs(5);

/// How often a follower looks for the blob or a free lease.
pub const POLL: Duration = Duration::from_millis(200);

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct LeaseRecord {
    digest: String,
    worker: String,
    expires_ms: u64,
}

impl Record for LeaseRecord {
    fn id(&self) -> &str {
        &self.digest
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// This replica's view of the blob leases.
#[derive(Clone)]
pub struct Leases {
    table: Table<LeaseRecord>,
    /// This replica's worker id.
    me: String,
}

impl Leases {
    /// The leases of `store`, taken in the name of worker `me`.
    ///
    /// # Errors
    /// The store cannot open the table.
    pub fn open(store: &Store, me: &str) -> store::Result<Leases> {
        Ok(Leases {
            table: store.table("blob_leases", &[])?,
            me: me.to_owned(),
        })
    }

    /// Takes (or renews) the lease of `digest` unless another live worker holds it; returns whether this
    /// replica holds it now.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn take(&self, digest: &str) -> store::Result<bool> {
        let expires_ms = now_ms() + u64::try_from(LEASE.as_millis()).unwrap_or(u64::MAX);
        let stored = self
            .table
            .update(digest, |current| match current {
                Some(l) if l.worker != self.me && l.expires_ms > now_ms() => None,
                _ => Some(Write::Put(LeaseRecord {
                    digest: digest.to_owned(),
                    worker: self.me.clone(),
                    expires_ms,
                })),
            })
            .await?;
        Ok(stored.is_some_and(|l| l.worker == self.me))
    }

    /// Drops this replica's lease of `digest` (the blob is stored, or its download failed).
    ///
    /// # Errors
    /// Storage failures.
    pub async fn release(&self, digest: &str) -> store::Result<()> {
        self.table
            .update(digest, |current| {
                current
                    .filter(|l| l.worker == self.me)
                    .map(|_| Write::Delete)
            })
            .await
            .map(drop)
    }
}
