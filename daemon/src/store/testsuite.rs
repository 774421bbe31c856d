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

fn item(id: &str, name: &str) -> Item {
    Item {
        id: id.into(),
        name: name.into(),
        n: 0,
    }
}

/// The behaviour every backend must have.
pub async fn conformance(store: &Store) {
    unique_index(store).await;
    insert_and_update(store).await;
    scans(store).await;
    bytes(store).await;
    concurrent_updates_are_atomic(store).await;
    concurrent_claims_leave_one(store).await;
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

/// Writes what [`check_after_reopen`] expects to find after the store is closed and opened again.
pub async fn write_for_reopen(store: &Store) {
    let t: Table<Item> = store.table("suite_reopen", &["name"]).unwrap();
    t.put(&item("1", "kept")).await.unwrap();
    t.put(&item("2", "moved")).await.unwrap();
    t.put(&item("2", "moved-again")).await.unwrap();
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
}
