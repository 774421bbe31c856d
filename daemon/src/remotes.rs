//! Container remotes: where sync fetches from (url + upstream_name), how (policy, tag filters, concurrency) and
//! with which credentials and connection settings ([`crate::remote_settings`], shared with pull-through
//! remotes). Create and update take the decoded body ([`RemoteWrite`]); write-only fields are stored (sync
//! needs them) but never returned, only reported in `hidden_fields`.

use crate::body::{Mode, Problems, UNIQUE};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::remote_settings::{apply_shared, RemoteSettings, Shared};
use crate::store::{self, Record, Store, Table};
use crate::upstream::UpstreamConfig;
use pulp_shared::api::{self, Labels, Policy, RemoteWrite};
use pulp_shared::href;
use serde::{Deserialize, Serialize};

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
    /// TLS, proxy, concurrency, retries, timeouts, headers.
    #[serde(flatten)]
    pub settings: RemoteSettings,
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

    /// The API representation (write-only fields hidden).
    pub fn to_api(&self) -> api::Remote {
        api::Remote {
            pulp_href: self.href(),
            prn: format!("prn:container.containerremote:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            name: self.name.clone(),
            url: self.url.clone(),
            pulp_labels: self.labels.clone(),
            policy: self.policy,
            hidden_fields: self
                .settings
                .hidden_fields(self.username.is_some(), self.password.is_some()),
            settings: self.settings.to_api(),
            upstream_name: self.upstream_name.clone(),
            include_tags: self.include_tags.clone(),
            exclude_tags: self.exclude_tags.clone(),
        }
    }

    /// The upstream client settings of this remote (pulpd's defaults where it sets nothing).
    pub fn upstream_config(&self) -> UpstreamConfig {
        self.settings.upstream_config(UpstreamConfig {
            url: self.url.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            ..UpstreamConfig::default()
        })
    }
}

/// The remotes service.
#[derive(Clone)]
pub struct Remotes {
    table: Table<RemoteRecord>,
}

/// A remote after an update, and whether the update cleared its credentials (see [`apply_shared`]).
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
    pub async fn create(&self, body: &RemoteWrite) -> Result<RemoteRecord> {
        self.create_with(body, async |_| Ok(())).await
    }

    /// Like `create`, calling `before_insert` with the valid record before anything is written (the API
    /// gives the creator the owner role there, see `Repositories::create_with`).
    pub async fn create_with(
        &self,
        body: &RemoteWrite,
        before_insert: impl AsyncFnOnce(&RemoteRecord) -> Result<()>,
    ) -> Result<RemoteRecord> {
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
            settings: RemoteSettings::default(),
            labels: Labels::new(),
        };
        apply(body, Mode::Full, &mut record)?;
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
        listing::named_page_where(
            &self.table,
            params,
            visible,
            |r| &r.name,
            RemoteRecord::href,
            |r| params.labels_match(&r.labels),
        )
        .await
    }

    /// Updates ([`Mode::Full`]: `name`, `url` and `upstream_name` required) or partially updates a remote (see
    /// [`apply_shared`] for what a new URL does to the credentials).
    pub async fn update(
        &self,
        id: &str,
        body: &RemoteWrite,
        mode: Mode,
    ) -> Result<Updated<RemoteRecord>> {
        let mut record = self.get(id).await?;
        let credentials_cleared = apply(body, mode, &mut record)?;
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

/// Applies the fields `w` gives to `r`; true when a move of `url` cleared the credentials.
///
/// # Errors
/// [`Error::Invalid`] naming every bad field (then `r` is not to be stored).
fn apply(w: &RemoteWrite, mode: Mode, r: &mut RemoteRecord) -> Result<bool> {
    let mut p = Problems::default();
    let shared = Shared {
        name: &mut r.name,
        url: &mut r.url,
        username: &mut r.username,
        password: &mut r.password,
        settings: &mut r.settings,
        labels: &mut r.labels,
    };
    let cleared = apply_shared(&mut p, mode, (&w.name, &w.url), &w.settings, shared);
    if let Some(u) = p.required(mode, "upstream_name", &w.upstream_name) {
        if let Some(u) = p.non_blank("upstream_name", u) {
            r.upstream_name = u.trim_matches('/').to_string();
        }
    }
    if let Some(policy) = w.policy {
        r.policy = policy;
    }
    if let Some(t) = &w.include_tags {
        r.include_tags = t.clone();
    }
    if let Some(t) = &w.exclude_tags {
        r.exclude_tags = t.clone();
    }
    p.finish()?;
    Ok(cleared)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::body::decode;
    use crate::remote_settings::CREDENTIALS_IN_URL;
    use serde_json::json;

    fn body(v: serde_json::Value) -> RemoteWrite {
        decode(&v).unwrap()
    }

    #[test]
    fn records_stored_before_the_connection_settings_still_read() {
        let old = json!({
            "id": "0193a1b2-0000-7000-8000-000000000001", "name": "r", "created": "t", "updated": "t",
            "url": "http://h", "upstream_name": "x", "policy": "on_demand", "include_tags": null,
            "exclude_tags": null, "username": null, "password": null, "tls_validation": false,
            "proxy_url": "http://proxy:3128", "download_concurrency": 4, "labels": {}
        });
        let record: RemoteRecord = serde_json::from_value(old).unwrap();
        assert!(!record.settings.tls_validation);
        assert_eq!(
            record.settings.proxy_url.as_deref(),
            Some("http://proxy:3128")
        );
        assert_eq!(record.settings.download_concurrency, Some(4));
        assert_eq!(record.settings.headers, []);
        assert_eq!(record.settings.client_key, None);
        // And they are stored under the same names.
        let stored = serde_json::to_value(&record).unwrap();
        assert_eq!(stored["proxy_url"], "http://proxy:3128");
    }

    async fn remote_with_credentials(remotes: &Remotes) -> RemoteRecord {
        remotes
            .create(&body(json!({
                "name": "r", "url": "https://registry.example:5000", "upstream_name": "x",
                "username": "u", "password": "p"
            })))
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
        let same = body(json!({"url": "https://registry.example:5000/v2/"}));
        let u = remotes.update(&r.id, &same, Mode::Partial).await.unwrap();
        assert!(!u.credentials_cleared);
        assert_eq!(u.record.password.as_deref(), Some("p"));

        // Another port is another origin.
        let moved = body(json!({"url": "https://registry.example:5001"}));
        let u = remotes.update(&r.id, &moved, Mode::Partial).await.unwrap();
        assert!(u.credentials_cleared);
        assert_eq!((u.record.username, u.record.password), (None, None));

        // Moving with the credentials given again keeps them.
        let moved =
            body(json!({"url": "http://elsewhere.example", "username": "u2", "password": "p2"}));
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
            .create(&body(json!({
                "name": "r", "url": "https://user:secret@registry.example", "upstream_name": "x"
            })))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f["url"] == [CREDENTIALS_IN_URL]),
            "{err:?}"
        );
    }
}
