//! A full disk and a world-readable data dir (issue 11, points 4 and 5): pulpd's data dir on a small tmpfs
//! filled by a filler file. Below `--min-free-space` writes answer 507 and leave nothing behind, reads keep
//! working, and freeing space is enough to write again; a disk full to the brim (reserve 0) makes the metadata
//! store fail, which `/status/` reports before pulpd exits non-zero, and nothing lost is served meanwhile.
//! Data dir and files are private to pulpd's user, and loose modes are tightened at start.
//!
//! Mounting a tmpfs needs root (these tests run as root in CI); without it they fail saying so.

use pulp_e2e::daemon::{Api, Daemon};
use pulp_e2e::images;
use pulp_e2e::upstream;
use serde_json::{json, Value};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const REPOSITORIES: &str = "/pulp/api/v3/repositories/container/container/";
const REMOTES: &str = "/pulp/api/v3/remotes/container/container/";
const STATUS: &str = "/pulp/api/v3/status/";
pub(crate) const MIB: u64 = 1024 * 1024;

/// A tmpfs mounted on a temp dir for one test; unmounted on drop.
pub(crate) struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    pub(crate) fn mount(size_mib: u64) -> Tmpfs {
        let dir = tempfile::Builder::new()
            .prefix("pulpd-e2e-tmpfs-")
            .tempdir()
            .unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size_mib}m,mode=0755")])
            .arg("tmpfs")
            .arg(dir.path())
            .output()
            .expect("running mount");
        assert!(
            out.status.success(),
            "mounting a {size_mib} MiB tmpfs on {} failed (this test needs root): {}",
            dir.path().display(),
            String::from_utf8_lossy(&out.stderr)
        );
        Tmpfs { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    fn free(&self) -> u64 {
        let s = nix::sys::statvfs::statvfs(self.path()).unwrap();
        s.blocks_available() * s.fragment_size()
    }

    /// Writes a filler file (beside the data dir) until at most `target` bytes are free.
    pub(crate) fn fill_until_free(&self, target: u64) -> PathBuf {
        let path = self.path().join(format!("filler-{target}"));
        let mut file = std::fs::File::create(&path).unwrap();
        let chunk = vec![0xa5u8; 64 * 1024];
        while self.free() > target {
            let n = (self.free() - target).min(chunk.len() as u64) as usize;
            file.write_all(&chunk[..n]).unwrap();
            file.sync_all().unwrap();
        }
        path
    }

    /// Writes a filler file until the file system refuses another byte.
    fn fill_to_the_brim(&self) -> PathBuf {
        let path = self.path().join("filler-brim");
        let mut file = std::fs::File::create(&path).unwrap();
        let chunk = vec![0x5au8; 4096];
        loop {
            match file.write(&chunk) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
                Err(e) => panic!("filling the tmpfs: {e}"),
            }
        }
        let _ = file.write(&[0u8]);
        assert_eq!(self.free(), 0, "the tmpfs is full");
        path
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // Lazy: a pulpd that is still exiting must not keep the mount (and the temp dir) alive.
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

fn names(api: &Api) -> Vec<String> {
    api.get_ok(&format!("{REPOSITORIES}?limit=1000"))["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

fn detail(body: &Value) -> &str {
    body["detail"].as_str().unwrap_or("")
}

#[test]
fn below_the_reserve_writes_answer_507_leave_nothing_and_recover_without_restart() {
    let fs = Tmpfs::mount(32);
    let d =
        Daemon::start_with_data_dir(&fs.path().join("data"), &[("PULPD_MIN_FREE_SPACE", "4MiB")]);
    let api = d.api();
    let kept = api.create_repository("kept");
    let remote = api.post_expect(
        REMOTES,
        &json!({"name": "up", "url": "http://127.0.0.1:9", "upstream_name": "library/hello"}),
        201,
    );

    let filler = fs.fill_until_free(3 * MIB);
    let (status, body) = api.post(REPOSITORIES, &json!({"name": "full"}));
    assert_eq!(status, 507, "{body}");
    assert!(
        detail(&body).starts_with("Insufficient storage:") && detail(&body).contains("reserve"),
        "{body}"
    );
    let (status, body) = api.post(
        &format!("{}sync/", kept["pulp_href"].as_str().unwrap()),
        &json!({"remote": remote["pulp_href"]}),
    );
    assert_eq!(status, 507, "a sync is refused too: {body}");
    let (status, body) = api.patch(
        kept["pulp_href"].as_str().unwrap(),
        &json!({"description": "more"}),
    );
    assert_eq!(status, 507, "{body}");

    // Nothing left behind, reads keep working.
    assert_eq!(names(&api), ["kept"]);
    let status_body = api.get_ok(STATUS);
    assert_eq!(status_body["database_connection"]["connected"], true);
    assert!(status_body["storage"]["free"].as_u64().unwrap() < 4 * MIB);
    api.get_ok(kept["pulp_href"].as_str().unwrap());
    assert_eq!(d.registry_get("", &[]).status(), 200);

    // Deletes free space, so they pass.
    let (status, body) = api.delete(remote["pulp_href"].as_str().unwrap());
    assert!(status == 204 || status == 202, "{status} {body}");

    std::fs::remove_file(filler).unwrap();
    api.create_repository("full");
    assert_eq!(names(&api), ["full", "kept"]);
}

#[test]
fn a_sync_that_would_eat_into_the_reserve_fails_with_the_507_message() {
    let up = upstream::shared();
    let image = images::get().hello("latest");
    let fs = Tmpfs::mount(32);
    let reserve = 4 * MIB;
    let d =
        Daemon::start_with_data_dir(&fs.path().join("data"), &[("PULPD_MIN_FREE_SPACE", "4MiB")]);
    let api = d.api();
    let repo = api.create_repository("hello");
    let repo_href = repo["pulp_href"].as_str().unwrap();
    let remote = api.post_expect(
        REMOTES,
        &json!({"name": "hello", "url": up.url(), "upstream_name": image.repository(), "include_tags": ["latest"]}),
        201,
    );
    // The busybox layer is the largest blob; leave less than it above the reserve, more than the metadata
    // the sync writes before it.
    let largest = image
        .blobs
        .iter()
        .map(|b| std::fs::metadata(image.blob_path(b)).unwrap().len())
        .max()
        .unwrap();
    assert!(largest > 512 * 1024, "the layer is {largest} bytes");
    let filler = fs.fill_until_free(reserve + largest / 2);

    let answer = api.post_expect(
        &format!("{repo_href}sync/"),
        &json!({"remote": remote["pulp_href"]}),
        202,
    );
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "failed", "{task:#}");
    let error = task["error"]["description"].as_str().unwrap();
    assert!(error.contains("Insufficient storage:"), "{error}");
    let versions = api.get_ok(&format!("{repo_href}versions/"));
    assert_eq!(versions["count"], 1, "no new version: {versions}");
    let uploads = fs.path().join("data/blobs/uploads");
    assert_eq!(
        std::fs::read_dir(&uploads).unwrap().count(),
        0,
        "no partial blob is left in {}",
        uploads.display()
    );

    std::fs::remove_file(filler).unwrap();
    let answer = api.post_expect(
        &format!("{repo_href}sync/"),
        &json!({"remote": remote["pulp_href"]}),
        202,
    );
    let task = api.wait_task(answer["task"].as_str().unwrap());
    assert_eq!(task["state"], "completed", "{task:#}");
}

#[test]
fn a_metadata_store_out_of_space_is_reported_then_pulpd_exits_non_zero() {
    let fs = Tmpfs::mount(16);
    let data = fs.path().join("data");
    let mut d = Daemon::start_with_data_dir(&data, &[("PULPD_MIN_FREE_SPACE", "0")]);
    let api = d.api();
    api.create_repository("acknowledged");
    let filler = fs.fill_to_the_brim();

    // sled takes writes into memory and fails when it writes its log; the first write that needs a new page
    // of the file fails. Until then every acknowledged create is durable.
    let mut acknowledged = vec!["acknowledged".to_string()];
    let mut failed = None;
    for i in 0..2000 {
        let name = format!("r{i}");
        let (status, body) = api.post(
            REPOSITORIES,
            &json!({"name": name, "description": "x".repeat(2000)}),
        );
        match status {
            201 => acknowledged.push(name),
            503 | 507 => {
                failed = Some((name, status, body));
                break;
            }
            other => panic!("create {name}: {other} {body}"),
        }
    }
    let (lost, status, body) = failed.expect("a write fails once the disk is full");
    let failed_status = status;
    assert!(
        detail(&body).contains("metadata store failed")
            || detail(&body).starts_with("Insufficient storage:"),
        "{status} {body}"
    );

    // pulpd answers for a few seconds before it stops: status says why, nothing else is served.
    let status_body = api.get_ok(STATUS);
    assert_eq!(
        status_body["database_connection"]["connected"], false,
        "{status_body}"
    );
    assert!(
        status_body["database_connection"]["error"].is_string(),
        "{status_body}"
    );
    let (status, body) = api.get(REPOSITORIES);
    assert_eq!(status, 503, "no phantom is served: {body}");

    let exit = d.wait_exit(Duration::from_secs(60));
    assert!(
        !exit.success(),
        "pulpd exits non-zero for its supervisor: {exit}"
    );
    assert!(d.log().contains("metadata store failed"), "{}", d.log());

    std::fs::remove_file(filler).unwrap();
    d.restart();
    let api = d.api();
    let after = names(&api);
    for name in &acknowledged {
        assert!(after.contains(name), "{name} was acknowledged: {after:?}");
    }
    // A create refused below the reserve (507) never wrote anything. One the store failed under (503) has an
    // unknown outcome, as after a timeout: sled may have written part of its log before the disk ran out. What
    // holds is that the store is consistent: the name is either free, or a complete repository (with its
    // version 0) that can be deleted like any other.
    if after.contains(&lost) {
        assert_eq!(failed_status, 503, "a 507 leaves nothing behind: {after:?}");
        let (_, found) = api.get(&format!("{REPOSITORIES}?name={lost}"));
        let repo = &found["results"][0];
        let versions = api.get_ok(repo["versions_href"].as_str().unwrap());
        assert!(versions["count"].as_u64().unwrap() >= 1, "{versions}");
        assert_eq!(api.delete(repo["pulp_href"].as_str().unwrap()).0, 204);
    }
    api.create_repository(&lost);
}

/// Every path under `dir` (not following symlinks) with its mode.
fn walk(dir: &Path, out: &mut Vec<(PathBuf, u32)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = std::fs::symlink_metadata(entry.path()).unwrap();
        out.push((entry.path(), meta.permissions().mode() & 0o777));
        if meta.is_dir() {
            walk(&entry.path(), out);
        }
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_data_dir_and_everything_in_it_are_private() {
    let up = upstream::shared();
    let image = images::get().hello("latest");
    let d = Daemon::start();
    let api = d.api();
    api.sync_and_distribute(
        "private",
        "private",
        &up.url(),
        &image.repository(),
        json!({"include_tags": ["latest"]}),
    );
    let data = d.data_dir();
    assert_eq!(mode(data), 0o700);
    let mut paths = Vec::new();
    walk(data, &mut paths);
    assert!(
        paths
            .iter()
            .any(|(p, _)| p.starts_with(data.join("blobs/sha256")) && p.is_file()),
        "the sync stored blobs: {paths:?}"
    );
    let open: Vec<_> = paths.iter().filter(|(_, m)| m & 0o077 != 0).collect();
    assert!(open.is_empty(), "readable by group or others: {open:?}");
}

#[test]
fn loose_modes_are_tightened_at_start_with_a_warning() {
    let mut d = Daemon::start();
    d.api().create_repository("before");
    d.terminate();
    let data = d.data_dir().to_path_buf();
    let key = data.join("token-signing-key.pem");
    let db = data.join("metadata/db");
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();

    d.restart();
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&key), 0o600);
    assert_eq!(mode(&db), 0o600);
    let log = d.log();
    for path in [&data, &key, &db] {
        let line = log
            .lines()
            .find(|l| l.contains("tightened") && l.contains(&format!("path={} ", path.display())))
            .unwrap_or_else(|| panic!("no warning for {}:\n{log}", path.display()));
        assert!(line.contains("WARN"), "{line}");
    }
    d.api().get_ok(&format!("{REPOSITORIES}?name=before"));
}

#[test]
fn pull_through_below_the_reserve_serves_the_cache_and_answers_507_for_the_rest() {
    let up = upstream::shared();
    let image = images::get().hello("latest");
    let (config, layer) = {
        let manifest: Value = serde_json::from_slice(&image.manifest).unwrap();
        let layers = manifest["layers"].as_array().unwrap();
        (
            manifest["config"]["digest"].as_str().unwrap().to_string(),
            layers[0]["digest"].as_str().unwrap().to_string(),
        )
    };
    let fs = Tmpfs::mount(32);
    let d =
        // No prefetch: the layer must stay uncached until the reserve is crossed.
        Daemon::start_with_data_dir(
            &fs.path().join("data"),
            &[
                ("PULPD_MIN_FREE_SPACE", "4MiB"),
                ("PULPD_PULL_THROUGH_PREFETCH", "false"),
            ],
        );
    let api = d.api();
    api.create_pull_through("cache", &up.url(), json!({}));
    let accept = [("Accept", images::MT_OCI_MANIFEST)];
    let name = format!("cache/{}", image.repository());
    let get = |path: &str| d.registry_get(&format!("{name}/{path}"), &accept);
    assert_eq!(get("manifests/latest").status(), 200);
    assert_eq!(get(&format!("blobs/{config}")).status(), 200);

    let filler = fs.fill_until_free(3 * MIB);
    assert_eq!(get("manifests/latest").status(), 200, "cached manifest");
    assert_eq!(get(&format!("blobs/{config}")).status(), 200, "cached blob");
    let refused = get(&format!("blobs/{layer}"));
    assert_eq!(refused.status(), 507, "uncached blob");
    let body: Value = refused.json().unwrap();
    assert_eq!(body["errors"][0]["code"], "UNKNOWN", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.starts_with("Insufficient storage:"), "{body}");
    assert_eq!(get("manifests/v1").status(), 507, "uncached manifest");

    std::fs::remove_file(filler).unwrap();
    assert_eq!(get(&format!("blobs/{layer}")).status(), 200);
    assert_eq!(get("manifests/v1").status(), 200);
}
