//! What the registry does, as Prometheus metrics: the families, the free functions the code that does the work
//! calls to move them, and the exposition `/metrics` serves (OpenMetrics text, which Prometheus scrapes).
//!
//! The families live in one process-wide [`Metrics`] (a `LazyLock`), not in a handle threaded through every
//! layer: counting costs an atomic add on paths as deep as the upstream client's retry loop, and a metric that
//! needs plumbing to be counted tends not to be. This is the one global of the daemon; it holds only counters,
//! gauges and histograms, never state that behaviour depends on.
//!
//! The encoding is `prometheus-client`'s (the Prometheus project's Rust client): typed families with label
//! structs, so a label cannot be misspelt at one call site, and an exposition that follows the format (names,
//! `_total` on counters, escaping, `# EOF`) without text written by hand here.
//!
//! # Invariants
//! - Every label has a bounded set of values: route *templates* (see `http::metrics`), methods from a fixed
//!   list, status codes, task names (fixed in the code), upstream methods. Never a repository name, digest, tag,
//!   user or address.
//! - Names follow Prometheus conventions: the `pulpd_` prefix, the unit as a suffix (`_seconds`, `_bytes`),
//!   `_total` on counters (added by the encoder).

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::borrow::Cow;
use std::sync::LazyLock;
use std::time::Duration;

/// The `Content-Type` of [`encode`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// An HTTP request's route template, method and status.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    pub route: Cow<'static, str>,
    pub method: &'static str,
    pub status: u16,
}

/// An HTTP request's route template and method (the latency histogram's labels).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: Cow<'static, str>,
    pub method: &'static str,
}

/// What a pull-through request asked for.
#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq)]
pub enum Kind {
    Manifest,
    Blob,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Manifest => "manifest",
            Kind::Blob => "blob",
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct MethodLabels {
    method: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TaskLabels {
    name: String,
    state: &'static str,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

/// Request latencies: 1 ms to ~16 s in doublings (a manifest from the cache is a millisecond or two, a cold
/// blob through an upstream seconds).
fn request_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// Task durations: 10 ms to ~3 h in fourfold steps (a delete takes milliseconds, a large sync hours).
fn task_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.01, 4.0, 11))
}

/// Every family, registered once in [`METRICS`].
struct Metrics {
    registry: Registry,
    http_requests: Family<HttpLabels, Counter>,
    http_duration: HistogramFamily<RouteLabels>,
    blob_served_bytes: Counter,
    connections_open: Gauge,
    connections: Counter,
    pull_through_hits: Family<KindLabels, Counter>,
    pull_through_misses: Family<KindLabels, Counter>,
    pull_through_stale: Counter,
    pull_through_negative_hits: Counter,
    pull_through_followers: Family<KindLabels, Counter>,
    pull_through_peer_relays: Counter,
    pull_through_evicted_images: Counter,
    pull_through_evicted_bytes: Counter,
    upstream_requests: Family<MethodLabels, Counter>,
    upstream_errors: Family<MethodLabels, Counter>,
    upstream_duration: HistogramFamily<MethodLabels>,
    tasks: Family<TaskLabels, Counter>,
    task_duration: HistogramFamily<TaskLabels>,
    tasks_waiting: Gauge,
    tasks_running: Gauge,
    blob_stored_bytes: Gauge,
    argon2_queued: Gauge,
    argon2_checks: Counter,
    argon2_refused: Counter,
    blob_mounts: Counter,
    blob_uploads: Counter,
    blob_upload_bytes: Counter,
}

static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

impl Metrics {
    fn new() -> Metrics {
        let m = Metrics {
            registry: Registry::default(),
            http_requests: Family::default(),
            http_duration: Family::new_with_constructor(request_histogram),
            blob_served_bytes: Counter::default(),
            connections_open: Gauge::default(),
            connections: Counter::default(),
            pull_through_hits: Family::default(),
            pull_through_misses: Family::default(),
            pull_through_stale: Counter::default(),
            pull_through_negative_hits: Counter::default(),
            pull_through_followers: Family::default(),
            pull_through_peer_relays: Counter::default(),
            pull_through_evicted_images: Counter::default(),
            pull_through_evicted_bytes: Counter::default(),
            upstream_requests: Family::default(),
            upstream_errors: Family::default(),
            upstream_duration: Family::new_with_constructor(request_histogram),
            tasks: Family::default(),
            task_duration: Family::new_with_constructor(task_histogram),
            tasks_waiting: Gauge::default(),
            tasks_running: Gauge::default(),
            blob_stored_bytes: Gauge::default(),
            argon2_queued: Gauge::default(),
            argon2_checks: Counter::default(),
            argon2_refused: Counter::default(),
            blob_mounts: Counter::default(),
            blob_uploads: Counter::default(),
            blob_upload_bytes: Counter::default(),
        };
        m.register()
    }

    fn register(mut self) -> Metrics {
        let r = &mut self.registry;
        r.register(
            "pulpd_http_requests",
            "HTTP requests answered, by route template, method and status.",
            self.http_requests.clone(),
        );
        r.register(
            "pulpd_http_request_duration_seconds",
            "Time from a request's arrival to its response head, by route template and method.",
            self.http_duration.clone(),
        );
        r.register(
            "pulpd_blob_served_bytes",
            "Bytes of blob bodies answered to GET /v2/{name}/blobs/{digest} (their Content-Length).",
            self.blob_served_bytes.clone(),
        );
        r.register(
            "pulpd_http_connections_open",
            "Client connections open now.",
            self.connections_open.clone(),
        );
        r.register(
            "pulpd_http_connections",
            "Client connections accepted.",
            self.connections.clone(),
        );
        r.register(
            "pulpd_pull_through_hits",
            "Pull-through requests answered from the cache (a tag revalidated unchanged included).",
            self.pull_through_hits.clone(),
        );
        r.register(
            "pulpd_pull_through_misses",
            "Pull-through requests that fetched from the upstream (a moved tag included).",
            self.pull_through_misses.clone(),
        );
        r.register(
            "pulpd_pull_through_stale_serves",
            "Cached manifests served because revalidating them upstream failed (stale-if-error).",
            self.pull_through_stale.clone(),
        );
        r.register(
            "pulpd_pull_through_negative_cache_hits",
            "Pull-through manifest requests answered 404 from the remembered upstream 404s.",
            self.pull_through_negative_hits.clone(),
        );
        r.register(
            "pulpd_pull_through_single_flight_followers",
            "Pull-through requests that joined an upstream fetch already in flight instead of starting one.",
            self.pull_through_followers.clone(),
        );
        r.register(
            "pulpd_pull_through_peer_relays",
            "Pull-through blob requests streamed from the replica downloading the blob instead of waiting until it is stored.",
            self.pull_through_peer_relays.clone(),
        );
        r.register(
            "pulpd_pull_through_evicted_images",
            "Images the pull-through caches evicted (cache_max_size, cache_max_age).",
            self.pull_through_evicted_images.clone(),
        );
        r.register(
            "pulpd_pull_through_evicted_bytes",
            "Blob bytes deleted from disk by pull-through cache eviction.",
            self.pull_through_evicted_bytes.clone(),
        );
        r.register(
            "pulpd_upstream_requests",
            "Requests sent to upstream registries (each retry counts), by method.",
            self.upstream_requests.clone(),
        );
        r.register(
            "pulpd_upstream_errors",
            "Upstream requests that failed: unreachable, timed out, or answered 5xx or 429.",
            self.upstream_errors.clone(),
        );
        r.register(
            "pulpd_upstream_request_duration_seconds",
            "Time from sending an upstream request to its response head (or failure), by method.",
            self.upstream_duration.clone(),
        );
        r.register(
            "pulpd_tasks",
            "Tasks that reached a final state, by task name and state.",
            self.tasks.clone(),
        );
        r.register(
            "pulpd_task_duration_seconds",
            "Time tasks ran (from start to final state; tasks that never started are not observed).",
            self.task_duration.clone(),
        );
        r.register(
            "pulpd_tasks_waiting",
            "Tasks accepted by this replica and waiting for their resource locks.",
            self.tasks_waiting.clone(),
        );
        r.register(
            "pulpd_tasks_running",
            "Tasks running on this replica.",
            self.tasks_running.clone(),
        );
        r.register(
            "pulpd_blob_stored_bytes",
            "Bytes of the blobs recorded as stored (refreshed at most once a minute, when scraped).",
            self.blob_stored_bytes.clone(),
        );
        r.register(
            "pulpd_argon2_queued",
            "Password checks waiting for an argon2 worker.",
            self.argon2_queued.clone(),
        );
        r.register(
            "pulpd_argon2_checks",
            "Password checks the argon2 workers ran.",
            self.argon2_checks.clone(),
        );
        r.register(
            "pulpd_argon2_refused",
            "Password checks refused because the argon2 queue was full (answered 429).",
            self.argon2_refused.clone(),
        );
        r.register(
            "pulpd_blob_mounts",
            "Blobs mounted from another repository instead of uploaded.",
            self.blob_mounts.clone(),
        );
        r.register(
            "pulpd_blob_uploads",
            "Blob uploads completed.",
            self.blob_uploads.clone(),
        );
        r.register(
            "pulpd_blob_upload_bytes",
            "Bytes of completed blob uploads.",
            self.blob_upload_bytes.clone(),
        );
        self
    }
}

/// The exposition of every family (OpenMetrics text, [`CONTENT_TYPE`]).
pub fn encode() -> String {
    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &METRICS.registry)
        .expect("writing to a String cannot fail");
    text
}

/// An HTTP request was answered with `status` after `elapsed`.
pub fn http_request(
    route: Cow<'static, str>,
    method: &'static str,
    status: u16,
    elapsed: Duration,
) {
    METRICS
        .http_duration
        .get_or_create(&RouteLabels {
            route: route.clone(),
            method,
        })
        .observe(elapsed.as_secs_f64());
    METRICS
        .http_requests
        .get_or_create(&HttpLabels {
            route,
            method,
            status,
        })
        .inc();
}

/// A blob body of `bytes` is being answered.
pub fn blob_served(bytes: u64) {
    METRICS.blob_served_bytes.inc_by(bytes);
}

/// Counts a client connection as open until the returned guard is dropped.
pub fn connection_opened() -> OpenConnection {
    METRICS.connections.inc();
    METRICS.connections_open.inc();
    OpenConnection(())
}

/// One open connection in `pulpd_http_connections_open`, for as long as it lives.
#[derive(Debug)]
pub struct OpenConnection(());

impl Drop for OpenConnection {
    fn drop(&mut self) {
        METRICS.connections_open.dec();
    }
}

/// A pull-through request was answered from the cache.
pub fn pull_through_hit(kind: Kind) {
    METRICS
        .pull_through_hits
        .get_or_create(&KindLabels {
            kind: kind.as_str(),
        })
        .inc();
}

/// A pull-through request fetches from the upstream.
pub fn pull_through_miss(kind: Kind) {
    METRICS
        .pull_through_misses
        .get_or_create(&KindLabels {
            kind: kind.as_str(),
        })
        .inc();
}

/// A cached manifest was served because its revalidation failed.
pub fn pull_through_stale() {
    METRICS.pull_through_stale.inc();
}

/// A manifest request was answered from the negative cache.
pub fn pull_through_negative_hit() {
    METRICS.pull_through_negative_hits.inc();
}

/// Pull-through cache eviction removed `images` and deleted `bytes` of blob files.
pub fn pull_through_evicted(images: u64, bytes: u64) {
    METRICS.pull_through_evicted_images.inc_by(images);
    METRICS.pull_through_evicted_bytes.inc_by(bytes);
}

/// A pull-through request joined an upstream fetch in flight.
pub fn pull_through_follower(kind: Kind) {
    METRICS
        .pull_through_followers
        .get_or_create(&KindLabels {
            kind: kind.as_str(),
        })
        .inc();
}

/// A pull-through blob request is streamed from the replica downloading the blob (`pull_through/peers.rs`).
pub fn pull_through_peer_relay() {
    METRICS.pull_through_peer_relays.inc();
}

/// An upstream request with `method` ended after `elapsed`; `failed` when it did not get a usable answer.
pub fn upstream_request(method: &reqwest::Method, elapsed: Duration, failed: bool) {
    let labels = MethodLabels {
        method: method_label(method.as_str()),
    };
    METRICS.upstream_requests.get_or_create(&labels).inc();
    METRICS
        .upstream_duration
        .get_or_create(&labels)
        .observe(elapsed.as_secs_f64());
    if failed {
        METRICS.upstream_errors.get_or_create(&labels).inc();
    }
}

/// Task `name` reached final `state` (`completed`, `failed`, `canceled`); `ran` is how long it ran, `None` when
/// it never started.
pub fn task_finished(name: &str, state: &'static str, ran: Option<Duration>) {
    let labels = TaskLabels {
        name: name.to_string(),
        state,
    };
    if let Some(ran) = ran {
        METRICS
            .task_duration
            .get_or_create(&labels)
            .observe(ran.as_secs_f64());
    }
    METRICS.tasks.get_or_create(&labels).inc();
}

/// A task is waiting for its locks until the returned guard is dropped.
pub fn task_waiting() -> GaugeGuard {
    GaugeGuard::new(&METRICS.tasks_waiting)
}

/// A task is running until the returned guard is dropped.
pub fn task_running() -> GaugeGuard {
    GaugeGuard::new(&METRICS.tasks_running)
}

/// One unit of a gauge, held while the thing it counts lasts (dropped on every path out, panics included).
#[derive(Debug)]
pub struct GaugeGuard(&'static Gauge);

impl GaugeGuard {
    fn new(gauge: &'static Gauge) -> GaugeGuard {
        gauge.inc();
        GaugeGuard(gauge)
    }
}

impl Drop for GaugeGuard {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// The blobs recorded as stored hold `bytes` ([`crate::accounting`] computes it at most once a minute).
pub fn blob_stored_bytes(bytes: u64) {
    METRICS
        .blob_stored_bytes
        .set(i64::try_from(bytes).unwrap_or(i64::MAX));
}

/// A password check entered the argon2 queue.
pub fn argon2_queued() {
    METRICS.argon2_queued.inc();
}

/// A worker took a password check off the argon2 queue.
pub fn argon2_dequeued() {
    METRICS.argon2_queued.dec();
}

/// An argon2 worker ran a password check.
pub fn argon2_checked() {
    METRICS.argon2_checks.inc();
}

/// A password check was refused: the argon2 queue was full.
pub fn argon2_refused() {
    METRICS.argon2_refused.inc();
}

/// A blob was mounted into a repository instead of uploaded.
pub fn blob_mounted() {
    METRICS.blob_mounts.inc();
}

/// A blob upload of `size` bytes completed.
pub fn blob_uploaded(size: u64) {
    METRICS.blob_uploads.inc();
    METRICS.blob_upload_bytes.inc_by(size);
}

/// `method` as a label value: the methods HTTP defines, anything else `other` (a client cannot grow the label
/// set by inventing methods).
pub fn method_label(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tests share the process-wide families, so they look for their own label values and never compare totals.
    #[test]
    fn the_exposition_names_families_by_convention_and_ends_with_eof() {
        http_request("/test/{id}/".into(), "GET", 200, Duration::from_millis(3));
        blob_uploaded(5);
        let text = encode();
        assert!(text.ends_with("# EOF\n"), "{text}");
        assert!(text.contains(
            "pulpd_http_requests_total{route=\"/test/{id}/\",method=\"GET\",status=\"200\"} 1"
        ));
        assert!(text.contains("# TYPE pulpd_http_request_duration_seconds histogram"));
        assert!(text.contains("# TYPE pulpd_blob_upload_bytes counter"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            assert!(line.starts_with("pulpd_"), "{line}");
        }
    }

    #[test]
    fn unknown_methods_share_one_label() {
        assert_eq!(method_label("GET"), "GET");
        assert_eq!(method_label("BREW"), "other");
    }
}
