//! Orphan cleanup (issue 16): two images sharing a layer pushed by skopeo (as admin, through token auth) into
//! two repositories; one repository deleted (its push distribution, which takes the push repository with it,
//! as in Pulp); `pulpc orphans cleanup --protection-time 0`: exactly the blob files only that repository used are
//! gone from disk, and the other image still pulls and verifies. Repository versions dropped by
//! `retain_repo_versions` or deleted through the API free what only they held.

use pulp_e2e::clients::Skopeo;
use pulp_e2e::daemon::{Daemon, ADMIN_PASSWORD};
use pulp_e2e::images;
use std::collections::BTreeSet;
use std::path::Path;

/// Every `sha256:<hex>` blob file under `<data dir>/blobs/sha256`.
pub(crate) fn blob_files(data_dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let root = data_dir.join("blobs").join("sha256");
    for shard in std::fs::read_dir(&root).unwrap() {
        for file in std::fs::read_dir(shard.unwrap().path()).unwrap() {
            let file = file.unwrap();
            if file.file_type().unwrap().is_file() {
                out.insert(format!("sha256:{}", file.file_name().to_string_lossy()));
            }
        }
    }
    out
}

#[test]
fn cleanup_removes_exactly_the_blobs_only_a_deleted_repository_used() {
    let d = Daemon::start();
    let host = d.registry_host().to_string();
    let skopeo = Skopeo::new(&[&host]).unwrap();
    let creds = format!("admin:{ADMIN_PASSWORD}");
    let fixtures = images::get();
    let (one, two) = (fixtures.hello("v1"), fixtures.hello("v2"));
    let blobs_one: BTreeSet<String> = one.blobs.iter().cloned().collect();
    let blobs_two: BTreeSet<String> = two.blobs.iter().cloned().collect();
    assert!(
        !blobs_one.is_disjoint(&blobs_two),
        "the fixtures share their base layer"
    );
    for (image, name) in [(one, "a/one"), (two, "b/two")] {
        let dst = format!("docker://{host}/{name}:{}", image.tag);
        skopeo
            .copy(
                &image.transport_ref(),
                &dst,
                &[&["--dest-creds", &creds], image.copy_flags()].concat(),
            )
            .ok()
            .unwrap();
    }
    let all: BTreeSet<String> = blobs_one.union(&blobs_two).cloned().collect();
    assert_eq!(blob_files(d.data_dir()), all);

    // Delete a/one: its distribution, which takes its push repository along.
    let api = d.api();
    let found = api.get_ok("/pulp/api/v3/distributions/container/container/?base_path=a/one");
    assert_eq!(found["count"], 1, "{found}");
    let href = found["results"][0]["pulp_href"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, answer) = api.delete(&href);
    assert_eq!(status, 202, "{answer}");
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");

    // Only staff may clean up: another user gets 403 and nothing runs.
    api.post_expect(
        "/pulp/api/v3/users/",
        &serde_json::json!({"username": "carol", "password": "carol-password-1"}),
        201,
    );
    let (status, body) = api
        .with_credentials(Some(("carol", "carol-password-1")))
        .post("/pulp/api/v3/orphans/cleanup/", &serde_json::json!({}));
    assert_eq!(status, 403, "{body}");
    assert_eq!(blob_files(d.data_dir()), all);

    // content_hrefs: an href that names no unit is refused at once; one that names a unit narrows the
    // cleanup to it (Pulp's "clean up these units if they are orphans").
    let only_one: BTreeSet<String> = blobs_one.difference(&blobs_two).cloned().collect();
    let first = only_one
        .iter()
        .next()
        .expect("a/one has a blob of its own")
        .clone();
    let (status, body) = api.post(
        "/pulp/api/v3/orphans/cleanup/",
        &serde_json::json!({"content_hrefs": ["/pulp/api/v3/content/container/blobs/00000000-0000-0000-0000-000000000000/"]}),
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        body["content_hrefs"][0]
            .as_str()
            .unwrap()
            .contains("Could not find"),
        "{body}"
    );
    let listed = api.get_ok(&format!(
        "/pulp/api/v3/content/container/blobs/?digest={first}"
    ));
    assert_eq!(listed["count"], 1, "{listed}");
    let (status, answer) = api.post(
        "/pulp/api/v3/orphans/cleanup/",
        &serde_json::json!({
            "orphan_protection_time": 0,
            "content_hrefs": [listed["results"][0]["pulp_href"]],
        }),
    );
    assert_eq!(status, 202, "{answer}");
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");
    let mut left = all.clone();
    left.remove(&first);
    assert_eq!(blob_files(d.data_dir()), left, "only the named blob went");

    let out = d
        .pulpc()
        .args([
            "--format",
            "json",
            "orphans",
            "cleanup",
            "--protection-time",
            "0",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );

    assert_eq!(
        blob_files(d.data_dir()),
        blobs_two,
        "left on disk after the cleanup (only a/one used {only_one:?})"
    );

    // The finished task (what pulpc printed) reports the units and bytes removed: a/one's manifest, its tag and
    // the blob records only it used (but the one removed above), and their files' bytes.
    let task: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(task["state"], "completed", "{task}");
    let reports = &task["progress_reports"];
    let done = |code: &str| {
        reports
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("no {code} report in {reports}"))["done"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(
        done("clean-up.content"),
        2 + only_one.len() as u64 - 1,
        "{reports}"
    );
    let bytes: u64 = only_one
        .iter()
        .filter(|b| **b != first)
        .map(|b| std::fs::metadata(one.blob_path(b)).unwrap().len())
        .sum();
    assert_eq!(done("clean-up.bytes"), bytes, "{reports}");

    // A second cleanup finds nothing more.
    let out = d
        .pulpc()
        .args([
            "--format",
            "json",
            "orphans",
            "cleanup",
            "--protection-time",
            "0",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(blob_files(d.data_dir()), blobs_two);

    // b/two still pulls, every blob verified by skopeo against its digest.
    let dir = tempfile::tempdir().unwrap();
    let dest = format!("oci:{}:v2", dir.path().display());
    skopeo
        .copy(
            &format!("docker://{host}/b/two:v2"),
            &dest,
            &["--src-creds", &creds],
        )
        .ok()
        .unwrap();
    let pulled = skopeo
        .inspect_raw(&format!("docker://{host}/b/two:v2"), &["--creds", &creds])
        .unwrap();
    assert_eq!(pulled, two.manifest);
}

/// Syncs `repo` (mirror) from `remote` and waits for the task to complete.
fn mirror_sync(api: &pulp_e2e::daemon::Api, repo: &str, remote: &str) {
    let answer = api.post_expect(
        &format!("{repo}sync/"),
        &serde_json::json!({"remote": remote, "mirror": true}),
        202,
    );
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
}

/// Serves repository `repo` at base path `name` (a distribution named so too) and waits for the task.
fn distribute(api: &pulp_e2e::daemon::Api, name: &str, repo: &str) {
    let dist = api.post_expect(
        "/pulp/api/v3/distributions/container/container/",
        &serde_json::json!({"name": name, "base_path": name, "repository": repo}),
        202,
    );
    let task = api.wait_task(dist["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
}

/// Pulls `<base path>:<tag>` from `d` with skopeo (as admin) into a scratch layout: every blob verified.
fn pull_verified(d: &Daemon, base_path: &str, tag: &str) {
    let host = d.registry_host().to_string();
    let dir = tempfile::tempdir().unwrap();
    Skopeo::new(&[&host])
        .unwrap()
        .copy(
            &format!("docker://{host}/{base_path}:{tag}"),
            &format!("oci:{}:{tag}", dir.path().display()),
            &["--src-creds", &format!("admin:{ADMIN_PASSWORD}")],
        )
        .ok()
        .unwrap();
}

/// The numbers of `repo`'s versions, newest first.
fn version_numbers(api: &pulp_e2e::daemon::Api, repo: &str) -> Vec<u64> {
    let versions = api.get_ok(&format!("{repo}versions/"));
    versions["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["number"].as_u64().unwrap())
        .collect()
}

/// Runs `pulpc orphans cleanup --protection-time 0` and asserts it succeeded.
fn cleanup(d: &Daemon) {
    let out = d
        .pulpc()
        .args(["orphans", "cleanup", "--protection-time", "0"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `retain_repo_versions` 2 on a repository synced (mirror) five times from an upstream tag that moves to another
/// image each time: two versions stay, and cleanup frees the blobs only the dropped versions held. Then deleting
/// a version: refused for the latest and for a version a distribution serves; otherwise a task after which the
/// version is gone and cleanup frees what only it held.
#[test]
fn retained_and_deleted_versions_free_their_content_for_cleanup() {
    let up = pulp_e2e::upstream::shared();
    let upstream_name = format!("retention-{}/moving", std::process::id());
    let fixtures = images::get();
    let hello: Vec<&images::Image> = (1..=5).map(|n| fixtures.hello(&format!("v{n}"))).collect();
    let up_skopeo = Skopeo::new(&[&up.host()]).unwrap();
    let d = Daemon::start();
    let api = d.api();
    let remote = api.post_expect(
        "/pulp/api/v3/remotes/container/container/",
        &serde_json::json!({"name": "moving", "url": up.url(), "upstream_name": upstream_name}),
        201,
    );
    let remote = remote["pulp_href"].as_str().unwrap();
    let repo = api.post_expect(
        "/pulp/api/v3/repositories/container/container/",
        &serde_json::json!({"name": "moving", "retain_repo_versions": 2}),
        201,
    );
    let repo = repo["pulp_href"].as_str().unwrap().to_string();
    for image in &hello {
        up_skopeo
            .copy(
                &image.transport_ref(),
                &format!("docker://{}/{upstream_name}:current", up.host()),
                &[],
            )
            .ok()
            .unwrap();
        mirror_sync(&api, &repo, remote);
    }
    assert_eq!(version_numbers(&api, &repo), [5, 4]);
    let blobs_of = |images: &[&images::Image]| -> BTreeSet<String> {
        images
            .iter()
            .flat_map(|i| i.blobs.iter().cloned())
            .collect()
    };
    let everything = blobs_of(&hello);
    assert_eq!(
        blob_files(d.data_dir()),
        everything,
        "every sync stored its image"
    );
    cleanup(&d);
    assert_eq!(
        blob_files(d.data_dir()),
        blobs_of(&hello[3..]),
        "left after cleanup: what versions 4 and 5 hold"
    );

    // The latest version may not be deleted, nor one a distribution serves.
    let v4 = format!("{repo}versions/4/");
    let (status, body) = api.delete(&format!("{repo}versions/5/"));
    assert_eq!(status, 400, "{body}");
    assert!(body[0].as_str().unwrap().contains("latest"), "{body}");
    let dist = api.post_expect(
        "/pulp/api/v3/distributions/container/container/",
        &serde_json::json!({"name": "pinned", "base_path": "pinned", "repository_version": v4}),
        202,
    );
    let task = api.wait_task(dist["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
    let dist_href = task["created_resources"][0].as_str().unwrap().to_string();
    let (status, body) = api.delete(&v4);
    assert_eq!(status, 400, "{body}");
    assert!(
        body[0].as_str().unwrap().contains("distribute content"),
        "{body}"
    );
    let (status, _) = api.get(&format!("{repo}versions/3/"));
    assert_eq!(status, 404, "version 3 was dropped by retain_repo_versions");

    // Unpinned, version 4 goes; version 5 reads as it did, and cleanup frees v4's own layer.
    let (status, answer) = api.delete(&dist_href);
    assert_eq!(status, 202, "{answer}");
    api.wait_task(answer["task"].as_str().unwrap());
    let v5_before = api.get_ok(&format!("{repo}versions/5/"));
    let pulpc = |args: &[&str]| {
        let out = d.pulpc().args(args).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "pulpc {args:?}: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    };
    let shown = pulpc(&[
        "--format",
        "json",
        "repository",
        "version",
        "show",
        "--repository",
        "moving",
        "--version",
        "4",
    ]);
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["pulp_href"], v4.as_str());
    pulpc(&[
        "repository",
        "version",
        "delete",
        "--repository",
        "moving",
        "--version",
        "4",
        "--yes",
    ]);
    let tasks = api.get_ok("/pulp/api/v3/tasks/?name=pulpcore.app.tasks.repository.delete_version");
    assert_eq!(tasks["count"], 1, "{tasks:#}");
    assert_eq!(tasks["results"][0]["state"], "completed", "{tasks:#}");
    assert_eq!(version_numbers(&api, &repo), [5]);
    let (status, _) = api.get(&v4);
    assert_eq!(status, 404);
    let v5 = api.get_ok(&format!("{repo}versions/5/"));
    assert_eq!(
        v5["content_summary"]["present"], v5_before["content_summary"]["present"],
        "{v5:#}"
    );
    cleanup(&d);
    assert_eq!(blob_files(d.data_dir()), blobs_of(&hello[4..]));

    // What is left still pulls through a distribution, every blob verified by skopeo.
    distribute(&api, "moving", &repo);
    pull_verified(&d, "moving", "current");
    let host = d.registry_host().to_string();
    let skopeo = Skopeo::new(&[&host]).unwrap();
    let creds = format!("admin:{ADMIN_PASSWORD}");
    let pulled = skopeo
        .inspect_raw(
            &format!("docker://{host}/moving:current"),
            &["--creds", &creds],
        )
        .unwrap();
    assert_eq!(pulled, hello[4].manifest);
}

/// Reclaim space (as Pulp): a repository synced (immediate) from the upstream loses the stored bytes only it
/// held, keeps its versions and records, and pulls again, fetching those blobs from the upstream once more; a
/// blob another repository holds stays on disk.
#[test]
fn reclaimed_space_is_fetched_again_on_the_next_pull() {
    let up = pulp_e2e::upstream::shared();
    let upstream_name = format!("reclaim-{}/hello", std::process::id());
    let fixtures = images::get();
    let (one, two) = (fixtures.hello("v1"), fixtures.hello("v2"));
    let up_skopeo = Skopeo::new(&[&up.host()]).unwrap();
    for image in [one, two] {
        up_skopeo
            .copy(
                &image.transport_ref(),
                &format!("docker://{}/{upstream_name}:{}", up.host(), image.tag),
                &[],
            )
            .ok()
            .unwrap();
    }
    let d = Daemon::start();
    let api = d.api();
    let remote = |name: &str, tags: &[&str]| {
        let r = api.post_expect(
            "/pulp/api/v3/remotes/container/container/",
            &serde_json::json!({"name": name, "url": up.url(), "upstream_name": upstream_name,
                "include_tags": tags}),
            201,
        );
        r["pulp_href"].as_str().unwrap().to_string()
    };
    let both = remote("both", &["v1", "v2"]);
    let only_two = remote("only-two", &["v2"]);
    let mut repos = Vec::new();
    for (name, remote) in [("reclaimed", &both), ("other", &only_two)] {
        let repo = api.create_repository(name);
        let repo = repo["pulp_href"].as_str().unwrap().to_string();
        mirror_sync(&api, &repo, remote);
        repos.push(repo);
    }
    let (reclaimed, _other) = (&repos[0], &repos[1]);
    let set = |i: &images::Image| i.blobs.iter().cloned().collect::<BTreeSet<String>>();
    let all: BTreeSet<String> = set(one).union(&set(two)).cloned().collect();
    assert_eq!(blob_files(d.data_dir()), all);
    let before = api.get_ok(reclaimed);

    // The body is checked before any task.
    let (status, body) = api.post(
        "/pulp/api/v3/repositories/reclaim_space/",
        &serde_json::json!({}),
    );
    assert_eq!(status, 400, "{body}");
    assert!(body["repo_hrefs"].is_array(), "{body}");

    let answer = api.post_expect(
        "/pulp/api/v3/repositories/reclaim_space/",
        &serde_json::json!({"repo_hrefs": [reclaimed]}),
        202,
    );
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
    assert_eq!(
        task["name"],
        "pulpcore.app.tasks.reclaim_space.reclaim_space"
    );
    let only_one: BTreeSet<String> = set(one).difference(&set(two)).cloned().collect();
    assert!(!only_one.is_empty());
    assert_eq!(
        task["progress_reports"][0]["done"].as_u64(),
        Some(only_one.len() as u64),
        "{task:#}"
    );
    assert_eq!(
        blob_files(d.data_dir()),
        set(two),
        "what only the reclaimed repository held is gone from disk"
    );
    let after = api.get_ok(reclaimed);
    assert_eq!(after["latest_version_href"], before["latest_version_href"]);

    // The next pull fetches the dropped blobs from the upstream again, and every blob verifies.
    distribute(&api, "reclaimed", reclaimed);
    let mark = up.mark();
    pull_verified(&d, "reclaimed", "v1");
    let fetched: BTreeSet<String> = up
        .requests_since(mark)
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.contains(&format!("{upstream_name}/blobs/")))
        .filter_map(|r| r.path.rsplit('/').next().map(str::to_string))
        .collect();
    assert_eq!(fetched, only_one, "fetched from the upstream again");
    assert_eq!(blob_files(d.data_dir()), all);
}
