//! Container repositories: create, read, update, delete, and their versions.
//!
//! Two kinds share one table (so a name is unique across both, as in Pulp): sync repositories
//! ([`RepositoryKind::Container`], `/repositories/container/container/`) and push repositories
//! ([`RepositoryKind::Push`], `/repositories/container/container-push/`), which pushes create and which are never
//! synced. Each kind's API sees only its own kind: [`Repositories::get_kind`], [`Repositories::list_kind`].
//!
//! New versions: [`Repositories::add_version`] claims the next number by inserting its version record (the
//! store's compare-and-swap decides between racing writers, also on other replicas), writes the content, then
//! moves the repository's `latest_version` from the base it read (compare-and-swap again). A writer that loses
//! either race gets [`Error::Conflict`] and nothing it wrote is visible; [`Repositories::modify`] re-reads the
//! latest content, re-applies its edit and tries again.

use crate::body::{Mode, Problems, UNIQUE};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::store::{self, Order, Record, Store, Table};
use pulp_shared::api::{self, ContentCount, ContentSummary, Labels, RepositoryWrite};
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Which API a repository belongs to.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RepositoryKind {
    /// `/repositories/container/container/`: created through the API, filled by sync.
    #[default]
    Container,
    /// `/repositories/container/container-push/`: created by a push, changed by pushes and tag/untag/remove.
    Push,
}

impl RepositoryKind {
    /// The partition of the repositories table holding this kind (see `store::Record::partition`).
    pub fn partition(self) -> &'static str {
        match self {
            RepositoryKind::Container => "container",
            RepositoryKind::Push => "push",
        }
    }

    /// Where a list of this kind reads (see `listing::Layout`).
    fn layout(self) -> listing::Layout {
        listing::Layout::Partition {
            partition: self.partition(),
            by_id: BY_KIND_ID,
            by_name: BY_KIND_NAME,
        }
    }

    /// The collection whose hrefs name repositories of this kind.
    pub fn collection(self) -> &'static str {
        match self {
            RepositoryKind::Container => href::REPOSITORIES,
            RepositoryKind::Push => href::PUSH_REPOSITORIES,
        }
    }

    /// Pulp's model name (404 bodies: "No ContainerPushRepository matches the given query.").
    pub fn model_name(self) -> &'static str {
        match self {
            RepositoryKind::Container => "ContainerRepository",
            RepositoryKind::Push => "ContainerPushRepository",
        }
    }

    /// The kind whose collection is `collection`.
    pub fn of_collection(collection: &str) -> Option<RepositoryKind> {
        [RepositoryKind::Container, RepositoryKind::Push]
            .into_iter()
            .find(|k| k.collection() == collection)
    }
}

/// What a repository stores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RepositoryRecord {
    pub id: String,
    pub name: String,
    pub created: String,
    pub updated: String,
    pub description: Option<String>,
    pub retain_repo_versions: Option<u64>,
    /// Href of the container remote sync uses when none is given.
    pub remote: Option<String>,
    pub labels: Labels,
    /// Number of the latest version.
    pub latest_version: u64,
    /// Sync or push (records written before push existed are sync ones).
    #[serde(default)]
    pub kind: RepositoryKind,
}

impl Record for RepositoryRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        match index {
            "name" => Some(self.name.clone()),
            BY_KIND_ID => Some(store::partition_value(self.kind.partition(), &self.id)),
            BY_KIND_NAME => Some(store::partition_value(self.kind.partition(), &self.name)),
            _ => None,
        }
    }
    fn partition(&self) -> Option<&str> {
        Some(self.kind.partition())
    }
}

/// The partition indexes of the repositories table: each kind in creation order and in name order.
const BY_KIND_ID: &str = "kind_id";
const BY_KIND_NAME: &str = "kind_name";

impl RepositoryRecord {
    /// The href, under the collection of its kind.
    pub fn href(&self) -> String {
        href::resource(self.kind.collection(), &self.id)
    }

    /// The href of version `number` of this repository.
    pub fn version_href(&self, number: u64) -> String {
        href::version_in(self.kind.collection(), &self.id, number)
    }

    /// The API representation of a sync repository (a push repository's is [`RepositoryRecord::to_push_api`]).
    pub fn to_api(&self) -> api::Repository {
        let href = self.href();
        api::Repository {
            prn: format!("prn:container.containerrepository:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            versions_href: format!("{href}versions/"),
            pulp_labels: self.labels.clone(),
            latest_version_href: self.version_href(self.latest_version),
            name: self.name.clone(),
            description: self.description.clone(),
            retain_repo_versions: self.retain_repo_versions,
            remote: self.remote.clone(),
            pulp_href: href,
        }
    }

    /// The API representation of a push repository: Pulp's `ContainerPushRepositoryResponse` (no `remote`;
    /// pulpd signs nothing and keeps no checkpoints, so those fields are null).
    pub fn to_push_api(&self) -> api::PushRepository {
        let href = self.href();
        api::PushRepository {
            prn: format!("prn:container.containerpushrepository:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            versions_href: format!("{href}versions/"),
            pulp_labels: self.labels.clone(),
            latest_version_href: self.version_href(self.latest_version),
            name: self.name.clone(),
            description: self.description.clone(),
            retain_repo_versions: self.retain_repo_versions,
            manifest_signing_service: None,
            retain_checkpoints: None,
            pulp_href: href,
        }
    }

    /// The API representation for its kind, as JSON.
    pub fn to_json(&self) -> Value {
        let v = match self.kind {
            RepositoryKind::Container => serde_json::to_value(self.to_api()),
            RepositoryKind::Push => serde_json::to_value(self.to_push_api()),
        };
        v.expect("API types always serialize")
    }
}

/// Counts by content type (`container.tag`, `container.manifest`, `container.blob`).
pub type SummaryCounts = BTreeMap<String, u64>;

/// What a repository version stores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VersionRecord {
    /// `<repository id>/<number padded to 20 digits>`.
    pub key: String,
    pub repository_id: String,
    pub number: u64,
    pub created: String,
    pub updated: String,
    pub base_version: Option<u64>,
    pub added: SummaryCounts,
    pub removed: SummaryCounts,
    pub present: SummaryCounts,
    /// The kind of the repository (its hrefs live under that kind's collection).
    #[serde(default)]
    pub kind: RepositoryKind,
}

impl Record for VersionRecord {
    fn id(&self) -> &str {
        &self.key
    }
}

impl VersionRecord {
    pub fn key(repository_id: &str, number: u64) -> String {
        format!("{repository_id}/{number:020}")
    }

    pub fn href(&self) -> String {
        href::version_in(self.kind.collection(), &self.repository_id, self.number)
    }

    /// The API representation.
    pub fn to_api(&self) -> api::RepositoryVersion {
        let href = self.href();
        let summary = |counts: &SummaryCounts, filter: &str| {
            counts
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(kind, n)| {
                    let plural = kind.strip_prefix("container.").unwrap_or(kind);
                    let list = format!("/pulp/api/v3/content/container/{plural}s/?{filter}={href}");
                    (
                        kind.clone(),
                        ContentCount {
                            count: *n,
                            href: list,
                        },
                    )
                })
                .collect()
        };
        api::RepositoryVersion {
            prn: format!("prn:core.repositoryversion:{}", self.key),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            number: self.number,
            repository: href::resource(self.kind.collection(), &self.repository_id),
            base_version: self
                .base_version
                .map(|n| href::version_in(self.kind.collection(), &self.repository_id, n)),
            content_summary: ContentSummary {
                added: summary(&self.added, "repository_version_added"),
                removed: summary(&self.removed, "repository_version_removed"),
                present: summary(&self.present, "repository_version"),
            },
            pulp_href: href,
        }
    }
}

/// Manifest digest → record.
type ManifestRecords = std::collections::HashMap<String, super::ManifestRecord>;

/// How many times [`Repositories::modify`] re-applies its edit when other writers keep making versions first.
const MODIFY_ATTEMPTS: u32 = 20;

/// A claimed version number whose repository never moved to it this long after the claim is a crash's leftover
/// (a writer that is alive moves the pointer within milliseconds of claiming); the next writer takes it over.
const ABANDONED_CLAIM: chrono::TimeDelta = chrono::TimeDelta::seconds(30);

/// The outcome of claiming a version number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// Nobody held it.
    Fresh,
    /// A crash's leftover held it; what it stored is overwritten.
    TakenOver,
    /// Another writer holds it.
    Lost,
}

/// The repositories service.
#[derive(Clone)]
pub struct Repositories {
    table: Table<RepositoryRecord>,
    versions: Table<VersionRecord>,
    remotes: crate::remotes::Remotes,
    /// Content of each version.
    pub content: super::Content,
    /// Serialises version creation in this process (tasks lock the repository too; this guards direct callers
    /// and spares local writers the retries; other replicas are kept out by the store, see the module doc).
    versioning: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl Repositories {
    /// The generation of the repositories table (see [`crate::store::Table::stamp`]).
    pub fn stamp(&self) -> Option<u64> {
        self.table.stamp()
    }

    pub fn open(store: &Store, remotes: crate::remotes::Remotes) -> store::Result<Repositories> {
        // Read by every registry request (the latest version served), written per new version.
        store.cache_reads("repositories");
        Ok(Repositories {
            table: store.table("repositories", &["name", BY_KIND_ID, BY_KIND_NAME])?,
            versions: store.table("repository_versions", &[])?,
            remotes,
            content: super::Content::open(store)?,
            versioning: Default::default(),
        })
    }

    /// Creates a new version of repository `id` holding `content`, unless it equals the latest version's
    /// content (then `None`: nothing changed, no new version). Prunes old versions beyond
    /// `retain_repo_versions`.
    ///
    /// # Errors
    /// [`Error::Conflict`] when another writer (another replica) made a version meanwhile; nothing was changed.
    pub async fn add_version(
        &self,
        id: &str,
        content: super::VersionContent,
    ) -> Result<Option<VersionRecord>> {
        let _guard = self.versioning.lock().await;
        let repo = self.get(id).await?;
        self.add_version_on(&repo, content).await
    }

    /// Makes `content` the next version of `repo`, which is the repository as read when the caller chose
    /// `content`: if its latest version moved since, [`Error::Conflict`].
    async fn add_version_on(
        &self,
        repo: &RepositoryRecord,
        content: super::VersionContent,
    ) -> Result<Option<VersionRecord>> {
        let id = repo.id.as_str();
        let change = self
            .content
            .change(id, repo.latest_version, &content)
            .await?;
        if change.is_empty() {
            return Ok(None);
        }
        let (added, removed) = change.counts();
        let time = now();
        let number = repo.latest_version + 1;
        let version = VersionRecord {
            key: VersionRecord::key(id, number),
            repository_id: id.to_string(),
            number,
            created: time.clone(),
            updated: time.clone(),
            base_version: None,
            added,
            removed,
            present: content
                .counts()
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .collect(),
            kind: repo.kind,
        };
        let conflict = || {
            Error::Conflict(format!(
                "repository {id} changed while version {number} was being made"
            ))
        };
        // Claim the number first: of two writers on the same base only one inserts the record, so the loser
        // never overwrites the winner's content. Then the content, then the repository's pointer.
        let claim = self.claim(&version).await?;
        if claim == Claim::Lost {
            return Err(conflict());
        }
        let undo_claim = async || -> Result<()> {
            self.versions
                .update(&version.key, |current| {
                    current
                        .filter(|held| *held == version)
                        .map(|_| store::Write::Delete)
                })
                .await?;
            Ok(())
        };
        match self
            .content
            .put_change(
                id,
                number,
                change,
                std::sync::Arc::new(content),
                claim == Claim::TakenOver,
            )
            .await
        {
            Ok(()) => {}
            Err(Error::Conflict(_)) => {
                undo_claim().await?;
                return Err(conflict());
            }
            Err(e) => return Err(e),
        }
        let stored = self
            .table
            .update(id, |current| {
                let mut r = current.filter(|r| r.latest_version == repo.latest_version)?;
                r.latest_version = number;
                r.updated = time.clone();
                Some(store::Write::Put(r))
            })
            .await?;
        if stored.as_ref().map(|r| r.latest_version) != Some(number) {
            // Our base was stale and its successor's records already pruned (`retain_repo_versions`), so the
            // claim went through: take back what we wrote, it is no version of the repository.
            undo_claim().await?;
            self.content.delete_version(id, number).await?;
            return Err(conflict());
        }
        if let Some(keep) = repo.retain_repo_versions {
            let old = self.versions.all(&format!("{id}/"), Order::Asc).await?;
            let excess = old.len().saturating_sub(keep as usize);
            for v in old.iter().take(excess) {
                self.versions.remove(&v.key).await?;
            }
            if excess > 0 {
                if let Some(oldest_kept) = old.get(excess) {
                    self.content.prune(id, oldest_kept.number).await?;
                }
            }
        }
        Ok(Some(version))
    }

    /// Inserts `version`'s record unless another writer holds its number: says whether this writer may make
    /// the version. A record claimed longer than [`ABANDONED_CLAIM`] ago that the repository never moved to
    /// (the caller read the repository just before) was left by a crash and is taken over.
    async fn claim(&self, version: &VersionRecord) -> Result<Claim> {
        let mut claim = Claim::Lost;
        let abandoned_before = chrono::Utc::now() - ABANDONED_CLAIM;
        self.versions
            .update(&version.key, |current| {
                claim = match current {
                    None => Claim::Fresh,
                    Some(held)
                        if chrono::DateTime::parse_from_rfc3339(&held.created)
                            .is_ok_and(|t| t < abandoned_before) =>
                    {
                        Claim::TakenOver
                    }
                    Some(_) => Claim::Lost,
                };
                (claim != Claim::Lost).then(|| store::Write::Put(version.clone()))
            })
            .await?;
        Ok(claim)
    }

    /// Makes a new version of repository `id` from its latest content changed by `edit` (`None` when `edit`
    /// changed nothing). When another writer made a version first, re-reads and re-applies `edit`, up to
    /// [`MODIFY_ATTEMPTS`] times.
    ///
    /// # Errors
    /// Whatever `edit` returns (nothing is written then); [`Error::Conflict`] when every attempt lost a race.
    pub async fn modify(
        &self,
        id: &str,
        edit: impl Fn(&super::VersionContent) -> Result<super::VersionContent> + Send + Sync,
    ) -> Result<Option<VersionRecord>> {
        self.modify_inner(id, false, |content, _| edit(content))
            .await
    }

    /// [`Repositories::modify`] with an edit that also gets the record of every manifest in the content
    /// (`with_records`; otherwise an empty map).
    async fn modify_inner(
        &self,
        id: &str,
        with_records: bool,
        edit: impl Fn(&super::VersionContent, &ManifestRecords) -> Result<super::VersionContent>
            + Send
            + Sync,
    ) -> Result<Option<VersionRecord>> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = {
                let _guard = self.versioning.lock().await;
                let repo = self.get(id).await?;
                let base = self.content.version(id, repo.latest_version).await?;
                let records = if with_records {
                    self.manifest_records(id, &base).await?
                } else {
                    ManifestRecords::new()
                };
                let content = edit(&base, &records)?;
                self.add_version_on(&repo, content).await
            };
            match result {
                Err(Error::Conflict(msg)) if attempt < MODIFY_ATTEMPTS => {
                    tracing::debug!(repository = %id, attempt, reason = %msg, "version race lost, retrying");
                    // The winner (another replica) is moving the pointer right now; give it a moment, with
                    // jitter so two losers do not collide again.
                    let pause = rand::random::<u64>() % (5 * u64::from(attempt)) + 1;
                    tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
                }
                other => return other,
            }
        }
    }

    /// The record of every manifest in `content` (of repository `id`).
    async fn manifest_records(
        &self,
        id: &str,
        content: &super::VersionContent,
    ) -> Result<ManifestRecords> {
        let mut records = ManifestRecords::new();
        for d in &content.manifests {
            let record = self.content.manifest_record(d).await?.ok_or_else(|| {
                Error::Internal(anyhow::anyhow!(
                    "manifest {d} of repository {id} has no record"
                ))
            })?;
            records.insert(d.clone(), record);
        }
        Ok(records)
    }

    /// Points tag `tag` of push (or sync) repository `id` at the manifest `digest` (moving it when it exists).
    ///
    /// # Errors
    /// A field error on `digest` when the latest version has no such manifest.
    pub async fn tag(&self, id: &str, tag: &str, digest: &str) -> Result<Option<VersionRecord>> {
        self.modify(id, |c| super::edit::tag(c, tag, digest)).await
    }

    /// Removes tag `tag` from repository `id`.
    ///
    /// # Errors
    /// A field error on `tag` when the latest version has no such tag.
    pub async fn untag(&self, id: &str, tag: &str) -> Result<Option<VersionRecord>> {
        self.modify(id, |c| super::edit::untag(c, tag)).await
    }

    /// Removes the manifest `digest` from repository `id`, with the tags pointing at it, the children of an
    /// index no remaining manifest lists, and the blobs no remaining manifest uses (see
    /// [`super::edit::remove_image`]).
    ///
    /// # Errors
    /// A field error on `digest` when the latest version has no such manifest.
    pub async fn remove_image(&self, id: &str, digest: &str) -> Result<Option<VersionRecord>> {
        self.modify_inner(id, true, |c, records| {
            super::edit::remove_image(c, digest, records)
        })
        .await
    }

    /// Adds `addition` (a closure, [`super::units::Units::closure`]) to repository `id` (Pulp's recursive add,
    /// also behind `copy_tags/` and `copy_manifests/`).
    pub async fn add_content(
        &self,
        id: &str,
        addition: &super::VersionContent,
    ) -> Result<Option<VersionRecord>> {
        self.modify(id, |c| Ok(super::edit::add(c, addition))).await
    }

    /// Removes what `removal` names from repository `id`, and what only that referenced (Pulp's recursive
    /// remove, see [`super::edit::remove`]).
    pub async fn remove_content(
        &self,
        id: &str,
        removal: &super::edit::Removal,
    ) -> Result<Option<VersionRecord>> {
        self.modify_inner(id, true, |c, records| {
            super::edit::remove(c, removal, records)
        })
        .await
    }

    /// The content of the latest version of repository `id`.
    pub async fn latest_content(&self, id: &str) -> Result<std::sync::Arc<super::VersionContent>> {
        let repo = self.get(id).await?;
        self.content.version(id, repo.latest_version).await
    }

    /// Creates a repository and its version 0.
    pub async fn create(&self, body: &RepositoryWrite) -> Result<RepositoryRecord> {
        self.create_with(body, async |_| Ok(())).await
    }

    /// Like [`Repositories::create`], calling `before_insert` with the valid record before anything is written
    /// (the API gives the creator the owner role there: a role on an object that never came to be is harmless,
    /// an object whose owner was lost is not).
    pub async fn create_with(
        &self,
        body: &RepositoryWrite,
        before_insert: impl AsyncFnOnce(&RepositoryRecord) -> Result<()>,
    ) -> Result<RepositoryRecord> {
        let mut record = new_record(RepositoryKind::Container);
        self.apply(body, Mode::Full, &mut record).await?;
        if self.by_name(&record.name).await?.is_some() {
            return Err(Error::field("name", UNIQUE));
        }
        before_insert(&record).await?;
        self.put(&record).await?;
        self.put_version_zero(&record).await?;
        Ok(record)
    }

    /// The push repository named `name`, created (with its version 0) when there is none. Safe when two
    /// pushes (or replicas) race: the name index decides and the loser returns the winner's record.
    ///
    /// # Errors
    /// A field error on `name` when a sync repository has that name.
    pub async fn create_push(&self, name: &str) -> Result<RepositoryRecord> {
        let taken = |r: &RepositoryRecord| match r.kind {
            RepositoryKind::Push => Ok(r.clone()),
            RepositoryKind::Container => Err(Error::field(
                "name",
                format!("{name:?} is the name of a (sync) container repository"),
            )),
        };
        if let Some(existing) = self.by_name(name).await? {
            return taken(&existing);
        }
        let mut record = new_record(RepositoryKind::Push);
        record.name = name.to_string();
        // Version 0 first: a repository is never visible without it.
        self.put_version_zero(&record).await?;
        match self.table.insert(&record).await {
            Ok(true) => Ok(record),
            Ok(false) => Err(Error::Internal(anyhow::anyhow!(
                "new repository id {} is taken",
                record.id
            ))),
            Err(store::Error::Conflict { .. }) => {
                self.versions
                    .remove(&VersionRecord::key(&record.id, 0))
                    .await?;
                match self.by_name(name).await? {
                    Some(winner) => taken(&winner),
                    // The winner was deleted in between: a later push creates it again.
                    None => Err(Error::Conflict(format!(
                        "repository {name:?} was created and deleted meanwhile"
                    ))),
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    async fn put_version_zero(&self, record: &RepositoryRecord) -> Result<()> {
        let v0 = VersionRecord {
            key: VersionRecord::key(&record.id, 0),
            repository_id: record.id.clone(),
            number: 0,
            created: record.created.clone(),
            updated: record.created.clone(),
            base_version: None,
            added: SummaryCounts::new(),
            removed: SummaryCounts::new(),
            present: SummaryCounts::new(),
            kind: record.kind,
        };
        self.versions.put(&v0).await?;
        Ok(())
    }

    /// Applies the fields `w` gives to `record` (a push repository has no `remote`; its `name` is the pushed
    /// name and stays).
    ///
    /// # Errors
    /// [`Error::Invalid`] naming every bad field (then `record` is not to be stored).
    async fn apply(
        &self,
        w: &RepositoryWrite,
        mode: Mode,
        record: &mut RepositoryRecord,
    ) -> Result<()> {
        let mut p = Problems::default();
        if record.kind == RepositoryKind::Container {
            if let Some(name) = p.required(mode, "name", &w.name) {
                if let Some(name) = p.name("name", name) {
                    record.name = name;
                }
            }
        }
        if let Some(d) = &w.description {
            if let Some(d) = p.optional_string("description", d) {
                record.description = d;
            }
        }
        match w.retain_repo_versions {
            Some(Some(0)) => p.add(
                "retain_repo_versions",
                "Ensure this value is greater than or equal to 1.",
            ),
            Some(r) => record.retain_repo_versions = r,
            None => {}
        }
        if let Some(l) = &w.pulp_labels {
            if let Some(l) = p.labels("pulp_labels", l) {
                record.labels = l;
            }
        }
        if record.kind == RepositoryKind::Container {
            match &w.remote {
                None => {}
                Some(None) => record.remote = None,
                Some(Some(h)) => match self.remotes.resolve_href(h).await {
                    Ok(r) => record.remote = Some(r.href()),
                    Err(msg) => p.add("remote", msg),
                },
            }
        }
        p.finish()
    }

    async fn put(&self, record: &RepositoryRecord) -> Result<()> {
        self.table.put(record).await.map_err(|e| match e {
            store::Error::Conflict { .. } => Error::field("name", UNIQUE),
            e => e.into(),
        })
    }

    /// The repository with `id`, of either kind (for the domain; each API uses [`Repositories::get_kind`]).
    pub async fn get(&self, id: &str) -> Result<RepositoryRecord> {
        self.table.get(id).await?.ok_or(Error::NotFound {
            kind: "ContainerRepository",
        })
    }

    /// The repository with `id` if it is of `kind` (the other kind's API does not see it).
    pub async fn get_kind(&self, id: &str, kind: RepositoryKind) -> Result<RepositoryRecord> {
        self.table
            .get(id)
            .await?
            .filter(|r| r.kind == kind)
            .ok_or(Error::NotFound {
                kind: kind.model_name(),
            })
    }

    /// Every repository, of either kind (reclaiming space in all of them).
    pub async fn all(&self) -> Result<Vec<RepositoryRecord>> {
        Ok(self.table.all("", Order::Asc).await?)
    }

    /// The repository named `name`, of either kind.
    pub async fn by_name(&self, name: &str) -> Result<Option<RepositoryRecord>> {
        Ok(self.table.get_by("name", name).await?)
    }

    /// Resolves an href given in a request body to a repository of either kind (its href must be under its
    /// kind's collection), or Pulp's message for the field.
    pub async fn resolve_href(&self, h: &str) -> std::result::Result<RepositoryRecord, String> {
        let (collection, _) = href::parse_repository(h).map_err(|e| e.to_string())?;
        let record = listing::resolve_href(&self.table, collection, h).await?;
        if record.kind.collection() == collection {
            Ok(record)
        } else {
            Err("Invalid hyperlink - Object does not exist.".into())
        }
    }

    /// Resolves a repository version href (of either kind) to its version record, or Pulp's message for the
    /// field.
    pub async fn resolve_version_href(
        &self,
        h: &str,
    ) -> std::result::Result<VersionRecord, String> {
        let v = href::parse_version(h).map_err(|e| e.to_string())?;
        match self
            .versions
            .get(&VersionRecord::key(v.repository_id, v.number))
            .await
        {
            Ok(Some(record)) if record.kind.collection() == v.collection => Ok(record),
            Ok(_) => Err("Invalid hyperlink - Object does not exist.".into()),
            Err(e) => Err(format!("could not read repository version: {e}")),
        }
    }

    /// A page of sync repositories (default newest first; `ordering=name` by name).
    pub async fn list(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
    ) -> Result<Window<RepositoryRecord>> {
        self.list_kind(params, visible, RepositoryKind::Container)
            .await
    }

    /// A page of the repositories of `kind` (a partition of the shared table).
    pub async fn list_kind(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
        kind: RepositoryKind,
    ) -> Result<Window<RepositoryRecord>> {
        listing::named_page_in(
            &self.table,
            kind.layout(),
            params,
            |r| &r.name,
            !visible.is_all(),
            |r| visible.contains(&r.href()) && params.labels_match(&r.labels),
        )
        .await
    }

    /// Makes the indexes of the repositories table match its records (after an upgrade that added one).
    ///
    /// # Errors
    /// The store's.
    pub async fn build_indexes(&self, store: &Store) -> Result<()> {
        Ok(self.table.build_indexes(store).await?)
    }

    /// A page of the repositories of `kind` that `keep` lets through (visibility decided by the caller;
    /// `None`: every one).
    pub async fn list_kind_where(
        &self,
        params: &ListParams,
        kind: RepositoryKind,
        keep: Option<impl Fn(&RepositoryRecord) -> bool>,
    ) -> Result<Window<RepositoryRecord>> {
        listing::named_page_in(
            &self.table,
            kind.layout(),
            params,
            |r| &r.name,
            keep.is_some(),
            |r| params.labels_match(&r.labels) && keep.as_ref().is_none_or(|k| k(r)),
        )
        .await
    }

    /// The push repositories in namespace `namespace` (their names start with `<namespace>/`).
    pub async fn push_in_namespace(&self, namespace: &str) -> Result<Vec<RepositoryRecord>> {
        let mut out = Vec::new();
        for name in self
            .table
            .index_values_with_prefix("name", &format!("{namespace}/"))
            .await?
        {
            if let Some(r) = self.by_name(&name).await? {
                if r.kind == RepositoryKind::Push {
                    out.push(r);
                }
            }
        }
        Ok(out)
    }

    /// Updates (PUT: `Mode::Full`) or partially updates (PATCH) a repository.
    pub async fn update(
        &self,
        id: &str,
        body: &RepositoryWrite,
        mode: Mode,
    ) -> Result<RepositoryRecord> {
        let old = self.get(id).await?;
        let mut record = old.clone();
        self.apply(body, mode, &mut record).await?;
        record.updated = now();
        // Only the fields this request changed: a version made meanwhile (pushes do not lock) keeps its pointer.
        let stored = self
            .table
            .update(id, |current| {
                let mut r = current?;
                r.name = record.name.clone();
                r.description = record.description.clone();
                r.retain_repo_versions = record.retain_repo_versions;
                r.labels = record.labels.clone();
                r.remote = record.remote.clone();
                r.updated = record.updated.clone();
                Some(store::Write::Put(r))
            })
            .await
            .map_err(|e| match e {
                store::Error::Conflict { .. } => Error::field("name", UNIQUE),
                e => e.into(),
            })?;
        stored.ok_or(Error::NotFound {
            kind: old.kind.model_name(),
        })
    }

    /// Deletes a repository and its versions.
    pub async fn delete(&self, id: &str) -> Result<RepositoryRecord> {
        let record = self.get(id).await?;
        let versions = self.versions.all(&format!("{id}/"), Order::Asc).await?;
        self.table.remove(&record.id).await?;
        for v in &versions {
            self.versions.remove(&v.key).await?;
        }
        self.content.delete_repository(id).await?;
        Ok(record)
    }

    /// Deletes version `number` of repository `id` (not its latest: versions are made only on top of the
    /// latest, so it stays). What only that version held is free for orphan cleanup; the next version's
    /// summary (added, removed, base) is recomputed against the version before it, as Pulp squashes. Its
    /// stored content stays while a later version is stored as a change from it (see [`super::delta`]).
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is no such version; [`Error::Conflict`] for the latest.
    pub async fn delete_version(&self, id: &str, number: u64) -> Result<()> {
        let _guard = self.versioning.lock().await;
        let repo = self.get(id).await?;
        let doomed = self.version(id, number).await?;
        if number == repo.latest_version {
            return Err(Error::Conflict(format!(
                "version {number} is the latest version of repository {:?}",
                repo.name
            )));
        }
        let versions = self.versions.all(&format!("{id}/"), Order::Asc).await?;
        let before = versions.iter().rev().find(|v| v.number < number);
        let after = versions
            .iter()
            .find(|v| v.number > number && v.number <= repo.latest_version);
        self.versions.remove(&doomed.key).await?;
        if let Some(after) = after {
            let base = match before {
                Some(b) => self.content.version(id, b.number).await?,
                None => std::sync::Arc::new(super::VersionContent::default()),
            };
            let next = self.content.version(id, after.number).await?;
            let (added, removed) = next.diff(&base);
            self.versions
                .update(&after.key, |current| {
                    let mut v = current?;
                    v.added = added.clone();
                    v.removed = removed.clone();
                    if v.base_version == Some(number) {
                        v.base_version = None;
                    }
                    v.updated = now();
                    Some(store::Write::Put(v))
                })
                .await?;
        }
        if before.is_none() {
            if let Some(oldest_kept) = after {
                self.content.prune(id, oldest_kept.number).await?;
            }
        }
        Ok(())
    }

    /// A page of the versions of repository `id`, newest first.
    pub async fn versions(&self, id: &str, params: &ListParams) -> Result<Window<VersionRecord>> {
        let repo = self.get(id).await?;
        let (_, desc) = params.sort("-number");
        let order = if desc { Order::Desc } else { Order::Asc };
        let number = params.filter("number").and_then(|n| n.parse::<u64>().ok());
        // A claimed number beyond the latest is a version still being made (or a crash's leftover).
        let made = |v: &VersionRecord| v.number <= repo.latest_version;
        listing::window(
            self.versions.scan(&format!("{id}/"), order),
            params,
            None,
            |v| made(v) && number.is_none_or(|n| v.number == n),
        )
        .await
    }

    /// The number of the newest version of repository `id` older than `number` (`None`: there is none).
    pub async fn previous_version(&self, id: &str, number: u64) -> Result<Option<u64>> {
        let mut scan = self.versions.scan(&format!("{id}/"), Order::Desc);
        while let Some(v) = scan.next().await? {
            if v.number < number {
                return Ok(Some(v.number));
            }
        }
        Ok(None)
    }

    /// How many versions repository `id` has (up to its latest).
    pub async fn versions_count(&self, id: &str) -> Result<u64> {
        let repo = self.get(id).await?;
        let mut scan = self.versions.scan(&format!("{id}/"), Order::Asc);
        let mut n = 0;
        while let Some(v) = scan.next().await? {
            n += u64::from(v.number <= repo.latest_version);
        }
        Ok(n)
    }

    /// Version `number` of repository `id`.
    pub async fn version(&self, id: &str, number: u64) -> Result<VersionRecord> {
        let repo = self.get(id).await?;
        self.versions
            .get(&VersionRecord::key(id, number))
            .await?
            .filter(|v| v.number <= repo.latest_version)
            .ok_or(Error::NotFound {
                kind: "RepositoryVersion",
            })
    }
}

/// A new, empty repository record of `kind` (fields are filled by the caller).
fn new_record(kind: RepositoryKind) -> RepositoryRecord {
    let time = now();
    RepositoryRecord {
        id: listing::new_id(),
        name: String::new(),
        created: time.clone(),
        updated: time,
        description: None,
        retain_repo_versions: None,
        remote: None,
        labels: Labels::new(),
        latest_version: 0,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blobs::Digest;
    use crate::content::{ManifestRecord, VersionContent};
    use serde_json::json;

    fn open(store: &Store) -> Repositories {
        Repositories::open(store, crate::remotes::Remotes::open(store).unwrap()).unwrap()
    }

    fn service() -> (tempfile::TempDir, Store, Repositories) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let repositories = open(&store);
        (dir, store, repositories)
    }

    fn all() -> ListParams {
        ListParams {
            limit: 100,
            ..ListParams::default()
        }
    }

    /// Stores an image manifest using `blobs` and returns its digest.
    async fn manifest(repositories: &Repositories, blobs: &[&str]) -> String {
        let descriptor =
            |d: &str| json!({"mediaType": "application/octet-stream", "digest": d, "size": 1});
        let bytes = serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": crate::content::model::OCI_MANIFEST,
            "config": descriptor(blobs[0]),
            "layers": blobs[1..].iter().map(|b| descriptor(b)).collect::<Vec<_>>(),
        }))
        .unwrap();
        let digest = Digest::sha256_of(&bytes);
        let record = ManifestRecord::parse(&digest, &bytes, "").unwrap();
        repositories
            .content
            .put_manifest(&record, &bytes)
            .await
            .unwrap();
        digest.to_string()
    }

    fn blob(n: u8) -> String {
        format!("sha256:{}", hex::encode([n; 32]))
    }

    #[tokio::test]
    async fn push_repositories_are_their_own_kind() {
        let (_dir, _store, repositories) = service();
        let sync = repositories
            .create(&crate::body::decode(&json!({"name": "synced"})).unwrap())
            .await
            .unwrap();
        let push = repositories.create_push("myorg/app").await.unwrap();
        assert_eq!(push.kind, RepositoryKind::Push);
        assert_eq!(repositories.create_push("myorg/app").await.unwrap(), push);
        assert!(matches!(
            repositories.create_push("synced").await,
            Err(Error::Invalid(ref f)) if f.contains_key("name")
        ));
        assert!(matches!(
            repositories.create(&crate::body::decode(&json!({"name": "myorg/app"})).unwrap()).await,
            Err(Error::Invalid(ref f)) if f.contains_key("name")
        ));

        assert!(push.href().starts_with(href::PUSH_REPOSITORIES));
        let api = push.to_push_api();
        assert_eq!(
            api.latest_version_href,
            href::version_in(href::PUSH_REPOSITORIES, &push.id, 0)
        );
        let json = push.to_json();
        assert!(json.get("remote").is_none());
        assert!(json["manifest_signing_service"].is_null());
        assert!(json["retain_checkpoints"].is_null());
        assert!(sync.to_json().get("remote").is_some());

        // Each API sees its own kind only.
        assert!(matches!(
            repositories
                .get_kind(&push.id, RepositoryKind::Container)
                .await,
            Err(Error::NotFound {
                kind: "ContainerRepository"
            })
        ));
        assert!(matches!(
            repositories.get_kind(&sync.id, RepositoryKind::Push).await,
            Err(Error::NotFound {
                kind: "ContainerPushRepository"
            })
        ));
        let listed = |kind| {
            let repositories = repositories.clone();
            async move {
                repositories
                    .list_kind(&all(), &listing::Visible::All, kind)
                    .await
                    .unwrap()
                    .items
                    .into_iter()
                    .map(|r| r.name)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(listed(RepositoryKind::Container).await, vec!["synced"]);
        assert_eq!(listed(RepositoryKind::Push).await, vec!["myorg/app"]);
        assert_eq!(
            repositories
                .list(&all(), &listing::Visible::All)
                .await
                .unwrap()
                .count,
            1
        );
        assert_eq!(
            repositories.resolve_href(&push.href()).await.unwrap().id,
            push.id
        );
        let wrong = href::resource(href::REPOSITORIES, &push.id);
        assert!(repositories.resolve_href(&wrong).await.is_err());
        let v0 = repositories
            .resolve_version_href(&push.version_href(0))
            .await
            .unwrap();
        assert_eq!(v0.href(), push.version_href(0));
        assert_eq!(v0.to_api().repository, push.href());
        assert!(repositories
            .resolve_version_href(&href::repository_version(&push.id, 0))
            .await
            .is_err());
    }

    #[tokio::test]
    async fn tag_untag_and_remove_image_make_versions() {
        let (_dir, _store, repositories) = service();
        let repo = repositories.create_push("org/img").await.unwrap();
        let m1 = manifest(&repositories, &[&blob(1), &blob(2), &blob(9)]).await;
        let m2 = manifest(&repositories, &[&blob(3), &blob(9)]).await;
        let pushed_ahead = blob(7);
        let mut content = VersionContent::default();
        content.manifests.extend([m1.clone(), m2.clone()]);
        content
            .blobs
            .extend([blob(1), blob(2), blob(3), blob(9), pushed_ahead.clone()]);
        content.tags.insert("v1".into(), m1.clone());
        repositories.add_version(&repo.id, content).await.unwrap();

        let v2 = repositories
            .tag(&repo.id, "v2", &m2)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(v2.number, 2);
        assert_eq!(v2.href(), repo.version_href(2));
        assert!(repositories
            .tag(&repo.id, "v2", &m2)
            .await
            .unwrap()
            .is_none());
        assert!(matches!(
            repositories.tag(&repo.id, "v3", &blob(5)).await,
            Err(Error::Invalid(ref f)) if f.contains_key("digest")
        ));
        let v3 = repositories.untag(&repo.id, "v2").await.unwrap().unwrap();
        assert_eq!(v3.number, 3);
        assert!(matches!(
            repositories.untag(&repo.id, "v2").await,
            Err(Error::Invalid(ref f)) if f.contains_key("tag")
        ));

        let v4 = repositories
            .remove_image(&repo.id, &m1)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(v4.number, 4);
        let latest = repositories.latest_content(&repo.id).await.unwrap();
        assert_eq!(latest.manifests, [m2.clone()].into());
        assert!(latest.tags.is_empty());
        assert_eq!(
            latest.blobs,
            [blob(3), pushed_ahead, blob(9)].into_iter().collect()
        );
        assert_eq!(v4.removed[crate::content::model::KIND_MANIFEST], 1);
        assert_eq!(v4.removed[crate::content::model::KIND_BLOB], 2);
    }

    /// Two services on one store stand for two replicas: each has its own lock, only the store is shared.
    #[tokio::test]
    async fn concurrent_writers_on_two_replicas_lose_no_change() {
        let (_dir, store, first) = service();
        let second = open(&store);
        let repo = first.create_push("race/app").await.unwrap();
        let m = manifest(&first, &[&blob(1)]).await;
        let mut content = VersionContent::default();
        content.manifests.insert(m.clone());
        first.add_version(&repo.id, content).await.unwrap();

        let writers: Vec<_> = (0..12)
            .map(|i| {
                let service = if i % 2 == 0 {
                    first.clone()
                } else {
                    second.clone()
                };
                let (id, m) = (repo.id.clone(), m.clone());
                tokio::spawn(async move { service.tag(&id, &format!("t{i}"), &m).await })
            })
            .collect();
        for w in writers {
            w.await.unwrap().unwrap().unwrap();
        }
        let latest = first.latest_content(&repo.id).await.unwrap();
        assert_eq!(latest.tags.len(), 12);
        let versions = first.versions(&repo.id, &all()).await.unwrap();
        let numbers: Vec<u64> = versions.items.iter().map(|v| v.number).collect();
        assert_eq!(numbers, (0..=13).rev().collect::<Vec<_>>());
        assert_eq!(first.get(&repo.id).await.unwrap().latest_version, 13);
    }

    #[tokio::test]
    async fn modify_passes_edit_errors_through_and_writes_nothing() {
        let (_dir, _store, repositories) = service();
        let repo = repositories.create_push("err/app").await.unwrap();
        let result = repositories
            .modify(&repo.id, |_| Err(Error::field("tag", "no")))
            .await;
        assert!(matches!(result, Err(Error::Invalid(_))));
        assert_eq!(repositories.get(&repo.id).await.unwrap().latest_version, 0);
    }

    #[tokio::test]
    async fn an_abandoned_claim_is_taken_over() {
        let (_dir, _store, repositories) = service();
        let repo = repositories.create_push("crash/app").await.unwrap();
        // A writer claimed version 1 a minute ago and died before moving the repository.
        let mut leftover = VersionRecord {
            key: VersionRecord::key(&repo.id, 1),
            repository_id: repo.id.clone(),
            number: 1,
            created: String::new(),
            updated: String::new(),
            base_version: None,
            added: SummaryCounts::new(),
            removed: SummaryCounts::new(),
            present: SummaryCounts::new(),
            kind: RepositoryKind::Push,
        };
        leftover.created = (chrono::Utc::now() - chrono::TimeDelta::seconds(60))
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        repositories.versions.put(&leftover).await.unwrap();
        assert_eq!(
            repositories.versions(&repo.id, &all()).await.unwrap().count,
            1
        );
        let mut content = VersionContent::default();
        content.blobs.insert(blob(1));
        let v1 = repositories
            .add_version(&repo.id, content)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(v1.number, 1);
        assert_ne!(v1.created, leftover.created);
        // A fresh claim is a live writer: not taken over.
        let mut live = leftover.clone();
        live.key = VersionRecord::key(&repo.id, 2);
        live.number = 2;
        live.created = now();
        repositories.versions.put(&live).await.unwrap();
        let mut more = VersionContent::default();
        more.blobs.insert(blob(2));
        assert!(matches!(
            repositories.add_version(&repo.id, more).await,
            Err(Error::Conflict(_))
        ));
    }
}
