//! Listing depth: with `listing_total` distributions (10,000 in a full run), the last page
//! (`?offset=<total-10>&limit=10`) against the first (`?offset=0&limit=10`), each loaded on one keep-alive
//! connection for `listing_duration`, median latency compared. Target: last page ≤ 2× the first.
//!
//! Filling up creates the missing distributions through the API, one at a time; the fill rate is noted, it is
//! not a target.
//!
//! Listing scale (issue 14): the same pages of a pulpd holding 1,000 distributions and of one holding 100,000
//! (10,000 with `--quick`), both filled through pulpd's library as the startup rows are: the first page, the
//! last page of the small store (`offset=990`, a deep offset both stores have) and that page by name
//! (`ordering=name`). Target: each ≤ 1.2× the small store's. The first request of each pulpd, not measured,
//! counts its store once (sled keeps counts in memory from then on).

use super::Ctx;
use crate::api::{Api, DISTRIBUTIONS};
use crate::load::{self, RequestSpec, Server};
use crate::report::{Figure, Goal, Row, Unit};
use crate::servers::{Pulpd, ADMIN_PASSWORD};
use anyhow::{anyhow, ensure, Context, Result};
use hyper::header::AUTHORIZATION;
use serde_json::{json, Value};
use std::path::Path;
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
    query_p50(
        server,
        &format!("offset={offset}&limit={PAGE}"),
        total,
        duration,
    )
    .await
}

/// The p50 latency (ms) of the page `query` asks for, after checking it has `PAGE` results out of `total`.
async fn query_p50(
    server: &Server,
    query: &str,
    total: usize,
    duration: std::time::Duration,
) -> Result<(f64, String)> {
    let auth = pulp_e2e::upstream::basic_auth("admin", ADMIN_PASSWORD);
    let spec = RequestSpec::get(format!("{DISTRIBUTIONS}?{query}")).header(AUTHORIZATION, &auth);
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
        format!("{query}: {}", report.summary()),
    ))
}

/// The pages the scale rows compare (see the module doc), for a small store of `small` distributions.
fn scale_queries(small: usize) -> Vec<String> {
    let deep = small - PAGE;
    vec![
        format!("offset=0&limit={PAGE}"),
        format!("offset={deep}&limit={PAGE}"),
        format!("offset={deep}&limit={PAGE}&ordering=name"),
    ]
}

/// The p50 of each of `queries` on a pulpd started on a store filled with `n` distributions.
fn scale_p50s(ctx: &Ctx, bin: &Path, n: usize, queries: &[String]) -> Result<Vec<(f64, String)>> {
    let mut pulpd = Pulpd::prepare(bin, false)?;
    let filled = Instant::now();
    super::startup::fill(ctx, &pulpd.data_dir(), n).context("filling the store")?;
    eprintln!(
        "[bench] listing scale: filled {n} distributions in {:.1} s",
        filled.elapsed().as_secs_f64()
    );
    pulpd.launch().context("starting pulpd")?;
    let server = pulpd.server();
    let measured = ctx.rt.block_on(async {
        let mut out = Vec::new();
        for q in queries {
            out.push(query_p50(&server, q, n, ctx.settings.listing_duration).await?);
        }
        anyhow::Ok(out)
    });
    pulpd.stop();
    measured
}

/// The scale rows: each page at the large store against the same page at the small one.
pub fn scale_rows(ctx: &Ctx, bin: &Path) -> Vec<Row> {
    let (small, large) = ctx.settings.listing_scale;
    let queries = scale_queries(small);
    let figures = scale_p50s(ctx, bin, small, &queries)
        .and_then(|s| Ok((s, scale_p50s(ctx, bin, large, &queries)?)));
    queries
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let name = format!("listing {q} p50, {large} vs {small} dists");
            let (at_large, at_small, notes) = match &figures {
                Ok((s, l)) => {
                    eprintln!(
                        "[bench] listing scale {q}: {small} dists {:.2} ms, {large} dists {:.2} ms",
                        s[i].0, l[i].0
                    );
                    (
                        Figure::Measured(l[i].0),
                        Figure::Measured(s[i].0),
                        vec![
                            format!("{large} dists {}", l[i].1),
                            format!("{small} dists {}", s[i].1),
                        ],
                    )
                }
                Err(e) => {
                    let why = format!("{e:#}");
                    (Figure::Failed(why.clone()), Figure::Failed(why), Vec::new())
                }
            };
            let mut row = Row::new(name, Unit::Millis, at_large, Goal::RatioAtMost(1.2))
                .against(format!("{small} dists"), at_small);
            row.notes = notes;
            row
        })
        .collect()
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
