//! Listing depth: with `listing_total` distributions (10,000 in a full run), the last page
//! (`?offset=<total-10>&limit=10`) against the first (`?offset=0&limit=10`), each loaded on one keep-alive
//! connection for `listing_duration`, median latency compared. Target: last page ≤ 2× the first.
//!
//! Filling up creates the missing distributions through the API, one at a time; the fill rate is noted, it is
//! not a target.

use super::Ctx;
use crate::api::{Api, DISTRIBUTIONS};
use crate::load::{self, RequestSpec, Server};
use crate::report::{Figure, Goal, Row, Unit};
use crate::servers::ADMIN_PASSWORD;
use anyhow::{anyhow, ensure, Context, Result};
use hyper::header::AUTHORIZATION;
use serde_json::{json, Value};
use std::time::Instant;

/// Creates in flight while filling up. One: with 8 in flight pulpd (sled 0.34.7) stopped running tasks after a
/// few hundred creates (tasks left `waiting`, every sled-io thread parked in `iobuf::make_stable_inner`), and
/// one at a time is about as fast on two cores.
const FILL_CONCURRENCY: usize = 1;
const PAGE: usize = 10;

async fn count(api: &Api) -> Result<usize> {
    let (status, page) = api.get(&format!("{DISTRIBUTIONS}?limit=1")).await?;
    ensure!(
        status.is_success(),
        "listing distributions answered {status} {page}"
    );
    page["count"]
        .as_u64()
        .map(|c| c as usize)
        .ok_or_else(|| anyhow!("no count in {page}"))
}

/// Creates distributions `fill-<i>` until there are `total`; how many were created.
async fn fill(api: &Api, repository: &str, total: usize) -> Result<usize> {
    let missing = total.saturating_sub(count(api).await?);
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..FILL_CONCURRENCY {
        let (api, repository) = (api.clone(), repository.to_string());
        tasks.spawn(async move {
            for i in (worker..missing).step_by(FILL_CONCURRENCY) {
                let body = json!({ "name": format!("fill-{i}"), "base_path": format!("fill/{i}"), "repository": repository });
                api.post_task(DISTRIBUTIONS, &body)
                    .await
                    .with_context(|| format!("creating distribution fill-{i}"))?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(missing)
}

/// The p50 latency (ms) of one page, after checking the page has `PAGE` results out of `total`.
async fn page_p50(
    server: &Server,
    offset: usize,
    total: usize,
    duration: std::time::Duration,
) -> Result<(f64, String)> {
    let auth = pulp_e2e::upstream::basic_auth("admin", ADMIN_PASSWORD);
    let spec = RequestSpec::get(format!("{DISTRIBUTIONS}?offset={offset}&limit={PAGE}"))
        .header(AUTHORIZATION, &auth);
    let (status, _, body) = load::probe(server, &spec).await?;
    ensure!(status.is_success(), "GET {} answered {status}", spec.path);
    let page: Value = serde_json::from_slice(&body)?;
    let results = page["results"].as_array().map(Vec::len).unwrap_or(0);
    ensure!(
        results == PAGE && page["count"].as_u64() == Some(total as u64),
        "GET {} gave {results} results of count {}, expected {PAGE} of {total}",
        spec.path,
        page["count"]
    );
    let report = load::run(server, &spec, 1, duration).await?;
    report.check()?;
    Ok((
        report.percentile_ms(0.5),
        format!("offset={offset}: {}", report.summary()),
    ))
}

pub fn row(ctx: &Ctx, api: &Api, pulpd: &Server, repository: &Result<String, String>) -> Row {
    let total = ctx.settings.listing_total;
    let last = total - PAGE;
    let name = format!("listing offset={last}&limit={PAGE} p50 ({total} dists)");
    let mut notes = Vec::new();
    let measured = ctx.rt.block_on(async {
        let repository = repository.as_ref().map_err(|e| anyhow!("{e}"))?;
        let started = Instant::now();
        let created = fill(api, repository, total).await?;
        let took = started.elapsed().as_secs_f64();
        notes.push(format!(
            "filled {created} distributions in {took:.1} s ({:.0}/s, {FILL_CONCURRENCY} in flight)",
            created as f64 / took.max(1e-9)
        ));
        let duration = ctx.settings.listing_duration;
        let (first, first_note) = page_p50(pulpd, 0, total, duration).await?;
        let (deep, deep_note) = page_p50(pulpd, last, total, duration).await?;
        notes.push(first_note);
        notes.push(deep_note);
        anyhow::Ok((first, deep))
    });
    let (first, deep) = match measured {
        Ok((first, deep)) => (Figure::Measured(first), Figure::Measured(deep)),
        Err(e) => {
            let why = format!("{e:#}");
            (Figure::Failed(why.clone()), Figure::Failed(why))
        }
    };
    eprintln!(
        "[bench] listing: offset=0 {:?} ms, offset={last} {:?} ms",
        first.value(),
        deep.value()
    );
    let mut row =
        Row::new(name, Unit::Millis, deep, Goal::RatioAtMost(2.0)).against("pulpd offset=0", first);
    row.notes = notes;
    row
}
