//! Metadata storage: the narrow, asynchronous interface the domain uses, with one backend per file.
//!
//! Two layers:
//! - [`MetadataStore`], the trait a backend implements, speaks bytes: records are values under string keys in
//!   named tables, plus unique indexes (index value → key). Its one write primitive, [`MetadataStore::update`],
//!   is a read-modify-write of one record: the backend reads the stored value, asks a [`Mutation`] what to
//!   write, and applies the record and its index changes atomically with respect to other writers of that
//!   record, refusing an index value another record holds ([`Error::Conflict`]). That is the compare-and-swap
//!   the domain builds on; uniqueness is the backend's job, never an in-process lock of the domain.
//! - [`Store`] and [`Table`], what the domain holds: typed records (JSON, serde; readable in any dump and
//!   tolerant of added optional fields; one choice for every table) with async `get`/`put`/`update`/`remove`,
//!   lookups by unique index and paged scans ([`Scan`]), so no backend type appears outside its file.
//!
//! Keys sort bytewise in every backend, and record ids are UUIDv7 strings that sort by creation time, so
//! "newest first" is a reverse range scan and a page never needs the whole table in memory.
//!
//! Between the backend and [`Store`], a layer (`cache.rs`) caches reads of the tables the domain marks and wakes waiters on
//! changes, kept correct across replicas by the backend's change feed.
//!
//! Backends: [`sled`](self::sled) (the embedded default, one process per data dir) and
//! [`postgres`](self::postgres) (`--metadata postgres://…`, shared by replicas). Both pass the conformance
//! suite in [`testsuite`]. Durability: callers that answer a client call [`Store::flush`] first; sled then
//! makes its log durable (group commit), PostgreSQL commits are durable already.
//!
//! # A failing database
//! A backend error that the process cannot recover from (sled's global I/O error, see `sled.rs`) marks the
//! store failed ([`Store::failure`], [`Store::failed`]): `/status/` reports it, the HTTP guard answers 503 to
//! everything but `/status/`, and `serve` exits non-zero so a supervisor restarts pulpd on the durable state. A
//! database that is only unreachable for a while (PostgreSQL restarting) answers [`Error::Unavailable`] (503)
//! to the requests that need it and nothing more.

mod cache;
mod memo;
mod sled;

pub use cache::{Notice, NoticeSink, Stamps};
pub use memo::Memo;

pub mod postgres;
pub mod testsuite;

use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed, sendable future: the return type of [`MetadataStore`] methods (no `async-trait`, as in `blobs`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Errors of the metadata store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A unique index already holds the value (for another record).
    #[error("{index} {value:?} is already taken")]
    Conflict { index: String, value: String },
    /// The database failed for good; pulpd stops so that its supervisor restarts it (see [`Store::failure`]).
    #[error("metadata store failed: {cause}")]
    Failed { cause: String },
    /// The database cannot be reached now (a PostgreSQL restart); a later request may succeed.
    #[error("metadata store unavailable: {cause}")]
    Unavailable { cause: String },
    /// The database answered with an error that is not about availability (a bug, a schema mismatch).
    #[error("metadata store: {cause}")]
    Backend { cause: String },
    /// A stored value does not decode: a bug or a corrupted record.
    #[error("metadata record {key:?} in {table} does not decode: {cause}")]
    Corrupt {
        table: &'static str,
        key: String,
        cause: serde_json::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// Sort order of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Ascending by key.
    Asc,
    /// Descending by key.
    Desc,
}

/// What a scan reads: keys (or index values) starting with `prefix`, after the cursor `after` (exclusive, in
/// the scan's order), the first `skip` of them left out, at most `limit`.
///
/// `skip` is how a page at offset N seeks: the backend steps over N keys without reading their records out
/// (sled walks its keys, PostgreSQL uses `OFFSET` on its primary key index), so the cost does not depend on
/// what follows in the table.
#[derive(Debug, Clone)]
pub struct Range {
    pub prefix: String,
    pub after: Option<String>,
    pub order: Order,
    pub skip: usize,
    pub limit: usize,
}

/// The counting group of a whole table (see [`Change`]); a partition's group is its name.
pub const ALL: &str = "";

/// Changes of maintained counts: `(group, delta)`, the group [`ALL`] or a partition's name
/// ([`Record::partition`]).
pub type Counts = Vec<(String, i64)>;

/// What a backend reading a table once (to count it) learns from one stored value: the counting groups it is
/// in and the index entries `(index, value)` it holds.
#[derive(Debug, Default)]
pub struct Derived {
    pub groups: Vec<String>,
    pub entries: Vec<(&'static str, String)>,
}

/// How a backend derives [`Derived`] from a stored value.
pub type GroupsOf<'a> = &'a (dyn Fn(&[u8]) -> Derived + Send + Sync);

/// One record as a backend returns it: its key and its value.
pub type Row = (String, Vec<u8>);

/// One index entry: the indexed value and the key of the record holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub value: String,
    pub key: String,
}

/// What an [`MetadataStore::update`] writes, decided from the stored value.
#[derive(Debug)]
pub enum Change {
    /// Write nothing.
    Keep,
    /// Store `value`, claim each `(index, value)` of `claim` for this key and release each of `release` that
    /// this key holds; add `counts` to the maintained counts, with the write.
    Put {
        value: Vec<u8>,
        claim: Vec<(&'static str, String)>,
        release: Vec<(&'static str, String)>,
        counts: Counts,
    },
    /// Remove the record and release the index values it holds; add `counts` to the maintained counts.
    Delete {
        release: Vec<(&'static str, String)>,
        counts: Counts,
    },
}

/// The decision of an update, asked by the backend with the value it holds (and, in a backend whose indexes
/// can go stale, whether a record still holds an index value).
pub trait Mutation: Send {
    /// What to write, given the stored value (`None`: no record).
    ///
    /// # Errors
    /// Whatever the caller decides; nothing is written then. A backend may call this more than once (a retried
    /// transaction), always with the value it read last.
    fn apply(&mut self, current: Option<&[u8]>) -> Result<Change>;
    /// Whether the stored record `record` has `value` for unique index `index` (see `sled.rs`: an entry is only
    /// believed when its record agrees).
    fn holds(&self, record: &[u8], index: &str, value: &str) -> bool;
}

/// A metadata backend. Every method is atomic on its own; [`MetadataStore::update`] is the only write.
pub trait MetadataStore: Send + Sync + 'static {
    /// Declares table `table` and its unique indexes, creating what the backend needs (once, at start).
    ///
    /// # Errors
    /// The backend cannot create them.
    fn prepare(&self, table: &'static str, indexes: &[&'static str]) -> Result<()>;

    /// The value stored under `key`.
    fn get<'a>(&'a self, table: &'a str, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>>;

    /// The key that unique index `index` maps `value` to (a backend may return an entry whose record no longer
    /// holds the value; [`Table`] checks).
    fn lookup<'a>(
        &'a self,
        table: &'a str,
        index: &'a str,
        value: &'a str,
    ) -> BoxFuture<'a, Result<Option<String>>>;

    /// Reads the record `key`, asks `mutation` what to write and writes it, atomically with respect to every
    /// other update of `key`. Returns whether something was written.
    ///
    /// # Errors
    /// [`Error::Conflict`] when a claimed index value is held by another record (nothing is written); errors of
    /// the mutation; backend errors.
    fn update<'a>(
        &'a self,
        table: &'a str,
        key: &'a str,
        mutation: &'a mut dyn Mutation,
    ) -> BoxFuture<'a, Result<bool>>;

    /// Records (key, value) in `range`, in its order.
    fn scan<'a>(&'a self, table: &'a str, range: &'a Range) -> BoxFuture<'a, Result<Vec<Row>>>;

    /// Entries of unique index `index` whose values are in `range`, in its order.
    fn scan_index<'a>(
        &'a self,
        table: &'a str,
        index: &'a str,
        range: &'a Range,
    ) -> BoxFuture<'a, Result<Vec<IndexEntry>>>;

    /// Number of records of `table` in counting group `group` ([`ALL`] or a partition), maintained by every
    /// update's `counts` rather than recomputed. A backend whose counts are not known yet (sled after a start,
    /// PostgreSQL for a table counted for the first time) computes them once from the records, with
    /// `groups_of`, atomically with respect to updates.
    fn count<'a>(
        &'a self,
        table: &'a str,
        group: &'a str,
        groups_of: GroupsOf<'a>,
    ) -> BoxFuture<'a, Result<u64>>;

    /// Makes every write made before this call durable.
    fn flush(&self) -> BoxFuture<'_, Result<()>>;

    /// A clean stop, after the last write: makes every write durable and keeps what the next start needs
    /// (sled: the counts it holds in memory). A write after it undoes what it kept, so it is never wrong.
    fn close(&self) -> BoxFuture<'_, Result<()>> {
        self.flush()
    }

    /// Why the database failed for good, once it did; `None` while it works.
    fn failure(&self) -> Option<String> {
        None
    }

    /// Resolves once the database failed for good (never, by default).
    fn failed(&self) -> BoxFuture<'static, ()> {
        Box::pin(std::future::pending())
    }

    /// The backend's name for logs and `/status/` (`sled`, `postgres`).
    fn kind(&self) -> &'static str;

    /// Whether other processes may use the same database (replicas); false when it is this process's alone.
    fn shared(&self) -> bool;

    /// Starts reporting other processes' changes to `sink` (until it is gone), for a shared backend; returns
    /// whether it will. A shared backend without a feed gets no read cache (see `cache.rs`).
    fn feed(&self, _sink: NoticeSink) -> bool {
        false
    }

    /// The generation of `table`, for remembering what was read of it (see `memo.rs`), when the table is
    /// marked ([`Store::cache_reads`]); `None` (the default): nothing is remembered.
    fn stamps(&self, _table: &str) -> Option<Stamps> {
        None
    }
}

/// The database the domain holds: opens tables, flushes, reports health; caches reads of the tables marked
/// with [`Store::cache_reads`] and tells waiters of changes ([`Store::changes`]), see `cache.rs`.
#[derive(Clone)]
pub struct Store {
    /// The backend behind the cache layer (what tables use).
    backend: Arc<dyn MetadataStore>,
    layer: Arc<cache::Layer>,
}

impl Store {
    /// Opens (or creates) the embedded sled database in `dir`.
    ///
    /// # Errors
    /// sled cannot open it (held by another process, unreadable).
    pub fn open(dir: &Path) -> Result<Store> {
        Ok(Store::new(Arc::new(sled::SledStore::open(dir)?)))
    }

    /// Connects to the PostgreSQL database at `url`, applying pending schema migrations.
    ///
    /// # Errors
    /// A malformed URL, an unreachable database or a failed migration.
    pub async fn connect_postgres(url: &str) -> Result<Store> {
        Ok(Store::new(Arc::new(
            postgres::PostgresStore::connect(url).await?,
        )))
    }

    /// A store over `backend` (subscribing to its change feed when it is shared: call it inside a runtime).
    pub fn new(backend: Arc<dyn MetadataStore>) -> Store {
        let layer = Arc::new(cache::Layer::new(backend));
        Store {
            backend: layer.clone(),
            layer,
        }
    }

    /// Answers `get` and unique-index lookups of `table` from memory from now on when the backend is shared
    /// (an embedded one needs no round trip), kept correct across replicas by the backend's change feed (see
    /// `cache.rs`). For tables read on hot paths and written rarely (distributions, repositories, manifests).
    pub fn cache_reads(&self, table: &str) {
        self.layer.cache_reads(table);
    }

    /// Woken whenever a record of `table` changes, in this process or (on a shared backend) in another one.
    /// A hint that saves polling, not a promise: waiters still look again now and then.
    pub fn changes(&self, table: &str) -> Arc<tokio::sync::Notify> {
        self.layer.changes(table)
    }

    /// The backend (for the conformance suite and `/status/`).
    pub fn backend(&self) -> &dyn MetadataStore {
        &*self.backend
    }

    /// Why the database failed, once it did (see the module doc); `None` while it works.
    pub fn failure(&self) -> Option<String> {
        self.backend.failure()
    }

    /// Resolves once the database failed.
    pub fn failed(&self) -> BoxFuture<'static, ()> {
        self.backend.failed()
    }

    /// Opens the table `name` with the given unique indexes.
    ///
    /// # Errors
    /// The backend cannot create it.
    pub fn table<T>(&self, name: &'static str, indexes: &[&'static str]) -> Result<Table<T>> {
        self.backend.prepare(name, indexes)?;
        Ok(Table {
            name,
            indexes: indexes.to_vec().into(),
            backend: self.backend.clone(),
            memo: Arc::new(memo::Memo::new()),
            stamps: Arc::default(),
        })
    }

    /// Opens the table `name` of raw byte values (such as manifest bytes), without indexes.
    ///
    /// # Errors
    /// The backend cannot create it.
    pub fn bytes_table(&self, name: &'static str) -> Result<BytesTable> {
        self.backend.prepare(name, &[])?;
        Ok(BytesTable {
            name,
            backend: self.backend.clone(),
            memo: Arc::new(memo::Memo::weighed(bytes::Bytes::len)),
            stamps: Arc::default(),
        })
    }

    /// Makes every write made before this call durable.
    ///
    /// # Errors
    /// The backend could not make them durable.
    pub async fn flush(&self) -> Result<()> {
        self.backend.flush().await
    }

    /// A clean stop, after the last write (see [`MetadataStore::close`]).
    ///
    /// # Errors
    /// The backend could not make the writes durable.
    pub async fn close(&self) -> Result<()> {
        self.backend.close().await
    }
}

/// A record type stored in a [`Table`]: it knows its id, the values of its unique indexes and the partition
/// it is counted in.
pub trait Record: Serialize + DeserializeOwned + Clone + Send + Sync {
    fn id(&self) -> &str;
    /// The value of unique index `index` (one of the names the table was opened with); `None` = not indexed.
    fn index_value(&self, _index: &str) -> Option<String> {
        None
    }
    /// The partition of the table this record belongs to (a kind, when several collections share a table),
    /// whose size [`Table::count_partition`] answers without a scan; `None`: none. Never empty, and never
    /// changed for stored records without a migration (a backend may keep counts computed with it).
    fn partition(&self) -> Option<&str> {
        None
    }
}

/// The value of a partition index (one the domain declares to walk a partition in order): the partition, a
/// `/`, the value (an id for creation order, a name for name order).
pub fn partition_value(partition: &str, value: &str) -> String {
    format!("{partition}/{value}")
}

/// The counting groups a record is in: [`ALL`], and its partition.
fn groups<T: Record>(record: &T) -> Vec<String> {
    let mut g = vec![ALL.to_owned()];
    g.extend(record.partition().map(str::to_owned));
    g
}

/// The count changes of replacing `old` by `new` (either absent).
fn count_changes<T: Record>(old: Option<&T>, new: Option<&T>) -> Counts {
    let mut out: Counts = Vec::new();
    for (record, delta) in [(old, -1), (new, 1)] {
        for g in record.map(groups).unwrap_or_default() {
            match out.iter_mut().find(|(k, _)| *k == g) {
                Some((_, d)) => *d += delta,
                None => out.push((g, delta)),
            }
        }
    }
    out.retain(|(_, d)| *d != 0);
    out
}

/// The count changes of a raw value replacing `old` (bytes tables have no partitions).
fn bytes_count_changes(existed: bool, exists: bool) -> Counts {
    match (existed, exists) {
        (false, true) => vec![(ALL.to_owned(), 1)],
        (true, false) => vec![(ALL.to_owned(), -1)],
        _ => Vec::new(),
    }
}

/// The generation of `table` now (see [`Table::stamp`]), its [`Stamps`] kept in `kept` once it is marked.
fn stamp(
    backend: &dyn MetadataStore,
    table: &str,
    kept: &std::sync::OnceLock<Stamps>,
) -> Option<u64> {
    if let Some(stamps) = kept.get() {
        return stamps.current();
    }
    // Looked up until the table is marked (usually before it is opened), then kept.
    let stamps = backend.stamps(table)?;
    let _ = kept.set(stamps.clone());
    stamps.current()
}

/// One typed table of records and its unique indexes.
pub struct Table<T> {
    name: &'static str,
    indexes: Arc<[&'static str]>,
    backend: Arc<dyn MetadataStore>,
    /// Decoded records read last, when the table is marked ([`Store::cache_reads`]); shared by clones.
    memo: Arc<memo::Memo<T>>,
    stamps: Arc<std::sync::OnceLock<Stamps>>,
}

impl<T> Clone for Table<T> {
    fn clone(&self) -> Self {
        Table {
            name: self.name,
            indexes: self.indexes.clone(),
            backend: self.backend.clone(),
            memo: self.memo.clone(),
            stamps: self.stamps.clone(),
        }
    }
}

/// How many records a [`Scan`] reads per backend call.
const SCAN_PAGE: usize = 256;

/// The store's own bookkeeping (which indexes [`Table::build_indexes`] built).
const META_TABLE: &str = "store_meta";

impl<T: Record> Table<T> {
    /// The table's generation, when what is read of it may be remembered (see `memo.rs`): it changes after
    /// every write to the table, here or on another replica. `None` when the table is not marked
    /// ([`Store::cache_reads`]) or its changes may go unheard now.
    pub fn stamp(&self) -> Option<u64> {
        stamp(&*self.backend, self.name, &self.stamps)
    }

    /// The record with `id`.
    pub async fn get(&self, id: &str) -> Result<Option<T>> {
        let stamp = self.stamp();
        if let Some(record) = stamp.and_then(|s| self.memo.get(s, id)) {
            return Ok(Some(record));
        }
        let Some(v) = self.backend.get(self.name, id).await? else {
            return Ok(None);
        };
        let record = self.decode(id, &v)?;
        if let Some(s) = stamp {
            self.memo.put(s, id, record.clone());
        }
        Ok(Some(record))
    }

    /// The id that unique index `index` maps `value` to, when that record still has that value.
    pub async fn id_by(&self, index: &str, value: &str) -> Result<Option<String>> {
        Ok(self.get_by(index, value).await?.map(|r| r.id().to_owned()))
    }

    /// The record that unique index `index` maps `value` to.
    pub async fn get_by(&self, index: &str, value: &str) -> Result<Option<T>> {
        let stamp = self.stamp();
        let id = match stamp.and_then(|s| self.memo.lookup(s, index, value)) {
            Some(id) => id,
            None => {
                let id = self.backend.lookup(self.name, index, value).await?;
                if let Some(s) = stamp {
                    self.memo.put_lookup(s, index, value, id.clone());
                }
                id
            }
        };
        let Some(id) = id else {
            return Ok(None);
        };
        Ok(self
            .get(&id)
            .await?
            .filter(|r| r.index_value(index).as_deref() == Some(value)))
    }

    /// Inserts or replaces `record`, moving its index entries from the stored version's values to its own.
    ///
    /// # Errors
    /// [`Error::Conflict`] when another record holds one of the new index values; nothing is written then.
    pub async fn put(&self, record: &T) -> Result<()> {
        self.update(record.id(), |_| Some(Write::Put(record.clone())))
            .await
            .map(drop)
    }

    /// Inserts `record` unless a record with its id exists; returns whether it was inserted.
    ///
    /// # Errors
    /// [`Error::Conflict`] as for [`Table::put`].
    pub async fn insert(&self, record: &T) -> Result<bool> {
        let mut inserted = false;
        self.update(record.id(), |current| {
            inserted = current.is_none();
            inserted.then(|| Write::Put(record.clone()))
        })
        .await?;
        Ok(inserted)
    }

    /// Read-modify-write of record `id`, atomic with respect to every other write of it (the compare-and-swap
    /// of the store): `decide` gets the stored record and says what to write (`None`: nothing). It may run
    /// more than once (a retried transaction); only its last decision counts. Returns the record as stored
    /// afterwards.
    ///
    /// # Errors
    /// [`Error::Conflict`] on a taken index value; backend errors.
    pub async fn update<F>(&self, id: &str, decide: F) -> Result<Option<T>>
    where
        F: FnMut(Option<T>) -> Option<Write<T>> + Send,
    {
        let mut m = TypedMutation {
            table: self.name,
            key: id,
            indexes: &self.indexes,
            decide,
            result: None,
        };
        self.backend.update(self.name, id, &mut m).await?;
        Ok(m.result.and_then(|r| r))
    }

    /// Removes record `id` and its index entries. Returns false when it was not there.
    pub async fn remove(&self, id: &str) -> Result<bool> {
        let mut existed = false;
        self.update(id, |current| {
            existed = current.is_some();
            existed.then_some(Write::Delete)
        })
        .await?;
        Ok(existed)
    }

    /// Number of records, maintained by the backend (no scan).
    pub async fn count(&self) -> Result<u64> {
        self.count_group(ALL).await
    }

    /// Number of records in `partition` ([`Record::partition`]), maintained by the backend (no scan).
    pub async fn count_partition(&self, partition: &str) -> Result<u64> {
        self.count_group(partition).await
    }

    async fn count_group(&self, group: &str) -> Result<u64> {
        let table = self.name;
        let indexes = self.indexes.clone();
        let groups_of = move |value: &[u8]| match decode::<T>(table, "", value) {
            Ok(r) => Derived {
                groups: groups(&r),
                entries: indexes
                    .iter()
                    .filter_map(|ix| r.index_value(ix).map(|v| (*ix, v)))
                    .collect(),
            },
            // A record that does not decode is still a record of the table; it holds no entry.
            Err(_) => Derived {
                groups: vec![ALL.to_owned()],
                entries: Vec::new(),
            },
        };
        self.backend.count(self.name, group, &groups_of).await
    }

    /// Brings the table's unique indexes up to date with its records, once per set of indexes: a table opened
    /// with an index its stored records were written without (an index added by an upgrade) has every record
    /// written again, which claims its entries. A marker in the store's `store_meta` table records the indexes
    /// built, so later starts do nothing. Safe with concurrent writers (each record is rewritten by an
    /// [`Table::update`] of its current value).
    ///
    /// # Errors
    /// Backend errors; a conflict (two stored records with one index value) names the value.
    pub async fn build_indexes(&self, store: &Store) -> Result<()> {
        let meta = store.bytes_table(META_TABLE)?;
        let key = format!("indexes/{}", self.name);
        let built: Vec<String> = match meta.get(&key).await? {
            Some(v) => serde_json::from_slice(&v).unwrap_or_default(),
            None => Vec::new(),
        };
        if self.indexes.iter().all(|ix| built.iter().any(|b| b == ix)) {
            return Ok(());
        }
        let mut scan = self.scan("", Order::Asc);
        let mut rewritten = 0u64;
        while let Some(record) = scan.next().await? {
            self.update(record.id(), |current| current.map(Write::Put))
                .await?;
            rewritten += 1;
        }
        let names: Vec<&str> = self.indexes.to_vec();
        meta.put(&key, &serde_json::to_vec(&names).expect("names serialize"))
            .await?;
        if rewritten > 0 {
            tracing::info!(table = self.name, records = rewritten, indexes = ?names, "built indexes");
        }
        Ok(())
    }

    /// Records whose id starts with `prefix`, in id order (ids sort by creation time), read page by page.
    pub fn scan(&self, prefix: &str, order: Order) -> Scan<T> {
        Scan::new(self.clone(), None, prefix, order)
    }

    /// Records in the order of unique index `index` (e.g. by name), read page by page.
    pub fn scan_index(&self, index: &'static str, order: Order) -> Scan<T> {
        Scan::new(self.clone(), Some(index), "", order)
    }

    /// Records whose value of unique index `index` starts with `prefix`, in that index's order.
    pub fn scan_index_prefix(&self, index: &'static str, prefix: &str, order: Order) -> Scan<T> {
        Scan::new(self.clone(), Some(index), prefix, order)
    }

    /// Every record whose id starts with `prefix`, in id order (for prefixes that select a few records).
    pub async fn all(&self, prefix: &str, order: Order) -> Result<Vec<T>> {
        let mut scan = self.scan(prefix, order);
        let mut out = Vec::new();
        while let Some(r) = scan.next().await? {
            out.push(r);
        }
        Ok(out)
    }

    /// Index values of unique index `index` that start with `prefix`, in order (entries are not checked
    /// against their records).
    pub async fn index_values_with_prefix(&self, index: &str, prefix: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut range = Range {
            prefix: prefix.to_owned(),
            after: None,
            order: Order::Asc,
            skip: 0,
            limit: SCAN_PAGE,
        };
        loop {
            let page = self.backend.scan_index(self.name, index, &range).await?;
            let full = page.len() == range.limit;
            range.after = page.last().map(|e| e.value.clone());
            out.extend(page.into_iter().map(|e| e.value));
            if !full {
                return Ok(out);
            }
        }
    }

    fn decode(&self, key: &str, value: &[u8]) -> Result<T> {
        decode(self.name, key, value)
    }
}

fn decode<T: DeserializeOwned>(table: &'static str, key: &str, value: &[u8]) -> Result<T> {
    serde_json::from_slice(value).map_err(|cause| Error::Corrupt {
        table,
        key: key.to_owned(),
        cause,
    })
}

/// What [`Table::update`]'s closure asks for.
pub enum Write<T> {
    /// Store this record (its id must be the key being updated).
    Put(T),
    /// Remove the record.
    Delete,
}

/// [`Mutation`] for typed records: decodes the stored value, asks `decide`, derives index changes.
struct TypedMutation<'a, T, F> {
    table: &'static str,
    key: &'a str,
    indexes: &'a [&'static str],
    decide: F,
    /// The record as stored after the update (`Some(None)`: none), once decided.
    result: Option<Option<T>>,
}

impl<T, F> Mutation for TypedMutation<'_, T, F>
where
    T: Record,
    F: FnMut(Option<T>) -> Option<Write<T>> + Send,
{
    fn apply(&mut self, current: Option<&[u8]>) -> Result<Change> {
        let current: Option<T> = current
            .map(|v| decode(self.table, self.key, v))
            .transpose()?;
        let old_values: Vec<(&'static str, Option<String>)> = self
            .indexes
            .iter()
            .map(|ix| (*ix, current.as_ref().and_then(|r| r.index_value(ix))))
            .collect();
        let snapshot = current.clone();
        match (self.decide)(current) {
            None => {
                self.result = Some(snapshot);
                Ok(Change::Keep)
            }
            Some(Write::Delete) => {
                let counts = count_changes(snapshot.as_ref(), None);
                self.result = Some(None);
                Ok(Change::Delete {
                    release: old_values
                        .into_iter()
                        .filter_map(|(ix, v)| v.map(|v| (ix, v)))
                        .collect(),
                    counts,
                })
            }
            Some(Write::Put(record)) => {
                debug_assert_eq!(
                    record.id(),
                    self.key,
                    "a record is written under its own id"
                );
                let mut claim = Vec::new();
                let mut release = Vec::new();
                for (ix, old) in old_values {
                    let new = record.index_value(ix);
                    if let Some(new) = &new {
                        claim.push((ix, new.clone()));
                    }
                    if let Some(old) = old.filter(|o| Some(o) != new.as_ref()) {
                        release.push((ix, old));
                    }
                }
                let value = serde_json::to_vec(&record).expect("records serialize to JSON");
                let counts = count_changes(snapshot.as_ref(), Some(&record));
                self.result = Some(Some(record));
                Ok(Change::Put {
                    value,
                    claim,
                    release,
                    counts,
                })
            }
        }
    }

    fn holds(&self, record: &[u8], index: &str, value: &str) -> bool {
        // A record that does not decode cannot prove it holds the value; its entry is not believed.
        serde_json::from_slice::<T>(record)
            .ok()
            .and_then(|r| r.index_value(index))
            .as_deref()
            == Some(value)
    }
}

/// A paged walk over a table (by id or by a unique index), reading [`SCAN_PAGE`] records per backend call.
pub struct Scan<T> {
    table: Table<T>,
    index: Option<&'static str>,
    range: Range,
    page: std::collections::VecDeque<T>,
    done: bool,
}

impl<T: Record> Scan<T> {
    fn new(table: Table<T>, index: Option<&'static str>, prefix: &str, order: Order) -> Scan<T> {
        Scan {
            table,
            index,
            range: Range {
                prefix: prefix.to_owned(),
                after: None,
                order,
                skip: 0,
                limit: SCAN_PAGE,
            },
            page: Default::default(),
            done: false,
        }
    }

    /// Leaves out the first `n` entries, stepped over by the backend without reading their records (a page
    /// at offset `n`). Call it before the first [`Scan::next`]. In a backend whose index entries can go stale
    /// (sled after a crash, see `sled.rs`) a stale entry counts as one of the `n`.
    pub fn skip(mut self, n: usize) -> Scan<T> {
        self.range.skip = n;
        self
    }

    /// Reads `n` records per backend call (at most the default [`SCAN_PAGE`]): a walk that needs only a page
    /// of `n` reads no more than that.
    pub fn page_size(mut self, n: usize) -> Scan<T> {
        self.range.limit = n.clamp(1, SCAN_PAGE);
        self
    }

    /// Starts after `cursor` (an id, or an index value for an index scan), exclusive, in the scan's order.
    /// Call it before the first [`Scan::next`].
    pub fn after(mut self, cursor: &str) -> Scan<T> {
        self.range.after = Some(cursor.to_owned());
        self
    }

    /// The next record, or `None` at the end.
    pub async fn next(&mut self) -> Result<Option<T>> {
        while self.page.is_empty() && !self.done {
            self.fill().await?;
        }
        Ok(self.page.pop_front())
    }

    async fn fill(&mut self) -> Result<()> {
        // A backend that answers without suspending (sled) would let a long scan hold its worker thread from
        // the first page to the last: give the other tasks a turn between pages.
        tokio::task::yield_now().await;
        let t = &self.table;
        match self.index {
            None => {
                let rows = t.backend.scan(t.name, &self.range).await?;
                self.done = rows.len() < self.range.limit;
                self.range.skip = 0;
                self.range.after = rows.last().map(|(k, _)| k.clone());
                for (k, v) in rows {
                    self.page.push_back(t.decode(&k, &v)?);
                }
            }
            Some(index) => {
                let entries = t.backend.scan_index(t.name, index, &self.range).await?;
                self.done = entries.len() < self.range.limit;
                self.range.skip = 0;
                self.range.after = entries.last().map(|e| e.value.clone());
                for e in entries {
                    // An entry left stale by a crash between writes (sled) is skipped.
                    if let Some(r) = t.get(&e.key).await? {
                        if r.index_value(index).as_deref() == Some(e.value.as_str()) {
                            self.page.push_back(r);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// A table of raw byte values (manifest bytes), without indexes.
#[derive(Clone)]
pub struct BytesTable {
    name: &'static str,
    backend: Arc<dyn MetadataStore>,
    /// Values read last, when the table is marked ([`Store::cache_reads`]).
    memo: Arc<memo::Memo<bytes::Bytes>>,
    stamps: Arc<std::sync::OnceLock<Stamps>>,
}

impl BytesTable {
    /// The bytes stored under `key`.
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        self.backend.get(self.name, key).await
    }

    /// The bytes stored under `key`, shared: from the memo when they were read since the table last changed.
    pub async fn get_shared(&self, key: &str) -> Result<Option<bytes::Bytes>> {
        let stamp = stamp(&*self.backend, self.name, &self.stamps);
        if let Some(v) = stamp.and_then(|s| self.memo.get(s, key)) {
            return Ok(Some(v));
        }
        let Some(v) = self.backend.get(self.name, key).await? else {
            return Ok(None);
        };
        let v = bytes::Bytes::from(v);
        if let Some(s) = stamp {
            self.memo.put(s, key, v.clone());
        }
        Ok(Some(v))
    }

    /// Stores `value` under `key`, replacing what was there.
    pub async fn put(&self, key: &str, value: &[u8]) -> Result<()> {
        let mut m = BytesPut(value);
        self.backend.update(self.name, key, &mut m).await.map(drop)
    }

    /// Stores `value` under `key` unless something is there; returns whether it was stored.
    pub async fn insert(&self, key: &str, value: &[u8]) -> Result<bool> {
        let mut m = BytesInsert(value, false);
        self.backend.update(self.name, key, &mut m).await?;
        Ok(m.1)
    }

    /// Removes `key`; returns whether it was there.
    pub async fn remove(&self, key: &str) -> Result<bool> {
        let mut m = BytesDelete(false);
        self.backend.update(self.name, key, &mut m).await?;
        Ok(m.0)
    }
}

struct BytesPut<'a>(&'a [u8]);

impl Mutation for BytesPut<'_> {
    fn apply(&mut self, current: Option<&[u8]>) -> Result<Change> {
        Ok(Change::Put {
            value: self.0.to_vec(),
            claim: Vec::new(),
            release: Vec::new(),
            counts: bytes_count_changes(current.is_some(), true),
        })
    }
    fn holds(&self, _: &[u8], _: &str, _: &str) -> bool {
        false
    }
}

struct BytesInsert<'a>(&'a [u8], bool);

impl Mutation for BytesInsert<'_> {
    fn apply(&mut self, current: Option<&[u8]>) -> Result<Change> {
        self.1 = current.is_none();
        Ok(if self.1 {
            Change::Put {
                value: self.0.to_vec(),
                claim: Vec::new(),
                release: Vec::new(),
                counts: bytes_count_changes(false, true),
            }
        } else {
            Change::Keep
        })
    }
    fn holds(&self, _: &[u8], _: &str, _: &str) -> bool {
        false
    }
}

struct BytesDelete(bool);

impl Mutation for BytesDelete {
    fn apply(&mut self, current: Option<&[u8]>) -> Result<Change> {
        self.0 = current.is_some();
        Ok(if self.0 {
            Change::Delete {
                release: Vec::new(),
                counts: bytes_count_changes(true, false),
            }
        } else {
            Change::Keep
        })
    }
    fn holds(&self, _: &[u8], _: &str, _: &str) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sled_passes_the_conformance_suite() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        testsuite::conformance(&store).await;
    }

    #[tokio::test]
    async fn sled_passes_the_conformance_suite_with_remembered_reads() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        testsuite::conformance_with_cached_reads(&store).await;
    }

    /// A table instance that remembered a record (and a lookup) answers what another instance of the table
    /// wrote since, not what it remembered.
    #[tokio::test]
    async fn remembered_records_follow_writes_through_another_instance() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.cache_reads("memo");
        let reader: Table<testsuite::Item> = store.table("memo", &["name"]).unwrap();
        let writer: Table<testsuite::Item> = store.table("memo", &["name"]).unwrap();
        let item = |name: &str, n| testsuite::Item {
            id: "1".into(),
            name: name.into(),
            n,
        };
        writer.put(&item("one", 1)).await.unwrap();
        for _ in 0..2 {
            assert_eq!(reader.get("1").await.unwrap().map(|i| i.n), Some(1));
            assert_eq!(
                reader.id_by("name", "one").await.unwrap().as_deref(),
                Some("1")
            );
            assert_eq!(reader.id_by("name", "uno").await.unwrap(), None);
        }
        writer.put(&item("uno", 2)).await.unwrap();
        assert_eq!(reader.get("1").await.unwrap().map(|i| i.n), Some(2));
        assert_eq!(reader.id_by("name", "one").await.unwrap(), None);
        assert_eq!(
            reader.id_by("name", "uno").await.unwrap().as_deref(),
            Some("1")
        );
        writer.remove("1").await.unwrap();
        assert_eq!(reader.get("1").await.unwrap().map(|i| i.n), None);
        assert_eq!(reader.id_by("name", "uno").await.unwrap(), None);

        let bytes = store.bytes_table("memo_bytes").unwrap();
        store.cache_reads("memo_bytes");
        bytes.put("k", b"first").await.unwrap();
        assert_eq!(
            bytes.get_shared("k").await.unwrap().as_deref(),
            Some(&b"first"[..])
        );
        store
            .bytes_table("memo_bytes")
            .unwrap()
            .put("k", b"second")
            .await
            .unwrap();
        assert_eq!(
            bytes.get_shared("k").await.unwrap().as_deref(),
            Some(&b"second"[..])
        );
    }

    #[tokio::test]
    async fn a_write_wakes_the_waiters_of_its_table_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let table: Table<testsuite::Item> = store.table("woken", &["name"]).unwrap();
        let other = store.changes("other");
        let other_woken = other.notified();
        tokio::pin!(other_woken);
        other_woken.as_mut().enable();
        let changes = store.changes("woken");
        let woken = changes.notified();
        tokio::pin!(woken);
        woken.as_mut().enable();
        table
            .put(&testsuite::Item {
                id: "1".into(),
                name: "one".into(),
                n: 0,
            })
            .await
            .unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(5), woken)
            .await
            .expect("the write woke its table's waiter");
        assert!(
            futures::poll!(other_woken).is_pending(),
            "another table's waiter stays asleep"
        );
    }

    #[tokio::test]
    async fn sled_keeps_writes_across_reopening() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            testsuite::write_for_reopen(&store).await;
            store.flush().await.unwrap();
        }
        let store = Store::open(dir.path()).unwrap();
        testsuite::check_after_reopen(&store).await;
    }
}
