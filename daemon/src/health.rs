//! Readiness: whether this pulpd can take the traffic a load balancer would send it (`/readyz`).
//!
//! Owns the three checks and their order: the metadata store answers (it has not failed, see `store/mod.rs`),
//! the blob store takes a write, and the free-space reserve (`crate::space`) is kept. Liveness (`/livez`)
//! needs no check: answering at all is the proof. It does not decide what to do about a failure: a failed
//! store stops pulpd by itself (`lib.rs`), a full disk recovers when space is freed.
//!
//! Cost: a `statvfs`, and for files one create + write + unlink of a temporary file under `blobs/uploads/`
//! through the ordinary [`BlobWriter`](crate::blobs::BlobWriter) (dropping the writer removes it), so the check
//! exercises the path uploads take. For an S3 bucket a LIST of the prefix (`BlobStore::check`): a bucket
//! cannot be tested for writes without leaving an object behind, so "the bucket answers with these
//! credentials" is the check there. All of it is milliseconds, fine for a probe every few seconds.

use crate::app::App;
use serde::Serialize;

/// The outcome of each check: `None` when it passed, else why not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// Why the metadata store cannot be used.
    pub metadata_store: Option<String>,
    /// Why the blob store does not take writes.
    pub blob_store: Option<String>,
    /// Why the free-space reserve is not kept.
    pub free_space: Option<String>,
}

impl Readiness {
    /// Whether every check passed.
    pub fn is_ready(&self) -> bool {
        self.metadata_store.is_none() && self.blob_store.is_none() && self.free_space.is_none()
    }

    /// The reasons, joined, for a plain-text answer and the log.
    pub fn reasons(&self) -> String {
        [
            ("metadata store", &self.metadata_store),
            ("blob store", &self.blob_store),
            ("free space", &self.free_space),
        ]
        .iter()
        .filter_map(|(what, why)| why.as_ref().map(|why| format!("{what}: {why}")))
        .collect::<Vec<_>>()
        .join("; ")
    }
}

/// Runs every check (all of them, so the answer names every problem at once).
pub async fn readiness(app: &App) -> Readiness {
    let metadata_store = app.store.failure();
    let free_space = app.space.ensure(0).err().map(|e| e.to_string());
    // Below the reserve the blob writer refuses too; that is the free-space problem, reported once.
    let blob_store = if free_space.is_some() {
        None
    } else {
        blobs_writable(app).await.err()
    };
    Readiness {
        metadata_store,
        blob_store,
        free_space,
    }
}

/// Whether the blob store answers and takes a write (see the module doc).
async fn blobs_writable(app: &App) -> Result<(), String> {
    app.blobs.check().await.map_err(|e| e.to_string())?;
    let mut writer = app
        .blobs
        .writer(None, None)
        .await
        .map_err(|e| e.to_string())?;
    writer.write(b"readyz").await.map_err(|e| e.to_string())?;
    writer.flush().await.map_err(|e| e.to_string())?;
    // Dropped uncommitted: the temporary file is removed.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_name_each_failed_check() {
        let ready = Readiness::default();
        assert!(ready.is_ready());
        assert_eq!(ready.reasons(), "");
        let not = Readiness {
            metadata_store: Some("io error".into()),
            blob_store: None,
            free_space: Some("1 B free".into()),
        };
        assert!(!not.is_ready());
        assert_eq!(
            not.reasons(),
            "metadata store: io error; free space: 1 B free"
        );
    }
}
