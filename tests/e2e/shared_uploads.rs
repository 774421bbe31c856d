//! Upload sessions shared by replicas (issue 12), the session logic driven directly: two "replicas", each with
//! its own connection to one PostgreSQL database (`pulp_e2e::postgres`) and its own S3 blob store on one prefix
//! of the test bucket (`pulp_e2e::s3`), exactly as two pulpds hold them. Chunks of one session alternate
//! between them, two chunks race for one offset, a wrong digest keeps the session, and cancelled, expired and
//! orphaned sessions leave no part object in the bucket.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::Stream;
use pulp_e2e::wait::wait_until;
use pulp_e2e::{oci, postgres, s3};
use pulpd::blobs::{BlobStore, Digest, S3BlobStore};
use pulpd::push::{Error, Uploads};
use pulpd::store::Store;

const DAY: Duration = Duration::from_secs(86400);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .unwrap()
}

/// One replica's view: its store connection, its blob store, its sessions.
struct Replica {
    _dir: tempfile::TempDir,
    blobs: Arc<S3BlobStore>,
    uploads: Uploads,
}

/// Where both replicas of a test keep their state.
struct Shared {
    db: String,
    prefix: String,
}

impl Shared {
    fn new(name: &str) -> Shared {
        Shared {
            db: postgres::shared().fresh_database(name),
            prefix: s3::shared().fresh_prefix(name),
        }
    }

    fn replica(&self, rt: &tokio::runtime::Runtime, ttl: Duration) -> Replica {
        let dir = tempfile::tempdir().unwrap();
        let store = rt
            .block_on(Store::connect_postgres(&self.db))
            .unwrap_or_else(|e| panic!("{e}\n{}", postgres::shared().log()));
        let config = s3::config(s3::shared(), &self.prefix);
        let blobs = Arc::new(S3BlobStore::open(&config, dir.path()).unwrap());
        let uploads = rt
            .block_on(Uploads::open(&store, dir.path(), blobs.clone(), None, ttl))
            .unwrap();
        assert!(
            uploads.shared(),
            "an S3 blob store keeps sessions in the bucket"
        );
        Replica {
            _dir: dir,
            blobs,
            uploads,
        }
    }
}

type Chunk = Result<Bytes, std::convert::Infallible>;

/// `bytes` as a request body arriving in pieces.
fn body(bytes: &[u8]) -> impl Stream<Item = Chunk> + Send + 'static {
    let pieces: Vec<Chunk> = bytes
        .chunks(64 * 1024 + 7)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    futures::stream::iter(pieces)
}

/// The part objects of sessions under the test's prefix (markers of aborted uploads are not parts).
fn part_keys(rt: &tokio::runtime::Runtime, r: &Replica) -> Vec<String> {
    rt.block_on(r.blobs.list_keys())
        .unwrap()
        .into_iter()
        .filter(|k| k.contains("/sessions/"))
        .collect()
}

#[test]
fn chunks_alternating_between_replicas_complete_into_one_verified_blob() {
    let rt = runtime();
    let shared = Shared::new("alternate");
    let (a, b) = (shared.replica(&rt, DAY), shared.replica(&rt, DAY));
    // 13 MiB in four chunks, one of them larger than an S3 multipart part (8 MiB).
    let bytes = oci::pseudo_random(13 * 1024 * 1024 + 5, 12);
    let digest = Digest::sha256_of(&bytes);
    let id = rt.block_on(a.uploads.start("org/app")).unwrap();
    let cuts = [0, 1_000_000, 10_500_000, 12_000_000, bytes.len()];
    for (i, w) in cuts.windows(2).enumerate() {
        let on = if i % 2 == 0 { &b } else { &a };
        let chunk = &bytes[w[0]..w[1]];
        let len = rt
            .block_on(on.uploads.append(
                "org/app",
                &id,
                Some(w[0] as u64),
                Some(chunk.len() as u64),
                body(chunk),
            ))
            .unwrap();
        assert_eq!(len, w[1] as u64, "chunk {i}");
        // Both replicas report the same length.
        for r in [&a, &b] {
            assert_eq!(
                rt.block_on(r.uploads.status("org/app", &id)).unwrap(),
                w[1] as u64
            );
        }
    }
    assert_eq!(part_keys(&rt, &a).len(), 4);

    // A chunk that does not start at the end is refused on either replica with the current length.
    for (r, start) in [(&a, 0u64), (&b, 5), (&a, bytes.len() as u64 + 1)] {
        match rt.block_on(
            r.uploads
                .append("org/app", &id, Some(start), Some(3), body(b"xyz")),
        ) {
            Err(Error::RangeInvalid { len, .. }) => assert_eq!(len, bytes.len() as u64),
            other => panic!("chunk at {start}: {other:?}"),
        }
    }
    // Another repository cannot see or finish the session.
    assert!(matches!(
        rt.block_on(b.uploads.status("org/other", &id)),
        Err(Error::UploadUnknown)
    ));

    // A wrong digest stores nothing and keeps the session, on the other replica too.
    let wrong = Digest::sha256_of(b"something else");
    let refused = rt.block_on(
        a.uploads
            .complete("org/app", &id, &wrong, Some(0), body(&[])),
    );
    assert!(
        matches!(refused, Err(Error::DigestInvalid(_))),
        "{refused:?}"
    );
    assert_eq!(rt.block_on(a.blobs.contains(&wrong)).unwrap(), None);
    assert_eq!(rt.block_on(a.blobs.contains(&digest)).unwrap(), None);
    assert_eq!(
        rt.block_on(b.uploads.status("org/app", &id)).unwrap(),
        bytes.len() as u64
    );

    // Completed on B: the blob is stored under its digest with exactly these bytes; no part is left.
    let size = rt
        .block_on(
            b.uploads
                .complete("org/app", &id, &digest, Some(0), body(&[])),
        )
        .unwrap();
    assert_eq!(size, bytes.len() as u64);
    let read = rt.block_on(a.blobs.open(&digest, None)).unwrap();
    let stored: Vec<u8> = rt.block_on(async {
        use futures::TryStreamExt;
        read.into_stream()
            .try_fold(Vec::new(), |mut all, chunk| async move {
                all.extend_from_slice(&chunk);
                Ok(all)
            })
            .await
            .unwrap()
    });
    assert_eq!(stored, bytes);
    assert!(matches!(
        rt.block_on(a.uploads.status("org/app", &id)),
        Err(Error::UploadUnknown)
    ));
    assert_eq!(part_keys(&rt, &a), Vec::<String>::new());
}

#[test]
fn a_monolithic_put_and_a_final_chunk_in_the_put_need_no_part() {
    let rt = runtime();
    let shared = Shared::new("monolithic");
    let (a, b) = (shared.replica(&rt, DAY), shared.replica(&rt, DAY));
    let bytes = oci::pseudo_random(3 * 1024 * 1024, 7);
    let digest = Digest::sha256_of(&bytes);
    let id = rt.block_on(a.uploads.start("m")).unwrap();
    let size = rt
        .block_on(
            b.uploads
                .complete("m", &id, &digest, Some(bytes.len() as u64), body(&bytes)),
        )
        .unwrap();
    assert_eq!(size, bytes.len() as u64);
    assert_eq!(rt.block_on(a.blobs.contains(&digest)).unwrap(), Some(size));

    // One chunk through A, the rest as the PUT's body on B.
    let more = oci::pseudo_random(2 * 1024 * 1024, 8);
    let digest = Digest::sha256_of(&more);
    let id = rt.block_on(a.uploads.start("m")).unwrap();
    rt.block_on(
        a.uploads
            .append("m", &id, Some(0), None, body(&more[..1000])),
    )
    .unwrap();
    // A PUT body shorter than its Content-Length is refused and the session keeps its chunk.
    let short = rt.block_on(b.uploads.complete("m", &id, &digest, Some(5), body(b"abc")));
    assert!(matches!(short, Err(Error::SizeInvalid(_))), "{short:?}");
    assert_eq!(rt.block_on(b.uploads.status("m", &id)).unwrap(), 1000);
    rt.block_on(b.uploads.complete(
        "m",
        &id,
        &digest,
        Some(more.len() as u64 - 1000),
        body(&more[1000..]),
    ))
    .unwrap();
    assert_eq!(
        rt.block_on(b.blobs.contains(&digest)).unwrap(),
        Some(more.len() as u64)
    );
    assert_eq!(part_keys(&rt, &a), Vec::<String>::new());
}

#[test]
fn of_two_chunks_racing_for_one_offset_exactly_one_is_applied() {
    let rt = runtime();
    let shared = Shared::new("race");
    let (a, b) = (shared.replica(&rt, DAY), shared.replica(&rt, DAY));

    // Deterministic: A has read the session (length 0) and is still receiving its chunk when B's chunk for
    // the same offset is applied. A's chunk is then refused with B's length, and its part is deleted.
    let id = rt.block_on(a.uploads.start("r")).unwrap();
    let (started, receiving) = tokio::sync::oneshot::channel::<()>();
    let (release, released) = tokio::sync::oneshot::channel::<()>();
    // The body is first read after the record was read and the part created.
    let slow = futures::stream::once(async move {
        started.send(()).unwrap();
        released.await.unwrap();
        Ok::<_, std::convert::Infallible>(Bytes::from_static(b"from A"))
    });
    let on_a = {
        let uploads = a.uploads.clone();
        let id = id.clone();
        rt.spawn(async move { uploads.append("r", &id, Some(0), Some(6), slow).await })
    };
    rt.block_on(receiving).unwrap();
    let len = rt
        .block_on(
            b.uploads
                .append("r", &id, Some(0), Some(8), body(b"from B!!")),
        )
        .unwrap();
    assert_eq!(len, 8);
    release.send(()).unwrap();
    match rt.block_on(on_a).unwrap() {
        Err(Error::RangeInvalid { len, why }) => {
            assert_eq!(len, 8, "{why}");
            assert!(why.contains("another chunk was applied first"), "{why}");
        }
        other => panic!("A's chunk: {other:?}"),
    }
    assert_eq!(rt.block_on(a.uploads.status("r", &id)).unwrap(), 8);
    let parts = part_keys(&rt, &a);
    assert_eq!(parts.len(), 1, "only B's part is left: {parts:?}");
    let digest = Digest::sha256_of(b"from B!!");
    rt.block_on(a.uploads.complete("r", &id, &digest, Some(0), body(&[])))
        .unwrap();

    // And truly at once, ten times over: one chunk applied, the other refused with the winner's length.
    for round in 0..10 {
        let id = rt.block_on(a.uploads.start("r")).unwrap();
        let chunk_a = oci::pseudo_random(300_000, round);
        let chunk_b = oci::pseudo_random(200_000, round + 100);
        let (ra, rb) = rt.block_on(async {
            tokio::join!(
                a.uploads.append("r", &id, Some(0), None, body(&chunk_a)),
                b.uploads.append("r", &id, Some(0), None, body(&chunk_b)),
            )
        });
        let (winner, loser) = match (&ra, &rb) {
            (Ok(n), Err(e)) | (Err(e), Ok(n)) => (*n, e),
            _ => panic!("round {round}: {ra:?} {rb:?}"),
        };
        assert!(
            matches!(loser, Error::RangeInvalid { len, .. } if *len == winner),
            "round {round}: {loser:?}"
        );
        let held = rt.block_on(b.uploads.status("r", &id)).unwrap();
        assert_eq!(held, winner, "round {round}");
        rt.block_on(a.uploads.cancel("r", &id)).unwrap();
    }
    assert_eq!(part_keys(&rt, &a), Vec::<String>::new());
}

#[test]
fn cancelled_expired_and_orphaned_sessions_leave_no_parts() {
    let rt = runtime();
    let shared = Shared::new("sweep");
    let (a, b) = (
        shared.replica(&rt, DAY),
        shared.replica(&rt, Duration::ZERO),
    );

    // Cancelled on the other replica than the one that got the chunk.
    let id = rt.block_on(a.uploads.start("s")).unwrap();
    rt.block_on(a.uploads.append("s", &id, None, None, body(&[1; 100])))
        .unwrap();
    assert_eq!(part_keys(&rt, &a).len(), 1);
    rt.block_on(shared.replica(&rt, DAY).uploads.cancel("s", &id))
        .unwrap();
    assert_eq!(part_keys(&rt, &a), Vec::<String>::new());
    assert!(matches!(
        rt.block_on(a.uploads.status("s", &id)),
        Err(Error::UploadUnknown)
    ));

    // Expired: B's TTL of zero sweeps the session A started, with its parts.
    let id = rt.block_on(a.uploads.start("s")).unwrap();
    rt.block_on(a.uploads.append("s", &id, None, None, body(&[2; 100])))
        .unwrap();
    // A part whose session has no record (a replica killed after finishing it, its session since gone).
    let parts = a.blobs.session_parts().unwrap();
    let orphan = "0190f0e0-0000-7000-8000-000000000000";
    rt.block_on(async {
        let mut w = parts
            .create(orphan, "00000000000000000000-x")
            .await
            .unwrap();
        w.write(Bytes::from_static(b"left behind")).await.unwrap();
        w.finish().await.unwrap();
    });
    assert_eq!(part_keys(&rt, &a).len(), 2);
    // TTL zero: expired once a millisecond has passed.
    wait_until(Duration::from_secs(5), "the session to expire", || match rt
        .block_on(b.uploads.sweep())
        .unwrap()
    {
        0 => Err("nothing swept".to_owned()),
        n => Ok(n),
    });
    assert_eq!(part_keys(&rt, &a), Vec::<String>::new());
    assert!(matches!(
        rt.block_on(a.uploads.status("s", &id)),
        Err(Error::UploadUnknown)
    ));
}
