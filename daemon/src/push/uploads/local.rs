//! Upload sessions in local files: the implementation for the embedded default (filesystem blobs), where one
//! process owns the data dir (see the parent module for the choice).
//!
//! A session is a metadata record (its id, the repository name it belongs to, when it started) and a file
//! `<data dir>/upload-sessions/<id>` the chunks are appended to. The file is the truth about how far the upload
//! got: a chunk is acknowledged only after it is written, and the file's length is the offset the next chunk must
//! start at (the `Range: 0-<length-1>` a `GET` on the session answers). So no metadata write happens per chunk, and
//! a session survives a restart (even `kill -9`): a client resumes from the length the file has.
//!
//! The digest is computed as the bytes arrive (sha256, kept in memory per session); after a restart, or when a
//! chunk failed half-way, the hash is rebuilt from the file on the next use. On completion the digest the client
//! names must match (else `DIGEST_INVALID`, the session stays so the client may retry or cancel), then the file is
//! handed to the blob store ([`crate::blobs::BlobStore::adopt_verified`]: a rename on the filesystem backend).
//! Only then is the session record removed.
//!
//! Invariants (beyond the parent module's):
//! - chunks of one session are applied one at a time (a lock per session in this process);
//! - files without a record (a crash between creating one and the other) are removed at start.
//!
//! Sessions live on this process's disk: only this process can use them (replicas use `shared.rs`).

use super::{drain, internal, live_record, Error, SessionRecord, REFUSED_BODY_DRAIN};
use crate::blobs::{Algorithm, BlobStore, Digest, Hasher};
use crate::space::Space;
use crate::store::{self, Record, Store, Table};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// What the store keeps of a session.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct UploadRecord {
    pub id: String,
    /// The repository name the session was started for.
    pub name: String,
    /// Milliseconds since the epoch when it started.
    pub started_ms: u64,
}

impl Record for UploadRecord {
    fn id(&self) -> &str {
        &self.id
    }
}

impl SessionRecord for UploadRecord {
    fn name(&self) -> &str {
        &self.name
    }

    fn started_ms(&self) -> u64 {
        self.started_ms
    }
}

/// The in-memory state of a session being written: the hash of the file's first `hashed` bytes.
struct Live {
    hasher: Hasher,
    hashed: u64,
}

/// Upload sessions in local files.
#[derive(Clone)]
pub struct LocalUploads {
    dir: PathBuf,
    table: Table<UploadRecord>,
    blobs: Arc<dyn BlobStore>,
    space: Option<Space>,
    ttl: Duration,
    /// One lock per session in use: chunks of a session are applied in turn. Entries are removed when the
    /// session completes or is cancelled; a stale one (session swept) only costs a few bytes until then.
    live: Arc<Mutex<HashMap<String, SessionLock>>>,
}

/// The lock of one session, guarding its hash state (`None` until the file was hashed in this process).
type SessionLock = Arc<tokio::sync::Mutex<Option<Live>>>;

/// How many bytes are read from a session file at a time when its hash is rebuilt.
const REHASH_CHUNK: usize = 1 << 20;

impl LocalUploads {
    /// Opens the sessions under `<data_dir>/upload-sessions`, removing files no record knows.
    pub async fn open(
        store: &Store,
        data_dir: &Path,
        blobs: Arc<dyn BlobStore>,
        space: Option<Space>,
        ttl: Duration,
    ) -> Result<LocalUploads, Error> {
        let dir = data_dir.join("upload-sessions");
        crate::data_dir::create(&dir)
            .map_err(|e| Error::Internal(anyhow::anyhow!("creating {}: {e}", dir.display())))?;
        let uploads = LocalUploads {
            dir,
            table: store.table("upload_sessions", &[])?,
            blobs,
            space,
            ttl,
            live: Arc::default(),
        };
        uploads.remove_strays().await?;
        Ok(uploads)
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }

    /// Removes session files whose record is gone (a crash after the file was made and before the record was
    /// written, or after the record was removed and before the file was).
    async fn remove_strays(&self) -> Result<(), Error> {
        let mut entries = tokio::fs::read_dir(&self.dir).await.map_err(internal)?;
        while let Some(entry) = entries.next_entry().await.map_err(internal)? {
            let name = entry.file_name().to_string_lossy().into_owned();
            if self.table.get(&name).await?.is_none() {
                tracing::info!(
                    session = name,
                    "removing the file of an unknown upload session"
                );
                let _ = tokio::fs::remove_file(entry.path()).await;
            }
        }
        Ok(())
    }

    /// Starts a session for repository `name`.
    pub async fn start(&self, name: &str) -> Result<UploadRecord, Error> {
        let record = UploadRecord {
            id: uuid::Uuid::now_v7().to_string(),
            name: name.to_string(),
            started_ms: crate::tasks::workers::now_ms(),
        };
        // Record first: a file without a record is removed at start, a record without a file reads as empty.
        self.table.put(&record).await?;
        tokio::fs::File::create(self.path(&record.id))
            .await
            .map_err(internal)?;
        Ok(record)
    }

    /// The session `id` of repository `name`, and how many bytes it holds.
    ///
    /// # Errors
    /// [`Error::UploadUnknown`] when there is no such session for that name.
    pub async fn status(&self, name: &str, id: &str) -> Result<u64, Error> {
        self.record(name, id).await?;
        self.len(id).await
    }

    async fn record(&self, name: &str, id: &str) -> Result<UploadRecord, Error> {
        live_record(&self.table, name, id, self.ttl).await
    }

    async fn len(&self, id: &str) -> Result<u64, Error> {
        match tokio::fs::metadata(self.path(id)).await {
            Ok(m) => Ok(m.len()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(internal(e)),
        }
    }

    fn lock(&self, id: &str) -> SessionLock {
        self.live
            .lock()
            .expect("upload locks are never poisoned")
            .entry(id.to_string())
            .or_default()
            .clone()
    }

    /// Appends `body` to session `id` of `name`. `start` is the first offset of a `Content-Range`, when the
    /// client sent one: it must equal the bytes already received. Returns the new length.
    ///
    /// # Errors
    /// [`Error::UploadUnknown`]; [`Error::RangeInvalid`] with the current length when `start` is not it;
    /// [`Error::SizeInvalid`] when the body is not `expected_len` bytes long (the chunk is then not kept);
    /// [`Error::InsufficientStorage`] below the free-space reserve.
    pub async fn append<S, E>(
        &self,
        name: &str,
        id: &str,
        start: Option<u64>,
        expected_len: Option<u64>,
        body: S,
    ) -> Result<u64, Error>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: std::fmt::Display,
    {
        self.record(name, id).await?;
        let lock = self.lock(id);
        let mut live = lock.lock().await;
        let len = self.len(id).await?;
        if let Some(start) = start.filter(|s| *s != len) {
            drop(live);
            // Read the refused chunk to its end (up to a bound) before answering: a client still sending it
            // would otherwise see the connection close under its request instead of reading the 416.
            drain(body, REFUSED_BODY_DRAIN).await;
            return Err(Error::RangeInvalid {
                len,
                why: format!("chunk starts at {start} but the upload holds {len} bytes"),
            });
        }
        if let (Some(space), Some(n)) = (&self.space, expected_len) {
            space.ensure(n)?;
        }
        self.catch_up(id, &mut live, len).await?;
        let mut file = tokio::fs::OpenOptions::new()
            .append(true)
            .open(self.path(id))
            .await
            .map_err(internal)?;
        let state = live.as_mut().expect("catch_up leaves a state");
        let mut body = std::pin::pin!(body);
        let mut written = 0u64;
        let outcome: Result<(), Error> = async {
            while let Some(chunk) = body.next().await {
                let chunk = chunk
                    .map_err(|e| Error::Incomplete(format!("the request body failed: {e}")))?;
                if expected_len.is_some_and(|n| written + chunk.len() as u64 > n) {
                    return Err(Error::SizeInvalid(
                        "the body is longer than its Content-Length".into(),
                    ));
                }
                file.write_all(&chunk).await.map_err(|e| {
                    if crate::space::is_out_of_space(&e) {
                        Error::Internal(anyhow::anyhow!("the disk is full: {e}"))
                    } else {
                        internal(e)
                    }
                })?;
                state.hasher.update(&chunk);
                written += chunk.len() as u64;
            }
            if let Some(n) = expected_len.filter(|n| *n != written) {
                return Err(Error::SizeInvalid(format!(
                    "the body has {written} bytes, its Content-Length says {n}"
                )));
            }
            Ok(())
        }
        .await;
        if let Err(e) = outcome {
            // Drop what this chunk added: the client resends it whole (a chunk is all or nothing).
            let _ = file.set_len(len).await;
            *live = None;
            return Err(e);
        }
        file.flush().await.map_err(internal)?;
        state.hashed = len + written;
        Ok(len + written)
    }

    /// Makes `live` the hash of the file's first `len` bytes, reading the file when the state is missing
    /// (after a restart) or describes another length.
    async fn catch_up(&self, id: &str, live: &mut Option<Live>, len: u64) -> Result<(), Error> {
        if live.as_ref().is_some_and(|l| l.hashed == len) {
            return Ok(());
        }
        let hasher = self.hash_file(id, len, Algorithm::Sha256).await?;
        *live = Some(Live {
            hasher,
            hashed: len,
        });
        Ok(())
    }

    /// A hasher that has seen the first `len` bytes of session `id`'s file.
    async fn hash_file(&self, id: &str, len: u64, algorithm: Algorithm) -> Result<Hasher, Error> {
        let path = self.path(id);
        tokio::task::spawn_blocking(move || -> std::io::Result<Hasher> {
            use std::io::Read;
            let mut hasher = Hasher::new(algorithm);
            let file = std::fs::File::open(&path)?;
            let mut reader = file.take(len);
            let mut buf = vec![0u8; REHASH_CHUNK];
            loop {
                let n = reader.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                hasher.update(&buf[..n]);
            }
            Ok(hasher)
        })
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("hashing an upload: {e}")))?
        .map_err(internal)
    }

    /// Completes session `id` of `name` as blob `digest`, after appending `body` (the final chunk, possibly
    /// empty). Returns the size.
    ///
    /// # Errors
    /// As [`LocalUploads::append`]; [`Error::DigestInvalid`] when the bytes do not hash to `digest` (nothing is
    /// stored; the session is kept).
    pub async fn complete<S, E>(
        &self,
        name: &str,
        id: &str,
        digest: &Digest,
        expected_len: Option<u64>,
        body: S,
    ) -> Result<u64, Error>
    where
        S: Stream<Item = Result<Bytes, E>> + Send,
        E: std::fmt::Display,
    {
        if expected_len != Some(0) {
            self.append(name, id, None, expected_len, body).await?;
        } else {
            self.record(name, id).await?;
        }
        let lock = self.lock(id);
        let mut live = lock.lock().await;
        let len = self.len(id).await?;
        let path = self.path(id);
        // sha256 as the bytes came; another algorithm (sha512, rare) by reading the file once more.
        let actual = if digest.algorithm() == Algorithm::Sha256 {
            self.catch_up(id, &mut live, len).await?;
            let state = live.as_ref().expect("catch_up leaves a state");
            state.hasher.clone().finish()
        } else {
            self.hash_file(id, len, digest.algorithm()).await?.finish()
        };
        if &actual != digest {
            return Err(Error::DigestInvalid(format!(
                "the upload's digest is {actual}, not {digest}"
            )));
        }
        self.blobs
            .adopt_verified(&path, digest, len)
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("storing blob {digest}: {e}")))?;
        *live = None;
        drop(live);
        self.forget(id).await?;
        Ok(len)
    }

    /// Cancels session `id` of `name`: its bytes are removed.
    pub async fn cancel(&self, name: &str, id: &str) -> Result<(), Error> {
        self.record(name, id).await?;
        let lock = self.lock(id);
        let _held = lock.lock().await;
        self.forget(id).await
    }

    /// Removes the record, then the file (a file left by a crash in between is removed at start).
    async fn forget(&self, id: &str) -> Result<(), Error> {
        self.table.remove(id).await?;
        match tokio::fs::remove_file(self.path(id)).await {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(internal(e)),
        }
        self.live
            .lock()
            .expect("upload locks are never poisoned")
            .remove(id);
        Ok(())
    }

    /// Removes sessions older than the TTL with their bytes; returns how many.
    pub async fn sweep(&self) -> Result<usize, Error> {
        let all = self.table.all("", store::Order::Asc).await?;
        let mut removed = 0;
        for r in all.iter().filter(|r| r.expired(self.ttl)) {
            let lock = self.lock(&r.id);
            let _held = lock.lock().await;
            self.forget(&r.id).await?;
            removed += 1;
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blobs::FsBlobStore;

    type Chunk = Result<Bytes, std::convert::Infallible>;

    fn body(bytes: &[u8]) -> impl Stream<Item = Chunk> + Send {
        // Many small pieces: the session writes and hashes them one by one.
        let pieces: Vec<Chunk> = bytes
            .chunks(7919)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        futures::stream::iter(pieces)
    }

    fn data(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 31 % 251) as u8).collect()
    }

    struct Fixture {
        _dir: tempfile::TempDir,
        data_dir: PathBuf,
        blobs: Arc<dyn BlobStore>,
    }

    impl Fixture {
        fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let data_dir = dir.path().to_path_buf();
            let blobs: Arc<dyn BlobStore> =
                Arc::new(FsBlobStore::open(data_dir.join("blobs")).unwrap());
            Fixture {
                _dir: dir,
                data_dir,
                blobs,
            }
        }

        /// The sessions as a freshly started daemon sees them (the store reopened from disk).
        async fn open(&self, store: &Store, ttl: Duration) -> LocalUploads {
            LocalUploads::open(store, &self.data_dir, self.blobs.clone(), None, ttl)
                .await
                .unwrap()
        }
    }

    const DAY: Duration = Duration::from_secs(86400);

    #[tokio::test]
    async fn chunks_in_order_complete_into_a_verified_blob() {
        let f = Fixture::new();
        let store = Store::open(&f.data_dir.join("metadata")).unwrap();
        let uploads = f.open(&store, DAY).await;
        // 5 MiB: far larger than any buffer on the way.
        let bytes = data(5 * 1024 * 1024 + 17);
        let digest = Digest::sha256_of(&bytes);
        let s = uploads.start("org/app").await.unwrap();
        let cuts = [0, 1_000_000, 3_333_333, bytes.len()];
        for w in cuts.windows(2) {
            let chunk = &bytes[w[0]..w[1]];
            let len = uploads
                .append(
                    "org/app",
                    &s.id,
                    Some(w[0] as u64),
                    Some(chunk.len() as u64),
                    body(chunk),
                )
                .await
                .unwrap();
            assert_eq!(len, w[1] as u64);
        }
        // Another repository cannot see or finish the session.
        assert!(matches!(
            uploads.status("org/other", &s.id).await,
            Err(Error::UploadUnknown)
        ));
        let size = uploads
            .complete("org/app", &s.id, &digest, Some(0), body(&[]))
            .await
            .unwrap();
        assert_eq!(size, bytes.len() as u64);
        assert_eq!(f.blobs.contains(&digest).await.unwrap(), Some(size));
        assert!(matches!(
            uploads.status("org/app", &s.id).await,
            Err(Error::UploadUnknown)
        ));
        assert!(!f.data_dir.join("upload-sessions").join(&s.id).exists());
    }

    #[tokio::test]
    async fn a_sha512_upload_verifies_with_sha512() {
        let f = Fixture::new();
        let store = Store::open(&f.data_dir.join("metadata")).unwrap();
        let uploads = f.open(&store, DAY).await;
        let bytes = data(2 * 1024 * 1024 + 3);
        let s = uploads.start("a").await.unwrap();
        uploads
            .append("a", &s.id, None, None, body(&bytes))
            .await
            .unwrap();
        let sha512 = Digest::of(Algorithm::Sha512, &bytes);
        uploads
            .complete("a", &s.id, &sha512, Some(0), body(&[]))
            .await
            .unwrap();
        assert_eq!(
            f.blobs.contains(&sha512).await.unwrap(),
            Some(bytes.len() as u64)
        );
    }

    #[tokio::test]
    async fn an_out_of_order_chunk_is_refused_with_the_current_range() {
        let f = Fixture::new();
        let store = Store::open(&f.data_dir.join("metadata")).unwrap();
        let uploads = f.open(&store, DAY).await;
        let s = uploads.start("a").await.unwrap();
        uploads
            .append("a", &s.id, Some(0), Some(10), body(&[1; 10]))
            .await
            .unwrap();
        for start in [0, 5, 11] {
            match uploads
                .append("a", &s.id, Some(start), Some(3), body(&[2; 3]))
                .await
            {
                Err(Error::RangeInvalid { len, .. }) => assert_eq!(len, 10),
                other => panic!("chunk at {start}: {other:?}"),
            }
        }
        assert_eq!(uploads.status("a", &s.id).await.unwrap(), 10);
    }

    #[tokio::test]
    async fn a_chunk_shorter_than_its_length_is_not_kept() {
        let f = Fixture::new();
        let store = Store::open(&f.data_dir.join("metadata")).unwrap();
        let uploads = f.open(&store, DAY).await;
        let s = uploads.start("a").await.unwrap();
        uploads
            .append("a", &s.id, None, None, body(&[1; 10]))
            .await
            .unwrap();
        let short = uploads
            .append("a", &s.id, Some(10), Some(100), body(&[2; 60]))
            .await;
        assert!(matches!(short, Err(Error::SizeInvalid(_))), "{short:?}");
        assert_eq!(uploads.status("a", &s.id).await.unwrap(), 10);
        let mut all = vec![1u8; 10];
        all.extend([3u8; 5]);
        uploads
            .append("a", &s.id, Some(10), Some(5), body(&[3; 5]))
            .await
            .unwrap();
        uploads
            .complete("a", &s.id, &Digest::sha256_of(&all), None, body(&[]))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_session_survives_a_restart_and_the_resumed_upload_verifies() {
        let f = Fixture::new();
        let bytes = data(3 * 1024 * 1024);
        let half = bytes.len() / 2;
        let id = {
            let store = Store::open(&f.data_dir.join("metadata")).unwrap();
            let uploads = f.open(&store, DAY).await;
            let s = uploads.start("a").await.unwrap();
            uploads
                .append("a", &s.id, Some(0), None, body(&bytes[..half]))
                .await
                .unwrap();
            store.flush().await.unwrap();
            s.id
        };
        let store = Store::open(&f.data_dir.join("metadata")).unwrap();
        let uploads = f.open(&store, DAY).await;
        assert_eq!(uploads.status("a", &id).await.unwrap(), half as u64);
        uploads
            .append("a", &id, Some(half as u64), None, body(&bytes[half..]))
            .await
            .unwrap();
        // A wrong digest stores nothing and keeps the session.
        let wrong = Digest::sha256_of(b"something else");
        let refused = uploads.complete("a", &id, &wrong, Some(0), body(&[])).await;
        assert!(
            matches!(refused, Err(Error::DigestInvalid(_))),
            "{refused:?}"
        );
        assert_eq!(f.blobs.contains(&wrong).await.unwrap(), None);
        let digest = Digest::sha256_of(&bytes);
        uploads
            .complete("a", &id, &digest, Some(0), body(&[]))
            .await
            .unwrap();
        let read = f.blobs.open(&digest, None).await.unwrap();
        assert_eq!(read.size, bytes.len() as u64);
    }

    #[tokio::test]
    async fn cancelled_and_expired_sessions_leave_no_bytes() {
        let f = Fixture::new();
        let store = Store::open(&f.data_dir.join("metadata")).unwrap();
        let uploads = f.open(&store, DAY).await;
        let s = uploads.start("a").await.unwrap();
        uploads
            .append("a", &s.id, None, None, body(&[1; 100]))
            .await
            .unwrap();
        uploads.cancel("a", &s.id).await.unwrap();
        assert!(!f.data_dir.join("upload-sessions").join(&s.id).exists());
        assert!(matches!(
            uploads.status("a", &s.id).await,
            Err(Error::UploadUnknown)
        ));

        let expiring = f.open(&store, Duration::ZERO).await;
        let s = expiring.start("a").await.unwrap();
        // A TTL of zero: the session is expired as soon as a millisecond has passed.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while expiring.sweep().await.unwrap() == 0 {
            assert!(std::time::Instant::now() < deadline, "never expired");
            tokio::task::yield_now().await;
        }
        assert!(!f.data_dir.join("upload-sessions").join(&s.id).exists());
    }
}
