//! Pull-through remotes (`/pulp/api/v3/remotes/container/pull-through/`): the upstream registry a pull-through
//! distribution caches, with its credentials and the `includes`/`excludes` patterns that bound which upstream
//! repositories may be pulled through it. Records live in their own table, `pull_through_remotes`.
//!
//! The policy is always `on_demand` (Pulp refuses anything else). Credentials and connection settings are
//! those of every remote ([`crate::remote_settings`]); write-only fields are reported in `hidden_fields` only.

use crate::body::{Mode, Problems, UNIQUE};
use crate::error::{Error, Result};
use crate::listing::{self, now, ListParams, Window};
use crate::remote_settings::{apply_shared, RemoteSettings, Shared};
use crate::remotes::Updated;
use crate::store::{self, Record, Store, Table};
use crate::upstream::UpstreamConfig;
use globset::{Glob, GlobSet, GlobSetBuilder};
use pulp_shared::api::{self, HiddenField, Labels, Policy, PullThroughRemoteWrite};
use pulp_shared::href;
use serde::{Deserialize, Serialize};

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
    /// TLS, proxy, retries, timeouts, headers.
    #[serde(flatten)]
    pub settings: RemoteSettings,
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

/// The API representation, with Pulp's field set.
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
    #[serde(flatten)]
    pub settings: api::RemoteSettings,
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

    /// The API representation (write-only fields hidden).
    pub fn to_api(&self) -> PullThroughRemote {
        PullThroughRemote {
            pulp_href: self.href(),
            prn: format!("prn:container.containerpullthroughremote:{}", self.id),
            pulp_created: self.created.clone(),
            pulp_last_updated: self.updated.clone(),
            name: self.name.clone(),
            url: self.url.clone(),
            pulp_labels: self.labels.clone(),
            policy: ON_DEMAND.into(),
            hidden_fields: self
                .settings
                .hidden_fields(self.username.is_some(), self.password.is_some()),
            settings: self.settings.to_api(),
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

    /// The upstream client settings: the remote's URL, credentials and connection settings; where it sets no
    /// timeout or retries, ones short enough that a hanging upstream turns into a stale answer (or a clear
    /// error) quickly rather than a stalled pull.
    pub fn upstream_config(&self) -> UpstreamConfig {
        self.settings.upstream_config(UpstreamConfig {
            url: self.url.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            connect_timeout: std::time::Duration::from_secs(5),
            request_timeout: std::time::Duration::from_secs(15),
            read_timeout: std::time::Duration::from_secs(30),
            retries: 1,
            ..UpstreamConfig::default()
        })
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
        // Read by every pull-through request.
        store.cache_reads("pull_through_remotes");
        Ok(PullThroughRemotes {
            table: store.table("pull_through_remotes", &["name"])?,
        })
    }

    /// Creates a remote.
    pub async fn create(&self, body: &PullThroughRemoteWrite) -> Result<PullThroughRemoteRecord> {
        self.create_with(body, async |_| Ok(())).await
    }

    /// Like `create`, calling `before_insert` with the valid record before anything is written (the API
    /// gives the creator the owner role there, see `Repositories::create_with`).
    pub async fn create_with(
        &self,
        body: &PullThroughRemoteWrite,
        before_insert: impl AsyncFnOnce(&PullThroughRemoteRecord) -> Result<()>,
    ) -> Result<PullThroughRemoteRecord> {
        let time = now();
        let mut record = PullThroughRemoteRecord {
            id: listing::new_id(),
            name: String::new(),
            created: time.clone(),
            updated: time,
            url: String::new(),
            username: None,
            password: None,
            settings: RemoteSettings::default(),
            includes: None,
            excludes: None,
            labels: Labels::new(),
            cache_max_size: None,
            cache_max_age: None,
        };
        apply(body, Mode::Full, &mut record)?;
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
        listing::named_page_where(
            &self.table,
            params,
            visible,
            |r| &r.name,
            PullThroughRemoteRecord::href,
            |r| params.labels_match(&r.labels),
        )
        .await
    }

    /// Updates (`Mode::Full`) or partially updates a remote (a new URL may clear the credentials, see
    /// [`crate::remote_settings::apply_shared`]).
    pub async fn update(
        &self,
        id: &str,
        body: &PullThroughRemoteWrite,
        mode: Mode,
    ) -> Result<Updated<PullThroughRemoteRecord>> {
        let mut record = self.get(id).await?;
        let credentials_cleared = apply(body, mode, &mut record)?;
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

/// Applies the fields `w` gives to `r`; true when a move of `url` cleared the credentials.
///
/// # Errors
/// [`Error::Invalid`] naming every bad field (then `r` is not to be stored).
fn apply(w: &PullThroughRemoteWrite, mode: Mode, r: &mut PullThroughRemoteRecord) -> Result<bool> {
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
    match w.policy {
        Some(Policy::OnDemand) | None => {}
        Some(other) => p.add(
            "policy",
            format!("\"{}\" is not a valid choice.", other.as_str()),
        ),
    }
    for (field, patterns, to) in [
        ("includes", &w.includes, &mut r.includes),
        ("excludes", &w.excludes, &mut r.excludes),
    ] {
        let Some(patterns) = patterns else { continue };
        match patterns.as_deref().map(glob_set) {
            Some(Err(e)) => p.add(field, format!("Invalid pattern: {e}")),
            _ => *to = patterns.clone(),
        }
    }
    for (field, value, to) in [
        ("cache_max_size", w.cache_max_size, &mut r.cache_max_size),
        ("cache_max_age", w.cache_max_age, &mut r.cache_max_age),
    ] {
        match value {
            Some(Some(0)) => p.add(field, "Ensure this value is greater than or equal to 1."),
            Some(v) => *to = v,
            None => {}
        }
    }
    p.finish()?;
    Ok(cleared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::decode;
    use serde_json::json;

    fn body(v: serde_json::Value) -> PullThroughRemoteWrite {
        decode(&v).unwrap()
    }

    fn remotes() -> (tempfile::TempDir, PullThroughRemotes) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        (dir, PullThroughRemotes::open(&store).unwrap())
    }

    #[tokio::test]
    async fn policy_must_be_on_demand() {
        let (_dir, remotes) = remotes();
        let err = remotes
            .create(&body(
                json!({"name": "r", "url": "http://127.0.0.1:5000", "policy": "immediate"}),
            ))
            .await
            .unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("{err:?}")
        };
        assert_eq!(fields["policy"], ["\"immediate\" is not a valid choice."]);
        let r = remotes
            .create(&body(
                json!({"name": "r", "url": "http://127.0.0.1:5000/", "policy": "on_demand"}),
            ))
            .await
            .unwrap();
        assert_eq!(r.url, "http://127.0.0.1:5000");
        assert_eq!(r.to_api().policy, "on_demand");
    }

    #[tokio::test]
    async fn includes_and_excludes_are_globs_over_the_whole_name() {
        let (_dir, remotes) = remotes();
        let r = remotes
            .create(&body(json!({"name": "r", "url": "http://h", "includes": ["library/*"], "excludes": ["*/secret*"]})))
            .await.unwrap();
        assert!(r.allows("library/hello"));
        assert!(r.allows("library/team/app"));
        assert!(!r.allows("other/hello"));
        assert!(!r.allows("library/secret-app"));
        let open = remotes
            .create(&body(json!({"name": "open", "url": "http://h"})))
            .await
            .unwrap();
        assert!(open.allows("anything/at/all"));
        let err = remotes
            .create(&body(
                json!({"name": "bad", "url": "http://h", "includes": ["a[b"]}),
            ))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Invalid(f) if f.contains_key("includes")));
    }

    #[tokio::test]
    async fn retention_settings_are_positive_integers_or_null() {
        let (_dir, remotes) = remotes();
        let r = remotes
            .create(&body(json!({"name": "r", "url": "http://h", "cache_max_size": 104857600, "cache_max_age": 3600})))
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
            .create(&body(
                json!({"name": "bad", "url": "http://h", "cache_max_size": 0}),
            ))
            .await
            .unwrap_err();
        let Error::Invalid(fields) = err else {
            panic!("{err:?}")
        };
        assert_eq!(
            fields["cache_max_size"],
            ["Ensure this value is greater than or equal to 1."]
        );
        let err = decode::<PullThroughRemoteWrite>(&json!({"cache_max_age": "soon"})).unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f["cache_max_age"] == ["A valid integer is required."]),
            "{err:?}"
        );
        let cleared = remotes
            .update(&r.id, &body(json!({"cache_max_size": null})), Mode::Partial)
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
            .create(&body(
                json!({"name": "r", "url": "http://h", "username": "u", "password": "p"}),
            ))
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
