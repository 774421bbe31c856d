//! The management API's write path: distribution creates timed from POST to the task reported `completed`
//! (targets p50 ≤ 20 ms, p99 ≤ 100 ms), and `pulpc distribution create` timed from process start to exit, its
//! own task wait included (target p50 ≤ 60 ms). Creates run one at a time, as a person or a script does them.
//! No peer: Distribution has no management API.

use super::Ctx;
use crate::api::{Api, DISTRIBUTIONS};
use crate::report::{Figure, Goal, Row, Unit};
use crate::servers::ADMIN_PASSWORD;
use anyhow::{bail, Result};
use serde_json::json;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The repository every bench distribution serves.
pub const REPOSITORY: &str = "bench-api";

/// The `q` quantile of `times` (nearest rank), in ms.
pub fn quantile_ms(times: &[Duration], q: f64) -> f64 {
    let mut sorted: Vec<Duration> = times.to_vec();
    sorted.sort();
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

async fn api_creates(api: &Api, repository: &str, n: usize) -> Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let body = json!({ "name": format!("api-{i}"), "base_path": format!("api/{i}"), "repository": repository });
        let started = Instant::now();
        api.post_task(DISTRIBUTIONS, &body).await?;
        times.push(started.elapsed());
    }
    Ok(times)
}

fn pulpc_creates(pulpc: &Path, base_url: &str, n: usize) -> Result<Vec<Duration>> {
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let mut cmd = Command::new(pulpc);
        cmd.args(["distribution", "create", "--name"])
            .arg(format!("cli-{i}"))
            .arg("--base-path")
            .arg(format!("cli/{i}"))
            .args(["--repository", REPOSITORY])
            .env("PULPC_BASE_URL", base_url)
            .env("PULPC_USERNAME", "admin")
            .env("PULPC_PASSWORD", ADMIN_PASSWORD)
            .env("NO_COLOR", "1")
            .env_remove("PULPC_PROFILE")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let started = Instant::now();
        let out = cmd.output()?;
        let took = started.elapsed();
        if !out.status.success() {
            bail!(
                "`pulpc distribution create --name cli-{i} …` exited {}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        times.push(took);
    }
    Ok(times)
}

fn spread(times: &[Duration]) -> String {
    format!(
        "{} runs: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        times.len(),
        quantile_ms(times, 0.5),
        quantile_ms(times, 0.9),
        quantile_ms(times, 0.99),
        quantile_ms(times, 1.0)
    )
}

/// The repository href for the bench distributions (created on first use), or why there is none.
pub fn repository(ctx: &Ctx, api: &Api) -> Result<String> {
    ctx.rt.block_on(api.create_repository(REPOSITORY))
}

pub fn rows(
    ctx: &Ctx,
    api: &Api,
    repository: &Result<String, String>,
    pulpc: &Path,
    base_url: &str,
) -> Vec<Row> {
    let n = ctx.settings.api_creates;
    let api_times = match repository {
        Ok(repo) => ctx
            .rt
            .block_on(api_creates(api, repo, n))
            .map_err(|e| format!("{e:#}")),
        Err(e) => Err(e.clone()),
    };
    let pulpc_times = match repository {
        Ok(_) => {
            pulpc_creates(pulpc, base_url, ctx.settings.pulpc_runs).map_err(|e| format!("{e:#}"))
        }
        Err(e) => Err(e.clone()),
    };
    let q = |times: &Result<Vec<Duration>, String>, q: f64| match times {
        Ok(t) => Figure::Measured(quantile_ms(t, q)),
        Err(e) => Figure::Failed(e.clone()),
    };
    let mut rows = vec![
        Row::new(
            format!("API distribution create p50 ({n}, POST → task done)"),
            Unit::Millis,
            q(&api_times, 0.5),
            Goal::AtMost(20.0),
        ),
        Row::new(
            format!("API distribution create p99 ({n}, POST → task done)"),
            Unit::Millis,
            q(&api_times, 0.99),
            Goal::AtMost(100.0),
        ),
        Row::new(
            "pulpc distribution create wall p50",
            Unit::Millis,
            q(&pulpc_times, 0.5),
            Goal::AtMost(60.0),
        ),
    ];
    if let Ok(t) = &api_times {
        rows[0].notes.push(spread(t));
    }
    if let Ok(t) = &pulpc_times {
        rows[2].notes.push(spread(t));
    }
    eprintln!(
        "[bench] API create p50 {:?} ms, p99 {:?} ms; pulpc p50 {:?} ms",
        rows[0].pulpd.value(),
        rows[1].pulpd.value(),
        rows[2].pulpd.value()
    );
    rows
}
