//! Blob GET throughput of the big image's layer: one stream, then several in parallel, each stream fetching the
//! whole layer again and again for the load duration (every download checked for its full length, the bytes
//! dropped as they arrive). Each stream count is measured against pulpd, Distribution and nginx (`sendfile on`,
//! the same file at the same path: [`crate::references::Nginx`]), one after the other.
//! Targets (issue 14): 1 stream ≥ 1.0× Distribution, 8 streams ≥ 1.2×; both ≥ 95 % of nginx.

use super::{unless_blocked, warmup, Ctx};
use crate::cli::Settings;
use crate::fixtures;
use crate::load::{self, LoadReport, RequestSpec, Server};
use crate::report::{Figure, Goal, Row, Unit};
use anyhow::{ensure, Result};
use pulp_e2e::images::Image;

/// `GET /v2/<repo>/blobs/<layer>`, which must send `size` bytes.
pub fn spec(image: &Image) -> Result<RequestSpec> {
    let (digest, size) = fixtures::layer(image)?;
    Ok(RequestSpec::get(format!("/v2/{}/blobs/{digest}", image.repository())).expect_len(size))
}

async fn measure(
    server: &Server,
    spec: &RequestSpec,
    streams: usize,
    settings: &Settings,
) -> Result<LoadReport> {
    // One full download first: it checks the answer and warms the page cache for both servers alike.
    load::run_count(server, spec, 1, 1).await?.check()?;
    let warm = warmup(settings.load_duration);
    load::run(server, spec, streams, warm).await?;
    let report = load::run(server, spec, streams, settings.load_duration).await?;
    report.check()?;
    ensure!(report.bytes > 0, "no bytes received");
    Ok(report)
}

/// The rows; `nginx` is the static file server serving the same layer, or why it could not start.
pub fn rows(
    ctx: &Ctx,
    pulpd: &Server,
    peer: &Server,
    nginx: &Result<Server, String>,
    image: &Image,
) -> Vec<Row> {
    let (rt, settings, blocked) = (ctx.rt, ctx.settings, ctx.blocked);
    let spec = match spec(image) {
        Ok(s) => s,
        Err(e) => {
            let why = format!("{e:#}");
            return vec![Row::new(
                "blob GET",
                Unit::MbPerSecond,
                Figure::Failed(why),
                Goal::RatioAtLeast(1.0),
            )];
        }
    };
    let mut rows = Vec::new();
    for streams in [1, settings.blob_streams] {
        let name = format!(
            "blob GET {} MiB, {streams} stream{}",
            settings.blob_mb,
            if streams == 1 { "" } else { "s" }
        );
        let mut notes = Vec::new();
        let mut run = |server: &Server, who: &str| -> Figure {
            match rt.block_on(measure(server, &spec, streams, settings)) {
                Ok(r) => {
                    notes.push(format!(
                        "{who}: {} downloads in {:.1} s, cpu bench {:.0}% server {:.0}%",
                        r.ok,
                        r.elapsed.as_secs_f64(),
                        r.cpu.bench * 100.0,
                        r.cpu.server * 100.0
                    ));
                    Figure::Measured(r.mb_per_second())
                }
                Err(e) => Figure::Failed(format!("{e:#}")),
            }
        };
        let pulpd_figure = unless_blocked(blocked, || run(pulpd, "pulpd"));
        let peer_figure = run(peer, "Distribution");
        let nginx_figure = match nginx {
            Ok(nginx) => run(nginx, "nginx (workers' cpu not measured)"),
            Err(why) => Figure::Failed(why.clone()),
        };
        eprintln!(
            "[bench] {name}: pulpd {:?} MB/s, Distribution {:?} MB/s, nginx {:?} MB/s",
            pulpd_figure.value(),
            peer_figure.value(),
            nginx_figure.value()
        );
        let goal = if streams == 1 { 1.0 } else { 1.2 };
        let mut row = Row::new(
            &name,
            Unit::MbPerSecond,
            pulpd_figure.clone(),
            Goal::RatioAtLeast(goal),
        )
        .against_peer(peer_figure);
        row.notes = notes;
        rows.push(row);
        rows.push(
            Row::new(
                format!("{name} vs nginx"),
                Unit::MbPerSecond,
                pulpd_figure,
                Goal::RatioAtLeast(0.95),
            )
            .against("nginx", nginx_figure),
        );
    }
    rows
}
