//! What replicas of a shared metadata store coordinate for the pull-through cache: blob downloads (a lease per
//! digest, below) and tag revalidations ([`TagChecks`], at the end).
//!
//! Within one process [`super::inflight::Blobs`] already shares one download among all readers. Replicas on
//! one database add a lease: before a replica starts downloading a blob, it takes the digest's lease (an atomic
//! create-or-take-over of a store record naming its worker and an expiry). The holder renews it while the
//! download runs and drops it when the blob is committed or the download failed. The lease also names where
//! the other replicas reach the holder (`leader_url`, from `--peer-url`): a replica that finds the lease held
//! by another streams the blob from the holder while it downloads (`peers.rs`); when it cannot (no URL, the
//! holder has no such download in flight, or it is unreachable) it waits until the blob is in the (shared) blob
//! store and serves it from there, or until the lease is gone or expired (the holder failed or died), and then
//! takes it itself. So N replicas fetch a blob from the upstream once, where Distribution and Harbor fetch it N
//! times.
//!
//! Only replicas on a shared store have leases: with sled there is one process, and the in-process flight is
//! the whole story.

use crate::store::{self, Record, Store, Table, Write};
use crate::tasks::workers::now_ms;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long a lease lasts without renewal: the longest a follower waits for a holder that died.
pub const LEASE: Duration = Duration::from_secs(15);

/// How often the holder renews its lease.
pub const RENEW_EVERY: Duration = Duration::from_secs(5);

/// How often a follower looks for the blob or a free lease when no change of a lease woke it.
pub const POLL: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct LeaseRecord {
    digest: String,
    worker: String,
    expires_ms: u64,
    /// Where the other replicas reach the holder (`--peer-url`); `None` when it has none (or wrote the record
    /// before leases named one).
    #[serde(default)]
    leader_url: Option<String>,
}

impl Record for LeaseRecord {
    fn id(&self) -> &str {
        &self.digest
    }
}

/// This replica's view of the blob leases.
#[derive(Clone)]
pub struct Leases {
    table: Table<LeaseRecord>,
    /// Woken when a lease is taken, renewed or dropped, on any replica.
    changes: std::sync::Arc<tokio::sync::Notify>,
    /// This replica's worker id.
    me: String,
    /// Where the other replicas reach this one (`--peer-url`), written into the leases it takes.
    peer_url: Option<String>,
}

/// Who holds a blob's lease, as [`Leases::take`] found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// This replica (it took or renewed the lease).
    Me,
    /// Another live replica, reachable at `leader_url` if it has one.
    Other { leader_url: Option<String> },
}

impl Leases {
    /// The leases of `store`, taken in the name of worker `me`, which the other replicas reach at `peer_url`.
    ///
    /// # Errors
    /// The store cannot open the table.
    pub fn open(store: &Store, me: &str, peer_url: Option<String>) -> store::Result<Leases> {
        Ok(Leases {
            table: store.table("blob_leases", &[])?,
            changes: store.changes("blob_leases"),
            me: me.to_owned(),
            peer_url,
        })
    }

    /// Woken whenever a lease changes, here or on another replica (a hint: see [`Store::changes`]).
    pub fn changes(&self) -> std::sync::Arc<tokio::sync::Notify> {
        self.changes.clone()
    }

    /// Takes (or renews) the lease of `digest` unless another live worker holds it; returns who holds it now.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn take(&self, digest: &str) -> store::Result<Holder> {
        let expires_ms = now_ms() + u64::try_from(LEASE.as_millis()).unwrap_or(u64::MAX);
        let stored = self
            .table
            .update(digest, |current| match current {
                Some(l) if l.worker != self.me && l.expires_ms > now_ms() => None,
                _ => Some(Write::Put(LeaseRecord {
                    digest: digest.to_owned(),
                    worker: self.me.clone(),
                    expires_ms,
                    leader_url: self.peer_url.clone(),
                })),
            })
            .await?;
        Ok(match stored {
            Some(l) if l.worker != self.me => Holder::Other {
                leader_url: l.leader_url,
            },
            _ => Holder::Me,
        })
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

/// When a pull-through tag was last checked upstream, by any replica: `(remote id, upstream path, tag)` → the
/// digest found and when. A replica whose own memory of the tag is stale asks here first, and claims the check
/// (by moving the time forward) only when nobody checked within the TTL: of replicas revalidating one tag at
/// once, one asks the upstream, the others serve what is cached.
#[derive(Clone)]
pub struct TagChecks {
    table: Table<TagCheckRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct TagCheckRecord {
    key: String,
    digest: String,
    checked_ms: u64,
}

impl Record for TagCheckRecord {
    fn id(&self) -> &str {
        &self.key
    }
}

/// The answer of [`TagChecks::claim`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Another replica checked within the TTL and found this digest.
    CheckedBy(String),
    /// Nobody did: this replica asks the upstream (the claim is recorded for `cached`).
    Mine,
}

/// The record key of a tag: NUL cannot occur in remote ids, names or tags.
fn check_key(remote: &str, path: &str, tag: &str) -> String {
    format!("{remote}\0{path}\0{tag}")
}

impl TagChecks {
    /// The tag checks of `store`.
    ///
    /// # Errors
    /// The store cannot open the table.
    pub fn open(store: &Store) -> store::Result<TagChecks> {
        Ok(TagChecks {
            table: store.table("tag_checks", &[])?,
        })
    }

    /// Whether another replica checked the tag within `ttl`; if not, claims the check with `cached` as the
    /// digest it is expected to have.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn claim(
        &self,
        (remote, path, tag): (&str, &str, &str),
        cached: &str,
        ttl: Duration,
    ) -> store::Result<Check> {
        let ttl_ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX);
        let key = check_key(remote, path, tag);
        let now = now_ms();
        let mut mine = false;
        let stored = self
            .table
            .update(&key, |current| match current {
                Some(c) if now.saturating_sub(c.checked_ms) < ttl_ms => {
                    mine = false;
                    None
                }
                _ => {
                    mine = true;
                    Some(Write::Put(TagCheckRecord {
                        key: key.clone(),
                        digest: cached.to_owned(),
                        checked_ms: now,
                    }))
                }
            })
            .await?;
        Ok(match stored {
            Some(c) if !mine => Check::CheckedBy(c.digest),
            _ => Check::Mine,
        })
    }

    /// Records that the tag was just found at `digest` upstream.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn checked(
        &self,
        (remote, path, tag): (&str, &str, &str),
        digest: &str,
    ) -> store::Result<()> {
        let key = check_key(remote, path, tag);
        self.table
            .put(&TagCheckRecord {
                key,
                digest: digest.to_owned(),
                checked_ms: now_ms(),
            })
            .await
    }
}

/// Upstream 404s shared between replicas: `(remote id, upstream path, reference)` → when an upstream said it
/// has no such tag or digest. A replica asks here before asking the upstream, so one miss is asked upstream
/// once per negative TTL between all replicas, not once per replica. Reads come from the store's read cache
/// (kept current across replicas by its change feed), so asking costs no database round trip.
///
/// A reference found upstream later clears its record; records of references nobody asks again are removed by
/// a sweep that runs at most once per [`MISS_SWEEP_EVERY`] on the replica recording a miss.
#[derive(Clone)]
pub struct Misses {
    table: Table<MissRecord>,
    /// When this replica last swept (ms since the epoch).
    swept_ms: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct MissRecord {
    key: String,
    at_ms: u64,
}

impl Record for MissRecord {
    fn id(&self) -> &str {
        &self.key
    }
}

/// How often a replica recording misses looks for expired ones.
pub const MISS_SWEEP_EVERY: Duration = Duration::from_secs(60);

impl Misses {
    /// The shared misses of `store`.
    ///
    /// # Errors
    /// The store cannot open the table.
    pub fn open(store: &Store) -> store::Result<Misses> {
        store.cache_reads("pull_through_misses");
        Ok(Misses {
            table: store.table("pull_through_misses", &[])?,
            swept_ms: std::sync::Arc::new(now_ms().into()),
        })
    }

    /// How long ago any replica found `(remote, path, reference)` missing upstream, if one did.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn age(
        &self,
        (remote, path, reference): (&str, &str, &str),
    ) -> store::Result<Option<Duration>> {
        Ok(self
            .table
            .get(&check_key(remote, path, reference))
            .await?
            .map(|m| Duration::from_millis(now_ms().saturating_sub(m.at_ms))))
    }

    /// Records that the upstream has no `(remote, path, reference)` now; sweeps misses older than `ttl` when
    /// this replica has not for a while.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn record(
        &self,
        (remote, path, reference): (&str, &str, &str),
        ttl: Duration,
    ) -> store::Result<()> {
        let now = now_ms();
        self.table
            .put(&MissRecord {
                key: check_key(remote, path, reference),
                at_ms: now,
            })
            .await?;
        let every = u64::try_from(MISS_SWEEP_EVERY.as_millis()).unwrap_or(u64::MAX);
        let last = self.swept_ms.load(std::sync::atomic::Ordering::Relaxed);
        if now.saturating_sub(last) >= every
            && self
                .swept_ms
                .compare_exchange(
                    last,
                    now,
                    std::sync::atomic::Ordering::Relaxed,
                    std::sync::atomic::Ordering::Relaxed,
                )
                .is_ok()
        {
            self.sweep(ttl).await?;
        }
        Ok(())
    }

    /// Forgets a miss of `(remote, path, reference)`: the upstream has it now.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn clear(&self, key: (&str, &str, &str)) -> store::Result<()> {
        if self.age(key).await?.is_some() {
            self.table.remove(&check_key(key.0, key.1, key.2)).await?;
        }
        Ok(())
    }

    /// Removes misses older than `ttl`; returns how many.
    async fn sweep(&self, ttl: Duration) -> store::Result<usize> {
        let ttl_ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX);
        let mut scan = self.table.scan("", store::Order::Asc);
        let mut expired = Vec::new();
        while let Some(m) = scan.next().await? {
            if now_ms().saturating_sub(m.at_ms) >= ttl_ms {
                expired.push(m.key);
            }
        }
        for key in &expired {
            // Only if still expired: another replica may have recorded it again meanwhile.
            self.table
                .update(key, |current| {
                    current
                        .filter(|m| now_ms().saturating_sub(m.at_ms) >= ttl_ms)
                        .map(|_| Write::Delete)
                })
                .await?;
        }
        Ok(expired.len())
    }
}
