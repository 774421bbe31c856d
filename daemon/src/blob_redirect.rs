//! `--blob-redirect`: a blob GET answered with `307 Temporary Redirect` to a presigned URL of the S3 blob store,
//! so the bytes flow from the bucket to the client and not through pulpd.
//!
//! Owns: whether a store can redirect (refused at start otherwise, see [`Unsupported`]) and how long a URL is
//! valid ([`EXPIRES_IN`], fixed). The registry decides *when* to redirect (`Registry::blob_get`): only a whole
//! GET of a blob that the repository serves and that is already stored; HEAD, ranged GETs, pull-through blobs
//! still being fetched and on-demand blobs not yet stored stream through pulpd as without the flag.

use crate::blobs::{BlobStore, Digest, Error};
use std::sync::Arc;
use std::time::Duration;

/// How long a presigned URL is valid: enough for a client to follow the redirect and for a slow download to
/// start (S3 checks the expiry when the request arrives, not while the body streams), short enough that a
/// leaked URL soon stops working.
pub const EXPIRES_IN: Duration = Duration::from_secs(15 * 60);

/// `--blob-redirect` on a blob store that has no URLs to give (the filesystem store).
#[derive(Debug, thiserror::Error)]
#[error(
    "--blob-redirect needs the S3 blob store (--blobs s3://bucket/prefix): the filesystem blob store has no URL \
     to redirect clients to"
)]
pub struct Unsupported;

/// Signs blob GET URLs for redirects.
#[derive(Clone)]
pub struct BlobRedirect {
    blobs: Arc<dyn BlobStore>,
}

impl BlobRedirect {
    /// # Errors
    /// [`Unsupported`] when `blobs` cannot sign URLs.
    pub fn new(blobs: Arc<dyn BlobStore>) -> Result<BlobRedirect, Unsupported> {
        if blobs.can_sign() {
            Ok(BlobRedirect { blobs })
        } else {
            Err(Unsupported)
        }
    }

    /// Where a client can GET the stored blob `digest` for the next [`EXPIRES_IN`]. The caller has checked
    /// that the blob is stored (signing does not ask the bucket).
    pub async fn location(&self, digest: &Digest) -> Result<Option<String>, Error> {
        self.blobs.signed_get_url(digest, EXPIRES_IN).await
    }
}
