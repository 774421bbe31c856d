//! The conformance suite every [`MetadataStore`](super::MetadataStore) backend must pass, public (but hidden)
//! so that backends needing a server run it from the e2e tests, which own those servers
//! (`tests/e2e/postgres_metadata.rs`); sled runs it in `store/mod.rs`. It panics on the first difference, like
//! a test. Each call uses its own table names, so one database can run it more than once only if fresh (the
//! e2e tests give each run its own database).

use super::{Error, Order, Record, Store, Table, Write};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The record type of the suite: an id, a unique name and a counter.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub n: u64,
}

impl Record for Item {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        (index == "name" && !self.name.is_empty()).then(|| self.name.clone())
    }
}

/// A record counted in a partition (as distributions are, per kind).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Parted {
    pub id: String,
    pub part: String,
}

impl Record for Parted {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        (index == "part_id").then(|| super::partition_value(&self.part, &self.id))
    }
    fn partition(&self) -> Option<&str> {
        Some(&self.part)
    }
}

fn parted(id: &str, part: &str) -> Parted {
    Parted {
        id: id.into(),
        part: part.into(),
    }
}

fn item(id: &str, name: &str) -> Item {
    Item {
        id: id.into(),
        name: name.into(),
        n: 0,
    }
}

/// The tables [`conformance`] writes.
pub const TABLES: &[&str] = &[
    "suite_bytes",
    "suite_claims",
    "suite_counter",
    "suite_counts",
    "suite_counts_bytes",
    "suite_counts_named",
    "suite_counts_race",
    "suite_scan",
    "suite_seeks",
    "suite_unique",
    "suite_update",
];

/// [`conformance`] with every table's reads cached ([`Store::cache_reads`]): the cache layer must not change
/// what any operation answers.
pub async fn conformance_with_cached_reads(store: &Store) {
    for t in TABLES {
        store.cache_reads(t);
    }
    conformance(store).await;
}

/// Polls `read` until it answers `want`, for at most `deadline`; panics with the last answer otherwise.
async fn eventually<T, F, Fut>(what: &str, want: &T, mut read: F)
where
    T: PartialEq + std::fmt::Debug,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = super::Result<T>>,
{
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let got = read().await.unwrap();
        if &got == want {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: still {got:?} instead of {want:?} after 10 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// Two stores on one shared database, as two replicas hold it, with reads of table `suite_shared` cached on
/// both: what one writes the other reads (records, absent records and index lookups, all cached before the
/// write), a burst of writes racing with reads leaves no stale value behind, and a change wakes the other
/// store's waiters. Returns once `reader` has cached record `feed-check` (for a caller that then cuts the
/// feed, see `after_feed_loss`).
pub async fn cached_reads_follow_other_writers(writer: &Store, reader: &Store) {
    const T: &str = "suite_shared";
    writer.cache_reads(T);
    reader.cache_reads(T);
    let w: Table<Item> = writer.table(T, &["name"]).unwrap();
    let r: Table<Item> = reader.table(T, &["name"]).unwrap();

    // Absent, then created elsewhere.
    assert_eq!(r.get("a").await.unwrap(), None);
    assert_eq!(r.get_by("name", "alpha").await.unwrap(), None);
    let changed = reader.changes(T);
    let woken = changed.notified();
    tokio::pin!(woken);
    woken.as_mut().enable();
    w.put(&item("a", "alpha")).await.unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(10), woken)
        .await
        .expect("a write by the other store wakes this store's waiters");
    eventually(
        "a record created elsewhere",
        &Some(item("a", "alpha")),
        || r.get("a"),
    )
    .await;
    eventually(
        "a name claimed elsewhere",
        &Some(item("a", "alpha")),
        || r.get_by("name", "alpha"),
    )
    .await;

    // Present and cached, then renamed elsewhere: the old name is free, the new one found.
    w.put(&item("a", "beta")).await.unwrap();
    eventually("a rename elsewhere", &None, || r.get_by("name", "alpha")).await;
    eventually("a rename elsewhere", &Some(item("a", "beta")), || {
        r.get_by("name", "beta")
    })
    .await;

    // Writes racing with reads: the last value wins everywhere, and stays.
    let reads = {
        let r = r.clone();
        tokio::spawn(async move {
            for _ in 0..400 {
                let _ = r.get("race").await.unwrap();
                tokio::task::yield_now().await;
            }
        })
    };
    for n in 0..100u64 {
        w.put(&Item {
            id: "race".into(),
            name: String::new(),
            n,
        })
        .await
        .unwrap();
    }
    reads.await.unwrap();
    let last = Some(Item {
        id: "race".into(),
        name: String::new(),
        n: 99,
    });
    eventually("the last of racing writes", &last, || r.get("race")).await;
    for _ in 0..50 {
        assert_eq!(
            r.get("race").await.unwrap(),
            last,
            "a stale value came back"
        );
    }

    // Removed elsewhere.
    w.remove("a").await.unwrap();
    eventually("a record removed elsewhere", &None, || r.get("a")).await;

    w.put(&item("feed-check", "")).await.unwrap();
    eventually(
        "the feed check record",
        &Some(item("feed-check", "")),
        || r.get("feed-check"),
    )
    .await;
}

/// After [`cached_reads_follow_other_writers`] and a cut of `reader`'s change feed: a write made while the
/// feed may be down still reaches `reader` (it drops its cache when it notices, and again when the feed is
/// back).
pub async fn after_feed_loss(writer: &Store, reader: &Store) {
    const T: &str = "suite_shared";
    let w: Table<Item> = writer.table(T, &["name"]).unwrap();
    let r: Table<Item> = reader.table(T, &["name"]).unwrap();
    let changed = Item {
        id: "feed-check".into(),
        name: "after-the-cut".into(),
        n: 1,
    };
    w.put(&changed).await.unwrap();
    eventually(
        "a write while the feed was cut",
        &Some(changed.clone()),
        || r.get("feed-check"),
    )
    .await;
    eventually(
        "a name claimed while the feed was cut",
        &Some(changed),
        || r.get_by("name", "after-the-cut"),
    )
    .await;
}

/// The behaviour every backend must have.
pub async fn conformance(store: &Store) {
    unique_index(store).await;
    insert_and_update(store).await;
    scans(store).await;
    bytes(store).await;
    concurrent_updates_are_atomic(store).await;
    concurrent_claims_leave_one(store).await;
    counts(store).await;
    concurrent_counts(store).await;
    seeks(store).await;
}

async fn unique_index(store: &Store) {
    let t: Table<Item> = store.table("suite_unique", &["name"]).unwrap();
    assert_eq!(t.get("1").await.unwrap(), None);
    t.put(&item("1", "a")).await.unwrap();
    assert_eq!(t.get("1").await.unwrap(), Some(item("1", "a")));
    let err = t.put(&item("2", "a")).await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict { index, value } if index == "name" && value == "a"),
        "a taken name is a conflict naming the index: {err:?}"
    );
    assert_eq!(
        t.get("2").await.unwrap(),
        None,
        "a refused put writes nothing"
    );

    // Renaming moves the index entry: the new name finds it, the old one is free.
    t.put(&item("1", "b")).await.unwrap();
    assert_eq!(t.get_by("name", "b").await.unwrap(), Some(item("1", "b")));
    assert_eq!(t.get_by("name", "a").await.unwrap(), None);
    assert_eq!(t.id_by("name", "b").await.unwrap().as_deref(), Some("1"));
    t.put(&item("2", "a")).await.unwrap();

    // A record may keep its own name, and drop out of the index.
    t.put(&item("2", "a")).await.unwrap();
    t.put(&item("2", "")).await.unwrap();
    assert_eq!(t.get_by("name", "a").await.unwrap(), None);
    t.put(&item("3", "a")).await.unwrap();

    assert!(t.remove("1").await.unwrap());
    assert!(
        !t.remove("1").await.unwrap(),
        "removing twice finds nothing"
    );
    assert_eq!(t.get_by("name", "b").await.unwrap(), None);
    t.put(&item("4", "b")).await.unwrap();
    assert_eq!(t.count().await.unwrap(), 3);

    // Index values may hold any character a key can, NUL included (role assignments use it).
    let odd = "org/one\0user\0rôle";
    t.put(&item("5", odd)).await.unwrap();
    assert_eq!(t.get_by("name", odd).await.unwrap(), Some(item("5", odd)));
    assert_eq!(
        t.index_values_with_prefix("name", "org/one\0")
            .await
            .unwrap(),
        [odd]
    );
}

async fn insert_and_update(store: &Store) {
    let t: Table<Item> = store.table("suite_update", &["name"]).unwrap();
    assert!(t.insert(&item("x", "x")).await.unwrap());
    assert!(
        !t.insert(&item("x", "other")).await.unwrap(),
        "insert never replaces"
    );
    assert_eq!(t.get("x").await.unwrap(), Some(item("x", "x")));

    // update sees the stored record and writes what it decides.
    let after = t
        .update("x", |cur| {
            let mut r = cur.expect("x exists");
            r.n += 1;
            Some(Write::Put(r))
        })
        .await
        .unwrap();
    assert_eq!(after.map(|r| r.n), Some(1));
    let kept = t.update("x", |_| None).await.unwrap();
    assert_eq!(kept.map(|r| r.n), Some(1), "deciding nothing keeps it");
    let gone = t.update("x", |_| Some(Write::Delete)).await.unwrap();
    assert_eq!(gone, None);
    assert_eq!(t.get("x").await.unwrap(), None);
    assert_eq!(t.get_by("name", "x").await.unwrap(), None);
    let created = t
        .update("y", |cur| {
            assert!(cur.is_none());
            Some(Write::Put(item("y", "x")))
        })
        .await
        .unwrap();
    assert_eq!(
        created,
        Some(item("y", "x")),
        "a deleted name is free again"
    );
}

async fn scans(store: &Store) {
    let t: Table<Item> = store.table("suite_scan", &["name"]).unwrap();
    // More records than one backend page, under two prefixes, names in the reverse order of ids.
    let n = 600;
    for i in 0..n {
        let id = format!("a/{i:04}");
        t.put(&item(&id, &format!("n{:04}", n - i))).await.unwrap();
    }
    for i in 0..3 {
        t.put(&item(&format!("b/{i}"), &format!("z{i}")))
            .await
            .unwrap();
    }
    t.put(&item("a", "just-a")).await.unwrap();

    let ids = |v: Vec<Item>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let asc = ids(t.all("a/", Order::Asc).await.unwrap());
    assert_eq!(asc.len(), n);
    assert_eq!(asc.first().map(String::as_str), Some("a/0000"));
    assert_eq!(asc.last().map(String::as_str), Some("a/0599"));
    assert!(asc.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
    let desc = ids(t.all("a/", Order::Desc).await.unwrap());
    let mut reversed = asc.clone();
    reversed.reverse();
    assert_eq!(desc, reversed);
    assert_eq!(
        ids(t.all("b/", Order::Desc).await.unwrap()),
        ["b/2", "b/1", "b/0"]
    );
    assert_eq!(t.all("c/", Order::Asc).await.unwrap(), vec![]);
    assert_eq!(t.all("", Order::Asc).await.unwrap().len(), n + 4);

    let mut by_name = t.scan_index("name", Order::Asc);
    let mut names = Vec::new();
    while let Some(r) = by_name.next().await.unwrap() {
        names.push(r.name);
    }
    assert_eq!(names.len(), n + 4);
    assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted by name");
    assert_eq!(names[0], "just-a");
    let mut by_name_desc = t.scan_index("name", Order::Desc);
    assert_eq!(
        by_name_desc
            .next()
            .await
            .unwrap()
            .map(|r| r.name)
            .as_deref(),
        Some("z2")
    );
    assert_eq!(
        t.index_values_with_prefix("name", "z").await.unwrap(),
        ["z0", "z1", "z2"]
    );
    assert_eq!(t.count().await.unwrap(), n as u64 + 4);
}

async fn bytes(store: &Store) {
    let t = store.bytes_table("suite_bytes").unwrap();
    let value: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    assert_eq!(t.get("k").await.unwrap(), None);
    t.put("k", &value).await.unwrap();
    assert_eq!(t.get("k").await.unwrap(), Some(value));
    t.put("k", b"").await.unwrap();
    assert_eq!(t.get("k").await.unwrap(), Some(Vec::new()));
    assert!(t.remove("k").await.unwrap());
    assert!(!t.remove("k").await.unwrap());
    assert!(t.insert("once", b"first").await.unwrap());
    assert!(
        !t.insert("once", b"second").await.unwrap(),
        "insert never replaces"
    );
    assert_eq!(t.get("once").await.unwrap().as_deref(), Some(&b"first"[..]));
}

/// 8 writers each add 1 to one counter 25 times through `update`: none is lost.
async fn concurrent_updates_are_atomic(store: &Store) {
    let t: Arc<Table<Item>> = Arc::new(store.table("suite_counter", &[]).unwrap());
    t.put(&item("c", "")).await.unwrap();
    let writers: Vec<_> = (0..8)
        .map(|_| {
            let t = t.clone();
            tokio::spawn(async move {
                for _ in 0..25 {
                    t.update("c", |cur| {
                        let mut r = cur.expect("the counter exists");
                        r.n += 1;
                        Some(Write::Put(r))
                    })
                    .await
                    .unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.await.unwrap();
    }
    assert_eq!(t.get("c").await.unwrap().map(|r| r.n), Some(200));
}

/// 10 writers create records with the same name at once: exactly one holds it.
async fn concurrent_claims_leave_one(store: &Store) {
    let t: Arc<Table<Item>> = Arc::new(store.table("suite_claims", &["name"]).unwrap());
    let writers: Vec<_> = (0..10)
        .map(|i| {
            let t = t.clone();
            tokio::spawn(async move { t.put(&item(&format!("id{i}"), "same")).await })
        })
        .collect();
    let mut ok = 0;
    for w in writers {
        match w.await.unwrap() {
            Ok(()) => ok += 1,
            Err(Error::Conflict { .. }) => {}
            Err(e) => panic!("a claim failed with something else than a conflict: {e}"),
        }
    }
    assert_eq!(ok, 1, "exactly one writer gets the name");
    let holder = t
        .get_by("name", "same")
        .await
        .unwrap()
        .expect("one holds it");
    assert_eq!(t.count().await.unwrap(), 1, "the losers wrote nothing");
    assert_eq!(t.all("", Order::Asc).await.unwrap(), vec![holder]);
}

/// Counts follow inserts, replacements, deletes and partition moves; a write that does not happen (a refused
/// claim, an insert of an existing id, a removal of nothing) changes nothing.
async fn counts(store: &Store) {
    let t: Table<Parted> = store.table("suite_counts", &["part_id"]).unwrap();
    let u: Table<Item> = store.table("suite_counts_named", &["name"]).unwrap();
    assert_eq!(t.count().await.unwrap(), 0);
    assert_eq!(t.count_partition("a").await.unwrap(), 0);
    for i in 0..30 {
        let part = if i % 3 == 0 { "b" } else { "a" };
        t.put(&parted(&format!("{i:02}"), part)).await.unwrap();
    }
    expect_counts(&t, (30, 20, 10)).await;
    t.put(&parted("01", "a")).await.unwrap();
    assert!(!t.insert(&parted("02", "b")).await.unwrap());
    expect_counts(&t, (30, 20, 10)).await;
    t.put(&parted("01", "b")).await.unwrap();
    expect_counts(&t, (30, 19, 11)).await;
    assert!(t.remove("00").await.unwrap());
    assert!(!t.remove("00").await.unwrap());
    expect_counts(&t, (29, 19, 10)).await;
    assert_eq!(t.count_partition("none").await.unwrap(), 0);

    u.put(&item("1", "x")).await.unwrap();
    assert!(u.put(&item("2", "x")).await.is_err());
    assert_eq!(
        u.count().await.unwrap(),
        1,
        "a refused claim counts nothing"
    );
    let b = store.bytes_table("suite_counts_bytes").unwrap();
    b.put("k", b"v").await.unwrap();
    b.put("k", b"w").await.unwrap();
    assert!(b.insert("l", b"v").await.unwrap());
    assert!(b.remove("k").await.unwrap());
}

/// The counts of `t`: all, partition `a`, partition `b`.
async fn expect_counts(t: &Table<Parted>, expected: (u64, u64, u64)) {
    let got = (
        t.count().await.unwrap(),
        t.count_partition("a").await.unwrap(),
        t.count_partition("b").await.unwrap(),
    );
    assert_eq!(got, expected, "(all, a, b)");
}

/// 8 writers insert and remove records of two partitions at once: the counts end equal to what a walk finds.
async fn concurrent_counts(store: &Store) {
    let t: Arc<Table<Parted>> = Arc::new(store.table("suite_counts_race", &["part_id"]).unwrap());
    // Counted before the race, so the race runs on maintained counts.
    assert_eq!(t.count().await.unwrap(), 0);
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let t = t.clone();
            tokio::spawn(async move {
                for i in 0..40 {
                    let part = if (w + i) % 2 == 0 { "a" } else { "b" };
                    t.put(&parted(&format!("{w}-{i:02}"), part)).await.unwrap();
                    if i % 4 == 0 {
                        // Also one another writer may be removing at the same time.
                        t.remove(&format!("{}-{i:02}", (w + 1) % 8)).await.unwrap();
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.await.unwrap();
    }
    let all = t.all("", Order::Asc).await.unwrap();
    let a = all.iter().filter(|r| r.part == "a").count() as u64;
    assert_eq!(t.count().await.unwrap(), all.len() as u64);
    assert_eq!(t.count_partition("a").await.unwrap(), a);
    assert_eq!(t.count_partition("b").await.unwrap(), all.len() as u64 - a);
}

/// A scan skips a number of entries and starts after a cursor, by id and by index, within a prefix.
async fn seeks(store: &Store) {
    let t: Table<Parted> = store.table("suite_seeks", &["part_id"]).unwrap();
    for i in 0..700 {
        let part = if i % 2 == 0 { "even" } else { "odd" };
        t.put(&parted(&format!("{i:04}"), part)).await.unwrap();
    }
    let ids = |mut scan: super::Scan<Parted>, n: usize| async move {
        let mut out = Vec::new();
        while out.len() < n {
            match scan.next().await.unwrap() {
                Some(r) => out.push(r.id),
                None => break,
            }
        }
        out
    };
    assert_eq!(
        ids(t.scan("", Order::Asc).skip(600), 200).await,
        (600..700).map(|i| format!("{i:04}")).collect::<Vec<_>>()
    );
    assert_eq!(
        ids(t.scan("", Order::Desc).skip(299), 2).await,
        ["0400", "0399"]
    );
    assert_eq!(
        ids(t.scan("", Order::Asc).skip(700), 1).await,
        Vec::<String>::new()
    );
    assert_eq!(
        ids(t.scan("", Order::Asc).after("0010").skip(1), 2).await,
        ["0012", "0013"]
    );
    // By index, within one partition: every odd id, newest first, from the 300th on.
    let odd = super::partition_value("odd", "");
    assert_eq!(
        ids(
            t.scan_index_prefix("part_id", &odd, Order::Desc).skip(300),
            100
        )
        .await,
        (0..50)
            .rev()
            .map(|i| format!("{:04}", 2 * i + 1))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        ids(t.scan_index_prefix("part_id", &odd, Order::Asc).skip(3), 2).await,
        ["0007", "0009"]
    );
    assert_eq!(
        ids(
            t.scan_index_prefix("part_id", &odd, Order::Asc)
                .after(&super::partition_value("odd", "0007")),
            1
        )
        .await,
        ["0009"]
    );

    // Pages asked again, deeper, shallower, and after writes (a backend may remember where walks got).
    let page = |skip: usize| {
        let t = t.clone();
        let odd = odd.clone();
        async move {
            let mut scan = t
                .scan_index_prefix("part_id", &odd, Order::Desc)
                .skip(skip)
                .page_size(3);
            let mut out = Vec::new();
            while out.len() < 3 {
                match scan.next().await.unwrap() {
                    Some(r) => out.push(r.id),
                    None => break,
                }
            }
            out
        }
    };
    for _ in 0..2 {
        assert_eq!(page(100).await, ["0499", "0497", "0495"]);
        assert_eq!(page(103).await, ["0493", "0491", "0489"]);
        assert_eq!(page(240).await, ["0219", "0217", "0215"]);
        assert_eq!(page(50).await, ["0599", "0597", "0595"]);
    }
    // Two fewer and one more before offset 100: every later entry moves up by one.
    t.remove("0599").await.unwrap();
    t.remove("0597").await.unwrap();
    t.put(&parted("0800", "odd")).await.unwrap();
    assert_eq!(page(100).await, ["0497", "0495", "0493"]);
    assert_eq!(page(0).await, ["0800", "0699", "0697"]);
    assert_eq!(page(348).await, ["0001"]);
    assert_eq!(page(349).await, Vec::<String>::new());
}

/// Writes what [`check_after_reopen`] expects to find after the store is closed and opened again.
pub async fn write_for_reopen(store: &Store) {
    let t: Table<Item> = store.table("suite_reopen", &["name"]).unwrap();
    t.put(&item("1", "kept")).await.unwrap();
    t.put(&item("2", "moved")).await.unwrap();
    t.put(&item("2", "moved-again")).await.unwrap();
    let p: Table<Parted> = store.table("suite_reopen_counts", &["part_id"]).unwrap();
    for i in 0..5 {
        p.put(&parted(&i.to_string(), if i < 2 { "a" } else { "b" }))
            .await
            .unwrap();
    }
    // Counted before the store closes, then changed: the counts after reopening include the change.
    assert_eq!(p.count_partition("b").await.unwrap(), 3);
    p.remove("4").await.unwrap();
    store
        .bytes_table("suite_reopen_bytes")
        .unwrap()
        .put("k", b"v")
        .await
        .unwrap();
}

/// Checks what [`write_for_reopen`] wrote.
pub async fn check_after_reopen(store: &Store) {
    let t: Table<Item> = store.table("suite_reopen", &["name"]).unwrap();
    assert_eq!(
        t.get_by("name", "kept").await.unwrap(),
        Some(item("1", "kept"))
    );
    assert_eq!(t.get_by("name", "moved").await.unwrap(), None);
    assert_eq!(
        t.get_by("name", "moved-again").await.unwrap(),
        Some(item("2", "moved-again"))
    );
    let b = store.bytes_table("suite_reopen_bytes").unwrap();
    assert_eq!(b.get("k").await.unwrap().as_deref(), Some(&b"v"[..]));
    let p: Table<Parted> = store.table("suite_reopen_counts", &["part_id"]).unwrap();
    assert_eq!(p.count().await.unwrap(), 4);
    assert_eq!(p.count_partition("a").await.unwrap(), 2);
    assert_eq!(p.count_partition("b").await.unwrap(), 2);
}
