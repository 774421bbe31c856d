//! Reclaim space (`POST /pulp/api/v3/repositories/reclaim_space/`, a task, as Pulp): drops the stored bytes of
//! the blobs the given repositories hold, keeping every record and version, so that the next pull fetches them
//! again from where they came from.
//!
//! What goes: a blob some version of a listed repository references whose bytes are stored and whose record
//! knows its `origin` (the remote it was synced or pulled through from; pushed blobs have none and stay, as
//! Pulp keeps content without remote artifacts), unless a version of another repository, a kept version
//! (`repo_versions_keep`) or a pending push references it.
//!
//! Order, for each blob: its record becomes on-demand again (its origin as the source) first, then the store is
//! flushed, then the file is deleted. A crash in between leaves an on-demand record whose file is still there,
//! which serves as a stored one (readers look at the file first); never a stored record without its file. The
//! delete happens under the content gate ([`crate::content::Content::deleting`]) after checking the record once
//! more: a sync that found the file and recorded it stored meanwhile keeps it. A pull that found the file just
//! before it went fetches it again (the registry retries once on a vanished file).

use crate::blobs::{BlobStore, Digest};
use crate::content::{Content, Repositories, VersionContent};
use crate::push::PendingBlobs;
use crate::store::Store;
use crate::tasks::{TaskBody, TaskContext, TaskFailure};
use pulp_shared::api::ProgressReport;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Pulp's task name.
pub const TASK_NAME: &str = "pulpcore.app.tasks.reclaim_space.reclaim_space";

/// Progress report code and message (Pulp's).
const CODE: &str = "reclaim_space.content";
const MESSAGE: &str = "Reclaim disk space";

/// What to reclaim: repositories by id, and versions (`(repository id, number)`) whose content stays.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub repositories: BTreeSet<String>,
    pub keep: Vec<(String, u64)>,
}

/// What a reclaim dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reclaimed {
    /// Blobs whose bytes were dropped.
    pub blobs: u64,
    pub bytes: u64,
}

/// The reclaim service.
#[derive(Clone)]
pub struct Reclaim {
    store: Store,
    repositories: Repositories,
    pending: PendingBlobs,
    blobs: Arc<dyn BlobStore>,
}

impl Reclaim {
    pub fn new(
        store: Store,
        repositories: Repositories,
        pending: PendingBlobs,
        blobs: Arc<dyn BlobStore>,
    ) -> Reclaim {
        Reclaim {
            store,
            repositories,
            pending,
            blobs,
        }
    }

    fn content(&self) -> &Content {
        &self.repositories.content
    }

    /// The task body of `request`.
    pub fn task(&self, request: Request) -> TaskBody {
        let reclaim = self.clone();
        Box::new(move |ctx: TaskContext| {
            Box::pin(async move {
                let report = move |r: ProgressReport| ctx.progress(r);
                reclaim
                    .run(&request, &report)
                    .await
                    .map_err(|e| TaskFailure(format!("reclaiming space failed: {e}")))?;
                Ok(Vec::new())
            })
        })
    }

    /// The blobs `request` may drop: held by a listed repository and by nothing else that stays.
    async fn candidates(&self, request: &Request) -> anyhow::Result<BTreeSet<String>> {
        let mut listed: BTreeSet<String> = BTreeSet::new();
        let mut elsewhere: HashSet<String> = self.pending.digests().await?;
        self.content()
            .each_version(|repo_id, c| {
                if request.repositories.contains(repo_id) {
                    listed.extend(c.blobs.iter().cloned());
                } else {
                    elsewhere.extend(c.blobs.iter().cloned());
                }
            })
            .await?;
        for (repo_id, number) in &request.keep {
            let kept: Arc<VersionContent> = self.content().version(repo_id, *number).await?;
            elsewhere.extend(kept.blobs.iter().cloned());
        }
        Ok(listed
            .into_iter()
            .filter(|b| !elsewhere.contains(b))
            .collect())
    }

    /// Reclaims what `request` names, reporting progress (blobs and bytes dropped).
    pub async fn run(
        &self,
        request: &Request,
        progress: &(dyn Fn(ProgressReport) + Send + Sync),
    ) -> anyhow::Result<Reclaimed> {
        let candidates = self.candidates(request).await?;
        let report = |done: u64, total: Option<u64>, state: &str| {
            progress(ProgressReport {
                message: MESSAGE.into(),
                code: CODE.into(),
                state: state.into(),
                total,
                done,
                suffix: None,
            })
        };
        // 1. Records: on demand again, from their origin, while their files are still there.
        let mut marked: HashMap<Digest, u64> = HashMap::new();
        for b in &candidates {
            let Ok(digest) = Digest::parse(b) else {
                continue;
            };
            let Some(size) = self.blobs.contains(&digest).await? else {
                continue;
            };
            if self.content().mark_on_demand(b).await? {
                marked.insert(digest, size);
            }
        }
        report(0, Some(marked.len() as u64), "running");
        self.store.flush().await?;
        // 2. Files, each after a last look at its record under the gate.
        let mut reclaimed = Reclaimed::default();
        for (digest, size) in &marked {
            let _deleting = self.content().deleting().await;
            let still = self
                .content()
                .blob(digest.as_str())
                .await?
                .is_some_and(|r| r.on_demand.is_some());
            if still && self.blobs.delete(digest).await? {
                reclaimed.blobs += 1;
                reclaimed.bytes += size;
            }
            report(reclaimed.blobs, Some(marked.len() as u64), "running");
        }
        report(reclaimed.blobs, Some(marked.len() as u64), "completed");
        tracing::info!(
            blobs = reclaimed.blobs,
            bytes = reclaimed.bytes,
            "reclaimed space"
        );
        Ok(reclaimed)
    }
}
