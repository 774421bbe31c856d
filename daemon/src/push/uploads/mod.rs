//! Blob upload sessions (`POST /v2/<name>/blobs/uploads/`, `PATCH`, `PUT ?digest=`, `GET`, `DELETE`): bytes a
//! client sends in one or more chunks before it says which digest they have.
//!
//! Two implementations behind one [`Uploads`], chosen by where blobs live:
//! - [`local`] (filesystem blobs, the embedded default): each session is a file in the data dir, its length the
//!   session's length, hashed as the chunks arrive. One process owns the data dir, so nothing else could reach
//!   the file anyway; it is the fastest (no per-chunk metadata write, a rename on completion).
//! - [`shared`] (a blob store with [`crate::blobs::SessionParts`], i.e. S3): each chunk is one part object in
//!   the bucket and the session record in the metadata store holds the length and the ordered parts, extended by
//!   compare-and-swap. Every replica on the same database and bucket sees the same session, so a load balancer
//!   needs no affinity: `POST`, each `PATCH`, `GET`, `PUT` and `DELETE` may each reach another replica.
//!
//! Invariants, in both:
//! - a chunk is acknowledged only once it is durable (in the file, or as a finished part named by the record);
//! - a chunk applies only at the session's current length: an out-of-order, overlapping or racing chunk is
//!   refused with the current range ([`Error::RangeInvalid`]) and leaves nothing behind; the refused body is read
//!   to its end (up to a bound) first, so the client reads the 416 instead of a reset;
//! - a blob becomes visible only with bytes that hash to its digest (`DIGEST_INVALID` keeps the session so the
//!   client may retry or cancel);
//! - a session belongs to one repository name: another name cannot read, extend or complete it;
//! - sessions older than the TTL are removed with their bytes by [`Uploads::sweep`], which every replica runs.

mod local;
mod shared;

pub use local::UploadRecord;
pub use shared::{SharedRecord, SharedUploads};

use super::Error;
use crate::blobs::{BlobStore, Digest};
use crate::space::Space;
use crate::store::{Record, Store, Table};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The upload sessions service.
#[derive(Clone)]
pub struct Uploads {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    Local(local::LocalUploads),
    Shared(SharedUploads),
}

impl Uploads {
    /// Opens the sessions: in the bucket's part objects when `blobs` has them (see the module doc), else in
    /// `<data_dir>/upload-sessions` (removing files no record knows).
    pub async fn open(
        store: &Store,
        data_dir: &Path,
        blobs: Arc<dyn BlobStore>,
        space: Option<Space>,
        ttl: Duration,
    ) -> Result<Uploads, Error> {
        let backend = match blobs.session_parts() {
            Some(parts) => Backend::Shared(SharedUploads::open(store, blobs, parts, ttl)?),
            None => {
                Backend::Local(local::LocalUploads::open(store, data_dir, blobs, space, ttl).await?)
            }
        };
        Ok(Uploads { backend })
    }

    /// Whether sessions are usable from every replica (kept in shared storage).
    pub fn shared(&self) -> bool {
        matches!(self.backend, Backend::Shared(_))
    }

    /// Starts a session for repository `name`; returns its id.
    pub async fn start(&self, name: &str) -> Result<String, Error> {
        match &self.backend {
            Backend::Local(l) => Ok(l.start(name).await?.id),
            Backend::Shared(s) => Ok(s.start(name).await?.id),
        }
    }

    /// How many bytes session `id` of repository `name` holds.
    ///
    /// # Errors
    /// [`Error::UploadUnknown`] when there is no such session for that name.
    pub async fn status(&self, name: &str, id: &str) -> Result<u64, Error> {
        match &self.backend {
            Backend::Local(l) => l.status(name, id).await,
            Backend::Shared(s) => s.status(name, id).await,
        }
    }

    /// Appends `body` to session `id` of `name`. `start` is the first offset of a `Content-Range`, when the
    /// client sent one: it must equal the bytes already received. Returns the new length.
    ///
    /// # Errors
    /// [`Error::UploadUnknown`]; [`Error::RangeInvalid`] with the current length when `start` is not it (or
    /// another chunk was applied first); [`Error::SizeInvalid`] when the body is not `expected_len` bytes long
    /// (the chunk is then not kept); [`Error::InsufficientStorage`] below the free-space reserve.
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
        match &self.backend {
            Backend::Local(l) => l.append(name, id, start, expected_len, body).await,
            Backend::Shared(s) => s.append(name, id, start, expected_len, body).await,
        }
    }

    /// Completes session `id` of `name` as blob `digest`, with `body` as its final chunk (possibly empty).
    /// Returns the size.
    ///
    /// # Errors
    /// As [`Uploads::append`]; [`Error::DigestInvalid`] when the bytes do not hash to `digest` (nothing is
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
        match &self.backend {
            Backend::Local(l) => l.complete(name, id, digest, expected_len, body).await,
            Backend::Shared(s) => s.complete(name, id, digest, expected_len, body).await,
        }
    }

    /// Cancels session `id` of `name`: its bytes are removed.
    pub async fn cancel(&self, name: &str, id: &str) -> Result<(), Error> {
        match &self.backend {
            Backend::Local(l) => l.cancel(name, id).await,
            Backend::Shared(s) => s.cancel(name, id).await,
        }
    }

    /// Removes sessions older than the TTL with their bytes; returns how many.
    pub async fn sweep(&self) -> Result<usize, Error> {
        match &self.backend {
            Backend::Local(l) => l.sweep().await,
            Backend::Shared(s) => s.sweep().await,
        }
    }

    /// Runs [`Uploads::sweep`] every `period` until `stop`.
    pub async fn sweep_every(self, period: Duration, stop: tokio_util::sync::CancellationToken) {
        let mut ticks = tokio::time::interval(period);
        loop {
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = ticks.tick() => {}
            }
            match self.sweep().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(count = n, "removed expired upload sessions"),
                Err(e) => tracing::warn!(error = %e, "could not remove expired upload sessions"),
            }
        }
    }
}

/// What both kinds of session record say about who and when.
trait SessionRecord: Record {
    /// The repository name the session was started for.
    fn name(&self) -> &str;
    /// Milliseconds since the epoch when it started.
    fn started_ms(&self) -> u64;

    /// Whether it is older than `ttl` (and so as good as gone: the next sweep removes it).
    fn expired(&self, ttl: Duration) -> bool {
        crate::tasks::workers::now_ms().saturating_sub(self.started_ms()) > ttl.as_millis() as u64
    }
}

/// The live session `id` of repository `name` in `table`.
///
/// # Errors
/// [`Error::UploadUnknown`] when `id` is not a session id, there is no such session, it belongs to another
/// name, or it expired.
async fn live_record<T: SessionRecord>(
    table: &Table<T>,
    name: &str,
    id: &str,
    ttl: Duration,
) -> Result<T, Error> {
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(Error::UploadUnknown);
    }
    match table.get(id).await? {
        Some(r) if r.name() == name && !r.expired(ttl) => Ok(r),
        _ => Err(Error::UploadUnknown),
    }
}

fn internal(e: std::io::Error) -> Error {
    Error::Internal(anyhow::Error::new(e))
}

/// How much of a refused chunk is read and dropped before the refusal is answered (a longer one is cut off).
const REFUSED_BODY_DRAIN: u64 = 64 * 1024 * 1024;

/// Reads and drops `body` until it ends, fails, or `limit` bytes were read.
async fn drain<S, E>(body: S, limit: u64)
where
    S: Stream<Item = Result<Bytes, E>> + Send,
{
    let mut body = std::pin::pin!(body);
    let mut read = 0u64;
    while read < limit {
        match body.next().await {
            Some(Ok(chunk)) => read += chunk.len() as u64,
            _ => break,
        }
    }
}
