//! The bench's command line (every flag in one place) and the [`Settings`] a run derives from it.

use clap::Parser;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Duration;

/// Benchmark pulpd against CNCF Distribution (Debian's docker-registry) on the same machine and data.
///
/// Builds the release binaries, starts both servers on loopback with temp data dirs, loads both with the same
/// offline test images, runs every workload against both and prints a table of pulpd's figure, Distribution's,
/// their ratio and the target. Needs root (skopeo), docker-registry, skopeo and busybox-static.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Args {
    /// A one-minute smoke run: shorter loads, smaller images and counts (every row is still measured)
    #[arg(long)]
    pub quick: bool,

    /// Also write the results as JSON to FILE
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,

    /// Do not run `cargo build --release -p pulpd -p pulpc` first
    #[arg(long)]
    pub no_build: bool,

    /// Directory holding the pulpd and pulpc binaries [default: the directory of this executable]
    #[arg(long, value_name = "DIR")]
    pub bin_dir: Option<PathBuf>,

    /// Seconds of each manifest and blob load (per server) [default: 10, --quick 2]
    #[arg(long, value_name = "SECS")]
    pub duration: Option<f64>,

    /// Run only these workload groups (comma-separated); the idle memory row always runs
    #[arg(long, value_enum, value_delimiter = ',', value_name = "GROUP")]
    pub only: Vec<Group>,

    /// Internal: run as the manifest floor server answering with FILE's bytes (the bench starts it itself)
    #[arg(long, value_name = "FILE", hide = true)]
    pub floor_manifest: Option<PathBuf>,

    /// Internal: the floor server's Content-Type
    #[arg(long, hide = true)]
    pub floor_media_type: Option<String>,

    /// Internal: the floor server's Docker-Content-Digest
    #[arg(long, hide = true)]
    pub floor_digest: Option<String>,
}

/// A group of rows, for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Group {
    /// Manifest GET by tag and HEAD by digest
    Manifest,
    /// Blob GET throughput, 1 and 8 streams
    Blob,
    /// Peak RSS while serving the big layer
    Memory,
    /// Cold and warm skopeo copy through pull-through
    PullThrough,
    /// Distribution creates through the API and pulpc
    Api,
    /// Deep page against first page of the distribution list, and the same pages at 1k and 100k
    Listing,
    /// Manifest GET with a bearer token (restarts pulpd with token auth on)
    Token,
    /// Start time and idle RSS with 100,000 distributions in the store
    Startup,
    /// skopeo copy into each registry, and manifest PUTs per second
    Push,
    /// Orphan cleanup of 10,000 units, and the manifest GET p99 while it runs
    Lifecycle,
    /// Blob GET from S3 through pulpd with --blob-redirect against straight from the S3 server (SeaweedFS,
    /// PULPD_TEST_WEED as scripts/test installs it)
    S3Redirect,
    /// Manifest GET through pulpd on PostgreSQL metadata against Distribution (Debian's postgresql)
    PostgresManifest,
}

impl Args {
    /// Whether `group` runs in this invocation.
    pub fn runs(&self, group: Group) -> bool {
        self.only.is_empty() || self.only.contains(&group)
    }
}

/// Sizes, counts and durations of one run.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub quick: bool,
    /// Length of each manifest load and each blob throughput load.
    #[serde(serialize_with = "secs")]
    pub load_duration: Duration,
    /// Connections of the manifest loads.
    pub connections: usize,
    /// Layer size of the blob GET and pull-through image, MiB.
    pub blob_mb: u64,
    /// Parallel streams of the second blob GET row.
    pub blob_streams: usize,
    /// Layer size of the memory workloads' image, MiB. Never `blob_mb`: each size is its own image
    /// (`library/big<N>`).
    pub huge_mb: u64,
    /// Distribution creates timed through the API.
    pub api_creates: usize,
    /// `pulpc distribution create` runs timed.
    pub pulpc_runs: usize,
    /// Distributions present for the listing workload.
    pub listing_total: usize,
    /// Length of each listing load (one connection).
    #[serde(serialize_with = "secs")]
    pub listing_duration: Duration,
    /// Distributions of the small and the large store of the listing scale rows (same pages compared).
    pub listing_scale: (usize, usize),
    /// Distributions in the store for the startup rows.
    pub startup_objects: usize,
    /// How long pulpd sits after start before its idle RSS is read.
    #[serde(serialize_with = "secs")]
    pub idle_settle: Duration,
    /// `skopeo copy` pushes of the blob image timed into each registry (medians).
    pub push_copy_samples: usize,
    /// Distinct manifests PUT (measured) into each registry.
    pub push_put_manifests: usize,
    /// Manifests PUT before the measured ones, unmeasured.
    pub push_put_warmup: usize,
    /// Connections of the manifest PUT load.
    pub push_put_connections: usize,
    /// Orphaned content units the cleanup row removes.
    pub cleanup_units: usize,
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl Settings {
    pub fn from_args(args: &Args) -> Settings {
        let quick = args.quick;
        let load = args.duration.unwrap_or(if quick { 2.0 } else { 10.0 });
        Settings {
            quick,
            load_duration: Duration::from_secs_f64(load),
            connections: 32,
            blob_mb: if quick { 64 } else { 256 },
            blob_streams: 8,
            huge_mb: if quick { 128 } else { 1024 },
            api_creates: if quick { 50 } else { 200 },
            pulpc_runs: if quick { 10 } else { 40 },
            listing_total: if quick { 1_000 } else { 10_000 },
            listing_duration: Duration::from_secs(if quick { 1 } else { 3 }),
            listing_scale: (1_000, if quick { 10_000 } else { 100_000 }),
            startup_objects: if quick { 10_000 } else { 100_000 },
            idle_settle: Duration::from_millis(if quick { 500 } else { 2000 }),
            push_copy_samples: if quick { 1 } else { 3 },
            push_put_manifests: if quick { 400 } else { 2_000 },
            push_put_warmup: if quick { 40 } else { 200 },
            push_put_connections: 8,
            cleanup_units: if quick { 1_000 } else { 10_000 },
        }
    }
}
