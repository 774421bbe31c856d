//! Content units as Pulp's content API shows them (`/pulp/api/v3/content/container/{tags,manifests,blobs}/`):
//! their ids, which units a query selects, and their API representation.
//!
//! Ids are derived from what a unit is, so an href is stable across replicas and restarts without a table of
//! ids: a manifest's or blob's id is the first 128 bits of its digest written as a UUID (resolved by a prefix
//! scan of the records keyed by digest); a tag's is the first 128 bits of the SHA-256 of its name and its
//! manifest's digest, resolved through the tag records [`Content`] keeps for every tag a version was made with.
//!
//! Like Pulp, units are global: a query without a repository version lists every unit of the kind (the
//! caller's view of them: see [`Scope`]), newest first.

use super::{BlobRecord, Content, ManifestRecord, Repositories, VersionContent, VersionRecord};
use crate::error::Result;
use crate::listing::{ListParams, Window};
use crate::store::Record;
use pulp_shared::{api, href};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The kinds of content unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Tag,
    Manifest,
    Blob,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Tag, Kind::Manifest, Kind::Blob];

    /// The collection its hrefs live under.
    pub fn collection(self) -> &'static str {
        match self {
            Kind::Tag => href::CONTENT_TAGS,
            Kind::Manifest => href::CONTENT_MANIFESTS,
            Kind::Blob => href::CONTENT_BLOBS,
        }
    }

    /// The kind and id an href names (`None`: not a container content href).
    pub fn parse_href(h: &str) -> Option<(Kind, &str)> {
        Kind::ALL.into_iter().find_map(|kind| {
            let id = h.strip_prefix(kind.collection())?.strip_suffix('/')?;
            href::is_uuid(id).then_some((kind, id))
        })
    }
}

/// A content unit: what it is, without its record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Tag { name: String, manifest: String },
    Manifest(String),
    Blob(String),
}

impl Unit {
    pub fn kind(&self) -> Kind {
        match self {
            Unit::Tag { .. } => Kind::Tag,
            Unit::Manifest(_) => Kind::Manifest,
            Unit::Blob(_) => Kind::Blob,
        }
    }

    /// Its content id (see the module doc).
    pub fn id(&self) -> String {
        match self {
            Unit::Tag { name, manifest } => tag_id(name, manifest),
            Unit::Manifest(d) | Unit::Blob(d) => digest_id(d),
        }
    }

    pub fn href(&self) -> String {
        href::resource(self.kind().collection(), &self.id())
    }

    /// The units of `kind` that `content` holds.
    fn of(kind: Kind, content: &VersionContent) -> BTreeSet<Unit> {
        match kind {
            Kind::Tag => content
                .tags
                .iter()
                .map(|(name, manifest)| Unit::Tag {
                    name: name.clone(),
                    manifest: manifest.clone(),
                })
                .collect(),
            Kind::Manifest => content
                .manifests
                .iter()
                .cloned()
                .map(Unit::Manifest)
                .collect(),
            Kind::Blob => content.blobs.iter().cloned().map(Unit::Blob).collect(),
        }
    }
}

/// The first 128 bits of `hex` written as a UUID.
fn uuid_of(hex: &str) -> String {
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The content id of the manifest or blob with `digest` (`<algorithm>:<hex>`, hex of at least 32 digits, as
/// every digest pulpd stores is).
pub fn digest_id(digest: &str) -> String {
    let hex = digest.split_once(':').map_or(digest, |(_, h)| h);
    if hex.len() >= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        uuid_of(&hex.to_ascii_lowercase())
    } else {
        // Not a digest pulpd accepts; an id that still names it uniquely enough.
        uuid_of(&hex_sha256(digest))
    }
}

/// The content id of tag `name` pointing at `manifest`.
pub fn tag_id(name: &str, manifest: &str) -> String {
    uuid_of(&hex_sha256(&format!("{name}\n{manifest}")))
}

fn hex_sha256(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A tag as a content unit: kept for every tag a version was made with, so its href resolves.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TagRecord {
    pub id: String,
    pub name: String,
    /// The digest of the manifest it names.
    pub manifest: String,
    pub created_ms: u64,
}

impl Record for TagRecord {
    fn id(&self) -> &str {
        &self.id
    }
}

impl TagRecord {
    pub fn new(name: &str, manifest: &str, created_ms: u64) -> TagRecord {
        TagRecord {
            id: tag_id(name, manifest),
            name: name.to_string(),
            manifest: manifest.to_string(),
            created_ms,
        }
    }
}

/// The repository versions a query is about, resolved and authorized by the caller.
#[derive(Debug, Default)]
pub struct Query {
    /// `repository_version`: units the version holds.
    pub in_version: Option<VersionRecord>,
    /// `repository_version_added`: units the version holds and the version before it did not.
    pub added_in: Option<VersionRecord>,
    /// `repository_version_removed`: units the version before it held and it does not.
    pub removed_in: Option<VersionRecord>,
}

impl Query {
    fn is_empty(&self) -> bool {
        self.in_version.is_none() && self.added_in.is_none() && self.removed_in.is_none()
    }
}

/// Which units a caller may see when no repository version narrows the query.
#[derive(Debug)]
pub enum Scope {
    /// Every unit (staff, or a model-wide view role on repositories).
    All,
    /// The units of these repositories' latest versions: `(repository id, latest version number)`.
    Latest(Vec<(String, u64)>),
}

/// A unit with what the API shows of it, read from its record.
enum Shown {
    Tag(TagRecord),
    Manifest(ManifestRecord),
    Blob(BlobRecord),
}

impl Shown {
    fn created_ms(&self) -> u64 {
        match self {
            Shown::Tag(t) => t.created_ms,
            Shown::Manifest(m) => m.created_ms.unwrap_or(0),
            Shown::Blob(b) => b.created_ms.unwrap_or(0),
        }
    }

    /// What `ordering=name|digest` sorts by.
    fn key(&self) -> &str {
        match self {
            Shown::Tag(t) => &t.name,
            Shown::Manifest(m) => &m.digest,
            Shown::Blob(b) => &b.digest,
        }
    }

    fn href(&self) -> String {
        match self {
            Shown::Tag(t) => href::resource(href::CONTENT_TAGS, &t.id),
            Shown::Manifest(m) => href::resource(href::CONTENT_MANIFESTS, &digest_id(&m.digest)),
            Shown::Blob(b) => href::resource(href::CONTENT_BLOBS, &digest_id(&b.digest)),
        }
    }
}

/// One content unit in its API shape.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Tag(api::ContentTag),
    Manifest(api::ContentManifest),
    Blob(api::ContentBlob),
}

/// The content API's service: units by id, and pages of them.
#[derive(Clone)]
pub struct Units {
    content: Content,
    repositories: Repositories,
}

impl Units {
    pub fn new(content: Content, repositories: Repositories) -> Units {
        Units {
            content,
            repositories,
        }
    }

    /// The unit of `kind` with content id `id`, if it exists.
    pub async fn get(&self, kind: Kind, id: &str) -> Result<Option<View>> {
        let Some(shown) = self.find(kind, id).await? else {
            return Ok(None);
        };
        Ok(Some(self.view(shown).await?))
    }

    /// The unit an href names (`content_hrefs` of orphan cleanup), if it exists.
    pub async fn resolve_href(&self, h: &str) -> Result<Option<Unit>> {
        let Some((kind, id)) = Kind::parse_href(h) else {
            return Ok(None);
        };
        Ok(self.find(kind, id).await?.map(|shown| match shown {
            Shown::Tag(t) => Unit::Tag {
                name: t.name,
                manifest: t.manifest,
            },
            Shown::Manifest(m) => Unit::Manifest(m.digest),
            Shown::Blob(b) => Unit::Blob(b.digest),
        }))
    }

    async fn find(&self, kind: Kind, id: &str) -> Result<Option<Shown>> {
        if !href::is_uuid(id) {
            return Ok(None);
        }
        let hex: String = id
            .chars()
            .filter(|c| *c != '-')
            .collect::<String>()
            .to_ascii_lowercase();
        Ok(match kind {
            Kind::Tag => self.content.tag_record(id).await?.map(Shown::Tag),
            Kind::Manifest => {
                let mut found = None;
                for algorithm in ["sha256", "sha512"] {
                    let records = self
                        .content
                        .manifests_with_prefix(&format!("{algorithm}:{hex}"))
                        .await?;
                    found = found.or(records.into_iter().next());
                }
                found.map(Shown::Manifest)
            }
            Kind::Blob => {
                let mut found = None;
                for algorithm in ["sha256", "sha512"] {
                    let records = self
                        .content
                        .blobs_with_prefix(&format!("{algorithm}:{hex}"))
                        .await?;
                    found = found.or(records.into_iter().next());
                }
                found.map(Shown::Blob)
            }
        })
    }

    /// What adding `units` to a repository brings (Pulp's recursive add): each tag with its manifest, each
    /// manifest with its blobs (config and layers) and, for an index, its children (those pulpd has records of:
    /// a pull-through cache may hold an index whose other platforms were never pulled) with theirs; blobs as
    /// they are.
    ///
    /// # Errors
    /// A field error on `content_units` when a tag's manifest no longer exists.
    pub async fn closure(&self, units: impl IntoIterator<Item = Unit>) -> Result<VersionContent> {
        let mut out = VersionContent::default();
        let mut todo: Vec<(String, bool)> = Vec::new();
        for unit in units {
            match unit {
                Unit::Tag { name, manifest } => {
                    out.tags.insert(name, manifest.clone());
                    todo.push((manifest, true));
                }
                Unit::Manifest(d) => todo.push((d, true)),
                Unit::Blob(d) => {
                    out.blobs.insert(d);
                }
            }
        }
        while let Some((digest, named)) = todo.pop() {
            if out.manifests.contains(&digest) {
                continue;
            }
            let Some(record) = self.content.manifest_record(&digest).await? else {
                if named {
                    return Err(crate::error::Error::field(
                        "content_units",
                        format!("The manifest {digest} no longer exists."),
                    ));
                }
                continue;
            };
            out.manifests.insert(digest);
            out.blobs.extend(record.blobs().cloned());
            todo.extend(record.children.into_iter().map(|c| (c.digest, false)));
        }
        Ok(out)
    }

    /// A page of the units of `kind` that `query` selects within `scope` and that pass `params`' filters
    /// (`name`, `name__in`, `digest`, `digest__in`, `media_type`, `pulp_href__in`), newest first unless
    /// `ordering` says otherwise (`pulp_created`, `name` for tags, `digest` for manifests and blobs).
    pub async fn list(
        &self,
        kind: Kind,
        query: &Query,
        scope: &Scope,
        params: &ListParams,
    ) -> Result<Window<View>> {
        let filter = Filter::parse(params);
        let mut shown = Vec::new();
        match self.selected(kind, query, scope).await? {
            Some(units) => {
                for unit in units {
                    if !filter.unit(&unit) {
                        continue;
                    }
                    if let Some(s) = self.record_of(unit).await? {
                        shown.push(s);
                    }
                }
            }
            None => match kind {
                Kind::Tag => {
                    shown.extend(self.content.all_tags().await?.into_iter().map(Shown::Tag))
                }
                Kind::Manifest => shown.extend(
                    self.content
                        .manifests_with_prefix("")
                        .await?
                        .into_iter()
                        .map(Shown::Manifest),
                ),
                Kind::Blob => shown.extend(
                    self.content
                        .blobs_with_prefix("")
                        .await?
                        .into_iter()
                        .map(Shown::Blob),
                ),
            },
        }
        let mut shown: Vec<Shown> = shown.into_iter().filter(|s| filter.shown(s)).collect();
        let (field, descending) = params.sort("-pulp_created");
        match field {
            "name" | "digest" => shown.sort_by(|a, b| a.key().cmp(b.key())),
            _ => shown.sort_by(|a, b| (a.created_ms(), a.key()).cmp(&(b.created_ms(), b.key()))),
        }
        if descending {
            shown.reverse();
        }
        let count = shown.len() as u64;
        let mut items = Vec::new();
        for s in shown.into_iter().skip(params.offset).take(params.limit) {
            items.push(self.view(s).await?);
        }
        Ok(Window { count, items })
    }

    /// The units of `kind` the query's versions select (`None`: no version given and every unit is in scope).
    async fn selected(
        &self,
        kind: Kind,
        query: &Query,
        scope: &Scope,
    ) -> Result<Option<BTreeSet<Unit>>> {
        if query.is_empty() {
            return match scope {
                Scope::All => Ok(None),
                Scope::Latest(repositories) => {
                    let mut units = BTreeSet::new();
                    for (id, latest) in repositories {
                        units.extend(Unit::of(kind, &*self.content.version(id, *latest).await?));
                    }
                    Ok(Some(units))
                }
            };
        }
        let mut selected: Option<BTreeSet<Unit>> = None;
        let mut narrow = |units: BTreeSet<Unit>| {
            selected = Some(match selected.take() {
                None => units,
                Some(s) => s.intersection(&units).cloned().collect(),
            });
        };
        if let Some(v) = &query.in_version {
            narrow(Unit::of(
                kind,
                &*self.content.version(&v.repository_id, v.number).await?,
            ));
        }
        if let Some(v) = &query.added_in {
            let (before, now) = self.around(v, kind).await?;
            narrow(now.difference(&before).cloned().collect());
        }
        if let Some(v) = &query.removed_in {
            let (before, now) = self.around(v, kind).await?;
            narrow(before.difference(&now).cloned().collect());
        }
        Ok(selected)
    }

    /// The units of `kind` in the version before `v` (the newest older one that exists; none for the first)
    /// and in `v`.
    async fn around(
        &self,
        v: &VersionRecord,
        kind: Kind,
    ) -> Result<(BTreeSet<Unit>, BTreeSet<Unit>)> {
        let now = Unit::of(
            kind,
            &*self.content.version(&v.repository_id, v.number).await?,
        );
        let before = match self
            .repositories
            .previous_version(&v.repository_id, v.number)
            .await?
        {
            Some(n) => Unit::of(kind, &*self.content.version(&v.repository_id, n).await?),
            None => BTreeSet::new(),
        };
        Ok((before, now))
    }

    /// The record of `unit` (a tag version content names whose record predates tag records gets one made
    /// up, created at the epoch; a manifest or blob without a record is left out).
    async fn record_of(&self, unit: Unit) -> Result<Option<Shown>> {
        Ok(match unit {
            Unit::Tag { name, manifest } => Some(Shown::Tag(
                match self.content.tag_record(&tag_id(&name, &manifest)).await? {
                    Some(t) => t,
                    None => TagRecord::new(&name, &manifest, 0),
                },
            )),
            Unit::Manifest(d) => self.content.manifest_record(&d).await?.map(Shown::Manifest),
            Unit::Blob(d) => self.content.blob(&d).await?.map(Shown::Blob),
        })
    }

    /// The API shape of a unit.
    async fn view(&self, shown: Shown) -> Result<View> {
        let pulp_href = shown.href();
        let created = timestamp(shown.created_ms());
        let prn = href::prn_of(&pulp_href).unwrap_or_default();
        Ok(match shown {
            Shown::Tag(t) => View::Tag(api::ContentTag {
                prn,
                pulp_created: created.clone(),
                pulp_last_updated: created,
                pulp_labels: BTreeMap::new(),
                vuln_report: None,
                tagged_manifest: href::resource(href::CONTENT_MANIFESTS, &digest_id(&t.manifest)),
                name: t.name,
                pulp_href,
            }),
            Shown::Manifest(m) => {
                let blob_href = |d: &String| href::resource(href::CONTENT_BLOBS, &digest_id(d));
                let mut compressed = None;
                if !super::model::is_list(&m.media_type) {
                    let mut sum = 0u64;
                    let mut known = true;
                    for layer in &m.layers {
                        match self.content.blob(layer).await?.and_then(|b| b.size) {
                            Some(size) => sum += size,
                            None => known = false,
                        }
                    }
                    compressed = known.then_some(sum);
                }
                View::Manifest(api::ContentManifest {
                    prn,
                    pulp_created: created.clone(),
                    pulp_last_updated: created,
                    pulp_labels: BTreeMap::new(),
                    vuln_report: None,
                    schema_version: 2,
                    listed_manifests: m
                        .children
                        .iter()
                        .map(|c| href::resource(href::CONTENT_MANIFESTS, &digest_id(&c.digest)))
                        .collect(),
                    config_blob: m.config.as_ref().map(blob_href),
                    blobs: m.blobs().map(blob_href).collect(),
                    annotations: m.annotations.clone(),
                    labels: BTreeMap::new(),
                    is_bootable: false,
                    is_flatpak: false,
                    manifest_type: manifest_type(&m).to_string(),
                    compressed_image_size: compressed,
                    media_type: m.media_type,
                    digest: m.digest,
                    pulp_href,
                })
            }
            Shown::Blob(b) => View::Blob(api::ContentBlob {
                prn,
                pulp_created: created.clone(),
                pulp_last_updated: created,
                pulp_labels: BTreeMap::new(),
                vuln_report: None,
                artifact: None,
                digest: b.digest,
                pulp_href,
            }),
        })
    }
}

/// Pulp's manifest `type`: `index` for an index or manifest list, `image` for a container image, `artifact`
/// for other OCI artifacts.
fn manifest_type(m: &ManifestRecord) -> &'static str {
    const IMAGE_CONFIGS: [&str; 2] = [
        "application/vnd.oci.image.config.v1+json",
        "application/vnd.docker.container.image.v1+json",
    ];
    if super::model::is_list(&m.media_type) {
        "index"
    } else if m.artifact_type().is_none_or(|t| IMAGE_CONFIGS.contains(&t)) {
        "image"
    } else {
        "artifact"
    }
}

/// Milliseconds since the epoch as Pulp's timestamps.
fn timestamp(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(i64::try_from(ms).unwrap_or(i64::MAX))
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// The filters of a content list other than the repository versions.
struct Filter {
    names: Option<BTreeSet<String>>,
    digests: Option<BTreeSet<String>>,
    media_types: Option<BTreeSet<String>>,
    hrefs: Option<BTreeSet<String>>,
}

impl Filter {
    fn parse(params: &ListParams) -> Filter {
        let set = |keys: &[&str]| -> Option<BTreeSet<String>> {
            let mut found: Option<BTreeSet<String>> = None;
            for key in keys {
                if let Some(v) = params.filter(key) {
                    let values: BTreeSet<String> = v.split(',').map(str::to_string).collect();
                    found = Some(match found {
                        None => values,
                        Some(f) => f.intersection(&values).cloned().collect(),
                    });
                }
            }
            found
        };
        Filter {
            names: set(&["name", "name__in"]),
            digests: set(&["digest", "digest__in"]),
            media_types: set(&["media_type"]),
            hrefs: set(&["pulp_href__in"]),
        }
    }

    /// What can be decided from the unit alone (before its record is read).
    fn unit(&self, unit: &Unit) -> bool {
        let (name, digest) = match unit {
            Unit::Tag { name, manifest } => (Some(name), manifest),
            Unit::Manifest(d) | Unit::Blob(d) => (None, d),
        };
        self.names
            .as_ref()
            .is_none_or(|n| name.is_some_and(|name| n.contains(name)))
            && self.digests.as_ref().is_none_or(|d| d.contains(digest))
            && self.hrefs.as_ref().is_none_or(|h| h.contains(&unit.href()))
    }

    fn shown(&self, shown: &Shown) -> bool {
        let unit = match shown {
            Shown::Tag(t) => Unit::Tag {
                name: t.name.clone(),
                manifest: t.manifest.clone(),
            },
            Shown::Manifest(m) => Unit::Manifest(m.digest.clone()),
            Shown::Blob(b) => Unit::Blob(b.digest.clone()),
        };
        let media_type = match shown {
            Shown::Manifest(m) => Some(m.media_type.as_str()),
            Shown::Blob(b) => b.media_type.as_deref(),
            Shown::Tag(_) => None,
        };
        self.unit(&unit)
            && self
                .media_types
                .as_ref()
                .is_none_or(|t| media_type.is_some_and(|m| t.contains(m)))
    }
}
