//! Decoded copies of the records a [`Table`](super::Table) read last, for the tables the domain marks with
//! [`Store::cache_reads`](super::Store::cache_reads): a manifest GET then clones a few records out of memory
//! instead of finding them in the backend and decoding their JSON each time.
//!
//! # Staying correct
//! Every entry is tagged with the table's *stamp* ([`MetadataStore::stamp`](super::MetadataStore::stamp)): the
//! generation the cache layer bumps after each change of the table, here or (by the change feed) on another
//! replica. A reader takes the stamp before it reads the backend and tags what it read with it; an entry is
//! answered only while the stamp is unchanged. So a change that lands while a read is under way makes that
//! read's entry useless at once, and a newer stamp empties the memo. No stamp (a shared backend whose feed is
//! down) means no memo.
//!
//! Memory is bounded by [`MAX_ENTRIES`] per kind and, for byte values, [`MAX_BYTES`]: an entry beyond them
//! evicts an arbitrary one.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// Records (and, separately, index lookups) kept per table at most.
pub const MAX_ENTRIES: usize = 4_096;

/// Bytes of byte values kept per table at most.
pub const MAX_BYTES: usize = 8 << 20;

/// A map tagged with the stamp its entries were read under.
struct Tagged<K, V> {
    stamp: u64,
    entries: HashMap<K, V>,
    /// What a value costs the byte budget.
    weigh: fn(&V) -> usize,
    bytes: usize,
}

impl<K, V> Tagged<K, V> {
    fn new(weigh: fn(&V) -> usize) -> Self {
        Tagged {
            stamp: 0,
            entries: HashMap::new(),
            weigh,
            bytes: 0,
        }
    }
}

impl<K: Hash + Eq + Clone, V: Clone> Tagged<K, V> {
    fn get<Q>(&self, stamp: u64, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if stamp != self.stamp {
            return None;
        }
        self.entries.get(key).cloned()
    }

    fn put(&mut self, stamp: u64, key: K, value: V) {
        if stamp < self.stamp {
            // Read before a change that a newer entry already reflects.
            return;
        }
        if stamp > self.stamp {
            self.entries.clear();
            self.bytes = 0;
            self.stamp = stamp;
        }
        let weight = (self.weigh)(&value);
        if weight > MAX_BYTES / 16 {
            return;
        }
        while self.entries.len() >= MAX_ENTRIES || self.bytes + weight > MAX_BYTES {
            let Some(victim) = self.entries.keys().next().cloned() else {
                break;
            };
            if let Some(v) = self.entries.remove(&victim) {
                self.bytes -= (self.weigh)(&v);
            }
        }
        if let Some(old) = self.entries.insert(key, value) {
            self.bytes -= (self.weigh)(&old);
        }
        self.bytes += weight;
    }
}

/// One index's lookups: value → id (`None`: no record holds the value).
type Lookups = Tagged<String, Option<String>>;

/// Decoded records by id, and ids by (index, value), of one table (see the module doc).
pub struct Memo<V> {
    records: Mutex<Tagged<String, V>>,
    /// Per index (a table has a few): value → id, `None` when no record holds the value.
    lookups: Mutex<Vec<(String, Lookups)>>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo::new()
    }
}

impl<V> Memo<V> {
    /// A memo of records that weigh nothing against [`MAX_BYTES`] (typed records: [`MAX_ENTRIES`] bounds them).
    pub fn new() -> Self {
        Memo::weighed(|_| 0)
    }

    /// A memo of values that cost `weigh` of [`MAX_BYTES`] each.
    pub fn weighed(weigh: fn(&V) -> usize) -> Self {
        Memo {
            records: Mutex::new(Tagged::new(weigh)),
            lookups: Mutex::default(),
        }
    }
}

impl<V: Clone> Memo<V> {
    /// The record `key` as read under `stamp`, if it was.
    pub fn get(&self, stamp: u64, key: &str) -> Option<V> {
        self.records
            .lock()
            .expect("memo is never poisoned")
            .get(stamp, key)
    }

    /// Keeps `value` (the record `key`, read from the backend after `stamp` was taken).
    pub fn put(&self, stamp: u64, key: &str, value: V) {
        self.records
            .lock()
            .expect("memo is never poisoned")
            .put(stamp, key.to_owned(), value);
    }

    /// The id index `index` mapped `value` to under `stamp`, if looked up (`Some(None)`: no record).
    pub fn lookup(&self, stamp: u64, index: &str, value: &str) -> Option<Option<String>> {
        let lookups = self.lookups.lock().expect("memo is never poisoned");
        let (_, values) = lookups.iter().find(|(i, _)| i == index)?;
        values.get(stamp, value)
    }

    /// Keeps a lookup's answer, read after `stamp` was taken.
    pub fn put_lookup(&self, stamp: u64, index: &str, value: &str, id: Option<String>) {
        let mut lookups = self.lookups.lock().expect("memo is never poisoned");
        let at = match lookups.iter().position(|(i, _)| i == index) {
            Some(at) => at,
            None => {
                lookups.push((index.to_owned(), Tagged::new(|_| 0)));
                lookups.len() - 1
            }
        };
        lookups[at].1.put(stamp, value.to_owned(), id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_answered_only_under_the_stamp_they_were_read_with() {
        let memo = Memo::<u32>::new();
        memo.put(1, "a", 10);
        assert_eq!(memo.get(1, "a"), Some(10));
        assert_eq!(memo.get(2, "a"), None, "a change since the read");
        memo.put(2, "b", 20);
        assert_eq!(memo.get(2, "a"), None, "a newer stamp empties the memo");
        assert_eq!(memo.get(2, "b"), Some(20));
        memo.put(1, "a", 10);
        assert_eq!(
            memo.get(2, "a"),
            None,
            "a read from before the change is dropped"
        );
    }

    #[test]
    fn lookups_remember_absent_answers() {
        let memo = Memo::<u32>::new();
        memo.put_lookup(3, "by_name", "x", None);
        memo.put_lookup(3, "by_name", "y", Some("id-y".into()));
        assert_eq!(memo.lookup(3, "by_name", "x"), Some(None));
        assert_eq!(memo.lookup(3, "by_name", "y"), Some(Some("id-y".into())));
        assert_eq!(memo.lookup(3, "by_id", "y"), None);
        assert_eq!(memo.lookup(4, "by_name", "y"), None);
    }

    #[test]
    fn memory_stays_bounded() {
        let memo = Memo::<bytes::Bytes>::weighed(bytes::Bytes::len);
        let big = bytes::Bytes::from(vec![0u8; MAX_BYTES / 32]);
        for i in 0..100 {
            memo.put(1, &i.to_string(), big.clone());
        }
        let records = memo.records.lock().unwrap();
        assert!(records.bytes <= MAX_BYTES);
        assert_eq!(records.bytes, records.entries.len() * big.len());
        drop(records);
        let small = Memo::<u32>::new();
        for i in 0..(MAX_ENTRIES as u32 + 10) {
            small.put(1, &i.to_string(), i);
        }
        assert_eq!(small.records.lock().unwrap().entries.len(), MAX_ENTRIES);
    }
}
