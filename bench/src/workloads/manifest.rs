//! Manifest GET by tag (OCI Accept header) and HEAD by digest, 32 keep-alive connections for the load duration,
//! against pulpd and Distribution in turn. Targets: pulpd's requests/s ≥ 2× Distribution's; p99 reported.
//! The GET is also measured against the floor, a minimal hyper server answering the same bytes from memory
//! ([`crate::references::Floor`]): pulpd's share of it (target ≥ 60 %, issue 14) is the honest limit.

use super::{unless_blocked, warmup, Ctx};
use crate::cli::Settings;
use crate::load::{self, LoadReport, RequestSpec, Server};
use crate::report::{Figure, Goal, Row, Unit};
use anyhow::{ensure, Result};
use hyper::header::{HeaderName, ACCEPT, CONTENT_LENGTH};
use pulp_e2e::images::{Image, MT_OCI_MANIFEST};

/// `GET /v2/<repo>/manifests/<tag>` with the OCI manifest Accept header.
pub fn get_by_tag(image: &Image) -> RequestSpec {
    RequestSpec::get(format!(
        "/v2/{}/manifests/{}",
        image.repository(),
        image.tag
    ))
    .header(ACCEPT, MT_OCI_MANIFEST)
    .expect_len(image.manifest.len() as u64)
}

/// `HEAD /v2/<repo>/manifests/<digest>` with the OCI manifest Accept header.
pub fn head_by_digest(image: &Image) -> RequestSpec {
    RequestSpec::head(format!(
        "/v2/{}/manifests/{}",
        image.repository(),
        image.digest
    ))
    .header(ACCEPT, MT_OCI_MANIFEST)
}

/// Checks one answer (status, digest, length), then runs the load: a short warm-up, then the measured run.
pub async fn measure(
    server: &Server,
    spec: &RequestSpec,
    image: &Image,
    settings: &Settings,
) -> Result<LoadReport> {
    let (status, headers, _) = load::probe(server, spec).await?;
    ensure!(
        status == spec.expect,
        "{} {} answered {status}",
        spec.method,
        spec.path
    );
    let digest = headers
        .get(HeaderName::from_static("docker-content-digest"))
        .and_then(|v| v.to_str().ok());
    ensure!(
        digest == Some(image.digest.as_str()),
        "{} {} answered Docker-Content-Digest {digest:?}, expected {}",
        spec.method,
        spec.path,
        image.digest
    );
    let length = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok());
    ensure!(
        length == Some(image.manifest.len().to_string().as_str()),
        "{} {} answered Content-Length {length:?}, expected {}",
        spec.method,
        spec.path,
        image.manifest.len()
    );
    let warm = warmup(settings.load_duration);
    load::run(server, spec, settings.connections, warm).await?;
    let report = load::run(server, spec, settings.connections, settings.load_duration).await?;
    report.check()?;
    Ok(report)
}

/// A load's figure (requests/s) and its summary for the notes.
pub fn figure(report: Result<LoadReport>) -> (Figure, Option<LoadReport>) {
    match report {
        Ok(r) => (Figure::Measured(r.per_second()), Some(r)),
        Err(e) => (Figure::Failed(format!("{e:#}")), None),
    }
}

/// Both manifest workloads and the floor row (`floor`: the minimal server, or why it could not start). Also
/// returns Distribution's anonymous GET figure, the token row's reference.
pub fn rows(
    ctx: &Ctx,
    pulpd: &Server,
    peer: &Server,
    floor: &Result<Server, String>,
    image: &Image,
) -> (Vec<Row>, Figure) {
    let (rt, settings, blocked) = (ctx.rt, ctx.settings, ctx.blocked);
    let mut rows = Vec::new();
    let mut peer_get = Figure::Failed("not measured".into());
    let c = settings.connections;
    for (name, spec, is_get) in [
        (
            format!("manifest GET by tag, {c} conns"),
            get_by_tag(image),
            true,
        ),
        (
            format!("manifest HEAD by digest, {c} conns"),
            head_by_digest(image),
            false,
        ),
    ] {
        let mut pulpd_report = None;
        let pulpd_figure = unless_blocked(blocked, || {
            let (f, r) = figure(rt.block_on(measure(pulpd, &spec, image, settings)));
            pulpd_report = r;
            f
        });
        let (peer_figure, peer_report) = figure(rt.block_on(measure(peer, &spec, image, settings)));
        eprintln!(
            "[bench] {name}: pulpd {:?}, Distribution {:?}",
            pulpd_figure.value(),
            peer_figure.value()
        );
        let mut row = Row::new(
            &name,
            Unit::PerSecond,
            pulpd_figure.clone(),
            Goal::RatioAtLeast(2.0),
        )
        .against_peer(peer_figure.clone());
        let p99 = Row::new(
            format!("{} p99 latency", name.split(',').next().unwrap_or(&name)),
            Unit::Millis,
            pulpd_report
                .as_ref()
                .map(|r| Figure::Measured(r.percentile_ms(0.99)))
                .unwrap_or_else(|| Figure::Failed("no load figure".into())),
            Goal::None,
        )
        .against_peer(
            peer_report
                .as_ref()
                .map(|r| Figure::Measured(r.percentile_ms(0.99)))
                .unwrap_or_else(|| Figure::Failed("no load figure".into())),
        );
        if let Some(r) = &pulpd_report {
            row = row.note(format!("pulpd: {}", r.summary()));
        }
        if let Some(r) = &peer_report {
            row = row.note(format!("Distribution: {}", r.summary()));
        }
        if is_get {
            peer_get = peer_figure;
        }
        rows.push(row);
        rows.push(p99);
        if is_get {
            rows.push(floor_row(ctx, floor, &spec, image, &name, pulpd_figure));
        }
    }
    (rows, peer_get)
}

/// The manifest GET against the floor server, with the same load and checks as against the registries.
fn floor_row(
    ctx: &Ctx,
    floor: &Result<Server, String>,
    spec: &RequestSpec,
    image: &Image,
    name: &str,
    pulpd_figure: Figure,
) -> Row {
    let (floor_figure, floor_report) = match floor {
        Ok(floor) => figure(ctx.rt.block_on(measure(floor, spec, image, ctx.settings))),
        Err(why) => (Figure::Failed(why.clone()), None),
    };
    eprintln!(
        "[bench] {name} vs floor: pulpd {:?}, floor {:?}",
        pulpd_figure.value(),
        floor_figure.value()
    );
    let mut row = Row::new(
        format!("{name} vs hyper floor"),
        Unit::PerSecond,
        pulpd_figure,
        Goal::RatioAtLeast(0.6),
    )
    .against("hyper floor", floor_figure);
    if let Some(r) = &floor_report {
        row = row.note(format!("floor: {}", r.summary()));
    }
    row
}
