//! Tests of the blob store: the [`conformance`] suite on the filesystem backend (the S3 run is in
//! `tests/e2e/s3_blobs.rs`, next to the S3 server it needs); the rest check the filesystem layout.

use std::path::Path;
use std::sync::Arc;

use super::testsuite::{conformance, put};
use super::*;

fn fs_store() -> (tempfile::TempDir, Arc<dyn BlobStore>, FsBlobStore) {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn BlobStore> = Arc::new(FsBlobStore::open(dir.path().join("blobs")).unwrap());
    let direct = FsBlobStore::open(dir.path().join("blobs")).unwrap();
    (dir, store, direct)
}

/// Every file under `dir`, recursively, relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn a_write_that_would_eat_into_the_reserve_is_refused_and_leaves_nothing() {
    use crate::space::{Reserve, Space};
    let dir = tempfile::tempdir().unwrap();
    // A reserve larger than any file system: every write is refused before it starts.
    let reserve = u64::MAX / 4;
    let store = FsBlobStore::open(dir.path().join("blobs"))
        .unwrap()
        .with_space(Space::new(dir.path(), Reserve::bytes(reserve)));
    let err = store.writer(None, Some(2 << 20)).await.unwrap_err();
    match err {
        Error::InsufficientStorage(e) => {
            assert_eq!((e.reserved, e.needed), (reserve, 2 << 20));
            assert!(e.to_string().starts_with("Insufficient storage:"), "{e}");
        }
        other => panic!("expected InsufficientStorage, got {other:?}"),
    }
    assert_eq!(
        files_under(&dir.path().join("blobs/uploads")),
        Vec::<String>::new()
    );
    // Without a reserve the same store writes.
    let open = FsBlobStore::open(dir.path().join("blobs"))
        .unwrap()
        .with_space(Space::new(dir.path(), Reserve::bytes(0)));
    put(&open, b"small").await;
}

#[tokio::test]
async fn fs_store_passes_conformance() {
    let (dir, store, _) = fs_store();
    conformance(store.as_ref()).await;
    // Nothing of the failed or dropped writes is left in uploads/.
    assert_eq!(
        files_under(&dir.path().join("blobs/uploads")),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn committed_blob_lives_at_sharded_path() {
    let (dir, store, direct) = fs_store();
    let d = put(store.as_ref(), b"layout").await;
    let hex = d.hex();
    assert_eq!(
        files_under(&dir.path().join("blobs")),
        vec![format!("sha256/{}/{hex}", &hex[..2])]
    );
    assert_eq!(
        direct.blob_path(&d),
        dir.path().join("blobs/sha256").join(&hex[..2]).join(hex)
    );
    assert_eq!(std::fs::read(direct.blob_path(&d)).unwrap(), b"layout");
}

#[tokio::test]
async fn sha512_blob_lives_at_sharded_path_under_sha512() {
    let (dir, store, direct) = fs_store();
    let data = b"layout, sha512";
    let expected = Digest::of(Algorithm::Sha512, data);
    let (d, _) = store
        .put_stream(
            Some(&expected),
            None,
            futures::stream::iter([Ok::<_, std::io::Error>(&data[..])]),
        )
        .await
        .unwrap();
    assert_eq!(d, expected);
    let hex = d.hex();
    assert_eq!(hex.len(), 128);
    assert_eq!(
        files_under(&dir.path().join("blobs")),
        vec![format!("sha512/{}/{hex}", &hex[..2])]
    );
    assert_eq!(
        direct.blob_path(&d),
        dir.path().join("blobs/sha512").join(&hex[..2]).join(hex)
    );
    assert_eq!(std::fs::read(direct.blob_path(&d)).unwrap(), data);
    // A reopened store (a restart) finds it and its cleanup leaves it alone.
    let reopened = FsBlobStore::open(dir.path().join("blobs")).unwrap();
    assert_eq!(reopened.startup_cleanup().await.unwrap(), 0);
    assert_eq!(
        reopened.contains(&d).await.unwrap(),
        Some(data.len() as u64)
    );
}

#[tokio::test]
async fn blob_appears_under_sha256_only_after_verified_commit() {
    let (dir, store, _) = fs_store();
    let data = b"verify me first";
    let mut w = store
        .writer(Some(&Digest::sha256_of(data)), None)
        .await
        .unwrap();
    w.write(data).await.unwrap();
    // Mid-write: bytes exist only as a temporary upload.
    assert_eq!(
        files_under(&dir.path().join("blobs/sha256")),
        Vec::<String>::new()
    );
    assert_eq!(files_under(&dir.path().join("blobs/uploads")).len(), 1);
    w.commit().await.unwrap();
    assert_eq!(files_under(&dir.path().join("blobs/sha256")).len(), 1);
    assert_eq!(
        files_under(&dir.path().join("blobs/uploads")),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn spool_reads_flushed_bytes_and_outlives_commit_and_drop() {
    use std::os::unix::fs::FileExt;
    let (dir, store, _) = fs_store();
    let data = b"streamed while written";
    let mut w = store
        .writer(Some(&Digest::sha256_of(data)), None)
        .await
        .unwrap();
    let spool = w
        .spool()
        .await
        .unwrap()
        .expect("the fs store spools to a file");
    w.write(&data[..8]).await.unwrap();
    w.flush().await.unwrap();
    let mut head = [0; 8];
    spool.read_exact_at(&mut head, 0).unwrap();
    assert_eq!(&head, &data[..8]);
    w.write(&data[8..]).await.unwrap();
    w.flush().await.unwrap();
    w.commit().await.unwrap();
    // The handle follows the file into sha256/.
    let mut all = vec![0; data.len()];
    spool.read_exact_at(&mut all, 0).unwrap();
    assert_eq!(all, data);

    // A dropped write deletes its file; a spool handle still reads what was flushed, nothing is left.
    let mut w = store.writer(None, None).await.unwrap();
    let spool = w.spool().await.unwrap().unwrap();
    w.write(b"gone").await.unwrap();
    w.flush().await.unwrap();
    drop(w);
    let mut gone = [0; 4];
    spool.read_exact_at(&mut gone, 0).unwrap();
    assert_eq!(&gone, b"gone");
    assert_eq!(
        files_under(&dir.path().join("blobs/uploads")),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn digest_mismatch_leaves_no_files_at_all() {
    let (dir, store, _) = fs_store();
    let mut w = store
        .writer(Some(&Digest::sha256_of(b"x")), None)
        .await
        .unwrap();
    w.write(b"y").await.unwrap();
    assert!(matches!(
        w.commit().await,
        Err(Error::DigestMismatch { .. })
    ));
    assert_eq!(files_under(&dir.path().join("blobs")), Vec::<String>::new());
}

#[tokio::test]
async fn dropped_writer_leaves_no_temp_file() {
    let (dir, store, _) = fs_store();
    let mut w = store.writer(None, None).await.unwrap();
    w.write(&[7u8; 3 * 1024 * 1024]).await.unwrap();
    assert_eq!(files_under(&dir.path().join("blobs/uploads")).len(), 1);
    drop(w);
    assert_eq!(files_under(&dir.path().join("blobs")), Vec::<String>::new());
}

#[tokio::test]
async fn writer_dropped_by_cancelled_task_leaves_nothing() {
    let (dir, store, _) = fs_store();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task_store = Arc::clone(&store);
    let task = tokio::spawn(async move {
        let mut w = task_store.writer(None, None).await.unwrap();
        w.write(b"half an upload").await.unwrap();
        tx.send(()).unwrap();
        std::future::pending::<()>().await;
        drop(w);
    });
    rx.await.unwrap();
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    assert_eq!(files_under(&dir.path().join("blobs")), Vec::<String>::new());
}

#[tokio::test]
async fn committing_existing_digest_keeps_one_file_and_drops_temp() {
    let (dir, store, _) = fs_store();
    let writers = futures::future::join_all((0..4).map(|_| async {
        let mut w = store.writer(None, None).await.unwrap();
        w.write(b"same bytes").await.unwrap();
        w
    }))
    .await;
    let results = futures::future::join_all(writers.into_iter().map(BlobWriter::commit)).await;
    for r in results {
        assert_eq!(r.unwrap().0, Digest::sha256_of(b"same bytes"));
    }
    assert_eq!(files_under(&dir.path().join("blobs")).len(), 1);
}

#[tokio::test]
async fn startup_cleanup_removes_leftover_uploads() {
    let (dir, store, _) = fs_store();
    let kept = put(store.as_ref(), b"kept").await;
    let uploads = dir.path().join("blobs/uploads");
    std::fs::write(uploads.join("2b1c3f0e-killed-daemon"), b"partial").unwrap();
    std::fs::write(uploads.join("another"), b"partial").unwrap();
    assert_eq!(store.startup_cleanup().await.unwrap(), 2);
    assert_eq!(files_under(&uploads), Vec::<String>::new());
    assert_eq!(store.contains(&kept).await.unwrap(), Some(4));
    assert_eq!(store.startup_cleanup().await.unwrap(), 0);
}

#[tokio::test]
async fn large_blob_streams_through_small_odd_chunks_and_reads_back() {
    // 64 MiB: 64x the write buffer and 256x the read chunk, fed in odd sizes that never align with either.
    let (_dir, store, _) = fs_store();
    super::testsuite::large_blob(store.as_ref(), 64 * 1024 * 1024).await;
}

#[test]
fn range_header_parses_the_three_forms() {
    assert_eq!(
        ByteRange::parse_header("bytes=0-99").unwrap(),
        ByteRange::Inclusive { start: 0, end: 99 }
    );
    assert_eq!(
        ByteRange::parse_header("bytes=100-").unwrap(),
        ByteRange::From(100)
    );
    assert_eq!(
        ByteRange::parse_header("bytes=-500").unwrap(),
        ByteRange::Suffix(500)
    );
    assert_eq!(
        ByteRange::from((5, Some(9))),
        ByteRange::Inclusive { start: 5, end: 9 }
    );
    assert_eq!(ByteRange::from((5, None)), ByteRange::From(5));
    for bad in [
        "items=0-1",
        "bytes=0-1,5-6",
        "bytes=-",
        "bytes=a-b",
        "bytes=9-3",
        "bytes=5",
    ] {
        assert!(
            matches!(
                ByteRange::parse_header(bad),
                Err(Error::InvalidRange { .. })
            ),
            "{bad}"
        );
    }
}

#[test]
fn range_resolution_clamps_and_rejects() {
    assert_eq!(
        ByteRange::Inclusive { start: 5, end: 100 }
            .resolve(10)
            .unwrap(),
        (5, 5)
    );
    assert_eq!(ByteRange::Suffix(20).resolve(10).unwrap(), (0, 10));
    assert!(ByteRange::From(10).resolve(10).is_err());
    assert!(ByteRange::Inclusive { start: 7, end: 3 }
        .resolve(10)
        .is_err());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn range() -> impl Strategy<Value = ByteRange> {
        prop_oneof![
            any::<u64>().prop_map(ByteRange::From),
            (any::<u64>(), any::<u64>()).prop_map(|(a, b)| ByteRange::Inclusive {
                start: a.min(b),
                end: a.max(b)
            }),
            any::<u64>().prop_map(ByteRange::Suffix),
        ]
    }

    fn header(r: &ByteRange) -> String {
        match r {
            ByteRange::From(s) => format!("bytes={s}-"),
            ByteRange::Inclusive { start, end } => format!("bytes={start}-{end}"),
            ByteRange::Suffix(n) => format!("bytes=-{n}"),
        }
    }

    proptest! {
        #[test]
        fn range_headers_round_trip(r in range()) {
            prop_assert_eq!(ByteRange::parse_header(&header(&r)).unwrap(), r);
        }

        #[test]
        fn any_range_header_parses_or_is_refused(s in "bytes=[0-9 ,-]{0,30}|\\PC{0,40}") {
            let _ = ByteRange::parse_header(&s);
        }

        /// A satisfiable range selects at least one byte, all inside the blob.
        #[test]
        fn resolved_ranges_stay_inside_the_blob(r in range(), size in prop_oneof![0u64..100, Just(u64::MAX)]) {
            if let Ok((offset, len)) = r.resolve(size) {
                prop_assert!(len > 0);
                prop_assert!(offset.checked_add(len).is_some_and(|end| end <= size));
            }
        }

        #[test]
        fn digests_round_trip(
            (algorithm, hex) in prop_oneof![
                "[0-9a-f]{64}".prop_map(|h| (Algorithm::Sha256, h)),
                "[0-9a-f]{128}".prop_map(|h| (Algorithm::Sha512, h)),
            ]
        ) {
            let text = format!("{algorithm}:{hex}");
            let d = Digest::parse(&text).unwrap();
            prop_assert_eq!(d.as_str(), text.as_str());
            prop_assert_eq!(d.hex(), hex.as_str());
            prop_assert_eq!(d.algorithm(), algorithm);
        }

        /// What parses is exactly a supported algorithm with its length of lowercase hex.
        #[test]
        fn any_digest_text_parses_or_is_refused(
            s in "sha(256|512|384):[0-9a-fA-F]{60,68}|sha(256|512):[0-9a-fA-F]{124,132}|\\PC{0,80}"
        ) {
            match Digest::parse(&s) {
                Ok(d) => {
                    prop_assert_eq!(d.as_str(), s.as_str());
                    prop_assert!(crate::names::is_digest(d.as_str()));
                    prop_assert_eq!(d.hex().len(), d.algorithm().hex_len());
                }
                Err(e) => prop_assert!(matches!(e, Error::InvalidDigest { .. }), "{:?}", e),
            }
            let (name, hex) = s.split_once(':').unwrap_or_default();
            let valid = Algorithm::from_name(name).is_some_and(|a| a.hex_len() == hex.len())
                && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
            prop_assert_eq!(Digest::parse(&s).is_ok(), valid);
        }
    }
}

/// Regression (seen in e2e `a_sync_that_would_eat_into_the_reserve_fails_with_the_507_message`): a writer
/// dropped while its temporary file was being created on tokio's blocking pool left that file behind, since
/// the guard that removes it did not exist yet. Creating a writer must not suspend between making the file
/// and guarding it, so a first poll already has the writer (and dropping it removes the file).
#[tokio::test]
async fn a_writer_is_made_and_guarded_in_one_step() {
    let (dir, _, store) = fs_store();
    let mut making = store.writer(None, None);
    let writer = match futures::poll!(&mut making) {
        std::task::Poll::Ready(writer) => writer.unwrap(),
        std::task::Poll::Pending => panic!("making a writer suspended with its file unguarded"),
    };
    assert_eq!(files_under(&dir.path().join("blobs/uploads")).len(), 1);
    drop(writer);
    assert_eq!(
        files_under(&dir.path().join("blobs/uploads")),
        Vec::<String>::new()
    );
}

#[test]
fn take_front_splits_the_chunk_that_straddles_the_length() {
    use std::collections::VecDeque;
    fn lens<'a>(chunks: impl IntoIterator<Item = &'a Bytes>) -> Vec<usize> {
        chunks.into_iter().map(Bytes::len).collect()
    }
    let chunks = || {
        VecDeque::from([
            Bytes::from(vec![1; 3]),
            Bytes::from(vec![2; 4]),
            Bytes::from(vec![3; 5]),
        ])
    };
    let mut rest = chunks();
    let taken = take_front(&mut rest, 5);
    assert_eq!((lens(&taken), lens(&rest)), (vec![3, 2], vec![2, 5]));
    assert_eq!(
        taken
            .iter()
            .chain(&rest)
            .flatten()
            .copied()
            .collect::<Vec<u8>>(),
        chunks().iter().flatten().copied().collect::<Vec<u8>>(),
        "bytes and order kept"
    );
    let mut rest = chunks();
    let taken = take_front(&mut rest, 7);
    assert_eq!((lens(&taken), lens(&rest)), (vec![3, 4], vec![5]));
    let mut rest = chunks();
    let taken = take_front(&mut rest, 12);
    assert_eq!((lens(&taken), lens(&rest)), (vec![3, 4, 5], vec![]));
}
