//! Container content: manifests (OCI image manifest and index, Docker schema2 manifest and manifest list), blobs
//! (layers and configs) and tags, and which of them each repository version holds.
//!
//! Manifests and blob records are global and content-addressed, as in Pulp: two repositories holding one image
//! share its records. A repository version's content (tags → digest, the set of manifest digests, the set of blob
//! digests) is stored whole or as the change from the version it was made from ([`super::delta`]), and cached in
//! memory once read, since versions never change.
//!
//! Manifest bytes are kept verbatim (a registry must serve the exact bytes whose digest it announces) in their
//! own sled tree; blob bytes are never in sled, they live in the [`crate::blobs`] store. A blob record whose file
//! is not (yet) in the blob store carries an [`OnDemand`] source: the remote it can be fetched from on first use.

use super::delta::{self, ChainPosition, Delta};
use crate::blobs::Digest;
use crate::error::{Error, Result};
use crate::store::{self, BytesTable, Record, Store, Table};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_MANIFEST_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
/// Schema 1 types: never stored or served (pulpd, like Pulp, does not convert).
pub const DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1+json";
pub const DOCKER_SCHEMA1_SIGNED: &str = "application/vnd.docker.distribution.manifest.v1+prettyjws";

/// The manifest types pulpd stores and serves.
pub const SUPPORTED_MANIFESTS: [&str; 4] = [
    OCI_MANIFEST,
    OCI_INDEX,
    DOCKER_MANIFEST,
    DOCKER_MANIFEST_LIST,
];

/// Content type names of Pulp's content summary.
pub const KIND_TAG: &str = "container.tag";
pub const KIND_MANIFEST: &str = "container.manifest";
pub const KIND_BLOB: &str = "container.blob";

/// Whether `media_type` is an index / manifest list.
pub fn is_list(media_type: &str) -> bool {
    media_type == OCI_INDEX || media_type == DOCKER_MANIFEST_LIST
}

/// Platform of a manifest list entry.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct Platform {
    pub os: String,
    pub architecture: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

/// An entry of an index / manifest list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ChildManifest {
    pub digest: String,
    pub media_type: String,
    pub size: u64,
    pub platform: Option<Platform>,
}

/// What a manifest stores (its bytes are kept separately, verbatim).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ManifestRecord {
    pub digest: String,
    pub media_type: String,
    pub size: u64,
    /// The config blob of an image manifest.
    pub config: Option<String>,
    /// Layer digests of an image manifest, in order.
    pub layers: Vec<String>,
    /// Entries of an index / manifest list.
    pub children: Vec<ChildManifest>,
    pub annotations: BTreeMap<String, String>,
    /// The manifest this one refers to (`subject`: a signature, an SBOM …), for the referrers API.
    #[serde(default)]
    pub subject: Option<String>,
    /// What kind of artifact it is, as the referrers API reports it: `artifactType`, else (image manifests) the
    /// config's media type.
    #[serde(default)]
    pub artifact_type: Option<String>,
    /// Milliseconds since the epoch when the record was last written ([`Content::put_manifest`] stamps it;
    /// records written before it existed have none and count as old). Orphan cleanup spares records younger
    /// than its protection time.
    #[serde(default)]
    pub created_ms: Option<u64>,
}

impl Record for ManifestRecord {
    fn id(&self) -> &str {
        &self.digest
    }
}

impl ManifestRecord {
    /// The artifact type the referrers API reports (see the field).
    pub fn artifact_type(&self) -> Option<&str> {
        self.artifact_type.as_deref()
    }

    /// Config and layer digests: the blobs an image manifest needs.
    pub fn blobs(&self) -> impl Iterator<Item = &String> {
        self.config.iter().chain(self.layers.iter())
    }

    /// Parses manifest `bytes` whose digest is `digest`. `media_type` is the Content-Type it came with; the
    /// body's own `mediaType` wins when present.
    ///
    /// # Errors
    /// [`Error::Invalid`] (field `manifest`) when the bytes are not a supported manifest.
    pub fn parse(digest: &Digest, bytes: &[u8], media_type: &str) -> Result<ManifestRecord> {
        let invalid = |msg: String| Error::field("manifest", msg);
        let v: Value =
            serde_json::from_slice(bytes).map_err(|e| invalid(format!("not JSON: {e}")))?;
        let declared = v.get("mediaType").and_then(Value::as_str);
        let media_type = match declared {
            Some(t) => t.to_string(),
            None if v.get("manifests").is_some() => {
                if SUPPORTED_MANIFESTS.contains(&media_type) && is_list(media_type) {
                    media_type.to_string()
                } else {
                    OCI_INDEX.to_string()
                }
            }
            None if v.get("schemaVersion").and_then(Value::as_u64) == Some(1) => {
                DOCKER_SCHEMA1.to_string()
            }
            None => OCI_MANIFEST.to_string(),
        };
        if !SUPPORTED_MANIFESTS.contains(&media_type.as_str()) {
            return Err(invalid(format!(
                "unsupported manifest media type {media_type}"
            )));
        }
        let digest_of = |x: &Value| -> Result<String> {
            let d = x
                .get("digest")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid("descriptor without a digest".into()))?;
            Digest::parse(d)
                .map(|d| d.to_string())
                .map_err(|e| invalid(e.to_string()))
        };
        let annotations = v
            .get("annotations")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        let mut record = ManifestRecord {
            digest: digest.to_string(),
            media_type: media_type.clone(),
            size: bytes.len() as u64,
            config: None,
            layers: Vec::new(),
            children: Vec::new(),
            annotations,
            subject: match v.get("subject") {
                Some(subject) => Some(digest_of(subject)?),
                None => None,
            },
            artifact_type: v
                .get("artifactType")
                .and_then(Value::as_str)
                .map(str::to_string),
            created_ms: None,
        };
        if is_list(&media_type) {
            for m in v
                .get("manifests")
                .and_then(Value::as_array)
                .ok_or_else(|| invalid("index without manifests".into()))?
            {
                record.children.push(ChildManifest {
                    digest: digest_of(m)?,
                    media_type: m
                        .get("mediaType")
                        .and_then(Value::as_str)
                        .unwrap_or(OCI_MANIFEST)
                        .to_string(),
                    size: m.get("size").and_then(Value::as_u64).unwrap_or(0),
                    platform: m
                        .get("platform")
                        .and_then(|p| serde_json::from_value(p.clone()).ok()),
                });
            }
        } else {
            let config = v
                .get("config")
                .ok_or_else(|| invalid("image manifest without config".into()))?;
            record.config = Some(digest_of(config)?);
            if record.artifact_type.is_none() {
                record.artifact_type = config
                    .get("mediaType")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            for layer in v
                .get("layers")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                record.layers.push(digest_of(layer)?);
            }
        }
        Ok(record)
    }
}

/// Where a blob not yet in the blob store can be fetched from (policy `on_demand`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct OnDemand {
    /// Id of the container remote.
    pub remote_id: String,
    /// Repository name on the upstream.
    pub upstream_name: String,
}

/// What a blob stores (bytes are in the blob store).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BlobRecord {
    pub digest: String,
    pub size: Option<u64>,
    pub media_type: Option<String>,
    /// Set while the bytes are not in the blob store.
    pub on_demand: Option<OnDemand>,
    /// Where stored bytes were fetched from (a sync or a first pull), so that reclaiming the space can drop
    /// them and the next pull fetch them again (Pulp's remote artifacts). [`Content::put_blob`] keeps it, and
    /// turns an on-demand source into it once the bytes are stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<OnDemand>,
    /// Milliseconds since the epoch when the record was last written ([`Content::put_blob`] stamps it; none in
    /// older records, which count as old). Orphan cleanup spares records younger than its protection time.
    #[serde(default)]
    pub created_ms: Option<u64>,
}

impl Record for BlobRecord {
    fn id(&self) -> &str {
        &self.digest
    }
}

/// The content of one repository version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct VersionContent {
    /// Tag name → manifest digest.
    pub tags: BTreeMap<String, String>,
    pub manifests: BTreeSet<String>,
    pub blobs: BTreeSet<String>,
}

impl VersionContent {
    /// Counts by content type, for the content summary.
    pub fn counts(&self) -> BTreeMap<String, u64> {
        [
            (KIND_TAG.to_string(), self.tags.len() as u64),
            (KIND_MANIFEST.to_string(), self.manifests.len() as u64),
            (KIND_BLOB.to_string(), self.blobs.len() as u64),
        ]
        .into()
    }

    /// `(added, removed)` counts of `self` relative to `base`. A tag counts as changed when its name or its
    /// target changed (Pulp's tag content is the pair).
    pub fn diff(&self, base: &VersionContent) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
        Delta::between(0, ChainPosition::default(), base, self).counts(base)
    }
}

/// A stored version content, keyed like its version: whole, or as a delta on its base (see [`super::delta`]).
/// Records written before deltas existed are whole.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct VersionContentRecord {
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content: Option<VersionContent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delta: Option<Delta>,
}

impl Record for VersionContentRecord {
    fn id(&self) -> &str {
        &self.key
    }
}

/// What a new version changes from its base ([`Content::change`]).
pub struct Change {
    from: Cached,
    delta: Delta,
}

impl Change {
    /// Whether the new content equals the base's.
    pub fn is_empty(&self) -> bool {
        self.delta.entries() == 0
    }

    /// `(added, removed)` counts for the content summary (see [`Delta::counts`]).
    pub fn counts(&self) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
        self.delta.counts(&self.from.content)
    }
}

/// A version's content as the cache holds it, with its place in its chain (what the next version's delta
/// continues from).
#[derive(Clone)]
struct Cached {
    content: Arc<VersionContent>,
    position: ChainPosition,
}

/// How many version contents the cache keeps.
const CONTENT_CACHE: usize = 256;

/// The content service: manifests, blobs, version contents.
#[derive(Clone)]
pub struct Content {
    manifests: Table<ManifestRecord>,
    /// Digest → the manifest's exact bytes.
    manifest_bytes: BytesTable,
    blobs: Table<BlobRecord>,
    /// Every tag (name → manifest pair) any version was ever made with, by its content id
    /// ([`super::units::tag_id`]): what resolves a tag's href. Orphan cleanup removes those no version holds.
    tags: Table<super::units::TagRecord>,
    versions: Table<VersionContentRecord>,
    /// The version records ([`super::Repositories`] writes them; orphan cleanup reads which versions exist).
    version_records: Table<super::VersionRecord>,
    /// Version key → content; versions are immutable, so entries never go stale (only evicted).
    cache: Arc<Mutex<HashMap<String, Cached>>>,
    /// Orphan cleanup's in-flight gate in this process: writers that check a blob file and then record or
    /// reference it hold it shared ([`Content::writing`]); the cleanup holds it exclusively while it looks for a
    /// blob's record and deletes its file ([`Content::deleting`]), so no check-then-write straddles a delete.
    gate: Arc<tokio::sync::RwLock<()>>,
}

impl Content {
    pub fn open(store: &Store) -> store::Result<Content> {
        // Content-addressed, so a cached value only changes by being removed.
        for table in ["manifests", "manifest_bytes", "blobs"] {
            store.cache_reads(table);
        }
        Ok(Content {
            manifests: store.table("manifests", &[])?,
            manifest_bytes: store.bytes_table("manifest_bytes")?,
            blobs: store.table("blobs", &[])?,
            tags: store.table("content_tags", &[])?,
            versions: store.table("version_content", &[])?,
            version_records: store.table("repository_versions", &[])?,
            cache: Arc::default(),
            gate: Arc::default(),
        })
    }

    /// Stores a parsed manifest and its exact bytes (idempotent: same digest, same bytes), stamped with the
    /// time of this write (`created_ms`).
    pub async fn put_manifest(&self, record: &ManifestRecord, bytes: &[u8]) -> Result<()> {
        self.manifest_bytes.put(&record.digest, bytes).await?;
        let mut record = record.clone();
        record.created_ms = Some(crate::tasks::workers::now_ms());
        self.manifests.put(&record).await?;
        Ok(())
    }

    /// The manifest with `digest` and its bytes.
    pub async fn manifest(&self, digest: &str) -> Result<Option<(ManifestRecord, bytes::Bytes)>> {
        let Some(record) = self.manifests.get(digest).await? else {
            return Ok(None);
        };
        let bytes = self
            .manifest_bytes
            .get_shared(digest)
            .await?
            .ok_or_else(|| {
                Error::Internal(anyhow::anyhow!(
                    "manifest {digest} has a record but no bytes"
                ))
            })?;
        Ok(Some((record, bytes)))
    }

    /// The manifest record with `digest`.
    pub async fn manifest_record(&self, digest: &str) -> Result<Option<ManifestRecord>> {
        Ok(self.manifests.get(digest).await?)
    }

    /// Stores a blob record, keeping what is known (a record with a size is not replaced by one without).
    /// The record is stamped with the time of this write (`created_ms`).
    pub async fn put_blob(&self, record: &BlobRecord) -> Result<()> {
        let mut record = record.clone();
        record.created_ms = Some(crate::tasks::workers::now_ms());
        self.blobs
            .update(&record.digest, |current| {
                let known = current.and_then(|c| c.origin.or(c.on_demand));
                let mut next = record.clone();
                next.origin = next.origin.or(known);
                Some(crate::store::Write::Put(next))
            })
            .await?;
        Ok(())
    }

    /// Makes a stored blob's record on demand again, from its origin (reclaiming its space). Returns whether it
    /// did: not when the record has no origin or is on demand already.
    pub async fn mark_on_demand(&self, digest: &str) -> Result<bool> {
        let mut marked = false;
        self.blobs
            .update(digest, |current| {
                let mut r = current?;
                marked = r.on_demand.is_none() && r.origin.is_some();
                if !marked {
                    return None;
                }
                r.on_demand = r.origin.clone();
                Some(crate::store::Write::Put(r))
            })
            .await?;
        Ok(marked)
    }

    /// The blob record with `digest`.
    pub async fn blob(&self, digest: &str) -> Result<Option<BlobRecord>> {
        Ok(self.blobs.get(digest).await?)
    }

    /// Bytes of every blob whose bytes are in the blob store (records with a size and no on-demand source),
    /// read page by page. A walk of the whole table: callers bound how often they ask (`/metrics` does so at
    /// most once a minute).
    pub async fn stored_blob_bytes(&self) -> Result<u64> {
        let mut scan = self.blobs.scan("", crate::store::Order::Asc);
        let mut total: u64 = 0;
        while let Some(blob) = scan.next().await? {
            if blob.on_demand.is_none() {
                total = total.saturating_add(blob.size.unwrap_or(0));
            }
        }
        Ok(total)
    }

    /// Stores the content of version `number` of repository `repo_id`, made from version `base` (whose content
    /// is stored already): as a delta on it, or whole when the chain is long enough (see [`super::delta`]).
    /// `replace`: overwrite what is stored at `number` (an abandoned claim's leftover); otherwise a stored
    /// content there is [`Error::Conflict`].
    pub async fn put_version(
        &self,
        repo_id: &str,
        number: u64,
        base: u64,
        content: Arc<VersionContent>,
        replace: bool,
    ) -> Result<()> {
        let change = self.change(repo_id, base, &content).await?;
        self.put_change(repo_id, number, change, content, replace)
            .await
    }

    /// The change from version `base` of repository `repo_id` to `content`, for [`Content::put_change`].
    pub async fn change(
        &self,
        repo_id: &str,
        base: u64,
        content: &VersionContent,
    ) -> Result<Change> {
        let from = self.cached_version(repo_id, base).await?;
        let delta = Delta::between(base, from.position, &from.content, content);
        Ok(Change { from, delta })
    }

    /// [`Content::put_version`] with the change already worked out (the caller needed its counts first).
    pub async fn put_change(
        &self,
        repo_id: &str,
        number: u64,
        change: Change,
        content: Arc<VersionContent>,
        replace: bool,
    ) -> Result<()> {
        let Change { from, delta } = change;
        // The tags this version sets get their content records first, so a listed tag's href resolves. Written
        // anew (stamped now) even when one exists: an orphan cleanup that planned to remove the old record then
        // keeps it (its compare-and-swap sees the new stamp).
        let now = crate::tasks::workers::now_ms();
        for (name, digest) in &delta.tags_set {
            self.tags
                .put(&super::units::TagRecord::new(name, digest, now))
                .await?;
        }
        let key = super::VersionRecord::key(repo_id, number);
        let (record, position) =
            if delta::needs_snapshot(from.position, &delta, delta::entries(&content)) {
                let record = VersionContentRecord {
                    key: key.clone(),
                    content: Some((*content).clone()),
                    delta: None,
                };
                (record, ChainPosition::snapshot(number))
            } else {
                let position = delta.position();
                let record = VersionContentRecord {
                    key: key.clone(),
                    content: None,
                    delta: Some(delta),
                };
                (record, position)
            };
        if replace {
            self.versions.put(&record).await?;
        } else if !self.versions.insert(&record).await? {
            // A stored content at this number is a link in a kept version's chain (its own version was
            // pruned): never overwritten.
            return Err(Error::Conflict(format!(
                "version {number} of repository {repo_id} has stored content already"
            )));
        }
        self.cache_insert(key, Cached { content, position });
        Ok(())
    }

    /// The content of version `number` of repository `repo_id` (empty when none was stored: version 0).
    pub async fn version(&self, repo_id: &str, number: u64) -> Result<Arc<VersionContent>> {
        Ok(self.cached_version(repo_id, number).await?.content)
    }

    /// The content of version `number` and its chain position, from the cache or rebuilt from its chain: the
    /// deltas back to the nearest snapshot (or cached version), applied forwards.
    async fn cached_version(&self, repo_id: &str, number: u64) -> Result<Cached> {
        let key = super::VersionRecord::key(repo_id, number);
        if let Some(c) = self.cache_get(&key) {
            return Ok(c);
        }
        // Boxed: rebuilding is a large future, which every pull would carry otherwise.
        Box::pin(self.rebuild_version(repo_id, number, key)).await
    }

    /// [`Content::cached_version`] when the version is not cached.
    async fn rebuild_version(&self, repo_id: &str, number: u64, key: String) -> Result<Cached> {
        let mut deltas: Vec<Delta> = Vec::new();
        let mut at = number;
        let (mut content, mut position) = loop {
            let at_key = super::VersionRecord::key(repo_id, at);
            if at != number {
                if let Some(c) = self.cache_get(&at_key) {
                    break ((*c.content).clone(), c.position);
                }
            }
            match self.versions.get(&at_key).await? {
                // Version 0 is empty and stored nowhere; so is a version read before (or after) it exists.
                None if at == number || at == 0 => {
                    break (VersionContent::default(), ChainPosition::snapshot(at));
                }
                None => {
                    return Err(Error::Internal(anyhow::anyhow!(
                        "version {at} of repository {repo_id} is missing: version {number} is stored as a \
                         change from it"
                    )));
                }
                Some(VersionContentRecord {
                    content: Some(c), ..
                }) => break (c, ChainPosition::snapshot(at)),
                Some(VersionContentRecord { delta: Some(d), .. }) if d.base < at => {
                    at = d.base;
                    deltas.push(d);
                }
                Some(_) => {
                    return Err(Error::Internal(anyhow::anyhow!(
                        "version {at} of repository {repo_id} has a malformed content record"
                    )));
                }
            }
        };
        for d in deltas.iter().rev() {
            d.apply(&mut content);
            position = d.position();
        }
        let cached = Cached {
            content: Arc::new(content),
            position,
        };
        self.cache_insert(key, cached.clone());
        Ok(cached)
    }

    /// Forgets the content of version `number`, which no other version was made from (a version that lost the
    /// race to be made).
    pub async fn delete_version(&self, repo_id: &str, number: u64) -> Result<()> {
        let key = super::VersionRecord::key(repo_id, number);
        self.cache_remove(&key);
        self.versions.remove(&key).await?;
        Ok(())
    }

    /// Drops the stored contents no version from `oldest_kept` on needs: those before the start of
    /// `oldest_kept`'s chain (its snapshot). Call after the versions before `oldest_kept` were deleted.
    pub async fn prune(&self, repo_id: &str, oldest_kept: u64) -> Result<()> {
        let start = self
            .cached_version(repo_id, oldest_kept)
            .await?
            .position
            .start;
        // Newest first, down to what an earlier prune removed (below it nothing is stored).
        for number in (0..start).rev() {
            let key = super::VersionRecord::key(repo_id, number);
            self.cache_remove(&key);
            if !self.versions.remove(&key).await? {
                break;
            }
        }
        Ok(())
    }

    /// Forgets every stored content of repository `repo_id` (the repository is being deleted).
    pub async fn delete_repository(&self, repo_id: &str) -> Result<()> {
        let prefix = format!("{repo_id}/");
        let keys: Vec<String> = self
            .versions
            .all(&prefix, crate::store::Order::Asc)
            .await?
            .into_iter()
            .map(|r| r.key)
            .collect();
        for key in keys {
            self.cache_remove(&key);
            self.versions.remove(&key).await?;
        }
        Ok(())
    }

    /// Holds off orphan cleanup's file deletes while a writer checks a blob file and records or references it
    /// (see the field). Never take it twice in one task: a waiting cleanup would block the second.
    pub async fn writing(&self) -> tokio::sync::RwLockReadGuard<'_, ()> {
        self.gate.read().await
    }

    /// Orphan cleanup's side of the gate: no writer is between its check and its write while this is held.
    pub async fn deleting(&self) -> tokio::sync::RwLockWriteGuard<'_, ()> {
        self.gate.write().await
    }

    /// Every manifest record (orphan cleanup).
    pub async fn all_manifests(&self) -> Result<Vec<ManifestRecord>> {
        Ok(self.manifests.all("", crate::store::Order::Asc).await?)
    }

    /// Every blob record (orphan cleanup).
    pub async fn all_blobs(&self) -> Result<Vec<BlobRecord>> {
        Ok(self.blobs.all("", crate::store::Order::Asc).await?)
    }

    /// What the versions of every repository hold, read page by page (orphan cleanup): calls `each` with
    /// contents whose union is the union of those versions' contents. The versions are those whose records
    /// exist when this starts (a version number claimed but not yet made latest counts) and any newer than the
    /// newest of them in their repository (claimed since, or still being made): a version deleted during the
    /// walk still counts. A stored content that is only a link in a kept version's chain (its own version
    /// deleted) contributes nothing.
    /// `each` gets the repository's id too.
    pub async fn each_version(&self, mut each: impl FnMut(&str, &VersionContent)) -> Result<()> {
        let mut kept: HashMap<String, BTreeSet<u64>> = HashMap::new();
        let mut records = self.version_records.scan("", crate::store::Order::Asc);
        while let Some(v) = records.next().await? {
            kept.entry(v.repository_id).or_default().insert(v.number);
        }
        let mut scan = self.versions.scan("", crate::store::Order::Asc);
        let mut walk: Option<ChainWalk> = None;
        while let Some(record) = scan.next().await? {
            let Some((repo_id, number)) = record
                .key
                .split_once('/')
                .and_then(|(r, n)| Some((r.to_string(), n.parse::<u64>().ok()?)))
            else {
                continue;
            };
            if walk.as_ref().is_none_or(|w| w.repo_id != repo_id) {
                walk = Some(ChainWalk::new(repo_id.clone()));
            }
            let w = walk.as_mut().expect("set above");
            match (record.content, record.delta) {
                (Some(c), _) => w.restart(c),
                (None, Some(d)) => {
                    if w.number != Some(d.base) {
                        // Not on the record before (the first of this repository's, or after a gap).
                        let base = self.version(&repo_id, d.base).await?;
                        w.restart((*base).clone());
                    }
                    w.apply(&d);
                }
                (None, None) => continue,
            }
            w.number = Some(number);
            let listed = kept.get(&repo_id);
            let is_kept = listed.is_none_or(|numbers| {
                numbers.contains(&number) || numbers.last().is_none_or(|newest| number > *newest)
            });
            if is_kept {
                each(&w.repo_id, &w.unreferenced);
                w.unreferenced = VersionContent::default();
            }
        }
        Ok(())
    }

    /// Removes manifest `digest` (record, then bytes) if its record is still the one written at `created_ms`
    /// (a write since stamped it anew: then it is kept). Returns whether it was removed.
    pub async fn remove_manifest_if(&self, digest: &str, created_ms: Option<u64>) -> Result<bool> {
        let mut removed = false;
        self.manifests
            .update(digest, |current| {
                removed = current.is_some_and(|r| r.created_ms == created_ms);
                removed.then_some(crate::store::Write::Delete)
            })
            .await?;
        if removed {
            self.manifest_bytes.remove(digest).await?;
        }
        Ok(removed)
    }

    /// Removes blob record `digest` if it is still the one written at `created_ms` (see
    /// [`Content::remove_manifest_if`]). Returns whether it was removed.
    pub async fn remove_blob_if(&self, digest: &str, created_ms: Option<u64>) -> Result<bool> {
        let mut removed = false;
        self.blobs
            .update(digest, |current| {
                removed = current.is_some_and(|r| r.created_ms == created_ms);
                removed.then_some(crate::store::Write::Delete)
            })
            .await?;
        Ok(removed)
    }

    /// The tag record with content id `id`.
    pub async fn tag_record(&self, id: &str) -> Result<Option<super::units::TagRecord>> {
        Ok(self.tags.get(id).await?)
    }

    /// Every tag record (the content API's unfiltered tag list, orphan cleanup).
    pub async fn all_tags(&self) -> Result<Vec<super::units::TagRecord>> {
        Ok(self.tags.all("", crate::store::Order::Asc).await?)
    }

    /// The manifest records whose digest starts with `prefix` (resolving a content id).
    pub async fn manifests_with_prefix(&self, prefix: &str) -> Result<Vec<ManifestRecord>> {
        Ok(self.manifests.all(prefix, crate::store::Order::Asc).await?)
    }

    /// The blob records whose digest starts with `prefix` (resolving a content id).
    pub async fn blobs_with_prefix(&self, prefix: &str) -> Result<Vec<BlobRecord>> {
        Ok(self.blobs.all(prefix, crate::store::Order::Asc).await?)
    }

    /// Removes tag record `id` if it is still the one written at `created_ms` (orphan cleanup; see
    /// [`Content::remove_manifest_if`]). Returns whether it was removed.
    pub async fn remove_tag_if(&self, id: &str, created_ms: u64) -> Result<bool> {
        let mut removed = false;
        self.tags
            .update(id, |current| {
                removed = current.is_some_and(|r| r.created_ms == created_ms);
                removed.then_some(crate::store::Write::Delete)
            })
            .await?;
        Ok(removed)
    }

    fn cache_get(&self, key: &str) -> Option<Cached> {
        self.cache
            .lock()
            .expect("content cache is never poisoned")
            .get(key)
            .cloned()
    }

    fn cache_remove(&self, key: &str) {
        self.cache
            .lock()
            .expect("content cache is never poisoned")
            .remove(key);
    }

    fn cache_insert(&self, key: String, cached: Cached) {
        let mut cache = self.cache.lock().expect("content cache is never poisoned");
        if cache.len() >= CONTENT_CACHE {
            // Versions are cheap to reload; dropping everything keeps this simple and bounded.
            cache.clear();
        }
        cache.insert(key, cached);
    }
}

/// [`Content::each_version`]'s walk along one repository's chains: the content at the current record, and
/// what of it no kept version before has contributed yet.
struct ChainWalk {
    repo_id: String,
    /// The number of the record the state is at.
    number: Option<u64>,
    state: VersionContent,
    /// Entries of `state` added since the last kept version (all of it after a restart).
    unreferenced: VersionContent,
}

impl ChainWalk {
    fn new(repo_id: String) -> ChainWalk {
        ChainWalk {
            repo_id,
            number: None,
            state: VersionContent::default(),
            unreferenced: VersionContent::default(),
        }
    }

    fn restart(&mut self, content: VersionContent) {
        self.unreferenced = content.clone();
        self.state = content;
    }

    fn apply(&mut self, d: &Delta) {
        d.apply(&mut self.state);
        // What went is no longer to be referenced; what came is, until a kept version takes it.
        let u = &mut self.unreferenced;
        for name in &d.tags_unset {
            u.tags.remove(name);
        }
        for m in &d.manifests_removed {
            u.manifests.remove(m);
        }
        for b in &d.blobs_removed {
            u.blobs.remove(b);
        }
        u.tags
            .extend(d.tags_set.iter().map(|(k, v)| (k.clone(), v.clone())));
        u.manifests.extend(d.manifests_added.iter().cloned());
        u.blobs.extend(d.blobs_added.iter().cloned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_image_manifests_and_indexes() {
        let m = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
            "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":2},
            "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":3}]}"#;
        let d = Digest::sha256_of(m);
        let r = ManifestRecord::parse(&d, m, "").unwrap();
        assert_eq!(r.media_type, OCI_MANIFEST);
        assert_eq!(r.blobs().count(), 2);

        let i = br#"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:3333333333333333333333333333333333333333333333333333333333333333","size":5,"platform":{"os":"linux","architecture":"arm64","variant":"v8"}}]}"#;
        let r = ManifestRecord::parse(&Digest::sha256_of(i), i, OCI_INDEX).unwrap();
        assert_eq!(r.media_type, OCI_INDEX);
        assert_eq!(
            r.children[0].platform.as_ref().unwrap().architecture,
            "arm64"
        );

        let s1 = br#"{"schemaVersion":1,"name":"x","tag":"y","fsLayers":[]}"#;
        assert!(ManifestRecord::parse(&Digest::sha256_of(s1), s1, "").is_err());
    }

    #[test]
    fn accepts_sha512_descriptors_and_refuses_unsupported_algorithms() {
        use crate::blobs::Algorithm::Sha512;
        let config = Digest::of(Sha512, b"config");
        let layer = Digest::of(Sha512, b"layer");
        let manifest = |layer_digest: &str| {
            serde_json::json!({
                "schemaVersion": 2,
                "mediaType": OCI_MANIFEST,
                "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config, "size": 6},
                "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": 5}],
            })
            .to_string()
        };
        let m = manifest(layer.as_str());
        let d = Digest::of(Sha512, m.as_bytes());
        let r = ManifestRecord::parse(&d, m.as_bytes(), "").unwrap();
        assert_eq!(r.digest, d.as_str());
        assert_eq!(r.config.as_deref(), Some(config.as_str()));
        assert_eq!(r.layers, [layer.to_string()]);

        let i = serde_json::json!({
            "schemaVersion": 2,
            "mediaType": OCI_INDEX,
            "manifests": [{"mediaType": OCI_MANIFEST, "digest": d, "size": m.len()}],
        })
        .to_string();
        let r = ManifestRecord::parse(&Digest::of(Sha512, i.as_bytes()), i.as_bytes(), "").unwrap();
        assert_eq!(r.children[0].digest, d.as_str());

        let sha384 = format!("sha384:{}", "a".repeat(96));
        let short = format!("sha512:{}", "a".repeat(64));
        for bad in [sha384.as_str(), &short, &layer.as_str().to_uppercase()] {
            let m = manifest(bad);
            let err = ManifestRecord::parse(&Digest::sha256_of(m.as_bytes()), m.as_bytes(), "")
                .unwrap_err()
                .to_string();
            assert!(err.contains("invalid digest"), "{bad}: {err}");
        }
    }

    #[test]
    fn diff_counts_changed_tags() {
        let mut a = VersionContent::default();
        a.tags.insert("v1".into(), "sha256:a".into());
        a.manifests.insert("sha256:a".into());
        let mut b = a.clone();
        b.tags.insert("v1".into(), "sha256:b".into());
        b.manifests.insert("sha256:b".into());
        let (added, removed) = b.diff(&a);
        assert_eq!(added[KIND_TAG], 1);
        assert_eq!(added[KIND_MANIFEST], 1);
        assert_eq!(removed[KIND_TAG], 1);
        assert!(!removed.contains_key(KIND_MANIFEST));
    }

    mod chains {
        use super::super::*;
        use crate::content::VersionRecord;

        fn content() -> (tempfile::TempDir, Store, Content) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            let content = Content::open(&store).unwrap();
            (dir, store, content)
        }

        fn digest(n: usize) -> String {
            format!("sha256:{n:064x}")
        }

        /// The next content: tag `t<n>` on a new manifest, and every tenth version one old tag goes.
        fn next(prev: &VersionContent, n: usize) -> VersionContent {
            let mut c = prev.clone();
            c.tags.insert(format!("t{n}"), digest(n));
            c.manifests.insert(digest(n));
            c.blobs.insert(digest(1_000_000 + n % 7));
            if n.is_multiple_of(10) {
                let first = c.tags.keys().next().cloned().unwrap();
                c.tags.remove(&first);
            }
            c
        }

        async fn record_version(store: &Store, repo: &str, number: u64) {
            let table: Table<VersionRecord> = store.table("repository_versions", &[]).unwrap();
            table
                .put(&VersionRecord {
                    key: VersionRecord::key(repo, number),
                    repository_id: repo.into(),
                    number,
                    created: String::new(),
                    updated: String::new(),
                    base_version: None,
                    added: Default::default(),
                    removed: Default::default(),
                    present: Default::default(),
                    kind: Default::default(),
                })
                .await
                .unwrap();
        }

        async fn stored_bytes(content: &Content, repo: &str) -> (usize, usize) {
            let records = content
                .versions
                .all(&format!("{repo}/"), crate::store::Order::Asc)
                .await
                .unwrap();
            let bytes = records
                .iter()
                .map(|r| serde_json::to_vec(r).unwrap().len())
                .sum();
            (records.len(), bytes)
        }

        #[tokio::test]
        async fn every_version_reads_back_and_storage_grows_with_the_changes() {
            let (_dir, store, writer) = content();
            let mut expected = vec![VersionContent::default()];
            for n in 1..=600 {
                let c = next(&expected[n - 1], n);
                writer
                    .put_version("r", n as u64, n as u64 - 1, Arc::new(c.clone()), false)
                    .await
                    .unwrap();
                expected.push(c);
            }
            // A reader with a cold cache rebuilds each version from its chain.
            let reader = Content::open(&store).unwrap();
            for (n, want) in expected.iter().enumerate().rev() {
                let got = reader.version("r", n as u64).await.unwrap();
                assert_eq!(*got, *want, "version {n}");
            }
            // Whole copies would take the sum of all sizes (~600²/2 entries); chains take a few per change.
            let whole: usize = expected
                .iter()
                .map(|c| serde_json::to_vec(c).unwrap().len())
                .sum();
            let (records, bytes) = stored_bytes(&writer, "r").await;
            assert_eq!(records, 600);
            assert!(bytes * 10 < whole, "{bytes} stored bytes vs {whole} whole");
            // A version that exists already is never overwritten (unless the caller takes over a claim).
            let err = writer
                .put_version("r", 5, 4, Arc::new(expected[9].clone()), false)
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Conflict(_)), "{err}");
            assert_eq!(*reader.version("r", 5).await.unwrap(), expected[5]);
        }

        #[tokio::test]
        async fn pruning_keeps_the_chains_of_kept_versions_and_cleanup_sees_only_kept_ones() {
            let (_dir, store, writer) = content();
            let mut expected = vec![VersionContent::default()];
            let keep = 3;
            for n in 1..=400usize {
                let c = next(&expected[n - 1], n);
                record_version(&store, "r", n as u64).await;
                writer
                    .put_version("r", n as u64, n as u64 - 1, Arc::new(c.clone()), false)
                    .await
                    .unwrap();
                expected.push(c);
                // What `retain_repo_versions` does: drop the version records, then prune.
                if n > keep {
                    let table: Table<VersionRecord> =
                        store.table("repository_versions", &[]).unwrap();
                    table
                        .remove(&VersionRecord::key("r", (n - keep) as u64))
                        .await
                        .unwrap();
                    writer.prune("r", (n - keep + 1) as u64).await.unwrap();
                }
            }
            let (records, _) = stored_bytes(&writer, "r").await;
            assert!(
                records <= keep + delta::MAX_DEPTH as usize,
                "{records} stored contents for {keep} kept versions"
            );
            let reader = Content::open(&store).unwrap();
            for n in 398..=400 {
                assert_eq!(*reader.version("r", n).await.unwrap(), expected[n as usize]);
            }
            // Cleanup's walk references exactly what the kept versions hold.
            let mut referenced = VersionContent::default();
            reader
                .each_version(|_, c| {
                    referenced.tags.extend(c.tags.clone());
                    referenced.manifests.extend(c.manifests.clone());
                    referenced.blobs.extend(c.blobs.clone());
                })
                .await
                .unwrap();
            let mut union = VersionContent::default();
            for c in &expected[398..=400] {
                union.tags.extend(c.tags.clone());
                union.manifests.extend(c.manifests.clone());
                union.blobs.extend(c.blobs.clone());
            }
            assert_eq!(referenced.manifests, union.manifests);
            assert_eq!(referenced.blobs, union.blobs);
            assert_eq!(
                referenced.tags.values().collect::<BTreeSet<_>>(),
                union.tags.values().collect::<BTreeSet<_>>()
            );
        }

        #[tokio::test]
        async fn a_deleted_version_in_the_middle_of_a_chain_references_nothing() {
            let (_dir, store, writer) = content();
            let mut one = VersionContent::default();
            one.manifests.insert(digest(1));
            let mut two = one.clone();
            two.manifests.insert(digest(2));
            let mut three = one.clone();
            three.manifests.insert(digest(3));
            for (n, c) in [(1, &one), (2, &two), (3, &three)] {
                record_version(&store, "r", n).await;
                writer
                    .put_version("r", n, n - 1, Arc::new(c.clone()), false)
                    .await
                    .unwrap();
            }
            let table: Table<VersionRecord> = store.table("repository_versions", &[]).unwrap();
            table.remove(&VersionRecord::key("r", 2)).await.unwrap();
            let mut manifests = BTreeSet::new();
            writer
                .each_version(|_, c| manifests.extend(c.manifests.clone()))
                .await
                .unwrap();
            assert_eq!(manifests, [digest(1), digest(3)].into());
            // Version 3 still reads through the deleted version's stored change.
            let reader = Content::open(&store).unwrap();
            assert_eq!(*reader.version("r", 3).await.unwrap(), three);
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn json() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                "[a-z:./+0-9]{0,12}".prop_map(Value::from),
                Just(Value::from("application/vnd.oci.image.manifest.v1+json")),
                Just(Value::from(format!("sha256:{}", "a".repeat(64)))),
            ];
            leaf.prop_recursive(4, 32, 6, |inner| {
                let keys = prop_oneof![
                    Just("schemaVersion".to_string()),
                    Just("mediaType".to_string()),
                    Just("config".to_string()),
                    Just("layers".to_string()),
                    Just("manifests".to_string()),
                    Just("digest".to_string()),
                    Just("size".to_string()),
                    Just("platform".to_string()),
                    "[a-z]{1,6}",
                ];
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                    prop::collection::btree_map(keys, inner, 0..6)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        proptest! {
            /// Random JSON and random bytes parse or are refused; they never panic.
            #[test]
            fn manifests_parse_or_are_refused(v in json(), bytes in prop::collection::vec(any::<u8>(), 0..64), media_type in "[a-z./+]{0,10}|application/vnd.oci.image.index.v1\\+json") {
                let text = serde_json::to_vec(&v).unwrap();
                let _ = ManifestRecord::parse(&Digest::sha256_of(&text), &text, &media_type);
                let _ = ManifestRecord::parse(&Digest::sha256_of(&bytes), &bytes, &media_type);
            }
        }
    }
}
