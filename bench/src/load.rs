//! The load generator: a fixed set of HTTP/1.1 keep-alive connections (hyper's low-level client), each driven
//! by one task in a closed loop: send, read the whole answer, record the latency, send again.
//!
//! It shares the machine's two cores with the servers, so it is kept lean: it runs on the bench's one
//! current-thread tokio runtime (so it can never take more than one core, and [`CpuShare::bench`] near 1.0
//! means the generator, not the server, was the limit); each connection is opened once before the clock starts;
//! requests are built from pre-parsed header values (cloning them copies no bytes); bodies are read frame by
//! frame and dropped, never collected, so a 1 GiB blob costs no more memory than a manifest. Latencies go into
//! one HDR histogram per connection, merged at the end.
//!
//! Every answer is checked: an unexpected status, a short body or a broken connection counts as an error (the
//! connection is reopened), and a workload with errors is reported as failed rather than as a figure.

use crate::procfs::{CpuMeter, CpuShare, Proc};
use anyhow::{anyhow, Context, Result};
use bytes::Bytes;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{HeaderName, HeaderValue, HOST};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

/// Latency histogram range: 1 µs to 60 s, 3 significant digits.
const MAX_LATENCY_US: u64 = 60_000_000;

/// One kind of request, sent over and over.
#[derive(Clone, Debug)]
pub struct RequestSpec {
    pub method: Method,
    /// Origin-form target, e.g. `/v2/library/hello/manifests/latest`.
    pub path: String,
    /// Extra headers (Host is added from the address).
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub expect: StatusCode,
    /// The exact body length every answer must have, when known (a blob's size).
    pub expect_len: Option<u64>,
}

impl RequestSpec {
    pub fn get(path: impl Into<String>) -> RequestSpec {
        RequestSpec {
            method: Method::GET,
            path: path.into(),
            headers: Vec::new(),
            expect: StatusCode::OK,
            expect_len: None,
        }
    }

    pub fn head(path: impl Into<String>) -> RequestSpec {
        RequestSpec {
            method: Method::HEAD,
            ..RequestSpec::get(path)
        }
    }

    /// Adds a header; panics on a malformed value, which would be a bug in the bench.
    pub fn header(mut self, name: HeaderName, value: &str) -> RequestSpec {
        let value =
            HeaderValue::from_str(value).expect("header values built by the bench are valid");
        self.headers.push((name, value));
        self
    }

    pub fn expect_len(mut self, len: u64) -> RequestSpec {
        self.expect_len = Some(len);
        self
    }
}

/// Where to send requests.
#[derive(Clone, Debug)]
pub struct Server {
    pub addr: SocketAddr,
    /// The process serving `addr`, for CPU accounting.
    pub proc: Option<Proc>,
}

/// What one closed-loop run measured.
#[derive(Debug)]
pub struct LoadReport {
    /// Answers that passed every check.
    pub ok: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    /// From the common start to the last answer.
    pub elapsed: Duration,
    /// Body bytes received in good answers.
    pub bytes: u64,
    /// Latency of good answers, µs.
    pub latency: Histogram<u64>,
    pub cpu: CpuShare,
}

impl LoadReport {
    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64()
    }

    /// Throughput in MB/s (10^6 bytes, as curl and the baseline figures use).
    pub fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64()
    }

    pub fn percentile_ms(&self, q: f64) -> f64 {
        self.latency.value_at_quantile(q) as f64 / 1000.0
    }

    /// `Err` naming the failures when any answer was wrong: such a run measures nothing useful.
    pub fn check(&self) -> Result<()> {
        if self.errors == 0 && self.ok > 0 {
            return Ok(());
        }
        Err(anyhow!(
            "{} of {} requests failed; first: {}",
            self.errors,
            self.errors + self.ok,
            self.first_error
                .as_deref()
                .unwrap_or("no request completed")
        ))
    }

    /// `p50 … ms, p99 … ms, cpu bench …%, server …%` for the notes.
    pub fn summary(&self) -> String {
        format!(
            "{} reqs, p50 {:.2} ms, p99 {:.2} ms, cpu bench {:.0}% server {:.0}%",
            self.ok,
            self.percentile_ms(0.5),
            self.percentile_ms(0.99),
            self.cpu.bench * 100.0,
            self.cpu.server * 100.0
        )
    }
}

/// One connection's share of a run.
struct Worker {
    ok: u64,
    errors: u64,
    first_error: Option<String>,
    bytes: u64,
    latency: Histogram<u64>,
    finished: Instant,
}

impl Worker {
    fn new() -> Worker {
        Worker {
            ok: 0,
            errors: 0,
            first_error: None,
            bytes: 0,
            latency: Histogram::new_with_bounds(1, MAX_LATENCY_US, 3)
                .expect("the histogram bounds are valid"),
            finished: Instant::now(),
        }
    }

    /// A good answer of `len` body bytes to a request sent at `sent`.
    fn record(&mut self, sent: Instant, len: u64) {
        let us = (sent.elapsed().as_micros() as u64).clamp(1, MAX_LATENCY_US);
        self.latency.saturating_record(us);
        self.ok += 1;
        self.bytes += len;
    }

    fn error(&mut self, e: impl std::fmt::Display) {
        self.errors += 1;
        if self.first_error.is_none() {
            self.first_error = Some(e.to_string());
        }
    }
}

/// An open HTTP/1.1 connection.
struct Conn {
    sender: SendRequest<Empty<Bytes>>,
}

impl Conn {
    async fn open(addr: SocketAddr) -> Result<Conn> {
        let stream = tokio::net::TcpStream::connect(addr)
            .await
            .with_context(|| format!("connecting to {addr}"))?;
        stream.set_nodelay(true)?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .with_context(|| format!("HTTP handshake with {addr}"))?;
        // The connection task ends when the sender is dropped or the server closes.
        tokio::spawn(connection);
        Ok(Conn { sender })
    }

    /// Sends one request and reads (and drops) the whole body; the body length.
    async fn send(&mut self, request: Request<Empty<Bytes>>, spec: &RequestSpec) -> Result<u64> {
        self.sender.ready().await.context("connection closed")?;
        let response = self.sender.send_request(request).await?;
        let status = response.status();
        let mut body = response.into_body();
        let mut len = 0u64;
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame?.into_data() {
                len += data.len() as u64;
            }
        }
        if status != spec.expect {
            return Err(anyhow!("{} {} answered {status}", spec.method, spec.path));
        }
        if let Some(expected) = spec.expect_len {
            if spec.method != Method::HEAD && len != expected {
                return Err(anyhow!(
                    "{} {} sent {len} body bytes, expected {expected}",
                    spec.method,
                    spec.path
                ));
            }
        }
        Ok(len)
    }
}

fn build(spec: &RequestSpec, host: &HeaderValue) -> Request<Empty<Bytes>> {
    let mut builder = Request::builder()
        .method(spec.method.clone())
        .uri(spec.path.as_str())
        .header(HOST, host.clone());
    for (name, value) in &spec.headers {
        builder = builder.header(name.clone(), value.clone());
    }
    builder
        .body(Empty::new())
        .expect("requests built from a valid spec are valid")
}

/// Runs `connections` closed loops of `spec` against `server`, starting requests for `duration` (the ones in
/// flight then finish, and count).
pub async fn run(
    server: &Server,
    spec: &RequestSpec,
    connections: usize,
    duration: Duration,
) -> Result<LoadReport> {
    drive(server, spec, connections, Until::Deadline(duration)).await
}

/// Runs `connections` loops that each send `spec` exactly `count` times.
pub async fn run_count(
    server: &Server,
    spec: &RequestSpec,
    connections: usize,
    count: u64,
) -> Result<LoadReport> {
    drive(server, spec, connections, Until::Count(count)).await
}

/// Runs `connections` loops until `stop` resolves (e.g. while another measurement runs).
pub async fn run_until(
    server: &Server,
    spec: &RequestSpec,
    connections: usize,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Result<LoadReport> {
    drive(server, spec, connections, Until::Signal(stop)).await
}

#[derive(Clone)]
enum Until {
    /// Start new requests until this long after the start; the ones in flight finish.
    Deadline(Duration),
    /// Each connection sends this many requests.
    Count(u64),
    /// Until the watch turns `true`.
    Signal(tokio::sync::watch::Receiver<bool>),
}

async fn drive(
    server: &Server,
    spec: &RequestSpec,
    connections: usize,
    until: Until,
) -> Result<LoadReport> {
    let host = HeaderValue::from_str(&server.addr.to_string()).expect("an address is a valid Host");
    // Open every connection before the clock starts, so connection setup is not measured.
    let mut conns = Vec::with_capacity(connections);
    for _ in 0..connections {
        conns.push(Conn::open(server.addr).await?);
    }
    let cpu = CpuMeter::start(server.proc);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for conn in conns {
        let (spec, host, addr, until) = (spec.clone(), host.clone(), server.addr, until.clone());
        tasks.spawn(async move {
            let mut worker = Worker::new();
            let mut conn = Some(conn);
            let mut sent = 0u64;
            loop {
                let more = match &until {
                    Until::Deadline(d) => started.elapsed() < *d,
                    Until::Count(n) => sent < *n,
                    Until::Signal(rx) => !*rx.borrow(),
                };
                if !more {
                    break;
                }
                sent += 1;
                let c = match conn.as_mut() {
                    Some(c) => c,
                    None => match Conn::open(addr).await {
                        Ok(c) => conn.insert(c),
                        Err(e) => {
                            worker.error(format!("{e:#}"));
                            continue;
                        }
                    },
                };
                let t0 = Instant::now();
                match c.send(build(&spec, &host), &spec).await {
                    Ok(len) => {
                        worker.record(t0, len);
                    }
                    Err(e) => {
                        worker.error(format!("{e:#}"));
                        conn = None;
                    }
                }
            }
            worker.finished = Instant::now();
            worker
        });
    }
    let mut report = LoadReport {
        ok: 0,
        errors: 0,
        first_error: None,
        elapsed: Duration::ZERO,
        bytes: 0,
        latency: Histogram::new_with_bounds(1, MAX_LATENCY_US, 3)
            .expect("the histogram bounds are valid"),
        cpu: CpuShare::default(),
    };
    let mut last = started;
    while let Some(worker) = tasks.join_next().await {
        let worker = worker.context("a load connection task panicked")?;
        report.ok += worker.ok;
        report.errors += worker.errors;
        report.bytes += worker.bytes;
        if report.first_error.is_none() {
            report.first_error = worker.first_error;
        }
        report
            .latency
            .add(&worker.latency)
            .expect("histograms with equal bounds merge");
        last = last.max(worker.finished);
    }
    report.elapsed = last - started;
    report.cpu = cpu.finish();
    Ok(report)
}

/// One stream that, for `duration`, sends `spec` to `server`, which must answer `307` with a `Location` on
/// `target`, and downloads that location from `target`, checking its length (`spec.expect_len`): a client
/// following blob redirects. Latency and bytes count both requests; CPU is `target`'s.
pub async fn run_redirected(
    server: &Server,
    spec: &RequestSpec,
    target: &Server,
    duration: Duration,
) -> Result<LoadReport> {
    let host = HeaderValue::from_str(&server.addr.to_string()).expect("an address is a valid Host");
    let target_host =
        HeaderValue::from_str(&target.addr.to_string()).expect("an address is a valid Host");
    let prefix = format!("http://{}", target.addr);
    let mut conn = Conn::open(server.addr).await?;
    let mut target_conn = Conn::open(target.addr).await?;
    let cpu = CpuMeter::start(target.proc);
    let started = Instant::now();
    let mut worker = Worker::new();
    while started.elapsed() < duration {
        let t0 = Instant::now();
        let result = async {
            conn.sender.ready().await.context("connection closed")?;
            let response = conn.sender.send_request(build(spec, &host)).await?;
            let (parts, body) = response.into_parts();
            body.collect().await?;
            if parts.status != StatusCode::TEMPORARY_REDIRECT {
                return Err(anyhow!(
                    "{} {} answered {}",
                    spec.method,
                    spec.path,
                    parts.status
                ));
            }
            let location = parts
                .headers
                .get(hyper::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| anyhow!("a 307 without Location"))?;
            let path = location
                .strip_prefix(&prefix)
                .ok_or_else(|| anyhow!("Location {location} is not on {prefix}"))?;
            let follow = RequestSpec {
                path: path.to_owned(),
                headers: Vec::new(),
                ..spec.clone()
            };
            target_conn
                .send(build(&follow, &target_host), &follow)
                .await
        }
        .await;
        match result {
            Ok(len) => {
                worker.record(t0, len);
            }
            Err(e) => {
                worker.error(format!("{e:#}"));
                conn = Conn::open(server.addr).await?;
                target_conn = Conn::open(target.addr).await?;
            }
        }
    }
    Ok(LoadReport {
        ok: worker.ok,
        errors: worker.errors,
        first_error: worker.first_error,
        elapsed: started.elapsed(),
        bytes: worker.bytes,
        latency: worker.latency,
        cpu: cpu.finish(),
    })
}

/// Sends one request and returns the status, headers and (small) body: for checks before a run.
pub async fn probe(
    server: &Server,
    spec: &RequestSpec,
) -> Result<(StatusCode, hyper::HeaderMap, Bytes)> {
    let mut conn = Conn::open(server.addr).await?;
    let host = HeaderValue::from_str(&server.addr.to_string()).expect("an address is a valid Host");
    conn.sender.ready().await?;
    let response = conn.sender.send_request(build(spec, &host)).await?;
    let (parts, body) = response.into_parts();
    let body = body.collect().await?.to_bytes();
    Ok((parts.status, parts.headers, body))
}
