//! `/metrics`: the exposition parses with the Prometheus project's own parser (Python's `prometheus_client`,
//! from the venv `scripts/test` makes), and its counters move as a pull-through miss, a hit, a stale serve and
//! a sync task happen. `--metrics-bind` moves it to a listener of its own. (Who may read it, loopback or
//! everyone with `--metrics-public`, is tested on the decision function: these machines have loopback only.)

use pulp_e2e::clients::Podman;
use pulp_e2e::daemon::Daemon;
use pulp_e2e::images;
use pulp_e2e::upstream::Upstream;
use pulp_e2e::wait::wait_until;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

const SYNC_TASK: &str = "pulp_container.app.tasks.synchronize.synchronize";
const MANIFEST_ROUTE: &str = "/v2/{name}/manifests/{reference}";

/// Reads the exposition with `prometheus_client`'s OpenMetrics parser (the format pulpd declares), and prints
/// every sample as JSON `[family, family type, sample name, labels, value]`.
const PARSER: &str = r#"
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append([family.name, family.type, s.name, s.labels, s.value])
print(json.dumps(out))
"#;

/// The Python that has `prometheus_client`: `PULPD_TEST_PYTHON`, as `scripts/test` exports it.
fn python() -> String {
    let python = std::env::var("PULPD_TEST_PYTHON").unwrap_or_else(|_| {
        panic!(
            "PULPD_TEST_PYTHON is not set: run the tests through scripts/test, which installs PyPI's \
             prometheus-client into its cache venv and exports that venv's python"
        )
    });
    assert!(
        std::path::Path::new(&python).is_file(),
        "PULPD_TEST_PYTHON={python} is not a file: run the tests through scripts/test, which creates it"
    );
    python
}

/// One parsed sample (the parser's output row).
#[derive(Debug, Clone, serde::Deserialize)]
struct Sample {
    family: String,
    kind: String,
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// A parsed scrape.
#[derive(Debug)]
struct Scrape(Vec<Sample>);

impl Scrape {
    /// The sum of samples called `name` whose labels include `labels` (0 when there is none: a counter not
    /// moved yet has no series).
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.0
            .iter()
            .filter(|s| s.name == name)
            .filter(|s| {
                labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
            })
            .map(|s| s.value)
            .sum()
    }

    fn kind(&self, family: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|s| s.family == family)
            .map(|s| s.kind.as_str())
    }
}

/// GETs `url` and parses the answer with the real parser.
fn scrape_url(url: &str) -> Scrape {
    let resp = reqwest::blocking::get(url).unwrap_or_else(|e| panic!("GET {url}: {e}"));
    assert_eq!(resp.status(), 200, "GET {url}");
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    let text = resp.text().unwrap();
    let mut child = Command::new(python())
        .args(["-c", PARSER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting the parser");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the Prometheus parser rejected the exposition: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A derived struct reads a JSON array field by field, in declaration order.
    Scrape(serde_json::from_slice(&out.stdout).unwrap())
}

fn scrape(d: &Daemon) -> Scrape {
    scrape_url(&format!("{}/metrics", d.base_url()))
}

/// `(status, digest)` of a GET of manifest `reference` of `name`.
fn manifest(d: &Daemon, name: &str, reference: &str) -> (u16, String) {
    let resp = d.registry_get(
        &format!("{name}/manifests/{reference}"),
        &[(
            "Accept",
            "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json",
        )],
    );
    let digest = resp
        .headers()
        .get("docker-content-digest")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (resp.status().as_u16(), digest)
}

#[test]
fn counters_move_with_a_miss_a_hit_a_stale_serve_and_a_task() {
    let fixtures = images::get();
    let mut up = Upstream::start().unwrap();
    up.seed_images(&[fixtures.hello("v1")]).unwrap();
    let d = Daemon::start_with_env(&[
        ("PULPD_TOKEN_AUTH", "false"),
        ("PULPD_PULL_THROUGH_TTL", "1"),
    ]);
    let api = d.api();
    api.create_pull_through("cache", &up.url(), json!({}));

    let before = scrape(&d);
    assert_eq!(before.kind("pulpd_http_requests"), Some("counter"));
    assert_eq!(
        before.kind("pulpd_http_request_duration_seconds"),
        Some("histogram")
    );
    assert_eq!(before.kind("pulpd_tasks_waiting"), Some("gauge"));
    // Creating the pull-through distribution was a task.
    assert!(before.value("pulpd_tasks_total", &[("state", "completed")]) >= 1.0);
    assert!(before.value("pulpd_http_connections_open", &[]) >= 1.0);

    // A miss: the first pull fetches the manifest and the blobs from the upstream.
    let host = d.registry_host().to_string();
    let image = format!("{host}/cache/library/hello:v1");
    Podman::new(&[&host])
        .unwrap()
        .pull(&image, &[])
        .ok()
        .unwrap();
    let missed = scrape(&d);
    let misses = |s: &Scrape, kind| s.value("pulpd_pull_through_misses_total", &[("kind", kind)]);
    let hits = |s: &Scrape, kind| s.value("pulpd_pull_through_hits_total", &[("kind", kind)]);
    assert!(misses(&missed, "manifest") - misses(&before, "manifest") >= 1.0);
    assert!(misses(&missed, "blob") - misses(&before, "blob") >= 2.0);
    assert!(
        missed.value("pulpd_upstream_requests_total", &[("method", "GET")])
            > before.value("pulpd_upstream_requests_total", &[("method", "GET")])
    );
    assert!(
        missed.value("pulpd_upstream_request_duration_seconds_count", &[])
            > before.value("pulpd_upstream_request_duration_seconds_count", &[])
    );
    assert!(
        missed.value("pulpd_blob_served_bytes_total", &[])
            > before.value("pulpd_blob_served_bytes_total", &[])
    );
    let manifest_gets = |s: &Scrape| {
        s.value(
            "pulpd_http_requests_total",
            &[
                ("route", MANIFEST_ROUTE),
                ("method", "GET"),
                ("status", "200"),
            ],
        )
    };
    assert!(manifest_gets(&missed) >= 1.0);

    // A hit: a second client pulling the same tag gets it from the cache, blobs included.
    let second = Podman::new(&[&host]).unwrap();
    second.pull(&image, &[]).ok().unwrap();
    let hit = scrape(&d);
    assert!(hits(&hit, "manifest") - hits(&missed, "manifest") >= 1.0);
    assert!(hits(&hit, "blob") - hits(&missed, "blob") >= 2.0);
    assert_eq!(misses(&hit, "manifest"), misses(&missed, "manifest"));
    assert_eq!(misses(&hit, "blob"), misses(&missed, "blob"));
    assert!(manifest_gets(&hit) > manifest_gets(&missed));

    // A task: a sync from the same upstream, counted by name and final state, with its duration.
    let remote = api.post_expect(
        "/pulp/api/v3/remotes/container/container/",
        &json!({"name": "up", "url": up.url(), "upstream_name": "library/hello"}),
        201,
    );
    let repo = api.create_repository("hello");
    let answer = api.post_expect(
        &format!("{}sync/", repo["pulp_href"].as_str().unwrap()),
        &json!({"remote": remote["pulp_href"]}),
        202,
    );
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
    let synced = scrape(&d);
    let sync = [("name", SYNC_TASK), ("state", "completed")];
    assert_eq!(
        synced.value("pulpd_tasks_total", &sync) - hit.value("pulpd_tasks_total", &sync),
        1.0
    );
    assert_eq!(
        synced.value("pulpd_task_duration_seconds_count", &sync)
            - hit.value("pulpd_task_duration_seconds_count", &sync),
        1.0
    );
    assert_eq!(synced.value("pulpd_tasks_running", &[]), 0.0);
    assert_eq!(synced.value("pulpd_tasks_waiting", &[]), 0.0);

    // A stale serve: with the upstream gone, a pull after the TTL serves the cached tag.
    up.stop();
    let stale = wait_until(
        Duration::from_secs(20),
        "a stale manifest to be counted",
        || {
            let (status, digest) = manifest(&d, "cache/library/hello", "v1");
            let now = scrape(&d);
            let stale = now.value("pulpd_pull_through_stale_serves_total", &[]);
            if status == 200 && digest == fixtures.digest("hello", "v1") && stale >= 1.0 {
                Ok(now)
            } else {
                Err(format!("{status} {digest}, stale serves {stale}"))
            }
        },
    );
    assert_eq!(
        synced.value("pulpd_pull_through_stale_serves_total", &[]),
        0.0
    );
    assert!(
        stale.value("pulpd_upstream_errors_total", &[])
            > synced.value("pulpd_upstream_errors_total", &[])
    );

    // Labels are route templates: no repository name, tag or digest became a label value.
    for sample in &stale.0 {
        for value in sample.labels.values() {
            assert!(
                !value.contains("library/hello") && !value.contains("sha256:"),
                "{sample:?}"
            );
        }
    }
}

#[test]
fn metrics_bind_serves_them_on_a_listener_of_their_own() {
    let d = Daemon::start_with_env(&[("PULPD_METRICS_BIND", "127.0.0.1:0")]);
    let addr = wait_until(
        Duration::from_secs(10),
        "pulpd to log the metrics address",
        || {
            let log = d.log();
            log.lines()
                .find(|l| l.contains("serving /metrics"))
                .and_then(|l| l.split("address=").nth(1))
                .and_then(|rest| rest.split_whitespace().next())
                .map(str::to_string)
                .ok_or(log)
        },
    );
    let scrape = scrape_url(&format!("http://{addr}/metrics"));
    assert!(scrape.value("pulpd_http_connections_open", &[]) >= 1.0);
    // The main listener no longer serves it, and the metrics listener serves nothing else.
    let main = reqwest::blocking::get(format!("{}/metrics", d.base_url())).unwrap();
    assert_eq!(main.status(), 404);
    let other = reqwest::blocking::get(format!("http://{addr}/pulp/api/v3/status/")).unwrap();
    assert_eq!(other.status(), 404);
}
