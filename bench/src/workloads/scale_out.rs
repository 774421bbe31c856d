//! Issue 12's two rows, each with a pulpd of its own on the scale-out backends (the servers the e2e tests use:
//! SeaweedFS from `PULPD_TEST_WEED`, a private PostgreSQL cluster from Debian's `postgresql`):
//! - blob GET from S3 with `--blob-redirect` (the client follows the 307 to the bucket) against the same GET
//!   straight from the S3 server (a presigned URL): target ≥ 0.8×;
//! - manifest GET by tag through pulpd on PostgreSQL metadata against Distribution: target ≥ 1×.

use super::{blob, manifest, unless_blocked, warmup, Ctx};
use crate::api::Api;
use crate::load::{self, LoadReport, RequestSpec, Server};
use crate::report::{Figure, Goal, Row, Unit};
use crate::servers::{Pulpd, ADMIN_PASSWORD};
use anyhow::{anyhow, ensure, Context, Result};
use pulp_e2e::images::Image;
use std::net::SocketAddr;
use std::path::Path;

/// A shared test server (`pulp_e2e::s3::shared`, `postgres::shared`), or why it could not start (they panic).
fn start<T>(what: &str, f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Result<T, String> {
    std::panic::catch_unwind(f).map_err(|e| {
        let why = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("starting {what}: {why}")
    })
}

/// A pulpd with `env`, holding `image` synced from the upstream at `upstream_url`.
fn pulpd_with(
    ctx: &Ctx,
    bin: &Path,
    env: &[(&str, &str)],
    upstream_url: &str,
    image: &Image,
) -> Result<Pulpd> {
    let mut pulpd = Pulpd::prepare(bin, false)?.with_env(env);
    pulpd.launch()?;
    let api = Api::new(&pulpd.base_url(), "admin", ADMIN_PASSWORD);
    let names: Vec<&str> = env.iter().map(|(k, _)| *k).collect();
    eprintln!(
        "[bench] syncing {} into pulpd (with {})",
        image.repository(),
        names.join(", ")
    );
    ctx.rt
        .block_on(api.sync_and_distribute(&image.name, upstream_url, &image.repository()))
        .with_context(|| pulpd.log_tail())?;
    Ok(pulpd)
}

/// The `S3Redirect` row: `image`'s layer (the blob image) through a pulpd on S3 with `--blob-redirect`.
pub fn s3_redirect(ctx: &Ctx, bin: &Path, upstream_url: &str, image: &Image) -> Row {
    let name = format!(
        "blob GET {} MiB from S3, redirect vs direct",
        ctx.settings.blob_mb
    );
    let failed = |why: String| {
        Row::new(
            &name,
            Unit::MbPerSecond,
            Figure::Failed(why.clone()),
            Goal::RatioAtLeast(0.8),
        )
        .against("S3 direct", Figure::Failed(why))
    };
    if let Some(why) = ctx.blocked {
        return failed(why.to_owned());
    }
    let s3 = match pulp_e2e::s3::weed_binary()
        .map_err(|e| format!("{e:#}"))
        .and_then(|_| start("SeaweedFS", pulp_e2e::s3::shared))
    {
        Ok(s3) => s3,
        Err(why) => return failed(why),
    };
    let url = format!("s3://{}/{}", pulp_e2e::s3::BUCKET, s3.fresh_prefix("bench"));
    let s3_env = s3.env();
    let mut env: Vec<(&str, &str)> = vec![("PULPD_BLOBS", &url), ("PULPD_BLOB_REDIRECT", "true")];
    env.extend(s3_env.iter().map(|(k, v)| (*k, v.as_str())));
    let pulpd = match pulpd_with(ctx, bin, &env, upstream_url, image) {
        Ok(p) => p,
        Err(e) => return failed(format!("{e:#}")),
    };
    let measured = (|| -> Result<(LoadReport, LoadReport)> {
        let spec = blob::spec(image)?;
        let (status, headers, _) = ctx.rt.block_on(load::probe(&pulpd.server(), &spec))?;
        ensure!(
            status == 307,
            "GET {} answered {status}, not 307",
            spec.path
        );
        let location = headers
            .get(hyper::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| anyhow!("a 307 without Location"))?;
        let rest = location
            .strip_prefix("http://")
            .ok_or_else(|| anyhow!("Location {location} is not http://"))?;
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let addr: SocketAddr = authority
            .parse()
            .with_context(|| format!("the S3 server in {location}"))?;
        let bucket = Server { addr, proc: None };
        let duration = ctx.settings.load_duration;
        // The same object straight from the bucket: the presigned URL, fetched again and again.
        let direct_spec = RequestSpec {
            path: path.to_owned(),
            ..spec.clone()
        };
        let direct = ctx.rt.block_on(async {
            load::run_count(&bucket, &direct_spec, 1, 1)
                .await?
                .check()?;
            load::run(&bucket, &direct_spec, 1, warmup(duration)).await?;
            load::run(&bucket, &direct_spec, 1, duration).await
        })?;
        direct.check()?;
        let server = pulpd.server();
        let redirected = ctx.rt.block_on(async {
            load::run_redirected(&server, &spec, &bucket, warmup(duration)).await?;
            load::run_redirected(&server, &spec, &bucket, duration).await
        })?;
        redirected.check()?;
        Ok((redirected, direct))
    })();
    let (redirect_figure, direct_figure, notes) = match measured {
        Ok((r, d)) => (
            Figure::Measured(r.mb_per_second()),
            Figure::Measured(d.mb_per_second()),
            vec![
                format!(
                    "redirect: {} downloads in {:.1} s, p50 {:.0} ms",
                    r.ok,
                    r.elapsed.as_secs_f64(),
                    r.percentile_ms(0.5)
                ),
                format!(
                    "direct: {} downloads in {:.1} s, p50 {:.0} ms",
                    d.ok,
                    d.elapsed.as_secs_f64(),
                    d.percentile_ms(0.5)
                ),
            ],
        ),
        Err(e) => {
            let why = format!("{e:#}");
            (Figure::Failed(why.clone()), Figure::Failed(why), Vec::new())
        }
    };
    eprintln!(
        "[bench] {name}: redirect {:?} MB/s, direct {:?} MB/s",
        redirect_figure.value(),
        direct_figure.value()
    );
    let mut row = Row::new(
        &name,
        Unit::MbPerSecond,
        redirect_figure,
        Goal::RatioAtLeast(0.8),
    )
    .against("S3 direct", direct_figure);
    row.notes = notes;
    row
}

/// The `PostgresManifest` row: `image`'s manifest by tag through a pulpd on PostgreSQL, against `peer`.
pub fn postgres_manifest(
    ctx: &Ctx,
    bin: &Path,
    upstream_url: &str,
    peer: &Server,
    image: &Image,
) -> Row {
    let c = ctx.settings.connections;
    let name = format!("manifest GET by tag on PostgreSQL, {c} conns");
    let spec = manifest::get_by_tag(image);
    let pulpd = start("PostgreSQL", pulp_e2e::postgres::shared).and_then(|pg| {
        let db = pg.fresh_database("bench");
        pulpd_with(ctx, bin, &[("PULPD_METADATA", &db)], upstream_url, image)
            .map_err(|e| format!("{e:#}"))
    });
    let (pulpd_figure, pulpd_report) = match &pulpd {
        Ok(p) => {
            let mut report = None;
            let figure = unless_blocked(ctx.blocked, || {
                let (f, r) = manifest::figure(ctx.rt.block_on(manifest::measure(
                    &p.server(),
                    &spec,
                    image,
                    ctx.settings,
                )));
                report = r;
                f
            });
            (figure, report)
        }
        Err(why) => (Figure::Failed(why.clone()), None),
    };
    drop(pulpd);
    let (peer_figure, peer_report) =
        manifest::figure(
            ctx.rt
                .block_on(manifest::measure(peer, &spec, image, ctx.settings)),
        );
    eprintln!(
        "[bench] {name}: pulpd {:?}, Distribution {:?}",
        pulpd_figure.value(),
        peer_figure.value()
    );
    let mut row = Row::new(
        &name,
        Unit::PerSecond,
        pulpd_figure,
        Goal::RatioAtLeast(1.0),
    )
    .against_peer(peer_figure);
    for (who, report) in [("pulpd", pulpd_report), ("Distribution", peer_report)] {
        if let Some(r) = report {
            row.notes.push(format!("{who}: {}", r.summary()));
        }
    }
    row
}
