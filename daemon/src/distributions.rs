//! Container distributions: a base path that serves a repository (its latest version) or one pinned repository
//! version, at `registry_path` = registry host + "/" + base path.
//!
//! Create, update and delete are asynchronous in Pulp: the HTTP layer validates the body here at once (400
//! before any task exists), then submits a task whose body calls [`Distributions::insert`],
//! [`Distributions::replace`] or [`Distributions::remove`]. Those re-check uniqueness under one write lock,
//! because another task may have taken the name or base path between validation and execution.
//!
//! Invariants: names are unique; base paths are unique and none is a path prefix of another (`a` and `a/b`
//! conflict), checked and written under `write` so two racing tasks cannot both pass the check.

use crate::body::{Body, Mode, UNIQUE};
use crate::content::Repositories;
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::store::{self, Order, Record, Store, Table};
use pulp_shared::api::{self, Labels};
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::{Arc, Mutex};

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
}

impl Record for DistributionRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        match index {
            "name" => Some(self.name.clone()),
            "base_path" => Some(self.base_path.clone()),
            _ => None,
        }
    }
}

impl DistributionRecord {
    pub fn href(&self) -> String {
        href::resource(href::DISTRIBUTIONS, &self.id)
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
        }
    }
}

/// The distributions service.
#[derive(Clone)]
pub struct Distributions {
    table: Table<DistributionRecord>,
    repositories: Repositories,
    /// Serialises the check-and-write of names and base paths (see the module invariants).
    write: Arc<Mutex<()>>,
}

/// Checks a base path: canonical relative path, and characters a registry name allows (lowercase
/// alphanumerics separated by `.`, `_`, `__`, `-` and `/`, as in the OCI distribution spec's name grammar).
pub fn check_base_path(path: &str) -> std::result::Result<(), String> {
    let canonical = !path.starts_with('/')
        && !path.ends_with('/')
        && !path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    if !canonical {
        return Err(format!("Relative path is not in canonical form. {path}"));
    }
    let component_ok = |c: &str| {
        let b = c.as_bytes();
        let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
        !b.is_empty()
            && alnum(b[0])
            && alnum(b[b.len() - 1])
            && b.iter()
                .all(|&x| alnum(x) || matches!(x, b'.' | b'_' | b'-'))
            && !c.contains("..")
            && !c.contains("___")
    };
    if path.len() > 255 || !path.split('/').all(component_ok) {
        return Err("The provided registry path contains forbidden characters.".into());
    }
    Ok(())
}

impl Distributions {
    pub fn open(store: &Store, repositories: Repositories) -> store::Result<Distributions> {
        Ok(Distributions {
            table: store.table("distributions", &["name", "base_path"])?,
            repositories,
            write: Arc::default(),
        })
    }

    /// Validates a create body; the returned record is what the create task will insert.
    pub fn validate_create(&self, body: &Value) -> Result<DistributionRecord> {
        let time = now();
        let mut record = DistributionRecord {
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
        };
        self.validate(body, Mode::Full, &mut record, None)?;
        Ok(record)
    }

    /// Validates an update body against the distribution `id`; returns the old and the new record.
    pub fn validate_update(
        &self,
        id: &str,
        body: &Value,
        mode: Mode,
    ) -> Result<(DistributionRecord, DistributionRecord)> {
        let old = self.get(id)?;
        let mut record = old.clone();
        self.validate(body, mode, &mut record, Some(&old))?;
        record.updated = now();
        Ok((old, record))
    }

    fn validate(
        &self,
        body: &Value,
        mode: Mode,
        r: &mut DistributionRecord,
        old: Option<&DistributionRecord>,
    ) -> Result<()> {
        let mut b = Body::new(body, mode)?;
        if let Some(name) = b.required_string("name") {
            r.name = name;
        }
        if let Some(path) = b.required_string("base_path") {
            match check_base_path(&path) {
                Ok(()) => r.base_path = path,
                Err(msg) => b.error("base_path", msg),
            }
        }
        if let Some(repo) = b.nullable_string("repository") {
            r.repository = match repo {
                Some(h) => match self.repositories.resolve_href(&h) {
                    Ok(rec) => Some(rec.href()),
                    Err(msg) => {
                        b.error("repository", msg);
                        None
                    }
                },
                None => None,
            };
            if b.has("repository") && !b.has("repository_version") && r.repository.is_some() {
                r.repository_version = None;
            }
        }
        if let Some(version) = b.nullable_string("repository_version") {
            r.repository_version = match version {
                Some(h) => match self.repositories.resolve_version_href(&h) {
                    Ok(v) => Some(v.href()),
                    Err(msg) => {
                        b.error("repository_version", msg);
                        None
                    }
                },
                None => None,
            };
            if !b.has("repository") && r.repository_version.is_some() {
                r.repository = None;
            }
        }
        if let Some(g) = b.nullable_string("content_guard") {
            r.content_guard = g;
        }
        if let Some(p) = b.bool("private") {
            r.private = p;
        }
        if let Some(h) = b.bool("hidden") {
            r.hidden = h;
        }
        if let Some(d) = b.nullable_string("description") {
            r.description = d;
        }
        if let Some(l) = b.labels("pulp_labels") {
            r.labels = l;
        }
        if r.repository.is_some() && r.repository_version.is_some() {
            b.error(
                "non_field_errors",
                "Only one of the attributes 'repository' and 'repository_version' may be used simultaneously.",
            );
        }
        if !b.has_error("name") && !r.name.is_empty() {
            if let Some(holder) = self.table.id_by("name", &r.name)? {
                if holder != r.id {
                    b.error("name", UNIQUE);
                }
            }
        }
        if !b.has_error("base_path") && !r.base_path.is_empty() {
            let moved = old.is_none_or(|o| o.base_path != r.base_path);
            if moved {
                if let Err(conflict) = self.base_path_free(&r.base_path, &r.id)? {
                    b.error("base_path", conflict.message());
                }
            }
        }
        b.finish()
    }

    /// Whether `path` may be used by distribution `id`: no other distribution has it, a prefix of it, or a path
    /// below it.
    fn base_path_free(
        &self,
        path: &str,
        id: &str,
    ) -> Result<std::result::Result<(), PathConflict>> {
        if let Some(holder) = self.table.id_by("base_path", path)? {
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
            if let Some(holder) = self.table.id_by("base_path", &prefix)? {
                if holder != id {
                    return Ok(Err(PathConflict::Overlap));
                }
            }
        }
        let below = self
            .table
            .index_keys_with_prefix("base_path", &format!("{path}/"))?;
        for p in below {
            if self.table.id_by("base_path", &p)?.as_deref() != Some(id) {
                return Ok(Err(PathConflict::Overlap));
            }
        }
        Ok(Ok(()))
    }

    /// Inserts a validated distribution (the create task). Fails when the name or base path was taken since.
    pub fn insert(&self, record: &DistributionRecord) -> Result<()> {
        let _guard = self
            .write
            .lock()
            .expect("distribution write lock is never poisoned");
        self.recheck(record)?;
        self.table.put(record, None).map_err(conflict_error)
    }

    /// Replaces a distribution (the update task).
    pub fn replace(&self, old: &DistributionRecord, record: &DistributionRecord) -> Result<()> {
        let _guard = self
            .write
            .lock()
            .expect("distribution write lock is never poisoned");
        let current = self.get(&old.id)?;
        self.recheck(record)?;
        self.table
            .put(record, Some(&current))
            .map_err(conflict_error)
    }

    fn recheck(&self, record: &DistributionRecord) -> Result<()> {
        if let Some(holder) = self.table.id_by("name", &record.name)? {
            if holder != record.id {
                return Err(Error::Conflict(format!(
                    "name: a distribution named {:?} already exists",
                    record.name
                )));
            }
        }
        if let Err(c) = self.base_path_free(&record.base_path, &record.id)? {
            return Err(Error::Conflict(format!(
                "base_path: {} ({:?} was taken by another distribution after this task was queued)",
                c.message(),
                record.base_path
            )));
        }
        if let Some(repo) = &record.repository {
            self.repositories
                .resolve_href(repo)
                .map_err(|m| Error::Conflict(format!("repository: {m}")))?;
        }
        Ok(())
    }

    /// Deletes a distribution (the delete task).
    pub fn remove(&self, id: &str) -> Result<()> {
        let _guard = self
            .write
            .lock()
            .expect("distribution write lock is never poisoned");
        let record = self.get(id)?;
        self.table.remove(&record)?;
        Ok(())
    }

    /// Clears the repository (or pinned version) of every distribution serving repository `repo_href`, as Pulp
    /// does when a repository is deleted.
    pub fn detach_repository(&self, repo_href: &str) -> Result<()> {
        let _guard = self
            .write
            .lock()
            .expect("distribution write lock is never poisoned");
        let affected: Vec<DistributionRecord> = self
            .table
            .scan_prefix("", Order::Asc)
            .filter(|d| {
                d.as_ref().map_or(true, |d| {
                    d.repository.as_deref() == Some(repo_href)
                        || d.repository_version
                            .as_deref()
                            .is_some_and(|v| v.starts_with(repo_href))
                })
            })
            .collect::<store::Result<_>>()?;
        for old in affected {
            let mut d = old.clone();
            d.repository = None;
            d.repository_version = None;
            d.updated = now();
            self.table.put(&d, Some(&old))?;
        }
        Ok(())
    }

    /// The distribution with `id`.
    pub fn get(&self, id: &str) -> Result<DistributionRecord> {
        self.table.get(id)?.ok_or(Error::NotFound {
            kind: "ContainerDistribution",
        })
    }

    /// The distribution at exactly `base_path`.
    pub fn by_base_path(&self, base_path: &str) -> Result<Option<DistributionRecord>> {
        Ok(self.table.get_by("base_path", base_path)?)
    }

    /// A page of distributions, filtered by name, `base_path`, `base_path__contains`, `repository`.
    pub fn list(&self, params: &ListParams) -> Result<Window<DistributionRecord>> {
        let total = (!params.has_filters()).then(|| self.table.len());
        let (field, desc) = params.sort("-pulp_created");
        let order = if desc { Order::Desc } else { Order::Asc };
        let keep = |d: &DistributionRecord| {
            params.name_matches(&d.name)
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
        match field {
            "name" | "base_path" => {
                listing::window(self.table.scan_index(field, order), params, total, keep)
            }
            _ => listing::window(self.table.scan_prefix("", order), params, total, keep),
        }
    }
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
    }
}
