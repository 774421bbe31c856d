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

/// Whether `url` is an http(s) URL with a host (what DRF's URLField catches).
pub(crate) fn valid_url(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// The message for a URL that carries `user:password@`: it would be shown to every reader and in task errors.
pub const CREDENTIALS_IN_URL: &str =
    "Do not put credentials in the URL; set username and password instead (they are never shown).";

/// Where a URL's requests go: scheme, host and port (default ports filled in), the unit credentials are bound to.
fn origin(url: &str) -> Option<reqwest::Url> {
    let mut u = reqwest::Url::parse(url).ok()?;
    u.set_path("");
    u.set_query(None);
    u.set_fragment(None);
    Some(u)
}

/// Reads `url`, `username` and `password` of a remote body (container and pull-through remotes share the
/// rules) into the record's fields.
///
/// A remote's credentials are only ever sent where they were meant to go: when `url` moves to another origin
/// (scheme, host or port) and the body does not give `username` or `password` again, both are cleared, and the
/// result says so (`true`), so the API can tell the caller. A URL holding `user:password@` is refused.
pub(crate) fn apply_url_and_credentials(
    b: &mut Body<'_>,
    url: &mut String,
    username: &mut Option<String>,
    password: &mut Option<String>,
) -> bool {
    let before = origin(url);
    if let Some(new) = b.required_string("url") {
        if !valid_url(&new) {
            b.error("url", "Enter a valid URL.");
        } else if reqwest::Url::parse(&new)
            .is_ok_and(|u| !u.username().is_empty() || u.password().is_some())
        {
            b.error("url", CREDENTIALS_IN_URL);
        } else {
            *url = new.trim_end_matches('/').to_string();
        }
    }
    let credentials_given = b.has("username") || b.has("password");
    if let Some(u) = b.nullable_string("username") {
        *username = u.filter(|s| !s.is_empty());
    }
    if let Some(p) = b.nullable_string("password") {
        *password = p.filter(|s| !s.is_empty());
    }
    let moved = before.is_some() && before != origin(url);
    if moved && !credentials_given && (username.is_some() || password.is_some()) {
        *username = None;
        *password = None;
        return true;
    }
    false
}

/// A remote after an update, and whether the update cleared its credentials (see
/// [`apply_url_and_credentials`]).
#[derive(Debug, Clone)]
pub struct Updated<R> {
    pub record: R,
    pub credentials_cleared: bool,
}

impl Remotes {
    pub fn open(store: &Store) -> store::Result<Remotes> {
        Ok(Remotes {
            table: store.table("remotes", &["name"])?,
        })
    }

    /// Creates a remote.
    pub async fn create(&self, body: &Value) -> Result<RemoteRecord> {
        self.create_with(body, async |_| Ok(())).await
    }

    /// Like `create`, calling `before_insert` with the valid record before anything is written (the API
    /// gives the creator the owner role there, see `Repositories::create_with`).
    pub async fn create_with(
        &self,
        body: &Value,
        before_insert: impl AsyncFnOnce(&RemoteRecord) -> Result<()>,
    ) -> Result<RemoteRecord> {
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
        if self.table.get_by("name", &record.name).await?.is_some() {
            return Err(Error::field("name", UNIQUE));
        }
        before_insert(&record).await?;
        self.put(&record).await?;
        Ok(record)
    }

    async fn put(&self, record: &RemoteRecord) -> Result<()> {
        self.table.put(record).await.map_err(|e| match e {
            store::Error::Conflict { .. } => Error::field("name", UNIQUE),
            e => e.into(),
        })
    }

    /// The remote with `id`.
    pub async fn get(&self, id: &str) -> Result<RemoteRecord> {
        self.table.get(id).await?.ok_or(Error::NotFound {
            kind: "ContainerRemote",
        })
    }

    /// Resolves an href given in a request body to a remote, or Pulp's message for the field.
    pub async fn resolve_href(&self, h: &str) -> std::result::Result<RemoteRecord, String> {
        listing::resolve_href(&self.table, href::REMOTES, h).await
    }

    /// A page of remotes.
    pub async fn list(
        &self,
        params: &ListParams,
        visible: &listing::Visible,
    ) -> Result<Window<RemoteRecord>> {
        if params.filter("pulp_label_select").is_some() {
            return listing::named_page_where(
                &self.table,
                params,
                visible,
                |r| &r.name,
                RemoteRecord::href,
                |r| params.labels_match(&r.labels),
            )
            .await;
        }
        listing::named_page(
            &self.table,
            params,
            visible,
            |r| &r.name,
            RemoteRecord::href,
        )
        .await
    }

    /// Updates or partially updates a remote (see [`apply_url_and_credentials`] for what a new URL does to the
    /// credentials).
    pub async fn update(
        &self,
        id: &str,
        body: &Value,
        mode: Mode,
    ) -> Result<Updated<RemoteRecord>> {
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

    /// Deletes a remote.
    pub async fn delete(&self, id: &str) -> Result<RemoteRecord> {
        let record = self.get(id).await?;
        self.table.remove(&record.id).await?;
        Ok(record)
    }
}

/// Reads the writable fields of `b` into `record`; true when a move of `url` cleared the credentials.
fn apply(b: &mut Body<'_>, r: &mut RemoteRecord) -> bool {
    if let Some(name) = b.name("name") {
        r.name = name;
    }
    let cleared = apply_url_and_credentials(b, &mut r.url, &mut r.username, &mut r.password);
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
    cleared
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

    async fn remote_with_credentials(remotes: &Remotes) -> RemoteRecord {
        remotes
            .create(&serde_json::json!({
                "name": "r", "url": "https://registry.example:5000", "upstream_name": "x",
                "username": "u", "password": "p"
            }))
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn moving_the_url_to_another_origin_clears_credentials_unless_given_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let remotes = Remotes::open(&store).unwrap();
        let r = remote_with_credentials(&remotes).await;

        // Same origin, another path: credentials stay.
        let same = serde_json::json!({"url": "https://registry.example:5000/v2/"});
        let u = remotes.update(&r.id, &same, Mode::Partial).await.unwrap();
        assert!(!u.credentials_cleared);
        assert_eq!(u.record.password.as_deref(), Some("p"));

        // Another port is another origin.
        let moved = serde_json::json!({"url": "https://registry.example:5001"});
        let u = remotes.update(&r.id, &moved, Mode::Partial).await.unwrap();
        assert!(u.credentials_cleared);
        assert_eq!((u.record.username, u.record.password), (None, None));

        // Moving with the credentials given again keeps them.
        let moved = serde_json::json!({"url": "http://elsewhere.example", "username": "u2", "password": "p2"});
        let u = remotes.update(&r.id, &moved, Mode::Partial).await.unwrap();
        assert!(!u.credentials_cleared);
        assert_eq!(u.record.password.as_deref(), Some("p2"));
    }

    #[tokio::test]
    async fn credentials_in_the_url_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let remotes = Remotes::open(&store).unwrap();
        let err = remotes
            .create(&serde_json::json!({
                "name": "r", "url": "https://user:secret@registry.example", "upstream_name": "x"
            }))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f["url"] == [CREDENTIALS_IN_URL]),
            "{err:?}"
        );
    }
}
