//! The S3 blob backend against a real S3 server (SeaweedFS, `pulp_e2e::s3`): the blob conformance suite that
//! the filesystem backend passes in the daemon's unit tests, a blob far larger than a multipart part, what a
//! failed write leaves in the bucket, and start-up cleanup. The suite runs here rather than in the daemon's
//! unit tests because this crate owns the test servers (one `weed mini` per test binary).

use std::time::Duration;

use pulp_e2e::s3;
use pulp_e2e::wait::wait_until;
use pulpd::blobs::testsuite;
use pulpd::blobs::{BlobStore, Digest, Error, S3BlobStore};

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
    assert!(keys.iter().all(|k| k.contains("/sha256/")), "{keys:?}");
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
    let claimed = Digest::sha256_of(b"what the client claimed");
    for size in [1000usize, 20 * 1024 * 1024] {
        let data = testsuite::noise(size, size as u64);
        let result = rt.block_on(async {
            let mut w = store.writer(Some(&claimed), None).await?;
            for chunk in data.chunks(1 << 20) {
                w.write(chunk).await?;
            }
            w.commit().await
        });
        assert!(
            matches!(result, Err(Error::DigestMismatch { .. })),
            "{result:?}"
        );
        assert_eq!(rt.block_on(store.contains(&claimed)).unwrap(), None);
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
