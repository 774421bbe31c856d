//! Repository sync from a real upstream registry (Debian's docker-registry): what a sync stores for each
//! fixture image, tag filters, mirror vs. additive, re-syncs that change nothing, on-demand blobs, and the ways
//! a sync fails (unreachable, 401, corrupted blob, cancel) without leaving a new version behind.

use pulp_e2e::clients::Skopeo;
use pulp_e2e::daemon::{Api, Daemon};
use pulp_e2e::images::{self, Image};
use pulp_e2e::upstream::{self, Upstream};
use pulp_e2e::wait::wait_until;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

const REMOTES: &str = "/pulp/api/v3/remotes/container/container/";
const DISTRIBUTIONS: &str = "/pulp/api/v3/distributions/container/container/";
const TASK_NAME: &str = "pulp_container.app.tasks.synchronize.synchronize";
const NO_REMOTE: &str = "This field is required since a remote is not set on the repository.";

/// Creates a container remote; returns its href.
fn create_remote(api: &Api, name: &str, url: &str, upstream_name: &str, extra: Value) -> String {
    let mut body = json!({"name": name, "url": url, "upstream_name": upstream_name});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().cloned().unwrap_or_default());
    let remote = api.post_expect(REMOTES, &body, 201);
    remote["pulp_href"].as_str().unwrap().to_string()
}

/// Starts a sync of `repo` with `body` (202 `{"task"}`) and waits for the task; returns it.
fn sync(api: &Api, repo: &str, body: Value) -> Value {
    let answer = api.post_expect(&format!("{repo}sync/"), &body, 202);
    assert_eq!(answer.as_object().unwrap().len(), 1, "{answer}");
    let task = api.wait_task(
        answer["task"]
            .as_str()
            .expect("202 body is {\"task\": href}"),
    );
    assert_eq!(task["name"], TASK_NAME);
    task
}

/// Like [`sync`], and the task must have completed.
fn sync_ok(api: &Api, repo: &str, body: Value) -> Value {
    let task = sync(api, repo, body);
    assert_eq!(task["state"], "completed", "{task:#}");
    task
}

/// The repository's latest version.
fn latest(api: &Api, repo: &str) -> Value {
    let repo = api.get_ok(repo);
    api.get_ok(repo["latest_version_href"].as_str().unwrap())
}

/// A count of the content summary, e.g. `count(&v, "present", "container.tag")` (0 when absent).
fn count(version: &Value, part: &str, kind: &str) -> u64 {
    version["content_summary"][part][kind]["count"]
        .as_u64()
        .unwrap_or(0)
}

/// `(tags, manifests, blobs)` present in `version`.
fn present(version: &Value) -> (u64, u64, u64) {
    (
        count(version, "present", "container.tag"),
        count(version, "present", "container.manifest"),
        count(version, "present", "container.blob"),
    )
}

/// Where pulpd keeps the bytes of `digest`.
fn blob_file(d: &Daemon, digest: &str) -> PathBuf {
    let hex = digest.strip_prefix("sha256:").unwrap();
    d.data_dir()
        .join("blobs")
        .join("sha256")
        .join(&hex[..2])
        .join(hex)
}

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(bytes)))
}

/// The progress report with `code` of a task.
fn report<'a>(task: &'a Value, code: &str) -> &'a Value {
    task["progress_reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no {code} progress report in {task:#}"))
}

/// The fixture images called `name` (every tag).
fn fixture(name: &str) -> Vec<&'static Image> {
    images::get()
        .all()
        .iter()
        .filter(|i| i.name == name)
        .collect()
}

/// `(tags, manifests, blobs)` a sync of `images` must store.
fn expected(images: &[&Image]) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let tags = images.iter().map(|i| i.tag.clone()).collect();
    let manifests = images
        .iter()
        .flat_map(|i| std::iter::once(i.digest.clone()).chain(i.children.iter().cloned()))
        .collect();
    let blobs = images
        .iter()
        .flat_map(|i| i.blobs.iter().cloned())
        .collect();
    (tags, manifests, blobs)
}

/// Serves `repo` at `base_path` through a new distribution.
fn distribute(api: &Api, repo: &str, base_path: &str) {
    let answer = api.post_expect(
        DISTRIBUTIONS,
        &json!({"name": base_path, "base_path": base_path, "repository": repo}),
        202,
    );
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
}

/// An anonymous GET of pulpd's `/v2/<path>` (with an anonymous token): status and body bytes.
fn registry_get(d: &Daemon, path: &str) -> (u16, Vec<u8>) {
    let resp = d.registry_get(
        path,
        &[(
            "Accept",
            "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json",
        )],
    );
    let status = resp.status().as_u16();
    (status, resp.bytes().unwrap().to_vec())
}

/// The tags pulpd serves at `base_path`, sorted.
fn served_tags(d: &Daemon, base_path: &str) -> Vec<String> {
    let (status, body) = registry_get(d, &format!("{base_path}/tags/list"));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let list: Value = serde_json::from_slice(&body).unwrap();
    let mut tags: Vec<String> = list["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    tags.sort();
    tags
}

#[test]
fn sync_requests_are_validated_before_any_task() {
    let d = Daemon::start();
    let api = d.api();
    let repo = api.create_repository("validated");
    let repo = repo["pulp_href"].as_str().unwrap();
    let path = format!("{repo}sync/");

    let (status, body) = api.post(&path, &json!({}));
    assert_eq!((status, body), (400, json!({"remote": [NO_REMOTE]})));
    let missing = format!("{REMOTES}01a20747-0000-7000-8000-000000000000/");
    let (status, body) = api.post(&path, &json!({"remote": missing}));
    assert_eq!(
        (status, body),
        (
            400,
            json!({"remote": ["Invalid hyperlink - Object does not exist."]})
        )
    );
    let (status, body) = api.post(
        "/pulp/api/v3/repositories/container/container/01a20747-0000-7000-8000-000000000000/sync/",
        &json!({}),
    );
    assert_eq!(
        (status, body),
        (
            404,
            json!({"detail": "No ContainerRepository matches the given query."})
        )
    );
    let (status, _) = api.with_credentials(None).post(&path, &json!({}));
    assert_eq!(status, 401);
    let tasks = api.get_ok("/pulp/api/v3/tasks/");
    assert_eq!(tasks["count"], 0, "no task for a refused sync: {tasks:#}");
}

#[test]
fn immediate_sync_stores_every_fixture_image() {
    let up = upstream::shared();
    let d = Daemon::start();
    let api = d.api();
    // Blobs already stored by an earlier sync of this daemon are not downloaded again (hello-v2s2 shares
    // layers with hello).
    let mut stored: BTreeSet<String> = BTreeSet::new();
    for name in ["hello", "multiarch", "hello-v2s2", "many"] {
        let remote = create_remote(&api, name, &up.url(), &format!("library/{name}"), json!({}));
        let repo = api.create_repository(name);
        let repo = repo["pulp_href"].as_str().unwrap();
        let task = sync_ok(&api, repo, json!({"remote": remote}));

        let (tags, manifests, blobs) = expected(&fixture(name));
        let version = latest(&api, repo);
        assert_eq!(version["number"], 1, "{name}: {version:#}");
        assert_eq!(task["created_resources"], json!([version["pulp_href"]]));
        assert_eq!(
            present(&version),
            (
                tags.len() as u64,
                manifests.len() as u64,
                blobs.len() as u64
            ),
            "{name}: {version:#}"
        );
        for code in [
            "sync.downloading.tag_list",
            "sync.processing.manifest",
            "sync.downloading.artifacts",
            "associating.content",
        ] {
            assert_eq!(
                report(&task, code)["state"],
                "completed",
                "{code}: {task:#}"
            );
        }
        let downloads = blobs.difference(&stored).count() as u64;
        let artifacts = report(&task, "sync.downloading.artifacts");
        assert_eq!(
            (artifacts["done"].as_u64(), artifacts["total"].as_u64()),
            (Some(downloads), Some(downloads)),
            "{name}: {task:#}"
        );
        assert_eq!(
            report(&task, "sync.processing.manifest")["done"].as_u64(),
            Some(manifests.len() as u64)
        );
        for blob in &blobs {
            let bytes = std::fs::read(blob_file(&d, blob))
                .unwrap_or_else(|e| panic!("{name}: blob {blob} not stored: {e}"));
            assert_eq!(&sha256(&bytes), blob);
        }
        stored.extend(blobs);
    }
}

#[test]
fn resync_without_upstream_change_creates_no_version() {
    let up = upstream::shared();
    let d = Daemon::start();
    let api = d.api();
    let remote = create_remote(
        &api,
        "hello",
        &up.url(),
        "library/hello",
        json!({"include_tags": ["v1", "v2"]}),
    );
    let repo = api.create_repository("hello");
    let repo = repo["pulp_href"].as_str().unwrap();
    let (status, body) = api.patch(repo, &json!({"remote": remote}));
    match status {
        200 => {}
        // Pulp answers a repository update with a task.
        202 => assert_eq!(
            api.wait_task(body["task"].as_str().unwrap())["state"],
            "completed"
        ),
        _ => panic!("PATCH {repo} → {status} {body}"),
    }
    // The repository's remote is used when the body names none.
    let first = sync_ok(&api, repo, json!({}));
    let v1 = latest(&api, repo);
    assert_eq!(first["created_resources"], json!([v1["pulp_href"]]));
    assert_eq!(present(&v1).0, 2);

    for body in [json!({}), json!({"mirror": true})] {
        let again = sync_ok(&api, repo, body.clone());
        assert_eq!(again["created_resources"], json!([]), "{body}: {again:#}");
        let repo_now = api.get_ok(repo);
        assert_eq!(repo_now["latest_version_href"], v1["pulp_href"], "{body}");
        assert_eq!(
            report(&again, "sync.downloading.artifacts")["done"],
            0,
            "nothing downloaded again: {again:#}"
        );
    }
}

#[test]
fn include_and_exclude_tags_pick_the_synced_tags() {
    let up = upstream::shared();
    let d = Daemon::start();
    let api = d.api();
    let remote = create_remote(&api, "hello", &up.url(), "library/hello", json!({}));
    let repo = api.create_repository("filtered");
    let repo = repo["pulp_href"].as_str().unwrap();
    distribute(&api, repo, "filtered");
    let cases = [
        (
            json!(["v*"]),
            json!(null),
            vec!["v1", "v2", "v3", "v4", "v5"],
        ),
        (json!(["v*"]), json!(["v[45]"]), vec!["v1", "v2", "v3"]),
        (json!(null), json!(["v*"]), vec!["latest"]),
        (
            json!(["latest", "v?"]),
            json!(["v2", "nomatch*"]),
            vec!["latest", "v1", "v3", "v4", "v5"],
        ),
    ];
    for (include, exclude, tags) in cases {
        let (status, body) = api.patch(
            &remote,
            &json!({"include_tags": include, "exclude_tags": exclude}),
        );
        assert_eq!(status, 200, "{body}");
        sync_ok(&api, repo, json!({"remote": remote, "mirror": true}));
        let version = latest(&api, repo);
        assert_eq!(
            count(&version, "present", "container.tag"),
            tags.len() as u64,
            "include {include} exclude {exclude}: {version:#}"
        );
        assert_eq!(
            served_tags(&d, "filtered"),
            tags,
            "include {include} exclude {exclude}"
        );
    }
}

#[test]
fn mirror_drops_tags_deleted_upstream_and_additive_sync_keeps_them() {
    let up = Upstream::start().unwrap();
    up.seed_images(&fixture("hello")).unwrap();
    let d = Daemon::start();
    let api = d.api();
    let remote = create_remote(&api, "hello", &up.url(), "library/hello", json!({}));
    let additive = api.create_repository("additive");
    let additive = additive["pulp_href"].as_str().unwrap();
    let mirrored = api.create_repository("mirrored");
    let mirrored = mirrored["pulp_href"].as_str().unwrap();
    for repo in [additive, mirrored] {
        sync_ok(&api, repo, json!({"remote": remote, "mirror": true}));
        assert_eq!(present(&latest(&api, repo)).0, 6);
    }

    let skopeo = Skopeo::new(&[&up.host()]).unwrap();
    skopeo
        .delete(&up.image_ref("hello", "v1"), &[])
        .ok()
        .unwrap();
    let upstream_tags = up.tags("library/hello").unwrap();
    assert!(
        !upstream_tags.contains(&"v1".to_string()),
        "{upstream_tags:?}"
    );
    let mark = up.mark();

    let before = latest(&api, additive);
    let task = sync_ok(&api, additive, json!({"remote": remote}));
    assert_eq!(
        task["created_resources"],
        json!([]),
        "additive sync keeps v1: {task:#}"
    );
    assert_eq!(latest(&api, additive)["pulp_href"], before["pulp_href"]);

    let task = sync_ok(&api, mirrored, json!({"remote": remote, "mirror": true}));
    let version = latest(&api, mirrored);
    assert_eq!(task["created_resources"], json!([version["pulp_href"]]));
    assert_eq!(version["number"], 2);
    assert_eq!(count(&version, "present", "container.tag"), 5);
    assert_eq!(count(&version, "removed", "container.tag"), 1);
    assert_eq!(count(&version, "removed", "container.manifest"), 1);
    assert_eq!(count(&version, "added", "container.tag"), 0);

    let blob_gets: Vec<_> = up
        .requests_since(mark)
        .into_iter()
        .filter(|r| r.path.contains("/blobs/"))
        .collect();
    assert!(
        blob_gets.is_empty(),
        "re-syncs downloaded stored blobs again: {blob_gets:?}"
    );
}

#[test]
fn on_demand_sync_stores_no_blobs_until_they_are_pulled() {
    let up = upstream::shared();
    let d = Daemon::start();
    let api = d.api();
    let remote = create_remote(
        &api,
        "hello-od",
        &up.url(),
        "library/hello",
        json!({"policy": "on_demand", "include_tags": ["v1"]}),
    );
    let repo = api.create_repository("hello-od");
    let repo = repo["pulp_href"].as_str().unwrap();
    let task = sync_ok(&api, repo, json!({"remote": remote}));
    assert_eq!(report(&task, "sync.downloading.artifacts")["done"], 0);
    let image = images::get().hello("v1");
    assert_eq!(
        present(&latest(&api, repo)),
        (1, 1, image.blobs.len() as u64)
    );
    for blob in &image.blobs {
        assert!(
            !blob_file(&d, blob).exists(),
            "on_demand sync stored {blob}"
        );
    }

    distribute(&api, repo, "od/hello");
    let (status, manifest) = registry_get(&d, "od/hello/manifests/v1");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&manifest));
    assert_eq!(sha256(&manifest), image.digest);
    for blob in &image.blobs {
        let (status, bytes) = registry_get(&d, &format!("od/hello/blobs/{blob}"));
        assert_eq!(status, 200, "{blob}: {}", String::from_utf8_lossy(&bytes));
        assert_eq!(&sha256(&bytes), blob);
        let stored = std::fs::read(blob_file(&d, blob))
            .unwrap_or_else(|e| panic!("{blob} not stored after the pull: {e}"));
        assert_eq!(&sha256(&stored), blob);
    }
}

#[test]
fn unreachable_upstream_fails_the_sync_without_a_version() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let d = Daemon::start();
    let api = d.api();
    let url = format!("http://127.0.0.1:{port}");
    let remote = create_remote(&api, "nowhere", &url, "library/hello", json!({}));
    let repo = api.create_repository("nowhere");
    let repo = repo["pulp_href"].as_str().unwrap();
    let task = sync(&api, repo, json!({"remote": remote}));
    assert_eq!(task["state"], "failed", "{task:#}");
    let error = task["error"]["description"].as_str().unwrap();
    assert!(
        error.starts_with(&format!(
            "sync from {url} (library/hello) failed: cannot reach upstream"
        )),
        "{error}"
    );
    assert_eq!(task["created_resources"], json!([]));
    assert_eq!(latest(&api, repo)["number"], 0);
}

#[test]
fn upstream_requiring_credentials_refuses_a_remote_without_them() {
    let up = Upstream::start_with_basic_auth("syncer", "sync-secret").unwrap();
    up.seed_images(&[images::get().hello("v1")]).unwrap();
    let d = Daemon::start();
    let api = d.api();
    let remote = create_remote(&api, "private", &up.url(), "library/hello", json!({}));
    let repo = api.create_repository("private");
    let repo = repo["pulp_href"].as_str().unwrap();

    let task = sync(&api, repo, json!({"remote": remote}));
    assert_eq!(task["state"], "failed", "{task:#}");
    let error = task["error"]["description"].as_str().unwrap();
    assert!(error.contains("401"), "{error}");
    assert!(error.contains(&up.url()), "{error}");
    assert_eq!(latest(&api, repo)["number"], 0);

    let (status, body) = api.patch(
        &remote,
        &json!({"username": "syncer", "password": "sync-secret"}),
    );
    assert_eq!(status, 200, "{body}");
    sync_ok(&api, repo, json!({"remote": remote}));
    assert_eq!(present(&latest(&api, repo)).0, 1);
}

#[test]
fn corrupted_upstream_blob_fails_the_sync_and_stores_nothing() {
    let up = Upstream::start().unwrap();
    let image = images::get().hello("v1");
    up.seed_images(&[image]).unwrap();
    let victim = image.blobs.last().unwrap();
    let path = up.blob_path(victim);
    let mut bytes = std::fs::read(&path).unwrap();
    // Same length, other bytes: only the digest check can notice.
    for b in bytes.iter_mut().take(64) {
        *b = !*b;
    }
    std::fs::write(&path, &bytes).unwrap();

    let d = Daemon::start();
    let api = d.api();
    let remote = create_remote(
        &api,
        "corrupt",
        &up.url(),
        "library/hello",
        json!({"download_concurrency": 1}),
    );
    let repo = api.create_repository("corrupt");
    let repo = repo["pulp_href"].as_str().unwrap();
    let task = sync(&api, repo, json!({"remote": remote}));
    assert_eq!(task["state"], "failed", "{task:#}");
    let error = task["error"]["description"].as_str().unwrap();
    assert!(
        error.contains(victim.as_str()) && error.contains("digest"),
        "{error}"
    );
    assert!(
        !blob_file(&d, victim).exists(),
        "a corrupted blob was stored"
    );
    let uploads = d.data_dir().join("blobs").join("uploads");
    let leftovers: Vec<_> = std::fs::read_dir(&uploads)
        .map(|dir| dir.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "partial uploads left: {leftovers:?}");
    assert_eq!(latest(&api, repo)["number"], 0);
}

#[test]
fn cancelling_a_running_sync_leaves_no_version() {
    // An upstream that accepts connections and never answers keeps the sync running until it is cancelled.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming() {
            held.push(conn);
        }
    });
    let d = Daemon::start();
    let api = d.api();
    let remote = create_remote(&api, "silent", &url, "library/hello", json!({}));
    let repo = api.create_repository("silent");
    let repo = repo["pulp_href"].as_str().unwrap();
    let answer = api.post_expect(&format!("{repo}sync/"), &json!({"remote": remote}), 202);
    let task = answer["task"].as_str().unwrap();
    wait_until(Duration::from_secs(30), "the sync to run", || {
        let t = api.get_ok(task);
        (t["state"] == "running")
            .then_some(())
            .ok_or(t["state"].clone())
    });
    let (status, body) = api.patch(task, &json!({"state": "canceled"}));
    assert_eq!(status, 200, "{body}");
    let t = api.wait_task(task);
    assert_eq!(t["state"], "canceled", "{t:#}");
    assert_eq!(t["created_resources"], json!([]));
    assert_eq!(latest(&api, repo)["number"], 0);
}

#[test]
fn big_layer_syncs_with_constant_memory() {
    let up = upstream::shared();
    let big = up.seed_big().unwrap();
    let d = Daemon::start();
    let api = d.api();
    let remote = create_remote(&api, "big", &up.url(), "library/big", json!({}));
    let repo = api.create_repository("big");
    let repo = repo["pulp_href"].as_str().unwrap();
    sync_ok(&api, repo, json!({"remote": remote}));
    for blob in &big.blobs {
        let stored = std::fs::metadata(blob_file(&d, blob))
            .unwrap_or_else(|e| panic!("{blob} not stored: {e}"))
            .len();
        assert_eq!(
            stored,
            std::fs::metadata(big.blob_path(blob)).unwrap().len()
        );
    }
    let largest = big
        .blobs
        .iter()
        .map(|b| std::fs::metadata(big.blob_path(b)).unwrap().len())
        .max()
        .unwrap();
    let peak = peak_rss_bytes(&d);
    assert!(
        peak < largest / 2,
        "pulpd's peak RSS {} MiB is not far below the {} MiB layer it synced",
        peak >> 20,
        largest >> 20
    );
}

/// Peak resident memory (`VmHWM`) of the pulpd process serving `d` (found by its data dir).
fn peak_rss_bytes(d: &Daemon) -> u64 {
    let data_dir = d.data_dir().to_string_lossy().into_owned();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let is_pulpd = args.first().is_some_and(|a| a.ends_with("pulpd"));
        if !is_pulpd || !args.iter().any(|a| a == &data_dir) {
            continue;
        }
        let status = std::fs::read_to_string(entry.path().join("status")).unwrap();
        let kib: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("/proc/<pid>/status has VmHWM");
        return kib * 1024;
    }
    panic!("no pulpd process with data dir {data_dir}");
}
