//! Orphan cleanup (issue 16): two images sharing a layer pushed by skopeo (as admin, through token auth) into
//! two repositories; one repository deleted (its push distribution, which takes the push repository with it,
//! as in Pulp); `pulpc orphans cleanup --protection-time 0`: exactly the blob files only that repository used are
//! gone from disk, and the other image still pulls and verifies.

use pulp_e2e::clients::Skopeo;
use pulp_e2e::daemon::{Daemon, ADMIN_PASSWORD};
use pulp_e2e::images;
use std::collections::BTreeSet;
use std::path::Path;

/// Every `sha256:<hex>` blob file under `<data dir>/blobs/sha256`.
fn blob_files(data_dir: &Path) -> BTreeSet<String> {
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

    // A body naming content is refused at once (no content endpoints yet).
    let (status, body) = api.post(
        "/pulp/api/v3/orphans/cleanup/",
        &serde_json::json!({"content_hrefs": ["/pulp/api/v3/content/container/blobs/x/"]}),
    );
    assert_eq!(status, 400, "{body}");
    assert!(
        body["content_hrefs"][0]
            .as_str()
            .unwrap()
            .contains("not supported"),
        "{body}"
    );

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

    let only_one: BTreeSet<String> = blobs_one.difference(&blobs_two).cloned().collect();
    assert!(!only_one.is_empty());
    assert_eq!(
        blob_files(d.data_dir()),
        blobs_two,
        "left on disk after the cleanup (only a/one used {only_one:?})"
    );

    // The finished task (what pulpc printed) reports the units and bytes removed: a/one's manifest and the blob
    // records only it used, and their files' bytes.
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
        1 + only_one.len() as u64,
        "{reports}"
    );
    let bytes: u64 = only_one
        .iter()
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
