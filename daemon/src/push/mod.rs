//! The write side of the registry, as domain logic: who may push where, the push repository a name writes to
//! (created with its namespace and distribution on the first push, as Pulp does), blob uploads ([`uploads`]),
//! manifest pushes (each one a new repository version), referrers, and deletes. No HTTP types here;
//! `http/registry/` maps [`Error`] to OCI error bodies.
//!
//! Invariants:
//! - only push repositories are written through `/v2/`: a name served by a sync repository or below a pull-through
//!   distribution is refused ([`Error::Denied`] saying why), whoever asks;
//! - a manifest enters a version only when everything it references is there: an image manifest's config and
//!   layers are stored and belong to the repository (in its latest version or uploaded to it and pending), an
//!   index's children are in the latest version; otherwise nothing is written;
//! - a blob uploaded to a repository is *pending* there (visible to `HEAD`/`GET`, mountable, usable by a manifest)
//!   until a manifest takes it into a version; pending entries are per repository, so a blob uploaded elsewhere
//!   stays unknown here until mounted (the pusher must be allowed to read the source);
//! - bytes are stored before any record points at them (blob store first, then metadata).

pub mod uploads;

use crate::auth::policy::Policy;
use crate::auth::roles::{Action, Model};
use crate::auth::Identity;
use crate::blobs::{BlobStore, Digest};
use crate::content::model::{BlobRecord, ManifestRecord};
use crate::content::{Repositories, RepositoryKind, RepositoryRecord, VersionContent};
use crate::distributions::{DistributionKind, DistributionRecord, Distributions};
use crate::namespaces::{NamespaceRecord, Namespaces};
use crate::store::{self, Record, Store, Table};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
pub use uploads::Uploads;

/// Largest manifest accepted (the distribution spec's suggested minimum a registry must take is 4 MiB).
pub const MAX_MANIFEST_BYTES: usize = 4 * 1024 * 1024;

/// Errors of the write side, by the OCI condition they become.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("upload unknown to registry")]
    UploadUnknown,
    /// A chunk that does not start where the upload ends (416 with the current `Range`).
    #[error("{why}")]
    RangeInvalid { len: u64, why: String },
    #[error("{0}")]
    DigestInvalid(String),
    #[error("{0}")]
    SizeInvalid(String),
    /// The request body ended early or failed.
    #[error("{0}")]
    Incomplete(String),
    #[error("blob unknown to registry")]
    BlobUnknown,
    #[error("manifest invalid: {0}")]
    ManifestInvalid(String),
    #[error("manifest references blob {0}, which this repository does not have")]
    ManifestBlobUnknown(String),
    #[error("manifest unknown: {0}")]
    ManifestUnknown(String),
    #[error("repository name not known to registry")]
    NameUnknown,
    /// Nobody may write here; the message says why.
    #[error("{0}")]
    Denied(String),
    #[error(transparent)]
    InsufficientStorage(#[from] crate::space::InsufficientStorage),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<store::Error> for Error {
    fn from(e: store::Error) -> Self {
        Error::Internal(anyhow::Error::new(e))
    }
}

impl From<crate::error::Error> for Error {
    fn from(e: crate::error::Error) -> Self {
        match e {
            crate::error::Error::InsufficientStorage(e) => Error::InsufficientStorage(e),
            e => Error::Internal(anyhow::Error::new(e)),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A blob uploaded (or mounted) into a push repository that no version holds yet.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct PendingBlob {
    /// `<repository id>/<digest>`.
    key: String,
    /// Milliseconds since the epoch when it was uploaded (for the lifecycle's protection time).
    added_ms: u64,
}

impl Record for PendingBlob {
    fn id(&self) -> &str {
        &self.key
    }
}

/// An entry of the referrers index: manifest `digest` names `subject`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Referrer {
    /// `<subject>/<digest>`.
    key: String,
}

impl Record for Referrer {
    fn id(&self) -> &str {
        &self.key
    }
}

/// Blobs pending in push repositories (shared with the read side, which serves them).
#[derive(Clone)]
pub struct PendingBlobs {
    table: Table<PendingBlob>,
}

impl PendingBlobs {
    pub fn open(store: &Store) -> store::Result<PendingBlobs> {
        Ok(PendingBlobs {
            table: store.table("push_pending_blobs", &[])?,
        })
    }

    /// Whether `digest` is pending in repository `repo_id`.
    pub async fn contains(&self, repo_id: &str, digest: &str) -> store::Result<bool> {
        Ok(self
            .table
            .get(&format!("{repo_id}/{digest}"))
            .await?
            .is_some())
    }

    /// Every digest pending in some push repository (orphan cleanup keeps them).
    pub async fn digests(&self) -> store::Result<std::collections::HashSet<String>> {
        let mut scan = self.table.scan("", store::Order::Asc);
        let mut out = std::collections::HashSet::new();
        while let Some(p) = scan.next().await? {
            if let Some((_, digest)) = p.key.split_once('/') {
                out.insert(digest.to_string());
            }
        }
        Ok(out)
    }

    async fn add(&self, repo_id: &str, digest: &str) -> store::Result<()> {
        self.table
            .put(&PendingBlob {
                key: format!("{repo_id}/{digest}"),
                added_ms: crate::tasks::workers::now_ms(),
            })
            .await
    }

    async fn remove(&self, repo_id: &str, digest: &str) -> store::Result<()> {
        self.table.remove(&format!("{repo_id}/{digest}")).await?;
        Ok(())
    }
}

/// Where a push to a name goes.
#[derive(Debug, Clone)]
pub struct PushTarget {
    pub repository: RepositoryRecord,
    pub distribution: DistributionRecord,
}

/// Whether a caller may push to a name, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Allowed,
    /// Not with these credentials (another user might).
    NotPermitted,
    /// Nobody may push here: the message says why.
    Refused(String),
}

/// The write side.
#[derive(Clone)]
pub struct Push {
    pub uploads: Uploads,
    pub pending: PendingBlobs,
    referrers: Table<Referrer>,
    repositories: Repositories,
    distributions: Distributions,
    namespaces: Namespaces,
    policy: Policy,
    blobs: Arc<dyn BlobStore>,
}

/// The namespace of a repository name: its first path component.
pub fn namespace_of(name: &str) -> &str {
    name.split('/').next().unwrap_or(name)
}

impl Push {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: &Store,
        uploads: Uploads,
        pending: PendingBlobs,
        repositories: Repositories,
        distributions: Distributions,
        namespaces: Namespaces,
        policy: Policy,
        blobs: Arc<dyn BlobStore>,
    ) -> store::Result<Push> {
        Ok(Push {
            uploads,
            pending,
            referrers: store.table("referrers", &[])?,
            repositories,
            distributions,
            namespaces,
            policy,
            blobs,
        })
    }

    /// Why nobody may push to `distribution`, if so.
    async fn refusal(&self, distribution: &DistributionRecord) -> Result<Option<String>> {
        if distribution.kind == DistributionKind::PullThrough || distribution.parent.is_some() {
            return Ok(Some(format!(
                "{} is a pull-through cache; it cannot be pushed to",
                distribution.base_path
            )));
        }
        match self.served_push_repository(distribution).await? {
            Some(_) => Ok(None),
            None => Ok(Some(format!(
                "{} serves a repository that is not a push repository (synced or managed through the API); \
                 push to a new name instead",
                distribution.base_path
            ))),
        }
    }

    /// The push repository `distribution` serves, if it serves one (latest version, not pinned).
    async fn served_push_repository(
        &self,
        distribution: &DistributionRecord,
    ) -> Result<Option<RepositoryRecord>> {
        if distribution.repository_version.is_some() {
            return Ok(None);
        }
        let Some(h) = &distribution.repository else {
            return Ok(None);
        };
        let Ok((_, id)) = pulp_shared::href::parse_repository(h) else {
            return Ok(None);
        };
        match self.repositories.get(id).await {
            Ok(r) if r.kind == RepositoryKind::Push => Ok(Some(r)),
            Ok(_) | Err(crate::error::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether `who` (`None`: anonymous) may push to `name`. `existing` is the distribution at exactly `name`,
    /// and `below_pull_through` whether the name lies below a pull-through base path.
    pub async fn decide(
        &self,
        who: Option<&Identity>,
        name: &str,
        existing: Option<&DistributionRecord>,
        below_pull_through: bool,
    ) -> Result<Decision> {
        if below_pull_through {
            return Ok(Decision::Refused(format!(
                "{name} is below a pull-through cache; it cannot be pushed to"
            )));
        }
        if let Some(d) = existing {
            if let Some(why) = self.refusal(d).await? {
                return Ok(Decision::Refused(why));
            }
        }
        let Some(who) = who else {
            return Ok(Decision::NotPermitted);
        };
        if who.is_staff {
            return Ok(Decision::Allowed);
        }
        let namespace = self.namespaces.by_name(namespace_of(name)).await?;
        let allowed = match (existing, &namespace) {
            (Some(d), ns) => {
                self.policy
                    .allows(
                        who,
                        Model::ContainerDistribution,
                        Action::Push,
                        Some(&d.href()),
                    )
                    .await?
                    || match ns {
                        Some(ns) => {
                            self.policy
                                .allows(
                                    who,
                                    Model::ContainerNamespace,
                                    Action::NamespacePush,
                                    Some(&ns.href()),
                                )
                                .await?
                        }
                        None => false,
                    }
            }
            (None, Some(ns)) => {
                self.policy
                    .allows(
                        who,
                        Model::ContainerNamespace,
                        Action::NamespacePush,
                        Some(&ns.href()),
                    )
                    .await?
            }
            // A free namespace: whoever pushes first creates it and owns it.
            (None, None) => true,
        };
        Ok(if allowed {
            Decision::Allowed
        } else {
            Decision::NotPermitted
        })
    }

    /// The push repository and distribution for `name`, creating the namespace (owned by `who`), the push
    /// repository and its distribution on the first push. Callers have checked [`Push::decide`].
    pub async fn target(&self, who: Option<&Identity>, name: &str) -> Result<PushTarget> {
        if let Some(d) = self.distributions.by_base_path(name).await? {
            return self
                .target_at(d)
                .await?
                .ok_or_else(|| Error::Denied(format!("{name} serves no push repository")));
        }
        let (namespace, created): (NamespaceRecord, bool) =
            self.namespaces.ensure(namespace_of(name)).await?;
        if created {
            if let Some(who) = who {
                self.policy.make_owner(who, &namespace.href()).await?;
            }
            tracing::info!(namespace = namespace.name, "created a namespace by a push");
        }
        let repository = self
            .repositories
            .create_push(name)
            .await
            .map_err(|e| match e {
                crate::error::Error::Invalid(_) => Error::Denied(format!(
                    "a repository named {name} exists and is not a push repository"
                )),
                e => e.into(),
            })?;
        let distribution = self
            .distributions
            .create_push(name, &repository, &namespace)
            .await?;
        tracing::info!(name, "created a push repository and its distribution");
        Ok(PushTarget {
            repository,
            distribution,
        })
    }

    /// The push repository already serving `name` (for deletes and upload sessions, which never create one).
    pub async fn existing_target(&self, name: &str) -> Result<PushTarget> {
        let d = self
            .distributions
            .by_base_path(name)
            .await?
            .ok_or(Error::NameUnknown)?;
        self.target_at(d).await?.ok_or(Error::NameUnknown)
    }

    /// The push target distribution `d` is, `None` when it serves no push repository.
    ///
    /// # Errors
    /// [`Error::Denied`] when nobody may push to it (see [`Push::refusal`]).
    async fn target_at(&self, d: DistributionRecord) -> Result<Option<PushTarget>> {
        if let Some(why) = self.refusal(&d).await? {
            return Err(Error::Denied(why));
        }
        Ok(self
            .served_push_repository(&d)
            .await?
            .map(|repository| PushTarget {
                repository,
                distribution: d,
            }))
    }

    /// Records that blob `digest` (`size` bytes, stored) was uploaded into `target`'s repository.
    pub async fn blob_uploaded(
        &self,
        target: &PushTarget,
        digest: &Digest,
        size: u64,
    ) -> Result<()> {
        let content = &self.repositories.content;
        let _writing = content.writing().await;
        // Written even when a record exists: the write stamps it young, so orphan cleanup spares it for its
        // protection time, during which the pusher sends the manifest (see `crate::orphans`).
        let record = match content.blob(digest.as_str()).await? {
            Some(existing) => BlobRecord {
                size: Some(size),
                on_demand: None,
                origin: None,
                ..existing
            },
            None => BlobRecord {
                digest: digest.to_string(),
                size: Some(size),
                media_type: None,
                on_demand: None,
                origin: None,
                created_ms: None,
            },
        };
        content.put_blob(&record).await?;
        self.pending
            .add(&target.repository.id, digest.as_str())
            .await?;
        // An orphan cleanup that found no record may have deleted the file before we held the gate.
        if self
            .blobs
            .contains(digest)
            .await
            .map_err(|e| Error::Internal(e.into()))?
            .is_none()
        {
            return Err(Error::BlobUnknown);
        }
        Ok(())
    }

    /// Whether `digest` is readable in `target`'s repository: in its latest version or pending there.
    pub async fn has_blob(&self, target: &PushTarget, digest: &str) -> Result<bool> {
        let latest = self
            .repositories
            .latest_content(&target.repository.id)
            .await?;
        Ok(latest.blobs.contains(digest)
            || self.pending.contains(&target.repository.id, digest).await?)
    }

    /// Mounts blob `digest`, stored and readable by the pusher (checked by the caller), into `target`.
    /// `Ok(None)` when the blob is not stored (the client then uploads it).
    pub async fn mount(&self, target: &PushTarget, digest: &Digest) -> Result<Option<u64>> {
        let Some(size) = self
            .blobs
            .contains(digest)
            .await
            .map_err(|e| Error::Internal(e.into()))?
        else {
            return Ok(None);
        };
        self.blob_uploaded(target, digest, size).await?;
        Ok(Some(size))
    }

    /// Stores manifest `bytes` pushed to `target` as `reference` (a tag or a digest) with `content_type`, and
    /// makes the new repository version. Returns the manifest's record (its digest is the reference's when the
    /// reference is a digest, else sha256).
    pub async fn put_manifest(
        &self,
        target: &PushTarget,
        reference: &str,
        content_type: Option<&str>,
        bytes: &[u8],
    ) -> Result<ManifestRecord> {
        if bytes.len() > MAX_MANIFEST_BYTES {
            return Err(Error::SizeInvalid(format!(
                "a manifest may have at most {MAX_MANIFEST_BYTES} bytes"
            )));
        }
        let (digest, tag) = if reference.contains(':') {
            let wanted =
                Digest::parse(reference).map_err(|e| Error::DigestInvalid(e.to_string()))?;
            let actual = Digest::of(wanted.algorithm(), bytes);
            if actual != wanted {
                return Err(Error::DigestInvalid(format!(
                    "the manifest's digest is {actual}, not {wanted}"
                )));
            }
            (wanted, None)
        } else {
            (Digest::sha256_of(bytes), Some(reference))
        };
        let record = ManifestRecord::parse(&digest, bytes, content_type.unwrap_or(""))
            .map_err(|e| Error::ManifestInvalid(e.to_string()))?;
        if let (Some(ct), Some(declared)) = (content_type, declared_media_type(bytes)) {
            let ct = ct.split(';').next().unwrap_or(ct).trim();
            if !ct.is_empty() && ct != declared {
                return Err(Error::ManifestInvalid(format!(
                    "Content-Type {ct} does not match the manifest's mediaType {declared}"
                )));
            }
        }
        let repo_id = &target.repository.id;
        // From the check that the blobs are stored to the version naming them, no orphan cleanup deletes a file.
        let _writing = self.repositories.content.writing().await;
        // Pending first, then the latest version, read once: a concurrent push moves a blob from pending into a
        // version (version written first, pending entry removed after), so every blob found missing from pending
        // is in the version read after all the pending checks.
        let mut pending = Vec::new();
        for blob in record.blobs() {
            pending.push(self.pending.contains(repo_id, blob).await?);
        }
        let latest = self.repositories.latest_content(repo_id).await?;
        for (blob, pending) in record.blobs().zip(pending) {
            let stored = match Digest::parse(blob) {
                Ok(d) => self
                    .blobs
                    .contains(&d)
                    .await
                    .map_err(|e| Error::Internal(e.into()))?
                    .is_some(),
                Err(_) => false,
            };
            if !(pending || latest.blobs.contains(blob)) || !stored {
                return Err(Error::ManifestBlobUnknown(blob.clone()));
            }
        }
        for child in &record.children {
            if !latest.manifests.contains(&child.digest) {
                return Err(Error::ManifestUnknown(format!(
                    "the index references manifest {}, which this repository does not have",
                    child.digest
                )));
            }
        }
        self.repositories
            .content
            .put_manifest(&record, bytes)
            .await?;
        if let Some(subject) = &record.subject {
            self.referrers
                .put(&Referrer {
                    key: format!("{subject}/{}", record.digest),
                })
                .await?;
        }
        let blobs: Vec<String> = record.blobs().cloned().collect();
        let manifest_digest = record.digest.clone();
        self.repositories
            .modify(repo_id, |content: &VersionContent| {
                let mut next = content.clone();
                next.manifests.insert(manifest_digest.clone());
                next.blobs.extend(blobs.iter().cloned());
                if let Some(tag) = tag {
                    next.tags.insert(tag.to_string(), manifest_digest.clone());
                }
                Ok(next)
            })
            .await?;
        for blob in &blobs {
            self.pending.remove(repo_id, blob).await?;
        }
        Ok(record)
    }

    /// The manifests of `content` whose subject is `subject`, optionally only those of `artifact_type`.
    pub async fn referrers(
        &self,
        content: &VersionContent,
        subject: &str,
        artifact_type: Option<&str>,
    ) -> Result<Vec<ManifestRecord>> {
        let mut out = Vec::new();
        for r in self
            .referrers
            .all(&format!("{subject}/"), store::Order::Asc)
            .await?
        {
            let Some((_, digest)) = r.key.split_once('/') else {
                continue;
            };
            if !content.manifests.contains(digest) {
                continue;
            }
            let Some(m) = self.repositories.content.manifest_record(digest).await? else {
                continue;
            };
            if artifact_type.is_some_and(|t| m.artifact_type() != Some(t)) {
                continue;
            }
            out.push(m);
        }
        Ok(out)
    }

    /// Removes manifest `digest` and the tags pointing at it from `target`'s repository (a new version).
    pub async fn delete_manifest(&self, target: &PushTarget, digest: &str) -> Result<()> {
        let latest = self
            .repositories
            .latest_content(&target.repository.id)
            .await?;
        if !latest.manifests.contains(digest) {
            return Err(Error::ManifestUnknown(format!("no manifest {digest}")));
        }
        self.repositories
            .remove_image(&target.repository.id, digest)
            .await?;
        Ok(())
    }

    /// Removes tag `tag` from `target`'s repository (a new version); the manifest stays.
    pub async fn delete_tag(&self, target: &PushTarget, tag: &str) -> Result<()> {
        let latest = self
            .repositories
            .latest_content(&target.repository.id)
            .await?;
        if !latest.tags.contains_key(tag) {
            return Err(Error::ManifestUnknown(format!("no tag {tag:?}")));
        }
        self.repositories.untag(&target.repository.id, tag).await?;
        Ok(())
    }

    /// Unlinks blob `digest` from `target`'s repository (pending or in the latest version).
    pub async fn delete_blob(&self, target: &PushTarget, digest: &str) -> Result<()> {
        let repo_id = &target.repository.id;
        let pending = self.pending.contains(repo_id, digest).await?;
        let latest = self.repositories.latest_content(repo_id).await?;
        if !pending && !latest.blobs.contains(digest) {
            return Err(Error::BlobUnknown);
        }
        if pending {
            self.pending.remove(repo_id, digest).await?;
        }
        if latest.blobs.contains(digest) {
            let digest = digest.to_string();
            self.repositories
                .modify(repo_id, |content: &VersionContent| {
                    let mut next = content.clone();
                    next.blobs.remove(&digest);
                    Ok(next)
                })
                .await?;
        }
        Ok(())
    }
}

/// The `mediaType` a manifest's JSON declares, if any.
fn declared_media_type(bytes: &[u8]) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    v.get("mediaType")?.as_str().map(str::to_string)
}
