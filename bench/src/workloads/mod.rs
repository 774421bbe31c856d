//! One module per group of workloads. Each measures pulpd and, where there is one, the peer in the same run
//! on the same data, and returns finished [`Row`](crate::report::Row)s; a workload that cannot run (a feature
//! missing, a setup step failing) still returns its rows, with the reason in place of the figure.
//!
//! - [`manifest`]: manifest GET by tag and HEAD by digest, 32 connections.
//! - [`blob`]: blob GET throughput, one stream and several.
//! - [`token`]: the manifest GET with a Bearer token, pulpd restarted with token auth on.
//! - [`pull_through`]: cold and warm copies through pulpd's pull-through cache: `skopeo copy`, and the
//!   bench's registry client ([`crate::pull`]).
//! - [`push`]: `skopeo copy` of the blob image into each registry, and manifest PUTs per second.
//! - [`api`]: distribution creates through the API and through `pulpc`.
//! - [`listing`]: a deep page of 10,000 distributions against the first page; the same pages at 1,000 and
//!   100,000 distributions.
//! - [`memory`]: pulpd's RSS idle, while syncing, and while serving a big layer.
//! - [`startup`]: start time and idle RSS with 100,000 distributions in the store.
//! - [`lifecycle`]: an orphan cleanup of 10,000 units, and the manifest GET p99 while it runs.
//! - [`scale_out`]: blob GET from S3 with `--blob-redirect` against direct, manifest GET on PostgreSQL.

pub mod api;
pub mod blob;
pub mod lifecycle;
pub mod listing;
pub mod manifest;
pub mod memory;
pub mod pull_through;
pub mod push;
pub mod scale_out;
pub mod startup;
pub mod token;

use crate::cli::Settings;
use crate::report::Figure;
use std::time::Duration;
use tokio::runtime::Runtime;

/// What every workload gets.
pub struct Ctx<'a> {
    /// The bench's one runtime (current-thread): load generator and API client.
    pub rt: &'a Runtime,
    pub settings: &'a Settings,
    /// Why pulpd's registry figures cannot be measured in this run (its content could not be loaded), if so.
    pub blocked: Option<&'a str>,
}

/// pulpd's figure, unless an earlier step already made it impossible (e.g. content could not be synced).
pub fn unless_blocked(blocked: Option<&str>, measure: impl FnOnce() -> Figure) -> Figure {
    match blocked {
        Some(why) => Figure::Failed(why.to_string()),
        None => measure(),
    }
}

/// An unmeasured warm-up before each load: a tenth of it, at most one second.
pub fn warmup(duration: Duration) -> Duration {
    (duration / 10).min(Duration::from_secs(1))
}

/// The median of `values` (sorted in place; not empty).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}
