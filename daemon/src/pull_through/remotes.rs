//! Pull-through remotes (`/pulp/api/v3/remotes/container/pull-through/`): the upstream registry a pull-through
//! distribution caches, with its credentials and the `includes`/`excludes` patterns that bound which upstream
//! repositories may be pulled through it. Records live in their own table, `pull_through_remotes`.
//!
//! The policy is always `on_demand` (Pulp refuses anything else); `username`/`password` are write-only, reported
//! in `hidden_fields` only.

use crate::body::{Body, Mode, NOT_NULL, UNIQUE};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::remotes::{apply_url_and_credentials, valid_url, Updated};
use crate::store::{self, Record, Store, Table};
use crate::upstream::UpstreamConfig;
use globset::{Glob, GlobSet, GlobSetBuilder};
use pulp_shared::api::{HiddenField, Labels};
use pulp_shared::href;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The collection's href.
pub const HREF: &str = pulp_shared::href::PULL_THROUGH_REMOTES;

/// The only policy a pull-through remote has.
const ON_DEMAND: &str = "on_demand";

/// What a pull-through remote stores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PullThroughRemoteRecord {
    pub id: String,
    pub name: String,
    pub created: String,
    pub updated: String,
    /// Base URL of the upstream registry, without a trailing slash.
    pub url: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub tls_validation: bool,
    pub proxy_url: Option<String>,
    /// Glob patterns of upstream repository names that may be pulled; `None` = all.
    pub includes: Option<Vec<String>>,
    /// Glob patterns of upstream repository names that may not be pulled (checked after `includes`).
    pub excludes: Option<Vec<String>>,
    pub labels: Labels,
    /// Retention ([`super::retention`]): the most bytes the caches of this remote keep; `None` = no cap.
    #[serde(default)]
    pub cache_max_size: Option<u64>,
    /// Retention: images not pulled for this many seconds are evicted; `None` = kept however old.
    #[serde(default)]
    pub cache_max_age: Option<u64>,
}

impl Record for PullThroughRemoteRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn index_value(&self, index: &str) -> Option<String> {
        (index == "name").then(|| self.name.clone())
    }
}

/// The API representation, with Pulp's field set (fields pulpd does not implement are `null`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, utoipa::ToSchema)]
#[schema(as = container::ContainerPullThroughRemoteResponse)]
pub struct PullThroughRemote {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub name: String,
    pub url: String,
    pub pulp_labels: Labels,
    pub policy: String,
    pub hidden_fields: Vec<HiddenField>,
    pub ca_cert: Option<String>,
    pub client_cert: Option<String>,
    pub tls_validation: bool,
    pub proxy_url: Option<String>,
    pub max_retries: Option<u64>,
    pub total_timeout: Option<f64>,
    pub connect_timeout: Option<f64>,
    pub sock_connect_timeout: Option<f64>,
    pub sock_read_timeout: Option<f64>,
    pub headers: Option<Value>,
    pub download_concurrency: Option<u64>,
    pub rate_limit: Option<u64>,
    pub includes: Option<Vec<String>>,
    pub excludes: Option<Vec<String>>,
    /// pulpd's retention settings (not Pulp's): bytes, and seconds unused.
    pub cache_max_size: Option<u64>,
    pub cache_max_age: Option<u64>,
}

impl PullThroughRemoteRecord {
    pub fn href(&self) -> String {
        href::resource(HREF, &self.id)
    }

    /// The API representation (credentials hidden).
    pub fn to_api(&self) -> PullThroughRemote {
        let hidden = |name: &str, set: bool| HiddenField {
            name: name.into(),
            is_set: set,
        };
        PullThroughRemote {
            pulp_href: self.href(),
            prn: format!("prn:container.containerpullthroughremote:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            name: self.name.clone(),
            url: self.url.clone(),
            pulp_labels: self.labels.clone(),
            policy: ON_DEMAND.into(),
            hidden_fields: vec![
                hidden("client_key", false),
                hidden("proxy_username", false),
                hidden("proxy_password", false),
                hidden("username", self.username.is_some()),
                hidden("password", self.password.is_some()),
            ],
            ca_cert: None,
            client_cert: None,
            tls_validation: self.tls_validation,
            proxy_url: self.proxy_url.clone(),
            max_retries: None,
            total_timeout: None,
            connect_timeout: None,
            sock_connect_timeout: None,
            sock_read_timeout: None,
            headers: None,
            download_concurrency: None,
            rate_limit: None,
            includes: self.includes.clone(),
            excludes: self.excludes.clone(),
            cache_max_size: self.cache_max_size,
            cache_max_age: self.cache_max_age,
        }
    }

    /// Whether retention applies to this remote's caches (a size cap or a maximum age is set).
    pub fn has_retention(&self) -> bool {
        self.cache_max_size.is_some() || self.cache_max_age.is_some()
    }

    /// Whether upstream repository `name` may be pulled through this remote: it matches an `includes` pattern
    /// (or there are none) and no `excludes` pattern. Patterns are shell globs in which `*` also matches `/`,
    /// as Pulp's `fnmatch` does.
    pub fn allows(&self, name: &str) -> bool {
        let matches = |patterns: &Option<Vec<String>>| {
            patterns
                .as_deref()
                .map(|p| glob_set(p).is_ok_and(|set| set.is_match(name)))
        };
        matches(&self.includes).unwrap_or(true) && !matches(&self.excludes).unwrap_or(false)
    }

    /// The upstream client settings: the remote's URL, credentials, TLS and proxy, and timeouts short enough
    /// that a hanging upstream turns into a stale answer (or a clear error) quickly rather than a stalled pull.
    pub fn upstream_config(&self) -> UpstreamConfig {
        UpstreamConfig {
            url: self.url.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            tls_validation: self.tls_validation,
            proxy_url: self.proxy_url.clone(),
            connect_timeout: std::time::Duration::from_secs(5),
            request_timeout: std::time::Duration::from_secs(15),
            read_timeout: std::time::Duration::from_secs(30),
            retries: 1,
            ..UpstreamConfig::default()
        }
    }
}

/// Compiles glob patterns.
fn glob_set(patterns: &[String]) -> std::result::Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p)?);
    }
    builder.build()
}

/// The pull-through remotes service.
#[derive(Clone)]
pub struct PullThroughRemotes {
    table: Table<PullThroughRemoteRecord>,
}

impl PullThroughRemotes {
    pub fn open(store: &Store) -> store::Result<PullThroughRemotes> {
        Ok(PullThroughRemotes {
            table: store.table("pull_through_remotes", &["name"])?,
        })
    }

    /// Creates a remote.
    pub async fn create(&self, body: &Value) -> Result<PullThroughRemoteRecord> {
        self.create_with(body, async |_| Ok(())).await
    }

    /// Like `create`, calling `before_insert` with the valid record before anything is written (the API
    /// gives the creator the owner role there, see `Repositories::create_with`).
    pub async fn create_with(
        &self,
        body: &Value,
        before_insert: impl AsyncFnOnce(&PullThroughRemoteRecord) -> Result<()>,
    ) -> Result<PullThroughRemoteRecord> {
        let mut b = Body::new(body, Mode::Full)?;
        let time = now();
        let mut record = PullThroughRemoteRecord {
            id: listing::new_id(),
            name: String::new(),
            created: time.clone(),
            updated: time,
            url: String::new(),
            username: None,
            password: None,
            tls_validation: true,
            proxy_url: None,
            includes: None,
            excludes: None,
            labels: Labels::new(),
            cache_max_size: None,
            cache_max_age: None,
        };
        apply(&mut b, &mut record);
        b.finish()?;
        if self.table.get_by("name", &record.name).await?.is_some() {
            return Err(Error::field("name", UNIQUE));
        }
        before_insert(&record).await?;
        self.put(&record).await?;
        Ok(record)
    }

    async fn put(&self, record: &PullThroughRemoteRecord) -> Result<()> {
        self.table.put(record).await.map_err(|e| match e {
            store::Error::Conflict { .. } => Error::field("name", UNIQUE),
            e => e.into(),
        })
    }

    /// The remote with `id`.
    pub async fn get(&self, id: &str) -> Result<PullThroughRemoteRecord> {
        self.table.get(id).await?.ok_or(Error::NotFound {
            kind: "ContainerPullThroughRemote",
        })
    }

    /// Every remote.
    pub async fn all(&self) -> Result<Vec<PullThroughRemoteRecord>> {
        Ok(self.table.all("", store::Order::Asc).await?)
    }

    /// The remote an href names, or Pulp's message for a body field.
    pub async fn resolve_href(
        &self,
        h: &str,
    ) -> std::result::Result<PullThroughRemoteRecord, String> {
        listing::resolve_href(&self.table, HREF, h).await
    }

    /// A page of remotes.
    pub async fn list(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
    ) -> Result<Window<PullThroughRemoteRecord>> {
        listing::named_page(
            &self.table,
            params,
            visible,
            |r| &r.name,
            PullThroughRemoteRecord::href,
        )
        .await
    }

    /// Updates (`Mode::Full`) or partially updates a remote (a new URL may clear the credentials, see
    /// [`crate::remotes::apply_url_and_credentials`]).
    pub async fn update(
        &self,
        id: &str,
        body: &Value,
        mode: Mode,
    ) -> Result<Updated<PullThroughRemoteRecord>> {
        let old = self.get(id).await?;
        let mut b = Body::new(body, mode)?;
        let mut record = old.clone();
        let credentials_cleared = apply(&mut b, &mut record);
        b.finish()?;
        record.updated = now();
        self.put(&record).await?;
        Ok(Updated {
            record,
            credentials_cleared,
        })
    }

    /// Deletes a remote unless `in_use` (a pull-through distribution names it).
    ///
    /// # Errors
    /// [`Error::Conflict`] when it is in use.
    pub async fn delete(&self, id: &str, in_use: bool) -> Result<PullThroughRemoteRecord> {
        let record = self.get(id).await?;
        if in_use {
            return Err(Error::Conflict(format!(
                "the pull-through remote {:?} is used by a pull-through distribution; delete that first",
                record.name
            )));
        }
        self.table.remove(&record.id).await?;
        Ok(record)
    }
}

/// Reads the writable fields of `b` into `r`; true when a move of `url` cleared the credentials.
fn apply(b: &mut Body<'_>, r: &mut PullThroughRemoteRecord) -> bool {
    if let Some(name) = b.name("name") {
        r.name = name;
    }
    let cleared = apply_url_and_credentials(b, &mut r.url, &mut r.username, &mut r.password);
    if let Some(p) = b.nullable_string("policy") {
        match p.as_deref() {
            Some(ON_DEMAND) => {}
            Some(other) => b.error("policy", format!("\"{other}\" is not a valid choice.")),
            None => b.error("policy", NOT_NULL),
        }
    }
    for field in ["includes", "excludes"] {
        let Some(patterns) = b.nullable_string_list(field) else {
            continue;
        };
        if let Some(Err(e)) = patterns.as_deref().map(glob_set) {
            b.error(field, format!("Invalid pattern: {e}"));
            continue;
        }
        if field == "includes" {
            r.includes = patterns;
        } else {
            r.excludes = patterns;
        }
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
    if let Some(l) = b.labels("pulp_labels") {
        r.labels = l;
    }
    if let Some(size) = b.nullable_u64("cache_max_size", 1) {
        r.cache_max_size = size;
    }
    if let Some(age) = b.nullable_u64("cache_max_age", 1) {
        r.cache_max_age = age;
    }
    cleared
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn remotes() -> (tempfile::TempDir, PullThroughRemotes) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        (dir, PullThroughRemotes::open(&store).unwrap())
    }

    #[tokio::test]
    async fn policy_must_be_on_demand() {
        let (_dir, remotes) = remotes();
        let err = remotes
            .create(&json!({"name": "r", "url": "http://127.0.0.1:5000", "policy": "immediate"}))
            .await
            .unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("{err:?}")
        };
        assert_eq!(fields["policy"], ["\"immediate\" is not a valid choice."]);
        let r = remotes
            .create(&json!({"name": "r", "url": "http://127.0.0.1:5000/", "policy": "on_demand"}))
            .await
            .unwrap();
        assert_eq!(r.url, "http://127.0.0.1:5000");
        assert_eq!(r.to_api().policy, "on_demand");
    }

    #[tokio::test]
    async fn includes_and_excludes_are_globs_over_the_whole_name() {
        let (_dir, remotes) = remotes();
        let r = remotes
            .create(&json!({"name": "r", "url": "http://h", "includes": ["library/*"], "excludes": ["*/secret*"]}))
            .await.unwrap();
        assert!(r.allows("library/hello"));
        assert!(r.allows("library/team/app"));
        assert!(!r.allows("other/hello"));
        assert!(!r.allows("library/secret-app"));
        let open = remotes
            .create(&json!({"name": "open", "url": "http://h"}))
            .await
            .unwrap();
        assert!(open.allows("anything/at/all"));
        let err = remotes
            .create(&json!({"name": "bad", "url": "http://h", "includes": ["a[b"]}))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Invalid(f) if f.contains_key("includes")));
    }

    #[tokio::test]
    async fn retention_settings_are_positive_integers_or_null() {
        let (_dir, remotes) = remotes();
        let r = remotes
            .create(&json!({"name": "r", "url": "http://h", "cache_max_size": 104857600, "cache_max_age": 3600}))
            .await
            .unwrap();
        assert_eq!(
            (r.cache_max_size, r.cache_max_age),
            (Some(104_857_600), Some(3600))
        );
        let api = serde_json::to_value(r.to_api()).unwrap();
        assert_eq!(api["cache_max_size"], 104_857_600);
        assert_eq!(api["cache_max_age"], 3600);
        let err = remotes
            .create(&json!({"name": "bad", "url": "http://h", "cache_max_size": 0, "cache_max_age": "soon"}))
            .await
            .unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("{err:?}")
        };
        assert_eq!(
            fields["cache_max_size"],
            ["Ensure this value is greater than or equal to 1."]
        );
        assert_eq!(fields["cache_max_age"], ["A valid integer is required."]);
        let cleared = remotes
            .update(&r.id, &json!({"cache_max_size": null}), Mode::Partial)
            .await
            .unwrap()
            .record;
        assert_eq!(
            (cleared.cache_max_size, cleared.cache_max_age),
            (None, Some(3600))
        );
    }

    #[tokio::test]
    async fn credentials_are_write_only() {
        let (_dir, remotes) = remotes();
        let r = remotes
            .create(&json!({"name": "r", "url": "http://h", "username": "u", "password": "p"}))
            .await
            .unwrap();
        let api = serde_json::to_value(r.to_api()).unwrap();
        assert!(api.get("password").is_none() && api.get("username").is_none());
        assert!(api["hidden_fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "password" && f["is_set"] == true));
    }
}
