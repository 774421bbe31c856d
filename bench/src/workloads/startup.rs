//! pulpd's start with a large store (issue 14): the time from spawning the process to the first 200 from the
//! status endpoint, and the idle RSS after it settled, with `N` distributions in the store (100,000; 10,000
//! with `--quick`). Targets: start under 1 s, idle RSS ≤ 30 MiB (the empty-store target).
//!
//! Filling through the API takes minutes at 100k (each create is a task and a flush), so the store is
//! written through the daemon's own library, the same validation and insert the create task runs, into the
//! data dir of a pulpd that has not started yet. pulpd is then started once (creating its admin user and
//! token key, as any first start does) and stopped, and the second start is the one measured: a restart on a
//! full store.

use super::Ctx;
use crate::api::Api;
use crate::report::{Figure, Goal, Row, Unit};
use crate::servers::{Pulpd, ADMIN_PASSWORD};
use anyhow::{ensure, Context, Result};
use serde_json::json;
use std::path::Path;
use std::time::Instant;

/// The idle RSS target (MiB), the same as on an empty store.
const RSS_LIMIT: f64 = 30.0;
/// The start time target (ms).
const START_LIMIT_MS: f64 = 1000.0;

/// Writes `n` distributions into the metadata store under `data_dir` through pulpd's library (also for the
/// listing rows).
pub(super) fn fill(ctx: &Ctx, data_dir: &Path, n: usize) -> Result<()> {
    use pulpd::{content::Repositories, distributions::Distributions, remotes::Remotes};
    std::fs::create_dir_all(data_dir).context("creating the data dir")?;
    let store = pulpd::store::Store::open(&data_dir.join("metadata"))?;
    let repositories = Repositories::open(&store, Remotes::open(&store)?)?;
    let distributions = Distributions::open(&store, repositories.clone())?;
    ctx.rt.block_on(async {
        // As pulpd's start does: on the empty tables this only marks their indexes built, so the start
        // measured does not rebuild them.
        repositories.build_indexes(&store).await?;
        distributions.build_indexes(&store).await?;
        for i in 0..n {
            let body = pulpd::body::decode(
                &json!({"name": format!("fill-{i:06}"), "base_path": format!("fill/{i:06}")}),
            )?;
            let record = distributions.validate_create(&body).await?;
            distributions.insert(&record).await?;
        }
        store.flush().await?;
        anyhow::Ok(())
    })
}

/// What one measured start gave: milliseconds to ready, idle RSS in MiB.
fn measure(ctx: &Ctx, bin: &Path, n: usize) -> Result<(f64, f64, f64)> {
    let mut pulpd = Pulpd::prepare(bin, false)?;
    let filled = Instant::now();
    fill(ctx, &pulpd.data_dir(), n).context("filling the store")?;
    let fill_seconds = filled.elapsed().as_secs_f64();
    pulpd.launch().context("the first start")?;
    // Not measured: the first start creates the admin user and the token key.
    pulpd.stop();
    let started = Instant::now();
    pulpd.launch().context("the measured start")?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    std::thread::sleep(ctx.settings.idle_settle);
    let rss = pulpd.proc().context("pulpd is not running")?.rss_mib()?;
    // The figures count only if pulpd sees every object the fill wrote.
    let api = Api::new(&pulpd.base_url(), "admin", ADMIN_PASSWORD);
    let (status, page) = ctx
        .rt
        .block_on(api.get("/pulp/api/v3/distributions/container/container/?limit=1"))?;
    ensure!(
        status.is_success(),
        "listing distributions answered {status}"
    );
    ensure!(
        page["count"].as_u64() == Some(n as u64),
        "pulpd lists {} distributions, the fill wrote {n}",
        page["count"]
    );
    Ok((ms, rss, fill_seconds))
}

pub fn rows(ctx: &Ctx, bin: &Path) -> Vec<Row> {
    let n = ctx.settings.startup_objects;
    let label = format!("{n} distributions");
    let (start, rss, note) = match measure(ctx, bin, n) {
        Ok((ms, rss, fill)) => {
            eprintln!("[bench] start with {label}: {ms:.0} ms, idle RSS {rss:.1} MiB");
            (
                Figure::Measured(ms),
                Figure::Measured(rss),
                format!("filled through pulpd's library in {fill:.1} s; start = spawn to first status 200 (10 ms polls)"),
            )
        }
        Err(e) => {
            let why = format!("{e:#}");
            (
                Figure::Failed(why.clone()),
                Figure::Failed(why),
                String::new(),
            )
        }
    };
    vec![
        Row::new(
            format!("startup with {label}"),
            Unit::Millis,
            start,
            Goal::AtMost(START_LIMIT_MS),
        )
        .note(note),
        Row::new(
            format!("memory: pulpd RSS idle with {label}"),
            Unit::Mib,
            rss,
            Goal::AtMost(RSS_LIMIT),
        )
        .note(format!(
            "VmRSS {} s after the status endpoint first answered",
            ctx.settings.idle_settle.as_secs_f64()
        )),
    ]
}
