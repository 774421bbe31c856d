//! Retention of the pull-through caches: a pull-through remote's `cache_max_size` (bytes) and `cache_max_age`
//! (seconds unused) bound what the caches using it keep. Pulp's cache never expires anything; pulpd evicts the
//! least recently pulled images first.
//!
//! **What is evicted**: an *image*, i.e. a top-level manifest of a cache repository (an image manifest, or an
//! index with its children), with the tags pointing at it. It leaves the repository in a new version
//! ([`crate::content::Repositories::remove_image`]); then its manifest and blob records and blob files go
//! through the orphan cleanup's removal path ([`crate::orphans::Orphans::remove_unreferenced`]), which keeps
//! whatever any version of any repository (a sync, a push repository, another cache), a pending push or a kept
//! manifest still references. So a blob shared with a regular repository is never deleted, and an evicted image
//! is fetched again on its next pull (one more upstream fetch), as on a first pull.
//!
//! **When an image counts as used**: every manifest GET through a pull-through distribution (by tag, which
//! includes the pulls that revalidate a tag, or by digest) stamps `(distribution base path, digest)` in memory
//! ([`Usage`]); an index's use is the latest of its own and its children's. The stamps are written to the
//! store by the periodic job and at shutdown, not on each GET. An image never stamped (recorded before a
//! restart that lost the stamps) counts from when its manifest was recorded. Blob GETs do not count: every
//! pull starts with a manifest GET, and a base layer shared by many images would make them all look used.
//!
//! **How size is counted**: the bytes of the blobs the cache repositories of one remote reference (each blob
//! once), as their records give them (the descriptor sizes, known from the manifest before the blob is
//! fetched), **except blobs some other repository references**: those are not the cache's to free, evicting
//! would not give their bytes back. Counting declared sizes rather than downloaded ones means an image is
//! accounted for as soon as its manifest is recorded, so eviction makes room before its blobs arrive; it is an
//! upper bound of what the cache has on disk. Manifests (kept in the metadata store) are not counted.
//!
//! **When it runs**: after the cache records a new manifest for a remote with retention (so the cap holds
//! while pulls go on), and periodically for every remote ([`Retention::run_all`], which also applies the age).
//! Runs are serialised in this process. The image used most recently is never evicted for size, so a cap below
//! one image keeps that image (and the cache otherwise empty).
//!
//! **Races**: eviction holds the cache's recording lock from the new version to the removal of the records,
//! so a manifest the cache records meanwhile (referencing the same blobs) cannot lose its records; pushes are
//! covered by the orphan cleanup's compare-and-swap and in-flight gate. A blob download still in flight for an
//! evicted image (a client that got the manifest just before) stores a blob no version references, which the
//! next orphan cleanup removes; the client gets its bytes. As with an orphan cleanup at protection time 0,
//! a sync in progress that records a blob an evicted image also used and writes its version after the
//! eviction read the versions may be left with a version whose blob must be fetched again (see
//! [`crate::orphans`]).

use crate::content::{Content, Repositories};
use crate::distributions::Distributions;
use crate::error::Result;
use crate::orphans::Orphans;
use crate::store::{self, Record, Store, Table};
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use super::remotes::{PullThroughRemoteRecord, PullThroughRemotes};

/// How often the periodic job writes the usage stamps and applies retention to every remote.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// When an image of a cache was last pulled, as stored.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UsageRecord {
    /// `<distribution base path>@<digest>`.
    pub id: String,
    pub last_pulled_ms: u64,
}

impl Record for UsageRecord {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Last-pulled times: stamped in memory on each manifest GET, written to the store by [`Usage::flush`].
#[derive(Clone)]
pub struct Usage {
    table: Table<UsageRecord>,
    memory: Arc<Mutex<Stamps>>,
}

/// In-memory stamps: key → last pulled (ms), and the keys stamped since the last flush.
#[derive(Default)]
struct Stamps {
    times: HashMap<String, u64>,
    dirty: HashSet<String>,
}

fn usage_key(base_path: &str, digest: &str) -> String {
    format!("{base_path}@{digest}")
}

impl Usage {
    pub fn open(store: &Store) -> store::Result<Usage> {
        Ok(Usage {
            table: store.table("pull_through_usage", &[])?,
            memory: Arc::default(),
        })
    }

    /// Stamps manifest `digest` of the cache distribution at `base_path` as pulled now: a map insert.
    pub fn touch(&self, base_path: &str, digest: &str) {
        self.touch_at(base_path, digest, crate::tasks::workers::now_ms());
    }

    fn touch_at(&self, base_path: &str, digest: &str, ms: u64) {
        let key = usage_key(base_path, digest);
        let mut memory = self.memory.lock().expect("usage map is never poisoned");
        let at = memory.times.entry(key.clone()).or_insert(ms);
        *at = (*at).max(ms);
        memory.dirty.insert(key);
    }

    /// When `digest` of `base_path` was last pulled: the latest of this process's stamp and the stored one.
    pub async fn last_pulled(&self, base_path: &str, digest: &str) -> Result<Option<u64>> {
        let key = usage_key(base_path, digest);
        let mine = self
            .memory
            .lock()
            .expect("usage map is never poisoned")
            .times
            .get(&key)
            .copied();
        let stored = self.table.get(&key).await?.map(|r| r.last_pulled_ms);
        Ok(mine.max(stored))
    }

    /// Writes the stamps made since the last flush (keeping a later stored one: replicas share the table).
    pub async fn flush(&self) -> Result<()> {
        let batch: Vec<(String, u64)> = {
            let mut memory = self.memory.lock().expect("usage map is never poisoned");
            let Stamps { times, dirty } = &mut *memory;
            dirty
                .drain()
                .filter_map(|k| times.get(&k).map(|t| (k, *t)))
                .collect()
        };
        for (key, ms) in batch {
            self.table
                .update(&key, |current| {
                    let newer = current.is_none_or(|r| r.last_pulled_ms < ms);
                    newer.then(|| {
                        store::Write::Put(UsageRecord {
                            id: key.clone(),
                            last_pulled_ms: ms,
                        })
                    })
                })
                .await?;
        }
        Ok(())
    }

    /// Forgets `digest` of `base_path` (evicted).
    async fn forget(&self, base_path: &str, digest: &str) -> Result<()> {
        let key = usage_key(base_path, digest);
        {
            let mut memory = self.memory.lock().expect("usage map is never poisoned");
            memory.times.remove(&key);
            memory.dirty.remove(&key);
        }
        self.table.remove(&key).await?;
        Ok(())
    }
}

/// An evictable image of a cache repository.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub repository_id: String,
    /// The cache distribution's base path (the usage key).
    pub base_path: String,
    /// The top-level manifest.
    pub digest: String,
    /// Its children (an index's manifests in the repository).
    pub children: Vec<String>,
    /// Config and layer blobs of it and its children.
    pub blobs: Vec<String>,
    pub last_pulled_ms: u64,
}

/// The limits of one remote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_size: Option<u64>,
    pub max_age_ms: Option<u64>,
}

/// Which of `units` to evict (indexes), least recently pulled first: those unused for longer than the age,
/// then more until the counted size (`sizes` of the blobs the remaining units reference, each once, except
/// `shared` ones) is at most the cap. The most recently pulled unit is never evicted for size. Also returns the
/// counted size after eviction.
pub fn choose(
    units: &[Unit],
    sizes: &HashMap<String, u64>,
    shared: &HashSet<String>,
    limits: Limits,
    now_ms: u64,
) -> (Vec<usize>, u64) {
    let mut refs: HashMap<&str, usize> = HashMap::new();
    for u in units {
        for b in &u.blobs {
            *refs.entry(b.as_str()).or_default() += 1;
        }
    }
    let counted = |b: &str| {
        if shared.contains(b) {
            0
        } else {
            sizes.get(b).copied().unwrap_or(0)
        }
    };
    let mut size: u64 = refs.keys().map(|b| counted(b)).sum();
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_key(|&i| (units[i].last_pulled_ms, units[i].digest.clone()));
    let newest = order.last().copied();
    let mut evicted = Vec::new();
    for i in order {
        let unit = &units[i];
        let expired = limits
            .max_age_ms
            .is_some_and(|age| now_ms.saturating_sub(unit.last_pulled_ms) >= age);
        let over = limits.max_size.is_some_and(|cap| size > cap) && Some(i) != newest;
        if !expired && !over {
            // Later units were pulled more recently: not expired either, and the size is under the cap.
            break;
        }
        for b in &unit.blobs {
            let n = refs.get_mut(b.as_str()).expect("counted above");
            *n -= 1;
            if *n == 0 {
                size -= counted(b);
            }
        }
        evicted.push(i);
    }
    (evicted, size)
}

/// What one run did for one remote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Evicted {
    pub images: u64,
    pub files: u64,
    pub bytes: u64,
    /// The counted size left.
    pub size: u64,
}

/// Applies retention.
#[derive(Clone)]
pub struct Retention {
    remotes: PullThroughRemotes,
    distributions: Distributions,
    repositories: Repositories,
    orphans: Orphans,
    pub usage: Usage,
    /// The cache's recording lock (see the module doc).
    recording: Arc<tokio::sync::Mutex<()>>,
    /// One run at a time.
    running: Arc<tokio::sync::Mutex<()>>,
}

impl Retention {
    pub fn new(
        remotes: PullThroughRemotes,
        distributions: Distributions,
        repositories: Repositories,
        orphans: Orphans,
        usage: Usage,
        recording: Arc<tokio::sync::Mutex<()>>,
    ) -> Retention {
        Retention {
            remotes,
            distributions,
            repositories,
            orphans,
            usage,
            recording,
            running: Arc::default(),
        }
    }

    fn content(&self) -> &Content {
        &self.repositories.content
    }

    /// Writes the usage stamps, then applies retention to every remote that has it.
    pub async fn run_all(&self) -> anyhow::Result<()> {
        self.usage.flush().await?;
        for remote in self.remotes.all().await? {
            if remote.has_retention() {
                self.run(&remote).await?;
            }
        }
        Ok(())
    }

    /// Applies `remote`'s limits to its caches now.
    pub async fn run(&self, remote: &PullThroughRemoteRecord) -> anyhow::Result<Evicted> {
        let _running = self.running.lock().await;
        let limits = Limits {
            max_size: remote.cache_max_size,
            max_age_ms: remote.cache_max_age.map(|s| s.saturating_mul(1000)),
        };
        let now = crate::tasks::workers::now_ms();
        let units = self.units(remote).await?;
        let mut sizes = HashMap::new();
        for unit in &units {
            for b in &unit.blobs {
                if !sizes.contains_key(b) {
                    let size = self.content().blob(b).await?.and_then(|r| r.size);
                    sizes.insert(b.clone(), size.unwrap_or(0));
                }
            }
        }
        let shared = self.shared_blobs(&units).await?;
        let (chosen, size) = choose(&units, &sizes, &shared, limits, now);
        let mut done = Evicted {
            size,
            ..Evicted::default()
        };
        if chosen.is_empty() {
            return Ok(done);
        }
        let _recording = self.recording.lock().await;
        let (mut manifests, mut blobs) = (HashSet::new(), HashSet::new());
        for &i in &chosen {
            let unit = &units[i];
            match self
                .repositories
                .remove_image(&unit.repository_id, &unit.digest)
                .await
            {
                Ok(_) => {}
                // Gone since (the repository deleted, the image removed by hand): nothing to do for it.
                Err(crate::error::Error::NotFound { .. } | crate::error::Error::Invalid(_)) => {
                    continue
                }
                Err(e) => return Err(e.into()),
            }
            self.usage.forget(&unit.base_path, &unit.digest).await?;
            manifests.insert(unit.digest.clone());
            manifests.extend(unit.children.iter().cloned());
            blobs.extend(unit.blobs.iter().cloned());
            done.images += 1;
            tracing::info!(
                name = %unit.base_path,
                digest = %unit.digest,
                last_pulled_ms = unit.last_pulled_ms,
                "pull-through cache evicted an image"
            );
        }
        let removed = self.orphans.remove_unreferenced(&manifests, &blobs).await?;
        drop(_recording);
        done.files = removed.files;
        done.bytes = removed.bytes;
        crate::metrics::pull_through_evicted(done.images, removed.bytes);
        tracing::info!(
            remote = %remote.name,
            images = done.images,
            files = done.files,
            bytes = done.bytes,
            size = done.size,
            cap = remote.cache_max_size,
            "pull-through cache retention applied"
        );
        Ok(done)
    }

    /// Bytes of the blobs the caches of every remote reference and hold (stored, not `on_demand`), each blob
    /// once: the accounting's figure ([`crate::accounting`]), computed with the same walk as retention's.
    pub async fn cached_bytes(&self) -> anyhow::Result<u64> {
        let mut blobs = HashSet::new();
        for remote in self.remotes.all().await? {
            for unit in self.units(&remote).await? {
                blobs.extend(unit.blobs);
            }
        }
        let mut total: u64 = 0;
        for b in &blobs {
            if let Some(record) = self.content().blob(b).await? {
                if record.on_demand.is_none() {
                    total = total.saturating_add(record.size.unwrap_or(0));
                }
            }
        }
        Ok(total)
    }

    /// The images of every cache repository of `remote`.
    async fn units(&self, remote: &PullThroughRemoteRecord) -> anyhow::Result<Vec<Unit>> {
        let mut units = Vec::new();
        for parent in self
            .distributions
            .pull_through_of_remote(&remote.href())
            .await?
        {
            for child in self.distributions.children(&parent.id).await? {
                let Some(repository_id) = child
                    .repository
                    .as_deref()
                    .and_then(|h| href::parse_id(href::REPOSITORIES, h).ok())
                else {
                    continue;
                };
                let content = match self.repositories.latest_content(repository_id).await {
                    Ok(c) => c,
                    Err(crate::error::Error::NotFound { .. }) => continue,
                    Err(e) => return Err(e.into()),
                };
                let mut records = HashMap::new();
                for d in &content.manifests {
                    if let Some(r) = self.content().manifest_record(d).await? {
                        records.insert(d.clone(), r);
                    }
                }
                let children: HashSet<&str> = records
                    .values()
                    .flat_map(|r| r.children.iter().map(|c| c.digest.as_str()))
                    .collect();
                for (digest, record) in &records {
                    if children.contains(digest.as_str()) {
                        continue;
                    }
                    let kids: Vec<String> = record
                        .children
                        .iter()
                        .map(|c| c.digest.clone())
                        .filter(|c| records.contains_key(c))
                        .collect();
                    let mut blobs: Vec<String> = record.blobs().cloned().collect();
                    let mut last = self.usage.last_pulled(&child.base_path, digest).await?;
                    for kid in &kids {
                        blobs.extend(records[kid].blobs().cloned());
                        last = last.max(self.usage.last_pulled(&child.base_path, kid).await?);
                    }
                    blobs.sort();
                    blobs.dedup();
                    units.push(Unit {
                        repository_id: repository_id.to_string(),
                        base_path: child.base_path.clone(),
                        digest: digest.clone(),
                        children: kids,
                        blobs,
                        last_pulled_ms: last.or(record.created_ms).unwrap_or(0),
                    });
                }
            }
        }
        Ok(units)
    }

    /// The blobs of `units` that a version of another repository (not a cache repository holding them)
    /// references.
    async fn shared_blobs(&self, units: &[Unit]) -> anyhow::Result<HashSet<String>> {
        let mut ours: HashMap<&str, HashSet<&str>> = HashMap::new();
        for u in units {
            for b in &u.blobs {
                ours.entry(b.as_str())
                    .or_default()
                    .insert(u.repository_id.as_str());
            }
        }
        // A blob is shared when a version of a repository other than the caches holding it references it.
        let mut shared = HashSet::new();
        self.content()
            .each_version(|repo_id, c| {
                for b in &c.blobs {
                    if ours
                        .get(b.as_str())
                        .is_some_and(|caches| !caches.contains(repo_id))
                    {
                        shared.insert(b.clone());
                    }
                }
            })
            .await?;
        Ok(shared.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(digest: &str, blobs: &[&str], last: u64) -> Unit {
        Unit {
            repository_id: "r".into(),
            base_path: "cache/x".into(),
            digest: digest.into(),
            children: Vec::new(),
            blobs: blobs.iter().map(|b| b.to_string()).collect(),
            last_pulled_ms: last,
        }
    }

    fn sizes(pairs: &[(&str, u64)]) -> HashMap<String, u64> {
        pairs.iter().map(|(b, n)| (b.to_string(), *n)).collect()
    }

    const NO_AGE: Option<u64> = None;

    #[test]
    fn the_least_recently_pulled_go_first_until_under_the_cap() {
        let units = [
            unit("c", &["base", "c1"], 300),
            unit("a", &["base", "a1"], 100),
            unit("b", &["base", "b1"], 200),
        ];
        let s = sizes(&[("base", 10), ("a1", 40), ("b1", 40), ("c1", 40)]);
        let limits = Limits {
            max_size: Some(100),
            max_age_ms: NO_AGE,
        };
        let (evicted, size) = choose(&units, &s, &HashSet::new(), limits, 1_000);
        assert_eq!(evicted, vec![1], "a was pulled least recently");
        assert_eq!(size, 90, "the base layer counts once, with b and c");
        let limits = Limits {
            max_size: Some(50),
            ..limits
        };
        let (evicted, size) = choose(&units, &s, &HashSet::new(), limits, 1_000);
        assert_eq!(evicted, vec![1, 2]);
        assert_eq!(size, 50);
    }

    #[test]
    fn shared_blobs_do_not_count_and_the_newest_image_stays() {
        let units = [unit("a", &["base", "a1"], 100), unit("b", &["b1"], 200)];
        let s = sizes(&[("base", 1_000), ("a1", 40), ("b1", 40)]);
        let shared: HashSet<String> = ["base".to_string()].into();
        let limits = Limits {
            max_size: Some(80),
            max_age_ms: NO_AGE,
        };
        assert_eq!(choose(&units, &s, &shared, limits, 1_000), (vec![], 80));
        let limits = Limits {
            max_size: Some(1),
            max_age_ms: NO_AGE,
        };
        assert_eq!(
            choose(&units, &s, &shared, limits, 1_000),
            (vec![0], 40),
            "a cap below one image keeps the image pulled last"
        );
    }

    #[test]
    fn images_unused_longer_than_the_age_go_whatever_the_size() {
        let units = [unit("a", &["a1"], 100), unit("b", &["b1"], 900)];
        let s = sizes(&[("a1", 1), ("b1", 1)]);
        let limits = Limits {
            max_size: None,
            max_age_ms: Some(500),
        };
        assert_eq!(
            choose(&units, &s, &HashSet::new(), limits, 1_000),
            (vec![0], 1)
        );
        assert_eq!(
            choose(&units, &s, &HashSet::new(), limits, 2_000).0,
            vec![0, 1],
            "the age applies to the newest image too"
        );
        let none = Limits {
            max_size: None,
            max_age_ms: None,
        };
        assert!(choose(&units, &s, &HashSet::new(), none, 10_000)
            .0
            .is_empty());
    }

    #[tokio::test]
    async fn stamps_stay_in_memory_until_flushed_and_keep_the_latest() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let usage = Usage::open(&store).unwrap();
        usage.touch_at("cache/x", "sha256:a", 500);
        assert_eq!(usage.table.count().await.unwrap(), 0, "no write per GET");
        usage.flush().await.unwrap();
        let again = Usage::open(&store).unwrap();
        assert_eq!(
            again.last_pulled("cache/x", "sha256:a").await.unwrap(),
            Some(500)
        );
        // Another replica stamped later: a flush of an older stamp does not move it back.
        again.touch_at("cache/x", "sha256:a", 900);
        again.flush().await.unwrap();
        usage.touch_at("cache/x", "sha256:a", 600);
        usage.flush().await.unwrap();
        assert_eq!(
            again.last_pulled("cache/x", "sha256:a").await.unwrap(),
            Some(900)
        );
        usage.forget("cache/x", "sha256:a").await.unwrap();
        assert_eq!(
            usage.last_pulled("cache/x", "sha256:a").await.unwrap(),
            None
        );
    }
}
