//! The resources of the management API, with Pulp's field names.
//!
//! Response types derive both `Serialize` (pulpd writes them) and `Deserialize` (pulpc reads them). Request
//! bodies are the `*Create`/`*Update` structs: every field optional and skipped when `None`, so a partial update
//! sends only what the user changed. pulpd decodes remote bodies into them (field by field, to answer Pulp's
//! `{"field": ["message"]}` errors for every bad field at once); the other resources' bodies are still read by
//! hand.
//!
//! With the `openapi` feature (pulpd's), each type also derives utoipa's `ToSchema` under Pulp's schema name
//! (`container.ContainerRepositoryResponse`, `TaskResponse`, …): pulpd's OpenAPI document is built from them.

use crate::wire;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Labels: free key/value pairs on most resources.
pub type Labels = BTreeMap<String, String>;

/// A page of a list: `{count, next, previous, results}`; `next`/`previous` are absolute URLs or null.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Page<T> {
    pub count: u64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<T>,
}

/// The answer of every asynchronous operation: 202 `{"task": href}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = AsyncOperationResponse))]
pub struct TaskResponse {
    pub task: String,
}

/// A container repository.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerRepositoryResponse))]
pub struct Repository {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub versions_href: String,
    pub pulp_labels: Labels,
    pub latest_version_href: String,
    pub name: String,
    pub description: Option<String>,
    pub retain_repo_versions: Option<u64>,
    pub remote: Option<String>,
}

/// A container push repository (made by a push; `/repositories/container/container-push/`): Pulp's
/// `ContainerPushRepositoryResponse`. pulpc may read one as a [`Repository`] (whose `remote` is then `None`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerPushRepositoryResponse))]
pub struct PushRepository {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub versions_href: String,
    pub pulp_labels: Labels,
    pub latest_version_href: String,
    pub name: String,
    pub description: Option<String>,
    pub retain_repo_versions: Option<u64>,
    pub manifest_signing_service: Option<String>,
    pub retain_checkpoints: Option<u64>,
}

/// A container namespace: the first path segment of pushed repositories, which carries their permissions.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerNamespaceResponse))]
pub struct Namespace {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub name: String,
    pub pulp_labels: Labels,
}

/// Body of `tag/` on a push repository: point `tag` at the manifest `digest`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagImage {
    pub tag: String,
    pub digest: String,
}

/// Body of `untag/` on a push repository.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnTagImage {
    pub tag: String,
}

/// Body of `remove_image/` on a push repository.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemoveImage {
    pub digest: String,
}

/// Body of repository create, update (PUT: `name` required) and partial update (PATCH); push repositories take
/// `description`, `retain_repo_versions` and `pulp_labels` (their name is the pushed name, and they have no
/// remote). `null` clears a nullable field; a field left out keeps its value.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerRepository))]
pub struct RepositoryWrite {
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<Option<String>>,
    /// Keep only the newest N versions (`null`: all).
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub retain_repo_versions: Option<Option<u64>>,
    /// The remote `sync/` uses when given none (an href; `null`: none).
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::null_as_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub pulp_labels: Option<Labels>,
}

/// Body of a repository's `sync/`: the remote to sync from (default: the repository's) and whether to mirror.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ContainerRepositorySyncURL))]
pub struct RepositorySync {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror: Option<bool>,
}

/// Body and answer of an object's `set_label/`: set label `key` to `value`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetLabel {
    pub key: String,
    pub value: String,
}

/// Body of an object's `unset_label/`; its answer is a [`SetLabel`] with the value the label had.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnsetLabel {
    pub key: String,
}

/// Count and listing link of one content type in a version's summary.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentCount {
    pub count: u64,
    pub href: String,
}

/// What a repository version added, removed and holds, by content type (`container.tag`, …).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ContentSummaryResponse))]
pub struct ContentSummary {
    pub added: BTreeMap<String, ContentCount>,
    pub removed: BTreeMap<String, ContentCount>,
    pub present: BTreeMap<String, ContentCount>,
}

/// An immutable version of a repository. Version 0 exists from the repository's creation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = RepositoryVersionResponse))]
pub struct RepositoryVersion {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub number: u64,
    pub repository: String,
    pub base_version: Option<String>,
    pub content_summary: ContentSummary,
}

/// A tag: a name pointing at a manifest (Pulp's tag content unit is the pair).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::TagResponse))]
pub struct ContentTag {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub pulp_labels: BTreeMap<String, String>,
    pub vuln_report: Option<String>,
    pub name: String,
    pub tagged_manifest: String,
}

/// A manifest: an image manifest or an index / manifest list.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ManifestResponse))]
pub struct ContentManifest {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub pulp_labels: BTreeMap<String, String>,
    pub vuln_report: Option<String>,
    pub digest: String,
    pub schema_version: u64,
    pub media_type: String,
    /// The manifests an index lists.
    pub listed_manifests: Vec<String>,
    pub config_blob: Option<String>,
    /// The config and the layers of an image manifest.
    pub blobs: Vec<String>,
    pub annotations: BTreeMap<String, String>,
    /// Labels of the image configuration (pulpd does not read configurations: always empty).
    pub labels: BTreeMap<String, String>,
    pub is_bootable: bool,
    pub is_flatpak: bool,
    /// `image`, `index` or `artifact`.
    #[serde(rename = "type")]
    pub manifest_type: String,
    /// The sum of the layers' sizes, where they are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compressed_image_size: Option<u64>,
}

/// A blob: a layer or a configuration.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::BlobResponse))]
pub struct ContentBlob {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub pulp_labels: BTreeMap<String, String>,
    pub vuln_report: Option<String>,
    /// Pulp's artifact href; pulpd has no artifact API, so `null`.
    pub artifact: Option<String>,
    pub digest: String,
}

/// An atomic container signature (Pulp's `container.ManifestSignature`). pulpd stores none: its list is
/// always empty, and this type only describes that list in the OpenAPI document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ManifestSignatureResponse))]
pub struct ContentSignature {
    pub pulp_href: String,
    pub name: String,
    pub digest: String,
    #[serde(rename = "type")]
    pub signature_type: String,
    pub key_id: String,
    pub timestamp: u64,
    pub creator: String,
    pub signed_manifest: String,
}

/// Body of a sync repository's `add/` and `remove/`: content unit hrefs (`remove/` also takes `["*"]`: all).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecursiveManage {
    #[serde(default)]
    pub content_units: Option<Vec<String>>,
}

/// Body of `copy_tags/`: the source (a repository, meaning its latest version, or a version) and the tag names
/// to copy (all when none).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TagCopy {
    #[serde(default)]
    pub source_repository: Option<String>,
    #[serde(default)]
    pub source_repository_version: Option<String>,
    #[serde(default)]
    pub names: Option<Vec<String>>,
}

/// Body of `copy_manifests/`: the source, and which manifests (by digest, by media type; all when neither).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManifestCopy {
    #[serde(default)]
    pub source_repository: Option<String>,
    #[serde(default)]
    pub source_repository_version: Option<String>,
    #[serde(default)]
    pub digests: Option<Vec<String>>,
    #[serde(default)]
    pub media_types: Option<Vec<String>>,
}

/// Download policy of a remote.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = PolicyDb6Enum))]
pub enum Policy {
    #[default]
    Immediate,
    OnDemand,
    Streamed,
}

impl Policy {
    pub const ALL: [&'static str; 3] = ["immediate", "on_demand", "streamed"];

    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Immediate => "immediate",
            Policy::OnDemand => "on_demand",
            Policy::Streamed => "streamed",
        }
    }

    pub fn parse(s: &str) -> Option<Policy> {
        match s {
            "immediate" => Some(Policy::Immediate),
            "on_demand" => Some(Policy::OnDemand),
            "streamed" => Some(Policy::Streamed),
            _ => None,
        }
    }
}

/// Whether a write-only field (password, …) holds a value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = HiddenFieldsResponse))]
pub struct HiddenField {
    pub name: String,
    pub is_set: bool,
}

/// One extra header of upstream requests, as Pulp stores them: `{"X-Name": "value"}` (one pair per object).
pub type Header = BTreeMap<String, String>;

/// A container remote: where sync fetches from. `username`, `password`, `client_key`, `proxy_username` and
/// `proxy_password` are write-only and appear only as `hidden_fields`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerRemoteResponse))]
pub struct Remote {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub name: String,
    pub url: String,
    pub pulp_labels: Labels,
    pub policy: Policy,
    pub hidden_fields: Vec<HiddenField>,
    #[serde(flatten)]
    pub settings: RemoteSettings,
    pub upstream_name: String,
    pub include_tags: Option<Vec<String>>,
    pub exclude_tags: Option<Vec<String>>,
}

/// The connection settings every kind of remote shows (Pulp's `RemoteSerializer` fields): TLS, proxy,
/// concurrency, retries, timeouts in seconds, extra headers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = RemoteSettingsResponse))]
pub struct RemoteSettings {
    /// PEM CA certificate(s) trusted for the upstream, besides the system's.
    #[serde(default)]
    pub ca_cert: Option<String>,
    /// PEM client certificate presented to the upstream (its key is write-only).
    #[serde(default)]
    pub client_cert: Option<String>,
    pub tls_validation: bool,
    pub proxy_url: Option<String>,
    #[serde(default)]
    pub max_retries: Option<u64>,
    #[serde(default)]
    pub total_timeout: Option<f64>,
    #[serde(default)]
    pub connect_timeout: Option<f64>,
    #[serde(default)]
    pub sock_connect_timeout: Option<f64>,
    #[serde(default)]
    pub sock_read_timeout: Option<f64>,
    #[serde(default)]
    pub headers: Vec<Header>,
    pub download_concurrency: Option<u64>,
    #[serde(default)]
    pub rate_limit: Option<u64>,
}

/// The writable fields every kind of remote shares (credentials, labels and the connection settings of
/// [`RemoteSettings`]); part of
/// [`RemoteWrite`] and [`PullThroughRemoteWrite`]. `Some(None)` clears a nullable field (sent as `null`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = RemoteSettingsWrite))]
pub struct RemoteSettingsWrite {
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub username: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub password: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub ca_cert: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_cert: Option<Option<String>>,
    /// Write-only: never shown, reported in `hidden_fields`.
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_key: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub tls_validation: Option<bool>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub proxy_url: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub proxy_username: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub proxy_password: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_retries: Option<Option<u64>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0))]
    pub total_timeout: Option<Option<f64>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0))]
    pub connect_timeout: Option<Option<f64>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0))]
    pub sock_connect_timeout: Option<Option<f64>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 0.0))]
    pub sock_read_timeout: Option<Option<f64>>,
    /// Replaces the extra headers; `null` or `[]` removes them.
    #[serde(
        default,
        deserialize_with = "wire::null_as_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub headers: Option<Vec<Header>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub download_concurrency: Option<Option<u64>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub rate_limit: Option<Option<u64>>,
    #[serde(
        default,
        deserialize_with = "wire::null_as_empty",
        skip_serializing_if = "Option::is_none"
    )]
    pub pulp_labels: Option<Labels>,
}

/// Body of container remote create, update (PUT: `name`, `url` and `upstream_name` required) and partial
/// update (PATCH).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerRemote))]
pub struct RemoteWrite {
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub url: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub upstream_name: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub policy: Option<Policy>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub include_tags: Option<Option<Vec<String>>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub exclude_tags: Option<Option<Vec<String>>>,
    #[serde(flatten)]
    pub settings: RemoteSettingsWrite,
}

/// Body of pull-through remote create, update (PUT: `name` and `url` required) and partial update (PATCH).
/// `includes`/`excludes` are glob patterns of upstream repository names; `cache_max_size` (bytes) and
/// `cache_max_age` (seconds unused) are pulpd's retention settings (not Pulp's).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerPullThroughRemote))]
pub struct PullThroughRemoteWrite {
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub url: Option<String>,
    /// Only `on_demand` is accepted.
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub policy: Option<Policy>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub includes: Option<Option<Vec<String>>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub excludes: Option<Option<Vec<String>>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub cache_max_size: Option<Option<u64>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable_number",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub cache_max_age: Option<Option<u64>>,
    #[serde(flatten)]
    pub settings: RemoteSettingsWrite,
}

/// A container distribution: serves a repository (its latest version) or one pinned repository version at
/// `registry_path` = registry host + "/" + `base_path`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerDistributionResponse))]
pub struct Distribution {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub name: String,
    pub base_path: String,
    pub repository: Option<String>,
    pub repository_version: Option<String>,
    pub registry_path: String,
    pub content_guard: Option<String>,
    pub private: bool,
    pub description: Option<String>,
    pub hidden: bool,
    pub pulp_labels: Labels,
    pub remote: Option<String>,
    /// The namespace of a distribution a push created (null for the others).
    #[serde(default)]
    pub namespace: Option<String>,
}

/// Body of distribution create, update (PUT) and partial update (PATCH). `repository` and
/// `repository_version` are `Some(None)` to clear them (sent as JSON null); a field left out keeps its value.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = container::ContainerDistribution))]
pub struct DistributionWrite {
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub base_path: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub repository: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub repository_version: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub content_guard: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub private: Option<bool>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub hidden: Option<bool>,
    #[serde(
        default,
        deserialize_with = "wire::null_as_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub pulp_labels: Option<Labels>,
}

/// Body of pull-through distribution create, update and partial update: a distribution's fields with the
/// pull-through `remote` instead of a repository.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::ToSchema),
    schema(as = container::ContainerPullThroughDistribution)
)]
pub struct PullThroughDistributionWrite {
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub name: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub base_path: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(required = true, nullable = false))]
    pub remote: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub content_guard: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub private: Option<bool>,
    #[serde(
        default,
        deserialize_with = "wire::nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "wire::not_null",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub hidden: Option<bool>,
    #[serde(
        default,
        deserialize_with = "wire::null_as_empty",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable = false))]
    pub pulp_labels: Option<Labels>,
}

impl PullThroughDistributionWrite {
    /// The fields it shares with a distribution's body (all but `remote`).
    pub fn common(&self) -> DistributionWrite {
        DistributionWrite {
            name: self.name.clone(),
            base_path: self.base_path.clone(),
            repository: None,
            repository_version: None,
            content_guard: self.content_guard.clone(),
            private: self.private,
            description: self.description.clone(),
            hidden: self.hidden,
            pulp_labels: self.pulp_labels.clone(),
        }
    }
}

/// States of a task. `waiting → running → completed | failed | canceled`; `canceling` while a running task
/// winds down after a cancel request.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = StateEnum))]
pub enum TaskState {
    Waiting,
    Running,
    Completed,
    Failed,
    Canceled,
    Canceling,
}

impl TaskState {
    pub const ALL: [&'static str; 6] = [
        "waiting",
        "running",
        "completed",
        "failed",
        "canceled",
        "canceling",
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Waiting => "waiting",
            TaskState::Running => "running",
            TaskState::Completed => "completed",
            TaskState::Failed => "failed",
            TaskState::Canceled => "canceled",
            TaskState::Canceling => "canceling",
        }
    }

    pub fn parse(s: &str) -> Option<TaskState> {
        match s {
            "waiting" => Some(TaskState::Waiting),
            "running" => Some(TaskState::Running),
            "completed" => Some(TaskState::Completed),
            "failed" => Some(TaskState::Failed),
            "canceled" => Some(TaskState::Canceled),
            "canceling" => Some(TaskState::Canceling),
            _ => None,
        }
    }

    /// Completed, failed or canceled: nothing will change any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            TaskState::Completed | TaskState::Failed | TaskState::Canceled
        )
    }
}

/// Progress of one step of a task (`total` is null when unknown).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ProgressReportResponse))]
pub struct ProgressReport {
    pub message: String,
    pub code: String,
    pub state: String,
    pub total: Option<u64>,
    pub done: u64,
    pub suffix: Option<String>,
}

/// Why a task failed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskError {
    pub description: String,
}

/// An asynchronous task.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = TaskResponse))]
pub struct Task {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub pulp_last_updated: String,
    pub state: TaskState,
    pub name: String,
    pub logging_cid: String,
    pub created_by: Option<String>,
    pub unblocked_at: Option<String>,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub error: Option<TaskError>,
    pub worker: Option<String>,
    pub parent_task: Option<String>,
    pub child_tasks: Vec<String>,
    pub task_group: Option<String>,
    pub progress_reports: Vec<ProgressReport>,
    pub created_resources: Vec<String>,
    /// The PRNs of `created_resources`, in the same order.
    #[serde(default)]
    pub created_resource_prns: Vec<String>,
    pub reserved_resources_record: Vec<String>,
    /// What the task returned (Pulp ≥ 3.86 puts a created object's representation here; pulpd has none, and
    /// pulp-cli then reads the object at `created_resources`).
    #[serde(default)]
    pub result: Option<serde_json::Value>,
    /// The API version the task was dispatched from.
    #[serde(default)]
    pub pulp_api_version: Option<String>,
}

/// Body of a task cancel (`PATCH` of the task): `{"state": "canceled"}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = PatchedTaskCancel))]
pub struct TaskCancel {
    pub state: String,
}

/// A user account. Passwords are write-only.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = UserResponse))]
pub struct User {
    pub pulp_href: String,
    pub id: u64,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub is_staff: bool,
    pub is_active: bool,
    pub date_joined: String,
}

/// A role given to a user (`/pulp/api/v3/users/{id}/roles/`): on one object (`content_object`) or, when that is
/// null, on every object of the role's model.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = UserRoleResponse))]
pub struct UserRole {
    pub pulp_href: String,
    pub prn: String,
    pub pulp_created: String,
    pub role: String,
    pub content_object: Option<String>,
    pub content_object_prn: Option<String>,
    pub description: String,
    pub permissions: Vec<String>,
    pub domain: Option<String>,
}

/// Body of `POST /pulp/api/v3/users/{id}/roles/`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = UserRole))]
pub struct UserRoleWrite {
    pub role: String,
    /// The object's href; `None` gives the role on every object of its model.
    pub content_object: Option<String>,
}

/// Body and answer of an object's `add_role/` and `remove_role/`: one role, the users (and groups) it is
/// given to or taken from.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NestedRole {
    pub role: String,
    #[serde(default)]
    pub users: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
}

/// An object's `list_roles/`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ObjectRolesResponse))]
pub struct ObjectRoles {
    pub roles: Vec<NestedRole>,
}

/// An object's `my_permissions/`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = MyPermissionsResponse))]
pub struct MyPermissions {
    pub permissions: Vec<String>,
}

/// One component's version in the status document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = VersionResponse))]
pub struct ComponentVersion {
    pub component: String,
    pub version: String,
    pub package: String,
    pub module: String,
    pub domain_compatible: bool,
}

/// A worker (or app) that is online.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = WorkerResponse))]
pub struct OnlineWorker {
    pub name: String,
    pub last_heartbeat: String,
    pub versions: BTreeMap<String, String>,
}

/// Bytes of the file system holding the data directory.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = StorageResponse))]
pub struct Storage {
    pub total: u64,
    pub used: u64,
    pub free: u64,
}

/// pulpd's addition to the status (Pulp has no such field): what the blob store and the pull-through caches
/// hold, and what the last orphan cleanup removed. The byte figures are computed at most once a minute
/// (`computed_at`) and after each cleanup, not on every request.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = BlobStorageResponse))]
pub struct BlobStorage {
    /// Bytes of the blobs whose bytes are stored (not `on_demand`), each once.
    pub stored_bytes: u64,
    /// Bytes of those that the pull-through caches' repositories reference, each once.
    pub pull_through_cache_bytes: u64,
    /// When the two figures above were computed.
    pub computed_at: String,
    /// The last orphan cleanup that completed, if any.
    pub last_cleanup: Option<CleanupSummary>,
}

/// What an orphan cleanup removed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = CleanupSummaryResponse))]
pub struct CleanupSummary {
    /// The cleanup task.
    pub task: String,
    pub finished_at: String,
    /// Content units (manifest and blob records) removed.
    pub units: u64,
    /// Blob files removed, and their bytes.
    pub files: u64,
    pub bytes: u64,
}

/// `GET /pulp/api/v3/status/`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = StatusResponse))]
pub struct Status {
    pub versions: Vec<ComponentVersion>,
    pub online_workers: Vec<OnlineWorker>,
    pub online_api_apps: Vec<OnlineWorker>,
    pub online_content_apps: Vec<OnlineWorker>,
    pub database_connection: serde_json::Value,
    pub storage: Storage,
    /// pulpd only (absent from Pulp's answer; `None` also when it could not be computed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob_storage: Option<BlobStorage>,
    pub content_settings: serde_json::Value,
    pub domain_enabled: bool,
}
