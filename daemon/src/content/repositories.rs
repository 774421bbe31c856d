//! Container repositories: create, read, update, delete, and their versions.

use crate::body::{Body, Mode, UNIQUE};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::store::{self, Order, Record, Store, Table};
use pulp_shared::api::{self, ContentCount, ContentSummary, Labels};
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

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
}

impl Record for RepositoryRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        (index == "name").then(|| self.name.clone())
    }
}

impl RepositoryRecord {
    pub fn href(&self) -> String {
        href::resource(href::REPOSITORIES, &self.id)
    }

    /// The API representation.
    pub fn to_api(&self) -> api::Repository {
        let href = self.href();
        api::Repository {
            prn: format!("prn:container.containerrepository:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            versions_href: format!("{href}versions/"),
            pulp_labels: self.labels.clone(),
            latest_version_href: href::repository_version(&self.id, self.latest_version),
            name: self.name.clone(),
            description: self.description.clone(),
            retain_repo_versions: self.retain_repo_versions,
            remote: self.remote.clone(),
            pulp_href: href,
        }
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
        href::repository_version(&self.repository_id, self.number)
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
            repository: href::resource(href::REPOSITORIES, &self.repository_id),
            base_version: self
                .base_version
                .map(|n| href::repository_version(&self.repository_id, n)),
            content_summary: ContentSummary {
                added: summary(&self.added, "repository_version_added"),
                removed: summary(&self.removed, "repository_version_removed"),
                present: summary(&self.present, "repository_version"),
            },
            pulp_href: href,
        }
    }
}

/// The repositories service.
#[derive(Clone)]
pub struct Repositories {
    table: Table<RepositoryRecord>,
    versions: Table<VersionRecord>,
    remotes: crate::remotes::Remotes,
    /// Content of each version.
    pub content: super::Content,
    /// Serialises version creation (tasks lock the repository too; this guards direct callers).
    versioning: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl Repositories {
    pub fn open(store: &Store, remotes: crate::remotes::Remotes) -> store::Result<Repositories> {
        Ok(Repositories {
            table: store.table("repositories", &["name"])?,
            versions: store.table("repository_versions", &[])?,
            remotes,
            content: super::Content::open(store)?,
            versioning: Default::default(),
        })
    }

    /// Creates a new version of repository `id` holding `content`, unless it equals the latest version's
    /// content (then `None`: nothing changed, no new version). Prunes old versions beyond
    /// `retain_repo_versions`.
    pub async fn add_version(
        &self,
        id: &str,
        content: super::VersionContent,
    ) -> Result<Option<VersionRecord>> {
        let _guard = self.versioning.lock().await;
        let repo = self.get(id).await?;
        let base = self.content.version(id, repo.latest_version).await?;
        if *base == content {
            return Ok(None);
        }
        let (added, removed) = content.diff(&base);
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
        };
        // Content and version first, the repository's pointer last: a crash in between leaves a version no
        // one points at, which the next version overwrites.
        self.content.put_version(id, number, &content).await?;
        self.versions.put(&version).await?;
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
            return Err(Error::Conflict(format!(
                "repository {id} changed while version {number} was being made"
            )));
        }
        if let Some(keep) = repo.retain_repo_versions {
            let old = self.versions.all(&format!("{id}/"), Order::Asc).await?;
            let excess = old.len().saturating_sub(keep as usize);
            for v in old.iter().take(excess) {
                self.versions.remove(&v.key).await?;
                self.content.delete_version(id, v.number).await?;
            }
        }
        Ok(Some(version))
    }

    /// The content of the latest version of repository `id`.
    pub async fn latest_content(&self, id: &str) -> Result<std::sync::Arc<super::VersionContent>> {
        let repo = self.get(id).await?;
        self.content.version(id, repo.latest_version).await
    }

    /// Creates a repository and its version 0.
    pub async fn create(&self, body: &Value) -> Result<RepositoryRecord> {
        self.create_with(body, async |_| Ok(())).await
    }

    /// Like [`Repositories::create`], calling `before_insert` with the valid record before anything is written
    /// (the API gives the creator the owner role there: a role on an object that never came to be is harmless,
    /// an object whose owner was lost is not).
    pub async fn create_with(
        &self,
        body: &Value,
        before_insert: impl AsyncFnOnce(&RepositoryRecord) -> Result<()>,
    ) -> Result<RepositoryRecord> {
        let mut b = Body::new(body, Mode::Full)?;
        let time = now();
        let mut record = RepositoryRecord {
            id: listing::new_id(),
            name: String::new(),
            created: time.clone(),
            updated: time.clone(),
            description: None,
            retain_repo_versions: None,
            remote: None,
            labels: Labels::new(),
            latest_version: 0,
        };
        self.apply(&mut b, &mut record).await;
        b.finish()?;
        if self.by_name(&record.name).await?.is_some() {
            return Err(Error::field("name", UNIQUE));
        }
        before_insert(&record).await?;
        self.put(&record).await?;
        let v0 = VersionRecord {
            key: VersionRecord::key(&record.id, 0),
            repository_id: record.id.clone(),
            number: 0,
            created: time.clone(),
            updated: time,
            base_version: None,
            added: SummaryCounts::new(),
            removed: SummaryCounts::new(),
            present: SummaryCounts::new(),
        };
        self.versions.put(&v0).await?;
        Ok(record)
    }

    /// Reads the writable fields of `b` into `record`.
    async fn apply(&self, b: &mut Body<'_>, record: &mut RepositoryRecord) {
        if let Some(name) = b.name("name") {
            record.name = name;
        }
        if let Some(d) = b.nullable_string("description") {
            record.description = d;
        }
        if let Some(r) = b.nullable_u64("retain_repo_versions", 1) {
            record.retain_repo_versions = r;
        }
        if let Some(l) = b.labels("pulp_labels") {
            record.labels = l;
        }
        if let Some(remote) = b.nullable_string("remote") {
            match remote {
                None => record.remote = None,
                Some(h) => match self.remotes.resolve_href(&h).await {
                    Ok(r) => record.remote = Some(r.href()),
                    Err(msg) => b.error("remote", msg),
                },
            }
        }
    }

    async fn put(&self, record: &RepositoryRecord) -> Result<()> {
        self.table.put(record).await.map_err(|e| match e {
            store::Error::Conflict { .. } => Error::field("name", UNIQUE),
            e => e.into(),
        })
    }

    /// The repository with `id`.
    pub async fn get(&self, id: &str) -> Result<RepositoryRecord> {
        self.table.get(id).await?.ok_or(Error::NotFound {
            kind: "ContainerRepository",
        })
    }

    /// The repository named `name`.
    pub async fn by_name(&self, name: &str) -> Result<Option<RepositoryRecord>> {
        Ok(self.table.get_by("name", name).await?)
    }

    /// Resolves an href given in a request body to a repository, or Pulp's message for the field.
    pub async fn resolve_href(&self, h: &str) -> std::result::Result<RepositoryRecord, String> {
        listing::resolve_href(&self.table, href::REPOSITORIES, h).await
    }

    /// Resolves a repository version href to its version record, or Pulp's message for the field.
    pub async fn resolve_version_href(
        &self,
        h: &str,
    ) -> std::result::Result<VersionRecord, String> {
        let (id, number) = href::parse_repository_version(h).map_err(|e| e.to_string())?;
        match self.versions.get(&VersionRecord::key(id, number)).await {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err("Invalid hyperlink - Object does not exist.".into()),
            Err(e) => Err(format!("could not read repository version: {e}")),
        }
    }

    /// A page of repositories (default newest first; `ordering=name` by name).
    pub async fn list(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
    ) -> Result<Window<RepositoryRecord>> {
        listing::named_page(
            &self.table,
            params,
            visible,
            |r| &r.name,
            RepositoryRecord::href,
        )
        .await
    }

    /// Updates (PUT: `Mode::Full`) or partially updates (PATCH) a repository.
    pub async fn update(&self, id: &str, body: &Value, mode: Mode) -> Result<RepositoryRecord> {
        let old = self.get(id).await?;
        let mut b = Body::new(body, mode)?;
        let mut record = old.clone();
        self.apply(&mut b, &mut record).await;
        b.finish()?;
        record.updated = now();
        self.put(&record).await?;
        Ok(record)
    }

    /// Deletes a repository and its versions.
    pub async fn delete(&self, id: &str) -> Result<RepositoryRecord> {
        let record = self.get(id).await?;
        let versions = self.versions.all(&format!("{id}/"), Order::Asc).await?;
        self.table.remove(&record.id).await?;
        for v in &versions {
            self.versions.remove(&v.key).await?;
            self.content.delete_version(id, v.number).await?;
        }
        Ok(record)
    }

    /// A page of the versions of repository `id`, newest first.
    pub async fn versions(&self, id: &str, params: &ListParams) -> Result<Window<VersionRecord>> {
        self.get(id).await?;
        let (_, desc) = params.sort("-number");
        let order = if desc { Order::Desc } else { Order::Asc };
        let number = params.filter("number").and_then(|n| n.parse::<u64>().ok());
        listing::window(
            self.versions.scan(&format!("{id}/"), order),
            params,
            None,
            |v| number.is_none_or(|n| v.number == n),
        )
        .await
    }

    /// Version `number` of repository `id`.
    pub async fn version(&self, id: &str, number: u64) -> Result<VersionRecord> {
        self.get(id).await?;
        self.versions
            .get(&VersionRecord::key(id, number))
            .await?
            .ok_or(Error::NotFound {
                kind: "RepositoryVersion",
            })
    }
}
