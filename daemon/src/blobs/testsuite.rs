//! The conformance suite every [`BlobStore`] must pass, public (but hidden) so that backends needing a server
//! run it from the e2e tests, which own those servers (`tests/e2e/s3_blobs.rs`); the filesystem backend runs it
//! in `blobs/tests.rs`. It panics on the first difference, like a test.

use bytes::Bytes;
use futures::StreamExt;
use sha2::{Digest as _, Sha256};
use tokio::io::AsyncReadExt;

use super::{Algorithm, BlobRead, BlobStore, ByteRange, Digest, Error, READ_CHUNK};

/// Reads a whole `BlobRead` through its stream.
pub async fn read_all(read: BlobRead) -> Vec<u8> {
    let mut out = Vec::new();
    let mut stream = std::pin::pin!(read.into_stream());
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk.unwrap());
    }
    out
}

/// Writes `data` as one blob and commits it.
pub async fn put(store: &dyn BlobStore, data: &[u8]) -> Digest {
    let mut w = store.writer(None, None).await.unwrap();
    w.write(data).await.unwrap();
    let (digest, size) = w.commit().await.unwrap();
    assert_eq!(size, data.len() as u64);
    digest
}

/// The behaviour every [`BlobStore`] implementation must have.
pub async fn conformance(store: &dyn BlobStore) {
    // Round trip, with the expected digest and size given.
    let data = b"hello blob store".repeat(1000);
    let expected = Digest::sha256_of(&data);
    assert_eq!(store.contains(&expected).await.unwrap(), None);
    let mut w = store
        .writer(Some(&expected), Some(data.len() as u64))
        .await
        .unwrap();
    for chunk in data.chunks(777) {
        w.write(chunk).await.unwrap();
    }
    assert_eq!(w.written(), data.len() as u64);
    let (digest, size) = w.commit().await.unwrap();
    assert_eq!(
        (digest.clone(), size),
        (expected.clone(), data.len() as u64)
    );
    assert_eq!(
        store.contains(&digest).await.unwrap(),
        Some(data.len() as u64)
    );
    let read = store.open(&digest, None).await.unwrap();
    assert_eq!(
        (read.offset, read.len, read.size),
        (0, data.len() as u64, data.len() as u64)
    );
    assert_eq!(read_all(read).await, data);

    // Committing the same content again succeeds (content addressing).
    assert_eq!(put(store, &data).await, digest);
    assert_eq!(
        store.contains(&digest).await.unwrap(),
        Some(data.len() as u64)
    );

    // A digest mismatch stores nothing under either digest.
    let wrong = Digest::sha256_of(b"something else");
    let mut w = store.writer(Some(&wrong), None).await.unwrap();
    w.write(b"not something else").await.unwrap();
    match w.commit().await {
        Err(Error::DigestMismatch { expected, actual }) => {
            assert_eq!(expected, wrong);
            assert_eq!(actual, Digest::sha256_of(b"not something else"));
            assert_eq!(store.contains(&actual).await.unwrap(), None);
        }
        other => panic!("expected a digest mismatch, got {other:?}"),
    }
    assert_eq!(store.contains(&wrong).await.unwrap(), None);

    // A size mismatch (short) stores nothing.
    let mut w = store.writer(None, Some(10)).await.unwrap();
    w.write(b"short").await.unwrap();
    assert!(matches!(
        w.commit().await,
        Err(Error::SizeMismatch {
            expected: 10,
            actual: 5
        })
    ));
    assert_eq!(
        store.contains(&Digest::sha256_of(b"short")).await.unwrap(),
        None
    );

    // Too many bytes fail at the write that overflows, and the writer stays failed.
    let mut w = store.writer(None, Some(4)).await.unwrap();
    w.write(b"abc").await.unwrap();
    assert!(matches!(
        w.write(b"de").await,
        Err(Error::SizeMismatch {
            expected: 4,
            actual: 5
        })
    ));
    assert!(matches!(w.write(b"").await, Err(Error::WriterFailed)));
    assert!(matches!(w.commit().await, Err(Error::WriterFailed)));

    // A failing source stream stores nothing.
    let items: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"partial")),
        Err(std::io::Error::other("client went away")),
    ];
    let mut w = store.writer(None, None).await.unwrap();
    let err = w
        .write_stream(futures::stream::iter(items))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SourceFailed(_)), "{err:?}");
    assert!(err.to_string().contains("client went away"));
    assert!(matches!(w.commit().await, Err(Error::WriterFailed)));
    assert_eq!(
        store
            .contains(&Digest::sha256_of(b"partial"))
            .await
            .unwrap(),
        None
    );

    // Ranges: from, inclusive (clamped), suffix, and not satisfiable.
    let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    let d = put(store, &data).await;
    for (range, offset, len) in [
        (ByteRange::From(10), 10, 990),
        (ByteRange::Inclusive { start: 0, end: 0 }, 0, 1),
        (
            ByteRange::Inclusive {
                start: 100,
                end: 199,
            },
            100,
            100,
        ),
        (
            ByteRange::Inclusive {
                start: 900,
                end: 5000,
            },
            900,
            100,
        ),
        (ByteRange::Suffix(1), 999, 1),
        (ByteRange::Suffix(300), 700, 300),
        (ByteRange::Suffix(5000), 0, 1000),
    ] {
        let read = store.open(&d, Some(range)).await.unwrap();
        assert_eq!(
            (read.offset, read.len, read.size),
            (offset, len, 1000),
            "{range:?}"
        );
        assert_eq!(read.last(), Some(offset + len - 1));
        let (o, l) = (offset as usize, len as usize);
        assert_eq!(read_all(read).await, &data[o..o + l], "{range:?}");
    }
    for range in [
        ByteRange::From(1000),
        ByteRange::Inclusive {
            start: 1000,
            end: 1001,
        },
        ByteRange::Suffix(0),
    ] {
        assert!(
            matches!(
                store.open(&d, Some(range)).await,
                Err(Error::RangeNotSatisfiable { size: 1000 })
            ),
            "{range:?}"
        );
    }
    // The reader also works with small reads (the plain `AsyncRead` path).
    let read = store.open(&d, Some(ByteRange::From(998))).await.unwrap();
    let mut out = Vec::new();
    read.into_reader().read_to_end(&mut out).await.unwrap();
    assert_eq!(out, &data[998..]);

    // The empty blob is a valid blob; any range of it is unsatisfiable.
    let empty = put(store, b"").await;
    assert_eq!(store.contains(&empty).await.unwrap(), Some(0));
    assert_eq!(read_all(store.open(&empty, None).await.unwrap()).await, b"");
    assert!(matches!(
        store.open(&empty, Some(ByteRange::Suffix(1))).await,
        Err(Error::RangeNotSatisfiable { size: 0 })
    ));

    // put_stream, delete, and reading a missing blob.
    let chunks = vec![
        Ok::<_, std::io::Error>(Bytes::from_static(b"ab")),
        Ok(Bytes::from_static(b"cd")),
    ];
    let (pd, psize) = store
        .put_stream(
            Some(&Digest::sha256_of(b"abcd")),
            Some(4),
            futures::stream::iter(chunks),
        )
        .await
        .unwrap();
    assert_eq!((pd.clone(), psize), (Digest::sha256_of(b"abcd"), 4));
    assert!(store.delete(&pd).await.unwrap());
    assert!(!store.delete(&pd).await.unwrap());
    assert_eq!(store.contains(&pd).await.unwrap(), None);
    assert!(matches!(store.open(&pd, None).await, Err(Error::NotFound { digest }) if digest == pd));

    sha512(store).await;
}

/// sha512 blobs (the OCI conformance suite pushes them): stored under their sha512 digest when one is expected,
/// and read, ranged, found and deleted like sha256 ones; a wrong sha512 digest stores nothing. Leaves one
/// sha512 blob stored (`sha512 of "sha512 kept"`) so a backend's test can check where it lives.
async fn sha512(store: &dyn BlobStore) {
    let data = noise(3000, 512);
    let expected = Digest::of(Algorithm::Sha512, &data);
    assert_eq!(store.contains(&expected).await.unwrap(), None);
    let mut w = store
        .writer(Some(&expected), Some(data.len() as u64))
        .await
        .unwrap();
    for chunk in data.chunks(1000) {
        w.write(chunk).await.unwrap();
    }
    let (digest, size) = w.commit().await.unwrap();
    assert_eq!((&digest, size), (&expected, data.len() as u64));
    assert_eq!(digest.algorithm(), Algorithm::Sha512);
    assert_eq!(store.contains(&digest).await.unwrap(), Some(3000));
    // The same bytes' sha256 names a blob nobody stored.
    assert_eq!(
        store.contains(&Digest::sha256_of(&data)).await.unwrap(),
        None
    );
    let read = store.open(&digest, None).await.unwrap();
    assert_eq!((read.offset, read.len, read.size), (0, 3000, 3000));
    assert_eq!(read_all(read).await, data);
    for (range, offset, len) in [
        (
            ByteRange::Inclusive {
                start: 100,
                end: 199,
            },
            100,
            100,
        ),
        (ByteRange::Suffix(10), 2990, 10),
        (ByteRange::From(2999), 2999, 1),
    ] {
        let read = store.open(&digest, Some(range)).await.unwrap();
        assert_eq!(
            (read.offset, read.len, read.size),
            (offset, len, 3000),
            "{range:?}"
        );
        let (o, l) = (offset as usize, len as usize);
        assert_eq!(read_all(read).await, &data[o..o + l], "{range:?}");
    }
    assert!(matches!(
        store.open(&digest, Some(ByteRange::From(3000))).await,
        Err(Error::RangeNotSatisfiable { size: 3000 })
    ));

    // Deleting it removes that blob only.
    assert!(store.delete(&digest).await.unwrap());
    assert!(!store.delete(&digest).await.unwrap());
    assert_eq!(store.contains(&digest).await.unwrap(), None);
    assert!(matches!(
        store.open(&digest, None).await,
        Err(Error::NotFound { digest: d }) if d == digest
    ));

    // A wrong sha512 digest is refused, and nothing is stored under any digest of the bytes.
    let wrong = Digest::of(Algorithm::Sha512, b"something else");
    let mut w = store.writer(Some(&wrong), None).await.unwrap();
    w.write(b"not something else").await.unwrap();
    match w.commit().await {
        Err(Error::DigestMismatch { expected, actual }) => {
            assert_eq!(expected, wrong);
            assert_eq!(actual, Digest::of(Algorithm::Sha512, b"not something else"));
            assert_eq!(store.contains(&actual).await.unwrap(), None);
        }
        other => panic!("expected a digest mismatch, got {other:?}"),
    }
    assert_eq!(store.contains(&wrong).await.unwrap(), None);
    let sha256 = Digest::sha256_of(b"not something else");
    assert_eq!(store.contains(&sha256).await.unwrap(), None);

    // put_stream with a sha512 digest; this one stays.
    let kept = Digest::of(Algorithm::Sha512, b"sha512 kept");
    let chunks = vec![
        Ok::<_, std::io::Error>(Bytes::from_static(b"sha512")),
        Ok(Bytes::from_static(b" kept")),
    ];
    let stored = store
        .put_stream(Some(&kept), Some(11), futures::stream::iter(chunks))
        .await
        .unwrap();
    assert_eq!(stored, (kept.clone(), 11));
    let read = store.open(&kept, None).await.unwrap();
    assert_eq!(read_all(read).await, b"sha512 kept");

    // The listing names every stored blob of either algorithm with its size, and no write in progress.
    let _unfinished = store.writer(None, None).await.unwrap();
    let listed = store.list().await.unwrap();
    let kept_entry = listed
        .iter()
        .find(|b| b.digest == kept)
        .expect("the sha512 blob is listed");
    assert_eq!(kept_entry.size, 11);
    for b in &listed {
        assert_eq!(store.contains(&b.digest).await.unwrap(), Some(b.size));
    }
    let gone = put(store, b"listed, then deleted").await;
    assert!(store.list().await.unwrap().iter().any(|b| b.digest == gone));
    assert!(store.delete(&gone).await.unwrap());
    assert!(!store.list().await.unwrap().iter().any(|b| b.digest == gone));
}

/// Deterministic pseudo-random bytes (xorshift), so the suite needs no `rand`.
pub fn noise(len: usize, mut state: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A blob of `size` bytes (pick one far above any backend's buffer or part size) fed in odd chunk sizes,
/// copied and kept chunks interleaved, with a spool asked for before the first byte: the spool (when the
/// backend has one) reads what was flushed; the blob reads back whole and in a range; nothing buffers it.
pub async fn large_blob(store: &dyn BlobStore, size: usize) {
    use std::os::unix::fs::FileExt;
    let pattern = noise(1_048_573, 0x9e37_79b9_7f4a_7c15);
    let sizes = [1usize, 4093, 65_537, 12_345, 999_983, 7];
    let mut expected = Sha256::new();
    let mut w = store.writer(None, Some(size as u64)).await.unwrap();
    let spool = w.spool().await.unwrap();
    let (mut written, mut pos, mut i) = (0usize, 0usize, 0usize);
    while written < size {
        let n = sizes[i % sizes.len()]
            .min(size - written)
            .min(pattern.len() - pos);
        let chunk = &pattern[pos..pos + n];
        expected.update(chunk);
        if i % 3 == 1 {
            w.write_bytes(Bytes::copy_from_slice(chunk)).await.unwrap();
        } else {
            w.write(chunk).await.unwrap();
        }
        written += n;
        if let Some(spool) = spool.as_ref().filter(|_| i % 50 == 49) {
            w.flush().await.unwrap();
            let mut last = vec![0; n];
            spool
                .read_exact_at(&mut last, (written - n) as u64)
                .unwrap();
            assert_eq!(last, chunk);
        }
        pos = (pos + n) % pattern.len();
        i += 1;
    }
    let expected = Digest::from_sha256(expected);
    let (digest, stored) = w.commit().await.unwrap();
    assert_eq!((digest.clone(), stored), (expected.clone(), size as u64));
    assert_eq!(store.contains(&digest).await.unwrap(), Some(size as u64));

    let read = store.open(&digest, None).await.unwrap();
    assert_eq!(read.len, size as u64);
    let mut hasher = Sha256::new();
    let mut total = 0usize;
    let mut stream = std::pin::pin!(read.into_stream());
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        assert!(chunk.len() <= READ_CHUNK);
        hasher.update(&chunk);
        total += chunk.len();
    }
    assert_eq!(total, size);
    assert_eq!(Digest::from_sha256(hasher), expected);

    // A range crossing the 8 MiB mark (a part boundary of the S3 backend, a buffer boundary of others).
    let start = (8u64 << 20).min(size as u64 / 2) - 5;
    let read = store
        .open(
            &digest,
            Some(ByteRange::Inclusive {
                start,
                end: start + 2 * READ_CHUNK as u64,
            }),
        )
        .await
        .unwrap();
    let got = read_all(read).await;
    assert_eq!(got.len(), 2 * READ_CHUNK + 1);
    let p = start as usize % pattern.len();
    assert_eq!(&got[..64], &pattern[p..p + 64]);
    assert!(store.delete(&digest).await.unwrap());
}
