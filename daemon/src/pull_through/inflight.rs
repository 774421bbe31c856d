//! Single flight for upstream fetches.
//!
//! [`Flights`] shares one result among concurrent callers asking for the same key (manifest fetches and tag
//! revalidations): the first caller spawns the work, every caller awaits its result.
//!
//! [`Blobs`] does the same for blobs, streaming: the first request for a digest spawns a *leader* task that
//! downloads the blob, and hands each chunk to a *writer* task ([`store`]) that hashes it and writes it to a
//! blob-store writer (whose temporary file under `blobs/uploads/` is the spool). The leader publishes how many
//! bytes readers may pass on through a [`watch`] channel; every client, the first one included, reads from that
//! count on at its own offset and waits on the channel for more, so followers stream the bytes as they arrive
//! instead of waiting for the whole blob, and a `Range` request waits only until its start is available. The
//! leader is a task of its own, so a client hanging up does not abort the download for the others.
//!
//! The leader keeps the most recent [`WINDOW`] bytes in memory (the received `Bytes`, no copy) and stays at
//! most that far ahead of the fastest reader, like a proxy paced by its client: that reader takes its bytes
//! from memory, and the download's work (hashing, writing) is spread over the transfer instead of competing
//! with the client's at its start (measured: cold 256 MiB `skopeo copy` 1.10× → ~1.0× of a direct copy on 2
//! cores). Readers further behind `pread` the spool. With no reader left (all hung up, or only
//! [`Blobs::complete`] callers) the download runs at full speed.
//!
//! Hashing and writing are off the readers' path: received bytes are readable at once, from the window, while
//! the writer task works beside the leader (another core), at most [`STORE_LAG`] behind it; a chunk leaves the
//! window only once it is in the spool. Measured with a client that reads as fast as it can (`curl` of a cold
//! 256 MiB blob, 2 cores): 0.45 s → 0.40 s (medians of 8), where the leader hashed and wrote each chunk
//! before reading the next.
//!
//! Replicas of a shared store add a lease per digest (`leases.rs`): a replica whose client asks for a blob
//! another replica is downloading streams it from that replica ([`Blobs::in_flight`] is the leader's side, a
//! reader like any other; `peers.rs` the follower's, which hashes what it relays and withholds its last chunk
//! until the digest matched), or, when it cannot, waits until the blob is stored.
//!
//! # Invariants
//! - **No wrong bytes reach a client as a complete blob.** The most recent chunk is always withheld until the
//!   digest is verified (then released while the blob is made durable); on a mismatch (or a broken download)
//!   every reader's stream ends with an error, so a client sees a truncated body and fails, and the writer's
//!   drop deletes the spool.
//! - **A blob is committed only after verification** (the blob store's invariant; the spool is the writer's own
//!   temporary file, and a killed daemon's spools are removed by the store's startup cleanup).
//! - **Every readable byte is in memory or in the spool**: the window lets a chunk go only once the writer task
//!   flushed it.
//! - **After [`Blobs::stop`] nothing is left behind**: every download in flight is dropped (its writer deletes
//!   the spool, its readers' streams end with an error) and `stop` returns once their leaders, which end their
//!   writer tasks first, are gone; a download asked for later fails at once.
//! - **Waiting uses the channel**, never sleeps; a finished flight leaves the map only after its final state was
//!   published, and a leader first checks whether the blob got stored meanwhile, so no digest is fetched twice.

use super::{Error, Result};
use crate::blobs::{BlobRead, BlobStore, ByteRange, Digest, READ_CHUNK};
use crate::content::{BlobRecord, Content};
use crate::metrics::Kind;
use crate::upstream::{self, BlobStream};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// The leader makes received bytes readable at least every this many bytes, and the writer flushes what it
/// wrote every this many (the write buffer's size, so a flush is a write the buffer would do anyway).
const PUBLISH_EVERY: u64 = 1024 * 1024;

/// The most the download runs ahead of its writer: the window holds every byte not yet in the spool, so this
/// bounds its memory beyond [`WINDOW`].
const STORE_LAG: u64 = 8 * 1024 * 1024;

/// The leader starts writing the spool back to disk every this many bytes, in the background, so the fsync at
/// the commit has little left to do: a 256 MiB fsync at the end (~0.4 s of disk time here) landed while the
/// client was writing its own copy and slowed cold pulls.
const WRITEBACK_EVERY: u64 = 32 * 1024 * 1024;

/// When the upstream pauses this long with unpublished bytes, the leader publishes them: followers of a slow
/// upstream see data with at most this lag.
const PUBLISH_IDLE: Duration = Duration::from_millis(20);

/// Shares the result of concurrent work on one key.
pub struct Flights<K, V> {
    /// Key → the channel its result is published on (`None` until done).
    running: Arc<Mutex<HashMap<K, watch::Receiver<Option<V>>>>>,
    /// What callers that join a flight count as in `pulpd_pull_through_single_flight_followers_total`.
    followers: Option<crate::metrics::Kind>,
}

impl<K, V> Clone for Flights<K, V> {
    fn clone(&self) -> Self {
        Flights {
            running: self.running.clone(),
            followers: self.followers,
        }
    }
}

impl<K, V> Default for Flights<K, V> {
    fn default() -> Self {
        Flights {
            running: Arc::default(),
            followers: None,
        }
    }
}

impl<K, V> Flights<K, V> {
    /// Flights whose joining callers are counted as single-flight followers of `kind`.
    pub fn counting(kind: crate::metrics::Kind) -> Self {
        Flights {
            running: Arc::default(),
            followers: Some(kind),
        }
    }
}

impl<K, V> Flights<K, V>
where
    K: Hash + Eq + Clone + Send + 'static,
    V: Clone + Send + Sync + 'static,
{
    /// The result of `work` for `key`: started (as a task of its own, so no caller's cancellation stops it) when
    /// no work for `key` is running, joined otherwise. `abandoned` is the result when the task panicked.
    pub async fn run<F, Fut>(&self, key: K, work: F, abandoned: V) -> V
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = V> + Send + 'static,
    {
        let mut rx = {
            let mut running = self.running.lock().expect("flight map is never poisoned");
            match running.get(&key) {
                Some(rx) => {
                    if let Some(kind) = self.followers {
                        crate::metrics::pull_through_follower(kind);
                    }
                    rx.clone()
                }
                None => {
                    let (tx, rx) = watch::channel(None);
                    running.insert(key.clone(), rx.clone());
                    let fut = work();
                    let map = self.running.clone();
                    let key = key.clone();
                    tokio::spawn(async move {
                        let value = fut.await;
                        // Publish first, then leave the map: a caller arriving in between joins and reads the
                        // published value at once.
                        tx.send_replace(Some(value));
                        map.lock()
                            .expect("flight map is never poisoned")
                            .remove(&key);
                    });
                    rx
                }
            }
        };
        let result = rx.wait_for(Option::is_some).await.map(|v| v.clone());
        match result {
            Ok(v) => v.unwrap_or(abandoned),
            Err(_) => {
                // The work panicked without publishing. Forget it (unless a new flight took the key already).
                let mut running = self.running.lock().expect("flight map is never poisoned");
                if running
                    .get(&key)
                    .is_some_and(|rx| rx.has_changed().is_err())
                {
                    running.remove(&key);
                }
                abandoned
            }
        }
    }
}

/// Single-flight, streaming blob downloads into the blob store.
#[derive(Clone)]
pub struct Blobs {
    store: Arc<dyn BlobStore>,
    /// Blob records are updated (no on-demand source, size) once a blob is committed.
    content: Content,
    /// Digest → progress of the download in flight.
    running: Arc<Mutex<HashMap<Digest, watch::Receiver<Progress>>>>,
    /// Leases shared with the other replicas of a shared store (`leases.rs`); `None` alone.
    leases: Option<super::leases::Leases>,
    /// Streams blobs from the replica that holds their lease (`peers.rs`); `None` alone.
    peers: Option<super::peers::Peers>,
    /// Cancelled at shutdown: leaders drop their downloads.
    stop: tokio_util::sync::CancellationToken,
}

/// Where a blob comes from when the other replicas are asked first ([`Blobs::elsewhere`]).
enum Elsewhere {
    /// Another replica stored it: serve it from the store.
    Stored,
    /// Streamed from the replica downloading it.
    Relayed(BlobRead),
    /// This replica downloads it (or joins its own download).
    Here,
}

/// What readers of a download in flight need to know.
#[derive(Debug, Clone, Default)]
struct Progress {
    /// Read handle on the spool, once the upstream answered and the writer exists.
    spool: Option<Arc<std::fs::File>>,
    /// The most recent bytes, in memory: readers keeping up with the download take them from here.
    window: Option<Arc<Mutex<Window>>>,
    /// Where the readers are, so the download stays within [`WINDOW`] of the fastest.
    readers: Arc<Readers>,
    /// The blob's size, from `Content-Length` (or the commit).
    size: Option<u64>,
    /// Bytes readers may pass on: received (in the window, or the spool once stored), minus the most recent
    /// chunk (held back until verified).
    readable: u64,
    state: State,
}

#[derive(Debug, Clone, Default)]
enum State {
    #[default]
    Running,
    /// Verified and in the blob store.
    Committed,
    /// Failed; nothing was stored.
    Failed(Error),
}

impl Progress {
    /// Whether a reader can start: the download ended, or its size and spool are known.
    fn ready(&self) -> bool {
        !matches!(self.state, State::Running) || (self.size.is_some() && self.spool.is_some())
    }
}

impl Blobs {
    pub fn new(store: Arc<dyn BlobStore>, content: Content) -> Blobs {
        Blobs {
            store,
            content,
            running: Arc::default(),
            leases: None,
            peers: None,
            stop: tokio_util::sync::CancellationToken::new(),
        }
    }

    /// Shutdown: drops every download in flight (their partial blobs are discarded) and waits until their
    /// leaders have ended; downloads asked for after this fail.
    pub async fn stop(&self) {
        self.stop.cancel();
        let flights: Vec<_> = self
            .running
            .lock()
            .expect("flight map is never poisoned")
            .values()
            .cloned()
            .collect();
        for mut rx in flights {
            // The leader's end drops the sender; until then it publishes (at most) its failure.
            while rx.changed().await.is_ok() {}
        }
    }

    /// Shares downloads with the other replicas through `leases` (see `leases.rs`), streaming from the one
    /// downloading a blob through `peers` (see `peers.rs`).
    pub fn with_leases(
        mut self,
        leases: super::leases::Leases,
        peers: Option<super::peers::Peers>,
    ) -> Blobs {
        self.leases = Some(leases);
        self.peers = peers;
        self
    }

    /// With leases: waits while another replica downloads `digest`, or (`relay` = the client's range) streams
    /// it from that replica when it can. Says whether that replica stored it (serve it from the store), is
    /// relayed, or this replica may download it (it holds the lease now, or is alone).
    async fn elsewhere(
        &self,
        digest: &Digest,
        relay: Option<Option<ByteRange>>,
    ) -> Result<Elsewhere> {
        let Some(leases) = &self.leases else {
            return Ok(Elsewhere::Here);
        };
        // When a relay was last tried: at most one attempt per poll, however often lease changes wake us.
        let mut tried: Option<tokio::time::Instant> = None;
        // An unreachable leader is worth one warning per request, not one per attempt.
        let mut warned = false;
        loop {
            let changed = leases.changes();
            let changed = changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            // A download in flight here holds the lease already.
            if self
                .running
                .lock()
                .expect("flight map is never poisoned")
                .contains_key(digest)
            {
                return Ok(Elsewhere::Here);
            }
            if self.stored(digest).await?.is_some() {
                return Ok(Elsewhere::Stored);
            }
            match leases
                .take(digest.as_str())
                .await
                .map_err(Error::internal)?
            {
                super::leases::Holder::Me => {
                    // The holder may have committed the blob and dropped its lease since the look above.
                    if self.stored(digest).await?.is_some() {
                        if let Err(e) = leases.release(digest.as_str()).await {
                            tracing::warn!(%digest, error = %e, "could not drop a blob download lease");
                        }
                        return Ok(Elsewhere::Stored);
                    }
                    return Ok(Elsewhere::Here);
                }
                super::leases::Holder::Other {
                    leader_url: Some(url),
                } => {
                    if let (Some(range), Some(peers)) = (relay, &self.peers) {
                        if tried.is_none_or(|t| t.elapsed() >= super::leases::POLL) {
                            tried = Some(tokio::time::Instant::now());
                            match peers.relay(&url, digest, range).await {
                                Ok(Some(read)) => {
                                    tracing::info!(%digest, leader = %url, "streaming a pull-through blob from the replica downloading it");
                                    crate::metrics::pull_through_peer_relay();
                                    return Ok(Elsewhere::Relayed(read));
                                }
                                // Not (or no longer) in flight there: wait for the stored blob or the lease.
                                Ok(None) => {}
                                Err(e @ Error::RangeNotSatisfiable { .. }) => return Err(e),
                                Err(e) if !warned => {
                                    warned = true;
                                    tracing::warn!(%digest, leader = %url, error = %e, "cannot stream from the replica downloading a blob; waiting until it is stored");
                                }
                                Err(e) => {
                                    tracing::debug!(%digest, leader = %url, error = %e, "still cannot stream from the replica downloading a blob");
                                }
                            }
                        }
                    }
                }
                super::leases::Holder::Other { leader_url: None } => {}
            }
            // Another replica holds the lease: its release (or a lost feed) wakes this one; a lease that merely
            // expires wakes nobody, hence the poll.
            let _ = tokio::time::timeout(super::leases::POLL, changed).await;
        }
    }

    /// Opens blob `digest` (or `range` of it) for reading: from the store when it is there, else by joining the
    /// download in flight or starting one with `fetch` (the upstream GET).
    ///
    /// # Errors
    /// [`Error::BlobUnknown`] when the upstream has no such blob; [`Error::Upstream`] when it fails before the
    /// first byte; errors after that end the returned reader's stream instead (see the module invariants).
    pub async fn open<F, Fut>(
        &self,
        digest: &Digest,
        range: Option<ByteRange>,
        fetch: F,
    ) -> Result<BlobRead>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = std::result::Result<BlobStream, upstream::Error>> + Send + 'static,
    {
        if self.stored(digest).await?.is_none() {
            match self.elsewhere(digest, Some(range)).await? {
                Elsewhere::Here => {
                    return self
                        .read_flight(self.join(digest, fetch), digest, range)
                        .await
                }
                Elsewhere::Relayed(read) => return Ok(read),
                Elsewhere::Stored => {}
            }
        }
        crate::metrics::pull_through_hit(Kind::Blob);
        self.open_stored(digest, range).await
    }

    /// Blob `digest` (or `range` of it) read from its download in flight in this process, which is never
    /// started here: `None` when there is none (for the other replicas, see `peers.rs`).
    ///
    /// # Errors
    /// As [`Blobs::open`].
    pub async fn in_flight(
        &self,
        digest: &Digest,
        range: Option<ByteRange>,
    ) -> Result<Option<BlobRead>> {
        let rx = self
            .running
            .lock()
            .expect("flight map is never poisoned")
            .get(digest)
            .cloned();
        match rx {
            Some(rx) => self.read_flight(rx, digest, range).await.map(Some),
            None => Ok(None),
        }
    }

    /// A reader of the download whose progress `rx` publishes.
    async fn read_flight(
        &self,
        mut rx: watch::Receiver<Progress>,
        digest: &Digest,
        range: Option<ByteRange>,
    ) -> Result<BlobRead> {
        let progress = rx
            .wait_for(Progress::ready)
            .await
            .map_err(|_| abandoned())?
            .clone();
        match (progress.state, progress.spool, progress.size) {
            (State::Failed(e), _, _) => Err(e),
            (State::Committed, _, _) => self.open_stored(digest, range).await,
            (State::Running, Some(spool), Some(size)) => {
                let (offset, len) = match range {
                    Some(r) => r.resolve(size).map_err(range_error)?,
                    None => (0, size),
                };
                let source = Source {
                    spool,
                    window: progress.window.unwrap_or_default(),
                    reader: Arc::new(progress.readers.register(offset)),
                };
                let stream = follow(rx, source, offset, offset + len);
                Ok(BlobRead::new(stream, offset, len, size))
            }
            (State::Running, _, _) => {
                unreachable!("`ready` waits for size and spool while running")
            }
        }
    }

    /// Makes sure blob `digest` is in the store, joining or starting its download; returns its size.
    ///
    /// # Errors
    /// As [`Blobs::open`], including failures after the first byte.
    pub async fn complete<F, Fut>(&self, digest: &Digest, fetch: F) -> Result<u64>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = std::result::Result<BlobStream, upstream::Error>> + Send + 'static,
    {
        if let Some(size) = self.stored(digest).await? {
            crate::metrics::pull_through_hit(Kind::Blob);
            return Ok(size);
        }
        if let Elsewhere::Stored = self.elsewhere(digest, None).await? {
            if let Some(size) = self.stored(digest).await? {
                crate::metrics::pull_through_hit(Kind::Blob);
                return Ok(size);
            }
        }
        let mut rx = self.join(digest, fetch);
        let progress = rx
            .wait_for(|p| !matches!(p.state, State::Running))
            .await
            .map_err(|_| abandoned())?
            .clone();
        match progress.state {
            State::Failed(e) => Err(e),
            _ => Ok(progress.size.unwrap_or_default()),
        }
    }

    /// The progress channel of the download of `digest`, started if none is in flight.
    fn join<F, Fut>(&self, digest: &Digest, fetch: F) -> watch::Receiver<Progress>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = std::result::Result<BlobStream, upstream::Error>> + Send + 'static,
    {
        let mut running = self.running.lock().expect("flight map is never poisoned");
        if let Some(rx) = running.get(digest) {
            crate::metrics::pull_through_follower(Kind::Blob);
            return rx.clone();
        }
        crate::metrics::pull_through_miss(Kind::Blob);
        let (tx, rx) = watch::channel(Progress::default());
        running.insert(digest.clone(), rx.clone());
        let leader = self.clone();
        let digest = digest.clone();
        let fetch = fetch();
        tokio::spawn(async move { leader.lead(digest, fetch, tx).await });
        rx
    }

    /// The leader: downloads, publishes progress, commits or fails, then leaves the map.
    async fn lead(
        self,
        digest: Digest,
        fetch: impl Future<Output = std::result::Result<BlobStream, upstream::Error>>,
        tx: watch::Sender<Progress>,
    ) {
        let renewal = self.leases.clone().map(|leases| {
            let digest = digest.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(super::leases::RENEW_EVERY).await;
                    if let Err(e) = leases.take(digest.as_str()).await.map(drop) {
                        tracing::warn!(%digest, error = %e, "could not renew a blob download lease");
                    }
                }
            })
        });
        // At shutdown the transfer is dropped where it stands.
        let mut store_task = None;
        let transferred = tokio::select! {
            biased;
            () = self.stop.cancelled() => Err(Error::upstream("pulpd is shutting down")),
            r = self.transfer(&digest, fetch, &tx, &mut store_task) => r,
        };
        // A writer task still there (the transfer failed or was dropped) is ended, and its writer's drop deletes
        // the spool before the flight ends, so nothing is left behind once it did.
        if let Some(task) = store_task.take() {
            task.abort();
            let _ = task.await;
        }
        let result = match transferred {
            Ok(size) => self.record_stored(&digest, size).await.map(|()| size),
            Err(e) => Err(e),
        };
        if let Some(renewal) = renewal {
            renewal.abort();
        }
        if let Some(leases) = &self.leases {
            if let Err(e) = leases.release(digest.as_str()).await {
                tracing::warn!(%digest, error = %e, "could not release a blob download lease; it expires");
            }
        }
        match result {
            Ok(size) => {
                tracing::debug!(%digest, size, "pull-through blob stored");
                tx.send_modify(|p| {
                    p.size = Some(size);
                    p.readable = size;
                    p.state = State::Committed;
                });
            }
            Err(e) => {
                tracing::warn!(%digest, error = %e, "pull-through blob download failed; nothing was stored");
                tx.send_modify(|p| p.state = State::Failed(e));
            }
        }
        self.running
            .lock()
            .expect("flight map is never poisoned")
            .remove(&digest);
    }

    /// Streams the upstream body to the readers (through the window) and, in a task of its own, into a blob
    /// writer ([`store`]); commits after verification. Returns the size. `store_task` holds that task while it
    /// runs, so [`Blobs::lead`] can end it when this future is dropped at shutdown.
    async fn transfer(
        &self,
        digest: &Digest,
        fetch: impl Future<Output = std::result::Result<BlobStream, upstream::Error>>,
        tx: &watch::Sender<Progress>,
        store_task: &mut Option<StoreTask>,
    ) -> Result<u64> {
        // Stored between the caller's check and this flight (a flight that just ended): nothing to fetch.
        if let Some(size) = self.stored(digest).await? {
            return Ok(size);
        }
        let mut body = fetch.await.map_err(fetch_error)?;
        tracing::debug!(%digest, size = ?body.len, "fetching pull-through blob");
        let mut writer = self
            .store
            .writer(Some(digest), body.len)
            .await
            .map_err(store_error)?;
        let spool = writer.spool().await.map_err(store_error)?.map(Arc::new);
        let window = Arc::new(Mutex::new(Window::default()));
        let readers = tx.borrow().readers.clone();
        let (chunks, chunks_rx) = tokio::sync::mpsc::unbounded_channel();
        let (stored_tx, mut stored) = watch::channel(0u64);
        let task = store_task.insert(tokio::spawn(store(
            writer,
            chunks_rx,
            window.clone(),
            stored_tx,
            spool.clone(),
        )));
        tx.send_modify(|p| {
            p.size = body.len;
            p.spool = spool;
            p.window = Some(window.clone());
        });
        let publish = |received: u64, last: u64| tx.send_modify(|p| p.readable = received - last);
        let (mut received, mut last, mut unpublished) = (0u64, 0u64, 0u64);
        loop {
            // Never more than WINDOW ahead of the fastest reader, so it finds its bytes in memory and the
            // download's work is spread over the transfer instead of competing with the client's at its start.
            // With no reader (all hung up, or none but `complete` callers) the download runs free.
            if readers.too_far_behind(received) {
                if unpublished > 0 {
                    publish(received, last);
                    unpublished = 0;
                }
                readers.catch_up(received).await;
            }
            // Nor more than STORE_LAG ahead of the writer: the window holds what it has not stored yet.
            if stored
                .wait_for(|&s| received - s <= STORE_LAG)
                .await
                .is_err()
            {
                break; // The writer failed: its error is taken below.
            }
            let item = if unpublished == 0 {
                body.next().await
            } else {
                match tokio::time::timeout(PUBLISH_IDLE, body.next()).await {
                    Ok(item) => item,
                    Err(_) => {
                        // `next` is cancel safe: the upstream paused, publish what is held.
                        publish(received, last);
                        unpublished = 0;
                        body.next().await
                    }
                }
            };
            match item {
                Some(Ok(chunk)) => {
                    last = chunk.len() as u64;
                    // Readers pass on bytes the writer has not counted yet; the body itself ends with an error
                    // before a byte beyond its Content-Length, so none beyond the size readers were told.
                    received += last;
                    window
                        .lock()
                        .expect("window is never poisoned")
                        .push(chunk.clone());
                    if chunks.send(Chunk::Data(chunk)).is_err() {
                        break; // The writer failed: its error is taken below.
                    }
                    unpublished += last;
                    if unpublished >= PUBLISH_EVERY {
                        publish(received, last);
                        unpublished = 0;
                    }
                }
                // Dropping `chunks` without the end tells the writer to discard the blob.
                Some(Err(e)) => return Err(fetch_error(e)),
                None => {
                    // All but the last chunk go to the readers while the writer catches up.
                    publish(received, last);
                    chunks.send(Chunk::End).ok();
                    break;
                }
            }
        }
        drop(chunks);
        let stored = task.await;
        *store_task = None;
        let writer = stored
            .map_err(|e| Error::internal(format!("the blob writer's task failed: {e}")))??;
        // The tail goes to readers as soon as the digest matched; the fsync and rename of a large blob then
        // happen while they finish, off the clients' critical path (measured: cold 256 MiB pulls waited for it).
        let (_, size) = writer
            .commit_verified(|verified| tx.send_modify(|p| p.readable = verified))
            .await
            .map_err(store_error)?;
        Ok(size)
    }

    /// Makes the blob's record say it is stored (no on-demand source any more, its size).
    async fn record_stored(&self, digest: &Digest, size: u64) -> Result<()> {
        let existing = self.content.blob(digest.as_str()).await?;
        if existing
            .as_ref()
            .is_some_and(|b| b.on_demand.is_none() && b.size == Some(size))
        {
            return Ok(());
        }
        self.content
            .put_blob(&BlobRecord {
                digest: digest.to_string(),
                size: Some(size),
                media_type: existing.and_then(|b| b.media_type),
                on_demand: None,
                origin: None,
                created_ms: None,
            })
            .await?;
        Ok(())
    }

    async fn stored(&self, digest: &Digest) -> Result<Option<u64>> {
        self.store.contains(digest).await.map_err(store_error)
    }

    async fn open_stored(&self, digest: &Digest, range: Option<ByteRange>) -> Result<BlobRead> {
        match self.store.open(digest, range).await {
            Ok(read) => Ok(read),
            Err(crate::blobs::Error::NotFound { .. }) => Err(Error::BlobUnknown),
            Err(e @ crate::blobs::Error::RangeNotSatisfiable { .. }) => Err(range_error(e)),
            Err(e) => Err(store_error(e)),
        }
    }
}

/// What the leader hands its writer task: the next chunk, or the end of the body. A channel closed without the
/// end (the download failed or was dropped) makes the writer discard the blob.
enum Chunk {
    Data(Bytes),
    End,
}

/// The writer task of a download in flight ([`store`]): the flushed writer once the body ended.
type StoreTask = tokio::task::JoinHandle<Result<crate::blobs::BlobWriter>>;

/// The writer's side of a download, in a task of its own so that hashing and writing run beside the leader
/// instead of between its reads (the first client reads at the upstream's speed, not at the hash's): hashes
/// and writes the chunks as they come, flushes every [`PUBLISH_EVERY`] bytes, after which they are `stored`
/// (in the spool, so the window may let them go), and starts their writeback every [`WRITEBACK_EVERY`].
/// Returns the writer, flushed, at the end of the body.
async fn store(
    mut writer: crate::blobs::BlobWriter,
    mut chunks: tokio::sync::mpsc::UnboundedReceiver<Chunk>,
    window: Arc<Mutex<Window>>,
    stored: watch::Sender<u64>,
    spool: Option<Arc<std::fs::File>>,
) -> Result<crate::blobs::BlobWriter> {
    // Background writeback of what is written so far (see WRITEBACK_EVERY); at most one at a time.
    let mut writeback: Option<tokio::task::JoinHandle<()>> = None;
    let (mut written, mut unflushed, mut synced) = (0u64, 0u64, 0u64);
    while let Some(chunk) = chunks.recv().await {
        let end = match chunk {
            Chunk::Data(bytes) => {
                let len = bytes.len() as u64;
                writer.write_bytes(bytes).await.map_err(store_error)?;
                written += len;
                unflushed += len;
                if unflushed < PUBLISH_EVERY {
                    continue;
                }
                false
            }
            Chunk::End => true,
        };
        writer.flush().await.map_err(store_error)?;
        unflushed = 0;
        window
            .lock()
            .expect("window is never poisoned")
            .mark_stored(written);
        stored.send_replace(written);
        if end {
            return Ok(writer);
        }
        if written - synced >= WRITEBACK_EVERY && writeback.as_ref().is_none_or(|h| h.is_finished())
        {
            if let Some(file) = spool.clone() {
                synced = written;
                writeback = Some(tokio::task::spawn_blocking(move || {
                    // Only starts writeback early; the commit's fsync is what makes it durable, so an error
                    // here changes nothing.
                    let _ = file.sync_data();
                }));
            }
        }
    }
    Err(abandoned())
}

/// How many of the most recent bytes of a download stay in memory for its readers. A reader within this
/// distance of the download takes its bytes from memory (no copy, no blocking call); one further behind reads
/// the spool.
pub(super) const WINDOW: u64 = 16 * 1024 * 1024;

/// The most recent chunks of a download, as received (shared `Bytes`, so keeping them costs no copy).
#[derive(Debug, Default)]
struct Window {
    /// `(offset in the blob, chunk)`, consecutive and in order.
    chunks: std::collections::VecDeque<(u64, Bytes)>,
    /// Offset just past the last chunk.
    end: u64,
    /// Bytes the writer flushed to the spool: a chunk leaves only once it is there.
    stored: u64,
}

impl Window {
    /// Appends the next chunk, dropping the oldest ones beyond [`WINDOW`] bytes that are stored.
    fn push(&mut self, chunk: Bytes) {
        let len = chunk.len() as u64;
        self.chunks.push_back((self.end, chunk));
        self.end += len;
        self.prune();
    }

    /// Records that the first `stored` bytes are in the spool.
    fn mark_stored(&mut self, stored: u64) {
        self.stored = stored;
        self.prune();
    }

    fn prune(&mut self) {
        while let Some((offset, front)) = self.chunks.front() {
            let front_end = offset + front.len() as u64;
            if self.end - front_end < WINDOW || front_end > self.stored {
                break;
            }
            self.chunks.pop_front();
        }
    }

    /// Where the bytes still here start: everything before is in the spool.
    fn start(&self) -> u64 {
        self.chunks.front().map_or(self.end, |(offset, _)| *offset)
    }

    /// The bytes from `pos` up to at most `limit` (exclusive) that one chunk holds, if `pos` is still here.
    fn get(&self, pos: u64, limit: u64) -> Option<Bytes> {
        let i = match self
            .chunks
            .binary_search_by_key(&pos, |(offset, _)| *offset)
        {
            Ok(i) => i,
            Err(0) => return None,
            Err(i) => i - 1,
        };
        let (offset, chunk) = &self.chunks[i];
        let from = usize::try_from(pos - offset).ok()?;
        let to = usize::try_from(limit.min(offset + chunk.len() as u64) - offset).ok()?;
        (from < to).then(|| chunk.slice(from..to))
    }
}

/// The readers of one download: their positions, and a signal when one moves or leaves.
#[derive(Debug, Default)]
struct Readers {
    /// Each live reader's next offset; [`GONE`] once it left. Entries of dropped readers are pruned.
    positions: Mutex<Vec<std::sync::Weak<AtomicU64>>>,
    moved: Notify,
}

/// A reader's position once it left.
const GONE: u64 = u64::MAX;

impl Readers {
    fn register(self: &Arc<Self>, pos: u64) -> ReaderGuard {
        let position = Arc::new(AtomicU64::new(pos));
        self.positions
            .lock()
            .expect("readers are never poisoned")
            .push(Arc::downgrade(&position));
        ReaderGuard {
            position,
            readers: self.clone(),
        }
    }

    /// The next offset of the fastest reader still there.
    fn fastest(&self) -> Option<u64> {
        let mut positions = self.positions.lock().expect("readers are never poisoned");
        positions.retain(|p| p.strong_count() > 0);
        positions
            .iter()
            .filter_map(|p| p.upgrade())
            .map(|p| p.load(Ordering::Acquire))
            .filter(|&p| p != GONE)
            .max()
    }

    /// Whether the download, at `written`, should wait for the fastest reader.
    fn too_far_behind(&self, written: u64) -> bool {
        self.fastest()
            .is_some_and(|fastest| written.saturating_sub(fastest) > WINDOW)
    }

    /// Waits until no reader is more than [`WINDOW`] behind `written` (or none is left).
    async fn catch_up(&self, written: u64) {
        loop {
            let notified = self.moved.notified();
            tokio::pin!(notified);
            // Registered before the check, so a move in between is not missed.
            notified.as_mut().enable();
            if !self.too_far_behind(written) {
                return;
            }
            notified.await;
        }
    }
}

/// One reader's registration: its position, published as it reads; leaving marks it gone.
#[derive(Debug)]
struct ReaderGuard {
    position: Arc<AtomicU64>,
    readers: Arc<Readers>,
}

impl ReaderGuard {
    fn advance(&self, to: u64) {
        self.position.store(to, Ordering::Release);
        self.readers.moved.notify_waiters();
    }
}

impl Drop for ReaderGuard {
    fn drop(&mut self) {
        self.advance(GONE);
    }
}

/// Where a reader of a download in flight gets its bytes.
#[derive(Clone)]
struct Source {
    spool: Arc<std::fs::File>,
    window: Arc<Mutex<Window>>,
    reader: Arc<ReaderGuard>,
}

impl Source {
    /// Up to [`READ_CHUNK`] bytes from `pos` (before `limit`): from the window when they are still there,
    /// else from the spool.
    async fn read(&self, pos: u64, limit: u64) -> std::io::Result<Bytes> {
        let start = {
            let window = self.window.lock().expect("window is never poisoned");
            if let Some(bytes) = window.get(pos, limit.min(pos + READ_CHUNK as u64)) {
                return Ok(bytes);
            }
            window.start()
        };
        // Not in the window: before its start, so in the spool (a chunk leaves the window once stored).
        let n = (limit.min(start).saturating_sub(pos)).min(READ_CHUNK as u64) as usize;
        if n == 0 {
            return Err(std::io::Error::other(format!(
                "byte {pos} of a download is neither in memory nor in the spool"
            )));
        }
        let file = self.spool.clone();
        tokio::task::spawn_blocking(move || crate::blobs::read_chunk_at(&file, pos, n))
            .await
            .map_err(std::io::Error::other)?
    }
}

/// The bytes `[start, end)` of a download in flight, taken as they become readable.
fn follow(
    rx: watch::Receiver<Progress>,
    source: Source,
    start: u64,
    end: u64,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    futures::stream::try_unfold((rx, start), move |(mut rx, pos)| {
        let source = source.clone();
        async move {
            if pos >= end {
                // Done: the download need not wait for this reader any more.
                source.reader.advance(GONE);
                return Ok(None);
            }
            loop {
                let readable = {
                    let p = rx.borrow_and_update();
                    match &p.state {
                        State::Failed(e) => return Err(std::io::Error::other(e.to_string())),
                        State::Committed => p.size.unwrap_or(p.readable),
                        State::Running => p.readable,
                    }
                };
                if readable > pos {
                    let chunk = source.read(pos, readable.min(end)).await?;
                    let next = pos + chunk.len() as u64;
                    source.reader.advance(next);
                    return Ok(Some((chunk, (rx, next))));
                }
                if rx.changed().await.is_err() {
                    return Err(std::io::Error::other(abandoned().to_string()));
                }
            }
        }
    })
}

fn abandoned() -> Error {
    Error::internal("the upstream download was abandoned")
}

/// An upstream failure as the pull's error: 404 is an unknown blob, anything else the upstream's fault.
fn fetch_error(e: upstream::Error) -> Error {
    match e {
        upstream::Error::NotFound { .. } => Error::BlobUnknown,
        e => Error::upstream(e),
    }
}

/// A blob store failure: wrong bytes are the upstream's fault, the rest is local.
fn store_error(e: crate::blobs::Error) -> Error {
    match e {
        crate::blobs::Error::DigestMismatch { .. } | crate::blobs::Error::SizeMismatch { .. } => {
            Error::upstream(format!("the upstream sent a wrong blob: {e}"))
        }
        crate::blobs::Error::InsufficientStorage(e) => Error::InsufficientStorage(e),
        e => Error::internal(e),
    }
}

fn range_error(e: crate::blobs::Error) -> Error {
    match e {
        crate::blobs::Error::RangeNotSatisfiable { size } => Error::RangeNotSatisfiable { size },
        e => Error::internal(e),
    }
}

#[cfg(test)]
mod window_tests {
    use super::*;

    #[test]
    fn the_window_keeps_the_latest_bytes_and_slices_them_without_copying() {
        let mut window = Window::default();
        let chunk = |i: u8| Bytes::from(vec![i; 1024 * 1024]);
        let total = WINDOW / (1024 * 1024) + 4;
        for i in 0..total {
            window.push(chunk(i as u8));
        }
        let end = total * 1024 * 1024;
        // Nothing is in the spool yet, so every chunk is still here.
        assert_eq!(window.start(), 0);
        assert!(window.get(0, end).is_some());
        // Stored up to 2 MiB: the first two chunks may go, not the third, though it is beyond WINDOW too.
        window.mark_stored(2 * 1024 * 1024 + 1);
        assert_eq!(window.start(), 2 * 1024 * 1024);
        assert_eq!(window.get(0, end), None);
        window.mark_stored(end);
        // All stored: the oldest chunks are gone; what is kept covers at least WINDOW bytes up to the end.
        assert_eq!(window.start(), end - WINDOW);
        assert_eq!(window.get(0, end), None);
        assert!(window.get(end - WINDOW, end).is_some());
        // A read within one chunk is a slice of it, cut at the limit.
        let pos = end - 1024 * 1024 + 10;
        let got = window.get(pos, pos + 100).unwrap();
        assert_eq!(got.len(), 100);
        assert!(got.iter().all(|&b| b == (total - 1) as u8));
        // A read crossing chunks stops at the chunk's end.
        let pos = end - 2 * 1024 * 1024 + 5;
        assert_eq!(window.get(pos, end).unwrap().len(), 1024 * 1024 - 5);
        // Nothing past the end, nothing for an empty range.
        assert_eq!(window.get(end, end + 10), None);
        assert_eq!(window.get(end - 10, end - 10), None);
    }

    #[tokio::test]
    async fn the_download_waits_for_the_fastest_reader_and_not_for_one_that_left() {
        let readers = Arc::new(Readers::default());
        // No reader: the download runs free.
        assert!(!readers.too_far_behind(10 * WINDOW));
        let slow = readers.register(0);
        let fast = readers.register(WINDOW);
        // The fast reader decides: 2×WINDOW written is WINDOW ahead of it, which is allowed; one more byte not.
        assert!(!readers.too_far_behind(2 * WINDOW));
        assert!(readers.too_far_behind(2 * WINDOW + 1));
        let waiting = tokio::spawn({
            let readers = readers.clone();
            async move { readers.catch_up(2 * WINDOW + 1).await }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        fast.advance(WINDOW + 1);
        tokio::time::timeout(Duration::from_secs(10), waiting)
            .await
            .expect("a reader moving on wakes the download")
            .unwrap();
        // A reader that leaves no longer holds the download back, however far behind it was.
        let waiting = tokio::spawn({
            let readers = readers.clone();
            async move { readers.catch_up(5 * WINDOW).await }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        drop(fast);
        tokio::task::yield_now().await;
        assert!(
            !waiting.is_finished(),
            "the slow reader is still there, too far behind"
        );
        drop(slow);
        tokio::time::timeout(Duration::from_secs(10), waiting)
            .await
            .expect("the last reader leaving frees the download")
            .unwrap();
        assert!(readers.fastest().is_none());
    }
}
