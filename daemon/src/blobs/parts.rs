//! [`SessionParts`]: the part objects of blob upload sessions in storage that every replica reads (the S3
//! backend), so that each chunk of a session may reach any replica (`push/uploads/shared.rs` keeps the session's
//! record and its ordered list of parts in the metadata store).
//!
//! A part is one chunk of one session, stored whole under a name the session logic chooses. Parts are **not**
//! blobs: nothing verifies them, nothing serves them, and [`super::BlobStore::list`] does not see them. They
//! become a blob only by being streamed, in order, through a verifying [`super::BlobWriter`].
//!
//! A backend without shared storage (the filesystem) has no parts: [`super::BlobStore::session_parts`] answers
//! `None` and sessions stay in local files.

use bytes::Bytes;

use super::{BoxFuture, Chunks, Error};

/// Part objects of upload sessions, by session id and part name.
pub trait SessionParts: Send + Sync + 'static {
    /// Starts writing part `part` of session `session`. Nothing is readable under that name before
    /// [`PartWriter::finish`]; dropping the writer discards what it wrote.
    fn create<'a>(
        &'a self,
        session: &'a str,
        part: &'a str,
    ) -> BoxFuture<'a, Result<Box<dyn PartWriter>, Error>>;

    /// The bytes of a finished part, in order.
    ///
    /// # Errors
    /// [`Error::Remote`] (also when the part does not exist: a session record never names a missing part).
    fn read<'a>(&'a self, session: &'a str, part: &'a str) -> BoxFuture<'a, Result<Chunks, Error>>;

    /// Removes one part; a missing part is not an error.
    fn remove<'a>(&'a self, session: &'a str, part: &'a str) -> BoxFuture<'a, Result<(), Error>>;

    /// Removes every part of `session` (finished ones; a part still being written is removed by its own
    /// writer, or by the backend's start-up cleanup when its process died). Returns how many.
    fn remove_session<'a>(&'a self, session: &'a str) -> BoxFuture<'a, Result<usize, Error>>;

    /// The ids of the sessions that have at least one finished part (for removing parts whose session is gone).
    fn sessions(&self) -> BoxFuture<'_, Result<Vec<String>, Error>>;
}

/// One part being written. Dropping it without [`PartWriter::finish`] discards it.
pub trait PartWriter: Send {
    /// Appends `chunk`.
    fn write(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<(), Error>>;

    /// Makes the part durable and readable under its name; only then may a session record name it.
    fn finish(self: Box<Self>) -> BoxFuture<'static, Result<(), Error>>;
}
