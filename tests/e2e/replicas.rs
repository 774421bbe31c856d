//! Two pulpd replicas, A and B, on one PostgreSQL database (`pulp_e2e::postgres`) and one S3 prefix
//! (`pulp_e2e::s3`), each on its own port, as behind a load balancer: what one writes the other serves, names
//! stay unique across both, a token from one works on the other, tasks on one repository never overlap
//! whichever replica runs them, a replica killed mid-task has that task failed by the other, which then
//! runs the next one, one blob upload session is served by both, directly and through a round-robin load
//! balancer (nginx, `pulp_e2e::balancer`), and a blob one replica downloads streams to the other's clients
//! meanwhile (through `pulp_e2e::throttle`, a slow upstream).

use std::time::Duration;

use pulp_e2e::balancer::Balancer;
use pulp_e2e::clients::{Podman, Skopeo};
use pulp_e2e::daemon::{Api, Daemon, ADMIN_PASSWORD};
use pulp_e2e::images::{self, MT_OCI_MANIFEST};
use pulp_e2e::oci::{pseudo_random, sha256_digest, with_digest, Answer, Registry, TestImage};
use pulp_e2e::throttle::Throttle;
use pulp_e2e::wait::wait_until;
use pulp_e2e::{postgres, s3, upstream};
use reqwest::Method;
use serde_json::{json, Value};

/// The heartbeat timeout the replicas run with (short, so the kill test is quick).
const WORKER_TIMEOUT: &str = "3s";

/// Replica A, then B with A's registry host (the address clients use, as a load balancer's would be), on a
/// fresh database and S3 prefix; token auth as configured by `token_auth`.
fn replicas(name: &str, token_auth: bool) -> (Daemon, Daemon) {
    let (a, b, _) = replicas_sharing(name, token_auth);
    (a, b)
}

/// What two replicas share: the database URL and the S3 prefix.
struct Shared {
    db: String,
    prefix: String,
}

/// [`replicas`], and what they share.
fn replicas_sharing(name: &str, token_auth: bool) -> (Daemon, Daemon, Shared) {
    replicas_with(name, token_auth, &[])
}

/// [`replicas_sharing`], A with the extra environment `a_env`.
fn replicas_with(
    name: &str,
    token_auth: bool,
    a_env: &[(&str, String)],
) -> (Daemon, Daemon, Shared) {
    let db = postgres::shared().fresh_database(name);
    let server = s3::shared();
    let prefix = server.fresh_prefix(name);
    let blobs = format!("s3://{}/{prefix}", s3::BUCKET);
    let token = token_auth.to_string();
    let env_of = |extra: &[(&str, String)]| -> Vec<(String, String)> {
        let mut env = vec![
            ("PULPD_METADATA".to_owned(), db.clone()),
            ("PULPD_BLOBS".to_owned(), blobs.clone()),
            ("PULPD_TOKEN_AUTH".to_owned(), token.clone()),
            ("PULPD_WORKER_TIMEOUT".to_owned(), WORKER_TIMEOUT.to_owned()),
        ];
        env.extend(server.env().into_iter().map(|(k, v)| (k.to_owned(), v)));
        env.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        env
    };
    let start = |env: Vec<(String, String)>| {
        let refs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        Daemon::start_with_env(&refs)
    };
    let a = start(env_of(a_env));
    let b = start(env_of(&[(
        "PULPD_REGISTRY_HOST",
        a.registry_host().to_owned(),
    )]));
    (a, b, Shared { db, prefix })
}

#[test]
fn a_write_on_one_replica_is_read_on_the_other_and_names_stay_unique() {
    let (a, b) = replicas("share", false);
    let (api_a, api_b) = (a.api(), b.api());
    let repo = api_a.create_repository("made-on-a");
    let href = repo["pulp_href"].as_str().unwrap();
    assert_eq!(api_b.get_ok(href)["name"], "made-on-a");

    // The same name created on both at once (ten times over): exactly one exists, the loser got Pulp's 400.
    for round in 0..10 {
        let name = format!("race-{round}");
        let body = json!({ "name": name });
        let path = "/pulp/api/v3/repositories/container/container/";
        let (ta, tb) = (api_a.clone(), api_b.clone());
        let (ba, bb) = (body.clone(), body.clone());
        let on_a = std::thread::spawn(move || ta.post(path, &ba));
        let on_b = std::thread::spawn(move || tb.post(path, &bb));
        let mut statuses = [on_a.join().unwrap().0, on_b.join().unwrap().0];
        statuses.sort();
        assert_eq!(statuses, [201, 400], "round {round}");
        let list = api_b.get_ok(&format!("{path}?name={name}"));
        assert_eq!(list["count"], 1, "{list}");
    }
}

#[test]
fn a_token_from_one_replica_pulls_from_the_other_and_podman_alternates() {
    use pulp_e2e::clients::Podman;
    let (a, b) = replicas("tokens", true);
    let up = upstream::shared();
    let fixtures = pulp_e2e::images::get();
    a.api()
        .sync_and_distribute("hello", "hello", &up.url(), "library/hello", json!({}));

    // A token issued by A (as a client gets it from the realm), presented to B.
    let token: Value = reqwest::blocking::Client::new()
        .get(format!(
            "{}/token/?service={}&scope=repository:hello:pull",
            a.base_url(),
            a.registry_host()
        ))
        .send()
        .unwrap()
        .json()
        .unwrap();
    let token = token["token"].as_str().expect("a token").to_owned();
    let tags = reqwest::blocking::Client::new()
        .get(format!("{}/v2/hello/tags/list", b.base_url()))
        .bearer_auth(&token)
        .send()
        .unwrap();
    assert_eq!(tags.status(), 200, "B accepts A's token");

    // podman pulls the same image through A, then B, then A again, each time from a clean store.
    for (i, d) in [&a, &b, &a].into_iter().enumerate() {
        let host = format!("127.0.0.1:{}", d.base_url().rsplit(':').next().unwrap());
        let podman = Podman::new(&[&host, a.registry_host()]).unwrap();
        let image = format!("{host}/hello:v1");
        podman.pull(&image, &[]).ok().unwrap();
        assert_eq!(
            podman.image_digest(&image).unwrap(),
            fixtures.digest("hello", "v1"),
            "pull {i}"
        );
    }
}

/// `(started_at, finished_at)` of a final task.
fn span(task: &Value) -> (String, String) {
    (
        task["started_at"].as_str().unwrap_or_default().to_owned(),
        task["finished_at"].as_str().unwrap_or_default().to_owned(),
    )
}

#[test]
fn twenty_syncs_through_both_replicas_run_once_each_and_never_overlap() {
    let (a, b) = replicas("tasks", false);
    let up = upstream::shared();
    let (api_a, api_b) = (a.api(), b.api());
    let remote = api_a.post_expect(
        "/pulp/api/v3/remotes/container/container/",
        &json!({"name": "r", "url": up.url(), "upstream_name": "library/hello"}),
        201,
    );
    let repo = api_a.create_repository("synced");
    let sync = format!("{}sync/", repo["pulp_href"].as_str().unwrap());
    let hrefs: Vec<String> = (0..20)
        .map(|i| {
            let api = if i % 2 == 0 { &api_a } else { &api_b };
            let answer = api.post_expect(&sync, &json!({"remote": remote["pulp_href"]}), 202);
            answer["task"].as_str().unwrap().to_owned()
        })
        .collect();
    let tasks: Vec<Value> = hrefs.iter().map(|h| api_b.wait_task(h)).collect();
    for t in &tasks {
        assert_eq!(t["state"], "completed", "{t}");
    }
    let mut spans: Vec<(String, String)> = tasks.iter().map(span).collect();
    spans.sort();
    for pair in spans.windows(2) {
        assert!(
            pair[0].1 <= pair[1].0,
            "two syncs of one repository overlapped: {pair:?}"
        );
    }
    // Each ran once: the repository has exactly one version with content (the first sync), none failed.
    let versions = api_a.get_ok(&format!("{}versions/", repo["pulp_href"].as_str().unwrap()));
    assert_eq!(versions["count"], 2, "versions 0 and 1: {versions}");
}

fn state(api: &Api, href: &str) -> String {
    api.get_ok(href)["state"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_killed_replica_has_its_task_failed_and_the_next_task_runs_on_the_other() {
    let up = upstream::Upstream::start().unwrap();
    up.seed_big().unwrap();
    let (mut a, b) = replicas("kill", false);
    let (api_a, api_b) = (a.api(), b.api());
    let remote = api_a.post_expect(
        "/pulp/api/v3/remotes/container/container/",
        &json!({"name": "big", "url": up.url(), "upstream_name": "library/big"}),
        201,
    );
    let repo = api_a.create_repository("big");
    let sync = format!("{}sync/", repo["pulp_href"].as_str().unwrap());
    let body = json!({"remote": remote["pulp_href"]});
    let on_a = api_a.post_expect(&sync, &body, 202)["task"]
        .as_str()
        .unwrap()
        .to_owned();
    wait_until(
        Duration::from_secs(30),
        "A's sync to run",
        || match state(&api_b, &on_a).as_str() {
            "running" => Ok(()),
            other => Err(other.to_owned()),
        },
    );
    a.kill9();
    let on_b = api_b.post_expect(&sync, &body, 202)["task"]
        .as_str()
        .unwrap()
        .to_owned();
    // Within the heartbeat timeout (plus one heartbeat period) B fails A's task...
    let failed = wait_until(Duration::from_secs(15), "A's task to be failed", || {
        let t = api_b.get_ok(&on_a);
        if t["state"] == "failed" {
            Ok(t)
        } else {
            Err(t["state"].to_string())
        }
    });
    assert_eq!(
        failed["error"]["description"], "Worker has gone missing.",
        "{failed}"
    );
    // ...and runs its own, which had waited for A's lock.
    let done = api_b.wait_task(&on_b);
    assert_eq!(done["state"], "completed", "{done}");
    assert!(
        span(&done).0 >= span(&failed).1,
        "B's sync started after A's was failed: {done} {failed}"
    );

    // A restarted A leaves B's tasks alone.
    a.restart();
    let after = a.api().get_ok(&on_b);
    assert_eq!(after["state"], "completed");
    assert_eq!(after["finished_at"], done["finished_at"]);
}

/// sha256 of a blob GET's body, streamed, and the status.
fn get_digest(url: &str) -> (u16, String) {
    use sha2::Digest as _;
    let mut resp = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(300))
        .build()
        .unwrap()
        .get(url)
        .send()
        .unwrap();
    let status = resp.status().as_u16();
    let mut hasher = sha2::Sha256::new();
    std::io::copy(&mut resp, &mut hasher).unwrap();
    (status, format!("sha256:{}", hex::encode(hasher.finalize())))
}

#[test]
fn four_pulls_through_two_replicas_fetch_each_blob_from_the_upstream_once() {
    let up = upstream::Upstream::start().unwrap();
    let big = up.seed_big().unwrap();
    let (a, b) = replicas("pull-through", false);
    a.api().create_pull_through("cache", &up.url(), json!({}));
    let (layer, _) = big.largest_blob();
    // Two GETs of the uncached layer through each replica, all at once.
    let clients: Vec<_> = [&a, &b, &a, &b]
        .into_iter()
        .map(|d| {
            let url = format!("{}/v2/cache/library/big/blobs/{layer}", d.base_url());
            std::thread::spawn(move || get_digest(&url))
        })
        .collect();
    for c in clients {
        assert_eq!(c.join().unwrap(), (200, layer.clone()));
    }
    assert_eq!(
        up.blob_gets(&layer),
        1,
        "the upstream served the layer once: {:?}",
        up.requests()
    );
}

/// GETs `url` in a thread: sends `()` on `first_bytes` once `first` bytes of the body came, then reads the
/// rest; the status and the sha256 of the body.
fn get_reporting(
    url: String,
    first: u64,
    first_bytes: std::sync::mpsc::Sender<()>,
) -> std::thread::JoinHandle<(u16, String)> {
    std::thread::spawn(move || {
        use sha2::Digest as _;
        use std::io::Read;
        let mut resp = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(300))
            .build()
            .unwrap()
            .get(&url)
            .send()
            .unwrap();
        let status = resp.status().as_u16();
        let mut hasher = sha2::Sha256::new();
        let mut head = Vec::new();
        (&mut resp).take(first).read_to_end(&mut head).unwrap();
        hasher.update(&head);
        let _ = first_bytes.send(());
        std::io::copy(&mut resp, &mut hasher).unwrap();
        (status, format!("sha256:{}", hex::encode(hasher.finalize())))
    })
}

/// Whether blob `digest` is stored under the S3 `prefix` (as the replicas see the bucket).
fn in_bucket(prefix: &str, digest: &str) -> bool {
    use pulpd::blobs::BlobStore;
    let dir = tempfile::tempdir().unwrap();
    let store =
        pulpd::blobs::S3BlobStore::open(&s3::config(s3::shared(), prefix), dir.path()).unwrap();
    let digest = pulpd::blobs::Digest::parse(digest).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(store.contains(&digest)).unwrap().is_some()
}

/// The value of counter `name` in a daemon's `/metrics` (0 when absent).
fn counter(d: &Daemon, name: &str) -> u64 {
    let text = reqwest::blocking::get(format!("{}/metrics", d.base_url()))
        .unwrap()
        .text()
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")))
        .map_or(0, |v| v.trim().parse().unwrap())
}

/// A GET of the big layer through A (a pull-through cache of an upstream that sends it in about `seconds`),
/// then one through B once A's client got its first bytes. Returns whether the layer was in the bucket when
/// B's client got its first bytes, after checking both bodies and that the upstream served the layer once.
fn pull_through_a_then_b(
    name: &str,
    seconds: u64,
    a_env: &[(&str, String)],
    meanwhile: impl FnOnce(&Daemon, &str, &[u8]),
) -> (bool, Daemon, Daemon) {
    let up = upstream::Upstream::start().unwrap();
    let big = up.seed_big().unwrap();
    let (layer, size) = big.largest_blob();
    let slow = Throttle::start(&up.host(), (size / seconds).max(64 * 1024)).unwrap();
    let (a, b, shared) = replicas_with(name, false, a_env);
    a.api().create_pull_through("cache", &slow.url(), json!({}));
    let path = format!("/v2/cache/library/big/blobs/{layer}");
    let first = (MIB as u64).min(size / 8);

    // A client of A starts the download.
    let (tx, on_a_started) = std::sync::mpsc::channel();
    let on_a = get_reporting(format!("{}{path}", a.base_url()), first, tx);
    on_a_started
        .recv_timeout(Duration::from_secs(60))
        .expect("A's client gets the first bytes of the layer");
    let (tx, on_b_started) = std::sync::mpsc::channel();
    let on_b = get_reporting(format!("{}{path}", b.base_url()), first, tx);
    on_b_started
        .recv_timeout(Duration::from_secs(120))
        .expect("B's client gets the first bytes of the layer");
    let stored_then = in_bucket(&shared.prefix, &layer);
    meanwhile(&b, &path, &std::fs::read(big.blob_path(&layer)).unwrap());
    assert_eq!(on_b.join().unwrap(), (200, layer.clone()), "B's client");
    assert_eq!(on_a.join().unwrap(), (200, layer.clone()), "A's client");
    assert_eq!(
        up.blob_gets(&layer),
        1,
        "the upstream served the layer once: {:?}",
        up.requests()
    );
    // The clients got the last bytes once the digest matched; storing completes right after.
    wait_until(Duration::from_secs(60), "A to store the layer", || {
        in_bucket(&shared.prefix, &layer)
            .then_some(())
            .ok_or("not in the bucket")
    });
    (stored_then, a, b)
}

#[test]
fn a_blob_downloading_through_one_replica_streams_to_a_client_of_the_other_meanwhile() {
    // About ten seconds of download, whatever the layer's size.
    // Meanwhile, a ranged GET through B is answered with those bytes of the layer (the range is forwarded).
    let ranged = |b: &Daemon, path: &str, layer: &[u8]| {
        let (start, end) = (1000usize, 1000 + layer.len() / 4);
        let resp = reqwest::blocking::Client::new()
            .get(format!("{}{path}", b.base_url()))
            .header("Range", format!("bytes={start}-{end}"))
            .send()
            .unwrap();
        assert_eq!(resp.status(), 206);
        assert_eq!(
            resp.headers()["content-range"].to_str().unwrap(),
            format!("bytes {start}-{end}/{}", layer.len())
        );
        let body = resp.bytes().unwrap();
        assert!(body[..] == layer[start..=end], "the range's bytes");
    };
    let (stored_then, _a, b) = pull_through_a_then_b("peer-relay", 10, &[], ranged);
    assert!(
        !stored_then,
        "B's client got its first bytes while A still downloaded, not once the layer was stored"
    );
    assert_eq!(
        counter(&b, "pulpd_pull_through_peer_relays_total"),
        2,
        "B streamed the layer and the range from A"
    );
}

#[test]
fn a_leader_its_peers_cannot_reach_leaves_them_waiting_for_the_stored_blob() {
    // A's peer URL leads nowhere (port 1 refuses), so B cannot stream from it: B's client gets its first bytes
    // only once A stored the layer, and still the whole, right layer (checked in `pull_through_a_then_b`).
    let nowhere = [("PULPD_PEER_URL", "http://127.0.0.1:1".to_owned())];
    let (stored_then, _a, b) = pull_through_a_then_b("peer-unreachable", 4, &nowhere, |_, _, _| {});
    assert!(
        stored_then,
        "B's client got its first bytes only once the layer was stored"
    );
    assert_eq!(counter(&b, "pulpd_pull_through_peer_relays_total"), 0);
}

#[test]
fn the_inflight_endpoint_wants_the_peer_secret_and_never_starts_a_download() {
    let (a, b, shared) = replicas_sharing("peer-endpoint", false);
    let digest = format!("sha256:{}", "ab".repeat(32));
    let get = |d: &Daemon, auth: Option<&str>| {
        let mut request = reqwest::blocking::Client::new()
            .get(format!("{}/internal/v1/inflight/{digest}", d.base_url()));
        if let Some(auth) = auth {
            request = request.header("Authorization", auth);
        }
        request.send().unwrap().status().as_u16()
    };
    assert_eq!(get(&a, None), 401, "no secret");
    assert_eq!(
        get(&a, Some("Bearer not-the-secret")),
        401,
        "a wrong secret"
    );
    assert_eq!(
        get(&a, Some(&upstream::basic_auth("admin", ADMIN_PASSWORD))),
        401,
        "the admin's credentials are no peer secret"
    );
    // The secret, as the replicas read it from the database they share.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let secret = rt.block_on(async {
        let store = pulpd::store::Store::connect_postgres(&shared.db)
            .await
            .unwrap();
        let stored = store
            .bytes_table("settings")
            .unwrap()
            .get("peer_secret")
            .await
            .unwrap();
        String::from_utf8(stored.expect("the first replica created the peer secret")).unwrap()
    });
    let bearer = format!("Bearer {secret}");
    assert_eq!(get(&a, Some(&bearer)), 404, "nothing in flight on A");
    assert_eq!(
        get(&b, Some(&bearer)),
        404,
        "B shares the secret, and has nothing in flight"
    );
    let api = reqwest::blocking::get(format!("{}/pulp/api/v3/docs/api.json", a.base_url()))
        .unwrap()
        .text()
        .unwrap();
    assert!(
        !api.contains("/internal/"),
        "the endpoint is not in the API document"
    );
}

#[test]
fn a_tag_pulled_through_one_replica_is_not_asked_upstream_again_by_the_other() {
    // An upstream of its own: the shared one sees other tests' requests for the same manifest.
    let up = upstream::Upstream::start().unwrap();
    up.seed(pulp_e2e::images::get()).unwrap();
    let (a, b) = replicas("tag-checks", false);
    a.api().create_pull_through("cache", &up.url(), json!({}));
    let mark = up.mark();
    let accept =
        "application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json,\
                  application/vnd.docker.distribution.manifest.list.v2+json,\
                  application/vnd.docker.distribution.manifest.v2+json";
    let mut digests = Vec::new();
    for d in [&a, &b, &b, &a] {
        let resp = reqwest::blocking::Client::new()
            .get(format!(
                "{}/v2/cache/library/hello/manifests/v1",
                d.base_url()
            ))
            .header("Accept", accept)
            .send()
            .unwrap();
        assert_eq!(resp.status(), 200);
        digests.push(
            resp.headers()["docker-content-digest"]
                .to_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert!(digests.windows(2).all(|w| w[0] == w[1]), "{digests:?}");
    let manifest_requests: Vec<_> = up
        .requests_since(mark)
        .into_iter()
        .filter(|r| r.path.contains("/manifests/"))
        .collect();
    assert_eq!(
        manifest_requests.len(),
        1,
        "one upstream manifest request for both replicas within the TTL: {manifest_requests:?}"
    );
}

#[test]
fn a_tag_missing_upstream_is_asked_once_for_both_replicas_until_it_appears() {
    let up = upstream::Upstream::start().unwrap();
    up.seed(pulp_e2e::images::get()).unwrap();
    let (a, b) = replicas("misses", false);
    a.api().create_pull_through("cache", &up.url(), json!({}));
    let status = |d: &Daemon, tag: &str| {
        reqwest::blocking::Client::new()
            .get(format!(
                "{}/v2/cache/library/hello/manifests/{tag}",
                d.base_url()
            ))
            .header(
                "Accept",
                "application/vnd.oci.image.manifest.v1+json,\
                 application/vnd.docker.distribution.manifest.v2+json",
            )
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    let mark = up.mark();
    for d in [&a, &b, &b, &a] {
        assert_eq!(status(d, "nope"), 404);
    }
    let asked: Vec<_> = up
        .requests_since(mark)
        .into_iter()
        .filter(|r| r.path.ends_with("/manifests/nope"))
        .collect();
    assert_eq!(
        asked.len(),
        1,
        "one upstream request for a missing tag between both replicas within the negative TTL: {asked:?}"
    );
    // A tag that exists is not affected by another's miss.
    assert_eq!(status(&b, "v1"), 200);
}

const MIB: usize = 1024 * 1024;
const ADMIN: (&str, &str) = ("admin", ADMIN_PASSWORD);

/// `PATCH <location>` with bytes `[start, end]` (inclusive) of `blob` and their `Content-Range`.
fn patch(registry: &Registry, location: &str, blob: &[u8], start: usize, end: usize) -> Answer {
    registry.send(
        Method::PATCH,
        location,
        &[
            ("content-type", "application/octet-stream"),
            ("content-range", &format!("{start}-{end}")),
            ("content-length", &(end + 1 - start).to_string()),
        ],
        Some(blob[start..=end].to_vec()),
    )
}

/// `PUT <location>?digest=` with no body, which must answer 201.
fn complete(registry: &Registry, location: &str, digest: &str) {
    let answer = registry
        .send(
            Method::PUT,
            &with_digest(location, digest),
            &[("content-length", "0")],
            None,
        )
        .expect(201);
    assert_eq!(answer.header("docker-content-digest"), Some(digest));
}

fn range(last: usize) -> String {
    format!("0-{last}")
}

#[test]
fn a_chunked_upload_alternating_between_replicas_completes_and_pulls_from_the_other() {
    let (a, b) = replicas("uploads", false);
    let name = "myorg/split";
    let ra = Registry::login(&a, Some(ADMIN), &[]);
    let rb = Registry::login(&b, Some(ADMIN), &[]);
    let image = TestImage::new(
        "split",
        vec![pseudo_random(10 * MIB + 3, 31), pseudo_random(3 * MIB, 32)],
    );
    let (layer, digest) = &image.layers[0];

    // POST on A, the chunks on B, A, B, A (one larger than an S3 multipart part), status on B, PUT on A.
    let mut location = ra.start_upload(name);
    let cuts = [0, 3 * MIB, 5 * MIB, 9 * MIB + 7, layer.len()];
    for (i, w) in cuts.windows(2).enumerate() {
        let on = if i % 2 == 0 { &rb } else { &ra };
        let answer = patch(on, &location, layer, w[0], w[1] - 1).expect(202);
        assert_eq!(answer.header("range"), Some(range(w[1] - 1).as_str()));
        location = answer.expect_header("location").to_owned();
    }
    // A chunk overlapping what was received is refused by either replica, with the length both agree on.
    for r in [&ra, &rb] {
        let answer = patch(r, &location, layer, MIB, 2 * MIB - 1);
        assert_eq!(answer.status, 416, "{answer}");
        assert_eq!(
            answer.header("range"),
            Some(range(layer.len() - 1).as_str())
        );
    }
    let status = rb.get(&location, &[]).expect(204);
    assert_eq!(
        status.header("range"),
        Some(range(layer.len() - 1).as_str())
    );
    complete(&ra, &location, digest);
    for r in [&ra, &rb] {
        let served = r
            .get(&format!("/v2/{name}/blobs/{digest}"), &[])
            .expect(200);
        assert_eq!(sha256_digest(&served.body), *digest);
    }
    // The session is gone on both.
    for r in [&ra, &rb] {
        assert_eq!(r.get(&location, &[]).status, 404);
    }

    // The rest of the image and its manifest, one on each replica; skopeo pulls it from B, checking every
    // digest on the way.
    rb.push_blob(name, &image.layers[1].0, &image.layers[1].1);
    ra.push_blob(name, &image.config, &image.config_digest);
    ra.put_manifest(name, "v1", MT_OCI_MANIFEST, &image.manifest)
        .expect(201);
    let skopeo = Skopeo::new(&[b.addr()]).unwrap();
    let out = tempfile::tempdir().unwrap();
    let creds = format!("admin:{ADMIN_PASSWORD}");
    skopeo
        .copy(
            &format!("docker://{}/{name}:v1", b.addr()),
            &format!("dir:{}", out.path().display()),
            &["--src-creds", &creds],
        )
        .ok()
        .unwrap();
    let manifest = std::fs::read(out.path().join("manifest.json")).unwrap();
    assert_eq!(sha256_digest(&manifest), image.digest);
    for (bytes, d) in image.blobs() {
        let file = std::fs::read(out.path().join(d.strip_prefix("sha256:").unwrap())).unwrap();
        assert!(file == bytes, "blob {d} as skopeo wrote it");
    }
}

#[test]
fn clients_push_and_pull_through_a_round_robin_balancer_over_two_replicas() {
    let (a, b) = replicas("balanced", false);
    let lb = Balancer::start(&[a.addr(), b.addr()]).unwrap();
    let name = "myorg/balanced";

    // Raw HTTP, one request at a time: round robin sends each request to the other replica than the last.
    let registry = Registry::login(&a, Some(ADMIN), &[]).with_base(lb.url());
    let blob = pseudo_random(9 * MIB + 1, 41);
    let digest = sha256_digest(&blob);
    let mut location = registry.start_upload(name);
    let id = location.rsplit('/').next().unwrap().to_owned();
    for (start, end) in [
        (0, 3 * MIB - 1),
        (3 * MIB, 6 * MIB - 1),
        (6 * MIB, blob.len() - 1),
    ] {
        let answer = patch(&registry, &location, &blob, start, end).expect(202);
        assert_eq!(answer.header("range"), Some(range(end).as_str()));
        location = answer.expect_header("location").to_owned();
    }
    let status = registry.get(&location, &[]).expect(204);
    assert_eq!(status.header("range"), Some(range(blob.len() - 1).as_str()));
    complete(&registry, &location, &digest);
    let served = registry
        .get(&format!("/v2/{name}/blobs/{digest}"), &[])
        .expect(200);
    assert_eq!(sha256_digest(&served.body), digest);
    let session: Vec<_> = lb
        .requests()
        .into_iter()
        .filter(|r| r.path.contains(&id))
        .collect();
    let patched_on: std::collections::BTreeSet<&str> = session
        .iter()
        .filter(|r| r.method == "PATCH")
        .map(|r| r.upstream.as_str())
        .collect();
    assert_eq!(
        patched_on,
        [a.addr(), b.addr()].into_iter().collect(),
        "the chunks reached both replicas: {session:?}"
    );

    // skopeo pushes a real two-layer image (busybox and 12 MiB) through the balancer; podman pulls it back
    // through it and gets the same digest.
    let image = &images::retention_images(1, 12)[0];
    let host = lb.addr();
    let creds = format!("admin:{ADMIN_PASSWORD}");
    let reference = format!("{host}/{name}:v1");
    let skopeo = Skopeo::new(&[host]).unwrap();
    skopeo
        .copy(
            &image.transport_ref(),
            &format!("docker://{reference}"),
            &["--dest-creds", &creds],
        )
        .ok()
        .unwrap();
    let podman = Podman::new(&[host]).unwrap();
    podman.pull(&reference, &["--creds", &creds]).ok().unwrap();
    assert_eq!(podman.image_digest(&reference).unwrap(), image.digest);
    let uploads: Vec<_> = lb
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/blobs/uploads/"))
        .collect();
    assert!(
        uploads.iter().all(|r| [201, 202, 204].contains(&r.status)),
        "every upload request through the balancer succeeded: {uploads:?}\n{}",
        lb.error_log()
    );
}
