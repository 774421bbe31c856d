//! Container remotes: where sync fetches from (url + upstream_name), how (policy, tag filters, concurrency) and
//! with which credentials. `username`/`password` are write-only: stored (sync needs them) but never returned,
//! only reported in `hidden_fields`.

use crate::body::{Body, Mode, UNIQUE};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::store::{self, Record, Store, Table};
use pulp_shared::api::{self, HiddenField, Labels, Policy};
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a remote stores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RemoteRecord {
    pub id: String,
    pub name: String,
    pub created: String,
    pub updated: String,
    pub url: String,
    pub upstream_name: String,
    pub policy: Policy,
    pub include_tags: Option<Vec<String>>,
    pub exclude_tags: Option<Vec<String>>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub tls_validation: bool,
    pub proxy_url: Option<String>,
    pub download_concurrency: Option<u64>,
    pub labels: Labels,
}

impl Record for RemoteRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        (index == "name").then(|| self.name.clone())
    }
}

impl RemoteRecord {
    pub fn href(&self) -> String {
        href::resource(href::REMOTES, &self.id)
    }

    /// The API representation (credentials hidden).
    pub fn to_api(&self) -> api::Remote {
        let hidden = |name: &str, set: bool| HiddenField {
            name: name.into(),
            is_set: set,
        };
        api::Remote {
            pulp_href: self.href(),
            prn: format!("prn:container.containerremote:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            name: self.name.clone(),
            url: self.url.clone(),
            pulp_labels: self.labels.clone(),
            policy: self.policy,
            hidden_fields: vec![
                hidden("username", self.username.is_some()),
                hidden("password", self.password.is_some()),
            ],
            tls_validation: self.tls_validation,
            proxy_url: self.proxy_url.clone(),
            download_concurrency: self.download_concurrency,
            upstream_name: self.upstream_name.clone(),
            include_tags: self.include_tags.clone(),
            exclude_tags: self.exclude_tags.clone(),
        }
    }
}

/// The remotes service.
#[derive(Clone)]
pub struct Remotes {
    table: Table<RemoteRecord>,
}

/// Checks a URL the way DRF's URLField does, enough to catch typos: http(s) scheme and a host.
fn valid_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !host.contains(char::is_whitespace)
    })
}

impl Remotes {
    pub fn open(store: &Store) -> store::Result<Remotes> {
        Ok(Remotes {
            table: store.table("remotes", &["name"])?,
        })
    }

    /// Creates a remote.
    pub fn create(&self, body: &Value) -> Result<RemoteRecord> {
        let mut b = Body::new(body, Mode::Full)?;
        let time = now();
        let mut record = RemoteRecord {
            id: listing::new_id(),
            name: String::new(),
            created: time.clone(),
            updated: time,
            url: String::new(),
            upstream_name: String::new(),
            policy: Policy::Immediate,
            include_tags: None,
            exclude_tags: None,
            username: None,
            password: None,
            tls_validation: true,
            proxy_url: None,
            download_concurrency: None,
            labels: Labels::new(),
        };
        apply(&mut b, &mut record);
        b.finish()?;
        self.put(&record, None)?;
        Ok(record)
    }

    fn put(&self, record: &RemoteRecord, old: Option<&RemoteRecord>) -> Result<()> {
        self.table.put(record, old).map_err(|e| match e {
            store::Error::Conflict { .. } => Error::field("name", UNIQUE),
            e => e.into(),
        })
    }

    /// The remote with `id`.
    pub fn get(&self, id: &str) -> Result<RemoteRecord> {
        self.table.get(id)?.ok_or(Error::NotFound {
            kind: "ContainerRemote",
        })
    }

    /// Resolves an href given in a request body to a remote, or Pulp's message for the field.
    pub fn resolve_href(&self, h: &str) -> std::result::Result<RemoteRecord, String> {
        listing::resolve_href(&self.table, href::REMOTES, h)
    }

    /// A page of remotes.
    pub fn list(&self, params: &ListParams) -> Result<Window<RemoteRecord>> {
        listing::named_page(&self.table, params, |r| &r.name)
    }

    /// Updates or partially updates a remote.
    pub fn update(&self, id: &str, body: &Value, mode: Mode) -> Result<RemoteRecord> {
        let old = self.get(id)?;
        let mut b = Body::new(body, mode)?;
        let mut record = old.clone();
        apply(&mut b, &mut record);
        b.finish()?;
        record.updated = now();
        self.put(&record, Some(&old))?;
        Ok(record)
    }

    /// Deletes a remote.
    pub fn delete(&self, id: &str) -> Result<RemoteRecord> {
        let record = self.get(id)?;
        self.table.remove(&record)?;
        Ok(record)
    }
}

/// Reads the writable fields of `b` into `record`.
fn apply(b: &mut Body<'_>, r: &mut RemoteRecord) {
    if let Some(name) = b.name("name") {
        r.name = name;
    }
    if let Some(url) = b.required_string("url") {
        if valid_url(&url) {
            r.url = url.trim_end_matches('/').to_string();
        } else {
            b.error("url", "Enter a valid URL.");
        }
    }
    if let Some(u) = b.required_string("upstream_name") {
        r.upstream_name = u.trim_matches('/').to_string();
    }
    if let Some(p) = b.nullable_string("policy") {
        match p.as_deref().map(Policy::parse) {
            Some(Some(policy)) => r.policy = policy,
            Some(None) => b.error(
                "policy",
                format!("\"{}\" is not a valid choice.", p.unwrap_or_default()),
            ),
            None => b.error("policy", crate::body::NOT_NULL),
        }
    }
    if let Some(t) = b.nullable_string_list("include_tags") {
        r.include_tags = t;
    }
    if let Some(t) = b.nullable_string_list("exclude_tags") {
        r.exclude_tags = t;
    }
    if let Some(u) = b.nullable_string("username") {
        r.username = u.filter(|s| !s.is_empty());
    }
    if let Some(p) = b.nullable_string("password") {
        r.password = p.filter(|s| !s.is_empty());
    }
    if let Some(t) = b.bool("tls_validation") {
        r.tls_validation = t;
    }
    if let Some(p) = b.nullable_string("proxy_url") {
        match p {
            Some(url) if !valid_url(&url) => b.error("proxy_url", "Enter a valid URL."),
            p => r.proxy_url = p,
        }
    }
    if let Some(n) = b.nullable_u64("download_concurrency", 1) {
        r.download_concurrency = n;
    }
    if let Some(l) = b.labels("pulp_labels") {
        r.labels = l;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(valid_url("http://127.0.0.1:5000"));
        assert!(valid_url("https://registry-1.docker.io/"));
        assert!(!valid_url("not a url"));
        assert!(!valid_url("ftp://x"));
        assert!(!valid_url("http://"));
    }
}
