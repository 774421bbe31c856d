//! pulpd's resident memory: idle after start (≤ 30 MiB), peak while syncing the huge image (1 GiB layer in a
//! full run) and peak while serving its layer, alone and together with the 32-connection manifest load
//! (≤ 64 MiB each). Distribution's figures for the serving phases are shown for comparison; the targets are
//! absolute. Peaks are `VmHWM` after a reset, cross-checked by 10 ms sampling (see `procfs`).

use super::{blob, manifest, Ctx};
use crate::api::Api;
use crate::load::{self, LoadReport, Server};
use crate::procfs::{PeakMeter, Proc};
use crate::report::{Figure, Goal, Row, Unit};
use anyhow::{anyhow, Result};
use pulp_e2e::images::Image;
use std::time::Duration;

/// Targets, MiB.
const IDLE_LIMIT: f64 = 30.0;
const PEAK_LIMIT: f64 = 64.0;

/// RSS after pulpd started and sat idle for `settle`.
pub fn idle(proc: Option<Proc>, settle: Duration) -> Row {
    std::thread::sleep(settle);
    let figure = Figure::from_result(
        proc.ok_or_else(|| anyhow!("pulpd is not running"))
            .and_then(|p| p.rss_mib()),
    );
    eprintln!("[bench] idle RSS: {:?} MiB", figure.value());
    Row::new(
        "memory: pulpd RSS idle after start",
        Unit::Mib,
        figure,
        Goal::AtMost(IDLE_LIMIT),
    )
    .note(format!(
        "VmRSS {} s after the status endpoint first answered",
        settle.as_secs_f64()
    ))
}

/// Syncs `image` into pulpd (as `sync_and_distribute` does) while measuring pulpd's peak RSS.
pub fn sync_peak(
    ctx: &Ctx,
    api: &Api,
    pulpd: Option<Proc>,
    upstream_url: &str,
    image: &Image,
) -> (Row, Result<()>) {
    let name = format!("memory: pulpd peak during sync of {}", size_label(image));
    let Some(proc) = pulpd else {
        let why = "pulpd is not running".to_string();
        return (
            Row::new(
                name,
                Unit::Mib,
                Figure::Failed(why.clone()),
                Goal::AtMost(PEAK_LIMIT),
            ),
            Err(anyhow!(why)),
        );
    };
    let meter = PeakMeter::start(proc);
    let synced =
        ctx.rt
            .block_on(api.sync_and_distribute(&image.name, upstream_url, &image.repository()));
    let (peak, how) = meter.finish();
    let (figure, result, took) = match synced {
        Ok(took) => (Figure::Measured(peak), Ok(()), Some(took)),
        Err(e) => (Figure::Failed(format!("{e:#}")), Err(e), None),
    };
    eprintln!("[bench] sync peak: {:?} MiB", figure.value());
    let mut row = Row::new(name, Unit::Mib, figure, Goal::AtMost(PEAK_LIMIT)).note(how);
    if let Some(took) = took {
        row = row.note(format!("sync took {:.1} s", took.as_secs_f64()));
    }
    (row, result)
}

fn size_label(image: &Image) -> String {
    let (_, size) = crate::fixtures::layer(image).unwrap_or_default();
    let mib = size as f64 / 1024.0 / 1024.0;
    if mib >= 1024.0 {
        format!("a {:.0} GiB layer", mib / 1024.0)
    } else {
        format!("a {mib:.0} MiB layer")
    }
}

/// One download of the layer, alone: the server's peak RSS.
async fn blob_alone(server: &Server, image: &Image) -> Result<(f64, String)> {
    let proc = server
        .proc
        .ok_or_else(|| anyhow!("no pid to read memory from"))?;
    let spec = blob::spec(image)?;
    let meter = PeakMeter::start(proc);
    let report = load::run_count(server, &spec, 1, 1).await;
    let (peak, how) = meter.finish();
    report?.check()?;
    Ok((peak, how))
}

/// One download of the layer while the manifest load runs on `connections` connections: the peak RSS.
async fn blob_with_manifests(
    server: &Server,
    image: &Image,
    hello: &Image,
    connections: usize,
) -> Result<(f64, String)> {
    let proc = server
        .proc
        .ok_or_else(|| anyhow!("no pid to read memory from"))?;
    let blob_spec = blob::spec(image)?;
    let manifest_spec = manifest::get_by_tag(hello);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let meter = PeakMeter::start(proc);
    let manifests = load::run_until(server, &manifest_spec, connections, stop_rx);
    let download = async {
        let r = load::run_count(server, &blob_spec, 1, 1).await;
        let _ = stop_tx.send(true);
        r
    };
    let (manifests, download): (Result<LoadReport>, Result<LoadReport>) =
        tokio::join!(manifests, download);
    let (peak, how) = meter.finish();
    download?.check()?;
    let manifests = manifests?;
    manifests.check()?;
    Ok((
        peak,
        format!("{how}; {} manifest GETs alongside", manifests.ok),
    ))
}

/// The two serving rows: the layer alone, and the layer with the manifest load.
pub fn serve_peaks(
    ctx: &Ctx,
    pulpd: &Server,
    peer: &Server,
    image: &Image,
    hello: &Image,
) -> Vec<Row> {
    let c = ctx.settings.connections;
    let size = size_label(image);
    let mut rows = Vec::new();
    let phases = [
        (format!("memory: peak serving {size} (1 GET)"), false),
        (
            format!("memory: peak serving {size} + {c} manifest conns"),
            true,
        ),
    ];
    for (name, with_manifests) in phases {
        let mut notes = Vec::new();
        let mut measure = |server: &Server, who: &str| -> Figure {
            let measured = if with_manifests {
                ctx.rt
                    .block_on(blob_with_manifests(server, image, hello, c))
            } else {
                ctx.rt.block_on(blob_alone(server, image))
            };
            match measured {
                Ok((peak, how)) => {
                    notes.push(format!("{who}: {how}"));
                    Figure::Measured(peak)
                }
                Err(e) => Figure::Failed(format!("{e:#}")),
            }
        };
        let pulpd_figure = super::unless_blocked(ctx.blocked, || measure(pulpd, "pulpd"));
        let peer_figure = measure(peer, "Distribution");
        eprintln!(
            "[bench] {name}: pulpd {:?} MiB, Distribution {:?} MiB",
            pulpd_figure.value(),
            peer_figure.value()
        );
        let mut row = Row::new(name, Unit::Mib, pulpd_figure, Goal::AtMost(PEAK_LIMIT))
            .against_peer(peer_figure);
        row.notes = notes;
        rows.push(row);
    }
    rows
}
