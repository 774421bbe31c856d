//! Counters of what the registry does, read by tests and (later) exported at `/metrics`.
//!
//! Process-wide atomics: counting must cost nothing on the request path and need no handle threaded through
//! every layer.

use std::sync::atomic::{AtomicU64, Ordering};

static BLOB_MOUNTS: AtomicU64 = AtomicU64::new(0);
static BLOB_UPLOADS: AtomicU64 = AtomicU64::new(0);
static BLOB_UPLOAD_BYTES: AtomicU64 = AtomicU64::new(0);

/// A blob was mounted into a repository instead of uploaded.
pub fn blob_mounted() {
    BLOB_MOUNTS.fetch_add(1, Ordering::Relaxed);
}

/// A blob upload of `size` bytes completed.
pub fn blob_uploaded(size: u64) {
    BLOB_UPLOADS.fetch_add(1, Ordering::Relaxed);
    BLOB_UPLOAD_BYTES.fetch_add(size, Ordering::Relaxed);
}

/// `(name, help, value)` of every counter, for the exposition.
pub fn counters() -> Vec<(&'static str, &'static str, u64)> {
    vec![
        (
            "pulpd_blob_mounts_total",
            "Blobs mounted from another repository instead of uploaded.",
            BLOB_MOUNTS.load(Ordering::Relaxed),
        ),
        (
            "pulpd_blob_uploads_total",
            "Blob uploads completed.",
            BLOB_UPLOADS.load(Ordering::Relaxed),
        ),
        (
            "pulpd_blob_upload_bytes_total",
            "Bytes of completed blob uploads.",
            BLOB_UPLOAD_BYTES.load(Ordering::Relaxed),
        ),
    ]
}
