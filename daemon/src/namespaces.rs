//! Container namespaces (Pulp's `ContainerNamespace`): the first path segment of pushed repository names
//! (`myorg` of `myorg/app`). A push into a free namespace creates it; roles on a namespace reach the push
//! repositories and distributions inside it (`auth::policy`).
//!
//! Invariant: names are unique (the store's unique `name` index decides, also between replicas), and a name is
//! one path component of the OCI repository name grammar. This module only stores namespaces; what deleting
//! one takes with it (its push repositories and their distributions) is the caller's cascade.

use crate::body::{Body, Mode, UNIQUE};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::names::RepositoryName;
use crate::store::{self, Record, Store, Table};
use pulp_shared::api::{self, Labels};
use pulp_shared::href;
use serde::{Deserialize, Serialize};

/// What a namespace stores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NamespaceRecord {
    pub id: String,
    pub name: String,
    pub created: String,
    pub updated: String,
    pub labels: Labels,
}

impl Record for NamespaceRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        (index == "name").then(|| self.name.clone())
    }
}

impl NamespaceRecord {
    pub fn href(&self) -> String {
        href::resource(href::NAMESPACES, &self.id)
    }

    /// The API representation (Pulp's `ContainerNamespaceResponse`).
    pub fn to_api(&self) -> api::Namespace {
        api::Namespace {
            pulp_href: self.href(),
            prn: format!("prn:container.containernamespace:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            name: self.name.clone(),
            pulp_labels: self.labels.clone(),
        }
    }
}

/// The namespace a pushed repository name belongs to: its first path segment (`myorg` of `myorg/app`).
pub fn namespace_of(name: &str) -> &str {
    name.split('/').next().unwrap_or(name)
}

/// Checks a namespace name: one component of an OCI repository name (no `/`).
pub fn check_name(name: &str) -> std::result::Result<(), String> {
    if name.contains('/') {
        return Err(format!(
            "{name:?} is not a namespace: a namespace is one path component, without '/'"
        ));
    }
    RepositoryName::parse(name)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The namespaces service.
#[derive(Clone)]
pub struct Namespaces {
    table: Table<NamespaceRecord>,
}

impl Namespaces {
    pub fn open(store: &Store) -> store::Result<Namespaces> {
        Ok(Namespaces {
            table: store.table("namespaces", &["name"])?,
        })
    }

    /// The namespace `name`, created when there is none (`true`: this call created it). When two requests (or
    /// replicas) race to create it, the name index lets one insert and the other returns that one's record.
    ///
    /// # Errors
    /// A field error on `name` when it is not a namespace name.
    pub async fn ensure(&self, name: &str) -> Result<(NamespaceRecord, bool)> {
        check_name(name).map_err(|msg| Error::field("name", msg))?;
        if let Some(existing) = self.by_name(name).await? {
            return Ok((existing, false));
        }
        let time = now();
        let record = NamespaceRecord {
            id: listing::new_id(),
            name: name.to_string(),
            created: time.clone(),
            updated: time,
            labels: Labels::new(),
        };
        match self.table.insert(&record).await {
            Ok(true) => Ok((record, true)),
            Ok(false) => Err(Error::Internal(anyhow::anyhow!(
                "new namespace id {} is taken",
                record.id
            ))),
            Err(store::Error::Conflict { .. }) => match self.by_name(name).await? {
                Some(winner) => Ok((winner, false)),
                None => Err(Error::Conflict(format!(
                    "namespace {name:?} was created and deleted meanwhile"
                ))),
            },
            Err(e) => Err(e.into()),
        }
    }

    /// Creates a namespace from an API body (`{"name", "pulp_labels"?}`), calling `before_insert` with the
    /// valid record before it is written (the API makes the creator its owner there).
    ///
    /// # Errors
    /// Field errors with Pulp's messages; a taken name is one on `name`.
    pub async fn create_with(
        &self,
        body: &serde_json::Value,
        before_insert: impl AsyncFnOnce(&NamespaceRecord) -> Result<()>,
    ) -> Result<NamespaceRecord> {
        let mut b = Body::new(body, Mode::Full)?;
        let time = now();
        let mut record = NamespaceRecord {
            id: listing::new_id(),
            name: String::new(),
            created: time.clone(),
            updated: time,
            labels: Labels::new(),
        };
        if let Some(name) = b.required_string("name") {
            match check_name(&name) {
                Ok(()) => record.name = name,
                Err(msg) => b.error("name", msg),
            }
        }
        if let Some(l) = b.labels("pulp_labels") {
            record.labels = l;
        }
        b.finish()?;
        if self.by_name(&record.name).await?.is_some() {
            return Err(Error::field("name", UNIQUE));
        }
        before_insert(&record).await?;
        match self.table.insert(&record).await {
            Ok(_) => Ok(record),
            Err(store::Error::Conflict { .. }) => Err(Error::field("name", UNIQUE)),
            Err(e) => Err(e.into()),
        }
    }

    /// The namespace named `name`.
    pub async fn by_name(&self, name: &str) -> Result<Option<NamespaceRecord>> {
        Ok(self.table.get_by("name", name).await?)
    }

    /// The namespace with `id`.
    pub async fn get(&self, id: &str) -> Result<NamespaceRecord> {
        self.table.get(id).await?.ok_or(Error::NotFound {
            kind: "ContainerNamespace",
        })
    }

    /// Resolves an href given in a request body to a namespace, or Pulp's message for the field.
    pub async fn resolve_href(&self, h: &str) -> std::result::Result<NamespaceRecord, String> {
        listing::resolve_href(&self.table, href::NAMESPACES, h).await
    }

    /// A page of namespaces (newest first; `ordering=name` by name; Pulp's name filters).
    pub async fn list(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
    ) -> Result<Window<NamespaceRecord>> {
        listing::named_page(
            &self.table,
            params,
            visible,
            |n| &n.name,
            NamespaceRecord::href,
        )
        .await
    }

    /// Deletes the namespace `id` with what is inside it (Pulp's cascade): the distributions pushes created in
    /// it and the push repositories named below it. The namespace goes last, so a delete that failed half-way
    /// can be repeated. Returns the hrefs of every object removed (their role assignments are to be forgotten).
    pub async fn delete_with_contents(
        &self,
        id: &str,
        repositories: &crate::content::Repositories,
        distributions: &crate::distributions::Distributions,
    ) -> Result<Vec<String>> {
        let record = self.get(id).await?;
        let mut gone = Vec::new();
        let gone_already = |r: Result<()>| match r {
            Err(Error::NotFound { .. }) => Ok(()),
            other => other,
        };
        for d in distributions.in_namespace(&record.href()).await? {
            gone_already(distributions.remove(&d.id).await)?;
            gone.push(d.href());
        }
        for r in repositories.push_in_namespace(&record.name).await? {
            gone_already(repositories.delete(&r.id).await.map(drop))?;
            distributions.detach_repository(&r.href()).await?;
            gone.push(r.href());
        }
        self.table.remove(&record.id).await?;
        gone.push(record.href());
        Ok(gone)
    }

    /// Deletes the namespace `id` (only the record; see the module doc).
    pub async fn delete(&self, id: &str) -> Result<NamespaceRecord> {
        let record = self.get(id).await?;
        self.table.remove(&record.id).await?;
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service() -> (tempfile::TempDir, Namespaces) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, Namespaces::open(&store).unwrap())
    }

    #[tokio::test]
    async fn ensure_creates_once_and_returns_the_existing_one() {
        let (_dir, namespaces) = service();
        let (first, created) = namespaces.ensure("myorg").await.unwrap();
        assert!(created);
        let (again, created) = namespaces.ensure("myorg").await.unwrap();
        assert!(!created);
        assert_eq!(again, first);
        assert_eq!(namespaces.get(&first.id).await.unwrap(), first);
        let api = first.to_api();
        assert_eq!(
            api.prn,
            format!("prn:container.containernamespace:{}", first.id)
        );
        assert_eq!(api.pulp_href, first.href());
    }

    #[tokio::test]
    async fn racing_creators_agree_on_one_namespace() {
        let (_dir, namespaces) = service();
        let racers: Vec<_> = (0..8)
            .map(|_| {
                let n = namespaces.clone();
                tokio::spawn(async move { n.ensure("team").await.unwrap() })
            })
            .collect();
        let mut ids = std::collections::BTreeSet::new();
        let mut created = 0;
        for r in racers {
            let (record, made) = r.await.unwrap();
            ids.insert(record.id);
            created += usize::from(made);
        }
        assert_eq!(ids.len(), 1);
        assert_eq!(created, 1);
    }

    #[tokio::test]
    async fn names_are_one_path_component_and_delete_forgets() {
        let (_dir, namespaces) = service();
        for bad in ["a/b", "UPPER", "", "-x"] {
            assert!(
                matches!(namespaces.ensure(bad).await, Err(Error::Invalid(ref f)) if f.contains_key("name")),
                "{bad:?} was accepted"
            );
        }
        let (ns, _) = namespaces.ensure("gone").await.unwrap();
        namespaces.delete(&ns.id).await.unwrap();
        assert!(namespaces.by_name("gone").await.unwrap().is_none());
        assert!(matches!(
            namespaces.get(&ns.id).await,
            Err(Error::NotFound { .. })
        ));
        let params = ListParams {
            limit: 10,
            ..ListParams::default()
        };
        namespaces.ensure("b").await.unwrap();
        let owned = std::sync::Mutex::new(None);
        let a = namespaces
            .create_with(&serde_json::json!({"name": "a"}), async |r| {
                *owned.lock().unwrap() = Some(r.href());
                Ok(())
            })
            .await
            .unwrap();
        assert_eq!(owned.into_inner().unwrap(), Some(a.href()));
        assert!(matches!(
            namespaces.create_with(&serde_json::json!({"name": "a"}), async |_| Ok(())).await,
            Err(Error::Invalid(ref f)) if f.contains_key("name")
        ));
        let page = namespaces
            .list(&params, &listing::Visible::All)
            .await
            .unwrap();
        assert_eq!(page.count, 2);
    }
}
