//! Pushes: `skopeo copy` of the blob image (256 MiB, 64 MiB quick) from its OCI layout into pulpd and into
//! Distribution, and manifest PUTs per second (distinct small manifests over 8 keep-alive connections).
//! Targets: the copy into pulpd takes ≤ 1.0× the time into Distribution; PUTs/s ≥ 2× Distribution's.
//!
//! pulpd runs for these rows with token auth on, as clients push to it: skopeo logs in with `--dest-creds`,
//! and the PUT load carries one Bearer token (fetched with the admin's Basic credentials for
//! `repository:<repo>:pull,push`), so no password is checked per request. Distribution is anonymous.
//!
//! Copies: each into a repository not used before, by a fresh skopeo (its own blob-info cache, so it never
//! tries a cross-repository mount), pulpd and Distribution interleaved; medians. Both servers hold the layer
//! already after the first sample (Distribution was seeded with it), so both verify and then drop or link it.
//!
//! PUTs: config and layer are uploaded once per server, then each of N manifests (differing only in an
//! annotation) is PUT by a new tag: every PUT stores a manifest and moves a tag, and in pulpd makes a new
//! repository version. A short unmeasured warm-up of other manifests comes first. Every answer must be 201.
//!
//! While pulpd answers `POST /v2/<name>/blobs/uploads/` with 404 or 405 (no push support), both rows say
//! "n/a (not implemented)"; Distribution's figures are still measured.

use super::{median, Ctx};
use crate::load::Server;
use crate::procfs::{CpuMeter, CpuShare};
use crate::report::{Figure, Goal, Row, Unit};
use crate::servers::{Peer, Pulpd, ADMIN_PASSWORD};
use anyhow::{anyhow, bail, ensure, Context, Result};
use bytes::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, HOST};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use pulp_e2e::clients::Skopeo;
use pulp_e2e::images::{Image, MT_OCI_CONFIG, MT_OCI_LAYER_GZIP, MT_OCI_MANIFEST};
use pulp_e2e::oci::{pseudo_random, sha256_digest};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where the PUT load pushes, on both servers.
const PUT_REPOSITORY: &str = "bench-push/manifests";
/// Latency histogram range: 1 µs to 60 s.
const MAX_LATENCY_US: u64 = 60_000_000;

/// One side of the comparison: where to push and how to authenticate.
struct Target {
    /// `127.0.0.1:<port>`, as skopeo names the registry.
    host: String,
    server: Server,
    /// skopeo's `--dest-creds` (pulpd) or none (anonymous Distribution).
    creds: Option<String>,
    /// The `Authorization` value for raw requests (a Bearer token for pulpd).
    authorization: Option<String>,
}

pub fn rows(ctx: &Ctx, pulpd_bin: &Path, peer: &Peer, image: &Image) -> Vec<Row> {
    let settings = ctx.settings;
    let size = image.name.trim_start_matches("big");
    let copy_name = format!("push: skopeo copy ({size} MiB)");
    let put_name = format!(
        "push: manifest PUT, {} conns",
        settings.push_put_connections
    );
    let peer_target = Target {
        host: peer.upstream.host(),
        server: peer.server(),
        creds: None,
        authorization: None,
    };

    // pulpd: its own instance with token auth on; a probe says whether it takes pushes at all.
    let pulpd = Pulpd::start(pulpd_bin, true);
    let pulpd_target = pulpd
        .as_ref()
        .map_err(|e| Figure::Failed(format!("starting pulpd: {e:#}")))
        .and_then(|p| {
            ctx.rt
                .block_on(pulpd_target(p))
                .map_err(|e| Figure::Failed(format!("{e:#}")))?
        });

    let mut notes = Vec::new();
    let mut copies = (Vec::new(), Vec::new());
    let mut copy_failed = (None, None);
    for i in 0..settings.push_copy_samples {
        if let Ok(target) = &pulpd_target {
            if copy_failed.0.is_none() {
                match copy(target, image, &format!("bench-push/copy-{i}")) {
                    Ok(s) => copies.0.push(s),
                    Err(e) => copy_failed.0 = Some(format!("{e:#}")),
                }
            }
        }
        if copy_failed.1.is_none() {
            match copy(&peer_target, image, &format!("bench-push/copy-{i}")) {
                Ok(s) => copies.1.push(s),
                Err(e) => copy_failed.1 = Some(format!("{e:#}")),
            }
        }
    }
    let copy_figure = |values: &mut Vec<f64>, failed: &Option<String>| match failed {
        Some(why) => Figure::Failed(why.clone()),
        None if values.is_empty() => Figure::Failed("no copy was measured".into()),
        None => Figure::Measured(median(values)),
    };
    let pulpd_copy = match &pulpd_target {
        Err(figure) => figure.clone(),
        Ok(_) => copy_figure(&mut copies.0.clone(), &copy_failed.0),
    };
    let peer_copy = copy_figure(&mut copies.1.clone(), &copy_failed.1);
    notes.push(format!(
        "copies (each into a new repository, fresh blob-info cache), pulpd: {}; Distribution: {}",
        seconds(&copies.0),
        seconds(&copies.1)
    ));
    eprintln!(
        "[bench] {copy_name}: pulpd {:?} s, Distribution {:?} s",
        pulpd_copy.value(),
        peer_copy.value()
    );

    let manifests = Manifests::new(settings.push_put_manifests, settings.push_put_warmup);
    let put = |target: &Target| -> Result<PutReport> {
        ctx.rt.block_on(async {
            manifests.upload_blobs(target).await?;
            let warmup = put_load(target, &manifests.warmup, settings.push_put_connections).await?;
            warmup.check().context("the warm-up")?;
            let report =
                put_load(target, &manifests.measured, settings.push_put_connections).await?;
            report.check()?;
            Ok(report)
        })
    };
    let (pulpd_put, pulpd_put_report) = match &pulpd_target {
        Err(figure) => (figure.clone(), None),
        Ok(target) => match put(target) {
            Ok(r) => (Figure::Measured(r.per_second()), Some(r)),
            Err(e) => (Figure::Failed(format!("{e:#}")), None),
        },
    };
    let (peer_put, peer_put_report) = match put(&peer_target) {
        Ok(r) => (Figure::Measured(r.per_second()), Some(r)),
        Err(e) => (Figure::Failed(format!("{e:#}")), None),
    };
    eprintln!(
        "[bench] {put_name}: pulpd {:?}, Distribution {:?}",
        pulpd_put.value(),
        peer_put.value()
    );
    let mut put_notes = vec![format!(
        "{} distinct manifests by new tags after {} unmeasured",
        settings.push_put_manifests, settings.push_put_warmup
    )];
    if let Some(r) = &pulpd_put_report {
        put_notes.push(format!("pulpd: {}", r.summary()));
    }
    if let Some(r) = &peer_put_report {
        put_notes.push(format!("Distribution: {}", r.summary()));
    }
    drop(pulpd);

    let mut copy_row = Row::new(copy_name, Unit::Seconds, pulpd_copy, Goal::RatioAtMost(1.0))
        .against_peer(peer_copy);
    copy_row.notes = notes;
    let mut put_row = Row::new(
        put_name,
        Unit::PerSecond,
        pulpd_put,
        Goal::RatioAtLeast(2.0),
    )
    .against_peer(peer_put);
    put_row.notes = put_notes;
    vec![copy_row, put_row]
}

/// pulpd as a push target: a Bearer token for the PUT load, then a probe of the upload endpoint. `Ok(Err)` is
/// the figure both rows get when pulpd does not take pushes.
async fn pulpd_target(pulpd: &Pulpd) -> Result<Result<Target, Figure>> {
    let client = reqwest::Client::new();
    let scope = format!("repository:{PUT_REPOSITORY}:pull,push");
    let answer = client
        .get(format!("{}/token/", pulpd.base_url()))
        .query(&[("service", pulpd.registry_host()), ("scope", &scope)])
        .basic_auth("admin", Some(ADMIN_PASSWORD))
        .send()
        .await
        .context("asking pulpd for a push token")?;
    let status = answer.status();
    let body: Value = answer.json().await.unwrap_or(Value::Null);
    let token = body["token"]
        .as_str()
        .filter(|_| status.is_success())
        .ok_or_else(|| anyhow!("GET /token/?scope={scope} answered {status} {body}"))?;
    let authorization = format!("Bearer {token}");
    let uploads = format!("{}/v2/{PUT_REPOSITORY}/blobs/uploads/", pulpd.base_url());
    let answer = client
        .post(&uploads)
        .header(AUTHORIZATION, &authorization)
        .header("content-length", "0")
        .send()
        .await
        .context("probing pulpd's upload endpoint")?;
    let status = answer.status();
    if matches!(
        status,
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED
    ) {
        let body = answer.text().await.unwrap_or_default();
        return Ok(Err(Figure::NotImplemented(format!(
            "POST /v2/{PUT_REPOSITORY}/blobs/uploads/ answered {status} {body}"
        ))));
    }
    ensure!(
        status == StatusCode::ACCEPTED,
        "POST /v2/{PUT_REPOSITORY}/blobs/uploads/ answered {status}"
    );
    if let Some(location) = answer
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
    {
        // Cancel the probe's session (a failure here only leaves a session to expire).
        let _ = client
            .delete(absolute(&pulpd.base_url(), location))
            .header(AUTHORIZATION, &authorization)
            .send()
            .await;
    }
    Ok(Ok(Target {
        host: pulpd.addr().to_string(),
        server: pulpd.server(),
        creds: Some(format!("admin:{ADMIN_PASSWORD}")),
        authorization: Some(authorization),
    }))
}

/// A `Location` (relative or absolute) as a URL of `base`.
fn absolute(base: &str, location: &str) -> String {
    if location.starts_with("http://") || location.starts_with("https://") {
        location.to_string()
    } else {
        format!("{base}{location}")
    }
}

/// One `skopeo copy oci:<layout> docker://<target>/<repository>:latest` by a fresh skopeo: its wall time.
fn copy(target: &Target, image: &Image, repository: &str) -> Result<f64> {
    let skopeo = Skopeo::new(&[&target.host])?;
    let mut flags = vec!["--quiet"];
    if let Some(creds) = &target.creds {
        flags.extend(["--dest-creds", creds]);
    }
    let out = skopeo.copy(
        &image.transport_ref(),
        &format!("docker://{}/{repository}:latest", target.host),
        &flags,
    );
    let seconds = out.duration.as_secs_f64();
    out.ok()?;
    Ok(seconds)
}

fn seconds(values: &[f64]) -> String {
    if values.is_empty() {
        return "none".into();
    }
    values
        .iter()
        .map(|s| format!("{s:.2} s"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The PUT load's content: one config, one layer, and distinct manifests referring to them.
struct Manifests {
    config: Bytes,
    layer: Bytes,
    /// `(tag, manifest)` pairs, PUT unmeasured first.
    warmup: Arc<Vec<(String, Bytes)>>,
    measured: Arc<Vec<(String, Bytes)>>,
}

impl Manifests {
    fn new(measured: usize, warmup: usize) -> Manifests {
        let config = Bytes::from(
            serde_json::to_vec(&json!({
                "architecture": "amd64", "os": "linux",
                "rootfs": {"type": "layers", "diff_ids": []},
            }))
            .expect("config JSON"),
        );
        let layer = Bytes::from(pseudo_random(4096, 0xbe4c));
        let manifest = |n: usize| {
            Bytes::from(
                serde_json::to_vec(&json!({
                    "schemaVersion": 2,
                    "mediaType": MT_OCI_MANIFEST,
                    "config": {"mediaType": MT_OCI_CONFIG, "digest": sha256_digest(&config), "size": config.len()},
                    "layers": [{"mediaType": MT_OCI_LAYER_GZIP, "digest": sha256_digest(&layer), "size": layer.len()}],
                    "annotations": {"org.example.bench.n": n.to_string()},
                }))
                .expect("manifest JSON"),
            )
        };
        let first: Vec<_> = (0..warmup)
            .map(|n| (format!("w{n}"), manifest(n)))
            .collect();
        let measured = (0..measured)
            .map(|n| (format!("m{n}"), manifest(warmup + n)))
            .collect();
        let warmup = first;
        Manifests {
            config,
            layer,
            warmup: Arc::new(warmup),
            measured: Arc::new(measured),
        }
    }

    /// Uploads config and layer into [`PUT_REPOSITORY`] (POST a session, PUT the bytes with `?digest=`).
    async fn upload_blobs(&self, target: &Target) -> Result<()> {
        let client = reqwest::Client::new();
        let base = format!("http://{}", target.host);
        for blob in [&self.config, &self.layer] {
            let digest = sha256_digest(blob);
            let mut post = client
                .post(format!("{base}/v2/{PUT_REPOSITORY}/blobs/uploads/"))
                .header("content-length", "0");
            if let Some(a) = &target.authorization {
                post = post.header(AUTHORIZATION, a);
            }
            let answer = post.send().await.context("starting a blob upload")?;
            let status = answer.status();
            let location = answer
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let Some(location) = location.filter(|_| status == StatusCode::ACCEPTED) else {
                bail!("POST /v2/{PUT_REPOSITORY}/blobs/uploads/ answered {status} with no session");
            };
            let url = absolute(&base, &location);
            let separator = if url.contains('?') { '&' } else { '?' };
            let mut put = client
                .put(format!("{url}{separator}digest={digest}"))
                .header(CONTENT_TYPE, "application/octet-stream")
                .body(blob.clone());
            if let Some(a) = &target.authorization {
                put = put.header(AUTHORIZATION, a);
            }
            let answer = put.send().await.context("completing a blob upload")?;
            let status = answer.status();
            ensure!(
                status == StatusCode::CREATED,
                "PUT of blob {digest} answered {status} {}",
                answer.text().await.unwrap_or_default()
            );
        }
        Ok(())
    }
}

/// What one PUT load measured.
struct PutReport {
    ok: u64,
    errors: u64,
    first_error: Option<String>,
    elapsed: Duration,
    latency: Histogram<u64>,
    cpu: CpuShare,
}

impl PutReport {
    fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    fn check(&self) -> Result<()> {
        if self.errors == 0 && self.ok > 0 {
            return Ok(());
        }
        bail!(
            "{} of {} PUTs failed; first: {}",
            self.errors,
            self.errors + self.ok,
            self.first_error.as_deref().unwrap_or("none completed")
        )
    }

    fn summary(&self) -> String {
        let ms = |q: f64| self.latency.value_at_quantile(q) as f64 / 1000.0;
        format!(
            "{} PUTs in {:.2} s, p50 {:.2} ms, p99 {:.2} ms, cpu bench {:.0}% server {:.0}%",
            self.ok,
            self.elapsed.as_secs_f64(),
            ms(0.5),
            ms(0.99),
            self.cpu.bench * 100.0,
            self.cpu.server * 100.0
        )
    }
}

/// PUTs every manifest of `manifests` once, over `connections` keep-alive connections opened before the
/// clock starts, each taking the next manifest when its previous PUT was answered.
async fn put_load(
    target: &Target,
    manifests: &Arc<Vec<(String, Bytes)>>,
    connections: usize,
) -> Result<PutReport> {
    let addr = target.server.addr;
    let host = HeaderValue::from_str(&addr.to_string()).expect("an address is a valid Host");
    let authorization = target
        .authorization
        .as_deref()
        .map(HeaderValue::from_str)
        .transpose()
        .context("the Authorization value")?;
    let mut senders = Vec::with_capacity(connections);
    for _ in 0..connections {
        let stream = tokio::net::TcpStream::connect(addr)
            .await
            .with_context(|| format!("connecting to {addr}"))?;
        stream.set_nodelay(true)?;
        let (sender, connection) =
            hyper::client::conn::http1::handshake::<_, Full<Bytes>>(TokioIo::new(stream))
                .await
                .with_context(|| format!("HTTP handshake with {addr}"))?;
        tokio::spawn(connection);
        senders.push(sender);
    }
    let next = Arc::new(AtomicUsize::new(0));
    let cpu = CpuMeter::start(target.server.proc);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for mut sender in senders {
        let (next, manifests, host, authorization) = (
            next.clone(),
            manifests.clone(),
            host.clone(),
            authorization.clone(),
        );
        tasks.spawn(async move {
            let mut latency = Histogram::<u64>::new_with_bounds(1, MAX_LATENCY_US, 3)
                .expect("the histogram bounds are valid");
            let (mut ok, mut errors, mut first_error) = (0u64, 0u64, None::<String>);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((tag, body)) = manifests.get(i) else {
                    break;
                };
                let mut request = Request::builder()
                    .method(Method::PUT)
                    .uri(format!("/v2/{PUT_REPOSITORY}/manifests/{tag}"))
                    .header(HOST, host.clone())
                    .header(CONTENT_TYPE, MT_OCI_MANIFEST);
                if let Some(a) = &authorization {
                    request = request.header(AUTHORIZATION, a.clone());
                }
                let request = request
                    .body(Full::new(body.clone()))
                    .expect("a PUT built from valid parts");
                let t0 = Instant::now();
                let outcome = async {
                    sender.ready().await.context("connection closed")?;
                    let response = sender.send_request(request).await?;
                    let status = response.status();
                    let body = response.into_body().collect().await?.to_bytes();
                    ensure!(
                        status == StatusCode::CREATED,
                        "PUT /v2/{PUT_REPOSITORY}/manifests/{tag} answered {status} {}",
                        String::from_utf8_lossy(&body)
                    );
                    Ok::<(), anyhow::Error>(())
                }
                .await;
                match outcome {
                    Ok(()) => {
                        let us = (t0.elapsed().as_micros() as u64).clamp(1, MAX_LATENCY_US);
                        latency.saturating_record(us);
                        ok += 1;
                    }
                    Err(e) => {
                        errors += 1;
                        first_error.get_or_insert(format!("{e:#}"));
                        // The connection may be unusable now; stop this loop rather than spin on it.
                        break;
                    }
                }
            }
            (ok, errors, first_error, latency, Instant::now())
        });
    }
    let mut report = PutReport {
        ok: 0,
        errors: 0,
        first_error: None,
        elapsed: Duration::ZERO,
        latency: Histogram::new_with_bounds(1, MAX_LATENCY_US, 3)
            .expect("the histogram bounds are valid"),
        cpu: CpuShare::default(),
    };
    let mut last = started;
    while let Some(done) = tasks.join_next().await {
        let (ok, errors, first_error, latency, finished) =
            done.context("a PUT connection task panicked")?;
        report.ok += ok;
        report.errors += errors;
        if report.first_error.is_none() {
            report.first_error = first_error;
        }
        report
            .latency
            .add(&latency)
            .expect("histograms with equal bounds merge");
        last = last.max(finished);
    }
    report.elapsed = last - started;
    report.cpu = cpu.finish();
    let unsent = manifests.len() as u64 - report.ok - report.errors;
    if unsent > 0 && report.errors == 0 {
        report.errors = unsent;
        report.first_error = Some(format!("{unsent} manifests were never sent"));
    }
    Ok(report)
}
