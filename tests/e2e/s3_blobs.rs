//! The S3 blob backend against a real S3 server (SeaweedFS, `pulp_e2e::s3`): the blob conformance suite that
//! the filesystem backend passes in the daemon's unit tests, a blob far larger than a multipart part, what a
//! failed write leaves in the bucket, and start-up cleanup. The suite runs here rather than in the daemon's
//! unit tests because this crate owns the test servers (one `weed mini` per test binary).

use std::time::Duration;

use pulp_e2e::s3;
use pulp_e2e::wait::wait_until;
use pulpd::blobs::testsuite;
use pulpd::blobs::{Algorithm, BlobStore, Digest, Error, S3BlobStore};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// A store under a prefix of its own, with its own data dir (owner id, spool).
fn store(name: &str) -> (tempfile::TempDir, S3BlobStore) {
    let server = s3::shared();
    let dir = tempfile::tempdir().unwrap();
    let config = s3::config(server, &server.fresh_prefix(name));
    let store = S3BlobStore::open(&config, dir.path()).unwrap();
    (dir, store)
}

/// Waits until nothing but `expected` keys is under the store's prefix (aborts run in the background).
fn wait_for_keys(rt: &tokio::runtime::Runtime, store: &S3BlobStore, expected: &[String]) {
    wait_until(
        Duration::from_secs(10),
        "the bucket to hold only committed blobs",
        || {
            let keys = rt.block_on(store.list_keys()).map_err(|e| e.to_string())?;
            if keys == expected {
                Ok(())
            } else {
                Err(format!("keys: {keys:?}"))
            }
        },
    );
}

#[test]
fn s3_store_passes_the_blob_conformance_suite() {
    let rt = runtime();
    let (_dir, store) = store("conformance");
    rt.block_on(store.check()).unwrap();
    rt.block_on(testsuite::conformance(&store));
    // What the suite leaves: the blobs it committed and did not delete, and no upload leftovers.
    let keys = rt.block_on(store.list_keys()).unwrap();
    assert!(
        keys.iter()
            .all(|k| k.contains("/sha256/") || k.contains("/sha512/")),
        "{keys:?}"
    );
    // The suite keeps one sha512 blob: it sits under the sha512 prefix, sharded like the sha256 ones.
    let kept = Digest::of(Algorithm::Sha512, b"sha512 kept");
    let key = store.blob_key(&kept);
    let hex = kept.hex();
    assert!(
        key.ends_with(&format!("/sha512/{}/{hex}", &hex[..2])),
        "{key}"
    );
    assert!(keys.contains(&key), "{key} not in {keys:?}");
}

#[test]
fn a_64_mib_blob_goes_up_in_parts_and_streams_back() {
    let rt = runtime();
    let (_dir, store) = store("large");
    let started = std::time::Instant::now();
    rt.block_on(testsuite::large_blob(&store, 64 * 1024 * 1024));
    eprintln!(
        "[s3] 64 MiB write, read, ranged read, delete: {:.2}s",
        started.elapsed().as_secs_f64()
    );
    wait_for_keys(&rt, &store, &[]);
}

#[test]
fn a_wrong_digest_leaves_no_object_behind_small_or_multipart() {
    let rt = runtime();
    let (_dir, store) = store("wrong-digest");
    // sha512 too: a large write with a known digest goes as a multipart upload straight to its blob key.
    let sha256 = Digest::sha256_of(b"what the client claimed");
    let sha512 = Digest::of(Algorithm::Sha512, b"what the client claimed");
    for (claimed, size) in [
        (&sha256, 1000usize),
        (&sha256, 20 * 1024 * 1024),
        (&sha512, 1000),
        (&sha512, 20 * 1024 * 1024),
    ] {
        let data = testsuite::noise(size, size as u64);
        let result = rt.block_on(async {
            let mut w = store.writer(Some(claimed), None).await?;
            for chunk in data.chunks(1 << 20) {
                w.write(chunk).await?;
            }
            w.commit().await
        });
        assert!(
            matches!(result, Err(Error::DigestMismatch { .. })),
            "{result:?}"
        );
        assert_eq!(rt.block_on(store.contains(claimed)).unwrap(), None);
        // No blob, no upload marker, no temporary object (the multipart upload is aborted).
        wait_for_keys(&rt, &store, &[]);
    }
    // The same with no digest given up front (multipart to a temporary key), dropped half-way.
    let data = testsuite::noise(12 * 1024 * 1024, 7);
    rt.block_on(async {
        let mut w = store.writer(None, None).await.unwrap();
        w.write(&data).await.unwrap();
        drop(w);
    });
    wait_for_keys(&rt, &store, &[]);
}

#[test]
fn startup_cleanup_aborts_own_leftovers_and_spares_other_replicas() {
    let rt = runtime();
    let server = s3::shared();
    let prefix = server.fresh_prefix("cleanup");
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = S3BlobStore::open(&s3::config(server, &prefix), dir_a.path()).unwrap();
    let b = S3BlobStore::open(&s3::config(server, &prefix), dir_b.path()).unwrap();
    let data = testsuite::noise(10 * 1024 * 1024, 3);
    // A write of B in progress (a part sent, so its upload and marker exist), and one of A "killed": its
    // writer is forgotten, so no drop aborts it, as when the process dies.
    let (b_writer, a_writer) = rt.block_on(async {
        let mut wb = b.writer(None, None).await.unwrap();
        wb.write(&data).await.unwrap();
        let mut wa = a.writer(None, None).await.unwrap();
        wa.write(&data).await.unwrap();
        (wb, wa)
    });
    std::mem::forget(a_writer);
    let before = rt.block_on(a.list_keys()).unwrap();
    assert_eq!(before.len(), 2, "one marker per upload: {before:?}");
    // A restarted A removes its own leftover only.
    let a_again = S3BlobStore::open(&s3::config(server, &prefix), dir_a.path()).unwrap();
    assert_eq!(rt.block_on(a_again.startup_cleanup()).unwrap(), 1);
    assert_eq!(rt.block_on(a_again.list_keys()).unwrap().len(), 1);
    // B's write goes on and commits.
    let (digest, _) = rt
        .block_on(async {
            let mut wb = b_writer;
            wb.write(b"tail").await.unwrap();
            wb.commit().await
        })
        .unwrap();
    assert_eq!(
        rt.block_on(a_again.list_keys()).unwrap(),
        [b.blob_key(&digest)]
    );
}

#[test]
fn a_wrong_secret_or_missing_bucket_fails_the_check() {
    let rt = runtime();
    let server = s3::shared();
    let dir = tempfile::tempdir().unwrap();
    let mut wrong_secret = s3::config(server, "x");
    wrong_secret.secret_access_key = "not-the-secret".to_owned();
    let mut no_bucket = s3::config(server, "x");
    no_bucket.bucket = "no-such-bucket".to_owned();
    for config in [wrong_secret, no_bucket] {
        let store = S3BlobStore::open(&config, dir.path()).unwrap();
        let err = rt.block_on(store.check()).unwrap_err();
        assert!(matches!(err, Error::Remote { .. }), "{err:?}");
    }
}

#[test]
fn pulpd_on_s3_syncs_and_serves_podman_and_pulls_through() {
    use pulp_e2e::clients::Podman;
    use pulp_e2e::{images, upstream};
    use serde_json::json;
    let (d, prefix) = s3::daemon("pulpd", &[]);
    let api = d.api();
    let up = upstream::shared();
    let fixtures = images::get();
    let podman = Podman::new(&[d.registry_host()]).unwrap();
    // Ready: the bucket answers (issue 17's /readyz).
    let (status, body) = api.with_credentials(None).get("/readyz");
    assert_eq!(status, 200, "{body}");

    // Sync, then podman pulls from pulpd: every blob comes out of the bucket.
    api.sync_and_distribute("hello", "hello", &up.url(), "library/hello", json!({}));
    let image = format!("{}/hello:v1", d.registry_host());
    podman.pull(&image, &[]).ok().unwrap();
    assert_eq!(
        podman.image_digest(&image).unwrap(),
        fixtures.digest("hello", "v1")
    );
    let out = podman.run(&image).unwrap();
    assert!(out.contains(&images::hello_message("v1")), "{out}");

    // Pull-through: a tag not synced streams from the upstream while it is written to the bucket.
    api.create_pull_through("cache", &up.url(), json!({}));
    let cached = format!("{}/cache/library/hello:v2", d.registry_host());
    podman.pull(&cached, &[]).ok().unwrap();
    assert_eq!(
        podman.image_digest(&cached).unwrap(),
        fixtures.digest("hello", "v2")
    );

    // The blobs are in the bucket under the prefix, none in the data dir.
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let store = S3BlobStore::open(&s3::config(s3::shared(), &prefix), dir.path()).unwrap();
    let keys = rt.block_on(store.list_keys()).unwrap();
    assert!(
        keys.iter().filter(|k| k.contains("/sha256/")).count() >= 4,
        "{keys:?}"
    );
    let local = d.data_dir().join("blobs");
    assert!(!local.exists(), "{} exists", local.display());
}

#[test]
fn pulpd_with_a_wrong_s3_secret_stops_at_start_saying_why() {
    let server = s3::shared();
    let url = format!("s3://{}/wrong-secret", s3::BUCKET);
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(pulp_e2e::daemon::bin("pulpd"))
        .args(["--bind", "127.0.0.1:0", "--blobs", &url])
        .arg("--data-dir")
        .arg(data.path())
        .env("AWS_ENDPOINT_URL", server.endpoint())
        .env("AWS_ACCESS_KEY_ID", s3::ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", "not-the-secret")
        .env("PULPD_ADMIN_PASSWORD", "irrelevant-password")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the blob store does not answer"),
        "{stderr}"
    );
}

/// sha256 of a file, streamed.
fn file_digest(path: &std::path::Path) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    std::io::copy(&mut std::fs::File::open(path).unwrap(), &mut hasher).unwrap();
    format!("sha256:{}", hex::encode(hasher.finalize()))
}

#[test]
fn a_256_mib_layer_pulls_through_into_s3_once_for_two_clients() {
    use pulp_e2e::clients::Skopeo;
    use pulp_e2e::upstream::Upstream;
    use serde_json::json;
    let up = Upstream::start().unwrap();
    let big = up.seed_big().unwrap();
    let (d, prefix) = s3::daemon("big", &[]);
    let api = d.api();
    api.create_pull_through("cache", &up.url(), json!({}));
    let layer = big
        .blobs
        .iter()
        .max_by_key(|b| std::fs::metadata(big.blob_path(b)).unwrap().len())
        .unwrap()
        .clone();
    let size = std::fs::metadata(big.blob_path(&layer)).unwrap().len();
    assert!(size > 200 << 20, "the big layer has {size} bytes");

    // skopeo and a plain GET of the layer at once: one upstream fetch, streamed to both (from memory and
    // the local spool) while it goes up to the bucket in parts.
    let skopeo = Skopeo::new(&[d.registry_host()]).unwrap();
    let out = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let url = format!("{}/v2/cache/library/big/blobs/{layer}", d.base_url());
    let other = std::thread::spawn(move || {
        use sha2::Digest as _;
        let mut resp = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(300))
            .build()
            .unwrap()
            .get(url)
            .send()
            .unwrap();
        assert_eq!(resp.status(), 200);
        let mut hasher = sha2::Sha256::new();
        std::io::copy(&mut resp, &mut hasher).unwrap();
        format!("sha256:{}", hex::encode(hasher.finalize()))
    });
    skopeo
        .copy(
            &format!("docker://{}/cache/library/big:latest", d.registry_host()),
            &format!("dir:{}", out.path().display()),
            &[],
        )
        .ok()
        .unwrap();
    let hex = layer.strip_prefix("sha256:").unwrap();
    assert_eq!(file_digest(&out.path().join(hex)), layer);
    assert_eq!(other.join().unwrap(), layer);
    eprintln!(
        "[s3] 256 MiB pull-through to skopeo and a GET at once, into S3: {:.2}s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(up.blob_gets(&layer), 1, "{:#?}", up.requests());

    // Committed to the bucket (clients get the verified tail before the upload completes), and a second
    // pull reads it from there.
    let rt = runtime();
    let dir = tempfile::tempdir().unwrap();
    let store = S3BlobStore::open(&s3::config(s3::shared(), &prefix), dir.path()).unwrap();
    let digest = Digest::parse(&layer).unwrap();
    wait_until(Duration::from_secs(60), "the layer in the bucket", || {
        rt.block_on(store.contains(&digest))
            .map_err(|e| e.to_string())?
            .filter(|&n| n == size)
            .ok_or_else(|| "not there yet".to_owned())
    });
    let again = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    skopeo
        .copy(
            &format!("docker://{}/cache/library/big:latest", d.registry_host()),
            &format!("dir:{}", again.path().display()),
            &[],
        )
        .ok()
        .unwrap();
    eprintln!(
        "[s3] 256 MiB cached pull out of S3: {:.2}s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(file_digest(&again.path().join(hex)), layer);
    assert_eq!(up.blob_gets(&layer), 1);
}
