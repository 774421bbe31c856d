//! Repositories, their immutable versions, and the content they hold (manifests, tags, blobs).
//!
//! A repository always has a version 0 (empty) from its creation; `latest_version` is the highest number.
//! Versions are keyed `<repository id>/<number, zero-padded>` so a repository's versions are one prefix scan in
//! number order. [`model`] owns the content records and each version's content set; [`delta`] how a version's
//! content is stored as the change from its base; [`edit`] the pure changes of a content set (tag, untag, remove
//! an image).

pub mod delta;
pub mod edit;
pub mod model;
mod repositories;
pub mod units;

pub use model::{BlobRecord, Content, ManifestRecord, OnDemand, VersionContent};
pub use repositories::{
    Repositories, RepositoryKind, RepositoryRecord, SummaryCounts, VersionRecord,
};
