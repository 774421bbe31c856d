//! The embedded backend: sled 0.34, one tree per table and one per unique index (`<table>.by_<index>`,
//! index value → key). The default; one process owns a data dir (sled locks its files).
//!
//! Invariants:
//! - an index entry is believed only when the record it names still holds that value ([`Mutation::holds`] and
//!   [`Table::get_by`](super::Table::get_by)), so the order of writes (new entries, record, stale entries)
//!   keeps indexes right across a crash between them;
//! - updates of one table are serialised by that table's lock, so reading the record, checking uniqueness and
//!   writing are one step. sled runs in one process, so this process-local lock is the backend's own
//!   enforcement, not the domain's;
//! - counts live in memory, under that same lock: the first count of a table after a start walks its records
//!   once (sled's own `len` is such a walk, at every call), every update then adds its changes. That walk
//!   also sets the table's indexes right (entries a crash left missing are written, stale ones removed), so
//!   a page that seeks by skipping index entries (which cannot check each one) skips only live ones;
//! - a clean stop ([`MetadataStore::close`]) writes the counts, and the next start takes them instead of
//!   walking (at 100,000 distributions the walk took a second and left 160 MB of pages in sled's cache). The
//!   start removes them before anything else is written, and a write after the stop removes them first, so
//!   counts written are only ever read back with the records they counted. After a crash there are none to
//!   read, and the walk repairs what the crash left; a clean stop leaves nothing to repair;
//! - a page at offset N steps over N keys (sled has no rank query). So that this costs once and not at every
//!   request, the key each walk from the start reached after N entries is remembered per table (what a
//!   walk's `skip` lands on, and where its page ended: the next page's offset), until the next write of the
//!   table forgets them all; a deep page then seeks to the nearest remembered position at or before its
//!   offset, and a client following `next` links walks the collection once.
//!
//! sled transactions are deliberately not used: in sled 0.34 they take a global lock that deadlocks against
//! concurrent `flush_async` calls (seen here with 50 concurrent API writes).
//!
//! # A failing database
//! sled 0.34 keeps a write in memory before its log reaches the disk. When writing the log fails (`ENOSPC` on a
//! full disk, `EIO`), sled records a *global error* (`Config::set_global_error`) and every later operation and
//! flush returns it; only opening the database again clears it (`PageCache::start`). Meanwhile the failed write
//! stays visible to reads from memory and is lost at the next start: a "phantom" record that blocks its name.
//! Reopening in place is not clean (sled holds an exclusive lock on its files until every `Tree` clone is
//! dropped), so pulpd does the other thing a supervisor expects: the first I/O or corruption error marks the
//! store failed ([`MetadataStore::failure`]), the HTTP guard answers 503 and `serve` exits non-zero, so the
//! supervisor restarts it on the durable state. The free-space reserve (`crate::space`) keeps a full disk from
//! getting here in the first place.

use super::{
    BoxFuture, Change, Error, GroupsOf, IndexEntry, MetadataStore, Mutation, Order, Range, Result,
    Row,
};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// The sled database and its opened tables.
pub struct SledStore {
    db: sled::Db,
    tables: RwLock<HashMap<&'static str, Arc<Trees>>>,
    /// The counts the last clean stop wrote, per table, until its table is prepared.
    stopped_with: Mutex<HashMap<String, HashMap<String, u64>>>,
    /// Whether the counts of a clean stop are written (by [`MetadataStore::close`]): the next write removes
    /// them first.
    closed: AtomicBool,
    /// Group commit of flushes (see [`Flusher`]).
    flusher: Flusher,
    health: Arc<Health>,
}

/// A table's trees and its write lock.
struct Trees {
    records: sled::Tree,
    indexes: Vec<(&'static str, sled::Tree)>,
    /// Serialises updates of this table (see the module doc), and guards its counts: `None` until the first
    /// count walks the records, then the number of records per counting group.
    write: Mutex<Option<HashMap<String, u64>>>,
    /// Positions walks reached since the last write (see the module doc).
    positions: Mutex<Positions>,
}

/// Remembered walk positions of one table: per walk from the start (tree, prefix, descending), entries
/// stepped over → the key of the last one.
#[derive(Default)]
struct Positions {
    /// Bumped by every write, so that a walk that read before it does not remember what it saw.
    generation: u64,
    walks: HashMap<(String, String, bool), std::collections::BTreeMap<usize, sled::IVec>>,
    remembered: usize,
}

/// The key (in sled's default tree) of the counts a clean stop wrote.
const STOP_COUNTS: &[u8] = b"pulpd/counts-at-clean-stop";

/// What a clean stop writes under [`STOP_COUNTS`].
#[derive(serde::Serialize, serde::Deserialize)]
struct StopCounts {
    /// The format (1); a start that reads another walks as after a crash.
    version: u32,
    /// Table → counting group → records.
    tables: HashMap<String, HashMap<String, u64>>,
}

/// How many positions a table remembers at most (then it starts again).
const MAX_POSITIONS: usize = 4096;

impl Trees {
    /// Forgets every remembered position: the table changed.
    fn forget_positions(&self) {
        let mut p = self
            .positions
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        p.generation += 1;
        p.walks.clear();
        p.remembered = 0;
    }
}

impl Trees {
    fn index(&self, index: &str) -> Result<&sled::Tree> {
        self.indexes
            .iter()
            .find(|(n, _)| *n == index)
            .map(|(_, t)| t)
            .ok_or_else(|| Error::Backend {
                cause: format!("no index {index:?} was declared"),
            })
    }
}

/// Whether sled reported an error it never recovers from (see the module doc).
#[derive(Default)]
struct Health {
    /// The first such error, for `/status/` and the log.
    failure: std::sync::OnceLock<String>,
    /// Cancelled when `failure` is set.
    failed: tokio_util::sync::CancellationToken,
}

/// A sled error in words: sled prints I/O errors with `Debug` (`Os { code: 28, .. }`), so those are spelled
/// out here (`I/O error: No space left on device (os error 28)`).
fn describe(e: &sled::Error) -> String {
    match e {
        sled::Error::Io(io) => format!("I/O error: {io}"),
        other => other.to_string(),
    }
}

impl Health {
    /// Turns a sled error into ours, marking the store failed when the database cannot go on.
    fn observe(&self, e: sled::Error) -> Error {
        let text = describe(&e);
        if matches!(e, sled::Error::Io(_) | sled::Error::Corruption { .. }) {
            if self.failure.set(text.clone()).is_ok() {
                tracing::error!(
                    error = %text,
                    "the metadata store failed; pulpd stops so that its supervisor restarts it"
                );
                self.failed.cancel();
            }
            return Error::Failed { cause: text };
        }
        Error::Backend { cause: text }
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
    requested: AtomicU64,
    /// The highest ticket known to be durable; held while a flush runs.
    durable: tokio::sync::Mutex<u64>,
}

impl SledStore {
    /// Opens (or creates) the database in `dir`.
    pub fn open(dir: &Path) -> Result<SledStore> {
        let health = Arc::new(Health::default());
        let db = sled::Config::new()
            .path(dir)
            .flush_every_ms(Some(200))
            .open()
            .map_err(|e| health.observe(e))?;
        // Taken out (and that made durable) before anything is written, so that a crash from here on finds
        // none and walks.
        let stopped_with = match db.remove(STOP_COUNTS).map_err(|e| health.observe(e))? {
            Some(saved) => {
                db.flush().map_err(|e| health.observe(e))?;
                match serde_json::from_slice::<StopCounts>(&saved) {
                    Ok(s) if s.version == 1 => s.tables,
                    _ => HashMap::new(),
                }
            }
            None => HashMap::new(),
        };
        Ok(SledStore {
            db,
            tables: RwLock::default(),
            stopped_with: Mutex::new(stopped_with),
            closed: AtomicBool::new(false),
            flusher: Flusher {
                requested: AtomicU64::new(0),
                durable: tokio::sync::Mutex::new(0),
            },
            health,
        })
    }

    fn trees(&self, table: &str) -> Result<Arc<Trees>> {
        self.tables
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(table)
            .cloned()
            .ok_or_else(|| Error::Backend {
                cause: format!("table {table:?} was not prepared"),
            })
    }

    fn db<T>(&self, r: sled::Result<T>) -> Result<T> {
        self.health.check(r)
    }

    fn update_now(&self, table: &str, key: &str, mutation: &mut dyn Mutation) -> Result<bool> {
        let t = self.trees(table)?;
        let mut counts = t.write.lock().unwrap_or_else(PoisonError::into_inner);
        if self.closed.load(AtomicOrdering::Acquire) {
            // A write after the clean stop: the counts it wrote would miss it. Removed before this write, so
            // the log never holds the write without the removal before it.
            self.db(self.db.remove(STOP_COUNTS))?;
            self.closed.store(false, AtomicOrdering::Release);
        }
        let current = self.db(t.records.get(key.as_bytes()))?;
        match mutation.apply(current.as_deref())? {
            Change::Keep => Ok(false),
            Change::Put {
                value,
                claim,
                release,
                counts: changes,
            } => {
                for (ix, v) in &claim {
                    if let Some(holder) = self.db(t.index(ix)?.get(v.as_bytes()))? {
                        if holder != key.as_bytes() {
                            let held = self.db(t.records.get(&holder))?;
                            if held.is_some_and(|r| mutation.holds(&r, ix, v)) {
                                return Err(Error::Conflict {
                                    index: (*ix).to_owned(),
                                    value: v.clone(),
                                });
                            }
                        }
                    }
                }
                // Order for crash safety: new index entries, then the record, then stale entries. An entry is
                // only believed when the record it names still has that value, so a crash between steps leaves
                // at worst an entry that is ignored.
                for (ix, v) in &claim {
                    self.db(t.index(ix)?.insert(v.as_bytes(), key.as_bytes()))?;
                }
                self.db(t.records.insert(key.as_bytes(), value))?;
                add(&mut counts, &changes);
                self.release(&t, key, &release)?;
                t.forget_positions();
                Ok(true)
            }
            Change::Delete {
                release,
                counts: changes,
            } => {
                self.db(t.records.remove(key.as_bytes()))?;
                add(&mut counts, &changes);
                self.release(&t, key, &release)?;
                t.forget_positions();
                Ok(true)
            }
        }
    }

    /// Writes the counts known now for the next start (see the module doc), holding every table's write lock
    /// so that no write falls between reading a count and writing it; the next write removes them again.
    fn write_stop_counts(&self) -> Result<()> {
        let tables = self.tables.read().unwrap_or_else(PoisonError::into_inner);
        let mut names: Vec<_> = tables.keys().copied().collect();
        names.sort_unstable();
        let locked: Vec<_> = names
            .iter()
            .map(|n| {
                (
                    *n,
                    tables[n]
                        .write
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner),
                )
            })
            .collect();
        let mut saved = StopCounts {
            version: 1,
            tables: self
                .stopped_with
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        };
        for (name, counts) in &locked {
            if let Some(c) = counts.as_ref() {
                saved.tables.insert((*name).to_owned(), c.clone());
            }
        }
        let value = serde_json::to_vec(&saved).map_err(|e| Error::Backend {
            cause: format!("writing the counts: {e}"),
        })?;
        self.db(self.db.insert(STOP_COUNTS, value))?;
        self.closed.store(true, AtomicOrdering::Release);
        drop(locked);
        Ok(())
    }

    /// The count of `group` in `table`, walking the records once per start (see the module doc).
    fn count_now(&self, table: &str, group: &str, groups_of: GroupsOf<'_>) -> Result<u64> {
        let t = self.trees(table)?;
        let mut counts = t.write.lock().unwrap_or_else(PoisonError::into_inner);
        if counts.is_none() {
            let walked = self.check_indexes(&t, groups_of)?;
            t.forget_positions();
            *counts = Some(walked);
        }
        Ok(counts
            .as_ref()
            .and_then(|c| c.get(group))
            .copied()
            .unwrap_or(0))
    }

    /// Walks the records of `t` once: counts them per group, and makes its indexes say what the records hold.
    /// Runs under the table's write lock.
    ///
    /// Each entry a record derives is looked up as the walk passes it, and one that is missing or points
    /// elsewhere is written. Then an index holding as many entries as the records derive holds no others
    /// (its values are unique), so only an index a crash left longer is swept. The walk holds nothing per
    /// record: with the records' entries all kept in maps until the sweep, as before, the first list of
    /// 100,000 distributions allocated (and freed) some 400,000 strings, and every request after it paid
    /// for the fragmented heap in malloc (15 % of a list page's CPU, against 5 % at 1,000).
    fn check_indexes(&self, t: &Trees, groups_of: GroupsOf<'_>) -> Result<HashMap<String, u64>> {
        let mut walked: HashMap<String, u64> = HashMap::new();
        let mut derived: HashMap<&str, usize> = HashMap::new();
        let mut added = 0usize;
        for kv in t.records.iter() {
            let (k, v) = self.db(kv)?;
            let record = groups_of(&v);
            for g in record.groups {
                *walked.entry(g).or_default() += 1;
            }
            for (ix, value) in record.entries {
                *derived.entry(ix).or_default() += 1;
                let tree = t.index(ix)?;
                if self.db(tree.get(value.as_bytes()))?.as_deref() != Some(&*k) {
                    self.db(tree.insert(value.as_bytes(), k.clone()))?;
                    added += 1;
                }
            }
        }
        if added > 0 {
            tracing::warn!(added, "repaired index entries left by an interrupted write");
        }
        for (ix, tree) in &t.indexes {
            if tree.len() != derived.get(ix).copied().unwrap_or(0) {
                self.sweep(t, ix, tree, groups_of)?;
            }
        }
        Ok(walked)
    }

    /// Removes the entries of index `ix` whose record is gone or holds another value (after
    /// [`SledStore::check_indexes`] wrote every entry the records hold). Runs under the table's write lock.
    fn sweep(&self, t: &Trees, ix: &str, tree: &sled::Tree, groups_of: GroupsOf<'_>) -> Result<()> {
        let mut stale = Vec::new();
        for kv in tree.iter() {
            let (value, key) = self.db(kv)?;
            let live = match self.db(t.records.get(&key))? {
                Some(record) => groups_of(&record)
                    .entries
                    .iter()
                    .any(|(i, v)| *i == ix && v.as_bytes() == &*value),
                None => false,
            };
            if !live {
                stale.push(value);
            }
        }
        for value in &stale {
            self.db(tree.remove(value))?;
        }
        if !stale.is_empty() {
            tracing::warn!(
                index = ix,
                stale = stale.len(),
                "removed index entries left by an interrupted write"
            );
        }
        Ok(())
    }

    /// Removes the entries of `release` that still point at `key`.
    fn release(&self, t: &Trees, key: &str, release: &[(&'static str, String)]) -> Result<()> {
        for (ix, v) in release {
            let tree = t.index(ix)?;
            if self.db(tree.get(v.as_bytes()))?.as_deref() == Some(key.as_bytes()) {
                self.db(tree.remove(v.as_bytes()))?;
            }
        }
        Ok(())
    }

    fn scan_now(&self, table: &str, range: &Range) -> Result<Vec<Row>> {
        let t = self.trees(table)?;
        Ok(self
            .page(&t, &t.records, "", range)?
            .into_iter()
            .map(|(k, v)| (String::from_utf8_lossy(&k).into_owned(), v.to_vec()))
            .collect())
    }

    fn scan_index_now(&self, table: &str, index: &str, range: &Range) -> Result<Vec<IndexEntry>> {
        let t = self.trees(table)?;
        Ok(self
            .page(&t, t.index(index)?, index, range)?
            .into_iter()
            .map(|(v, k)| IndexEntry {
                value: String::from_utf8_lossy(&v).into_owned(),
                key: String::from_utf8_lossy(&k).into_owned(),
            })
            .collect())
    }

    /// The entries of `tree` (`name`: `""` for the records, else the index) in `range`, stepping over its
    /// `skip` from the nearest remembered position (see the module doc), and remembering where it got.
    fn page(
        &self,
        t: &Trees,
        tree: &sled::Tree,
        name: &str,
        range: &Range,
    ) -> Result<Vec<(sled::IVec, sled::IVec)>> {
        // Only walks from the start are remembered: a cursor's walk is a one-off.
        let from_start = range.after.is_none();
        let walk_key = (
            name.to_owned(),
            range.prefix.clone(),
            range.order == Order::Desc,
        );
        let (generation, known) = {
            let p = t.positions.lock().unwrap_or_else(PoisonError::into_inner);
            let known = (from_start && range.skip > 0)
                .then(|| p.walks.get(&walk_key))
                .flatten()
                .and_then(|m| m.range(..=range.skip).next_back())
                .map(|(n, k)| (*n, k.clone()));
            (p.generation, known)
        };
        let mut stepped = 0;
        let mut iter = match &known {
            Some((n, k)) => {
                stepped = *n;
                walk(tree, range, Some(k))
            }
            None => walk(tree, range, range.after.as_ref().map(|a| a.as_bytes())),
        };
        let mut last_stepped = None;
        while stepped < range.skip {
            match iter.next() {
                Some(kv) => {
                    last_stepped = Some(self.db(kv)?.0);
                    stepped += 1;
                }
                None => break,
            }
        }
        let mut rows = Vec::new();
        for kv in iter.take(range.limit) {
            rows.push(self.db(kv)?);
        }
        if from_start {
            let mut p = t.positions.lock().unwrap_or_else(PoisonError::into_inner);
            if p.generation == generation {
                if p.remembered >= MAX_POSITIONS {
                    p.walks.clear();
                    p.remembered = 0;
                }
                let mut add = Vec::new();
                add.extend(last_stepped.map(|k| (stepped, k)));
                add.extend(rows.last().map(|(k, _)| (stepped + rows.len(), k.clone())));
                p.remembered += add.len();
                p.walks.entry(walk_key).or_default().extend(add);
            }
        }
        Ok(rows)
    }
}

/// Adds count `changes` to `counts`, once they are known.
fn add(counts: &mut Option<HashMap<String, u64>>, changes: &[(String, i64)]) {
    if let Some(counts) = counts {
        for (g, d) in changes {
            let n = counts.entry(g.clone()).or_default();
            *n = n.saturating_add_signed(*d);
        }
    }
}

/// The entries of `tree` with `range`'s prefix, strictly after `after`, in `range`'s order (its `skip` and
/// `limit` are the caller's).
fn walk(
    tree: &sled::Tree,
    range: &Range,
    after: Option<&[u8]>,
) -> impl Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>> {
    use std::ops::Bound;
    let prefix = range.prefix.as_bytes().to_vec();
    // Every key starting with the prefix sorts below prefix + 0xFF: UTF-8 never contains the byte 0xFF.
    let mut end = prefix.clone();
    end.push(0xFF);
    let mut lower = Bound::Included(prefix.clone());
    let mut upper = if prefix.is_empty() {
        Bound::Unbounded
    } else {
        Bound::Excluded(end)
    };
    match (after, range.order) {
        (Some(after), Order::Asc) => lower = Bound::Excluded(after.to_vec()),
        (Some(after), Order::Desc) => upper = Bound::Excluded(after.to_vec()),
        (None, _) => {}
    }
    let iter = tree.range::<Vec<u8>, _>((lower, upper));
    let iter: Box<dyn Iterator<Item = _>> = match range.order {
        Order::Asc => Box::new(iter),
        Order::Desc => Box::new(iter.rev()),
    };
    iter
}

impl MetadataStore for SledStore {
    fn prepare(&self, table: &'static str, indexes: &[&'static str]) -> Result<()> {
        let mut tables = self.tables.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(existing) = tables.get(table) {
            let same = existing.indexes.len() == indexes.len()
                && existing
                    .indexes
                    .iter()
                    .zip(indexes)
                    .all(|((a, _), b)| a == b);
            return if same {
                Ok(())
            } else {
                Err(Error::Backend {
                    cause: format!("table {table:?} prepared twice with different indexes"),
                })
            };
        }
        let records = self.db(self.db.open_tree(table))?;
        let indexes = indexes
            .iter()
            .map(|ix| Ok((*ix, self.db(self.db.open_tree(format!("{table}.by_{ix}")))?)))
            .collect::<Result<Vec<_>>>()?;
        tables.insert(
            table,
            Arc::new(Trees {
                records,
                indexes,
                write: Mutex::new(
                    self.stopped_with
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .remove(table),
                ),
                positions: Mutex::default(),
            }),
        );
        Ok(())
    }

    fn get<'a>(&'a self, table: &'a str, key: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            let t = self.trees(table)?;
            Ok(self.db(t.records.get(key.as_bytes()))?.map(|v| v.to_vec()))
        })
    }

    fn lookup<'a>(
        &'a self,
        table: &'a str,
        index: &'a str,
        value: &'a str,
    ) -> BoxFuture<'a, Result<Option<String>>> {
        Box::pin(async move {
            let t = self.trees(table)?;
            Ok(self
                .db(t.index(index)?.get(value.as_bytes()))?
                .map(|k| String::from_utf8_lossy(&k).into_owned()))
        })
    }

    fn update<'a>(
        &'a self,
        table: &'a str,
        key: &'a str,
        mutation: &'a mut dyn Mutation,
    ) -> BoxFuture<'a, Result<bool>> {
        Box::pin(async move { self.update_now(table, key, mutation) })
    }

    fn scan<'a>(&'a self, table: &'a str, range: &'a Range) -> BoxFuture<'a, Result<Vec<Row>>> {
        Box::pin(async move { self.scan_now(table, range) })
    }

    fn scan_index<'a>(
        &'a self,
        table: &'a str,
        index: &'a str,
        range: &'a Range,
    ) -> BoxFuture<'a, Result<Vec<IndexEntry>>> {
        Box::pin(async move { self.scan_index_now(table, index, range) })
    }

    fn count<'a>(
        &'a self,
        table: &'a str,
        group: &'a str,
        groups_of: GroupsOf<'a>,
    ) -> BoxFuture<'a, Result<u64>> {
        Box::pin(async move { self.count_now(table, group, groups_of) })
    }

    fn close(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            self.write_stop_counts()?;
            self.flush().await
        })
    }

    fn flush(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let ticket = self.flusher.requested.fetch_add(1, AtomicOrdering::SeqCst) + 1;
            let mut durable = self.flusher.durable.lock().await;
            if *durable >= ticket {
                return Ok(());
            }
            // Every ticket taken so far belongs to writes made before this flush starts.
            let covered = self.flusher.requested.load(AtomicOrdering::SeqCst);
            let db = self.db.clone();
            let flushed = tokio::task::spawn_blocking(move || db.flush())
                .await
                .map_err(|e| Error::Backend {
                    cause: format!("flush task: {e}"),
                })?;
            self.db(flushed)?;
            *durable = covered;
            Ok(())
        })
    }

    fn failure(&self) -> Option<String> {
        self.health.failure.get().cloned()
    }

    fn failed(&self) -> BoxFuture<'static, ()> {
        Box::pin(self.health.failed.clone().cancelled_owned())
    }

    fn kind(&self) -> &'static str {
        "sled"
    }

    fn shared(&self) -> bool {
        // sled locks its files: one process per data dir.
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testsuite::Item;
    use crate::store::{Store, Table};

    /// An index entry a crash left behind (its record gone, or holding another value) neither blocks the value
    /// nor is found by it.
    #[tokio::test]
    async fn stale_index_entries_are_not_believed() {
        let dir = tempfile::tempdir().unwrap();
        let sled = Arc::new(SledStore::open(dir.path()).unwrap());
        let store = Store::new(sled.clone());
        let t: Table<Item> = store.table("items", &["name"]).unwrap();
        let item = |id: &str, name: &str| Item {
            id: id.into(),
            name: name.into(),
            n: 0,
        };
        t.put(&item("2", "x")).await.unwrap();
        let index = sled.db.open_tree("items.by_name").unwrap();
        index.insert("ghost-name", "no-such-record").unwrap();
        index.insert("y", "2").unwrap();

        assert_eq!(t.get_by("name", "ghost-name").await.unwrap(), None);
        assert_eq!(t.get_by("name", "y").await.unwrap(), None);
        t.put(&item("1", "ghost-name")).await.unwrap();
        t.put(&item("3", "y")).await.unwrap();
        assert_eq!(t.get_by("name", "y").await.unwrap(), Some(item("3", "y")));
        assert_eq!(t.get_by("name", "x").await.unwrap(), Some(item("2", "x")));
    }

    /// Entries a crash left (a removed record's, another value's, one missing, one pointing at another record)
    /// are set right by the first count, so a page that skips index entries lands where it should.
    #[tokio::test]
    async fn the_first_count_sweeps_stale_index_entries_before_pages_skip_them() {
        use crate::store::testsuite::Parted;
        let dir = tempfile::tempdir().unwrap();
        let sled = Arc::new(SledStore::open(dir.path()).unwrap());
        let store = Store::new(sled.clone());
        let t: Table<Parted> = store.table("parted", &["part_id"]).unwrap();
        for i in 0..10 {
            t.put(&Parted {
                id: format!("{i}"),
                part: "a".into(),
            })
            .await
            .unwrap();
        }
        let index = sled.db.open_tree("parted.by_part_id").unwrap();
        index.insert("a/0x", "0x").unwrap();
        index.insert("a/1x", "1").unwrap();
        index.remove("a/5").unwrap();
        index.insert("a/3", "4").unwrap();

        assert_eq!(t.count_partition("a").await.unwrap(), 10);
        let mut page = t.scan_index_prefix("part_id", "a/", Order::Asc).skip(1);
        let mut ids = Vec::new();
        while let Some(r) = page.next().await.unwrap() {
            ids.push(r.id);
        }
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8", "9"]);
        assert_eq!(
            index.len(),
            10,
            "stale entries removed, the missing one back"
        );
        assert_eq!(index.get("a/3").unwrap().as_deref(), Some(&b"3"[..]));
    }

    fn items(dir: &Path) -> (Arc<SledStore>, Table<Item>) {
        let sled = Arc::new(SledStore::open(dir).unwrap());
        let t = Store::new(sled.clone()).table("items", &["name"]).unwrap();
        (sled, t)
    }

    async fn put(t: &Table<Item>, id: &str) {
        let item = Item {
            id: id.into(),
            name: format!("name-{id}"),
            n: 0,
        };
        t.put(&item).await.unwrap();
    }

    /// A store in `dir` with `ids` put, counted (so the counts are known) and stopped cleanly.
    async fn stopped_cleanly_with(dir: &Path, ids: &[&str]) -> (Arc<SledStore>, Table<Item>) {
        let (sled, t) = items(dir);
        for id in ids {
            put(&t, id).await;
        }
        assert_eq!(t.count().await.unwrap(), ids.len() as u64);
        sled.close().await.unwrap();
        (sled, t)
    }

    /// The next start takes the counts a clean stop wrote instead of walking the records: a record removed
    /// behind the store's back is not noticed, which is how this test tells.
    #[tokio::test]
    async fn a_start_after_a_clean_stop_takes_its_counts() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (sled, _) = stopped_cleanly_with(dir.path(), &["1", "2", "3"]).await;
            sled.db.open_tree("items").unwrap().remove("3").unwrap();
            sled.db.flush().unwrap();
        }
        let (_, t) = items(dir.path());
        assert_eq!(t.count().await.unwrap(), 3, "the clean stop's count");
        put(&t, "4").await;
        assert_eq!(t.count().await.unwrap(), 4, "and maintained from there");
    }

    /// A write after the clean stop removes its counts before it lands, so a crash after it walks.
    #[tokio::test]
    async fn a_write_after_the_clean_stop_removes_its_counts() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (sled, t) = stopped_cleanly_with(dir.path(), &["1"]).await;
            put(&t, "2").await;
            sled.flush().await.unwrap();
        }
        let (_, t) = items(dir.path());
        assert_eq!(t.count().await.unwrap(), 2);
    }

    /// A start removes the counts it took before anything is written, so a crash later walks again.
    #[tokio::test]
    async fn a_crash_after_a_clean_start_walks_again() {
        let dir = tempfile::tempdir().unwrap();
        stopped_cleanly_with(dir.path(), &["1"]).await;
        {
            let (sled, t) = items(dir.path());
            put(&t, "2").await;
            sled.flush().await.unwrap();
            // No close: a crash.
        }
        let (_, t) = items(dir.path());
        assert_eq!(t.count().await.unwrap(), 2);
    }
}
