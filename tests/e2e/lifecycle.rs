//! Online cleanup under load (issue 16): 100 rounds of push / delete / orphan cleanup while another client pulls
//! a surviving image that shares a layer with every pushed one, verifying every byte; then `kill -9` in the
//! middle of a cleanup with plenty of work, a restart and a second cleanup reach the same end state, and
//! `pulpd --check` finds no dangling reference. `/status/` and `pulpc status` report what the last cleanup
//! removed and what is stored; skopeo pulls the survivor at the end.

use crate::orphans::blob_files;
use pulp_e2e::clients::Skopeo;
use pulp_e2e::daemon::{bin, Daemon, ADMIN_PASSWORD};
use pulp_e2e::oci::{pseudo_random, sha256_digest, Registry, TestImage, MANIFEST_ACCEPT};
use pulp_e2e::wait::wait_until;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const ADMIN: Option<(&str, &str)> = Some(("admin", ADMIN_PASSWORD));

/// Pulls `name:tag` by tag and every blob of it, checking each against `image`'s digests; `Err` says what
/// was wrong.
fn pull_and_verify(
    registry: &Registry,
    name: &str,
    tag: &str,
    image: &TestImage,
) -> Result<(), String> {
    let manifest = registry.get(
        &format!("/v2/{name}/manifests/{tag}"),
        &[("accept", &MANIFEST_ACCEPT.join(", "))],
    );
    if manifest.status != 200 {
        return Err(format!("manifest GET: {manifest}"));
    }
    if sha256_digest(&manifest.body) != image.digest {
        return Err(format!("manifest bytes do not match {}", image.digest));
    }
    for (_, digest) in image.blobs() {
        let blob = registry.get(&format!("/v2/{name}/blobs/{digest}"), &[]);
        if blob.status != 200 {
            return Err(format!("blob {digest}: {blob}"));
        }
        if sha256_digest(&blob.body) != digest {
            return Err(format!("blob {digest}: bytes do not match their digest"));
        }
    }
    Ok(())
}

/// Deletes the push distribution (and so the push repository) at `base_path`.
fn delete_distribution(d: &Daemon, base_path: &str) {
    let api = d.api();
    let found = api.get_ok(&format!(
        "/pulp/api/v3/distributions/container/container/?base_path={base_path}"
    ));
    assert_eq!(found["count"], 1, "{found}");
    let (status, answer) = api.delete(found["results"][0]["pulp_href"].as_str().unwrap());
    assert_eq!(status, 202, "{answer}");
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task}");
}

/// Starts an orphan cleanup with protection time 0; returns the task href.
fn start_cleanup(d: &Daemon) -> String {
    let answer = d.api().post_expect(
        "/pulp/api/v3/orphans/cleanup/",
        &json!({"orphan_protection_time": 0}),
        202,
    );
    answer["task"].as_str().unwrap().to_string()
}

/// Runs a cleanup to completion; returns the task.
fn cleanup(d: &Daemon) -> Value {
    let task = d.api().wait_task(&start_cleanup(d));
    assert_eq!(task["state"], "completed", "{task}");
    task
}

/// `pulpd --check --data-dir <dir>` (pulpd stopped): exit code and stdout.
fn check(data_dir: &Path) -> (i32, String) {
    let out = std::process::Command::new(bin("pulpd"))
        .args(["--check", "--data-dir"])
        .arg(data_dir)
        .env_remove("PULPD_CONFIG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "pulpd --check failed ({code}):\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (code, stdout)
}

/// The number `--check` printed on the line starting with `prefix`.
fn reported(stdout: &str, prefix: &str) -> u64 {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no {prefix:?} line in:\n{stdout}"));
    line.split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty())
        .unwrap()
        .parse()
        .unwrap()
}

/// The blob digests of `image` as a set.
fn digests(image: &TestImage) -> BTreeSet<String> {
    image.blobs().into_iter().map(|(_, d)| d).collect()
}

#[test]
fn a_hundred_rounds_of_push_delete_cleanup_never_break_a_concurrent_pull() {
    const ROUNDS: u64 = 100;
    let mut d = Daemon::start();
    let shared_layer = pseudo_random(4096, 1);
    let keep = TestImage::new("keep", vec![shared_layer.clone(), pseudo_random(2048, 2)]);
    let pusher = Registry::login(
        &d,
        ADMIN,
        &[
            "repository:keep/img:push,pull",
            "repository:churn/img:push,pull",
        ],
    );
    pusher.push_image("keep/img", "v1", &keep);

    let stop = Arc::new(AtomicBool::new(false));
    let pulls = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let puller = {
        let registry = Registry::login(&d, ADMIN, &["repository:keep/img:pull"]);
        let (stop, pulls, failures, keep) =
            (stop.clone(), pulls.clone(), failures.clone(), keep.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                if let Err(e) = pull_and_verify(&registry, "keep/img", "v1", &keep) {
                    failures.lock().unwrap().push(e);
                }
                pulls.fetch_add(1, Ordering::SeqCst);
            }
        })
    };

    let mut last = None;
    for round in 0..ROUNDS {
        // Every pushed image shares the surviving image's first layer (uploaded again each time, which
        // rewrites its record) and has a config and a layer of its own.
        let image = TestImage::new(
            &format!("churn {round}"),
            vec![shared_layer.clone(), pseudo_random(1024, 100 + round)],
        );
        pusher.push_image("churn/img", "v1", &image);
        delete_distribution(&d, "churn/img");
        last = Some((cleanup(&d), image));
    }
    stop.store(true, Ordering::SeqCst);
    puller.join().unwrap();
    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} pulls failed, first ones: {:#?}",
        failures.len(),
        pulls.load(Ordering::SeqCst),
        &failures[..failures.len().min(5)]
    );
    assert!(
        pulls.load(Ordering::SeqCst) >= ROUNDS,
        "the puller ran throughout ({} pulls)",
        pulls.load(Ordering::SeqCst)
    );
    assert_eq!(
        blob_files(d.data_dir()),
        digests(&keep),
        "the blob dir holds exactly the surviving image's blobs"
    );

    // The last cleanup removed the last pushed image: its manifest, its tag, config and own layer (not the shared
    // one).
    let (task, image) = last.unwrap();
    let own: Vec<&(Vec<u8>, String)> = image.layers.iter().skip(1).collect();
    let own_bytes = (image.config.len() + own.iter().map(|(b, _)| b.len()).sum::<usize>()) as u64;
    let status = d.api().get_ok("/pulp/api/v3/status/");
    let storage = &status["blob_storage"];
    let cleanup_report = &storage["last_cleanup"];
    assert_eq!(cleanup_report["task"], task["pulp_href"], "{status:#}");
    assert_eq!(cleanup_report["units"], 4, "{status:#}");
    assert_eq!(cleanup_report["files"], 2, "{status:#}");
    assert_eq!(cleanup_report["bytes"], own_bytes, "{status:#}");
    let kept_bytes: u64 = keep.blobs().iter().map(|(b, _)| b.len() as u64).sum();
    assert_eq!(storage["stored_bytes"], kept_bytes, "{status:#}");
    assert_eq!(storage["pull_through_cache_bytes"], 0, "{status:#}");
    let out = d.pulpc().arg("status").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("last cleanup") && text.contains("4 units, 2 files"),
        "{text}"
    );

    // A real client pulls the survivor too, verifying every blob against its digest.
    let host = d.registry_host().to_string();
    let dir = tempfile::tempdir().unwrap();
    Skopeo::new(&[&host])
        .unwrap()
        .copy(
            &format!("docker://{host}/keep/img:v1"),
            &format!("oci:{}:v1", dir.path().display()),
            &["--src-creds", &format!("admin:{ADMIN_PASSWORD}")],
        )
        .ok()
        .unwrap();

    d.terminate();
    let (code, report) = check(d.data_dir());
    assert_eq!(code, 0, "{report}");
    assert_eq!(reported(&report, "dangling references: "), 0, "{report}");
    assert_eq!(
        reported(&report, "unreferenced blob files: "),
        0,
        "{report}"
    );
}

/// Writes `n` blob files no record points at (what a crash between a cleanup's two steps leaves), named by
/// their digests in the blob store's layout; returns their digests.
fn write_stray_files(data_dir: &Path, n: usize) -> BTreeSet<String> {
    let root = data_dir.join("blobs").join("sha256");
    (0..n)
        .map(|i| {
            let bytes = format!("stray blob {i}").into_bytes();
            let digest = sha256_digest(&bytes);
            let hex = digest.strip_prefix("sha256:").unwrap();
            let dir = root.join(&hex[..2]);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(hex), &bytes).unwrap();
            digest
        })
        .collect()
}

#[test]
fn kill_9_during_cleanup_then_restart_and_cleanup_again_reaches_the_same_end_state() {
    const STRAY: usize = 20_000;
    let mut d = Daemon::start();
    let keep = TestImage::new("keep", vec![pseudo_random(4096, 7)]);
    let registry = Registry::login(
        &d,
        ADMIN,
        &[
            "repository:keep/img:push,pull",
            "repository:gone/img:push,pull",
        ],
    );
    registry.push_image("keep/img", "v1", &keep);
    for n in 0..20 {
        let image = TestImage::new(&format!("gone {n}"), vec![pseudo_random(512, 1000 + n)]);
        registry.push_image("gone/img", &format!("v{n}"), &image);
    }
    delete_distribution(&d, "gone/img");
    write_stray_files(d.data_dir(), STRAY);
    let before = blob_files(d.data_dir()).len();
    assert!(before > STRAY, "{before}");

    // Kill as soon as the cleanup has removed something, long before it can be done.
    let task = start_cleanup(&d);
    let api = d.api();
    wait_until(
        Duration::from_secs(60),
        "the cleanup to remove its first files",
        || {
            let (status, t) = api.get(&task);
            let removed = t["progress_reports"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|r| r["code"] == "clean-up.bytes")
                .and_then(|r| r["done"].as_u64())
                .unwrap_or(0);
            match t["state"].as_str() {
                Some("running") if removed > 0 => Ok(()),
                Some("completed" | "failed") => panic!("the cleanup ended before the kill: {t}"),
                _ => Err(format!("{status} {t}")),
            }
        },
    );
    d.kill9();
    let left = blob_files(d.data_dir()).len();
    assert!(
        left < before && left > keep.blobs().len(),
        "killed in the middle: {left} of {before} files left"
    );

    // Stopped in the middle: no reference dangles; what is left over is unreferenced, for the next cleanup.
    let (code, report) = check(d.data_dir());
    assert_eq!(code, 0, "{report}");
    assert_eq!(reported(&report, "dangling references: "), 0, "{report}");
    assert_eq!(
        reported(&report, "unreferenced blob files: ") as usize,
        left - keep.blobs().len(),
        "{report}"
    );

    d.restart();
    let api = d.api();
    let interrupted = api.get_ok(&task);
    assert_eq!(interrupted["state"], "failed", "{interrupted}");
    cleanup(&d);
    assert_eq!(blob_files(d.data_dir()), digests(&keep));
    let registry = Registry::login(&d, ADMIN, &["repository:keep/img:pull"]);
    pull_and_verify(&registry, "keep/img", "v1", &keep).unwrap();

    // The end state of an uninterrupted cleanup: the one image's manifest, blob records and files, nothing else.
    d.terminate();
    let (code, report) = check(d.data_dir());
    assert_eq!(code, 0, "{report}");
    let blobs = keep.blobs().len();
    assert!(
        report.starts_with(&format!(
            "checked 1 manifest records, {blobs} blob records, {blobs} blob files\n"
        )),
        "{report}"
    );
    assert_eq!(
        reported(&report, "unreferenced blob files: "),
        0,
        "{report}"
    );

    // And the check does see a dangling reference: the image's layer file gone, it exits 1 naming it.
    let (_, layer) = &keep.layers[0];
    let hex = layer.strip_prefix("sha256:").unwrap();
    std::fs::remove_file(d.data_dir().join("blobs/sha256").join(&hex[..2]).join(hex)).unwrap();
    let (code, report) = check(d.data_dir());
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains(&format!("missing file: {layer}")),
        "{report}"
    );
}
