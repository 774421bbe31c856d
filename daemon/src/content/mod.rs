//! Repositories and their immutable versions.
//!
//! A repository always has a version 0 (empty) from its creation; `latest_version` is the highest number.
//! Versions are keyed `<repository id>/<number, zero-padded>` so a repository's versions are one prefix scan in
//! number order.

mod repositories;

pub use repositories::{Repositories, RepositoryRecord, SummaryCounts, VersionRecord};
