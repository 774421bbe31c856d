//! Pull-through: `skopeo copy` of the big image through pulpd's pull-through cache, which fetches from the
//! Distribution upstream on first use (cold) and serves its own copy afterwards (warm), against the same copy
//! straight from the upstream. Targets: cold ≤ 1.1×, warm ≤ 1.0× the direct time.
//!
//! The direct copies are always measured. pulpd's side starts by creating a pull-through remote and
//! distribution (Pulp's `remotes/container/pull-through/` and `distributions/container/pull-through/`); while
//! pulpd answers those with 404 or 405 the rows say "n/a (not implemented)". Once they exist, the same code
//! measures the cold and the warm copy, with no change here.

use super::Ctx;
use crate::api::{href, Api, PULL_THROUGH_DISTRIBUTIONS, PULL_THROUGH_REMOTES};
use crate::report::{Figure, Goal, Row, Unit};
use anyhow::{bail, Context, Result};
use pulp_e2e::clients::Skopeo;
use pulp_e2e::images::Image;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::time::Duration;

/// Direct/warm copy pairs measured for the medians.
const WARM_PAIRS: usize = 3;

/// The median of `values` (sorted in place).
fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Where the pull-through distribution is served in pulpd.
const BASE_PATH: &str = "bench-cache";

/// What came of setting up pull-through in pulpd.
enum Setup {
    /// Ready: the image reference prefix to copy from (`host/base_path`).
    Ready(String),
    /// pulpd does not have the endpoints: the status it answered.
    Missing(String),
}

async fn setup(api: &Api, pulpd_host: &str, upstream_url: &str) -> Result<Setup> {
    let body = json!({ "name": "bench-pull-through", "url": upstream_url });
    let (status, remote) = api
        .send(Method::POST, PULL_THROUGH_REMOTES, Some(&body))
        .await?;
    if matches!(
        status,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
    ) {
        return Ok(Setup::Missing(format!(
            "POST {PULL_THROUGH_REMOTES} answered {status}"
        )));
    }
    if status != StatusCode::CREATED {
        bail!("POST {PULL_THROUGH_REMOTES} answered {status} {remote}");
    }
    let body =
        json!({ "name": "bench-pull-through", "base_path": BASE_PATH, "remote": href(&remote)? });
    let (status, answer) = api
        .send(Method::POST, PULL_THROUGH_DISTRIBUTIONS, Some(&body))
        .await?;
    if matches!(
        status,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
    ) {
        return Ok(Setup::Missing(format!(
            "POST {PULL_THROUGH_DISTRIBUTIONS} answered {status}"
        )));
    }
    if status != StatusCode::ACCEPTED {
        bail!("POST {PULL_THROUGH_DISTRIBUTIONS} answered {status} {answer}");
    }
    let task = answer["task"].as_str().context("no task in the answer")?;
    api.wait_task(task).await?;
    Ok(Setup::Ready(format!("{pulpd_host}/{BASE_PATH}")))
}

/// One `skopeo copy docker://<source> dir:<fresh dir>`: its wall time.
fn copy(skopeo: &Skopeo, source: &str) -> Result<Duration> {
    let dest = tempfile::Builder::new().prefix("bench-copy-").tempdir()?;
    let out = skopeo.copy(
        &format!("docker://{source}"),
        &format!("dir:{}", dest.path().display()),
        &["--quiet"],
    );
    let duration = out.duration;
    out.ok()?;
    Ok(duration)
}

pub fn rows(
    ctx: &Ctx,
    api: &Api,
    pulpd_host: &str,
    upstream_host: &str,
    image: &Image,
) -> Vec<Row> {
    let image_path = format!("{}:{}", image.repository(), image.tag);
    let skopeo = Skopeo::new(&[pulpd_host, upstream_host]);
    let skopeo = match skopeo {
        Ok(s) => s,
        Err(e) => {
            let why = format!("{e:#}");
            return ["cold", "warm"]
                .map(|w| {
                    Row::new(
                        format!("pull-through {w} skopeo copy"),
                        Unit::Seconds,
                        Figure::Failed(why.clone()),
                        Goal::RatioAtMost(1.0),
                    )
                })
                .to_vec();
        }
    };
    // A skopeo copy takes ~2 s of which most is skopeo's own work, and one sample varies by ±20% on a shared
    // 2-core machine; so direct and warm copies are interleaved in pairs and compared by median. A cold copy
    // can be sampled only once per cache (the blob is then stored), right after a direct one.
    let direct_copy = || copy(&skopeo, &format!("{upstream_host}/{image_path}"));
    let mut directs: Vec<f64> = Vec::new();
    let mut direct_error = None;
    match direct_copy() {
        Ok(d) => directs.push(d.as_secs_f64()),
        Err(e) => direct_error = Some(format!("{e:#}")),
    }
    let (cold, warm) = match ctx.blocked {
        Some(why) => (Figure::Failed(why.into()), Figure::Failed(why.into())),
        None => match ctx
            .rt
            .block_on(setup(api, pulpd_host, &format!("http://{upstream_host}")))
        {
            Ok(Setup::Missing(why)) => (
                Figure::NotImplemented(why.clone()),
                Figure::NotImplemented(why),
            ),
            Err(e) => {
                let why = format!("setting up pull-through: {e:#}");
                (Figure::Failed(why.clone()), Figure::Failed(why))
            }
            Ok(Setup::Ready(prefix)) => {
                let source = format!("{prefix}/{image_path}");
                let cold = Figure::from_result(copy(&skopeo, &source).map(|d| d.as_secs_f64()));
                let mut warms = Vec::new();
                let mut warm_error = None;
                for _ in 0..WARM_PAIRS {
                    match direct_copy() {
                        Ok(d) => directs.push(d.as_secs_f64()),
                        Err(e) => direct_error = Some(format!("{e:#}")),
                    }
                    match copy(&skopeo, &source) {
                        Ok(d) => warms.push(d.as_secs_f64()),
                        Err(e) => warm_error = Some(format!("{e:#}")),
                    }
                }
                let warm = match warm_error {
                    Some(e) => Figure::Failed(e),
                    None => Figure::Measured(median(&mut warms)),
                };
                (cold, warm)
            }
        },
    };
    let direct_note = format!(
        "direct copies: {}",
        directs
            .iter()
            .map(|s| format!("{s:.2} s"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let direct_figure = match direct_error {
        Some(e) => Figure::Failed(e),
        None => Figure::Measured(median(&mut directs)),
    };
    eprintln!(
        "[bench] pull-through: cold {:?} s, warm {:?} s, direct {:?} s",
        cold.value(),
        warm.value(),
        direct_figure.value()
    );
    let size = image.name.trim_start_matches("big");
    vec![
        Row::new(
            format!("pull-through cold skopeo copy ({size} MiB)"),
            Unit::Seconds,
            cold,
            Goal::RatioAtMost(1.1),
        )
        .against("Distribution direct", direct_figure.clone())
        .note(direct_note),
        Row::new(
            format!("pull-through warm skopeo copy ({size} MiB)"),
            Unit::Seconds,
            warm,
            Goal::RatioAtMost(1.0),
        )
        .against("Distribution direct", direct_figure),
    ]
}
