//! The layer every [`Store`](super::Store) puts in front of its backend: a read cache for the tables the
//! domain marks ([`Store::cache_reads`](super::Store::cache_reads)) and a change feed
//! ([`Store::changes`](super::Store::changes)) that wakes waiters when a table changes, here or on another
//! replica.
//!
//! # What is cached
//! On a shared backend (PostgreSQL), `get` and `lookup` answers of marked tables, absent ones included (a pull-through name misses the
//! distributions' base path index on every request). A manifest GET on PostgreSQL then reads memory instead of
//! making four database round trips. Scans, counts and updates always go to the backend: the cache never
//! decides a write.
//!
//! # Staying correct
//! - A write through this store removes what it changed (the record, and every cached lookup of its table)
//!   after the backend returns. The replica that wrote reads its own write at once.
//! - Writes by other processes arrive as [`Notice`]s from the backend's feed (PostgreSQL: LISTEN/NOTIFY, one
//!   notification per changed record, sent by a trigger at commit). The other replicas drop the entry when it
//!   arrives, typically well under a millisecond after the commit. Until then they may answer the value from
//!   before it, as any read that started just before the commit would have.
//! - A read that raced with a change must not put the older value back. Each table has a *generation*, bumped
//!   by every change. A value read from the backend is cached only if the generation is still the one seen
//!   before the read: a change that landed in between, from here or by notification, leaves nothing stale.
//! - A shared backend is trusted only while its feed is connected ([`Notice::Resumed`] until [`Notice::Lost`]).
//!   While it is down, reads go to the backend and nothing is cached; each edge empties the cache. A backend
//!   no other process writes to (sled) needs no feed.
//!
//! Memory is bounded per table by [`MAX_ENTRIES`] and [`MAX_BYTES`]: a record inserted beyond them evicts an
//! arbitrary one; lookups beyond them are all dropped.

use super::{BoxFuture, GroupsOf, IndexEntry, MetadataStore, Mutation, Range, Result, Row};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, Weak};
use tokio::sync::Notify;

/// Cached records (and, separately, lookups) per table at most.
pub const MAX_ENTRIES: usize = 16_384;

/// Bytes of cached values per table at most (a few thousand manifests).
pub const MAX_BYTES: usize = 16 << 20;

/// What a backend's change feed reports.
#[derive(Debug, Clone, Copy)]
pub enum Notice<'a> {
    /// Another process changed record `key` of `table` (`None`: some records of it).
    Changed {
        table: &'a str,
        key: Option<&'a str>,
    },
    /// The feed is connected: changes from now on will be reported.
    Resumed,
    /// The feed was lost: changes may go unreported until [`Notice::Resumed`].
    Lost,
}

/// Reads a marked table's generation without a lock, for the decoded records a `Table` remembers (`memo.rs`).
#[derive(Clone)]
pub struct Stamps {
    generation: Arc<AtomicU64>,
    synced: Arc<AtomicBool>,
}

impl Stamps {
    /// The table's generation now, when changes to it are heard (always on a backend no one else writes;
    /// while the feed is connected on a shared one).
    pub fn current(&self) -> Option<u64> {
        if !self.synced.load(Ordering::SeqCst) {
            return None;
        }
        Some(self.generation.load(Ordering::SeqCst))
    }
}

/// Where a backend's feed reports to; the feed stops once this is gone.
pub type NoticeSink = Weak<dyn Fn(Notice<'_>) + Send + Sync>;

/// What is cached of one table.
#[derive(Default)]
struct TableCache {
    /// Bumped by every change of the table (see the module doc); changed under the table's lock, read without
    /// it by [`Stamps`].
    generation: Arc<AtomicU64>,
    records: HashMap<String, Option<Arc<[u8]>>>,
    /// Index → value → key (`None`: no record holds the value).
    lookups: HashMap<String, HashMap<String, Option<String>>>,
    lookup_count: usize,
    bytes: usize,
}

impl TableCache {
    fn forget(&mut self, key: Option<&str>) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        match key {
            Some(key) => {
                if let Some(Some(v)) = self.records.remove(key) {
                    self.bytes -= v.len();
                }
            }
            None => {
                self.records.clear();
                self.bytes = 0;
            }
        }
        // An index value may have moved to or from this record: its lookups are no longer known.
        self.lookups.clear();
        self.lookup_count = 0;
    }

    fn cached_lookup(&self, index: &str, value: &str) -> Option<&Option<String>> {
        self.lookups.get(index)?.get(value)
    }

    fn insert_record(&mut self, key: &str, value: Option<Arc<[u8]>>) {
        let len = value.as_ref().map_or(0, |v| v.len());
        if len > MAX_BYTES / 16 {
            return;
        }
        while self.records.len() >= MAX_ENTRIES || self.bytes + len > MAX_BYTES {
            let Some(victim) = self.records.keys().next().cloned() else {
                break;
            };
            if let Some(Some(v)) = self.records.remove(&victim) {
                self.bytes -= v.len();
            }
        }
        if let Some(Some(old)) = self.records.insert(key.to_owned(), value) {
            self.bytes -= old.len();
        }
        self.bytes += len;
    }

    fn insert_lookup(&mut self, index: &str, value: &str, key: Option<String>) {
        if self.lookup_count >= MAX_ENTRIES {
            self.lookups.clear();
            self.lookup_count = 0;
        }
        let values = self.lookups.entry(index.to_owned()).or_default();
        if values.insert(value.to_owned(), key).is_none() {
            self.lookup_count += 1;
        }
    }
}

/// The cache and the waiters, shared by the layer and the backend's feed.
struct State {
    /// Whether cached values may be answered (see the module doc).
    synced: Arc<AtomicBool>,
    tables: RwLock<HashMap<String, Arc<Mutex<TableCache>>>>,
    watchers: Mutex<HashMap<String, Arc<Notify>>>,
}

impl State {
    fn table(&self, table: &str) -> Option<Arc<Mutex<TableCache>>> {
        self.tables
            .read()
            .expect("cache map is never poisoned")
            .get(table)
            .cloned()
    }

    /// Record `key` of `table` changed (`None`: any of its records).
    fn changed(&self, table: &str, key: Option<&str>) {
        if let Some(t) = self.table(table) {
            t.lock().expect("table cache is never poisoned").forget(key);
        }
        if let Some(n) = self
            .watchers
            .lock()
            .expect("watchers are never poisoned")
            .get(table)
        {
            n.notify_waiters();
        }
    }

    /// Every table may have changed: empties the cache and wakes every waiter.
    fn everything_changed(&self) {
        for t in self
            .tables
            .read()
            .expect("cache map is never poisoned")
            .values()
        {
            t.lock()
                .expect("table cache is never poisoned")
                .forget(None);
        }
        for n in self
            .watchers
            .lock()
            .expect("watchers are never poisoned")
            .values()
        {
            n.notify_waiters();
        }
    }

    fn notice(&self, notice: Notice<'_>) {
        match notice {
            Notice::Changed { table, key } => self.changed(table, key),
            Notice::Resumed => {
                self.everything_changed();
                self.synced.store(true, Ordering::SeqCst);
                tracing::debug!("metadata change feed connected; cached reads on");
            }
            Notice::Lost => {
                self.synced.store(false, Ordering::SeqCst);
                self.everything_changed();
                tracing::warn!(
                    "metadata change feed lost; reading through to the database until it is back"
                );
            }
        }
    }
}

/// A backend with the read cache and change feed in front of it.
pub struct Layer {
    inner: Arc<dyn MetadataStore>,
    state: Arc<State>,
    /// Keeps the feed's sink alive as long as the layer.
    _sink: Arc<dyn Fn(Notice<'_>) + Send + Sync>,
}

impl Layer {
    /// The layer over `inner`, subscribing to its feed when it is shared.
    pub fn new(inner: Arc<dyn MetadataStore>) -> Layer {
        let state = Arc::new(State {
            synced: Arc::new(AtomicBool::new(!inner.shared())),
            tables: RwLock::default(),
            watchers: Mutex::default(),
        });
        let feed_state = Arc::downgrade(&state);
        let sink: Arc<dyn Fn(Notice<'_>) + Send + Sync> = Arc::new(move |n: Notice<'_>| {
            if let Some(s) = feed_state.upgrade() {
                s.notice(n);
            }
        });
        if inner.shared() && !inner.feed(Arc::downgrade(&sink)) {
            tracing::info!(
                backend = inner.kind(),
                "the metadata backend has no change feed; reads are not cached"
            );
        }
        Layer {
            inner,
            state,
            _sink: sink,
        }
    }

    /// Caches `get` and `lookup` answers of `table` from now on, on a shared backend: an embedded one (sled)
    /// answers from its own page cache without a round trip, so a copy here would only cost memory.
    ///
    /// On every backend the table gets a generation from now on, which [`Stamps`] read (for the
    /// decoded records a `Table` keeps, `memo.rs`).
    pub fn cache_reads(&self, table: &str) {
        self.state
            .tables
            .write()
            .expect("cache map is never poisoned")
            .entry(table.to_owned())
            .or_default();
    }

    /// Woken (`notify_waiters`) whenever a record of `table` changes, here or (with a feed) elsewhere, and
    /// when the feed reconnects. Waiters still look again now and then: a wakeup is a hint, not a promise.
    pub fn changes(&self, table: &str) -> Arc<Notify> {
        self.state
            .watchers
            .lock()
            .expect("watchers are never poisoned")
            .entry(table.to_owned())
            .or_default()
            .clone()
    }

    /// The table's cache, when its reads may be answered from it now.
    fn usable(&self, table: &str) -> Option<Arc<Mutex<TableCache>>> {
        if !self.inner.shared() || !self.state.synced.load(Ordering::SeqCst) {
            return None;
        }
        self.state.table(table)
    }
}

impl MetadataStore for Layer {
    fn prepare(&self, table: &'static str, indexes: &[&'static str]) -> Result<()> {
        self.inner.prepare(table, indexes)
    }

    fn get<'a>(&'a self, table: &'a str, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            let Some(cache) = self.usable(table) else {
                return self.inner.get(table, key).await;
            };
            let generation = {
                let c = cache.lock().expect("table cache is never poisoned");
                if let Some(v) = c.records.get(key) {
                    return Ok(v.as_deref().map(<[u8]>::to_vec));
                }
                c.generation.load(Ordering::SeqCst)
            };
            let value = self.inner.get(table, key).await?;
            let mut c = cache.lock().expect("table cache is never poisoned");
            if c.generation.load(Ordering::SeqCst) == generation
                && self.state.synced.load(Ordering::SeqCst)
            {
                c.insert_record(key, value.as_deref().map(Arc::from));
            }
            Ok(value)
        })
    }

    fn lookup<'a>(
        &'a self,
        table: &'a str,
        index: &'a str,
        value: &'a str,
    ) -> BoxFuture<'a, Result<Option<String>>> {
        Box::pin(async move {
            let Some(cache) = self.usable(table) else {
                return self.inner.lookup(table, index, value).await;
            };
            let generation = {
                let c = cache.lock().expect("table cache is never poisoned");
                if let Some(k) = c.cached_lookup(index, value) {
                    return Ok(k.clone());
                }
                c.generation.load(Ordering::SeqCst)
            };
            let key = self.inner.lookup(table, index, value).await?;
            let mut c = cache.lock().expect("table cache is never poisoned");
            if c.generation.load(Ordering::SeqCst) == generation
                && self.state.synced.load(Ordering::SeqCst)
            {
                c.insert_lookup(index, value, key.clone());
            }
            Ok(key)
        })
    }

    fn update<'a>(
        &'a self,
        table: &'a str,
        key: &'a str,
        mutation: &'a mut dyn Mutation,
    ) -> BoxFuture<'a, Result<bool>> {
        Box::pin(async move {
            let result = self.inner.update(table, key, mutation).await;
            // An error may still have committed (a connection lost after COMMIT): forget the record then too.
            if !matches!(result, Ok(false)) {
                self.state.changed(table, Some(key));
            }
            result
        })
    }

    fn scan<'a>(&'a self, table: &'a str, range: &'a Range) -> BoxFuture<'a, Result<Vec<Row>>> {
        self.inner.scan(table, range)
    }

    fn scan_index<'a>(
        &'a self,
        table: &'a str,
        index: &'a str,
        range: &'a Range,
    ) -> BoxFuture<'a, Result<Vec<IndexEntry>>> {
        self.inner.scan_index(table, index, range)
    }

    fn count<'a>(
        &'a self,
        table: &'a str,
        group: &'a str,
        groups_of: GroupsOf<'a>,
    ) -> BoxFuture<'a, Result<u64>> {
        self.inner.count(table, group, groups_of)
    }

    fn flush(&self) -> BoxFuture<'_, Result<()>> {
        self.inner.flush()
    }

    fn close(&self) -> BoxFuture<'_, Result<()>> {
        self.inner.close()
    }

    fn failure(&self) -> Option<String> {
        self.inner.failure()
    }

    fn failed(&self) -> BoxFuture<'static, ()> {
        self.inner.failed()
    }

    fn kind(&self) -> &'static str {
        self.inner.kind()
    }

    fn shared(&self) -> bool {
        self.inner.shared()
    }

    fn feed(&self, _sink: NoticeSink) -> bool {
        // The layer is the feed's consumer, not another source.
        false
    }

    fn stamps(&self, table: &str) -> Option<Stamps> {
        let t = self.state.table(table)?;
        let generation = t
            .lock()
            .expect("table cache is never poisoned")
            .generation
            .clone();
        Some(Stamps {
            generation,
            synced: self.state.synced.clone(),
        })
    }
}
