//! Container distributions: a base path that serves a repository (its latest version) or one pinned repository
//! version, at `registry_path` = registry host + "/" + base path.
//!
//! Create, update and delete are asynchronous in Pulp: the HTTP layer validates the body here at once (400
//! before any task exists), then submits a task whose body calls [`Distributions::insert`],
//! [`Distributions::replace`] or [`Distributions::remove`]. Those re-check uniqueness under one write lock,
//! because another task may have taken the name or base path between validation and execution.
//!
//! Pull-through distributions (`/distributions/container/pull-through/`) live in the same table, marked by
//! [`DistributionKind::PullThrough`], so names and base paths are unique across both kinds in one place. The
//! container distributions pulpd creates when a name under a pull-through base path is first pulled carry the
//! pull-through distribution's id in `parent`.
//!
//! Distributions a push creates ([`Distributions::create_push`]) are container distributions named and based at
//! the pushed name, serving its push repository, with `namespace` set to the namespace's href.
//!
//! Invariants: names are unique; base paths are unique and none is a path prefix of another (`a` and `a/b`
//! conflict), checked and written under `write` so two racing tasks cannot both pass the check. The one
//! exception: distributions with a `parent` may sit below their parent's base path (and below each other); a
//! user cannot create one there, since user-created records never have a parent.

use crate::body::{Mode, Problems, UNIQUE};
use crate::content::Repositories;
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::names::RepositoryName;
use crate::store::{self, Order, Record, Store, Table};
use pulp_shared::api::{self, DistributionWrite, Labels, PullThroughDistributionWrite};
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Which API a distribution belongs to.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DistributionKind {
    /// `/distributions/container/container/`: serves a repository or a version.
    #[default]
    Container,
    /// `/distributions/container/pull-through/`: caches an upstream registry below its base path.
    PullThrough,
}

impl DistributionKind {
    /// The partition of the distributions table holding this kind (see `store::Record::partition`).
    pub fn partition(self) -> &'static str {
        match self {
            DistributionKind::Container => "container",
            DistributionKind::PullThrough => "pull_through",
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
}

/// The partition indexes of the distributions table: each kind in creation order and in name order.
const BY_KIND_ID: &str = "kind_id";
const BY_KIND_NAME: &str = "kind_name";

/// What a distribution stores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DistributionRecord {
    pub id: String,
    pub name: String,
    pub base_path: String,
    pub created: String,
    pub updated: String,
    /// Href of the served repository (its latest version).
    pub repository: Option<String>,
    /// Href of the pinned repository version.
    pub repository_version: Option<String>,
    pub content_guard: Option<String>,
    pub private: bool,
    pub description: Option<String>,
    pub hidden: bool,
    pub labels: Labels,
    /// Container or pull-through (records written before pull-through existed are container ones).
    #[serde(default)]
    pub kind: DistributionKind,
    /// Pull-through distributions: the href of their pull-through remote.
    #[serde(default)]
    pub remote: Option<String>,
    /// Distributions pulpd created below a pull-through base path: the pull-through distribution's id.
    #[serde(default)]
    pub parent: Option<String>,
    /// Distributions a push created: the href of their namespace.
    #[serde(default)]
    pub namespace: Option<String>,
}

impl Record for DistributionRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        match index {
            "name" => Some(self.name.clone()),
            "base_path" => Some(self.base_path.clone()),
            BY_KIND_ID => Some(store::partition_value(self.kind.partition(), &self.id)),
            BY_KIND_NAME => Some(store::partition_value(self.kind.partition(), &self.name)),
            _ => None,
        }
    }
    fn partition(&self) -> Option<&str> {
        Some(self.kind.partition())
    }
}

/// The collection of pull-through distributions.
pub const PULL_THROUGH_HREF: &str = href::PULL_THROUGH_DISTRIBUTIONS;

impl DistributionRecord {
    /// The href, under the collection of its kind.
    pub fn href(&self) -> String {
        match self.kind {
            DistributionKind::Container => href::resource(href::DISTRIBUTIONS, &self.id),
            DistributionKind::PullThrough => href::resource(PULL_THROUGH_HREF, &self.id),
        }
    }

    /// The API representation; `registry_host` is the host:port clients pull from.
    pub fn to_api(&self, registry_host: &str) -> api::Distribution {
        api::Distribution {
            pulp_href: self.href(),
            prn: format!("prn:container.containerdistribution:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            name: self.name.clone(),
            base_path: self.base_path.clone(),
            repository: self.repository.clone(),
            repository_version: self.repository_version.clone(),
            registry_path: format!("{registry_host}/{}", self.base_path),
            content_guard: self.content_guard.clone(),
            private: self.private,
            description: self.description.clone(),
            hidden: self.hidden,
            pulp_labels: self.labels.clone(),
            remote: None,
            namespace: self.namespace.clone(),
        }
    }
}

/// The distributions service.
#[derive(Clone)]
pub struct Distributions {
    table: Table<DistributionRecord>,
    repositories: Repositories,
    /// Serialises the check-and-write of names and base paths (see the module invariants).
    write: Arc<tokio::sync::Mutex<()>>,
}

/// Checks a base path: a canonical relative path (pulpcore's rule and message) that is also a repository name
/// of the OCI distribution spec (grammar and 255 characters, [`RepositoryName`]), since clients pull it as one.
pub fn check_base_path(path: &str) -> std::result::Result<(), String> {
    let canonical = !path.starts_with('/')
        && !path.ends_with('/')
        && !path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    if !canonical {
        return Err(format!("Relative path is not in canonical form. {path}"));
    }
    RepositoryName::parse(path)
        .map(drop)
        .map_err(|e| e.to_string())
}

impl Distributions {
    /// The generation of the distributions table (see [`crate::store::Table::stamp`]).
    pub fn stamp(&self) -> Option<u64> {
        self.table.stamp()
    }

    pub fn open(store: &Store, repositories: Repositories) -> store::Result<Distributions> {
        // Read by every registry request (name → distribution), written rarely.
        store.cache_reads("distributions");
        Ok(Distributions {
            table: store.table(
                "distributions",
                &["name", "base_path", BY_KIND_ID, BY_KIND_NAME],
            )?,
            repositories,
            write: Arc::default(),
        })
    }

    /// Validates a create body; the returned record is what the create task will insert.
    pub async fn validate_create(&self, body: &DistributionWrite) -> Result<DistributionRecord> {
        let mut record = new_record(DistributionKind::Container);
        self.validate(body, Mode::Full, &mut record, None, None)
            .await?;
        Ok(record)
    }

    /// Validates the create body of a pull-through distribution.
    pub async fn validate_create_pull_through(
        &self,
        body: &PullThroughDistributionWrite,
        remote: &RemoteResolver<'_>,
    ) -> Result<DistributionRecord> {
        let mut record = new_record(DistributionKind::PullThrough);
        let common = body.common();
        self.validate(
            &common,
            Mode::Full,
            &mut record,
            None,
            Some((&body.remote, remote)),
        )
        .await?;
        Ok(record)
    }

    /// Validates an update body against the pull-through distribution `id`; returns the old and the new record.
    pub async fn validate_update_pull_through(
        &self,
        id: &str,
        body: &PullThroughDistributionWrite,
        mode: Mode,
        remote: &RemoteResolver<'_>,
    ) -> Result<(DistributionRecord, DistributionRecord)> {
        let old = self.get_pull_through(id).await?;
        let mut record = old.clone();
        let common = body.common();
        self.validate(
            &common,
            mode,
            &mut record,
            Some(&old),
            Some((&body.remote, remote)),
        )
        .await?;
        record.updated = now();
        Ok((old, record))
    }

    /// Validates an update body against the distribution `id`; returns the old and the new record.
    pub async fn validate_update(
        &self,
        id: &str,
        body: &DistributionWrite,
        mode: Mode,
    ) -> Result<(DistributionRecord, DistributionRecord)> {
        let old = self.get(id).await?;
        let mut record = old.clone();
        self.validate(body, mode, &mut record, Some(&old), None)
            .await?;
        record.updated = now();
        Ok((old, record))
    }

    /// Applies the fields `w` gives to `r` (`remote`: a pull-through distribution's `remote` field and how to
    /// resolve it) and checks the result against the other distributions.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming every bad field.
    async fn validate(
        &self,
        w: &DistributionWrite,
        mode: Mode,
        r: &mut DistributionRecord,
        old: Option<&DistributionRecord>,
        remote: Option<(&Option<String>, &RemoteResolver<'_>)>,
    ) -> Result<()> {
        let mut p = Problems::default();
        if let Some((given, resolve)) = remote.filter(|_| r.kind == DistributionKind::PullThrough) {
            if let Some(h) = p.required(mode, "remote", given) {
                if let Some(h) = p.non_blank("remote", h) {
                    match resolve(h.to_string()).await {
                        Ok(href) => r.remote = Some(href),
                        Err(msg) => p.add("remote", msg),
                    }
                }
            }
        }
        if let Some(name) = p.required(mode, "name", &w.name) {
            if let Some(name) = p.name("name", name) {
                r.name = name;
            }
        }
        if let Some(path) = p.required(mode, "base_path", &w.base_path) {
            if let Some(path) = p.non_blank("base_path", path) {
                match check_base_path(path) {
                    Ok(()) => r.base_path = path.to_string(),
                    Err(msg) => p.add("base_path", msg),
                }
            }
        }
        let serves_repository = r.kind == DistributionKind::Container;
        if let Some(repo) = w.repository.as_ref().filter(|_| serves_repository) {
            r.repository = match p.optional_string("repository", repo).flatten() {
                Some(h) => match self.repositories.resolve_href(&h).await {
                    Ok(rec) => Some(rec.href()),
                    Err(msg) => {
                        p.add("repository", msg);
                        None
                    }
                },
                None => None,
            };
            if w.repository_version.is_none() && r.repository.is_some() {
                r.repository_version = None;
            }
        }
        if let Some(version) = w.repository_version.as_ref().filter(|_| serves_repository) {
            r.repository_version = match p.optional_string("repository_version", version).flatten()
            {
                Some(h) => match self.repositories.resolve_version_href(&h).await {
                    Ok(v) => Some(v.href()),
                    Err(msg) => {
                        p.add("repository_version", msg);
                        None
                    }
                },
                None => None,
            };
            if w.repository.is_none() && r.repository_version.is_some() {
                r.repository = None;
            }
        }
        if let Some(g) = &w.content_guard {
            if let Some(g) = p.optional_string("content_guard", g) {
                r.content_guard = g;
            }
        }
        if let Some(private) = w.private {
            r.private = private;
        }
        if let Some(hidden) = w.hidden {
            r.hidden = hidden;
        }
        if let Some(d) = &w.description {
            if let Some(d) = p.optional_string("description", d) {
                r.description = d;
            }
        }
        if let Some(l) = &w.pulp_labels {
            if let Some(l) = p.labels("pulp_labels", l) {
                r.labels = l;
            }
        }
        if r.repository.is_some() && r.repository_version.is_some() {
            p.add(
                "non_field_errors",
                "Only one of the attributes 'repository' and 'repository_version' may be used simultaneously.",
            );
        }
        if !p.has("name") && !r.name.is_empty() {
            if let Some(holder) = self.table.id_by("name", &r.name).await? {
                if holder != r.id {
                    p.add("name", UNIQUE);
                }
            }
        }
        if !p.has("base_path") && !r.base_path.is_empty() {
            let moved = old.is_none_or(|o| o.base_path != r.base_path);
            if moved {
                if let Err(conflict) = self.base_path_free(r).await? {
                    p.add("base_path", conflict.message());
                } else if old.is_some() && !self.children(&r.id).await?.is_empty() {
                    p.add(
                        "base_path",
                        "A pull-through distribution that has cached repositories cannot move; delete it and create it again.",
                    );
                }
            }
        }
        p.finish()
    }

    /// Whether `record` may use its base path: no other distribution has it, a prefix of it, or a path below
    /// it, except where [`may_nest`] allows (distributions created below a pull-through base path).
    async fn base_path_free(
        &self,
        record: &DistributionRecord,
    ) -> Result<std::result::Result<(), PathConflict>> {
        let (path, id) = (record.base_path.as_str(), record.id.as_str());
        if let Some(holder) = self.table.id_by("base_path", path).await? {
            if holder != id {
                return Ok(Err(PathConflict::Same));
            }
        }
        let mut prefix = String::new();
        for (i, segment) in path.split('/').enumerate() {
            if i > 0 {
                prefix.push('/');
            }
            prefix.push_str(segment);
            if prefix.len() == path.len() {
                break;
            }
            if let Some(holder) = self.table.get_by("base_path", &prefix).await? {
                if holder.id != id && !may_nest(record, &holder) {
                    return Ok(Err(PathConflict::Overlap));
                }
            }
        }
        let below = self
            .table
            .index_values_with_prefix("base_path", &format!("{path}/"))
            .await?;
        for p in below {
            if let Some(holder) = self.table.get_by("base_path", &p).await? {
                if holder.id != id && !may_nest(&holder, record) {
                    return Ok(Err(PathConflict::Overlap));
                }
            }
        }
        Ok(Ok(()))
    }

    /// Inserts a validated distribution (the create task). Fails when the name or base path was taken since.
    pub async fn insert(&self, record: &DistributionRecord) -> Result<()> {
        let _guard = self.write.lock().await;
        self.recheck(record).await?;
        self.table.put(record).await.map_err(conflict_error)
    }

    /// Replaces a distribution (the update task).
    pub async fn replace(
        &self,
        old: &DistributionRecord,
        record: &DistributionRecord,
    ) -> Result<()> {
        let _guard = self.write.lock().await;
        self.get_any(&old.id).await?;
        self.recheck(record).await?;
        self.table.put(record).await.map_err(conflict_error)
    }

    async fn recheck(&self, record: &DistributionRecord) -> Result<()> {
        if let Some(holder) = self.table.id_by("name", &record.name).await? {
            if holder != record.id {
                return Err(Error::Conflict(format!(
                    "name: a distribution named {:?} already exists",
                    record.name
                )));
            }
        }
        if let Err(c) = self.base_path_free(record).await? {
            return Err(Error::Conflict(format!(
                "base_path: {} ({:?} was taken by another distribution after this task was queued)",
                c.message(),
                record.base_path
            )));
        }
        if let Some(repo) = &record.repository {
            self.repositories
                .resolve_href(repo)
                .await
                .map_err(|m| Error::Conflict(format!("repository: {m}")))?;
        }
        Ok(())
    }

    /// The distribution a push to `base_path` creates: named and based at `base_path`, serving `repository`
    /// (a push repository; its latest version) in `namespace`. Made at once, without a task (the push waits
    /// for it). When another push (or replica) created it first and it serves the same repository, returns
    /// that one.
    ///
    /// # Errors
    /// A field error on `base_path` when the path is invalid or taken (by another distribution, a prefix or a
    /// path below it), on `name` when another distribution has that name.
    pub async fn create_push(
        &self,
        base_path: &str,
        repository: &crate::content::RepositoryRecord,
        namespace: &crate::namespaces::NamespaceRecord,
    ) -> Result<DistributionRecord> {
        check_base_path(base_path).map_err(|msg| Error::field("base_path", msg))?;
        let mut record = new_record(DistributionKind::Container);
        record.name = base_path.to_string();
        record.base_path = base_path.to_string();
        record.repository = Some(repository.href());
        record.namespace = Some(namespace.href());
        let same = |d: &DistributionRecord| {
            d.kind == DistributionKind::Container
                && d.repository.as_deref() == record.repository.as_deref()
        };
        let _guard = self.write.lock().await;
        if let Some(existing) = self.by_base_path(base_path).await? {
            if same(&existing) {
                return Ok(existing);
            }
        }
        if self.table.id_by("name", base_path).await?.is_some() {
            return Err(Error::field("name", UNIQUE));
        }
        if let Err(c) = self.base_path_free(&record).await? {
            return Err(Error::field("base_path", c.message()));
        }
        match self.table.insert(&record).await {
            Ok(_) => Ok(record),
            // Another replica wrote the same name or base path between the checks and the insert.
            Err(store::Error::Conflict { .. }) => match self.by_base_path(base_path).await? {
                Some(winner) if same(&winner) => Ok(winner),
                _ => Err(Error::field("base_path", PathConflict::Same.message())),
            },
            Err(e) => Err(e.into()),
        }
    }

    /// The distributions in namespace `namespace_href` (those pushes created there).
    pub async fn in_namespace(&self, namespace_href: &str) -> Result<Vec<DistributionRecord>> {
        Ok(self
            .table
            .all("", Order::Asc)
            .await?
            .into_iter()
            .filter(|d| d.namespace.as_deref() == Some(namespace_href))
            .collect())
    }

    /// Deletes a distribution (the delete task); deleting a pull-through distribution also deletes the
    /// distributions it created (their repositories stay).
    pub async fn remove(&self, id: &str) -> Result<()> {
        let _guard = self.write.lock().await;
        let record = self.get_any(id).await?;
        if record.kind == DistributionKind::PullThrough {
            for child in self.children(id).await? {
                self.table.remove(&child.id).await?;
            }
        }
        self.table.remove(&record.id).await?;
        Ok(())
    }

    /// Clears the repository (or pinned version) of every distribution serving repository `repo_href`, as Pulp
    /// does when a repository is deleted.
    pub async fn detach_repository(&self, repo_href: &str) -> Result<()> {
        let _guard = self.write.lock().await;
        let serves = |d: &DistributionRecord| {
            d.repository.as_deref() == Some(repo_href)
                || d.repository_version
                    .as_deref()
                    .is_some_and(|v| v.starts_with(repo_href))
        };
        let affected: Vec<DistributionRecord> = self
            .table
            .all("", Order::Asc)
            .await?
            .into_iter()
            .filter(|d| serves(d))
            .collect();
        for old in affected {
            self.table
                .update(&old.id, |current| {
                    let mut d = current.filter(|d| serves(d))?;
                    d.repository = None;
                    d.repository_version = None;
                    d.updated = now();
                    Some(store::Write::Put(d))
                })
                .await?;
        }
        Ok(())
    }

    /// Whether a distribution serves the pinned repository version `version_href` (which then may not be
    /// deleted). A walk of the table: version deletes are rare.
    pub async fn serves_version(&self, version_href: &str) -> Result<bool> {
        let mut scan = self.table.scan("", Order::Asc);
        while let Some(d) = scan.next().await? {
            if d.repository_version.as_deref() == Some(version_href) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The container distribution with `id`.
    pub async fn get(&self, id: &str) -> Result<DistributionRecord> {
        self.table
            .get(id)
            .await?
            .filter(|d| d.kind == DistributionKind::Container)
            .ok_or(Error::NotFound {
                kind: "ContainerDistribution",
            })
    }

    /// The pull-through distribution with `id`.
    pub async fn get_pull_through(&self, id: &str) -> Result<DistributionRecord> {
        self.table
            .get(id)
            .await?
            .filter(|d| d.kind == DistributionKind::PullThrough)
            .ok_or(Error::NotFound {
                kind: "ContainerPullThroughDistribution",
            })
    }

    /// The distribution with `id`, of either kind.
    async fn get_any(&self, id: &str) -> Result<DistributionRecord> {
        self.table.get(id).await?.ok_or(Error::NotFound {
            kind: "ContainerDistribution",
        })
    }

    /// The distributions pulpd created below the pull-through distribution `parent_id`.
    pub async fn children(&self, parent_id: &str) -> Result<Vec<DistributionRecord>> {
        Ok(self
            .table
            .all("", Order::Asc)
            .await?
            .into_iter()
            .filter(|d| d.parent.as_deref() == Some(parent_id))
            .collect())
    }

    /// The pull-through distributions whose remote is `remote_href`.
    pub async fn pull_through_of_remote(
        &self,
        remote_href: &str,
    ) -> Result<Vec<DistributionRecord>> {
        Ok(self
            .table
            .all("", Order::Asc)
            .await?
            .into_iter()
            .filter(|d| {
                d.kind == DistributionKind::PullThrough && d.remote.as_deref() == Some(remote_href)
            })
            .collect())
    }

    /// The pull-through distribution with the longest base path that is a proper path prefix of `name`, and the
    /// rest of `name` below it (the upstream repository path).
    pub async fn pull_through_for(
        &self,
        name: &str,
    ) -> Result<Option<(DistributionRecord, String)>> {
        let mut end = name.len();
        while let Some(slash) = name[..end].rfind('/') {
            end = slash;
            if let Some(d) = self.table.get_by("base_path", &name[..end]).await? {
                if d.kind == DistributionKind::PullThrough {
                    return Ok(Some((d, name[end + 1..].to_string())));
                }
            }
        }
        Ok(None)
    }

    /// A page of pull-through distributions, filtered by name and `base_path`.
    pub async fn list_pull_through(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
    ) -> Result<Window<DistributionRecord>> {
        self.list_kind(params, visible, DistributionKind::PullThrough)
            .await
    }

    /// The distribution at exactly `base_path`.
    pub async fn by_base_path(&self, base_path: &str) -> Result<Option<DistributionRecord>> {
        Ok(self.table.get_by("base_path", base_path).await?)
    }

    /// Container distributions whose base path sorts after `last`, in base path order, at most `limit` (a seek
    /// in the base path index).
    pub async fn after_base_path(
        &self,
        last: Option<&str>,
        limit: usize,
    ) -> Result<Vec<DistributionRecord>> {
        let mut scan = self.table.scan_index("base_path", Order::Asc);
        if let Some(last) = last {
            scan = scan.after(last);
        }
        let mut out = Vec::new();
        while out.len() < limit {
            match scan.next().await? {
                Some(d) if d.kind == DistributionKind::Container => out.push(d),
                Some(_) => {}
                None => break,
            }
        }
        Ok(out)
    }

    /// A page of container distributions, filtered by name, `base_path`, `base_path__contains`, `repository`.
    pub async fn list(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
    ) -> Result<Window<DistributionRecord>> {
        self.list_kind(params, visible, DistributionKind::Container)
            .await
    }

    /// A page of distributions of `kind`: those `visible` names and every one that is not private (its content
    /// is public, so is its existence).
    async fn list_kind(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
        kind: DistributionKind,
    ) -> Result<Window<DistributionRecord>> {
        let keep = |d: &DistributionRecord| {
            d.kind == kind
                && (!d.private || visible.contains(&d.href()))
                && params.labels_match(&d.labels)
                && params.filter("base_path").is_none_or(|p| d.base_path == p)
                && params
                    .filter("base_path__contains")
                    .is_none_or(|p| d.base_path.contains(p))
                && params
                    .filter("base_path__icontains")
                    .is_none_or(|p| d.base_path.contains(&p.to_lowercase()))
                && params
                    .filter("repository")
                    .is_none_or(|r| d.repository.as_deref() == Some(r))
        };
        if let Some(base_path) = params.filter("base_path") {
            // Unique: the index finds the one it can be.
            let found = self.table.get_by("base_path", base_path).await?;
            return listing::window(listing::FromIter(found.into_iter()), params, None, |d| {
                keep(d) && params.name_matches(&d.name)
            })
            .await;
        }
        let (field, desc) = params.sort("-pulp_created");
        if field == "base_path" {
            // Not by kind: walks the index and keeps this kind.
            let order = if desc { Order::Desc } else { Order::Asc };
            return listing::window(
                self.table.scan_index("base_path", order),
                params,
                None,
                |d| keep(d) && params.name_matches(&d.name),
            )
            .await;
        }
        listing::named_page_in(
            &self.table,
            kind.layout(),
            params,
            |d| &d.name,
            !visible.is_all(),
            keep,
        )
        .await
    }

    /// Makes the indexes of the distributions table match its records (after an upgrade that added one).
    ///
    /// # Errors
    /// The store's.
    pub async fn build_indexes(&self, store: &Store) -> Result<()> {
        Ok(self.table.build_indexes(store).await?)
    }
}

/// A new, empty record of `kind` (fields are filled by validation).
fn new_record(kind: DistributionKind) -> DistributionRecord {
    let time = now();
    DistributionRecord {
        id: listing::new_id(),
        name: String::new(),
        base_path: String::new(),
        created: time.clone(),
        updated: time,
        repository: None,
        repository_version: None,
        content_guard: None,
        private: false,
        description: None,
        hidden: false,
        labels: Labels::new(),
        kind,
        remote: None,
        parent: None,
        namespace: None,
    }
}

/// Resolves the `remote` field of a pull-through distribution body to the remote's canonical href, or Pulp's
/// message for the field.
pub type RemoteResolver<'a> =
    dyn Fn(String) -> store::BoxFuture<'a, std::result::Result<String, String>> + Send + Sync + 'a;

/// Whether `inner` may have a base path below `outer`'s: only a distribution pulpd created below a pull-through
/// distribution, under that distribution or beside another one it created.
fn may_nest(inner: &DistributionRecord, outer: &DistributionRecord) -> bool {
    inner
        .parent
        .as_ref()
        .is_some_and(|p| *p == outer.id || outer.parent.as_ref() == Some(p))
}

/// Why a base path cannot be used.
enum PathConflict {
    Same,
    Overlap,
}

impl PathConflict {
    fn message(&self) -> &'static str {
        match self {
            PathConflict::Same => UNIQUE,
            PathConflict::Overlap => "Overlaps with an existing distribution.",
        }
    }
}

fn conflict_error(e: store::Error) -> Error {
    match e {
        store::Error::Conflict { index, value } => Error::Conflict(format!(
            "{index}: {value:?} was taken by another distribution after this task was queued"
        )),
        e => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn service() -> (tempfile::TempDir, Distributions) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let remotes = crate::remotes::Remotes::open(&store).unwrap();
        let repositories = Repositories::open(&store, remotes).unwrap();
        (dir, Distributions::open(&store, repositories).unwrap())
    }

    fn record(base_path: &str, kind: DistributionKind, parent: Option<&str>) -> DistributionRecord {
        let mut r = new_record(kind);
        r.name = base_path.to_string();
        r.base_path = base_path.to_string();
        r.parent = parent.map(str::to_string);
        r
    }

    #[tokio::test]
    async fn a_push_distribution_serves_its_repository_in_its_namespace() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let remotes = crate::remotes::Remotes::open(&store).unwrap();
        let repositories = Repositories::open(&store, remotes).unwrap();
        let d = Distributions::open(&store, repositories.clone()).unwrap();
        let namespaces = crate::namespaces::Namespaces::open(&store).unwrap();
        let (ns, _) = namespaces.ensure("myorg").await.unwrap();
        let repo = repositories.create_push("myorg/app").await.unwrap();

        let racers: Vec<_> = (0..4)
            .map(|_| {
                let (d, repo, ns) = (d.clone(), repo.clone(), ns.clone());
                tokio::spawn(async move { d.create_push("myorg/app", &repo, &ns).await.unwrap() })
            })
            .collect();
        let mut ids = std::collections::BTreeSet::new();
        for r in racers {
            ids.insert(r.await.unwrap().id);
        }
        assert_eq!(ids.len(), 1);
        let dist = d.by_base_path("myorg/app").await.unwrap().unwrap();
        assert_eq!(dist.name, "myorg/app");
        assert_eq!(dist.repository.as_deref(), Some(repo.href().as_str()));
        let api = dist.to_api("localhost:24817");
        assert_eq!(api.namespace, Some(ns.href()));
        assert_eq!(api.registry_path, "localhost:24817/myorg/app");
        assert_eq!(d.in_namespace(&ns.href()).await.unwrap().len(), 1);

        // Another repository cannot take the path, nor a path below or above it.
        let other = repositories.create_push("myorg/other").await.unwrap();
        for path in ["myorg/app", "myorg/app/sub", "myorg"] {
            assert!(
                matches!(
                    d.create_push(path, &other, &ns).await,
                    Err(Error::Invalid(_))
                ),
                "{path} was given to another repository"
            );
        }
        // A user's container distribution keeps pushes off its path.
        d.insert(&record("taken/app", DistributionKind::Container, None))
            .await
            .unwrap();
        assert!(d.create_push("taken/app", &other, &ns).await.is_err());
        assert!(d.create_push("Bad Path", &other, &ns).await.is_err());
    }

    #[tokio::test]
    async fn only_children_of_a_pull_through_distribution_nest_below_it() {
        let (_dir, d) = service();
        let cache = record("cache", DistributionKind::PullThrough, None);
        d.insert(&cache).await.unwrap();
        let child = record(
            "cache/library/hello",
            DistributionKind::Container,
            Some(&cache.id),
        );
        d.insert(&child).await.unwrap();
        let nested = record(
            "cache/library/hello/sub",
            DistributionKind::Container,
            Some(&cache.id),
        );
        d.insert(&nested).await.unwrap();
        for (path, kind) in [
            ("cache/library/other", DistributionKind::Container),
            ("cache/deeper", DistributionKind::PullThrough),
            ("cache", DistributionKind::Container),
        ] {
            let err = d.insert(&record(path, kind, None)).await.unwrap_err();
            assert!(matches!(err, Error::Conflict(_)), "{path}: {err:?}");
        }
        let err = d
            .validate_create(
                &crate::body::decode(&json!({"name": "x", "base_path": "cache/x"})).unwrap(),
            )
            .await
            .unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("{err:?}")
        };
        assert_eq!(
            fields["base_path"],
            ["Overlaps with an existing distribution."]
        );

        let (found, rest) = d
            .pull_through_for("cache/library/new/app")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (found.id.as_str(), rest.as_str()),
            (cache.id.as_str(), "library/new/app")
        );
        assert!(d.pull_through_for("cache").await.unwrap().is_none());
        assert!(d.pull_through_for("other/app").await.unwrap().is_none());

        // Each kind is listed, fetched and addressed on its own.
        let all = ListParams {
            limit: 100,
            ..ListParams::default()
        };
        assert_eq!(d.list(&all, &listing::Visible::All).await.unwrap().count, 2);
        assert_eq!(
            d.list_pull_through(&all, &listing::Visible::All)
                .await
                .unwrap()
                .count,
            1
        );
        assert!(d.get(&cache.id).await.is_err());
        assert!(d.get_pull_through(&child.id).await.is_err());
        assert!(cache.href().starts_with(PULL_THROUGH_HREF));

        // Deleting the pull-through distribution deletes what it created.
        d.remove(&cache.id).await.unwrap();
        assert_eq!(d.list(&all, &listing::Visible::All).await.unwrap().count, 0);
    }

    #[test]
    fn base_path_rules() {
        assert!(check_base_path("hello").is_ok());
        assert!(check_base_path("org/team/app").is_ok());
        assert!(check_base_path("a.b_c-d/e__f").is_ok());
        assert!(check_base_path("/leading-slash")
            .unwrap_err()
            .contains("canonical"));
        assert!(check_base_path("a//b").unwrap_err().contains("canonical"));
        assert!(check_base_path("a/../b").unwrap_err().contains("canonical"));
        assert!(check_base_path("UPPER/Case")
            .unwrap_err()
            .contains("forbidden"));
        assert!(check_base_path("-dash").unwrap_err().contains("forbidden"));
        assert!(check_base_path("a._b").unwrap_err().contains("forbidden"));
        assert!(check_base_path("a/manifests/b").is_ok());
        let long = format!("{}/b", "a".repeat(254));
        assert_eq!(
            check_base_path(&long).unwrap_err(),
            "Ensure this field has no more than 255 characters."
        );
    }
}

#[cfg(test)]
mod listing_tests {
    //! Pages of the distributions list against the same page cut from every record in memory.
    use super::*;
    use crate::listing::Visible;

    fn params(pairs: &[(&str, &str)], offset: usize, limit: usize) -> ListParams {
        let query = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ListParams {
            offset,
            limit,
            ..ListParams::parse(&query).unwrap()
        }
    }

    /// 60 container and 15 pull-through distributions, names not in creation order.
    async fn fill(d: &Distributions) -> Vec<DistributionRecord> {
        let mut all = Vec::new();
        for i in 0..75 {
            let kind = if i % 5 == 2 {
                DistributionKind::PullThrough
            } else {
                DistributionKind::Container
            };
            let mut r = new_record(kind);
            r.name = format!("n{:02}", (i * 37) % 75);
            r.base_path = format!("p{i:02}");
            d.insert(&r).await.unwrap();
            all.push(r);
        }
        all
    }

    /// The page `p` of `kind` as cut from `all` in memory.
    fn expected(
        all: &[DistributionRecord],
        kind: DistributionKind,
        p: &ListParams,
    ) -> (u64, Vec<String>) {
        let mut v: Vec<&DistributionRecord> = all
            .iter()
            .filter(|r| r.kind == kind && p.name_matches(&r.name))
            .collect();
        let (field, desc) = p.sort("-pulp_created");
        v.sort_by(|a, b| {
            let o = if field == "name" {
                a.name.cmp(&b.name)
            } else {
                a.id.cmp(&b.id)
            };
            if desc {
                o.reverse()
            } else {
                o
            }
        });
        let ids = v
            .iter()
            .skip(p.offset)
            .take(p.limit)
            .map(|r| r.id.clone())
            .collect();
        (v.len() as u64, ids)
    }

    async fn check(d: &Distributions, all: &[DistributionRecord]) {
        let filters: &[&[(&str, &str)]] = &[
            &[],
            &[("name__startswith", "n1")],
            &[("name", "n37")],
            &[("name", "n02")],
            &[("name__in", "n05,n37,n02,n40,n05")],
            &[("name__contains", "3")],
        ];
        for f in filters {
            for ordering in [None, Some("name"), Some("-name"), Some("pulp_created")] {
                for (offset, limit) in [(0, 10), (7, 10), (55, 10), (59, 3), (60, 10), (1000, 5)] {
                    let mut pairs = f.to_vec();
                    if let Some(o) = ordering {
                        pairs.push(("ordering", o));
                    }
                    let p = params(&pairs, offset, limit);
                    for kind in [DistributionKind::Container, DistributionKind::PullThrough] {
                        let got = d.list_kind(&p, &Visible::All, kind).await.unwrap();
                        let ids: Vec<String> = got.items.into_iter().map(|r| r.id).collect();
                        assert_eq!(
                            (got.count, ids),
                            expected(all, kind, &p),
                            "{kind:?} {pairs:?} offset={offset} limit={limit}"
                        );
                    }
                }
            }
        }
    }

    #[tokio::test]
    async fn pages_hold_the_right_records_in_order_and_counts_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let open = || {
            let store = Store::open(&dir.path().join("db")).unwrap();
            let remotes = crate::remotes::Remotes::open(&store).unwrap();
            let repositories = Repositories::open(&store, remotes).unwrap();
            (
                store.clone(),
                Distributions::open(&store, repositories).unwrap(),
            )
        };
        let (store, d) = open();
        let mut all = fill(&d).await;
        check(&d, &all).await;
        // Deletes and a rename move the counts and the name order.
        for i in [0, 2, 74] {
            d.remove(&all[i].id).await.unwrap();
        }
        let mut renamed = all[10].clone();
        renamed.name = "a-first".into();
        d.table.put(&renamed).await.unwrap();
        all[10] = renamed;
        all = all
            .into_iter()
            .enumerate()
            .filter(|(i, _)| ![0, 2, 74].contains(i))
            .map(|(_, r)| r)
            .collect();
        check(&d, &all).await;
        store.flush().await.unwrap();
        drop((store, d));
        let (_store, d) = open();
        check(&d, &all).await;
    }

    #[tokio::test]
    async fn records_written_before_the_partition_indexes_are_listed_after_building_them() {
        let dir = tempfile::tempdir().unwrap();
        let mut all = Vec::new();
        {
            // A store written by a pulpd that had only the name and base path indexes.
            let store = Store::open(&dir.path().join("db")).unwrap();
            let old: Table<DistributionRecord> = store
                .table("distributions", &["name", "base_path"])
                .unwrap();
            for i in 0..20 {
                let mut r = new_record(DistributionKind::Container);
                r.name = format!("old-{i:02}");
                r.base_path = format!("old/{i:02}");
                old.put(&r).await.unwrap();
                all.push(r);
            }
            store.flush().await.unwrap();
        }
        let store = Store::open(&dir.path().join("db")).unwrap();
        let remotes = crate::remotes::Remotes::open(&store).unwrap();
        let repositories = Repositories::open(&store, remotes).unwrap();
        let d = Distributions::open(&store, repositories).unwrap();
        d.build_indexes(&store).await.unwrap();
        d.build_indexes(&store).await.unwrap();
        check(&d, &all).await;
    }
}
