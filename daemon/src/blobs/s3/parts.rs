//! [`SessionParts`] on the bucket: part `<part>` of upload session `<session>` is the object
//! `sessions/<session>/<part>` under the store's prefix.
//!
//! A part is written by the same [`S3Sink`] as a blob whose digest is known: kept in memory and sent as one PUT
//! when smaller than [`super::PART_SIZE`], else a multipart upload straight to the part's key, invisible until
//! [`PartWriter::finish`] completes it (with a marker under `uploads/<owner>/`, so a killed process's upload is
//! aborted by a later start-up cleanup, as for blobs). Dropping the writer aborts it.

use std::sync::Arc;

use bytes::Bytes;
use futures::TryStreamExt;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};

use super::{remote, split, Inner, S3Sink};
use crate::blobs::{BlobSink, BoxFuture, Chunks, Error, PartWriter, SessionParts};

/// Part objects, under the prefix.
const SESSIONS: &str = "sessions";

/// The parts of upload sessions in one S3 blob store's bucket.
pub(super) struct S3SessionParts {
    pub(super) inner: Arc<Inner>,
}

impl S3SessionParts {
    fn sessions_dir(&self) -> Path {
        self.inner.prefix.clone().join(SESSIONS)
    }

    fn session_dir(&self, session: &str) -> Path {
        self.sessions_dir().join(session)
    }

    fn key(&self, session: &str, part: &str) -> Path {
        self.session_dir(session).join(part)
    }
}

impl SessionParts for S3SessionParts {
    fn create<'a>(
        &'a self,
        session: &'a str,
        part: &'a str,
    ) -> BoxFuture<'a, Result<Box<dyn PartWriter>, Error>> {
        Box::pin(async move {
            let key = self.key(session, part);
            let writer: Box<dyn PartWriter> = Box::new(S3Part {
                sink: Box::new(S3Sink::new(&self.inner, Some(key.clone()))),
                key,
            });
            Ok(writer)
        })
    }

    fn read<'a>(&'a self, session: &'a str, part: &'a str) -> BoxFuture<'a, Result<Chunks, Error>> {
        Box::pin(async move {
            let key = self.key(session, part);
            let result = self
                .inner
                .s3
                .get(&key)
                .await
                .map_err(remote("reading", &key))?;
            let chunks: Chunks = Box::pin(
                result
                    .into_stream()
                    .map_err(std::io::Error::other)
                    .map_ok(|chunk| futures::stream::iter(split(chunk).map(Ok)))
                    .try_flatten(),
            );
            Ok(chunks)
        })
    }

    fn remove<'a>(&'a self, session: &'a str, part: &'a str) -> BoxFuture<'a, Result<(), Error>> {
        Box::pin(async move {
            let key = self.key(session, part);
            match self.inner.s3.delete(&key).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(remote("deleting", &key)(e)),
            }
        })
    }

    fn remove_session<'a>(&'a self, session: &'a str) -> BoxFuture<'a, Result<usize, Error>> {
        Box::pin(async move {
            let dir = self.session_dir(session);
            let keys: Vec<Path> = self
                .inner
                .s3
                .list(Some(&dir))
                .map_ok(|meta| meta.location)
                .try_collect()
                .await
                .map_err(remote("listing", &dir))?;
            for key in &keys {
                match self.inner.s3.delete(key).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                    Err(e) => return Err(remote("deleting", key)(e)),
                }
            }
            Ok(keys.len())
        })
    }

    fn sessions(&self) -> BoxFuture<'_, Result<Vec<String>, Error>> {
        Box::pin(async move {
            let dir = self.sessions_dir();
            let listing = self
                .inner
                .s3
                .list_with_delimiter(Some(&dir))
                .await
                .map_err(remote("listing", &dir))?;
            Ok(listing
                .common_prefixes
                .iter()
                .filter_map(|p| p.filename().map(str::to_owned))
                .collect())
        })
    }
}

/// One part being written: an [`S3Sink`] aimed at the part's key.
struct S3Part {
    sink: Box<S3Sink>,
    key: Path,
}

impl PartWriter for S3Part {
    fn write(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<(), Error>> {
        self.sink.write_bytes(chunk)
    }

    fn finish(self: Box<Self>) -> BoxFuture<'static, Result<(), Error>> {
        let S3Part { sink, key } = *self;
        sink.persist_to(key)
    }
}
