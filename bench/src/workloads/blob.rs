//! Blob GET throughput of the big image's layer: one stream, then several in parallel, each stream fetching the
//! whole layer again and again for the load duration (every download checked for its full length, the bytes
//! dropped as they arrive). Each stream count is measured against pulpd, Distribution and nginx (`sendfile on`,
//! the same file at the same path: [`crate::references::Nginx`]) in [`ROUNDS`] interleaved rounds of a third
//! of the load duration each; each server's figure is the median of its rounds. Run one after the other, the
//! servers' figures drifted apart by up to 40 % between runs on this shared 2-core machine (one stream:
//! pulpd/nginx 0.92× in one run, 1.42× in the next); interleaving gives each the same share of the drift.
//! Targets (issue 14): 1 stream ≥ 1.0× Distribution, 8 streams ≥ 1.2×; both ≥ 95 % of nginx.

use super::{median, warmup, Ctx};
use crate::fixtures;
use crate::load::{self, LoadReport, RequestSpec, Server};
use crate::report::{Figure, Goal, Row, Unit};
use anyhow::{ensure, Result};
use pulp_e2e::images::Image;
use std::time::Duration;

/// `GET /v2/<repo>/blobs/<layer>`, which must send `size` bytes.
pub fn spec(image: &Image) -> Result<RequestSpec> {
    let (digest, size) = fixtures::layer(image)?;
    Ok(RequestSpec::get(format!("/v2/{}/blobs/{digest}", image.repository())).expect_len(size))
}

/// One server measured in the rounds.
struct Contender<'a> {
    who: &'static str,
    server: Option<&'a Server>,
    figures: Result<Vec<f64>, String>,
}

/// Rounds per stream count (one with `--quick`).
const ROUNDS: usize = 3;

async fn measure(
    server: &Server,
    spec: &RequestSpec,
    streams: usize,
    duration: Duration,
) -> Result<LoadReport> {
    // One full download first: it checks the answer and warms the page cache for both servers alike.
    load::run_count(server, spec, 1, 1).await?.check()?;
    let warm = warmup(duration);
    load::run(server, spec, streams, warm).await?;
    let report = load::run(server, spec, streams, duration).await?;
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
        let rounds = if settings.quick { 1 } else { ROUNDS };
        let duration = settings.load_duration / rounds as u32;
        // Who, where (`None`: not measured), and its figure per round so far (or why there is none).
        let mut servers: Vec<Contender> = vec![
            Contender {
                who: "pulpd",
                server: blocked.is_none().then_some(pulpd),
                figures: Err(blocked.unwrap_or_default().to_string()),
            },
            Contender {
                who: "Distribution",
                server: Some(peer),
                figures: Err(String::new()),
            },
            Contender {
                who: "nginx (workers' cpu not measured)",
                server: nginx.as_ref().ok(),
                figures: Err(nginx.as_ref().err().cloned().unwrap_or_default()),
            },
        ];
        let mut notes = Vec::new();
        for round in 0..rounds {
            for Contender {
                who,
                server,
                figures,
            } in servers.iter_mut()
            {
                let Some(server) = server else { continue };
                if round > 0 && figures.is_err() {
                    continue;
                }
                match rt.block_on(measure(server, &spec, streams, duration)) {
                    Ok(r) => {
                        notes.push(format!(
                            "{who}, round {}: {} downloads in {:.1} s, {:.0} MB/s, cpu bench {:.0}% server {:.0}%",
                            round + 1,
                            r.ok,
                            r.elapsed.as_secs_f64(),
                            r.mb_per_second(),
                            r.cpu.bench * 100.0,
                            r.cpu.server * 100.0
                        ));
                        match figures {
                            Ok(f) => f.push(r.mb_per_second()),
                            Err(_) => *figures = Ok(vec![r.mb_per_second()]),
                        }
                    }
                    Err(e) => *figures = Err(format!("{e:#}")),
                }
            }
        }
        let mut figure = |i: usize| match &mut servers[i].figures {
            Ok(f) => Figure::Measured(median(f)),
            Err(why) => Figure::Failed(why.clone()),
        };
        let (pulpd_figure, peer_figure, nginx_figure) = (figure(0), figure(1), figure(2));
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
