//! `bench`: pulpd against CNCF Distribution (Debian's `docker-registry`), measured in the same run, on the same
//! machine and the same data; every figure is a ratio against the peer (or, where there is no peer, an absolute
//! figure against its target). Run it with `cargo run --release -p bench -- [--quick] [--json FILE]`.
//!
//! # Layout
//! - [`cli`]: the flags and the [`cli::Settings`] (sizes, counts, durations) a run derives from them.
//! - [`servers`]: starting pulpd (release binary, temp data dir, ephemeral port) and the peer.
//! - [`references`]: the non-registry references: nginx (`sendfile on`) for blobs, a minimal hyper server
//!   answering from memory (the floor) for manifests.
//! - [`fixtures`]: the offline test images both servers get (`hello`, `big<N>`).
//! - [`api`]: an async client of pulpd's management API (sync, distributions, tasks, tokens).
//! - [`load`]: the load generator (fixed keep-alive connections, closed loops, HDR histograms).
//! - [`procfs`]: RSS, peak RSS and CPU time from `/proc`; pinning processes to CPUs.
//! - [`workloads`]: one module per group of rows.
//! - [`report`]: rows, verdicts, the table and the JSON.
//!
//! # Order of a run
//! Build the binaries; build the images; start Distribution and seed it with `skopeo copy`; start pulpd (idle
//! RSS); sync the huge image (sync peak RSS) and `hello` into pulpd from Distribution; pull-through (before the
//! blob image is synced, so its cold copy is cold); sync the blob image; then the manifest, blob, memory, API and
//! listing workloads with token auth off; last, restart pulpd on the same data with token auth on for the
//! bearer-token row. Exit status: 0 when the run completed (whatever the verdicts), 1 on error.

mod api;
mod cli;
mod fixtures;
mod load;
mod procfs;
mod pull;
mod references;
mod report;
mod servers;
mod workloads;

use anyhow::{bail, Context, Result};
use clap::Parser;
use cli::{Args, Group, Settings};
use fixtures::Fixtures;
use references::{Floor, Nginx};
use report::Report;
use servers::{Peer, Pulpd, ADMIN_PASSWORD};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;
use workloads::Ctx;

fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(manifest) = &args.floor_manifest {
        // The floor server's own process (see `references`): serves until the bench kills it.
        let served = references::serve_floor(
            manifest,
            args.floor_media_type.as_deref().unwrap_or_default(),
            args.floor_digest.as_deref().unwrap_or_default(),
        );
        if let Err(e) = served {
            eprintln!("error: the floor server: {e:#}");
        }
        return ExitCode::FAILURE;
    }
    match run(&args) {
        Ok(report) => {
            println!("{}", report.table());
            let details = report.details();
            if !details.is_empty() {
                println!("\nDetails:\n{details}");
            }
            let misses = report.misses();
            if misses.is_empty() {
                println!("pulpd meets every measured target.");
            } else {
                let names: Vec<&str> = misses.iter().map(|r| r.workload.as_str()).collect();
                println!(
                    "pulpd misses {} target(s): {}",
                    misses.len(),
                    names.join("; ")
                );
            }
            println!(
                "wall time {:.0} s ({:.0} s of it building)",
                report.wall_seconds, report.build_seconds
            );
            if let Some(path) = &args.json {
                let json =
                    serde_json::to_string_pretty(&report.to_json()).expect("the report serializes");
                if let Err(e) = std::fs::write(path, json + "\n") {
                    eprintln!("error: writing the results to {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                eprintln!("[bench] results written to {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The pulpd and pulpc executables.
struct Binaries {
    pulpd: PathBuf,
    pulpc: PathBuf,
}

/// `cargo build --release -p pulpd -p pulpc`, reading the executables' paths from cargo's JSON messages (so a
/// custom `CARGO_TARGET_DIR` works).
fn build_binaries() -> Result<Binaries> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the bench crate sits in the workspace root");
    eprintln!("[bench] cargo build --release -p pulpd -p pulpc");
    let out = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "-p",
            "pulpd",
            "-p",
            "pulpc",
            "--message-format=json-render-diagnostics",
        ])
        .current_dir(root)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running {}", cargo.to_string_lossy()))?;
    if !out.status.success() {
        bail!(
            "cargo build --release -p pulpd -p pulpc failed ({})",
            out.status
        );
    }
    let mut pulpd = None;
    let mut pulpc = None;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(name), Some(exe)) = (msg["target"]["name"].as_str(), msg["executable"].as_str())
        else {
            continue;
        };
        match name {
            "pulpd" => pulpd = Some(PathBuf::from(exe)),
            "pulpc" => pulpc = Some(PathBuf::from(exe)),
            _ => {}
        }
    }
    match (pulpd, pulpc) {
        (Some(pulpd), Some(pulpc)) => Ok(Binaries { pulpd, pulpc }),
        _ => bail!("cargo built no pulpd and pulpc executables"),
    }
}

/// The binaries in `dir` (default: next to this executable), which must exist.
fn binaries_in(dir: Option<&Path>) -> Result<Binaries> {
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => std::env::current_exe()?
            .parent()
            .context("this executable has no directory")?
            .to_path_buf(),
    };
    let found = Binaries {
        pulpd: dir.join("pulpd"),
        pulpc: dir.join("pulpc"),
    };
    for bin in [&found.pulpd, &found.pulpc] {
        if !bin.is_file() {
            bail!(
                "{} is missing: build it with `cargo build --release -p pulpd -p pulpc`",
                bin.display()
            );
        }
    }
    Ok(found)
}

fn run(args: &Args) -> Result<Report> {
    let started = Instant::now();
    let settings = Settings::from_args(args);
    let build_started = Instant::now();
    let bins = if args.no_build {
        binaries_in(args.bin_dir.as_deref())?
    } else if args.bin_dir.is_some() {
        bail!("--bin-dir needs --no-build (the build decides where the binaries go)");
    } else {
        build_binaries()?
    };
    let build_seconds = build_started.elapsed().as_secs_f64();
    // One runtime, one thread: the load generator can never take more than one of the two cores.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the tokio runtime")?;

    eprintln!(
        "[bench] test images ({} MiB and {} MiB layers)",
        settings.blob_mb, settings.huge_mb
    );
    let fixtures = Fixtures::build(settings.blob_mb, settings.huge_mb)?;
    let peer = Peer::start()?;
    eprintln!("[bench] seeding Distribution at {}", peer.upstream.url());
    peer.upstream
        .seed_images(&fixtures.all())
        .context("seeding Distribution")?;

    let mut pulpd = Pulpd::start(&bins.pulpd, false)?;
    eprintln!("[bench] pulpd at {} (token auth off)", pulpd.base_url());
    let mut rows = vec![workloads::memory::idle(pulpd.proc(), settings.idle_settle)];
    let api = api::Api::new(&pulpd.base_url(), "admin", ADMIN_PASSWORD);
    let ctx = Ctx {
        rt: &rt,
        settings: &settings,
        blocked: None,
    };

    // Content gets into pulpd the way it does for users: a sync from the upstream (Distribution). The huge
    // image first, under the memory meter.
    let upstream_url = peer.upstream.url();
    let mut blocked = None;
    if args.runs(Group::Memory) {
        let (sync_row, huge_synced) =
            workloads::memory::sync_peak(&ctx, &api, pulpd.proc(), &upstream_url, &fixtures.huge);
        rows.push(sync_row);
        blocked = huge_synced
            .err()
            .map(|e| format!("loading content into pulpd failed: {e:#}"));
    }
    let sync = |image: &pulp_e2e::images::Image, blocked: &mut Option<String>| {
        if blocked.is_none() {
            eprintln!("[bench] syncing {} into pulpd", image.repository());
            let synced = rt.block_on(api.sync_and_distribute(
                &image.name,
                &upstream_url,
                &image.repository(),
            ));
            if let Err(e) = synced {
                *blocked = Some(format!("loading content into pulpd failed: {e:#}"));
            }
        }
    };
    sync(&fixtures.hello, &mut blocked);
    sync(&fixtures.blob, &mut blocked);
    if let Some(why) = &blocked {
        eprintln!("[bench] {why}\n{}", pulpd.log_tail());
    }
    let ctx = Ctx {
        blocked: blocked.as_deref(),
        ..ctx
    };
    let (pulpd_server, peer_server) = (pulpd.server(), peer.server());

    let mut peer_anonymous_get =
        report::Figure::Failed("the anonymous manifest GET was not run".into());
    if args.runs(Group::Manifest) || args.runs(Group::Token) {
        let hello = &fixtures.hello;
        let floor = Floor::start(&hello.manifest, &hello.media_type, &hello.digest)
            .map_err(|e| format!("starting the floor server: {e:#}"));
        let floor_server = floor.as_ref().map(Floor::server).map_err(Clone::clone);
        let (manifest_rows, peer_get) = workloads::manifest::rows(
            &ctx,
            &pulpd_server,
            &peer_server,
            &floor_server,
            &fixtures.hello,
        );
        drop(floor);
        peer_anonymous_get = peer_get;
        if args.runs(Group::Manifest) {
            rows.extend(manifest_rows);
        }
    }
    // The bearer-token row is measured last (it needs a restart) but belongs with the manifest rows.
    let token_at = rows.len();
    if args.runs(Group::Blob) {
        let nginx = fixtures::layer(&fixtures.blob)
            .and_then(|(digest, _)| {
                let url = workloads::blob::spec(&fixtures.blob)?.path;
                Nginx::start(&[(url, peer.upstream.blob_path(&digest))])
            })
            .map_err(|e| format!("starting nginx: {e:#}"));
        let nginx_server = nginx.as_ref().map(Nginx::server).map_err(Clone::clone);
        rows.extend(workloads::blob::rows(
            &ctx,
            &pulpd_server,
            &peer_server,
            &nginx_server,
            &fixtures.blob,
        ));
        drop(nginx);
    }
    if args.runs(Group::Memory) {
        rows.extend(workloads::memory::serve_peaks(
            &ctx,
            &pulpd_server,
            &peer_server,
            &fixtures.huge,
            &fixtures.hello,
        ));
    }
    if args.runs(Group::PullThrough) {
        // Each cold sample starts a pulpd of its own (an empty cache), so the one above does not matter.
        rows.extend(workloads::pull_through::rows(
            &ctx,
            &bins.pulpd,
            &peer.upstream.host(),
            peer.proc,
            &fixtures.blob,
        ));
    }

    if args.runs(Group::Push) {
        // A pulpd of its own, with token auth on (clients push with tokens).
        rows.extend(workloads::push::rows(
            &ctx,
            &bins.pulpd,
            &peer,
            &fixtures.blob,
        ));
    }

    // The API rows need no content: they run even when loading it failed.
    let api_ctx = Ctx {
        blocked: None,
        ..ctx
    };
    if args.runs(Group::Api) || args.runs(Group::Listing) {
        let repository = workloads::api::repository(&api_ctx, &api)
            .map_err(|e| format!("creating the repository: {e:#}"));
        if args.runs(Group::Api) {
            rows.extend(workloads::api::rows(
                &api_ctx,
                &api,
                &repository,
                &bins.pulpc,
                &pulpd.base_url(),
            ));
        }
        if args.runs(Group::Listing) {
            rows.push(workloads::listing::row(
                &api_ctx,
                &api,
                &pulpd_server,
                &repository,
            ));
            // pulpds of their own, on stores filled through the library.
            rows.extend(workloads::listing::scale_rows(&api_ctx, &bins.pulpd));
        }
    }

    if args.runs(Group::Startup) {
        rows.extend(workloads::startup::rows(&api_ctx, &bins.pulpd));
    }

    if args.runs(Group::Lifecycle) {
        rows.extend(workloads::lifecycle::rows(
            &ctx,
            &api,
            &pulpd_server,
            &pulpd.base_url(),
            &fixtures.hello,
        ));
    }

    // Issue 12: pulpds of their own on S3 and on PostgreSQL.
    if args.runs(Group::S3Redirect) {
        rows.push(workloads::scale_out::s3_redirect(
            &ctx,
            &bins.pulpd,
            &upstream_url,
            &fixtures.blob,
        ));
    }
    if args.runs(Group::PostgresManifest) {
        rows.push(workloads::scale_out::postgres_manifest(
            &ctx,
            &bins.pulpd,
            &upstream_url,
            &peer_server,
            &fixtures.hello,
        ));
    }

    if args.runs(Group::Token) {
        eprintln!("[bench] restarting pulpd with token auth on");
        let token_row = match pulpd.restart(true) {
            Ok(()) => {
                let api = api::Api::new(&pulpd.base_url(), "admin", ADMIN_PASSWORD);
                workloads::token::row(
                    &ctx,
                    &api,
                    &pulpd.server(),
                    pulpd.registry_host(),
                    &fixtures.hello,
                    peer_anonymous_get,
                )
            }
            Err(e) => report::Row::new(
                "manifest GET, bearer token",
                report::Unit::PerSecond,
                report::Figure::Failed(format!("restarting pulpd with token auth: {e:#}")),
                report::Goal::RatioAtLeast(1.5),
            ),
        };
        rows.insert(token_at, token_row);
    }
    pulpd.stop();

    Ok(Report {
        quick: settings.quick,
        settings: serde_json::to_value(&settings).expect("settings serialize"),
        rows,
        wall_seconds: started.elapsed().as_secs_f64(),
        build_seconds,
    })
}
