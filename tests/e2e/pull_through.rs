//! Pull-through caching: a pull-through distribution in front of a real docker-registry, pulled with real podman
//! and skopeo. What gets created on first pull, tag freshness (TTL, stale-if-error), single flight under
//! concurrency, corrupted upstream blobs, `kill -9` mid-download, includes/excludes, private distributions, and the
//! prefetch that makes a tag pulled by a client holding its base layer complete in the cache.
//!
//! Tests that stop, modify or count requests on the upstream start their own; the others share one.

use pulp_e2e::clients::{Podman, Skopeo};
use pulp_e2e::daemon::{Api, Daemon, ADMIN_PASSWORD};
use pulp_e2e::images;
use pulp_e2e::upstream::{self, Upstream};
use pulp_e2e::wait::wait_until;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const REMOTES: &str = "/pulp/api/v3/remotes/container/pull-through/";
const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/pull-through/";
const CONTAINER_DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";
const REPOSITORIES: &str = "/pulp/api/v3/repositories/container/container/";
/// What podman sends (REAL-CLIENTS.md), as one header value.
const MANIFEST_ACCEPT: &str = "application/vnd.oci.image.manifest.v1+json, \
    application/vnd.docker.distribution.manifest.v2+json, \
    application/vnd.docker.distribution.manifest.list.v2+json, \
    application/vnd.oci.image.index.v1+json";

/// A daemon without token auth (token auth has its own tests) and with these extra settings.
fn daemon(env: &[(&str, &str)]) -> Daemon {
    let mut all = vec![("PULPD_TOKEN_AUTH", "false")];
    all.extend_from_slice(env);
    Daemon::start_with_env(&all)
}

fn create_distribution(api: &Api, body: Value) -> Value {
    let answer = api.post_expect(DISTRIBUTIONS, &body, 202);
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
    let href = task["created_resources"][0].as_str().unwrap();
    assert!(href.starts_with(DISTRIBUTIONS), "{task:#}");
    api.get_ok(href)
}

/// A GET of `/v2/<path>` with podman's manifest Accept list and optional basic credentials.
fn registry_get(
    d: &Daemon,
    path: &str,
    creds: Option<(&str, &str)>,
) -> reqwest::blocking::Response {
    let mut req = reqwest::blocking::Client::new()
        .get(format!("{}/v2/{path}", d.base_url()))
        .header("Accept", MANIFEST_ACCEPT);
    if let Some((u, p)) = creds {
        req = req.basic_auth(u, Some(p));
    }
    req.send().unwrap()
}

/// `(status, Docker-Content-Digest, body)` of a manifest GET.
fn manifest(d: &Daemon, name: &str, reference: &str) -> (u16, String, Value) {
    let resp = registry_get(d, &format!("{name}/manifests/{reference}"), None);
    let status = resp.status().as_u16();
    let digest = resp
        .headers()
        .get("docker-content-digest")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = resp.json().unwrap_or(Value::Null);
    (status, digest, body)
}

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// Where pulpd keeps the verified bytes of `digest`.
/// The stored blob file of `digest`, once its commit finished (clients get the verified bytes before the
/// fsync and rename, so the file may appear a moment after a pull ends).
fn committed_blob(d: &Daemon, digest: &str) -> PathBuf {
    let path = stored_blob(d, digest);
    wait_until(Duration::from_secs(60), "the blob to be committed", || {
        if path.exists() {
            Ok(path.clone())
        } else {
            Err(path.display().to_string())
        }
    })
}

fn stored_blob(d: &Daemon, digest: &str) -> PathBuf {
    let hex = digest.strip_prefix("sha256:").unwrap();
    d.data_dir().join("blobs/sha256").join(&hex[..2]).join(hex)
}

/// Files in pulpd's upload (spool) directory.
fn spool_files(d: &Daemon) -> Vec<PathBuf> {
    std::fs::read_dir(d.data_dir().join("blobs/uploads"))
        .map(|dir| dir.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

/// An upstream of its own (for tests that stop, modify or count requests on it) seeded with `hello` `tags`.
fn own_upstream(tags: &[&str]) -> Upstream {
    let fixtures = images::get();
    let up = Upstream::start().unwrap();
    let hello: Vec<_> = tags.iter().map(|t| fixtures.hello(t)).collect();
    up.seed_images(&hello).unwrap();
    up
}

/// The one repository named `name` (panics unless there is exactly one).
fn repository(api: &Api, name: &str) -> Value {
    let page = api.get_ok(&format!("{REPOSITORIES}?name={name}"));
    assert_eq!(page["count"], 1, "repositories named {name}: {page:#}");
    page["results"][0].clone()
}

fn versions(api: &Api, repo: &Value) -> Vec<Value> {
    let page = api.get_ok(repo["versions_href"].as_str().unwrap());
    page["results"].as_array().unwrap().clone()
}

#[test]
fn podman_pulls_two_tags_through_the_cache_into_one_version() {
    let started = Instant::now();
    let d = daemon(&[]);
    let api = d.api();
    let up = upstream::shared();
    let fixtures = images::get();
    let dist = api.create_pull_through("cache", &up.url(), json!({}));
    assert_eq!(dist["distributions"], json!([]));
    assert_eq!(dist["repository"], Value::Null);

    let podman = Podman::new(&[d.registry_host()]).unwrap();
    for tag in ["v1", "v2"] {
        let image = format!("{}/cache/library/hello:{tag}", d.registry_host());
        podman.pull(&image, &[]).ok().unwrap();
        assert_eq!(
            podman.image_digest(&image).unwrap(),
            fixtures.digest("hello", tag)
        );
        let out = podman.run(&image).unwrap();
        assert!(out.contains(&images::hello_message(tag)), "{out}");
    }

    // One repository named after the upstream path, with exactly one version holding both tags.
    let repo = repository(&api, "library/hello");
    assert_eq!(repo["retain_repo_versions"], 1);
    let versions = versions(&api, &repo);
    assert_eq!(versions.len(), 1, "{versions:#?}");
    assert_eq!(versions[0]["pulp_href"], repo["latest_version_href"]);
    assert_eq!(
        versions[0]["content_summary"]["present"]["container.tag"]["count"], 2,
        "{:#}",
        versions[0]
    );
    let tags = registry_get(&d, "cache/library/hello/tags/list", None)
        .json::<Value>()
        .unwrap();
    assert_eq!(tags["tags"], json!(["v1", "v2"]));

    // A container distribution at <base>/library/hello serves it; the pull-through distribution lists it.
    let children = api.get_ok(&format!(
        "{CONTAINER_DISTRIBUTIONS}?base_path=cache/library/hello"
    ));
    assert_eq!(children["count"], 1, "{children:#}");
    let child = &children["results"][0];
    assert_eq!(child["repository"], repo["pulp_href"]);
    assert_eq!(child["private"], false);
    assert_eq!(
        child["registry_path"],
        format!("{}/cache/library/hello", d.registry_host())
    );
    let dist = api.get_ok(dist["pulp_href"].as_str().unwrap());
    assert_eq!(dist["distributions"], json!([child["pulp_href"]]));
    // Each listing shows its own kind only.
    let containers = api.get_ok(CONTAINER_DISTRIBUTIONS);
    assert_eq!(containers["count"], 1, "{containers:#}");
    let pull_throughs = api.get_ok(DISTRIBUTIONS);
    assert_eq!(pull_throughs["count"], 1, "{pull_throughs:#}");
    let catalog = registry_get(&d, "_catalog", None).json::<Value>().unwrap();
    assert_eq!(catalog["repositories"], json!(["cache/library/hello"]));
    eprintln!(
        "two tags pulled through the cache in {:?}",
        started.elapsed()
    );
}

#[test]
fn multiarch_images_and_two_pull_through_distributions_side_by_side() {
    let d = daemon(&[]);
    let api = d.api();
    let up = upstream::shared();
    api.create_pull_through("hub", &up.url(), json!({}));
    api.create_pull_through("mirror", &up.url(), json!({}));
    let host = d.registry_host().to_string();
    let podman = Podman::new(&[&host]).unwrap();
    let multi = format!("{host}/hub/library/multiarch:latest");
    podman.pull(&multi, &[]).ok().unwrap();
    let out = podman.run(&multi).unwrap();
    assert!(
        out.contains(&images::multiarch_message(images::host_arch())),
        "{out}"
    );
    // The index and the child podman picked are both in the one retained version.
    let repo = repository(&api, "library/multiarch");
    let versions = versions(&api, &repo);
    assert_eq!(versions.len(), 1);
    assert_eq!(
        versions[0]["content_summary"]["present"]["container.manifest"]["count"],
        2
    );

    for base in ["hub", "mirror"] {
        let image = format!("{host}/{base}/library/hello:v1");
        podman.pull(&image, &[]).ok().unwrap();
        assert_eq!(
            podman.image_digest(&image).unwrap(),
            images::get().digest("hello", "v1")
        );
    }
    // The second upstream path of the same name gets the base path as its repository name.
    repository(&api, "library/hello");
    let mirrored = repository(&api, "mirror/library/hello");
    let child = api.get_ok(&format!(
        "{CONTAINER_DISTRIBUTIONS}?base_path=mirror/library/hello"
    ));
    assert_eq!(child["results"][0]["repository"], mirrored["pulp_href"]);
}

#[test]
fn api_follows_pulps_shapes_and_guards_the_base_path() {
    let d = daemon(&[]);
    let api = d.api();
    let answer = api.post_expect(
        REMOTES,
        &json!({"name": "imm", "url": "http://127.0.0.1:1", "policy": "immediate"}),
        400,
    );
    assert_eq!(
        answer,
        json!({"policy": ["\"immediate\" is not a valid choice."]})
    );
    let remote = api.post_expect(
        REMOTES,
        &json!({"name": "r", "url": "http://127.0.0.1:1", "username": "u", "password": "p",
                "includes": ["library/*"], "excludes": null}),
        201,
    );
    assert_eq!(remote["policy"], "on_demand");
    assert_eq!(remote["includes"], json!(["library/*"]));
    assert!(remote.get("password").is_none());
    assert!(remote["hidden_fields"]
        .as_array()
        .unwrap()
        .contains(&json!({"name": "password", "is_set": true})));
    let href = remote["pulp_href"].as_str().unwrap();
    assert!(href.starts_with(REMOTES), "{remote}");
    let patched = api.patch(href, &json!({"excludes": ["library/secret"]}));
    assert_eq!(patched.0, 200, "{patched:?}");
    assert_eq!(patched.1["excludes"], json!(["library/secret"]));

    let answer = api.post_expect(DISTRIBUTIONS, &json!({"name": "c", "base_path": "c"}), 400);
    assert_eq!(answer["remote"], json!(["This field is required."]));
    let dist = create_distribution(&api, json!({"name": "c", "base_path": "c", "remote": href}));
    assert_eq!(dist["remote"], href);
    assert_eq!(dist["private"], false);
    assert!(dist["prn"]
        .as_str()
        .unwrap()
        .starts_with("prn:container.containerpullthroughdistribution:"));

    // Nobody may create a distribution below a pull-through base path (or above it) by hand.
    for base_path in ["c/library/hello", "c", "c2/x"] {
        let body = json!({"name": base_path, "base_path": base_path});
        let (status, answer) = api.post(CONTAINER_DISTRIBUTIONS, &body);
        if base_path == "c2/x" {
            assert_eq!(status, 202, "{answer}");
            let task = api.wait_task(answer["task"].as_str().unwrap());
            assert_eq!(task["state"], "completed", "{task:#}");
            continue;
        }
        assert_eq!(status, 400, "{base_path}: {answer}");
        assert!(answer["base_path"].is_array(), "{answer}");
    }
    let (status, answer) = api.post(
        DISTRIBUTIONS,
        &json!({"name": "c2", "base_path": "c2", "remote": href}),
    );
    assert_eq!(status, 400, "{answer}");
    assert_eq!(
        answer["base_path"],
        json!(["Overlaps with an existing distribution."])
    );
    // The two kinds live at their own hrefs.
    let id = dist["pulp_href"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .nth(1)
        .unwrap();
    assert_eq!(api.get(&format!("{CONTAINER_DISTRIBUTIONS}{id}/")).0, 404);
    // A remote in use cannot go; once its distribution is gone it can.
    assert_eq!(api.delete(href).0, 409);
    let answer = api.delete(dist["pulp_href"].as_str().unwrap());
    assert_eq!(answer.0, 202, "{answer:?}");
    let task = api.wait_task(answer.1["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
    assert_eq!(api.delete(href).0, 204);
}

#[test]
fn cached_tags_and_digests_still_pull_with_the_upstream_down() {
    let mut up = own_upstream(&["v1", "v2", "v3"]);
    let d = daemon(&[("PULPD_PULL_THROUGH_TTL", "1")]);
    let api = d.api();
    api.create_pull_through("cache", &up.url(), json!({}));
    let fixtures = images::get();
    let host = d.registry_host().to_string();
    let podman = Podman::new(&[&host]).unwrap();
    for tag in ["v1", "v2"] {
        podman
            .pull(&format!("{host}/cache/library/hello:{tag}"), &[])
            .ok()
            .unwrap();
    }
    up.stop();

    // Once the TTL passed, the next pull revalidates, fails to reach the upstream and serves the cached tag.
    let mark = d.log().len();
    wait_until(
        Duration::from_secs(20),
        "a stale manifest to be served",
        || {
            let (status, digest, _) = manifest(&d, "cache/library/hello", "v1");
            let stale = d.log()[mark..].contains("serving the cached manifest");
            if status == 200 && digest == fixtures.digest("hello", "v1") && stale {
                Ok(())
            } else {
                Err(format!("{status} {digest} stale logged: {stale}"))
            }
        },
    );

    let fresh = Podman::new(&[&host]).unwrap();
    for tag in ["v1", "v2"] {
        let image = format!("{host}/cache/library/hello:{tag}");
        fresh.pull(&image, &[]).ok().unwrap();
        assert!(fresh
            .run(&image)
            .unwrap()
            .contains(&images::hello_message(tag)));
    }
    let by_digest = format!(
        "{host}/cache/library/hello@{}",
        fixtures.digest("hello", "v2")
    );
    Podman::new(&[&host])
        .unwrap()
        .pull(&by_digest, &[])
        .ok()
        .unwrap();

    // A tag never pulled fails promptly: 502 (the gateway's upstream failed; podman shows only the status
    // line of a 5xx), with the cause in the body.
    let started = Instant::now();
    let out = fresh.pull(&format!("{host}/cache/library/hello:v3"), &[]);
    let took = started.elapsed();
    let out = out.failed().unwrap();
    assert!(took < Duration::from_secs(30), "took {took:?}:\n{out}");
    assert!(out.stderr.contains("502 Bad Gateway"), "{out}");
    eprintln!(
        "uncached tag with the upstream down failed in {took:?}: {}",
        out.stderr.trim()
    );
    let (status, _, body) = manifest(&d, "cache/library/hello", "v3");
    assert_eq!(status, 502, "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("cannot reach upstream"), "{body}");
}

/// Issue 16, "a complete cache": podman that already holds hello's base layer pulls `hello:v2` through a cold
/// cache and so asks pulpd for the manifest and v2's own blobs only. The cache prefetches the rest, so once the
/// upstream is gone a clean podman still pulls the tag in full.
#[test]
fn a_tag_pulled_by_a_client_holding_the_base_layer_is_complete_in_the_cache() {
    let mut up = own_upstream(&["v1", "v2"]);
    let d = daemon(&[]);
    d.api().create_pull_through("cache", &up.url(), json!({}));
    let fixtures = images::get();
    let (v1, v2) = (fixtures.hello("v1"), fixtures.hello("v2"));
    let host = d.registry_host().to_string();
    let upstream_host = up.host();

    // podman pulls v1 from the upstream directly: it holds the base layer v2 shares.
    let first = Podman::new(&[&host, &upstream_host]).unwrap();
    first.pull(&up.image_ref("hello", "v1"), &[]).ok().unwrap();
    let shared: Vec<&String> = v2.blobs.iter().filter(|b| v1.blobs.contains(b)).collect();
    assert!(!shared.is_empty(), "hello v1 and v2 share no blob");
    let image = format!("{host}/cache/library/hello:v2");
    first.pull(&image, &[]).ok().unwrap();
    assert_eq!(first.image_digest(&image).unwrap(), v2.digest);

    // Every blob of v2's manifest ends up in pulpd's blob store, the shared base layer included.
    wait_until(
        Duration::from_secs(60),
        "every blob of hello:v2 to be stored",
        || {
            let missing: Vec<&String> = v2
                .blobs
                .iter()
                .filter(|b| !stored_blob(&d, b).exists())
                .collect();
            if missing.is_empty() {
                Ok(())
            } else {
                Err(format!("missing {missing:?}"))
            }
        },
    );
    for blob in &v2.blobs {
        let bytes = std::fs::read(stored_blob(&d, blob)).unwrap();
        assert_eq!(&sha256(&bytes), blob);
    }

    up.stop();
    let clean = Podman::new(&[&host]).unwrap();
    clean.pull(&image, &[]).ok().unwrap();
    assert_eq!(clean.image_digest(&image).unwrap(), v2.digest);
    assert!(clean
        .run(&image)
        .unwrap()
        .contains(&images::hello_message("v2")));
}

#[test]
fn a_second_pull_within_the_ttl_sends_nothing_upstream() {
    let up = own_upstream(&["v1"]);
    let d = daemon(&[]);
    d.api().create_pull_through("cache", &up.url(), json!({}));
    let image = format!("{}/cache/library/hello:v1", d.registry_host());
    Podman::new(&[d.registry_host()])
        .unwrap()
        .pull(&image, &[])
        .ok()
        .unwrap();
    let mark = up.mark();
    let second = Podman::new(&[d.registry_host()]).unwrap();
    second.pull(&image, &[]).ok().unwrap();
    assert!(second
        .run(&image)
        .unwrap()
        .contains(&images::hello_message("v1")));
    let sent = up.requests_since(mark);
    assert!(sent.is_empty(), "requests upstream: {sent:#?}");
}

#[test]
fn concurrent_pulls_share_one_upstream_fetch_per_blob() {
    const PULLS: usize = 20;
    let up = own_upstream(&["v4"]);
    let d = daemon(&[]);
    d.api().create_pull_through("cache", &up.url(), json!({}));
    let fixture = images::get().hello("v4");
    let image = format!("docker://{}/cache/library/hello:v4", d.registry_host());
    let started = Instant::now();
    let dirs: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..PULLS)
            .map(|_| {
                scope.spawn(|| {
                    let skopeo = Skopeo::new(&[d.registry_host()]).unwrap();
                    let out = tempfile::tempdir().unwrap();
                    let dest = format!("dir:{}", out.path().display());
                    skopeo.copy(&image, &dest, &[]).ok().unwrap();
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    eprintln!("{PULLS} concurrent pulls took {:?}", started.elapsed());
    for dir in &dirs {
        let manifest = std::fs::read(dir.path().join("manifest.json")).unwrap();
        assert_eq!(sha256(&manifest), fixture.digest);
        for blob in &fixture.blobs {
            let hex = blob.strip_prefix("sha256:").unwrap();
            let bytes = std::fs::read(dir.path().join(hex)).unwrap();
            assert_eq!(&sha256(&bytes), blob);
        }
    }
    for blob in &fixture.blobs {
        assert_eq!(
            up.blob_gets(blob),
            1,
            "GETs of {blob}:\n{}",
            up.access_log()
        );
    }
    let manifest_gets = up
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("/manifests/"))
        .count();
    assert_eq!(manifest_gets, 1, "{}", up.access_log());
}

#[test]
fn a_moved_tag_is_served_after_the_ttl_as_a_new_version() {
    const TTL: Duration = Duration::from_secs(4);
    let up = own_upstream(&["v1", "v2"]);
    let d = daemon(&[("PULPD_PULL_THROUGH_TTL", "4")]);
    let api = d.api();
    api.create_pull_through("cache", &up.url(), json!({}));
    let fixtures = images::get();
    let (old, new) = (
        fixtures.digest("hello", "v1"),
        fixtures.digest("hello", "v2"),
    );
    let (status, digest, _) = manifest(&d, "cache/library/hello", "v1");
    let checked = Instant::now();
    assert_eq!((status, digest.as_str()), (200, old));
    let first_version = repository(&api, "library/hello")["latest_version_href"].clone();

    // Move v1 upstream to v2's content.
    let skopeo = Skopeo::new(&[&up.host()]).unwrap();
    skopeo
        .copy(
            &fixtures.hello("v2").transport_ref(),
            &format!("docker://{}/library/hello:v1", up.host()),
            &[],
        )
        .ok()
        .unwrap();
    assert_eq!(
        up.manifest_digest("library/hello", "v1", MANIFEST_ACCEPT)
            .unwrap(),
        new
    );

    let (status, digest, _) = manifest(&d, "cache/library/hello", "v1");
    assert!(
        checked.elapsed() < TTL,
        "moving the tag took {:?}, longer than the TTL; the check within the TTL is meaningless",
        checked.elapsed()
    );
    assert_eq!(
        (status, digest.as_str()),
        (200, old),
        "within the TTL the cached digest is served"
    );

    let mark = up.mark();
    wait_until(
        Duration::from_secs(30),
        "the moved tag to be served",
        || match manifest(&d, "cache/library/hello", "v1") {
            (200, digest, _) if digest == new => Ok(()),
            other => Err(format!("{other:?}")),
        },
    );
    assert!(
        checked.elapsed() >= TTL,
        "served the new digest before the TTL passed"
    );
    // Revalidation is a HEAD; only the moved manifest is fetched, by digest (blob GETs are the prefetch of
    // what the new manifest references).
    let sent = up.requests_since(mark);
    let gets: Vec<_> = sent
        .iter()
        .filter(|r| r.method == "GET" && r.path.contains("/manifests/"))
        .collect();
    assert!(
        sent.iter()
            .any(|r| r.method == "HEAD" && r.path == "/v2/library/hello/manifests/v1"),
        "{sent:#?}"
    );
    assert_eq!(gets.len(), 1, "{sent:#?}");
    assert_eq!(gets[0].path, format!("/v2/library/hello/manifests/{new}"));

    let repo = repository(&api, "library/hello");
    assert_ne!(repo["latest_version_href"], first_version);
    let latest = api.get_ok(repo["latest_version_href"].as_str().unwrap());
    assert_eq!(
        latest["content_summary"]["added"]["container.tag"]["count"], 1,
        "{latest:#}"
    );
    assert_eq!(
        latest["content_summary"]["removed"]["container.tag"]["count"], 1,
        "{latest:#}"
    );
    assert_eq!(versions(&api, &repo).len(), 1);
}

#[test]
fn a_corrupted_upstream_blob_fails_cleanly_and_recovers() {
    let up = own_upstream(&["v5"]);
    let d = daemon(&[]);
    d.api().create_pull_through("cache", &up.url(), json!({}));
    let fixture = images::get().hello("v5");
    let layer = fixture
        .blobs
        .iter()
        .max_by_key(|b| std::fs::metadata(up.blob_path(b)).unwrap().len())
        .unwrap();
    let original = std::fs::read(up.blob_path(layer)).unwrap();
    let mut corrupted = original.clone();
    let middle = corrupted.len() / 2;
    corrupted[middle] ^= 0xff;
    std::fs::write(up.blob_path(layer), &corrupted).unwrap();

    let image = format!("{}/cache/library/hello:v5", d.registry_host());
    let podman = Podman::new(&[d.registry_host()]).unwrap();
    let out = podman.pull(&image, &[]).failed().unwrap();
    eprintln!("pull of a corrupted blob failed with:\n{}", out.stderr);
    // A direct GET never completes with the wrong bytes.
    let resp = registry_get(&d, &format!("cache/library/hello/blobs/{layer}"), None);
    if let Ok(body) = resp.bytes() {
        assert_ne!(
            body.as_ref(),
            corrupted.as_slice(),
            "pulpd served the corrupted bytes"
        );
        assert_ne!(
            body.as_ref(),
            original.as_slice(),
            "the upstream only has corrupted bytes"
        );
    }
    assert!(
        !stored_blob(&d, layer).exists(),
        "a corrupted blob was stored"
    );
    wait_until(Duration::from_secs(10), "spool files to be removed", || {
        let left = spool_files(&d);
        if left.is_empty() {
            Ok(())
        } else {
            Err(left)
        }
    });

    std::fs::write(up.blob_path(layer), &original).unwrap();
    podman.pull(&image, &[]).ok().unwrap();
    assert!(podman
        .run(&image)
        .unwrap()
        .contains(&images::hello_message("v5")));
    assert_eq!(
        sha256(&std::fs::read(committed_blob(&d, layer)).unwrap()),
        *layer
    );
}

#[test]
fn kill9_during_a_big_pull_leaves_no_partial_blob() {
    let up = Upstream::start().unwrap();
    let big = up.seed_big().unwrap();
    let mut d = daemon(&[]);
    d.api().create_pull_through("cache", &up.url(), json!({}));
    let layer = big
        .blobs
        .iter()
        .max_by_key(|b| std::fs::metadata(big.blob_path(b)).unwrap().len())
        .unwrap()
        .clone();
    let size = std::fs::metadata(big.blob_path(&layer)).unwrap().len();
    assert!(size > 200 << 20, "the big layer has {size} bytes");

    // A client starts the download; pulpd dies while the spool is partly written.
    let (status, _, _) = manifest(&d, "cache/library/big", "latest");
    assert_eq!(status, 200);
    let url = format!("{}/v2/cache/library/big/blobs/{layer}", d.base_url());
    let client = std::thread::spawn(move || {
        reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(120))
            .build()
            .unwrap()
            .get(url)
            .send()
            .and_then(|r| r.bytes())
            .map(|b| b.len())
    });
    let spool = wait_until(
        Duration::from_secs(60),
        "a partly written spool file",
        || {
            spool_files(&d)
                .into_iter()
                .find(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0))
                .ok_or("no spool file with data yet")
        },
    );
    d.kill9();
    let written = std::fs::metadata(&spool).map(|m| m.len()).unwrap_or(0);
    assert!(
        !stored_blob(&d, &layer).exists(),
        "the download finished before the kill ({written} bytes spooled); the test proves nothing"
    );
    eprintln!("killed pulpd with {written} of {size} bytes spooled");
    match client.join().unwrap() {
        Ok(len) => assert!(
            (len as u64) < size,
            "a complete body came from a killed daemon"
        ),
        Err(e) => eprintln!("client saw: {e}"),
    }

    d.restart();
    assert!(
        spool_files(&d).is_empty(),
        "spool files survived the restart: {:?}",
        spool_files(&d)
    );
    assert!(!stored_blob(&d, &layer).exists());
    let skopeo = Skopeo::new(&[d.registry_host()]).unwrap();
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    skopeo
        .copy(
            &format!("docker://{}/cache/library/big:latest", d.registry_host()),
            &format!("dir:{}", out.path().display()),
            &[],
        )
        .ok()
        .unwrap();
    eprintln!(
        "256 MiB pull-through after the restart took {:?}",
        started.elapsed()
    );
    let hex = layer.strip_prefix("sha256:").unwrap();
    assert_eq!(sha256(&std::fs::read(out.path().join(hex)).unwrap()), layer);
    assert_eq!(
        sha256(&std::fs::read(committed_blob(&d, &layer)).unwrap()),
        layer
    );
}

#[test]
fn excluded_names_are_unknown_without_asking_the_upstream() {
    let up = own_upstream(&["v1"]);
    let d = daemon(&[]);
    d.api().create_pull_through(
        "cache",
        &up.url(),
        json!({"includes": ["library/*"], "excludes": ["*secret*"]}),
    );
    let mark = up.mark();
    for name in [
        "cache/library/secret-app",
        "cache/other/hello",
        "cache/library/hello/secret",
    ] {
        let resp = registry_get(&d, &format!("{name}/manifests/latest"), None);
        assert_eq!(resp.status().as_u16(), 404, "{name}");
        let body: Value = resp.json().unwrap();
        assert_eq!(body["errors"][0]["code"], "NAME_UNKNOWN", "{name}: {body}");
    }
    let sent = up.requests_since(mark);
    assert!(sent.is_empty(), "requests upstream: {sent:#?}");

    // An allowed name the upstream lacks: 404, and a burst of them costs one upstream request.
    for _ in 0..5 {
        let (status, _, body) = manifest(&d, "cache/library/nosuch", "latest");
        assert_eq!(status, 404);
        assert_eq!(body["errors"][0]["code"], "MANIFEST_UNKNOWN", "{body}");
    }
    let sent = up.requests_since(mark);
    assert_eq!(sent.len(), 1, "requests upstream: {sent:#?}");
    let (status, digest, _) = manifest(&d, "cache/library/hello", "v1");
    assert_eq!(
        (status, digest.as_str()),
        (200, images::get().digest("hello", "v1"))
    );
}

#[test]
fn a_private_pull_through_distribution_needs_credentials() {
    let d = daemon(&[]);
    let api = d.api();
    let up = upstream::shared();
    let remote = api.post_expect(REMOTES, &json!({"name": "r", "url": up.url()}), 201);
    create_distribution(
        &api,
        json!({"name": "private", "base_path": "private", "remote": remote["pulp_href"], "private": true}),
    );
    let host = d.registry_host().to_string();
    let image = format!("{host}/private/library/hello:v3");
    let anonymous = registry_get(&d, "private/library/hello/manifests/v3", None);
    assert_eq!(anonymous.status().as_u16(), 401);
    Podman::new(&[&host])
        .unwrap()
        .pull(&image, &[])
        .failed()
        .unwrap();

    let creds = format!("admin:{ADMIN_PASSWORD}");
    let podman = Podman::new(&[&host]).unwrap();
    podman.pull(&image, &["--creds", &creds]).ok().unwrap();
    assert_eq!(
        podman.image_digest(&image).unwrap(),
        images::get().digest("hello", "v3")
    );
    // What the cache created is private too, cached content included.
    let children = api.get_ok(&format!(
        "{CONTAINER_DISTRIBUTIONS}?base_path=private/library/hello"
    ));
    assert_eq!(children["results"][0]["private"], true, "{children:#}");
    let anonymous = registry_get(&d, "private/library/hello/manifests/v3", None);
    assert_eq!(anonymous.status().as_u16(), 401);
    let authenticated = registry_get(
        &d,
        "private/library/hello/manifests/v3",
        Some(("admin", ADMIN_PASSWORD)),
    );
    assert_eq!(authenticated.status().as_u16(), 200);
}

#[test]
fn an_upstream_with_basic_auth_is_pulled_with_the_remotes_credentials() {
    let up = Upstream::start_with_basic_auth("upstream", "upstream-pass").unwrap();
    up.seed_images(&[images::get().hello("latest")]).unwrap();
    let d = daemon(&[]);
    d.api().create_pull_through(
        "cache",
        &up.url(),
        json!({"username": "upstream", "password": "upstream-pass"}),
    );
    let podman = Podman::new(&[d.registry_host()]).unwrap();
    let image = format!("{}/cache/library/hello:latest", d.registry_host());
    podman.pull(&image, &[]).ok().unwrap();
    assert!(podman
        .run(&image)
        .unwrap()
        .contains(&images::hello_message("latest")));
}

/// The seed's command on the defaults (token auth on): anonymous `podman pull <host>/<base>/library/hello:v1`
/// gets a token for a name not pulled yet, and the pull works; a private cache refuses the anonymous token.
#[test]
fn podman_pulls_through_the_cache_with_token_auth_on() {
    let d = Daemon::start();
    let api = d.api();
    let up = upstream::shared();
    let dist = api.create_pull_through("docker-cache", &up.url(), json!({}));
    let podman = Podman::new(&[d.registry_host()]).unwrap();
    let image = format!("{}/docker-cache/library/hello:v1", d.registry_host());
    podman.pull(&image, &[]).ok().unwrap();
    let out = podman.run(&image).unwrap();
    assert!(out.contains(&images::hello_message("v1")), "{out}");

    let (status, answer) = api.patch(
        dist["pulp_href"].as_str().unwrap(),
        &json!({"private": true}),
    );
    assert_eq!(status, 202, "{answer}");
    api.wait_task(answer["task"].as_str().unwrap());
    let other = Podman::new(&[d.registry_host()]).unwrap();
    let private = format!("{}/docker-cache/library/hello:v2", d.registry_host());
    assert!(
        !other.pull(&private, &[]).success(),
        "anonymous pull of a private cache"
    );
    other
        .login(d.registry_host(), "admin", ADMIN_PASSWORD)
        .unwrap();
    other.pull(&private, &[]).ok().unwrap();
}

/// `sha512:<hex>` of `bytes`.
fn sha512(bytes: &[u8]) -> String {
    format!("sha512:{}", hex::encode(sha2::Sha512::digest(bytes)))
}

/// Pushes `bytes` to `up` as a blob of `name` under `digest`, with the registry API (podman and skopeo push
/// sha256 only; Distribution stores a blob pushed as sha512 and serves it by that digest).
fn push_blob(up: &Upstream, name: &str, digest: &str, bytes: &[u8]) {
    let client = reqwest::blocking::Client::new();
    let started = client
        .post(format!("{}/v2/{name}/blobs/uploads/", up.url()))
        .send()
        .unwrap();
    assert_eq!(started.status().as_u16(), 202, "{:?}", started.text());
    let location = started.headers()["location"].to_str().unwrap().to_string();
    let location = if location.starts_with('/') {
        format!("{}{location}", up.url())
    } else {
        location
    };
    let sep = if location.contains('?') { '&' } else { '?' };
    let done = client
        .put(format!("{location}{sep}digest={digest}"))
        .header("content-type", "application/octet-stream")
        .body(bytes.to_vec())
        .send()
        .unwrap();
    assert_eq!(done.status().as_u16(), 201, "{:?}", done.text());
}

#[test]
fn a_sha512_layer_pulls_through_and_is_served_under_its_sha512() {
    let up = Upstream::start().unwrap();
    let name = "library/five12";
    let config =
        br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#;
    let layer: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let (config_digest, layer_digest) = (sha512(config), sha512(&layer));
    push_blob(&up, name, &config_digest, config);
    push_blob(&up, name, &layer_digest, &layer);
    let image = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config.len()},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest, "size": layer.len()}],
    });
    let put = reqwest::blocking::Client::new()
        .put(format!("{}/v2/{name}/manifests/v1", up.url()))
        .header("content-type", "application/vnd.oci.image.manifest.v1+json")
        .body(serde_json::to_vec(&image).unwrap())
        .send()
        .unwrap();
    assert_eq!(put.status().as_u16(), 201, "{:?}", put.text());

    let d = daemon(&[]);
    d.api().create_pull_through("cache", &up.url(), json!({}));
    let (status, _, body) = manifest(&d, &format!("cache/{name}"), "v1");
    assert_eq!(status, 200, "{body:#}");
    assert_eq!(body["layers"][0]["digest"], layer_digest.as_str());

    let blob = format!("cache/{name}/blobs/{layer_digest}");
    let resp = registry_get(&d, &blob, None);
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(
        resp.headers()["docker-content-digest"],
        layer_digest.as_str()
    );
    assert_eq!(resp.bytes().unwrap().as_ref(), layer.as_slice());
    let hex = layer_digest.strip_prefix("sha512:").unwrap();
    let stored = d.data_dir().join("blobs/sha512").join(&hex[..2]).join(hex);
    wait_until(
        Duration::from_secs(60),
        "the sha512 blob to be committed",
        || std::fs::read(&stored).map_err(|e| format!("{}: {e}", stored.display())),
    );
    assert_eq!(std::fs::read(&stored).unwrap(), layer);

    // From the store now: HEAD and a range, and nothing more is fetched upstream.
    let mark = up.mark();
    let head = reqwest::blocking::Client::new()
        .head(format!("{}/v2/{blob}", d.base_url()))
        .send()
        .unwrap();
    assert_eq!(head.status().as_u16(), 200);
    assert_eq!(
        head.headers()["docker-content-digest"],
        layer_digest.as_str()
    );
    assert_eq!(
        head.headers()["content-length"],
        layer.len().to_string().as_str()
    );
    let ranged = reqwest::blocking::Client::new()
        .get(format!("{}/v2/{blob}", d.base_url()))
        .header("range", "bytes=1000-1999")
        .send()
        .unwrap();
    assert_eq!(ranged.status().as_u16(), 206);
    assert_eq!(ranged.bytes().unwrap().as_ref(), &layer[1000..2000]);
    let sent = up.requests_since(mark);
    assert!(
        sent.iter().all(|r| !r.path.contains("/blobs/")),
        "{sent:#?}"
    );
}
