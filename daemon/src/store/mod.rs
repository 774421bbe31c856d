//! Metadata storage: the narrow interface the domain uses, implemented on sled.
//!
//! A [`Table`] is one sled tree of records keyed by id, plus optional unique indexes (one tree each, index value
//! → id). Ids are UUIDv7 strings, which sort by creation time, so "newest first" is a reverse range scan and a
//! page never needs the whole table in memory. Values are JSON (serde): readable with any sled dump and tolerant
//! of added optional fields; one choice for every table.
//!
//! Invariants:
//! - an index entry is believed only when the record it names still holds that value, so the order of writes
//!   (new entries, record, stale entries) keeps indexes right across a crash between them;
//! - uniqueness is checked and claimed under the table's write lock ([`Error::Conflict`] names the index).
//!
//! sled transactions are deliberately not used: in sled 0.34 they take a global lock that deadlocks against
//! concurrent `flush_async` calls (seen here with 50 concurrent API writes).
//! - durability: callers that answer a client call [`Store::flush`] first, so an acknowledged write survives
//!   `kill -9` (sled otherwise flushes every 500 ms).
//!
//! # A failing database
//! sled 0.34 keeps a write in memory before its log reaches the disk. When writing the log fails (`ENOSPC` on a
//! full disk, `EIO`), sled records a *global error* (`Config::set_global_error`) and every later operation and
//! flush returns it; only opening the database again clears it (`PageCache::start`). Meanwhile the failed write
//! stays visible to reads from memory and is lost at the next start: a "phantom" record that blocks its name.
//! Reopening in place is not clean (sled holds an exclusive lock on its files until every `Tree` clone is
//! dropped, and every [`Table`] and service holds trees), so pulpd does the other thing a supervisor expects:
//! the first I/O or corruption error marks the store failed ([`Store::failure`], [`Store::failed`]), `/status/`
//! reports `database_connection.connected: false`, the HTTP guard answers 503 to everything but `/status/`
//! (no phantom is ever served), and `serve` shuts down and returns an error, so the process exits non-zero
//! and its supervisor restarts it on the durable state. The free-space reserve (`crate::space`) keeps a full
//! disk from getting here in the first place.
//!
//! A second backend (PostgreSQL, say) would implement the same `Table` operations in a new file; the domain only
//! sees this module's types.

use serde::{de::DeserializeOwned, Serialize};
use std::marker::PhantomData;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Errors of the metadata store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A unique index already holds the value.
    #[error("{index} {value:?} is already taken")]
    Conflict { index: &'static str, value: String },
    /// The database failed (I/O, corruption). An I/O or corruption error also marks the store failed (see
    /// the module doc).
    #[error("metadata store: {}", describe(.0))]
    Backend(sled::Error),
    /// A stored value does not decode: a bug or a corrupted record.
    #[error("metadata record {key:?} in {table} does not decode: {cause}")]
    Corrupt {
        table: &'static str,
        key: String,
        cause: serde_json::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// A sled error in words: sled prints I/O errors with `Debug` (`Os { code: 28, .. }`), so those are spelled
/// out here (`I/O error: No space left on device (os error 28)`).
pub fn describe(e: &sled::Error) -> String {
    match e {
        sled::Error::Io(io) => format!("I/O error: {io}"),
        other => other.to_string(),
    }
}

/// The database: opens tables and flushes.
#[derive(Clone)]
pub struct Store {
    db: sled::Db,
    /// Group commit of flushes (see [`Store::flush`]).
    flusher: Arc<Flusher>,
    /// Whether the database failed; shared with every table.
    health: Arc<Health>,
}

/// Whether sled reported an error it never recovers from (see the module doc).
#[derive(Default)]
struct Health {
    /// The first such error, for `/status/` and the log.
    failure: std::sync::OnceLock<String>,
    /// Cancelled when `failure` is set.
    failed: tokio_util::sync::CancellationToken,
}

impl Health {
    /// Turns a sled error into ours, marking the store failed when the database cannot go on.
    fn observe(&self, e: sled::Error) -> Error {
        if matches!(e, sled::Error::Io(_) | sled::Error::Corruption { .. }) {
            let text = describe(&e);
            if self.failure.set(text.clone()).is_ok() {
                tracing::error!(
                    error = %text,
                    "the metadata store failed; pulpd stops so that its supervisor restarts it"
                );
                self.failed.cancel();
            }
        }
        Error::Backend(e)
    }

    fn check<T>(&self, r: sled::Result<T>) -> Result<T> {
        r.map_err(|e| self.observe(e))
    }
}

/// Group commit: at most one flush runs at a time, and a caller whose writes were already covered by a flush
/// that started after them returns without flushing again.
///
/// Why: each `sled::Db::flush_async` parks one of sled's few IO threads until the log is stable, and writing
/// the log needs those same threads; 50 concurrent API writes (each flushing before it answers) starved the pool
/// and hung the daemon. One flusher on tokio's blocking pool avoids that and costs one fsync per burst.
struct Flusher {
    /// Tickets handed out: a caller takes one after its writes.
    requested: std::sync::atomic::AtomicU64,
    /// The highest ticket known to be durable; held while a flush runs.
    durable: tokio::sync::Mutex<u64>,
}

impl Store {
    /// Opens (or creates) the database in `dir`.
    pub fn open(dir: &Path) -> Result<Store> {
        let db = sled::Config::new()
            .path(dir)
            .flush_every_ms(Some(200))
            .open()
            .map_err(Error::Backend)?;
        Ok(Store {
            db,
            flusher: Arc::new(Flusher {
                requested: std::sync::atomic::AtomicU64::new(0),
                durable: tokio::sync::Mutex::new(0),
            }),
            health: Arc::default(),
        })
    }

    /// Why the database failed, once it did (see the module doc); `None` while it works.
    pub fn failure(&self) -> Option<&str> {
        self.health.failure.get().map(String::as_str)
    }

    /// Resolves once the database failed.
    pub fn failed(&self) -> tokio_util::sync::WaitForCancellationFutureOwned {
        self.health.failed.clone().cancelled_owned()
    }

    /// Opens the table `name` with the given unique indexes.
    pub fn table<T>(&self, name: &'static str, indexes: &[&'static str]) -> Result<Table<T>> {
        let tree = self.health.check(self.db.open_tree(name))?;
        let indexes = indexes
            .iter()
            .map(|ix| {
                let tree = self.db.open_tree(format!("{name}.by_{ix}"));
                Ok((*ix, self.health.check(tree)?))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Table {
            name,
            tree,
            indexes,
            health: self.health.clone(),
            write: Arc::default(),
            _t: PhantomData,
        })
    }

    /// A raw tree of bytes (for values that are not JSON records, such as manifest bytes).
    pub fn raw_tree(&self, name: &str) -> Result<sled::Tree> {
        self.health.check(self.db.open_tree(name))
    }

    /// Turns an error of a [`Store::raw_tree`] operation into ours (marking the store failed when it is one).
    pub fn raw_error(&self, e: sled::Error) -> Error {
        self.health.observe(e)
    }

    /// Makes every write so far durable, blocking the thread (startup and shutdown only).
    pub fn db_flush_blocking(&self) -> Result<()> {
        self.health.check(self.db.flush())?;
        Ok(())
    }

    /// Makes every write made before this call durable (group commit, see [`Flusher`]).
    pub async fn flush(&self) -> Result<()> {
        use std::sync::atomic::Ordering;
        let ticket = self.flusher.requested.fetch_add(1, Ordering::SeqCst) + 1;
        let mut durable = self.flusher.durable.lock().await;
        if *durable >= ticket {
            return Ok(());
        }
        // Every ticket taken so far belongs to writes made before this flush starts.
        let covered = self.flusher.requested.load(Ordering::SeqCst);
        let db = self.db.clone();
        let flushed = tokio::task::spawn_blocking(move || db.flush())
            .await
            .map_err(|e| Error::Backend(sled::Error::ReportableBug(format!("flush task: {e}"))))?;
        self.health.check(flushed)?;
        *durable = covered;
        Ok(())
    }
}

/// A record type stored in a [`Table`]: it knows its id and the values of its unique indexes.
pub trait Record: Serialize + DeserializeOwned + Send + Sync {
    fn id(&self) -> &str;
    /// The value of unique index `index` (one of the names the table was opened with); `None` = not indexed.
    fn index_value(&self, _index: &str) -> Option<String> {
        None
    }
}

/// Sort order of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Ascending by key.
    Asc,
    /// Descending by key.
    Desc,
}

/// One typed tree of records and its unique indexes.
pub struct Table<T> {
    name: &'static str,
    tree: sled::Tree,
    indexes: Vec<(&'static str, sled::Tree)>,
    /// The store's health, marked failed by an I/O error of any operation.
    health: Arc<Health>,
    /// Serialises writes of this table, so a uniqueness check and the write that claims the value are one step.
    write: Arc<Mutex<()>>,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Table<T> {
    fn clone(&self) -> Self {
        Table {
            name: self.name,
            tree: self.tree.clone(),
            indexes: self.indexes.clone(),
            health: self.health.clone(),
            write: self.write.clone(),
            _t: PhantomData,
        }
    }
}

impl<T: Record> Table<T> {
    /// The record with `id`.
    pub fn get(&self, id: &str) -> Result<Option<T>> {
        self.db(self.tree.get(id.as_bytes()))?
            .map(|v| self.decode(id.as_bytes(), &v))
            .transpose()
    }

    /// The id that unique index `index` maps `value` to, when that record still has that value.
    pub fn id_by(&self, index: &str, value: &str) -> Result<Option<String>> {
        let Some(id) = self.db(self.index(index).get(value.as_bytes()))? else {
            return Ok(None);
        };
        let id = String::from_utf8_lossy(&id).into_owned();
        match self.get(&id)? {
            Some(r) if r.index_value(index).as_deref() == Some(value) => Ok(Some(id)),
            _ => Ok(None),
        }
    }

    /// The record that unique index `index` maps `value` to.
    pub fn get_by(&self, index: &str, value: &str) -> Result<Option<T>> {
        match self.id_by(index, value)? {
            Some(id) => self.get(&id),
            None => Ok(None),
        }
    }

    /// Inserts or replaces `record`, moving its index entries. `old` is the stored version being replaced (if
    /// any), whose index entries are removed.
    ///
    /// # Errors
    /// [`Error::Conflict`] when another record holds one of the new index values; nothing is written then.
    pub fn put(&self, record: &T, old: Option<&T>) -> Result<()> {
        let value = serde_json::to_vec(record).expect("records serialize to JSON");
        let id = record.id();
        let _guard = self
            .write
            .lock()
            .expect("table write lock is never poisoned");
        for (ix, _) in &self.indexes {
            if let Some(nv) = record.index_value(ix) {
                if let Some(holder) = self.id_by(ix, &nv)? {
                    if holder != id {
                        return Err(Error::Conflict {
                            index: ix,
                            value: nv,
                        });
                    }
                }
            }
        }
        // Order for crash safety: new index entries, then the record, then stale entries. An entry is only
        // believed when the record it names still has that value (see `id_by`), so a crash between steps
        // leaves at worst an entry that is ignored.
        for (ix, tree) in &self.indexes {
            if let Some(nv) = record.index_value(ix) {
                self.db(tree.insert(nv.as_bytes(), id.as_bytes()))?;
            }
        }
        self.db(self.tree.insert(id.as_bytes(), value))?;
        if let Some(old) = old {
            for (ix, tree) in &self.indexes {
                let (ov, nv) = (old.index_value(ix), record.index_value(ix));
                if let Some(ov) = ov.filter(|ov| Some(ov) != nv.as_ref()) {
                    if self.db(tree.get(ov.as_bytes()))?.as_deref() == Some(id.as_bytes()) {
                        self.db(tree.remove(ov.as_bytes()))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Removes `record` and its index entries. Returns false when it was not there.
    pub fn remove(&self, record: &T) -> Result<bool> {
        let id = record.id().as_bytes();
        let _guard = self
            .write
            .lock()
            .expect("table write lock is never poisoned");
        let existed = self.db(self.tree.remove(id))?.is_some();
        for (ix, tree) in &self.indexes {
            if let Some(v) = record.index_value(ix) {
                if self.db(tree.get(v.as_bytes()))?.as_deref() == Some(id) {
                    self.db(tree.remove(v.as_bytes()))?;
                }
            }
        }
        Ok(existed)
    }

    /// Number of records (walks the keys, never decodes values).
    pub fn len(&self) -> usize {
        self.tree.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.tree.is_empty()
    }

    /// Records whose key starts with `prefix`, in key order (ids sort by creation time).
    pub fn scan_prefix(&self, prefix: &str, order: Order) -> impl Iterator<Item = Result<T>> + '_ {
        let iter = self.tree.scan_prefix(prefix.as_bytes());
        let iter: Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>> = match order {
            Order::Asc => Box::new(iter),
            Order::Desc => Box::new(iter.rev()),
        };
        iter.map(move |kv| {
            let (k, v) = self.db(kv)?;
            self.decode(&k, &v)
        })
    }

    /// Records in the order of unique index `index` (e.g. by name).
    pub fn scan_index<'a>(
        &'a self,
        index: &'a str,
        order: Order,
    ) -> impl Iterator<Item = Result<T>> + 'a {
        let iter = self.index(index).iter();
        let iter: Box<dyn Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>> = match order {
            Order::Asc => Box::new(iter),
            Order::Desc => Box::new(iter.rev()),
        };
        iter.filter_map(move |kv| match kv {
            Err(e) => Some(Err(self.health.observe(e))),
            Ok((value, id)) => match self.tree.get(&id) {
                Err(e) => Some(Err(self.health.observe(e))),
                Ok(None) => None,
                Ok(Some(v)) => match self.decode(&id, &v) {
                    // An entry left stale by a crash between writes is skipped.
                    Ok(r)
                        if r.index_value(index).as_deref().map(str::as_bytes)
                            != Some(value.as_ref()) =>
                    {
                        None
                    }
                    other => Some(other),
                },
            },
        })
    }

    /// Index values of unique index `index` that start with `prefix`, in order.
    pub fn index_keys_with_prefix(&self, index: &str, prefix: &str) -> Result<Vec<String>> {
        self.index(index)
            .scan_prefix(prefix.as_bytes())
            .keys()
            .map(|k| Ok(String::from_utf8_lossy(&self.db(k)?).into_owned()))
            .collect()
    }

    /// A sled result as ours, marking the store failed on I/O errors.
    fn db<R>(&self, r: sled::Result<R>) -> Result<R> {
        self.health.check(r)
    }

    fn index(&self, index: &str) -> &sled::Tree {
        &self
            .indexes
            .iter()
            .find(|(n, _)| *n == index)
            .expect("tables are only asked for the indexes they were opened with")
            .1
    }

    fn decode(&self, key: &[u8], value: &[u8]) -> Result<T> {
        serde_json::from_slice(value).map_err(|cause| Error::Corrupt {
            table: self.name,
            key: String::from_utf8_lossy(key).into_owned(),
            cause,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
    struct Item {
        id: String,
        name: String,
    }

    impl Record for Item {
        fn id(&self) -> &str {
            &self.id
        }
        fn index_value(&self, index: &str) -> Option<String> {
            (index == "name").then(|| self.name.clone())
        }
    }

    fn item(id: &str, name: &str) -> Item {
        Item {
            id: id.into(),
            name: name.into(),
        }
    }

    #[test]
    fn unique_index_rejects_duplicates_and_follows_renames() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let t: Table<Item> = store.table("items", &["name"]).unwrap();
        t.put(&item("1", "a"), None).unwrap();
        let err = t.put(&item("2", "a"), None).unwrap_err();
        assert!(matches!(err, Error::Conflict { index: "name", .. }));
        assert!(
            t.get("2").unwrap().is_none(),
            "a refused put writes nothing"
        );

        let renamed = item("1", "b");
        t.put(&renamed, Some(&item("1", "a"))).unwrap();
        assert_eq!(t.get_by("name", "b").unwrap(), Some(renamed.clone()));
        assert_eq!(t.get_by("name", "a").unwrap(), None);
        t.put(&item("2", "a"), None).unwrap();

        assert!(t.remove(&renamed).unwrap());
        assert_eq!(t.get_by("name", "b").unwrap(), None);
        assert_eq!(t.len(), 1);
    }

    #[test]
    fn scans_in_key_and_index_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let t: Table<Item> = store.table("items", &["name"]).unwrap();
        for (id, name) in [("1", "c"), ("2", "a"), ("3", "b")] {
            t.put(&item(id, name), None).unwrap();
        }
        let ids: Vec<String> = t
            .scan_prefix("", Order::Desc)
            .map(|r| r.unwrap().id)
            .collect();
        assert_eq!(ids, ["3", "2", "1"]);
        let names: Vec<String> = t
            .scan_index("name", Order::Asc)
            .map(|r| r.unwrap().name)
            .collect();
        assert_eq!(names, ["a", "b", "c"]);
    }
}
