//! Online orphan cleanup (issue 16): `cleanup_units` orphaned content units (10,000 in a full run, 1,000 quick)
//! removed by one `POST /pulp/api/v3/orphans/cleanup/` task, while the manifest GET load runs. Two rows: the
//! cleanup's wall time (target: seconds, ≤ 10 s) and the manifest GET p99 while it runs against the idle p99
//! measured just before on the same pulpd (target ≤ 2×). pulpd only: Distribution's garbage collection is
//! offline.
//!
//! Setup: one config and one layer are uploaded into `bench-orphans/img`, then `cleanup_units - 2` distinct
//! manifests (differing in an annotation) are PUT by tag, 4 in flight; deleting the push distribution deletes
//! the repository with every version, leaving the manifests, the config and the layer orphaned. The cleanup
//! runs with protection time 0 and must report every unit removed. The task is polled every 50 ms (not as
//! fast as the API client does), so the poll itself does not load pulpd.

use super::{warmup, Ctx};
use crate::api::{Api, DISTRIBUTIONS};
use crate::load::{self, Server};
use crate::report::{Figure, Goal, Row, Unit};
use crate::servers::ADMIN_PASSWORD;
use anyhow::{anyhow, bail, ensure, Context, Result};
use pulp_e2e::images::{Image, MT_OCI_CONFIG, MT_OCI_LAYER_GZIP, MT_OCI_MANIFEST};
use pulp_e2e::oci::{pseudo_random, sha256_digest};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the orphans are pushed before their repository is deleted.
const REPOSITORY: &str = "bench-orphans/img";
/// Manifest PUTs in flight while filling.
const FILL_CONCURRENCY: usize = 4;
/// Pause between polls of the cleanup task.
const POLL: Duration = Duration::from_millis(50);
/// How long the cleanup may take before the row fails.
const CLEANUP_TIMEOUT: Duration = Duration::from_secs(300);

/// Both rows. `base_url` is pulpd's (token auth off: pushes carry the admin's Basic credentials).
pub fn rows(ctx: &Ctx, api: &Api, pulpd: &Server, base_url: &str, image: &Image) -> Vec<Row> {
    let units = ctx.settings.cleanup_units;
    let mut notes = Vec::new();
    let measured = match ctx.blocked {
        Some(why) => Err(why.to_string()),
        None => ctx
            .rt
            .block_on(async {
                let started = Instant::now();
                fill(base_url, units).await?;
                delete_distribution(api).await?;
                notes.push(format!(
                    "{units} orphaned units made in {:.1} s",
                    started.elapsed().as_secs_f64()
                ));
                let spec = super::manifest::get_by_tag(image);
                let duration = ctx.settings.load_duration;
                let c = ctx.settings.connections;
                load::run(pulpd, &spec, c, warmup(duration)).await?;
                let idle = load::run(pulpd, &spec, c, duration).await?;
                idle.check()?;
                notes.push(format!("idle: {}", idle.summary()));
                let (stop, stopped) = tokio::sync::watch::channel(false);
                let during = load::run_until(pulpd, &spec, c, stopped);
                let cleanup = async {
                    let outcome = cleanup(api, units).await;
                    let _ = stop.send(true);
                    outcome
                };
                let (during, cleanup) = tokio::join!(during, cleanup);
                let seconds = cleanup?;
                let during = during?;
                during.check()?;
                notes.push(format!("during the cleanup: {}", during.summary()));
                anyhow::Ok((
                    seconds,
                    during.percentile_ms(0.99),
                    idle.percentile_ms(0.99),
                ))
            })
            .map_err(|e| format!("{e:#}")),
    };
    let (seconds, during, idle) = match measured {
        Ok((s, d, i)) => (
            Figure::Measured(s),
            Figure::Measured(d),
            Figure::Measured(i),
        ),
        Err(why) => (
            Figure::Failed(why.clone()),
            Figure::Failed(why.clone()),
            Figure::Failed(why),
        ),
    };
    eprintln!(
        "[bench] cleanup of {units} units: {:?} s; manifest GET p99 {:?} ms during, {:?} ms idle",
        seconds.value(),
        during.value(),
        idle.value()
    );
    let mut time = Row::new(
        format!("orphan cleanup of {units} units"),
        Unit::Seconds,
        seconds,
        Goal::AtMost(10.0),
    );
    time.notes = notes;
    let latency = Row::new(
        "manifest GET p99 during cleanup",
        Unit::Millis,
        during,
        Goal::RatioAtMost(2.0),
    )
    .against("pulpd idle p99", idle);
    vec![time, latency]
}

/// Pushes a config, a layer and `units - 2` manifests referring to them into [`REPOSITORY`].
async fn fill(base_url: &str, units: usize) -> Result<()> {
    let client = reqwest::Client::new();
    let config = serde_json::to_vec(&json!({
        "architecture": "amd64", "os": "linux",
        "rootfs": {"type": "layers", "diff_ids": []},
    }))?;
    let layer = pseudo_random(1024, 0x0c1e);
    for blob in [&config, &layer] {
        upload(&client, base_url, blob).await?;
    }
    let manifest = Arc::new(move |n: usize| {
        serde_json::to_vec(&json!({
            "schemaVersion": 2,
            "mediaType": MT_OCI_MANIFEST,
            "config": {"mediaType": MT_OCI_CONFIG, "digest": sha256_digest(&config), "size": config.len()},
            "layers": [{"mediaType": MT_OCI_LAYER_GZIP, "digest": sha256_digest(&layer), "size": layer.len()}],
            "annotations": {"org.example.bench.orphan": n.to_string()},
        }))
        .expect("manifest JSON")
    });
    let manifests = units.saturating_sub(2);
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..FILL_CONCURRENCY {
        let (client, base, manifest) = (client.clone(), base_url.to_string(), manifest.clone());
        tasks.spawn(async move {
            for n in (worker..manifests).step_by(FILL_CONCURRENCY) {
                let answer = client
                    .put(format!("{base}/v2/{REPOSITORY}/manifests/t{n}"))
                    .basic_auth("admin", Some(ADMIN_PASSWORD))
                    .header("content-type", MT_OCI_MANIFEST)
                    .body(manifest(n))
                    .send()
                    .await
                    .with_context(|| format!("PUT of manifest {n}"))?;
                let status = answer.status();
                ensure!(
                    status == StatusCode::CREATED,
                    "PUT of manifest {n} answered {status} {}",
                    answer.text().await.unwrap_or_default()
                );
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(())
}

/// One blob upload into [`REPOSITORY`]: POST a session, PUT the bytes with `?digest=`.
async fn upload(client: &reqwest::Client, base: &str, blob: &[u8]) -> Result<()> {
    let answer = client
        .post(format!("{base}/v2/{REPOSITORY}/blobs/uploads/"))
        .basic_auth("admin", Some(ADMIN_PASSWORD))
        .header("content-length", "0")
        .send()
        .await
        .context("starting a blob upload")?;
    let status = answer.status();
    let location = answer
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .filter(|_| status == StatusCode::ACCEPTED)
        .ok_or_else(|| anyhow!("POST /v2/{REPOSITORY}/blobs/uploads/ answered {status}"))?
        .to_string();
    let url = if location.starts_with("http") {
        location
    } else {
        format!("{base}{location}")
    };
    let separator = if url.contains('?') { '&' } else { '?' };
    let answer = client
        .put(format!("{url}{separator}digest={}", sha256_digest(blob)))
        .basic_auth("admin", Some(ADMIN_PASSWORD))
        .header("content-type", "application/octet-stream")
        .body(blob.to_vec())
        .send()
        .await
        .context("completing a blob upload")?;
    let status = answer.status();
    ensure!(
        status == StatusCode::CREATED,
        "PUT of a blob answered {status} {}",
        answer.text().await.unwrap_or_default()
    );
    Ok(())
}

/// Deletes [`REPOSITORY`]'s push distribution, which takes the push repository and its versions along.
async fn delete_distribution(api: &Api) -> Result<()> {
    let (status, found) = api
        .get(&format!("{DISTRIBUTIONS}?base_path={REPOSITORY}"))
        .await?;
    ensure!(
        status.is_success(),
        "finding the distribution answered {status} {found}"
    );
    let href = found["results"][0]["pulp_href"]
        .as_str()
        .ok_or_else(|| anyhow!("no distribution {REPOSITORY}: {found}"))?;
    let (status, answer) = api.send(reqwest::Method::DELETE, href, None).await?;
    ensure!(
        status == StatusCode::ACCEPTED,
        "DELETE {href} answered {status} {answer}"
    );
    let task = answer["task"]
        .as_str()
        .ok_or_else(|| anyhow!("DELETE {href} answered no task: {answer}"))?;
    api.wait_task(task).await?;
    Ok(())
}

/// Runs the cleanup (protection time 0), polling every [`POLL`]; its wall time in seconds, after checking that
/// it removed at least `units` units.
async fn cleanup(api: &Api, units: usize) -> Result<f64> {
    let started = Instant::now();
    let answer = api
        .post_expect(
            "/pulp/api/v3/orphans/cleanup/",
            &json!({"orphan_protection_time": 0}),
            StatusCode::ACCEPTED,
        )
        .await?;
    let href = answer["task"]
        .as_str()
        .ok_or_else(|| anyhow!("the cleanup answered no task: {answer}"))?
        .to_string();
    let task = loop {
        let (_, task) = api.get(&href).await?;
        match task["state"].as_str() {
            Some("completed") => break task,
            Some("failed" | "canceled") => bail!("the cleanup ended {}: {task}", task["state"]),
            _ if started.elapsed() > CLEANUP_TIMEOUT => {
                bail!("the cleanup did not finish in {CLEANUP_TIMEOUT:?}: {task}")
            }
            _ => tokio::time::sleep(POLL).await,
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let removed = removed_units(&task);
    ensure!(
        removed >= units as u64,
        "the cleanup removed {removed} units, expected at least {units}: {task}"
    );
    Ok(seconds)
}

/// The `clean-up.content` progress report's `done`.
fn removed_units(task: &Value) -> u64 {
    task["progress_reports"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["code"] == "clean-up.content")
        .and_then(|r| r["done"].as_u64())
        .unwrap_or(0)
}
