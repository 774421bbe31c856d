//! Upload sessions every replica can use: the chunks are part objects in shared blob storage
//! ([`SessionParts`], the S3 bucket's `sessions/<id>/<part>`), the session is a record in the metadata store
//! holding its length and its ordered list of parts.
//!
//! - `PATCH`: the replica reads the record; a `Content-Range` not starting at its length is refused at once. The
//!   body is streamed into a new part object named `<offset, 20 digits>-<random>` (never buffered whole: the S3
//!   writer sends it in bounded multipart pieces), the part is finished (durable), and only then appended to the
//!   record by compare-and-swap ([`crate::store::Table::update`]): the append applies only if the record still
//!   has the length read at the start. Of two chunks racing on two replicas exactly one is applied; the other
//!   deletes its part and gets `416` with the winner's length. The chunk is acknowledged after the swap, so
//!   the length a `202` or `GET` answers is the record's, the same on every replica.
//! - `PUT`: the parts named by the record are streamed in order, then the request's own body (which never
//!   becomes a part: a monolithic `POST` + `PUT` writes no part at all), through one verifying
//!   [`crate::blobs::BlobWriter`] for the digest, so the blob is visible only once every byte hashed to it.
//!   `DIGEST_INVALID` leaves the record and its parts as they were (the `PUT`'s body is not kept), so the
//!   client may retry or cancel. On success the record is removed, then its parts.
//! - `DELETE` and the TTL sweep remove the record, then every part of the session.
//!
//! Nothing is left behind by a killed replica that a later sweep or start does not remove: a part still being
//! written is a multipart upload with a marker, aborted by the blob store's start-up cleanup; a finished part
//! the swap never took (a killed writer, or one whose session was completed meanwhile) is removed with its
//! session (`DELETE`, completion, TTL), or by [`SharedUploads::sweep`] when its session's record is gone.
//!
//! No process-local state: no lock, no hash kept between chunks (the digest is computed once, on `PUT`).

use super::{drain, live_record, Error, SessionRecord, REFUSED_BODY_DRAIN};
use crate::blobs::{BlobStore, BlobWriter, BoxFuture, Digest, PartWriter, SessionParts};
use crate::store::{self, Record, Store, Table, Write};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// What the store keeps of a shared session.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SharedRecord {
    pub id: String,
    /// The repository name the session was started for.
    pub name: String,
    /// Milliseconds since the epoch when it started.
    pub started_ms: u64,
    /// Bytes acknowledged: the sum of the parts' lengths, and the offset the next chunk must start at.
    pub len: u64,
    /// The chunks, in order.
    pub parts: Vec<Part>,
}

/// One chunk of a session: a part object and its length.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub len: u64,
}

impl Record for SharedRecord {
    fn id(&self) -> &str {
        &self.id
    }
}

impl SessionRecord for SharedRecord {
    fn name(&self) -> &str {
        &self.name
    }

    fn started_ms(&self) -> u64 {
        self.started_ms
    }
}

/// Upload sessions in shared storage.
#[derive(Clone)]
pub struct SharedUploads {
    table: Table<SharedRecord>,
    blobs: Arc<dyn BlobStore>,
    parts: Arc<dyn SessionParts>,
    ttl: Duration,
}

/// Why a chunk's compare-and-swap did not apply.
enum Refused {
    /// The record is gone (completed, cancelled, swept).
    Gone,
    /// Another chunk was applied first: the session now holds this many bytes.
    Moved(u64),
}

impl SharedUploads {
    /// The sessions in `store`, their parts in `parts` (from `blobs`).
    pub fn open(
        store: &Store,
        blobs: Arc<dyn BlobStore>,
        parts: Arc<dyn SessionParts>,
        ttl: Duration,
    ) -> Result<SharedUploads, Error> {
        Ok(SharedUploads {
            table: store.table("shared_upload_sessions", &[])?,
            blobs,
            parts,
            ttl,
        })
    }

    /// Starts a session for repository `name`.
    pub async fn start(&self, name: &str) -> Result<SharedRecord, Error> {
        let record = SharedRecord {
            id: uuid::Uuid::now_v7().to_string(),
            name: name.to_string(),
            started_ms: crate::tasks::workers::now_ms(),
            len: 0,
            parts: Vec::new(),
        };
        self.table.put(&record).await?;
        Ok(record)
    }

    /// How many bytes session `id` of `name` holds.
    ///
    /// # Errors
    /// [`Error::UploadUnknown`] when there is no such session for that name.
    pub async fn status(&self, name: &str, id: &str) -> Result<u64, Error> {
        Ok(self.record(name, id).await?.len)
    }

    async fn record(&self, name: &str, id: &str) -> Result<SharedRecord, Error> {
        live_record(&self.table, name, id, self.ttl).await
    }

    /// Appends `body` as the next chunk (see the module doc). Returns the new length.
    ///
    /// # Errors
    /// As [`super::Uploads::append`].
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
        let record = self.record(name, id).await?;
        let len = record.len;
        if let Some(start) = start.filter(|s| *s != len) {
            drain(body, REFUSED_BODY_DRAIN).await;
            return Err(range_invalid(start, len));
        }
        let part_name = format!("{len:020}-{}", uuid::Uuid::new_v4().simple());
        let mut writer = self.parts.create(id, &part_name).await.map_err(storage)?;
        // An error drops the writer, which discards the part.
        let written = copy(&mut writer, body, expected_len).await?;
        if written == 0 {
            return Ok(len);
        }
        writer.finish().await.map_err(storage)?;
        let part = Part {
            name: part_name,
            len: written,
        };
        let mut refused = None;
        let swapped = self
            .table
            .update(id, |current| match current {
                Some(mut r) if r.len == len && r.name == name => {
                    refused = None;
                    r.len += written;
                    r.parts.push(part.clone());
                    Some(Write::Put(r))
                }
                Some(r) => {
                    refused = Some(Refused::Moved(r.len));
                    None
                }
                None => {
                    refused = Some(Refused::Gone);
                    None
                }
            })
            .await;
        // A store error leaves the part: the swap may have applied (the answer was lost); if it did not, the
        // part goes with its session.
        swapped?;
        let Some(refused) = refused else {
            return Ok(len + written);
        };
        if let Err(e) = self.parts.remove(id, &part.name).await {
            tracing::warn!(session = id, part = part.name, error = %e, "cannot remove a refused chunk");
        }
        Err(match refused {
            Refused::Gone => Error::UploadUnknown,
            Refused::Moved(now) => Error::RangeInvalid {
                len: now,
                why: format!(
                    "chunk starts at {len} but another chunk was applied first; the upload holds {now} bytes"
                ),
            },
        })
    }

    /// Completes session `id` of `name` as blob `digest` (see the module doc). Returns the size.
    ///
    /// # Errors
    /// As [`super::Uploads::complete`].
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
        let record = self.record(name, id).await?;
        let mut writer = self
            .blobs
            .writer(Some(digest), None)
            .await
            .map_err(storage)?;
        for part in &record.parts {
            let chunks = self.parts.read(id, &part.name).await.map_err(storage)?;
            let before = writer.written();
            writer.write_stream(chunks).await.map_err(storage)?;
            if writer.written() - before != part.len {
                return Err(Error::Internal(anyhow::anyhow!(
                    "part {} of upload {id} has {} bytes, its record says {}",
                    part.name,
                    writer.written() - before,
                    part.len
                )));
            }
        }
        copy(&mut writer, body, expected_len).await?;
        let size = match writer.commit().await {
            Ok((_, size)) => size,
            Err(crate::blobs::Error::DigestMismatch { actual, .. }) => {
                return Err(Error::DigestInvalid(format!(
                    "the upload's digest is {actual}, not {digest}"
                )))
            }
            Err(e) => return Err(storage(e)),
        };
        self.forget(id).await?;
        Ok(size)
    }

    /// Cancels session `id` of `name`: its record and parts are removed.
    pub async fn cancel(&self, name: &str, id: &str) -> Result<(), Error> {
        self.record(name, id).await?;
        self.forget(id).await
    }

    /// Removes the record, then the parts (parts left by a crash in between are removed by a sweep).
    async fn forget(&self, id: &str) -> Result<(), Error> {
        self.table.remove(id).await?;
        self.parts.remove_session(id).await.map_err(storage)?;
        Ok(())
    }

    /// Removes sessions older than the TTL with their parts, and parts whose session has no record; returns
    /// how many sessions were removed.
    pub async fn sweep(&self) -> Result<usize, Error> {
        let all = self.table.all("", store::Order::Asc).await?;
        let mut removed = 0;
        for r in all.iter().filter(|r| r.expired(self.ttl)) {
            self.forget(&r.id).await?;
            removed += 1;
        }
        // A record is written before any part of its session, so parts without one are leftovers.
        for session in self.parts.sessions().await.map_err(storage)? {
            if self.table.get(&session).await?.is_none() {
                let n = self.parts.remove_session(&session).await.map_err(storage)?;
                tracing::info!(
                    session,
                    parts = n,
                    "removed the parts of an unknown upload session"
                );
            }
        }
        Ok(removed)
    }
}

/// Where [`copy`] puts a body's chunks: a part, or the blob writer of a completion (the final body).
trait ChunkSink: Send {
    fn put(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<(), crate::blobs::Error>>;
}

impl ChunkSink for Box<dyn PartWriter> {
    fn put(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<(), crate::blobs::Error>> {
        self.write(chunk)
    }
}

impl ChunkSink for BlobWriter {
    fn put(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<(), crate::blobs::Error>> {
        Box::pin(self.write_bytes(chunk))
    }
}

/// Streams `body` into `sink`, checking it against `expected_len`; returns the bytes written.
async fn copy<W, S, E>(sink: &mut W, body: S, expected_len: Option<u64>) -> Result<u64, Error>
where
    W: ChunkSink,
    S: Stream<Item = Result<Bytes, E>> + Send,
    E: std::fmt::Display,
{
    let mut body = std::pin::pin!(body);
    let mut written = 0u64;
    while let Some(chunk) = body.next().await {
        let chunk =
            chunk.map_err(|e| Error::Incomplete(format!("the request body failed: {e}")))?;
        if expected_len.is_some_and(|n| written + chunk.len() as u64 > n) {
            return Err(Error::SizeInvalid(
                "the body is longer than its Content-Length".into(),
            ));
        }
        written += chunk.len() as u64;
        sink.put(chunk).await.map_err(storage)?;
    }
    if let Some(n) = expected_len.filter(|n| *n != written) {
        return Err(Error::SizeInvalid(format!(
            "the body has {written} bytes, its Content-Length says {n}"
        )));
    }
    Ok(written)
}

fn range_invalid(start: u64, len: u64) -> Error {
    Error::RangeInvalid {
        len,
        why: format!("chunk starts at {start} but the upload holds {len} bytes"),
    }
}

/// The error of a blob storage operation: out of space as such, the rest internal.
fn storage(e: crate::blobs::Error) -> Error {
    match e {
        crate::blobs::Error::InsufficientStorage(e) => Error::InsufficientStorage(e),
        e => Error::Internal(anyhow::Error::new(e)),
    }
}
