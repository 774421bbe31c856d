//! Content-addressed blob storage: layers, configs and manifests' bytes, stored by their [`Digest`] (sha256 or
//! sha512).
//!
//! Owns: the [`BlobStore`] trait (what the domain sees), [`BlobWriter`] (hash-while-writing and verification,
//! shared by every backend), [`ByteRange`] (HTTP `Range` semantics resolved against a blob's size), and the
//! backends [`FsBlobStore`] (files, the default) and [`S3BlobStore`] (an S3-compatible bucket), and
//! [`SessionParts`] (the chunks of upload sessions in shared storage). It does not know which repository references a blob, nor when a blob
//! may be deleted: that is the metadata store's and the content module's business.
//!
//! # Invariants
//! - **A blob is visible (`contains`, `open`) only after its digest was verified.** Every write goes through a
//!   [`BlobWriter`], which hashes each chunk as it passes and calls [`BlobSink::persist`] only when the size and
//!   the digest match. The filesystem backend writes to `uploads/<uuid>` and renames into
//!   `<algorithm>/<2 hex>/<hex>` (`sha256/…` or `sha512/…`) after `fsync`, so a crash leaves either nothing or a
//!   complete, verified file.
//! - **A blob is hashed once, with its own algorithm.** A writer given an expected digest hashes with that
//!   digest's algorithm (sha256 when none is given), so a sha512 blob costs one sha512 pass, not two hashes.
//! - **An abandoned write leaves nothing behind.** Dropping a [`BlobWriter`] (error, client gone, task
//!   cancelled) drops its sink, and the filesystem sink's guard deletes the temporary file. A killed daemon may
//!   leave files in `uploads/`; [`BlobStore::startup_cleanup`] removes them.
//! - **Committing is idempotent.** Content addressing means an existing target already holds these bytes, so a
//!   second commit of the same digest discards its temporary file and succeeds.
//! - **Nothing buffers a whole blob.** Writes stream through a bounded buffer; reads stream from the file.
//!
//! # Trait shape
//! [`BlobStore`] is object-safe and held as `Arc<dyn BlobStore>`; each backend is one file. `async-trait` is not a dependency, so methods return [`BoxFuture`]. Verification is *not*
//! the backend's job: a backend only supplies a [`BlobSink`] (append bytes; persist under a digest; discard on
//! drop) and [`BlobWriter`] does the hashing and checks, so no backend can forget them.

mod digest;
mod fs;
mod parts;
mod read_buffers;
mod s3;
#[cfg(test)]
mod tests;
#[doc(hidden)]
pub mod testsuite;

pub use digest::{Algorithm, Digest, Hasher, SHA256, SHA512};
pub use fs::FsBlobStore;
pub use parts::{PartWriter, SessionParts};
pub use s3::{ConfigError as S3ConfigError, S3BlobStore, S3Config};

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use bytes::Bytes;
use futures::{Stream, StreamExt};
use tokio::io::AsyncRead;

/// A boxed, sendable future: the return type of [`BlobStore`] and [`BlobSink`] methods (no `async-trait`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Any error from a source stream feeding a [`BlobWriter`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Size of the chunks [`BlobRead::into_stream`] yields: large enough that a 1 GiB layer is ~4000 chunks (each one
/// a blocking read on tokio's pool), small enough that many concurrent downloads stay within a few MiB each.
pub const READ_CHUNK: usize = 256 * 1024;

/// Up to `len` bytes taken off the front of `chunks`, in order (a chunk that straddles `len` is split, its
/// rest left in front): the filesystem sink's aligned writes and the S3 sink's parts.
fn take_front(chunks: &mut std::collections::VecDeque<Bytes>, len: usize) -> Vec<Bytes> {
    let mut taken = Vec::new();
    let mut left = len;
    while left > 0 {
        let Some(mut chunk) = chunks.pop_front() else {
            break;
        };
        if chunk.len() > left {
            chunks.push_front(chunk.split_off(left));
        }
        left -= chunk.len();
        taken.push(chunk);
    }
    taken
}

/// Errors of the blob store, by condition.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A string that should be a digest is not `sha256:<64 lowercase hex>` or `sha512:<128 lowercase hex>`.
    #[error("invalid digest {input:?}: {reason}")]
    InvalidDigest { input: String, reason: String },
    /// No blob with this digest is stored.
    #[error("blob {digest} not found")]
    NotFound { digest: Digest },
    /// The bytes written hash to `actual`, not to the `expected` digest; nothing was stored.
    #[error("blob digest mismatch: expected {expected}, got {actual}")]
    DigestMismatch { expected: Digest, actual: Digest },
    /// The number of bytes written differs from the expected size; nothing was stored. When the writer stops
    /// early because too many bytes arrived, `actual` is the count received so far.
    #[error("blob size mismatch: expected {expected} bytes, got {actual}")]
    SizeMismatch { expected: u64, actual: u64 },
    /// A `Range` header value this store does not understand (only one `bytes=` range is supported).
    #[error("invalid range {input:?}: {reason}")]
    InvalidRange { input: String, reason: String },
    /// The range lies outside the blob (HTTP 416; answer with `Content-Range: bytes */{size}`).
    #[error("range not satisfiable for a blob of {size} bytes")]
    RangeNotSatisfiable { size: u64 },
    /// The stream feeding [`BlobWriter::write_stream`] failed; nothing was stored.
    #[error("blob source failed: {0}")]
    SourceFailed(#[source] BoxError),
    /// A write on this writer already failed, so the bytes on disk may not match the hash; start over.
    #[error("blob writer is unusable after an earlier error")]
    WriterFailed,
    /// Writing would leave less than the free-space reserve, or the file system is full (HTTP 507); nothing
    /// was stored.
    #[error(transparent)]
    InsufficientStorage(#[from] crate::space::InsufficientStorage),
    /// A request to the S3-compatible object store failed. Keys are internal, as paths are. (Boxed: the
    /// client's error is large, and this enum travels in every `Result` of the layers above.)
    #[error("{action} {key}: {source}")]
    Remote {
        action: &'static str,
        key: String,
        #[source]
        source: Box<object_store::Error>,
    },
    /// A filesystem operation failed. Paths are internal: the HTTP edge logs this and answers an opaque 500.
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A requested byte range, as in an HTTP `Range: bytes=...` header (one range only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteRange {
    /// `bytes=<start>-`: from `start` to the end.
    From(u64),
    /// `bytes=<start>-<end>`: `end` is inclusive and may exceed the blob (it is clamped).
    Inclusive { start: u64, end: u64 },
    /// `bytes=-<n>`: the last `n` bytes.
    Suffix(u64),
}

impl ByteRange {
    /// Parses a `Range` header value such as `bytes=0-99`, `bytes=100-` or `bytes=-500`.
    ///
    /// # Errors
    /// [`Error::InvalidRange`] for other units, several ranges, or malformed numbers. RFC 9110 lets a server
    /// ignore such a header and send the whole blob, which is what a caller may choose to do on this error.
    pub fn parse_header(value: &str) -> Result<Self, Error> {
        let invalid = |reason: &str| Error::InvalidRange {
            input: value.chars().take(100).collect(),
            reason: reason.to_owned(),
        };
        let spec = value
            .trim()
            .strip_prefix("bytes=")
            .ok_or_else(|| invalid("only the bytes unit is supported"))?;
        if spec.contains(',') {
            return Err(invalid("multiple ranges are not supported"));
        }
        let (start, end) = spec
            .split_once('-')
            .ok_or_else(|| invalid("expected <start>-<end>"))?;
        let number = |s: &str| s.trim().parse::<u64>().map_err(|_| invalid("not a number"));
        match (start.trim().is_empty(), end.trim().is_empty()) {
            (true, true) => Err(invalid("empty range")),
            (true, false) => Ok(Self::Suffix(number(end)?)),
            (false, true) => Ok(Self::From(number(start)?)),
            (false, false) => {
                let (start, end) = (number(start)?, number(end)?);
                if end < start {
                    return Err(invalid("end before start"));
                }
                Ok(Self::Inclusive { start, end })
            }
        }
    }

    /// Resolves the range against a blob of `size` bytes into `(offset, length)`, following RFC 9110 §14.1.2:
    /// an end past the blob is clamped, a suffix longer than the blob means the whole blob.
    ///
    /// # Errors
    /// [`Error::RangeNotSatisfiable`] when the range selects no byte (start at or past the end, empty suffix,
    /// empty blob).
    pub fn resolve(self, size: u64) -> Result<(u64, u64), Error> {
        let unsatisfiable = Error::RangeNotSatisfiable { size };
        match self {
            Self::From(start) if start < size => Ok((start, size - start)),
            Self::Inclusive { start, end } if start < size && start <= end => {
                Ok((start, end.min(size - 1) - start + 1))
            }
            Self::Suffix(n) if n > 0 && size > 0 => {
                let n = n.min(size);
                Ok((size - n, n))
            }
            _ => Err(unsatisfiable),
        }
    }
}

/// `(start, Option<end inclusive>)`, the shape of a parsed `bytes=start-[end]` header.
impl From<(u64, Option<u64>)> for ByteRange {
    fn from((start, end): (u64, Option<u64>)) -> Self {
        match end {
            Some(end) => Self::Inclusive { start, end },
            None => Self::From(start),
        }
    }
}

/// The bytes of a [`BlobRead`], in order.
pub type Chunks = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>;

/// An open blob (or a range of it), ready to stream.
pub struct BlobRead {
    /// Yields exactly `len` bytes starting at `offset`, in chunks of at most [`READ_CHUNK`] bytes.
    chunks: Chunks,
    /// First byte of the range within the blob (0 for a whole-blob read).
    pub offset: u64,
    /// Number of bytes the read yields (`Content-Length` of the response).
    pub len: u64,
    /// Size of the whole blob (the `/size` part of `Content-Range`).
    pub size: u64,
    /// The verified local file the bytes are read from, when there is one (the filesystem backend): a server
    /// may send `len` bytes of it at `offset` itself (sendfile) instead of streaming `chunks`.
    file: Option<std::sync::Arc<std::fs::File>>,
}

impl BlobRead {
    pub fn new(
        chunks: impl Stream<Item = std::io::Result<Bytes>> + Send + 'static,
        offset: u64,
        len: u64,
        size: u64,
    ) -> BlobRead {
        BlobRead {
            chunks: Box::pin(chunks),
            offset,
            len,
            size,
            file: None,
        }
    }

    /// Records that the bytes are `len` bytes at `offset` of `file`, a complete, verified blob file that never
    /// changes (see [`BlobRead::file`]).
    pub fn with_file(mut self, file: std::sync::Arc<std::fs::File>) -> Self {
        self.file = Some(file);
        self
    }

    /// The verified local file holding the blob, if the backend has one: the read's bytes are its `len` bytes
    /// at `offset`. `None` for remote stores and for blobs still being downloaded.
    pub fn file(&self) -> Option<&std::sync::Arc<std::fs::File>> {
        self.file.as_ref()
    }

    /// Last byte of the range, inclusive, as in `Content-Range: bytes <offset>-<last>/<size>`; `None` when the
    /// read is empty.
    pub fn last(&self) -> Option<u64> {
        (self.len > 0).then(|| self.offset + self.len - 1)
    }

    /// The bytes as a stream of chunks, e.g. for an HTTP response body: each chunk is passed on as it was
    /// read, with no copy.
    pub fn into_stream(self) -> Chunks {
        self.chunks
    }

    /// The bytes as an [`AsyncRead`], for callers that read in their own pieces.
    pub fn into_reader(self) -> impl AsyncRead + Send + Unpin {
        tokio_util::io::StreamReader::new(self.chunks)
    }
}

/// `n` bytes of `file` at `pos` (blocking: call it on tokio's blocking pool), in a reused read buffer.
pub(crate) fn read_chunk_at(file: &std::fs::File, pos: u64, n: usize) -> std::io::Result<Bytes> {
    use std::os::unix::fs::FileExt;
    let mut buf = read_buffers::take(n);
    file.read_exact_at(buf.as_mut(), pos)?;
    Ok(buf.into_bytes())
}

/// The bytes `[start, end)` of `file` in chunks of at most [`READ_CHUNK`], each one `pread` on tokio's blocking
/// pool straight into the buffer that is passed on. The next chunk is read while the caller sends the current
/// one, so a single stream is not a chain of blocking-pool round trips.
pub(crate) fn file_chunks(
    file: std::sync::Arc<std::fs::File>,
    start: u64,
    end: u64,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    type Pending = tokio::task::JoinHandle<std::io::Result<Bytes>>;
    let read = move |file: &std::sync::Arc<std::fs::File>, pos: u64| -> Pending {
        let (file, n) = (file.clone(), (end - pos).min(READ_CHUNK as u64) as usize);
        tokio::task::spawn_blocking(move || read_chunk_at(&file, pos, n))
    };
    futures::stream::try_unfold(
        (file, start, None::<Pending>),
        move |(file, pos, next)| async move {
            if pos >= end {
                return Ok(None);
            }
            let chunk = next
                .unwrap_or_else(|| read(&file, pos))
                .await
                .map_err(std::io::Error::other)??;
            let pos = pos + chunk.len() as u64;
            let next = (pos < end).then(|| read(&file, pos));
            Ok(Some((chunk, (file, pos, next))))
        },
    )
}

impl std::fmt::Debug for BlobRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobRead")
            .field("offset", &self.offset)
            .field("len", &self.len)
            .field("size", &self.size)
            .field("file", &self.file.is_some())
            .finish_non_exhaustive()
    }
}

/// A blob as [`BlobStore::list`] reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub digest: Digest,
    pub size: u64,
    /// Milliseconds since the epoch when it was written (`None` when the backend cannot tell: counts as old).
    pub modified_ms: Option<u64>,
}

/// Content-addressed blob storage. Object-safe: hold it as `Arc<dyn BlobStore>`.
///
/// Implementations: [`FsBlobStore`], [`S3BlobStore`]. Every implementation must pass the conformance suite in
/// `blobs/testsuite.rs`.
pub trait BlobStore: Send + Sync + 'static {
    /// The size of the blob if it is stored, `None` if not.
    fn contains<'a>(&'a self, digest: &'a Digest) -> BoxFuture<'a, Result<Option<u64>, Error>>;

    /// Opens the blob for streaming, the whole of it or `range`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when absent; [`Error::RangeNotSatisfiable`] when `range` selects no byte.
    fn open<'a>(
        &'a self,
        digest: &'a Digest,
        range: Option<ByteRange>,
    ) -> BoxFuture<'a, Result<BlobRead, Error>>;

    /// Starts a write. With `expected`, [`BlobWriter::commit`] fails unless the bytes hash to it (with its
    /// algorithm; without it the blob is stored under its sha256); with `expected_size`, it fails unless exactly
    /// that many bytes were written (and writing more fails at once).
    fn writer<'a>(
        &'a self,
        expected: Option<&'a Digest>,
        expected_size: Option<u64>,
    ) -> BoxFuture<'a, Result<BlobWriter, Error>>;

    /// Removes the blob; `Ok(false)` if it was not there. Readers that already opened it finish their read.
    fn delete<'a>(&'a self, digest: &'a Digest) -> BoxFuture<'a, Result<bool, Error>>;

    /// Stores the file at `path` (`size` bytes) as blob `digest`, consuming the file (it is gone afterwards, or
    /// left for the caller to remove when this fails). For upload sessions, whose bytes arrived in chunks and were
    /// hashed as they came: the **caller** has verified that the file hashes to `digest`.
    ///
    /// The default copies the file through a verifying [`BlobWriter`] (so it is checked once more) and removes
    /// it; the filesystem backend renames it into place instead (no copy, no second hash).
    fn adopt_verified<'a>(
        &'a self,
        path: &'a std::path::Path,
        digest: &'a Digest,
        size: u64,
    ) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            let io = |action: &'static str| {
                move |source| Error::Io {
                    action,
                    path: path.to_path_buf(),
                    source,
                }
            };
            let file = tokio::fs::File::open(path).await.map_err(io("opening"))?;
            let mut writer = self.writer(Some(digest), Some(size)).await?;
            writer
                .write_stream(tokio_util::io::ReaderStream::with_capacity(file, 1 << 20))
                .await?;
            writer.commit().await?;
            tokio::fs::remove_file(path).await.map_err(io("removing"))?;
            Ok(())
        })
    }

    /// Where upload sessions keep their chunks when they must be usable from every replica: the part objects
    /// of a shared backend (S3); `None` (the default) for local storage, whose sessions stay in local files.
    fn session_parts(&self) -> Option<std::sync::Arc<dyn SessionParts>> {
        None
    }

    /// Whether [`BlobStore::signed_get_url`] can give URLs (a remote store), so `--blob-redirect` can be refused
    /// at start on a store that cannot.
    fn can_sign(&self) -> bool {
        false
    }

    /// A URL that lets its bearer GET the stored blob `digest` straight from the storage for `expires_in`,
    /// without credentials of its own (an S3 presigned URL); `None` when this backend has no such URL (files).
    /// Signing is local: it neither asks the storage nor checks that the blob exists.
    fn signed_get_url<'a>(
        &'a self,
        digest: &'a Digest,
        expires_in: std::time::Duration,
    ) -> BoxFuture<'a, Result<Option<String>, Error>> {
        let _ = (digest, expires_in);
        Box::pin(async { Ok(None) })
    }

    /// Checks that the storage answers (a remote bucket exists and takes these credentials); call it at
    /// startup so a misconfigured daemon stops at once. The default (local storage) has nothing to check.
    fn check(&self) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async { Ok(()) })
    }

    /// Every verified blob stored, with its size and when it was written (for orphan cleanup, which removes the
    /// files no record points at). A blob written while the listing runs may or may not be in it.
    fn list(&self) -> BoxFuture<'_, Result<Vec<StoredBlob>, Error>>;

    /// Removes leftovers of writes interrupted by a killed daemon; returns how many were removed. Call it once at
    /// startup, before any writer exists: it would delete the files of writes in progress.
    fn startup_cleanup(&self) -> BoxFuture<'_, Result<usize, Error>>;
}

impl dyn BlobStore {
    /// Writes a whole stream as one blob and commits it; see [`BlobWriter::write_stream`] and
    /// [`BlobWriter::commit`]. Returns the digest and size.
    ///
    /// # Errors
    /// [`Error::SourceFailed`] when the stream yields an error; [`Error::DigestMismatch`] /
    /// [`Error::SizeMismatch`] when `expected` / `expected_size` do not match. Nothing is stored in any of
    /// these cases.
    ///
    /// # Cancel safety
    /// Dropping the future discards the partial blob.
    pub async fn put_stream<S, B, E>(
        &self,
        expected: Option<&Digest>,
        expected_size: Option<u64>,
        stream: S,
    ) -> Result<(Digest, u64), Error>
    where
        S: Stream<Item = Result<B, E>> + Send,
        B: AsRef<[u8]>,
        E: Into<BoxError>,
    {
        let mut writer = self.writer(expected, expected_size).await?;
        writer.write_stream(stream).await?;
        writer.commit().await
    }
}

/// A backend's destination for the bytes of one write: the only thing a new [`BlobStore`] implementation has
/// to provide for writing. [`BlobWriter`] hashes and verifies; the sink only stores.
///
/// Dropping a sink without calling [`BlobSink::persist`] must discard everything written (the "nothing left
/// behind" invariant).
pub trait BlobSink: Send {
    /// Appends `chunk`. After an error the writer stops using the sink (it is dropped, i.e. discarded).
    fn write<'a>(&'a mut self, chunk: &'a [u8]) -> BoxFuture<'a, Result<(), Error>>;

    /// Appends `chunk`, which the sink may keep instead of copying it. The default copies it through
    /// [`write`](Self::write).
    fn write_bytes(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move { self.write(&chunk).await })
    }

    /// Makes the bytes written durable and visible under `digest`. Called by [`BlobWriter::commit`] only, and
    /// only after the bytes were verified to hash to `digest`. If the digest is already stored, the sink
    /// discards its bytes and succeeds.
    fn persist(self: Box<Self>, digest: Digest) -> BoxFuture<'static, Result<(), Error>>;

    /// Hands every byte accepted so far to the backend's storage (not durably: no `fsync`), so a handle from
    /// [`BlobSink::open_spool`] reads them. The default does nothing, for backends without a local spool.
    fn flush(&mut self) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async { Ok(()) })
    }

    /// A read handle on the bytes being written, for streaming them to readers while the write goes on
    /// (pull-through single flight); `None` when the backend has no local file. The bytes are **unverified**
    /// until [`BlobWriter::commit`] succeeds; the handle stays valid after the commit renames the file and after a
    /// drop deletes it.
    fn open_spool(&mut self) -> BoxFuture<'_, Result<Option<std::fs::File>, Error>> {
        Box::pin(async { Ok(None) })
    }
}

/// One blob being written: hashes every chunk as it passes to the backend's [`BlobSink`], then verifies on
/// [`commit`](Self::commit). Dropping it discards the partial blob.
pub struct BlobWriter {
    /// Where the bytes go; `None` once a write failed (the sink is dropped right away, discarding its bytes).
    sink: Option<Box<dyn BlobSink>>,
    /// Hash of exactly the bytes the sink accepted, in order, with the algorithm of `expected` (sha256 when
    /// no digest is expected).
    hasher: Hasher,
    /// Bytes the sink accepted so far.
    written: u64,
    /// Digest the bytes must hash to, when the caller knows it (uploads with `?digest=`, upstream fetches).
    expected: Option<Digest>,
    /// Exact size the blob must have, when known (manifest descriptors, `Content-Length`).
    expected_size: Option<u64>,
}

impl BlobWriter {
    /// Wraps a backend's sink. Backends call this from [`BlobStore::writer`]. The bytes are hashed with the
    /// algorithm of `expected`, sha256 when it is `None`.
    pub fn new(
        sink: Box<dyn BlobSink>,
        expected: Option<Digest>,
        expected_size: Option<u64>,
    ) -> Self {
        let algorithm = expected
            .as_ref()
            .map_or(Algorithm::Sha256, Digest::algorithm);
        Self {
            sink: Some(sink),
            hasher: Hasher::new(algorithm),
            written: 0,
            expected,
            expected_size,
        }
    }

    /// Bytes written so far (the `Range: 0-<written-1>` of an upload in progress).
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The digest this writer must produce, if one was given.
    pub fn expected(&self) -> Option<&Digest> {
        self.expected.as_ref()
    }

    /// Appends a chunk.
    ///
    /// # Errors
    /// [`Error::SizeMismatch`] as soon as the bytes exceed `expected_size`; [`Error::Io`] from the backend;
    /// [`Error::WriterFailed`] after any earlier error. After an error the partial blob is already discarded.
    ///
    /// # Cancel safety
    /// Not cancel safe: if the future is dropped mid-write the sink may hold part of `chunk`, so drop the
    /// writer too (which discards everything).
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let total = self.size_after(chunk.len())?;
        let sink = self.sink.as_mut().ok_or(Error::WriterFailed)?;
        if let Err(err) = sink.write(chunk).await {
            self.sink = None;
            return Err(err);
        }
        // Hash only after the sink accepted the chunk, so the hash covers exactly the bytes stored.
        self.hasher.update(chunk);
        self.written = total;
        Ok(())
    }

    /// The size once `len` more bytes are written; fails (discarding the blob) past `expected_size`, and
    /// after an earlier error.
    fn size_after(&mut self, len: usize) -> Result<u64, Error> {
        if self.sink.is_none() {
            return Err(Error::WriterFailed);
        }
        let total = self.written + len as u64;
        if let Some(expected) = self.expected_size.filter(|&size| total > size) {
            self.sink = None;
            return Err(Error::SizeMismatch {
                expected,
                actual: total,
            });
        }
        Ok(total)
    }

    /// As [`write`](Self::write), for a chunk the backend may keep without copying it (a received body chunk).
    ///
    /// # Errors
    /// As [`write`](Self::write).
    pub async fn write_bytes(&mut self, chunk: Bytes) -> Result<(), Error> {
        let total = self.size_after(chunk.len())?;
        let sink = self.sink.as_mut().ok_or(Error::WriterFailed)?;
        // Hashed before the sink takes the chunk (it may hold it); a failing sink discards the whole blob, so
        // the hash never describes bytes that were not stored.
        self.hasher.update(&chunk);
        if let Err(err) = sink.write_bytes(chunk).await {
            self.sink = None;
            return Err(err);
        }
        self.written = total;
        Ok(())
    }

    /// Pushes the bytes written so far to the backend so that [`spool`](Self::spool) handles read them (see
    /// [`BlobSink::flush`]).
    ///
    /// # Errors
    /// [`Error::Io`] from the backend (the partial blob is then discarded); [`Error::WriterFailed`] after any
    /// earlier error.
    pub async fn flush(&mut self) -> Result<(), Error> {
        let Some(sink) = self.sink.as_mut() else {
            return Err(Error::WriterFailed);
        };
        if let Err(err) = sink.flush().await {
            self.sink = None;
            return Err(err);
        }
        Ok(())
    }

    /// A read handle on the temporary file, for readers that follow the write as it goes; `None` when the
    /// backend keeps no local file. What it reads is unverified until [`commit`](Self::commit) succeeds, so a
    /// caller must not pass the last bytes on before that (pull-through withholds its last chunk).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be opened; [`Error::WriterFailed`] after an earlier error.
    pub async fn spool(&mut self) -> Result<Option<std::fs::File>, Error> {
        match self.sink.as_mut() {
            Some(sink) => sink.open_spool().await,
            None => Err(Error::WriterFailed),
        }
    }

    /// Writes every chunk of `stream`, in order (does not commit).
    ///
    /// # Errors
    /// As [`write`](Self::write), plus [`Error::SourceFailed`] when the stream yields an error; the partial blob
    /// is then discarded.
    pub async fn write_stream<S, B, E>(&mut self, stream: S) -> Result<(), Error>
    where
        S: Stream<Item = Result<B, E>> + Send,
        B: AsRef<[u8]>,
        E: Into<BoxError>,
    {
        let mut stream = std::pin::pin!(stream);
        while let Some(item) = stream.next().await {
            match item {
                Ok(chunk) => self.write(chunk.as_ref()).await?,
                Err(err) => {
                    self.sink = None;
                    return Err(Error::SourceFailed(err.into()));
                }
            }
        }
        Ok(())
    }

    /// Verifies size and digest, then makes the blob durable and visible. Returns the digest and size.
    ///
    /// # Errors
    /// [`Error::SizeMismatch`] / [`Error::DigestMismatch`] (nothing is stored); [`Error::WriterFailed`] after an
    /// earlier write error; [`Error::Io`] from the backend.
    ///
    /// # Cancel safety
    /// If dropped before the backend's rename, nothing is stored; after it, the blob is stored and complete.
    pub async fn commit(self) -> Result<(Digest, u64), Error> {
        self.commit_verified(|_| {}).await
    }

    /// Like [`BlobWriter::commit`], calling `on_verified(size)` once the size and digest have matched and before
    /// the backend persists the blob (fsync and rename, which can take long for a large blob). Readers of a
    /// spool can be handed the verified tail then instead of waiting for durability.
    ///
    /// # Errors
    /// As [`BlobWriter::commit`]; `on_verified` is not called when verification fails.
    pub async fn commit_verified(
        self,
        on_verified: impl FnOnce(u64) + Send,
    ) -> Result<(Digest, u64), Error> {
        let Self {
            sink,
            hasher,
            written,
            expected,
            expected_size,
        } = self;
        // Each early return drops `sink`, which discards the bytes.
        let sink = sink.ok_or(Error::WriterFailed)?;
        if let Some(expected) = expected_size.filter(|&size| size != written) {
            return Err(Error::SizeMismatch {
                expected,
                actual: written,
            });
        }
        let actual = hasher.finish();
        if let Some(expected) = expected.filter(|expected| *expected != actual) {
            return Err(Error::DigestMismatch { expected, actual });
        }
        on_verified(written);
        sink.persist(actual.clone()).await?;
        Ok((actual, written))
    }
}

impl std::fmt::Debug for BlobWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobWriter")
            .field("written", &self.written)
            .field("expected", &self.expected)
            .field("expected_size", &self.expected_size)
            .field("failed", &self.sink.is_none())
            .finish()
    }
}
